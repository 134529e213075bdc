package verde_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/axl-market/axl/swarm/model"
	"github.com/axl-market/axl/swarm/ree"
	"github.com/axl-market/axl/swarm/train"
	"github.com/axl-market/axl/swarm/verde"
)

var opsConfig = model.Config{VocabSize: 256, MaxSeq: 16, Dim: 16, Layers: 1, Heads: 2, Eps: 1e-5}

func newTrainer(t *testing.T) *train.Trainer {
	t.Helper()
	m, err := model.Init(opsConfig, 3)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for i := range 100 {
		fmt.Fprintf(&b, "verde checks step %d of the run. ", i%5)
	}
	h := train.DefaultHyper(4, 16)
	h.Batch, h.Seed = 2, 5
	tr, err := train.New(m, train.NewDataset([]byte(b.String())), h, ree.NewPool(1))
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// stepRecord runs one recorded step, keeping every operator's inputs.
func stepRecord(t *testing.T, tr *train.Trainer) *train.StepRecord {
	t.Helper()
	rec, err := tr.RecordStep(func(int) bool { return true })
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

func opParty(t *testing.T, recs []model.OpRecord) verde.TreeParty {
	t.Helper()
	return party(t, verde.OpLeaves(recs))
}

// TestOperatorGame: a worker whose record of one operator differs from an
// honest one is found by bisection over the step's operator records and
// convicted by recomputing that single operator.
func TestOperatorGame(t *testing.T) {
	t.Parallel()
	honest := newTrainer(t)
	rec := stepRecord(t, honest)
	prog := newTrainer(t).Program() // the referee's own program: same config, same wiring
	n := len(rec.Ops)

	type tamper func(r *model.OpRecord)
	outputs := func(r *model.OpRecord) { r.Outputs[0][0] ^= 1 }
	for _, tc := range []struct {
		name   string
		at     int
		tamper tamper
		want   string
	}{
		{"wrong output of the first operator", 0, outputs, "differs from the referee's recomputation"},
		{"wrong output mid-step", n / 2, outputs, "differs from the referee's recomputation"},
		{"wrong output of the last operator", n - 1, outputs, "differs from the referee's recomputation"},
		{"renamed operator", n / 3, func(r *model.OpRecord) { r.Name += "x" }, "is not"},
		{"input that no earlier operator left", n - 1, func(r *model.OpRecord) { r.Inputs[0][5] ^= 1 }, "is not what the agreed operators left"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cheat := make([]model.OpRecord, n)
			for i, r := range rec.Ops {
				r.Inputs = append([]model.Hash(nil), r.Inputs...)
				r.Outputs = append([]model.Hash(nil), r.Outputs...)
				cheat[i] = r
			}
			tc.tamper(&cheat[tc.at])
			a, b := opParty(t, rec.Ops), opParty(t, cheat)
			out, err := verde.Bisect(t.Context(), n, a.Tree.Root(), b.Tree.Root(), a, b, time.Second)
			if err != nil || len(out.Faults) > 0 {
				t.Fatalf("bisection: %+v, %v", out, err)
			}
			if out.Index != tc.at {
				t.Fatalf("diverging operator %d, want %d", out.Index, tc.at)
			}
			ruling, err := verde.JudgeOp(ree.NewPool(1), prog, rec.Ops[:out.Index], rec.Ops[out.Index], cheat[out.Index], rec.Inputs[out.Index])
			if err != nil {
				t.Fatal(err)
			}
			if len(ruling.Losers) != 1 || ruling.Losers[0] != verde.SideB || !strings.Contains(ruling.Reasons[0], tc.want) {
				t.Fatalf("ruling %+v", ruling)
			}
		})
	}
}

// TestJudgeOpRefusesBadEvidence: inputs that do not hash to the agreed
// inputs are refused, and two equal records are no dispute.
func TestJudgeOpRefusesBadEvidence(t *testing.T) {
	t.Parallel()
	tr := newTrainer(t)
	rec := stepRecord(t, tr)
	prog := newTrainer(t).Program()
	k := len(rec.Ops) / 2
	cheat := rec.Ops[k]
	cheat.Outputs = append([]model.Hash(nil), cheat.Outputs...)
	cheat.Outputs[0][1] ^= 1
	wrong := append([]*model.Tensor(nil), rec.Inputs[k]...)
	wrong[0] = wrong[0].Clone()
	wrong[0].F[0] += 1
	if _, err := verde.JudgeOp(ree.NewPool(1), prog, rec.Ops[:k], rec.Ops[k], cheat, wrong); err == nil || !strings.Contains(err.Error(), "does not hash") {
		t.Fatalf("forged evidence: %v", err)
	}
	if _, err := verde.JudgeOp(ree.NewPool(1), prog, rec.Ops[:k], rec.Ops[k], rec.Ops[k], rec.Inputs[k]); err == nil {
		t.Fatal("a ruling on two equal records")
	}
}
