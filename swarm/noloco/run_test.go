package noloco

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

func countKind(trace []TraceEntry, k EntryKind) int {
	n := 0
	for _, e := range trace {
		if e.Kind == k {
			n++
		}
	}
	return n
}

// TestRunDeterministic runs two replica swarms of the same job (different
// keys, replica numbers and threads) and wants the same trace and weights,
// worker by worker, and the same final weights on every worker.
func TestRunDeterministic(t *testing.T) {
	s := testSpec(NoLoCo, 3, 12, 4) // three workers: one group of three
	other := s
	other.threads = 3 // another machine: the bits must not depend on it
	a, b := memSwarm(t, s, 0), memSwarm(t, other, 1)
	for r := range a {
		if a[r].err != nil || b[r].err != nil {
			t.Fatalf("rank %d: %v, %v", r, a[r].err, b[r].err)
		}
		if !slices.Equal(a[r].res.Trace, b[r].res.Trace) {
			t.Errorf("rank %d: the replicas' traces differ", r)
		}
		if HashTrace(a[r].res.Trace) != HashTrace(b[r].res.Trace) {
			t.Errorf("rank %d: the replicas' trace hashes differ", r)
		}
		if !slices.Equal(a[r].weights, a[0].weights) || !slices.Equal(b[r].weights, a[0].weights) {
			t.Errorf("rank %d: final weights differ from rank 0's", r)
		}
		tr := a[r].res.Trace
		// Three outer steps with the two others of the group of three, then
		// the final average with both.
		if got := countKind(tr, EntrySent); got != 3*2+2 {
			t.Errorf("rank %d: %d messages sent, want 8", r, got)
		}
		if got := countKind(tr, EntryReceived); got != 3*2+2 {
			t.Errorf("rank %d: %d messages received, want 8", r, got)
		}
		if got := countKind(tr, EntryCheckpoint); got != 13 {
			t.Errorf("rank %d: %d checkpoints, want 13", r, got)
		}
		if got := countKind(tr, EntryOuter); got != 3 {
			t.Errorf("rank %d: %d outer steps, want 3", r, got)
		}
		if a[r].res.BytesSent <= 0 {
			t.Errorf("rank %d: no bytes counted", r)
		}
	}
	// The workers train different shards: until the end, their traces differ.
	if slices.Equal(a[0].res.Trace[:5], a[1].res.Trace[:5]) {
		t.Error("ranks 0 and 1 have the same early trace: are they on the same shard?")
	}
}

// TestRunOuterStepMatters checks that the outer steps change the run: the
// same workers with a period beyond the run end elsewhere.
func TestRunOuterStepMatters(t *testing.T) {
	with := memSwarm(t, testSpec(NoLoCo, 2, 8, 4), 0)
	without := memSwarm(t, testSpec(NoLoCo, 2, 8, 100), 0)
	for _, o := range append(with, without...) {
		if o.err != nil {
			t.Fatal(o.err)
		}
	}
	if slices.Equal(with[0].weights, without[0].weights) {
		t.Error("outer steps every 4 inner steps leave the same weights as none")
	}
	if got := countKind(without[0].res.Trace, EntryOuter); got != 0 {
		t.Errorf("%d outer steps with H beyond the run", got)
	}
}

func TestRunMethods(t *testing.T) {
	tests := []struct {
		method   Method
		workers  int
		outers   int // outer entries expected
		messages int // sent per worker
	}{
		{NoLoCo, 4, 2, 2 + 3},
		{DiLoCo, 4, 2, 2 * 2 * 3},       // two ring all-reduces of 2·(W−1) rounds
		{DataParallel, 3, 0, 8 * 2 * 2}, // one per inner step
		{DiLoCo, 1, 2, 0},
	}
	for _, tt := range tests {
		t.Run(tt.method.String(), func(t *testing.T) {
			out := memSwarm(t, testSpec(tt.method, tt.workers, 8, 4), 0)
			for r, o := range out {
				if o.err != nil {
					t.Fatalf("rank %d: %v", r, o.err)
				}
				if !slices.Equal(o.weights, out[0].weights) {
					t.Errorf("rank %d ends with other weights than rank 0", r)
				}
				if got := countKind(o.res.Trace, EntryOuter); got != tt.outers {
					t.Errorf("rank %d: %d outer entries, want %d", r, got, tt.outers)
				}
				if got := countKind(o.res.Trace, EntrySent); got != tt.messages {
					t.Errorf("rank %d: %d messages sent, want %d", r, got, tt.messages)
				}
			}
		})
	}
}

// TestDataParallelKeepsWorkersEqual checks that with gradients all-reduced,
// the workers' checkpoints agree after every step, unlike without.
func TestDataParallelKeepsWorkersEqual(t *testing.T) {
	out := memSwarm(t, testSpec(DataParallel, 2, 5, 4), 0)
	var a, b []TraceEntry
	for _, o := range out {
		if o.err != nil {
			t.Fatal(o.err)
		}
	}
	for _, e := range out[0].res.Trace {
		if e.Kind == EntryCheckpoint {
			a = append(a, e)
		}
	}
	for _, e := range out[1].res.Trace {
		if e.Kind == EntryCheckpoint {
			b = append(b, e)
		}
	}
	if len(a) != 6 || !slices.Equal(a, b) {
		t.Errorf("checkpoints of the two workers: %d, %d, equal %v", len(a), len(b), slices.Equal(a, b))
	}
}

func TestRunPeerGone(t *testing.T) {
	s := testSpec(NoLoCo, 2, 8, 4)
	s.run.Timeout = 200 * time.Millisecond
	net, err := NewMemNetwork(s.run.Job, 0, 2)
	if err != nil {
		t.Fatal(err)
	}
	net.Close(1)
	cfg := s.run
	start := time.Now()
	_, err = Run(context.Background(), cfg, s.trainer(t, 0), net.Transport(0))
	var pe *PeerError
	if !errors.As(err, &pe) || pe.Rank != 1 || pe.Op != "outer step 1" {
		t.Fatalf("Run = %v, want a PeerError for rank 1 at outer step 1", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("the failure took %v", d)
	}
}

func TestRunSilentPeerTimesOut(t *testing.T) {
	s := testSpec(NoLoCo, 2, 4, 4)
	s.run.Timeout = 100 * time.Millisecond
	net, err := NewMemNetwork(s.run.Job, 0, 2)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Run(context.Background(), s.run, s.trainer(t, 0), net.Transport(0)) // rank 1 never runs
	var pe *PeerError
	if !errors.As(err, &pe) || pe.Rank != 1 || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Run = %v, want rank 1's deadline", err)
	}
	if !strings.Contains(err.Error(), "outer step 1") {
		t.Errorf("%v does not name the outer step", err)
	}
}

func TestRunRefusesConfig(t *testing.T) {
	s := testSpec(NoLoCo, 2, 4, 4)
	net, err := NewMemNetwork(s.run.Job, 0, 2)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		change func(c *Config)
		rank   int // of the trainer's shard
	}{
		{"another rank's shard", func(c *Config) {}, 1},
		{"rank beyond the workers", func(c *Config) { c.Rank = 2 }, 0},
		{"no H", func(c *Config) { c.Outer.H = 0 }, 0},
		{"unstable constants", func(c *Config) { c.Outer.Beta = 0.1 }, 0},
		{"unknown method", func(c *Config) { c.Method = 9 }, 0},
	}
	for _, tt := range tests {
		cfg := s.run
		tt.change(&cfg)
		if _, err := Run(context.Background(), cfg, s.trainer(t, tt.rank), net.Transport(0)); err == nil {
			t.Errorf("%s: Run accepted it", tt.name)
		}
	}
}

func TestRunCancelled(t *testing.T) {
	s := testSpec(NoLoCo, 1, 4, 4)
	net, err := NewMemNetwork(s.run.Job, 0, 1)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	tr := s.trainer(t, 0)
	if _, err := Run(ctx, s.run, tr, net.Transport(0)); !errors.Is(err, context.Canceled) {
		t.Errorf("Run = %v, want context.Canceled", err)
	}
	if tr.Steps() != 0 {
		t.Errorf("%d steps taken after the cancellation", tr.Steps())
	}
}

// TestRunBrokenByAVanishedPeer: a peer that leaves at outer step 2 breaks
// its partner's run, which returns with its PeerError the trace up to the
// failure: a prefix of the trace the whole run records, so that the
// partner can show its part.
func TestRunBrokenByAVanishedPeer(t *testing.T) {
	s := testSpec(NoLoCo, 2, 12, 4)
	whole := memSwarm(t, s, 0)
	s.run.Timeout = 300 * time.Millisecond
	net, err := NewMemNetwork(s.run.Job, 0, 2)
	if err != nil {
		t.Fatal(err)
	}
	broken := runSwarmWith(t, s, 0, net.Transport, func(c *Config) {
		if c.Rank == 1 {
			c.Faults = &Faults{VanishOuter: 2}
		}
	})
	if !errors.Is(broken[1].err, ErrVanished) {
		t.Fatalf("the vanished worker's run: %v, want ErrVanished", broken[1].err)
	}
	var pe *PeerError
	if err := broken[0].err; !errors.As(err, &pe) || pe.Rank != 1 || pe.Op != "outer step 2" {
		t.Fatalf("the partner's run: %v, want a PeerError for rank 1 at outer step 2", err)
	}
	part, all := broken[0].res.Trace, whole[0].res.Trace
	if len(part) < 2 || len(part) >= len(all) || !slices.Equal(part, all[:len(part)]) {
		t.Fatalf("the partial trace has %d leaves, the whole one %d: want a strict prefix", len(part), len(all))
	}
	if last := part[len(part)-1]; last.Step != 8 || last.Kind != EntryCheckpoint {
		t.Fatalf("the partial trace ends with %+v, want the checkpoint of step 8", last)
	}
}
