package sandbox_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/axl-market/axl/swarm/train"
	"log/slog"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/market/referee"
	"github.com/axl-market/axl/market/referee/sandbox"
	"github.com/axl-market/axl/swarm/jobplan"
	"github.com/axl-market/axl/swarm/model"
	"github.com/axl-market/axl/swarm/noloco"
	"github.com/axl-market/axl/swarm/ree"
	"github.com/axl-market/axl/swarm/verde"
)

// parentEnv makes the test binary a server that plays one game in a child
// and is then killed: TestParentDeathKillsTheChild.
const parentEnv = "AXL_SANDBOX_TEST_PARENT"

// TestMain makes the test binary the sandbox's child when the sandbox
// starts it (or a parent, for the test of a parent's death).
func TestMain(m *testing.M) {
	switch {
	case os.Getenv(sandbox.ChildEnv) == "1":
		ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
		err := sandbox.Child(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, testGames())
		stop()
		if err != nil {
			fmt.Fprintln(os.Stderr, "child:", err)
			os.Exit(1)
		}
		os.Exit(0)
	case os.Getenv(parentEnv) == "1":
		os.Exit(parentMain())
	}
	var err error
	if fixtureDir, err = os.MkdirTemp("", "sandbox-test"); err != nil {
		panic(err)
	}
	code := m.Run()
	os.RemoveAll(fixtureDir)
	os.Exit(code)
}

// fixtureDir holds the workers' archives of the played job.
var fixtureDir string

// testGames are the built-in games and those that misbehave.
func testGames() sandbox.Games {
	games := sandbox.Builtin()
	simple := func(g referee.Game) sandbox.Player {
		return func(json.RawMessage) (referee.Game, error) { return g, nil }
	}
	// hog allocates (and touches) memory without bound.
	games["hog"] = simple(func(ctx context.Context, _ referee.GameInput) (json.RawMessage, market.Ruling, error) {
		var keep [][]byte
		for ctx.Err() == nil {
			b := make([]byte, 32<<20)
			for i := 0; i < len(b); i += 4096 {
				b[i] = 1
			}
			keep = append(keep, b)
		}
		return nil, market.Ruling{}, fmt.Errorf("stopped after %d chunks", len(keep))
	})
	// spin burns CPU until stopped.
	games["spin"] = simple(func(ctx context.Context, _ referee.GameInput) (json.RawMessage, market.Ruling, error) {
		x := uint64(1)
		for ctx.Err() == nil {
			for range 1 << 20 {
				x = x*6364136223846793005 + 1
			}
		}
		return nil, market.Ruling{}, fmt.Errorf("stopped at %d", x)
	})
	// pid puts its process id to slot 0, then waits to be stopped.
	games["pid"] = simple(func(ctx context.Context, in referee.GameInput) (json.RawMessage, market.Ruling, error) {
		args, _ := json.Marshal(map[string]int{"pid": os.Getpid()})
		_, err := in.Asker(0).AskRaw(ctx, "pid", args)
		<-ctx.Done()
		return nil, market.Ruling{}, fmt.Errorf("asked: %v; stopped: %w", err, ctx.Err())
	})
	// stubborn is pid deaf to its context: it stops only when killed.
	games["stubborn"] = simple(func(ctx context.Context, in referee.GameInput) (json.RawMessage, market.Ruling, error) {
		args, _ := json.Marshal(map[string]int{"pid": os.Getpid()})
		_, _ = in.Asker(0).AskRaw(ctx, "pid", args)
		for {
			time.Sleep(time.Hour)
		}
	})
	// garbage writes what is no frame on the protocol's stream.
	games["garbage"] = simple(func(ctx context.Context, _ referee.GameInput) (json.RawMessage, market.Ruling, error) {
		fmt.Fprintln(os.Stdout, "Hello from the referee's child! This is not a frame.")
		<-ctx.Done()
		return nil, market.Ruling{}, ctx.Err()
	})
	// panic panics.
	games["panic"] = simple(func(context.Context, referee.GameInput) (json.RawMessage, market.Ruling, error) {
		panic("the game lost its mind")
	})
	// echo rules on the slot named in its parameters after asking it a
	// question, and reports the sizes of its input.
	games["echo"] = func(params json.RawMessage) (referee.Game, error) {
		return func(ctx context.Context, in referee.GameInput) (json.RawMessage, market.Ruling, error) {
			ans, err := in.Asker(in.Dispute.Slots[0]).AskRaw(ctx, "echo", params)
			if err != nil {
				return nil, market.Ruling{}, fmt.Errorf("echo: %w", err)
			}
			t, _ := json.Marshal(map[string]any{"base": len(in.Base), "data": len(in.Data), "answer": len(ans),
				"intent": in.Intent.ID, "reports": len(in.Reports)})
			return t, market.Ruling{Guilty: []uint32{in.Dispute.Slots[0]}, Reasons: []string{string(params)}}, nil
		}, nil
	}
	return games
}

// newSandbox returns a sandbox whose children are this test binary.
func newSandbox(t testing.TB, cfg sandbox.Config) *sandbox.Sandbox {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cfg.Command = []string{exe}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	sb, err := sandbox.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return sb
}

// testWriter logs to the test's log.
type testWriter struct{ t testing.TB }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// answers is the store of challenges of the tests: it answers each
// question at once with answer (which may block).
type answers struct {
	answer func(ctx context.Context, c market.Challenge) (json.RawMessage, error)
	mu     sync.Mutex
	n      int64
}

func (a *answers) Ask(ctx context.Context, c market.Challenge) (market.Challenge, error) {
	ans, err := a.answer(ctx, c)
	if err != nil {
		return c, err
	}
	if ans == nil {
		ans = json.RawMessage("null")
	}
	a.mu.Lock()
	a.n++
	c.ID, c.Answer = a.n, ans
	a.mu.Unlock()
	return c, nil
}

func (a *answers) Challenge(context.Context, int64) (market.Challenge, error) {
	return market.Challenge{}, errors.New("answers: every question is answered at once")
}

// input is a game input whose questions a answers.
func input(in referee.GameInput, a *answers) referee.GameInput {
	in.Asker = func(slot uint32) *referee.SlotAsker {
		return &referee.SlotAsker{Store: a, Clock: market.SystemClock{}, JobID: in.Intent.ID, Slot: slot, Timeout: time.Minute}
	}
	return in
}

// A small job of 2 replicas of 2 workers on a tiny model, as in
// swarm/verde's tests: 12 inner steps, an outer step every 4.
var (
	gameSpec = market.Spec{Steps: 12, Workers: 2, Replicas: 2, Seed: 7, Hyperparameters: market.Hyperparameters{
		LearningRate: 3e-3, WeightDecay: 0.1, BatchSize: 2, SeqLen: 16, WarmupSteps: 2, InnerSteps: 4}}
	gameIntent = market.Intent{ID: market.Hash{0xa1, 0x5e}, Spec: gameSpec, State: market.IntentVerifying}
)

// fixture is a played job: its base model and dataset, and every slot's
// prover (slot = replica × workers + rank).
type fixture struct {
	base, data []byte
	provers    map[uint32]*verde.Prover
}

var fixtureOnce struct {
	sync.Once
	f   fixture
	err error
}

// played runs the job once for all the tests: replica 0's rank 0
// perturbs inner step 6, replica 1 is honest.
func played(t *testing.T) fixture {
	t.Helper()
	fixtureOnce.Do(func() {
		fixtureOnce.f, fixtureOnce.err = play(fixtureDir)
	})
	if fixtureOnce.err != nil {
		t.Fatal(fixtureOnce.err)
	}
	return fixtureOnce.f
}

func play(dir string) (fixture, error) {
	m, err := model.Init(model.Config{VocabSize: 256, MaxSeq: 16, Dim: 16, Layers: 1, Heads: 2, Eps: 1e-5}, 1)
	if err != nil {
		return fixture{}, err
	}
	var base bytes.Buffer
	if err := model.Encode(&base, m); err != nil {
		return fixture{}, err
	}
	var data strings.Builder
	for i := range 300 {
		fmt.Fprintf(&data, "worker %d gossips with its partner, the referee checks step %d. ", i%7, i%11)
	}
	f := fixture{base: base.Bytes(), data: []byte(data.String()), provers: map[uint32]*verde.Prover{}}
	plan := jobplan.FromSpec(gameSpec)
	jobID := gameIntent.ID.String()
	for r := range plan.Replicas {
		net, err := noloco.NewMemNetwork(jobID, r, plan.Workers)
		if err != nil {
			return f, err
		}
		errs := make([]error, plan.Workers)
		var wg sync.WaitGroup
		for rank := range plan.Workers {
			tr, err := plan.Trainer(f.base, train.NewDataset(f.data), rank, ree.NewPool(1))
			if err != nil {
				return f, err
			}
			cfg := plan.NoLoCo(jobID, r, rank)
			cfg.ArchiveDir, cfg.Timeout = filepath.Join(dir, fmt.Sprint(r, "-", rank)), 30*time.Second
			if r == 0 && rank == 0 {
				cfg.Faults = &noloco.Faults{PerturbStep: 6}
			}
			wg.Go(func() { _, errs[rank] = noloco.Run(context.Background(), cfg, tr, net.Transport(rank)) })
		}
		wg.Wait()
		for rank, err := range errs {
			if err != nil {
				return f, fmt.Errorf("replica %d rank %d: %w", r, rank, err)
			}
			p, err := verde.NewProver(filepath.Join(dir, fmt.Sprint(r, "-", rank)), plan, f.base, train.NewDataset(f.data), rank, ree.NewPool(1))
			if err != nil {
				return f, err
			}
			f.provers[uint32(r*plan.Workers+rank)] = p
		}
	}
	return f, nil
}

// reports are the job's slot reports, every slot revealed.
func (f fixture) reports(slots ...uint32) []market.SlotReport {
	var out []market.SlotReport
	for _, s := range slots {
		p := f.provers[s]
		out = append(out, market.SlotReport{Slot: s, Replica: s / gameSpec.Workers, Rank: s % gameSpec.Workers,
			State: market.SlotConfirmed, Reveal: &market.Reveal{TraceRoot: market.Hash(p.Root()), Salt: market.Hash{byte(s)},
				Leaves: uint32(p.Leaves())}})
	}
	return out
}

// answers answers from the slots' provers, as their workers would.
func (f fixture) answers() *answers {
	return &answers{answer: func(ctx context.Context, c market.Challenge) (json.RawMessage, error) {
		p, ok := f.provers[c.Slot]
		if !ok {
			return nil, fmt.Errorf("no slot %d", c.Slot)
		}
		return p.Ask(ctx, verde.Question{Kind: c.Kind, Args: c.Args})
	}}
}

// canonical is a transcript or verdict with its exchanges and checks in
// one order: the two sides of a game ask at once, so the order in which
// their questions are logged is not the game's.
func canonical(t *testing.T, raw json.RawMessage) string {
	t.Helper()
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatalf("%v: %.200s", err, raw)
	}
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				walk(e)
				if l, ok := e.([]any); ok && (k == "exchanges" || k == "checks") {
					slices.SortFunc(l, func(a, b any) int {
						ja, _ := json.Marshal(a)
						jb, _ := json.Marshal(b)
						return bytes.Compare(ja, jb)
					})
				}
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(v)
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestGamesAsInProcess plays a dispute and spot checks in a child and in
// this process, and wants the same rulings and transcripts.
func TestGamesAsInProcess(t *testing.T) {
	t.Parallel()
	f := played(t)
	sb := newSandbox(t, sandbox.Config{Children: 1}) // the three games take turns
	single := gameIntent
	single.Spec.Replicas = 1
	for _, tc := range []struct {
		name     string
		in       referee.GameInput
		inProc   referee.Game
		child    referee.Game
		guilty   []uint32
		reasonIs string
	}{
		{"dispute", referee.GameInput{Intent: gameIntent, Dispute: market.Dispute{ID: 1, Rank: 0, Slots: []uint32{0, 2}},
			Reports: f.reports(0, 1, 2, 3)}, referee.VerdeGame, sb.Verde(), []uint32{0}, "differs from the referee's recomputation"},
		{"spot check of the cheat", referee.GameInput{Intent: single, Dispute: market.Dispute{ID: 2, Slots: []uint32{0}},
			Reports: f.reports(0, 1)}, referee.SpotCheckGame(12), sb.SpotCheck(12), []uint32{0}, "step 6"},
		{"spot check of an honest slot", referee.GameInput{Intent: single, Dispute: market.Dispute{ID: 3, Slots: []uint32{1}},
			Reports: f.reports(0, 1)}, referee.SpotCheckGame(3), sb.SpotCheck(3), []uint32{}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.in.Base, tc.in.Data = f.base, f.data
			wantT, want, err := tc.inProc(t.Context(), input(tc.in, f.answers()))
			if err != nil {
				t.Fatalf("in process: %v", err)
			}
			gotT, got, err := tc.child(t.Context(), input(tc.in, f.answers()))
			if err != nil {
				t.Fatalf("in a child: %v", err)
			}
			if !slices.Equal(got.Guilty, tc.guilty) || !slices.Equal(want.Guilty, tc.guilty) {
				t.Fatalf("guilty %v in a child, %v in process; want %v (%v)", got.Guilty, want.Guilty, tc.guilty, got.Reasons)
			}
			if len(tc.guilty) > 0 && !strings.Contains(got.Reasons[0], tc.reasonIs) {
				t.Fatalf("reason %q, want %q", got.Reasons[0], tc.reasonIs)
			}
			if !slices.Equal(got.Reasons, want.Reasons) {
				t.Fatalf("reasons %q in a child, %q in process", got.Reasons, want.Reasons)
			}
			if canonical(t, got.Verdict) != canonical(t, want.Verdict) {
				t.Fatalf("verdicts differ:\nchild      %s\nin process %s", got.Verdict, want.Verdict)
			}
			if c, p := canonical(t, gotT), canonical(t, wantT); c != p {
				t.Fatalf("transcripts differ:\nchild      %.2000s\nin process %.2000s", c, p)
			}
			t.Logf("%s: the same ruling (guilty %v) and transcript (%d bytes) in a child and in process", tc.name,
				got.Guilty, len(gotT))
		})
	}
}

// TestGameErrorCrossesAsItself: a game that cannot rule returns its own
// error, no Failure, and errors.Is still finds verde's sentinel in it.
func TestGameErrorCrossesAsItself(t *testing.T) {
	t.Parallel()
	f := played(t)
	in := referee.GameInput{Intent: gameIntent, Dispute: market.Dispute{ID: 4, Slots: []uint32{2, 2}},
		Reports: f.reports(0, 1, 2, 3), Base: f.base, Data: f.data}
	_, _, want := referee.VerdeGame(t.Context(), input(in, f.answers()))
	_, _, err := newSandbox(t, sandbox.Config{}).Verde()(t.Context(), input(in, f.answers()))
	var fail *sandbox.Failure
	if err == nil || errors.As(err, &fail) || !errors.Is(err, verde.ErrNoDispute) || err.Error() != want.Error() {
		t.Fatalf("err %v, want the game's own %v", err, want)
	}
}

// TestQuestionsGoThroughTheParent: a game's questions reach the parent's
// askers (and their errors come back to the game as they are), the base
// model and the dataset arrive whole.
func TestQuestionsGoThroughTheParent(t *testing.T) {
	t.Parallel()
	sb := newSandbox(t, sandbox.Config{})
	base, data := bytes.Repeat([]byte{7}, 3<<20+1), []byte("tiny")
	in := referee.GameInput{Intent: gameIntent, Dispute: market.Dispute{ID: 5, Slots: []uint32{1}},
		Reports: []market.SlotReport{{Slot: 0}, {Slot: 1}}, Base: base, Data: data}
	big := bytes.Repeat([]byte("x"), 2<<20)
	var asked []string
	var mu sync.Mutex
	a := &answers{answer: func(_ context.Context, c market.Challenge) (json.RawMessage, error) {
		mu.Lock()
		asked = append(asked, fmt.Sprintf("%d %s %s", c.Slot, c.Kind, c.Args))
		mu.Unlock()
		if strings.Contains(string(c.Args), "refuse") {
			return nil, fmt.Errorf("slot %d: %w", c.Slot, referee.ErrNoAnswer)
		}
		return json.RawMessage(`"` + string(big) + `"`), nil
	}}
	tr, ruling, err := sb.Game("echo", "hello")(t.Context(), input(in, a))
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(tr, &got); err != nil {
		t.Fatal(err)
	}
	if got["base"] != float64(len(base)) || got["data"] != float64(len(data)) || got["answer"] != float64(len(big)+2) ||
		got["reports"] != float64(2) {
		t.Fatalf("the child saw %v", got)
	}
	if !slices.Equal(ruling.Guilty, []uint32{1}) || ruling.Reasons[0] != `"hello"` {
		t.Fatalf("ruling %+v", ruling)
	}
	if len(asked) != 1 || asked[0] != `1 echo "hello"` {
		t.Fatalf("asked %q", asked)
	}
	_, _, err = sb.Game("echo", "refuse")(t.Context(), input(in, a))
	var fail *sandbox.Failure
	if err == nil || errors.As(err, &fail) || !strings.Contains(err.Error(), "echo: slot 1: no answer by the deadline") {
		t.Fatalf("err %v, want the asker's error through the game's", err)
	}
	// An answer beyond the frame bound reaches the game as an error.
	small := newSandbox(t, sandbox.Config{MaxFrame: 1 << 20})
	_, _, err = small.Game("echo", "hello")(t.Context(), input(in, a))
	if err == nil || !strings.Contains(err.Error(), "exceeds the referee sandbox's bound") {
		t.Fatalf("err %v, want the answer refused for its size", err)
	}
}

// failure plays game and wants a Failure for reason.
func failure(t *testing.T, sb *sandbox.Sandbox, ctx context.Context, game string, in referee.GameInput, reason sandbox.Reason) *sandbox.Failure {
	t.Helper()
	start := time.Now()
	_, _, err := sb.Game(game, nil)(ctx, in)
	var f *sandbox.Failure
	if !errors.As(err, &f) {
		t.Fatalf("%s: err %v, want a Failure", game, err)
	}
	if f.Reason != reason {
		t.Fatalf("%s: %v (stderr %q), want the reason %q", game, f, f.Stderr, reason)
	}
	t.Logf("%s after %s: %v", game, time.Since(start).Round(time.Millisecond), err)
	return f
}

// TestMemoryLimit: a child that allocates without bound dies of its limit,
// a Failure says so, and this process is unharmed: its heap is small and
// it plays the next game.
func TestMemoryLimit(t *testing.T) {
	t.Parallel()
	sb := newSandbox(t, sandbox.Config{Memory: 256 << 20})
	in := referee.GameInput{Intent: gameIntent, Dispute: market.Dispute{ID: 6, Slots: []uint32{0}}, Reports: []market.SlotReport{{Slot: 0}}}
	f := failure(t, sb, t.Context(), "hog", in, sandbox.Memory)
	if f.Signal != 0 || f.ExitCode != 2 || !strings.Contains(f.Stderr, "fatal error") {
		t.Fatalf("%+v", f)
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	if ms.HeapAlloc > 256<<20 {
		t.Fatalf("the parent's heap holds %d bytes", ms.HeapAlloc)
	}
	a := &answers{answer: func(context.Context, market.Challenge) (json.RawMessage, error) { return json.RawMessage("1"), nil }}
	if _, _, err := sb.Game("echo", "after")(t.Context(), input(in, a)); err != nil {
		t.Fatalf("the next game: %v", err)
	}
}

// TestRecomputationThatCannotFit: finding 3 of issue 11 — a spot check of
// a job whose model declares a context of 65,536 tokens, on the server's
// default limit scaled down, dies in its child, not in the server.
func TestRecomputationThatCannotFit(t *testing.T) {
	t.Parallel()
	m, err := model.Init(model.Config{VocabSize: 256, MaxSeq: 65536, Dim: 16, Layers: 1, Heads: 2, Eps: 1e-5}, 1)
	if err != nil {
		t.Fatal(err)
	}
	var base bytes.Buffer
	if err := model.Encode(&base, m); err != nil {
		t.Fatal(err)
	}
	spec := gameSpec
	spec.Replicas, spec.Hyperparameters.SeqLen, spec.Hyperparameters.BatchSize = 1, 65536, 4096
	intent := gameIntent
	intent.Spec = spec
	in := referee.GameInput{Intent: intent, Dispute: market.Dispute{ID: 7, Slots: []uint32{0}}, Base: base.Bytes(),
		Data: bytes.Repeat([]byte("a long enough dataset. "), 1<<16),
		Reports: []market.SlotReport{{Slot: 0, Reveal: &market.Reveal{TraceRoot: market.Hash{1}, Leaves: 20}},
			{Slot: 1, Rank: 1, Reveal: &market.Reveal{TraceRoot: market.Hash{2}, Leaves: 20}}}}
	a := &answers{answer: func(context.Context, market.Challenge) (json.RawMessage, error) {
		return nil, errors.New("a worker that never answers")
	}}
	sb := newSandbox(t, sandbox.Config{Memory: 1 << 30, CPU: time.Minute})
	_, _, err = sb.SpotCheck(3)(t.Context(), input(in, a))
	var f *sandbox.Failure
	if !errors.As(err, &f) || f.Reason != sandbox.Memory {
		t.Fatalf("err %v, want a Failure for the memory limit", err)
	}
	t.Log(err)
}

// TestKilledMidGame: a child killed by a signal from outside, while it
// waits for an answer, ends in a Failure.
func TestKilledMidGame(t *testing.T) {
	t.Parallel()
	sb := newSandbox(t, sandbox.Config{})
	pids := make(chan int, 1)
	a := pidAnswers(pids)
	done := make(chan *sandbox.Failure, 1)
	go func() { done <- failure(t, sb, t.Context(), "pid", input(waitInput(), a), sandbox.Killed) }()
	pid := <-pids
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	if f := <-done; f.Signal != syscall.SIGKILL || f.ExitCode != -1 {
		t.Fatalf("%+v", f)
	}
}

// TestCPULimit: a child that computes past its CPU time is killed.
func TestCPULimit(t *testing.T) {
	t.Parallel()
	sb := newSandbox(t, sandbox.Config{CPU: time.Second, Wall: time.Minute})
	if f := failure(t, sb, t.Context(), "spin", waitInput(), sandbox.CPU); f.Signal != syscall.SIGKILL {
		t.Fatalf("%+v", f)
	}
}

// TestWallClockLimit: a game that outlasts its bound is killed.
func TestWallClockLimit(t *testing.T) {
	t.Parallel()
	sb := newSandbox(t, sandbox.Config{Wall: 2 * time.Second})
	a := pidAnswers(make(chan int, 1))
	start := time.Now()
	failure(t, sb, t.Context(), "pid", input(waitInput(), a), sandbox.WallClock)
	if d := time.Since(start); d > 10*time.Second {
		t.Fatalf("killed after %s", d)
	}
}

// TestCrashAndGarbage: a child that panics, or writes what is no frame,
// ends in a Failure that says which.
func TestCrashAndGarbage(t *testing.T) {
	t.Parallel()
	sb := newSandbox(t, sandbox.Config{})
	if f := failure(t, sb, t.Context(), "panic", waitInput(), sandbox.Crashed); f.ExitCode != 2 ||
		!strings.Contains(f.Error(), "the game lost its mind") {
		t.Fatalf("%+v", f)
	}
	if f := failure(t, sb, t.Context(), "garbage", waitInput(), sandbox.Protocol); !strings.Contains(f.Error(), "unexpected frame type") {
		t.Fatalf("%+v", f)
	}
	if f := failure(t, sb, t.Context(), "no such game", waitInput(), sandbox.Crashed); !strings.Contains(f.Error(), "no game") {
		t.Fatalf("%+v", f)
	}
}

// TestCancelKillsTheChild: the caller's context ending kills the child; the
// error is the context's, not a Failure, and no process is left.
func TestCancelKillsTheChild(t *testing.T) {
	t.Parallel()
	sb := newSandbox(t, sandbox.Config{})
	pids := make(chan int, 1)
	ctx, cancel := context.WithCancel(t.Context())
	errc := make(chan error, 1)
	go func() {
		_, _, err := sb.Game("pid", nil)(ctx, input(waitInput(), pidAnswers(pids)))
		errc <- err
	}()
	pid := <-pids
	cancel()
	err := <-errc
	var f *sandbox.Failure
	if !errors.Is(err, context.Canceled) || errors.As(err, &f) {
		t.Fatalf("err %v, want the context's", err)
	}
	if alive(pid) {
		t.Fatalf("the child %d outlived the game", pid)
	}
}

// TestParentDeathKillsTheChild: a server killed with SIGKILL (no chance to
// kill its children) leaves no game running: Pdeathsig.
func TestParentDeathKillsTheChild(t *testing.T) {
	t.Parallel()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), parentEnv+"=1")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("the parent said nothing: %v; %s", err, stderr.String())
	}
	pid, err := strconv.Atoi(strings.TrimSpace(line))
	if err != nil {
		t.Fatal(err)
	}
	if !alive(pid) {
		t.Fatal("the child is not running")
	}
	cmd.Process.Kill()
	cmd.Wait()
	deadline := time.Now().Add(10 * time.Second)
	for alive(pid) {
		if time.Now().After(deadline) {
			syscall.Kill(pid, syscall.SIGKILL)
			t.Fatalf("the child %d outlived its parent", pid)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// parentMain plays the stubborn game (which ignores the end of its
// stdin), prints the child's pid, and waits to be
// killed.
func parentMain() int {
	exe, err := os.Executable()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	sb, err := sandbox.New(sandbox.Config{Command: []string{exe}})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	pids := make(chan int, 1)
	go func() {
		fmt.Println(<-pids)
	}()
	_, _, err = sb.Game("stubborn", nil)(context.Background(), input(waitInput(), pidAnswers(pids)))
	fmt.Fprintln(os.Stderr, "the game ended:", err)
	return 1
}

// waitInput is the input of the games that need none.
func waitInput() referee.GameInput {
	return referee.GameInput{Intent: gameIntent, Dispute: market.Dispute{ID: 9, Slots: []uint32{0}},
		Reports: []market.SlotReport{{Slot: 0}}}
}

// pidAnswers sends the pid the pid game asks with to pids, and never
// answers.
func pidAnswers(pids chan<- int) *answers {
	return &answers{answer: func(ctx context.Context, c market.Challenge) (json.RawMessage, error) {
		var q struct{ PID int }
		if err := json.Unmarshal(c.Args, &q); err != nil {
			return nil, err
		}
		pids <- q.PID
		<-ctx.Done()
		return nil, ctx.Err()
	}}
}

// alive reports whether process pid runs (a zombie does not).
func alive(pid int) bool {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return false
	}
	// pid (comm) state …: the state follows the last ')'.
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	return i < 0 || i+2 >= len(s) || s[i+2] != 'Z'
}
