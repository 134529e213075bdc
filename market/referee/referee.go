package referee

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"

	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/market/blobstore"
)

// Store is what the referee reads and writes.
type Store interface {
	market.Jobs
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
	// Base and Data are the bytes of the base model and the dataset.
	Base, Data []byte
}

// Game plays one match to its ruling. Its transcript must let anyone
// re-check the ruling. An error means the referee could not rule (its own
// failure, not a party's): the match is played again later.
type Game func(ctx context.Context, in GameInput) (transcript json.RawMessage, ruling Ruling, err error)

// Config configures a Referee.
type Config struct {
	Store    Store
	Blobs    *blobstore.Store
	Clock    market.Clock
	Timeouts Timeouts
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
	if cfg.Timeouts.Commit <= 0 {
		cfg.Timeouts.Commit = 10 * time.Minute
	}
	if cfg.Timeouts.Reveal <= 0 {
		cfg.Timeouts.Reveal = 5 * time.Minute
	}
	logger := cfg.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Referee{cfg: cfg, base: ctx, log: logger.With("component", "referee"), running: map[int64]bool{}}
}

// Wait waits for the running games to end (after the context of New).
func (r *Referee) Wait() { r.wg.Wait() }

// Decide says what an assigned job's escrow is due, and starts the games a
// disagreement calls for (and any open game not running in this process,
// after a restart).
func (r *Referee) Decide(ctx context.Context, in market.Intent) (Decision, error) {
	reports, err := r.cfg.Store.SlotReports(ctx, in.ID)
	if err != nil {
		return Decision{}, err
	}
	disputes, err := r.cfg.Store.Disputes(ctx, in.ID)
	if err != nil {
		return Decision{}, err
	}
	d, err := Decide(in.Spec, reports, disputes, r.cfg.Clock.Now(), r.cfg.Timeouts)
	if err != nil {
		return d, err
	}
	switch d.Action {
	case Play:
		for _, m := range d.Matches {
			ds, err := r.cfg.Store.SaveDispute(ctx, market.Dispute{JobID: in.ID, Rank: m.Rank, Slots: m.Slots[:],
				State: market.DisputeOpen, CreatedAt: r.cfg.Clock.Now()})
			if err != nil {
				return d, err
			}
			disputes = append(disputes, ds)
			r.log.Info("dispute opened", "intent", in.ID, "rank", m.Rank, "slots", m.Slots)
		}
	case SpotCheck:
		have := map[uint32]bool{}
		for _, ds := range disputes {
			if len(ds.Slots) == 1 {
				have[ds.Slots[0]] = true
			}
		}
		for _, rep := range reports {
			if have[rep.Slot] {
				continue
			}
			ds, err := r.cfg.Store.SaveDispute(ctx, market.Dispute{JobID: in.ID, Rank: rep.Rank, Slots: []uint32{rep.Slot},
				State: market.DisputeOpen, CreatedAt: r.cfg.Clock.Now()})
			if err != nil {
				return d, err
			}
			disputes = append(disputes, ds)
		}
	}
	for _, ds := range disputes {
		if ds.State == market.DisputeOpen {
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
		if err := r.play(r.base, in, ds, reports); err != nil && r.base.Err() == nil {
			r.log.Error("dispute not ruled; it will be played again", "intent", in.ID, "dispute", ds.ID, "err", err)
		}
	})
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
	start := time.Now()
	r.log.Info(what+" started", "intent", in.ID, "dispute", ds.ID, "rank", ds.Rank, "slots", ds.Slots)
	transcript, ruling, err := game(ctx, GameInput{Intent: in, Dispute: ds, Reports: reports, Base: base, Data: data,
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

func (r *Referee) read(id market.ArtifactID) ([]byte, error) {
	if r.cfg.Blobs == nil {
		return nil, errors.New("referee: no blob store to read the job's inputs from")
	}
	f, err := r.cfg.Blobs.Open(id)
	if err != nil {
		return nil, fmt.Errorf("referee: artifact %s: %w", id, err)
	}
	defer f.Close()
	return io.ReadAll(f)
}
