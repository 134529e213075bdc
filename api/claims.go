package api

import (
	"encoding/hex"
	"net/http"
	"strconv"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/go-chi/chi/v5"

	"github.com/axl-market/axl/api/wire"
	"github.com/axl-market/axl/market"
)

func transactionJSON(tx market.Tx) wire.Transaction {
	out := wire.Transaction{Kind: string(tx.Kind), Status: string(tx.Status), Error: tx.Error}
	if tx.Hash != (market.Hash{}) {
		out.Hash = tx.Hash.String()
	}
	return out
}

func (s *Server) stakeTypedData(job market.Job, c market.Claim) (wire.StakeTypedData, error) {
	permit, stake, err := s.broker.Signing.StakeTypedData(job.Token, job.StakePerSlot, c)
	if err != nil {
		return wire.StakeTypedData{}, err
	}
	return wire.StakeTypedData{Permit: typedDataJSON(permit), Stake: typedDataJSON(stake)}, nil
}

// claimSlot godoc
//
//	@Summary		Claim a slot of a job
//	@Description	Reserves the lowest free slot of an open job for the signer, a registered worker, until expires_at; an expired claim frees its slot. Returns the two documents to sign for POST /jobs/{id}/stake: unlike a single authorisation, staking takes the EIP-2612 permit AND the escrow's Stake binding (intentId, slot, worker, deadline); both expire with the claim, and the permit nonce is the worker's at claim time (stake one claim at a time). Refuses an unregistered worker (403), a worker whose token balance is below the stake (409), a worker already in the job, holding as many slots as its registered capacity or as many unstaked claims as the server allows (--max-pending-claims), and a full or closed job (409), and a slot that needs more memory (slot_memory) than the worker registered with (POST /workers memory: 422 infeasible). Claims are rate limited per signer and per client IP (429).
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
//	@Failure		422				{object}	wire.Problem	"infeasible: a slot needs more memory than the worker registered with"
//	@Failure		429				{object}	wire.Problem	"over the signer's or the client IP's claim rate: retry after Retry-After"
//	@Failure		503				{object}	wire.Problem
//	@Security		AXLSignature
//	@Router			/jobs/{id}/claims [post]
func (s *Server) claimSlot(w http.ResponseWriter, r *http.Request) error {
	id, err := market.ParseHash(chi.URLParam(r, "id"))
	if err != nil {
		return err
	}
	job, c, err := s.slots.Claim(r.Context(), id, signer(r))
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
	c, tx, err := s.slots.Stake(r.Context(), id, signer(r), req.ClaimID, psig, ssig)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusAccepted, wire.Stake{ClaimID: c.ID, Slot: c.Slot, Transaction: transactionJSON(tx)})
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
	a, err := s.slots.Assignment(r.Context(), id, signer(r))
	if err != nil {
		return err
	}
	in, spec := a.Intent, a.Intent.Spec
	out := wire.Assignment{JobID: id.String(), Slot: a.Slot, Replica: a.Place.Replica, Rank: a.Place.Rank,
		Workers: spec.Workers, Replicas: spec.Replicas, Peers: []wire.Peer{}, BaseModel: artifactRef(spec.BaseModel),
		Dataset: artifactRef(spec.Dataset), Steps: spec.Steps, Hyperparameters: specJSON(spec).Hyperparameters,
		Seed: strconv.FormatUint(spec.Seed, 10), AssignmentSeed: a.Seed.String(), Deadline: in.Deadline.UTC().Format(time.RFC3339)}
	if !a.CommitBy.IsZero() {
		out.CommitBy = a.CommitBy.UTC().Format(time.RFC3339)
	}
	if spec.Tokenized() {
		out.DatasetFormat, out.Tokens = string(spec.Format), tokenStreamJSON(spec.Tokens)
		if spec.Tokenizer != (market.ArtifactID{}) {
			ref := artifactRef(spec.Tokenizer)
			out.Tokenizer = &ref
		}
	}
	out.LoRASettings = loraJSON(spec)
	for _, p := range a.Peers {
		wp := wire.Peer{Rank: p.Rank, Address: common.Address(p.Worker).Hex(), Registered: p.Registered, PeerID: p.PeerID, Multiaddrs: p.Multiaddrs}
		if wp.Multiaddrs == nil {
			wp.Multiaddrs = []string{}
		}
		out.Peers = append(out.Peers, wp)
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}
