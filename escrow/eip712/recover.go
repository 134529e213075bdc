package eip712

import (
	"math/big"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/axl-market/axl/market"
)

// RecoverDigest returns the address that signed an EIP-712 digest with the
// 65-byte signature sig (v = 27/28 or 0/1).
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
