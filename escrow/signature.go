package escrow

import (
	"crypto/ecdsa"
	"fmt"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/axl-market/axl/escrow/bindings/axlescrow"
	"github.com/axl-market/axl/escrow/eip712"
)

// Terms are the fixed terms of an intent, field for field the EIP-712
// Intent struct that the escrow contract hashes into the intent id.
type Terms = axlescrow.AXLEscrowTerms

// intentMessage is the typed-data Intent of t.
func intentMessage(t Terms) eip712.Intent {
	return eip712.Intent{Buyer: t.Buyer, Token: t.Token, Amount: t.Amount, SpecHash: t.SpecHash, Slots: t.Slots,
		StakePerSlot: t.StakePerSlot, Deadline: t.Deadline, Nonce: t.Nonce}
}

// digest is eip712.Digest for the messages this package builds from typed
// Go values: apitypes refuses only a malformed document, so an error is a
// bug here, not a condition to handle.
func digest(d eip712.Domain, m eip712.Message) common.Hash {
	h, err := eip712.Digest(d, m)
	if err != nil {
		panic(fmt.Sprintf("escrow: %T does not hash: %v", m, err))
	}
	return h
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
