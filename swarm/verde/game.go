package verde

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/axl-market/axl/swarm/jobplan"
	"github.com/axl-market/axl/swarm/model"
	"github.com/axl-market/axl/swarm/noloco"
	"github.com/axl-market/axl/swarm/ree"
	"github.com/axl-market/axl/swarm/train"
)

// Setup is what the referee needs for the game between the two slots of
// one rank in two replicas.
type Setup struct {
	// Job is the job's id as the workers' runs name it (noloco.Config.Job,
	// in every gossip message).
	Job string
	// Plan, Base, Data and Tokenizer fix the computation: the job's plan,
	// the base model's safetensors bytes, the dataset's bytes and, when
	// the plan names one, the tokenizer's (jobplan.Plan.Dataset).
	Plan       jobplan.Plan
	Base, Data []byte
	Tokenizer  []byte
	// Rank is the rank disputed; Replicas are the two replicas, A and B.
	Rank     int
	Replicas [2]int
	// Reveals holds the revealed root of every slot of the job that
	// revealed: the game proves a gossip sender's leaves against its own.
	Reveals map[Slot]Reveal
	// Askers reaches any slot of the job: the two disputants, and the
	// senders of the messages they received.
	Askers func(Slot) Asker
	// Timeout bounds each question, on top of the askers' own deadlines
	// (default: one hour, i.e. the askers decide).
	Timeout time.Duration
	// Pool runs the referee's recomputations (default: one thread).
	Pool *ree.Pool
}

// maxDepth bounds the chain of senders' disputes a game may follow.
const maxDepth = 64

// Judge plays the referee's game between the slots of s.Rank in replicas
// s.Replicas[0] (A) and [1] (B), whose revealed roots differ: bisection of
// the two traces to the earliest diverging leaf, then by that leaf's kind,
//   - an inner step's checkpoint: both parties' operator records of the
//     step, bisected to the first diverging operator, which the referee
//     recomputes on the agreed inputs (JudgeOp); or, if the records agree,
//     the link between them and each party's committed state after;
//   - a message sent: the message against the sender's committed state
//     (φ its slow weights, Δ = θ − φ with θ its checkpoint);
//   - a message received: against what the sender committed to have sent,
//     and that against the sender's state; if both messages are what their
//     senders' states give, the senders' own dispute decides;
//   - an outer step or the final average: recomputed from the agreed inputs.
//
// A party that does not answer, or answers against its own commitment, is
// guilty. The error is the referee's own trouble (a bad setup), or
// ErrNoDispute for equal roots.
func Judge(ctx context.Context, s Setup) (*Transcript, *Ruling, error) {
	if ctx.Err() != nil {
		// A stopped referee asks nothing: no question outlives the call.
		return nil, nil, fmt.Errorf("verde: the game stopped: %w", context.Cause(ctx))
	}
	g, err := newGame(s)
	if err != nil {
		return nil, nil, err
	}
	t, guilty, err := g.judge(ctx, s.Rank, 0)
	g.calls.Wait() // a question given up on is logged before the transcript is handed over
	if ctx.Err() != nil {
		// The referee stopped: its questions went unanswered, not the parties'.
		return t, nil, fmt.Errorf("verde: the game stopped: %w", context.Cause(ctx))
	}
	if err != nil {
		return t, nil, err
	}
	return t, &Ruling{Guilty: guilty}, nil
}

// game is the referee's state in one game.
type game struct {
	s        Setup
	cfg      model.Config
	lora     *model.LoRA // a LoRA job's adapter settings, or nil
	specs    []model.ParamSpec
	size     int // weights trained: the model's, or a LoRA's adapter's
	timeout  time.Duration
	mu       sync.Mutex     // guards the transcripts' exchanges and checks
	calls    sync.WaitGroup // the questions in flight
	trainers map[int]*train.Trainer
	data     *train.Dataset // the job's token stream, built once
	initial  map[int]Hash   // the state at step 0, by rank
	layouts  map[int][]noloco.TraceEntry
}

func newGame(s Setup) (*game, error) {
	if s.Askers == nil {
		return nil, errors.New("verde: a game needs askers")
	}
	if s.Pool == nil {
		s.Pool = ree.NewPool(1)
	}
	g := &game{s: s, timeout: s.Timeout, trainers: map[int]*train.Trainer{}, initial: map[int]Hash{}, layouts: map[int][]noloco.TraceEntry{}}
	if g.timeout <= 0 {
		g.timeout = time.Hour
	}
	if s.Rank < 0 || s.Rank >= s.Plan.Workers {
		return nil, fmt.Errorf("verde: rank %d of %d workers", s.Rank, s.Plan.Workers)
	}
	var err error
	if g.data, err = s.Plan.Dataset(s.Data, s.Tokenizer); err != nil {
		return nil, fmt.Errorf("verde: the referee's dataset: %w", err)
	}
	tr, err := g.trainer(s.Rank)
	if err != nil {
		return nil, err
	}
	for r := range s.Plan.Workers { // read by both sides at once later
		g.layouts[r] = noloco.Layout(s.Plan.NoLoCo(s.Job, 0, r), s.Plan.Steps)
	}
	g.cfg = tr.Model().Config
	g.specs = g.cfg.Params()
	if a := tr.Adapter(); a != nil {
		g.lora, g.specs = &a.LoRA, a.LoRA.Params(g.cfg)
	}
	for _, p := range tr.Trained() {
		g.size += p.Len()
	}
	return g, nil
}

// trainer returns the referee's trainer of rank: its program, batches and
// initial state.
func (g *game) trainer(rank int) (*train.Trainer, error) {
	if tr, ok := g.trainers[rank]; ok {
		return tr, nil
	}
	tr, err := g.s.Plan.Trainer(g.s.Base, g.data, rank, g.s.Pool)
	if err != nil {
		return nil, fmt.Errorf("verde: the referee's trainer: %w", err)
	}
	g.trainers[rank], g.initial[rank] = tr, Hash(tr.Checkpoint().Hash())
	return tr, nil
}

// layout is the trace every worker of rank must have.
func (g *game) layout(rank int) []noloco.TraceEntry { return g.layouts[rank] }

// sides runs f for the two sides at once and gathers the verdicts: those
// f returns, and a fault f returns as its slot's verdict, one per slot.
// Any other error is the referee's, and wins.
func (g *game) sides(f func(side int) ([]Verdict, error)) ([]Verdict, error) {
	var vs [2][]Verdict
	var errs [2]error
	both(func(s int) { vs[s], errs[s] = f(s) })
	var out []Verdict
	for s := range 2 {
		var ft *fault
		switch {
		case errors.As(errs[s], &ft):
			vs[s] = append(vs[s], Verdict{ft.slot, ft.reason})
		case errs[s] != nil:
			return nil, errs[s]
		}
		for _, v := range vs[s] {
			if !slices.ContainsFunc(out, func(w Verdict) bool { return w.Slot == v.Slot }) {
				out = append(out, v)
			}
		}
	}
	return out, nil
}

// addFLOPs counts recomputation in t.
func (g *game) addFLOPs(t *Transcript, f float64) {
	g.mu.Lock()
	t.FLOPs += f
	g.mu.Unlock()
}

// call puts one question to slot within the timeout and logs it in t. A
// missing answer is the slot's fault.
func (g *game) call(ctx context.Context, t *Transcript, slot Slot, kind string, args any) (json.RawMessage, error) {
	g.calls.Add(1)
	defer g.calls.Done()
	a, err := json.Marshal(args)
	if err != nil {
		return nil, err
	}
	asker := g.s.Askers(slot)
	var ans json.RawMessage
	if asker == nil {
		err = errors.New("no way to reach the slot")
	} else {
		ans, err = ask(ctx, g.timeout, func(ctx context.Context) (json.RawMessage, error) {
			return asker.Ask(ctx, Question{Kind: kind, Args: a})
		})
	}
	ex := Exchange{Slot: slot, Kind: kind, Args: a, Bytes: len(ans)}
	switch {
	case err != nil:
		ex.Error = err.Error()
	case len(ans) <= maxKept:
		ex.Answer = ans
	default:
		h := Hash(sha256.Sum256(ans))
		ex.AnswerSHA256 = &h
	}
	g.mu.Lock()
	t.Exchanges = append(t.Exchanges, ex)
	t.Rounds++
	t.Bytes += int64(len(ans))
	g.mu.Unlock()
	if err != nil {
		return nil, faultf(slot, "no answer to %s %s: %v", kind, a, err)
	}
	return ans, nil
}

// get is call with the answer decoded into out.
func (g *game) get(ctx context.Context, t *Transcript, slot Slot, kind string, args, out any) error {
	ans, err := g.call(ctx, t, slot, kind, args)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(ans))
	dec.DisallowUnknownFields()
	if err := dec.Decode(out); err != nil {
		return faultf(slot, "an answer to %s that is not one: %v", kind, err)
	}
	return nil
}

// check records a comparison in t and reports whether it held.
func (g *game) check(t *Transcript, slot *Slot, what string, want, got Hash) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	t.Checks = append(t.Checks, Check{Slot: slot, What: what, Want: want, Got: got, OK: want == got})
	return want == got
}

// judge plays the game of rank; depth counts the senders' disputes above.
func (g *game) judge(ctx context.Context, rank, depth int) (*Transcript, []Verdict, error) {
	t := &Transcript{Job: g.s.Job, Rank: rank}
	if _, err := g.trainer(rank); err != nil {
		return t, nil, err
	}
	layout := g.layout(rank)
	var guilty []Verdict
	for side, r := range g.s.Replicas {
		t.Slots[side] = Slot{r, rank}
		rev, ok := g.s.Reveals[t.Slots[side]]
		if !ok {
			return t, nil, fmt.Errorf("verde: %v has not revealed", t.Slots[side])
		}
		t.Roots[side], t.Leaves[side] = rev.Root, rev.Leaves
		if rev.Leaves != len(layout) {
			guilty = append(guilty, Verdict{t.Slots[side], fmt.Sprintf("revealed a trace of %d leaves, the job's has %d", rev.Leaves, len(layout))})
		}
	}
	if len(guilty) > 0 {
		return t, guilty, nil
	}
	if t.Roots[0] == t.Roots[1] {
		return t, nil, ErrNoDispute
	}
	pa, pb := &traceParty{g, t, t.Slots[0]}, &traceParty{g, t, t.Slots[1]}
	out, err := Bisect(ctx, len(layout), t.Roots[0], t.Roots[1], pa, pb, g.timeout+time.Second)
	if err != nil {
		return t, nil, err
	}
	t.Trace = &out
	if len(out.Faults) > 0 {
		return t, g.faults(t, out.Faults), nil
	}
	i, want := out.Index, layout[out.Index]
	var entries [2]noloco.TraceEntry
	for side, leaf := range [][]byte{out.LeafA, out.LeafB} {
		e, err := noloco.DecodeEntry(leaf)
		if err != nil || e.Step != want.Step || e.Kind != want.Kind || e.Peer != want.Peer {
			guilty = append(guilty, Verdict{t.Slots[side], fmt.Sprintf("leaf %d is not the job's %s of step %d", i, want.Kind, want.Step)})
		}
		entries[side] = e
	}
	if len(guilty) > 0 {
		return t, guilty, nil
	}
	t.Leaf = &DisputedLeaf{Index: i, Step: want.Step, Kind: want.Kind.String(), Peer: want.Peer, A: Hash(entries[0].Hash), B: Hash(entries[1].Hash)}
	var v []Verdict
	switch {
	case i == 0:
		v, err = g.initialState(t, entries)
	case want.Kind == noloco.EntryCheckpoint:
		v, err = g.innerStep(ctx, t, i, entries)
	case want.Kind == noloco.EntrySent:
		v, err = g.sent(ctx, t, i, entries)
	case want.Kind == noloco.EntryReceived:
		v, err = g.received(ctx, t, i, entries, depth)
	case want.Kind == noloco.EntryOuter:
		v, err = g.outerStep(ctx, t, i, entries)
	case want.Kind == noloco.EntryFinal:
		v, err = g.finalAverage(ctx, t, i, entries)
	}
	if f := (*fault)(nil); errors.As(err, &f) {
		return t, []Verdict{{f.slot, f.reason}}, nil
	}
	if err == nil && len(v) == 0 {
		err = fmt.Errorf("verde: leaf %d differs, yet both sides pass every check", i)
	}
	return t, v, err
}

// faults turns the faults of a bisection into verdicts.
func (g *game) faults(t *Transcript, fs []Fault) []Verdict {
	var v []Verdict
	for _, f := range fs {
		v = append(v, Verdict{t.Slots[f.Side], f.Reason})
	}
	return v
}
