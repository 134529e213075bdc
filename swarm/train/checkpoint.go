package train

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"

	"github.com/axl-market/axl/swarm/model"
)

// checkpointMagic opens every encoded checkpoint of a full fine-tune, and
// names its version; loraCheckpointMagic that of a LoRA's.
const (
	checkpointMagic     = "AXLCKPT1"
	loraCheckpointMagic = "AXLCKPL1"
)

// Checkpoint is the whole state of training between two inner steps: the
// trained tensors, AdamW's moments and the number of steps taken.
type Checkpoint struct {
	Config model.Config
	// LoRA is nil for a full fine-tune; for a LoRA run, its settings
	// (canonical), and the state holds the adapter alone: the frozen base
	// model is fixed by the job, not part of the state.
	LoRA *model.LoRA
	Step int
	// Params, M and V follow the canonical order of Config.Params, or of
	// LoRA.Params.
	Params, M, V []*model.Tensor
}

// appendHead appends what opens a checkpoint's encoding and its hash: the
// magic, the config (five uint32 and the float32 epsilon), for a LoRA its
// settings (r as uint32, alpha as float64 bits, the number of targets as
// uint32 and each target's uint32 length and bytes, in canonical order),
// the step (uint64) and the number of tensors (uint32). All integers are
// little-endian.
func appendHead(b []byte, magic string, cfg model.Config, l *model.LoRA, step, tensors int) []byte {
	b = append(b, magic...)
	for _, v := range []int{cfg.VocabSize, cfg.MaxSeq, cfg.Dim, cfg.Layers, cfg.Heads} {
		b = binary.LittleEndian.AppendUint32(b, uint32(v))
	}
	b = binary.LittleEndian.AppendUint32(b, math.Float32bits(cfg.Eps))
	if l != nil {
		b = binary.LittleEndian.AppendUint32(b, uint32(l.R))
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(l.Alpha))
		targets := l.Canonical().Targets
		b = binary.LittleEndian.AppendUint32(b, uint32(len(targets)))
		for _, t := range targets {
			b = binary.LittleEndian.AppendUint32(b, uint32(len(t)))
			b = append(b, t...)
		}
	}
	b = binary.LittleEndian.AppendUint64(b, uint64(step))
	return binary.LittleEndian.AppendUint32(b, uint32(tensors))
}

// Encode writes the checkpoint's one canonical encoding: the head
// (appendHead, with the magic "AXLCKPT1", or "AXLCKPL1" for a LoRA), then
// for each tensor its name (uint32 length and bytes) and the encodings
// (model.Tensor.Encode) of the tensor, its first and its second moment.
// All integers are little-endian.
func (c *Checkpoint) Encode(w io.Writer) error {
	if len(c.M) != len(c.Params) || len(c.V) != len(c.Params) {
		return errors.New("checkpoint: moments do not match the weights")
	}
	magic := checkpointMagic
	if c.LoRA != nil {
		magic = loraCheckpointMagic
	}
	hdr := appendHead(nil, magic, c.Config, c.LoRA, c.Step, len(c.Params))
	if _, err := w.Write(hdr); err != nil {
		return err
	}
	for i, p := range c.Params {
		name := binary.LittleEndian.AppendUint32(nil, uint32(len(p.Name)))
		if _, err := w.Write(append(name, p.Name...)); err != nil {
			return err
		}
		for _, t := range []*model.Tensor{p, c.M[i], c.V[i]} {
			if err := t.Encode(w); err != nil {
				return err
			}
		}
	}
	return nil
}

// TensorHashes are the hashes (model.Tensor.Hash) of one weight of a
// checkpoint and of its two AdamW moments.
type TensorHashes struct {
	Name   string     `json:"name"`
	Weight model.Hash `json:"weight"`
	M      model.Hash `json:"m"`
	V      model.Hash `json:"v"`
}

// TensorHashes returns the per-tensor hashes of the checkpoint, in the
// canonical order of its weights: with the config and the step, all that
// Hash depends on.
func (c *Checkpoint) TensorHashes() []TensorHashes {
	out := make([]TensorHashes, len(c.Params))
	for i, p := range c.Params {
		out[i] = TensorHashes{Name: p.Name, Weight: p.Hash(), M: c.M[i].Hash(), V: c.V[i].Hash()}
	}
	return out
}

// checkpointHashMagic opens what Hash digests, apart from the encoding's
// magic: the hash is of tensor hashes, not of the encoding.
// loraCheckpointHashMagic is its LoRA counterpart.
const (
	checkpointHashMagic     = "AXLCKH01"
	loraCheckpointHashMagic = "AXLCKHL1"
)

// Hash returns the checkpoint's hash: HashOf its config, step and tensor
// hashes. It is composed from per-tensor hashes, so that a referee can link
// the tensors an operator record names to a committed checkpoint without
// holding the whole state.
func (c *Checkpoint) Hash() model.Hash {
	if len(c.M) != len(c.Params) || len(c.V) != len(c.Params) {
		panic("checkpoint: moments do not match the weights") // a bug of the caller
	}
	if c.LoRA != nil {
		return HashOfLoRA(c.Config, *c.LoRA, c.Step, c.TensorHashes())
	}
	return HashOf(c.Config, c.Step, c.TensorHashes())
}

// HashOf is the hash of a checkpoint of cfg after step steps whose tensors
// have the hashes th: the sha256 of a magic, the config (five uint32 and the
// float32 epsilon), the step (uint64), the number of weights (uint32), then
// for each weight its name (uint32 length and bytes) and the hashes of the
// weight, its first and its second moment. All integers are little-endian.
func HashOf(cfg model.Config, step int, th []TensorHashes) model.Hash {
	return hashOf(appendHead(nil, checkpointHashMagic, cfg, nil, step, len(th)), th)
}

// HashOfLoRA is the hash of a checkpoint of a LoRA run with settings l on
// a model of cfg, after step steps, whose adapter tensors have the hashes
// th: as HashOf, with the magic "AXLCKHL1" and l's settings after the
// config (see appendHead).
func HashOfLoRA(cfg model.Config, l model.LoRA, step int, th []TensorHashes) model.Hash {
	return hashOf(appendHead(nil, loraCheckpointHashMagic, cfg, &l, step, len(th)), th)
}

// hashOf is the sha256 of head followed by, for each tensor, its name
// (uint32 length and bytes) and the hashes of it and of its two moments.
func hashOf(b []byte, th []TensorHashes) model.Hash {
	for _, t := range th {
		b = binary.LittleEndian.AppendUint32(b, uint32(len(t.Name)))
		b = append(b, t.Name...)
		b = append(b, t.Weight[:]...)
		b = append(b, t.M[:]...)
		b = append(b, t.V[:]...)
	}
	return sha256.Sum256(b)
}

// Clone returns a deep copy.
func (c *Checkpoint) Clone() *Checkpoint {
	d := &Checkpoint{Config: c.Config, Step: c.Step}
	if c.LoRA != nil {
		l := c.LoRA.Canonical() // a copy of the targets
		d.LoRA = &l
	}
	for i := range c.Params {
		d.Params = append(d.Params, c.Params[i].Clone())
		d.M = append(d.M, c.M[i].Clone())
		d.V = append(d.V, c.V[i].Clone())
	}
	return d
}

// DecodeCheckpoint parses an encoded checkpoint, and refuses anything but
// exactly the canonical encoding of a valid one.
func DecodeCheckpoint(b []byte) (*Checkpoint, error) {
	r := &reader{b: b}
	magic := string(r.next(len(checkpointMagic)))
	if magic != checkpointMagic && magic != loraCheckpointMagic {
		return nil, errors.New("checkpoint: bad magic")
	}
	c := &Checkpoint{}
	cfg := &c.Config
	for _, p := range []*int{&cfg.VocabSize, &cfg.MaxSeq, &cfg.Dim, &cfg.Layers, &cfg.Heads} {
		*p = int(r.u32())
	}
	cfg.Eps = math.Float32frombits(r.u32())
	if magic == loraCheckpointMagic {
		l := &model.LoRA{R: int(r.u32()), Alpha: math.Float64frombits(r.u64())}
		targets := int(r.u32())
		for i := 0; i < targets && r.err == nil; i++ {
			if i >= 3 { // more than there are modules to adapt
				return nil, errors.New("checkpoint: too many LoRA targets")
			}
			l.Targets = append(l.Targets, string(r.next(int(r.u32()))))
		}
		c.LoRA = l
	}
	step := r.u64()
	n := int(r.u32())
	if r.err != nil {
		return nil, r.err
	}
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("checkpoint: %w", err)
	}
	if step > math.MaxInt32 {
		return nil, fmt.Errorf("checkpoint: step %d out of range", step)
	}
	c.Step = int(step)
	specs := cfg.Params()
	if c.LoRA != nil {
		if err := c.LoRA.Validate(*cfg); err != nil {
			return nil, fmt.Errorf("checkpoint: %w", err)
		}
		if !slices.Equal(c.LoRA.Targets, c.LoRA.Canonical().Targets) {
			return nil, errors.New("checkpoint: LoRA targets not in canonical order")
		}
		specs = c.LoRA.Params(*cfg)
	}
	if n != len(specs) {
		return nil, fmt.Errorf("checkpoint: %d tensors, the config has %d", n, len(specs))
	}
	for _, s := range specs {
		name := string(r.next(int(r.u32())))
		if r.err == nil && name != s.Name {
			return nil, fmt.Errorf("checkpoint: tensor %q where %q belongs", name, s.Name)
		}
		for _, dst := range []*[]*model.Tensor{&c.Params, &c.M, &c.V} {
			t := r.tensor(s)
			if r.err != nil {
				return nil, fmt.Errorf("checkpoint: tensor %s: %w", s.Name, r.err)
			}
			t.Name = s.Name
			*dst = append(*dst, t)
		}
	}
	if r.err != nil {
		return nil, r.err
	}
	if len(r.b) != 0 {
		return nil, fmt.Errorf("checkpoint: %d trailing bytes", len(r.b))
	}
	return c, nil
}

// reader consumes little-endian fields, remembering the first error.
type reader struct {
	b   []byte
	err error
}

func (r *reader) next(n int) []byte {
	if r.err != nil {
		return nil
	}
	if n < 0 || n > len(r.b) {
		r.err = errors.New("checkpoint: truncated")
		return nil
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

func (r *reader) u32() uint32 {
	if b := r.next(4); b != nil {
		return binary.LittleEndian.Uint32(b)
	}
	return 0
}

func (r *reader) u64() uint64 {
	if b := r.next(8); b != nil {
		return binary.LittleEndian.Uint64(b)
	}
	return 0
}

// tensor reads one float32 tensor of the spec's shape.
func (r *reader) tensor(s model.ParamSpec) *model.Tensor {
	dt := r.next(1)
	rank := int(r.u32())
	if r.err != nil {
		return nil
	}
	if model.DType(dt[0]) != model.F32 || rank != len(s.Shape) {
		r.err = fmt.Errorf("dtype %d rank %d, want F32 rank %d", dt[0], rank, len(s.Shape))
		return nil
	}
	shape := make([]int, rank)
	for i := range shape {
		shape[i] = int(r.u32())
	}
	if r.err == nil && !slices.Equal(shape, s.Shape) {
		r.err = fmt.Errorf("shape %v, want %v", shape, s.Shape)
	}
	// The bytes first, then the tensor: a header that declares more
	// elements than the input holds allocates nothing.
	n := 1
	for _, d := range s.Shape {
		n *= d
	}
	data := r.next(4 * n)
	if r.err != nil {
		return nil
	}
	t := model.NewF32(s.Name, s.Shape...)
	for i := range t.F {
		t.F[i] = math.Float32frombits(binary.LittleEndian.Uint32(data[4*i:]))
	}
	return t
}
