// Package eip712 is the Ethereum side of the marketplace's signatures: the
// typed data of intents and of their funding authorisations (EIP-712,
// EIP-3009, EIP-2612), the canonical spec hash, and the recovery of the
// signer of a typed-data or personal_sign (EIP-191) signature. It uses
// go-ethereum's apitypes and crypto, so that no hashing is hand-rolled.
package eip712

import (
	"fmt"
	"math/big"
	"strconv"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/math"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/signer/core/apitypes"

	"github.com/axl-market/axl/market"
)

// TokenDomain is the EIP-712 domain of a token contract.
type TokenDomain struct {
	Name    string // "TestUSDC", "TestAI"
	Version string // "1"
	Address market.Address
}

// Domains are the EIP-712 domains of a deployment.
type Domains struct {
	ChainID *big.Int
	Escrow  market.Address
	Tokens  map[market.Token]TokenDomain
}

// DevDomains returns the domains of the dev-chain contracts at addrs.
func DevDomains(chainID *big.Int, addrs market.ChainAddresses) Domains {
	return Domains{ChainID: chainID, Escrow: addrs.Escrow, Tokens: map[market.Token]TokenDomain{
		market.TokenUSDC: {Name: "TestUSDC", Version: "1", Address: addrs.USDC},
		market.TokenAI:   {Name: "TestAI", Version: "1", Address: addrs.AI},
	}}
}

var domainType = []apitypes.Type{
	{Name: "name", Type: "string"}, {Name: "version", Type: "string"},
	{Name: "chainId", Type: "uint256"}, {Name: "verifyingContract", Type: "address"},
}

// IntentType is the escrow's Intent struct.
var IntentType = []apitypes.Type{
	{Name: "buyer", Type: "address"}, {Name: "token", Type: "address"}, {Name: "amount", Type: "uint256"},
	{Name: "specHash", Type: "bytes32"}, {Name: "slots", Type: "uint32"}, {Name: "stakePerSlot", Type: "uint256"},
	{Name: "deadline", Type: "uint64"}, {Name: "nonce", Type: "uint256"},
}

// ReceiveWithAuthorizationType is EIP-3009's struct.
var ReceiveWithAuthorizationType = []apitypes.Type{
	{Name: "from", Type: "address"}, {Name: "to", Type: "address"}, {Name: "value", Type: "uint256"},
	{Name: "validAfter", Type: "uint256"}, {Name: "validBefore", Type: "uint256"}, {Name: "nonce", Type: "bytes32"},
}

// PermitType is EIP-2612's struct.
var PermitType = []apitypes.Type{
	{Name: "owner", Type: "address"}, {Name: "spender", Type: "address"}, {Name: "value", Type: "uint256"},
	{Name: "nonce", Type: "uint256"}, {Name: "deadline", Type: "uint256"},
}

func hexAddr(a market.Address) string { return common.Address(a).Hex() }

func domain(name string, chainID *big.Int, contract market.Address) apitypes.TypedDataDomain {
	return apitypes.TypedDataDomain{Name: name, Version: "1", ChainId: (*math.HexOrDecimal256)(new(big.Int).Set(chainID)),
		VerifyingContract: hexAddr(contract)}
}

func (d Domains) token(t market.Token) (TokenDomain, error) {
	td, ok := d.Tokens[t]
	if !ok {
		return td, market.Errorf(market.KindInvalid, "token %q is not configured", t)
	}
	return td, nil
}

// IntentTypedData is the Intent a buyer signs for quote q. Numbers are
// decimal strings, as every EIP-712 library accepts them.
func (d Domains) IntentTypedData(q market.Quote) (apitypes.TypedData, error) {
	td, err := d.token(q.Token)
	if err != nil {
		return apitypes.TypedData{}, err
	}
	return apitypes.TypedData{
		Types:       apitypes.Types{"EIP712Domain": domainType, "Intent": IntentType},
		PrimaryType: "Intent",
		Domain:      domain("AXLEscrow", d.ChainID, d.Escrow),
		Message: apitypes.TypedDataMessage{
			"buyer": hexAddr(q.Buyer), "token": hexAddr(td.Address), "amount": q.Price.String(),
			"specHash": q.SpecHash.String(), "slots": strconv.FormatUint(uint64(q.Spec.Slots()), 10),
			"stakePerSlot": q.StakePerSlot.String(), "deadline": strconv.FormatInt(q.Deadline.Unix(), 10),
			"nonce": q.Nonce.String(),
		},
	}, nil
}

// IntentID is the EIP-712 digest of the intent of quote q.
func (d Domains) IntentID(q market.Quote) (market.Hash, error) {
	td, err := d.IntentTypedData(q)
	if err != nil {
		return market.Hash{}, err
	}
	h, _, err := apitypes.TypedDataAndHash(td)
	if err != nil {
		return market.Hash{}, fmt.Errorf("hash intent: %w", err)
	}
	return market.Hash(h), nil
}

// FundingTypedData is the token authorisation that funds quote q's intent:
// EIP-3009 ReceiveWithAuthorization for USDC (nonce = intent id) or EIP-2612
// Permit for $AI (nonce = the buyer's permit nonce). q.IntentID must be set.
func (d Domains) FundingTypedData(q market.Quote) (apitypes.TypedData, error) {
	td, err := d.token(q.Token)
	if err != nil {
		return apitypes.TypedData{}, err
	}
	dom := domain(td.Name, d.ChainID, td.Address)
	dom.Version = td.Version
	expiry := strconv.FormatInt(q.ExpiresAt.Unix(), 10)
	switch q.Token {
	case market.TokenUSDC:
		return apitypes.TypedData{
			Types:       apitypes.Types{"EIP712Domain": domainType, "ReceiveWithAuthorization": ReceiveWithAuthorizationType},
			PrimaryType: "ReceiveWithAuthorization",
			Domain:      dom,
			Message: apitypes.TypedDataMessage{
				"from": hexAddr(q.Buyer), "to": hexAddr(d.Escrow), "value": q.Price.String(),
				"validAfter": "0", "validBefore": expiry, "nonce": q.IntentID.String(),
			},
		}, nil
	case market.TokenAI:
		if q.PermitNonce == nil {
			return apitypes.TypedData{}, market.Errorf(market.KindInternal, "quote has no permit nonce")
		}
		return apitypes.TypedData{
			Types:       apitypes.Types{"EIP712Domain": domainType, "Permit": PermitType},
			PrimaryType: "Permit",
			Domain:      dom,
			Message: apitypes.TypedDataMessage{
				"owner": hexAddr(q.Buyer), "spender": hexAddr(d.Escrow), "value": q.Price.String(),
				"nonce": q.PermitNonce.String(), "deadline": expiry,
			},
		}, nil
	}
	return apitypes.TypedData{}, market.Errorf(market.KindInvalid, "token %q is not payable", q.Token)
}

// RecoverTyped returns the address that signed typed data td with the
// 65-byte signature sig (v = 27/28 or 0/1).
func RecoverTyped(td apitypes.TypedData, sig []byte) (market.Address, error) {
	digest, _, err := apitypes.TypedDataAndHash(td)
	if err != nil {
		return market.Address{}, fmt.Errorf("hash typed data: %w", err)
	}
	return recoverDigest(digest, sig)
}

// RecoverDigest returns the address that signed an EIP-712 digest.
func RecoverDigest(digest market.Hash, sig []byte) (market.Address, error) {
	return recoverDigest(digest[:], sig)
}

// RecoverPersonal returns the address that signed msg with EIP-191
// personal_sign.
func RecoverPersonal(msg, sig []byte) (market.Address, error) {
	return recoverDigest(accounts.TextHash(msg), sig)
}

// secp256k1HalfN bounds s: a high-s signature is the malleated twin of a
// valid one, and is refused as Ethereum does.
var secp256k1HalfN = new(big.Int).Rsh(crypto.S256().Params().N, 1)

func recoverDigest(digest, sig []byte) (market.Address, error) {
	if len(sig) != 65 {
		return market.Address{}, market.Errorf(market.KindBadSignature, "a signature is 65 bytes, got %d", len(sig))
	}
	s := make([]byte, 65)
	copy(s, sig)
	if s[64] >= 27 {
		s[64] -= 27
	}
	r, ss := new(big.Int).SetBytes(s[:32]), new(big.Int).SetBytes(s[32:64])
	if s[64] > 1 || !crypto.ValidateSignatureValues(s[64], r, ss, true) || ss.Cmp(secp256k1HalfN) > 0 {
		return market.Address{}, market.Errorf(market.KindBadSignature, "the signature values are invalid")
	}
	pub, err := crypto.SigToPub(digest, s)
	if err != nil {
		return market.Address{}, market.Errorf(market.KindBadSignature, "the signature does not recover a key")
	}
	return market.Address(crypto.PubkeyToAddress(*pub)), nil
}
