package eip712

import (
	"math/big"
	"strconv"

	"github.com/ethereum/go-ethereum/signer/core/apitypes"

	"github.com/axl-market/axl/market"
)

// StakeType is the escrow's Stake struct: it binds a worker's permit to one
// slot of one intent, so that the operator cannot spend the permit on
// another job.
var StakeType = []apitypes.Type{
	{Name: "intentId", Type: "bytes32"}, {Name: "slot", Type: "uint32"},
	{Name: "worker", Type: "address"}, {Name: "deadline", Type: "uint256"},
}

// StakeTypedData is what a worker signs to stake its claimed slot: the
// EIP-2612 permit for the escrow to pull the stake (nonce = the worker's
// permit nonce at claim time) and the Stake binding of that permit to the
// slot. Both expire with the claim.
func (d Domains) StakeTypedData(token market.Token, stake *big.Int, c market.Claim) (permit, bind apitypes.TypedData, err error) {
	td, err := d.token(token)
	if err != nil {
		return permit, bind, err
	}
	if c.PermitNonce == nil {
		return permit, bind, market.Errorf(market.KindInternal, "claim has no permit nonce")
	}
	deadline := strconv.FormatInt(c.ExpiresAt.Unix(), 10)
	dom := domain(td.Name, d.ChainID, td.Address)
	dom.Version = td.Version
	permit = apitypes.TypedData{
		Types:       apitypes.Types{"EIP712Domain": domainType, "Permit": PermitType},
		PrimaryType: "Permit",
		Domain:      dom,
		Message: apitypes.TypedDataMessage{
			"owner": hexAddr(c.Worker), "spender": hexAddr(d.Escrow), "value": stake.String(),
			"nonce": c.PermitNonce.String(), "deadline": deadline,
		},
	}
	bind = apitypes.TypedData{
		Types:       apitypes.Types{"EIP712Domain": domainType, "Stake": StakeType},
		PrimaryType: "Stake",
		Domain:      domain("AXLEscrow", d.ChainID, d.Escrow),
		Message: apitypes.TypedDataMessage{
			"intentId": c.JobID.String(), "slot": strconv.FormatUint(uint64(c.Slot), 10),
			"worker": hexAddr(c.Worker), "deadline": deadline,
		},
	}
	return permit, bind, nil
}
