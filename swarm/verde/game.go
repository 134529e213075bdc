package verde

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"
	"time"

	"github.com/axl-market/axl/swarm/job"
	"github.com/axl-market/axl/swarm/model"
	"github.com/axl-market/axl/swarm/noloco"
	"github.com/axl-market/axl/swarm/ree"
	"github.com/axl-market/axl/swarm/train"
)

// Slot is a worker's place in a job: its replica and its rank in it.
type Slot struct {
	Replica int `json:"replica"`
	Rank    int `json:"rank"`
}

// String names the slot in verdicts and logs: "replica 1 rank 0".
func (s Slot) String() string { return fmt.Sprintf("replica %d rank %d", s.Replica, s.Rank) }

// Reveal is what a slot revealed: its trace root and its number of leaves.
type Reveal struct {
	Root   Hash `json:"root"`
	Leaves int  `json:"leaves"`
}

// Setup is what the referee needs for the game between the two slots of
// one rank in two replicas.
type Setup struct {
	// Job is the job's id as the workers' runs name it (noloco.Config.Job,
	// in every gossip message).
	Job string
	// Plan, Base and Data fix the computation: the job's plan, the base
	// model's safetensors bytes, the dataset's bytes.
	Plan       job.Plan
	Base, Data []byte
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

// Verdict is one slot found guilty, and why.
type Verdict struct {
	Slot
	Reason string `json:"reason"`
}

// Ruling is the outcome of a game: the guilty slots. The slots of the
// dispute not listed are cleared.
type Ruling struct {
	Guilty []Verdict `json:"guilty"`
}

// Convicted reports whether s is among the guilty.
func (r *Ruling) Convicted(s Slot) bool {
	return slices.ContainsFunc(r.Guilty, func(v Verdict) bool { return v.Slot == s })
}

// Exchange is one question to one slot and what came of it: the answer
// itself if small, else its size and sha256.
type Exchange struct {
	Slot         Slot            `json:"slot"`
	Kind         string          `json:"kind"`
	Args         json.RawMessage `json:"args"`
	Answer       json.RawMessage `json:"answer,omitempty"`
	AnswerSHA256 *Hash           `json:"answer_sha256,omitempty"`
	Bytes        int             `json:"bytes"`
	Error        string          `json:"error,omitempty"`
}

// maxKept is the largest answer a transcript keeps whole.
const maxKept = 64 << 10

// Check is one comparison the referee made: a hash it derived (Want)
// against one a party stands by (Got).
type Check struct {
	Slot *Slot  `json:"slot,omitempty"`
	What string `json:"what"`
	Want Hash   `json:"want"`
	Got  Hash   `json:"got"`
	OK   bool   `json:"ok"`
}

// DisputedLeaf is the earliest trace leaf on which the two slots differ.
type DisputedLeaf struct {
	Index int    `json:"index"`
	Step  int    `json:"step"`
	Kind  string `json:"kind"`
	Peer  int    `json:"peer"`
	A     Hash   `json:"a"`
	B     Hash   `json:"b"`
}

// Transcript is the record of a game, for anyone to re-check the ruling:
// the two roots, the bisection over the traces, the disputed leaf, the
// bisection over the step's operators and the recomputed operator if it
// came to that, every comparison made and every question asked, and the
// dispute of a gossip sender it had to settle first. Rounds counts the
// questions, Bytes their answers, FLOPs the referee's recomputation
// (sender's dispute included).
type Transcript struct {
	Job       string        `json:"job"`
	Rank      int           `json:"rank"`
	Slots     [2]Slot       `json:"slots"`
	Roots     [2]Hash       `json:"roots"`
	Leaves    [2]int        `json:"leaves"`
	Trace     *Outcome      `json:"trace,omitempty"`
	Leaf      *DisputedLeaf `json:"leaf,omitempty"`
	OpRoots   *[2]Hash      `json:"op_roots,omitempty"`
	OpCount   int           `json:"op_count,omitempty"`
	Ops       *Outcome      `json:"ops,omitempty"`
	Op        *OpRuling     `json:"op,omitempty"`
	Checks    []Check       `json:"checks,omitempty"`
	Exchanges []Exchange    `json:"exchanges"`
	Sender    *Transcript   `json:"sender,omitempty"`
	Rounds    int           `json:"rounds"`
	Bytes     int64         `json:"bytes"`
	FLOPs     float64       `json:"flops"`
}

// Verify re-checks the bisections of a transcript against the roots it
// starts from: every pair of children hashes to the node its party stood
// by, the descent follows the first difference, and the leaves reached hash
// to the nodes they end on. The sender's dispute, if any, is checked too.
func (t *Transcript) Verify() error {
	if t.Trace != nil {
		if err := VerifyBisection(t.Leaves[0], t.Roots[0], t.Roots[1], *t.Trace); err != nil {
			return fmt.Errorf("trace: %w", err)
		}
	}
	if t.Ops != nil && t.OpRoots != nil {
		if err := VerifyBisection(t.OpCount, t.OpRoots[0], t.OpRoots[1], *t.Ops); err != nil {
			return fmt.Errorf("operators: %w", err)
		}
	}
	if t.Sender != nil {
		return t.Sender.Verify()
	}
	return nil
}

// fault is a rule a slot broke: no valid answer, or an answer against its
// own commitment or the job's computation. The slot is guilty.
type fault struct {
	slot   Slot
	reason string
}

func (f *fault) Error() string { return fmt.Sprintf("%v: %s", f.slot, f.reason) }

func faultf(s Slot, format string, args ...any) error {
	return &fault{slot: s, reason: fmt.Sprintf(format, args...)}
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
	specs    []model.ParamSpec
	size     int // weights in the model
	timeout  time.Duration
	mu       sync.Mutex     // guards the transcripts' exchanges and checks
	calls    sync.WaitGroup // the questions in flight
	trainers map[int]*train.Trainer
	initial  map[int]Hash // the state at step 0, by rank
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
	tr, err := g.trainer(s.Rank)
	if err != nil {
		return nil, err
	}
	for r := range s.Plan.Workers { // read by both sides at once later
		g.layouts[r] = noloco.Layout(s.Plan.NoLoCo(s.Job, 0, r), s.Plan.Steps)
	}
	g.cfg = tr.Model().Config
	g.specs = g.cfg.Params()
	for _, p := range tr.Model().Params {
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
	tr, err := g.s.Plan.Trainer(g.s.Base, g.s.Data, rank, g.s.Pool)
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

// traceParty is a slot's side of the bisection of traces.
type traceParty struct {
	g    *game
	t    *Transcript
	slot Slot
}

// Children implements Party by AskTraceChildren.
func (p *traceParty) Children(ctx context.Context, lo, hi int) (Hash, Hash, error) {
	var c Children
	err := p.g.get(ctx, p.t, p.slot, AskTraceChildren, RangeArgs{lo, hi}, &c)
	return c.Left, c.Right, err
}

// LeafData implements Party by AskTraceLeaf.
func (p *traceParty) LeafData(ctx context.Context, i int) ([]byte, error) {
	var l LeafProof
	err := p.g.get(ctx, p.t, p.slot, AskTraceLeaf, IndexArgs{i}, &l)
	return l.Leaf, err
}

// opParty is a slot's side of the bisection of a step's operator records.
type opParty struct {
	g    *game
	t    *Transcript
	slot Slot
	step int
	recs map[int]model.OpRecord
}

// Children implements Party by AskOpChildren.
func (p *opParty) Children(ctx context.Context, lo, hi int) (Hash, Hash, error) {
	var c Children
	err := p.g.get(ctx, p.t, p.slot, AskOpChildren, OpRangeArgs{p.step, lo, hi}, &c)
	return c.Left, c.Right, err
}

// LeafData implements Party by AskOpLeaf, keeping the record.
func (p *opParty) LeafData(ctx context.Context, i int) ([]byte, error) {
	var l OpLeafData
	if err := p.g.get(ctx, p.t, p.slot, AskOpLeaf, OpIndexArgs{p.step, i}, &l); err != nil {
		return nil, err
	}
	r := l.Record.record()
	p.recs[i] = r
	return OpLeaf(r), nil
}

// leaf returns leaf index of slot's trace, proven against its revealed
// root, and checks that it is the job's entry there.
func (g *game) leaf(ctx context.Context, t *Transcript, slot Slot, index int) (noloco.TraceEntry, error) {
	var l LeafProof
	if err := g.get(ctx, t, slot, AskTraceLeaf, IndexArgs{index}, &l); err != nil {
		return noloco.TraceEntry{}, err
	}
	rev := g.s.Reveals[slot]
	if !VerifyProof(rev.Root, rev.Leaves, index, LeafHash(l.Leaf), l.Proof) {
		return noloco.TraceEntry{}, faultf(slot, "leaf %d does not prove against its revealed root", index)
	}
	e, err := noloco.DecodeEntry(l.Leaf)
	want := g.layout(slot.Rank)[index]
	if err != nil || e.Step != want.Step || e.Kind != want.Kind || e.Peer != want.Peer {
		return e, faultf(slot, "committed leaf %d, which is not the job's %s of step %d", index, want.Kind, want.Step)
	}
	return e, nil
}

// state asks slot for the composition of the state at leaf index, which
// must hash to e (the leaf there).
func (g *game) state(ctx context.Context, t *Transcript, slot Slot, index int, e noloco.TraceEntry) (*State, error) {
	var s State
	if err := g.get(ctx, t, slot, AskState, IndexArgs{index}, &s); err != nil {
		return nil, err
	}
	if s.Step != e.Step || len(s.Tensors) != len(g.specs) || (e.Kind == noloco.EntryOuter) != (s.Momentum != nil) {
		return nil, faultf(slot, "the state at leaf %d is not a state of step %d", index, e.Step)
	}
	for k, th := range s.Tensors {
		if th.Name != g.specs[k].Name {
			return nil, faultf(slot, "the state at leaf %d names tensor %q where %q belongs", index, th.Name, g.specs[k].Name)
		}
	}
	if !g.check(t, &slot, fmt.Sprintf("state at leaf %d", index), Hash(e.Hash), s.leafHash(g.cfg, e.Kind)) {
		return nil, faultf(slot, "the state offered for leaf %d does not hash to that leaf", index)
	}
	return &s, nil
}

// weights asks slot for the weights of the state at leaf index, whose
// composition st is known, and returns them flat, in canonical order.
func (g *game) weights(ctx context.Context, t *Transcript, slot Slot, index int, st *State) ([]float32, error) {
	var ts Tensors
	if err := g.get(ctx, t, slot, AskWeights, IndexArgs{index}, &ts); err != nil {
		return nil, err
	}
	if len(ts.Tensors) != len(g.specs) {
		return nil, faultf(slot, "%d weights of the state at leaf %d, the model has %d", len(ts.Tensors), index, len(g.specs))
	}
	flat := make([]float32, 0, g.size)
	for k, d := range ts.Tensors {
		w, err := d.tensor(model.NewF32(g.specs[k].Name, g.specs[k].Shape...))
		if err != nil || d.Name != g.specs[k].Name || Hash(w.Hash()) != st.Tensors[k].Weight {
			return nil, faultf(slot, "weight %s of the state at leaf %d does not hash to the state's", g.specs[k].Name, index)
		}
		flat = append(flat, w.F...)
	}
	return flat, nil
}

// weightHashes splits flat weights by the model's tensors and hashes each.
func (g *game) weightHashes(flat []float32) []Hash {
	out := make([]Hash, len(g.specs))
	off := 0
	for k, s := range g.specs {
		t := model.NewF32(s.Name, s.Shape...)
		off += copy(t.F, flat[off:])
		out[k] = Hash(t.Hash())
	}
	return out
}

// message asks slot for the message of its leaf index, e, which must hash
// to the leaf.
func (g *game) message(ctx context.Context, t *Transcript, slot Slot, index int, e noloco.TraceEntry) (*noloco.Message, error) {
	var d MessageData
	if err := g.get(ctx, t, slot, AskMessage, IndexArgs{index}, &d); err != nil {
		return nil, err
	}
	m, err := d.message()
	if err != nil {
		return nil, faultf(slot, "the message of leaf %d: %v", index, err)
	}
	if !g.check(t, &slot, fmt.Sprintf("message at leaf %d", index), Hash(e.Hash), Hash(m.Digest())) {
		return nil, faultf(slot, "the message offered for leaf %d does not hash to that leaf", index)
	}
	return m, nil
}

// initialState rules on leaf 0: the base model's state, which the referee
// computes itself.
func (g *game) initialState(t *Transcript, entries [2]noloco.TraceEntry) ([]Verdict, error) {
	var v []Verdict
	for side, e := range entries {
		if !g.check(t, &t.Slots[side], "the initial state", g.initial[t.Rank], Hash(e.Hash)) {
			v = append(v, Verdict{t.Slots[side], "its initial state is not the base model's"})
		}
	}
	return v, nil
}

// innerStep rules on the checkpoint leaf i after an inner step.
func (g *game) innerStep(ctx context.Context, t *Transcript, i int, entries [2]noloco.TraceEntry) ([]Verdict, error) {
	step := entries[0].Step - 1 // the step starts after this many
	prev, err := g.leaf(ctx, t, t.Slots[0], i-1)
	if err != nil {
		return nil, err
	}
	var before, after [2]*State
	var roots [2]OpRoot
	tr := g.trainers[t.Rank]
	prog := tr.Program()
	v, err := g.sides(func(side int) ([]Verdict, error) {
		slot := t.Slots[side]
		var err error
		if before[side], err = g.state(ctx, t, slot, i-1, prev); err != nil {
			return nil, err
		}
		if after[side], err = g.state(ctx, t, slot, i, entries[side]); err != nil {
			return nil, err
		}
		if err := g.get(ctx, t, slot, AskOpRoot, StepArgs{step}, &roots[side]); err != nil {
			return nil, err
		}
		if roots[side].Ops != len(prog.Ops) {
			return nil, faultf(slot, "an operator record of %d operators, the step has %d", roots[side].Ops, len(prog.Ops))
		}
		return nil, nil
	})
	if err != nil || len(v) > 0 {
		return v, err
	}
	// The hash of every tensor the step reads before writing it: the
	// agreed state before, the counter and the batch.
	initial := map[*model.Tensor]model.Hash{}
	ck := tr.Checkpoint()
	for k, th := range before[0].Tensors {
		initial[ck.Params[k]], initial[ck.M[k]], initial[ck.V[k]] = model.Hash(th.Weight), model.Hash(th.M), model.Hash(th.V)
	}
	bound, values, err := tr.StepInputs(step)
	if err != nil {
		return nil, err
	}
	for k, b := range bound {
		initial[b] = values[k].Hash()
	}
	n := len(prog.Ops)
	// opLeaf fetches an agreed record from A, proven against A's root.
	opLeaf := func(j int) (model.OpRecord, error) {
		var l OpLeafData
		if err := g.get(ctx, t, t.Slots[0], AskOpLeaf, OpIndexArgs{step, j}, &l); err != nil {
			return model.OpRecord{}, err
		}
		r := l.Record.record()
		if !VerifyProof(roots[0].Root, n, j, LeafHash(OpLeaf(r)), l.Proof) {
			return r, faultf(t.Slots[0], "the record of operator %d of step %d does not prove against its operator root", j, step)
		}
		return r, nil
	}

	t.OpRoots, t.OpCount = &[2]Hash{roots[0].Root, roots[1].Root}, n
	if roots[0].Root != roots[1].Root {
		pa := &opParty{g, t, t.Slots[0], step, map[int]model.OpRecord{}}
		pb := &opParty{g, t, t.Slots[1], step, map[int]model.OpRecord{}}
		out, err := Bisect(ctx, n, roots[0].Root, roots[1].Root, pa, pb, g.timeout+time.Second)
		if err != nil {
			return nil, err
		}
		t.Ops = &out
		if len(out.Faults) > 0 {
			return g.faults(t, out.Faults), nil
		}
		k := out.Index
		agreed := make([]model.OpRecord, k)
		for _, j := range sources(prog, initial, k) {
			if agreed[j], err = opLeaf(j); err != nil {
				return nil, err
			}
		}
		offered := func(a model.OpRecord) ([]*model.Tensor, error) {
			var ts Tensors
			if err := g.get(ctx, t, t.Slots[0], AskOpInputs, OpIndexArgs{step, k}, &ts); err != nil {
				return nil, err
			}
			op := prog.Ops[k]
			if len(ts.Tensors) != len(op.In) {
				return nil, faultf(t.Slots[0], "%d inputs of operator %d, it has %d", len(ts.Tensors), k, len(op.In))
			}
			in := make([]*model.Tensor, len(op.In))
			for m, d := range ts.Tensors {
				x, err := d.tensor(op.In[m])
				if err != nil || x.Hash() != a.Inputs[m] {
					return nil, faultf(t.Slots[0], "input %d of operator %d does not hash to the agreed input", m, k)
				}
				in[m] = x
			}
			return in, nil
		}
		ruling, err := judgeOp(g.s.Pool, prog, initial, agreed, pa.recs[k], pb.recs[k], offered)
		if err != nil {
			return nil, err
		}
		t.Op = &ruling
		if ruling.Recomputed != nil {
			t.FLOPs += OpFLOPs(g.cfg, prog.Ops[k])
		}
		var v []Verdict
		for m, s := range ruling.Losers {
			v = append(v, Verdict{t.Slots[s], fmt.Sprintf("step %d: %s", step+1, ruling.Reasons[m])})
		}
		return v, nil
	}

	// The records agree: each party's state after must be what they leave
	// in the state's tensors.
	implied := map[*model.Tensor]model.Hash{}
	recs := map[int]model.OpRecord{}
	state := slices.Concat(ck.Params, ck.M, ck.V)
	for _, x := range state {
		implied[x] = initial[x]
	last:
		for j := n - 1; j >= 0; j-- {
			for m, o := range prog.Ops[j].Out {
				if o != x {
					continue
				}
				r, ok := recs[j]
				if !ok {
					if r, err = opLeaf(j); err != nil {
						return nil, err
					}
					recs[j] = r
				}
				implied[x] = r.Outputs[m]
				break last
			}
		}
	}
	v = nil
	for side, slot := range t.Slots {
		for k, th := range after[side].Tensors {
			for _, c := range []struct {
				what string
				x    *model.Tensor
				got  Hash
			}{{"weight", ck.Params[k], th.Weight}, {"first moment", ck.M[k], th.M}, {"second moment", ck.V[k], th.V}} {
				if !g.check(t, &t.Slots[side], fmt.Sprintf("%s %s after step %d by the agreed records", c.what, th.Name, step+1), Hash(implied[c.x]), c.got) {
					v = append(v, Verdict{slot, fmt.Sprintf("its state after step %d is not what its own operator records leave (%s of %s)", step+1, c.what, th.Name)})
					break
				}
			}
			if len(v) > 0 && v[len(v)-1].Slot == slot {
				break
			}
		}
	}
	return v, nil
}

// sources are the operators before k whose records name the hashes of
// k's inputs (see expectedInputs), in ascending order.
func sources(prog *model.Program, initial map[*model.Tensor]model.Hash, k int) []int {
	var out []int
	for _, x := range prog.Ops[k].In {
		j := writerBefore(prog, x, k)
		if j < 0 {
			if _, ok := initial[x]; ok {
				continue
			}
			j = readerBefore(prog, x, k)
		}
		if j >= 0 && !slices.Contains(out, j) {
			out = append(out, j)
		}
	}
	slices.Sort(out)
	return out
}

// writerBefore is the last operator before k that writes x, or −1.
func writerBefore(prog *model.Program, x *model.Tensor, k int) int {
	for j := k - 1; j >= 0; j-- {
		if slices.Contains(prog.Ops[j].Out, x) {
			return j
		}
	}
	return -1
}

// readerBefore is the first operator before k that reads x, or −1.
func readerBefore(prog *model.Program, x *model.Tensor, k int) int {
	for j := range k {
		if slices.Contains(prog.Ops[j].In, x) {
			return j
		}
	}
	return -1
}

// messageKind is the kind of the messages of the exchange that holds
// layout index i: outer, or the final average's.
func messageKind(layout []noloco.TraceEntry, i int) noloco.Kind {
	for ; i < len(layout); i++ {
		switch layout[i].Kind {
		case noloco.EntryOuter:
			return noloco.KindOuter
		case noloco.EntryFinal:
			return noloco.KindFinal
		}
	}
	return 0
}

// lastBefore is the last index before i of layout whose entry ok accepts,
// or 0.
func lastBefore(layout []noloco.TraceEntry, i int, ok func(noloco.TraceEntry) bool) int {
	for j := i - 1; j > 0; j-- {
		if ok(layout[j]) {
			return j
		}
	}
	return 0
}

// isState accepts the entries that record a state.
func isState(e noloco.TraceEntry) bool {
	return e.Kind == noloco.EntryCheckpoint || e.Kind == noloco.EntryOuter
}

// checkSent checks message m, leaf index of sender's trace, against the
// sender's committed state, and returns what is wrong with it ("" if
// nothing is). The leaves it rests on are proven against the sender's root.
func (g *game) checkSent(ctx context.Context, t *Transcript, sender Slot, index int, m *noloco.Message) (string, error) {
	layout := g.layout(sender.Rank)
	e := layout[index]
	kind := messageKind(layout, index)
	step := uint64(e.Step)
	if kind == noloco.KindOuter {
		step = uint64(e.Step / g.s.Plan.H)
	}
	wantDelta := g.size
	if kind == noloco.KindFinal {
		wantDelta = 0
	}
	if m.Kind != kind || m.Job != g.s.Job || m.Step != step || m.Round != 0 || int(m.From) != sender.Rank || int(m.To) != e.Peer ||
		len(m.Phi) != g.size || len(m.Delta) != wantDelta {
		return fmt.Sprintf("its message of leaf %d is not the job's %s message of step %d from rank %d to rank %d", index, kind, step, sender.Rank, e.Peer), nil
	}
	// φ: the slow weights (the state after the last outer step) for an
	// outer step; the weights of the last state for the final average.
	slow := lastBefore(layout, index, isState)
	if kind == noloco.KindOuter {
		slow = lastBefore(layout, index, func(x noloco.TraceEntry) bool { return x.Kind == noloco.EntryOuter && x.Step < e.Step })
	}
	se, err := g.leaf(ctx, t, sender, slow)
	if err != nil {
		return "", err
	}
	st, err := g.state(ctx, t, sender, slow, se)
	if err != nil {
		return "", err
	}
	for k, h := range g.weightHashes(m.Phi) {
		if !g.check(t, &sender, fmt.Sprintf("φ of message %d, tensor %s, by the state at leaf %d", index, g.specs[k].Name, slow), st.Tensors[k].Weight, h) {
			return fmt.Sprintf("the φ it sent at leaf %d is not the weights of its own state at leaf %d", index, slow), nil
		}
	}
	if kind != noloco.KindOuter {
		return "", nil
	}
	// Δ = θ − φ, θ the weights after the period's inner steps.
	at := lastBefore(layout, index, func(x noloco.TraceEntry) bool { return x.Kind == noloco.EntryCheckpoint && x.Step == e.Step })
	te, err := g.leaf(ctx, t, sender, at)
	if err != nil {
		return "", err
	}
	ts, err := g.state(ctx, t, sender, at, te)
	if err != nil {
		return "", err
	}
	theta, err := g.weights(ctx, t, sender, at, ts)
	if err != nil {
		return "", err
	}
	g.addFLOPs(t, float64(g.size))
	for k := range theta {
		if d := theta[k] - m.Phi[k]; math.Float32bits(d) != math.Float32bits(m.Delta[k]) {
			return fmt.Sprintf("the Δ it sent at leaf %d is not θ − φ of its own states at leaves %d and %d (element %d)", index, at, slow, k), nil
		}
	}
	return "", nil
}

// sent rules on a sent message leaf: each side's message against its own
// committed state.
func (g *game) sent(ctx context.Context, t *Transcript, i int, entries [2]noloco.TraceEntry) ([]Verdict, error) {
	return g.sides(func(side int) ([]Verdict, error) {
		slot := t.Slots[side]
		m, err := g.message(ctx, t, slot, i, entries[side])
		if err != nil {
			return nil, err
		}
		why, err := g.checkSent(ctx, t, slot, i, m)
		if err != nil || why == "" {
			return nil, err
		}
		return []Verdict{{slot, why}}, nil
	})
}

// received rules on a received message leaf: against what the sender (the
// same replica's worker of the peer rank) committed to have sent, and that
// against the sender's state; if both stand, the senders' dispute decides.
func (g *game) received(ctx context.Context, t *Transcript, i int, entries [2]noloco.TraceEntry, depth int) ([]Verdict, error) {
	e := g.layout(t.Rank)[i]
	v, err := g.sides(func(side int) ([]Verdict, error) {
		slot := t.Slots[side]
		m, err := g.message(ctx, t, slot, i, entries[side])
		if err != nil {
			return nil, err
		}
		sender := Slot{slot.Replica, e.Peer}
		if _, ok := g.s.Reveals[sender]; !ok {
			return nil, fmt.Errorf("verde: the sender %v has not revealed", sender)
		}
		sl := g.layout(e.Peer)
		k := slices.IndexFunc(sl, func(x noloco.TraceEntry) bool {
			return x.Kind == noloco.EntrySent && x.Step == e.Step && x.Peer == t.Rank
		})
		if k < 0 {
			return nil, fmt.Errorf("verde: rank %d sends rank %d nothing at step %d", e.Peer, t.Rank, e.Step)
		}
		se, err := g.leaf(ctx, t, sender, k)
		if err != nil {
			return nil, err
		}
		if !g.check(t, &slot, fmt.Sprintf("message received at leaf %d by what %v committed to have sent at its leaf %d", i, sender, k), Hash(se.Hash), Hash(entries[side].Hash)) {
			return []Verdict{{slot, fmt.Sprintf("it recorded at leaf %d a message that %v never sent", i, sender)}}, nil
		}
		why, err := g.checkSent(ctx, t, sender, k, m)
		if err != nil || why == "" {
			return nil, err
		}
		return []Verdict{{sender, why}}, nil
	})
	if err != nil || len(v) > 0 {
		return v, err
	}
	if depth >= maxDepth {
		return nil, fmt.Errorf("verde: the senders' disputes go deeper than %d", maxDepth)
	}
	sub, v, err := g.judge(ctx, e.Peer, depth+1)
	t.Sender = sub
	if sub != nil {
		t.Rounds += sub.Rounds
		t.Bytes += sub.Bytes
		t.FLOPs += sub.FLOPs
	}
	return v, err
}

// outerStep rules on an outer leaf by recomputing the outer step from the
// agreed inputs: the slow weights, the momentum, the checkpoint after the
// period's inner steps and the messages received, all from A's trace.
func (g *game) outerStep(ctx context.Context, t *Transcript, i int, entries [2]noloco.TraceEntry) ([]Verdict, error) {
	layout := g.layout(t.Rank)
	a, step := t.Slots[0], layout[i].Step
	slow := lastBefore(layout, i, func(x noloco.TraceEntry) bool { return x.Kind == noloco.EntryOuter && x.Step < step })
	at := lastBefore(layout, i, func(x noloco.TraceEntry) bool { return x.Kind == noloco.EntryCheckpoint })
	var states [2]*State
	var flats [2][]float32
	for n, idx := range []int{slow, at} {
		e, err := g.leaf(ctx, t, a, idx)
		if err != nil {
			return nil, err
		}
		if states[n], err = g.state(ctx, t, a, idx, e); err != nil {
			return nil, err
		}
		if flats[n], err = g.weights(ctx, t, a, idx, states[n]); err != nil {
			return nil, err
		}
	}
	phi, theta := flats[0], flats[1]
	mom := make([]float32, g.size)
	if slow > 0 {
		var vec Vector
		if err := g.get(ctx, t, a, AskMomentum, IndexArgs{slow}, &vec); err != nil {
			return nil, err
		}
		got, err := noloco.DecodeFloats(vec.Data)
		if err != nil || len(got) != g.size || Hash(noloco.HashFloats(got)) != *states[0].Momentum {
			return nil, faultf(a, "the momentum offered for leaf %d does not hash to its state's", slow)
		}
		mom = got
	}
	outer := step / g.s.Plan.H
	group := noloco.GroupOf(noloco.Groups(g.s.Plan.Seed, outer, g.s.Plan.Workers), t.Rank)
	phis, deltas := make([][]float32, len(group)), make([][]float32, len(group))
	self := slices.Index(group, t.Rank)
	delta := make([]float32, g.size)
	for k := range delta {
		delta[k] = theta[k] - phi[k]
	}
	phis[self], deltas[self] = phi, delta
	got, err := g.receivedFrom(ctx, t, a, at, i, g.size)
	if err != nil {
		return nil, err
	}
	for peer, m := range got {
		j := slices.Index(group, peer)
		if j < 0 {
			return nil, fmt.Errorf("verde: rank %d is not in rank %d's group of outer step %d", peer, t.Rank, outer)
		}
		phis[j], deltas[j] = m.Phi, m.Delta
	}
	out := make([]float32, g.size)
	noloco.OuterStep(g.s.Plan.Outer(), self, phis, deltas, mom, out)
	t.FLOPs += float64(g.size * (6 + 2*len(group)))
	st := *states[1]
	st.Tensors = slices.Clone(st.Tensors)
	for k, h := range g.weightHashes(out) {
		st.Tensors[k].Weight = h
	}
	h := Hash(noloco.OuterHash(model.Hash(st.checkpointHash(g.cfg)), noloco.HashFloats(mom)))
	var v []Verdict
	for side, e := range entries {
		if !g.check(t, &t.Slots[side], fmt.Sprintf("outer step %d recomputed", outer), h, Hash(e.Hash)) {
			v = append(v, Verdict{t.Slots[side], fmt.Sprintf("its state after outer step %d is not what the agreed inputs give", outer)})
		}
	}
	return v, nil
}

// receivedFrom returns the messages slot received, by sender, at the
// leaves between lo and hi of its trace (proven against its root), each
// with a φ of the model's size and a Δ of delta elements.
func (g *game) receivedFrom(ctx context.Context, t *Transcript, slot Slot, lo, hi, delta int) (map[int]*noloco.Message, error) {
	layout := g.layout(slot.Rank)
	out := map[int]*noloco.Message{}
	for r := lo + 1; r < hi; r++ {
		if layout[r].Kind != noloco.EntryReceived {
			continue
		}
		e, err := g.leaf(ctx, t, slot, r)
		if err != nil {
			return nil, err
		}
		m, err := g.message(ctx, t, slot, r, e)
		if err != nil {
			return nil, err
		}
		if len(m.Phi) != g.size || len(m.Delta) != delta {
			return nil, faultf(slot, "the message of leaf %d has vectors of %d and %d weights, want %d and %d", r, len(m.Phi), len(m.Delta), g.size, delta)
		}
		out[layout[r].Peer] = m
	}
	return out, nil
}

// finalAverage rules on the final leaf by recomputing the average of the
// agreed weights: the last state's and those received.
func (g *game) finalAverage(ctx context.Context, t *Transcript, i int, entries [2]noloco.TraceEntry) ([]Verdict, error) {
	layout := g.layout(t.Rank)
	a := t.Slots[0]
	last := lastBefore(layout, i, isState)
	e, err := g.leaf(ctx, t, a, last)
	if err != nil {
		return nil, err
	}
	st, err := g.state(ctx, t, a, last, e)
	if err != nil {
		return nil, err
	}
	all := make([][]float32, g.s.Plan.Workers)
	if all[t.Rank], err = g.weights(ctx, t, a, last, st); err != nil {
		return nil, err
	}
	got, err := g.receivedFrom(ctx, t, a, last, i, 0)
	if err != nil {
		return nil, err
	}
	for peer, m := range got {
		all[peer] = m.Phi
	}
	t.FLOPs += float64(g.size * len(all))
	h := Hash(noloco.HashFloats(noloco.Average(all)))
	var v []Verdict
	for side, e := range entries {
		if !g.check(t, &t.Slots[side], "final average recomputed", h, Hash(e.Hash)) {
			v = append(v, Verdict{t.Slots[side], "its final weights are not the average of the agreed ones"})
		}
	}
	return v, nil
}
