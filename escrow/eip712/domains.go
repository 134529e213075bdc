package eip712

import (
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/axl-market/axl/escrow/bindings/depositbox"
	"github.com/axl-market/axl/market"
)

// Domains are the EIP-712 domains of a deployment. They turn the market's
// quotes and claims into the documents that buyers and workers sign
// (market.TypedData, with their digests).
type Domains struct {
	ChainID *big.Int
	Escrow  market.Address
	Tokens  map[market.Token]Domain
}

// DevDomains returns the domains of the dev-chain contracts at addrs.
func DevDomains(chainID *big.Int, addrs market.ChainAddresses) Domains {
	return Domains{ChainID: chainID, Escrow: addrs.Escrow, Tokens: map[market.Token]Domain{
		market.TokenUSDC: USDCDomain(chainID, common.Address(addrs.USDC)),
		market.TokenAI:   AIDomain(chainID, common.Address(addrs.AI)),
	}}
}

func (d Domains) escrow() Domain { return EscrowDomain(d.ChainID, common.Address(d.Escrow)) }

func (d Domains) token(t market.Token) (Domain, error) {
	td, ok := d.Tokens[t]
	if !ok {
		return td, market.Errorf(market.KindInvalid, "token %q is not configured", t)
	}
	return td, nil
}

// marketDocument hashes m under dom into the market's form of typed data.
func marketDocument(dom Domain, m Message) (market.TypedData, error) {
	td := m.TypedData(dom)
	digest, err := Hash(td)
	if err != nil {
		return market.TypedData{}, err
	}
	out := market.TypedData{
		Domain: market.TypedDomain{Name: td.Domain.Name, Version: td.Domain.Version,
			ChainID: (*big.Int)(td.Domain.ChainId), VerifyingContract: td.Domain.VerifyingContract},
		Types: map[string][]market.TypedField{}, PrimaryType: td.PrimaryType, Message: map[string]string{},
		Digest: market.Hash(digest),
	}
	for name, fields := range td.Types {
		if name == "EIP712Domain" {
			continue
		}
		for _, f := range fields {
			out.Types[name] = append(out.Types[name], market.TypedField{Name: f.Name, Type: f.Type})
		}
	}
	for k, v := range td.Message {
		out.Message[k] = fmt.Sprint(v)
	}
	return out, nil
}

// intent is the escrow's Intent of quote q.
func (d Domains) intent(q market.Quote) (Intent, error) {
	td, err := d.token(q.Token)
	if err != nil {
		return Intent{}, err
	}
	return Intent{Buyer: common.Address(q.Buyer), Token: td.VerifyingContract, Amount: q.Price,
		SpecHash: common.Hash(q.SpecHash), Slots: q.Spec.Slots(), StakePerSlot: q.StakePerSlot,
		Deadline: uint64(q.Deadline.Unix()), Nonce: q.Nonce}, nil
}

// IntentTypedData is the Intent a buyer signs for quote q; its digest is
// the intent id.
func (d Domains) IntentTypedData(q market.Quote) (market.TypedData, error) {
	m, err := d.intent(q)
	if err != nil {
		return market.TypedData{}, err
	}
	return marketDocument(d.escrow(), m)
}

// FundingTypedData is the token authorisation that funds quote q's intent:
// EIP-3009 ReceiveWithAuthorization for USDC (nonce = intent id) or EIP-2612
// Permit for $AI (nonce = the buyer's permit nonce). q.IntentID must be set.
func (d Domains) FundingTypedData(q market.Quote) (market.TypedData, error) {
	td, err := d.token(q.Token)
	if err != nil {
		return market.TypedData{}, err
	}
	expiry := big.NewInt(q.ExpiresAt.Unix())
	switch q.Token {
	case market.TokenUSDC:
		return marketDocument(td, Authorization{Kind: ReceiveWithAuthorization, From: common.Address(q.Buyer),
			To: common.Address(d.Escrow), Value: q.Price, ValidAfter: new(big.Int), ValidBefore: expiry,
			Nonce: common.Hash(q.IntentID)})
	case market.TokenAI:
		if q.PermitNonce == nil {
			return market.TypedData{}, market.Errorf(market.KindInternal, "quote has no permit nonce")
		}
		return marketDocument(td, Permit{Owner: common.Address(q.Buyer), Spender: common.Address(d.Escrow), Value: q.Price,
			Nonce: q.PermitNonce, Deadline: expiry})
	}
	return market.TypedData{}, market.Errorf(market.KindInvalid, "token %q is not payable", q.Token)
}

// depositBoxCodeHash is the keccak256 of DepositBox's creation code, from
// the bindings that `make contracts` regenerates with the escrow.
var depositBoxCodeHash = crypto.Keccak256Hash(common.FromHex(depositbox.DepositBoxMetaData.Bin))

// DepositAddress is the deposit address of intent id at the escrow: where
// the escrow deploys the intent's DepositBox (CREATE2, salt = id), so that
// what reaches it funds that intent.
func DepositAddress(escrow common.Address, id common.Hash) common.Address {
	return crypto.CreateAddress2(escrow, id, depositBoxCodeHash.Bytes())
}

// DepositTypedData is the EIP-3009 TransferWithAuthorization of quote q's
// price from its buyer to its intent's deposit address, with a's validity
// and nonce: what x402's exact scheme signs (only USDC has EIP-3009).
// q.IntentID must be set.
func (d Domains) DepositTypedData(q market.Quote, a market.DepositAuthorization) (market.TypedData, error) {
	if q.Token != market.TokenUSDC {
		return market.TypedData{}, market.Errorf(market.KindInvalid, "token %s has no EIP-3009 transfer authorisation: only USDC can be paid by deposit", q.Token)
	}
	td, err := d.token(q.Token)
	if err != nil {
		return market.TypedData{}, err
	}
	return marketDocument(td, Authorization{Kind: TransferWithAuthorization, From: common.Address(q.Buyer),
		To: DepositAddress(common.Address(d.Escrow), common.Hash(q.IntentID)), Value: q.Price,
		ValidAfter: big.NewInt(a.ValidAfter.Unix()), ValidBefore: big.NewInt(a.ValidBefore.Unix()), Nonce: common.Hash(a.Nonce)})
}

// StakeTypedData is what a worker signs to stake its claimed slot: the
// EIP-2612 permit for the escrow to pull the stake (nonce = the worker's
// permit nonce at claim time) and the Stake binding of that permit to the
// slot. Both expire with the claim.
func (d Domains) StakeTypedData(token market.Token, stake *big.Int, c market.Claim) (permit, bind market.TypedData, err error) {
	td, err := d.token(token)
	if err != nil {
		return permit, bind, err
	}
	if c.PermitNonce == nil {
		return permit, bind, market.Errorf(market.KindInternal, "claim has no permit nonce")
	}
	deadline := big.NewInt(c.ExpiresAt.Unix())
	if permit, err = marketDocument(td, Permit{Owner: common.Address(c.Worker), Spender: common.Address(d.Escrow),
		Value: stake, Nonce: c.PermitNonce, Deadline: deadline}); err != nil {
		return permit, bind, err
	}
	bind, err = marketDocument(d.escrow(), Stake{IntentID: common.Hash(c.JobID), Slot: c.Slot, Worker: common.Address(c.Worker),
		Deadline: deadline})
	return permit, bind, err
}

// SpecHash is the package's SpecHash, for the broker's port.
func (Domains) SpecHash(s market.Spec) market.Hash { return SpecHash(s) }

// RecoverDigest is the package's RecoverDigest, for the broker's port.
func (Domains) RecoverDigest(digest market.Hash, sig []byte) (market.Address, error) {
	return RecoverDigest(digest, sig)
}

// RecoverPersonal is the package's RecoverPersonal, for the broker's port.
func (Domains) RecoverPersonal(msg, sig []byte) (market.Address, error) {
	return RecoverPersonal(msg, sig)
}
