package train_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/axl-market/axl/swarm/model"
	"github.com/axl-market/axl/swarm/ree"
	"github.com/axl-market/axl/swarm/train"
)

// TestHeldOut: a tenth of the stream, at least one sequence, at most one
// batch and MaxValidationSequences; never less left to train on for a
// longer stream.
func TestHeldOut(t *testing.T) {
	for _, tt := range []struct {
		n, batch, seq int
		seqs, tokens  int
	}{
		{0, 4, 16, 1, 17},           // too short: the plan's check refuses it
		{100, 4, 16, 1, 17},         // at least one sequence
		{400, 4, 16, 2, 40},         // a tenth: two windows, 7 tokens unused
		{1 << 20, 4, 16, 4, 65},     // at most one batch
		{1 << 20, 64, 16, 16, 257},  // at most MaxValidationSequences
		{1 << 20, 1, 1024, 1, 1025}, // one sequence of a batch of one
	} {
		seqs, tokens := train.HeldOut(tt.n, tt.batch, tt.seq)
		if seqs != tt.seqs || tokens != tt.tokens {
			t.Errorf("HeldOut(%d, %d, %d) = %d sequences, %d tokens; want %d, %d", tt.n, tt.batch, tt.seq, seqs, tokens, tt.seqs, tt.tokens)
		}
	}
	left := 0
	for n := range 5000 {
		_, held := train.HeldOut(n, 8, 16)
		if max(0, n-held) < left {
			t.Fatalf("a stream of %d tokens leaves %d to train on, one of %d left %d", n, n-held, n-1, left)
		}
		left = max(0, n-held)
	}
}

// exampleIDs are the bytes of n prompt/completion examples, and whether
// each is learnt (the completion's).
func exampleIDs(n int) (ids []int, learnt []bool) {
	for i := range n {
		p, c := fmt.Sprintf("what is %d?", i%5), fmt.Sprintf(" %d!\n", i%5)
		for k, b := range []byte(p + c) {
			ids, learnt = append(ids, int(b)), append(learnt, k >= len(p))
		}
	}
	return ids, learnt
}

// examples is the stream of exampleIDs.
func examples(t testing.TB, n int) *train.Dataset {
	t.Helper()
	ids, learnt := exampleIDs(n)
	d, err := train.NewTokenDataset(ids, 256, learnt)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestSplit: the two parts are the stream's head and tail, their learnt
// flags kept, each hashing as the stream of its own tokens would.
func TestSplit(t *testing.T) {
	d := examples(t, 100)
	head, tail := d.Split(4, 16)
	if _, held := train.HeldOut(d.Len(), 4, 16); tail.Len() != held || head.Len()+tail.Len() != d.Len() {
		t.Fatalf("parts of %d and %d tokens of %d", head.Len(), tail.Len(), d.Len())
	}
	if head.Learnt()+tail.Learnt() != d.Learnt() || tail.Learnt() == 0 || tail.Learnt() == tail.Len() {
		t.Fatalf("learnt %d + %d of %d", head.Learnt(), tail.Learnt(), d.Learnt())
	}
	// Rebuild each part from its own ids: the same hash.
	ids, learnt := exampleIDs(100)
	for _, part := range []struct {
		d      *train.Dataset
		lo, hi int
	}{{head, 0, head.Len()}, {tail, head.Len(), d.Len()}} {
		want, err := train.NewTokenDataset(ids[part.lo:part.hi], 256, learnt[part.lo:part.hi])
		if err != nil {
			t.Fatal(err)
		}
		if part.d.Hash() != want.Hash() {
			t.Errorf("tokens [%d, %d): the part hashes otherwise than the same tokens do", part.lo, part.hi)
		}
	}
	b := train.NewDataset([]byte(strings.Repeat("x", 500)))
	if head, tail := b.Split(4, 16); head.Len() != 450 || tail.Len() != 50 || head.Hash() != train.NewDataset(bytes.Repeat([]byte("x"), 450)).Hash() {
		t.Fatalf("bytes: parts of %d and %d", head.Len(), tail.Len())
	}
}

// TestNewValidationRefuses: a tail shorter than one sequence, or without a
// learnt token, has no loss to report.
func TestNewValidationRefuses(t *testing.T) {
	short := train.NewDataset([]byte("sixteen bytes..."))
	if _, err := train.NewValidation(short, 4, 16); err == nil || !strings.Contains(err.Error(), "fewer than one sequence") {
		t.Errorf("16 tokens for a sequence of 16: %v", err)
	}
	prompts, err := train.NewTokenDataset(make([]int, 40), 256, make([]bool, 40))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := train.NewValidation(prompts, 4, 16); err == nil || !strings.Contains(err.Error(), "none of the 32 held-out tokens is learnt") {
		t.Errorf("prompts only: %v", err)
	}
	v, err := train.NewValidation(examples(t, 10), 4, 16)
	if err != nil || v.Sequences() != 4 || v.Tokens() == 0 || v.Tokens() >= 64 {
		t.Fatalf("%v: %d sequences, %d targets", err, v.Sequences(), v.Tokens())
	}
}

// evalRun trains a small model for steps on the training part of data,
// with threads threads, evaluating the validation part after every step
// when eval is set, and returns the losses and the trace.
func evalRun(t *testing.T, data *train.Dataset, threads, steps int, eval bool) ([]float32, []train.TraceEntry) {
	t.Helper()
	m, err := model.Init(model.Config{VocabSize: 256, MaxSeq: 16, Dim: 32, Layers: 2, Heads: 4, Eps: 1e-5}, 5)
	if err != nil {
		t.Fatal(err)
	}
	h := train.DefaultHyper(steps, 16)
	h.Batch, h.Seed = 4, 2
	head, tail := data.Split(h.Batch, h.Seq)
	tr, err := train.New(m, head, h, ree.NewPool(threads))
	if err != nil {
		t.Fatal(err)
	}
	v, err := train.NewValidation(tail, h.Batch, h.Seq)
	if err != nil {
		t.Fatal(err)
	}
	var losses []float32
	for range steps {
		if eval {
			l, err := tr.ValidationLoss(v)
			if err != nil {
				t.Fatal(err)
			}
			losses = append(losses, l)
		}
		if _, err := tr.Step(); err != nil {
			t.Fatal(err)
		}
	}
	if eval {
		l, err := tr.ValidationLoss(v)
		if err != nil {
			t.Fatal(err)
		}
		losses = append(losses, l)
	}
	return losses, tr.Trace()
}

// TestValidationLossIsBitwise: the validation loss has the same bits on 1
// and 3 threads and twice in a row, falls as the model trains on the same
// kind of text, and evaluating changes nothing of the run: the trace of a
// run that evaluates after every step is the trace of one that does not.
func TestValidationLossIsBitwise(t *testing.T) {
	data := train.NewDataset([]byte(strings.Repeat("the validation loss falls as the model learns. ", 20)))
	one, trace := evalRun(t, data, 1, 6, true)
	three, _ := evalRun(t, data, 3, 6, true)
	for i := range one {
		if math.Float32bits(one[i]) != math.Float32bits(three[i]) {
			t.Fatalf("after %d steps: validation loss %v on 1 thread, %v on 3", i, one[i], three[i])
		}
	}
	if !(one[len(one)-1] < one[0]) {
		t.Errorf("validation losses %v: want the last below the first", one)
	}
	_, plain := evalRun(t, data, 1, 6, false)
	for i := range trace {
		if trace[i] != plain[i] {
			t.Fatalf("step %d: evaluating changed the run's checkpoint", trace[i].Step)
		}
	}
}

// TestValidationMatchesPyTorch: the validation loss of a model's weights
// is PyTorch's cross-entropy (ignore_index on the prompts) of the same
// weights (testdata/torch_replay.py's GPT-2) on the same sequences, taken
// from the stream's own ids here, to 1e-5 relative: of every byte, and
// of completions only.
func TestValidationMatchesPyTorch(t *testing.T) {
	py := python(t)
	m, err := model.Init(model.Config{VocabSize: 256, MaxSeq: 16, Dim: 32, Layers: 2, Heads: 4, Eps: 1e-5}, 9)
	if err != nil {
		t.Fatal(err)
	}
	text := []byte(strings.Repeat("the quick brown fox jumps over the lazy dog. ", 40))
	ids, learnt := exampleIDs(200)
	cases := []struct {
		name   string
		ids    []int
		learnt []bool // nil: all
	}{{"bytes", bytesOf(text), nil}, {"completions only", ids, learnt}}
	var dirs []string
	var got []float32
	var vals []*train.Validation
	for _, c := range cases {
		data := train.NewDataset(text)
		if c.learnt != nil {
			if data, err = train.NewTokenDataset(c.ids, 256, c.learnt); err != nil {
				t.Fatal(err)
			}
		}
		h := train.DefaultHyper(1, 16)
		h.Batch = 8
		head, tail := data.Split(h.Batch, h.Seq)
		tr, err := train.New(m, head, h, ree.NewPool(2))
		if err != nil {
			t.Fatal(err)
		}
		v, err := train.NewValidation(tail, h.Batch, h.Seq)
		if err != nil {
			t.Fatal(err)
		}
		loss, err := tr.ValidationLoss(v)
		if err != nil {
			t.Fatal(err)
		}
		got, vals = append(got, loss), append(vals, v)
		dirs = append(dirs, writeEval(t, m, c.ids[head.Len():], c.learnt[min(len(c.learnt), head.Len()):], v.Sequences(), h.Seq))
	}
	want := torchLosses(t, py, dirs)
	for i, c := range cases {
		v := vals[i]
		if d := math.Abs(float64(got[i])-want[i]) / want[i]; d > 1e-5 || v.Sequences() < 2 {
			t.Errorf("%s: validation loss %.7f over %d sequences, PyTorch's %.7f: %.2g apart", c.name, got[i], v.Sequences(), want[i], d)
		}
		t.Logf("%s: %d sequences, %d targets: %.7f here, %.7f in PyTorch", c.name, v.Sequences(), v.Tokens(), got[i], want[i])
	}
}

func bytesOf(b []byte) []int {
	ids := make([]int, len(b))
	for i, x := range b {
		ids[i] = int(x)
	}
	return ids
}

// torchEval prints PyTorch's loss of the weights in DIR/init.safetensors
// on the windows of DIR/val.bin (int32: seqs × seq tokens, then as many
// targets, −1 where not learnt), with torch_replay.py's model, for each
// argument DIR:SEQS:SEQ.
const torchEval = `
import json, sys
sys.path.insert(0, "testdata")
import torch, torch.nn.functional as F
from torch_replay import GPT2, read_safetensors
out = []
for arg in sys.argv[1:]:
    d, seqs, seq = arg.rsplit(":", 2)
    seqs, seq = int(seqs), int(seq)
    w, cfg = read_safetensors(d + "/init.safetensors")
    b = torch.frombuffer(bytearray(open(d + "/val.bin", "rb").read()), dtype=torch.int32).view(2, seqs, seq).long()
    with torch.no_grad():
        logits = GPT2(w, cfg)(b[0])
        out.append(F.cross_entropy(logits.reshape(seqs * seq, -1), b[1].reshape(-1), ignore_index=-1).item())
print(json.dumps(out))
`

// writeEval writes m's weights and the first seqs windows of seq+1 tokens,
// cut every seq tokens, of the tail's ids (learnt nil: all learnt), and
// returns torchEval's argument for them.
func writeEval(t *testing.T, m *model.Model, ids []int, learnt []bool, seqs, seq int) string {
	t.Helper()
	dir := t.TempDir()
	var init bytes.Buffer
	if err := model.Encode(&init, m); err != nil {
		t.Fatal(err)
	}
	tokens, targets := make([]int32, seqs*seq), make([]int32, seqs*seq)
	for k := range tokens {
		tokens[k], targets[k] = int32(ids[k]), int32(ids[k+1])
		if learnt != nil && !learnt[k+1] {
			targets[k] = -1
		}
	}
	var val bytes.Buffer
	binary.Write(&val, binary.LittleEndian, tokens)
	binary.Write(&val, binary.LittleEndian, targets)
	for name, b := range map[string][]byte{"init.safetensors": init.Bytes(), "val.bin": val.Bytes()} {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return fmt.Sprintf("%s:%d:%d", dir, seqs, seq)
}

// torchLosses runs torchEval once on every argument.
func torchLosses(t *testing.T, py string, args []string) []float64 {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, py, append([]string{"-c", torchEval}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("torch: %v\n%s", err, stderr.Bytes())
	}
	var losses []float64
	if err := json.Unmarshal(out, &losses); err != nil || len(losses) != len(args) {
		t.Fatalf("torch printed %.200q (%v), want %d losses", out, err, len(args))
	}
	return losses
}

// BenchmarkValidationLoss measures a validation pass beside an inner step
// of the same batch (AXL_BENCH_CONFIG, default small; batch 8 × 64):
//
//	go test -run '^$' -bench ValidationLoss -benchtime 5x ./swarm/train
func BenchmarkValidationLoss(b *testing.B) {
	name := os.Getenv("AXL_BENCH_CONFIG")
	if name == "" {
		name = "small"
	}
	cfg, err := model.ConfigByName(name)
	if err != nil {
		b.Fatal(err)
	}
	m, err := model.Init(cfg, 1)
	if err != nil {
		b.Fatal(err)
	}
	h := train.DefaultHyper(1<<20, min(64, cfg.MaxSeq))
	h.Batch = 8
	ids := make([]int, 200*h.Seq)
	r := ree.NewRand(1)
	for i := range ids {
		ids[i] = r.Intn(min(cfg.VocabSize, 256))
	}
	data, err := train.NewTokenDataset(ids, cfg.VocabSize, nil)
	if err != nil {
		b.Fatal(err)
	}
	head, tail := data.Split(h.Batch, h.Seq)
	tr, err := train.New(m, head, h, ree.NewPool(1))
	if err != nil {
		b.Fatal(err)
	}
	v, err := train.NewValidation(tail, h.Batch, h.Seq)
	if err != nil {
		b.Fatal(err)
	}
	var step, eval time.Duration
	for range b.N {
		start := time.Now()
		if _, err := tr.Step(); err != nil {
			b.Fatal(err)
		}
		mid := time.Now()
		if _, err := tr.ValidationLoss(v); err != nil {
			b.Fatal(err)
		}
		step, eval = step+mid.Sub(start), eval+time.Since(mid)
	}
	b.ReportMetric(float64(eval)/float64(b.N)/1e6, "ms/validation")
	b.ReportMetric(float64(step)/float64(b.N)/1e6, "ms/step")
	b.ReportMetric(float64(eval)/float64(step), "validation/step")
}
