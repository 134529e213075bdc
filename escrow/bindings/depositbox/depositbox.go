// Code generated via abigen V2 - DO NOT EDIT.
// This file is a generated binding and any manual changes will be lost.

package depositbox

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

// DepositBoxMetaData contains all meta data concerning the DepositBox contract.
var DepositBoxMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"}],\"name\":\"SafeERC20FailedOperation\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"contractIERC20\",\"name\":\"token\",\"type\":\"address\"}],\"name\":\"sweep\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"}]",
	ID:  "DepositBox",
	Bin: "0x60a0604052348015600e575f5ffd5b50336080526080516102846100315f395f8181605e015261014d01526102845ff3fe608060405234801561000f575f5ffd5b5060043610610029575f3560e01c806301681a621461002d575b5f5ffd5b61004061003b366004610240565b610052565b60405190815260200160405180910390f35b5f336001600160a01b037f000000000000000000000000000000000000000000000000000000000000000016146100d05760405162461bcd60e51b815260206004820152601a60248201527f4465706f736974426f783a206e6f742074686520657363726f7700000000000060448201526064015b60405180910390fd5b6040516370a0823160e01b81523060048201526001600160a01b038316906370a0823190602401602060405180830381865afa158015610112573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190610136919061026d565b90508015610172576101726001600160a01b0383167f000000000000000000000000000000000000000000000000000000000000000083610177565b919050565b604080516001600160a01b038416602482015260448082018490528251808303909101815260649091019091526020810180516001600160e01b031663a9059cbb60e01b1790526101c99084906101ce565b505050565b5f5f60205f8451602086015f885af1806101ed576040513d5f823e3d81fd5b50505f513d91508115610204578060011415610211565b6001600160a01b0384163b155b1561023a57604051635274afe760e01b81526001600160a01b03851660048201526024016100c7565b50505050565b5f60208284031215610250575f5ffd5b81356001600160a01b0381168114610266575f5ffd5b9392505050565b5f6020828403121561027d575f5ffd5b505191905056",
}

// DepositBox is an auto generated Go binding around an Ethereum contract.
type DepositBox struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *DepositBox) GetABI() abi.ABI {
	return c.abi
}

// NewDepositBox creates a new instance of DepositBox.
func NewDepositBox() *DepositBox {
	parsed, err := DepositBoxMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &DepositBox{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *DepositBox) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackSweep is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x01681a62.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function sweep(address token) returns(uint256 amount)
func (depositBox *DepositBox) PackSweep(token common.Address) []byte {
	enc, err := depositBox.abi.Pack("sweep", token)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSweep is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x01681a62.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function sweep(address token) returns(uint256 amount)
func (depositBox *DepositBox) TryPackSweep(token common.Address) ([]byte, error) {
	return depositBox.abi.Pack("sweep", token)
}

// UnpackSweep is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x01681a62.
//
// Solidity: function sweep(address token) returns(uint256 amount)
func (depositBox *DepositBox) UnpackSweep(data []byte) (*big.Int, error) {
	out, err := depositBox.abi.Unpack("sweep", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// UnpackError attempts to decode the provided error data using user-defined
// error definitions.
func (depositBox *DepositBox) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], depositBox.abi.Errors["SafeERC20FailedOperation"].ID.Bytes()[:4]) {
		return depositBox.UnpackSafeERC20FailedOperationError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// DepositBoxSafeERC20FailedOperation represents a SafeERC20FailedOperation error raised by the DepositBox contract.
type DepositBoxSafeERC20FailedOperation struct {
	Token common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error SafeERC20FailedOperation(address token)
func DepositBoxSafeERC20FailedOperationErrorID() common.Hash {
	return common.HexToHash("0x5274afe73c98b4749fc91ffae6b7b574e7842cb2144a159e9377a5f20b32edf9")
}

// UnpackSafeERC20FailedOperationError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error SafeERC20FailedOperation(address token)
func (depositBox *DepositBox) UnpackSafeERC20FailedOperationError(raw []byte) (*DepositBoxSafeERC20FailedOperation, error) {
	out := new(DepositBoxSafeERC20FailedOperation)
	if err := depositBox.abi.UnpackIntoInterface(out, "SafeERC20FailedOperation", raw); err != nil {
		return nil, err
	}
	return out, nil
}
