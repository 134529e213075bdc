package verde_test

import (
	"slices"
	"testing"

	"github.com/axl-market/axl/swarm/train"
	"github.com/axl-market/axl/swarm/verde"
)

func TestCheckStep(t *testing.T) {
	t.Parallel()
	worker := newTrainer(t)
	var checkpoints []*train.Checkpoint
	for range 4 {
		checkpoints = append(checkpoints, worker.Checkpoint().Clone())
		if _, err := worker.Step(); err != nil {
			t.Fatal(err)
		}
	}
	trace := worker.Trace() // trace[i]: the hash after i steps
	referee := newTrainer(t)
	for s := range 4 {
		sc, err := verde.CheckStep(referee, checkpoints[s], trace[s].Hash, trace[s+1].Hash)
		if err != nil || !sc.OK || sc.Step != s {
			t.Fatalf("honest step %d: %+v, %v", s, sc, err)
		}
	}
	// A trace that claims another state after step 2 fails the check.
	forged := trace[3].Hash
	forged[0] ^= 1
	sc, err := verde.CheckStep(referee, checkpoints[2], trace[2].Hash, forged)
	if err != nil || sc.OK || sc.Got != trace[3].Hash {
		t.Fatalf("forged step: %+v, %v", sc, err)
	}
	// A checkpoint that is not the committed one is refused.
	bad := checkpoints[1].Clone()
	bad.Params[0].F[0] += 0.5
	if _, err := verde.CheckStep(referee, bad, trace[1].Hash, trace[2].Hash); err == nil {
		t.Fatal("a checkpoint that does not hash to its commitment was used")
	}
}

func TestSpotSteps(t *testing.T) {
	t.Parallel()
	a := verde.SpotSteps(42, 200, 5)
	if len(a) != 5 || !slices.IsSorted(a) || len(slices.Compact(slices.Clone(a))) != 5 {
		t.Fatalf("steps %v", a)
	}
	for _, s := range a {
		if s < 0 || s >= 200 {
			t.Fatalf("step %d out of range", s)
		}
	}
	if b := verde.SpotSteps(42, 200, 5); !slices.Equal(a, b) {
		t.Fatalf("same seed, other steps: %v and %v", a, b)
	}
	if c := verde.SpotSteps(43, 200, 5); slices.Equal(a, c) {
		t.Fatalf("another seed, same steps %v", c)
	}
	if all := verde.SpotSteps(1, 3, 10); !slices.Equal(all, []int{0, 1, 2}) {
		t.Fatalf("k above the step count: %v", all)
	}
}
