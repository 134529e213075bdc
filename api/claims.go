package api

import (
	"encoding/hex"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/signer/core/apitypes"
	"github.com/go-chi/chi/v5"

	"github.com/axl-market/axl/api/wire"
	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/market/eip712"
)

func transactionJSON(tx market.Tx) wire.Transaction {
	out := wire.Transaction{Kind: string(tx.Kind), Status: string(tx.Status), Error: tx.Error}
	if tx.Hash != (market.Hash{}) {
		out.Hash = tx.Hash.String()
	}
	return out
}

func (s *Server) tokenAddress(t market.Token) market.Address {
	if t == market.TokenAI {
		return s.chain.Addresses().AI
	}
	return s.chain.Addresses().USDC
}

func (s *Server) stakeTypedData(job market.Job, c market.Claim) (wire.StakeTypedData, error) {
	permit, stake, err := s.broker.Domains.StakeTypedData(job.Token, job.StakePerSlot, c)
	if err != nil {
		return wire.StakeTypedData{}, err
	}
	return wire.StakeTypedData{Permit: typedDataJSON(permit), Stake: typedDataJSON(stake)}, nil
}

// claimSlot godoc
//
//	@Summary		Claim a slot of a job
//	@Description	Reserves the lowest free slot of an open job for the signer, a registered worker, until expires_at; an expired claim frees its slot. Returns the two documents to sign for POST /jobs/{id}/stake: unlike a single authorisation, staking takes the EIP-2612 permit AND the escrow's Stake binding (intentId, slot, worker, deadline); both expire with the claim, and the permit nonce is the worker's at claim time (stake one claim at a time). Refuses an unregistered worker (403), a worker whose token balance is below the stake (409), a worker already in the job, holding as many slots as its registered capacity or as many unstaked claims as the server allows (--max-pending-claims), and a full or closed job (409). Claims are rate limited per signer and per client IP (429).
//	@Tags			jobs
//	@Produce		json
//	@Param			id				path		string	true	"0x job id (the intent id)"
//	@Param			X-AXL-Address	header		string	true	"signer address"
//	@Param			X-AXL-Timestamp	header		string	true	"unix seconds"
//	@Success		201				{object}	wire.Claim
//	@Failure		400				{object}	wire.Problem
//	@Failure		401				{object}	wire.Problem
//	@Failure		403				{object}	wire.Problem
//	@Failure		404				{object}	wire.Problem
//	@Failure		409				{object}	wire.Problem
//	@Failure		429				{object}	wire.Problem	"over the signer's or the client IP's claim rate: retry after Retry-After"
//	@Failure		503				{object}	wire.Problem
//	@Security		AXLSignature
//	@Router			/jobs/{id}/claims [post]
func (s *Server) claimSlot(w http.ResponseWriter, r *http.Request) error {
	id, err := market.ParseHash(chi.URLParam(r, "id"))
	if err != nil {
		return err
	}
	ctx := r.Context()
	job, err := s.jobs.Job(ctx, id)
	if err != nil {
		return err
	}
	worker := signer(r)
	nonce, err := s.chain.PermitNonce(ctx, s.tokenAddress(job.Token), worker)
	if err != nil {
		return &market.Error{Kind: market.KindUnavailable, Message: "the chain did not answer", Err: err}
	}
	// A claim holds a slot from others: only a worker that can stake it may
	// (free keys with no tokens cannot squat a job's slots).
	balance, err := s.chain.TokenBalance(ctx, s.tokenAddress(job.Token), worker)
	if err != nil {
		return &market.Error{Kind: market.KindUnavailable, Message: "the chain did not answer", Err: err}
	}
	if balance.Cmp(job.StakePerSlot) < 0 {
		return market.Errorf(market.KindConflict, "the signer holds %s base units of %s, less than the stake of %s: a claim needs the stake at hand",
			balance, job.Token, job.StakePerSlot)
	}
	raw := make([]byte, 16)
	if _, err := io.ReadFull(s.broker.Random, raw); err != nil {
		return err
	}
	now := s.clock.Now().UTC()
	c, err := s.jobs.ClaimSlot(ctx, market.ClaimRequest{JobID: id, Worker: worker, ClaimID: "c_" + hex.EncodeToString(raw),
		Now: now, ExpiresAt: now.Add(s.cfg.ClaimTTL).Truncate(time.Second), PermitNonce: nonce,
		MaxPending: s.cfg.Limits.MaxPendingClaims})
	if err != nil {
		return err
	}
	td, err := s.stakeTypedData(job, c)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, wire.Claim{ClaimID: c.ID, Slot: c.Slot, StakeTypedData: td,
		ExpiresAt: c.ExpiresAt.UTC().Format(time.RFC3339)})
	return nil
}

// stakeSlot godoc
//
//	@Summary		Stake a claimed slot
//	@Description	Checks the worker's permit and Stake signatures against the claim's typed data and relays stakeWithPermit from the server's key. The slot is confirmed, and shows on GET /intents/{id}, once the Staked event is applied; a revert shows as a failed transaction. A worker may instead stake with its own transaction; the server picks that up the same way.
//	@Tags			jobs
//	@Accept			json
//	@Produce		json
//	@Param			id				path		string			true	"0x job id (the intent id)"
//	@Param			X-AXL-Address	header		string			true	"signer address"
//	@Param			X-AXL-Timestamp	header		string			true	"unix seconds"
//	@Param			request			body		wire.StakeRequest	true	"the claim and the two signatures"
//	@Success		202				{object}	wire.Stake
//	@Failure		400				{object}	wire.Problem
//	@Failure		401				{object}	wire.Problem
//	@Failure		403				{object}	wire.Problem
//	@Failure		404				{object}	wire.Problem
//	@Failure		409				{object}	wire.Problem
//	@Failure		410				{object}	wire.Problem	"the claim expired"
//	@Failure		413				{object}	wire.Problem
//	@Failure		422				{object}	wire.Problem
//	@Security		AXLSignature
//	@Router			/jobs/{id}/stake [post]
func (s *Server) stakeSlot(w http.ResponseWriter, r *http.Request) error {
	var req wire.StakeRequest
	id, err := jobRequest(r, &req)
	if err != nil {
		return err
	}
	psig, err := parseSignature(req.PermitSignature, "permit_signature")
	if err != nil {
		return err
	}
	ssig, err := parseSignature(req.StakeSignature, "stake_signature")
	if err != nil {
		return err
	}
	ctx := r.Context()
	c, slot, err := s.jobs.Claim(ctx, id, req.ClaimID)
	if err != nil {
		return err
	}
	worker := signer(r)
	switch {
	case c.Worker != worker:
		err = market.Errorf(market.KindForbidden, "claim %s is not the signer's", c.ID)
	case slot.State == market.SlotConfirmed:
		err = market.Errorf(market.KindConflict, "slot %d is staked already", c.Slot)
	case !s.clock.Now().Before(c.ExpiresAt):
		err = market.Errorf(market.KindExpired, "claim %s expired at %s", c.ID, c.ExpiresAt.UTC().Format(time.RFC3339))
	}
	if err != nil {
		return err
	}
	job, err := s.jobs.Job(ctx, id)
	if err != nil {
		return err
	}
	permit, stake, err := s.broker.Domains.StakeTypedData(job.Token, job.StakePerSlot, c)
	if err != nil {
		return err
	}
	if err := checkSigner(permit, psig, "permit_signature", worker); err != nil {
		return err
	}
	if err := checkSigner(stake, ssig, "stake_signature", worker); err != nil {
		return err
	}
	in, err := s.jobs.IntentByID(ctx, id)
	if err != nil {
		return err
	}
	if s.escrow == nil {
		return market.Errorf(market.KindUnavailable, "this server relays no stakes")
	}
	tx, err := s.escrow.Stake(ctx, in, c, psig, ssig)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusAccepted, wire.Stake{ClaimID: c.ID, Slot: c.Slot, Transaction: transactionJSON(tx)})
	return nil
}

// checkSigner fails unless sig over td recovers to want.
func checkSigner(td apitypes.TypedData, sig []byte, what string, want market.Address) error {
	got, err := eip712.RecoverTyped(td, sig)
	if err != nil {
		return &market.Error{Kind: market.KindBadSignature, Message: what + ": " + market.ErrorMessage(err), Err: err}
	}
	if got != want {
		return market.Errorf(market.KindBadSignature, "%s was signed by %s, not by the worker %s", what, got, want)
	}
	return nil
}

func artifactRef(id market.ArtifactID) wire.ArtifactRef {
	return wire.ArtifactRef{ID: id.String(), URL: "/artifacts/" + id.String(), SHA256: hex.EncodeToString(id[:])}
}

// assignment godoc
//
//	@Summary		Get the signer's assignment in a job
//	@Description	For an assigned worker of a running job only: its replica and rank (drawn from the on-chain assignment seed), the peers of its replica, the artifacts with their hashes, the hyper-parameters, the seed and the deadline.
//	@Tags			jobs
//	@Produce		json
//	@Param			id				path		string	true	"0x job id (the intent id)"
//	@Param			X-AXL-Address	header		string	true	"signer address"
//	@Param			X-AXL-Timestamp	header		string	true	"unix seconds"
//	@Success		200				{object}	wire.Assignment
//	@Failure		400				{object}	wire.Problem
//	@Failure		401				{object}	wire.Problem
//	@Failure		404				{object}	wire.Problem	"no such job, or the signer has no slot in it"
//	@Failure		409				{object}	wire.Problem	"not assigned yet"
//	@Security		AXLSignature
//	@Router			/jobs/{id}/assignment [get]
func (s *Server) assignment(w http.ResponseWriter, r *http.Request) error {
	id, err := market.ParseHash(chi.URLParam(r, "id"))
	if err != nil {
		return err
	}
	ctx := r.Context()
	slots, err := s.jobs.JobSlots(ctx, id)
	if err != nil {
		return err
	}
	me := signer(r)
	mine := -1
	for i, sl := range slots {
		if sl.Worker == me && sl.State == market.SlotConfirmed {
			mine = i
		}
	}
	if mine < 0 {
		return market.Errorf(market.KindNotFound, "the signer has no staked slot in job %s", id)
	}
	in, err := s.jobs.IntentByID(ctx, id)
	if err != nil {
		return err
	}
	events, err := s.jobs.ChainEventsOf(ctx, id)
	if err != nil {
		return err
	}
	view, err := market.ReadChain(events)
	if err != nil {
		return err
	}
	if !view.Assigned {
		return market.Errorf(market.KindConflict, "job %s is not assigned yet (%d of %d slots staked)", id,
			len(view.Stakers), len(slots))
	}
	spec := in.Spec
	place := market.Place(view.Seed, spec.Workers, spec.Replicas)
	out := wire.Assignment{JobID: id.String(), Slot: uint32(mine), Replica: place[mine].Replica, Rank: place[mine].Rank,
		Workers: spec.Workers, Replicas: spec.Replicas, Peers: []wire.Peer{}, BaseModel: artifactRef(spec.BaseModel),
		Dataset: artifactRef(spec.Dataset), Steps: spec.Steps, Hyperparameters: specJSON(spec).Hyperparameters,
		Seed: strconv.FormatUint(spec.Seed, 10), AssignmentSeed: view.Seed.String(), Deadline: in.Deadline.UTC().Format(time.RFC3339)}
	if !in.AssignedAt.IsZero() {
		out.CommitBy = s.cfg.Rules.Phases(in).CommitBy.UTC().Format(time.RFC3339)
	}
	for i, sl := range slots {
		if i == mine || place[i].Replica != place[mine].Replica {
			continue
		}
		p := wire.Peer{Rank: place[i].Rank, Address: common.Address(sl.Worker).Hex(), Multiaddrs: []string{}}
		wk, err := s.jobs.Worker(ctx, sl.Worker)
		switch {
		case err == nil && (in.AssignedAt.IsZero() || !wk.CreatedAt.After(in.AssignedAt)):
			p.Registered, p.PeerID, p.Multiaddrs = true, wk.PeerID, wk.Multiaddrs
		case err != nil && market.ErrorKind(err) != market.KindNotFound:
			return err
		}
		out.Peers = append(out.Peers, p)
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}
