package api

import (
	"encoding/hex"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/go-chi/chi/v5"

	"github.com/axl-market/axl/escrow/eip712"
	"github.com/axl-market/axl/market"
)

// StakeTypedData are the two documents a worker signs to stake its slot,
// each signable as it stands with ethers' signTypedData: the EIP-2612
// permit for the escrow to pull the stake, and the escrow's Stake struct
// that binds that permit to this intent and slot (so that the operator
// cannot spend it on another job). Both expire with the claim.
type StakeTypedData struct {
	Permit TypedData `json:"permit"`
	Stake  TypedData `json:"stake"`
}

// Claim is a slot reserved for the signer until expires_at.
type Claim struct {
	ClaimID        string         `json:"claim_id" example:"c_0f1e2d3c4b5a69788796a5b4c3d2e1f0"`
	Slot           uint32         `json:"slot" example:"2"`
	StakeTypedData StakeTypedData `json:"stake_typed_data"`
	ExpiresAt      string         `json:"expires_at" example:"2026-11-25T12:10:00Z"`
}

// StakeRequest turns a claim into a stake with the worker's two signatures.
type StakeRequest struct {
	ClaimID         string `json:"claim_id" example:"c_0f1e2d3c4b5a69788796a5b4c3d2e1f0"`
	PermitSignature string `json:"permit_signature" example:"0x…65 bytes"`
	StakeSignature  string `json:"stake_signature" example:"0x…65 bytes"`
}

// Transaction is a transaction the server relays for an intent.
type Transaction struct {
	Hash   string `json:"hash,omitempty" example:"0x9c1f…"`
	Kind   string `json:"kind" enums:"fund,stake,cancel,assign,submit_result,dispute,resolve,release,refund,other" example:"stake"`
	Status string `json:"status" enums:"queued,sent,mined,failed,abandoned" example:"queued"`
	// Error says why a failed transaction failed (the contract's revert
	// reason) or why an abandoned one was given up; while it is sent, the
	// node's last refusal of it, or the reorg that sent it again.
	Error string `json:"error,omitempty" example:"reverted: SlotTaken(2)"`
}

func transactionJSON(tx market.Tx) Transaction {
	out := Transaction{Kind: string(tx.Kind), Status: string(tx.Status), Error: tx.Error}
	if tx.Hash != (market.Hash{}) {
		out.Hash = tx.Hash.String()
	}
	return out
}

// Stake is a relayed stake: its slot is confirmed once the chain's Staked
// event is applied.
type Stake struct {
	ClaimID     string      `json:"claim_id"`
	Slot        uint32      `json:"slot"`
	Transaction Transaction `json:"transaction"`
}

func (s *Server) tokenAddress(t market.Token) market.Address {
	if t == market.TokenAI {
		return s.chain.Addresses().AI
	}
	return s.chain.Addresses().USDC
}

func (s *Server) stakeTypedData(job market.Job, c market.Claim) (StakeTypedData, error) {
	permit, stake, err := s.broker.Signing.StakeTypedData(job.Token, job.StakePerSlot, c)
	if err != nil {
		return StakeTypedData{}, err
	}
	return StakeTypedData{Permit: typedDataJSON(permit), Stake: typedDataJSON(stake)}, nil
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
//	@Success		201				{object}	Claim
//	@Failure		400				{object}	Problem
//	@Failure		401				{object}	Problem
//	@Failure		403				{object}	Problem
//	@Failure		404				{object}	Problem
//	@Failure		409				{object}	Problem
//	@Failure		429				{object}	Problem	"over the signer's or the client IP's claim rate: retry after Retry-After"
//	@Failure		503				{object}	Problem
//	@Security		AXLSignature
//	@Router			/jobs/{id}/claims [post]
func (s *Server) claimSlot(w http.ResponseWriter, r *http.Request) {
	id, err := market.ParseHash(chi.URLParam(r, "id"))
	if err != nil {
		s.problem(w, r, err)
		return
	}
	ctx := r.Context()
	job, err := s.jobs.Job(ctx, id)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	worker := signer(r)
	nonce, err := s.chain.PermitNonce(ctx, s.tokenAddress(job.Token), worker)
	if err != nil {
		s.problem(w, r, &market.Error{Kind: market.KindUnavailable, Message: "the chain did not answer", Err: err})
		return
	}
	// A claim holds a slot from others: only a worker that can stake it may
	// (free keys with no tokens cannot squat a job's slots).
	balance, err := s.chain.TokenBalance(ctx, s.tokenAddress(job.Token), worker)
	if err != nil {
		s.problem(w, r, &market.Error{Kind: market.KindUnavailable, Message: "the chain did not answer", Err: err})
		return
	}
	if balance.Cmp(job.StakePerSlot) < 0 {
		s.problem(w, r, market.Errorf(market.KindConflict, "the signer holds %s base units of %s, less than the stake of %s: a claim needs the stake at hand",
			balance, job.Token, job.StakePerSlot))
		return
	}
	raw := make([]byte, 16)
	if _, err := io.ReadFull(s.broker.Random, raw); err != nil {
		s.problem(w, r, err)
		return
	}
	now := s.clock.Now().UTC()
	c, err := s.jobs.ClaimSlot(ctx, market.ClaimRequest{JobID: id, Worker: worker, ClaimID: "c_" + hex.EncodeToString(raw),
		Now: now, ExpiresAt: now.Add(s.cfg.ClaimTTL).Truncate(time.Second), PermitNonce: nonce,
		MaxPending: s.cfg.Limits.MaxPendingClaims})
	if err != nil {
		s.problem(w, r, err)
		return
	}
	td, err := s.stakeTypedData(job, c)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, Claim{ClaimID: c.ID, Slot: c.Slot, StakeTypedData: td,
		ExpiresAt: c.ExpiresAt.UTC().Format(time.RFC3339)})
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
//	@Param			request			body		StakeRequest	true	"the claim and the two signatures"
//	@Success		202				{object}	Stake
//	@Failure		400				{object}	Problem
//	@Failure		401				{object}	Problem
//	@Failure		403				{object}	Problem
//	@Failure		404				{object}	Problem
//	@Failure		409				{object}	Problem
//	@Failure		410				{object}	Problem	"the claim expired"
//	@Failure		413				{object}	Problem
//	@Failure		422				{object}	Problem
//	@Security		AXLSignature
//	@Router			/jobs/{id}/stake [post]
func (s *Server) stakeSlot(w http.ResponseWriter, r *http.Request) {
	var req StakeRequest
	id, err := jobRequest(r, &req)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	psig, err := parseSignature(req.PermitSignature, "permit_signature")
	if err != nil {
		s.problem(w, r, err)
		return
	}
	ssig, err := parseSignature(req.StakeSignature, "stake_signature")
	if err != nil {
		s.problem(w, r, err)
		return
	}
	ctx := r.Context()
	c, slot, err := s.jobs.Claim(ctx, id, req.ClaimID)
	if err != nil {
		s.problem(w, r, err)
		return
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
		s.problem(w, r, err)
		return
	}
	job, err := s.jobs.Job(ctx, id)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	permit, stake, err := s.broker.Signing.StakeTypedData(job.Token, job.StakePerSlot, c)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	if err := checkSigner(permit, psig, "permit_signature", worker); err != nil {
		s.problem(w, r, err)
		return
	}
	if err := checkSigner(stake, ssig, "stake_signature", worker); err != nil {
		s.problem(w, r, err)
		return
	}
	in, err := s.jobs.IntentByID(ctx, id)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	if s.escrow == nil {
		s.problem(w, r, market.Errorf(market.KindUnavailable, "this server relays no stakes"))
		return
	}
	tx, err := s.escrow.Stake(ctx, in, c, psig, ssig)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	writeJSON(w, http.StatusAccepted, Stake{ClaimID: c.ID, Slot: c.Slot, Transaction: transactionJSON(tx)})
}

// checkSigner fails unless sig over td recovers to want.
func checkSigner(td market.TypedData, sig []byte, what string, want market.Address) error {
	got, err := eip712.RecoverDigest(td.Digest, sig)
	if err != nil {
		return &market.Error{Kind: market.KindBadSignature, Message: what + ": " + market.ErrorMessage(err), Err: err}
	}
	if got != want {
		return market.Errorf(market.KindBadSignature, "%s was signed by %s, not by the worker %s", what, got, want)
	}
	return nil
}

// Peer is another worker of the same replica.
type Peer struct {
	Rank    uint32 `json:"rank"`
	Address string `json:"address"`
	// Registered is false for a worker that staked without registering
	// (POST /workers): it has no peer id nor address, the replica cannot
	// run, and its other slots are excused by the rulebook.
	Registered bool     `json:"registered"`
	PeerID     string   `json:"peer_id"`
	Multiaddrs []string `json:"multiaddrs"`
}

// ArtifactRef is an input of the job: where to fetch it and its hash.
type ArtifactRef struct {
	ID     string `json:"id" example:"sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"`
	URL    string `json:"url" example:"/artifacts/sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"`
	SHA256 string `json:"sha256" example:"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"`
}

// Assignment is what a staked worker trains: its place in the run, its
// replica's peers, the inputs and the settings.
type Assignment struct {
	JobID    string `json:"job_id"`
	Slot     uint32 `json:"slot"`
	Replica  uint32 `json:"replica"`
	Rank     uint32 `json:"rank"`
	Workers  uint32 `json:"workers"`
	Replicas uint32 `json:"replicas"`
	// Peers are the other workers of this replica.
	Peers           []Peer          `json:"peers"`
	BaseModel       ArtifactRef     `json:"base_model"`
	Dataset         ArtifactRef     `json:"dataset"`
	Steps           uint32          `json:"steps"`
	Hyperparameters Hyperparameters `json:"hyperparameters"`
	// Seed is the run's seed from the spec (data order, initialisation).
	Seed string `json:"seed" example:"42"`
	// AssignmentSeed is the seed of the on-chain assignment (the hash of the
	// block of the last stake) that placed the slots.
	AssignmentSeed string `json:"assignment_seed"`
	Deadline       string `json:"deadline"`
	// CommitBy ends the commit phase (RFC 3339; absent until the server
	// applied the assignment): a slot that has not committed by then, and
	// whose replica could run, is slashed.
	CommitBy string `json:"commit_by,omitempty" example:"2026-12-01T12:21:00Z"`
}

func artifactRef(id market.ArtifactID) ArtifactRef {
	return ArtifactRef{ID: id.String(), URL: "/artifacts/" + id.String(), SHA256: hex.EncodeToString(id[:])}
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
//	@Success		200				{object}	Assignment
//	@Failure		400				{object}	Problem
//	@Failure		401				{object}	Problem
//	@Failure		404				{object}	Problem	"no such job, or the signer has no slot in it"
//	@Failure		409				{object}	Problem	"not assigned yet"
//	@Security		AXLSignature
//	@Router			/jobs/{id}/assignment [get]
func (s *Server) assignment(w http.ResponseWriter, r *http.Request) {
	id, err := market.ParseHash(chi.URLParam(r, "id"))
	if err != nil {
		s.problem(w, r, err)
		return
	}
	ctx := r.Context()
	slots, err := s.jobs.JobSlots(ctx, id)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	me := signer(r)
	mine := -1
	for i, sl := range slots {
		if sl.Worker == me && sl.State == market.SlotConfirmed {
			mine = i
		}
	}
	if mine < 0 {
		s.problem(w, r, market.Errorf(market.KindNotFound, "the signer has no staked slot in job %s", id))
		return
	}
	in, err := s.jobs.IntentByID(ctx, id)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	events, err := s.jobs.ChainEventsOf(ctx, id)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	view, err := market.ReadChain(events)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	if !view.Assigned {
		s.problem(w, r, market.Errorf(market.KindConflict, "job %s is not assigned yet (%d of %d slots staked)", id,
			len(view.Stakers), len(slots)))
		return
	}
	spec := in.Spec
	place := market.Place(view.Seed, spec.Workers, spec.Replicas)
	out := Assignment{JobID: id.String(), Slot: uint32(mine), Replica: place[mine].Replica, Rank: place[mine].Rank,
		Workers: spec.Workers, Replicas: spec.Replicas, Peers: []Peer{}, BaseModel: artifactRef(spec.BaseModel),
		Dataset: artifactRef(spec.Dataset), Steps: spec.Steps, Hyperparameters: specJSON(spec).Hyperparameters,
		Seed: strconv.FormatUint(spec.Seed, 10), AssignmentSeed: view.Seed.String(), Deadline: in.Deadline.UTC().Format(time.RFC3339)}
	if !in.AssignedAt.IsZero() {
		out.CommitBy = s.cfg.Rules.Phases(in).CommitBy.UTC().Format(time.RFC3339)
	}
	for i, sl := range slots {
		if i == mine || place[i].Replica != place[mine].Replica {
			continue
		}
		p := Peer{Rank: place[i].Rank, Address: common.Address(sl.Worker).Hex(), Multiaddrs: []string{}}
		wk, err := s.jobs.Worker(ctx, sl.Worker)
		switch {
		case err == nil && (in.AssignedAt.IsZero() || !wk.CreatedAt.After(in.AssignedAt)):
			p.Registered, p.PeerID, p.Multiaddrs = true, wk.PeerID, wk.Multiaddrs
		case err != nil && market.ErrorKind(err) != market.KindNotFound:
			s.problem(w, r, err)
			return
		}
		out.Peers = append(out.Peers, p)
	}
	writeJSON(w, http.StatusOK, out)
}
