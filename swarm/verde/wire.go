package verde

import (
	"context"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"

	"github.com/axl-market/axl/swarm/model"
	"github.com/axl-market/axl/swarm/noloco"
	"github.com/axl-market/axl/swarm/train"
)

// MarshalText writes the hash in hex, as JSON shows it.
func (h Hash) MarshalText() ([]byte, error) { return []byte(h.String()), nil }

// UnmarshalText reads a hash in hex, with or without a 0x prefix.
func (h *Hash) UnmarshalText(b []byte) error {
	if len(b) >= 2 && b[0] == '0' && (b[1] == 'x' || b[1] == 'X') {
		b = b[2:]
	}
	if len(b) != 2*len(h) {
		return fmt.Errorf("verde: a hash of %d hex digits, want %d", len(b), 2*len(h))
	}
	_, err := hex.Decode(h[:], b)
	return err
}

// Question is what the referee asks one party: a kind (the Ask… constants)
// and its arguments, small JSON. The answer is JSON too, of the type the
// kind names; tensors travel as base64 of little-endian elements, so an
// answer may be large (the model's size, a few times; at most 64 MiB).
type Question struct {
	Kind string          `json:"kind"`
	Args json.RawMessage `json:"args"`
}

// Asker is the referee's view of one party (a slot: a worker at a rank of a
// replica): it puts a question and returns the answer. An error means no
// valid answer in time, and the party loses; so the referee's own trouble
// (a database that does not answer) must not come back as an error: retry
// until the question's deadline, or end ctx, and a game whose ctx ends
// rules on no one. The server implements it over its challenges table;
// tests over a Prover in memory.
type Asker interface {
	Ask(ctx context.Context, q Question) (json.RawMessage, error)
}

// The kinds of question. Trace indices count the leaves of the worker's
// trace (noloco.TraceEntry encodings) from 0; op steps name the inner step
// that starts after that many steps, whose operator records form a tree
// of their own (OpLeaf encodings).
const (
	// AskTraceChildren asks for the two halves of the trace's node
	// [lo, hi), split by Split. Args RangeArgs; answer Children.
	AskTraceChildren = "trace_children"
	// AskTraceLeaf asks for a trace leaf's bytes and its inclusion proof.
	// Args IndexArgs; answer LeafProof.
	AskTraceLeaf = "trace_leaf"
	// AskState asks for the per-tensor hashes of the state recorded at a
	// checkpoint or outer leaf, and the outer momentum's hash at an outer
	// leaf. Args IndexArgs; answer State.
	AskState = "state"
	// AskWeights asks for the weights of the state at a checkpoint or outer
	// leaf. Args IndexArgs; answer Tensors.
	AskWeights = "weights"
	// AskMomentum asks for the outer momentum at an outer leaf. Args
	// IndexArgs; answer Vector.
	AskMomentum = "momentum"
	// AskMessage asks for the gossip message sent or received at a leaf.
	// Args IndexArgs; answer MessageData.
	AskMessage = "message"
	// AskCheckpoint asks for the whole state (train.Checkpoint's encoding)
	// at a checkpoint or outer leaf: the spot checks of single-replica jobs.
	// Args IndexArgs; answer CheckpointData.
	AskCheckpoint = "checkpoint"
	// AskOpRoot asks for the root of an inner step's operator records.
	// Args StepArgs; answer OpRoot.
	AskOpRoot = "op_root"
	// AskOpChildren asks for the two halves of a node of a step's operator
	// tree. Args OpRangeArgs; answer Children.
	AskOpChildren = "op_children"
	// AskOpLeaf asks for one operator record of a step, with its inclusion
	// proof. Args OpIndexArgs; answer OpLeafData.
	AskOpLeaf = "op_leaf"
	// AskOpInputs asks for the input tensors of one operator of a step, as
	// it read them. Args OpIndexArgs; answer Tensors.
	AskOpInputs = "op_inputs"
)

// RangeArgs name the node [Lo, Hi) of the trace.
type RangeArgs struct {
	Lo int `json:"lo"`
	Hi int `json:"hi"`
}

// IndexArgs name a leaf of the trace.
type IndexArgs struct {
	Index int `json:"index"`
}

// StepArgs name an inner step: the one that starts after Step steps.
type StepArgs struct {
	Step int `json:"step"`
}

// OpRangeArgs name the node [Lo, Hi) of a step's operator tree.
type OpRangeArgs struct {
	Step int `json:"step"`
	Lo   int `json:"lo"`
	Hi   int `json:"hi"`
}

// OpIndexArgs name one operator of a step.
type OpIndexArgs struct {
	Step  int `json:"step"`
	Index int `json:"index"`
}

// Children are the hashes of a node's two halves.
type Children struct {
	Left  Hash `json:"left"`
	Right Hash `json:"right"`
}

// LeafProof is a leaf's bytes and its inclusion proof (Tree.Proof).
type LeafProof struct {
	Leaf  []byte `json:"leaf"`
	Proof []Hash `json:"proof"`
}

// TensorHashes are the hashes of one weight and its AdamW moments.
type TensorHashes struct {
	Name   string `json:"name"`
	Weight Hash   `json:"weight"`
	M      Hash   `json:"m"`
	V      Hash   `json:"v"`
}

// State is a state's composition: its hash is train.HashOf(config, Step,
// Tensors) (train.HashOfLoRA on a LoRA job, whose tensors are the
// adapter's), and at an outer leaf noloco.OuterHash of that and Momentum.
type State struct {
	Step     int            `json:"step"`
	Tensors  []TensorHashes `json:"tensors"`
	Momentum *Hash          `json:"momentum,omitempty"`
}

// checkpointHash is the hash of a train checkpoint of cfg with s's
// tensors: of a LoRA run's adapter with settings lora, unless nil.
func (s *State) checkpointHash(cfg model.Config, lora *model.LoRA) Hash {
	th := make([]train.TensorHashes, len(s.Tensors))
	for i, t := range s.Tensors {
		th[i] = train.TensorHashes{Name: t.Name, Weight: model.Hash(t.Weight), M: model.Hash(t.M), V: model.Hash(t.V)}
	}
	if lora != nil {
		return Hash(train.HashOfLoRA(cfg, *lora, s.Step, th))
	}
	return Hash(train.HashOf(cfg, s.Step, th))
}

// leafHash is what a trace leaf of kind records for the state.
func (s *State) leafHash(cfg model.Config, lora *model.LoRA, kind noloco.EntryKind) Hash {
	h := s.checkpointHash(cfg, lora)
	if kind == noloco.EntryOuter && s.Momentum != nil {
		return Hash(noloco.OuterHash(model.Hash(h), model.Hash(*s.Momentum)))
	}
	return h
}

// stateOf is the composition of a checkpoint, with a momentum hash or not.
func stateOf(c *train.Checkpoint, mom *Hash) State {
	s := State{Step: c.Step, Momentum: mom}
	for _, t := range c.TensorHashes() {
		s.Tensors = append(s.Tensors, TensorHashes{Name: t.Name, Weight: Hash(t.Weight), M: Hash(t.M), V: Hash(t.V)})
	}
	return s
}

// TensorData is a tensor on the wire: its name, type ("F32" or "I32"),
// shape, and elements little-endian.
type TensorData struct {
	Name  string `json:"name"`
	DType string `json:"dtype"`
	Shape []int  `json:"shape"`
	Data  []byte `json:"data"`
}

// Tensors is a list of tensors.
type Tensors struct {
	Tensors []TensorData `json:"tensors"`
}

func tensorData(t *model.Tensor) TensorData {
	d := TensorData{Name: t.Name, DType: t.DType().String(), Shape: t.Shape}
	if t.DType() == model.I32 {
		d.Data = make([]byte, 4*len(t.I))
		for i, x := range t.I {
			binary.LittleEndian.PutUint32(d.Data[4*i:], uint32(x))
		}
	} else {
		d.Data = noloco.EncodeFloats(t.F)
	}
	return d
}

// tensor decodes d, which must have like's type and shape.
func (d TensorData) tensor(like *model.Tensor) (*model.Tensor, error) {
	t := like.Like()
	t.Name = d.Name
	if d.DType != like.DType().String() || len(d.Shape) != len(like.Shape) || len(d.Data) != 4*like.Len() {
		return nil, fmt.Errorf("tensor %s: %s %v of %d bytes, want %s %v", d.Name, d.DType, d.Shape, len(d.Data), like.DType(), like.Shape)
	}
	for i := range d.Shape {
		if d.Shape[i] != like.Shape[i] {
			return nil, fmt.Errorf("tensor %s: shape %v, want %v", d.Name, d.Shape, like.Shape)
		}
	}
	if t.DType() == model.I32 {
		for i := range t.I {
			t.I[i] = int32(binary.LittleEndian.Uint32(d.Data[4*i:]))
		}
	} else {
		for i := range t.F {
			t.F[i] = math.Float32frombits(binary.LittleEndian.Uint32(d.Data[4*i:]))
		}
	}
	return t, nil
}

// Vector is a float32 vector, little-endian.
type Vector struct {
	Data []byte `json:"data"`
}

// MessageData is a gossip message (noloco.Message but the replica), its
// vectors little-endian.
type MessageData struct {
	Kind  uint8  `json:"kind"`
	Job   string `json:"job"`
	Step  uint64 `json:"step"`
	Round uint32 `json:"round"`
	From  uint32 `json:"from"`
	To    uint32 `json:"to"`
	Phi   []byte `json:"phi"`
	Delta []byte `json:"delta"`
}

func messageData(m *noloco.Message) MessageData {
	return MessageData{Kind: uint8(m.Kind), Job: m.Job, Step: m.Step, Round: m.Round, From: m.From, To: m.To,
		Phi: noloco.EncodeFloats(m.Phi), Delta: noloco.EncodeFloats(m.Delta)}
}

func (d MessageData) message() (*noloco.Message, error) {
	phi, err := noloco.DecodeFloats(d.Phi)
	if err != nil {
		return nil, err
	}
	delta, err := noloco.DecodeFloats(d.Delta)
	if err != nil {
		return nil, err
	}
	return &noloco.Message{Kind: noloco.Kind(d.Kind), Job: d.Job, Step: d.Step, Round: d.Round, From: d.From, To: d.To, Phi: phi, Delta: delta}, nil
}

// CheckpointData is a whole state: train.Checkpoint's encoding, and the
// outer momentum's hash at an outer leaf.
type CheckpointData struct {
	Checkpoint []byte `json:"checkpoint"`
	Momentum   *Hash  `json:"momentum,omitempty"`
}

// OpRoot is the root of a step's operator tree and its number of leaves.
type OpRoot struct {
	Root Hash `json:"root"`
	Ops  int  `json:"ops"`
}

// OpRecord is model.OpRecord on the wire.
type OpRecord struct {
	Index   int    `json:"index"`
	Name    string `json:"name"`
	Kind    string `json:"kind"`
	Inputs  []Hash `json:"inputs"`
	Outputs []Hash `json:"outputs"`
}

func opRecord(r model.OpRecord) OpRecord {
	w := OpRecord{Index: r.Index, Name: r.Name, Kind: r.Kind}
	for _, h := range r.Inputs {
		w.Inputs = append(w.Inputs, Hash(h))
	}
	for _, h := range r.Outputs {
		w.Outputs = append(w.Outputs, Hash(h))
	}
	return w
}

func (w OpRecord) record() model.OpRecord {
	r := model.OpRecord{Index: w.Index, Name: w.Name, Kind: w.Kind}
	for _, h := range w.Inputs {
		r.Inputs = append(r.Inputs, model.Hash(h))
	}
	for _, h := range w.Outputs {
		r.Outputs = append(r.Outputs, model.Hash(h))
	}
	return r
}

// OpLeafData is one operator record and its inclusion proof in the step's
// operator tree.
type OpLeafData struct {
	Record OpRecord `json:"record"`
	Proof  []Hash   `json:"proof"`
}

// TraceTree is the Merkle tree of a worker's trace: its root is what the
// worker commits to (Commitment) and reveals, with its Len as the number
// of leaves.
func TraceTree(trace []noloco.TraceEntry) (*Tree, error) {
	leaves := make([][]byte, len(trace))
	for i, e := range trace {
		leaves[i] = e.Encode(nil)
	}
	return TreeOf(leaves)
}
