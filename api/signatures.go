package api

import (
	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/market/eip712"
)

// stakeSignatures implements market.Signatures with the EIP-712 documents
// of the claim's typed data, the very ones a claim hands the worker to sign.
// It belongs with the EIP-712 code; it sits here until that code settles on
// the chain side.
type stakeSignatures struct{ domains eip712.Domains }

func (v stakeSignatures) StakeSigner(job market.Job, c market.Claim, doc market.StakeDocument, sig []byte) (market.Address, error) {
	permit, stake, err := v.domains.StakeTypedData(job.Token, job.StakePerSlot, c)
	if err != nil {
		return market.Address{}, err
	}
	td := permit
	if doc == market.StakeBinding {
		td = stake
	}
	got, err := eip712.RecoverTyped(td, sig)
	if err != nil && market.ErrorKind(err) == market.KindInternal {
		// RecoverTyped's failure to hash the document: the signature is
		// refused as not verifying, as it always was.
		err = &market.Error{Kind: market.KindBadSignature, Message: market.ErrorMessage(err), Err: err}
	}
	return got, err
}
