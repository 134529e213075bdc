package verde

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

// Party is one side of a dispute as the referee sees it: a worker that
// answers questions about the tree it committed to.
type Party interface {
	// Children returns the party's hashes of the two halves of the range
	// [lo, hi) of its tree, split by Split.
	Children(ctx context.Context, lo, hi int) (left, right Hash, err error)
	// LeafData returns the bytes of leaf i of its tree.
	LeafData(ctx context.Context, i int) ([]byte, error)
}

// Side names a party of the game.
type Side int

// The two sides.
const (
	SideA Side = iota
	SideB
)

func (s Side) String() string {
	if s == SideA {
		return "A"
	}
	return "B"
}

// Fault is a rule a party broke: no answer in time, or an answer that does
// not hash to what it committed to. A faulty party loses the dispute.
type Fault struct {
	Side   Side   `json:"side"`
	Reason string `json:"reason"`
}

// Round is one question of the bisection and both answers.
type Round struct {
	Lo      int     `json:"lo"`
	Hi      int     `json:"hi"`
	A       [2]Hash `json:"a"`
	B       [2]Hash `json:"b"`
	Descend string  `json:"descend"` // "left" or "right"
}

// Outcome is where the bisection ended.
type Outcome struct {
	// Index is the earliest leaf on which the parties differ; every leaf
	// before it is equal in both trees. -1 when the game ended on faults.
	Index int `json:"index"`
	// LeafA and LeafB are the parties' bytes of that leaf.
	LeafA []byte `json:"leaf_a,omitempty"`
	LeafB []byte `json:"leaf_b,omitempty"`
	// Faults lists the parties that broke the rules.
	Faults []Fault `json:"faults,omitempty"`
	// Rounds is the transcript: enough for anyone to re-check the descent
	// against the two roots.
	Rounds []Round `json:"rounds"`
	// Bytes counts the hashes and leaf bytes the parties sent.
	Bytes int `json:"bytes"`
}

// ErrNoDispute is returned when the two roots are equal.
var ErrNoDispute = errors.New("verde: the roots agree; nothing to dispute")

// Bisect finds the earliest leaf on which two n-leaf trees with different
// roots differ, in about log2(n) rounds: at each node both parties give its
// two children, each pair must hash to the node the party stands by, and
// the game descends into the left child if the parties differ there, else
// into the right. A party that does not answer within timeout, or whose
// answer does not hash to its node, loses.
func Bisect(ctx context.Context, n int, rootA, rootB Hash, a, b Party, timeout time.Duration) (Outcome, error) {
	out := Outcome{Index: -1}
	if n <= 0 {
		return out, ErrEmpty
	}
	if rootA == rootB {
		return out, ErrNoDispute
	}
	parties := [2]Party{a, b}
	node := [2]Hash{rootA, rootB}
	lo, hi := 0, n
	for hi-lo > 1 {
		var kids [2][2]Hash
		var errs [2]error
		both(func(s int) {
			kids[s], errs[s] = ask(ctx, timeout, func(ctx context.Context) ([2]Hash, error) {
				l, r, err := parties[s].Children(ctx, lo, hi)
				return [2]Hash{l, r}, err
			})
		})
		for s := range parties {
			switch {
			case errs[s] != nil:
				out.Faults = append(out.Faults, Fault{Side(s), fmt.Sprintf("no children of [%d,%d): %v", lo, hi, errs[s])})
			case NodeHash(kids[s][0], kids[s][1]) != node[s]:
				out.Faults = append(out.Faults, Fault{Side(s), fmt.Sprintf("children of [%d,%d) do not hash to its node", lo, hi)})
			}
			out.Bytes += 2 * len(Hash{})
		}
		round := Round{Lo: lo, Hi: hi, A: kids[0], B: kids[1]}
		if len(out.Faults) > 0 {
			out.Rounds = append(out.Rounds, round)
			return out, nil
		}
		k := Split(lo, hi)
		if kids[0][0] != kids[1][0] {
			round.Descend, hi = "left", k
			node = [2]Hash{kids[0][0], kids[1][0]}
		} else {
			round.Descend, lo = "right", k
			node = [2]Hash{kids[0][1], kids[1][1]}
		}
		out.Rounds = append(out.Rounds, round)
	}
	var leaves [2][]byte
	var errs [2]error
	both(func(s int) {
		leaves[s], errs[s] = ask(ctx, timeout, func(ctx context.Context) ([]byte, error) { return parties[s].LeafData(ctx, lo) })
	})
	for s := range parties {
		data, err := leaves[s], errs[s]
		switch {
		case err != nil:
			out.Faults = append(out.Faults, Fault{Side(s), fmt.Sprintf("no leaf %d: %v", lo, err)})
		case LeafHash(data) != node[s]:
			out.Faults = append(out.Faults, Fault{Side(s), fmt.Sprintf("leaf %d does not hash to its committed leaf", lo)})
		}
		out.Bytes += len(data)
	}
	if len(out.Faults) > 0 {
		return out, nil
	}
	out.Index, out.LeafA, out.LeafB = lo, leaves[0], leaves[1]
	return out, nil
}

// VerifyBisection re-checks the outcome of a bisection over two n-leaf
// trees with the given roots, as a third party would from a transcript:
// each round's children hash to the nodes the parties stood by, each
// descent goes where the rule says, the rounds end on one leaf, and (when
// the game did not end on faults) the leaves' bytes hash to the nodes
// reached and differ.
func VerifyBisection(n int, rootA, rootB Hash, out Outcome) error {
	node := [2]Hash{rootA, rootB}
	lo, hi := 0, n
	for r, round := range out.Rounds {
		if round.Lo != lo || round.Hi != hi || hi-lo < 2 {
			return fmt.Errorf("round %d asks for [%d,%d), the descent is at [%d,%d)", r, round.Lo, round.Hi, lo, hi)
		}
		if NodeHash(round.A[0], round.A[1]) != node[0] || NodeHash(round.B[0], round.B[1]) != node[1] {
			if r == len(out.Rounds)-1 && len(out.Faults) > 0 {
				return nil // the game ended on this round's faults
			}
			return fmt.Errorf("round %d: children that do not hash to their node", r)
		}
		k := Split(lo, hi)
		switch {
		case round.A[0] != round.B[0] && round.Descend == "left":
			hi, node = k, [2]Hash{round.A[0], round.B[0]}
		case round.A[0] == round.B[0] && round.Descend == "right":
			lo, node = k, [2]Hash{round.A[1], round.B[1]}
		default:
			return fmt.Errorf("round %d descends %q against the rule", r, round.Descend)
		}
	}
	if len(out.Faults) > 0 {
		return nil
	}
	switch {
	case hi-lo != 1 || out.Index != lo:
		return fmt.Errorf("the rounds end on [%d,%d), the outcome names leaf %d", lo, hi, out.Index)
	case LeafHash(out.LeafA) != node[0] || LeafHash(out.LeafB) != node[1]:
		return errors.New("the leaves do not hash to the nodes the rounds end on")
	case node[0] == node[1]:
		return errors.New("the leaves reached are equal")
	}
	return nil
}

// both runs f(0) and f(1) at once, and returns when both have: the two
// parties are asked each question together, so that a round takes the
// time of the slower answer, not of the two.
func both(f func(side int)) {
	var wg sync.WaitGroup
	for s := range 2 {
		wg.Go(func() { f(s) })
	}
	wg.Wait()
}

// ask calls f with a deadline; a late answer is no answer, even from a
// party that ignores its context.
func ask[T any](ctx context.Context, timeout time.Duration, f func(context.Context) (T, error)) (T, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	type res struct {
		v   T
		err error
	}
	ch := make(chan res, 1)
	go func() {
		v, err := f(ctx)
		ch <- res{v, err}
	}()
	select {
	case x := <-ch:
		return x.v, x.err
	case <-ctx.Done():
		var zero T
		return zero, fmt.Errorf("no answer within %s", timeout)
	}
}

// TreeParty answers from a Tree and its leaves' bytes: an honest worker's
// side of the game.
type TreeParty struct {
	Tree   *Tree
	Leaves [][]byte
}

// Children implements Party.
func (p TreeParty) Children(_ context.Context, lo, hi int) (Hash, Hash, error) {
	if hi-lo < 2 {
		return Hash{}, Hash{}, fmt.Errorf("[%d,%d) has no children", lo, hi)
	}
	k := Split(lo, hi)
	l, ok1 := p.Tree.Node(lo, k)
	r, ok2 := p.Tree.Node(k, hi)
	if !ok1 || !ok2 {
		return Hash{}, Hash{}, fmt.Errorf("[%d,%d) is not a node of the tree", lo, hi)
	}
	return l, r, nil
}

// LeafData implements Party.
func (p TreeParty) LeafData(_ context.Context, i int) ([]byte, error) {
	if i < 0 || i >= len(p.Leaves) {
		return nil, fmt.Errorf("no leaf %d", i)
	}
	return p.Leaves[i], nil
}
