package client

import (
	"crypto/ecdsa"
	"encoding/hex"
	"encoding/json"
	"errors"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/signer/core/apitypes"

	"github.com/axl-market/axl/api/wire"
)

// eip712Domain is the domain type of every document the API hands out
// (which omit it, as ethers' signTypedData wants).
var eip712Domain = []apitypes.Type{{Name: "name", Type: "string"}, {Name: "version", Type: "string"},
	{Name: "chainId", Type: "uint256"}, {Name: "verifyingContract", Type: "address"}}

// SignTypedData signs an EIP-712 document of the API as a wallet's
// signTypedData would: 65 bytes, v = 27 or 28.
func SignTypedData(key *ecdsa.PrivateKey, td wire.TypedData) ([]byte, error) {
	if key == nil {
		return nil, errors.New("client: no key to sign with")
	}
	digest, err := digestOf(td)
	if err != nil {
		return nil, err
	}
	sig, err := crypto.Sign(digest[:], key)
	if err != nil {
		return nil, err
	}
	sig[64] += 27
	return sig, nil
}

// digestOf is the EIP-712 digest of an API document.
func digestOf(td wire.TypedData) (common.Hash, error) {
	raw, err := json.Marshal(td)
	if err != nil {
		return common.Hash{}, err
	}
	var doc apitypes.TypedData
	if err := json.Unmarshal(raw, &doc); err != nil {
		return common.Hash{}, err
	}
	if doc.Types == nil {
		doc.Types = apitypes.Types{}
	}
	doc.Types["EIP712Domain"] = eip712Domain
	digest, _, err := apitypes.TypedDataAndHash(doc)
	if err != nil {
		return common.Hash{}, err
	}
	return common.BytesToHash(digest), nil
}

func hexSig(sig []byte) string { return "0x" + hex.EncodeToString(sig) }
