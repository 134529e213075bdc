package noloco

import (
	"path/filepath"
	"slices"
	"testing"
)

// archivedSwarm runs a replica of 2 workers over 10 steps with H = 4, each
// worker archiving into its own directory, rank 0 with faults f.
func archivedSwarm(t *testing.T, f *Faults) (swarmSpec, []outcome, []string) {
	t.Helper()
	return archivedSwarmEvery(t, f, 0)
}

// archivedSwarmEvery is archivedSwarm with Config.ArchiveEvery set.
func archivedSwarmEvery(t *testing.T, f *Faults, every int) (swarmSpec, []outcome, []string) {
	t.Helper()
	s := testSpec(NoLoCo, 2, 10, 4)
	dirs := []string{filepath.Join(t.TempDir(), "r0"), filepath.Join(t.TempDir(), "r1")}
	net, err := NewMemNetwork(s.run.Job, 0, 2)
	if err != nil {
		t.Fatal(err)
	}
	out := runSwarmWith(t, s, 0, net.Transport, func(c *Config) {
		c.ArchiveDir, c.ArchiveEvery = dirs[c.Rank], every
		if c.Rank == 0 {
			c.Faults = f
		}
	})
	for r, o := range out {
		if o.err != nil {
			t.Fatalf("rank %d: %v", r, o.err)
		}
	}
	return s, out, dirs
}

// checkArchive replays every entry of an archive and wants the trace's
// hashes back: what a prover answers is what the worker committed to.
func checkArchive(t *testing.T, s swarmSpec, rank int, dir string, trace []TraceEntry) {
	t.Helper()
	a, err := OpenArchive(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(a.Trace(), trace) {
		t.Fatal("the archived trace is not the run's")
	}
	cfg := s.run
	cfg.Rank = rank
	layout := Layout(cfg, s.hyper.Steps)
	if len(layout) != len(trace) {
		t.Fatalf("layout of %d entries, trace of %d", len(layout), len(trace))
	}
	tr := s.trainer(t, rank)
	for i, e := range trace {
		if l := layout[i]; l.Step != e.Step || l.Kind != e.Kind || l.Peer != e.Peer {
			t.Fatalf("entry %d is %+v, the layout says %+v", i, e, l)
		}
		switch e.Kind {
		case EntryCheckpoint, EntryOuter:
			_, mom, err := a.State(tr, i)
			if err != nil {
				t.Fatal(err)
			}
			h := tr.Checkpoint().Hash()
			if e.Kind == EntryOuter {
				h = OuterHash(h, HashFloats(mom))
			}
			if h != e.Hash {
				t.Fatalf("rank %d: the state replayed at entry %d (%s of step %d) does not hash to the trace's", rank, i, e.Kind, e.Step)
			}
			if e.Kind == EntryCheckpoint && e.Step > 0 {
				rec, err := a.RecordStep(tr, e.Step-1, nil)
				if err != nil {
					t.Fatal(err)
				}
				if rec.Step != e.Step-1 || tr.Checkpoint().Hash() != e.Hash {
					t.Fatalf("rank %d: recording step %d does not end in the traced state", rank, e.Step)
				}
			}
		case EntrySent, EntryReceived:
			m, err := a.Message(i)
			if err != nil {
				t.Fatal(err)
			}
			if m.Digest() != e.Hash {
				t.Fatalf("entry %d: the archived message does not hash to the trace's", i)
			}
		case EntryFinal:
			w, err := a.Final()
			if err != nil || HashFloats(w) != e.Hash {
				t.Fatalf("final weights: %v", err)
			}
		}
	}
	// Backwards, from a fresh archive: no state recomputed lately helps.
	b, err := OpenArchive(dir)
	if err != nil {
		t.Fatal(err)
	}
	for i := len(trace) - 1; i >= 0; i-- {
		if e := trace[i]; e.Kind == EntryCheckpoint {
			if _, _, err := b.State(tr, i); err != nil || tr.Checkpoint().Hash() != e.Hash {
				t.Fatalf("rank %d: backwards, the state at entry %d does not hash to the trace's: %v", rank, i, err)
			}
		}
	}
}

func TestArchiveReplaysTheTrace(t *testing.T) {
	t.Parallel()
	for _, every := range []int{0, 3} {
		s, out, dirs := archivedSwarmEvery(t, nil, every)
		for r := range out {
			checkArchive(t, s, r, dirs[r], out[r].res.Trace)
		}
		a, err := OpenArchive(dirs[0])
		if err != nil {
			t.Fatal(err)
		}
		// Step 0 and two outer steps in 10 steps of H = 4; and, every 3
		// steps, the checkpoints of steps 3, 6 and 9.
		if want := map[int]int{0: 3, 3: 6}[every]; len(a.info.States) != want {
			t.Fatalf("every %d: %d states kept, want %d", every, len(a.info.States), want)
		}
	}
	// States kept every 3 steps, and a cheat that replays across them.
	s, out, dirs := archivedSwarmEvery(t, &Faults{ReplayFrom: 1, ReplayAt: 7}, 3)
	checkArchive(t, s, 0, dirs[0], out[0].res.Trace)
}

// TestFaultsAreArchived: a cheat's archive replays its lie, so that it
// answers the referee consistently with its trace; and each fault shows in
// the trace where it was made.
func TestFaultsAreArchived(t *testing.T) {
	t.Parallel()
	_, honest, _ := archivedSwarm(t, nil)
	for _, tc := range []struct {
		name  string
		f     Faults
		first stepKind
	}{
		{"perturbed step", Faults{PerturbStep: 6}, stepKind{6, EntryCheckpoint}},
		{"replayed state", Faults{ReplayFrom: 2, ReplayAt: 6}, stepKind{6, EntryCheckpoint}},
		{"bad gossip", Faults{BadGossipOuter: 2}, stepKind{8, EntrySent}},
		{"bad outer step", Faults{BadOuter: 1}, stepKind{4, EntryOuter}},
		{"bad average", Faults{BadAverage: true}, stepKind{10, EntryFinal}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := tc.f
			s, out, dirs := archivedSwarm(t, &f)
			checkArchive(t, s, 0, dirs[0], out[0].res.Trace)
			checkArchive(t, s, 1, dirs[1], out[1].res.Trace)
			tr, want := out[0].res.Trace, honest[0].res.Trace
			i := 0
			for i < len(tr) && tr[i] == want[i] {
				i++
			}
			if i == len(tr) || tr[i].Step != tc.first.Step || tr[i].Kind != tc.first.Kind {
				t.Fatalf("first entry off the honest trace: %d of %d (%+v), want %+v", i, len(tr), tr[min(i, len(tr)-1)], tc.first)
			}
		})
	}
}

// stepKind names a trace entry by its step and kind.
type stepKind struct {
	Step int
	Kind EntryKind
}

// TestLayout: the layout of a trace is the trace's, for one worker, two
// and three (a group of three).
func TestLayout(t *testing.T) {
	t.Parallel()
	for _, workers := range []int{1, 2, 3} {
		s := testSpec(NoLoCo, workers, 9, 4)
		for r, o := range memSwarm(t, s, 0) {
			if o.err != nil {
				t.Fatal(o.err)
			}
			cfg := s.run
			cfg.Rank = r
			layout := Layout(cfg, s.hyper.Steps)
			if len(layout) != len(o.res.Trace) {
				t.Fatalf("%d workers, rank %d: layout of %d entries, trace of %d", workers, r, len(layout), len(o.res.Trace))
			}
			for i, e := range o.res.Trace {
				if l := layout[i]; l.Step != e.Step || l.Kind != e.Kind || l.Peer != e.Peer {
					t.Fatalf("%d workers, rank %d: entry %d is %+v, the layout says %+v", workers, r, i, e, l)
				}
			}
		}
	}
}
