package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/axl-market/axl/api/wire"
	"github.com/axl-market/axl/market"
)

// postWorker godoc
//
//	@Summary	Register (or update) the signer as a worker
//	@Tags		workers
//	@Accept		json
//	@Produce	json
//	@Param		X-AXL-Address	header		string			true	"signer address"
//	@Param		X-AXL-Timestamp	header		string			true	"unix seconds"
//	@Param		request			body		wire.WorkerRequest	true	"the worker"
//	@Success	200				{object}	wire.Worker
//	@Failure	400				{object}	wire.Problem
//	@Failure	401				{object}	wire.Problem
//	@Failure	413				{object}	wire.Problem
//	@Security	AXLSignature
//	@Router		/workers [post]
func (s *Server) postWorker(w http.ResponseWriter, r *http.Request) error {
	var req wire.WorkerRequest
	if err := decodeJSON(r.Body, &req); err != nil {
		return err
	}
	wk, err := s.slots.Register(r.Context(), market.Worker{Address: signer(r), PeerID: req.PeerID,
		Multiaddrs: req.Multiaddrs, Capacity: req.Capacity, Memory: req.Memory, Threads: req.Threads})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, wire.Worker{Address: common.Address(wk.Address).Hex(), PeerID: wk.PeerID, Multiaddrs: wk.Multiaddrs,
		Capacity: wk.Capacity, Memory: wk.Memory, Threads: wk.Threads, CreatedAt: wk.CreatedAt.UTC().Format(time.RFC3339Nano), UpdatedAt: wk.UpdatedAt.UTC().Format(time.RFC3339Nano)})
	return nil
}

// listJobs godoc
//
//	@Summary		List open jobs
//	@Description	Each job with its pay and stake per slot, its model (family, parameters, method, trainable parameters), its work (tokens: steps × batch × seq × workers × replicas; flops: 6 × trainable parameters × tokens) and the memory a slot needs (slot_memory: pass max_memory to see only the jobs that fit).
//	@Tags			jobs
//	@Produce	json
//	@Param		token			query		string	false	"USDC or AI"	Enums(USDC, AI)
//	@Param		min_pay			query		string	false	"least pay per slot, base units"
//	@Param		max_model_size	query		int		false	"largest model size, bytes"
//	@Param		max_memory		query		int		false	"largest slot_memory, bytes: the memory the worker has for a slot"
//	@Param		limit			query		int		false	"page size, 1 to 100 (default 20)"
//	@Param		starting_after	query		string	false	"id of the last job of the previous page"
//	@Success	200				{object}	wire.JobList
//	@Failure	400				{object}	wire.Problem
//	@Router		/jobs [get]
//
// jobWork is job j's work on its base model, whose shape the broker
// remembers.
func (s *Server) jobWork(j market.Job) (market.Work, error) {
	if s.broker == nil {
		return market.Work{}, market.Errorf(market.KindUnavailable, "this server lists no jobs")
	}
	m, err := s.broker.ModelShape(j.BaseModel, j.ModelSize)
	if err != nil {
		return market.Work{}, &market.Error{Kind: market.KindInternal, Message: fmt.Sprintf("job %s: its base model does not load", j.ID), Err: err}
	}
	return j.Work(m), nil
}

func (s *Server) listJobs(w http.ResponseWriter, r *http.Request) error {
	limit, after, err := page(r)
	if err != nil {
		return err
	}
	f := market.JobFilter{Limit: limit, StartingAfter: after}
	q := r.URL.Query()
	if v := q.Get("token"); v != "" {
		if f.Token = market.Token(v); !f.Token.Valid() {
			return market.Errorf(market.KindInvalid, "token must be USDC or AI")
		}
	}
	if v := q.Get("min_pay"); v != "" {
		if f.MinPayPerSlot, err = parseUint(v, "min_pay"); err != nil {
			return err
		}
	}
	if v := q.Get("max_model_size"); v != "" {
		if f.MaxModelSize, err = strconv.ParseInt(v, 10, 64); err != nil || f.MaxModelSize < 1 {
			return market.Errorf(market.KindInvalid, "max_model_size must be a positive number of bytes")
		}
	}
	if v := q.Get("max_memory"); v != "" {
		if f.MaxSlotMemory, err = strconv.ParseInt(v, 10, 64); err != nil || f.MaxSlotMemory < 1 {
			return market.Errorf(market.KindInvalid, "max_memory must be a positive number of bytes")
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
		out := wire.JobList{Data: []wire.Job{}, HasMore: more}
		for _, j := range list {
			// A job whose model no longer loads is still listed, without
			// its work: one bad row must not hide every job.
			work, err := s.jobWork(j)
			if err != nil {
				s.log.Warn("job without its work", "job", j.ID, "err", err)
			}
			var flops string
			if work.FLOPs != nil {
				flops = work.FLOPs.String()
			}
			out.Data = append(out.Data, wire.Job{ID: j.ID.String(), Token: string(j.Token), Slots: j.Slots, FreeSlots: j.FreeSlots,
				PayPerSlot: j.PayPerSlot.String(), StakePerSlot: j.StakePerSlot.String(), ModelSize: j.ModelSize, SlotMemory: j.SlotMemory,
				Steps: j.Steps, Family: work.Family, Parameters: work.Params, Method: work.Method, TrainableParameters: work.Trainable,
				Tokens: work.Tokens, FLOPs: flops, Hyperparameters: hyperparametersJSON(j.Hyperparameters),
				CommitAllowance: int64(s.cfg.Rules.WorkAllowance(market.Spec{Steps: j.Steps, Hyperparameters: j.Hyperparameters},
					j.ModelSize) / time.Second),
				Deadline: j.Deadline.UTC().Format(time.RFC3339), CreatedAt: j.CreatedAt.UTC().Format(time.RFC3339Nano)})
		}
		return json.Marshal(out)
	})
	if err != nil {
		return err
	}
	writeRaw(w, http.StatusOK, "application/json", v.([]byte))
	return nil
}
