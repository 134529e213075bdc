// Package operator is the server's hand on the escrow: it turns the
// market's decisions (fund this intent, stake this claim, assign this full
// job, cancel, refund) into calls relayed from the operator key, and the
// escrow's applied events into the market's state. It implements
// market.Relay.
package operator

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/axl-market/axl/escrow"
	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/market/referee"
)

// Store is what the operator reads and writes.
type Store interface {
	market.Store
	market.Ledger
	market.TxStore
	market.Agenda
}

// Config configures an Operator.
type Config struct {
	Store   Store
	Relayer *escrow.Relayer
	// Arbiter relays the rulings (resolve) from the arbiter's key, which
	// is not the operator's (default: Relayer, for a chain where one key
	// holds both roles).
	Arbiter   *escrow.Relayer
	Contracts *escrow.Contracts
	Clock     market.Clock
	Logger    *slog.Logger
	// MaxRetries bounds how often a refused cancel, assign or refund is
	// tried again (default 5): the chain may have moved under a call.
	MaxRetries int
	// RefundGrace is how long after the deadline the refund waits (default
	// one minute): block time may lag the clock, and a refund before the
	// chain's deadline is refused.
	RefundGrace time.Duration
	// Referee decides what an assigned job's escrow is due once its
	// workers have revealed: submit, resolve after a dispute, or wait.
	// Without one, assigned jobs are left to the deadline's refund.
	Referee *referee.Referee
	// ChainTime reads the time of the chain's head, against which the
	// challenge window closes (default: Clock).
	ChainTime func(ctx context.Context) (time.Time, error)
	// SweepEvery is how often a pass re-derives every active intent, not
	// only those due on the agenda (default 10 minutes; negative: every
	// pass). The sweep is the safety net of the agenda: it catches what a
	// change that marked nothing, or a timer read against a chain clock
	// that drifted, would leave waiting; the first pass of a process is
	// one, which restarts the games a dead process was playing.
	SweepEvery time.Duration
	// PassLimit bounds the due intents of one pass (default 1000): more
	// wait for the next pass, the longest due first.
	PassLimit int
	// NoPayouts leaves what the escrow credits an intent's buyer and
	// workers for them to withdraw, with their own gas; by default the
	// operator pays them (withdrawFor) once the intent is released,
	// refunded or cancelled.
	NoPayouts bool
}

// Operator drives intents on chain. Its Tick (and Run, which holds a
// lock so that one process of many does it) expires claims, re-derives
// the intents due on the agenda from the chain and relays what is due.
type Operator struct {
	cfg Config
	log *slog.Logger

	mu      sync.Mutex
	sweptAt time.Time // of the last full sweep; zero before the first
}

var _ market.Relay = (*Operator)(nil)

// New returns an operator.
func New(cfg Config) *Operator {
	if cfg.Clock == nil {
		cfg.Clock = market.SystemClock{}
	}
	if cfg.Arbiter == nil {
		cfg.Arbiter = cfg.Relayer
	}
	if cfg.MaxRetries == 0 {
		cfg.MaxRetries = 5
	}
	if cfg.RefundGrace == 0 {
		cfg.RefundGrace = time.Minute
	}
	if cfg.SweepEvery == 0 {
		cfg.SweepEvery = 10 * time.Minute
	}
	if cfg.PassLimit <= 0 {
		cfg.PassLimit = 1000
	}
	if cfg.ChainTime == nil {
		clock := cfg.Clock
		cfg.ChainTime = func(context.Context) (time.Time, error) { return clock.Now(), nil }
	}
	logger := cfg.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Operator{cfg: cfg, log: logger.With("component", "operator")}
}

// Terms are the escrow terms of an intent: the fields its id hashes.
func (o *Operator) Terms(in market.Intent) (escrow.Terms, error) {
	token, err := o.token(in.Token)
	if err != nil {
		return escrow.Terms{}, err
	}
	return escrow.Terms{
		Buyer: common.Address(in.Buyer), Token: token, Amount: in.Price, SpecHash: in.SpecHash, Slots: in.Spec.Slots(),
		StakePerSlot: in.StakePerSlot, Deadline: uint64(in.Deadline.Unix()), Nonce: in.Nonce,
	}, nil
}

func (o *Operator) token(t market.Token) (common.Address, error) {
	switch t {
	case market.TokenUSDC:
		return o.cfg.Contracts.Addresses.USDC, nil
	case market.TokenAI:
		return o.cfg.Contracts.Addresses.AI, nil
	}
	return common.Address{}, market.Errorf(market.KindInvalid, "token %q is not payable", t)
}

// Fund implements market.Relay: the buyer's EIP-3009 authorisation (USDC)
// or its permit and intent signature ($AI), valid until the quote expired,
// or its transfer to the intent's deposit address (x402), valid as it says.
func (o *Operator) Fund(ctx context.Context, in market.Intent) error {
	q, err := o.cfg.Store.Quote(ctx, in.QuoteID, in.Buyer)
	if err != nil {
		return err
	}
	tx, err := o.FundingTx(in, q.ExpiresAt)
	if err != nil {
		return err
	}
	_, err = o.cfg.Relayer.Enqueue(ctx, tx.Key, tx.Kind, common.Hash(tx.IntentID), escrow.Call{To: common.Address(tx.To), Data: tx.Data})
	return err
}

// Stake implements market.Relay: the worker's permit and its Stake
// binding, both valid until the claim expires.
func (o *Operator) Stake(ctx context.Context, in market.Intent, c market.Claim, permitSig, stakeSig []byte) (market.Tx, error) {
	t, err := o.Terms(in)
	if err != nil {
		return market.Tx{}, err
	}
	permit, err := escrow.ParseSignature(permitSig)
	if err != nil {
		return market.Tx{}, market.Errorf(market.KindBadSignature, "permit signature: %v", err)
	}
	call := o.cfg.Contracts.StakeWithPermit(t, c.Slot, common.Address(c.Worker), big.NewInt(c.ExpiresAt.Unix()), permit, stakeSig)
	key := fmt.Sprintf("stake:%s:%d:%s", in.ID, c.Slot, c.ID)
	return o.cfg.Relayer.Enqueue(ctx, key, market.TxStake, common.Hash(in.ID), call)
}

// Transactions implements market.Relay.
func (o *Operator) Transactions(ctx context.Context, id market.Hash) ([]market.Tx, error) {
	return o.cfg.Store.TxsOfIntent(ctx, id)
}

// OnApplied is the watcher's hook: every intent whose events were applied
// or removed is re-derived at once. Its schedule is left to the next pass,
// for which the events marked it due: the passes alone write the agenda.
func (o *Operator) OnApplied(ctx context.Context, applied, removed []market.ChainEvent) {
	seen := map[market.Hash]bool{}
	for _, e := range append(append([]market.ChainEvent(nil), applied...), removed...) {
		if e.IntentID == (market.Hash{}) || seen[e.IntentID] {
			continue
		}
		seen[e.IntentID] = true
		if _, err := o.Apply(ctx, e.IntentID); err != nil && ctx.Err() == nil {
			o.log.Error("apply chain events", "intent", e.IntentID, "err", err)
		}
	}
}

// Tick makes one pass: expired claims free their slots, then every intent
// due on the agenda (every active one, when a sweep is due) is re-derived
// from its chain events and its due call relayed.
func (o *Operator) Tick(ctx context.Context) error {
	now := o.cfg.Clock.Now()
	if _, err := o.cfg.Store.ExpireClaims(ctx, now); err != nil {
		return err
	}
	var (
		due []market.Due
		err error
	)
	if o.sweepDue(now) {
		var ids []market.Hash
		if ids, err = o.cfg.Store.ActiveIntents(ctx); err == nil {
			due, err = o.cfg.Store.AgendaOf(ctx, ids)
		}
	} else {
		due, err = o.cfg.Store.DueIntents(ctx, now, o.cfg.PassLimit)
	}
	if err != nil {
		return err
	}
	return o.applyAll(ctx, due)
}

// sweepDue reports whether the pass at now is a full sweep, and if so
// counts it done.
func (o *Operator) sweepDue(now time.Time) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	if !o.sweptAt.IsZero() && now.Sub(o.sweptAt) < o.cfg.SweepEvery {
		return false
	}
	o.sweptAt = now
	return true
}

// applyAll applies each intent of due and stores when it is due next. One
// intent's failure must not hold up the others; a failed intent is tried
// again at the next pass (one given up on too: it says so at every pass).
func (o *Operator) applyAll(ctx context.Context, due []market.Due) error {
	var errs []error
	for _, d := range due {
		next, err := o.Apply(ctx, d.IntentID)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			errs = append(errs, fmt.Errorf("intent %s: %w", d.IntentID, err))
			next = o.cfg.Clock.Now()
		}
		if !next.IsZero() && next.Equal(d.At) {
			continue // as scheduled already
		}
		if err := o.cfg.Store.Reschedule(ctx, d, next); err != nil {
			errs = append(errs, fmt.Errorf("intent %s: %w", d.IntentID, err))
		}
	}
	return errors.Join(errs...)
}

// Run ticks every interval until ctx ends, while it holds the operator's
// lock: of several servers on one database, one drives the intents. Each
// time it takes the lock, its first pass is a full sweep: the last holder
// may have died in the middle of one.
func (o *Operator) Run(ctx context.Context, interval time.Duration) {
	name := fmt.Sprintf("axl-operator:%s:%s", o.cfg.Contracts.ChainID, o.cfg.Contracts.Addresses.Escrow.Hex())
	market.Singleton(ctx, o.cfg.Store, name, interval, o.log, func(ctx context.Context) {
		o.mu.Lock()
		o.sweptAt = time.Time{}
		o.mu.Unlock()
		market.Every(ctx, interval, o.log, "operator pass", o.Tick)
	})
}

// Apply re-derives one intent from the chain and relays what is due:
// funding not yet relayed, cancel when the buyer asked, refund once the
// deadline passed with no result, assign once every slot is staked. It
// returns when the intent is next due by time alone (zero: only a change
// makes it due: a chain event, a request, a failed transaction).
func (o *Operator) Apply(ctx context.Context, id market.Hash) (time.Time, error) {
	now := o.cfg.Clock.Now()
	in, view, err := o.cfg.Store.ApplyChain(ctx, id, now)
	if err != nil {
		return time.Time{}, err
	}
	next, err := o.relay(ctx, &in, view, now)
	if !in.State.Final() {
		// Whatever it waits for, an intent is looked at when its refund
		// is due.
		next = market.Earliest(now, next, in.Deadline.Add(o.cfg.RefundGrace))
	}
	return next, err
}

// relay relays what is due of a derived intent, and says when it is next
// due by time alone.
func (o *Operator) relay(ctx context.Context, in *market.Intent, view market.ChainView, now time.Time) (time.Time, error) {
	id := in.ID
	cancel, err := o.cfg.Store.CancelRequested(ctx, id)
	if err != nil {
		return time.Time{}, err
	}
	if !view.Funded && in.State == market.IntentFunding {
		if !now.Before(in.Deadline.Add(o.cfg.RefundGrace)) {
			// The escrow opens no intent past its deadline: it never will be funded.
			return time.Time{}, o.failUnfunded(ctx, in, "not funded by the deadline", now)
		}
		if !cancel {
			// A funding the chain refused (the buyer spent its tokens, say) is
			// not tried again: the intent fails at once, saying why, rather
			// than stay active until its deadline.
			txs, err := o.cfg.Store.TxsOfIntent(ctx, id)
			if err != nil {
				return time.Time{}, err
			}
			for _, tx := range txs {
				if tx.Kind == market.TxFund && tx.Failed() {
					return time.Time{}, o.failUnfunded(ctx, in, "the funding transaction failed: "+tx.Error, now)
				}
			}
			// POST /intents enqueued it already, unless it failed on the way.
			err = o.Fund(ctx, *in)
			if k := market.ErrorKind(err); k == market.KindInvalid || k == market.KindBadSignature {
				// Nor is a funding that cannot be relayed at all.
				return time.Time{}, o.failUnfunded(ctx, in, "the funding cannot be relayed: "+market.ErrorMessage(err), now)
			}
			return time.Time{}, err
		}
	}
	if !view.Funded {
		return time.Time{}, nil
	}
	if view.Cancelled || view.Refunded || view.Released {
		return time.Time{}, o.payout(ctx, *in, view)
	}
	t, err := o.Terms(*in)
	if err != nil {
		return time.Time{}, err
	}
	slots := in.Spec.Slots()
	workers := addresses(view.SlotWorkers(slots))
	switch {
	case view.Resolved:
		// A resolution is final: the release may follow at once.
		return time.Time{}, o.once(ctx, "release:"+id.String(), market.TxRelease, id, o.cfg.Contracts.Release(t, workers))
	case view.Submitted:
		head, err := o.cfg.ChainTime(ctx)
		if err != nil {
			return time.Time{}, err
		}
		if end := time.Unix(int64(view.WindowEnd), 0); head.Before(end) {
			// The chain's clock, not ours, closes the window.
			return now.Add(end.Sub(head)), nil
		}
		return time.Time{}, o.once(ctx, "release:"+id.String(), market.TxRelease, id, o.cfg.Contracts.Release(t, workers))
	}
	if view.Assigned && o.cfg.Referee != nil {
		next, err := o.verify(ctx, *in, view, t, workers)
		if !errors.Is(err, errGaveUp) || now.Before(in.Deadline.Add(o.cfg.RefundGrace)) {
			return next, err
		}
		// The ruling could not be sent: anyone's refund remains, which
		// returns the stakes of the slots recorded as delivered.
		o.log.Error("the ruling could not be sent; refunding", "intent", id, "err", err)
		return time.Time{}, o.once(ctx, "refund:"+id.String(), market.TxRefund, id, o.cfg.Contracts.Refund(t, workers))
	}
	switch {
	case !now.Before(in.Deadline):
		if now.Before(in.Deadline.Add(o.cfg.RefundGrace)) {
			return in.Deadline.Add(o.cfg.RefundGrace), nil
		}
		return time.Time{}, o.once(ctx, "refund:"+id.String(), market.TxRefund, id, o.cfg.Contracts.Refund(t, workers))
	case view.Assigned:
		return in.Deadline, nil // no referee: the deadline's refund
	case cancel:
		return time.Time{}, o.once(ctx, "cancel:"+id.String(), market.TxCancel, id, o.cfg.Contracts.Cancel(t, workers))
	case view.FullyStaked(slots):
		// The seed is the hash of the block that confirmed the last stake:
		// no worker chooses it, and every party can check it.
		return time.Time{}, o.once(ctx, "assign:"+id.String(), market.TxAssign, id,
			o.cfg.Contracts.Assign(t, workers, common.Hash(view.LastStake.Hash)))
	}
	return in.Deadline, nil // waiting for stakes until the deadline
}

// payout relays, once, the payment of what a settled intent credited its
// buyer and its stakers: one withdrawFor of every party, which pays each
// whatever the escrow holds for it (a party that withdrew already is
// skipped by the contract).
func (o *Operator) payout(ctx context.Context, in market.Intent, view market.ChainView) error {
	if o.cfg.NoPayouts {
		return nil
	}
	token, err := o.token(in.Token)
	if err != nil {
		return err
	}
	parties := []common.Address{common.Address(in.Buyer)}
	for _, w := range view.SlotWorkers(in.Spec.Slots()) {
		if w != (market.Address{}) && !slices.Contains(parties, common.Address(w)) {
			parties = append(parties, common.Address(w))
		}
	}
	return o.once(ctx, "payout:"+in.ID.String(), market.TxPayout, in.ID, o.cfg.Contracts.WithdrawFor(token, parties))
}

// failUnfunded makes an intent that is still funding failed, saying why.
func (o *Operator) failUnfunded(ctx context.Context, in *market.Intent, reason string, now time.Time) error {
	done, err := o.cfg.Store.FailUnfunded(ctx, in.ID, reason, now)
	if done {
		in.State = market.IntentFailed
	}
	return err
}

// verify asks the referee what an assigned job is due by the rulebook and
// relays it: the delivered slots recorded once the reveal phase is over
// (so that even a refund returns their stakes), then the result or the
// ruling.
func (o *Operator) verify(ctx context.Context, in market.Intent, view market.ChainView, t escrow.Terms, workers []common.Address) (time.Time, error) {
	d, err := o.cfg.Referee.Decide(ctx, in)
	if err != nil {
		return time.Time{}, err
	}
	return d.Next, o.relayDecision(ctx, in, view, t, workers, d)
}

// relayDecision relays what the referee's decision calls for.
func (o *Operator) relayDecision(ctx context.Context, in market.Intent, view market.ChainView, t escrow.Terms, workers []common.Address,
	d market.Decision) error {
	r := d.Result
	r.JobID, r.DecidedAt = in.ID, o.cfg.Clock.Now()
	id := in.ID
	switch d.Action {
	case market.Submit:
		if err := o.cfg.Referee.Record(ctx, r); err != nil {
			return err
		}
		o.log.Info("submitting the result", "intent", id, "why", d.Why, "weights", r.Weights, "trace_root", r.TraceRoot)
		return o.once(ctx, "submit:"+id.String(), market.TxSubmitResult, id,
			o.cfg.Contracts.SubmitResult(t, common.Hash(r.Weights), common.Hash(r.TraceRoot), r.DeliveredMask))
	case market.Resolve:
		if err := o.cfg.Referee.Record(ctx, r); err != nil {
			return err
		}
		o.log.Info("resolving", "intent", id, "why", d.Why, "guilty", d.Guilty, "refund", d.Refund(),
			"delivered_mask", r.DeliveredMask, "losing_mask", r.LosingMask)
		return o.onceFrom(ctx, o.cfg.Arbiter, "resolve:"+id.String(), market.TxResolve, id,
			o.cfg.Contracts.Resolve(t, workers, r.LosingMask, r.DeliveredMask, common.Hash(r.Weights), common.Hash(r.TraceRoot)))
	}
	if d.Revealed != 0 && view.Delivered&d.Revealed != d.Revealed {
		o.log.Info("recording the delivered slots", "intent", id, "mask", d.Revealed)
		return o.once(ctx, "deliver:"+id.String(), market.TxRecordDelivery, id, o.cfg.Contracts.RecordDelivery(t, d.Revealed))
	}
	return nil
}

// errGaveUp is returned by once when a call failed MaxRetries times.
var errGaveUp = errors.New("operator: gave up after repeated failures")

// once relays call under key unless a transaction of that key is queued,
// sent or mined; a refused one (the chain moved under it) is tried again
// under key:n, at most MaxRetries times.
func (o *Operator) once(ctx context.Context, key string, kind market.TxKind, id market.Hash, call escrow.Call) error {
	return o.onceFrom(ctx, o.cfg.Relayer, key, kind, id, call)
}

// onceFrom is once through the given relayer. Giving up is loud: the last
// refused transaction of the key becomes abandoned, saying so, which is an
// entry in the intent's event log and its status in GET /intents/{id}.
func (o *Operator) onceFrom(ctx context.Context, relayer *escrow.Relayer, key string, kind market.TxKind, id market.Hash, call escrow.Call) error {
	txs, err := o.cfg.Store.TxsOfIntent(ctx, id)
	if err != nil {
		return err
	}
	var (
		failed int
		last   market.Tx
	)
	for _, tx := range txs {
		if tx.Key != key && !strings.HasPrefix(tx.Key, key+":") {
			continue
		}
		if !tx.Failed() {
			return nil
		}
		failed++
		last = tx
	}
	if failed > o.cfg.MaxRetries {
		err := fmt.Errorf("%s: %w (%d refused transactions)", key, errGaveUp, failed)
		if last.Status == market.TxFailed {
			o.log.Error("giving up a call", "intent", id, "key", key, "refused", failed, "last_error", last.Error)
			reason := fmt.Sprintf("the operator gave up after %d refused transactions", failed)
			if aerr := o.cfg.Store.AbandonTx(ctx, last.ID, reason); aerr != nil {
				return errors.Join(err, aerr)
			}
		}
		return err
	}
	if failed > 0 {
		key = fmt.Sprintf("%s:%d", key, failed)
	}
	_, err = relayer.Enqueue(ctx, key, kind, common.Hash(id), call)
	return err
}

func addresses(in []market.Address) []common.Address {
	out := make([]common.Address, len(in))
	for i, a := range in {
		out[i] = common.Address(a)
	}
	return out
}
