package verde_test

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"math/bits"
	"strings"
	"testing"
	"time"

	"github.com/axl-market/axl/swarm/verde"
)

// trace is a made-up trace of n leaves (step number, then a checkpoint
// hash), the same for every seed before index diverge and following seed
// from there on.
func trace(n, diverge int, seed byte) [][]byte {
	out := make([][]byte, n)
	for i := range out {
		var b [9]byte
		binary.BigEndian.PutUint64(b[:8], uint64(i))
		if i >= diverge {
			b[8] = seed
		}
		h := sha256.Sum256(b[:])
		out[i] = append(binary.BigEndian.AppendUint64(nil, uint64(i)), h[:]...)
	}
	return out
}

func party(t *testing.T, leaves [][]byte) verde.TreeParty {
	t.Helper()
	tree, err := verde.TreeOf(leaves)
	if err != nil {
		t.Fatal(err)
	}
	return verde.TreeParty{Tree: tree, Leaves: leaves}
}

func TestProofsForEverySize(t *testing.T) {
	t.Parallel()
	for n := 1; n <= 33; n++ {
		p := party(t, trace(n, n, 0))
		root := p.Tree.Root()
		for i := range n {
			proof, err := p.Tree.Proof(i)
			if err != nil {
				t.Fatal(err)
			}
			leaf := p.Tree.Leaf(i)
			if !verde.VerifyProof(root, n, i, leaf, proof) {
				t.Fatalf("n=%d: proof of leaf %d does not verify", n, i)
			}
			// The same proof fails for another leaf, index, size or root.
			other := verde.LeafHash([]byte("other"))
			if verde.VerifyProof(root, n, i, other, proof) {
				t.Fatalf("n=%d: a forged leaf %d verifies", n, i)
			}
			if n > 1 && verde.VerifyProof(root, n, (i+1)%n, leaf, proof) {
				t.Fatalf("n=%d: leaf %d verifies at index %d", n, i, (i+1)%n)
			}
			if len(proof) > 0 {
				bad := append([]verde.Hash(nil), proof...)
				bad[0][0] ^= 1
				if verde.VerifyProof(root, n, i, leaf, bad) {
					t.Fatalf("n=%d: a tampered proof of leaf %d verifies", n, i)
				}
			}
		}
		if _, err := p.Tree.Proof(n); err == nil {
			t.Fatalf("n=%d: proof of a leaf past the end", n)
		}
	}
	if _, err := verde.NewTree(nil); !errors.Is(err, verde.ErrEmpty) {
		t.Fatalf("empty tree: %v", err)
	}
}

func TestCommitReveal(t *testing.T) {
	t.Parallel()
	root := party(t, trace(5, 5, 0)).Tree.Root()
	s1, err := verde.NewSalt()
	if err != nil {
		t.Fatal(err)
	}
	s2, _ := verde.NewSalt()
	job, worker, copier := [32]byte{1}, [20]byte{2}, [20]byte{3}
	c := verde.Commitment(job, worker, root, s1)
	if !verde.CheckReveal(c, job, worker, root, s1) {
		t.Fatal("an honest reveal does not open its commitment")
	}
	if verde.CheckReveal(c, job, worker, root, s2) || s1 == s2 {
		t.Fatal("another salt opens the commitment")
	}
	// A copier who sees only the commitment cannot produce the root, and
	// one who copies the commitment cannot open it as its own.
	if verde.Commitment(job, worker, root, s2) == c {
		t.Fatal("commitments of one root under two salts are equal")
	}
	if verde.CheckReveal(c, job, copier, root, s1) {
		t.Fatal("a copied commitment opens for the copier")
	}
	if verde.CheckReveal(c, [32]byte{9}, worker, root, s1) {
		t.Fatal("a commitment opens for another job")
	}
}

func TestBisectFindsTheEarliestDivergence(t *testing.T) {
	t.Parallel()
	for _, n := range []int{1, 2, 3, 7, 8, 9, 64, 200} {
		for _, at := range []int{0, n / 3, n / 2, n - 1} {
			t.Run(fmt.Sprintf("n=%d/at=%d", n, at), func(t *testing.T) {
				a, b := party(t, trace(n, at, 1)), party(t, trace(n, at, 2))
				out, err := verde.Bisect(t.Context(), n, a.Tree.Root(), b.Tree.Root(), a, b, time.Second)
				if err != nil {
					t.Fatal(err)
				}
				if len(out.Faults) != 0 || out.Index != at {
					t.Fatalf("outcome %+v, want index %d", out, at)
				}
				if binary.BigEndian.Uint64(out.LeafA[:8]) != uint64(at) || string(out.LeafA) == string(out.LeafB) {
					t.Fatalf("leaves %x and %x", out.LeafA, out.LeafB)
				}
				if maxRounds := bits.Len(uint(n - 1)); len(out.Rounds) > maxRounds {
					t.Fatalf("%d rounds for %d leaves, want at most %d", len(out.Rounds), n, maxRounds)
				}
			})
		}
	}
}

// TestBisectIgnoresLaterAgreement: a cheat who diverges at step 3 and then
// copies the honest trace is still caught at step 3, not at a later leaf.
func TestBisectIgnoresLaterAgreement(t *testing.T) {
	t.Parallel()
	honest := trace(50, 50, 0)
	cheat := append([][]byte(nil), honest...)
	cheat[3] = append([]byte(nil), honest[3]...)
	cheat[3][20] ^= 0xff
	a, b := party(t, honest), party(t, cheat)
	out, err := verde.Bisect(t.Context(), 50, a.Tree.Root(), b.Tree.Root(), a, b, time.Second)
	if err != nil || out.Index != 3 {
		t.Fatalf("index %d, %v", out.Index, err)
	}
}

// liar answers with hashes that do not match what it committed to.
type liar struct{ verde.TreeParty }

func (l liar) Children(ctx context.Context, lo, hi int) (verde.Hash, verde.Hash, error) {
	left, right, err := l.TreeParty.Children(ctx, lo, hi)
	left[0] ^= 1
	return left, right, err
}

// silent never answers.
type silent struct{ verde.TreeParty }

func (silent) Children(ctx context.Context, _, _ int) (verde.Hash, verde.Hash, error) {
	<-ctx.Done()
	return verde.Hash{}, verde.Hash{}, ctx.Err()
}

// leafForger gives leaf bytes that do not hash to its leaf.
type leafForger struct{ verde.TreeParty }

func (leafForger) LeafData(context.Context, int) ([]byte, error) { return []byte("forged"), nil }

func TestBisectConvictsRuleBreakers(t *testing.T) {
	t.Parallel()
	honest := party(t, trace(20, 20, 0))
	other := party(t, trace(20, 11, 9))
	tests := []struct {
		name string
		b    verde.Party
		want string
	}{
		{"children that do not hash to the node", liar{other}, "do not hash"},
		{"no answer in time", silent{other}, "no answer within"},
		{"a leaf that does not hash to the committed leaf", leafForger{other}, "does not hash to its committed leaf"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			out, err := verde.Bisect(t.Context(), 20, honest.Tree.Root(), other.Tree.Root(), honest, tc.b, 50*time.Millisecond)
			if err != nil {
				t.Fatal(err)
			}
			if len(out.Faults) != 1 || out.Faults[0].Side != verde.SideB || out.Index != -1 {
				t.Fatalf("outcome %+v", out)
			}
			if got := out.Faults[0].Reason; !strings.Contains(got, tc.want) {
				t.Fatalf("reason %q, want %q", got, tc.want)
			}
		})
	}
	if _, err := verde.Bisect(t.Context(), 20, honest.Tree.Root(), honest.Tree.Root(), honest, honest, time.Second); !errors.Is(err, verde.ErrNoDispute) {
		t.Fatalf("equal roots: %v", err)
	}
}
