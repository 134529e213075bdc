package main

import (
	"context"
	"crypto/sha256"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/axl-market/axl/swarm/corpus"
	"github.com/axl-market/axl/swarm/model"
	"github.com/axl-market/axl/swarm/ree"
	"github.com/axl-market/axl/swarm/tokenizer"
	"github.com/axl-market/axl/swarm/train"
)

// runTrain is `axl train`: deterministic fine-tuning of a GPT-2 model on a
// dataset (text or JSONL, as bytes or BPE tokens), writing the weights,
// their sha256 and the trace.
func runTrain(ctx context.Context, env *environment, args []string) error {
	fs := newFlagSet(env, "train")
	data := fs.String("data", "", "training dataset `FILE`: text, or JSONL of {\"text\"} or {\"prompt\",\"completion\"} records")
	format := fs.String("format", "", "the dataset's format, text or jsonl (default: jsonl for a .jsonl file, text otherwise)")
	tokFlag := fs.String("tokenizer", "", "BPE tokenizer: a tokenizer.json, or a directory with it or vocab.json and merges.txt (default: bytes are tokens)")
	base := fs.String("base", "", "fine-tune this model (`FILE.safetensors`) instead of a fresh one")
	cfgName := fs.String("config", "tiny", "size of a fresh model: "+strings.Join(model.ConfigNames(), "|"))
	steps := fs.Int("steps", 0, "inner steps to run")
	seed := fs.Uint64("seed", 0, "seed of the data order (and of a fresh model's weights)")
	out := fs.String("out", "", "write the trained weights to `FILE.safetensors` (config.json and the trace beside it)")
	threads := fs.Int("threads", runtime.NumCPU(), "goroutines for the kernels (the result does not depend on it)")
	batch := fs.Int("batch", 8, "sequences per step")
	seq := fs.Int("seq", 0, "tokens per sequence (default: the model's context length)")
	lr := fs.Float64("lr", 3e-3, "peak learning rate")
	shard := fs.Int("shard", 0, "data-parallel shard of this replica")
	shards := fs.Int("shards", 1, "number of data-parallel shards")
	portable := fs.Bool("portable", false, "use the portable Go kernels only, not the assembly (same bits, slower)")
	method := fs.String("method", train.MethodFull, "what is trained: full (every weight) or lora (low-rank adapters on a frozen model)")
	loraR := fs.Int("lora-r", 8, "LoRA rank (with --method lora)")
	loraAlpha := fs.Float64("lora-alpha", 16, "LoRA alpha: the update is scaled by alpha/r (with --method lora)")
	loraTargets := fs.String("lora-targets", "c_attn,c_proj", "LoRA target modules, comma-separated: c_attn, c_proj, c_fc (with --method lora)")
	adapterOut := fs.String("adapter-out", "", "write the LoRA adapter (PEFT's adapter_model.safetensors and adapter_config.json) to `DIR` (default: OUT without .safetensors + \"-adapter\")")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	switch {
	case *data == "" || *out == "":
		return usageError{"train: --data and --out are required"}
	case *steps < 1:
		return usageError{"train: --steps must be at least 1"}
	case *threads < 1:
		return usageError{"train: --threads must be at least 1"}
	}
	meth, err := trainMethod(fs, "train", *method, *loraR, *loraAlpha, *loraTargets)
	if err != nil {
		return err
	}
	if *adapterOut == "" {
		*adapterOut = strings.TrimSuffix(*out, ".safetensors") + "-adapter"
	}

	m, err := loadOrInit(*base, *cfgName, *seed, fs)
	if err != nil {
		return err
	}
	ds, err := loadDataset(*data, *format, *tokFlag)
	if err != nil {
		return err
	}
	h := train.DefaultHyper(*steps, m.Config.MaxSeq)
	h.Batch, h.LR, h.MinLR, h.Seed, h.Shard, h.Shards = *batch, *lr, *lr/10, *seed, *shard, *shards
	if *seq > 0 {
		h.Seq = *seq
	}
	var opts []ree.Option
	if *portable {
		opts = append(opts, ree.Portable())
	}
	if err := meth.Validate(m.Config); err != nil {
		return usageError{"train: " + err.Error()}
	}
	pool := ree.NewPool(*threads, opts...)
	tr, err := train.NewMethod(m, ds, h, meth, pool)
	if err != nil {
		return err
	}

	progress := newProgress(env.stdout, *steps)
	start := time.Now()
	var loss float32
	for i := range *steps {
		if err := ctx.Err(); err != nil {
			progress.done()
			return fmt.Errorf("interrupted after %d steps", i)
		}
		if loss, err = tr.Step(); err != nil {
			progress.done()
			return err
		}
		progress.update(i+1, loss)
	}
	elapsed := time.Since(start)
	progress.done()

	trained := m
	if a := tr.Adapter(); a != nil {
		// What PEFT is to load the adapter onto: the base's directory, or
		// how to draw the fresh model again.
		baseName := "axl model init --config " + *cfgName + " --seed " + fmt.Sprint(*seed)
		if *base != "" {
			if baseName, err = filepath.Abs(filepath.Dir(*base)); err != nil {
				return err
			}
		}
		if err := model.SaveAdapter(*adapterOut, a, baseName); err != nil {
			return err
		}
		if trained, err = a.Merge(pool, m); err != nil {
			return err
		}
		asum, err := fileSHA256(filepath.Join(*adapterOut, model.AdapterWeightsFile))
		if err != nil {
			return err
		}
		fmt.Fprintf(env.stdout, "LoRA r %d alpha %g on %s: %d of %d weights trained\n",
			a.LoRA.R, a.LoRA.Alpha, strings.Join(a.LoRA.Targets, ","), a.LoRA.NumParams(m.Config), m.Config.NumParams())
		fmt.Fprintf(env.stdout, "adapter %s (%s sha256 %x)\n", *adapterOut, model.AdapterWeightsFile, asum)
	}
	if err := model.Save(*out, trained); err != nil {
		return err
	}
	sum, err := fileSHA256(*out)
	if err != nil {
		return err
	}
	tracePath := strings.TrimSuffix(*out, ".safetensors") + ".trace"
	if err := writeTraceFile(tracePath, tr.Trace()); err != nil {
		return err
	}
	tokens := float64(*steps * h.Batch * h.Seq)
	fmt.Fprintf(env.stdout, "dataset %d tokens (%d learnt) from %d ids, hash %s\n", ds.Len(), ds.Learnt(), ds.Vocab(), ds.Hash())
	fmt.Fprintf(env.stdout, "final loss %.4f\n", loss)
	fmt.Fprintf(env.stdout, "throughput %.0f tokens/s (%d steps in %s, %d threads)\n",
		tokens/elapsed.Seconds(), *steps, elapsed.Round(time.Millisecond), *threads)
	fmt.Fprintf(env.stdout, "trace %s (final state %s)\n", tracePath, tr.Trace()[len(tr.Trace())-1].Hash)
	fmt.Fprintf(env.stdout, "sha256 %x  %s\n", sum, *out)
	return nil
}

// trainMethod returns the method of the flags of command cmd; LoRA flags
// with --method full are refused, as they would be ignored.
func trainMethod(fs *flag.FlagSet, cmd, name string, r int, alpha float64, targets string) (train.Method, error) {
	loraSet := ""
	fs.Visit(func(f *flag.Flag) {
		if strings.HasPrefix(f.Name, "lora-") || f.Name == "adapter-out" {
			loraSet = f.Name
		}
	})
	switch name {
	case train.MethodFull:
		if loraSet != "" {
			return train.Method{}, usageError{fmt.Sprintf("%s: --%s needs --method lora", cmd, loraSet)}
		}
		return train.Method{Name: train.MethodFull}, nil
	case train.MethodLoRA:
		var ts []string
		for _, t := range strings.Split(targets, ",") {
			if t = strings.TrimSpace(t); t != "" {
				ts = append(ts, t)
			}
		}
		return train.Method{Name: train.MethodLoRA, LoRA: model.LoRA{R: r, Alpha: alpha, Targets: ts}}, nil
	}
	return train.Method{}, usageError{fmt.Sprintf("%s: --method %q: want full or lora", cmd, name)}
}

// loadDataset reads the dataset of path in format (by its extension when
// empty), tokenized by the tokenizer at tokPath (bytes when empty).
func loadDataset(path, format, tokPath string) (*train.Dataset, error) {
	f := corpus.Format(format)
	if f == "" {
		f = corpus.Text
		if strings.HasSuffix(path, ".jsonl") {
			f = corpus.JSONL
		}
	}
	if f != corpus.Text && f != corpus.JSONL {
		return nil, usageError{fmt.Sprintf("train: --format %q: want text or jsonl", format)}
	}
	var enc corpus.Encoder
	if tokPath != "" {
		tok, err := tokenizer.Load(tokPath)
		if err != nil {
			return nil, err
		}
		enc = tok
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	ds, err := corpus.Build(b, f, enc)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return ds, nil
}

// loadOrInit returns the model of --base, or a fresh one of --config drawn
// from seed. Naming a --config that differs from the base's is an error.
func loadOrInit(base, cfgName string, seed uint64, fs *flag.FlagSet) (*model.Model, error) {
	cfgSet := false
	fs.Visit(func(f *flag.Flag) { cfgSet = cfgSet || f.Name == "config" })
	if base == "" {
		cfg, err := model.ConfigByName(cfgName)
		if err != nil {
			return nil, usageError{"train: " + err.Error()}
		}
		return model.Init(cfg, seed)
	}
	m, err := model.Load(base)
	if err != nil {
		return nil, err
	}
	if cfgSet {
		cfg, err := model.ConfigByName(cfgName)
		if err != nil {
			return nil, usageError{"train: " + err.Error()}
		}
		if cfg != m.Config {
			return nil, fmt.Errorf("--config %s does not match the base model's config %+v", cfgName, m.Config)
		}
	}
	return m, nil
}

func fileSHA256(path string) ([sha256.Size]byte, error) {
	var sum [sha256.Size]byte
	f, err := os.Open(path)
	if err != nil {
		return sum, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return sum, err
	}
	h.Sum(sum[:0])
	return sum, nil
}

func writeTraceFile(path string, trace []train.TraceEntry) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := train.WriteTrace(f, trace); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// progress shows training as it goes: a bar redrawn in place on a
// terminal, one plain line per step otherwise (logs, pipes, CI).
type progress struct {
	w     io.Writer
	tty   bool
	total int
	start time.Time
	last  time.Time
}

func newProgress(w io.Writer, total int) *progress {
	return &progress{w: w, tty: isTerminal(w), total: total, start: time.Now()}
}

func (p *progress) update(step int, loss float32) {
	if !p.tty {
		fmt.Fprintf(p.w, "step %d/%d loss %.4f\n", step, p.total, loss)
		return
	}
	now := time.Now()
	if step < p.total && now.Sub(p.last) < 100*time.Millisecond {
		return // redraw ten times a second at most
	}
	p.last = now
	const width = 30
	filled := width * step / p.total
	rate := float64(step) / time.Since(p.start).Seconds()
	fmt.Fprintf(p.w, "\r[%s%s] %d/%d loss %.4f %.1f steps/s ",
		strings.Repeat("#", filled), strings.Repeat(".", width-filled), step, p.total, loss, rate)
}

func (p *progress) done() {
	if p.tty {
		fmt.Fprintln(p.w)
	}
}

// isTerminal reports whether w is a character device, such as a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
