package train

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/axl-market/axl/swarm/model"
	"github.com/axl-market/axl/swarm/ree"
)

var testLoRA = Method{Name: MethodLoRA, LoRA: model.LoRA{R: 4, Alpha: 8, Targets: []string{"c_attn", "c_proj"}}}

func newLoRATrainer(t *testing.T, h Hyper, meth Method, pool *ree.Pool) *Trainer {
	t.Helper()
	m, err := model.Init(testConfig, 1)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := NewMethod(m, NewDataset(corpus()), h, meth, pool)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// TestLoRATrains fine-tunes a base model (trained in full first: a random
// one's tied head is too small for a frozen model to move the loss) on
// another text: the loss falls (less than a full fine-tune's, as rank 4 on
// 32 channels with a frozen head allows), the base weights keep their
// bits, and the state is the adapter alone.
func TestLoRATrains(t *testing.T) {
	pre := newTrainer(t, testHyper(40), ree.NewPool(2))
	steps(t, pre, 40)
	var text strings.Builder
	for i := range 400 {
		fmt.Fprintf(&text, "a lazy cat %d sleeps under the warm sun! ", i%5)
	}
	h := testHyper(60)
	h.LR = 1e-2
	tr, err := NewMethod(pre.Model(), NewDataset([]byte(text.String())), h, testLoRA, ree.NewPool(2))
	if err != nil {
		t.Fatal(err)
	}
	base := tr.Model().Clone()
	losses := steps(t, tr, 60)
	var last float32
	for _, l := range losses[len(losses)-5:] {
		last += l / 5
	}
	first := losses[0]
	t.Logf("LoRA loss %.3f → %.3f", first, last)
	if last > first-0.2 {
		t.Errorf("loss fell from %.3f to %.3f only", first, last)
	}
	for i, p := range tr.Model().Params {
		if p.Hash() != base.Params[i].Hash() {
			t.Fatalf("training changed the base weight %s", p.Name)
		}
	}
	ck := tr.Checkpoint()
	want := testLoRA.LoRA.Params(testConfig)
	if ck.LoRA == nil || len(ck.Params) != len(want) || len(ck.M) != len(want) {
		t.Fatalf("the checkpoint holds %d tensors (LoRA %v), want the %d of the adapter", len(ck.Params), ck.LoRA, len(want))
	}
	for i, p := range ck.Params {
		if p.Name != want[i].Name || !strings.Contains(p.Name, ".lora_") {
			t.Fatalf("checkpoint tensor %d is %s, want %s", i, p.Name, want[i].Name)
		}
	}
	if B := tr.Adapter().Param("h.1.attn.c_proj.lora_B.weight"); slices.Max(B.F) == 0 && slices.Min(B.F) == 0 {
		t.Error("lora_B is still zero after training")
	}
	// No operator writes a base weight, and AdamW runs on adapter tensors only.
	for _, op := range tr.Program().Ops {
		for _, out := range op.Out {
			if tr.Model().Param(out.Name) != nil && out == tr.Model().Param(out.Name) {
				t.Fatalf("op %s writes the base weight %s", op.Name, out.Name)
			}
		}
		if op.Kind == "adamw" && !strings.Contains(op.Name, ".lora_") {
			t.Fatalf("AdamW operator %s on a frozen weight", op.Name)
		}
	}
}

// TestLoRAThreadsSameTrace: two runs on 1, 2 and 4 goroutines and on the
// portable kernels have the same hash after every step, and so the same
// adapter bits.
func TestLoRAThreadsSameTrace(t *testing.T) {
	var ref []TraceEntry
	var refA []model.Hash
	for _, pool := range []*ree.Pool{ree.NewPool(1), ree.NewPool(1), ree.NewPool(2), ree.NewPool(4), ree.NewPool(2, ree.Portable())} {
		tr := newLoRATrainer(t, testHyper(4), testLoRA, pool)
		steps(t, tr, 4)
		var hs []model.Hash
		for _, p := range tr.Adapter().Params {
			hs = append(hs, p.Hash())
		}
		if ref == nil {
			ref, refA = tr.Trace(), hs
			continue
		}
		if !slices.Equal(tr.Trace(), ref) || !slices.Equal(hs, refA) {
			t.Fatalf("threads=%d fast=%v: trace or adapter differs from the first run", pool.Threads(), pool.Fast())
		}
	}
	if ref[0].Hash == ref[1].Hash {
		t.Error("a step did not change the checkpoint hash")
	}
	full := newTrainer(t, testHyper(4), ree.NewPool(1))
	if full.Trace()[0] == ref[0] {
		t.Error("a LoRA run starts from the full fine-tune's state hash")
	}
	other := testLoRA
	other.LoRA.Alpha = 16
	if tr := newLoRATrainer(t, testHyper(4), other, ree.NewPool(1)); tr.Trace()[0] == ref[0] {
		t.Error("alpha is not part of the state hash")
	}
}

// TestLoRAReplayFromCheckpoint is what Verde needs of a LoRA run: from a
// decoded checkpoint, the same steps, and every operator recomputed alone.
func TestLoRAReplayFromCheckpoint(t *testing.T) {
	h := testHyper(5)
	h.ClipNorm = 0.01 // make the clipping operator matter
	other := newLoRATrainer(t, h, testLoRA, ree.NewPool(1))
	ck, want := restoreAfter(t, newLoRATrainer(t, h, testLoRA, ree.NewPool(2)), other)
	rec, err := other.RecordStep(func(int) bool { return true })
	if err != nil {
		t.Fatal(err)
	}
	steps(t, other, 1)
	if !slices.Equal(other.Trace(), want[2:]) {
		t.Fatal("replaying from the checkpoint gives another trace")
	}
	prog := other.Program()
	for k, op := range prog.Ops {
		out, err := op.Compute(ree.NewPool(3), rec.Inputs[k])
		if err != nil {
			t.Fatal(err)
		}
		for i, o := range out {
			if o.Hash() != rec.Ops[k].Outputs[i] {
				t.Fatalf("op %d (%s) recomputed alone: output %d differs from the record", k, op.Name, i)
			}
		}
	}
	// A full fine-tune's trainer refuses a LoRA checkpoint, and the reverse.
	full := newTrainer(t, h, ree.NewPool(1))
	if err := full.Restore(ck); err == nil || !strings.Contains(err.Error(), "method") {
		t.Errorf("a full fine-tune restored a LoRA checkpoint: %v", err)
	}
	if err := other.Restore(full.Checkpoint()); err == nil {
		t.Error("a LoRA trainer restored a full fine-tune's checkpoint")
	}
	rank8 := testLoRA
	rank8.LoRA.R = 8
	if err := newLoRATrainer(t, h, rank8, ree.NewPool(1)).Restore(ck); err == nil {
		t.Error("a trainer of rank 8 restored a checkpoint of rank 4")
	}
}

func TestLoRACheckpointEncoding(t *testing.T) {
	tr := newLoRATrainer(t, testHyper(3), testLoRA, ree.NewPool(2))
	steps(t, tr, 1)
	ck := tr.Checkpoint()
	b, got := roundTrip(t, ck)
	if got.Hash() != ck.Hash() || got.Step != 1 || got.LoRA == nil || !sameLoRA(got.LoRA, ck.LoRA) {
		t.Fatal("decoding changed the checkpoint")
	}
	if HashOfLoRA(ck.Config, *ck.LoRA, ck.Step, ck.TensorHashes()) != ck.Hash() {
		t.Fatal("HashOfLoRA of the tensor hashes is not the checkpoint's hash")
	}
	if HashOf(ck.Config, ck.Step, ck.TensorHashes()) == ck.Hash() {
		t.Fatal("a LoRA state hashes as a full fine-tune's")
	}

	at := func(s string) int { return bytes.Index(b, []byte(s)) }
	corrupt := func(f func([]byte) []byte) []byte { return f(slices.Clone(b)) }
	head := len(loraCheckpointMagic) + 6*4 // the LoRA settings follow the config
	for name, bad := range map[string][]byte{
		"rank 0":         corrupt(func(b []byte) []byte { copy(b[head:], []byte{0, 0, 0, 0}); return b }),
		"rank too large": corrupt(func(b []byte) []byte { copy(b[head:], []byte{0, 1, 0, 0}); return b }),
		"alpha negative": corrupt(func(b []byte) []byte { b[head+4+7] |= 0x80; return b }),
		"unknown target": corrupt(func(b []byte) []byte { b[at("c_attn")+2] = 'x'; return b }),
		"targets order":  corrupt(func(b []byte) []byte { i := at("c_attn"); copy(b[i:], "c_proj"); copy(b[i+10:], "c_attn"); return b }),
		"many targets":   corrupt(func(b []byte) []byte { b[head+12] = 200; return b }),
		"tensor name":    corrupt(func(b []byte) []byte { b[at("lora_A")] = 'x'; return b }),
		"truncated":      b[:len(b)-1],
		"trailing":       append(slices.Clone(b), 0),
	} {
		if _, err := DecodeCheckpoint(bad); err == nil {
			t.Errorf("%s: a malformed checkpoint was accepted", name)
		}
	}
}

// TestMethodRefuses: what a hostile spec may ask.
func TestMethodRefuses(t *testing.T) {
	m, err := model.Init(testConfig, 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		meth Method
		want string
	}{
		{Method{Name: "qlora"}, "unknown fine-tuning method"},
		{Method{Name: MethodFull, LoRA: model.LoRA{R: 4}}, "takes no LoRA"},
		{Method{Name: MethodLoRA, LoRA: model.LoRA{R: 0, Alpha: 8, Targets: []string{"c_attn"}}}, "rank"},
		{Method{Name: MethodLoRA, LoRA: model.LoRA{R: 33, Alpha: 8, Targets: []string{"c_attn"}}}, "exceeds 32"},
		{Method{Name: MethodLoRA, LoRA: model.LoRA{R: 4, Alpha: 0, Targets: []string{"c_attn"}}}, "alpha"},
		{Method{Name: MethodLoRA, LoRA: model.LoRA{R: 4, Alpha: 8, Targets: []string{"wte"}}}, "unknown LoRA target"},
	} {
		_, err := NewMethod(m, NewDataset(corpus()), testHyper(2), c.meth, ree.NewPool(1))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: error %v, want one saying %q", c.meth, err, c.want)
		}
	}
}

// stateBytes is the length of the encoding of a checkpoint whose tensors
// are specs (its Encode, without allocating them), and of the state's
// composition (what a referee reads of it: per tensor its name and three
// hashes).
func stateBytes(cfg model.Config, l *model.LoRA, specs []model.ParamSpec) (checkpoint, composition int) {
	checkpoint = len(appendHead(nil, checkpointMagic, cfg, l, 0, len(specs)))
	for _, s := range specs {
		tensor := 1 + 4 + 4*len(s.Shape) + 4*numel(s.Shape)
		checkpoint += 4 + len(s.Name) + 3*tensor
		composition += len(s.Name) + 3*len(model.Hash{})
	}
	return checkpoint, composition
}

func numel(shape []int) int {
	n := 1
	for _, d := range shape {
		n *= d
	}
	return n
}

// TestLoRAStateBytes reports what a LoRA saves per outer step against a
// full fine-tune of the same model: the checkpoint (weights or adapter,
// and moments), the outer step's Δ (a float32 per trained weight) and the
// state's composition; the commitment itself is one 32-byte hash either
// way. The formula is checked against real encodings of tiny-bpe.
//
//	go test -run TestLoRAStateBytes -v ./swarm/train
func TestLoRAStateBytes(t *testing.T) {
	lora := model.LoRA{R: 8, Alpha: 16, Targets: []string{"c_attn", "c_proj"}}
	for _, name := range []string{"tiny-bpe", "gpt2"} {
		cfg, err := model.ConfigByName(name)
		if err != nil {
			t.Fatal(err)
		}
		fullCk, fullComp := stateBytes(cfg, nil, cfg.Params())
		loraCk, loraComp := stateBytes(cfg, &lora, lora.Params(cfg))
		if name == "tiny-bpe" {
			m, err := model.Init(cfg, 1)
			if err != nil {
				t.Fatal(err)
			}
			h := DefaultHyper(1, 16)
			for _, c := range []struct {
				meth Method
				want int
			}{{Method{}, fullCk}, {Method{Name: MethodLoRA, LoRA: lora}, loraCk}} {
				tr, err := NewMethod(m, NewDataset(corpus()), h, c.meth, ree.NewPool(2))
				if err != nil {
					t.Fatal(err)
				}
				var buf bytes.Buffer
				if err := tr.Checkpoint().Encode(&buf); err != nil {
					t.Fatal(err)
				}
				if buf.Len() != c.want {
					t.Fatalf("%s %q checkpoint: %d bytes encoded, the formula says %d", name, c.meth.Name, buf.Len(), c.want)
				}
			}
		}
		fullDelta, loraDelta := 4*cfg.NumParams(), 4*lora.NumParams(cfg)
		if loraCk*20 > fullCk || loraDelta*20 > fullDelta {
			t.Errorf("%s: LoRA state %d bytes, full %d: less than 20× smaller", name, loraCk, fullCk)
		}
		t.Logf("%s r=%d %v: trained %d of %d weights; checkpoint %d vs %d bytes (%.1f×), outer Δ %d vs %d bytes (%.1f×), composition %d vs %d bytes; commitment 32 bytes both",
			name, lora.R, lora.Targets, lora.NumParams(cfg), cfg.NumParams(), loraCk, fullCk, float64(fullCk)/float64(loraCk),
			loraDelta, fullDelta, float64(fullDelta)/float64(loraDelta), loraComp, fullComp)
	}
}
