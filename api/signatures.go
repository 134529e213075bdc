package api

import (
	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/market/broker"
)

// stakeSignatures implements market.Signatures with the chain side's
// typed data (broker.Signing): the very documents a claim hands the worker
// to sign, and their digests' signers.
type stakeSignatures struct{ signing broker.Signing }

func (v stakeSignatures) StakeSigner(job market.Job, c market.Claim, doc market.StakeDocument, sig []byte) (market.Address, error) {
	permit, stake, err := v.signing.StakeTypedData(job.Token, job.StakePerSlot, c)
	if err != nil {
		return market.Address{}, err
	}
	td := permit
	if doc == market.StakeBinding {
		td = stake
	}
	return v.signing.RecoverDigest(td.Digest, sig)
}
