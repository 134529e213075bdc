// Package train runs deterministic training: tokens (bytes or a
// tokenizer's ids, some of them not learnt) drawn by (seed, shard, step)
// alone, AdamW with warm-up and cosine decay, gradient clipping, and
// checkpoints with one canonical encoding and a hash composed from
// per-tensor hashes, whose value after every inner step is the trace that
// verification compares.
package train

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math/bits"
	"os"

	"github.com/axl-market/axl/swarm/model"
	"github.com/axl-market/axl/swarm/ree"
)

// Dataset is a corpus of tokens: bytes (one byte, one token: a byte-level
// job) or the ids of a tokenizer, with, optionally, which tokens are
// learnt (a prompt's are not).
type Dataset struct {
	data []byte   // byte-level tokens, when ids is nil
	ids  []uint16 // tokenizer ids (GPT-2's 50,257 fit in 16 bits)
	// learnt, when set, holds a bit per token: whether predicting it
	// counts towards the loss. Unset, every token counts.
	learnt []uint64
	vocab  int
}

// NewDataset wraps a byte-level corpus held in memory.
func NewDataset(data []byte) *Dataset { return &Dataset{data: data, vocab: 256} }

// NewTokenDataset wraps the ids of a tokenized corpus, drawn from a
// vocabulary of vocab ids (at most 65,536), and, when learnt is set (one
// flag per id), which of them the loss counts. It copies what it keeps.
func NewTokenDataset(ids []int, vocab int, learnt []bool) (*Dataset, error) {
	if vocab < 1 || vocab > 1<<16 {
		return nil, fmt.Errorf("dataset: a vocabulary of %d ids, want 1 to 65,536", vocab)
	}
	if learnt != nil && len(learnt) != len(ids) {
		return nil, fmt.Errorf("dataset: %d learnt flags for %d tokens", len(learnt), len(ids))
	}
	d := &Dataset{ids: make([]uint16, len(ids)), vocab: vocab}
	for i, id := range ids {
		if id < 0 || id >= vocab {
			return nil, fmt.Errorf("dataset: token %d is id %d, outside the vocabulary of %d", i, id, vocab)
		}
		d.ids[i] = uint16(id)
	}
	if learnt != nil {
		d.learnt = make([]uint64, (len(ids)+63)/64)
		for i, l := range learnt {
			if l {
				d.learnt[i/64] |= 1 << (i % 64)
			}
		}
	}
	return d, nil
}

// LoadDataset reads a byte-level corpus from a file.
func LoadDataset(path string) (*Dataset, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return NewDataset(b), nil
}

// Len returns the number of tokens.
func (d *Dataset) Len() int {
	if d.ids != nil {
		return len(d.ids)
	}
	return len(d.data)
}

// Vocab is the size of the vocabulary the tokens are drawn from: a model
// trained on them needs at least that many.
func (d *Dataset) Vocab() int { return d.vocab }

// Learnt returns the number of tokens the loss counts.
func (d *Dataset) Learnt() int {
	if d.learnt == nil {
		return d.Len()
	}
	n := 0
	for _, w := range d.learnt {
		n += bits.OnesCount64(w)
	}
	return n
}

// tokenSetTag opens the hash of a tokenized dataset.
const tokenSetTag = "axl.tokens.v1"

// Hash returns the hash of the token stream: of a byte-level corpus, its
// sha256 (the artifact's id); of a tokenized one, sha256 of tokenSetTag,
// the vocabulary and the token count (uint64 little-endian each), the ids
// (uint16 little-endian) and the learnt bits (uint64 little-endian words,
// none when every token counts). Workers that tokenized alike agree on it.
func (d *Dataset) Hash() model.Hash {
	if d.ids == nil {
		return sha256.Sum256(d.data)
	}
	h := sha256.New()
	h.Write([]byte(tokenSetTag))
	h.Write(binary.LittleEndian.AppendUint64(binary.LittleEndian.AppendUint64(nil, uint64(d.vocab)), uint64(len(d.ids))))
	buf := make([]byte, 0, 2*len(d.ids))
	for _, id := range d.ids {
		buf = binary.LittleEndian.AppendUint16(buf, id)
	}
	h.Write(buf)
	buf = buf[:0]
	for _, w := range d.learnt {
		buf = binary.LittleEndian.AppendUint64(buf, w)
	}
	h.Write(buf)
	return model.Hash(h.Sum(nil))
}

// token is token i and whether the loss counts it.
func (d *Dataset) token(i int) (int32, bool) {
	learnt := d.learnt == nil || d.learnt[i/64]&(1<<(i%64)) != 0
	if d.ids != nil {
		return int32(d.ids[i]), learnt
	}
	return int32(d.data[i]), learnt
}

// Sampler draws the batches of one data-parallel shard. The batch of a step
// is a function of (seed, shard, step) alone: never of timing, threads or
// what was drawn before, so any step can be replayed on its own.
type Sampler struct {
	d             *Dataset
	lo, n         int // this shard's contiguous slice [lo, lo+n) of the corpus
	seed          uint64
	shard, shards int
	batch, seq    int
}

// Sampler returns the sampler of shard (of shards, numbered from 0): the
// corpus is cut into shards contiguous slices, and each batch holds batch
// windows of seq+1 tokens taken at random from the shard's slice.
func (d *Dataset) Sampler(seed uint64, shard, shards, batch, seq int) (*Sampler, error) {
	if shards < 1 || shard < 0 || shard >= shards {
		return nil, fmt.Errorf("shard %d of %d: want 0 ≤ shard < shards", shard, shards)
	}
	if batch < 1 || seq < 1 {
		return nil, fmt.Errorf("batch %d × sequence %d: both must be positive", batch, seq)
	}
	lo, hi := ShardBounds(d.Len(), shard, shards)
	if hi-lo < seq+1 {
		return nil, fmt.Errorf("shard %d of %d holds %d tokens of the %d-token corpus, fewer than one window of %d",
			shard, shards, hi-lo, d.Len(), seq+1)
	}
	return &Sampler{d: d, lo: lo, n: hi - lo, seed: seed, shard: shard, shards: shards, batch: batch, seq: seq}, nil
}

// ShardBounds returns the slice [lo, hi) of a corpus of n tokens that
// shard (of shards) draws its windows from: the corpus cut into shards
// contiguous slices.
func ShardBounds(n, shard, shards int) (lo, hi int) {
	return n * shard / shards, n * (shard + 1) / shards
}

// ShortestShard returns the number of tokens of the shortest of shards
// shards of a corpus of n tokens: a run over sequences of seq tokens needs
// seq+1 of them in every shard.
func ShortestShard(n, shards int) int {
	short := n
	for s := range shards {
		lo, hi := ShardBounds(n, s, shards)
		short = min(short, hi-lo)
	}
	return short
}

// Batch fills tokens and targets (batch·seq each) with the batch of step:
// targets are the tokens shifted by one, ree.IgnoreTarget where the loss
// does not count the token.
func (s *Sampler) Batch(step int, tokens, targets []int32) {
	r := ree.NewRand(ree.Mix(s.seed, uint64(s.shard), uint64(s.shards), uint64(step)))
	windows := s.n - s.seq // window starts in [0, windows)
	for b := range s.batch {
		start := s.lo + r.Intn(windows)
		for i := range s.seq {
			tokens[b*s.seq+i], _ = s.d.token(start + i)
			next, learnt := s.d.token(start + i + 1)
			if !learnt {
				next = ree.IgnoreTarget
			}
			targets[b*s.seq+i] = next
		}
	}
}
