package api

import (
	"encoding/json"
	"fmt"
	"math/big"
	"net/http"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/go-chi/chi/v5"

	"github.com/axl-market/axl/api/wire"
	"github.com/axl-market/axl/market"
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
	r.Get("/public/stats", s.handle(s.publicStats))
	r.Get("/public/intents", s.handle(s.publicIntents))
	r.Get("/public/intents/{id}", s.handle(s.publicIntent))
	r.With(s.limitPublicStreams).Get("/public/intents/{id}/events", s.handle(s.publicIntentEvents))
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
//	@Success	200	{object}	wire.MarketStats
//	@Failure	429	{object}	wire.Problem	"over the client IP's request rate (Retry-After)"
//	@Failure	503	{object}	wire.Problem
//	@Router		/public/stats [get]
func (s *Server) publicStats(w http.ResponseWriter, r *http.Request) error {
	v, err := s.marketView()
	if err != nil {
		return err
	}
	st, err := v.MarketStats(r.Context())
	if err != nil {
		return err
	}
	out := wire.MarketStats{IntentsByState: map[string]int64{}, Workers: st.Workers, OpenJobs: st.OpenJobs, Chain: wire.ChainInfo{Head: st.ChainHead}}
	for _, state := range market.IntentStates {
		out.IntentsByState[string(state)] = st.IntentsByState[state]
	}
	if s.chain != nil {
		a := s.chain.Addresses()
		out.Chain.ChainID = s.chain.ChainID().Int64()
		out.Chain.Escrow, out.Chain.USDC, out.Chain.AI = common.Address(a.Escrow).Hex(), common.Address(a.USDC).Hex(), common.Address(a.AI).Hex()
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

func publicIntentJSON(in market.Intent) wire.PublicIntent {
	return wire.PublicIntent{ID: in.ID.String(), State: string(in.State), Buyer: common.Address(in.Buyer).Hex(), Token: string(in.Token),
		Price: in.Price.String(), StakePerSlot: in.StakePerSlot.String(), Slots: in.Spec.Slots(), Workers: in.Spec.Workers,
		Replicas: in.Spec.Replicas, Steps: in.Spec.Steps, ModelSize: in.ModelSize, Hyperparameters: hyperparametersJSON(in.Spec.Hyperparameters),
		Deadline: in.Deadline.UTC().Format(time.RFC3339), CreatedAt: in.CreatedAt.UTC().Format(time.RFC3339Nano),
		UpdatedAt: in.UpdatedAt.UTC().Format(time.RFC3339Nano)}
}

// publicIntents godoc
//
//	@Summary	List recent intents of every buyer, newest first (public)
//	@Tags		public
//	@Produce	json
//	@Param		limit			query		int		false	"page size, 1 to 100 (default 20)"
//	@Param		starting_after	query		string	false	"id of the last intent of the previous page"
//	@Success	200				{object}	wire.PublicIntentList
//	@Failure	400				{object}	wire.Problem
//	@Failure	429				{object}	wire.Problem	"over the client IP's request rate (Retry-After)"
//	@Failure	503				{object}	wire.Problem
//	@Router		/public/intents [get]
func (s *Server) publicIntents(w http.ResponseWriter, r *http.Request) error {
	limit, after, err := page(r)
	if err != nil {
		return err
	}
	v, err := s.marketView()
	if err != nil {
		return err
	}
	list, more, err := v.RecentIntents(r.Context(), after, limit)
	if err != nil {
		return err
	}
	out := wire.PublicIntentList{Data: []wire.PublicIntent{}, HasMore: more}
	for _, in := range list {
		out.Data = append(out.Data, publicIntentJSON(in))
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// publicIntent godoc
//
//	@Summary		Get an intent's public record (public)
//	@Description	The terms and state, the slots (worker, replica, rank, state, latest progress, committed or not, the revealed trace root and weights hash), the escrow's events and the relayed transactions with their blocks and revert reasons, the result and who was paid, slashed or refunded. The spec's inputs, the seed, the signatures and the weights are the buyer's (GET /intents/{id}).
//	@Tags			public
//	@Produce		json
//	@Param			id	path		string	true	"0x intent id"
//	@Success		200	{object}	wire.PublicIntentDetail
//	@Failure		400	{object}	wire.Problem
//	@Failure		404	{object}	wire.Problem
//	@Failure		429	{object}	wire.Problem	"over the client IP's request rate (Retry-After)"
//	@Router			/public/intents/{id} [get]
func (s *Server) publicIntent(w http.ResponseWriter, r *http.Request) error {
	id, err := market.ParseHash(chi.URLParam(r, "id"))
	if err != nil {
		return err
	}
	ctx := r.Context()
	in, err := s.ledger.IntentByID(ctx, id)
	if err != nil {
		return err
	}
	out := wire.PublicIntentDetail{PublicIntent: publicIntentJSON(in), Slots: []wire.SlotReport{}, ChainEvents: []wire.ChainEvent{},
		Transactions: []wire.RelayedTransaction{}, Payouts: []wire.Payout{}}
	reports, err := s.verification.SlotReports(ctx, id)
	if err != nil {
		return err
	}
	for _, sl := range reports {
		sr := slotReportJSON(sl)
		sr.Commitment = "" // hidden until the reveal, from everyone but its worker and the buyer
		out.Slots = append(out.Slots, sr)
	}
	events, err := s.ledger.ChainEventsOf(ctx, id)
	if err != nil {
		return err
	}
	for _, e := range events {
		out.ChainEvents = append(out.ChainEvents, wire.ChainEvent{Name: e.Name, Block: e.Block, Tx: e.TxHash.String(), LogIndex: e.LogIndex, Data: e.Data})
		if p, ok := payout(e, in.Buyer); ok {
			out.Payouts = append(out.Payouts, p)
		}
	}
	view, resultTx, err := s.chainView(ctx, id)
	if err != nil {
		return err
	}
	out.Result = resultJSON(view, resultTx)
	withValidationLoss(out.Result, reports, view, in.Spec.Steps)
	if s.relay != nil {
		txs, err := s.relay.Transactions(ctx, id)
		if err != nil {
			return err
		}
		for _, tx := range txs {
			out.Transactions = append(out.Transactions, wire.RelayedTransaction{Transaction: transactionJSON(tx), Block: tx.Block,
				Confirmed: tx.Confirmed, CreatedAt: tx.CreatedAt.UTC().Format(time.RFC3339Nano), UpdatedAt: tx.UpdatedAt.UTC().Format(time.RFC3339Nano)})
		}
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// payout reads the money an escrow event moved to one party (a refund
// goes to the buyer), if it is one of those that do.
func payout(e market.ChainEvent, buyer market.Address) (wire.Payout, bool) {
	ev, err := e.Event()
	if err != nil {
		return wire.Payout{}, false
	}
	p := wire.Payout{Tx: e.TxHash.String(), Block: e.Block}
	slot := func(kind string, a market.SlotAmount) (wire.Payout, bool) {
		n := a.Slot
		p.Kind, p.Slot, p.Account, p.Amount = kind, &n, common.Address(a.Worker).Hex(), decimal(a.Amount)
		return p, true
	}
	switch ev := ev.(type) {
	case market.Paid:
		return slot("paid", market.SlotAmount(ev))
	case market.Slashed:
		return slot("slashed", market.SlotAmount(ev))
	case market.StakeReturned:
		return slot("stake_returned", market.SlotAmount(ev))
	case market.Refunded:
		p.Kind, p.Account, p.Amount = "refunded", common.Address(buyer).Hex(), decimal(ev.Amount)
		return p, true
	}
	return wire.Payout{}, false
}

// decimal is x in decimal, 0 when absent.
func decimal(x *big.Int) string {
	if x == nil {
		return "0"
	}
	return x.String()
}

// publicEventFields are the event types of an intent's log that anyone may
// follow and, for each, the members of its data they may read: a type or
// member added to the log stays the buyer's until it is listed here.
var publicEventFields = map[string][]string{
	"state":            {"from", "reason"},
	"job":              {"slots"},
	"slot":             {"slot", "state", "worker"},
	"progress":         {"slot", "replica", "rank", "step", "loss", "validation_loss", "tokens_per_second"},
	"revealed":         {"slot", "replica", "rank", "trace_root", "leaves", "weights", "partial"},
	"transaction":      {"kind", "status", "hash", "error"},
	"dispute":          {"id", "rank", "slots", "state", "ruling", "attempts", "last_error"},
	"cancel_requested": {},
}

// publicEvent is e as the public stream sends it, or false when the event
// is not public.
func publicEvent(e market.IntentEvent) (wire.IntentEvent, bool) {
	fields, ok := publicEventFields[e.Type]
	if !ok {
		return wire.IntentEvent{}, false
	}
	var all map[string]json.RawMessage
	if len(e.Data) > 0 && json.Unmarshal(e.Data, &all) != nil {
		return wire.IntentEvent{}, false
	}
	kept := map[string]json.RawMessage{}
	for _, f := range fields {
		if v, ok := all[f]; ok {
			kept[f] = v
		}
	}
	data, _ := json.Marshal(kept)
	return wire.IntentEvent{Seq: e.Seq, IntentID: e.IntentID.String(), Type: e.Type, State: string(e.State), Data: data,
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
//	@Description	The intent's event log as text/event-stream, as GET /intents/{id}/events sends it (id, event, data = an IntentEvent; resume with Last-Event-ID; ": heartbeat" comments; the stream ends once the intent is final and its events were sent; 204 for a final intent with nothing after Last-Event-ID), holding only the public events and members: state changes, the job, slots staked, progress (step, loss, validation loss, tokens/s), reveals, relayed transactions and disputes. A browser's EventSource reads it as it stands. A client IP holds at most --max-streams-per-address streams (429 past it); the server's streams are bounded in all and per intent (503).
//	@Tags			public
//	@Produce		text/event-stream
//	@Param			id				path		string	true	"0x intent id"
//	@Param			Last-Event-ID	header		string	false	"resume after this event id"
//	@Success		200				{string}	string	"the event stream"
//	@Success		204				"the intent is final and has no event after Last-Event-ID"
//	@Failure		400				{object}	wire.Problem
//	@Failure		404				{object}	wire.Problem
//	@Failure		429				{object}	wire.Problem	"the client IP holds its streams already, or is over its request rate (Retry-After)"
//	@Failure		503				{object}	wire.Problem	"too many event streams, in all or on this intent"
//	@Router			/public/intents/{id}/events [get]
func (s *Server) publicIntentEvents(w http.ResponseWriter, r *http.Request) error {
	id, after, err := streamRequest(r)
	if err != nil {
		return err
	}
	in, err := s.ledger.IntentByID(r.Context(), id)
	if err != nil {
		return err
	}
	return s.streamEvents(w, r, id, after, in.State.Final(), publicEvent)
}
