package escrow

import (
	"crypto/ecdsa"
	"encoding/binary"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/axl-market/axl/escrow/bindings/axlescrow"
)

// Terms are the fixed terms of an intent, field for field the EIP-712
// Intent struct that the escrow contract hashes into the intent id.
type Terms = axlescrow.AXLEscrowTerms

// The EIP-712 type strings the contracts check. They are part of the
// protocol: clients sign exactly these.
const (
	IntentType                    = "Intent(address buyer,address token,uint256 amount,bytes32 specHash,uint32 slots,uint256 stakePerSlot,uint64 deadline,uint256 nonce)"
	StakeType                     = "Stake(bytes32 intentId,uint32 slot,address worker,uint256 deadline)"
	PermitType                    = "Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"
	ReceiveWithAuthorizationType  = "ReceiveWithAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)"
	TransferWithAuthorizationType = "TransferWithAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)"
	CancelAuthorizationType       = "CancelAuthorization(address authorizer,bytes32 nonce)"
	domainType                    = "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
)

// The EIP-712 domain names of the contracts; every domain has version "1".
const (
	EscrowDomainName = "AXLEscrow"
	USDCDomainName   = "TestUSDC"
	AIDomainName     = "TestAI"
	DomainVersion    = "1"
)

// Domain is an EIP-712 domain with a name, a version, a chain and a contract.
type Domain struct {
	Name              string
	Version           string
	ChainID           *big.Int
	VerifyingContract common.Address
}

// Separator is the EIP-712 domain separator.
func (d Domain) Separator() common.Hash {
	return crypto.Keccak256Hash(
		crypto.Keccak256([]byte(domainType)),
		crypto.Keccak256([]byte(d.Name)),
		crypto.Keccak256([]byte(d.Version)),
		word(d.ChainID),
		common.LeftPadBytes(d.VerifyingContract.Bytes(), 32),
	)
}

// Digest is keccak256("\x19\x01" ‖ separator ‖ structHash), the hash that is signed.
func (d Domain) Digest(structHash common.Hash) common.Hash {
	sep := d.Separator()
	return crypto.Keccak256Hash([]byte{0x19, 0x01}, sep[:], structHash[:])
}

// IntentID is the id of an intent: the EIP-712 digest of its terms under
// the escrow's domain. The contract computes the same value.
func IntentID(escrowDomain Domain, t Terms) common.Hash {
	return escrowDomain.Digest(crypto.Keccak256Hash(
		crypto.Keccak256([]byte(IntentType)),
		common.LeftPadBytes(t.Buyer.Bytes(), 32),
		common.LeftPadBytes(t.Token.Bytes(), 32),
		word(t.Amount),
		t.SpecHash[:],
		uint64Word(uint64(t.Slots)),
		word(t.StakePerSlot),
		uint64Word(t.Deadline),
		word(t.Nonce),
	))
}

// StakeDigest is what a worker signs to bind its permit to one slot of one intent.
func StakeDigest(escrowDomain Domain, id common.Hash, slot uint32, worker common.Address, deadline *big.Int) common.Hash {
	return escrowDomain.Digest(crypto.Keccak256Hash(
		crypto.Keccak256([]byte(StakeType)),
		id[:],
		uint64Word(uint64(slot)),
		common.LeftPadBytes(worker.Bytes(), 32),
		word(deadline),
	))
}

// PermitDigest is the EIP-2612 digest under a token's domain.
func PermitDigest(tokenDomain Domain, owner, spender common.Address, value, nonce, deadline *big.Int) common.Hash {
	return tokenDomain.Digest(crypto.Keccak256Hash(
		crypto.Keccak256([]byte(PermitType)),
		common.LeftPadBytes(owner.Bytes(), 32),
		common.LeftPadBytes(spender.Bytes(), 32),
		word(value), word(nonce), word(deadline),
	))
}

// Authorization is an EIP-3009 transfer authorisation.
type Authorization struct {
	From, To                       common.Address
	Value, ValidAfter, ValidBefore *big.Int
	Nonce                          common.Hash
}

// Digest is the EIP-3009 digest of the authorisation for the given type
// string (ReceiveWithAuthorizationType or TransferWithAuthorizationType).
func (a Authorization) Digest(tokenDomain Domain, typ string) common.Hash {
	return tokenDomain.Digest(crypto.Keccak256Hash(
		crypto.Keccak256([]byte(typ)),
		common.LeftPadBytes(a.From.Bytes(), 32),
		common.LeftPadBytes(a.To.Bytes(), 32),
		word(a.Value), word(a.ValidAfter), word(a.ValidBefore),
		a.Nonce[:],
	))
}

// Signature is a secp256k1 signature split as Solidity takes it.
type Signature struct {
	V    uint8
	R, S [32]byte
}

// Bytes is the 65-byte r ‖ s ‖ v form that ECDSA.recover(bytes) takes.
func (s Signature) Bytes() []byte {
	b := make([]byte, 65)
	copy(b[:32], s.R[:])
	copy(b[32:64], s.S[:])
	b[64] = s.V
	return b
}

// SignDigest signs a 32-byte digest with v in {27, 28}.
func SignDigest(key *ecdsa.PrivateKey, digest common.Hash) (Signature, error) {
	sig, err := crypto.Sign(digest[:], key)
	if err != nil {
		return Signature{}, fmt.Errorf("sign digest: %w", err)
	}
	return ParseSignature(sig)
}

// ParseSignature splits a 65-byte signature, accepting v as 0/1 or 27/28.
func ParseSignature(sig []byte) (Signature, error) {
	if len(sig) != 65 {
		return Signature{}, fmt.Errorf("signature is %d bytes, want 65", len(sig))
	}
	var s Signature
	copy(s.R[:], sig[:32])
	copy(s.S[:], sig[32:64])
	s.V = sig[64]
	if s.V < 27 {
		s.V += 27
	}
	if s.V != 27 && s.V != 28 {
		return Signature{}, fmt.Errorf("signature recovery id %d is not 27 or 28", sig[64])
	}
	return s, nil
}

// RecoverSigner returns the address whose key produced sig over digest.
func RecoverSigner(digest common.Hash, sig []byte) (common.Address, error) {
	s, err := ParseSignature(sig)
	if err != nil {
		return common.Address{}, err
	}
	raw := s.Bytes()
	raw[64] -= 27
	pub, err := crypto.SigToPub(digest[:], raw)
	if err != nil {
		return common.Address{}, fmt.Errorf("recover signer: %w", err)
	}
	return crypto.PubkeyToAddress(*pub), nil
}

func word(x *big.Int) []byte {
	if x == nil {
		return make([]byte, 32)
	}
	return common.LeftPadBytes(x.Bytes(), 32)
}

func uint64Word(x uint64) []byte {
	b := make([]byte, 32)
	binary.BigEndian.PutUint64(b[24:], x)
	return b
}
