package referee

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/market/blobstore"
)

// Store is what the referee reads and writes.
type Store interface {
	market.Ledger
	market.Verification
}

// GameInput is one match to play: two slots of one rank in two replicas
// (or, for a spot check, one slot), with what the game needs to rule.
type GameInput struct {
	Intent  market.Intent
	Dispute market.Dispute
	// Reports are every slot's reports: placements, revealed roots.
	Reports []market.SlotReport
	// Asker questions any slot of the job: a game may question the sender
	// of a gossip message as well as the two parties.
	Asker func(slot uint32) *SlotAsker
	// Base and Data are the bytes of the base model and the dataset;
	// Tokenizer the tokenizer's, when the spec names one.
	Base, Data []byte
	Tokenizer  []byte
}

// Game plays one match to its ruling. Its transcript must let anyone
// re-check the ruling. An error means the referee could not rule (its own
// failure, not a party's): the match is tried again after
// Rules.RetryAfter, at most Rules.RefereeTries times in all.
type Game func(ctx context.Context, in GameInput) (transcript json.RawMessage, ruling market.Ruling, err error)

// Config configures a Referee.
type Config struct {
	Store Store
	Blobs *blobstore.Store
	Clock market.Clock
	// Rules is the verification policy: the phases, and how often a game
	// may fail.
	Rules market.Rules
	// Question bounds each answer of a worker (default one minute).
	Question time.Duration
	// Poll is how often an asker reads the store for an answer.
	Poll time.Duration
	// Play is the dispute game; Spot the spot check of one slot of a
	// single-replica job.
	Play, Spot Game
	Logger     *slog.Logger
}

// Referee runs the games of the jobs it is asked about, each in a
// goroutine of its own, and decides what each job's escrow is due.
type Referee struct {
	cfg     Config
	base    context.Context
	log     *slog.Logger
	mu      sync.Mutex
	running map[int64]bool
	wg      sync.WaitGroup
}

// New returns a referee whose games run until ctx ends.
func New(ctx context.Context, cfg Config) *Referee {
	if cfg.Clock == nil {
		cfg.Clock = market.SystemClock{}
	}
	if cfg.Question <= 0 {
		cfg.Question = time.Minute
	}
	cfg.Rules = cfg.Rules.WithDefaults()
	logger := cfg.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Referee{cfg: cfg, base: ctx, log: logger.With("component", "referee"), running: map[int64]bool{}}
}

// Wait waits for the running games to end (after the context of New).
func (r *Referee) Wait() { r.wg.Wait() }

// Decide says what an assigned job's escrow is due by the rulebook, and
// starts the games it calls for (and any open game not running in this
// process, after a restart or once a failed try's RetryAfter has passed).
func (r *Referee) Decide(ctx context.Context, in market.Intent) (market.Decision, error) {
	reports, err := r.cfg.Store.SlotReports(ctx, in.ID)
	if err != nil {
		return market.Decision{}, err
	}
	disputes, err := r.cfg.Store.Disputes(ctx, in.ID)
	if err != nil {
		return market.Decision{}, err
	}
	now := r.cfg.Clock.Now()
	d, err := r.cfg.Rules.Decide(in, reports, disputes, now)
	if err != nil {
		return d, err
	}
	var open [][]uint32
	switch d.Action {
	case market.Play:
		for _, m := range d.Matches {
			open = append(open, m.Slots[:])
		}
	case market.SpotCheck:
		for _, s := range d.Spot {
			open = append(open, []uint32{s})
		}
	}
	rank := map[uint32]uint32{}
	for _, rep := range reports {
		rank[rep.Slot] = rep.Rank
	}
	for _, slots := range open {
		ds, err := r.cfg.Store.SaveDispute(ctx, market.Dispute{JobID: in.ID, Rank: rank[slots[0]], Slots: slots,
			State: market.DisputeOpen, CreatedAt: now})
		if err != nil {
			return d, err
		}
		disputes = append(disputes, ds)
		r.log.Info("game opened", "intent", in.ID, "dispute", ds.ID, "slots", slots, "why", d.Why)
	}
	for _, ds := range disputes {
		if ds.State == market.DisputeOpen && (ds.FailedAt.IsZero() || !now.Before(ds.FailedAt.Add(r.cfg.Rules.RetryAfter))) {
			r.start(in, ds, reports)
		}
	}
	return d, nil
}

// Record stores the result the operator sends to the chain; recording the
// same result again is no error (a pass repeated after a restart).
func (r *Referee) Record(ctx context.Context, res market.Result) error {
	err := r.cfg.Store.SaveResult(ctx, res)
	if market.ErrorKind(err) == market.KindConflict {
		old, gerr := r.cfg.Store.Result(ctx, res.JobID)
		if gerr == nil && old.Weights == res.Weights && old.TraceRoot == res.TraceRoot &&
			old.DeliveredMask == res.DeliveredMask && old.LosingMask == res.LosingMask {
			return nil
		}
	}
	return err
}

func (r *Referee) start(in market.Intent, ds market.Dispute, reports []market.SlotReport) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.running[ds.ID] {
		return
	}
	r.running[ds.ID] = true
	r.wg.Go(func() {
		defer func() {
			r.mu.Lock()
			delete(r.running, ds.ID)
			r.mu.Unlock()
		}()
		err := r.play(r.base, in, ds, reports)
		if err == nil || r.base.Err() != nil {
			return
		}
		if err := r.fail(r.base, ds, err); err != nil && r.base.Err() == nil {
			r.log.Error("game failure not recorded", "intent", in.ID, "dispute", ds.ID, "err", err)
		}
	})
}

// fail records a failed try at a game; the last allowed try rules it
// failed, which convicts nobody.
func (r *Referee) fail(ctx context.Context, ds market.Dispute, cause error) error {
	now := r.cfg.Clock.Now()
	ds.Attempts++
	ds.LastError, ds.FailedAt = cause.Error(), now
	if ds.Attempts >= r.cfg.Rules.RefereeTries {
		b, err := json.Marshal(market.Ruling{Guilty: []uint32{}, Reasons: []string{},
			Failed: fmt.Sprintf("%d tries failed, the last: %v", ds.Attempts, cause)})
		if err != nil {
			return err
		}
		ds.State, ds.Ruling, ds.RuledAt = market.DisputeRuled, b, now
		r.log.Error("game ruled failed: nobody is convicted", "intent", ds.JobID, "dispute", ds.ID, "tries", ds.Attempts, "err", cause)
	} else {
		r.log.Warn("game failed; it will be tried again", "intent", ds.JobID, "dispute", ds.ID, "try", ds.Attempts,
			"of", r.cfg.Rules.RefereeTries, "after", r.cfg.Rules.RetryAfter, "err", cause)
	}
	_, err := r.cfg.Store.SaveDispute(ctx, ds)
	return err
}

func (r *Referee) play(ctx context.Context, in market.Intent, ds market.Dispute, reports []market.SlotReport) error {
	game, what := r.cfg.Play, "dispute"
	if len(ds.Slots) == 1 {
		game, what = r.cfg.Spot, "spot check"
	}
	if game == nil {
		return fmt.Errorf("no %s game configured", what)
	}
	base, err := r.read(in.Spec.BaseModel)
	if err != nil {
		return err
	}
	data, err := r.read(in.Spec.Dataset)
	if err != nil {
		return err
	}
	var tok []byte
	if in.Spec.Tokenizer != (market.ArtifactID{}) {
		if tok, err = r.read(in.Spec.Tokenizer); err != nil {
			return err
		}
	}
	start := time.Now()
	r.log.Info(what+" started", "intent", in.ID, "dispute", ds.ID, "rank", ds.Rank, "slots", ds.Slots)
	transcript, ruling, err := game(ctx, GameInput{Intent: in, Dispute: ds, Reports: reports, Base: base, Data: data, Tokenizer: tok,
		Asker: func(slot uint32) *SlotAsker {
			return &SlotAsker{Store: r.cfg.Store, Clock: r.cfg.Clock, JobID: in.ID, Slot: slot, Timeout: r.cfg.Question, Poll: r.cfg.Poll}
		}})
	if err != nil {
		return err
	}
	ds.Transcript = transcript
	if ds.Ruling, err = json.Marshal(ruling); err != nil {
		return err
	}
	ds.State, ds.RuledAt = market.DisputeRuled, r.cfg.Clock.Now()
	if _, err := r.cfg.Store.SaveDispute(ctx, ds); err != nil {
		return err
	}
	r.log.Info(what+" ruled", "intent", in.ID, "dispute", ds.ID, "guilty_slots", ruling.Guilty, "reasons", ruling.Reasons,
		"took", time.Since(start).Round(time.Millisecond))
	return nil
}

func (r *Referee) read(id market.ArtifactID) ([]byte, error) { return readBlob(r.cfg.Blobs, id) }
