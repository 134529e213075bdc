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
	ABI: "[{\"inputs\":[{\"internalType\":\"address\",\"name\":\"admin\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"arbiter\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"treasury_\",\"type\":\"address\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[],\"name\":\"AccessControlBadConfirmation\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"neededRole\",\"type\":\"bytes32\"}],\"name\":\"AccessControlUnauthorizedAccount\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"deadline\",\"type\":\"uint256\"}],\"name\":\"AuthorisationExpired\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"mask\",\"type\":\"uint64\"}],\"name\":\"BadMask\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint32\",\"name\":\"slot\",\"type\":\"uint32\"}],\"name\":\"BadSlot\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"BadWorkers\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"}],\"name\":\"DeadlineNotPassed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"}],\"name\":\"DeadlinePassed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"got\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"DepositShort\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InvalidShortString\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InvalidSignature\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"string\",\"name\":\"reason\",\"type\":\"string\"}],\"name\":\"InvalidTerms\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotAuthorised\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotBuyer\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"stakedMask\",\"type\":\"uint64\"}],\"name\":\"NotFullyStaked\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"NothingToWithdraw\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"string\",\"name\":\"what\",\"type\":\"string\"}],\"name\":\"OutOfBounds\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ReentrancyGuardReentrantCall\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"}],\"name\":\"SafeERC20FailedOperation\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint32\",\"name\":\"slot\",\"type\":\"uint32\"}],\"name\":\"SlotTaken\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"string\",\"name\":\"str\",\"type\":\"string\"}],\"name\":\"StringTooLong\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"}],\"name\":\"TokenNotAllowed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint40\",\"name\":\"windowEnd\",\"type\":\"uint40\"}],\"name\":\"WindowClosed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint40\",\"name\":\"windowEnd\",\"type\":\"uint40\"}],\"name\":\"WindowOpen\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"worker\",\"type\":\"address\"},{\"internalType\":\"uint32\",\"name\":\"slot\",\"type\":\"uint32\"}],\"name\":\"WorkerHasSlot\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"enumAXLEscrow.State\",\"name\":\"state\",\"type\":\"uint8\"}],\"name\":\"WrongState\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"workersHash\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"seed\",\"type\":\"bytes32\"}],\"name\":\"Assigned\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"by\",\"type\":\"address\"}],\"name\":\"Cancelled\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Credited\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"slotsMask\",\"type\":\"uint64\"}],\"name\":\"Delivered\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"by\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"reason\",\"type\":\"bytes32\"}],\"name\":\"Disputed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[],\"name\":\"EIP712DomainChanged\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"buyer\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"specHash\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"slots\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"stakePerSlot\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint16\",\"name\":\"feeBps\",\"type\":\"uint16\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"challengeWindow\",\"type\":\"uint32\"}],\"name\":\"Funded\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"slot\",\"type\":\"uint32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"worker\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Paid\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":false,\"internalType\":\"uint16\",\"name\":\"feeBps\",\"type\":\"uint16\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"challengeWindow\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"uint8\",\"name\":\"maxSlots\",\"type\":\"uint8\"}],\"name\":\"ParametersSet\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Refunded\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"weightsHash\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"fee\",\"type\":\"uint256\"}],\"name\":\"Released\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"losingMask\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"deliveredMask\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"weightsHash\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"traceRoot\",\"type\":\"bytes32\"}],\"name\":\"Resolved\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"weightsHash\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"traceRoot\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"deliveredMask\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"uint40\",\"name\":\"windowEnd\",\"type\":\"uint40\"}],\"name\":\"ResultSubmitted\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"role\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"previousAdminRole\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"newAdminRole\",\"type\":\"bytes32\"}],\"name\":\"RoleAdminChanged\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"role\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"sender\",\"type\":\"address\"}],\"name\":\"RoleGranted\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"role\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"sender\",\"type\":\"address\"}],\"name\":\"RoleRevoked\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"slot\",\"type\":\"uint32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"worker\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Slashed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"slot\",\"type\":\"uint32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"worker\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"StakeReturned\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"slot\",\"type\":\"uint32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"worker\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Staked\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bool\",\"name\":\"allowed\",\"type\":\"bool\"}],\"name\":\"TokenAllowed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"treasury\",\"type\":\"address\"}],\"name\":\"TreasurySet\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"WithdrawalRefused\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Withdrawn\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"ARBITER_ROLE\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"DEFAULT_ADMIN_ROLE\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"INTENT_TYPEHASH\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"MAX_CHALLENGE_WINDOW\",\"outputs\":[{\"internalType\":\"uint32\",\"name\":\"\",\"type\":\"uint32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"MAX_FEE_BPS\",\"outputs\":[{\"internalType\":\"uint16\",\"name\":\"\",\"type\":\"uint16\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"MAX_PAYOUTS\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"MAX_SLOTS\",\"outputs\":[{\"internalType\":\"uint8\",\"name\":\"\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"MIN_CHALLENGE_WINDOW\",\"outputs\":[{\"internalType\":\"uint32\",\"name\":\"\",\"type\":\"uint32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"OPERATOR_ROLE\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"STAKE_TYPEHASH\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"TREASURY_ROLE\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"buyer\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"specHash\",\"type\":\"bytes32\"},{\"internalType\":\"uint32\",\"name\":\"slots\",\"type\":\"uint32\"},{\"internalType\":\"uint256\",\"name\":\"stakePerSlot\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"}],\"internalType\":\"structAXLEscrow.Terms\",\"name\":\"t\",\"type\":\"tuple\"},{\"internalType\":\"address[]\",\"name\":\"workers\",\"type\":\"address[]\"},{\"internalType\":\"bytes32\",\"name\":\"seed\",\"type\":\"bytes32\"}],\"name\":\"assign\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"buyer\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"specHash\",\"type\":\"bytes32\"},{\"internalType\":\"uint32\",\"name\":\"slots\",\"type\":\"uint32\"},{\"internalType\":\"uint256\",\"name\":\"stakePerSlot\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"}],\"internalType\":\"structAXLEscrow.Terms\",\"name\":\"t\",\"type\":\"tuple\"},{\"internalType\":\"address[]\",\"name\":\"stakers\",\"type\":\"address[]\"}],\"name\":\"cancel\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"challengeWindow\",\"outputs\":[{\"internalType\":\"uint32\",\"name\":\"\",\"type\":\"uint32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"}],\"name\":\"depositAddress\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"buyer\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"specHash\",\"type\":\"bytes32\"},{\"internalType\":\"uint32\",\"name\":\"slots\",\"type\":\"uint32\"},{\"internalType\":\"uint256\",\"name\":\"stakePerSlot\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"}],\"internalType\":\"structAXLEscrow.Terms\",\"name\":\"t\",\"type\":\"tuple\"},{\"internalType\":\"bytes32\",\"name\":\"reason\",\"type\":\"bytes32\"}],\"name\":\"dispute\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"eip712Domain\",\"outputs\":[{\"internalType\":\"bytes1\",\"name\":\"fields\",\"type\":\"bytes1\"},{\"internalType\":\"string\",\"name\":\"name\",\"type\":\"string\"},{\"internalType\":\"string\",\"name\":\"version\",\"type\":\"string\"},{\"internalType\":\"uint256\",\"name\":\"chainId\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"verifyingContract\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"salt\",\"type\":\"bytes32\"},{\"internalType\":\"uint256[]\",\"name\":\"extensions\",\"type\":\"uint256[]\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"}],\"name\":\"escrows\",\"outputs\":[{\"components\":[{\"internalType\":\"enumAXLEscrow.State\",\"name\":\"state\",\"type\":\"uint8\"},{\"internalType\":\"uint64\",\"name\":\"stakedMask\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"deliveredMask\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"losingMask\",\"type\":\"uint64\"},{\"internalType\":\"uint40\",\"name\":\"window\",\"type\":\"uint40\"},{\"internalType\":\"uint16\",\"name\":\"feeBps\",\"type\":\"uint16\"},{\"internalType\":\"bytes32\",\"name\":\"workersHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"weightsHash\",\"type\":\"bytes32\"}],\"internalType\":\"structAXLEscrow.Escrow\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"feeBps\",\"outputs\":[{\"internalType\":\"uint16\",\"name\":\"\",\"type\":\"uint16\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"buyer\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"specHash\",\"type\":\"bytes32\"},{\"internalType\":\"uint32\",\"name\":\"slots\",\"type\":\"uint32\"},{\"internalType\":\"uint256\",\"name\":\"stakePerSlot\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"}],\"internalType\":\"structAXLEscrow.Terms\",\"name\":\"t\",\"type\":\"tuple\"}],\"name\":\"fund\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"buyer\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"specHash\",\"type\":\"bytes32\"},{\"internalType\":\"uint32\",\"name\":\"slots\",\"type\":\"uint32\"},{\"internalType\":\"uint256\",\"name\":\"stakePerSlot\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"}],\"internalType\":\"structAXLEscrow.Terms\",\"name\":\"t\",\"type\":\"tuple\"},{\"internalType\":\"uint256\",\"name\":\"validAfter\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"validBefore\",\"type\":\"uint256\"},{\"internalType\":\"uint8\",\"name\":\"v\",\"type\":\"uint8\"},{\"internalType\":\"bytes32\",\"name\":\"r\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"s\",\"type\":\"bytes32\"}],\"name\":\"fundWithAuthorization\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"buyer\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"specHash\",\"type\":\"bytes32\"},{\"internalType\":\"uint32\",\"name\":\"slots\",\"type\":\"uint32\"},{\"internalType\":\"uint256\",\"name\":\"stakePerSlot\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"}],\"internalType\":\"structAXLEscrow.Terms\",\"name\":\"t\",\"type\":\"tuple\"},{\"internalType\":\"uint256\",\"name\":\"validAfter\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"validBefore\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"nonce\",\"type\":\"bytes32\"},{\"internalType\":\"uint8\",\"name\":\"v\",\"type\":\"uint8\"},{\"internalType\":\"bytes32\",\"name\":\"r\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"s\",\"type\":\"bytes32\"}],\"name\":\"fundWithDeposit\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"buyer\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"specHash\",\"type\":\"bytes32\"},{\"internalType\":\"uint32\",\"name\":\"slots\",\"type\":\"uint32\"},{\"internalType\":\"uint256\",\"name\":\"stakePerSlot\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"}],\"internalType\":\"structAXLEscrow.Terms\",\"name\":\"t\",\"type\":\"tuple\"},{\"internalType\":\"uint256\",\"name\":\"permitDeadline\",\"type\":\"uint256\"},{\"internalType\":\"uint8\",\"name\":\"v\",\"type\":\"uint8\"},{\"internalType\":\"bytes32\",\"name\":\"r\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"s\",\"type\":\"bytes32\"},{\"internalType\":\"bytes\",\"name\":\"intentSignature\",\"type\":\"bytes\"}],\"name\":\"fundWithPermit\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"role\",\"type\":\"bytes32\"}],\"name\":\"getRoleAdmin\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"role\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"grantRole\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"role\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"hasRole\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"buyer\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"specHash\",\"type\":\"bytes32\"},{\"internalType\":\"uint32\",\"name\":\"slots\",\"type\":\"uint32\"},{\"internalType\":\"uint256\",\"name\":\"stakePerSlot\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"}],\"internalType\":\"structAXLEscrow.Terms\",\"name\":\"t\",\"type\":\"tuple\"}],\"name\":\"intentId\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"}],\"name\":\"liabilities\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"maxSlots\",\"outputs\":[{\"internalType\":\"uint8\",\"name\":\"\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"buyer\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"specHash\",\"type\":\"bytes32\"},{\"internalType\":\"uint32\",\"name\":\"slots\",\"type\":\"uint32\"},{\"internalType\":\"uint256\",\"name\":\"stakePerSlot\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"}],\"internalType\":\"structAXLEscrow.Terms\",\"name\":\"t\",\"type\":\"tuple\"},{\"internalType\":\"uint64\",\"name\":\"slotsMask\",\"type\":\"uint64\"}],\"name\":\"recordDelivery\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"buyer\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"specHash\",\"type\":\"bytes32\"},{\"internalType\":\"uint32\",\"name\":\"slots\",\"type\":\"uint32\"},{\"internalType\":\"uint256\",\"name\":\"stakePerSlot\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"}],\"internalType\":\"structAXLEscrow.Terms\",\"name\":\"t\",\"type\":\"tuple\"},{\"internalType\":\"address[]\",\"name\":\"workers\",\"type\":\"address[]\"}],\"name\":\"refund\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"buyer\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"specHash\",\"type\":\"bytes32\"},{\"internalType\":\"uint32\",\"name\":\"slots\",\"type\":\"uint32\"},{\"internalType\":\"uint256\",\"name\":\"stakePerSlot\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"}],\"internalType\":\"structAXLEscrow.Terms\",\"name\":\"t\",\"type\":\"tuple\"},{\"internalType\":\"address[]\",\"name\":\"workers\",\"type\":\"address[]\"}],\"name\":\"release\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"role\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"callerConfirmation\",\"type\":\"address\"}],\"name\":\"renounceRole\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"buyer\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"specHash\",\"type\":\"bytes32\"},{\"internalType\":\"uint32\",\"name\":\"slots\",\"type\":\"uint32\"},{\"internalType\":\"uint256\",\"name\":\"stakePerSlot\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"}],\"internalType\":\"structAXLEscrow.Terms\",\"name\":\"t\",\"type\":\"tuple\"},{\"internalType\":\"address[]\",\"name\":\"workers\",\"type\":\"address[]\"},{\"internalType\":\"uint64\",\"name\":\"losingMask\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"deliveredMask\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"weightsHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"traceRoot\",\"type\":\"bytes32\"}],\"name\":\"resolve\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"role\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"revokeRole\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint16\",\"name\":\"feeBps_\",\"type\":\"uint16\"},{\"internalType\":\"uint32\",\"name\":\"challengeWindow_\",\"type\":\"uint32\"},{\"internalType\":\"uint8\",\"name\":\"maxSlots_\",\"type\":\"uint8\"}],\"name\":\"setParameters\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"bool\",\"name\":\"allowed\",\"type\":\"bool\"}],\"name\":\"setTokenAllowed\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"treasury_\",\"type\":\"address\"}],\"name\":\"setTreasury\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"worker\",\"type\":\"address\"}],\"name\":\"slotOf\",\"outputs\":[{\"internalType\":\"uint32\",\"name\":\"slot\",\"type\":\"uint32\"},{\"internalType\":\"bool\",\"name\":\"ok\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"buyer\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"specHash\",\"type\":\"bytes32\"},{\"internalType\":\"uint32\",\"name\":\"slots\",\"type\":\"uint32\"},{\"internalType\":\"uint256\",\"name\":\"stakePerSlot\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"}],\"internalType\":\"structAXLEscrow.Terms\",\"name\":\"t\",\"type\":\"tuple\"},{\"internalType\":\"uint32\",\"name\":\"slot\",\"type\":\"uint32\"}],\"name\":\"stake\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"},{\"internalType\":\"uint32\",\"name\":\"slot\",\"type\":\"uint32\"},{\"internalType\":\"address\",\"name\":\"worker\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"deadline\",\"type\":\"uint256\"}],\"name\":\"stakeDigest\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"buyer\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"specHash\",\"type\":\"bytes32\"},{\"internalType\":\"uint32\",\"name\":\"slots\",\"type\":\"uint32\"},{\"internalType\":\"uint256\",\"name\":\"stakePerSlot\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"}],\"internalType\":\"structAXLEscrow.Terms\",\"name\":\"t\",\"type\":\"tuple\"},{\"internalType\":\"uint32\",\"name\":\"slot\",\"type\":\"uint32\"},{\"internalType\":\"address\",\"name\":\"worker\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"deadline\",\"type\":\"uint256\"},{\"internalType\":\"uint8\",\"name\":\"v\",\"type\":\"uint8\"},{\"internalType\":\"bytes32\",\"name\":\"r\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"s\",\"type\":\"bytes32\"},{\"internalType\":\"bytes\",\"name\":\"stakeSignature\",\"type\":\"bytes\"}],\"name\":\"stakeWithPermit\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"buyer\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"specHash\",\"type\":\"bytes32\"},{\"internalType\":\"uint32\",\"name\":\"slots\",\"type\":\"uint32\"},{\"internalType\":\"uint256\",\"name\":\"stakePerSlot\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"}],\"internalType\":\"structAXLEscrow.Terms\",\"name\":\"t\",\"type\":\"tuple\"},{\"internalType\":\"bytes32\",\"name\":\"weightsHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"traceRoot\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"deliveredMask\",\"type\":\"uint64\"}],\"name\":\"submitResult\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes4\",\"name\":\"interfaceId\",\"type\":\"bytes4\"}],\"name\":\"supportsInterface\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"buyer\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"specHash\",\"type\":\"bytes32\"},{\"internalType\":\"uint32\",\"name\":\"slots\",\"type\":\"uint32\"},{\"internalType\":\"uint256\",\"name\":\"stakePerSlot\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"}],\"internalType\":\"structAXLEscrow.Terms\",\"name\":\"t\",\"type\":\"tuple\"}],\"name\":\"sweepDeposit\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"}],\"name\":\"tokenAllowed\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"treasury\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"}],\"name\":\"withdraw\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"address[]\",\"name\":\"accounts\",\"type\":\"address[]\"}],\"name\":\"withdrawFor\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"withdrawable\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"}]",
	ID:  "AXLEscrow",
	Bin: "0x610160604052348015610010575f5ffd5b506040516151ea3803806151ea83398101604081905261002f91610406565b604080518082018252600981526841584c457363726f7760b81b60208083019190915282518084019093526001808452603160f81b91840191909152805590610079826002610205565b61012052610088816003610205565b61014052815160208084019190912060e052815190820120610100524660a05261011460e05161010051604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201529081019290925260608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b60805250503060c0526101275f85610237565b506101527f97667070c54ef182b0f5858b034beac1b6f3089aa2d3188bb1e8929f4fa9b92984610237565b5061017d7fbb08418a67729a078f87bbc8d02a770929bb68f5bfdf134ae2ead6ed38e2f4ae83610237565b50610187816102de565b60098054664000000e10006466ffffffffffffff199091161790819055604080516064815262010000830463ffffffff166020820152660100000000000090920460ff16908201527f24718e6513f4aa4e3e6d7b994b2d4da1dcf8c4368a2ab28b2cbf78286dceae0f9060600160405180910390a150505050610601565b5f60208351101561022057610219836103ae565b9050610231565b8161022b84826104ef565b5060ff90505b92915050565b5f828152602081815260408083206001600160a01b038516845290915281205460ff166102d7575f838152602081815260408083206001600160a01b03861684529091529020805460ff1916600117905561028f3390565b6001600160a01b0316826001600160a01b0316847f2f8788117e7eff1d82e926ec794901d17c78024a50270940304540a733656f0d60405160405180910390a4506001610231565b505f610231565b6001600160a01b03811661032557604051637a72dbcd60e11b8152602060048201526008602482015267747265617375727960c01b60448201526064015b60405180910390fd5b60098054600160381b600160d81b0319166701000000000000006001600160a01b038416021790556103777fe1dcbdb91df27212a29bc27177c840cf2f819ecf2187432e1fac86c2dd5dfca982610237565b506040516001600160a01b038216907f3c864541ef71378c6229510ed90f376565ee42d9c5e0904a984a9e863e6db44f905f90a250565b5f5f829050601f815111156103d8578260405163305a27a960e01b815260040161031c91906105a9565b80516103e3826105de565b179392505050565b80516001600160a01b0381168114610401575f5ffd5b919050565b5f5f5f5f60808587031215610419575f5ffd5b610422856103eb565b9350610430602086016103eb565b925061043e604086016103eb565b915061044c606086016103eb565b905092959194509250565b634e487b7160e01b5f52604160045260245ffd5b600181811c9082168061047f57607f821691505b60208210810361049d57634e487b7160e01b5f52602260045260245ffd5b50919050565b601f8211156104ea57805f5260205f20601f840160051c810160208510156104c85750805b601f840160051c820191505b818110156104e7575f81556001016104d4565b50505b505050565b81516001600160401b0381111561050857610508610457565b61051c81610516845461046b565b846104a3565b6020601f82116001811461054e575f83156105375750848201515b5f19600385901b1c1916600184901b1784556104e7565b5f84815260208120601f198516915b8281101561057d578785015182556020948501946001909201910161055d565b508482101561059a57868401515f19600387901b60f8161c191681555b50505050600190811b01905550565b602081525f82518060208401528060208501604085015e5f604082850101526040601f19601f83011684010191505092915050565b8051602080830151919081101561049d575f1960209190910360031b1b16919050565b60805160a05160c05160e051610100516101205161014051614b986106525f395f6136b901525f61368701525f613a2601525f6139fe01525f61395901525f61398301525f6139ad0152614b985ff3fe608060405234801561000f575f5ffd5b50600436106102cb575f3560e01c806384b0196e1161017b578063c0f3f2e9116100e4578063dbfb2f211161009e578063f0f4426011610079578063f0f4426014610738578063f18d30d01461074b578063f5b541a61461075e578063f745e7a914610772575f5ffd5b8063dbfb2f21146106ff578063e19d2cb314610712578063ee2e178714610725575f5ffd5b8063c0f3f2e91461067b578063cbd69f3f14610695578063d11a57ec146106a9578063d547741f146106d0578063d55be8c6146106e3578063da6f6d87146106ec575f5ffd5b8063a217fddf11610135578063a217fddf146105c2578063b01083e2146105c9578063b082a274146105e8578063b4c631811461060f578063b50a09d414610622578063c0314d2714610651575f5ffd5b806384b0196e14610531578063861a14121461054c57806388e75bdf1461056257806389ee09f01461057557806391d148541461059c5780639ab23690146105af575f5ffd5b80633a1e43aa1161023757806355219d5a116101f15780636d24c4c1116101cc5780636d24c4c1146104e557806374505f4b146104f857806378bbd7481461050b578063806082441461051e575f5ffd5b806355219d5a146104965780635f54745e146104b857806361d027b3146104cb575f5ffd5b80633a1e43aa14610424578063470595d9146104375780634d104adf1461044a5780634dba82c61461047157806351586ecb1461047957806351cff8d914610483575f5ffd5b80632d83549c116102885780632d83549c1461038d5780632f2ff15d146103ad57806331eecaf4146103c05780633475db38146103eb57806336568abe146103fe578063394523c314610411575f5ffd5b806301ffc9a7146102cf57806308b7cc9d146102f75780630bdc203b1461030c57806315f6901214610329578063248a9ca31461033c57806324a9d8531461036c575b5f5ffd5b6102e26102dd366004613dbc565b610785565b60405190151581526020015b60405180910390f35b61030a610305366004613e10565b6107bb565b005b610314603c81565b60405163ffffffff90911681526020016102ee565b61030a610337366004613e7b565b610a17565b61035e61034a366004613eb0565b5f9081526020819052604090206001015490565b6040519081526020016102ee565b60095461037a9061ffff1681565b60405161ffff90911681526020016102ee565b6103a061039b366004613eb0565b610a80565b6040516102ee9190613efb565b61030a6103bb366004613f90565b610b75565b6103d36103ce366004613eb0565b610b9f565b6040516001600160a01b0390911681526020016102ee565b61030a6103f9366004613ffa565b610c39565b61030a61040c366004613f90565b610f74565b61030a61041f36600461406e565b610fac565b61030a6104323660046140b6565b611127565b61035e61044536600461410f565b6112bf565b61035e7fbb08418a67729a078f87bbc8d02a770929bb68f5bfdf134ae2ead6ed38e2f4ae81565b61035e604181565b61031462278d0081565b61030a610491366004614176565b6114f7565b6102e26104a4366004614176565b60086020525f908152604090205460ff1681565b61030a6104c636600461418f565b6115e8565b6009546103d390600160381b90046001600160a01b031681565b61035e6104f3366004614219565b611945565b61035e610506366004614297565b6119c5565b61030a610519366004614319565b611aaf565b61030a61052c366004614344565b611bea565b610539611cea565b6040516102ee9796959493929190614418565b6009546103149062010000900463ffffffff1681565b61030a6105703660046144ae565b611d2c565b61035e7fd978a6a109870d159a229e244b81b0143baac2266bc245a0a288aef1269fd19381565b6102e26105aa366004613f90565b611e3a565b61030a6105bd3660046144d9565b611e62565b61035e5f81565b61035e6105d7366004614176565b60076020525f908152604090205481565b61035e7fe2c5b023a8129a15b80d9ba7a30970bc98df43dd02c04f09abe3dcd006b3fed481565b61035e61061d366004614504565b611ea5565b610635610630366004613f90565b611f54565b6040805163ffffffff90931683529015156020830152016102ee565b61035e61065f36600461455f565b600660209081525f928352604080842090915290825290205481565b610683604081565b60405160ff90911681526020016102ee565b60095461068390600160301b900460ff1681565b61035e7fe1dcbdb91df27212a29bc27177c840cf2f819ecf2187432e1fac86c2dd5dfca981565b61030a6106de366004613f90565b611f9e565b61037a6103e881565b61030a6106fa366004613ffa565b611fc2565b61035e61070d366004614587565b612131565b61030a610720366004614587565b612168565b61035e610733366004614587565b6122a2565b61030a610746366004614176565b612329565b61030a610759366004613ffa565b61237b565b61035e5f516020614b785f395f51905f5281565b61030a6107803660046145a2565b61256b565b5f6001600160e01b03198216637965db0b60e01b14806107b557506301ffc9a760e01b6001600160e01b03198316145b92915050565b5f516020614b785f395f51905f526107d28161277f565b5f6107dc86612131565b5f8181526004602052604090209091506002815460ff16600881111561080457610804613ec7565b14610835578054604051632b3263b360e01b815261082c91849160ff909116906004016145d7565b60405180910390fd5b61084560e0880160c089016145eb565b6001600160401b031642106108895761086460e0880160c089016145eb565b604051636768091360e01b81526001600160401b03909116600482015260240161082c565b856108c65760405163f191a03160e01b815260206004820152600c60248201526b0eecad2ced0e8e640d0c2e6d60a31b604482015260640161082c565b6001600160401b03841615806108ff57506108ef6108ea60a0890160808a01614604565b612789565b1984166001600160401b03165f14155b156109285760405163c1fd1bf360e01b81526001600160401b038516600482015260240161082c565b80545f9061094490600160c81b900464ffffffffff1642614631565b8254600284018990557fffff0000000000ffffffffffffffff0000000000000000ffffffffffffffff008116600160481b600360ff1990931683178190046001600160401b039081168a821617820264ffffffffff60c81b191692909217600160c81b64ffffffffff861690810291909117909317808755604080518d8152602081018d9052929091049092168183015260608101929092525191925084917fec2709ba5ce924fdf42878285cb3b5bcfac99b082609b3e83a22c940f9cfc4d09181900360800190a25050505050505050565b5f610a218161277f565b6001600160a01b0383165f81815260086020908152604091829020805460ff191686151590811790915591519182527f9a8e30a8658b96ab3f034ce4bac6806278b4aee5880ccdd1ac35e4ed5bb31d23910160405180910390a2505050565b60408051610100810182525f80825260208201819052918101829052606081018290526080810182905260a0810182905260c0810182905260e08101919091525f8281526004602052604090819020815161010081019092528054829060ff166008811115610af157610af1613ec7565b6008811115610b0257610b02613ec7565b815281546001600160401b03610100820481166020840152600160481b820481166040840152600160881b820416606083015264ffffffffff600160c81b820416608083015261ffff600160f01b9091041660a0820152600182015460c082015260029091015460e09091015292915050565b5f82815260208190526040902060010154610b8f8161277f565b610b9983836127bf565b50505050565b5f5f60ff60f81b308460405180602001610bb890613daf565b6020820181038252601f19601f8201166040525080519060200120604051602001610c1a94939291906001600160f81b031994909416845260609290921b6bffffffffffffffffffffffff191660018401526015830152603582015260550190565b60408051601f1981840301815291905280516020909101209392505050565b5f610c4384612131565b5f81815260046020526040902080549192509060ff166003816008811115610c6d57610c6d613ec7565b03610cb9578154600160c81b900464ffffffffff16421015610cb4578154604051635a419ad360e11b8152600160c81b90910464ffffffffff16600482015260240161082c565b610cef565b6005816008811115610ccd57610ccd613ec7565b14610cef578281604051632b3263b360e01b815260040161082c9291906145d7565b610cfa82868661284e565b8154600660ff1990911617808355600160881b81046001600160401b0390811619600160481b83041616905f9061271090610d4490600160f01b900461ffff1660408b013561464e565b610d4e9190614665565b9050847f0e334fd11ab7bea6d2bda89338c0f25674e099b70dd28aaaee262fbecba48882856002015483604051610d8f929190918252602082015260400190565b60405180910390a2610dc3610daa60408a0160208b01614176565b600954600160381b90046001600160a01b03168361289a565b5f610dcd83612935565b90505f81610ddf8460408d0135614684565b610de99190614665565b9050610e34610dfe60408c0160208d01614176565b610e0b60208d018d614176565b610e15858561464e565b868e60400135610e259190614684565b610e2f9190614684565b61289a565b5f5b610e4660a08c0160808d01614604565b63ffffffff168163ffffffff161015610f4357600163ffffffff82161b85166001600160401b031615610f3b57610eb9610e8660408d0160208e01614176565b8b8b8463ffffffff16818110610e9e57610e9e614697565b9050602002016020810190610eb39190614176565b8461289a565b89898263ffffffff16818110610ed157610ed1614697565b9050602002016020810190610ee69190614176565b6001600160a01b0316887fc763b02bd08fb6feaaeb200e049082478cd3f189ea252f913e0451c064eca2448385604051610f3292919063ffffffff929092168252602082015260400190565b60405180910390a35b600101610e36565b50610f68878b8b8b888b5f0160119054906101000a90046001600160401b0316612965565b50505050505050505050565b6001600160a01b0381163314610f9d5760405163334bd91960e11b815260040160405180910390fd5b610fa78282612bdd565b505050565b5f610fb68161277f565b6103e861ffff85161115610ff357604051637a72dbcd60e11b815260206004820152600360248201526266656560e81b604482015260640161082c565b603c63ffffffff84161080611010575062278d0063ffffffff8416115b1561105157604051637a72dbcd60e11b815260206004820152601060248201526f6368616c6c656e67652077696e646f7760801b604482015260640161082c565b60ff821615806110645750604060ff8316115b1561109a57604051637a72dbcd60e11b8152602060048201526005602482015264736c6f747360d81b604482015260640161082c565b6009805461ffff861665ffffffffffff1990911681176201000063ffffffff87169081029190911766ff0000000000001916600160301b60ff8716908102919091179093556040805192835260208301919091528101919091527f24718e6513f4aa4e3e6d7b994b2d4da1dcf8c4368a2ab28b2cbf78286dceae0f9060600160405180910390a150505050565b5f516020614b785f395f51905f5261113e8161277f565b5f61114886612131565b5f8181526004602052604090209091506001815460ff16600881111561117057611170613ec7565b14611198578054604051632b3263b360e01b815261082c91849160ff909116906004016145d7565b6111a860e0880160c089016145eb565b6001600160401b031642106111c75761086460e0880160c089016145eb565b5f6111db6108ea60a08a0160808b01614604565b82549091506001600160401b038083166101009092041614611222578154604051631d12676f60e11b81526101009091046001600160401b0316600482015260240161082c565b61123e838261123760a08c0160808d01614604565b8a8a612c46565b5f87876040516020016112529291906146ab565b60408051808303601f190181528282528051602091820120865460ff1916600217875560018701819055808452908301899052925085917fa83ea3ab5d93448a65abae413e47694701e32d8dc35f66a41a862dcc4c3132f1910160405180910390a2505050505050505050565b5f6112c8612d89565b6112d188612db3565b90505f6112dd82610b9f565b90506112ef60408a0160208b01614176565b6001600160a01b031663e94a010261130a60208c018c614176565b6040516001600160e01b031960e084901b1681526001600160a01b03909116600482015260248101899052604401602060405180830381865afa158015611353573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061137791906146ea565b6114045761138b60408a0160208b01614176565b6001600160a01b031663e3ee160e6113a660208c018c614176565b838c604001358c8c8c8c8c8c6040518a63ffffffff1660e01b81526004016113d699989796959493929190614705565b5f604051808303815f87803b1580156113ed575f5ffd5b505af11580156113ff573d5f5f3e3d5ffd5b505050505b5f61141f838361141a60408e0160208f01614176565b61311a565b905089604001358110156114535760408051631a566f8760e21b815260048101839052908b0135602482015260440161082c565b89604001358111156114e15761146d60408b013582614684565b60075f61148060408e0160208f01614176565b6001600160a01b03166001600160a01b031681526020019081526020015f205f8282546114ad9190614755565b909155506114e190506114c660408c0160208d01614176565b6114d360208d018d614176565b610e2f60408e013585614684565b50506114ec60018055565b979650505050505050565b6114ff612d89565b6001600160a01b0381165f9081526006602090815260408083203384529091528120549081900361154357604051630686827b60e51b815260040160405180910390fd5b6001600160a01b0382165f8181526006602090815260408083203384528252808320839055928252600790529081208054839290611582908490614684565b909155505060405181815233906001600160a01b038416907fd1c19fbcd4551a5edfb66d43d2e337c04837afda3482b42bdf569a8fccdae5fb9060200160405180910390a36115db6001600160a01b03831633836131cb565b506115e560018055565b50565b7fbb08418a67729a078f87bbc8d02a770929bb68f5bfdf134ae2ead6ed38e2f4ae6116128161277f565b5f61161c89612131565b5f81815260046020526040902080549192509060ff16600281600881111561164657611646613ec7565b141580156116665750600381600881111561166357611663613ec7565b14155b80156116845750600481600881111561168157611681613ec7565b14155b156116a6578281604051632b3263b360e01b815260040161082c9291906145d7565b60038160088111156116ba576116ba613ec7565b1480156116d657508154600160c81b900464ffffffffff164210155b1561170657815460405163d4c7fb7b60e01b8152600160c81b90910464ffffffffff16600482015260240161082c565b5f61171a6108ea60a08e0160808f01614604565b90506001600160401b0381198a1616156117525760405163c1fd1bf360e01b81526001600160401b038a16600482015260240161082c565b6001600160401b038119891616156117885760405163c1fd1bf360e01b81526001600160401b038916600482015260240161082c565b8661179557826002015496505b5f6001600160401b038a198a161615806117ad575087155b90506001600160401b038a161580156117c4575080155b156117ed5760405163c1fd1bf360e01b81526001600160401b038b16600482015260240161082c565b6117f8848d8d61284e565b835478ffffffffffffffffffffffffffffffff0000000000000000001916600160881b6001600160401b038c811691820267ffffffffffffffff60481b191692909217600160481b928c16928302178655600286018a90556040805191825260208201929092529081018990526060810188905285907fe47e1bc4dd88015578698984da855a44bac05575276cb71cf78ef3146ed6c5ff9060800160405180910390a2801561192a57835460ff1916600717845560408051908e0135815285907f1535ab411323bb41ad642ccf14068bbd78818ed38dd9b4421c927cc6eeb07e2d9060200160405180910390a26119178d60200160208101906118fb9190614176565b8e5f01602081019061190d9190614176565b8f6040013561289a565b611925858e8e8e5f8f612965565b611936565b835460ff191660051784555b50505050505050505050505050565b604080517fd978a6a109870d159a229e244b81b0143baac2266bc245a0a288aef1269fd193602082015290810185905263ffffffff841660608201526001600160a01b038316608082015260a081018290525f906119bc9060c0015b6040516020818303038152906040528051906020012061322a565b95945050505050565b5f6119ce612d89565b6119d788612db3565b9050611a256119e960208a018a614176565b8285858080601f0160208091040260200160405190810160405280939291908181526020018383808284375f9201919091525061325692505050565b611a4257604051638baa579f60e01b815260040160405180910390fd5b611a70611a5560408a0160208b01614176565b611a6260208b018b614176565b8a604001358a8a8a8a6132c6565b611aa6611a8060208a018a614176565b3060408b01803590611a959060208e01614176565b6001600160a01b03169291906133df565b6114ec60018055565b5f516020614b785f395f51905f52611ac68161277f565b5f611ad084612131565b5f8181526004602052604090209091506002815460ff166008811115611af857611af8613ec7565b14611b20578054604051632b3263b360e01b815261082c91849160ff909116906004016145d7565b6001600160401b0384161580611b545750611b446108ea60a0870160808801614604565b1984166001600160401b03165f14155b15611b7d5760405163c1fd1bf360e01b81526001600160401b038516600482015260240161082c565b805467ffffffffffffffff60481b198116600160481b918290046001600160401b0390811690871690811790920217825560405190815282907f5e27147b86b4af5bb08b3725d2a098a2267760e8c038485b508c0afaf98151d89060200160405180910390a25050505050565b611bf2612d89565b85421115611c165760405163a3af181560e01b81526004810187905260240161082c565b5f611c208a612131565b9050611c6d88611c32838c8c8c611945565b85858080601f0160208091040260200160405190810160405280939291908181526020018383808284375f9201919091525061325692505050565b611c8a57604051638baa579f60e01b815260040160405180910390fd5b611c968a828b8b613418565b611cb8611ca960408c0160208d01614176565b898c60a001358a8a8a8a6132c6565b611cd588308c60a001358d6020016020810190611a959190614176565b50611cdf60018055565b505050505050505050565b5f6060805f5f5f6060611cfb613680565b611d036136b2565b604080515f80825260208201909252600f60f81b9b939a50919850469750309650945092509050565b7fbb08418a67729a078f87bbc8d02a770929bb68f5bfdf134ae2ead6ed38e2f4ae611d568161277f565b5f611d6084612131565b5f8181526004602052604090209091506003815460ff166008811115611d8857611d88613ec7565b14611db0578054604051632b3263b360e01b815261082c91849160ff909116906004016145d7565b8054600160c81b900464ffffffffff164210611df157805460405163d4c7fb7b60e01b8152600160c81b90910464ffffffffff16600482015260240161082c565b805460ff19166004178155604051848152339083907f16079caf05237a7b73b1ef8a3f1d5966f871eb744125cffc645c623273b2124a9060200160405180910390a35050505050565b5f918252602082815260408084206001600160a01b0393909316845291905290205460ff1690565b611e6a612d89565b611e7e82611e7784612131565b8333613418565b611e98333060a0850135611a956040870160208801614176565b611ea160018055565b5050565b5f611eae612d89565b611eb787612db3565b9050611ec96040880160208901614176565b6001600160a01b031663ef55bec6611ee460208a018a614176565b308a604001358a8a878b8b8b6040518a63ffffffff1660e01b8152600401611f1499989796959493929190614705565b5f604051808303815f87803b158015611f2b575f5ffd5b505af1158015611f3d573d5f5f3e3d5ffd5b50505050611f4a60018055565b9695505050505050565b5f8281526005602090815260408083206001600160a01b038516845290915281205481908015611f8e57611f89600182614684565b611f90565b5f5b9250151590505b9250929050565b5f82815260208190526040902060010154611fb88161277f565b610b998383612bdd565b5f611fcc84612131565b9050611fdb6020850185614176565b6001600160a01b0316336001600160a01b031614158015612010575061200e5f516020614b785f395f51905f5233611e3a565b155b15612030576040516310ac496560e01b815233600482015260240161082c565b5f8181526004602052604090206001815460ff16600881111561205557612055613ec7565b1461207d578054604051632b3263b360e01b815261082c91849160ff909116906004016145d7565b80546120aa90839061010090046001600160401b03166120a360a0890160808a01614604565b8787612c46565b805460ff19166008178155604051339083907f37f7fee84bd656bac1447df96e3014d8a7e8352e960e827b202efad2f908ecd3905f90a361210b6120f46040870160208801614176565b6121016020880188614176565b876040013561289a565b805461212a9086908690869061010090046001600160401b03166136df565b5050505050565b5f6107b57fe2c5b023a8129a15b80d9ba7a30970bc98df43dd02c04f09abe3dcd006b3fed4836040516020016119a1929190614768565b612170612d89565b5f61217a82612131565b5f8181526004602052604081205491925060ff909116908160088111156121a3576121a3613ec7565b1480156121c757506121bb60e0840160c085016145eb565b6001600160401b031642105b156121e9578181604051632b3263b360e01b815260040161082c9291906145d7565b5f612207836121f785610b9f565b61141a6040880160208901614176565b9050805f0361222957604051630686827b60e51b815260040160405180910390fd5b8060075f61223d6040880160208901614176565b6001600160a01b03166001600160a01b031681526020019081526020015f205f82825461226a9190614755565b9091555061229690506122836040860160208701614176565b6122906020870187614176565b8361289a565b5050506115e560018055565b5f6122ab612d89565b6122b86020830183614176565b6001600160a01b0316336001600160a01b0316146122eb576040516303bb525960e21b815233600482015260240161082c565b6122f482612db3565b905061231b6123066020840184614176565b3060408501803590611a959060208801614176565b61232460018055565b919050565b5f6123338161277f565b600954612371907fe1dcbdb91df27212a29bc27177c840cf2f819ecf2187432e1fac86c2dd5dfca990600160381b90046001600160a01b0316612bdd565b50611ea182613770565b5f61238584612131565b5f81815260046020526040902080549192509060ff1660018160088111156123af576123af613ec7565b141580156123cf575060028160088111156123cc576123cc613ec7565b14155b156123f1578281604051632b3263b360e01b815260040161082c9291906145d7565b61240160e0870160c088016145eb565b6001600160401b03164210156124465761242160e0870160c088016145eb565b6040516301f4899760e41b81526001600160401b03909116600482015260240161082c565b815460ff191660071782556040805190870135815283907f1535ab411323bb41ad642ccf14068bbd78818ed38dd9b4421c927cc6eeb07e2d9060200160405180910390a26124b461249d6040880160208901614176565b6124aa6020890189614176565b886040013561289a565b60018160088111156124c8576124c8613ec7565b0361251e5781546124fa90849061010090046001600160401b03166124f360a08a0160808b01614604565b8888612c46565b81546125199087908790879061010090046001600160401b03166136df565b612563565b61252982868661284e565b81546125639084908890889088905f90600160481b90046001600160401b03161961255d6108ea60a0870160808801614604565b16612965565b505050505050565b612573612d89565b60418111156125b057604051637a72dbcd60e11b81526020600482015260086024820152676163636f756e747360c01b604482015260640161082c565b825f5b82811015612774575f8484838181106125ce576125ce614697565b90506020020160208101906125e39190614176565b6001600160a01b038088165f90815260066020908152604080832093851683529290529081205491925081900361261b57505061276c565b6001600160a01b038088165f81815260066020908152604080832094871683529381528382208290559181526007909152908120805483929061265f908490614684565b9091555061267990506001600160a01b038516838361383b565b156126d057816001600160a01b0316876001600160a01b03167fd1c19fbcd4551a5edfb66d43d2e337c04837afda3482b42bdf569a8fccdae5fb836040516126c391815260200190565b60405180910390a3612769565b6001600160a01b038088165f818152600660209081526040808320948716835293815283822085905591815260079091529081208054839290612714908490614755565b92505081905550816001600160a01b0316876001600160a01b03167fb9e0085ff31790fd5f2d2a166222ef76a7120e0531945f729365d9072f8422fd8360405161276091815260200190565b60405180910390a35b50505b6001016125b3565b5050610fa760018055565b6115e581336138a8565b5f8163ffffffff166040146127b1576127ac600163ffffffff841681901b614814565b6107b5565b6001600160401b0392915050565b5f6127ca8383611e3a565b612847575f838152602081815260408083206001600160a01b03861684529091529020805460ff191660011790556127ff3390565b6001600160a01b0316826001600160a01b0316847f2f8788117e7eff1d82e926ec794901d17c78024a50270940304540a733656f0d60405160405180910390a45060016107b5565b505f6107b5565b826001015482826040516020016128669291906146ab565b6040516020818303038152906040528051906020012014610fa757604051633a50471560e11b815260040160405180910390fd5b805f036128a657505050565b6001600160a01b038084165f908152600660209081526040808320938616835292905290812080548392906128dc908490614755565b92505081905550816001600160a01b0316836001600160a01b03167f4e45da441832cf53bdaa69235704fc0575e68210f459ee1562911024b12967d58360405161292891815260200190565b60405180910390a3505050565b5f5b6001600160401b0382161561232457612951600183614814565b9091169061295e81614833565b9050612937565b5f61296f82612935565b90505f61297b84612935565b90505f81156129ac578160026129958560a08c013561464e565b61299f9190614665565b6129a99190614665565b90505b6129e46129bf60408a0160208b01614176565b6129cc60208b018b614176565b6129d6858561464e565b610e258760a08e013561464e565b5f5b6129f660a08a0160808b01614604565b63ffffffff168163ffffffff161015610f6857600163ffffffff82161b8581166001600160401b031615612aa75788888363ffffffff16818110612a3c57612a3c614697565b9050602002016020810190612a519190614176565b6040805163ffffffff8516815260a08d013560208201526001600160a01b0392909216918d917f713b0b953e89f29ed36f640873149d31271d656c851fa936be20c967a67cda3c910160405180910390a3612bd4565b6001600160401b038782161615612b0b57612b06612acb60408c0160208d01614176565b8a8a8563ffffffff16818110612ae357612ae3614697565b9050602002016020810190612af89190614176565b610e2f8660a08f0135614755565b612bd4565b612b55612b1e60408c0160208d01614176565b8a8a8563ffffffff16818110612b3657612b36614697565b9050602002016020810190612b4b9190614176565b8c60a0013561289a565b88888363ffffffff16818110612b6d57612b6d614697565b9050602002016020810190612b829190614176565b6040805163ffffffff8516815260a08d013560208201526001600160a01b0392909216918d917f32c617228899efd8fa66154bfbbdc07573dc7016f3138ddc7f5663f43df0a7e4910160405180910390a35b506001016129e6565b5f612be88383611e3a565b15612847575f838152602081815260408083206001600160a01b0386168085529252808320805460ff1916905551339286917ff6391f5c32d9c69d2a47ea670b442974b53935d1edc7fd64eb21e047a839171b9190a45060016107b5565b63ffffffff83168114612c6c57604051633a50471560e11b815260040160405180910390fd5b5f5b8363ffffffff168163ffffffff16101561256357600163ffffffff82161b85166001600160401b03165f03612cf7575f838363ffffffff8416818110612cb657612cb6614697565b9050602002016020810190612ccb9190614176565b6001600160a01b031614612cf257604051633a50471560e11b815260040160405180910390fd5b612d81565b612d0863ffffffff82166001614755565b5f87815260056020526040812090858563ffffffff8616818110612d2e57612d2e614697565b9050602002016020810190612d439190614176565b6001600160a01b03166001600160a01b031681526020019081526020015f205414612d8157604051633a50471560e11b815260040160405180910390fd5b600101612c6e565b600260015403612dac57604051633ee5aeb560e01b815260040160405180910390fd5b6002600155565b5f600881612dc76040850160208601614176565b6001600160a01b0316815260208101919091526040015f205460ff16612e1c57612df76040830160208401614176565b60405163094403b760e41b81526001600160a01b03909116600482015260240161082c565b5f612e2a6020840184614176565b6001600160a01b031603612e695760405163f191a03160e01b8152602060048201526005602482015264313abcb2b960d91b604482015260640161082c565b81604001355f03612ea65760405163f191a03160e01b8152602060048201526006602482015265185b5bdd5b9d60d21b604482015260640161082c565b612eb660a0830160808401614604565b63ffffffff161580612ee85750600954600160301b900460ff16612ee060a0840160808501614604565b63ffffffff16115b15612f1e5760405163f191a03160e01b8152602060048201526005602482015264736c6f747360d81b604482015260640161082c565b42612f2f60e0840160c085016145eb565b6001600160401b031611612f4d5761086460e0830160c084016145eb565b612f5682612131565b5f818152600460205260408120919250815460ff166008811115612f7c57612f7c613ec7565b14612fa4578054604051632b3263b360e01b815261082c91849160ff909116906004016145d7565b60095481546001610100600160c81b0390911662010000830463ffffffff16600160c81b81026001600160f01b03169190911761ffff909316600160f01b810293909317919091178355604085018035906007905f906130079060208a01614176565b6001600160a01b03166001600160a01b031681526020019081526020015f205f8282546130349190614755565b9091555061304a90506040860160208701614176565b6001600160a01b03166130606020870187614176565b6001600160a01b0316857fa91087c420472c632d59363e777f1bf21663ee090baa2df358117e98e8e96b7e604089013560608a01356130a560a08c0160808d01614604565b60a08c01356130ba60e08e0160c08f016145eb565b60408051958652602086019490945263ffffffff9283168585015260608501919091526001600160401b0316608084015260e08c81013560a085015261ffff8a1660c08501529088169083015251908190036101000190a4505050919050565b5f826001600160a01b03163b5f03613159578360405161313990613daf565b8190604051809103905ff5905080158015613156573d5f5f3e3d5ffd5b50505b60405162b40d3160e11b81526001600160a01b0383811660048301528416906301681a62906024016020604051808303815f875af115801561319d573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906131c1919061484b565b90505b9392505050565b6040516001600160a01b03838116602483015260448201839052610fa791859182169063a9059cbb906064015b604051602081830303815290604052915060e01b6020820180516001600160e01b0383818316178352505050506138e1565b5f6107b561323661394d565b8360405161190160f01b8152600281019290925260228201526042902090565b5f836001600160a01b03163b5f036132b4575f5f6132748585613a76565b5090925090505f81600381111561328d5761328d613ec7565b1480156132ab5750856001600160a01b0316826001600160a01b0316145b925050506131c4565b6132bf848484613abf565b90506131c4565b60405163d505accf60e01b81526001600160a01b038781166004830152306024830152604482018790526064820186905260ff8516608483015260a4820184905260c4820183905288169063d505accf9060e4015f604051808303815f87803b158015613331575f5ffd5b505af1925050508015613342575060015b6133d657604051636eb1769f60e11b81526001600160a01b03878116600483015230602483015286919089169063dd62ed3e90604401602060405180830381865afa158015613393573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906133b7919061484b565b10156133d657604051638baa579f60e01b815260040160405180910390fd5b50505050505050565b6040516001600160a01b038481166024830152838116604483015260648201839052610b999186918216906323b872dd906084016131f8565b5f8381526004602052604090206001815460ff16600881111561343d5761343d613ec7565b14613465578054604051632b3263b360e01b815261082c91869160ff909116906004016145d7565b61347560e0860160c087016145eb565b6001600160401b031642106134945761086460e0860160c087016145eb565b6134a460a0860160808701614604565b63ffffffff168363ffffffff16106134d75760405163e89fb79160e01b815263ffffffff8416600482015260240161082c565b8054600163ffffffff85161b90610100900481166001600160401b03161561351a5760405163a1db156560e01b815263ffffffff8516600482015260240161082c565b5f8581526005602090815260408083206001600160a01b0387168452909152902054801561357e578361354e600183614684565b604051630be23bdb60e21b81526001600160a01b03909216600483015263ffffffff16602482015260440161082c565b82546001600160401b0380841661010080840492909216170268ffffffffffffffff00199091161783556135b963ffffffff86166001614755565b5f8781526005602090815260408083206001600160a01b038916845282528083209390935560a08a013592600792916135f6918c01908c01614176565b6001600160a01b03166001600160a01b031681526020019081526020015f205f8282546136239190614755565b90915550506040805163ffffffff8716815260a089013560208201526001600160a01b0386169188917f7cde719ae12ca5f93324d30d938642c79d4b02052c77129e7849e8648d986055910160405180910390a350505050505050565b60606136ad7f00000000000000000000000000000000000000000000000000000000000000006002613b95565b905090565b60606136ad7f00000000000000000000000000000000000000000000000000000000000000006003613b95565b5f5b6136f160a0860160808701614604565b63ffffffff168163ffffffff16101561212a57600163ffffffff82161b82166001600160401b031615613768576137686137316040870160208801614176565b85858463ffffffff1681811061374957613749614697565b905060200201602081019061375e9190614176565b8760a0013561289a565b6001016136e1565b6001600160a01b0381166137b257604051637a72dbcd60e11b8152602060048201526008602482015267747265617375727960c01b604482015260640161082c565b60098054670100000000000000600160d81b031916600160381b6001600160a01b038416021790556138047fe1dcbdb91df27212a29bc27177c840cf2f819ecf2187432e1fac86c2dd5dfca9826127bf565b506040516001600160a01b038216907f3c864541ef71378c6229510ed90f376565ee42d9c5e0904a984a9e863e6db44f905f90a250565b5f6131c184856001600160a01b031663a9059cbb86866040516024016138769291906001600160a01b03929092168252602082015260400190565b604051602081830303815290604052915060e01b6020820180516001600160e01b038381831617835250505050613c3e565b6138b28282611e3a565b611ea15760405163e2517d3f60e01b81526001600160a01b03821660048201526024810183905260440161082c565b5f5f60205f8451602086015f885af180613900576040513d5f823e3d81fd5b50505f513d91508115613917578060011415613924565b6001600160a01b0384163b155b15610b9957604051635274afe760e01b81526001600160a01b038516600482015260240161082c565b5f306001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000161480156139a557507f000000000000000000000000000000000000000000000000000000000000000046145b156139cf57507f000000000000000000000000000000000000000000000000000000000000000090565b6136ad604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201527f0000000000000000000000000000000000000000000000000000000000000000918101919091527f000000000000000000000000000000000000000000000000000000000000000060608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b5f5f5f8351604103613aad576020840151604085015160608601515f1a613a9f88828585613c83565b955095509550505050613ab8565b505081515f91506002905b9250925092565b5f5f5f856001600160a01b03168585604051602401613adf929190614862565b60408051601f198184030181529181526020820180516001600160e01b0316630b135d3f60e11b17905251613b14919061487a565b5f60405180830381855afa9150503d805f8114613b4c576040519150601f19603f3d011682016040523d82523d5f602084013e613b51565b606091505b5091509150818015613b6557506020815110155b8015611f4a57508051630b135d3f60e11b90613b8a908301602090810190840161484b565b149695505050505050565b606060ff8314613baf57613ba883613d4b565b90506107b5565b818054613bbb90614890565b80601f0160208091040260200160405190810160405280929190818152602001828054613be790614890565b8015613c325780601f10613c0957610100808354040283529160200191613c32565b820191905f5260205f20905b815481529060010190602001808311613c1557829003601f168201915b505050505090506107b5565b5f5f5f5f60205f8651602088015f8a5af192503d91505f519050828015611f4a57508115613c6f5780600114611f4a565b50505050506001600160a01b03163b151590565b5f80807f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0841115613cbc57505f91506003905082613d41565b604080515f808252602082018084528a905260ff891692820192909252606081018790526080810186905260019060a0016020604051602081039080840390855afa158015613d0d573d5f5f3e3d5ffd5b5050604051601f1901519150506001600160a01b038116613d3857505f925060019150829050613d41565b92505f91508190505b9450945094915050565b60605f613d5783613d88565b6040805160208082528183019092529192505f91906020820181803683375050509182525060208101929092525090565b5f60ff8216601f8111156107b557604051632cd44ac360e21b815260040160405180910390fd5b6102b5806148c383390190565b5f60208284031215613dcc575f5ffd5b81356001600160e01b0319811681146131c4575f5ffd5b5f6101008284031215613df4575f5ffd5b50919050565b80356001600160401b0381168114612324575f5ffd5b5f5f5f5f6101608587031215613e24575f5ffd5b613e2e8686613de3565b935061010085013592506101208501359150613e4d6101408601613dfa565b905092959194509250565b80356001600160a01b0381168114612324575f5ffd5b80151581146115e5575f5ffd5b5f5f60408385031215613e8c575f5ffd5b613e9583613e58565b91506020830135613ea581613e6e565b809150509250929050565b5f60208284031215613ec0575f5ffd5b5035919050565b634e487b7160e01b5f52602160045260245ffd5b60098110613ef757634e487b7160e01b5f52602160045260245ffd5b9052565b5f61010082019050613f0e828451613edb565b6001600160401b0360208401511660208301526001600160401b0360408401511660408301526001600160401b0360608401511660608301526080830151613f5f608084018264ffffffffff169052565b5060a0830151613f7560a084018261ffff169052565b5060c083015160c083015260e083015160e083015292915050565b5f5f60408385031215613fa1575f5ffd5b82359150613fb160208401613e58565b90509250929050565b5f5f83601f840112613fca575f5ffd5b5081356001600160401b03811115613fe0575f5ffd5b6020830191508360208260051b8501011115611f97575f5ffd5b5f5f5f610120848603121561400d575f5ffd5b6140178585613de3565b92506101008401356001600160401b03811115614032575f5ffd5b61403e86828701613fba565b9497909650939450505050565b803563ffffffff81168114612324575f5ffd5b803560ff81168114612324575f5ffd5b5f5f5f60608486031215614080575f5ffd5b833561ffff81168114614091575f5ffd5b925061409f6020850161404b565b91506140ad6040850161405e565b90509250925092565b5f5f5f5f61014085870312156140ca575f5ffd5b6140d48686613de3565b93506101008501356001600160401b038111156140ef575f5ffd5b6140fb87828801613fba565b959890975094956101200135949350505050565b5f5f5f5f5f5f5f6101c0888a031215614126575f5ffd5b6141308989613de3565b9650610100880135955061012088013594506101408801359350614157610160890161405e565b9699959850939692959461018084013594506101a09093013592915050565b5f60208284031215614186575f5ffd5b6131c482613e58565b5f5f5f5f5f5f5f6101a0888a0312156141a6575f5ffd5b6141b08989613de3565b96506101008801356001600160401b038111156141cb575f5ffd5b6141d78a828b01613fba565b90975095506141eb90506101208901613dfa565b93506141fa6101408901613dfa565b9699959850939692959461016084013594506101809093013592915050565b5f5f5f5f6080858703121561422c575f5ffd5b8435935061423c6020860161404b565b925061424a60408601613e58565b9396929550929360600135925050565b5f5f83601f84011261426a575f5ffd5b5081356001600160401b03811115614280575f5ffd5b602083019150836020828501011115611f97575f5ffd5b5f5f5f5f5f5f5f6101a0888a0312156142ae575f5ffd5b6142b88989613de3565b965061010088013595506142cf610120890161405e565b9450610140880135935061016088013592506101808801356001600160401b038111156142fa575f5ffd5b6143068a828b0161425a565b989b979a50959850939692959293505050565b5f5f610120838503121561432b575f5ffd5b6143358484613de3565b9150613fb16101008401613dfa565b5f5f5f5f5f5f5f5f5f6101e08a8c03121561435d575f5ffd5b6143678b8b613de3565b98506143766101008b0161404b565b97506143856101208b01613e58565b96506101408a0135955061439c6101608b0161405e565b94506101808a013593506101a08a013592506101c08a01356001600160401b038111156143c7575f5ffd5b6143d38c828d0161425a565b915080935050809150509295985092959850929598565b5f81518084528060208401602086015e5f602082860101526020601f19601f83011685010191505092915050565b60ff60f81b8816815260e060208201525f61443660e08301896143ea565b828103604084015261444881896143ea565b606084018890526001600160a01b038716608085015260a0840186905283810360c0850152845180825260208087019350909101905f5b8181101561449d57835183526020938401939092019160010161447f565b50909b9a5050505050505050505050565b5f5f61012083850312156144c0575f5ffd5b6144ca8484613de3565b94610100939093013593505050565b5f5f61012083850312156144eb575f5ffd5b6144f58484613de3565b9150613fb1610100840161404b565b5f5f5f5f5f5f6101a0878903121561451a575f5ffd5b6145248888613de3565b955061010087013594506101208701359350614543610140880161405e565b9598949750929561016081013594610180909101359350915050565b5f5f60408385031215614570575f5ffd5b61457983613e58565b9150613fb160208401613e58565b5f6101008284031215614598575f5ffd5b6131c48383613de3565b5f5f5f604084860312156145b4575f5ffd5b6145bd84613e58565b925060208401356001600160401b03811115614032575f5ffd5b828152604081016131c46020830184613edb565b5f602082840312156145fb575f5ffd5b6131c482613dfa565b5f60208284031215614614575f5ffd5b6131c48261404b565b634e487b7160e01b5f52601160045260245ffd5b64ffffffffff81811683821601908111156107b5576107b561461d565b80820281158282048414176107b5576107b561461d565b5f8261467f57634e487b7160e01b5f52601260045260245ffd5b500490565b818103818111156107b5576107b561461d565b634e487b7160e01b5f52603260045260245ffd5b5f8184825b858110156146df576001600160a01b036146c983613e58565b16835260209283019291909101906001016146b0565b509095945050505050565b5f602082840312156146fa575f5ffd5b81516131c481613e6e565b6001600160a01b03998a16815297909816602088015260408701959095526060860193909352608085019190915260a084015260ff1660c083015260e08201526101008101919091526101200190565b808201808211156107b5576107b561461d565b82815261012081016001600160a01b0361478184613e58565b16602083015260018060a01b0361479a60208501613e58565b1660408301525f60408401359050806060840152505f606084013590508060808401525063ffffffff6147cf6080850161404b565b1660a08301525f60a084013590508060c0840152506147f060c08401613dfa565b6001600160401b03811660e08401525060e092909201356101009190910152919050565b6001600160401b0382811682821603908111156107b5576107b561461d565b5f600182016148445761484461461d565b5060010190565b5f6020828403121561485b575f5ffd5b5051919050565b828152604060208201525f6131c160408301846143ea565b5f82518060208501845e5f920191825250919050565b600181811c908216806148a457607f821691505b602082108103613df457634e487b7160e01b5f52602260045260245ffdfe60a0604052348015600e575f5ffd5b50336080526080516102846100315f395f8181605e015261014d01526102845ff3fe608060405234801561000f575f5ffd5b5060043610610029575f3560e01c806301681a621461002d575b5f5ffd5b61004061003b366004610240565b610052565b60405190815260200160405180910390f35b5f336001600160a01b037f000000000000000000000000000000000000000000000000000000000000000016146100d05760405162461bcd60e51b815260206004820152601a60248201527f4465706f736974426f783a206e6f742074686520657363726f7700000000000060448201526064015b60405180910390fd5b6040516370a0823160e01b81523060048201526001600160a01b038316906370a0823190602401602060405180830381865afa158015610112573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190610136919061026d565b90508015610172576101726001600160a01b0383167f000000000000000000000000000000000000000000000000000000000000000083610177565b919050565b604080516001600160a01b038416602482015260448082018490528251808303909101815260649091019091526020810180516001600160e01b031663a9059cbb60e01b1790526101c99084906101ce565b505050565b5f5f60205f8451602086015f885af1806101ed576040513d5f823e3d81fd5b50505f513d91508115610204578060011415610211565b6001600160a01b0384163b155b1561023a57604051635274afe760e01b81526001600160a01b03851660048201526024016100c7565b50505050565b5f60208284031215610250575f5ffd5b81356001600160a01b0381168114610266575f5ffd5b9392505050565b5f6020828403121561027d575f5ffd5b50519190505697667070c54ef182b0f5858b034beac1b6f3089aa2d3188bb1e8929f4fa9b929",
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

// PackDepositAddress is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x31eecaf4.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function depositAddress(bytes32 id) view returns(address)
func (aXLEscrow *AXLEscrow) PackDepositAddress(id [32]byte) []byte {
	enc, err := aXLEscrow.abi.Pack("depositAddress", id)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDepositAddress is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x31eecaf4.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function depositAddress(bytes32 id) view returns(address)
func (aXLEscrow *AXLEscrow) TryPackDepositAddress(id [32]byte) ([]byte, error) {
	return aXLEscrow.abi.Pack("depositAddress", id)
}

// UnpackDepositAddress is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x31eecaf4.
//
// Solidity: function depositAddress(bytes32 id) view returns(address)
func (aXLEscrow *AXLEscrow) UnpackDepositAddress(data []byte) (common.Address, error) {
	out, err := aXLEscrow.abi.Unpack("depositAddress", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
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

// PackFundWithDeposit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x470595d9.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function fundWithDeposit((address,address,uint256,bytes32,uint32,uint256,uint64,uint256) t, uint256 validAfter, uint256 validBefore, bytes32 nonce, uint8 v, bytes32 r, bytes32 s) returns(bytes32 id)
func (aXLEscrow *AXLEscrow) PackFundWithDeposit(t AXLEscrowTerms, validAfter *big.Int, validBefore *big.Int, nonce [32]byte, v uint8, r [32]byte, s [32]byte) []byte {
	enc, err := aXLEscrow.abi.Pack("fundWithDeposit", t, validAfter, validBefore, nonce, v, r, s)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackFundWithDeposit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x470595d9.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function fundWithDeposit((address,address,uint256,bytes32,uint32,uint256,uint64,uint256) t, uint256 validAfter, uint256 validBefore, bytes32 nonce, uint8 v, bytes32 r, bytes32 s) returns(bytes32 id)
func (aXLEscrow *AXLEscrow) TryPackFundWithDeposit(t AXLEscrowTerms, validAfter *big.Int, validBefore *big.Int, nonce [32]byte, v uint8, r [32]byte, s [32]byte) ([]byte, error) {
	return aXLEscrow.abi.Pack("fundWithDeposit", t, validAfter, validBefore, nonce, v, r, s)
}

// UnpackFundWithDeposit is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x470595d9.
//
// Solidity: function fundWithDeposit((address,address,uint256,bytes32,uint32,uint256,uint64,uint256) t, uint256 validAfter, uint256 validBefore, bytes32 nonce, uint8 v, bytes32 r, bytes32 s) returns(bytes32 id)
func (aXLEscrow *AXLEscrow) UnpackFundWithDeposit(data []byte) ([32]byte, error) {
	out, err := aXLEscrow.abi.Unpack("fundWithDeposit", data)
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

// PackSweepDeposit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe19d2cb3.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function sweepDeposit((address,address,uint256,bytes32,uint32,uint256,uint64,uint256) t) returns()
func (aXLEscrow *AXLEscrow) PackSweepDeposit(t AXLEscrowTerms) []byte {
	enc, err := aXLEscrow.abi.Pack("sweepDeposit", t)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSweepDeposit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe19d2cb3.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function sweepDeposit((address,address,uint256,bytes32,uint32,uint256,uint64,uint256) t) returns()
func (aXLEscrow *AXLEscrow) TryPackSweepDeposit(t AXLEscrowTerms) ([]byte, error) {
	return aXLEscrow.abi.Pack("sweepDeposit", t)
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
	if bytes.Equal(raw[:4], aXLEscrow.abi.Errors["DepositShort"].ID.Bytes()[:4]) {
		return aXLEscrow.UnpackDepositShortError(raw[4:])
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

// AXLEscrowDepositShort represents a DepositShort error raised by the AXLEscrow contract.
type AXLEscrowDepositShort struct {
	Got    *big.Int
	Amount *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error DepositShort(uint256 got, uint256 amount)
func AXLEscrowDepositShortErrorID() common.Hash {
	return common.HexToHash("0x6959be1c9a06bd6932a65b22cf1e0dd5f14b54ddb0fe1efb9195b20852b3c78a")
}

// UnpackDepositShortError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error DepositShort(uint256 got, uint256 amount)
func (aXLEscrow *AXLEscrow) UnpackDepositShortError(raw []byte) (*AXLEscrowDepositShort, error) {
	out := new(AXLEscrowDepositShort)
	if err := aXLEscrow.abi.UnpackIntoInterface(out, "DepositShort", raw); err != nil {
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
