// Package train runs deterministic training: byte-level data drawn by
// (seed, shard, step) alone, AdamW with warm-up and cosine decay, gradient
// clipping, and checkpoints with one canonical encoding and a hash composed
// from per-tensor hashes, whose value after every inner step is the trace
// that verification compares.
package train

import (
	"crypto/sha256"
	"fmt"
	"os"

	"github.com/axl-market/axl/swarm/model"
	"github.com/axl-market/axl/swarm/ree"
)

// Dataset is a corpus of byte-level tokens (one byte, one token).
type Dataset struct {
	data []byte
}

// NewDataset wraps a corpus held in memory.
func NewDataset(data []byte) *Dataset { return &Dataset{data: data} }

// LoadDataset reads a corpus from a file.
func LoadDataset(path string) (*Dataset, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return NewDataset(b), nil
}

// Len returns the number of tokens.
func (d *Dataset) Len() int { return len(d.data) }

// Hash returns the sha256 of the corpus.
func (d *Dataset) Hash() model.Hash { return sha256.Sum256(d.data) }

// Sampler draws the batches of one data-parallel shard. The batch of a step
// is a function of (seed, shard, step) alone: never of timing, threads or
// what was drawn before, so any step can be replayed on its own.
type Sampler struct {
	data          []byte // this shard's contiguous slice of the corpus
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
	lo, hi := ShardBounds(len(d.data), shard, shards)
	if hi-lo < seq+1 {
		return nil, fmt.Errorf("shard %d of %d holds %d bytes of the %d-byte corpus, fewer than one window of %d",
			shard, shards, hi-lo, len(d.data), seq+1)
	}
	return &Sampler{data: d.data[lo:hi], seed: seed, shard: shard, shards: shards, batch: batch, seq: seq}, nil
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
// targets are the tokens shifted by one.
func (s *Sampler) Batch(step int, tokens, targets []int32) {
	r := ree.NewRand(ree.Mix(s.seed, uint64(s.shard), uint64(s.shards), uint64(step)))
	windows := len(s.data) - s.seq // window starts in [0, windows)
	for b := range s.batch {
		start := r.Intn(windows)
		w := s.data[start : start+s.seq+1]
		for i := range s.seq {
			tokens[b*s.seq+i] = int32(w[i])
			targets[b*s.seq+i] = int32(w[i+1])
		}
	}
}
