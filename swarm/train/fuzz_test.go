package train

import (
	"bytes"
	"crypto/sha256"
	"slices"
	"testing"

	"github.com/axl-market/axl/swarm/model"
	"github.com/axl-market/axl/swarm/ree"
)

// FuzzReadTrace feeds ReadTrace any text: it must not panic, and what it
// accepts must be what WriteTrace writes again, line for line (after
// trimming the blanks the reader forgives).
func FuzzReadTrace(f *testing.F) {
	var trace []TraceEntry
	for step := range 3 {
		trace = append(trace, TraceEntry{Step: step, Hash: sha256.Sum256([]byte{byte(step)})})
	}
	var b bytes.Buffer
	if err := WriteTrace(&b, trace); err != nil {
		f.Fatal(err)
	}
	f.Add(b.Bytes())
	f.Add([]byte("0 00\n"))
	f.Add([]byte("-1 " + trace[0].Hash.String() + "\n"))
	f.Fuzz(func(t *testing.T, text []byte) {
		got, err := ReadTrace(bytes.NewReader(text))
		if err != nil {
			return
		}
		var again bytes.Buffer
		if err := WriteTrace(&again, got); err != nil {
			t.Fatal(err)
		}
		back, err := ReadTrace(&again)
		if err != nil {
			t.Fatalf("ReadTrace refuses what WriteTrace wrote of its own output: %v", err)
		}
		if len(back) != len(got) {
			t.Fatalf("%d entries, then %d", len(got), len(back))
		}
		for i := range got {
			if back[i] != got[i] {
				t.Fatalf("entry %d: %+v, then %+v", i, got[i], back[i])
			}
		}
	})
}

// FuzzSampler draws batches from any corpus with any shard layout: a
// sampler is refused or every window it draws lies inside its own shard,
// and the same step gives the same batch.
func FuzzSampler(f *testing.F) {
	f.Add([]byte("some text to learn, byte by byte. some text to learn."), uint64(7), 1, 2, 2, 8, 3)
	f.Add([]byte("ab"), uint64(0), 0, 1, 1, 1, 0)
	f.Add([]byte{}, uint64(1), 0, 1, 1, 1, 0)
	f.Add([]byte("abcdef"), uint64(1), 2, 2, 1, 1, 0)
	f.Fuzz(func(t *testing.T, data []byte, seed uint64, shard, shards, batch, seq, step int) {
		// The callers bound the shards by a job's workers (at most the
		// slots of an escrow) and the batch by memory; keep the buffers
		// small, not the corpus.
		if shards > 64 || batch > 64 || seq > 1<<12 {
			t.Skip()
		}
		d := NewDataset(data)
		s, err := d.Sampler(seed, shard, shards, batch, seq)
		if err != nil {
			return
		}
		lo, hi := ShardBounds(len(data), shard, shards)
		if lo < 0 || hi > len(data) || hi-lo < seq+1 {
			t.Fatalf("a sampler of shard [%d, %d) of %d bytes for windows of %d", lo, hi, len(data), seq+1)
		}
		if short := ShortestShard(len(data), shards); short > hi-lo {
			t.Fatalf("the shortest of %d shards has %d bytes, shard %d has %d", shards, short, shard, hi-lo)
		}
		tokens, targets := make([]int32, batch*seq), make([]int32, batch*seq)
		s.Batch(step, tokens, targets)
		shardBytes := data[lo:hi]
		for b := range batch {
			w := make([]byte, seq+1)
			for i := range seq {
				w[i] = byte(tokens[b*seq+i])
			}
			w[seq] = byte(targets[b*seq+seq-1])
			for i := 1; i < seq; i++ {
				if targets[b*seq+i-1] != tokens[b*seq+i] {
					t.Fatalf("window %d: targets are not the tokens shifted by one", b)
				}
			}
			if !bytes.Contains(shardBytes, w) {
				t.Fatalf("window %d %q is not in the shard", b, w)
			}
		}
		again, again2 := make([]int32, batch*seq), make([]int32, batch*seq)
		s.Batch(step, again, again2)
		if !slices.Equal(tokens, again) || !slices.Equal(targets, again2) {
			t.Fatalf("step %d draws two different batches", step)
		}
	})
}

// FuzzDecodeCheckpoint feeds DecodeCheckpoint any bytes, from a full
// fine-tune's and a LoRA's checkpoints: it must not panic nor allocate
// beyond what the input holds, and what it accepts encodes back to the
// very bytes (one canonical encoding), with a hash.
func FuzzDecodeCheckpoint(f *testing.F) {
	// Small enough that the seeds are short: bytes as tokens, four channels.
	cfg := model.Config{VocabSize: 256, MaxSeq: 4, Dim: 4, Layers: 1, Heads: 2, Eps: 1e-5}
	data := NewDataset([]byte("fuzz the checkpoints, fuzz them well."))
	h := DefaultHyper(2, 4)
	h.Batch = 1
	for _, meth := range []Method{{}, {Name: MethodLoRA, LoRA: model.LoRA{R: 2, Alpha: 4, Targets: []string{"c_fc", "c_attn"}}}} {
		m, err := model.Init(cfg, 1)
		if err != nil {
			f.Fatal(err)
		}
		tr, err := NewMethod(m, data, h, meth, ree.NewPool(1))
		if err != nil {
			f.Fatal(err)
		}
		if _, err := tr.Step(); err != nil {
			f.Fatal(err)
		}
		var b bytes.Buffer
		if err := tr.Checkpoint().Encode(&b); err != nil {
			f.Fatal(err)
		}
		f.Add(b.Bytes())
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := DecodeCheckpoint(b)
		if err != nil {
			return
		}
		var again bytes.Buffer
		if err := c.Encode(&again); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(again.Bytes(), b) {
			t.Fatal("an accepted checkpoint encodes to other bytes")
		}
		c.Hash()
	})
}
