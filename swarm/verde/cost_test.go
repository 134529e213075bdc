package verde_test

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/axl-market/axl/swarm/model"
	"github.com/axl-market/axl/swarm/noloco"
	"github.com/axl-market/axl/swarm/ree"
	"github.com/axl-market/axl/swarm/train"
	"github.com/axl-market/axl/swarm/verde"
)

func TestOpFLOPsOfAMatmul(t *testing.T) {
	t.Parallel()
	// y[rows×nout] = x[rows×nin] · W[nin×nout] + b: 2·rows·nin·nout + rows·nout.
	x, w, b, y := model.NewF32("x", 6, 4), model.NewF32("w", 4, 5), model.NewF32("b", 5), model.NewF32("y", 6, 5)
	op := &model.Op{Name: "l", Kind: "linear", In: []*model.Tensor{x, w, b}, Out: []*model.Tensor{y}}
	if got, want := verde.OpFLOPs(model.Config{Dim: 4, Heads: 1}, op), float64(2*6*4*5+6*5); math.Abs(got-want) > 1e-6 {
		t.Fatalf("linear FLOPs %g, want %g", got, want)
	}
}

// TestRefereeCost measures the referee's work in a dispute over a 200-step
// job on `tiny` — bisection rounds and bytes over the trace and over one
// step's operators, and the one operator it recomputes — beside the cost of
// re-running the job, and holds the target: under 0.1 % of the job's FLOPs.
func TestRefereeCost(t *testing.T) {
	t.Parallel()
	const steps = 200
	cfg, err := model.ConfigByName("tiny")
	if err != nil {
		t.Fatal(err)
	}
	m, err := model.Init(cfg, 1)
	if err != nil {
		t.Fatal(err)
	}
	h := train.DefaultHyper(steps, 32)
	h.Batch = 8
	var corpus strings.Builder
	for i := range 200 {
		fmt.Fprintf(&corpus, "referee cost sample line %d. ", i)
	}
	tr, err := train.New(m, train.NewDataset([]byte(corpus.String())), h, ree.NewPool(1))
	if err != nil {
		t.Fatal(err)
	}
	prog := tr.Program()
	stepFLOPs := verde.ProgramFLOPs(cfg, prog)
	jobFLOPs := stepFLOPs * steps // one worker's inner steps; more workers only make the job dearer
	var worst float64
	var worstOp string
	for _, op := range prog.Ops {
		if f := verde.OpFLOPs(cfg, op); f > worst {
			worst, worstOp = f, op.Name
		}
	}

	// The trace of a worker: a checkpoint per inner step, and around each of
	// the four outer steps a message sent, one received and the outer state.
	leaves := steps + 4*3 + 1
	traceA, traceB := trace(leaves, leaves/2, 1), trace(leaves, leaves/2, 2)
	a, b := party(t, traceA), party(t, traceB)
	outTrace, err := verde.Bisect(t.Context(), leaves, a.Tree.Root(), b.Tree.Root(), a, b, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	ops := len(prog.Ops)
	opsA, opsB := trace(ops, ops-1, 1), trace(ops, ops-1, 2)
	oa, ob := party(t, opsA), party(t, opsB)
	outOps, err := verde.Bisect(t.Context(), ops, oa.Tree.Root(), ob.Tree.Root(), oa, ob, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	rounds := len(outTrace.Rounds) + len(outOps.Rounds)
	bytes := outTrace.Bytes + outOps.Bytes
	share := worst / jobFLOPs
	t.Logf("job: %d steps of %.3g FLOPs = %.3g FLOPs; dispute: %d rounds (%d over %d trace leaves, %d over %d operators), %d bytes of answers; "+
		"recomputed: %s, %.3g FLOPs = %.4f%% of the job (a whole step would be %.2f%%)",
		steps, stepFLOPs, jobFLOPs, rounds, len(outTrace.Rounds), leaves, len(outOps.Rounds), ops, bytes, worstOp, worst, 100*share, 100/float64(steps))
	if share >= 0.001 {
		t.Fatalf("the referee recomputes %.4f%% of the job's FLOPs, target < 0.1%%", 100*share)
	}
	if maxRounds := int(math.Ceil(math.Log2(float64(leaves))) + math.Ceil(math.Log2(float64(ops)))); rounds > maxRounds {
		t.Fatalf("%d rounds, want at most %d", rounds, maxRounds)
	}
}

// TestRefereeCostOfAGame measures a real game on `tiny`: a worker that
// perturbed one inner step of a short run is convicted, and the referee's
// recomputation (the operator, the checks of vectors) is set beside the
// FLOPs of one worker's 200 inner steps of the same model and batch, which
// the game does not depend on but for log2 of the trace's length.
func TestRefereeCostOfAGame(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("trains the tiny model")
	}
	cfg, err := model.ConfigByName("tiny")
	if err != nil {
		t.Fatal(err)
	}
	gm := game{plan: gamePlan, base: nil, data: nil}
	gm.plan.Steps = 8
	gm.base, gm.data = baseAndData(cfg)
	f := noloco.Faults{PerturbStep: 6}
	reps := map[int]replica{
		0: gm.runReplica(t, 0, map[int]*noloco.Faults{0: &f}, t.TempDir()),
		1: gm.runReplica(t, 1, nil, t.TempDir()),
	}
	tx, ruling, err := verde.Judge(t.Context(), gm.setup(0, reps, nil, 0, 1))
	if err != nil {
		t.Fatal(err)
	}
	if len(ruling.Guilty) != 1 || ruling.Guilty[0].Slot != (verde.Slot{Replica: 0, Rank: 0}) || tx.Op == nil {
		t.Fatalf("ruling %+v", ruling)
	}
	tr, err := gm.plan.Trainer(gm.base, train.NewDataset(gm.data), 0, ree.NewPool(1))
	if err != nil {
		t.Fatal(err)
	}
	job := verde.ProgramFLOPs(cfg, tr.Program()) * 200
	share := tx.FLOPs / job
	t.Logf("game over step %d's operator %s: %d questions, %d bytes of answers, %.3g FLOPs recomputed = %.4f%% of one worker's 200 steps (%.3g FLOPs)",
		tx.Leaf.Step, tx.Op.Name, tx.Rounds, tx.Bytes, tx.FLOPs, 100*share, job)
	if share >= 0.001 {
		t.Fatalf("the referee recomputes %.4f%% of the job's FLOPs, target < 0.1%%", 100*share)
	}
}
