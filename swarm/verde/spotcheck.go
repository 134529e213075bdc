package verde

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"time"

	"github.com/axl-market/axl/swarm/jobplan"
	"github.com/axl-market/axl/swarm/noloco"

	"github.com/axl-market/axl/swarm/model"
	"github.com/axl-market/axl/swarm/ree"
	"github.com/axl-market/axl/swarm/train"
)

// SpotCheck is the referee's check of one inner step for a job with a
// single replica (a probabilistic proof of learning): restore the committed
// checkpoint before the step, take the step, and compare the state with the
// committed hash after it.
type SpotCheck struct {
	Step   int        `json:"step"`
	Before model.Hash `json:"before"`
	After  model.Hash `json:"after"`
	Got    model.Hash `json:"got"`
	OK     bool       `json:"ok"`
}

// CheckStep recomputes inner step before.Step on tr (a trainer of the
// job's model, data and hyper-parameters) from the checkpoint before it,
// whose hash must be the committed one, and compares the result with the
// committed hash after. A checkpoint that does not hash to its commitment is
// an error of the worker that offered it.
func CheckStep(tr *train.Trainer, before *train.Checkpoint, wantBefore, wantAfter model.Hash) (SpotCheck, error) {
	sc := SpotCheck{Step: before.Step, Before: wantBefore, After: wantAfter}
	if h := before.Hash(); h != wantBefore {
		return sc, fmt.Errorf("verde: the checkpoint offered for step %d does not hash to the committed one", before.Step)
	}
	if err := tr.Restore(before.Clone()); err != nil {
		return sc, fmt.Errorf("verde: restore step %d: %w", before.Step, err)
	}
	if _, err := tr.Step(); err != nil {
		return sc, fmt.Errorf("verde: recompute step %d: %w", before.Step, err)
	}
	sc.Got = tr.Checkpoint().Hash()
	sc.OK = sc.Got == wantAfter
	return sc, nil
}

// SpotSteps draws k distinct inner steps of [0, steps) from a seed that no
// worker controls (the referee's, or a block hash), in ascending order.
func SpotSteps(seed uint64, steps, k int) []int {
	if k > steps {
		k = steps
	}
	r := ree.NewRand(seed)
	// A partial Fisher–Yates over the step numbers: k draws, no repeats.
	idx := make([]int, steps)
	for i := range idx {
		idx[i] = i
	}
	for i := range k {
		j := i + r.Intn(steps-i)
		idx[i], idx[j] = idx[j], idx[i]
	}
	out := append([]int(nil), idx[:k]...)
	sort.Ints(out)
	return out
}

// SpotSetup is what the referee needs to spot-check one slot of a job with
// a single replica.
type SpotSetup struct {
	// Job, Plan, Base, Data and Tokenizer are as in Setup.
	Job        string
	Plan       jobplan.Plan
	Base, Data []byte
	Tokenizer  []byte
	// Slot is the worker checked, Reveal what it revealed, Asker the way
	// to ask it.
	Slot   Slot
	Reveal Reveal
	Asker  Asker
	// Seed draws the K inner steps checked (SpotSteps); no worker may
	// know it before it revealed.
	Seed uint64
	K    int
	// Timeout and Pool are as in Setup.
	Timeout time.Duration
	Pool    *ree.Pool
}

// SpotReport is the record of a slot's spot checks: the steps drawn, each
// check, and every question asked, with the counts of a Transcript.
type SpotReport struct {
	Slot      Slot        `json:"slot"`
	Steps     []int       `json:"steps"`
	Checks    []SpotCheck `json:"checks"`
	Exchanges []Exchange  `json:"exchanges"`
	Rounds    int         `json:"rounds"`
	Bytes     int64       `json:"bytes"`
	FLOPs     float64     `json:"flops"`
}

// SpotCheckSlot spot-checks s.K inner steps of one slot: for each, it asks
// for the whole state before the step (proven against the slot's revealed
// root), recomputes the step and compares the result with the committed
// leaf after it. The slot is guilty if a step does not recompute to its
// leaf, or if it does not answer.
func SpotCheckSlot(ctx context.Context, s SpotSetup) (*SpotReport, *Ruling, error) {
	g, err := newGame(Setup{Job: s.Job, Plan: s.Plan, Base: s.Base, Data: s.Data, Tokenizer: s.Tokenizer, Rank: s.Slot.Rank,
		Reveals: map[Slot]Reveal{s.Slot: s.Reveal}, Askers: func(Slot) Asker { return s.Asker }, Timeout: s.Timeout, Pool: s.Pool})
	if err != nil {
		return nil, nil, err
	}
	t := &Transcript{Job: s.Job, Rank: s.Slot.Rank}
	rep := &SpotReport{Slot: s.Slot, Steps: SpotSteps(s.Seed, s.Plan.Steps, s.K)}
	done := func(v ...Verdict) (*SpotReport, *Ruling, error) {
		g.calls.Wait()
		if ctx.Err() != nil {
			return rep, nil, fmt.Errorf("verde: the spot checks stopped: %w", context.Cause(ctx))
		}
		rep.Exchanges, rep.Rounds, rep.Bytes, rep.FLOPs = t.Exchanges, t.Rounds, t.Bytes, t.FLOPs
		return rep, &Ruling{Guilty: v}, nil
	}
	layout := g.layout(s.Slot.Rank)
	if s.Reveal.Leaves != len(layout) {
		return done(Verdict{s.Slot, fmt.Sprintf("revealed a trace of %d leaves, the job's has %d", s.Reveal.Leaves, len(layout))})
	}
	tr := g.trainers[s.Slot.Rank]
	prog := ProgramFLOPs(g.cfg, tr.Program())
	for _, step := range rep.Steps {
		i := slices.IndexFunc(layout, func(e noloco.TraceEntry) bool { return e.Kind == noloco.EntryCheckpoint && e.Step == step+1 })
		sc, err := g.spot(ctx, t, s.Slot, tr, i)
		var f *fault
		if errors.As(err, &f) {
			return done(Verdict{f.slot, f.reason})
		}
		if err != nil {
			return rep, nil, err
		}
		t.FLOPs += prog
		rep.Checks = append(rep.Checks, sc)
		if !sc.OK {
			return done(Verdict{s.Slot, fmt.Sprintf("inner step %d does not recompute to its committed state", step+1)})
		}
	}
	return done()
}

// spot checks the step that ends at checkpoint leaf i of slot.
func (g *game) spot(ctx context.Context, t *Transcript, slot Slot, tr *train.Trainer, i int) (SpotCheck, error) {
	before, err := g.leaf(ctx, t, slot, i-1)
	if err != nil {
		return SpotCheck{}, err
	}
	after, err := g.leaf(ctx, t, slot, i)
	if err != nil {
		return SpotCheck{}, err
	}
	var d CheckpointData
	if err := g.get(ctx, t, slot, AskCheckpoint, IndexArgs{i - 1}, &d); err != nil {
		return SpotCheck{}, err
	}
	c, err := train.DecodeCheckpoint(d.Checkpoint)
	if err != nil || c.Step != before.Step || c.Config != g.cfg || (before.Kind == noloco.EntryOuter) != (d.Momentum != nil) {
		return SpotCheck{}, faultf(slot, "the state offered for leaf %d is not a state of step %d", i-1, before.Step)
	}
	h := c.Hash()
	leaf := h
	if d.Momentum != nil {
		leaf = noloco.OuterHash(h, model.Hash(*d.Momentum))
	}
	if !g.check(t, &slot, fmt.Sprintf("state at leaf %d", i-1), Hash(before.Hash), Hash(leaf)) {
		return SpotCheck{}, faultf(slot, "the state offered for leaf %d does not hash to that leaf", i-1)
	}
	return CheckStep(tr, c, h, after.Hash)
}
