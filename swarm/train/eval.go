package train

import (
	"fmt"

	"github.com/axl-market/axl/swarm/ree"
)

// The held-out split. A job's token stream is cut in two: the training
// part, which the shards and the sampler see, and the validation part, its
// tail, which no training window reaches. The tail is ValidationPercent of
// the stream, but at least one sequence and at most as many as evaluating
// in one batch allows (MaxValidationSequences, and the batch size).
const (
	// ValidationPercent is the share of the stream held out, before the
	// bounds.
	ValidationPercent = 10
	// MaxValidationSequences bounds the validation sequences, so that
	// evaluating them costs at most one forward pass of a training batch
	// (also bounded by the batch size).
	MaxValidationSequences = 16
)

// HeldOut returns the number of tokens held out from the end of a stream
// of n tokens for a run over batches of batch sequences of seq tokens, and
// the number of validation sequences they hold: consecutive windows of
// seq+1 tokens from the tail's start, which share their boundary tokens
// (the tokens after the last window are neither trained on nor validated).
//
//	tokens = clamp(n·ValidationPercent/100, seq+1, min(batch, MaxValidationSequences)·seq + 1)
//	seqs   = (tokens−1) / seq
//
// The tail grows by at most one token for every ten of the stream, so
// that a longer stream never leaves less to train on.
func HeldOut(n, batch, seq int) (seqs, tokens int) {
	if seq < 1 {
		return 0, 0
	}
	most := max(1, min(batch, MaxValidationSequences))*seq + 1
	tokens = min(max(n*ValidationPercent/100, seq+1), most)
	return (tokens - 1) / seq, tokens
}

// Split cuts d into the part a run over batches of batch sequences of seq
// tokens trains on and the validation part it holds out (HeldOut), in
// that order. Both are copies; each is empty when d is too short.
func (d *Dataset) Split(batch, seq int) (train, val *Dataset) {
	_, held := HeldOut(d.Len(), batch, seq)
	at := max(0, d.Len()-held)
	return d.slice(0, at), d.slice(at, d.Len())
}

// slice returns a copy of tokens [lo, hi) of d, with their learnt flags.
func (d *Dataset) slice(lo, hi int) *Dataset {
	out := &Dataset{vocab: d.vocab}
	if d.ids == nil {
		out.data = append([]byte{}, d.data[lo:hi]...)
	} else {
		out.ids = append([]uint16{}, d.ids[lo:hi]...)
	}
	if d.learnt != nil {
		out.learnt = make([]uint64, (hi-lo+63)/64)
		for i := lo; i < hi; i++ {
			if _, l := d.token(i); l {
				out.learnt[(i-lo)/64] |= 1 << ((i - lo) % 64)
			}
		}
	}
	return out
}

// Validation is the fixed set of validation sequences of a job: the
// consecutive windows of seq+1 tokens of its validation part, laid out as
// one batch of a Trainer's graph, the rows beyond them padded with targets
// that do not count. Its loss is a function of the weights alone.
type Validation struct {
	tokens, targets []int32 // batch·seq each
	seqs            int
	counted         int // targets the loss counts
}

// NewValidation returns the validation sequences of val (the validation
// part of a Split with the same batch and seq): HeldOut's number of windows
// of seq+1 tokens, from its start. It fails unless val holds them and at
// least one of their targets is learnt (a validation part of prompts only
// has no loss to report).
func NewValidation(val *Dataset, batch, seq int) (*Validation, error) {
	if batch < 1 || seq < 1 {
		return nil, fmt.Errorf("validation: batch %d × sequence %d: both must be positive", batch, seq)
	}
	seqs := min(batch, MaxValidationSequences, max(0, val.Len()-1)/seq) // HeldOut's, when val is its tail
	if seqs < 1 {
		return nil, fmt.Errorf("validation: %d held-out tokens, fewer than one sequence of seq_len+1 = %d", val.Len(), seq+1)
	}
	v := &Validation{tokens: make([]int32, batch*seq), targets: make([]int32, batch*seq), seqs: seqs}
	for i := range v.targets {
		v.targets[i] = ree.IgnoreTarget
	}
	for s := range seqs {
		for i := range seq {
			k := s*seq + i
			v.tokens[k], _ = val.token(k)
			if next, learnt := val.token(k + 1); learnt {
				v.targets[k] = next
				v.counted++
			}
		}
	}
	if v.counted == 0 {
		return nil, fmt.Errorf("validation: none of the %d held-out tokens is learnt (all prompt): no loss to measure", seqs*seq)
	}
	return v, nil
}

// Sequences returns the number of validation sequences.
func (v *Validation) Sequences() int { return v.seqs }

// Tokens returns the number of targets the validation loss counts.
func (v *Validation) Tokens() int { return v.counted }

// ValidationLoss returns the mean cross-entropy of the model's current
// weights on v's sequences, over the targets that count: the forward pass
// of the trainer's own graph (the operators and kernels of a training
// step's forward pass, no backward, no update), run on v's batch. It
// changes neither the weights, the optimizer state nor the trace; the next
// Step loads its own batch. v must have the trainer's batch and sequence.
func (t *Trainer) ValidationLoss(v *Validation) (float32, error) {
	if err := t.graph.SetBatch(v.tokens, v.targets); err != nil {
		return 0, fmt.Errorf("validation: %w", err)
	}
	return t.graph.RunForward(t.pool), nil
}
