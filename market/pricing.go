package market

import "math/big"

// Pricing turns the work of a spec into a price in a token.
//
//	work  = steps × workers × replicas × model size in MiB (rounded up, at least 1)
//	price = max(work × rate[token], minimum[token])
//	stake per slot = ceil(price / slots × StakeRatio / 100)
//
// The rate is in the token's base units per (step · slot · MiB); with the
// defaults a 10 MiB model trained 1,000 steps on 2 × 2 slots costs 40,000 ×
// 10 = 400,000 base units of USDC, i.e. 0.40 USDC.
type Pricing struct {
	Rate       map[Token]*big.Int
	Minimum    map[Token]*big.Int
	StakeRatio int64 // percent of a slot's pay a worker stakes
}

// DefaultPricing is the dev-chain pricing: 10 micro-USDC or 10^13 wei of
// $AI per step·slot·MiB, and stakes of half a slot's pay.
func DefaultPricing() Pricing {
	return Pricing{
		Rate:       map[Token]*big.Int{TokenUSDC: big.NewInt(10), TokenAI: big.NewInt(1e13)},
		Minimum:    map[Token]*big.Int{TokenUSDC: big.NewInt(10_000), TokenAI: big.NewInt(1e16)},
		StakeRatio: 50,
	}
}

// Price returns the price of spec on a base model of modelSize bytes, and
// the stake each slot's worker must put up.
func (p Pricing) Price(t Token, s Spec, modelSize int64) (price, stakePerSlot *big.Int, err error) {
	rate, ok := p.Rate[t]
	if !ok {
		return nil, nil, Errorf(KindInvalid, "no price for token %q", t)
	}
	mib := (modelSize + 1<<20 - 1) >> 20
	if mib < 1 {
		mib = 1
	}
	work := new(big.Int).SetUint64(uint64(s.Steps))
	work.Mul(work, new(big.Int).SetUint64(uint64(s.Slots())))
	work.Mul(work, big.NewInt(mib))
	price = work.Mul(work, rate)
	if m := p.Minimum[t]; m != nil && price.Cmp(m) < 0 {
		price = new(big.Int).Set(m)
	}
	stake := new(big.Int).Mul(price, big.NewInt(p.StakeRatio))
	den := new(big.Int).SetUint64(uint64(s.Slots()) * 100)
	stake.Add(stake, new(big.Int).Sub(den, big.NewInt(1)))
	stake.Quo(stake, den)
	return price, stake, nil
}
