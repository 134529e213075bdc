package train_test

import (
	"bytes"
	"cmp"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/axl-market/axl/swarm/model"
	"github.com/axl-market/axl/swarm/ree"
	"github.com/axl-market/axl/swarm/train"
)

// python is Debian's interpreter, where apt's python3-torch lives, or the
// first python3 on the PATH.
func python(t testing.TB) string {
	t.Helper()
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		if path, err := exec.LookPath(p); err == nil && exec.Command(path, "-c", "import torch").Run() == nil {
			return path
		}
	}
	if os.Getenv("AXL_REQUIRE_TORCH") != "" {
		t.Fatal("no python3 with torch, and AXL_REQUIRE_TORCH is set (apt-get install python3-torch)")
	}
	t.Skip("no python3 with torch (apt-get install python3-torch)")
	return ""
}

// replay is what testdata/torch_replay.py printed.
type replay struct {
	Losses          []float64            `json:"losses"`
	Weights         map[string][]float64 `json:"weights"`
	TokensPerSecond float64              `json:"tokens_per_second"`
	Torch           string               `json:"torch"`
}

// TestMatchesPyTorch trains a small GPT-2 here and replays the same run
// in PyTorch (its own layers, autograd and torch.optim.AdamW, from the
// same initial weights, batches and learning rates): every step's loss and
// the final weights agree to 1e-4. One dataset learns every byte, the
// other only the completions of prompt/completion examples (PyTorch's
// ignore_index). Each is trained in full, and by LoRA on every module
// kind (PyTorch computing the adapted modules as PEFT's Linear does, with
// the base frozen): there the adapter agrees to 1e-4 and the base weights
// are unchanged on both sides.
func TestMatchesPyTorch(t *testing.T) {
	py := python(t)
	cfg := model.Config{VocabSize: 256, MaxSeq: 32, Dim: 32, Layers: 2, Heads: 4, Eps: 1e-5}
	var text bytes.Buffer
	var ids []int
	var learnt []bool
	for i := range 200 {
		fmt.Fprintf(&text, "the quick brown fox %d jumps over the lazy dog. ", i%7)
		p, c := fmt.Sprintf("what is %d?", i%5), fmt.Sprintf(" %d!\n", i%5)
		for k, b := range []byte(p + c) {
			ids, learnt = append(ids, int(b)), append(learnt, k >= len(p))
		}
	}
	examples, err := train.NewTokenDataset(ids, 256, learnt)
	if err != nil {
		t.Fatal(err)
	}
	lora := train.Method{Name: train.MethodLoRA, LoRA: model.LoRA{R: 4, Alpha: 8, Targets: []string{"c_attn", "c_proj", "c_fc"}}}
	for _, c := range []struct {
		name string
		data *train.Dataset
		meth train.Method
	}{
		{"bytes", train.NewDataset(text.Bytes()), train.Method{}},
		{"completions only", examples, train.Method{}},
		{"LoRA bytes", train.NewDataset(text.Bytes()), lora},
		{"LoRA completions only", examples, lora},
	} {
		t.Run(c.name, func(t *testing.T) {
			const steps = 8
			h := train.DefaultHyper(steps, 16)
			h.Batch, h.Seed, h.Warmup = 4, 3, 2
			m, err := model.Init(cfg, 7)
			if err != nil {
				t.Fatal(err)
			}
			base := m.Clone()
			tr, err := train.NewMethod(m, c.data, h, c.meth, ree.NewPool(1))
			if err != nil {
				t.Fatal(err)
			}
			dir := writeReplay(t, m, c.data, h, replayRun{adapter: tr.Adapter(), threads: 1, weights: true})
			losses := make([]float32, steps)
			for i := range losses {
				if losses[i], err = tr.Step(); err != nil {
					t.Fatal(err)
				}
			}
			r := runReplay(t, py, dir)
			if len(r.Losses) != steps {
				t.Fatalf("PyTorch ran %d steps, want %d", len(r.Losses), steps)
			}
			worst := 0.0
			for i, l := range losses {
				d := math.Abs(float64(l)-r.Losses[i]) / max(1, math.Abs(r.Losses[i]))
				worst = max(worst, d)
				if d > 1e-4 {
					t.Errorf("step %d: loss %.6f here, %.6f in PyTorch", i, l, r.Losses[i])
				}
			}
			if losses[0] == losses[steps-1] {
				t.Errorf("the loss did not move: %v", losses)
			}
			worstW := 0.0
			for _, p := range tr.Trained() {
				got := r.Weights[p.Name]
				if len(got) != len(p.F) {
					t.Fatalf("PyTorch's %s has %d values, want %d", p.Name, len(got), len(p.F))
				}
				for i, x := range p.F {
					worstW = max(worstW, math.Abs(float64(x)-got[i]))
				}
			}
			if worstW > 1e-4 {
				t.Errorf("final weights differ from PyTorch's by up to %g", worstW)
			}
			if tr.Adapter() != nil {
				for i, p := range m.Params {
					if p.Hash() != base.Params[i].Hash() {
						t.Fatalf("LoRA changed the base weight %s here", p.Name)
					}
					for j, x := range r.Weights[p.Name] {
						if float32(x) != p.F[j] {
							t.Fatalf("LoRA changed the base weight %s in PyTorch", p.Name)
						}
					}
				}
			}
			t.Logf("torch %s: losses %.5f → %.5f, largest loss difference %.2g (relative), weights %.2g", r.Torch, losses[0], losses[steps-1], worst, worstW)
		})
	}
}

// replayRun is how testdata/torch_replay.py is to replay a run.
type replayRun struct {
	adapter *model.Adapter // the LoRA's initial adapter, or nil
	threads int
	weights bool // print the final weights
}

// writeReplay writes, for testdata/torch_replay.py, the run of h.Steps
// steps of m (its weights before the run, and those of run.adapter) on
// data, and returns its directory.
func writeReplay(tb testing.TB, m *model.Model, data *train.Dataset, h train.Hyper, run replayRun) string {
	tb.Helper()
	dir := tb.TempDir()
	files := map[string][]byte{}
	var init bytes.Buffer
	if err := model.Encode(&init, m); err != nil {
		tb.Fatal(err)
	}
	files["init.safetensors"] = init.Bytes()
	specs := m.Config.Params()
	settings := map[string]any{}
	if a := run.adapter; a != nil {
		var ad bytes.Buffer
		if err := model.WriteSafetensors(&ad, a.Params, nil); err != nil {
			tb.Fatal(err)
		}
		files["adapter.safetensors"] = ad.Bytes()
		specs = a.LoRA.Params(m.Config)
		settings["lora"] = map[string]any{"r": a.LoRA.R, "alpha": a.LoRA.Alpha, "targets": a.LoRA.Targets}
	}
	// The batches the trainer draws, and the learning rates its schedule
	// operator gives (float32).
	s, err := data.Sampler(h.Seed, h.Shard, h.Shards, h.Batch, h.Seq)
	if err != nil {
		tb.Fatal(err)
	}
	var batches bytes.Buffer
	lrs := make([]float64, h.Steps)
	for step := range h.Steps {
		tokens, targets := make([]int32, h.Batch*h.Seq), make([]int32, h.Batch*h.Seq)
		s.Batch(step, tokens, targets)
		binary.Write(&batches, binary.LittleEndian, tokens)
		binary.Write(&batches, binary.LittleEndian, targets)
		lrs[step] = float64(float32(h.LRAt(step)))
	}
	var decay []string
	for _, p := range specs {
		if p.Decay {
			decay = append(decay, p.Name)
		}
	}
	for k, v := range map[string]any{"batch": h.Batch, "seq": h.Seq, "lrs": lrs, "beta1": h.Beta1, "beta2": h.Beta2,
		"eps": h.Eps, "weight_decay": h.WeightDecay, "clip": h.ClipNorm, "decay": decay, "threads": run.threads, "weights": run.weights} {
		settings[k] = v
	}
	runJSON, err := json.Marshal(settings)
	if err != nil {
		tb.Fatal(err)
	}
	files["batches.bin"], files["run.json"] = batches.Bytes(), runJSON
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o600); err != nil {
			tb.Fatal(err)
		}
	}
	return dir
}

// runReplay runs testdata/torch_replay.py on dir.
func runReplay(tb testing.TB, py, dir string) replay {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, py, "testdata/torch_replay.py", dir)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		tb.Fatalf("torch_replay.py: %v\n%s", err, stderr.Bytes())
	}
	var r replay
	if err := json.Unmarshal(out, &r); err != nil {
		tb.Fatalf("torch_replay.py printed %.200q: %v", out, err)
	}
	return r
}

// BenchmarkVsPyTorch trains the same steps of the same model here and in
// PyTorch (CPU, the same threads) and reports both tokens/s and their
// ratio. The shape is AXL_BENCH_CONFIG (default tiny-bpe; gpt2 for
// OpenAI's 124 M), on prompt/completion-like BPE ids:
//
//	AXL_BENCH_CONFIG=gpt2 go test -run '^$' -bench VsPyTorch -benchtime 1x ./swarm/train
func BenchmarkVsPyTorch(b *testing.B) {
	py := python(b)
	name, cfg := benchConfig(b, "tiny-bpe")
	threads := runtime.GOMAXPROCS(0)
	const steps = 4
	h := train.DefaultHyper(steps, min(cfg.MaxSeq, 128))
	h.Batch = 4
	data := benchData(b, cfg, h.Seq)
	for range b.N {
		m, err := model.Init(cfg, 1)
		if err != nil {
			b.Fatal(err)
		}
		dir := writeReplay(b, m, data, h, replayRun{threads: threads, weights: true})
		tr, err := train.New(m, data, h, ree.NewPool(threads))
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		for range steps {
			if _, err := tr.Step(); err != nil {
				b.Fatal(err)
			}
		}
		ours := float64(steps*h.Batch*h.Seq) / time.Since(start).Seconds()
		theirs := runReplay(b, py, dir).TokensPerSecond
		b.ReportMetric(ours, "axl-tokens/s")
		b.ReportMetric(theirs, "pytorch-tokens/s")
		b.ReportMetric(ours/theirs, "x-pytorch")
		b.Logf("%s (%d parameters), batch %d×%d, %d threads: %.0f tokens/s here, %.0f in PyTorch: %.2f×",
			name, cfg.NumParams(), h.Batch, h.Seq, threads, ours, theirs, ours/theirs)
	}
}

// TestPEFTDeliveryInPyTorch trains a LoRA briefly, writes its PEFT adapter
// directory and the merged model, and has testdata/peft_check.py check
// them by PEFT's names and rules with torch: the config, every tensor's
// name and shape, merged = base + alpha/r·(B@A)ᵀ, and the adapted model's
// logits (PEFT's forward) equal to the merged model's.
func TestPEFTDeliveryInPyTorch(t *testing.T) {
	py := python(t)
	cfg := model.Config{VocabSize: 256, MaxSeq: 32, Dim: 32, Layers: 2, Heads: 4, Eps: 1e-5}
	m, err := model.Init(cfg, 7)
	if err != nil {
		t.Fatal(err)
	}
	var text bytes.Buffer
	for i := range 200 {
		fmt.Fprintf(&text, "the quick brown fox %d jumps over the lazy dog. ", i%7)
	}
	h := train.DefaultHyper(6, 16)
	h.Batch, h.LR = 4, 1e-2
	meth := train.Method{Name: train.MethodLoRA, LoRA: model.LoRA{R: 4, Alpha: 16, Targets: []string{"c_proj", "c_fc"}}}
	pool := ree.NewPool(1)
	tr, err := train.NewMethod(m, train.NewDataset(text.Bytes()), h, meth, pool)
	if err != nil {
		t.Fatal(err)
	}
	for range h.Steps {
		if _, err := tr.Step(); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	merged, err := tr.Adapter().Merge(pool, m)
	if err != nil {
		t.Fatal(err)
	}
	basePath, adapterDir, mergedPath := filepath.Join(dir, "base", "model.safetensors"), filepath.Join(dir, "adapter"), filepath.Join(dir, "merged", "model.safetensors")
	for _, d := range []string{filepath.Dir(basePath), filepath.Dir(mergedPath)} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := model.Save(basePath, m); err != nil {
		t.Fatal(err)
	}
	if err := model.Save(mergedPath, merged); err != nil {
		t.Fatal(err)
	}
	if err := model.SaveAdapter(adapterDir, tr.Adapter(), "base"); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(py, "testdata/peft_check.py", basePath, adapterDir, mergedPath).CombinedOutput()
	if err != nil {
		t.Fatalf("peft_check.py: %v\n%s", err, out)
	}
	t.Logf("peft_check.py: %s", bytes.TrimSpace(out))
}

// benchConfig is the configuration AXL_BENCH_CONFIG names, or def.
func benchConfig(b *testing.B, def string) (string, model.Config) {
	b.Helper()
	name := cmp.Or(os.Getenv("AXL_BENCH_CONFIG"), def)
	cfg, err := model.ConfigByName(name)
	if err != nil {
		b.Fatal(err)
	}
	return name, cfg
}

// benchData is random BPE-like ids of cfg's vocabulary, 64 sequences of
// seq, a quarter of them prompts (not learnt).
func benchData(tb testing.TB, cfg model.Config, seq int) *train.Dataset {
	tb.Helper()
	ids := make([]int, 64*seq)
	learnt := make([]bool, len(ids))
	r := ree.NewRand(1)
	for i := range ids {
		ids[i], learnt[i] = r.Intn(cfg.VocabSize), i%4 != 0
	}
	data, err := train.NewTokenDataset(ids, cfg.VocabSize, learnt)
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// BenchmarkLoRAVsPyTorch trains the same steps of a gpt2-shaped model
// (124 M, random weights; AXL_BENCH_CONFIG names another shape) in full
// and by LoRA (r 8 on c_attn and c_proj), here and in PyTorch (CPU, the
// same threads, testdata/torch_replay.py), all four in the same run, on
// batch 1 × 64 tokens, and reports each one's tokens/s and the ratios:
//
//	go test -run '^$' -bench LoRAVsPyTorch -benchtime 1x ./swarm/train
func BenchmarkLoRAVsPyTorch(b *testing.B) {
	py := python(b)
	name, cfg := benchConfig(b, "gpt2")
	threads := runtime.GOMAXPROCS(0)
	const steps = 4
	h := train.DefaultHyper(steps, min(cfg.MaxSeq, 64))
	h.Batch = 1
	data := benchData(b, cfg, h.Seq)
	lora := train.Method{Name: train.MethodLoRA, LoRA: model.LoRA{R: 8, Alpha: 16, Targets: []string{"c_attn", "c_proj"}}}
	for range b.N {
		m, err := model.Init(cfg, 1)
		if err != nil {
			b.Fatal(err)
		}
		rate := map[string]float64{}
		for _, meth := range []train.Method{{}, lora} {
			tr, err := train.NewMethod(m.Clone(), data, h, meth, ree.NewPool(threads))
			if err != nil {
				b.Fatal(err)
			}
			dir := writeReplay(b, m, data, h, replayRun{adapter: tr.Adapter(), threads: threads})
			start := time.Now()
			for range steps {
				if _, err := tr.Step(); err != nil {
					b.Fatal(err)
				}
			}
			key := cmp.Or(meth.Name, train.MethodFull)
			rate["axl-"+key] = float64(steps*h.Batch*h.Seq) / time.Since(start).Seconds()
			tr = nil // let the collector have it before PyTorch runs
			runtime.GC()
			rate["pytorch-"+key] = runReplay(b, py, dir).TokensPerSecond
		}
		for k, v := range rate {
			b.ReportMetric(v, k+"-tokens/s")
		}
		b.ReportMetric(rate["axl-lora"]/rate["pytorch-lora"], "lora-x-pytorch")
		b.ReportMetric(rate["axl-full"]/rate["pytorch-full"], "full-x-pytorch")
		b.ReportMetric(rate["axl-lora"]/rate["axl-full"], "axl-lora-x-full")
		b.ReportMetric(rate["pytorch-lora"]/rate["pytorch-full"], "pytorch-lora-x-full")
		b.Logf("%s (%d parameters), batch %d×%d, %d threads, %d steps: full %.0f tokens/s here, %.0f in PyTorch (%.2f×); "+
			"LoRA r %d on %v (%d weights) %.0f here, %.0f in PyTorch (%.2f×); LoRA/full %.2f× here, %.2f× in PyTorch",
			name, cfg.NumParams(), h.Batch, h.Seq, threads, steps,
			rate["axl-full"], rate["pytorch-full"], rate["axl-full"]/rate["pytorch-full"],
			lora.LoRA.R, lora.LoRA.Targets, lora.LoRA.NumParams(cfg),
			rate["axl-lora"], rate["pytorch-lora"], rate["axl-lora"]/rate["pytorch-lora"],
			rate["axl-lora"]/rate["axl-full"], rate["pytorch-lora"]/rate["pytorch-full"])
	}
}
