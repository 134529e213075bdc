package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/axl-market/axl/market"
)

// WorkerRequest registers a worker.
type WorkerRequest struct {
	PeerID     string   `json:"peer_id" example:"12D3KooWJWoaqZhDaoEFshF7Rh1bpY9ohihFhzcW6d69Lr2NASuq"`
	Multiaddrs []string `json:"multiaddrs" example:"/ip4/127.0.0.1/tcp/4001"`
	Capacity   uint32   `json:"capacity" example:"2"`
}

// Worker is a registered worker.
type Worker struct {
	Address    string   `json:"address" example:"0x70997970C51812dc3A010C7d01b50e0d17dc79C8"`
	PeerID     string   `json:"peer_id"`
	Multiaddrs []string `json:"multiaddrs"`
	Capacity   uint32   `json:"capacity"`
	CreatedAt  string   `json:"created_at"`
	UpdatedAt  string   `json:"updated_at"`
}

// validPeerID accepts the base58btc text form of a libp2p peer id (Qm… or
// 12D3Koo…/16Uiu2…), without decoding the multihash.
func validPeerID(s string) bool {
	if len(s) < 46 || len(s) > 128 {
		return false
	}
	for _, c := range s {
		if !strings.ContainsRune("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz", c) {
			return false
		}
	}
	return true
}

// postWorker godoc
//
//	@Summary	Register (or update) the signer as a worker
//	@Tags		workers
//	@Accept		json
//	@Produce	json
//	@Param		X-AXL-Address	header		string			true	"signer address"
//	@Param		X-AXL-Timestamp	header		string			true	"unix seconds"
//	@Param		request			body		WorkerRequest	true	"the worker"
//	@Success	200				{object}	Worker
//	@Failure	400				{object}	Problem
//	@Failure	401				{object}	Problem
//	@Failure	413				{object}	Problem
//	@Security	AXLSignature
//	@Router		/workers [post]
func (s *Server) postWorker(w http.ResponseWriter, r *http.Request) {
	var req WorkerRequest
	if err := decodeJSON(r.Body, &req); err != nil {
		s.problem(w, r, err)
		return
	}
	if !validPeerID(req.PeerID) {
		s.problem(w, r, market.Errorf(market.KindInvalid, "peer_id must be a base58 libp2p peer id"))
		return
	}
	if len(req.Multiaddrs) == 0 || len(req.Multiaddrs) > 16 {
		s.problem(w, r, market.Errorf(market.KindInvalid, "multiaddrs must list 1 to 16 addresses"))
		return
	}
	for _, m := range req.Multiaddrs {
		if !strings.HasPrefix(m, "/") || len(m) > 256 || strings.Contains(m, "//") {
			s.problem(w, r, market.Errorf(market.KindInvalid, "multiaddr %q is not of the form /ip4/…/tcp/…", m))
			return
		}
	}
	if req.Capacity == 0 || req.Capacity > 1024 {
		s.problem(w, r, market.Errorf(market.KindInvalid, "capacity must be between 1 and 1024"))
		return
	}
	wk, err := s.store.PutWorker(r.Context(), market.Worker{Address: signer(r), PeerID: req.PeerID,
		Multiaddrs: req.Multiaddrs, Capacity: req.Capacity, UpdatedAt: s.clock.Now().UTC()})
	if err != nil {
		s.problem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, Worker{Address: common.Address(wk.Address).Hex(), PeerID: wk.PeerID, Multiaddrs: wk.Multiaddrs,
		Capacity: wk.Capacity, CreatedAt: wk.CreatedAt.UTC().Format(time.RFC3339Nano), UpdatedAt: wk.UpdatedAt.UTC().Format(time.RFC3339Nano)})
}

// Job is an open job: a funded intent with slots to claim.
type Job struct {
	ID           string `json:"id" example:"0x3b0c…"`
	Token        string `json:"token" example:"USDC"`
	Slots        uint32 `json:"slots" example:"4"`
	FreeSlots    uint32 `json:"free_slots" example:"3"`
	PayPerSlot   string `json:"pay_per_slot" example:"100000"`
	StakePerSlot string `json:"stake_per_slot" example:"50000"`
	ModelSize    int64  `json:"model_size" example:"10485760"`
	// SlotMemory is the memory, in bytes, that a slot of the job needs:
	// its training step, the files and NoLoCo's state (0 for a job quoted
	// before it was estimated). A worker with less leaves the job to others.
	SlotMemory int64  `json:"slot_memory" example:"125829120"`
	Steps      uint32 `json:"steps" example:"1000"`
	// Hyperparameters are the spec's, defaults filled in: what each slot
	// trains with.
	Hyperparameters Hyperparameters `json:"hyperparameters"`
	// CommitAllowance is how long, in seconds from the job's assignment, a
	// slot has to commit: the rulebook's work allowance at the speed the
	// server assumes of a worker (its --worker-flops), never shortened by
	// another slot. A worker that cannot train the job in that time leaves
	// it to others: a slot that does not commit in time is slashed.
	CommitAllowance int64  `json:"commit_allowance" example:"1260"`
	Deadline        string `json:"deadline"`
	CreatedAt       string `json:"created_at"`
}

// JobList is a page of open jobs, oldest first.
type JobList struct {
	Data    []Job `json:"data"`
	HasMore bool  `json:"has_more"`
}

// listJobs godoc
//
//	@Summary	List open jobs
//	@Tags		jobs
//	@Produce	json
//	@Param		token			query		string	false	"USDC or AI"	Enums(USDC, AI)
//	@Param		min_pay			query		string	false	"least pay per slot, base units"
//	@Param		max_model_size	query		int		false	"largest model size, bytes"
//	@Param		max_memory		query		int		false	"largest slot_memory, bytes: the memory the worker has for a slot"
//	@Param		limit			query		int		false	"page size, 1 to 100 (default 20)"
//	@Param		starting_after	query		string	false	"id of the last job of the previous page"
//	@Success	200				{object}	JobList
//	@Failure	400				{object}	Problem
//	@Router		/jobs [get]
func (s *Server) listJobs(w http.ResponseWriter, r *http.Request) {
	limit, after, err := page(r)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	f := market.JobFilter{Limit: limit, StartingAfter: after}
	q := r.URL.Query()
	if v := q.Get("token"); v != "" {
		if f.Token = market.Token(v); !f.Token.Valid() {
			s.problem(w, r, market.Errorf(market.KindInvalid, "token must be USDC or AI"))
			return
		}
	}
	if v := q.Get("min_pay"); v != "" {
		if f.MinPayPerSlot, err = parseUint(v, "min_pay"); err != nil {
			s.problem(w, r, err)
			return
		}
	}
	if v := q.Get("max_model_size"); v != "" {
		if f.MaxModelSize, err = strconv.ParseInt(v, 10, 64); err != nil || f.MaxModelSize < 1 {
			s.problem(w, r, market.Errorf(market.KindInvalid, "max_model_size must be a positive number of bytes"))
			return
		}
	}
	if v := q.Get("max_memory"); v != "" {
		if f.MaxSlotMemory, err = strconv.ParseInt(v, 10, 64); err != nil || f.MaxSlotMemory < 1 {
			s.problem(w, r, market.Errorf(market.KindInvalid, "max_memory must be a positive number of bytes"))
			return
		}
	}
	// Workers poll this list: identical queries in flight share one database
	// query and one encoding, and no answer is older than its request.
	key := fmt.Sprintf("%s|%v|%d|%d|%v|%d", f.Token, f.MinPayPerSlot, f.MaxModelSize, f.MaxSlotMemory, f.StartingAfter, f.Limit)
	v, err, _ := s.jobsFlight.Do(key, func() (any, error) {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), 10*time.Second)
		defer cancel()
		list, more, err := s.store.OpenJobs(ctx, f)
		if err != nil {
			return nil, err
		}
		out := JobList{Data: []Job{}, HasMore: more}
		for _, j := range list {
			out.Data = append(out.Data, Job{ID: j.ID.String(), Token: string(j.Token), Slots: j.Slots, FreeSlots: j.FreeSlots,
				PayPerSlot: j.PayPerSlot.String(), StakePerSlot: j.StakePerSlot.String(), ModelSize: j.ModelSize, SlotMemory: j.SlotMemory,
				Steps: j.Steps, Hyperparameters: hyperparametersJSON(j.Hyperparameters),
				CommitAllowance: int64(s.cfg.Rules.WorkAllowance(market.Spec{Steps: j.Steps, Hyperparameters: j.Hyperparameters},
					j.ModelSize) / time.Second),
				Deadline: j.Deadline.UTC().Format(time.RFC3339), CreatedAt: j.CreatedAt.UTC().Format(time.RFC3339Nano)})
		}
		return json.Marshal(out)
	})
	if err != nil {
		s.problem(w, r, err)
		return
	}
	writeRaw(w, http.StatusOK, "application/json", v.([]byte))
}
