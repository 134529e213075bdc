// Code generated via abigen V2 - DO NOT EDIT.
// This file is a generated binding and any manual changes will be lost.

package axlescrow

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

// AXLEscrowEscrow is an auto generated low-level Go binding around an user-defined struct.
type AXLEscrowEscrow struct {
	State         uint8
	StakedMask    uint64
	DeliveredMask uint64
	LosingMask    uint64
	Window        *big.Int
	FeeBps        uint16
	WorkersHash   [32]byte
	WeightsHash   [32]byte
}

// AXLEscrowTerms is an auto generated low-level Go binding around an user-defined struct.
type AXLEscrowTerms struct {
	Buyer        common.Address
	Token        common.Address
	Amount       *big.Int
	SpecHash     [32]byte
	Slots        uint32
	StakePerSlot *big.Int
	Deadline     uint64
	Nonce        *big.Int
}

// AXLEscrowMetaData contains all meta data concerning the AXLEscrow contract.
var AXLEscrowMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"address\",\"name\":\"admin\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"arbiter\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"treasury_\",\"type\":\"address\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[],\"name\":\"AccessControlBadConfirmation\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"neededRole\",\"type\":\"bytes32\"}],\"name\":\"AccessControlUnauthorizedAccount\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"deadline\",\"type\":\"uint256\"}],\"name\":\"AuthorisationExpired\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"mask\",\"type\":\"uint64\"}],\"name\":\"BadMask\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint32\",\"name\":\"slot\",\"type\":\"uint32\"}],\"name\":\"BadSlot\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"BadWorkers\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"}],\"name\":\"DeadlineNotPassed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"}],\"name\":\"DeadlinePassed\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InvalidShortString\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InvalidSignature\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"string\",\"name\":\"reason\",\"type\":\"string\"}],\"name\":\"InvalidTerms\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotAuthorised\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotBuyer\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"stakedMask\",\"type\":\"uint64\"}],\"name\":\"NotFullyStaked\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"NothingToWithdraw\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"string\",\"name\":\"what\",\"type\":\"string\"}],\"name\":\"OutOfBounds\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ReentrancyGuardReentrantCall\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"}],\"name\":\"SafeERC20FailedOperation\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint32\",\"name\":\"slot\",\"type\":\"uint32\"}],\"name\":\"SlotTaken\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"string\",\"name\":\"str\",\"type\":\"string\"}],\"name\":\"StringTooLong\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"}],\"name\":\"TokenNotAllowed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint40\",\"name\":\"windowEnd\",\"type\":\"uint40\"}],\"name\":\"WindowClosed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint40\",\"name\":\"windowEnd\",\"type\":\"uint40\"}],\"name\":\"WindowOpen\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"worker\",\"type\":\"address\"},{\"internalType\":\"uint32\",\"name\":\"slot\",\"type\":\"uint32\"}],\"name\":\"WorkerHasSlot\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"enumAXLEscrow.State\",\"name\":\"state\",\"type\":\"uint8\"}],\"name\":\"WrongState\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"workersHash\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"seed\",\"type\":\"bytes32\"}],\"name\":\"Assigned\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"by\",\"type\":\"address\"}],\"name\":\"Cancelled\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Credited\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"slotsMask\",\"type\":\"uint64\"}],\"name\":\"Delivered\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"by\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"reason\",\"type\":\"bytes32\"}],\"name\":\"Disputed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[],\"name\":\"EIP712DomainChanged\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"buyer\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"specHash\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"slots\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"stakePerSlot\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint16\",\"name\":\"feeBps\",\"type\":\"uint16\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"challengeWindow\",\"type\":\"uint32\"}],\"name\":\"Funded\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"slot\",\"type\":\"uint32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"worker\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Paid\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":false,\"internalType\":\"uint16\",\"name\":\"feeBps\",\"type\":\"uint16\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"challengeWindow\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"uint8\",\"name\":\"maxSlots\",\"type\":\"uint8\"}],\"name\":\"ParametersSet\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Refunded\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"weightsHash\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"fee\",\"type\":\"uint256\"}],\"name\":\"Released\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"losingMask\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"deliveredMask\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"weightsHash\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"traceRoot\",\"type\":\"bytes32\"}],\"name\":\"Resolved\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"weightsHash\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"traceRoot\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"deliveredMask\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"uint40\",\"name\":\"windowEnd\",\"type\":\"uint40\"}],\"name\":\"ResultSubmitted\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"role\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"previousAdminRole\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"newAdminRole\",\"type\":\"bytes32\"}],\"name\":\"RoleAdminChanged\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"role\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"sender\",\"type\":\"address\"}],\"name\":\"RoleGranted\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"role\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"sender\",\"type\":\"address\"}],\"name\":\"RoleRevoked\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"slot\",\"type\":\"uint32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"worker\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Slashed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"slot\",\"type\":\"uint32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"worker\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"StakeReturned\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"slot\",\"type\":\"uint32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"worker\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Staked\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bool\",\"name\":\"allowed\",\"type\":\"bool\"}],\"name\":\"TokenAllowed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"treasury\",\"type\":\"address\"}],\"name\":\"TreasurySet\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"WithdrawalRefused\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Withdrawn\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"ARBITER_ROLE\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"DEFAULT_ADMIN_ROLE\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"INTENT_TYPEHASH\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"MAX_CHALLENGE_WINDOW\",\"outputs\":[{\"internalType\":\"uint32\",\"name\":\"\",\"type\":\"uint32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"MAX_FEE_BPS\",\"outputs\":[{\"internalType\":\"uint16\",\"name\":\"\",\"type\":\"uint16\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"MAX_PAYOUTS\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"MAX_SLOTS\",\"outputs\":[{\"internalType\":\"uint8\",\"name\":\"\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"MIN_CHALLENGE_WINDOW\",\"outputs\":[{\"internalType\":\"uint32\",\"name\":\"\",\"type\":\"uint32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"OPERATOR_ROLE\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"STAKE_TYPEHASH\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"TREASURY_ROLE\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"buyer\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"specHash\",\"type\":\"bytes32\"},{\"internalType\":\"uint32\",\"name\":\"slots\",\"type\":\"uint32\"},{\"internalType\":\"uint256\",\"name\":\"stakePerSlot\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"}],\"internalType\":\"structAXLEscrow.Terms\",\"name\":\"t\",\"type\":\"tuple\"},{\"internalType\":\"address[]\",\"name\":\"workers\",\"type\":\"address[]\"},{\"internalType\":\"bytes32\",\"name\":\"seed\",\"type\":\"bytes32\"}],\"name\":\"assign\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"buyer\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"specHash\",\"type\":\"bytes32\"},{\"internalType\":\"uint32\",\"name\":\"slots\",\"type\":\"uint32\"},{\"internalType\":\"uint256\",\"name\":\"stakePerSlot\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"}],\"internalType\":\"structAXLEscrow.Terms\",\"name\":\"t\",\"type\":\"tuple\"},{\"internalType\":\"address[]\",\"name\":\"stakers\",\"type\":\"address[]\"}],\"name\":\"cancel\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"challengeWindow\",\"outputs\":[{\"internalType\":\"uint32\",\"name\":\"\",\"type\":\"uint32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"buyer\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"specHash\",\"type\":\"bytes32\"},{\"internalType\":\"uint32\",\"name\":\"slots\",\"type\":\"uint32\"},{\"internalType\":\"uint256\",\"name\":\"stakePerSlot\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"}],\"internalType\":\"structAXLEscrow.Terms\",\"name\":\"t\",\"type\":\"tuple\"},{\"internalType\":\"bytes32\",\"name\":\"reason\",\"type\":\"bytes32\"}],\"name\":\"dispute\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"eip712Domain\",\"outputs\":[{\"internalType\":\"bytes1\",\"name\":\"fields\",\"type\":\"bytes1\"},{\"internalType\":\"string\",\"name\":\"name\",\"type\":\"string\"},{\"internalType\":\"string\",\"name\":\"version\",\"type\":\"string\"},{\"internalType\":\"uint256\",\"name\":\"chainId\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"verifyingContract\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"salt\",\"type\":\"bytes32\"},{\"internalType\":\"uint256[]\",\"name\":\"extensions\",\"type\":\"uint256[]\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"}],\"name\":\"escrows\",\"outputs\":[{\"components\":[{\"internalType\":\"enumAXLEscrow.State\",\"name\":\"state\",\"type\":\"uint8\"},{\"internalType\":\"uint64\",\"name\":\"stakedMask\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"deliveredMask\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"losingMask\",\"type\":\"uint64\"},{\"internalType\":\"uint40\",\"name\":\"window\",\"type\":\"uint40\"},{\"internalType\":\"uint16\",\"name\":\"feeBps\",\"type\":\"uint16\"},{\"internalType\":\"bytes32\",\"name\":\"workersHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"weightsHash\",\"type\":\"bytes32\"}],\"internalType\":\"structAXLEscrow.Escrow\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"feeBps\",\"outputs\":[{\"internalType\":\"uint16\",\"name\":\"\",\"type\":\"uint16\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"buyer\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"specHash\",\"type\":\"bytes32\"},{\"internalType\":\"uint32\",\"name\":\"slots\",\"type\":\"uint32\"},{\"internalType\":\"uint256\",\"name\":\"stakePerSlot\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"}],\"internalType\":\"structAXLEscrow.Terms\",\"name\":\"t\",\"type\":\"tuple\"}],\"name\":\"fund\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"buyer\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"specHash\",\"type\":\"bytes32\"},{\"internalType\":\"uint32\",\"name\":\"slots\",\"type\":\"uint32\"},{\"internalType\":\"uint256\",\"name\":\"stakePerSlot\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"}],\"internalType\":\"structAXLEscrow.Terms\",\"name\":\"t\",\"type\":\"tuple\"},{\"internalType\":\"uint256\",\"name\":\"validAfter\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"validBefore\",\"type\":\"uint256\"},{\"internalType\":\"uint8\",\"name\":\"v\",\"type\":\"uint8\"},{\"internalType\":\"bytes32\",\"name\":\"r\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"s\",\"type\":\"bytes32\"}],\"name\":\"fundWithAuthorization\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"buyer\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"specHash\",\"type\":\"bytes32\"},{\"internalType\":\"uint32\",\"name\":\"slots\",\"type\":\"uint32\"},{\"internalType\":\"uint256\",\"name\":\"stakePerSlot\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"}],\"internalType\":\"structAXLEscrow.Terms\",\"name\":\"t\",\"type\":\"tuple\"},{\"internalType\":\"uint256\",\"name\":\"permitDeadline\",\"type\":\"uint256\"},{\"internalType\":\"uint8\",\"name\":\"v\",\"type\":\"uint8\"},{\"internalType\":\"bytes32\",\"name\":\"r\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"s\",\"type\":\"bytes32\"},{\"internalType\":\"bytes\",\"name\":\"intentSignature\",\"type\":\"bytes\"}],\"name\":\"fundWithPermit\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"role\",\"type\":\"bytes32\"}],\"name\":\"getRoleAdmin\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"role\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"grantRole\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"role\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"hasRole\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"buyer\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"specHash\",\"type\":\"bytes32\"},{\"internalType\":\"uint32\",\"name\":\"slots\",\"type\":\"uint32\"},{\"internalType\":\"uint256\",\"name\":\"stakePerSlot\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"}],\"internalType\":\"structAXLEscrow.Terms\",\"name\":\"t\",\"type\":\"tuple\"}],\"name\":\"intentId\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"}],\"name\":\"liabilities\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"maxSlots\",\"outputs\":[{\"internalType\":\"uint8\",\"name\":\"\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"buyer\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"specHash\",\"type\":\"bytes32\"},{\"internalType\":\"uint32\",\"name\":\"slots\",\"type\":\"uint32\"},{\"internalType\":\"uint256\",\"name\":\"stakePerSlot\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"}],\"internalType\":\"structAXLEscrow.Terms\",\"name\":\"t\",\"type\":\"tuple\"},{\"internalType\":\"uint64\",\"name\":\"slotsMask\",\"type\":\"uint64\"}],\"name\":\"recordDelivery\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"buyer\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"specHash\",\"type\":\"bytes32\"},{\"internalType\":\"uint32\",\"name\":\"slots\",\"type\":\"uint32\"},{\"internalType\":\"uint256\",\"name\":\"stakePerSlot\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"}],\"internalType\":\"structAXLEscrow.Terms\",\"name\":\"t\",\"type\":\"tuple\"},{\"internalType\":\"address[]\",\"name\":\"workers\",\"type\":\"address[]\"}],\"name\":\"refund\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"buyer\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"specHash\",\"type\":\"bytes32\"},{\"internalType\":\"uint32\",\"name\":\"slots\",\"type\":\"uint32\"},{\"internalType\":\"uint256\",\"name\":\"stakePerSlot\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"}],\"internalType\":\"structAXLEscrow.Terms\",\"name\":\"t\",\"type\":\"tuple\"},{\"internalType\":\"address[]\",\"name\":\"workers\",\"type\":\"address[]\"}],\"name\":\"release\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"role\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"callerConfirmation\",\"type\":\"address\"}],\"name\":\"renounceRole\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"buyer\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"specHash\",\"type\":\"bytes32\"},{\"internalType\":\"uint32\",\"name\":\"slots\",\"type\":\"uint32\"},{\"internalType\":\"uint256\",\"name\":\"stakePerSlot\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"}],\"internalType\":\"structAXLEscrow.Terms\",\"name\":\"t\",\"type\":\"tuple\"},{\"internalType\":\"address[]\",\"name\":\"workers\",\"type\":\"address[]\"},{\"internalType\":\"uint64\",\"name\":\"losingMask\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"deliveredMask\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"weightsHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"traceRoot\",\"type\":\"bytes32\"}],\"name\":\"resolve\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"role\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"revokeRole\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint16\",\"name\":\"feeBps_\",\"type\":\"uint16\"},{\"internalType\":\"uint32\",\"name\":\"challengeWindow_\",\"type\":\"uint32\"},{\"internalType\":\"uint8\",\"name\":\"maxSlots_\",\"type\":\"uint8\"}],\"name\":\"setParameters\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"bool\",\"name\":\"allowed\",\"type\":\"bool\"}],\"name\":\"setTokenAllowed\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"treasury_\",\"type\":\"address\"}],\"name\":\"setTreasury\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"worker\",\"type\":\"address\"}],\"name\":\"slotOf\",\"outputs\":[{\"internalType\":\"uint32\",\"name\":\"slot\",\"type\":\"uint32\"},{\"internalType\":\"bool\",\"name\":\"ok\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"buyer\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"specHash\",\"type\":\"bytes32\"},{\"internalType\":\"uint32\",\"name\":\"slots\",\"type\":\"uint32\"},{\"internalType\":\"uint256\",\"name\":\"stakePerSlot\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"}],\"internalType\":\"structAXLEscrow.Terms\",\"name\":\"t\",\"type\":\"tuple\"},{\"internalType\":\"uint32\",\"name\":\"slot\",\"type\":\"uint32\"}],\"name\":\"stake\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"uint32\",\"name\":\"slot\",\"type\":\"uint32\"},{\"internalType\":\"address\",\"name\":\"worker\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"deadline\",\"type\":\"uint256\"}],\"name\":\"stakeDigest\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"buyer\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"specHash\",\"type\":\"bytes32\"},{\"internalType\":\"uint32\",\"name\":\"slots\",\"type\":\"uint32\"},{\"internalType\":\"uint256\",\"name\":\"stakePerSlot\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"}],\"internalType\":\"structAXLEscrow.Terms\",\"name\":\"t\",\"type\":\"tuple\"},{\"internalType\":\"uint32\",\"name\":\"slot\",\"type\":\"uint32\"},{\"internalType\":\"address\",\"name\":\"worker\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"deadline\",\"type\":\"uint256\"},{\"internalType\":\"uint8\",\"name\":\"v\",\"type\":\"uint8\"},{\"internalType\":\"bytes32\",\"name\":\"r\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"s\",\"type\":\"bytes32\"},{\"internalType\":\"bytes\",\"name\":\"stakeSignature\",\"type\":\"bytes\"}],\"name\":\"stakeWithPermit\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"buyer\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"specHash\",\"type\":\"bytes32\"},{\"internalType\":\"uint32\",\"name\":\"slots\",\"type\":\"uint32\"},{\"internalType\":\"uint256\",\"name\":\"stakePerSlot\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"}],\"internalType\":\"structAXLEscrow.Terms\",\"name\":\"t\",\"type\":\"tuple\"},{\"internalType\":\"bytes32\",\"name\":\"weightsHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"traceRoot\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"deliveredMask\",\"type\":\"uint64\"}],\"name\":\"submitResult\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes4\",\"name\":\"interfaceId\",\"type\":\"bytes4\"}],\"name\":\"supportsInterface\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"}],\"name\":\"tokenAllowed\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"treasury\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"}],\"name\":\"withdraw\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"address[]\",\"name\":\"accounts\",\"type\":\"address[]\"}],\"name\":\"withdrawFor\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"withdrawable\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"}]",
	ID:  "AXLEscrow",
	Bin: "0x610160604052348015610010575f5ffd5b5060405161495a38038061495a83398101604081905261002f91610406565b604080518082018252600981526841584c457363726f7760b81b60208083019190915282518084019093526001808452603160f81b91840191909152805590610079826002610205565b61012052610088816003610205565b61014052815160208084019190912060e052815190820120610100524660a05261011460e05161010051604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201529081019290925260608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b60805250503060c0526101275f85610237565b506101527f97667070c54ef182b0f5858b034beac1b6f3089aa2d3188bb1e8929f4fa9b92984610237565b5061017d7fbb08418a67729a078f87bbc8d02a770929bb68f5bfdf134ae2ead6ed38e2f4ae83610237565b50610187816102de565b60098054664000000e10006466ffffffffffffff199091161790819055604080516064815262010000830463ffffffff166020820152660100000000000090920460ff16908201527f24718e6513f4aa4e3e6d7b994b2d4da1dcf8c4368a2ab28b2cbf78286dceae0f9060600160405180910390a150505050610601565b5f60208351101561022057610219836103ae565b9050610231565b8161022b84826104ef565b5060ff90505b92915050565b5f828152602081815260408083206001600160a01b038516845290915281205460ff166102d7575f838152602081815260408083206001600160a01b03861684529091529020805460ff1916600117905561028f3390565b6001600160a01b0316826001600160a01b0316847f2f8788117e7eff1d82e926ec794901d17c78024a50270940304540a733656f0d60405160405180910390a4506001610231565b505f610231565b6001600160a01b03811661032557604051637a72dbcd60e11b8152602060048201526008602482015267747265617375727960c01b60448201526064015b60405180910390fd5b60098054600160381b600160d81b0319166701000000000000006001600160a01b038416021790556103777fe1dcbdb91df27212a29bc27177c840cf2f819ecf2187432e1fac86c2dd5dfca982610237565b506040516001600160a01b038216907f3c864541ef71378c6229510ed90f376565ee42d9c5e0904a984a9e863e6db44f905f90a250565b5f5f829050601f815111156103d8578260405163305a27a960e01b815260040161031c91906105a9565b80516103e3826105de565b179392505050565b80516001600160a01b0381168114610401575f5ffd5b919050565b5f5f5f5f60808587031215610419575f5ffd5b610422856103eb565b9350610430602086016103eb565b925061043e604086016103eb565b915061044c606086016103eb565b905092959194509250565b634e487b7160e01b5f52604160045260245ffd5b600181811c9082168061047f57607f821691505b60208210810361049d57634e487b7160e01b5f52602260045260245ffd5b50919050565b601f8211156104ea57805f5260205f20601f840160051c810160208510156104c85750805b601f840160051c820191505b818110156104e7575f81556001016104d4565b50505b505050565b81516001600160401b0381111561050857610508610457565b61051c81610516845461046b565b846104a3565b6020601f82116001811461054e575f83156105375750848201515b5f19600385901b1c1916600184901b1784556104e7565b5f84815260208120601f198516915b8281101561057d578785015182556020948501946001909201910161055d565b508482101561059a57868401515f19600387901b60f8161c191681555b50505050600190811b01905550565b602081525f82518060208401528060208501604085015e5f604082850101526040601f19601f83011684010191505092915050565b8051602080830151919081101561049d575f1960209190910360031b1b16919050565b60805160a05160c05160e0516101005161012051610140516143086106525f395f6131c601525f61319401525f61353301525f61350b01525f61346601525f61349001525f6134ba01526143085ff3fe608060405234801561000f575f5ffd5b506004361061028c575f3560e01c806384b0196e11610161578063c0f3f2e9116100ca578063dbfb2f2111610084578063dbfb2f211461069a578063ee2e1787146106ad578063f0f44260146106c0578063f18d30d0146106d3578063f5b541a6146106e6578063f745e7a9146106fa575f5ffd5b8063c0f3f2e914610616578063cbd69f3f14610630578063d11a57ec14610644578063d547741f1461066b578063d55be8c61461067e578063da6f6d8714610687575f5ffd5b8063a217fddf1161011b578063a217fddf1461055d578063b01083e214610564578063b082a27414610583578063b4c63181146105aa578063b50a09d4146105bd578063c0314d27146105ec575f5ffd5b806384b0196e146104cc578063861a1412146104e757806388e75bdf146104fd57806389ee09f01461051057806391d14854146105375780639ab236901461054a575f5ffd5b80633a1e43aa116102035780635f54745e116101bd5780635f54745e1461043b57806361d027b31461044e5780636d24c4c11461048057806374505f4b1461049357806378bbd748146104a657806380608244146104b9575f5ffd5b80633a1e43aa146103ba5780634d104adf146103cd5780634dba82c6146103f457806351586ecb146103fc57806351cff8d91461040657806355219d5a14610419575f5ffd5b806324a9d8531161025457806324a9d8531461032d5780632d83549c1461034e5780632f2ff15d1461036e5780633475db381461038157806336568abe14610394578063394523c3146103a7575f5ffd5b806301ffc9a71461029057806308b7cc9d146102b85780630bdc203b146102cd57806315f69012146102ea578063248a9ca3146102fd575b5f5ffd5b6102a361029e3660046138bc565b61070d565b60405190151581526020015b60405180910390f35b6102cb6102c6366004613910565b610743565b005b6102d5603c81565b60405163ffffffff90911681526020016102af565b6102cb6102f836600461396e565b61099f565b61031f61030b3660046139a7565b5f9081526020819052604090206001015490565b6040519081526020016102af565b60095461033b9061ffff1681565b60405161ffff90911681526020016102af565b61036161035c3660046139a7565b610a08565b6040516102af91906139f2565b6102cb61037c366004613a87565b610afd565b6102cb61038f366004613af1565b610b27565b6102cb6103a2366004613a87565b610e62565b6102cb6103b5366004613b65565b610e9a565b6102cb6103c8366004613bad565b611015565b61031f7fbb08418a67729a078f87bbc8d02a770929bb68f5bfdf134ae2ead6ed38e2f4ae81565b61031f604181565b6102d562278d0081565b6102cb610414366004613c06565b6111ad565b6102a3610427366004613c06565b60086020525f908152604090205460ff1681565b6102cb610449366004613c1f565b61129e565b60095461046890600160381b90046001600160a01b031681565b6040516001600160a01b0390911681526020016102af565b61031f61048e366004613ca9565b6115fb565b61031f6104a1366004613d27565b61167b565b6102cb6104b4366004613da9565b611770565b6102cb6104c7366004613dd4565b6118ab565b6104d46119ab565b6040516102af9796959493929190613ea8565b6009546102d59062010000900463ffffffff1681565b6102cb61050b366004613f3e565b6119ed565b61031f7fd978a6a109870d159a229e244b81b0143baac2266bc245a0a288aef1269fd19381565b6102a3610545366004613a87565b611afb565b6102cb610558366004613f69565b611b23565b61031f5f81565b61031f610572366004613c06565b60076020525f908152604090205481565b61031f7fe2c5b023a8129a15b80d9ba7a30970bc98df43dd02c04f09abe3dcd006b3fed481565b61031f6105b8366004613f94565b611b66565b6105d06105cb366004613a87565b611c49565b6040805163ffffffff90931683529015156020830152016102af565b61031f6105fa366004613fef565b600660209081525f928352604080842090915290825290205481565b61061e604081565b60405160ff90911681526020016102af565b60095461061e90600160301b900460ff1681565b61031f7fe1dcbdb91df27212a29bc27177c840cf2f819ecf2187432e1fac86c2dd5dfca981565b6102cb610679366004613a87565b611c93565b61033b6103e881565b6102cb610695366004613af1565b611cb7565b61031f6106a8366004614017565b611e26565b61031f6106bb366004614017565b611e5d565b6102cb6106ce366004613c06565b611ee4565b6102cb6106e1366004613af1565b611f36565b61031f5f5160206142e85f395f51905f5281565b6102cb610708366004614032565b612126565b5f6001600160e01b03198216637965db0b60e01b148061073d57506301ffc9a760e01b6001600160e01b03198316145b92915050565b5f5160206142e85f395f51905f5261075a8161233a565b5f61076486611e26565b5f8181526004602052604090209091506002815460ff16600881111561078c5761078c6139be565b146107bd578054604051632b3263b360e01b81526107b491849160ff90911690600401614067565b60405180910390fd5b6107cd60e0880160c0890161407b565b6001600160401b03164210610811576107ec60e0880160c0890161407b565b604051636768091360e01b81526001600160401b0390911660048201526024016107b4565b8561084e5760405163f191a03160e01b815260206004820152600c60248201526b0eecad2ced0e8e640d0c2e6d60a31b60448201526064016107b4565b6001600160401b0384161580610887575061087761087260a0890160808a01614094565b612344565b1984166001600160401b03165f14155b156108b05760405163c1fd1bf360e01b81526001600160401b03851660048201526024016107b4565b80545f906108cc90600160c81b900464ffffffffff16426140c1565b8254600284018990557fffff0000000000ffffffffffffffff0000000000000000ffffffffffffffff008116600160481b600360ff1990931683178190046001600160401b039081168a821617820264ffffffffff60c81b191692909217600160c81b64ffffffffff861690810291909117909317808755604080518d8152602081018d9052929091049092168183015260608101929092525191925084917fec2709ba5ce924fdf42878285cb3b5bcfac99b082609b3e83a22c940f9cfc4d09181900360800190a25050505050505050565b5f6109a98161233a565b6001600160a01b0383165f81815260086020908152604091829020805460ff191686151590811790915591519182527f9a8e30a8658b96ab3f034ce4bac6806278b4aee5880ccdd1ac35e4ed5bb31d23910160405180910390a2505050565b60408051610100810182525f80825260208201819052918101829052606081018290526080810182905260a0810182905260c0810182905260e08101919091525f8281526004602052604090819020815161010081019092528054829060ff166008811115610a7957610a796139be565b6008811115610a8a57610a8a6139be565b815281546001600160401b03610100820481166020840152600160481b820481166040840152600160881b820416606083015264ffffffffff600160c81b820416608083015261ffff600160f01b9091041660a0820152600182015460c082015260029091015460e09091015292915050565b5f82815260208190526040902060010154610b178161233a565b610b21838361237a565b50505050565b5f610b3184611e26565b5f81815260046020526040902080549192509060ff166003816008811115610b5b57610b5b6139be565b03610ba7578154600160c81b900464ffffffffff16421015610ba2578154604051635a419ad360e11b8152600160c81b90910464ffffffffff1660048201526024016107b4565b610bdd565b6005816008811115610bbb57610bbb6139be565b14610bdd578281604051632b3263b360e01b81526004016107b4929190614067565b610be8828686612409565b8154600660ff1990911617808355600160881b81046001600160401b0390811619600160481b83041616905f9061271090610c3290600160f01b900461ffff1660408b01356140de565b610c3c91906140f5565b9050847f0e334fd11ab7bea6d2bda89338c0f25674e099b70dd28aaaee262fbecba48882856002015483604051610c7d929190918252602082015260400190565b60405180910390a2610cb1610c9860408a0160208b01613c06565b600954600160381b90046001600160a01b031683612455565b5f610cbb836124f0565b90505f81610ccd8460408d0135614114565b610cd791906140f5565b9050610d22610cec60408c0160208d01613c06565b610cf960208d018d613c06565b610d0385856140de565b868e60400135610d139190614114565b610d1d9190614114565b612455565b5f5b610d3460a08c0160808d01614094565b63ffffffff168163ffffffff161015610e3157600163ffffffff82161b85166001600160401b031615610e2957610da7610d7460408d0160208e01613c06565b8b8b8463ffffffff16818110610d8c57610d8c614127565b9050602002016020810190610da19190613c06565b84612455565b89898263ffffffff16818110610dbf57610dbf614127565b9050602002016020810190610dd49190613c06565b6001600160a01b0316887fc763b02bd08fb6feaaeb200e049082478cd3f189ea252f913e0451c064eca2448385604051610e2092919063ffffffff929092168252602082015260400190565b60405180910390a35b600101610d24565b50610e56878b8b8b888b5f0160119054906101000a90046001600160401b0316612520565b50505050505050505050565b6001600160a01b0381163314610e8b5760405163334bd91960e11b815260040160405180910390fd5b610e958282612798565b505050565b5f610ea48161233a565b6103e861ffff85161115610ee157604051637a72dbcd60e11b815260206004820152600360248201526266656560e81b60448201526064016107b4565b603c63ffffffff84161080610efe575062278d0063ffffffff8416115b15610f3f57604051637a72dbcd60e11b815260206004820152601060248201526f6368616c6c656e67652077696e646f7760801b60448201526064016107b4565b60ff82161580610f525750604060ff8316115b15610f8857604051637a72dbcd60e11b8152602060048201526005602482015264736c6f747360d81b60448201526064016107b4565b6009805461ffff861665ffffffffffff1990911681176201000063ffffffff87169081029190911766ff0000000000001916600160301b60ff8716908102919091179093556040805192835260208301919091528101919091527f24718e6513f4aa4e3e6d7b994b2d4da1dcf8c4368a2ab28b2cbf78286dceae0f9060600160405180910390a150505050565b5f5160206142e85f395f51905f5261102c8161233a565b5f61103686611e26565b5f8181526004602052604090209091506001815460ff16600881111561105e5761105e6139be565b14611086578054604051632b3263b360e01b81526107b491849160ff90911690600401614067565b61109660e0880160c0890161407b565b6001600160401b031642106110b5576107ec60e0880160c0890161407b565b5f6110c961087260a08a0160808b01614094565b82549091506001600160401b038083166101009092041614611110578154604051631d12676f60e11b81526101009091046001600160401b031660048201526024016107b4565b61112c838261112560a08c0160808d01614094565b8a8a612801565b5f878760405160200161114092919061413b565b60408051808303601f190181528282528051602091820120865460ff1916600217875560018701819055808452908301899052925085917fa83ea3ab5d93448a65abae413e47694701e32d8dc35f66a41a862dcc4c3132f1910160405180910390a2505050505050505050565b6111b5612944565b6001600160a01b0381165f908152600660209081526040808320338452909152812054908190036111f957604051630686827b60e51b815260040160405180910390fd5b6001600160a01b0382165f8181526006602090815260408083203384528252808320839055928252600790529081208054839290611238908490614114565b909155505060405181815233906001600160a01b038416907fd1c19fbcd4551a5edfb66d43d2e337c04837afda3482b42bdf569a8fccdae5fb9060200160405180910390a36112916001600160a01b038316338361296e565b5061129b60018055565b50565b7fbb08418a67729a078f87bbc8d02a770929bb68f5bfdf134ae2ead6ed38e2f4ae6112c88161233a565b5f6112d289611e26565b5f81815260046020526040902080549192509060ff1660028160088111156112fc576112fc6139be565b1415801561131c57506003816008811115611319576113196139be565b14155b801561133a57506004816008811115611337576113376139be565b14155b1561135c578281604051632b3263b360e01b81526004016107b4929190614067565b6003816008811115611370576113706139be565b14801561138c57508154600160c81b900464ffffffffff164210155b156113bc57815460405163d4c7fb7b60e01b8152600160c81b90910464ffffffffff1660048201526024016107b4565b5f6113d061087260a08e0160808f01614094565b90506001600160401b0381198a1616156114085760405163c1fd1bf360e01b81526001600160401b038a1660048201526024016107b4565b6001600160401b0381198916161561143e5760405163c1fd1bf360e01b81526001600160401b03891660048201526024016107b4565b8661144b57826002015496505b5f6001600160401b038a198a16161580611463575087155b90506001600160401b038a1615801561147a575080155b156114a35760405163c1fd1bf360e01b81526001600160401b038b1660048201526024016107b4565b6114ae848d8d612409565b835478ffffffffffffffffffffffffffffffff0000000000000000001916600160881b6001600160401b038c811691820267ffffffffffffffff60481b191692909217600160481b928c16928302178655600286018a90556040805191825260208201929092529081018990526060810188905285907fe47e1bc4dd88015578698984da855a44bac05575276cb71cf78ef3146ed6c5ff9060800160405180910390a280156115e057835460ff1916600717845560408051908e0135815285907f1535ab411323bb41ad642ccf14068bbd78818ed38dd9b4421c927cc6eeb07e2d9060200160405180910390a26115cd8d60200160208101906115b19190613c06565b8e5f0160208101906115c39190613c06565b8f60400135612455565b6115db858e8e8e5f8f612520565b6115ec565b835460ff191660051784555b50505050505050505050505050565b604080517fd978a6a109870d159a229e244b81b0143baac2266bc245a0a288aef1269fd193602082015290810185905263ffffffff841660608201526001600160a01b038316608082015260a081018290525f906116729060c0015b604051602081830303815290604052805190602001206129cd565b95945050505050565b5f611684612944565b61168d886129f9565b90506116db61169f60208a018a613c06565b8285858080601f0160208091040260200160405190810160405280939291908181526020018383808284375f92019190915250612d6092505050565b6116f857604051638baa579f60e01b815260040160405180910390fd5b61172661170b60408a0160208b01613c06565b61171860208b018b613c06565b8a604001358a8a8a8a612dd3565b61175c61173660208a018a613c06565b3060408b0180359061174b9060208e01613c06565b6001600160a01b0316929190612eec565b61176560018055565b979650505050505050565b5f5160206142e85f395f51905f526117878161233a565b5f61179184611e26565b5f8181526004602052604090209091506002815460ff1660088111156117b9576117b96139be565b146117e1578054604051632b3263b360e01b81526107b491849160ff90911690600401614067565b6001600160401b0384161580611815575061180561087260a0870160808801614094565b1984166001600160401b03165f14155b1561183e5760405163c1fd1bf360e01b81526001600160401b03851660048201526024016107b4565b805467ffffffffffffffff60481b198116600160481b918290046001600160401b0390811690871690811790920217825560405190815282907f5e27147b86b4af5bb08b3725d2a098a2267760e8c038485b508c0afaf98151d89060200160405180910390a25050505050565b6118b3612944565b854211156118d75760405163a3af181560e01b8152600481018790526024016107b4565b5f6118e18a611e26565b905061192e886118f3838c8c8c6115fb565b85858080601f0160208091040260200160405190810160405280939291908181526020018383808284375f92019190915250612d6092505050565b61194b57604051638baa579f60e01b815260040160405180910390fd5b6119578a828b8b612f25565b61197961196a60408c0160208d01613c06565b898c60a001358a8a8a8a612dd3565b61199688308c60a001358d602001602081019061174b9190613c06565b506119a060018055565b505050505050505050565b5f6060805f5f5f60606119bc61318d565b6119c46131bf565b604080515f80825260208201909252600f60f81b9b939a50919850469750309650945092509050565b7fbb08418a67729a078f87bbc8d02a770929bb68f5bfdf134ae2ead6ed38e2f4ae611a178161233a565b5f611a2184611e26565b5f8181526004602052604090209091506003815460ff166008811115611a4957611a496139be565b14611a71578054604051632b3263b360e01b81526107b491849160ff90911690600401614067565b8054600160c81b900464ffffffffff164210611ab257805460405163d4c7fb7b60e01b8152600160c81b90910464ffffffffff1660048201526024016107b4565b805460ff19166004178155604051848152339083907f16079caf05237a7b73b1ef8a3f1d5966f871eb744125cffc645c623273b2124a9060200160405180910390a35050505050565b5f918252602082815260408084206001600160a01b0393909316845291905290205460ff1690565b611b2b612944565b611b3f82611b3884611e26565b8333612f25565b611b59333060a085013561174b6040870160208801613c06565b611b6260018055565b5050565b5f611b6f612944565b611b78876129f9565b9050611b8a6040880160208901613c06565b6001600160a01b031663ef55bec6611ba560208a018a613c06565b604080516001600160e01b031960e085901b1681526001600160a01b0390921660048301523060248301528a01356044820152606481018990526084810188905260a4810184905260ff871660c482015260e481018690526101048101859052610124015f604051808303815f87803b158015611c20575f5ffd5b505af1158015611c32573d5f5f3e3d5ffd5b50505050611c3f60018055565b9695505050505050565b5f8281526005602090815260408083206001600160a01b038516845290915281205481908015611c8357611c7e600182614114565b611c85565b5f5b9250151590505b9250929050565b5f82815260208190526040902060010154611cad8161233a565b610b218383612798565b5f611cc184611e26565b9050611cd06020850185613c06565b6001600160a01b0316336001600160a01b031614158015611d055750611d035f5160206142e85f395f51905f5233611afb565b155b15611d25576040516310ac496560e01b81523360048201526024016107b4565b5f8181526004602052604090206001815460ff166008811115611d4a57611d4a6139be565b14611d72578054604051632b3263b360e01b81526107b491849160ff90911690600401614067565b8054611d9f90839061010090046001600160401b0316611d9860a0890160808a01614094565b8787612801565b805460ff19166008178155604051339083907f37f7fee84bd656bac1447df96e3014d8a7e8352e960e827b202efad2f908ecd3905f90a3611e00611de96040870160208801613c06565b611df66020880188613c06565b8760400135612455565b8054611e1f9086908690869061010090046001600160401b03166131ec565b5050505050565b5f61073d7fe2c5b023a8129a15b80d9ba7a30970bc98df43dd02c04f09abe3dcd006b3fed48360405160200161165792919061417a565b5f611e66612944565b611e736020830183613c06565b6001600160a01b0316336001600160a01b031614611ea6576040516303bb525960e21b81523360048201526024016107b4565b611eaf826129f9565b9050611ed6611ec16020840184613c06565b306040850180359061174b9060208801613c06565b611edf60018055565b919050565b5f611eee8161233a565b600954611f2c907fe1dcbdb91df27212a29bc27177c840cf2f819ecf2187432e1fac86c2dd5dfca990600160381b90046001600160a01b0316612798565b50611b628261327d565b5f611f4084611e26565b5f81815260046020526040902080549192509060ff166001816008811115611f6a57611f6a6139be565b14158015611f8a57506002816008811115611f8757611f876139be565b14155b15611fac578281604051632b3263b360e01b81526004016107b4929190614067565b611fbc60e0870160c0880161407b565b6001600160401b031642101561200157611fdc60e0870160c0880161407b565b6040516301f4899760e41b81526001600160401b0390911660048201526024016107b4565b815460ff191660071782556040805190870135815283907f1535ab411323bb41ad642ccf14068bbd78818ed38dd9b4421c927cc6eeb07e2d9060200160405180910390a261206f6120586040880160208901613c06565b6120656020890189613c06565b8860400135612455565b6001816008811115612083576120836139be565b036120d95781546120b590849061010090046001600160401b03166120ae60a08a0160808b01614094565b8888612801565b81546120d49087908790879061010090046001600160401b03166131ec565b61211e565b6120e4828686612409565b815461211e9084908890889088905f90600160481b90046001600160401b03161961211861087260a0870160808801614094565b16612520565b505050505050565b61212e612944565b604181111561216b57604051637a72dbcd60e11b81526020600482015260086024820152676163636f756e747360c01b60448201526064016107b4565b825f5b8281101561232f575f84848381811061218957612189614127565b905060200201602081019061219e9190613c06565b6001600160a01b038088165f9081526006602090815260408083209385168352929052908120549192508190036121d6575050612327565b6001600160a01b038088165f81815260066020908152604080832094871683529381528382208290559181526007909152908120805483929061221a908490614114565b9091555061223490506001600160a01b0385168383613348565b1561228b57816001600160a01b0316876001600160a01b03167fd1c19fbcd4551a5edfb66d43d2e337c04837afda3482b42bdf569a8fccdae5fb8360405161227e91815260200190565b60405180910390a3612324565b6001600160a01b038088165f8181526006602090815260408083209487168352938152838220859055918152600790915290812080548392906122cf908490614226565b92505081905550816001600160a01b0316876001600160a01b03167fb9e0085ff31790fd5f2d2a166222ef76a7120e0531945f729365d9072f8422fd8360405161231b91815260200190565b60405180910390a35b50505b60010161216e565b5050610e9560018055565b61129b81336133b5565b5f8163ffffffff1660401461236c57612367600163ffffffff841681901b614239565b61073d565b6001600160401b0392915050565b5f6123858383611afb565b612402575f838152602081815260408083206001600160a01b03861684529091529020805460ff191660011790556123ba3390565b6001600160a01b0316826001600160a01b0316847f2f8788117e7eff1d82e926ec794901d17c78024a50270940304540a733656f0d60405160405180910390a450600161073d565b505f61073d565b8260010154828260405160200161242192919061413b565b6040516020818303038152906040528051906020012014610e9557604051633a50471560e11b815260040160405180910390fd5b805f0361246157505050565b6001600160a01b038084165f90815260066020908152604080832093861683529290529081208054839290612497908490614226565b92505081905550816001600160a01b0316836001600160a01b03167f4e45da441832cf53bdaa69235704fc0575e68210f459ee1562911024b12967d5836040516124e391815260200190565b60405180910390a3505050565b5f5b6001600160401b03821615611edf5761250c600183614239565b9091169061251981614258565b90506124f2565b5f61252a826124f0565b90505f612536846124f0565b90505f8115612567578160026125508560a08c01356140de565b61255a91906140f5565b61256491906140f5565b90505b61259f61257a60408a0160208b01613c06565b61258760208b018b613c06565b61259185856140de565b610d138760a08e01356140de565b5f5b6125b160a08a0160808b01614094565b63ffffffff168163ffffffff161015610e5657600163ffffffff82161b8581166001600160401b0316156126625788888363ffffffff168181106125f7576125f7614127565b905060200201602081019061260c9190613c06565b6040805163ffffffff8516815260a08d013560208201526001600160a01b0392909216918d917f713b0b953e89f29ed36f640873149d31271d656c851fa936be20c967a67cda3c910160405180910390a361278f565b6001600160401b0387821616156126c6576126c161268660408c0160208d01613c06565b8a8a8563ffffffff1681811061269e5761269e614127565b90506020020160208101906126b39190613c06565b610d1d8660a08f0135614226565b61278f565b6127106126d960408c0160208d01613c06565b8a8a8563ffffffff168181106126f1576126f1614127565b90506020020160208101906127069190613c06565b8c60a00135612455565b88888363ffffffff1681811061272857612728614127565b905060200201602081019061273d9190613c06565b6040805163ffffffff8516815260a08d013560208201526001600160a01b0392909216918d917f32c617228899efd8fa66154bfbbdc07573dc7016f3138ddc7f5663f43df0a7e4910160405180910390a35b506001016125a1565b5f6127a38383611afb565b15612402575f838152602081815260408083206001600160a01b0386168085529252808320805460ff1916905551339286917ff6391f5c32d9c69d2a47ea670b442974b53935d1edc7fd64eb21e047a839171b9190a450600161073d565b63ffffffff8316811461282757604051633a50471560e11b815260040160405180910390fd5b5f5b8363ffffffff168163ffffffff16101561211e57600163ffffffff82161b85166001600160401b03165f036128b2575f838363ffffffff841681811061287157612871614127565b90506020020160208101906128869190613c06565b6001600160a01b0316146128ad57604051633a50471560e11b815260040160405180910390fd5b61293c565b6128c363ffffffff82166001614226565b5f87815260056020526040812090858563ffffffff86168181106128e9576128e9614127565b90506020020160208101906128fe9190613c06565b6001600160a01b03166001600160a01b031681526020019081526020015f20541461293c57604051633a50471560e11b815260040160405180910390fd5b600101612829565b60026001540361296757604051633ee5aeb560e01b815260040160405180910390fd5b6002600155565b6040516001600160a01b03838116602483015260448201839052610e9591859182169063a9059cbb906064015b604051602081830303815290604052915060e01b6020820180516001600160e01b0383818316178352505050506133ee565b5f61073d6129d961345a565b8360405161190160f01b8152600281019290925260228201526042902090565b5f600881612a0d6040850160208601613c06565b6001600160a01b0316815260208101919091526040015f205460ff16612a6257612a3d6040830160208401613c06565b60405163094403b760e41b81526001600160a01b0390911660048201526024016107b4565b5f612a706020840184613c06565b6001600160a01b031603612aaf5760405163f191a03160e01b8152602060048201526005602482015264313abcb2b960d91b60448201526064016107b4565b81604001355f03612aec5760405163f191a03160e01b8152602060048201526006602482015265185b5bdd5b9d60d21b60448201526064016107b4565b612afc60a0830160808401614094565b63ffffffff161580612b2e5750600954600160301b900460ff16612b2660a0840160808501614094565b63ffffffff16115b15612b645760405163f191a03160e01b8152602060048201526005602482015264736c6f747360d81b60448201526064016107b4565b42612b7560e0840160c0850161407b565b6001600160401b031611612b93576107ec60e0830160c0840161407b565b612b9c82611e26565b5f818152600460205260408120919250815460ff166008811115612bc257612bc26139be565b14612bea578054604051632b3263b360e01b81526107b491849160ff90911690600401614067565b60095481546001610100600160c81b0390911662010000830463ffffffff16600160c81b81026001600160f01b03169190911761ffff909316600160f01b810293909317919091178355604085018035906007905f90612c4d9060208a01613c06565b6001600160a01b03166001600160a01b031681526020019081526020015f205f828254612c7a9190614226565b90915550612c9090506040860160208701613c06565b6001600160a01b0316612ca66020870187613c06565b6001600160a01b0316857fa91087c420472c632d59363e777f1bf21663ee090baa2df358117e98e8e96b7e604089013560608a0135612ceb60a08c0160808d01614094565b60a08c0135612d0060e08e0160c08f0161407b565b60408051958652602086019490945263ffffffff9283168585015260608501919091526001600160401b0316608084015260e08c81013560a085015261ffff8a1660c08501529088169083015251908190036101000190a4505050919050565b5f836001600160a01b03163b5f03612dbe575f5f612d7e8585613583565b5090925090505f816003811115612d9757612d976139be565b148015612db55750856001600160a01b0316826001600160a01b0316145b92505050612dcc565b612dc98484846135cc565b90505b9392505050565b60405163d505accf60e01b81526001600160a01b038781166004830152306024830152604482018790526064820186905260ff8516608483015260a4820184905260c4820183905288169063d505accf9060e4015f604051808303815f87803b158015612e3e575f5ffd5b505af1925050508015612e4f575060015b612ee357604051636eb1769f60e11b81526001600160a01b03878116600483015230602483015286919089169063dd62ed3e90604401602060405180830381865afa158015612ea0573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190612ec49190614270565b1015612ee357604051638baa579f60e01b815260040160405180910390fd5b50505050505050565b6040516001600160a01b038481166024830152838116604483015260648201839052610b219186918216906323b872dd9060840161299b565b5f8381526004602052604090206001815460ff166008811115612f4a57612f4a6139be565b14612f72578054604051632b3263b360e01b81526107b491869160ff90911690600401614067565b612f8260e0860160c0870161407b565b6001600160401b03164210612fa1576107ec60e0860160c0870161407b565b612fb160a0860160808701614094565b63ffffffff168363ffffffff1610612fe45760405163e89fb79160e01b815263ffffffff841660048201526024016107b4565b8054600163ffffffff85161b90610100900481166001600160401b0316156130275760405163a1db156560e01b815263ffffffff851660048201526024016107b4565b5f8581526005602090815260408083206001600160a01b0387168452909152902054801561308b578361305b600183614114565b604051630be23bdb60e21b81526001600160a01b03909216600483015263ffffffff1660248201526044016107b4565b82546001600160401b0380841661010080840492909216170268ffffffffffffffff00199091161783556130c663ffffffff86166001614226565b5f8781526005602090815260408083206001600160a01b038916845282528083209390935560a08a01359260079291613103918c01908c01613c06565b6001600160a01b03166001600160a01b031681526020019081526020015f205f8282546131309190614226565b90915550506040805163ffffffff8716815260a089013560208201526001600160a01b0386169188917f7cde719ae12ca5f93324d30d938642c79d4b02052c77129e7849e8648d986055910160405180910390a350505050505050565b60606131ba7f000000000000000000000000000000000000000000000000000000000000000060026136a2565b905090565b60606131ba7f000000000000000000000000000000000000000000000000000000000000000060036136a2565b5f5b6131fe60a0860160808701614094565b63ffffffff168163ffffffff161015611e1f57600163ffffffff82161b82166001600160401b0316156132755761327561323e6040870160208801613c06565b85858463ffffffff1681811061325657613256614127565b905060200201602081019061326b9190613c06565b8760a00135612455565b6001016131ee565b6001600160a01b0381166132bf57604051637a72dbcd60e11b8152602060048201526008602482015267747265617375727960c01b60448201526064016107b4565b60098054670100000000000000600160d81b031916600160381b6001600160a01b038416021790556133117fe1dcbdb91df27212a29bc27177c840cf2f819ecf2187432e1fac86c2dd5dfca98261237a565b506040516001600160a01b038216907f3c864541ef71378c6229510ed90f376565ee42d9c5e0904a984a9e863e6db44f905f90a250565b5f612dc984856001600160a01b031663a9059cbb86866040516024016133839291906001600160a01b03929092168252602082015260400190565b604051602081830303815290604052915060e01b6020820180516001600160e01b03838183161783525050505061374b565b6133bf8282611afb565b611b625760405163e2517d3f60e01b81526001600160a01b0382166004820152602481018390526044016107b4565b5f5f60205f8451602086015f885af18061340d576040513d5f823e3d81fd5b50505f513d91508115613424578060011415613431565b6001600160a01b0384163b155b15610b2157604051635274afe760e01b81526001600160a01b03851660048201526024016107b4565b5f306001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000161480156134b257507f000000000000000000000000000000000000000000000000000000000000000046145b156134dc57507f000000000000000000000000000000000000000000000000000000000000000090565b6131ba604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201527f0000000000000000000000000000000000000000000000000000000000000000918101919091527f000000000000000000000000000000000000000000000000000000000000000060608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b5f5f5f83516041036135ba576020840151604085015160608601515f1a6135ac88828585613790565b9550955095505050506135c5565b505081515f91506002905b9250925092565b5f5f5f856001600160a01b031685856040516024016135ec929190614287565b60408051601f198184030181529181526020820180516001600160e01b0316630b135d3f60e11b17905251613621919061429f565b5f60405180830381855afa9150503d805f8114613659576040519150601f19603f3d011682016040523d82523d5f602084013e61365e565b606091505b509150915081801561367257506020815110155b8015611c3f57508051630b135d3f60e11b906136979083016020908101908401614270565b149695505050505050565b606060ff83146136bc576136b583613858565b905061073d565b8180546136c8906142b5565b80601f01602080910402602001604051908101604052809291908181526020018280546136f4906142b5565b801561373f5780601f106137165761010080835404028352916020019161373f565b820191905f5260205f20905b81548152906001019060200180831161372257829003601f168201915b5050505050905061073d565b5f5f5f5f60205f8651602088015f8a5af192503d91505f519050828015611c3f5750811561377c5780600114611c3f565b50505050506001600160a01b03163b151590565b5f80807f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a08411156137c957505f9150600390508261384e565b604080515f808252602082018084528a905260ff891692820192909252606081018790526080810186905260019060a0016020604051602081039080840390855afa15801561381a573d5f5f3e3d5ffd5b5050604051601f1901519150506001600160a01b03811661384557505f92506001915082905061384e565b92505f91508190505b9450945094915050565b60605f61386483613895565b6040805160208082528183019092529192505f91906020820181803683375050509182525060208101929092525090565b5f60ff8216601f81111561073d57604051632cd44ac360e21b815260040160405180910390fd5b5f602082840312156138cc575f5ffd5b81356001600160e01b031981168114612dcc575f5ffd5b5f61010082840312156138f4575f5ffd5b50919050565b80356001600160401b0381168114611edf575f5ffd5b5f5f5f5f6101608587031215613924575f5ffd5b61392e86866138e3565b93506101008501359250610120850135915061394d61014086016138fa565b905092959194509250565b80356001600160a01b0381168114611edf575f5ffd5b5f5f6040838503121561397f575f5ffd5b61398883613958565b91506020830135801515811461399c575f5ffd5b809150509250929050565b5f602082840312156139b7575f5ffd5b5035919050565b634e487b7160e01b5f52602160045260245ffd5b600981106139ee57634e487b7160e01b5f52602160045260245ffd5b9052565b5f61010082019050613a058284516139d2565b6001600160401b0360208401511660208301526001600160401b0360408401511660408301526001600160401b0360608401511660608301526080830151613a56608084018264ffffffffff169052565b5060a0830151613a6c60a084018261ffff169052565b5060c083015160c083015260e083015160e083015292915050565b5f5f60408385031215613a98575f5ffd5b82359150613aa860208401613958565b90509250929050565b5f5f83601f840112613ac1575f5ffd5b5081356001600160401b03811115613ad7575f5ffd5b6020830191508360208260051b8501011115611c8c575f5ffd5b5f5f5f6101208486031215613b04575f5ffd5b613b0e85856138e3565b92506101008401356001600160401b03811115613b29575f5ffd5b613b3586828701613ab1565b9497909650939450505050565b803563ffffffff81168114611edf575f5ffd5b803560ff81168114611edf575f5ffd5b5f5f5f60608486031215613b77575f5ffd5b833561ffff81168114613b88575f5ffd5b9250613b9660208501613b42565b9150613ba460408501613b55565b90509250925092565b5f5f5f5f6101408587031215613bc1575f5ffd5b613bcb86866138e3565b93506101008501356001600160401b03811115613be6575f5ffd5b613bf287828801613ab1565b959890975094956101200135949350505050565b5f60208284031215613c16575f5ffd5b612dcc82613958565b5f5f5f5f5f5f5f6101a0888a031215613c36575f5ffd5b613c4089896138e3565b96506101008801356001600160401b03811115613c5b575f5ffd5b613c678a828b01613ab1565b9097509550613c7b905061012089016138fa565b9350613c8a61014089016138fa565b9699959850939692959461016084013594506101809093013592915050565b5f5f5f5f60808587031215613cbc575f5ffd5b84359350613ccc60208601613b42565b9250613cda60408601613958565b9396929550929360600135925050565b5f5f83601f840112613cfa575f5ffd5b5081356001600160401b03811115613d10575f5ffd5b602083019150836020828501011115611c8c575f5ffd5b5f5f5f5f5f5f5f6101a0888a031215613d3e575f5ffd5b613d4889896138e3565b96506101008801359550613d5f6101208901613b55565b9450610140880135935061016088013592506101808801356001600160401b03811115613d8a575f5ffd5b613d968a828b01613cea565b989b979a50959850939692959293505050565b5f5f6101208385031215613dbb575f5ffd5b613dc584846138e3565b9150613aa861010084016138fa565b5f5f5f5f5f5f5f5f5f6101e08a8c031215613ded575f5ffd5b613df78b8b6138e3565b9850613e066101008b01613b42565b9750613e156101208b01613958565b96506101408a01359550613e2c6101608b01613b55565b94506101808a013593506101a08a013592506101c08a01356001600160401b03811115613e57575f5ffd5b613e638c828d01613cea565b915080935050809150509295985092959850929598565b5f81518084528060208401602086015e5f602082860101526020601f19601f83011685010191505092915050565b60ff60f81b8816815260e060208201525f613ec660e0830189613e7a565b8281036040840152613ed88189613e7a565b606084018890526001600160a01b038716608085015260a0840186905283810360c0850152845180825260208087019350909101905f5b81811015613f2d578351835260209384019390920191600101613f0f565b50909b9a5050505050505050505050565b5f5f6101208385031215613f50575f5ffd5b613f5a84846138e3565b94610100939093013593505050565b5f5f6101208385031215613f7b575f5ffd5b613f8584846138e3565b9150613aa86101008401613b42565b5f5f5f5f5f5f6101a08789031215613faa575f5ffd5b613fb488886138e3565b955061010087013594506101208701359350613fd36101408801613b55565b9598949750929561016081013594610180909101359350915050565b5f5f60408385031215614000575f5ffd5b61400983613958565b9150613aa860208401613958565b5f6101008284031215614028575f5ffd5b612dcc83836138e3565b5f5f5f60408486031215614044575f5ffd5b61404d84613958565b925060208401356001600160401b03811115613b29575f5ffd5b82815260408101612dcc60208301846139d2565b5f6020828403121561408b575f5ffd5b612dcc826138fa565b5f602082840312156140a4575f5ffd5b612dcc82613b42565b634e487b7160e01b5f52601160045260245ffd5b64ffffffffff818116838216019081111561073d5761073d6140ad565b808202811582820484141761073d5761073d6140ad565b5f8261410f57634e487b7160e01b5f52601260045260245ffd5b500490565b8181038181111561073d5761073d6140ad565b634e487b7160e01b5f52603260045260245ffd5b5f8184825b8581101561416f576001600160a01b0361415983613958565b1683526020928301929190910190600101614140565b509095945050505050565b82815261012081016001600160a01b0361419384613958565b16602083015260018060a01b036141ac60208501613958565b1660408301525f60408401359050806060840152505f606084013590508060808401525063ffffffff6141e160808501613b42565b1660a08301525f60a084013590508060c08401525061420260c084016138fa565b6001600160401b03811660e08401525060e092909201356101009190910152919050565b8082018082111561073d5761073d6140ad565b6001600160401b03828116828216039081111561073d5761073d6140ad565b5f60018201614269576142696140ad565b5060010190565b5f60208284031215614280575f5ffd5b5051919050565b828152604060208201525f612dc96040830184613e7a565b5f82518060208501845e5f920191825250919050565b600181811c908216806142c957607f821691505b6020821081036138f457634e487b7160e01b5f52602260045260245ffdfe97667070c54ef182b0f5858b034beac1b6f3089aa2d3188bb1e8929f4fa9b929",
}

// AXLEscrow is an auto generated Go binding around an Ethereum contract.
type AXLEscrow struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *AXLEscrow) GetABI() abi.ABI {
	return c.abi
}

// NewAXLEscrow creates a new instance of AXLEscrow.
func NewAXLEscrow() *AXLEscrow {
	parsed, err := AXLEscrowMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &AXLEscrow{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *AXLEscrow) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(address admin, address operator, address arbiter, address treasury_) returns()
func (aXLEscrow *AXLEscrow) PackConstructor(admin common.Address, operator common.Address, arbiter common.Address, treasury_ common.Address) []byte {
	enc, err := aXLEscrow.abi.Pack("", admin, operator, arbiter, treasury_)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackARBITERROLE is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4d104adf.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function ARBITER_ROLE() view returns(bytes32)
func (aXLEscrow *AXLEscrow) PackARBITERROLE() []byte {
	enc, err := aXLEscrow.abi.Pack("ARBITER_ROLE")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackARBITERROLE is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4d104adf.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function ARBITER_ROLE() view returns(bytes32)
func (aXLEscrow *AXLEscrow) TryPackARBITERROLE() ([]byte, error) {
	return aXLEscrow.abi.Pack("ARBITER_ROLE")
}

// UnpackARBITERROLE is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x4d104adf.
//
// Solidity: function ARBITER_ROLE() view returns(bytes32)
func (aXLEscrow *AXLEscrow) UnpackARBITERROLE(data []byte) ([32]byte, error) {
	out, err := aXLEscrow.abi.Unpack("ARBITER_ROLE", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackDEFAULTADMINROLE is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa217fddf.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function DEFAULT_ADMIN_ROLE() view returns(bytes32)
func (aXLEscrow *AXLEscrow) PackDEFAULTADMINROLE() []byte {
	enc, err := aXLEscrow.abi.Pack("DEFAULT_ADMIN_ROLE")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDEFAULTADMINROLE is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa217fddf.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function DEFAULT_ADMIN_ROLE() view returns(bytes32)
func (aXLEscrow *AXLEscrow) TryPackDEFAULTADMINROLE() ([]byte, error) {
	return aXLEscrow.abi.Pack("DEFAULT_ADMIN_ROLE")
}

// UnpackDEFAULTADMINROLE is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xa217fddf.
//
// Solidity: function DEFAULT_ADMIN_ROLE() view returns(bytes32)
func (aXLEscrow *AXLEscrow) UnpackDEFAULTADMINROLE(data []byte) ([32]byte, error) {
	out, err := aXLEscrow.abi.Unpack("DEFAULT_ADMIN_ROLE", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackINTENTTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb082a274.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function INTENT_TYPEHASH() view returns(bytes32)
func (aXLEscrow *AXLEscrow) PackINTENTTYPEHASH() []byte {
	enc, err := aXLEscrow.abi.Pack("INTENT_TYPEHASH")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackINTENTTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb082a274.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function INTENT_TYPEHASH() view returns(bytes32)
func (aXLEscrow *AXLEscrow) TryPackINTENTTYPEHASH() ([]byte, error) {
	return aXLEscrow.abi.Pack("INTENT_TYPEHASH")
}

// UnpackINTENTTYPEHASH is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xb082a274.
//
// Solidity: function INTENT_TYPEHASH() view returns(bytes32)
func (aXLEscrow *AXLEscrow) UnpackINTENTTYPEHASH(data []byte) ([32]byte, error) {
	out, err := aXLEscrow.abi.Unpack("INTENT_TYPEHASH", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackMAXCHALLENGEWINDOW is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x51586ecb.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function MAX_CHALLENGE_WINDOW() view returns(uint32)
func (aXLEscrow *AXLEscrow) PackMAXCHALLENGEWINDOW() []byte {
	enc, err := aXLEscrow.abi.Pack("MAX_CHALLENGE_WINDOW")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMAXCHALLENGEWINDOW is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x51586ecb.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function MAX_CHALLENGE_WINDOW() view returns(uint32)
func (aXLEscrow *AXLEscrow) TryPackMAXCHALLENGEWINDOW() ([]byte, error) {
	return aXLEscrow.abi.Pack("MAX_CHALLENGE_WINDOW")
}

// UnpackMAXCHALLENGEWINDOW is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x51586ecb.
//
// Solidity: function MAX_CHALLENGE_WINDOW() view returns(uint32)
func (aXLEscrow *AXLEscrow) UnpackMAXCHALLENGEWINDOW(data []byte) (uint32, error) {
	out, err := aXLEscrow.abi.Unpack("MAX_CHALLENGE_WINDOW", data)
	if err != nil {
		return *new(uint32), err
	}
	out0 := *abi.ConvertType(out[0], new(uint32)).(*uint32)
	return out0, nil
}

// PackMAXFEEBPS is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd55be8c6.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function MAX_FEE_BPS() view returns(uint16)
func (aXLEscrow *AXLEscrow) PackMAXFEEBPS() []byte {
	enc, err := aXLEscrow.abi.Pack("MAX_FEE_BPS")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMAXFEEBPS is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd55be8c6.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function MAX_FEE_BPS() view returns(uint16)
func (aXLEscrow *AXLEscrow) TryPackMAXFEEBPS() ([]byte, error) {
	return aXLEscrow.abi.Pack("MAX_FEE_BPS")
}

// UnpackMAXFEEBPS is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xd55be8c6.
//
// Solidity: function MAX_FEE_BPS() view returns(uint16)
func (aXLEscrow *AXLEscrow) UnpackMAXFEEBPS(data []byte) (uint16, error) {
	out, err := aXLEscrow.abi.Unpack("MAX_FEE_BPS", data)
	if err != nil {
		return *new(uint16), err
	}
	out0 := *abi.ConvertType(out[0], new(uint16)).(*uint16)
	return out0, nil
}

// PackMAXPAYOUTS is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4dba82c6.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function MAX_PAYOUTS() view returns(uint256)
func (aXLEscrow *AXLEscrow) PackMAXPAYOUTS() []byte {
	enc, err := aXLEscrow.abi.Pack("MAX_PAYOUTS")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMAXPAYOUTS is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4dba82c6.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function MAX_PAYOUTS() view returns(uint256)
func (aXLEscrow *AXLEscrow) TryPackMAXPAYOUTS() ([]byte, error) {
	return aXLEscrow.abi.Pack("MAX_PAYOUTS")
}

// UnpackMAXPAYOUTS is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x4dba82c6.
//
// Solidity: function MAX_PAYOUTS() view returns(uint256)
func (aXLEscrow *AXLEscrow) UnpackMAXPAYOUTS(data []byte) (*big.Int, error) {
	out, err := aXLEscrow.abi.Unpack("MAX_PAYOUTS", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackMAXSLOTS is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc0f3f2e9.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function MAX_SLOTS() view returns(uint8)
func (aXLEscrow *AXLEscrow) PackMAXSLOTS() []byte {
	enc, err := aXLEscrow.abi.Pack("MAX_SLOTS")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMAXSLOTS is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc0f3f2e9.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function MAX_SLOTS() view returns(uint8)
func (aXLEscrow *AXLEscrow) TryPackMAXSLOTS() ([]byte, error) {
	return aXLEscrow.abi.Pack("MAX_SLOTS")
}

// UnpackMAXSLOTS is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xc0f3f2e9.
//
// Solidity: function MAX_SLOTS() view returns(uint8)
func (aXLEscrow *AXLEscrow) UnpackMAXSLOTS(data []byte) (uint8, error) {
	out, err := aXLEscrow.abi.Unpack("MAX_SLOTS", data)
	if err != nil {
		return *new(uint8), err
	}
	out0 := *abi.ConvertType(out[0], new(uint8)).(*uint8)
	return out0, nil
}

// PackMINCHALLENGEWINDOW is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0bdc203b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function MIN_CHALLENGE_WINDOW() view returns(uint32)
func (aXLEscrow *AXLEscrow) PackMINCHALLENGEWINDOW() []byte {
	enc, err := aXLEscrow.abi.Pack("MIN_CHALLENGE_WINDOW")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMINCHALLENGEWINDOW is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0bdc203b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function MIN_CHALLENGE_WINDOW() view returns(uint32)
func (aXLEscrow *AXLEscrow) TryPackMINCHALLENGEWINDOW() ([]byte, error) {
	return aXLEscrow.abi.Pack("MIN_CHALLENGE_WINDOW")
}

// UnpackMINCHALLENGEWINDOW is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x0bdc203b.
//
// Solidity: function MIN_CHALLENGE_WINDOW() view returns(uint32)
func (aXLEscrow *AXLEscrow) UnpackMINCHALLENGEWINDOW(data []byte) (uint32, error) {
	out, err := aXLEscrow.abi.Unpack("MIN_CHALLENGE_WINDOW", data)
	if err != nil {
		return *new(uint32), err
	}
	out0 := *abi.ConvertType(out[0], new(uint32)).(*uint32)
	return out0, nil
}

// PackOPERATORROLE is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf5b541a6.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function OPERATOR_ROLE() view returns(bytes32)
func (aXLEscrow *AXLEscrow) PackOPERATORROLE() []byte {
	enc, err := aXLEscrow.abi.Pack("OPERATOR_ROLE")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackOPERATORROLE is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf5b541a6.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function OPERATOR_ROLE() view returns(bytes32)
func (aXLEscrow *AXLEscrow) TryPackOPERATORROLE() ([]byte, error) {
	return aXLEscrow.abi.Pack("OPERATOR_ROLE")
}

// UnpackOPERATORROLE is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf5b541a6.
//
// Solidity: function OPERATOR_ROLE() view returns(bytes32)
func (aXLEscrow *AXLEscrow) UnpackOPERATORROLE(data []byte) ([32]byte, error) {
	out, err := aXLEscrow.abi.Unpack("OPERATOR_ROLE", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackSTAKETYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x89ee09f0.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function STAKE_TYPEHASH() view returns(bytes32)
func (aXLEscrow *AXLEscrow) PackSTAKETYPEHASH() []byte {
	enc, err := aXLEscrow.abi.Pack("STAKE_TYPEHASH")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSTAKETYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x89ee09f0.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function STAKE_TYPEHASH() view returns(bytes32)
func (aXLEscrow *AXLEscrow) TryPackSTAKETYPEHASH() ([]byte, error) {
	return aXLEscrow.abi.Pack("STAKE_TYPEHASH")
}

// UnpackSTAKETYPEHASH is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x89ee09f0.
//
// Solidity: function STAKE_TYPEHASH() view returns(bytes32)
func (aXLEscrow *AXLEscrow) UnpackSTAKETYPEHASH(data []byte) ([32]byte, error) {
	out, err := aXLEscrow.abi.Unpack("STAKE_TYPEHASH", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackTREASURYROLE is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd11a57ec.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function TREASURY_ROLE() view returns(bytes32)
func (aXLEscrow *AXLEscrow) PackTREASURYROLE() []byte {
	enc, err := aXLEscrow.abi.Pack("TREASURY_ROLE")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTREASURYROLE is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd11a57ec.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function TREASURY_ROLE() view returns(bytes32)
func (aXLEscrow *AXLEscrow) TryPackTREASURYROLE() ([]byte, error) {
	return aXLEscrow.abi.Pack("TREASURY_ROLE")
}

// UnpackTREASURYROLE is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xd11a57ec.
//
// Solidity: function TREASURY_ROLE() view returns(bytes32)
func (aXLEscrow *AXLEscrow) UnpackTREASURYROLE(data []byte) ([32]byte, error) {
	out, err := aXLEscrow.abi.Unpack("TREASURY_ROLE", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackAssign is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3a1e43aa.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function assign((address,address,uint256,bytes32,uint32,uint256,uint64,uint256) t, address[] workers, bytes32 seed) returns()
func (aXLEscrow *AXLEscrow) PackAssign(t AXLEscrowTerms, workers []common.Address, seed [32]byte) []byte {
	enc, err := aXLEscrow.abi.Pack("assign", t, workers, seed)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAssign is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3a1e43aa.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function assign((address,address,uint256,bytes32,uint32,uint256,uint64,uint256) t, address[] workers, bytes32 seed) returns()
func (aXLEscrow *AXLEscrow) TryPackAssign(t AXLEscrowTerms, workers []common.Address, seed [32]byte) ([]byte, error) {
	return aXLEscrow.abi.Pack("assign", t, workers, seed)
}

// PackCancel is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xda6f6d87.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function cancel((address,address,uint256,bytes32,uint32,uint256,uint64,uint256) t, address[] stakers) returns()
func (aXLEscrow *AXLEscrow) PackCancel(t AXLEscrowTerms, stakers []common.Address) []byte {
	enc, err := aXLEscrow.abi.Pack("cancel", t, stakers)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCancel is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xda6f6d87.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function cancel((address,address,uint256,bytes32,uint32,uint256,uint64,uint256) t, address[] stakers) returns()
func (aXLEscrow *AXLEscrow) TryPackCancel(t AXLEscrowTerms, stakers []common.Address) ([]byte, error) {
	return aXLEscrow.abi.Pack("cancel", t, stakers)
}

// PackChallengeWindow is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x861a1412.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function challengeWindow() view returns(uint32)
func (aXLEscrow *AXLEscrow) PackChallengeWindow() []byte {
	enc, err := aXLEscrow.abi.Pack("challengeWindow")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackChallengeWindow is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x861a1412.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function challengeWindow() view returns(uint32)
func (aXLEscrow *AXLEscrow) TryPackChallengeWindow() ([]byte, error) {
	return aXLEscrow.abi.Pack("challengeWindow")
}

// UnpackChallengeWindow is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x861a1412.
//
// Solidity: function challengeWindow() view returns(uint32)
func (aXLEscrow *AXLEscrow) UnpackChallengeWindow(data []byte) (uint32, error) {
	out, err := aXLEscrow.abi.Unpack("challengeWindow", data)
	if err != nil {
		return *new(uint32), err
	}
	out0 := *abi.ConvertType(out[0], new(uint32)).(*uint32)
	return out0, nil
}

// PackDispute is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x88e75bdf.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function dispute((address,address,uint256,bytes32,uint32,uint256,uint64,uint256) t, bytes32 reason) returns()
func (aXLEscrow *AXLEscrow) PackDispute(t AXLEscrowTerms, reason [32]byte) []byte {
	enc, err := aXLEscrow.abi.Pack("dispute", t, reason)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDispute is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x88e75bdf.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function dispute((address,address,uint256,bytes32,uint32,uint256,uint64,uint256) t, bytes32 reason) returns()
func (aXLEscrow *AXLEscrow) TryPackDispute(t AXLEscrowTerms, reason [32]byte) ([]byte, error) {
	return aXLEscrow.abi.Pack("dispute", t, reason)
}

// PackEip712Domain is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x84b0196e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function eip712Domain() view returns(bytes1 fields, string name, string version, uint256 chainId, address verifyingContract, bytes32 salt, uint256[] extensions)
func (aXLEscrow *AXLEscrow) PackEip712Domain() []byte {
	enc, err := aXLEscrow.abi.Pack("eip712Domain")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackEip712Domain is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x84b0196e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function eip712Domain() view returns(bytes1 fields, string name, string version, uint256 chainId, address verifyingContract, bytes32 salt, uint256[] extensions)
func (aXLEscrow *AXLEscrow) TryPackEip712Domain() ([]byte, error) {
	return aXLEscrow.abi.Pack("eip712Domain")
}

// Eip712DomainOutput serves as a container for the return parameters of contract
// method Eip712Domain.
type Eip712DomainOutput struct {
	Fields            [1]byte
	Name              string
	Version           string
	ChainId           *big.Int
	VerifyingContract common.Address
	Salt              [32]byte
	Extensions        []*big.Int
}

// UnpackEip712Domain is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x84b0196e.
//
// Solidity: function eip712Domain() view returns(bytes1 fields, string name, string version, uint256 chainId, address verifyingContract, bytes32 salt, uint256[] extensions)
func (aXLEscrow *AXLEscrow) UnpackEip712Domain(data []byte) (Eip712DomainOutput, error) {
	out, err := aXLEscrow.abi.Unpack("eip712Domain", data)
	outstruct := new(Eip712DomainOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Fields = *abi.ConvertType(out[0], new([1]byte)).(*[1]byte)
	outstruct.Name = *abi.ConvertType(out[1], new(string)).(*string)
	outstruct.Version = *abi.ConvertType(out[2], new(string)).(*string)
	outstruct.ChainId = abi.ConvertType(out[3], new(big.Int)).(*big.Int)
	outstruct.VerifyingContract = *abi.ConvertType(out[4], new(common.Address)).(*common.Address)
	outstruct.Salt = *abi.ConvertType(out[5], new([32]byte)).(*[32]byte)
	outstruct.Extensions = *abi.ConvertType(out[6], new([]*big.Int)).(*[]*big.Int)
	return *outstruct, nil
}

// PackEscrows is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2d83549c.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function escrows(bytes32 id) view returns((uint8,uint64,uint64,uint64,uint40,uint16,bytes32,bytes32))
func (aXLEscrow *AXLEscrow) PackEscrows(id [32]byte) []byte {
	enc, err := aXLEscrow.abi.Pack("escrows", id)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackEscrows is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2d83549c.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function escrows(bytes32 id) view returns((uint8,uint64,uint64,uint64,uint40,uint16,bytes32,bytes32))
func (aXLEscrow *AXLEscrow) TryPackEscrows(id [32]byte) ([]byte, error) {
	return aXLEscrow.abi.Pack("escrows", id)
}

// UnpackEscrows is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x2d83549c.
//
// Solidity: function escrows(bytes32 id) view returns((uint8,uint64,uint64,uint64,uint40,uint16,bytes32,bytes32))
func (aXLEscrow *AXLEscrow) UnpackEscrows(data []byte) (AXLEscrowEscrow, error) {
	out, err := aXLEscrow.abi.Unpack("escrows", data)
	if err != nil {
		return *new(AXLEscrowEscrow), err
	}
	out0 := *abi.ConvertType(out[0], new(AXLEscrowEscrow)).(*AXLEscrowEscrow)
	return out0, nil
}

// PackFeeBps is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x24a9d853.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function feeBps() view returns(uint16)
func (aXLEscrow *AXLEscrow) PackFeeBps() []byte {
	enc, err := aXLEscrow.abi.Pack("feeBps")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackFeeBps is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x24a9d853.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function feeBps() view returns(uint16)
func (aXLEscrow *AXLEscrow) TryPackFeeBps() ([]byte, error) {
	return aXLEscrow.abi.Pack("feeBps")
}

// UnpackFeeBps is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x24a9d853.
//
// Solidity: function feeBps() view returns(uint16)
func (aXLEscrow *AXLEscrow) UnpackFeeBps(data []byte) (uint16, error) {
	out, err := aXLEscrow.abi.Unpack("feeBps", data)
	if err != nil {
		return *new(uint16), err
	}
	out0 := *abi.ConvertType(out[0], new(uint16)).(*uint16)
	return out0, nil
}

// PackFund is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xee2e1787.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function fund((address,address,uint256,bytes32,uint32,uint256,uint64,uint256) t) returns(bytes32 id)
func (aXLEscrow *AXLEscrow) PackFund(t AXLEscrowTerms) []byte {
	enc, err := aXLEscrow.abi.Pack("fund", t)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackFund is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xee2e1787.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function fund((address,address,uint256,bytes32,uint32,uint256,uint64,uint256) t) returns(bytes32 id)
func (aXLEscrow *AXLEscrow) TryPackFund(t AXLEscrowTerms) ([]byte, error) {
	return aXLEscrow.abi.Pack("fund", t)
}

// UnpackFund is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xee2e1787.
//
// Solidity: function fund((address,address,uint256,bytes32,uint32,uint256,uint64,uint256) t) returns(bytes32 id)
func (aXLEscrow *AXLEscrow) UnpackFund(data []byte) ([32]byte, error) {
	out, err := aXLEscrow.abi.Unpack("fund", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackFundWithAuthorization is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb4c63181.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function fundWithAuthorization((address,address,uint256,bytes32,uint32,uint256,uint64,uint256) t, uint256 validAfter, uint256 validBefore, uint8 v, bytes32 r, bytes32 s) returns(bytes32 id)
func (aXLEscrow *AXLEscrow) PackFundWithAuthorization(t AXLEscrowTerms, validAfter *big.Int, validBefore *big.Int, v uint8, r [32]byte, s [32]byte) []byte {
	enc, err := aXLEscrow.abi.Pack("fundWithAuthorization", t, validAfter, validBefore, v, r, s)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackFundWithAuthorization is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb4c63181.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function fundWithAuthorization((address,address,uint256,bytes32,uint32,uint256,uint64,uint256) t, uint256 validAfter, uint256 validBefore, uint8 v, bytes32 r, bytes32 s) returns(bytes32 id)
func (aXLEscrow *AXLEscrow) TryPackFundWithAuthorization(t AXLEscrowTerms, validAfter *big.Int, validBefore *big.Int, v uint8, r [32]byte, s [32]byte) ([]byte, error) {
	return aXLEscrow.abi.Pack("fundWithAuthorization", t, validAfter, validBefore, v, r, s)
}

// UnpackFundWithAuthorization is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xb4c63181.
//
// Solidity: function fundWithAuthorization((address,address,uint256,bytes32,uint32,uint256,uint64,uint256) t, uint256 validAfter, uint256 validBefore, uint8 v, bytes32 r, bytes32 s) returns(bytes32 id)
func (aXLEscrow *AXLEscrow) UnpackFundWithAuthorization(data []byte) ([32]byte, error) {
	out, err := aXLEscrow.abi.Unpack("fundWithAuthorization", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackFundWithPermit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x74505f4b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function fundWithPermit((address,address,uint256,bytes32,uint32,uint256,uint64,uint256) t, uint256 permitDeadline, uint8 v, bytes32 r, bytes32 s, bytes intentSignature) returns(bytes32 id)
func (aXLEscrow *AXLEscrow) PackFundWithPermit(t AXLEscrowTerms, permitDeadline *big.Int, v uint8, r [32]byte, s [32]byte, intentSignature []byte) []byte {
	enc, err := aXLEscrow.abi.Pack("fundWithPermit", t, permitDeadline, v, r, s, intentSignature)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackFundWithPermit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x74505f4b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function fundWithPermit((address,address,uint256,bytes32,uint32,uint256,uint64,uint256) t, uint256 permitDeadline, uint8 v, bytes32 r, bytes32 s, bytes intentSignature) returns(bytes32 id)
func (aXLEscrow *AXLEscrow) TryPackFundWithPermit(t AXLEscrowTerms, permitDeadline *big.Int, v uint8, r [32]byte, s [32]byte, intentSignature []byte) ([]byte, error) {
	return aXLEscrow.abi.Pack("fundWithPermit", t, permitDeadline, v, r, s, intentSignature)
}

// UnpackFundWithPermit is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x74505f4b.
//
// Solidity: function fundWithPermit((address,address,uint256,bytes32,uint32,uint256,uint64,uint256) t, uint256 permitDeadline, uint8 v, bytes32 r, bytes32 s, bytes intentSignature) returns(bytes32 id)
func (aXLEscrow *AXLEscrow) UnpackFundWithPermit(data []byte) ([32]byte, error) {
	out, err := aXLEscrow.abi.Unpack("fundWithPermit", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackGetRoleAdmin is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x248a9ca3.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getRoleAdmin(bytes32 role) view returns(bytes32)
func (aXLEscrow *AXLEscrow) PackGetRoleAdmin(role [32]byte) []byte {
	enc, err := aXLEscrow.abi.Pack("getRoleAdmin", role)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetRoleAdmin is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x248a9ca3.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getRoleAdmin(bytes32 role) view returns(bytes32)
func (aXLEscrow *AXLEscrow) TryPackGetRoleAdmin(role [32]byte) ([]byte, error) {
	return aXLEscrow.abi.Pack("getRoleAdmin", role)
}

// UnpackGetRoleAdmin is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x248a9ca3.
//
// Solidity: function getRoleAdmin(bytes32 role) view returns(bytes32)
func (aXLEscrow *AXLEscrow) UnpackGetRoleAdmin(data []byte) ([32]byte, error) {
	out, err := aXLEscrow.abi.Unpack("getRoleAdmin", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackGrantRole is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2f2ff15d.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function grantRole(bytes32 role, address account) returns()
func (aXLEscrow *AXLEscrow) PackGrantRole(role [32]byte, account common.Address) []byte {
	enc, err := aXLEscrow.abi.Pack("grantRole", role, account)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGrantRole is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2f2ff15d.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function grantRole(bytes32 role, address account) returns()
func (aXLEscrow *AXLEscrow) TryPackGrantRole(role [32]byte, account common.Address) ([]byte, error) {
	return aXLEscrow.abi.Pack("grantRole", role, account)
}

// PackHasRole is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x91d14854.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function hasRole(bytes32 role, address account) view returns(bool)
func (aXLEscrow *AXLEscrow) PackHasRole(role [32]byte, account common.Address) []byte {
	enc, err := aXLEscrow.abi.Pack("hasRole", role, account)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackHasRole is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x91d14854.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function hasRole(bytes32 role, address account) view returns(bool)
func (aXLEscrow *AXLEscrow) TryPackHasRole(role [32]byte, account common.Address) ([]byte, error) {
	return aXLEscrow.abi.Pack("hasRole", role, account)
}

// UnpackHasRole is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x91d14854.
//
// Solidity: function hasRole(bytes32 role, address account) view returns(bool)
func (aXLEscrow *AXLEscrow) UnpackHasRole(data []byte) (bool, error) {
	out, err := aXLEscrow.abi.Unpack("hasRole", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackIntentId is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdbfb2f21.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function intentId((address,address,uint256,bytes32,uint32,uint256,uint64,uint256) t) view returns(bytes32)
func (aXLEscrow *AXLEscrow) PackIntentId(t AXLEscrowTerms) []byte {
	enc, err := aXLEscrow.abi.Pack("intentId", t)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIntentId is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdbfb2f21.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function intentId((address,address,uint256,bytes32,uint32,uint256,uint64,uint256) t) view returns(bytes32)
func (aXLEscrow *AXLEscrow) TryPackIntentId(t AXLEscrowTerms) ([]byte, error) {
	return aXLEscrow.abi.Pack("intentId", t)
}

// UnpackIntentId is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xdbfb2f21.
//
// Solidity: function intentId((address,address,uint256,bytes32,uint32,uint256,uint64,uint256) t) view returns(bytes32)
func (aXLEscrow *AXLEscrow) UnpackIntentId(data []byte) ([32]byte, error) {
	out, err := aXLEscrow.abi.Unpack("intentId", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackLiabilities is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb01083e2.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function liabilities(address token) view returns(uint256)
func (aXLEscrow *AXLEscrow) PackLiabilities(token common.Address) []byte {
	enc, err := aXLEscrow.abi.Pack("liabilities", token)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackLiabilities is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb01083e2.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function liabilities(address token) view returns(uint256)
func (aXLEscrow *AXLEscrow) TryPackLiabilities(token common.Address) ([]byte, error) {
	return aXLEscrow.abi.Pack("liabilities", token)
}

// UnpackLiabilities is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xb01083e2.
//
// Solidity: function liabilities(address token) view returns(uint256)
func (aXLEscrow *AXLEscrow) UnpackLiabilities(data []byte) (*big.Int, error) {
	out, err := aXLEscrow.abi.Unpack("liabilities", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackMaxSlots is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xcbd69f3f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function maxSlots() view returns(uint8)
func (aXLEscrow *AXLEscrow) PackMaxSlots() []byte {
	enc, err := aXLEscrow.abi.Pack("maxSlots")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMaxSlots is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xcbd69f3f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function maxSlots() view returns(uint8)
func (aXLEscrow *AXLEscrow) TryPackMaxSlots() ([]byte, error) {
	return aXLEscrow.abi.Pack("maxSlots")
}

// UnpackMaxSlots is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xcbd69f3f.
//
// Solidity: function maxSlots() view returns(uint8)
func (aXLEscrow *AXLEscrow) UnpackMaxSlots(data []byte) (uint8, error) {
	out, err := aXLEscrow.abi.Unpack("maxSlots", data)
	if err != nil {
		return *new(uint8), err
	}
	out0 := *abi.ConvertType(out[0], new(uint8)).(*uint8)
	return out0, nil
}

// PackRecordDelivery is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x78bbd748.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function recordDelivery((address,address,uint256,bytes32,uint32,uint256,uint64,uint256) t, uint64 slotsMask) returns()
func (aXLEscrow *AXLEscrow) PackRecordDelivery(t AXLEscrowTerms, slotsMask uint64) []byte {
	enc, err := aXLEscrow.abi.Pack("recordDelivery", t, slotsMask)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRecordDelivery is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x78bbd748.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function recordDelivery((address,address,uint256,bytes32,uint32,uint256,uint64,uint256) t, uint64 slotsMask) returns()
func (aXLEscrow *AXLEscrow) TryPackRecordDelivery(t AXLEscrowTerms, slotsMask uint64) ([]byte, error) {
	return aXLEscrow.abi.Pack("recordDelivery", t, slotsMask)
}

// PackRefund is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf18d30d0.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function refund((address,address,uint256,bytes32,uint32,uint256,uint64,uint256) t, address[] workers) returns()
func (aXLEscrow *AXLEscrow) PackRefund(t AXLEscrowTerms, workers []common.Address) []byte {
	enc, err := aXLEscrow.abi.Pack("refund", t, workers)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRefund is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf18d30d0.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function refund((address,address,uint256,bytes32,uint32,uint256,uint64,uint256) t, address[] workers) returns()
func (aXLEscrow *AXLEscrow) TryPackRefund(t AXLEscrowTerms, workers []common.Address) ([]byte, error) {
	return aXLEscrow.abi.Pack("refund", t, workers)
}

// PackRelease is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3475db38.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function release((address,address,uint256,bytes32,uint32,uint256,uint64,uint256) t, address[] workers) returns()
func (aXLEscrow *AXLEscrow) PackRelease(t AXLEscrowTerms, workers []common.Address) []byte {
	enc, err := aXLEscrow.abi.Pack("release", t, workers)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRelease is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3475db38.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function release((address,address,uint256,bytes32,uint32,uint256,uint64,uint256) t, address[] workers) returns()
func (aXLEscrow *AXLEscrow) TryPackRelease(t AXLEscrowTerms, workers []common.Address) ([]byte, error) {
	return aXLEscrow.abi.Pack("release", t, workers)
}

// PackRenounceRole is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x36568abe.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function renounceRole(bytes32 role, address callerConfirmation) returns()
func (aXLEscrow *AXLEscrow) PackRenounceRole(role [32]byte, callerConfirmation common.Address) []byte {
	enc, err := aXLEscrow.abi.Pack("renounceRole", role, callerConfirmation)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRenounceRole is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x36568abe.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function renounceRole(bytes32 role, address callerConfirmation) returns()
func (aXLEscrow *AXLEscrow) TryPackRenounceRole(role [32]byte, callerConfirmation common.Address) ([]byte, error) {
	return aXLEscrow.abi.Pack("renounceRole", role, callerConfirmation)
}

// PackResolve is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5f54745e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function resolve((address,address,uint256,bytes32,uint32,uint256,uint64,uint256) t, address[] workers, uint64 losingMask, uint64 deliveredMask, bytes32 weightsHash, bytes32 traceRoot) returns()
func (aXLEscrow *AXLEscrow) PackResolve(t AXLEscrowTerms, workers []common.Address, losingMask uint64, deliveredMask uint64, weightsHash [32]byte, traceRoot [32]byte) []byte {
	enc, err := aXLEscrow.abi.Pack("resolve", t, workers, losingMask, deliveredMask, weightsHash, traceRoot)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackResolve is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5f54745e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function resolve((address,address,uint256,bytes32,uint32,uint256,uint64,uint256) t, address[] workers, uint64 losingMask, uint64 deliveredMask, bytes32 weightsHash, bytes32 traceRoot) returns()
func (aXLEscrow *AXLEscrow) TryPackResolve(t AXLEscrowTerms, workers []common.Address, losingMask uint64, deliveredMask uint64, weightsHash [32]byte, traceRoot [32]byte) ([]byte, error) {
	return aXLEscrow.abi.Pack("resolve", t, workers, losingMask, deliveredMask, weightsHash, traceRoot)
}

// PackRevokeRole is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd547741f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function revokeRole(bytes32 role, address account) returns()
func (aXLEscrow *AXLEscrow) PackRevokeRole(role [32]byte, account common.Address) []byte {
	enc, err := aXLEscrow.abi.Pack("revokeRole", role, account)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRevokeRole is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd547741f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function revokeRole(bytes32 role, address account) returns()
func (aXLEscrow *AXLEscrow) TryPackRevokeRole(role [32]byte, account common.Address) ([]byte, error) {
	return aXLEscrow.abi.Pack("revokeRole", role, account)
}

// PackSetParameters is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x394523c3.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setParameters(uint16 feeBps_, uint32 challengeWindow_, uint8 maxSlots_) returns()
func (aXLEscrow *AXLEscrow) PackSetParameters(feeBps uint16, challengeWindow uint32, maxSlots uint8) []byte {
	enc, err := aXLEscrow.abi.Pack("setParameters", feeBps, challengeWindow, maxSlots)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetParameters is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x394523c3.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setParameters(uint16 feeBps_, uint32 challengeWindow_, uint8 maxSlots_) returns()
func (aXLEscrow *AXLEscrow) TryPackSetParameters(feeBps uint16, challengeWindow uint32, maxSlots uint8) ([]byte, error) {
	return aXLEscrow.abi.Pack("setParameters", feeBps, challengeWindow, maxSlots)
}

// PackSetTokenAllowed is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x15f69012.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setTokenAllowed(address token, bool allowed) returns()
func (aXLEscrow *AXLEscrow) PackSetTokenAllowed(token common.Address, allowed bool) []byte {
	enc, err := aXLEscrow.abi.Pack("setTokenAllowed", token, allowed)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetTokenAllowed is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x15f69012.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setTokenAllowed(address token, bool allowed) returns()
func (aXLEscrow *AXLEscrow) TryPackSetTokenAllowed(token common.Address, allowed bool) ([]byte, error) {
	return aXLEscrow.abi.Pack("setTokenAllowed", token, allowed)
}

// PackSetTreasury is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf0f44260.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setTreasury(address treasury_) returns()
func (aXLEscrow *AXLEscrow) PackSetTreasury(treasury common.Address) []byte {
	enc, err := aXLEscrow.abi.Pack("setTreasury", treasury)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetTreasury is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf0f44260.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setTreasury(address treasury_) returns()
func (aXLEscrow *AXLEscrow) TryPackSetTreasury(treasury common.Address) ([]byte, error) {
	return aXLEscrow.abi.Pack("setTreasury", treasury)
}

// PackSlotOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb50a09d4.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function slotOf(bytes32 id, address worker) view returns(uint32 slot, bool ok)
func (aXLEscrow *AXLEscrow) PackSlotOf(id [32]byte, worker common.Address) []byte {
	enc, err := aXLEscrow.abi.Pack("slotOf", id, worker)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSlotOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb50a09d4.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function slotOf(bytes32 id, address worker) view returns(uint32 slot, bool ok)
func (aXLEscrow *AXLEscrow) TryPackSlotOf(id [32]byte, worker common.Address) ([]byte, error) {
	return aXLEscrow.abi.Pack("slotOf", id, worker)
}

// SlotOfOutput serves as a container for the return parameters of contract
// method SlotOf.
type SlotOfOutput struct {
	Slot uint32
	Ok   bool
}

// UnpackSlotOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xb50a09d4.
//
// Solidity: function slotOf(bytes32 id, address worker) view returns(uint32 slot, bool ok)
func (aXLEscrow *AXLEscrow) UnpackSlotOf(data []byte) (SlotOfOutput, error) {
	out, err := aXLEscrow.abi.Unpack("slotOf", data)
	outstruct := new(SlotOfOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Slot = *abi.ConvertType(out[0], new(uint32)).(*uint32)
	outstruct.Ok = *abi.ConvertType(out[1], new(bool)).(*bool)
	return *outstruct, nil
}

// PackStake is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9ab23690.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function stake((address,address,uint256,bytes32,uint32,uint256,uint64,uint256) t, uint32 slot) returns()
func (aXLEscrow *AXLEscrow) PackStake(t AXLEscrowTerms, slot uint32) []byte {
	enc, err := aXLEscrow.abi.Pack("stake", t, slot)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackStake is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9ab23690.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function stake((address,address,uint256,bytes32,uint32,uint256,uint64,uint256) t, uint32 slot) returns()
func (aXLEscrow *AXLEscrow) TryPackStake(t AXLEscrowTerms, slot uint32) ([]byte, error) {
	return aXLEscrow.abi.Pack("stake", t, slot)
}

// PackStakeDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6d24c4c1.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function stakeDigest(bytes32 id, uint32 slot, address worker, uint256 deadline) view returns(bytes32)
func (aXLEscrow *AXLEscrow) PackStakeDigest(id [32]byte, slot uint32, worker common.Address, deadline *big.Int) []byte {
	enc, err := aXLEscrow.abi.Pack("stakeDigest", id, slot, worker, deadline)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackStakeDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6d24c4c1.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function stakeDigest(bytes32 id, uint32 slot, address worker, uint256 deadline) view returns(bytes32)
func (aXLEscrow *AXLEscrow) TryPackStakeDigest(id [32]byte, slot uint32, worker common.Address, deadline *big.Int) ([]byte, error) {
	return aXLEscrow.abi.Pack("stakeDigest", id, slot, worker, deadline)
}

// UnpackStakeDigest is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x6d24c4c1.
//
// Solidity: function stakeDigest(bytes32 id, uint32 slot, address worker, uint256 deadline) view returns(bytes32)
func (aXLEscrow *AXLEscrow) UnpackStakeDigest(data []byte) ([32]byte, error) {
	out, err := aXLEscrow.abi.Unpack("stakeDigest", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackStakeWithPermit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x80608244.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function stakeWithPermit((address,address,uint256,bytes32,uint32,uint256,uint64,uint256) t, uint32 slot, address worker, uint256 deadline, uint8 v, bytes32 r, bytes32 s, bytes stakeSignature) returns()
func (aXLEscrow *AXLEscrow) PackStakeWithPermit(t AXLEscrowTerms, slot uint32, worker common.Address, deadline *big.Int, v uint8, r [32]byte, s [32]byte, stakeSignature []byte) []byte {
	enc, err := aXLEscrow.abi.Pack("stakeWithPermit", t, slot, worker, deadline, v, r, s, stakeSignature)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackStakeWithPermit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x80608244.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function stakeWithPermit((address,address,uint256,bytes32,uint32,uint256,uint64,uint256) t, uint32 slot, address worker, uint256 deadline, uint8 v, bytes32 r, bytes32 s, bytes stakeSignature) returns()
func (aXLEscrow *AXLEscrow) TryPackStakeWithPermit(t AXLEscrowTerms, slot uint32, worker common.Address, deadline *big.Int, v uint8, r [32]byte, s [32]byte, stakeSignature []byte) ([]byte, error) {
	return aXLEscrow.abi.Pack("stakeWithPermit", t, slot, worker, deadline, v, r, s, stakeSignature)
}

// PackSubmitResult is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x08b7cc9d.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function submitResult((address,address,uint256,bytes32,uint32,uint256,uint64,uint256) t, bytes32 weightsHash, bytes32 traceRoot, uint64 deliveredMask) returns()
func (aXLEscrow *AXLEscrow) PackSubmitResult(t AXLEscrowTerms, weightsHash [32]byte, traceRoot [32]byte, deliveredMask uint64) []byte {
	enc, err := aXLEscrow.abi.Pack("submitResult", t, weightsHash, traceRoot, deliveredMask)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSubmitResult is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x08b7cc9d.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function submitResult((address,address,uint256,bytes32,uint32,uint256,uint64,uint256) t, bytes32 weightsHash, bytes32 traceRoot, uint64 deliveredMask) returns()
func (aXLEscrow *AXLEscrow) TryPackSubmitResult(t AXLEscrowTerms, weightsHash [32]byte, traceRoot [32]byte, deliveredMask uint64) ([]byte, error) {
	return aXLEscrow.abi.Pack("submitResult", t, weightsHash, traceRoot, deliveredMask)
}

// PackSupportsInterface is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x01ffc9a7.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function supportsInterface(bytes4 interfaceId) view returns(bool)
func (aXLEscrow *AXLEscrow) PackSupportsInterface(interfaceId [4]byte) []byte {
	enc, err := aXLEscrow.abi.Pack("supportsInterface", interfaceId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSupportsInterface is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x01ffc9a7.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function supportsInterface(bytes4 interfaceId) view returns(bool)
func (aXLEscrow *AXLEscrow) TryPackSupportsInterface(interfaceId [4]byte) ([]byte, error) {
	return aXLEscrow.abi.Pack("supportsInterface", interfaceId)
}

// UnpackSupportsInterface is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x01ffc9a7.
//
// Solidity: function supportsInterface(bytes4 interfaceId) view returns(bool)
func (aXLEscrow *AXLEscrow) UnpackSupportsInterface(data []byte) (bool, error) {
	out, err := aXLEscrow.abi.Unpack("supportsInterface", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackTokenAllowed is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x55219d5a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function tokenAllowed(address token) view returns(bool)
func (aXLEscrow *AXLEscrow) PackTokenAllowed(token common.Address) []byte {
	enc, err := aXLEscrow.abi.Pack("tokenAllowed", token)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTokenAllowed is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x55219d5a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function tokenAllowed(address token) view returns(bool)
func (aXLEscrow *AXLEscrow) TryPackTokenAllowed(token common.Address) ([]byte, error) {
	return aXLEscrow.abi.Pack("tokenAllowed", token)
}

// UnpackTokenAllowed is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x55219d5a.
//
// Solidity: function tokenAllowed(address token) view returns(bool)
func (aXLEscrow *AXLEscrow) UnpackTokenAllowed(data []byte) (bool, error) {
	out, err := aXLEscrow.abi.Unpack("tokenAllowed", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackTreasury is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x61d027b3.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function treasury() view returns(address)
func (aXLEscrow *AXLEscrow) PackTreasury() []byte {
	enc, err := aXLEscrow.abi.Pack("treasury")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTreasury is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x61d027b3.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function treasury() view returns(address)
func (aXLEscrow *AXLEscrow) TryPackTreasury() ([]byte, error) {
	return aXLEscrow.abi.Pack("treasury")
}

// UnpackTreasury is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x61d027b3.
//
// Solidity: function treasury() view returns(address)
func (aXLEscrow *AXLEscrow) UnpackTreasury(data []byte) (common.Address, error) {
	out, err := aXLEscrow.abi.Unpack("treasury", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackWithdraw is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x51cff8d9.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function withdraw(address token) returns()
func (aXLEscrow *AXLEscrow) PackWithdraw(token common.Address) []byte {
	enc, err := aXLEscrow.abi.Pack("withdraw", token)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackWithdraw is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x51cff8d9.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function withdraw(address token) returns()
func (aXLEscrow *AXLEscrow) TryPackWithdraw(token common.Address) ([]byte, error) {
	return aXLEscrow.abi.Pack("withdraw", token)
}

// PackWithdrawFor is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf745e7a9.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function withdrawFor(address token, address[] accounts) returns()
func (aXLEscrow *AXLEscrow) PackWithdrawFor(token common.Address, accounts []common.Address) []byte {
	enc, err := aXLEscrow.abi.Pack("withdrawFor", token, accounts)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackWithdrawFor is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf745e7a9.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function withdrawFor(address token, address[] accounts) returns()
func (aXLEscrow *AXLEscrow) TryPackWithdrawFor(token common.Address, accounts []common.Address) ([]byte, error) {
	return aXLEscrow.abi.Pack("withdrawFor", token, accounts)
}

// PackWithdrawable is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc0314d27.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function withdrawable(address token, address account) view returns(uint256)
func (aXLEscrow *AXLEscrow) PackWithdrawable(token common.Address, account common.Address) []byte {
	enc, err := aXLEscrow.abi.Pack("withdrawable", token, account)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackWithdrawable is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc0314d27.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function withdrawable(address token, address account) view returns(uint256)
func (aXLEscrow *AXLEscrow) TryPackWithdrawable(token common.Address, account common.Address) ([]byte, error) {
	return aXLEscrow.abi.Pack("withdrawable", token, account)
}

// UnpackWithdrawable is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xc0314d27.
//
// Solidity: function withdrawable(address token, address account) view returns(uint256)
func (aXLEscrow *AXLEscrow) UnpackWithdrawable(data []byte) (*big.Int, error) {
	out, err := aXLEscrow.abi.Unpack("withdrawable", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// AXLEscrowAssigned represents a Assigned event raised by the AXLEscrow contract.
type AXLEscrowAssigned struct {
	Id          [32]byte
	WorkersHash [32]byte
	Seed        [32]byte
	Raw         *types.Log // Blockchain specific contextual infos
}

const AXLEscrowAssignedEventName = "Assigned"

// ContractEventName returns the user-defined event name.
func (AXLEscrowAssigned) ContractEventName() string {
	return AXLEscrowAssignedEventName
}

// UnpackAssignedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Assigned(bytes32 indexed id, bytes32 workersHash, bytes32 seed)
func (aXLEscrow *AXLEscrow) UnpackAssignedEvent(log *types.Log) (*AXLEscrowAssigned, error) {
	event := "Assigned"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != aXLEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(AXLEscrowAssigned)
	if len(log.Data) > 0 {
		if err := aXLEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range aXLEscrow.abi.Events[event].Inputs {
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

// AXLEscrowCancelled represents a Cancelled event raised by the AXLEscrow contract.
type AXLEscrowCancelled struct {
	Id  [32]byte
	By  common.Address
	Raw *types.Log // Blockchain specific contextual infos
}

const AXLEscrowCancelledEventName = "Cancelled"

// ContractEventName returns the user-defined event name.
func (AXLEscrowCancelled) ContractEventName() string {
	return AXLEscrowCancelledEventName
}

// UnpackCancelledEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Cancelled(bytes32 indexed id, address indexed by)
func (aXLEscrow *AXLEscrow) UnpackCancelledEvent(log *types.Log) (*AXLEscrowCancelled, error) {
	event := "Cancelled"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != aXLEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(AXLEscrowCancelled)
	if len(log.Data) > 0 {
		if err := aXLEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range aXLEscrow.abi.Events[event].Inputs {
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

// AXLEscrowCredited represents a Credited event raised by the AXLEscrow contract.
type AXLEscrowCredited struct {
	Token   common.Address
	Account common.Address
	Amount  *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const AXLEscrowCreditedEventName = "Credited"

// ContractEventName returns the user-defined event name.
func (AXLEscrowCredited) ContractEventName() string {
	return AXLEscrowCreditedEventName
}

// UnpackCreditedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Credited(address indexed token, address indexed account, uint256 amount)
func (aXLEscrow *AXLEscrow) UnpackCreditedEvent(log *types.Log) (*AXLEscrowCredited, error) {
	event := "Credited"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != aXLEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(AXLEscrowCredited)
	if len(log.Data) > 0 {
		if err := aXLEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range aXLEscrow.abi.Events[event].Inputs {
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

// AXLEscrowDelivered represents a Delivered event raised by the AXLEscrow contract.
type AXLEscrowDelivered struct {
	Id        [32]byte
	SlotsMask uint64
	Raw       *types.Log // Blockchain specific contextual infos
}

const AXLEscrowDeliveredEventName = "Delivered"

// ContractEventName returns the user-defined event name.
func (AXLEscrowDelivered) ContractEventName() string {
	return AXLEscrowDeliveredEventName
}

// UnpackDeliveredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Delivered(bytes32 indexed id, uint64 slotsMask)
func (aXLEscrow *AXLEscrow) UnpackDeliveredEvent(log *types.Log) (*AXLEscrowDelivered, error) {
	event := "Delivered"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != aXLEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(AXLEscrowDelivered)
	if len(log.Data) > 0 {
		if err := aXLEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range aXLEscrow.abi.Events[event].Inputs {
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

// AXLEscrowDisputed represents a Disputed event raised by the AXLEscrow contract.
type AXLEscrowDisputed struct {
	Id     [32]byte
	By     common.Address
	Reason [32]byte
	Raw    *types.Log // Blockchain specific contextual infos
}

const AXLEscrowDisputedEventName = "Disputed"

// ContractEventName returns the user-defined event name.
func (AXLEscrowDisputed) ContractEventName() string {
	return AXLEscrowDisputedEventName
}

// UnpackDisputedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Disputed(bytes32 indexed id, address indexed by, bytes32 reason)
func (aXLEscrow *AXLEscrow) UnpackDisputedEvent(log *types.Log) (*AXLEscrowDisputed, error) {
	event := "Disputed"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != aXLEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(AXLEscrowDisputed)
	if len(log.Data) > 0 {
		if err := aXLEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range aXLEscrow.abi.Events[event].Inputs {
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

// AXLEscrowEIP712DomainChanged represents a EIP712DomainChanged event raised by the AXLEscrow contract.
type AXLEscrowEIP712DomainChanged struct {
	Raw *types.Log // Blockchain specific contextual infos
}

const AXLEscrowEIP712DomainChangedEventName = "EIP712DomainChanged"

// ContractEventName returns the user-defined event name.
func (AXLEscrowEIP712DomainChanged) ContractEventName() string {
	return AXLEscrowEIP712DomainChangedEventName
}

// UnpackEIP712DomainChangedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event EIP712DomainChanged()
func (aXLEscrow *AXLEscrow) UnpackEIP712DomainChangedEvent(log *types.Log) (*AXLEscrowEIP712DomainChanged, error) {
	event := "EIP712DomainChanged"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != aXLEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(AXLEscrowEIP712DomainChanged)
	if len(log.Data) > 0 {
		if err := aXLEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range aXLEscrow.abi.Events[event].Inputs {
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

// AXLEscrowFunded represents a Funded event raised by the AXLEscrow contract.
type AXLEscrowFunded struct {
	Id              [32]byte
	Buyer           common.Address
	Token           common.Address
	Amount          *big.Int
	SpecHash        [32]byte
	Slots           uint32
	StakePerSlot    *big.Int
	Deadline        uint64
	Nonce           *big.Int
	FeeBps          uint16
	ChallengeWindow uint32
	Raw             *types.Log // Blockchain specific contextual infos
}

const AXLEscrowFundedEventName = "Funded"

// ContractEventName returns the user-defined event name.
func (AXLEscrowFunded) ContractEventName() string {
	return AXLEscrowFundedEventName
}

// UnpackFundedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Funded(bytes32 indexed id, address indexed buyer, address indexed token, uint256 amount, bytes32 specHash, uint32 slots, uint256 stakePerSlot, uint64 deadline, uint256 nonce, uint16 feeBps, uint32 challengeWindow)
func (aXLEscrow *AXLEscrow) UnpackFundedEvent(log *types.Log) (*AXLEscrowFunded, error) {
	event := "Funded"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != aXLEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(AXLEscrowFunded)
	if len(log.Data) > 0 {
		if err := aXLEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range aXLEscrow.abi.Events[event].Inputs {
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

// AXLEscrowPaid represents a Paid event raised by the AXLEscrow contract.
type AXLEscrowPaid struct {
	Id     [32]byte
	Slot   uint32
	Worker common.Address
	Amount *big.Int
	Raw    *types.Log // Blockchain specific contextual infos
}

const AXLEscrowPaidEventName = "Paid"

// ContractEventName returns the user-defined event name.
func (AXLEscrowPaid) ContractEventName() string {
	return AXLEscrowPaidEventName
}

// UnpackPaidEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Paid(bytes32 indexed id, uint32 slot, address indexed worker, uint256 amount)
func (aXLEscrow *AXLEscrow) UnpackPaidEvent(log *types.Log) (*AXLEscrowPaid, error) {
	event := "Paid"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != aXLEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(AXLEscrowPaid)
	if len(log.Data) > 0 {
		if err := aXLEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range aXLEscrow.abi.Events[event].Inputs {
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

// AXLEscrowParametersSet represents a ParametersSet event raised by the AXLEscrow contract.
type AXLEscrowParametersSet struct {
	FeeBps          uint16
	ChallengeWindow uint32
	MaxSlots        uint8
	Raw             *types.Log // Blockchain specific contextual infos
}

const AXLEscrowParametersSetEventName = "ParametersSet"

// ContractEventName returns the user-defined event name.
func (AXLEscrowParametersSet) ContractEventName() string {
	return AXLEscrowParametersSetEventName
}

// UnpackParametersSetEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ParametersSet(uint16 feeBps, uint32 challengeWindow, uint8 maxSlots)
func (aXLEscrow *AXLEscrow) UnpackParametersSetEvent(log *types.Log) (*AXLEscrowParametersSet, error) {
	event := "ParametersSet"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != aXLEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(AXLEscrowParametersSet)
	if len(log.Data) > 0 {
		if err := aXLEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range aXLEscrow.abi.Events[event].Inputs {
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

// AXLEscrowRefunded represents a Refunded event raised by the AXLEscrow contract.
type AXLEscrowRefunded struct {
	Id     [32]byte
	Amount *big.Int
	Raw    *types.Log // Blockchain specific contextual infos
}

const AXLEscrowRefundedEventName = "Refunded"

// ContractEventName returns the user-defined event name.
func (AXLEscrowRefunded) ContractEventName() string {
	return AXLEscrowRefundedEventName
}

// UnpackRefundedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Refunded(bytes32 indexed id, uint256 amount)
func (aXLEscrow *AXLEscrow) UnpackRefundedEvent(log *types.Log) (*AXLEscrowRefunded, error) {
	event := "Refunded"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != aXLEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(AXLEscrowRefunded)
	if len(log.Data) > 0 {
		if err := aXLEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range aXLEscrow.abi.Events[event].Inputs {
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

// AXLEscrowReleased represents a Released event raised by the AXLEscrow contract.
type AXLEscrowReleased struct {
	Id          [32]byte
	WeightsHash [32]byte
	Fee         *big.Int
	Raw         *types.Log // Blockchain specific contextual infos
}

const AXLEscrowReleasedEventName = "Released"

// ContractEventName returns the user-defined event name.
func (AXLEscrowReleased) ContractEventName() string {
	return AXLEscrowReleasedEventName
}

// UnpackReleasedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Released(bytes32 indexed id, bytes32 weightsHash, uint256 fee)
func (aXLEscrow *AXLEscrow) UnpackReleasedEvent(log *types.Log) (*AXLEscrowReleased, error) {
	event := "Released"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != aXLEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(AXLEscrowReleased)
	if len(log.Data) > 0 {
		if err := aXLEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range aXLEscrow.abi.Events[event].Inputs {
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

// AXLEscrowResolved represents a Resolved event raised by the AXLEscrow contract.
type AXLEscrowResolved struct {
	Id            [32]byte
	LosingMask    uint64
	DeliveredMask uint64
	WeightsHash   [32]byte
	TraceRoot     [32]byte
	Raw           *types.Log // Blockchain specific contextual infos
}

const AXLEscrowResolvedEventName = "Resolved"

// ContractEventName returns the user-defined event name.
func (AXLEscrowResolved) ContractEventName() string {
	return AXLEscrowResolvedEventName
}

// UnpackResolvedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Resolved(bytes32 indexed id, uint64 losingMask, uint64 deliveredMask, bytes32 weightsHash, bytes32 traceRoot)
func (aXLEscrow *AXLEscrow) UnpackResolvedEvent(log *types.Log) (*AXLEscrowResolved, error) {
	event := "Resolved"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != aXLEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(AXLEscrowResolved)
	if len(log.Data) > 0 {
		if err := aXLEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range aXLEscrow.abi.Events[event].Inputs {
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

// AXLEscrowResultSubmitted represents a ResultSubmitted event raised by the AXLEscrow contract.
type AXLEscrowResultSubmitted struct {
	Id            [32]byte
	WeightsHash   [32]byte
	TraceRoot     [32]byte
	DeliveredMask uint64
	WindowEnd     *big.Int
	Raw           *types.Log // Blockchain specific contextual infos
}

const AXLEscrowResultSubmittedEventName = "ResultSubmitted"

// ContractEventName returns the user-defined event name.
func (AXLEscrowResultSubmitted) ContractEventName() string {
	return AXLEscrowResultSubmittedEventName
}

// UnpackResultSubmittedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ResultSubmitted(bytes32 indexed id, bytes32 weightsHash, bytes32 traceRoot, uint64 deliveredMask, uint40 windowEnd)
func (aXLEscrow *AXLEscrow) UnpackResultSubmittedEvent(log *types.Log) (*AXLEscrowResultSubmitted, error) {
	event := "ResultSubmitted"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != aXLEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(AXLEscrowResultSubmitted)
	if len(log.Data) > 0 {
		if err := aXLEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range aXLEscrow.abi.Events[event].Inputs {
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

// AXLEscrowRoleAdminChanged represents a RoleAdminChanged event raised by the AXLEscrow contract.
type AXLEscrowRoleAdminChanged struct {
	Role              [32]byte
	PreviousAdminRole [32]byte
	NewAdminRole      [32]byte
	Raw               *types.Log // Blockchain specific contextual infos
}

const AXLEscrowRoleAdminChangedEventName = "RoleAdminChanged"

// ContractEventName returns the user-defined event name.
func (AXLEscrowRoleAdminChanged) ContractEventName() string {
	return AXLEscrowRoleAdminChangedEventName
}

// UnpackRoleAdminChangedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event RoleAdminChanged(bytes32 indexed role, bytes32 indexed previousAdminRole, bytes32 indexed newAdminRole)
func (aXLEscrow *AXLEscrow) UnpackRoleAdminChangedEvent(log *types.Log) (*AXLEscrowRoleAdminChanged, error) {
	event := "RoleAdminChanged"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != aXLEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(AXLEscrowRoleAdminChanged)
	if len(log.Data) > 0 {
		if err := aXLEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range aXLEscrow.abi.Events[event].Inputs {
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

// AXLEscrowRoleGranted represents a RoleGranted event raised by the AXLEscrow contract.
type AXLEscrowRoleGranted struct {
	Role    [32]byte
	Account common.Address
	Sender  common.Address
	Raw     *types.Log // Blockchain specific contextual infos
}

const AXLEscrowRoleGrantedEventName = "RoleGranted"

// ContractEventName returns the user-defined event name.
func (AXLEscrowRoleGranted) ContractEventName() string {
	return AXLEscrowRoleGrantedEventName
}

// UnpackRoleGrantedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event RoleGranted(bytes32 indexed role, address indexed account, address indexed sender)
func (aXLEscrow *AXLEscrow) UnpackRoleGrantedEvent(log *types.Log) (*AXLEscrowRoleGranted, error) {
	event := "RoleGranted"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != aXLEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(AXLEscrowRoleGranted)
	if len(log.Data) > 0 {
		if err := aXLEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range aXLEscrow.abi.Events[event].Inputs {
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

// AXLEscrowRoleRevoked represents a RoleRevoked event raised by the AXLEscrow contract.
type AXLEscrowRoleRevoked struct {
	Role    [32]byte
	Account common.Address
	Sender  common.Address
	Raw     *types.Log // Blockchain specific contextual infos
}

const AXLEscrowRoleRevokedEventName = "RoleRevoked"

// ContractEventName returns the user-defined event name.
func (AXLEscrowRoleRevoked) ContractEventName() string {
	return AXLEscrowRoleRevokedEventName
}

// UnpackRoleRevokedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event RoleRevoked(bytes32 indexed role, address indexed account, address indexed sender)
func (aXLEscrow *AXLEscrow) UnpackRoleRevokedEvent(log *types.Log) (*AXLEscrowRoleRevoked, error) {
	event := "RoleRevoked"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != aXLEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(AXLEscrowRoleRevoked)
	if len(log.Data) > 0 {
		if err := aXLEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range aXLEscrow.abi.Events[event].Inputs {
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

// AXLEscrowSlashed represents a Slashed event raised by the AXLEscrow contract.
type AXLEscrowSlashed struct {
	Id     [32]byte
	Slot   uint32
	Worker common.Address
	Amount *big.Int
	Raw    *types.Log // Blockchain specific contextual infos
}

const AXLEscrowSlashedEventName = "Slashed"

// ContractEventName returns the user-defined event name.
func (AXLEscrowSlashed) ContractEventName() string {
	return AXLEscrowSlashedEventName
}

// UnpackSlashedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Slashed(bytes32 indexed id, uint32 slot, address indexed worker, uint256 amount)
func (aXLEscrow *AXLEscrow) UnpackSlashedEvent(log *types.Log) (*AXLEscrowSlashed, error) {
	event := "Slashed"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != aXLEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(AXLEscrowSlashed)
	if len(log.Data) > 0 {
		if err := aXLEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range aXLEscrow.abi.Events[event].Inputs {
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

// AXLEscrowStakeReturned represents a StakeReturned event raised by the AXLEscrow contract.
type AXLEscrowStakeReturned struct {
	Id     [32]byte
	Slot   uint32
	Worker common.Address
	Amount *big.Int
	Raw    *types.Log // Blockchain specific contextual infos
}

const AXLEscrowStakeReturnedEventName = "StakeReturned"

// ContractEventName returns the user-defined event name.
func (AXLEscrowStakeReturned) ContractEventName() string {
	return AXLEscrowStakeReturnedEventName
}

// UnpackStakeReturnedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event StakeReturned(bytes32 indexed id, uint32 slot, address indexed worker, uint256 amount)
func (aXLEscrow *AXLEscrow) UnpackStakeReturnedEvent(log *types.Log) (*AXLEscrowStakeReturned, error) {
	event := "StakeReturned"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != aXLEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(AXLEscrowStakeReturned)
	if len(log.Data) > 0 {
		if err := aXLEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range aXLEscrow.abi.Events[event].Inputs {
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

// AXLEscrowStaked represents a Staked event raised by the AXLEscrow contract.
type AXLEscrowStaked struct {
	Id     [32]byte
	Slot   uint32
	Worker common.Address
	Amount *big.Int
	Raw    *types.Log // Blockchain specific contextual infos
}

const AXLEscrowStakedEventName = "Staked"

// ContractEventName returns the user-defined event name.
func (AXLEscrowStaked) ContractEventName() string {
	return AXLEscrowStakedEventName
}

// UnpackStakedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Staked(bytes32 indexed id, uint32 slot, address indexed worker, uint256 amount)
func (aXLEscrow *AXLEscrow) UnpackStakedEvent(log *types.Log) (*AXLEscrowStaked, error) {
	event := "Staked"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != aXLEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(AXLEscrowStaked)
	if len(log.Data) > 0 {
		if err := aXLEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range aXLEscrow.abi.Events[event].Inputs {
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

// AXLEscrowTokenAllowed represents a TokenAllowed event raised by the AXLEscrow contract.
type AXLEscrowTokenAllowed struct {
	Token   common.Address
	Allowed bool
	Raw     *types.Log // Blockchain specific contextual infos
}

const AXLEscrowTokenAllowedEventName = "TokenAllowed"

// ContractEventName returns the user-defined event name.
func (AXLEscrowTokenAllowed) ContractEventName() string {
	return AXLEscrowTokenAllowedEventName
}

// UnpackTokenAllowedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event TokenAllowed(address indexed token, bool allowed)
func (aXLEscrow *AXLEscrow) UnpackTokenAllowedEvent(log *types.Log) (*AXLEscrowTokenAllowed, error) {
	event := "TokenAllowed"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != aXLEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(AXLEscrowTokenAllowed)
	if len(log.Data) > 0 {
		if err := aXLEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range aXLEscrow.abi.Events[event].Inputs {
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

// AXLEscrowTreasurySet represents a TreasurySet event raised by the AXLEscrow contract.
type AXLEscrowTreasurySet struct {
	Treasury common.Address
	Raw      *types.Log // Blockchain specific contextual infos
}

const AXLEscrowTreasurySetEventName = "TreasurySet"

// ContractEventName returns the user-defined event name.
func (AXLEscrowTreasurySet) ContractEventName() string {
	return AXLEscrowTreasurySetEventName
}

// UnpackTreasurySetEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event TreasurySet(address indexed treasury)
func (aXLEscrow *AXLEscrow) UnpackTreasurySetEvent(log *types.Log) (*AXLEscrowTreasurySet, error) {
	event := "TreasurySet"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != aXLEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(AXLEscrowTreasurySet)
	if len(log.Data) > 0 {
		if err := aXLEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range aXLEscrow.abi.Events[event].Inputs {
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

// AXLEscrowWithdrawalRefused represents a WithdrawalRefused event raised by the AXLEscrow contract.
type AXLEscrowWithdrawalRefused struct {
	Token   common.Address
	Account common.Address
	Amount  *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const AXLEscrowWithdrawalRefusedEventName = "WithdrawalRefused"

// ContractEventName returns the user-defined event name.
func (AXLEscrowWithdrawalRefused) ContractEventName() string {
	return AXLEscrowWithdrawalRefusedEventName
}

// UnpackWithdrawalRefusedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event WithdrawalRefused(address indexed token, address indexed account, uint256 amount)
func (aXLEscrow *AXLEscrow) UnpackWithdrawalRefusedEvent(log *types.Log) (*AXLEscrowWithdrawalRefused, error) {
	event := "WithdrawalRefused"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != aXLEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(AXLEscrowWithdrawalRefused)
	if len(log.Data) > 0 {
		if err := aXLEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range aXLEscrow.abi.Events[event].Inputs {
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

// AXLEscrowWithdrawn represents a Withdrawn event raised by the AXLEscrow contract.
type AXLEscrowWithdrawn struct {
	Token   common.Address
	Account common.Address
	Amount  *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const AXLEscrowWithdrawnEventName = "Withdrawn"

// ContractEventName returns the user-defined event name.
func (AXLEscrowWithdrawn) ContractEventName() string {
	return AXLEscrowWithdrawnEventName
}

// UnpackWithdrawnEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Withdrawn(address indexed token, address indexed account, uint256 amount)
func (aXLEscrow *AXLEscrow) UnpackWithdrawnEvent(log *types.Log) (*AXLEscrowWithdrawn, error) {
	event := "Withdrawn"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != aXLEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(AXLEscrowWithdrawn)
	if len(log.Data) > 0 {
		if err := aXLEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range aXLEscrow.abi.Events[event].Inputs {
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
func (aXLEscrow *AXLEscrow) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], aXLEscrow.abi.Errors["AccessControlBadConfirmation"].ID.Bytes()[:4]) {
		return aXLEscrow.UnpackAccessControlBadConfirmationError(raw[4:])
	}
	if bytes.Equal(raw[:4], aXLEscrow.abi.Errors["AccessControlUnauthorizedAccount"].ID.Bytes()[:4]) {
		return aXLEscrow.UnpackAccessControlUnauthorizedAccountError(raw[4:])
	}
	if bytes.Equal(raw[:4], aXLEscrow.abi.Errors["AuthorisationExpired"].ID.Bytes()[:4]) {
		return aXLEscrow.UnpackAuthorisationExpiredError(raw[4:])
	}
	if bytes.Equal(raw[:4], aXLEscrow.abi.Errors["BadMask"].ID.Bytes()[:4]) {
		return aXLEscrow.UnpackBadMaskError(raw[4:])
	}
	if bytes.Equal(raw[:4], aXLEscrow.abi.Errors["BadSlot"].ID.Bytes()[:4]) {
		return aXLEscrow.UnpackBadSlotError(raw[4:])
	}
	if bytes.Equal(raw[:4], aXLEscrow.abi.Errors["BadWorkers"].ID.Bytes()[:4]) {
		return aXLEscrow.UnpackBadWorkersError(raw[4:])
	}
	if bytes.Equal(raw[:4], aXLEscrow.abi.Errors["DeadlineNotPassed"].ID.Bytes()[:4]) {
		return aXLEscrow.UnpackDeadlineNotPassedError(raw[4:])
	}
	if bytes.Equal(raw[:4], aXLEscrow.abi.Errors["DeadlinePassed"].ID.Bytes()[:4]) {
		return aXLEscrow.UnpackDeadlinePassedError(raw[4:])
	}
	if bytes.Equal(raw[:4], aXLEscrow.abi.Errors["InvalidShortString"].ID.Bytes()[:4]) {
		return aXLEscrow.UnpackInvalidShortStringError(raw[4:])
	}
	if bytes.Equal(raw[:4], aXLEscrow.abi.Errors["InvalidSignature"].ID.Bytes()[:4]) {
		return aXLEscrow.UnpackInvalidSignatureError(raw[4:])
	}
	if bytes.Equal(raw[:4], aXLEscrow.abi.Errors["InvalidTerms"].ID.Bytes()[:4]) {
		return aXLEscrow.UnpackInvalidTermsError(raw[4:])
	}
	if bytes.Equal(raw[:4], aXLEscrow.abi.Errors["NotAuthorised"].ID.Bytes()[:4]) {
		return aXLEscrow.UnpackNotAuthorisedError(raw[4:])
	}
	if bytes.Equal(raw[:4], aXLEscrow.abi.Errors["NotBuyer"].ID.Bytes()[:4]) {
		return aXLEscrow.UnpackNotBuyerError(raw[4:])
	}
	if bytes.Equal(raw[:4], aXLEscrow.abi.Errors["NotFullyStaked"].ID.Bytes()[:4]) {
		return aXLEscrow.UnpackNotFullyStakedError(raw[4:])
	}
	if bytes.Equal(raw[:4], aXLEscrow.abi.Errors["NothingToWithdraw"].ID.Bytes()[:4]) {
		return aXLEscrow.UnpackNothingToWithdrawError(raw[4:])
	}
	if bytes.Equal(raw[:4], aXLEscrow.abi.Errors["OutOfBounds"].ID.Bytes()[:4]) {
		return aXLEscrow.UnpackOutOfBoundsError(raw[4:])
	}
	if bytes.Equal(raw[:4], aXLEscrow.abi.Errors["ReentrancyGuardReentrantCall"].ID.Bytes()[:4]) {
		return aXLEscrow.UnpackReentrancyGuardReentrantCallError(raw[4:])
	}
	if bytes.Equal(raw[:4], aXLEscrow.abi.Errors["SafeERC20FailedOperation"].ID.Bytes()[:4]) {
		return aXLEscrow.UnpackSafeERC20FailedOperationError(raw[4:])
	}
	if bytes.Equal(raw[:4], aXLEscrow.abi.Errors["SlotTaken"].ID.Bytes()[:4]) {
		return aXLEscrow.UnpackSlotTakenError(raw[4:])
	}
	if bytes.Equal(raw[:4], aXLEscrow.abi.Errors["StringTooLong"].ID.Bytes()[:4]) {
		return aXLEscrow.UnpackStringTooLongError(raw[4:])
	}
	if bytes.Equal(raw[:4], aXLEscrow.abi.Errors["TokenNotAllowed"].ID.Bytes()[:4]) {
		return aXLEscrow.UnpackTokenNotAllowedError(raw[4:])
	}
	if bytes.Equal(raw[:4], aXLEscrow.abi.Errors["WindowClosed"].ID.Bytes()[:4]) {
		return aXLEscrow.UnpackWindowClosedError(raw[4:])
	}
	if bytes.Equal(raw[:4], aXLEscrow.abi.Errors["WindowOpen"].ID.Bytes()[:4]) {
		return aXLEscrow.UnpackWindowOpenError(raw[4:])
	}
	if bytes.Equal(raw[:4], aXLEscrow.abi.Errors["WorkerHasSlot"].ID.Bytes()[:4]) {
		return aXLEscrow.UnpackWorkerHasSlotError(raw[4:])
	}
	if bytes.Equal(raw[:4], aXLEscrow.abi.Errors["WrongState"].ID.Bytes()[:4]) {
		return aXLEscrow.UnpackWrongStateError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// AXLEscrowAccessControlBadConfirmation represents a AccessControlBadConfirmation error raised by the AXLEscrow contract.
type AXLEscrowAccessControlBadConfirmation struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AccessControlBadConfirmation()
func AXLEscrowAccessControlBadConfirmationErrorID() common.Hash {
	return common.HexToHash("0x6697b23232a647058342c0724fe7c415cab25915b54e5dbc03f233173d37b41c")
}

// UnpackAccessControlBadConfirmationError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AccessControlBadConfirmation()
func (aXLEscrow *AXLEscrow) UnpackAccessControlBadConfirmationError(raw []byte) (*AXLEscrowAccessControlBadConfirmation, error) {
	out := new(AXLEscrowAccessControlBadConfirmation)
	if err := aXLEscrow.abi.UnpackIntoInterface(out, "AccessControlBadConfirmation", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// AXLEscrowAccessControlUnauthorizedAccount represents a AccessControlUnauthorizedAccount error raised by the AXLEscrow contract.
type AXLEscrowAccessControlUnauthorizedAccount struct {
	Account    common.Address
	NeededRole [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AccessControlUnauthorizedAccount(address account, bytes32 neededRole)
func AXLEscrowAccessControlUnauthorizedAccountErrorID() common.Hash {
	return common.HexToHash("0xe2517d3fbfae6f8515ef5ff1ccedc3933ab0cbbda0b492c06eb54ad10ef03b3e")
}

// UnpackAccessControlUnauthorizedAccountError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AccessControlUnauthorizedAccount(address account, bytes32 neededRole)
func (aXLEscrow *AXLEscrow) UnpackAccessControlUnauthorizedAccountError(raw []byte) (*AXLEscrowAccessControlUnauthorizedAccount, error) {
	out := new(AXLEscrowAccessControlUnauthorizedAccount)
	if err := aXLEscrow.abi.UnpackIntoInterface(out, "AccessControlUnauthorizedAccount", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// AXLEscrowAuthorisationExpired represents a AuthorisationExpired error raised by the AXLEscrow contract.
type AXLEscrowAuthorisationExpired struct {
	Deadline *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AuthorisationExpired(uint256 deadline)
func AXLEscrowAuthorisationExpiredErrorID() common.Hash {
	return common.HexToHash("0xa3af1815515cb00c25ab53026890e3bf25e4e85bb0942e81f1a0e7e54ac391db")
}

// UnpackAuthorisationExpiredError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AuthorisationExpired(uint256 deadline)
func (aXLEscrow *AXLEscrow) UnpackAuthorisationExpiredError(raw []byte) (*AXLEscrowAuthorisationExpired, error) {
	out := new(AXLEscrowAuthorisationExpired)
	if err := aXLEscrow.abi.UnpackIntoInterface(out, "AuthorisationExpired", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// AXLEscrowBadMask represents a BadMask error raised by the AXLEscrow contract.
type AXLEscrowBadMask struct {
	Mask uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BadMask(uint64 mask)
func AXLEscrowBadMaskErrorID() common.Hash {
	return common.HexToHash("0xc1fd1bf3e2bbdb0d636cb73eb69c9746febcbe688a12549ebf3a280954bf8090")
}

// UnpackBadMaskError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BadMask(uint64 mask)
func (aXLEscrow *AXLEscrow) UnpackBadMaskError(raw []byte) (*AXLEscrowBadMask, error) {
	out := new(AXLEscrowBadMask)
	if err := aXLEscrow.abi.UnpackIntoInterface(out, "BadMask", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// AXLEscrowBadSlot represents a BadSlot error raised by the AXLEscrow contract.
type AXLEscrowBadSlot struct {
	Slot uint32
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BadSlot(uint32 slot)
func AXLEscrowBadSlotErrorID() common.Hash {
	return common.HexToHash("0xe89fb79146f8fef6a19ee0c3e6806fe39331bb32d31e803c48db8de6e0657c76")
}

// UnpackBadSlotError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BadSlot(uint32 slot)
func (aXLEscrow *AXLEscrow) UnpackBadSlotError(raw []byte) (*AXLEscrowBadSlot, error) {
	out := new(AXLEscrowBadSlot)
	if err := aXLEscrow.abi.UnpackIntoInterface(out, "BadSlot", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// AXLEscrowBadWorkers represents a BadWorkers error raised by the AXLEscrow contract.
type AXLEscrowBadWorkers struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BadWorkers()
func AXLEscrowBadWorkersErrorID() common.Hash {
	return common.HexToHash("0x74a08e2a4fed5074604acc81164cf4b434ebfeddf52f756001b1b32f38173881")
}

// UnpackBadWorkersError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BadWorkers()
func (aXLEscrow *AXLEscrow) UnpackBadWorkersError(raw []byte) (*AXLEscrowBadWorkers, error) {
	out := new(AXLEscrowBadWorkers)
	if err := aXLEscrow.abi.UnpackIntoInterface(out, "BadWorkers", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// AXLEscrowDeadlineNotPassed represents a DeadlineNotPassed error raised by the AXLEscrow contract.
type AXLEscrowDeadlineNotPassed struct {
	Deadline uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error DeadlineNotPassed(uint64 deadline)
func AXLEscrowDeadlineNotPassedErrorID() common.Hash {
	return common.HexToHash("0x1f4899705623c85fab8845c7d24eaa5204260915a896f70890a590d5027681bb")
}

// UnpackDeadlineNotPassedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error DeadlineNotPassed(uint64 deadline)
func (aXLEscrow *AXLEscrow) UnpackDeadlineNotPassedError(raw []byte) (*AXLEscrowDeadlineNotPassed, error) {
	out := new(AXLEscrowDeadlineNotPassed)
	if err := aXLEscrow.abi.UnpackIntoInterface(out, "DeadlineNotPassed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// AXLEscrowDeadlinePassed represents a DeadlinePassed error raised by the AXLEscrow contract.
type AXLEscrowDeadlinePassed struct {
	Deadline uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error DeadlinePassed(uint64 deadline)
func AXLEscrowDeadlinePassedErrorID() common.Hash {
	return common.HexToHash("0x6768091307d5da213ba3ac1392311a935d1607f1020232ee01d118de33b68661")
}

// UnpackDeadlinePassedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error DeadlinePassed(uint64 deadline)
func (aXLEscrow *AXLEscrow) UnpackDeadlinePassedError(raw []byte) (*AXLEscrowDeadlinePassed, error) {
	out := new(AXLEscrowDeadlinePassed)
	if err := aXLEscrow.abi.UnpackIntoInterface(out, "DeadlinePassed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// AXLEscrowInvalidShortString represents a InvalidShortString error raised by the AXLEscrow contract.
type AXLEscrowInvalidShortString struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidShortString()
func AXLEscrowInvalidShortStringErrorID() common.Hash {
	return common.HexToHash("0xb3512b0c6163e5f0bafab72bb631b9d58cd7a731b082f910338aa21c83d5c274")
}

// UnpackInvalidShortStringError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidShortString()
func (aXLEscrow *AXLEscrow) UnpackInvalidShortStringError(raw []byte) (*AXLEscrowInvalidShortString, error) {
	out := new(AXLEscrowInvalidShortString)
	if err := aXLEscrow.abi.UnpackIntoInterface(out, "InvalidShortString", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// AXLEscrowInvalidSignature represents a InvalidSignature error raised by the AXLEscrow contract.
type AXLEscrowInvalidSignature struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidSignature()
func AXLEscrowInvalidSignatureErrorID() common.Hash {
	return common.HexToHash("0x8baa579fce362245063d36f11747a89dd489c54795634fc673cc0e0db51fedc5")
}

// UnpackInvalidSignatureError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidSignature()
func (aXLEscrow *AXLEscrow) UnpackInvalidSignatureError(raw []byte) (*AXLEscrowInvalidSignature, error) {
	out := new(AXLEscrowInvalidSignature)
	if err := aXLEscrow.abi.UnpackIntoInterface(out, "InvalidSignature", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// AXLEscrowInvalidTerms represents a InvalidTerms error raised by the AXLEscrow contract.
type AXLEscrowInvalidTerms struct {
	Reason string
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidTerms(string reason)
func AXLEscrowInvalidTermsErrorID() common.Hash {
	return common.HexToHash("0xf191a031a8e2caa80df477b8b01660f0de4259688cef841b71cd05217c53b977")
}

// UnpackInvalidTermsError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidTerms(string reason)
func (aXLEscrow *AXLEscrow) UnpackInvalidTermsError(raw []byte) (*AXLEscrowInvalidTerms, error) {
	out := new(AXLEscrowInvalidTerms)
	if err := aXLEscrow.abi.UnpackIntoInterface(out, "InvalidTerms", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// AXLEscrowNotAuthorised represents a NotAuthorised error raised by the AXLEscrow contract.
type AXLEscrowNotAuthorised struct {
	Caller common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotAuthorised(address caller)
func AXLEscrowNotAuthorisedErrorID() common.Hash {
	return common.HexToHash("0x10ac4965ad0f10d1981eda3147962be82bab74e84b52036ea50629e4c490c98b")
}

// UnpackNotAuthorisedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotAuthorised(address caller)
func (aXLEscrow *AXLEscrow) UnpackNotAuthorisedError(raw []byte) (*AXLEscrowNotAuthorised, error) {
	out := new(AXLEscrowNotAuthorised)
	if err := aXLEscrow.abi.UnpackIntoInterface(out, "NotAuthorised", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// AXLEscrowNotBuyer represents a NotBuyer error raised by the AXLEscrow contract.
type AXLEscrowNotBuyer struct {
	Caller common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotBuyer(address caller)
func AXLEscrowNotBuyerErrorID() common.Hash {
	return common.HexToHash("0x0eed4964bdba59f1f4a6af293f1d22a09b8d0f1e14d063f9e38b143777733580")
}

// UnpackNotBuyerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotBuyer(address caller)
func (aXLEscrow *AXLEscrow) UnpackNotBuyerError(raw []byte) (*AXLEscrowNotBuyer, error) {
	out := new(AXLEscrowNotBuyer)
	if err := aXLEscrow.abi.UnpackIntoInterface(out, "NotBuyer", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// AXLEscrowNotFullyStaked represents a NotFullyStaked error raised by the AXLEscrow contract.
type AXLEscrowNotFullyStaked struct {
	StakedMask uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotFullyStaked(uint64 stakedMask)
func AXLEscrowNotFullyStakedErrorID() common.Hash {
	return common.HexToHash("0x3a24cede4b1b7a3df3bebe216f7f985e85d903587989441201a754c2ea40ec5c")
}

// UnpackNotFullyStakedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotFullyStaked(uint64 stakedMask)
func (aXLEscrow *AXLEscrow) UnpackNotFullyStakedError(raw []byte) (*AXLEscrowNotFullyStaked, error) {
	out := new(AXLEscrowNotFullyStaked)
	if err := aXLEscrow.abi.UnpackIntoInterface(out, "NotFullyStaked", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// AXLEscrowNothingToWithdraw represents a NothingToWithdraw error raised by the AXLEscrow contract.
type AXLEscrowNothingToWithdraw struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NothingToWithdraw()
func AXLEscrowNothingToWithdrawErrorID() common.Hash {
	return common.HexToHash("0xd0d04f60bf4f7629141a1f00f5d2908fa0f3e15bf4cbf8bb8edc6fcbdf2509fa")
}

// UnpackNothingToWithdrawError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NothingToWithdraw()
func (aXLEscrow *AXLEscrow) UnpackNothingToWithdrawError(raw []byte) (*AXLEscrowNothingToWithdraw, error) {
	out := new(AXLEscrowNothingToWithdraw)
	if err := aXLEscrow.abi.UnpackIntoInterface(out, "NothingToWithdraw", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// AXLEscrowOutOfBounds represents a OutOfBounds error raised by the AXLEscrow contract.
type AXLEscrowOutOfBounds struct {
	What string
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error OutOfBounds(string what)
func AXLEscrowOutOfBoundsErrorID() common.Hash {
	return common.HexToHash("0xf4e5b79a16b8cda34a08441d4283fa1a72fc62a7aeda3151c7664fddfb9a0e6b")
}

// UnpackOutOfBoundsError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error OutOfBounds(string what)
func (aXLEscrow *AXLEscrow) UnpackOutOfBoundsError(raw []byte) (*AXLEscrowOutOfBounds, error) {
	out := new(AXLEscrowOutOfBounds)
	if err := aXLEscrow.abi.UnpackIntoInterface(out, "OutOfBounds", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// AXLEscrowReentrancyGuardReentrantCall represents a ReentrancyGuardReentrantCall error raised by the AXLEscrow contract.
type AXLEscrowReentrancyGuardReentrantCall struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ReentrancyGuardReentrantCall()
func AXLEscrowReentrancyGuardReentrantCallErrorID() common.Hash {
	return common.HexToHash("0x3ee5aeb571de7fc460830b4d0017439a1ca56fb0bc39062227ade4fe4a24c1ca")
}

// UnpackReentrancyGuardReentrantCallError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ReentrancyGuardReentrantCall()
func (aXLEscrow *AXLEscrow) UnpackReentrancyGuardReentrantCallError(raw []byte) (*AXLEscrowReentrancyGuardReentrantCall, error) {
	out := new(AXLEscrowReentrancyGuardReentrantCall)
	if err := aXLEscrow.abi.UnpackIntoInterface(out, "ReentrancyGuardReentrantCall", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// AXLEscrowSafeERC20FailedOperation represents a SafeERC20FailedOperation error raised by the AXLEscrow contract.
type AXLEscrowSafeERC20FailedOperation struct {
	Token common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error SafeERC20FailedOperation(address token)
func AXLEscrowSafeERC20FailedOperationErrorID() common.Hash {
	return common.HexToHash("0x5274afe73c98b4749fc91ffae6b7b574e7842cb2144a159e9377a5f20b32edf9")
}

// UnpackSafeERC20FailedOperationError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error SafeERC20FailedOperation(address token)
func (aXLEscrow *AXLEscrow) UnpackSafeERC20FailedOperationError(raw []byte) (*AXLEscrowSafeERC20FailedOperation, error) {
	out := new(AXLEscrowSafeERC20FailedOperation)
	if err := aXLEscrow.abi.UnpackIntoInterface(out, "SafeERC20FailedOperation", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// AXLEscrowSlotTaken represents a SlotTaken error raised by the AXLEscrow contract.
type AXLEscrowSlotTaken struct {
	Slot uint32
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error SlotTaken(uint32 slot)
func AXLEscrowSlotTakenErrorID() common.Hash {
	return common.HexToHash("0xa1db1565e615e3e130a3d0f169f35092a219b3e41ed381573ca73be7f4642160")
}

// UnpackSlotTakenError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error SlotTaken(uint32 slot)
func (aXLEscrow *AXLEscrow) UnpackSlotTakenError(raw []byte) (*AXLEscrowSlotTaken, error) {
	out := new(AXLEscrowSlotTaken)
	if err := aXLEscrow.abi.UnpackIntoInterface(out, "SlotTaken", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// AXLEscrowStringTooLong represents a StringTooLong error raised by the AXLEscrow contract.
type AXLEscrowStringTooLong struct {
	Str string
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error StringTooLong(string str)
func AXLEscrowStringTooLongErrorID() common.Hash {
	return common.HexToHash("0x305a27a93f8e33b7392df0a0f91d6fc63847395853c45991eec52dbf24d72381")
}

// UnpackStringTooLongError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error StringTooLong(string str)
func (aXLEscrow *AXLEscrow) UnpackStringTooLongError(raw []byte) (*AXLEscrowStringTooLong, error) {
	out := new(AXLEscrowStringTooLong)
	if err := aXLEscrow.abi.UnpackIntoInterface(out, "StringTooLong", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// AXLEscrowTokenNotAllowed represents a TokenNotAllowed error raised by the AXLEscrow contract.
type AXLEscrowTokenNotAllowed struct {
	Token common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error TokenNotAllowed(address token)
func AXLEscrowTokenNotAllowedErrorID() common.Hash {
	return common.HexToHash("0x94403b7099477045d56a4ad621224a9a16fcb7e4b0d02e508215a9bf747a12d4")
}

// UnpackTokenNotAllowedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error TokenNotAllowed(address token)
func (aXLEscrow *AXLEscrow) UnpackTokenNotAllowedError(raw []byte) (*AXLEscrowTokenNotAllowed, error) {
	out := new(AXLEscrowTokenNotAllowed)
	if err := aXLEscrow.abi.UnpackIntoInterface(out, "TokenNotAllowed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// AXLEscrowWindowClosed represents a WindowClosed error raised by the AXLEscrow contract.
type AXLEscrowWindowClosed struct {
	WindowEnd *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error WindowClosed(uint40 windowEnd)
func AXLEscrowWindowClosedErrorID() common.Hash {
	return common.HexToHash("0xd4c7fb7b489e3c28ad255e003c60ee8d5c0270b11b23d2c445025e38f855d7b8")
}

// UnpackWindowClosedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error WindowClosed(uint40 windowEnd)
func (aXLEscrow *AXLEscrow) UnpackWindowClosedError(raw []byte) (*AXLEscrowWindowClosed, error) {
	out := new(AXLEscrowWindowClosed)
	if err := aXLEscrow.abi.UnpackIntoInterface(out, "WindowClosed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// AXLEscrowWindowOpen represents a WindowOpen error raised by the AXLEscrow contract.
type AXLEscrowWindowOpen struct {
	WindowEnd *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error WindowOpen(uint40 windowEnd)
func AXLEscrowWindowOpenErrorID() common.Hash {
	return common.HexToHash("0xb48335a61b097d476a142566aaeba7be79a0c40f5b172a64f14290799ea7c685")
}

// UnpackWindowOpenError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error WindowOpen(uint40 windowEnd)
func (aXLEscrow *AXLEscrow) UnpackWindowOpenError(raw []byte) (*AXLEscrowWindowOpen, error) {
	out := new(AXLEscrowWindowOpen)
	if err := aXLEscrow.abi.UnpackIntoInterface(out, "WindowOpen", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// AXLEscrowWorkerHasSlot represents a WorkerHasSlot error raised by the AXLEscrow contract.
type AXLEscrowWorkerHasSlot struct {
	Worker common.Address
	Slot   uint32
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error WorkerHasSlot(address worker, uint32 slot)
func AXLEscrowWorkerHasSlotErrorID() common.Hash {
	return common.HexToHash("0x2f88ef6cbd032d68d5487db3f410716c30f4d4c0dd3992528f717baf0c4cebeb")
}

// UnpackWorkerHasSlotError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error WorkerHasSlot(address worker, uint32 slot)
func (aXLEscrow *AXLEscrow) UnpackWorkerHasSlotError(raw []byte) (*AXLEscrowWorkerHasSlot, error) {
	out := new(AXLEscrowWorkerHasSlot)
	if err := aXLEscrow.abi.UnpackIntoInterface(out, "WorkerHasSlot", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// AXLEscrowWrongState represents a WrongState error raised by the AXLEscrow contract.
type AXLEscrowWrongState struct {
	Id    [32]byte
	State uint8
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error WrongState(bytes32 id, uint8 state)
func AXLEscrowWrongStateErrorID() common.Hash {
	return common.HexToHash("0x2b3263b3bc5546a88f5c442a231d009ce5a89c34654ca9a7911b5bb3939a1f60")
}

// UnpackWrongStateError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error WrongState(bytes32 id, uint8 state)
func (aXLEscrow *AXLEscrow) UnpackWrongStateError(raw []byte) (*AXLEscrowWrongState, error) {
	out := new(AXLEscrowWrongState)
	if err := aXLEscrow.abi.UnpackIntoInterface(out, "WrongState", raw); err != nil {
		return nil, err
	}
	return out, nil
}
