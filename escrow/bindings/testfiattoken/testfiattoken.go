// Code generated via abigen V2 - DO NOT EDIT.
// This file is a generated binding and any manual changes will be lost.

package testfiattoken

import (
	"bytes"
	"errors"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// Reference imports to suppress errors if they are not otherwise used.
var (
	_ = bytes.Equal
	_ = errors.New
	_ = big.NewInt
	_ = common.Big1
	_ = types.BloomLookup
	_ = abi.ConvertType
)

// TestFiatTokenMetaData contains all meta data concerning the TestFiatToken contract.
var TestFiatTokenMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"authorizer\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"nonce\",\"type\":\"bytes32\"}],\"name\":\"AuthorizationAlreadyUsed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"validBefore\",\"type\":\"uint256\"}],\"name\":\"AuthorizationExpired\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"validAfter\",\"type\":\"uint256\"}],\"name\":\"AuthorizationNotYetValid\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"payee\",\"type\":\"address\"}],\"name\":\"CallerMustBePayee\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ECDSAInvalidSignature\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"length\",\"type\":\"uint256\"}],\"name\":\"ECDSAInvalidSignatureLength\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"s\",\"type\":\"bytes32\"}],\"name\":\"ECDSAInvalidSignatureS\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"spender\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"allowance\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"needed\",\"type\":\"uint256\"}],\"name\":\"ERC20InsufficientAllowance\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"sender\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"balance\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"needed\",\"type\":\"uint256\"}],\"name\":\"ERC20InsufficientBalance\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"approver\",\"type\":\"address\"}],\"name\":\"ERC20InvalidApprover\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"receiver\",\"type\":\"address\"}],\"name\":\"ERC20InvalidReceiver\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"sender\",\"type\":\"address\"}],\"name\":\"ERC20InvalidSender\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"spender\",\"type\":\"address\"}],\"name\":\"ERC20InvalidSpender\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"deadline\",\"type\":\"uint256\"}],\"name\":\"ERC2612ExpiredSignature\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"}],\"name\":\"ERC2612InvalidSigner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"currentNonce\",\"type\":\"uint256\"}],\"name\":\"InvalidAccountNonce\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"authorizer\",\"type\":\"address\"}],\"name\":\"InvalidAuthorizationSigner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"}],\"name\":\"OwnableInvalidOwner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"OwnableUnauthorizedAccount\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"string\",\"name\":\"str\",\"type\":\"string\"}],\"name\":\"StringTooLong\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"spender\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"Approval\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"authorizer\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"nonce\",\"type\":\"bytes32\"}],\"name\":\"AuthorizationCanceled\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"authorizer\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"nonce\",\"type\":\"bytes32\"}],\"name\":\"AuthorizationUsed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[],\"name\":\"EIP712DomainChanged\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"previousOwner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"OwnershipTransferred\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"Transfer\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"CANCEL_AUTHORIZATION_TYPEHASH\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"DOMAIN_SEPARATOR\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"RECEIVE_WITH_AUTHORIZATION_TYPEHASH\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"TRANSFER_WITH_AUTHORIZATION_TYPEHASH\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"spender\",\"type\":\"address\"}],\"name\":\"allowance\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"spender\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"approve\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"authorizer\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"nonce\",\"type\":\"bytes32\"}],\"name\":\"authorizationState\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"balanceOf\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"authorizer\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"nonce\",\"type\":\"bytes32\"},{\"internalType\":\"uint8\",\"name\":\"v\",\"type\":\"uint8\"},{\"internalType\":\"bytes32\",\"name\":\"r\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"s\",\"type\":\"bytes32\"}],\"name\":\"cancelAuthorization\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"decimals\",\"outputs\":[{\"internalType\":\"uint8\",\"name\":\"\",\"type\":\"uint8\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"eip712Domain\",\"outputs\":[{\"internalType\":\"bytes1\",\"name\":\"\",\"type\":\"bytes1\"},{\"internalType\":\"string\",\"name\":\"\",\"type\":\"string\"},{\"internalType\":\"string\",\"name\":\"\",\"type\":\"string\"},{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"},{\"internalType\":\"uint256[]\",\"name\":\"\",\"type\":\"uint256[]\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"mint\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"name\",\"outputs\":[{\"internalType\":\"string\",\"name\":\"\",\"type\":\"string\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"}],\"name\":\"nonces\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"owner\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"spender\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"deadline\",\"type\":\"uint256\"},{\"internalType\":\"uint8\",\"name\":\"v\",\"type\":\"uint8\"},{\"internalType\":\"bytes32\",\"name\":\"r\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"s\",\"type\":\"bytes32\"}],\"name\":\"permit\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"validAfter\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"validBefore\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"nonce\",\"type\":\"bytes32\"},{\"internalType\":\"uint8\",\"name\":\"v\",\"type\":\"uint8\"},{\"internalType\":\"bytes32\",\"name\":\"r\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"s\",\"type\":\"bytes32\"}],\"name\":\"receiveWithAuthorization\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"renounceOwnership\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"symbol\",\"outputs\":[{\"internalType\":\"string\",\"name\":\"\",\"type\":\"string\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"totalSupply\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"transfer\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"transferFrom\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"transferOwnership\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"validAfter\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"validBefore\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"nonce\",\"type\":\"bytes32\"},{\"internalType\":\"uint8\",\"name\":\"v\",\"type\":\"uint8\"},{\"internalType\":\"bytes32\",\"name\":\"r\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"s\",\"type\":\"bytes32\"}],\"name\":\"transferWithAuthorization\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"version\",\"outputs\":[{\"internalType\":\"string\",\"name\":\"\",\"type\":\"string\"}],\"stateMutability\":\"pure\",\"type\":\"function\"}]",
	ID:  "TestFiatToken",
	Bin: "0x610160604052348015610010575f5ffd5b5060405161186338038061186383398101604081905261002f9161027b565b808060405180604001604052806008815260200167546573745553444360c01b81525080604051806040016040528060018152602001603160f81b81525060405180604001604052806008815260200167546573745553444360c01b815250604051806040016040528060048152602001635553444360e01b81525081600390816100ba9190610340565b5060046100c78282610340565b506100d7915083905060056101bb565b610120526100e68160066101bb565b61014052815160208084019190912060e052815190820120610100524660a05261017260e05161010051604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201529081019290925260608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b60805250503060c052506001600160a01b0381166101aa57604051631e4fbdf760e01b81525f60048201526024015b60405180910390fd5b6101b3816101ed565b505050610452565b5f6020835110156101d6576101cf8361023e565b90506101e7565b816101e18482610340565b5060ff90505b92915050565b600980546001600160a01b038381166001600160a01b0319831681179093556040519116919082907f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e0905f90a35050565b5f5f829050601f81511115610268578260405163305a27a960e01b81526004016101a191906103fa565b80516102738261042f565b179392505050565b5f6020828403121561028b575f5ffd5b81516001600160a01b03811681146102a1575f5ffd5b9392505050565b634e487b7160e01b5f52604160045260245ffd5b600181811c908216806102d057607f821691505b6020821081036102ee57634e487b7160e01b5f52602260045260245ffd5b50919050565b601f82111561033b57805f5260205f20601f840160051c810160208510156103195750805b601f840160051c820191505b81811015610338575f8155600101610325565b50505b505050565b81516001600160401b03811115610359576103596102a8565b61036d8161036784546102bc565b846102f4565b6020601f82116001811461039f575f83156103885750848201515b5f19600385901b1c1916600184901b178455610338565b5f84815260208120601f198516915b828110156103ce57878501518255602094850194600190920191016103ae565b50848210156103eb57868401515f19600387901b60f8161c191681555b50505050600190811b01905550565b602081525f82518060208401528060208501604085015e5f604082850101526040601f19601f83011684010191505092915050565b805160208083015191908110156102ee575f1960209190910360031b1b16919050565b60805160a05160c05160e0516101005161012051610140516113d561048e5f395f50505f50505f50505f50505f50505f50505f50506113d55ff3fe608060405234801561000f575f5ffd5b506004361061016d575f3560e01c80637f2eecc3116100d9578063d505accf11610093578063e3ee160e1161006e578063e3ee160e1461039a578063e94a0102146103ad578063ef55bec6146103e5578063f2fde38b146103f8575f5ffd5b8063d505accf14610328578063d91694871461033b578063dd62ed3e14610362575f5ffd5b80637f2eecc31461028a57806384b0196e146102b15780638da5cb5b146102cb57806395d89b41146102e6578063a0cc6a68146102ee578063a9059cbb14610315575f5ffd5b806340c10f191161012a57806340c10f191461020257806354fd4d50146102175780635a049a701461023457806370a0823114610247578063715018a61461026f5780637ecebe0014610277575f5ffd5b806306fdde0314610171578063095ea7b3146101a357806318160ddd146101c657806323b872dd146101d8578063313ce567146101eb5780633644e515146101fa575b5f5ffd5b6040805180820190915260048152635553444360e01b60208201525b60405161019a91906110b9565b60405180910390f35b6101b66101b13660046110ed565b61040b565b604051901515815260200161019a565b6002545b60405190815260200161019a565b6101b66101e6366004611115565b610424565b6040516006815260200161019a565b6101ca610447565b6102156102103660046110ed565b610455565b005b6040805180820190915260018152601960f91b602082015261018d565b61021561024236600461115f565b61046b565b6101ca6102553660046111a9565b6001600160a01b03165f9081526020819052604090205490565b6102156105e1565b6101ca6102853660046111a9565b6105f4565b6101ca7fd099cc98ef71107a616c4f0f941f04c322d8e254fe26b3c6668db87aae413de881565b6102b85f5ffd5b60405161019a97969594939291906111c2565b6009546040516001600160a01b03909116815260200161019a565b61018d610611565b6101ca7f7c7c6cdb67a18743f49ec6fa9b35f50d52ed05cbed4cc592e13b44501c1a226781565b6101b66103233660046110ed565b6106a1565b610215610336366004611258565b6106ae565b6101ca7f158b0a9edf7a828aad02f63cd515c68ef2f50ba807396f6d12842833a159742981565b6101ca6103703660046112be565b6001600160a01b039182165f90815260016020908152604080832093909416825291909152205490565b6102156103a83660046112ef565b6107e4565b6101b66103bb3660046110ed565b6001600160a01b03919091165f908152600860209081526040808320938352929052205460ff1690565b6102156103f33660046112ef565b61082c565b6102156104063660046111a9565b610898565b5f336104188185856108d5565b60019150505b92915050565b5f336104318582856108e7565b61043c858585610963565b506001949350505050565b5f6104506109c0565b905090565b61045d610a64565b6104678282610a91565b5050565b6001600160a01b0385165f90815260086020908152604080832087845290915290205460ff16156104c65760405163d309466d60e01b81526001600160a01b0386166004820152602481018590526044015b60405180910390fd5b604080517f158b0a9edf7a828aad02f63cd515c68ef2f50ba807396f6d12842833a159742960208201526001600160a01b03871691810191909152606081018590525f9061052d906080015b60405160208183030381529060405280519060200120610ac5565b90505f61053c82868686610af1565b9050866001600160a01b0316816001600160a01b031614610583576040516319db80d760e31b81526001600160a01b038083166004830152881660248201526044016104bd565b6001600160a01b0387165f8181526008602090815260408083208a8452909152808220805460ff19166001179055518892917f1cdd46ff242716cdaa72d159d339a485b3438398348d68f09d7c8c0a59353d8191a350505050505050565b6105e9610a64565b6105f25f610b1d565b565b6001600160a01b0381165f9081526007602052604081205461041e565b6060600480546106209061136a565b80601f016020809104026020016040519081016040528092919081815260200182805461064c9061136a565b80156106975780601f1061066e57610100808354040283529160200191610697565b820191905f5260205f20905b81548152906001019060200180831161067a57829003601f168201915b5050505050905090565b5f33610418818585610963565b834211156106d25760405163313c898160e11b8152600481018590526024016104bd565b5f7f6e71edae12b1b97f4d1f60370fef10105fa2faae0126114a169c64845d6126c988888861071d8c6001600160a01b03165f90815260076020526040902080546001810190915590565b6040805160208101969096526001600160a01b0394851690860152929091166060840152608083015260a082015260c0810186905260e0016040516020818303038152906040528051906020012090505f61077782610ac5565b90505f61078682878787610af1565b9050896001600160a01b0316816001600160a01b0316146107cd576040516325c0072360e11b81526001600160a01b0380831660048301528b1660248201526044016104bd565b6107d88a8a8a6108d5565b50505050505050505050565b6108167f7c7c6cdb67a18743f49ec6fa9b35f50d52ed05cbed4cc592e13b44501c1a22678a8a8a8a8a8a8a8a8a610b6e565b610821898989610963565b505050505050505050565b6001600160a01b038816331461086657604051631c5939f360e01b81523360048201526001600160a01b03891660248201526044016104bd565b6108167fd099cc98ef71107a616c4f0f941f04c322d8e254fe26b3c6668db87aae413de88a8a8a8a8a8a8a8a8a610b6e565b6108a0610a64565b6001600160a01b0381166108c957604051631e4fbdf760e01b81525f60048201526024016104bd565b6108d281610b1d565b50565b6108e28383836001610d13565b505050565b6001600160a01b038381165f908152600160209081526040808320938616835292905220545f1981101561095d578181101561094f57604051637dc7a0d960e11b81526001600160a01b038416600482015260248101829052604481018390526064016104bd565b61095d84848484035f610d13565b50505050565b6001600160a01b03831661098c57604051634b637e8f60e11b81525f60048201526024016104bd565b6001600160a01b0382166109b55760405163ec442f0560e01b81525f60048201526024016104bd565b6108e2838383610de5565b604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201527fd6aca1be9729c13d677335161321649cccae6a591554772516700f986f942eaa918101919091527fad7c5bef027816a800da1736444fb58a807ef4c9603b7848673f7e3a68eb14a560608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b6009546001600160a01b031633146105f25760405163118cdaa760e01b81523360048201526024016104bd565b6001600160a01b038216610aba5760405163ec442f0560e01b81525f60048201526024016104bd565b6104675f8383610de5565b5f61041e610ad16109c0565b8360405161190160f01b8152600281019290925260228201526042902090565b5f5f5f5f610b0188888888610f0b565b925092509250610b118282610fd3565b50909695505050505050565b600980546001600160a01b038381166001600160a01b0319831681179093556040519116919082907f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e0905f90a35050565b854211610b9157604051637a4df07960e01b8152600481018790526024016104bd565b844210610bb457604051633d91b05f60e01b8152600481018690526024016104bd565b6001600160a01b0389165f90815260086020908152604080832087845290915290205460ff1615610c0a5760405163d309466d60e01b81526001600160a01b038a166004820152602481018590526044016104bd565b60408051602081018c90526001600160a01b03808c169282019290925290891660608201526080810188905260a0810187905260c0810186905260e081018590525f90610c5a9061010001610512565b90505f610c6982868686610af1565b90508a6001600160a01b0316816001600160a01b031614610cb0576040516319db80d760e31b81526001600160a01b0380831660048301528c1660248201526044016104bd565b6001600160a01b038b165f8181526008602090815260408083208a8452909152808220805460ff19166001179055518892917f98de503528ee59b575ef0c0a2576a82497bfc029a5685b209e9ec333479b10a591a3505050505050505050505050565b6001600160a01b038416610d3c5760405163e602df0560e01b81525f60048201526024016104bd565b6001600160a01b038316610d6557604051634a1406b160e11b81525f60048201526024016104bd565b6001600160a01b038085165f908152600160209081526040808320938716835292905220829055801561095d57826001600160a01b0316846001600160a01b03167f8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b92584604051610dd791815260200190565b60405180910390a350505050565b6001600160a01b038316610e0f578060025f828254610e0491906113a2565b90915550610e7f9050565b6001600160a01b0383165f9081526020819052604090205481811015610e615760405163391434e360e21b81526001600160a01b038516600482015260248101829052604481018390526064016104bd565b6001600160a01b0384165f9081526020819052604090209082900390555b6001600160a01b038216610e9b57600280548290039055610eb9565b6001600160a01b0382165f9081526020819052604090208054820190555b816001600160a01b0316836001600160a01b03167fddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef83604051610efe91815260200190565b60405180910390a3505050565b5f80807f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0841115610f4457505f91506003905082610fc9565b604080515f808252602082018084528a905260ff891692820192909252606081018790526080810186905260019060a0016020604051602081039080840390855afa158015610f95573d5f5f3e3d5ffd5b5050604051601f1901519150506001600160a01b038116610fc057505f925060019150829050610fc9565b92505f91508190505b9450945094915050565b5f826003811115610fe657610fe66113c1565b03610fef575050565b6001826003811115611003576110036113c1565b036110215760405163f645eedf60e01b815260040160405180910390fd5b6002826003811115611035576110356113c1565b036110565760405163fce698f760e01b8152600481018290526024016104bd565b600382600381111561106a5761106a6113c1565b03610467576040516335e2f38360e21b8152600481018290526024016104bd565b5f81518084528060208401602086015e5f602082860101526020601f19601f83011685010191505092915050565b602081525f6110cb602083018461108b565b9392505050565b80356001600160a01b03811681146110e8575f5ffd5b919050565b5f5f604083850312156110fe575f5ffd5b611107836110d2565b946020939093013593505050565b5f5f5f60608486031215611127575f5ffd5b611130846110d2565b925061113e602085016110d2565b929592945050506040919091013590565b803560ff811681146110e8575f5ffd5b5f5f5f5f5f60a08688031215611173575f5ffd5b61117c866110d2565b9450602086013593506111916040870161114f565b94979396509394606081013594506080013592915050565b5f602082840312156111b9575f5ffd5b6110cb826110d2565b60ff60f81b8816815260e060208201525f6111e060e083018961108b565b82810360408401526111f2818961108b565b606084018890526001600160a01b038716608085015260a0840186905283810360c0850152845180825260208087019350909101905f5b81811015611247578351835260209384019390920191600101611229565b50909b9a5050505050505050505050565b5f5f5f5f5f5f5f60e0888a03121561126e575f5ffd5b611277886110d2565b9650611285602089016110d2565b955060408801359450606088013593506112a16080890161114f565b9699959850939692959460a0840135945060c09093013592915050565b5f5f604083850312156112cf575f5ffd5b6112d8836110d2565b91506112e6602084016110d2565b90509250929050565b5f5f5f5f5f5f5f5f5f6101208a8c031215611308575f5ffd5b6113118a6110d2565b985061131f60208b016110d2565b975060408a0135965060608a0135955060808a0135945060a08a0135935061134960c08b0161114f565b989b979a50959894979396929550929360e081013593506101000135919050565b600181811c9082168061137e57607f821691505b60208210810361139c57634e487b7160e01b5f52602260045260245ffd5b50919050565b8082018082111561041e57634e487b7160e01b5f52601160045260245ffd5b634e487b7160e01b5f52602160045260245ffd",
}

// TestFiatToken is an auto generated Go binding around an Ethereum contract.
type TestFiatToken struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *TestFiatToken) GetABI() abi.ABI {
	return c.abi
}

// NewTestFiatToken creates a new instance of TestFiatToken.
func NewTestFiatToken() *TestFiatToken {
	parsed, err := TestFiatTokenMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &TestFiatToken{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *TestFiatToken) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(address owner) returns()
func (testFiatToken *TestFiatToken) PackConstructor(owner common.Address) []byte {
	enc, err := testFiatToken.abi.Pack("", owner)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackCANCELAUTHORIZATIONTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd9169487.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function CANCEL_AUTHORIZATION_TYPEHASH() view returns(bytes32)
func (testFiatToken *TestFiatToken) PackCANCELAUTHORIZATIONTYPEHASH() []byte {
	enc, err := testFiatToken.abi.Pack("CANCEL_AUTHORIZATION_TYPEHASH")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCANCELAUTHORIZATIONTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd9169487.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function CANCEL_AUTHORIZATION_TYPEHASH() view returns(bytes32)
func (testFiatToken *TestFiatToken) TryPackCANCELAUTHORIZATIONTYPEHASH() ([]byte, error) {
	return testFiatToken.abi.Pack("CANCEL_AUTHORIZATION_TYPEHASH")
}

// UnpackCANCELAUTHORIZATIONTYPEHASH is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xd9169487.
//
// Solidity: function CANCEL_AUTHORIZATION_TYPEHASH() view returns(bytes32)
func (testFiatToken *TestFiatToken) UnpackCANCELAUTHORIZATIONTYPEHASH(data []byte) ([32]byte, error) {
	out, err := testFiatToken.abi.Unpack("CANCEL_AUTHORIZATION_TYPEHASH", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackDOMAINSEPARATOR is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3644e515.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function DOMAIN_SEPARATOR() view returns(bytes32)
func (testFiatToken *TestFiatToken) PackDOMAINSEPARATOR() []byte {
	enc, err := testFiatToken.abi.Pack("DOMAIN_SEPARATOR")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDOMAINSEPARATOR is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3644e515.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function DOMAIN_SEPARATOR() view returns(bytes32)
func (testFiatToken *TestFiatToken) TryPackDOMAINSEPARATOR() ([]byte, error) {
	return testFiatToken.abi.Pack("DOMAIN_SEPARATOR")
}

// UnpackDOMAINSEPARATOR is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x3644e515.
//
// Solidity: function DOMAIN_SEPARATOR() view returns(bytes32)
func (testFiatToken *TestFiatToken) UnpackDOMAINSEPARATOR(data []byte) ([32]byte, error) {
	out, err := testFiatToken.abi.Unpack("DOMAIN_SEPARATOR", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackRECEIVEWITHAUTHORIZATIONTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7f2eecc3.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function RECEIVE_WITH_AUTHORIZATION_TYPEHASH() view returns(bytes32)
func (testFiatToken *TestFiatToken) PackRECEIVEWITHAUTHORIZATIONTYPEHASH() []byte {
	enc, err := testFiatToken.abi.Pack("RECEIVE_WITH_AUTHORIZATION_TYPEHASH")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRECEIVEWITHAUTHORIZATIONTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7f2eecc3.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function RECEIVE_WITH_AUTHORIZATION_TYPEHASH() view returns(bytes32)
func (testFiatToken *TestFiatToken) TryPackRECEIVEWITHAUTHORIZATIONTYPEHASH() ([]byte, error) {
	return testFiatToken.abi.Pack("RECEIVE_WITH_AUTHORIZATION_TYPEHASH")
}

// UnpackRECEIVEWITHAUTHORIZATIONTYPEHASH is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x7f2eecc3.
//
// Solidity: function RECEIVE_WITH_AUTHORIZATION_TYPEHASH() view returns(bytes32)
func (testFiatToken *TestFiatToken) UnpackRECEIVEWITHAUTHORIZATIONTYPEHASH(data []byte) ([32]byte, error) {
	out, err := testFiatToken.abi.Unpack("RECEIVE_WITH_AUTHORIZATION_TYPEHASH", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackTRANSFERWITHAUTHORIZATIONTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa0cc6a68.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function TRANSFER_WITH_AUTHORIZATION_TYPEHASH() view returns(bytes32)
func (testFiatToken *TestFiatToken) PackTRANSFERWITHAUTHORIZATIONTYPEHASH() []byte {
	enc, err := testFiatToken.abi.Pack("TRANSFER_WITH_AUTHORIZATION_TYPEHASH")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTRANSFERWITHAUTHORIZATIONTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa0cc6a68.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function TRANSFER_WITH_AUTHORIZATION_TYPEHASH() view returns(bytes32)
func (testFiatToken *TestFiatToken) TryPackTRANSFERWITHAUTHORIZATIONTYPEHASH() ([]byte, error) {
	return testFiatToken.abi.Pack("TRANSFER_WITH_AUTHORIZATION_TYPEHASH")
}

// UnpackTRANSFERWITHAUTHORIZATIONTYPEHASH is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xa0cc6a68.
//
// Solidity: function TRANSFER_WITH_AUTHORIZATION_TYPEHASH() view returns(bytes32)
func (testFiatToken *TestFiatToken) UnpackTRANSFERWITHAUTHORIZATIONTYPEHASH(data []byte) ([32]byte, error) {
	out, err := testFiatToken.abi.Unpack("TRANSFER_WITH_AUTHORIZATION_TYPEHASH", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackAllowance is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdd62ed3e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function allowance(address owner, address spender) view returns(uint256)
func (testFiatToken *TestFiatToken) PackAllowance(owner common.Address, spender common.Address) []byte {
	enc, err := testFiatToken.abi.Pack("allowance", owner, spender)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAllowance is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdd62ed3e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function allowance(address owner, address spender) view returns(uint256)
func (testFiatToken *TestFiatToken) TryPackAllowance(owner common.Address, spender common.Address) ([]byte, error) {
	return testFiatToken.abi.Pack("allowance", owner, spender)
}

// UnpackAllowance is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xdd62ed3e.
//
// Solidity: function allowance(address owner, address spender) view returns(uint256)
func (testFiatToken *TestFiatToken) UnpackAllowance(data []byte) (*big.Int, error) {
	out, err := testFiatToken.abi.Unpack("allowance", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackApprove is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x095ea7b3.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function approve(address spender, uint256 value) returns(bool)
func (testFiatToken *TestFiatToken) PackApprove(spender common.Address, value *big.Int) []byte {
	enc, err := testFiatToken.abi.Pack("approve", spender, value)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackApprove is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x095ea7b3.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function approve(address spender, uint256 value) returns(bool)
func (testFiatToken *TestFiatToken) TryPackApprove(spender common.Address, value *big.Int) ([]byte, error) {
	return testFiatToken.abi.Pack("approve", spender, value)
}

// UnpackApprove is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x095ea7b3.
//
// Solidity: function approve(address spender, uint256 value) returns(bool)
func (testFiatToken *TestFiatToken) UnpackApprove(data []byte) (bool, error) {
	out, err := testFiatToken.abi.Unpack("approve", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackAuthorizationState is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe94a0102.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function authorizationState(address authorizer, bytes32 nonce) view returns(bool)
func (testFiatToken *TestFiatToken) PackAuthorizationState(authorizer common.Address, nonce [32]byte) []byte {
	enc, err := testFiatToken.abi.Pack("authorizationState", authorizer, nonce)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAuthorizationState is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe94a0102.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function authorizationState(address authorizer, bytes32 nonce) view returns(bool)
func (testFiatToken *TestFiatToken) TryPackAuthorizationState(authorizer common.Address, nonce [32]byte) ([]byte, error) {
	return testFiatToken.abi.Pack("authorizationState", authorizer, nonce)
}

// UnpackAuthorizationState is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xe94a0102.
//
// Solidity: function authorizationState(address authorizer, bytes32 nonce) view returns(bool)
func (testFiatToken *TestFiatToken) UnpackAuthorizationState(data []byte) (bool, error) {
	out, err := testFiatToken.abi.Unpack("authorizationState", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackBalanceOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x70a08231.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function balanceOf(address account) view returns(uint256)
func (testFiatToken *TestFiatToken) PackBalanceOf(account common.Address) []byte {
	enc, err := testFiatToken.abi.Pack("balanceOf", account)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBalanceOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x70a08231.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function balanceOf(address account) view returns(uint256)
func (testFiatToken *TestFiatToken) TryPackBalanceOf(account common.Address) ([]byte, error) {
	return testFiatToken.abi.Pack("balanceOf", account)
}

// UnpackBalanceOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x70a08231.
//
// Solidity: function balanceOf(address account) view returns(uint256)
func (testFiatToken *TestFiatToken) UnpackBalanceOf(data []byte) (*big.Int, error) {
	out, err := testFiatToken.abi.Unpack("balanceOf", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackCancelAuthorization is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5a049a70.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function cancelAuthorization(address authorizer, bytes32 nonce, uint8 v, bytes32 r, bytes32 s) returns()
func (testFiatToken *TestFiatToken) PackCancelAuthorization(authorizer common.Address, nonce [32]byte, v uint8, r [32]byte, s [32]byte) []byte {
	enc, err := testFiatToken.abi.Pack("cancelAuthorization", authorizer, nonce, v, r, s)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCancelAuthorization is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5a049a70.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function cancelAuthorization(address authorizer, bytes32 nonce, uint8 v, bytes32 r, bytes32 s) returns()
func (testFiatToken *TestFiatToken) TryPackCancelAuthorization(authorizer common.Address, nonce [32]byte, v uint8, r [32]byte, s [32]byte) ([]byte, error) {
	return testFiatToken.abi.Pack("cancelAuthorization", authorizer, nonce, v, r, s)
}

// PackDecimals is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x313ce567.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function decimals() pure returns(uint8)
func (testFiatToken *TestFiatToken) PackDecimals() []byte {
	enc, err := testFiatToken.abi.Pack("decimals")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDecimals is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x313ce567.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function decimals() pure returns(uint8)
func (testFiatToken *TestFiatToken) TryPackDecimals() ([]byte, error) {
	return testFiatToken.abi.Pack("decimals")
}

// UnpackDecimals is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x313ce567.
//
// Solidity: function decimals() pure returns(uint8)
func (testFiatToken *TestFiatToken) UnpackDecimals(data []byte) (uint8, error) {
	out, err := testFiatToken.abi.Unpack("decimals", data)
	if err != nil {
		return *new(uint8), err
	}
	out0 := *abi.ConvertType(out[0], new(uint8)).(*uint8)
	return out0, nil
}

// PackEip712Domain is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x84b0196e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function eip712Domain() pure returns(bytes1, string, string, uint256, address, bytes32, uint256[])
func (testFiatToken *TestFiatToken) PackEip712Domain() []byte {
	enc, err := testFiatToken.abi.Pack("eip712Domain")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackEip712Domain is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x84b0196e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function eip712Domain() pure returns(bytes1, string, string, uint256, address, bytes32, uint256[])
func (testFiatToken *TestFiatToken) TryPackEip712Domain() ([]byte, error) {
	return testFiatToken.abi.Pack("eip712Domain")
}

// Eip712DomainOutput serves as a container for the return parameters of contract
// method Eip712Domain.
type Eip712DomainOutput struct {
	Arg0 [1]byte
	Arg1 string
	Arg2 string
	Arg3 *big.Int
	Arg4 common.Address
	Arg5 [32]byte
	Arg6 []*big.Int
}

// UnpackEip712Domain is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x84b0196e.
//
// Solidity: function eip712Domain() pure returns(bytes1, string, string, uint256, address, bytes32, uint256[])
func (testFiatToken *TestFiatToken) UnpackEip712Domain(data []byte) (Eip712DomainOutput, error) {
	out, err := testFiatToken.abi.Unpack("eip712Domain", data)
	outstruct := new(Eip712DomainOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Arg0 = *abi.ConvertType(out[0], new([1]byte)).(*[1]byte)
	outstruct.Arg1 = *abi.ConvertType(out[1], new(string)).(*string)
	outstruct.Arg2 = *abi.ConvertType(out[2], new(string)).(*string)
	outstruct.Arg3 = abi.ConvertType(out[3], new(big.Int)).(*big.Int)
	outstruct.Arg4 = *abi.ConvertType(out[4], new(common.Address)).(*common.Address)
	outstruct.Arg5 = *abi.ConvertType(out[5], new([32]byte)).(*[32]byte)
	outstruct.Arg6 = *abi.ConvertType(out[6], new([]*big.Int)).(*[]*big.Int)
	return *outstruct, nil
}

// PackMint is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x40c10f19.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function mint(address to, uint256 amount) returns()
func (testFiatToken *TestFiatToken) PackMint(to common.Address, amount *big.Int) []byte {
	enc, err := testFiatToken.abi.Pack("mint", to, amount)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMint is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x40c10f19.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function mint(address to, uint256 amount) returns()
func (testFiatToken *TestFiatToken) TryPackMint(to common.Address, amount *big.Int) ([]byte, error) {
	return testFiatToken.abi.Pack("mint", to, amount)
}

// PackName is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x06fdde03.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function name() pure returns(string)
func (testFiatToken *TestFiatToken) PackName() []byte {
	enc, err := testFiatToken.abi.Pack("name")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackName is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x06fdde03.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function name() pure returns(string)
func (testFiatToken *TestFiatToken) TryPackName() ([]byte, error) {
	return testFiatToken.abi.Pack("name")
}

// UnpackName is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x06fdde03.
//
// Solidity: function name() pure returns(string)
func (testFiatToken *TestFiatToken) UnpackName(data []byte) (string, error) {
	out, err := testFiatToken.abi.Unpack("name", data)
	if err != nil {
		return *new(string), err
	}
	out0 := *abi.ConvertType(out[0], new(string)).(*string)
	return out0, nil
}

// PackNonces is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7ecebe00.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function nonces(address owner) view returns(uint256)
func (testFiatToken *TestFiatToken) PackNonces(owner common.Address) []byte {
	enc, err := testFiatToken.abi.Pack("nonces", owner)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackNonces is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7ecebe00.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function nonces(address owner) view returns(uint256)
func (testFiatToken *TestFiatToken) TryPackNonces(owner common.Address) ([]byte, error) {
	return testFiatToken.abi.Pack("nonces", owner)
}

// UnpackNonces is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x7ecebe00.
//
// Solidity: function nonces(address owner) view returns(uint256)
func (testFiatToken *TestFiatToken) UnpackNonces(data []byte) (*big.Int, error) {
	out, err := testFiatToken.abi.Unpack("nonces", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8da5cb5b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function owner() view returns(address)
func (testFiatToken *TestFiatToken) PackOwner() []byte {
	enc, err := testFiatToken.abi.Pack("owner")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8da5cb5b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function owner() view returns(address)
func (testFiatToken *TestFiatToken) TryPackOwner() ([]byte, error) {
	return testFiatToken.abi.Pack("owner")
}

// UnpackOwner is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8da5cb5b.
//
// Solidity: function owner() view returns(address)
func (testFiatToken *TestFiatToken) UnpackOwner(data []byte) (common.Address, error) {
	out, err := testFiatToken.abi.Unpack("owner", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackPermit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd505accf.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function permit(address owner, address spender, uint256 value, uint256 deadline, uint8 v, bytes32 r, bytes32 s) returns()
func (testFiatToken *TestFiatToken) PackPermit(owner common.Address, spender common.Address, value *big.Int, deadline *big.Int, v uint8, r [32]byte, s [32]byte) []byte {
	enc, err := testFiatToken.abi.Pack("permit", owner, spender, value, deadline, v, r, s)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackPermit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd505accf.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function permit(address owner, address spender, uint256 value, uint256 deadline, uint8 v, bytes32 r, bytes32 s) returns()
func (testFiatToken *TestFiatToken) TryPackPermit(owner common.Address, spender common.Address, value *big.Int, deadline *big.Int, v uint8, r [32]byte, s [32]byte) ([]byte, error) {
	return testFiatToken.abi.Pack("permit", owner, spender, value, deadline, v, r, s)
}

// PackReceiveWithAuthorization is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xef55bec6.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function receiveWithAuthorization(address from, address to, uint256 value, uint256 validAfter, uint256 validBefore, bytes32 nonce, uint8 v, bytes32 r, bytes32 s) returns()
func (testFiatToken *TestFiatToken) PackReceiveWithAuthorization(from common.Address, to common.Address, value *big.Int, validAfter *big.Int, validBefore *big.Int, nonce [32]byte, v uint8, r [32]byte, s [32]byte) []byte {
	enc, err := testFiatToken.abi.Pack("receiveWithAuthorization", from, to, value, validAfter, validBefore, nonce, v, r, s)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackReceiveWithAuthorization is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xef55bec6.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function receiveWithAuthorization(address from, address to, uint256 value, uint256 validAfter, uint256 validBefore, bytes32 nonce, uint8 v, bytes32 r, bytes32 s) returns()
func (testFiatToken *TestFiatToken) TryPackReceiveWithAuthorization(from common.Address, to common.Address, value *big.Int, validAfter *big.Int, validBefore *big.Int, nonce [32]byte, v uint8, r [32]byte, s [32]byte) ([]byte, error) {
	return testFiatToken.abi.Pack("receiveWithAuthorization", from, to, value, validAfter, validBefore, nonce, v, r, s)
}

// PackRenounceOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x715018a6.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function renounceOwnership() returns()
func (testFiatToken *TestFiatToken) PackRenounceOwnership() []byte {
	enc, err := testFiatToken.abi.Pack("renounceOwnership")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRenounceOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x715018a6.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function renounceOwnership() returns()
func (testFiatToken *TestFiatToken) TryPackRenounceOwnership() ([]byte, error) {
	return testFiatToken.abi.Pack("renounceOwnership")
}

// PackSymbol is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x95d89b41.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function symbol() view returns(string)
func (testFiatToken *TestFiatToken) PackSymbol() []byte {
	enc, err := testFiatToken.abi.Pack("symbol")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSymbol is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x95d89b41.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function symbol() view returns(string)
func (testFiatToken *TestFiatToken) TryPackSymbol() ([]byte, error) {
	return testFiatToken.abi.Pack("symbol")
}

// UnpackSymbol is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x95d89b41.
//
// Solidity: function symbol() view returns(string)
func (testFiatToken *TestFiatToken) UnpackSymbol(data []byte) (string, error) {
	out, err := testFiatToken.abi.Unpack("symbol", data)
	if err != nil {
		return *new(string), err
	}
	out0 := *abi.ConvertType(out[0], new(string)).(*string)
	return out0, nil
}

// PackTotalSupply is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x18160ddd.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function totalSupply() view returns(uint256)
func (testFiatToken *TestFiatToken) PackTotalSupply() []byte {
	enc, err := testFiatToken.abi.Pack("totalSupply")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTotalSupply is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x18160ddd.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function totalSupply() view returns(uint256)
func (testFiatToken *TestFiatToken) TryPackTotalSupply() ([]byte, error) {
	return testFiatToken.abi.Pack("totalSupply")
}

// UnpackTotalSupply is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x18160ddd.
//
// Solidity: function totalSupply() view returns(uint256)
func (testFiatToken *TestFiatToken) UnpackTotalSupply(data []byte) (*big.Int, error) {
	out, err := testFiatToken.abi.Unpack("totalSupply", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackTransfer is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa9059cbb.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transfer(address to, uint256 value) returns(bool)
func (testFiatToken *TestFiatToken) PackTransfer(to common.Address, value *big.Int) []byte {
	enc, err := testFiatToken.abi.Pack("transfer", to, value)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTransfer is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa9059cbb.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function transfer(address to, uint256 value) returns(bool)
func (testFiatToken *TestFiatToken) TryPackTransfer(to common.Address, value *big.Int) ([]byte, error) {
	return testFiatToken.abi.Pack("transfer", to, value)
}

// UnpackTransfer is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xa9059cbb.
//
// Solidity: function transfer(address to, uint256 value) returns(bool)
func (testFiatToken *TestFiatToken) UnpackTransfer(data []byte) (bool, error) {
	out, err := testFiatToken.abi.Unpack("transfer", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackTransferFrom is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x23b872dd.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transferFrom(address from, address to, uint256 value) returns(bool)
func (testFiatToken *TestFiatToken) PackTransferFrom(from common.Address, to common.Address, value *big.Int) []byte {
	enc, err := testFiatToken.abi.Pack("transferFrom", from, to, value)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTransferFrom is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x23b872dd.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function transferFrom(address from, address to, uint256 value) returns(bool)
func (testFiatToken *TestFiatToken) TryPackTransferFrom(from common.Address, to common.Address, value *big.Int) ([]byte, error) {
	return testFiatToken.abi.Pack("transferFrom", from, to, value)
}

// UnpackTransferFrom is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x23b872dd.
//
// Solidity: function transferFrom(address from, address to, uint256 value) returns(bool)
func (testFiatToken *TestFiatToken) UnpackTransferFrom(data []byte) (bool, error) {
	out, err := testFiatToken.abi.Unpack("transferFrom", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackTransferOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf2fde38b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transferOwnership(address newOwner) returns()
func (testFiatToken *TestFiatToken) PackTransferOwnership(newOwner common.Address) []byte {
	enc, err := testFiatToken.abi.Pack("transferOwnership", newOwner)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTransferOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf2fde38b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function transferOwnership(address newOwner) returns()
func (testFiatToken *TestFiatToken) TryPackTransferOwnership(newOwner common.Address) ([]byte, error) {
	return testFiatToken.abi.Pack("transferOwnership", newOwner)
}

// PackTransferWithAuthorization is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe3ee160e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transferWithAuthorization(address from, address to, uint256 value, uint256 validAfter, uint256 validBefore, bytes32 nonce, uint8 v, bytes32 r, bytes32 s) returns()
func (testFiatToken *TestFiatToken) PackTransferWithAuthorization(from common.Address, to common.Address, value *big.Int, validAfter *big.Int, validBefore *big.Int, nonce [32]byte, v uint8, r [32]byte, s [32]byte) []byte {
	enc, err := testFiatToken.abi.Pack("transferWithAuthorization", from, to, value, validAfter, validBefore, nonce, v, r, s)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTransferWithAuthorization is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe3ee160e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function transferWithAuthorization(address from, address to, uint256 value, uint256 validAfter, uint256 validBefore, bytes32 nonce, uint8 v, bytes32 r, bytes32 s) returns()
func (testFiatToken *TestFiatToken) TryPackTransferWithAuthorization(from common.Address, to common.Address, value *big.Int, validAfter *big.Int, validBefore *big.Int, nonce [32]byte, v uint8, r [32]byte, s [32]byte) ([]byte, error) {
	return testFiatToken.abi.Pack("transferWithAuthorization", from, to, value, validAfter, validBefore, nonce, v, r, s)
}

// PackVersion is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x54fd4d50.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function version() pure returns(string)
func (testFiatToken *TestFiatToken) PackVersion() []byte {
	enc, err := testFiatToken.abi.Pack("version")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackVersion is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x54fd4d50.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function version() pure returns(string)
func (testFiatToken *TestFiatToken) TryPackVersion() ([]byte, error) {
	return testFiatToken.abi.Pack("version")
}

// UnpackVersion is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x54fd4d50.
//
// Solidity: function version() pure returns(string)
func (testFiatToken *TestFiatToken) UnpackVersion(data []byte) (string, error) {
	out, err := testFiatToken.abi.Unpack("version", data)
	if err != nil {
		return *new(string), err
	}
	out0 := *abi.ConvertType(out[0], new(string)).(*string)
	return out0, nil
}

// TestFiatTokenApproval represents a Approval event raised by the TestFiatToken contract.
type TestFiatTokenApproval struct {
	Owner   common.Address
	Spender common.Address
	Value   *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const TestFiatTokenApprovalEventName = "Approval"

// ContractEventName returns the user-defined event name.
func (TestFiatTokenApproval) ContractEventName() string {
	return TestFiatTokenApprovalEventName
}

// UnpackApprovalEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Approval(address indexed owner, address indexed spender, uint256 value)
func (testFiatToken *TestFiatToken) UnpackApprovalEvent(log *types.Log) (*TestFiatTokenApproval, error) {
	event := "Approval"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != testFiatToken.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(TestFiatTokenApproval)
	if len(log.Data) > 0 {
		if err := testFiatToken.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range testFiatToken.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// TestFiatTokenAuthorizationCanceled represents a AuthorizationCanceled event raised by the TestFiatToken contract.
type TestFiatTokenAuthorizationCanceled struct {
	Authorizer common.Address
	Nonce      [32]byte
	Raw        *types.Log // Blockchain specific contextual infos
}

const TestFiatTokenAuthorizationCanceledEventName = "AuthorizationCanceled"

// ContractEventName returns the user-defined event name.
func (TestFiatTokenAuthorizationCanceled) ContractEventName() string {
	return TestFiatTokenAuthorizationCanceledEventName
}

// UnpackAuthorizationCanceledEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event AuthorizationCanceled(address indexed authorizer, bytes32 indexed nonce)
func (testFiatToken *TestFiatToken) UnpackAuthorizationCanceledEvent(log *types.Log) (*TestFiatTokenAuthorizationCanceled, error) {
	event := "AuthorizationCanceled"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != testFiatToken.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(TestFiatTokenAuthorizationCanceled)
	if len(log.Data) > 0 {
		if err := testFiatToken.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range testFiatToken.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// TestFiatTokenAuthorizationUsed represents a AuthorizationUsed event raised by the TestFiatToken contract.
type TestFiatTokenAuthorizationUsed struct {
	Authorizer common.Address
	Nonce      [32]byte
	Raw        *types.Log // Blockchain specific contextual infos
}

const TestFiatTokenAuthorizationUsedEventName = "AuthorizationUsed"

// ContractEventName returns the user-defined event name.
func (TestFiatTokenAuthorizationUsed) ContractEventName() string {
	return TestFiatTokenAuthorizationUsedEventName
}

// UnpackAuthorizationUsedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event AuthorizationUsed(address indexed authorizer, bytes32 indexed nonce)
func (testFiatToken *TestFiatToken) UnpackAuthorizationUsedEvent(log *types.Log) (*TestFiatTokenAuthorizationUsed, error) {
	event := "AuthorizationUsed"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != testFiatToken.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(TestFiatTokenAuthorizationUsed)
	if len(log.Data) > 0 {
		if err := testFiatToken.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range testFiatToken.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// TestFiatTokenEIP712DomainChanged represents a EIP712DomainChanged event raised by the TestFiatToken contract.
type TestFiatTokenEIP712DomainChanged struct {
	Raw *types.Log // Blockchain specific contextual infos
}

const TestFiatTokenEIP712DomainChangedEventName = "EIP712DomainChanged"

// ContractEventName returns the user-defined event name.
func (TestFiatTokenEIP712DomainChanged) ContractEventName() string {
	return TestFiatTokenEIP712DomainChangedEventName
}

// UnpackEIP712DomainChangedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event EIP712DomainChanged()
func (testFiatToken *TestFiatToken) UnpackEIP712DomainChangedEvent(log *types.Log) (*TestFiatTokenEIP712DomainChanged, error) {
	event := "EIP712DomainChanged"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != testFiatToken.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(TestFiatTokenEIP712DomainChanged)
	if len(log.Data) > 0 {
		if err := testFiatToken.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range testFiatToken.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// TestFiatTokenOwnershipTransferred represents a OwnershipTransferred event raised by the TestFiatToken contract.
type TestFiatTokenOwnershipTransferred struct {
	PreviousOwner common.Address
	NewOwner      common.Address
	Raw           *types.Log // Blockchain specific contextual infos
}

const TestFiatTokenOwnershipTransferredEventName = "OwnershipTransferred"

// ContractEventName returns the user-defined event name.
func (TestFiatTokenOwnershipTransferred) ContractEventName() string {
	return TestFiatTokenOwnershipTransferredEventName
}

// UnpackOwnershipTransferredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event OwnershipTransferred(address indexed previousOwner, address indexed newOwner)
func (testFiatToken *TestFiatToken) UnpackOwnershipTransferredEvent(log *types.Log) (*TestFiatTokenOwnershipTransferred, error) {
	event := "OwnershipTransferred"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != testFiatToken.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(TestFiatTokenOwnershipTransferred)
	if len(log.Data) > 0 {
		if err := testFiatToken.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range testFiatToken.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// TestFiatTokenTransfer represents a Transfer event raised by the TestFiatToken contract.
type TestFiatTokenTransfer struct {
	From  common.Address
	To    common.Address
	Value *big.Int
	Raw   *types.Log // Blockchain specific contextual infos
}

const TestFiatTokenTransferEventName = "Transfer"

// ContractEventName returns the user-defined event name.
func (TestFiatTokenTransfer) ContractEventName() string {
	return TestFiatTokenTransferEventName
}

// UnpackTransferEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Transfer(address indexed from, address indexed to, uint256 value)
func (testFiatToken *TestFiatToken) UnpackTransferEvent(log *types.Log) (*TestFiatTokenTransfer, error) {
	event := "Transfer"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != testFiatToken.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(TestFiatTokenTransfer)
	if len(log.Data) > 0 {
		if err := testFiatToken.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range testFiatToken.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// UnpackError attempts to decode the provided error data using user-defined
// error definitions.
func (testFiatToken *TestFiatToken) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], testFiatToken.abi.Errors["AuthorizationAlreadyUsed"].ID.Bytes()[:4]) {
		return testFiatToken.UnpackAuthorizationAlreadyUsedError(raw[4:])
	}
	if bytes.Equal(raw[:4], testFiatToken.abi.Errors["AuthorizationExpired"].ID.Bytes()[:4]) {
		return testFiatToken.UnpackAuthorizationExpiredError(raw[4:])
	}
	if bytes.Equal(raw[:4], testFiatToken.abi.Errors["AuthorizationNotYetValid"].ID.Bytes()[:4]) {
		return testFiatToken.UnpackAuthorizationNotYetValidError(raw[4:])
	}
	if bytes.Equal(raw[:4], testFiatToken.abi.Errors["CallerMustBePayee"].ID.Bytes()[:4]) {
		return testFiatToken.UnpackCallerMustBePayeeError(raw[4:])
	}
	if bytes.Equal(raw[:4], testFiatToken.abi.Errors["ECDSAInvalidSignature"].ID.Bytes()[:4]) {
		return testFiatToken.UnpackECDSAInvalidSignatureError(raw[4:])
	}
	if bytes.Equal(raw[:4], testFiatToken.abi.Errors["ECDSAInvalidSignatureLength"].ID.Bytes()[:4]) {
		return testFiatToken.UnpackECDSAInvalidSignatureLengthError(raw[4:])
	}
	if bytes.Equal(raw[:4], testFiatToken.abi.Errors["ECDSAInvalidSignatureS"].ID.Bytes()[:4]) {
		return testFiatToken.UnpackECDSAInvalidSignatureSError(raw[4:])
	}
	if bytes.Equal(raw[:4], testFiatToken.abi.Errors["ERC20InsufficientAllowance"].ID.Bytes()[:4]) {
		return testFiatToken.UnpackERC20InsufficientAllowanceError(raw[4:])
	}
	if bytes.Equal(raw[:4], testFiatToken.abi.Errors["ERC20InsufficientBalance"].ID.Bytes()[:4]) {
		return testFiatToken.UnpackERC20InsufficientBalanceError(raw[4:])
	}
	if bytes.Equal(raw[:4], testFiatToken.abi.Errors["ERC20InvalidApprover"].ID.Bytes()[:4]) {
		return testFiatToken.UnpackERC20InvalidApproverError(raw[4:])
	}
	if bytes.Equal(raw[:4], testFiatToken.abi.Errors["ERC20InvalidReceiver"].ID.Bytes()[:4]) {
		return testFiatToken.UnpackERC20InvalidReceiverError(raw[4:])
	}
	if bytes.Equal(raw[:4], testFiatToken.abi.Errors["ERC20InvalidSender"].ID.Bytes()[:4]) {
		return testFiatToken.UnpackERC20InvalidSenderError(raw[4:])
	}
	if bytes.Equal(raw[:4], testFiatToken.abi.Errors["ERC20InvalidSpender"].ID.Bytes()[:4]) {
		return testFiatToken.UnpackERC20InvalidSpenderError(raw[4:])
	}
	if bytes.Equal(raw[:4], testFiatToken.abi.Errors["ERC2612ExpiredSignature"].ID.Bytes()[:4]) {
		return testFiatToken.UnpackERC2612ExpiredSignatureError(raw[4:])
	}
	if bytes.Equal(raw[:4], testFiatToken.abi.Errors["ERC2612InvalidSigner"].ID.Bytes()[:4]) {
		return testFiatToken.UnpackERC2612InvalidSignerError(raw[4:])
	}
	if bytes.Equal(raw[:4], testFiatToken.abi.Errors["InvalidAccountNonce"].ID.Bytes()[:4]) {
		return testFiatToken.UnpackInvalidAccountNonceError(raw[4:])
	}
	if bytes.Equal(raw[:4], testFiatToken.abi.Errors["InvalidAuthorizationSigner"].ID.Bytes()[:4]) {
		return testFiatToken.UnpackInvalidAuthorizationSignerError(raw[4:])
	}
	if bytes.Equal(raw[:4], testFiatToken.abi.Errors["OwnableInvalidOwner"].ID.Bytes()[:4]) {
		return testFiatToken.UnpackOwnableInvalidOwnerError(raw[4:])
	}
	if bytes.Equal(raw[:4], testFiatToken.abi.Errors["OwnableUnauthorizedAccount"].ID.Bytes()[:4]) {
		return testFiatToken.UnpackOwnableUnauthorizedAccountError(raw[4:])
	}
	if bytes.Equal(raw[:4], testFiatToken.abi.Errors["StringTooLong"].ID.Bytes()[:4]) {
		return testFiatToken.UnpackStringTooLongError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// TestFiatTokenAuthorizationAlreadyUsed represents a AuthorizationAlreadyUsed error raised by the TestFiatToken contract.
type TestFiatTokenAuthorizationAlreadyUsed struct {
	Authorizer common.Address
	Nonce      [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AuthorizationAlreadyUsed(address authorizer, bytes32 nonce)
func TestFiatTokenAuthorizationAlreadyUsedErrorID() common.Hash {
	return common.HexToHash("0xd309466d0e5c5e3b306abfb2c1e7f3b4318b670dbd1236cc92288848a27384cb")
}

// UnpackAuthorizationAlreadyUsedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AuthorizationAlreadyUsed(address authorizer, bytes32 nonce)
func (testFiatToken *TestFiatToken) UnpackAuthorizationAlreadyUsedError(raw []byte) (*TestFiatTokenAuthorizationAlreadyUsed, error) {
	out := new(TestFiatTokenAuthorizationAlreadyUsed)
	if err := testFiatToken.abi.UnpackIntoInterface(out, "AuthorizationAlreadyUsed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TestFiatTokenAuthorizationExpired represents a AuthorizationExpired error raised by the TestFiatToken contract.
type TestFiatTokenAuthorizationExpired struct {
	ValidBefore *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AuthorizationExpired(uint256 validBefore)
func TestFiatTokenAuthorizationExpiredErrorID() common.Hash {
	return common.HexToHash("0x3d91b05fdcd2d1cf4f2afc5066ced64e8f51b3c6231d2520419fdf3611015311")
}

// UnpackAuthorizationExpiredError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AuthorizationExpired(uint256 validBefore)
func (testFiatToken *TestFiatToken) UnpackAuthorizationExpiredError(raw []byte) (*TestFiatTokenAuthorizationExpired, error) {
	out := new(TestFiatTokenAuthorizationExpired)
	if err := testFiatToken.abi.UnpackIntoInterface(out, "AuthorizationExpired", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TestFiatTokenAuthorizationNotYetValid represents a AuthorizationNotYetValid error raised by the TestFiatToken contract.
type TestFiatTokenAuthorizationNotYetValid struct {
	ValidAfter *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AuthorizationNotYetValid(uint256 validAfter)
func TestFiatTokenAuthorizationNotYetValidErrorID() common.Hash {
	return common.HexToHash("0x7a4df07913fa2cec8ed6078f075884f9382e467bee96d3361aa5b2790d69573b")
}

// UnpackAuthorizationNotYetValidError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AuthorizationNotYetValid(uint256 validAfter)
func (testFiatToken *TestFiatToken) UnpackAuthorizationNotYetValidError(raw []byte) (*TestFiatTokenAuthorizationNotYetValid, error) {
	out := new(TestFiatTokenAuthorizationNotYetValid)
	if err := testFiatToken.abi.UnpackIntoInterface(out, "AuthorizationNotYetValid", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TestFiatTokenCallerMustBePayee represents a CallerMustBePayee error raised by the TestFiatToken contract.
type TestFiatTokenCallerMustBePayee struct {
	Caller common.Address
	Payee  common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error CallerMustBePayee(address caller, address payee)
func TestFiatTokenCallerMustBePayeeErrorID() common.Hash {
	return common.HexToHash("0x1c5939f31210844d30e56777aa20aeb2885a4d01d2a8f4ac198ee1145de83799")
}

// UnpackCallerMustBePayeeError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error CallerMustBePayee(address caller, address payee)
func (testFiatToken *TestFiatToken) UnpackCallerMustBePayeeError(raw []byte) (*TestFiatTokenCallerMustBePayee, error) {
	out := new(TestFiatTokenCallerMustBePayee)
	if err := testFiatToken.abi.UnpackIntoInterface(out, "CallerMustBePayee", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TestFiatTokenECDSAInvalidSignature represents a ECDSAInvalidSignature error raised by the TestFiatToken contract.
type TestFiatTokenECDSAInvalidSignature struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ECDSAInvalidSignature()
func TestFiatTokenECDSAInvalidSignatureErrorID() common.Hash {
	return common.HexToHash("0xf645eedf0193584640b6b90cb9477e4c95b98636c148a891d4c0a146dc46e75a")
}

// UnpackECDSAInvalidSignatureError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ECDSAInvalidSignature()
func (testFiatToken *TestFiatToken) UnpackECDSAInvalidSignatureError(raw []byte) (*TestFiatTokenECDSAInvalidSignature, error) {
	out := new(TestFiatTokenECDSAInvalidSignature)
	if err := testFiatToken.abi.UnpackIntoInterface(out, "ECDSAInvalidSignature", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TestFiatTokenECDSAInvalidSignatureLength represents a ECDSAInvalidSignatureLength error raised by the TestFiatToken contract.
type TestFiatTokenECDSAInvalidSignatureLength struct {
	Length *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ECDSAInvalidSignatureLength(uint256 length)
func TestFiatTokenECDSAInvalidSignatureLengthErrorID() common.Hash {
	return common.HexToHash("0xfce698f7e8e5342cd615f641317bc45fe7e1e4a8b0a14dd1383ff8dc9c41917f")
}

// UnpackECDSAInvalidSignatureLengthError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ECDSAInvalidSignatureLength(uint256 length)
func (testFiatToken *TestFiatToken) UnpackECDSAInvalidSignatureLengthError(raw []byte) (*TestFiatTokenECDSAInvalidSignatureLength, error) {
	out := new(TestFiatTokenECDSAInvalidSignatureLength)
	if err := testFiatToken.abi.UnpackIntoInterface(out, "ECDSAInvalidSignatureLength", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TestFiatTokenECDSAInvalidSignatureS represents a ECDSAInvalidSignatureS error raised by the TestFiatToken contract.
type TestFiatTokenECDSAInvalidSignatureS struct {
	S [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ECDSAInvalidSignatureS(bytes32 s)
func TestFiatTokenECDSAInvalidSignatureSErrorID() common.Hash {
	return common.HexToHash("0xd78bce0cccb935155ed6428d1c13e50b7f3550fd2b66b9fe266006fea4a5e1eb")
}

// UnpackECDSAInvalidSignatureSError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ECDSAInvalidSignatureS(bytes32 s)
func (testFiatToken *TestFiatToken) UnpackECDSAInvalidSignatureSError(raw []byte) (*TestFiatTokenECDSAInvalidSignatureS, error) {
	out := new(TestFiatTokenECDSAInvalidSignatureS)
	if err := testFiatToken.abi.UnpackIntoInterface(out, "ECDSAInvalidSignatureS", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TestFiatTokenERC20InsufficientAllowance represents a ERC20InsufficientAllowance error raised by the TestFiatToken contract.
type TestFiatTokenERC20InsufficientAllowance struct {
	Spender   common.Address
	Allowance *big.Int
	Needed    *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC20InsufficientAllowance(address spender, uint256 allowance, uint256 needed)
func TestFiatTokenERC20InsufficientAllowanceErrorID() common.Hash {
	return common.HexToHash("0xfb8f41b23e99d2101d86da76cdfa87dd51c82ed07d3cb62cbc473e469dbc75c3")
}

// UnpackERC20InsufficientAllowanceError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC20InsufficientAllowance(address spender, uint256 allowance, uint256 needed)
func (testFiatToken *TestFiatToken) UnpackERC20InsufficientAllowanceError(raw []byte) (*TestFiatTokenERC20InsufficientAllowance, error) {
	out := new(TestFiatTokenERC20InsufficientAllowance)
	if err := testFiatToken.abi.UnpackIntoInterface(out, "ERC20InsufficientAllowance", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TestFiatTokenERC20InsufficientBalance represents a ERC20InsufficientBalance error raised by the TestFiatToken contract.
type TestFiatTokenERC20InsufficientBalance struct {
	Sender  common.Address
	Balance *big.Int
	Needed  *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed)
func TestFiatTokenERC20InsufficientBalanceErrorID() common.Hash {
	return common.HexToHash("0xe450d38cd8d9f7d95077d567d60ed49c7254716e6ad08fc9872816c97e0ffec6")
}

// UnpackERC20InsufficientBalanceError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed)
func (testFiatToken *TestFiatToken) UnpackERC20InsufficientBalanceError(raw []byte) (*TestFiatTokenERC20InsufficientBalance, error) {
	out := new(TestFiatTokenERC20InsufficientBalance)
	if err := testFiatToken.abi.UnpackIntoInterface(out, "ERC20InsufficientBalance", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TestFiatTokenERC20InvalidApprover represents a ERC20InvalidApprover error raised by the TestFiatToken contract.
type TestFiatTokenERC20InvalidApprover struct {
	Approver common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC20InvalidApprover(address approver)
func TestFiatTokenERC20InvalidApproverErrorID() common.Hash {
	return common.HexToHash("0xe602df05cc75712490294c6c104ab7c17f4030363910a7a2626411c6d3118847")
}

// UnpackERC20InvalidApproverError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC20InvalidApprover(address approver)
func (testFiatToken *TestFiatToken) UnpackERC20InvalidApproverError(raw []byte) (*TestFiatTokenERC20InvalidApprover, error) {
	out := new(TestFiatTokenERC20InvalidApprover)
	if err := testFiatToken.abi.UnpackIntoInterface(out, "ERC20InvalidApprover", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TestFiatTokenERC20InvalidReceiver represents a ERC20InvalidReceiver error raised by the TestFiatToken contract.
type TestFiatTokenERC20InvalidReceiver struct {
	Receiver common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC20InvalidReceiver(address receiver)
func TestFiatTokenERC20InvalidReceiverErrorID() common.Hash {
	return common.HexToHash("0xec442f055133b72f3b2f9f0bb351c406b178527de2040a7d1feb4e058771f613")
}

// UnpackERC20InvalidReceiverError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC20InvalidReceiver(address receiver)
func (testFiatToken *TestFiatToken) UnpackERC20InvalidReceiverError(raw []byte) (*TestFiatTokenERC20InvalidReceiver, error) {
	out := new(TestFiatTokenERC20InvalidReceiver)
	if err := testFiatToken.abi.UnpackIntoInterface(out, "ERC20InvalidReceiver", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TestFiatTokenERC20InvalidSender represents a ERC20InvalidSender error raised by the TestFiatToken contract.
type TestFiatTokenERC20InvalidSender struct {
	Sender common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC20InvalidSender(address sender)
func TestFiatTokenERC20InvalidSenderErrorID() common.Hash {
	return common.HexToHash("0x96c6fd1edd0cd6ef7ff0ecc0facdf53148dc0048b57fe58af65755250a7a96bd")
}

// UnpackERC20InvalidSenderError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC20InvalidSender(address sender)
func (testFiatToken *TestFiatToken) UnpackERC20InvalidSenderError(raw []byte) (*TestFiatTokenERC20InvalidSender, error) {
	out := new(TestFiatTokenERC20InvalidSender)
	if err := testFiatToken.abi.UnpackIntoInterface(out, "ERC20InvalidSender", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TestFiatTokenERC20InvalidSpender represents a ERC20InvalidSpender error raised by the TestFiatToken contract.
type TestFiatTokenERC20InvalidSpender struct {
	Spender common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC20InvalidSpender(address spender)
func TestFiatTokenERC20InvalidSpenderErrorID() common.Hash {
	return common.HexToHash("0x94280d62c347d8d9f4d59a76ea321452406db88df38e0c9da304f58b57b373a2")
}

// UnpackERC20InvalidSpenderError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC20InvalidSpender(address spender)
func (testFiatToken *TestFiatToken) UnpackERC20InvalidSpenderError(raw []byte) (*TestFiatTokenERC20InvalidSpender, error) {
	out := new(TestFiatTokenERC20InvalidSpender)
	if err := testFiatToken.abi.UnpackIntoInterface(out, "ERC20InvalidSpender", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TestFiatTokenERC2612ExpiredSignature represents a ERC2612ExpiredSignature error raised by the TestFiatToken contract.
type TestFiatTokenERC2612ExpiredSignature struct {
	Deadline *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC2612ExpiredSignature(uint256 deadline)
func TestFiatTokenERC2612ExpiredSignatureErrorID() common.Hash {
	return common.HexToHash("0x627913023c184eaad13735d5a3d2657ae76ec9a872a70e0fc57522ef1a114d58")
}

// UnpackERC2612ExpiredSignatureError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC2612ExpiredSignature(uint256 deadline)
func (testFiatToken *TestFiatToken) UnpackERC2612ExpiredSignatureError(raw []byte) (*TestFiatTokenERC2612ExpiredSignature, error) {
	out := new(TestFiatTokenERC2612ExpiredSignature)
	if err := testFiatToken.abi.UnpackIntoInterface(out, "ERC2612ExpiredSignature", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TestFiatTokenERC2612InvalidSigner represents a ERC2612InvalidSigner error raised by the TestFiatToken contract.
type TestFiatTokenERC2612InvalidSigner struct {
	Signer common.Address
	Owner  common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC2612InvalidSigner(address signer, address owner)
func TestFiatTokenERC2612InvalidSignerErrorID() common.Hash {
	return common.HexToHash("0x4b800e463b323b1d856edf9dec70329a639d13874a57f5c28219ff57128756db")
}

// UnpackERC2612InvalidSignerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC2612InvalidSigner(address signer, address owner)
func (testFiatToken *TestFiatToken) UnpackERC2612InvalidSignerError(raw []byte) (*TestFiatTokenERC2612InvalidSigner, error) {
	out := new(TestFiatTokenERC2612InvalidSigner)
	if err := testFiatToken.abi.UnpackIntoInterface(out, "ERC2612InvalidSigner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TestFiatTokenInvalidAccountNonce represents a InvalidAccountNonce error raised by the TestFiatToken contract.
type TestFiatTokenInvalidAccountNonce struct {
	Account      common.Address
	CurrentNonce *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidAccountNonce(address account, uint256 currentNonce)
func TestFiatTokenInvalidAccountNonceErrorID() common.Hash {
	return common.HexToHash("0x752d88c0de02638abf10e8e31861e4c68dc1f3a1e7d840e580683f2c282bfc7a")
}

// UnpackInvalidAccountNonceError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidAccountNonce(address account, uint256 currentNonce)
func (testFiatToken *TestFiatToken) UnpackInvalidAccountNonceError(raw []byte) (*TestFiatTokenInvalidAccountNonce, error) {
	out := new(TestFiatTokenInvalidAccountNonce)
	if err := testFiatToken.abi.UnpackIntoInterface(out, "InvalidAccountNonce", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TestFiatTokenInvalidAuthorizationSigner represents a InvalidAuthorizationSigner error raised by the TestFiatToken contract.
type TestFiatTokenInvalidAuthorizationSigner struct {
	Signer     common.Address
	Authorizer common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidAuthorizationSigner(address signer, address authorizer)
func TestFiatTokenInvalidAuthorizationSignerErrorID() common.Hash {
	return common.HexToHash("0xcedc06b880e751bc3bf9057747772a1a0b042f4846376193fa0f189bd44e79bd")
}

// UnpackInvalidAuthorizationSignerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidAuthorizationSigner(address signer, address authorizer)
func (testFiatToken *TestFiatToken) UnpackInvalidAuthorizationSignerError(raw []byte) (*TestFiatTokenInvalidAuthorizationSigner, error) {
	out := new(TestFiatTokenInvalidAuthorizationSigner)
	if err := testFiatToken.abi.UnpackIntoInterface(out, "InvalidAuthorizationSigner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TestFiatTokenOwnableInvalidOwner represents a OwnableInvalidOwner error raised by the TestFiatToken contract.
type TestFiatTokenOwnableInvalidOwner struct {
	Owner common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error OwnableInvalidOwner(address owner)
func TestFiatTokenOwnableInvalidOwnerErrorID() common.Hash {
	return common.HexToHash("0x1e4fbdf7f3ef8bcaa855599e3abf48b232380f183f08f6f813d9ffa5bd585188")
}

// UnpackOwnableInvalidOwnerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error OwnableInvalidOwner(address owner)
func (testFiatToken *TestFiatToken) UnpackOwnableInvalidOwnerError(raw []byte) (*TestFiatTokenOwnableInvalidOwner, error) {
	out := new(TestFiatTokenOwnableInvalidOwner)
	if err := testFiatToken.abi.UnpackIntoInterface(out, "OwnableInvalidOwner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TestFiatTokenOwnableUnauthorizedAccount represents a OwnableUnauthorizedAccount error raised by the TestFiatToken contract.
type TestFiatTokenOwnableUnauthorizedAccount struct {
	Account common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error OwnableUnauthorizedAccount(address account)
func TestFiatTokenOwnableUnauthorizedAccountErrorID() common.Hash {
	return common.HexToHash("0x118cdaa7a341953d1887a2245fd6665d741c67c8c50581daa59e1d03373fa188")
}

// UnpackOwnableUnauthorizedAccountError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error OwnableUnauthorizedAccount(address account)
func (testFiatToken *TestFiatToken) UnpackOwnableUnauthorizedAccountError(raw []byte) (*TestFiatTokenOwnableUnauthorizedAccount, error) {
	out := new(TestFiatTokenOwnableUnauthorizedAccount)
	if err := testFiatToken.abi.UnpackIntoInterface(out, "OwnableUnauthorizedAccount", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TestFiatTokenStringTooLong represents a StringTooLong error raised by the TestFiatToken contract.
type TestFiatTokenStringTooLong struct {
	Str string
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error StringTooLong(string str)
func TestFiatTokenStringTooLongErrorID() common.Hash {
	return common.HexToHash("0x305a27a93f8e33b7392df0a0f91d6fc63847395853c45991eec52dbf24d72381")
}

// UnpackStringTooLongError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error StringTooLong(string str)
func (testFiatToken *TestFiatToken) UnpackStringTooLongError(raw []byte) (*TestFiatTokenStringTooLong, error) {
	out := new(TestFiatTokenStringTooLong)
	if err := testFiatToken.abi.UnpackIntoInterface(out, "StringTooLong", raw); err != nil {
		return nil, err
	}
	return out, nil
}
