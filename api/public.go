package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/go-chi/chi/v5"

	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/market/eventhub"
)

// The public routes serve, without a signature, what is public on chain or
// by design: the market's counters, every intent's terms and state, its
// slots and their progress, the chain's events and the relayed
// transactions, who was paid and slashed. The spec's inputs and seed, the
// signatures and nonces, the quote and the weights stay the buyer's.

// publicRoutes mounts the public read-only routes; the router's per-IP
// rate limit covers them, and each event stream holds one of its client
// IP's stream places.
func (s *Server) publicRoutes(r chi.Router) {
	r.Get("/public/stats", s.publicStats)
	r.Get("/public/intents", s.publicIntents)
	r.Get("/public/intents/{id}", s.publicIntent)
	r.With(s.limitPublicStreams).Get("/public/intents/{id}/events", s.publicIntentEvents)
}

// MarketStats are the market's counters.
type MarketStats struct {
	// IntentsByState counts every buyer's intents per state, each state listed.
	IntentsByState map[string]int64 `json:"intents_by_state"`
	Workers        int64            `json:"workers" example:"8"`
	OpenJobs       int64            `json:"open_jobs" example:"1"`
	Chain          ChainInfo        `json:"chain"`
}

// ChainInfo names the chain and how far the server has read it.
type ChainInfo struct {
	ChainID int64 `json:"chain_id" example:"1337"`
	// Head is the last block the server's watcher applied.
	Head   uint64 `json:"head" example:"412"`
	Escrow string `json:"escrow" example:"0x5FbDB2315678afecb367f032d93F642f64180aa3"`
	USDC   string `json:"usdc"`
	AI     string `json:"ai"`
}

// marketView is the store's public side, refused as unavailable without one.
func (s *Server) marketView() (market.MarketView, error) {
	v, ok := s.store.(market.MarketView)
	if !ok {
		return nil, market.Errorf(market.KindUnavailable, "this server's store has no public view of the market")
	}
	return v, nil
}

// publicStats godoc
//
//	@Summary	The market's counters (public)
//	@Tags		public
//	@Produce	json
//	@Success	200	{object}	MarketStats
//	@Failure	429	{object}	Problem	"over the client IP's request rate (Retry-After)"
//	@Failure	503	{object}	Problem
//	@Router		/public/stats [get]
func (s *Server) publicStats(w http.ResponseWriter, r *http.Request) {
	v, err := s.marketView()
	if err != nil {
		s.problem(w, r, err)
		return
	}
	st, err := v.MarketStats(r.Context())
	if err != nil {
		s.problem(w, r, err)
		return
	}
	out := MarketStats{IntentsByState: map[string]int64{}, Workers: st.Workers, OpenJobs: st.OpenJobs, Chain: ChainInfo{Head: st.ChainHead}}
	for _, state := range market.IntentStates {
		out.IntentsByState[string(state)] = st.IntentsByState[state]
	}
	if s.chain != nil {
		a := s.chain.Addresses()
		out.Chain.ChainID = s.chain.ChainID().Int64()
		out.Chain.Escrow, out.Chain.USDC, out.Chain.AI = common.Address(a.Escrow).Hex(), common.Address(a.USDC).Hex(), common.Address(a.AI).Hex()
	}
	writeJSON(w, http.StatusOK, out)
}

// PublicIntent is what anyone may read of an intent: its terms as the
// chain holds them and its state.
type PublicIntent struct {
	ID           string `json:"id" example:"0x3b0c…"`
	State        string `json:"state" enums:"quoted,funding,open,matched,running,verifying,disputed,released,refunded,cancelled,failed" example:"running"`
	Buyer        string `json:"buyer" example:"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"`
	Token        string `json:"token" example:"USDC"`
	Price        string `json:"price" example:"400000"`
	StakePerSlot string `json:"stake_per_slot" example:"50000"`
	Slots        uint32 `json:"slots" example:"4"`
	Workers      uint32 `json:"workers" example:"2"`
	Replicas     uint32 `json:"replicas" example:"2"`
	Steps        uint32 `json:"steps" example:"40"`
	ModelSize    int64  `json:"model_size"`
	// Hyperparameters are the spec's, as GET /jobs lists them.
	Hyperparameters Hyperparameters `json:"hyperparameters"`
	Deadline        string          `json:"deadline"`
	CreatedAt       string          `json:"created_at"`
	UpdatedAt       string          `json:"updated_at"`
}

func publicIntentJSON(in market.Intent) PublicIntent {
	return PublicIntent{ID: in.ID.String(), State: string(in.State), Buyer: common.Address(in.Buyer).Hex(), Token: string(in.Token),
		Price: in.Price.String(), StakePerSlot: in.StakePerSlot.String(), Slots: in.Spec.Slots(), Workers: in.Spec.Workers,
		Replicas: in.Spec.Replicas, Steps: in.Spec.Steps, ModelSize: in.ModelSize, Hyperparameters: hyperparametersJSON(in.Spec.Hyperparameters),
		Deadline: in.Deadline.UTC().Format(time.RFC3339), CreatedAt: in.CreatedAt.UTC().Format(time.RFC3339Nano),
		UpdatedAt: in.UpdatedAt.UTC().Format(time.RFC3339Nano)}
}

// PublicIntentList is a page of every buyer's intents, newest first.
type PublicIntentList struct {
	Data    []PublicIntent `json:"data"`
	HasMore bool           `json:"has_more"`
}

// publicIntents godoc
//
//	@Summary	List recent intents of every buyer, newest first (public)
//	@Tags		public
//	@Produce	json
//	@Param		limit			query		int		false	"page size, 1 to 100 (default 20)"
//	@Param		starting_after	query		string	false	"id of the last intent of the previous page"
//	@Success	200				{object}	PublicIntentList
//	@Failure	400				{object}	Problem
//	@Failure	429				{object}	Problem	"over the client IP's request rate (Retry-After)"
//	@Failure	503				{object}	Problem
//	@Router		/public/intents [get]
func (s *Server) publicIntents(w http.ResponseWriter, r *http.Request) {
	limit, after, err := page(r)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	v, err := s.marketView()
	if err != nil {
		s.problem(w, r, err)
		return
	}
	list, more, err := v.RecentIntents(r.Context(), after, limit)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	out := PublicIntentList{Data: []PublicIntent{}, HasMore: more}
	for _, in := range list {
		out.Data = append(out.Data, publicIntentJSON(in))
	}
	writeJSON(w, http.StatusOK, out)
}

// ChainEvent is one escrow event the server applied.
type ChainEvent struct {
	Name     string `json:"name" example:"Staked"`
	Block    uint64 `json:"block" example:"57"`
	Tx       string `json:"tx" example:"0x9c1f…"`
	LogIndex uint   `json:"log_index"`
	// Data holds the event's fields: hashes and addresses as 0x hex,
	// integers as decimal strings.
	Data json.RawMessage `json:"data" swaggertype:"object"`
}

// RelayedTransaction is a transaction the server relayed for an intent,
// with where it is on chain.
type RelayedTransaction struct {
	Transaction
	// Block included it (zero until mined or reverted).
	Block     uint64 `json:"block,omitempty" example:"58"`
	Confirmed bool   `json:"confirmed"`
	CreatedAt string `json:"created_at"`
	UpdatedAt string `json:"updated_at"`
}

// Payout is what the escrow did with one party's money: a slot's pay, a
// slashed or returned stake, the buyer's refund.
type Payout struct {
	Kind string `json:"kind" enums:"paid,slashed,stake_returned,refunded" example:"paid"`
	// Slot is absent for a refund.
	Slot    *uint32 `json:"slot,omitempty" example:"0"`
	Account string  `json:"account" example:"0x70997970C51812dc3A010C7d01b50e0d17dc79C8"`
	Amount  string  `json:"amount" example:"100000"`
	Tx      string  `json:"tx"`
	Block   uint64  `json:"block"`
}

// PublicIntentDetail is an intent as anyone sees it: its slots (their
// commitments hidden), the chain's events, the relayed transactions, the
// result and the payouts.
type PublicIntentDetail struct {
	PublicIntent
	Slots        []SlotReport         `json:"slots"`
	ChainEvents  []ChainEvent         `json:"chain_events"`
	Transactions []RelayedTransaction `json:"transactions"`
	Result       *IntentResult        `json:"result,omitempty"`
	Payouts      []Payout             `json:"payouts"`
}

// publicIntent godoc
//
//	@Summary		Get an intent's public record (public)
//	@Description	The terms and state, the slots (worker, replica, rank, state, latest progress, committed or not, the revealed trace root and weights hash), the escrow's events and the relayed transactions with their blocks and revert reasons, the result and who was paid, slashed or refunded. The spec's inputs, the seed, the signatures and the weights are the buyer's (GET /intents/{id}).
//	@Tags			public
//	@Produce		json
//	@Param			id	path		string	true	"0x intent id"
//	@Success		200	{object}	PublicIntentDetail
//	@Failure		400	{object}	Problem
//	@Failure		404	{object}	Problem
//	@Failure		429	{object}	Problem	"over the client IP's request rate (Retry-After)"
//	@Router			/public/intents/{id} [get]
func (s *Server) publicIntent(w http.ResponseWriter, r *http.Request) {
	id, err := market.ParseHash(chi.URLParam(r, "id"))
	if err != nil {
		s.problem(w, r, err)
		return
	}
	ctx := r.Context()
	in, err := s.jobs.IntentByID(ctx, id)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	out := PublicIntentDetail{PublicIntent: publicIntentJSON(in), Slots: []SlotReport{}, ChainEvents: []ChainEvent{},
		Transactions: []RelayedTransaction{}, Payouts: []Payout{}}
	reports, err := s.verification.SlotReports(ctx, id)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	for _, sl := range reports {
		sr := slotReportJSON(sl)
		sr.Commitment = "" // hidden until the reveal, from everyone but its worker and the buyer
		out.Slots = append(out.Slots, sr)
	}
	events, err := s.jobs.ChainEventsOf(ctx, id)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	for _, e := range events {
		out.ChainEvents = append(out.ChainEvents, ChainEvent{Name: e.Name, Block: e.Block, Tx: e.TxHash.String(), LogIndex: e.LogIndex, Data: e.Data})
		if p, ok := payout(e); ok {
			out.Payouts = append(out.Payouts, p)
		}
	}
	view, resultTx, err := s.chainView(ctx, id)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	out.Result = resultJSON(view, resultTx)
	if s.escrow != nil {
		txs, err := s.escrow.Transactions(ctx, id)
		if err != nil {
			s.problem(w, r, err)
			return
		}
		for _, tx := range txs {
			out.Transactions = append(out.Transactions, RelayedTransaction{Transaction: transactionJSON(tx), Block: tx.Block,
				Confirmed: tx.Confirmed, CreatedAt: tx.CreatedAt.UTC().Format(time.RFC3339Nano), UpdatedAt: tx.UpdatedAt.UTC().Format(time.RFC3339Nano)})
		}
	}
	writeJSON(w, http.StatusOK, out)
}

// payout reads the money an escrow event moved to one party, if it is one
// of those that do.
func payout(e market.ChainEvent) (Payout, bool) {
	kind := map[string]string{"Paid": "paid", "Slashed": "slashed", "StakeReturned": "stake_returned", "Refunded": "refunded"}[e.Name]
	if kind == "" {
		return Payout{}, false
	}
	var d struct {
		Slot   *uint32 `json:"slot"`
		Worker string  `json:"worker"`
		Amount string  `json:"amount"`
	}
	if json.Unmarshal(e.Data, &d) != nil {
		return Payout{}, false
	}
	p := Payout{Kind: kind, Account: d.Worker, Amount: d.Amount, Tx: e.TxHash.String(), Block: e.Block}
	if kind != "refunded" {
		p.Slot = d.Slot
	}
	return p, true
}

// publicEventFields are the event types of an intent's log that anyone may
// follow and, for each, the members of its data they may read: a type or
// member added to the log stays the buyer's until it is listed here.
var publicEventFields = map[string][]string{
	"state":            {"from", "reason"},
	"job":              {"slots"},
	"slot":             {"slot", "state", "worker"},
	"progress":         {"slot", "replica", "rank", "step", "loss", "tokens_per_second"},
	"revealed":         {"slot", "replica", "rank", "trace_root", "leaves", "weights", "partial"},
	"transaction":      {"kind", "status", "hash", "error"},
	"dispute":          {"id", "rank", "slots", "state", "ruling", "attempts", "last_error"},
	"cancel_requested": {},
}

// publicEvent is e as the public stream sends it, or false when the event
// is not public.
func publicEvent(e market.IntentEvent) (IntentEvent, bool) {
	fields, ok := publicEventFields[e.Type]
	if !ok {
		return IntentEvent{}, false
	}
	var all map[string]json.RawMessage
	if len(e.Data) > 0 && json.Unmarshal(e.Data, &all) != nil {
		return IntentEvent{}, false
	}
	kept := map[string]json.RawMessage{}
	for _, f := range fields {
		if v, ok := all[f]; ok {
			kept[f] = v
		}
	}
	data, _ := json.Marshal(kept)
	return IntentEvent{Seq: e.Seq, IntentID: e.IntentID.String(), Type: e.Type, State: string(e.State), Data: data,
		CreatedAt: e.CreatedAt.UTC().Format(time.RFC3339Nano)}, true
}

// limitPublicStreams holds one of the server's event streams and one of
// the client IP's (as many as a signer may hold) while a public stream is
// open.
func (s *Server) limitPublicStreams(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		l, ip := s.limits, clientIP(r)
		l.mu.Lock()
		if s.ipStreams == nil {
			s.ipStreams = map[string]int{}
		}
		var refusal *limited
		switch {
		case l.cfg.Streams > 0 && l.openStreams >= l.cfg.Streams:
			refusal = &limited{err: market.Errorf(market.KindUnavailable, "the server holds its %d event streams; retry later", l.cfg.Streams),
				policy: fmt.Sprintf(`"streams";q=%d;qu="concurrent-requests"`, l.cfg.Streams), state: `"streams";r=0`}
		case l.cfg.StreamsPerAddress > 0 && s.ipStreams[ip] >= l.cfg.StreamsPerAddress:
			refusal = &limited{err: market.Errorf(kindRateLimited, "this client IP holds %d open event streams, the most it may; close one first", s.ipStreams[ip]),
				policy: fmt.Sprintf(`"ip-streams";q=%d;qu="concurrent-requests"`, l.cfg.StreamsPerAddress), state: `"ip-streams";r=0`}
		default:
			l.openStreams++
			s.ipStreams[ip]++ // only IPs with an open stream are kept
		}
		l.mu.Unlock()
		if refusal != nil {
			refusal.retry = s.cfg.HeartbeatInterval
			s.refuse(w, r, refusal)
			return
		}
		defer func() {
			l.mu.Lock()
			defer l.mu.Unlock()
			l.openStreams--
			if s.ipStreams[ip]--; s.ipStreams[ip] <= 0 {
				delete(s.ipStreams, ip)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// publicIntentEvents godoc
//
//	@Summary		Follow an intent's public events (Server-Sent Events, public)
//	@Description	The intent's event log as text/event-stream, as GET /intents/{id}/events sends it (id, event, data = an IntentEvent; resume with Last-Event-ID; ": heartbeat" comments; the stream ends once the intent is final and its events were sent; 204 for a final intent with nothing after Last-Event-ID), holding only the public events and members: state changes, the job, slots staked, progress (step, loss, tokens/s), reveals, relayed transactions and disputes. A browser's EventSource reads it as it stands. A client IP holds at most --max-streams-per-address streams (429 past it); the server's streams are bounded in all and per intent (503).
//	@Tags			public
//	@Produce		text/event-stream
//	@Param			id				path		string	true	"0x intent id"
//	@Param			Last-Event-ID	header		string	false	"resume after this event id"
//	@Success		200				{string}	string	"the event stream"
//	@Success		204				"the intent is final and has no event after Last-Event-ID"
//	@Failure		400				{object}	Problem
//	@Failure		404				{object}	Problem
//	@Failure		429				{object}	Problem	"the client IP holds its streams already, or is over its request rate (Retry-After)"
//	@Failure		503				{object}	Problem	"too many event streams, in all or on this intent"
//	@Router			/public/intents/{id}/events [get]
func (s *Server) publicIntentEvents(w http.ResponseWriter, r *http.Request) {
	id, err := market.ParseHash(chi.URLParam(r, "id"))
	if err != nil {
		s.problem(w, r, err)
		return
	}
	var after int64
	if v := r.Header.Get("Last-Event-ID"); v != "" {
		if after, err = strconv.ParseInt(v, 10, 64); err != nil || after < 0 {
			s.problem(w, r, market.Errorf(market.KindInvalid, "Last-Event-ID must be an event id"))
			return
		}
	}
	ctx := r.Context()
	in, err := s.jobs.IntentByID(ctx, id)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	// A final intent's log is read in pages to its end; a live one is
	// followed through the hub, as the buyer's stream is.
	var st *eventhub.Stream
	if !in.State.Final() {
		if s.events == nil {
			s.problem(w, r, market.Errorf(market.KindUnavailable, "this server has no event feed"))
			return
		}
		if st, err = s.events.Subscribe(id, after); err != nil {
			s.problem(w, r, err)
			return
		}
		defer st.Close()
	} else if first, err := s.store.IntentEvents(ctx, id, after, 1); err != nil {
		s.problem(w, r, err)
		return
	} else if len(first) == 0 {
		w.WriteHeader(http.StatusNoContent) // an EventSource stops reconnecting
		return
	}
	rc := http.NewResponseController(w)
	_ = rc.SetWriteDeadline(time.Now().Add(s.cfg.WriteTimeout))
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, "retry: 2000\n\n")
	_ = rc.Flush()
	lastWrite := s.clock.Now()
	tick := time.NewTicker(s.cfg.PollInterval)
	defer tick.Stop()
	for {
		var evs []market.IntentEvent
		final := false
		if st != nil {
			evs, final, err = st.Next(ctx)
		} else {
			evs, err = s.store.IntentEvents(ctx, id, after, 100)
			final = len(evs) < 100
		}
		if err != nil {
			if ctx.Err() == nil {
				s.log.WarnContext(ctx, "public event stream", "intent", id, "err", err)
			}
			return
		}
		_ = rc.SetWriteDeadline(time.Now().Add(s.cfg.WriteTimeout))
		for _, e := range evs {
			after = e.Seq
			if pe, ok := publicEvent(e); ok {
				b, _ := json.Marshal(pe)
				fmt.Fprintf(w, "id: %d\nevent: %s\ndata: %s\n\n", e.Seq, e.Type, b)
			}
		}
		if now := s.clock.Now(); len(evs) > 0 {
			lastWrite = now
		} else if now.Sub(lastWrite) >= s.cfg.HeartbeatInterval {
			fmt.Fprint(w, ": heartbeat\n\n")
			lastWrite = now
		}
		_ = rc.Flush()
		if final {
			return
		}
		if st == nil || len(evs) > 0 {
			continue
		}
		select {
		case <-ctx.Done():
			return
		case <-s.streaming:
			return
		case <-st.Changed():
		case <-tick.C:
		}
	}
}
