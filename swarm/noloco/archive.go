package noloco

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/google/renameio/v2"

	"github.com/axl-market/axl/swarm/model"
	"github.com/axl-market/axl/swarm/ree"
	"github.com/axl-market/axl/swarm/train"
)

// Faults make a worker cheat. They exist for the adversarial tests of the
// referee and for `axl demo --cheat` only: an honest worker runs with nil.
// A faulty worker does not crash and does not hide: its trace and its
// archive record what it really did, so that it answers the referee
// consistently with its commitment, and loses on the merits. Steps count
// from 1: inner step s is the one after which s steps have been taken.
type Faults struct {
	// PerturbStep, if positive, is the inner step in which one operator
	// (the AdamW update of the first weight) writes a slightly wrong output.
	PerturbStep int `json:"perturb_step,omitempty"`
	// ReplayAt, if positive, is an inner step the worker skips: instead of
	// computing it, it restores the weights and moments it had after
	// ReplayFrom steps (ReplayFrom < ReplayAt) and counts the step as taken.
	ReplayFrom int `json:"replay_from,omitempty"`
	ReplayAt   int `json:"replay_at,omitempty"`
	// BadGossipOuter, if positive, is the outer step at which the worker
	// sends its partners an outer delta Δ that does not match its state; its
	// own outer step uses the true one.
	BadGossipOuter int `json:"bad_gossip_outer,omitempty"`
	// BadOuter, if positive, is the outer step whose result (the new slow
	// weights) the worker gets slightly wrong.
	BadOuter int `json:"bad_outer,omitempty"`
	// BadAverage makes the worker end with slightly wrong averaged weights.
	BadAverage bool `json:"bad_average,omitempty"`
	// VanishOuter, if positive, is the outer step at which the worker leaves
	// the run without a word: it sends nothing more, and Run returns
	// ErrVanished. Its peers' runs break (a *PeerError).
	VanishOuter int `json:"vanish_outer,omitempty"`
}

// ErrVanished is the error of a run whose worker left it (Faults.VanishOuter).
var ErrVanished = errors.New("the worker vanished from the run on purpose")

func (f *Faults) validate() error {
	if f == nil {
		return nil
	}
	if f.ReplayAt > 0 && (f.ReplayFrom < 0 || f.ReplayFrom >= f.ReplayAt) {
		return fmt.Errorf("noloco: fault replays step %d at step %d: want 0 ≤ from < at", f.ReplayFrom, f.ReplayAt)
	}
	return nil
}

// innerStep runs the next inner step on tr as a worker with faults f does
// (f may be nil); old is the state that the ReplayAt fault restores. With
// record, the step's operators are recorded (keep as in
// train.Trainer.RecordStep); a skipped step records what an honest step
// would have, which the cheat did not compute.
func innerStep(tr *train.Trainer, f *Faults, old *train.Checkpoint, record bool, keep func(int) bool) (*train.StepRecord, error) {
	next := tr.Steps() + 1
	if f != nil && f.ReplayAt == next {
		if old == nil {
			return nil, fmt.Errorf("noloco: no state of step %d to replay", f.ReplayFrom)
		}
		var rec *train.StepRecord
		if record {
			var err error
			if rec, err = tr.RecordStep(keep); err != nil {
				return nil, err
			}
		}
		c := old.Clone()
		c.Step = next
		return rec, tr.Restore(c)
	}
	if f != nil && f.PerturbStep == next {
		prog := tr.Program()
		for k := tr.OptimizerStart(); k < len(prog.Ops); k++ {
			if orig := prog.Ops[k]; orig.Kind == "adamw" {
				bad := *orig
				bad.Kernel = func(p *ree.Pool, in, out []*model.Tensor) {
					orig.Kernel(p, in, out)
					out[0].F[0] += 1e-3
				}
				prog.Ops[k] = &bad
				defer func() { prog.Ops[k] = orig }()
				break
			}
		}
	}
	if record {
		return tr.RecordStep(keep)
	}
	_, err := tr.Step()
	return nil, err
}

// The files of an archive directory. Each is written whole to a temporary
// name and renamed, so that a file present is a file complete.
const (
	archiveMeta   = "meta.json"
	archiveTrace  = "trace.bin"
	archiveFinal  = "final.f32"
	archiveReplay = "replay.ckpt" // the state the ReplayAt fault restores
)

func stateFile(index int) string    { return fmt.Sprintf("state-%06d.ckpt", index) }
func phiFile(index int) string      { return fmt.Sprintf("phi-%06d.f32", index) }
func momentumFile(index int) string { return fmt.Sprintf("momentum-%06d.f32", index) }
func messageFile(index int) string  { return fmt.Sprintf("message-%06d.bin", index) }

// archiveInfo is meta.json: the run's configuration, what a prover needs to
// replay it, and the trace indices of the states kept.
type archiveInfo struct {
	Job          string    `json:"job"`
	Replica      int       `json:"replica"`
	Rank         int       `json:"rank"`
	Workers      int       `json:"workers"`
	Outer        Params    `json:"outer"`
	Seed         uint64    `json:"seed"`
	Faults       *Faults   `json:"faults,omitempty"`
	States       []int     `json:"states"` // trace indices of the states kept, ascending
	Complete     bool      `json:"complete"`
	CompletedAt  time.Time `json:"completed_at,omitzero"`
	TraceEntries int       `json:"trace_entries"`
}

// writeFile writes b to dir/name atomically: a temporary file, synced,
// then renamed over the name.
func writeFile(dir, name string, b []byte) error {
	if err := renameio.WriteFile(filepath.Join(dir, name), b, 0o600, renameio.WithTempDir(dir)); err != nil {
		return fmt.Errorf("noloco: archive %s: %w", name, err)
	}
	return nil
}

// archiver writes a run's archive as the run goes.
type archiver struct {
	dir  string
	info archiveInfo
}

func newArchiver(cfg Config) (*archiver, error) {
	if err := os.MkdirAll(cfg.ArchiveDir, 0o755); err != nil {
		return nil, fmt.Errorf("noloco: archive: %w", err)
	}
	a := &archiver{dir: cfg.ArchiveDir, info: archiveInfo{
		Job: cfg.Job, Replica: cfg.Replica, Rank: cfg.Rank, Workers: cfg.Workers,
		Outer: cfg.Outer, Seed: cfg.Seed, Faults: cfg.Faults,
	}}
	return a, a.meta()
}

func (a *archiver) meta() error {
	b, err := json.MarshalIndent(a.info, "", "  ")
	if err != nil {
		return err
	}
	return writeFile(a.dir, archiveMeta, b)
}

// state keeps the state recorded at trace index: the checkpoint, φ and the
// outer momentum.
func (a *archiver) state(index int, c *train.Checkpoint, phi, mom []float32) error {
	var buf bytes.Buffer
	if err := c.Encode(&buf); err != nil {
		return err
	}
	for name, b := range map[string][]byte{stateFile(index): buf.Bytes(), phiFile(index): EncodeFloats(phi), momentumFile(index): EncodeFloats(mom)} {
		if err := writeFile(a.dir, name, b); err != nil {
			return err
		}
	}
	a.info.States = append(a.info.States, index)
	return a.meta()
}

func (a *archiver) message(index int, m *Message) error {
	b, _ := m.MarshalBinary()
	return writeFile(a.dir, messageFile(index), b)
}

func (a *archiver) replay(c *train.Checkpoint) error {
	var buf bytes.Buffer
	if err := c.Encode(&buf); err != nil {
		return err
	}
	return writeFile(a.dir, archiveReplay, buf.Bytes())
}

// finish writes the trace and the final weights, and marks the archive
// complete.
func (a *archiver) finish(trace []TraceEntry, final []float32) error {
	var b []byte
	for _, e := range trace {
		b = e.Encode(b)
	}
	if err := writeFile(a.dir, archiveTrace, b); err != nil {
		return err
	}
	if err := writeFile(a.dir, archiveFinal, EncodeFloats(final)); err != nil {
		return err
	}
	a.info.Complete, a.info.CompletedAt, a.info.TraceEntries = true, time.Now().UTC(), len(trace)
	return a.meta()
}

// EncodeFloats encodes xs little-endian, as archives and the referee's
// questions carry vectors.
func EncodeFloats(xs []float32) []byte {
	b := make([]byte, 4*len(xs))
	for i, x := range xs {
		binary.LittleEndian.PutUint32(b[4*i:], math.Float32bits(x))
	}
	return b
}

// DecodeFloats decodes what EncodeFloats wrote.
func DecodeFloats(b []byte) ([]float32, error) {
	if len(b)%4 != 0 {
		return nil, fmt.Errorf("%d bytes are not float32s", len(b))
	}
	xs := make([]float32, len(b)/4)
	for i := range xs {
		xs[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
	}
	return xs, nil
}

// Archive is what a worker's run kept on disk (Config.ArchiveDir) for
// answering the referee: the trace, the full state at the start of every
// outer period (after each outer step, and at step 0) with φ and the outer
// momentum, every message sent and received, and the final weights. From
// it, any inner step can be recomputed (restore the period's start, replay
// the inner steps, with the run's faults if it had any), and any message or
// outer state shown again.
//
// An Archive is not safe for concurrent use.
type Archive struct {
	dir   string
	info  archiveInfo
	trace []TraceEntry
	// cache holds states recomputed lately, by trace index, so that the
	// referee's next question about the same period does not replay it
	// from its start again.
	cache map[int]cachedState
	used  int // a clock for dropping the least recently used
}

// cachedState is a recomputed state and its period's φ and momentum.
type cachedState struct {
	c        *train.Checkpoint
	phi, mom []float32
	used     int
}

// maxCached bounds the states an Archive keeps in memory.
const maxCached = 8

// ErrIncomplete is returned for the archive of a run that did not finish.
var ErrIncomplete = errors.New("noloco: the archive's run did not finish")

// OpenArchive opens the archive a finished run wrote in dir.
func OpenArchive(dir string) (*Archive, error) {
	b, err := os.ReadFile(filepath.Join(dir, archiveMeta))
	if err != nil {
		return nil, fmt.Errorf("noloco: archive: %w", err)
	}
	a := &Archive{dir: dir, cache: map[int]cachedState{}}
	if err := json.Unmarshal(b, &a.info); err != nil {
		return nil, fmt.Errorf("noloco: archive %s: %w", archiveMeta, err)
	}
	if !a.info.Complete {
		return nil, ErrIncomplete
	}
	tb, err := os.ReadFile(filepath.Join(dir, archiveTrace))
	if err != nil {
		return nil, fmt.Errorf("noloco: archive: %w", err)
	}
	if a.trace, err = DecodeTrace(tb); err != nil {
		return nil, err
	}
	if len(a.trace) != a.info.TraceEntries || len(a.info.States) == 0 || a.info.States[0] != 0 {
		return nil, fmt.Errorf("noloco: archive of %d trace entries and %d states: damaged", len(a.trace), len(a.info.States))
	}
	return a, nil
}

// DecodeTrace parses entries encoded one after the other by
// TraceEntry.Encode.
func DecodeTrace(b []byte) ([]TraceEntry, error) {
	const size = 8 + 1 + 4 + sha256.Size
	if len(b)%size != 0 {
		return nil, fmt.Errorf("noloco: a trace of %d bytes is not whole entries of %d", len(b), size)
	}
	out := make([]TraceEntry, 0, len(b)/size)
	for ; len(b) > 0; b = b[size:] {
		e, err := DecodeEntry(b[:size])
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

// DecodeEntry parses one entry's encoding (TraceEntry.Encode), and refuses
// anything else.
func DecodeEntry(b []byte) (TraceEntry, error) {
	const size = 8 + 1 + 4 + sha256.Size
	if len(b) != size {
		return TraceEntry{}, fmt.Errorf("noloco: a trace entry of %d bytes, want %d", len(b), size)
	}
	step := binary.LittleEndian.Uint64(b)
	if step > math.MaxInt32 {
		return TraceEntry{}, fmt.Errorf("noloco: trace entry of step %d", step)
	}
	e := TraceEntry{Step: int(step), Kind: EntryKind(b[8]), Peer: int(int32(binary.LittleEndian.Uint32(b[9:])))}
	copy(e.Hash[:], b[13:])
	if e.Kind < EntryCheckpoint || e.Kind > EntryFinal {
		return TraceEntry{}, fmt.Errorf("noloco: trace entry of kind %d", e.Kind)
	}
	return e, nil
}

// Config returns the configuration of the archived run (without Log,
// Timeout or ArchiveDir), faults included.
func (a *Archive) Config() Config {
	i := a.info
	return Config{Job: i.Job, Replica: i.Replica, Rank: i.Rank, Workers: i.Workers, Method: NoLoCo, Outer: i.Outer, Seed: i.Seed, Faults: i.Faults}
}

// Trace returns the run's trace.
func (a *Archive) Trace() []TraceEntry { return a.trace }

// Message returns the message sent or received at trace index.
func (a *Archive) Message(index int) (*Message, error) {
	if index < 0 || index >= len(a.trace) || (a.trace[index].Kind != EntrySent && a.trace[index].Kind != EntryReceived) {
		return nil, fmt.Errorf("noloco: trace entry %d is not a message", index)
	}
	b, err := os.ReadFile(filepath.Join(a.dir, messageFile(index)))
	if err != nil {
		return nil, fmt.Errorf("noloco: archive: %w", err)
	}
	return UnmarshalMessage(b)
}

// Final returns the averaged weights the run ended with.
func (a *Archive) Final() ([]float32, error) {
	b, err := os.ReadFile(filepath.Join(a.dir, archiveFinal))
	if err != nil {
		return nil, fmt.Errorf("noloco: archive: %w", err)
	}
	return DecodeFloats(b)
}

// kept returns the checkpoint, φ and momentum kept at trace index.
func (a *Archive) kept(index int) (*train.Checkpoint, []float32, []float32, error) {
	b, err := os.ReadFile(filepath.Join(a.dir, stateFile(index)))
	if err != nil {
		return nil, nil, nil, fmt.Errorf("noloco: archive: %w", err)
	}
	c, err := train.DecodeCheckpoint(b)
	if err != nil {
		return nil, nil, nil, err
	}
	var vecs [2][]float32
	for i, name := range []string{phiFile(index), momentumFile(index)} {
		b, err := os.ReadFile(filepath.Join(a.dir, name))
		if err == nil {
			vecs[i], err = DecodeFloats(b)
		}
		if err != nil {
			return nil, nil, nil, fmt.Errorf("noloco: archive %s: %w", name, err)
		}
	}
	return c, vecs[0], vecs[1], nil
}

// State sets tr (a trainer of the run's rank, model, data and
// hyper-parameters) to the state at trace index, a checkpoint or outer
// entry, and returns φ and the outer momentum then. A kept state is read;
// any other is recomputed from the kept state before it, by the inner
// steps the run took, faults and all.
func (a *Archive) State(tr *train.Trainer, index int) (phi, mom []float32, err error) {
	if index < 0 || index >= len(a.trace) {
		return nil, nil, fmt.Errorf("noloco: no trace entry %d of %d", index, len(a.trace))
	}
	e := a.trace[index]
	if e.Kind != EntryCheckpoint && e.Kind != EntryOuter {
		return nil, nil, fmt.Errorf("noloco: trace entry %d is a %s, not a state", index, e.Kind)
	}
	k, _ := slices.BinarySearch(a.info.States, index+1)
	base := a.info.States[k-1] // the last kept state at or before index
	from := -1                 // the latest cached state of the period at or before index
	for i := range a.cache {
		if i >= base && i <= index && i > from {
			from = i
		}
	}
	var c *train.Checkpoint
	if from >= 0 {
		cs := a.cache[from]
		c, phi, mom = cs.c, cs.phi, cs.mom // Restore copies it
	} else if c, phi, mom, err = a.kept(base); err != nil {
		return nil, nil, err
	}
	if err := tr.Restore(c); err != nil {
		return nil, nil, err
	}
	old, err := a.replayed(c.Step, e.Step)
	if err != nil {
		return nil, nil, err
	}
	for tr.Steps() < e.Step {
		if _, err := innerStep(tr, a.info.Faults, old, false, nil); err != nil {
			return nil, nil, err
		}
	}
	a.remember(index, tr, phi, mom)
	return phi, mom, nil
}

// replayed returns the state the ReplayAt fault restores, if it strikes
// in an inner step after from steps and up to to; else nil.
func (a *Archive) replayed(from, to int) (*train.Checkpoint, error) {
	f := a.info.Faults
	if f == nil || f.ReplayAt <= from || f.ReplayAt > to {
		return nil, nil
	}
	b, err := os.ReadFile(filepath.Join(a.dir, archiveReplay))
	if err != nil {
		return nil, fmt.Errorf("noloco: archive: %w", err)
	}
	return train.DecodeCheckpoint(b)
}

// remember caches tr's state as that of trace index.
func (a *Archive) remember(index int, tr *train.Trainer, phi, mom []float32) {
	a.used++
	if _, ok := a.cache[index]; !ok && len(a.cache) >= maxCached {
		oldest := -1
		for i, cs := range a.cache {
			if oldest < 0 || cs.used < a.cache[oldest].used {
				oldest = i
			}
		}
		delete(a.cache, oldest)
	}
	a.cache[index] = cachedState{c: tr.Checkpoint().Clone(), phi: phi, mom: mom, used: a.used}
}

// RecordStep recomputes inner step step+1 (from the state after step
// steps) on tr as the run took it, and returns its operator record (keep
// as in train.Trainer.RecordStep).
func (a *Archive) RecordStep(tr *train.Trainer, step int, keep func(int) bool) (*train.StepRecord, error) {
	for i, e := range a.trace {
		if e.Kind == EntryCheckpoint && e.Step == step+1 {
			phi, mom, err := a.State(tr, i-1)
			if err != nil {
				return nil, err
			}
			old, err := a.replayed(step, step+1)
			if err != nil {
				return nil, err
			}
			rec, err := innerStep(tr, a.info.Faults, old, true, keep)
			if err != nil {
				return nil, err
			}
			a.remember(i, tr, phi, mom)
			return rec, nil
		}
	}
	return nil, fmt.Errorf("noloco: the run took no inner step %d", step+1)
}

// Layout returns the entries a NoLoCo run of cfg (its rank, workers, seed
// and H) over steps inner steps records, in order, without their hashes:
// what a referee expects at each index of a worker's trace.
func Layout(cfg Config, steps int) []TraceEntry {
	out := []TraceEntry{{Step: 0, Kind: EntryCheckpoint, Peer: -1}}
	exchange := func(step int, peers []int) {
		for _, j := range peers {
			out = append(out, TraceEntry{Step: step, Kind: EntrySent, Peer: j})
		}
		for _, j := range peers {
			out = append(out, TraceEntry{Step: step, Kind: EntryReceived, Peer: j})
		}
	}
	others := func(group []int) []int {
		var o []int
		for _, j := range group {
			if j != cfg.Rank {
				o = append(o, j)
			}
		}
		return o
	}
	for s := 1; s <= steps; s++ {
		out = append(out, TraceEntry{Step: s, Kind: EntryCheckpoint, Peer: -1})
		if s%cfg.Outer.H != 0 {
			continue
		}
		exchange(s, others(GroupOf(Groups(cfg.Seed, s/cfg.Outer.H, cfg.Workers), cfg.Rank)))
		out = append(out, TraceEntry{Step: s, Kind: EntryOuter, Peer: -1})
	}
	all := make([]int, cfg.Workers)
	for j := range all {
		all[j] = j
	}
	exchange(steps, others(all))
	return append(out, TraceEntry{Step: steps, Kind: EntryFinal, Peer: -1})
}
