package verde

import (
	"fmt"
	"sort"

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
