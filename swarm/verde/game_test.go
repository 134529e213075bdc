package verde_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/axl-market/axl/swarm/train"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/axl-market/axl/swarm/jobplan"
	"github.com/axl-market/axl/swarm/model"
	"github.com/axl-market/axl/swarm/noloco"
	"github.com/axl-market/axl/swarm/ree"
	"github.com/axl-market/axl/swarm/verde"
)

// The job of the games: 2 replicas of 2 workers, 12 inner steps with an
// outer step every 4, on a model small enough for many runs under -race.
const gameJob = "job-verde"

var gamePlan = jobplan.Plan{Steps: 12, Workers: 2, Replicas: 2, Seed: 7, LearningRate: 3e-3, WeightDecay: 0.1, Batch: 2, Seq: 16, Warmup: 2, H: 4}

var gameBase, gameData = baseAndData(opsConfig)

// game is a job's computation: its plan, base model and dataset.
type game struct {
	plan       jobplan.Plan
	base, data []byte
}

var testGame = game{gamePlan, gameBase, gameData}

// baseAndData returns a base model of cfg and a dataset, as bytes.
func baseAndData(cfg model.Config) ([]byte, []byte) {
	m, err := model.Init(cfg, 1)
	if err != nil {
		panic(err)
	}
	var b bytes.Buffer
	if err := model.Encode(&b, m); err != nil {
		panic(err)
	}
	var d strings.Builder
	for i := range 300 {
		fmt.Fprintf(&d, "worker %d gossips with its partner, the referee checks step %d. ", i%7, i%11)
	}
	return b.Bytes(), []byte(d.String())
}

// replica is what one replica's run left: each worker's prover.
type replica struct {
	provers []*verde.Prover
}

// runReplica runs replica r of the job in memory, worker rank with
// faults[rank] (nil: honest), each archiving for its prover.
func runReplica(t testing.TB, r int, faults map[int]*noloco.Faults, dir string) replica {
	t.Helper()
	return testGame.runReplica(t, r, faults, dir)
}

// runReplica runs replica r of the game's job; see the function.
func (gm game) runReplica(t testing.TB, r int, faults map[int]*noloco.Faults, dir string) replica {
	t.Helper()
	gamePlan, gameBase, gameData := gm.plan, gm.base, gm.data
	net, err := noloco.NewMemNetwork(gameJob, r, gamePlan.Workers)
	if err != nil {
		t.Fatal(err)
	}
	errs := make([]error, gamePlan.Workers)
	var wg sync.WaitGroup
	for rank := range gamePlan.Workers {
		tr, err := gamePlan.Trainer(gameBase, train.NewDataset(gameData), rank, ree.NewPool(1))
		if err != nil {
			t.Fatal(err)
		}
		cfg := gamePlan.NoLoCo(gameJob, r, rank)
		cfg.ArchiveDir, cfg.Faults, cfg.Timeout = filepath.Join(dir, fmt.Sprint(rank)), faults[rank], 30*time.Second
		wg.Go(func() { _, errs[rank] = noloco.Run(context.Background(), cfg, tr, net.Transport(rank)) })
	}
	wg.Wait()
	var out replica
	for rank, err := range errs {
		if err != nil {
			t.Fatalf("replica %d rank %d: %v", r, rank, err)
		}
		p, err := verde.NewProver(filepath.Join(dir, fmt.Sprint(rank)), gamePlan, gameBase, train.NewDataset(gameData), rank, ree.NewPool(1))
		if err != nil {
			t.Fatal(err)
		}
		out.provers = append(out.provers, p)
	}
	return out
}

// honestOnce is an honest replica (number 1), run once for all the tests,
// its archives in sharedDir.
var honestOnce struct {
	sync.Once
	r replica
}

// sharedDir holds what the tests share, removed after them all.
var sharedDir string

func TestMain(m *testing.M) {
	var err error
	if sharedDir, err = os.MkdirTemp("", "verde-test"); err != nil {
		panic(err)
	}
	code := m.Run()
	os.RemoveAll(sharedDir)
	os.Exit(code)
}

func honestReplica(t *testing.T) replica {
	t.Helper()
	honestOnce.Do(func() { honestOnce.r = runReplica(t, 1, nil, sharedDir) })
	if honestOnce.r.provers == nil {
		t.Fatal("the honest replica did not run")
	}
	return honestOnce.r
}

// silent never answers.
type silentAsker struct{}

func (silentAsker) Ask(ctx context.Context, _ verde.Question) (json.RawMessage, error) {
	<-ctx.Done()
	return nil, ctx.Err()
}

// setup is the referee's setup for rank between replicas a and b.
func setup(rank int, reps map[int]replica, silent map[verde.Slot]bool, a, b int) verde.Setup {
	return testGame.setup(rank, reps, silent, a, b)
}

// setup is the referee's setup for the game's job; see the function.
func (gm game) setup(rank int, reps map[int]replica, silent map[verde.Slot]bool, a, b int) verde.Setup {
	reveals := map[verde.Slot]verde.Reveal{}
	for r, rep := range reps {
		for k, p := range rep.provers {
			reveals[verde.Slot{Replica: r, Rank: k}] = verde.Reveal{Root: p.Root(), Leaves: p.Leaves()}
		}
	}
	return verde.Setup{
		Job: gameJob, Plan: gm.plan, Base: gm.base, Data: gm.data, Rank: rank, Replicas: [2]int{a, b},
		Reveals: reveals, Timeout: 30 * time.Second,
		Askers: func(s verde.Slot) verde.Asker {
			if silent[s] {
				return silentAsker{}
			}
			return reps[s.Replica].provers[s.Rank]
		},
	}
}

func TestHonestReplicasAgree(t *testing.T) {
	t.Parallel()
	b := honestReplica(t)
	a := runReplica(t, 0, nil, t.TempDir())
	reps := map[int]replica{0: a, 1: b}
	for rank := range gamePlan.Workers {
		if a.provers[rank].Root() != b.provers[rank].Root() {
			t.Fatalf("rank %d: honest replicas reveal different roots", rank)
		}
		if _, _, err := verde.Judge(t.Context(), setup(rank, reps, nil, 0, 1)); !errors.Is(err, verde.ErrNoDispute) {
			t.Fatalf("rank %d: a game between equal roots: %v", rank, err)
		}
	}
}

// TestGameConvictsTheCheat plays, for each cheat, the game of every rank
// between the cheat's replica and an honest one (in both seats), and wants
// exactly the cheat convicted, for the reason its cheat deserves.
func TestGameConvictsTheCheat(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		rank   int // the cheat's
		faults noloco.Faults
		silent bool
		want   string // in the cheat's verdict
		op     bool   // the ruling rests on one recomputed operator
	}{
		{"perturbed inner step", 0, noloco.Faults{PerturbStep: 6}, false, "differs from the referee's recomputation", true},
		{"skipped steps and replayed state", 1, noloco.Faults{ReplayFrom: 2, ReplayAt: 6}, false, "not what its own operator records leave", false},
		{"gossip inconsistent with its state", 0, noloco.Faults{BadGossipOuter: 2}, false, "Δ it sent", false},
		{"no answer to the referee", 1, noloco.Faults{PerturbStep: 3}, true, "no answer", false},
		{"wrong outer step", 1, noloco.Faults{BadOuter: 2}, false, "outer step 2 is not what the agreed inputs give", false},
		{"wrong final average", 0, noloco.Faults{BadAverage: true}, false, "not the average of the agreed ones", false},
	}
	b := honestReplica(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := tc.faults
			a := runReplica(t, 0, map[int]*noloco.Faults{tc.rank: &f}, t.TempDir())
			reps := map[int]replica{0: a, 1: b}
			cheat := verde.Slot{Replica: 0, Rank: tc.rank}
			silent := map[verde.Slot]bool{cheat: tc.silent}
			// A referee that stops rules on no one.
			stopped, cancel := context.WithCancel(t.Context())
			cancel()
			if _, ruling, err := verde.Judge(stopped, setup(tc.rank, reps, silent, 0, 1)); err == nil || ruling != nil {
				t.Fatalf("a stopped game: ruling %+v, %v", ruling, err)
			}
			for rank := range gamePlan.Workers {
				for _, seats := range [][2]int{{0, 1}, {1, 0}} {
					s := setup(rank, reps, silent, seats[0], seats[1])
					if tc.silent {
						// Long enough for the honest party's answers under -race on a
						// loaded machine, short enough for a quick test.
						s.Timeout = time.Second
					}
					tx, ruling, err := verde.Judge(t.Context(), s)
					if errors.Is(err, verde.ErrNoDispute) && rank != tc.rank {
						continue // the cheat's lie reached no other rank
					}
					if err != nil {
						t.Fatalf("rank %d, seats %v: %v", rank, seats, err)
					}
					if len(ruling.Guilty) != 1 || ruling.Guilty[0].Slot != cheat {
						t.Fatalf("rank %d, seats %v: ruling %+v, want %v alone", rank, seats, ruling.Guilty, cheat)
					}
					if why := ruling.Guilty[0].Reason; !strings.Contains(why, tc.want) {
						t.Fatalf("rank %d: reason %q, want %q", rank, why, tc.want)
					}
					if rank == tc.rank && tc.op && (tx.Op == nil || len(tx.Op.Recomputed) == 0) {
						t.Fatalf("the ruling does not rest on a recomputed operator: %+v", tx.Op)
					}
					checkTranscript(t, tx, ruling)
					if rank == tc.rank && seats[0] == 0 {
						t.Logf("%s: leaf %+v; %d questions, %d bytes of answers, %.3g FLOPs recomputed",
							tc.name, tx.Leaf, tx.Rounds, tx.Bytes, tx.FLOPs)
					}
				}
			}
		})
	}
}

// TestSpotCheck: the spot checks of single-replica slots pass an honest
// worker and catch one that perturbed a step among those drawn.
func TestSpotCheck(t *testing.T) {
	t.Parallel()
	honest := honestReplica(t)
	f := noloco.Faults{PerturbStep: 5}
	cheat := runReplica(t, 0, map[int]*noloco.Faults{1: &f}, t.TempDir())
	for _, tc := range []struct {
		rep   replica
		rank  int
		guilt bool
	}{{honest, 0, false}, {honest, 1, false}, {cheat, 0, false}, {cheat, 1, true}} {
		p := tc.rep.provers[tc.rank]
		slot := verde.Slot{Replica: 0, Rank: tc.rank}
		rep, ruling, err := verde.SpotCheckSlot(t.Context(), verde.SpotSetup{
			Job: gameJob, Plan: gamePlan, Base: gameBase, Data: gameData, Slot: slot,
			Reveal: verde.Reveal{Root: p.Root(), Leaves: p.Leaves()}, Asker: p, Seed: 3, K: gamePlan.Steps, Timeout: 5 * time.Second,
		})
		if err != nil {
			t.Fatal(err)
		}
		if got := len(ruling.Guilty) > 0; got != tc.guilt {
			t.Fatalf("rank %d: guilty %v (%+v), want %v", tc.rank, got, ruling.Guilty, tc.guilt)
		}
		if !tc.guilt && len(rep.Checks) != gamePlan.Steps {
			t.Fatalf("%d steps checked, want %d", len(rep.Checks), gamePlan.Steps)
		}
	}
}

// checkTranscript wants the transcript to survive JSON, to re-check from
// its JSON, and to fail the re-check once a hash in it is changed.
func checkTranscript(t *testing.T, tx *verde.Transcript, ruling *verde.Ruling) {
	t.Helper()
	b, err := json.Marshal(struct {
		T *verde.Transcript `json:"transcript"`
		R *verde.Ruling     `json:"ruling"`
	}{tx, ruling})
	if err != nil {
		t.Fatal(err)
	}
	var back struct {
		T verde.Transcript `json:"transcript"`
	}
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if err := back.T.Verify(); err != nil {
		t.Fatalf("the transcript does not re-check: %v", err)
	}
	for _, o := range []*verde.Outcome{back.T.Trace, back.T.Ops} {
		if o == nil || len(o.Faults) > 0 || len(o.Rounds) == 0 {
			continue
		}
		o.Rounds[0].B[1][3] ^= 1
		if back.T.Verify() == nil {
			t.Fatal("a transcript with a changed hash re-checks")
		}
		o.Rounds[0].B[1][3] ^= 1
	}
}

// forger passes the questions on to a party, and forges its answers of one
// kind.
type forger struct {
	verde.Asker
	kind  string
	forge func(json.RawMessage) json.RawMessage
}

func (f forger) Ask(ctx context.Context, q verde.Question) (json.RawMessage, error) {
	ans, err := f.Asker.Ask(ctx, q)
	if err == nil && q.Kind == f.kind {
		ans = f.forge(ans)
	}
	return ans, err
}

// edit forges an answer of type T by fn.
func edit[T any](fn func(*T)) func(json.RawMessage) json.RawMessage {
	return func(b json.RawMessage) json.RawMessage {
		var v T
		if err := json.Unmarshal(b, &v); err != nil {
			panic(err)
		}
		fn(&v)
		out, err := json.Marshal(v)
		if err != nil {
			panic(err)
		}
		return out
	}
}

// TestForgedAnswersConvictTheForger: a cheat that also forges its answers,
// whatever the question, is still the one convicted, for the forgery.
func TestForgedAnswersConvictTheForger(t *testing.T) {
	t.Parallel()
	b := honestReplica(t)
	perturbed := noloco.Faults{PerturbStep: 6}
	gossip := noloco.Faults{BadGossipOuter: 2}
	reps := map[*noloco.Faults]replica{
		&perturbed: runReplica(t, 0, map[int]*noloco.Faults{0: &perturbed}, t.TempDir()),
		&gossip:    runReplica(t, 0, map[int]*noloco.Faults{0: &gossip}, t.TempDir()),
	}
	for _, tc := range []struct {
		name   string
		faults *noloco.Faults
		kind   string
		forge  func(json.RawMessage) json.RawMessage
		want   string
	}{
		{"children", &perturbed, verde.AskTraceChildren, edit(func(c *verde.Children) { c.Left[0] ^= 1 }), "do not hash to its node"},
		{"trace leaf", &perturbed, verde.AskTraceLeaf, edit(func(l *verde.LeafProof) { l.Leaf[20] ^= 1 }), "does not hash to its committed leaf"},
		{"state", &perturbed, verde.AskState, edit(func(s *verde.State) { s.Tensors[1].M[0] ^= 1 }), "does not hash to that leaf"},
		{"operator record", &perturbed, verde.AskOpLeaf, edit(func(l *verde.OpLeafData) { l.Record.Outputs[0][0] ^= 1 }), "does not hash to its committed leaf"},
		{"operator inputs", &perturbed, verde.AskOpInputs, edit(func(ts *verde.Tensors) { ts.Tensors[0].Data[0] ^= 1 }), "does not hash to the agreed input"},
		{"message", &gossip, verde.AskMessage, edit(func(m *verde.MessageData) { m.Phi[0] ^= 1 }), "does not hash to that leaf"},
		{"weights", &gossip, verde.AskWeights, edit(func(ts *verde.Tensors) { ts.Tensors[2].Data[1] ^= 1 }), "does not hash to the state's"},
		{"not an answer", &perturbed, verde.AskOpRoot, func(json.RawMessage) json.RawMessage { return json.RawMessage(`{"roots":1}`) }, "not one"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			all := map[int]replica{0: reps[tc.faults], 1: b}
			cheat := verde.Slot{Replica: 0, Rank: 0}
			s := setup(0, all, nil, 0, 1)
			askers := s.Askers
			s.Askers = func(slot verde.Slot) verde.Asker {
				if slot == cheat {
					return forger{askers(slot), tc.kind, tc.forge}
				}
				return askers(slot)
			}
			tx, ruling, err := verde.Judge(t.Context(), s)
			if err != nil {
				t.Fatal(err)
			}
			if len(ruling.Guilty) != 1 || ruling.Guilty[0].Slot != cheat || !strings.Contains(ruling.Guilty[0].Reason, tc.want) {
				t.Fatalf("ruling %+v, want %v for %q", ruling.Guilty, cheat, tc.want)
			}
			checkTranscript(t, tx, ruling)
		})
	}
}

// TestGameInAGroupOfThree: with three workers a replica's outer steps are
// one group of three; a cheat there is convicted from every rank's game.
func TestGameInAGroupOfThree(t *testing.T) {
	t.Parallel()
	gm := testGame
	gm.plan.Workers, gm.plan.Steps = 3, 8
	for _, f := range []noloco.Faults{{PerturbStep: 3}, {BadOuter: 1}} {
		cheat := verde.Slot{Replica: 1, Rank: 2}
		reps := map[int]replica{
			0: gm.runReplica(t, 0, nil, t.TempDir()),
			1: gm.runReplica(t, 1, map[int]*noloco.Faults{2: &f}, t.TempDir()),
		}
		for rank := range gm.plan.Workers {
			tx, ruling, err := verde.Judge(t.Context(), gm.setup(rank, reps, nil, 0, 1))
			if err != nil {
				t.Fatalf("%+v, rank %d: %v", f, rank, err)
			}
			if len(ruling.Guilty) != 1 || ruling.Guilty[0].Slot != cheat {
				t.Fatalf("%+v, rank %d: ruling %+v, want %v alone", f, rank, ruling.Guilty, cheat)
			}
			checkTranscript(t, tx, ruling)
		}
	}
}

// TestGameConvictsALoRACheat: on a LoRA job, whose states, messages and
// recomputed operators are the adapter's and whose final leaf is the merged
// model's, the game still convicts a cheat of each kind that touches them,
// and passes honest replicas.
func TestGameConvictsALoRACheat(t *testing.T) {
	t.Parallel()
	plan := gamePlan
	plan.Method = train.Method{Name: train.MethodLoRA, LoRA: model.LoRA{R: 2, Alpha: 4, Targets: []string{"c_attn", "c_proj", "c_fc"}}}
	gm := game{plan, gameBase, gameData}
	honest := gm.runReplica(t, 1, nil, t.TempDir())
	tests := []struct {
		name   string
		rank   int
		faults *noloco.Faults
		want   string
	}{
		{"honest", 0, nil, ""},
		{"perturbed inner step", 0, &noloco.Faults{PerturbStep: 6}, "differs from the referee's recomputation"},
		{"gossip inconsistent with its state", 1, &noloco.Faults{BadGossipOuter: 2}, "Δ it sent"},
		{"wrong final average", 0, &noloco.Faults{BadAverage: true}, "not the average of the agreed ones"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a := gm.runReplica(t, 0, map[int]*noloco.Faults{tc.rank: tc.faults}, t.TempDir())
			reps := map[int]replica{0: a, 1: honest}
			_, ruling, err := verde.Judge(t.Context(), gm.setup(tc.rank, reps, nil, 0, 1))
			if tc.faults == nil {
				if !errors.Is(err, verde.ErrNoDispute) {
					t.Fatalf("honest LoRA replicas: ruling %+v, %v; want no dispute", ruling, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			cheat := verde.Slot{Replica: 0, Rank: tc.rank}
			if len(ruling.Guilty) != 1 || ruling.Guilty[0].Slot != cheat || !strings.Contains(ruling.Guilty[0].Reason, tc.want) {
				t.Fatalf("ruling %+v, want %v alone for %q", ruling.Guilty, cheat, tc.want)
			}
		})
	}
}
