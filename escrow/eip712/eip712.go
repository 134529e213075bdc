// Package eip712 is the typed data of the marketplace's signatures, the one
// EIP-712 encoder of the module: the escrow's Intent and Stake, EIP-2612
// Permit and EIP-3009 authorisations, each a Go struct whose TypedData is
// hashed by go-ethereum's apitypes (no hashing is hand-rolled), the
// canonical spec hash, the deployment's domains that turn the market's
// quotes and claims into the documents to sign, and the recovery of the
// signer of a digest or of a personal_sign (EIP-191) message.
package eip712

import (
	"fmt"
	"math/big"
	"strconv"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/math"
	"github.com/ethereum/go-ethereum/signer/core/apitypes"
)

// The EIP-712 domain names of the contracts; every domain has version "1".
const (
	EscrowDomainName = "AXLEscrow"
	USDCDomainName   = "TestUSDC"
	AIDomainName     = "TestAI"
	DomainVersion    = "1"
)

// Domain is an EIP-712 domain: a named, versioned contract on a chain.
type Domain struct {
	Name              string
	Version           string
	ChainID           *big.Int
	VerifyingContract common.Address
}

// EscrowDomain is the domain of the escrow at addr.
func EscrowDomain(chainID *big.Int, addr common.Address) Domain {
	return Domain{Name: EscrowDomainName, Version: DomainVersion, ChainID: chainID, VerifyingContract: addr}
}

// USDCDomain is the domain of the test USDC at addr.
func USDCDomain(chainID *big.Int, addr common.Address) Domain {
	return Domain{Name: USDCDomainName, Version: DomainVersion, ChainID: chainID, VerifyingContract: addr}
}

// AIDomain is the domain of the test AI token at addr.
func AIDomain(chainID *big.Int, addr common.Address) Domain {
	return Domain{Name: AIDomainName, Version: DomainVersion, ChainID: chainID, VerifyingContract: addr}
}

func (d Domain) typed() apitypes.TypedDataDomain {
	id := new(big.Int)
	if d.ChainID != nil {
		id.Set(d.ChainID)
	}
	return apitypes.TypedDataDomain{Name: d.Name, Version: d.Version, ChainId: (*math.HexOrDecimal256)(id),
		VerifyingContract: d.VerifyingContract.Hex()}
}

// Separator is the domain separator, hashStruct(EIP712Domain).
func (d Domain) Separator() (common.Hash, error) {
	td := apitypes.TypedData{Types: apitypes.Types{"EIP712Domain": domainType}, Domain: d.typed()}
	h, err := td.HashStruct("EIP712Domain", td.Domain.Map())
	if err != nil {
		return common.Hash{}, fmt.Errorf("hash domain %s: %w", d.Name, err)
	}
	return common.BytesToHash(h), nil
}

// Message is a struct the contracts check signatures of.
type Message interface {
	// TypedData is the document that signs the message under d.
	TypedData(d Domain) apitypes.TypedData
}

// Digest is what a signature of m under d signs:
// keccak256("\x19\x01" ‖ domainSeparator ‖ hashStruct(m)).
func Digest(d Domain, m Message) (common.Hash, error) {
	return Hash(m.TypedData(d))
}

// Hash is the digest of a typed-data document.
func Hash(td apitypes.TypedData) (common.Hash, error) {
	h, _, err := apitypes.TypedDataAndHash(td)
	if err != nil {
		return common.Hash{}, fmt.Errorf("hash %s: %w", td.PrimaryType, err)
	}
	return common.BytesToHash(h), nil
}

var domainType = []apitypes.Type{
	{Name: "name", Type: "string"}, {Name: "version", Type: "string"},
	{Name: "chainId", Type: "uint256"}, {Name: "verifyingContract", Type: "address"},
}

func document(d Domain, primary string, fields []apitypes.Type, msg apitypes.TypedDataMessage) apitypes.TypedData {
	return apitypes.TypedData{
		Types:       apitypes.Types{"EIP712Domain": domainType, primary: fields},
		PrimaryType: primary,
		Domain:      d.typed(),
		Message:     msg,
	}
}

// dec renders an integer as every EIP-712 library accepts it; nil is zero.
func dec(x *big.Int) string {
	if x == nil {
		return "0"
	}
	return x.String()
}

func udec(x uint64) string { return strconv.FormatUint(x, 10) }

// IntentType is the escrow's Intent struct, field for field its Terms.
var IntentType = []apitypes.Type{
	{Name: "buyer", Type: "address"}, {Name: "token", Type: "address"}, {Name: "amount", Type: "uint256"},
	{Name: "specHash", Type: "bytes32"}, {Name: "slots", Type: "uint32"}, {Name: "stakePerSlot", Type: "uint256"},
	{Name: "deadline", Type: "uint64"}, {Name: "nonce", Type: "uint256"},
}

// Intent is the escrow's Intent: its digest under the escrow's domain is
// the intent id.
type Intent struct {
	Buyer, Token common.Address
	Amount       *big.Int
	SpecHash     common.Hash
	Slots        uint32
	StakePerSlot *big.Int
	Deadline     uint64
	Nonce        *big.Int
}

// TypedData implements Message.
func (m Intent) TypedData(d Domain) apitypes.TypedData {
	return document(d, "Intent", IntentType, apitypes.TypedDataMessage{
		"buyer": m.Buyer.Hex(), "token": m.Token.Hex(), "amount": dec(m.Amount),
		"specHash": m.SpecHash.Hex(), "slots": udec(uint64(m.Slots)),
		"stakePerSlot": dec(m.StakePerSlot), "deadline": udec(m.Deadline), "nonce": dec(m.Nonce),
	})
}

// StakeType is the escrow's Stake struct.
var StakeType = []apitypes.Type{
	{Name: "intentId", Type: "bytes32"}, {Name: "slot", Type: "uint32"},
	{Name: "worker", Type: "address"}, {Name: "deadline", Type: "uint256"},
}

// Stake binds a worker's permit to one slot of one intent, so that the
// operator cannot spend the permit on another job.
type Stake struct {
	IntentID common.Hash
	Slot     uint32
	Worker   common.Address
	Deadline *big.Int
}

// TypedData implements Message.
func (m Stake) TypedData(d Domain) apitypes.TypedData {
	return document(d, "Stake", StakeType, apitypes.TypedDataMessage{
		"intentId": m.IntentID.Hex(), "slot": udec(uint64(m.Slot)), "worker": m.Worker.Hex(), "deadline": dec(m.Deadline),
	})
}

// PermitType is EIP-2612's struct.
var PermitType = []apitypes.Type{
	{Name: "owner", Type: "address"}, {Name: "spender", Type: "address"}, {Name: "value", Type: "uint256"},
	{Name: "nonce", Type: "uint256"}, {Name: "deadline", Type: "uint256"},
}

// Permit is an EIP-2612 permit for spender to pull value of a token from owner.
type Permit struct {
	Owner, Spender         common.Address
	Value, Nonce, Deadline *big.Int
}

// TypedData implements Message.
func (m Permit) TypedData(d Domain) apitypes.TypedData {
	return document(d, "Permit", PermitType, apitypes.TypedDataMessage{
		"owner": m.Owner.Hex(), "spender": m.Spender.Hex(), "value": dec(m.Value),
		"nonce": dec(m.Nonce), "deadline": dec(m.Deadline),
	})
}

// The primary types of EIP-3009's two authorisations, which share a struct.
const (
	ReceiveWithAuthorization  = "ReceiveWithAuthorization"
	TransferWithAuthorization = "TransferWithAuthorization"
)

// AuthorizationType is the struct of EIP-3009's authorisations.
var AuthorizationType = []apitypes.Type{
	{Name: "from", Type: "address"}, {Name: "to", Type: "address"}, {Name: "value", Type: "uint256"},
	{Name: "validAfter", Type: "uint256"}, {Name: "validBefore", Type: "uint256"}, {Name: "nonce", Type: "bytes32"},
}

// Authorization is an EIP-3009 transfer authorisation; Kind is
// ReceiveWithAuthorization (only the payee may submit it: what funds an
// intent) or TransferWithAuthorization.
type Authorization struct {
	Kind                           string
	From, To                       common.Address
	Value, ValidAfter, ValidBefore *big.Int
	Nonce                          common.Hash
}

// TypedData implements Message.
func (m Authorization) TypedData(d Domain) apitypes.TypedData {
	return document(d, m.Kind, AuthorizationType, apitypes.TypedDataMessage{
		"from": m.From.Hex(), "to": m.To.Hex(), "value": dec(m.Value),
		"validAfter": dec(m.ValidAfter), "validBefore": dec(m.ValidBefore), "nonce": m.Nonce.Hex(),
	})
}

// CancelAuthorizationType is EIP-3009's cancellation struct.
var CancelAuthorizationType = []apitypes.Type{{Name: "authorizer", Type: "address"}, {Name: "nonce", Type: "bytes32"}}

// CancelAuthorization withdraws an unused EIP-3009 authorisation.
type CancelAuthorization struct {
	Authorizer common.Address
	Nonce      common.Hash
}

// TypedData implements Message.
func (m CancelAuthorization) TypedData(d Domain) apitypes.TypedData {
	return document(d, "CancelAuthorization", CancelAuthorizationType, apitypes.TypedDataMessage{
		"authorizer": m.Authorizer.Hex(), "nonce": m.Nonce.Hex(),
	})
}
