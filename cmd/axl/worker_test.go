package main

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"

	apiclient "github.com/axl-market/axl/api/client"
	"github.com/axl-market/axl/api/wire"
	"github.com/axl-market/axl/market/postgres/pgtest"
	"github.com/axl-market/axl/market/referee/sandbox"
	"github.com/axl-market/axl/market/tether"
	"github.com/axl-market/axl/swarm/model"
	"github.com/axl-market/axl/swarm/ree"
	"github.com/axl-market/axl/swarm/worker"
)

// runAsAxl makes the test binary act as the axl command when the tests
// start it as a child process (axl worker, here): TestMain checks it. The
// referee's sandbox starts this executable as axl referee-game, with
// sandbox.ChildEnv set.
const runAsAxl = "AXL_TEST_RUN_AS_AXL"

// TestMain runs the tests by pgtest.Run, whose TMPDIR goes with the test
// binary, killed or not: the data dirs of axl serve and their clusters,
// the workers' dirs.
func TestMain(m *testing.M) {
	if os.Getenv(runAsAxl) == "1" || os.Getenv(sandbox.ChildEnv) == "1" {
		main() // os.Args[1:] are the axl command line
		os.Exit(0)
	}
	os.Exit(pgtest.Run(m))
}

// syncBuffer collects a child's output for the test to read as it grows.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// workerProc is an `axl worker` process.
type workerProc struct {
	name    string
	addr    string
	dataDir string
	cmd     *exec.Cmd
	log     *syncBuffer
	exited  chan error
}

// awaitDelivered waits up to 3 minutes (what says for what) until every
// one of procs delivered job id, failing the test at once (failed says
// what) if one of them failed it.
func awaitDelivered(t *testing.T, procs []*workerProc, id, what, failed string) {
	t.Helper()
	waitFor(t, 3*time.Minute, what, func() bool {
		n := 0
		for _, st := range jobStates(t, procs, id) {
			if st.Phase == worker.PhaseFailed {
				t.Fatalf("%s: %s", failed, st.Error)
			}
			if delivered(st) {
				n++
			}
		}
		return n == len(procs)
	})
}

// startWorker starts `axl worker` for key against base, as a child process.
func startWorker(t *testing.T, name, base string, key *ecdsa.PrivateKey, extra ...string) *workerProc {
	t.Helper()
	dir := t.TempDir()
	keyFile := filepath.Join(dir, "key.hex") // one hex key, as devnet.json gives it
	if err := os.WriteFile(keyFile, []byte(hex.EncodeToString(crypto.FromECDSA(key))+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	p := &workerProc{name: name, addr: crypto.PubkeyToAddress(key.PublicKey).Hex(), dataDir: filepath.Join(dir, "data"),
		log: &syncBuffer{}, exited: make(chan error, 1)}
	args := append([]string{"worker", "--api", base, "--key-file", keyFile, "--data-dir", p.dataDir,
		"--listen", "/ip4/127.0.0.1/tcp/0", "--threads", "1", "--poll-max", "500ms", "--peer-timeout", "30s"}, extra...)
	p.cmd = exec.Command(os.Args[0], args...)
	p.cmd.Env = append(os.Environ(), runAsAxl+"=1")
	p.cmd.Stdout, p.cmd.Stderr = p.log, p.log
	c, err := tether.Start(p.cmd, syscall.SIGKILL)
	if err != nil {
		t.Fatal(err)
	}
	go func() { p.exited <- c.Wait() }()
	t.Cleanup(func() {
		p.cmd.Process.Kill()
		<-p.exited
		if strings.Contains(p.log.String(), "WARNING: DATA RACE") {
			t.Errorf("%s: the race detector reported a race", p.name)
		}
		if t.Failed() {
			t.Logf("log of %s (%s):\n%s", p.name, p.addr, p.log.String())
		}
	})
	return p
}

// states reads the job states the worker keeps.
func (p *workerProc) states(t *testing.T) []worker.JobState {
	t.Helper()
	st, _ := worker.States(p.dataDir)
	return st
}

// waitFor polls cond every 100 ms until it holds, failing after d.
func waitFor(t *testing.T, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("after %s: still waiting for %s", d, what)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// swarmInputs uploads, as the buyer, a small model (swarm/model Init and
// Encode) and a small dataset.
func swarmInputs(t *testing.T, buyer *apiclient.Client) (wire.Artifact, wire.Artifact) {
	t.Helper()
	m, err := model.Init(model.Config{VocabSize: 256, MaxSeq: 32, Dim: 32, Layers: 1, Heads: 2, Eps: 1e-5}, 3)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := model.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	ma, err := buyer.UploadArtifact(ctx, "application/vnd.safetensors", b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Repeat("the worker trains the model. the buyer pays the swarm. a peer gossips with its partner. ", 60)
	da, err := buyer.UploadArtifact(ctx, "text/plain", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return ma, da
}

// buy quotes and signs a 2 workers × 2 replicas job of steps inner steps,
// an outer step every 4.
func buy(t *testing.T, buyer *apiclient.Client, m, d wire.Artifact, steps uint32) wire.Intent {
	t.Helper()
	req := wire.QuoteRequest{Token: "USDC", BaseModel: m.ID, Dataset: d.ID, Steps: steps,
		Workers: 2, Replicas: 2, Seed: "11", Hyperparameters: &wire.Hyperparameters{LearningRate: 0.003, BatchSize: 2, SeqLen: 32, InnerSteps: 4},
		MaxPrice: "100000000000", Deadline: time.Now().Add(24 * time.Hour).UTC().Format(time.RFC3339)}
	q, err := buyer.Quote(t.Context(), req)
	if err != nil {
		t.Fatal(err)
	}
	in, err := buyer.CreateIntent(t.Context(), req, q, "")
	if err != nil {
		t.Fatal(err)
	}
	return in
}

// tokenizedInputs uploads the inputs of a tokenized job: the tiny BPE
// tokenizer, prompt/completion JSONL and a model of its vocabulary, whose
// safetensors bytes it returns too.
func tokenizedInputs(t *testing.T, buyer *apiclient.Client) (tokenizer, data, base wire.Artifact, baseBytes []byte) {
	t.Helper()
	tok, err := os.ReadFile("../../swarm/tokenizer/testdata/tiny-tokenizer.json")
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	ta, err := buyer.UploadArtifact(ctx, "application/json", tok)
	if err != nil || ta.Kind != "tokenizer" {
		t.Fatalf("tokenizer upload: %+v %v", ta, err)
	}
	var jsonl strings.Builder
	for i := range 80 {
		fmt.Fprintf(&jsonl, `{"prompt":"what does the fox do %d?","completion":" the fox works %d"}`+"\n", i%5, i%5)
	}
	da, err := buyer.UploadArtifact(ctx, "application/jsonl", []byte(jsonl.String()))
	if err != nil {
		t.Fatal(err)
	}
	mw, err := model.Init(model.Config{VocabSize: 300, MaxSeq: 32, Dim: 32, Layers: 1, Heads: 2, Eps: 1e-5}, 3)
	if err != nil {
		t.Fatal(err)
	}
	var mb bytes.Buffer
	if err := model.Encode(&mb, mw); err != nil {
		t.Fatal(err)
	}
	ma, err := buyer.UploadArtifact(ctx, "application/vnd.safetensors", mb.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return ta, da, ma, mb.Bytes()
}

// bytesSent returns what each worker logged it sent to its peers in the
// run of job (noloco.Result.BytesSent), in the workers' order.
func bytesSent(t *testing.T, procs []*workerProc, job string) []int {
	t.Helper()
	var out []int
	for _, p := range procs {
		for _, line := range strings.Split(p.log.String(), "\n") {
			if !strings.Contains(line, `msg="run finished"`) || !strings.Contains(line, "job="+job) {
				continue
			}
			_, after, _ := strings.Cut(line, "bytes_sent=")
			n, err := strconv.Atoi(strings.TrimSpace(strings.SplitN(after, " ", 2)[0]))
			if err != nil {
				t.Fatalf("%s: no bytes_sent in %q", p.name, line)
			}
			out = append(out, n)
		}
	}
	return out
}

// jobStates returns each worker's state of the job, once all have one.
func jobStates(t *testing.T, procs []*workerProc, job string) map[*workerProc]worker.JobState {
	t.Helper()
	out := map[*workerProc]worker.JobState{}
	for _, p := range procs {
		for _, st := range p.states(t) {
			if st.JobID == job {
				out[p] = st
			}
		}
	}
	return out
}

// fallingValidation follows the buyer's event stream of intent id from
// its start to the fourth reveal, and returns each slot's validation
// losses in order, failing unless every progress event carries one and
// each slot's fall: from its first outer step to the delivered weights.
func fallingValidation(t *testing.T, buyer *apiclient.Client, id string) map[uint32][]float64 {
	t.Helper()
	kinds := map[string]int{}
	validation := map[uint32][]float64{} // by slot, in order
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	err := buyer.Events(ctx, id, 0, func(e apiclient.Event) error {
		kinds[e.Type]++
		if e.Type == "progress" {
			var p struct {
				Slot           uint32
				ValidationLoss *float64 `json:"validation_loss"`
			}
			if err := json.Unmarshal(e.Data, &p); err != nil || p.ValidationLoss == nil {
				t.Errorf("progress event %s: %v, want a validation loss", e.Data, err)
			} else {
				validation[p.Slot] = append(validation[p.Slot], *p.ValidationLoss)
			}
		}
		if kinds["revealed"] == 4 {
			return apiclient.ErrStop
		}
		return nil
	})
	if err != nil || kinds["progress"] < 4 {
		t.Errorf("events %v: %v, want four reveals and progress from each worker", kinds, err)
	}
	for slot := range uint32(4) {
		v := validation[slot]
		if len(v) < 2 || !(v[len(v)-1] < v[0]) || slices.ContainsFunc(v, func(x float64) bool { return !(x > 0) }) {
			t.Errorf("slot %d: validation losses %v on the event stream, want two at least, positive, falling", slot, v)
		}
	}
	t.Logf("validation losses on the event stream, by slot: %v", validation)
	return validation
}

// delivered holds once the run's outputs are kept: trained or beyond.
func delivered(st worker.JobState) bool {
	switch st.Phase {
	case worker.PhaseTrained, worker.PhaseUploaded, worker.PhaseCommitted, worker.PhaseRevealed, worker.PhaseDone:
		return true
	}
	return false
}

// TestWorkersEndToEnd runs `axl serve` on its embedded defaults and four
// `axl worker` processes (2 workers × 2 replicas), and a buyer's signed
// intent: the workers claim, stake, are assigned, train with NoLoCo over
// libp2p and deliver; the two replicas have the same trace root, rank by
// rank, and every worker the same weights. Then the workers stop on SIGINT
// leaving no temporary file; and in a second job a worker killed mid-run
// fails its partner's run with the reason, not a hang.
func TestWorkersEndToEnd(t *testing.T) {
	dataDir := serveDir(t)
	// The contract's shortest challenge window: the LoRA job is released
	// within the test.
	base, _ := startServe(t, serveConfig{addr: "127.0.0.1:0", dataDir: dataDir, maxArtifact: 16 << 20, quoteTTL: 10 * time.Minute,
		chainPoll: 100 * time.Millisecond, claimTTL: 10 * time.Minute, challengeWindow: time.Minute})
	info, err := devnetInfo(dataDir)
	if err != nil {
		t.Fatal(err)
	}
	var buyerKey *ecdsa.PrivateKey
	var workerKeys []*ecdsa.PrivateKey
	for _, a := range info.Accounts {
		k, err := crypto.HexToECDSA(strings.TrimPrefix(a.PrivateKey, "0x"))
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case a.Role == "agent" && buyerKey == nil:
			buyerKey = k
		case a.Role == "worker":
			workerKeys = append(workerKeys, k)
		}
	}
	if len(workerKeys) < 8 {
		t.Fatalf("devnet.json has %d worker accounts, want 8", len(workerKeys))
	}
	buyer := apiclient.New(base, buyerKey, apiclient.WithDeployment(deploymentOf(info.ChainID,
		info.Contracts.Escrow, info.Contracts.USDC, info.Contracts.AI)))
	m, d := swarmInputs(t, buyer)

	t.Run("replicas agree", func(t *testing.T) {
		start := time.Now()
		var procs []*workerProc
		for i := range 4 {
			procs = append(procs, startWorker(t, fmt.Sprintf("worker %d", i), base, workerKeys[i]))
		}
		in := buy(t, buyer, m, d, 16)
		awaitDelivered(t, procs, in.ID, "every worker to finish its run", "a worker failed the job")
		t.Logf("four workers trained and delivered in %s", time.Since(start).Round(time.Millisecond))
		sts := jobStates(t, procs, in.ID)
		roots := map[[2]uint32]string{}
		weights := map[string]bool{}
		for p, st := range sts {
			roots[[2]uint32{st.Replica, st.Rank}] = st.TraceRoot
			w, _ := filepath.Glob(filepath.Join(p.dataDir, "jobs", in.ID, "weights.safetensors"))
			if len(w) != 1 {
				t.Fatalf("%s kept no weights", p.name)
			}
			sum, err := sha256File(w[0])
			if err != nil {
				t.Fatal(err)
			}
			weights[sum] = true
			if !strings.Contains(p.log.String(), "progress") {
				t.Errorf("%s logged no progress", p.name)
			}
		}
		if len(roots) != 4 {
			t.Fatalf("placements %v, want (replica, rank) of 2 × 2", roots)
		}
		for rank := range uint32(2) {
			if a, b := roots[[2]uint32{0, rank}], roots[[2]uint32{1, rank}]; a != b || len(a) != 66 {
				t.Errorf("rank %d: the replicas' trace roots differ: %s and %s", rank, a, b)
			}
		}
		if roots[[2]uint32{0, 0}] == roots[[2]uint32{0, 1}] {
			t.Error("ranks 0 and 1 have the same trace root: did they train the same shard?")
		}
		if len(weights) != 1 {
			t.Errorf("the four workers hold %d different weights, want one", len(weights))
		}
		// The server's view: every slot revealed, the same roots and weights.
		for _, sl := range revealedSlots(t, buyer, in.ID) {
			if want := roots[[2]uint32{sl.Replica, sl.Rank}]; sl.TraceRoot != want || !sl.Committed {
				t.Errorf("slot %d (replica %d, rank %d): the server shows trace root %s, the worker kept %s", sl.Slot, sl.Replica, sl.Rank, sl.TraceRoot, want)
			}
			if !weights[sl.WeightsSHA256] {
				t.Errorf("slot %d: the server shows weights %s, the workers hold %v", sl.Slot, sl.WeightsSHA256, weights)
			}
			if sl.Progress == nil || sl.Progress.Step != 16 || sl.Progress.Loss <= 0 || sl.Progress.TokensPerSecond <= 0 {
				t.Errorf("slot %d: progress %+v, want step 16 with a loss and a rate", sl.Slot, sl.Progress)
			}
		}
		// The buyer saw the progress and the reveals on the event stream:
		// each slot's validation loss, at its outer steps and then of the
		// delivered weights, falls.
		validation := fallingValidation(t, buyer, in.ID)
		// Every slot delivers the same weights, so their final validation
		// losses agree to the bit, and the result shows that one.
		var result wire.IntentDetail
		waitFor(t, time.Minute, "the result on chain", func() bool {
			var err error
			if result, err = buyer.Intent(t.Context(), in.ID); err != nil {
				t.Fatal(err)
			}
			return result.Result != nil
		})
		final := validation[0][len(validation[0])-1]
		for _, sl := range result.Slots {
			if sl.Progress == nil || sl.Progress.ValidationLoss != final {
				t.Errorf("slot %d: final progress %+v, want the validation loss %v of slot 0", sl.Slot, sl.Progress, final)
			}
		}
		if vl := result.Result.ValidationLoss; vl == nil || *vl != final {
			t.Errorf("result %+v: want the final validation loss %v", result.Result, final)
		}

		// SIGINT: each worker stops cleanly, leaving no temporary file.
		for _, p := range procs {
			p.cmd.Process.Signal(syscall.SIGINT)
		}
		for _, p := range procs {
			select {
			case err := <-p.exited:
				p.exited <- err // for the cleanup
				if err != nil {
					t.Errorf("%s exited with %v after SIGINT", p.name, err)
				}
			case <-time.After(30 * time.Second):
				t.Fatalf("%s did not stop within 30 s of SIGINT", p.name)
			}
			filepath.Walk(p.dataDir, func(path string, fi os.FileInfo, err error) error {
				if err == nil && strings.HasPrefix(fi.Name(), ".tmp-") {
					t.Errorf("%s left a temporary file: %s", p.name, path)
				}
				return nil
			})
		}
	})

	t.Run("a tokenized job", func(t *testing.T) {
		// Prompt/completion JSONL tokenized by a byte-level BPE: every
		// worker builds the quoted stream, and the replicas agree.
		ctx := t.Context()
		ta, da, ma, _ := tokenizedInputs(t, buyer)
		var procs []*workerProc
		for i := range 4 {
			procs = append(procs, startWorker(t, fmt.Sprintf("worker %d (tokens)", i), base, workerKeys[i]))
		}
		req := wire.QuoteRequest{Token: "USDC", BaseModel: ma.ID, Dataset: da.ID, Tokenizer: ta.ID, Steps: 8,
			Workers: 2, Replicas: 2, Seed: "5", Hyperparameters: &wire.Hyperparameters{LearningRate: 0.003, BatchSize: 2, SeqLen: 16, InnerSteps: 4},
			MaxPrice: "100000000000", Deadline: time.Now().Add(24 * time.Hour).UTC().Format(time.RFC3339)}
		q, err := buyer.Quote(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		if q.Spec.Tokens == nil || q.Spec.DatasetFormat != "jsonl" || q.Spec.Tokenizer != ta.ID {
			t.Fatalf("the quoted spec %+v: want the tokenizer, the JSONL format and a token stream", q.Spec)
		}
		in, err := buyer.CreateIntent(ctx, req, q, "")
		if err != nil {
			t.Fatal(err)
		}
		awaitDelivered(t, procs, in.ID, "every worker to deliver the tokenized job", "a worker failed the tokenized job")
		roots := map[[2]uint32]string{}
		for _, st := range jobStates(t, procs, in.ID) {
			roots[[2]uint32{st.Replica, st.Rank}] = st.TraceRoot
		}
		fallingValidation(t, buyer, in.ID) // of the completions' tokens only
		t.Logf("a full fine-tune of the %d weights: %v bytes sent by each worker", 23_392, bytesSent(t, procs, in.ID))
		for rank := range uint32(2) {
			if a, b := roots[[2]uint32{0, rank}], roots[[2]uint32{1, rank}]; a != b || len(a) != 66 {
				t.Errorf("rank %d: the replicas' trace roots differ on the tokenized job: %s and %s", rank, a, b)
			}
		}
		for _, p := range procs {
			p.cmd.Process.Signal(syscall.SIGINT)
		}
	})
	t.Run("a LoRA job", func(t *testing.T) {
		// The tokenized job's inputs, fine-tuned by a LoRA of every module:
		// the replicas agree, the validation loss falls, the job is
		// released, and the buyer's weights are the base model merged with
		// the adapter each worker keeps in PEFT's format.
		ctx := t.Context()
		ta, da, ma, baseBytes := tokenizedInputs(t, buyer)
		var procs []*workerProc
		for i := range 4 {
			procs = append(procs, startWorker(t, fmt.Sprintf("worker %d (LoRA)", i), base, workerKeys[i]))
		}
		req := wire.QuoteRequest{Token: "USDC", BaseModel: ma.ID, Dataset: da.ID, Tokenizer: ta.ID, Steps: 8,
			Workers: 2, Replicas: 2, Seed: "6", Hyperparameters: &wire.Hyperparameters{LearningRate: 0.01, BatchSize: 2, SeqLen: 16, InnerSteps: 4},
			MaxPrice: "100000000000", Deadline: time.Now().Add(24 * time.Hour).UTC().Format(time.RFC3339),
			LoRASettings: wire.LoRASettings{Method: "lora", LoRAR: 4, LoRAAlpha: 8, LoRATargets: []string{"c_proj", "c_fc", "c_attn"}}}
		q, err := buyer.Quote(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		if s := q.Spec; s.Method != "lora" || s.LoRAR != 4 || s.LoRAAlpha != 8 || strings.Join(s.LoRATargets, ",") != "c_attn,c_fc,c_proj" {
			t.Fatalf("the quoted spec %+v: want LoRA r 4, alpha 8 on c_attn, c_fc and c_proj", s)
		}
		in, err := buyer.CreateIntent(ctx, req, q, "")
		if err != nil {
			t.Fatal(err)
		}
		awaitDelivered(t, procs, in.ID, "every worker to deliver the LoRA job", "a worker failed the LoRA job")
		roots := map[[2]uint32]string{}
		weights, adapters := map[string]bool{}, map[string]bool{}
		var adapterDir string
		for p, st := range jobStates(t, procs, in.ID) {
			roots[[2]uint32{st.Replica, st.Rank}] = st.TraceRoot
			for _, f := range []struct {
				path string
				seen map[string]bool
			}{{filepath.Join(p.dataDir, "jobs", in.ID, "weights.safetensors"), weights},
				{filepath.Join(p.dataDir, "jobs", in.ID, "adapter", model.AdapterWeightsFile), adapters}} {
				sum, err := sha256File(f.path)
				if err != nil {
					t.Fatalf("%s: %v", p.name, err)
				}
				f.seen[sum] = true
			}
			adapterDir = filepath.Join(p.dataDir, "jobs", in.ID, "adapter")
		}
		for rank := range uint32(2) {
			if a, b := roots[[2]uint32{0, rank}], roots[[2]uint32{1, rank}]; a != b || len(a) != 66 {
				t.Errorf("rank %d: the replicas' trace roots differ on the LoRA job: %s and %s", rank, a, b)
			}
		}
		if len(weights) != 1 || len(adapters) != 1 {
			t.Errorf("the four workers hold %d different merged weights and %d different adapters, want one of each", len(weights), len(adapters))
		}
		fallingValidation(t, buyer, in.ID)
		// NoLoCo's messages carry the adapter's 2,048 weights, not the
		// model's 23,392 (the tokenized job's above).
		t.Logf("a LoRA of every module: %v bytes sent by each worker", bytesSent(t, procs, in.ID))
		waitFor(t, 3*time.Minute, "the LoRA job released (after the challenge window)", func() bool {
			d, err := buyer.Intent(ctx, in.ID)
			if err != nil {
				t.Fatal(err)
			}
			return d.State == "released"
		})
		out := filepath.Join(t.TempDir(), "weights.safetensors")
		sum, err := buyer.Weights(ctx, in.ID, out)
		if err != nil || !weights[sum] {
			t.Fatalf("the buyer's weights %s (%v): want the workers' %v", sum, err, weights)
		}
		got, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		// The delivered weights load by Hugging Face's names, and are the
		// base merged with the adapter: Merge reproduces them bit for bit.
		st, err := model.ReadSafetensors(got)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, x := range st.Tensors {
			names = append(names, x.Name)
		}
		for _, want := range []string{"wte.weight", "h.0.attn.c_attn.weight", "h.0.mlp.c_fc.weight", "ln_f.weight"} {
			if !slices.ContainsFunc(names, func(n string) bool { return strings.TrimPrefix(n, "transformer.") == want }) {
				t.Errorf("the delivered weights have no %s (Hugging Face's GPT-2 name): %v", want, names)
			}
		}
		baseModel, err := model.Parse(baseBytes)
		if err != nil {
			t.Fatal(err)
		}
		ad, err := model.LoadAdapter(adapterDir, baseModel.Config)
		if err != nil {
			t.Fatal(err)
		}
		rawAdapter, err := os.ReadFile(filepath.Join(adapterDir, model.AdapterWeightsFile))
		if err != nil {
			t.Fatal(err)
		}
		ast, err := model.ReadSafetensors(rawAdapter)
		if err != nil {
			t.Fatal(err)
		}
		if len(ast.Tensors) != 8 || !slices.ContainsFunc(ast.Tensors, func(x *model.Tensor) bool {
			return x.Name == "base_model.model.transformer.h.0.attn.c_attn.lora_A.weight" && slices.Equal(x.Shape, []int{4, 32})
		}) {
			t.Errorf("the adapter's tensors are not PEFT's: %d of them", len(ast.Tensors))
		}
		merged, err := ad.Merge(ree.NewPool(1), baseModel)
		if err != nil {
			t.Fatal(err)
		}
		var mb bytes.Buffer
		if err := model.Encode(&mb, merged); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(mb.Bytes(), got) {
			t.Error("the base model merged with the kept adapter is not the delivered weights")
		}
		if bytes.Equal(baseBytes, got) {
			t.Error("the LoRA job delivered the base model unchanged")
		}
		for _, p := range procs {
			p.cmd.Process.Signal(syscall.SIGINT)
		}
	})
	t.Run("peer killed", func(t *testing.T) {
		var procs []*workerProc
		for i := range 4 {
			procs = append(procs, startWorker(t, fmt.Sprintf("worker %d", 4+i), base, workerKeys[4+i]))
		}
		in := buy(t, buyer, m, d, 4000)
		waitFor(t, 3*time.Minute, "every worker training", func() bool {
			for _, p := range procs {
				if !strings.Contains(p.log.String(), "progress") {
					return false
				}
			}
			return true
		})
		victim := procs[0]
		sts := jobStates(t, procs, in.ID)
		vs := sts[victim]
		if err := victim.cmd.Process.Kill(); err != nil {
			t.Fatal(err)
		}
		var partner *workerProc
		for p, st := range sts {
			if p != victim && st.Replica == vs.Replica {
				partner = p
			}
		}
		if partner == nil {
			t.Fatalf("no partner of %s (replica %d) among %v", victim.name, vs.Replica, sts)
		}
		killed := time.Now()
		// The partner's run breaks: it shows its part, committing to its
		// trace up to the failure (a partial reveal follows once the commit
		// phase is over), instead of failing unseen and being slashed.
		const broke = "a peer broke the run"
		waitFor(t, 45*time.Second, partner.name+" to report the broken run", func() bool {
			return strings.Contains(partner.log.String(), broke)
		})
		t.Logf("%s reported the broken run %s after the kill", partner.name, time.Since(killed).Round(time.Millisecond))
		line := ""
		for _, l := range strings.Split(partner.log.String(), "\n") {
			if strings.Contains(l, broke) {
				line = l
			}
		}
		want := fmt.Sprintf("peer rank %d", vs.Rank)
		if !strings.Contains(line, want) {
			t.Errorf("the report %q does not name %s", line, want)
		}
		waitFor(t, 30*time.Second, partner.name+" to commit to its partial trace", func() bool {
			st := jobStates(t, []*workerProc{partner}, in.ID)[partner]
			return st.Phase == worker.PhaseCommitted && strings.Contains(st.Broken, want) && st.Weights == "" && st.Leaves > 0
		})
		select {
		case err := <-partner.exited:
			t.Fatalf("the partner exited: %v", err)
		default:
		}
	})
}

// revealedSlots waits until GET /intents/{id} shows every slot revealed,
// and returns the slots.
func revealedSlots(t *testing.T, buyer *apiclient.Client, id string) []wire.SlotReport {
	t.Helper()
	var in wire.IntentDetail
	waitFor(t, time.Minute, "the server to show every slot revealed", func() bool {
		var err error
		if in, err = buyer.Intent(t.Context(), id); err != nil {
			t.Fatal(err)
		}
		for _, s := range in.Slots {
			if s.TraceRoot == "" {
				return false
			}
		}
		return len(in.Slots) == 4
	})
	t.Logf("intent %s is %s; result %+v", id, in.State, in.Result)
	return in.Slots
}

func sha256File(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%x", sha256.Sum256(b)), nil
}
