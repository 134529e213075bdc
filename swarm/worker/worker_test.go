package worker

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"math/big"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/axl-market/axl/api/wire"
	"github.com/axl-market/axl/swarm/jobplan"
	"github.com/axl-market/axl/swarm/model"
	"github.com/axl-market/axl/swarm/noloco"
	"github.com/axl-market/axl/swarm/ree"
	"github.com/axl-market/axl/swarm/train"
	"github.com/axl-market/axl/swarm/verde"
)

// fakeAPI answers the worker's calls from a script, and records them. The
// real server is exercised by the end-to-end test in cmd/axl; this one
// drives the worker into the corners (refusals, waits, give-ups).
type fakeAPI struct {
	mu       sync.Mutex
	calls    []string                   // "METHOD path"
	jobs     []wire.Job                 // GET /jobs
	claims   map[string][]int           // job → statuses of successive claims (201 when exhausted)
	assigns  []int                      // statuses of successive GET assignment (200 when exhausted)
	progress []wire.ProgressRequest     // POST progress bodies
	bodies   map[string]json.RawMessage // last body per path
	queries  map[string]url.Values      // last query per path
	// assignment is GET assignment's answer once the statuses are exhausted.
	assignment *wire.Assignment
	reveals    []int                      // statuses of successive reveals (200 when exhausted)
	questions  []wire.Challenge           // open until answered
	answers    map[string]json.RawMessage // by challenge id
}

func (f *fakeAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, r.Method+" "+r.URL.Path)
	if f.queries == nil {
		f.queries = map[string]url.Values{}
	}
	f.queries[r.URL.Path] = r.URL.Query()
	var body json.RawMessage
	json.NewDecoder(r.Body).Decode(&body)
	if f.bodies == nil {
		f.bodies = map[string]json.RawMessage{}
	}
	f.bodies[r.URL.Path] = body
	problem := func(status int, detail string) {
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(status)
		json.NewEncoder(w).Encode(wire.Problem{Type: wire.ProblemTypeBase + "x", Status: status, Detail: detail})
	}
	reply := func(status int, v any) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		json.NewEncoder(w).Encode(v)
	}
	parts := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	switch {
	case r.URL.Path == "/workers":
		reply(200, wire.Worker{})
	case r.URL.Path == "/jobs":
		reply(200, wire.JobList{Data: f.jobs})
	case len(parts) == 3 && parts[2] == "claims":
		if st := f.claims[parts[1]]; len(st) > 0 {
			f.claims[parts[1]] = st[1:]
			problem(st[0], fmt.Sprintf("claim refused (%d)", st[0]))
			return
		}
		reply(201, wire.Claim{ClaimID: "c_1", Slot: 1, ExpiresAt: time.Now().Add(time.Hour).UTC().Format(time.RFC3339)})
	case len(parts) == 3 && parts[2] == "assignment":
		if len(f.assigns) > 0 {
			st := f.assigns[0]
			f.assigns = f.assigns[1:]
			problem(st, map[int]string{404: "the signer has no staked slot", 409: "not assigned yet (1 of 2 slots staked)"}[st])
			return
		}
		if f.assignment != nil {
			reply(200, f.assignment)
			return
		}
		reply(200, wire.Assignment{JobID: parts[1], Replica: 1, Rank: 0, Workers: 2, Replicas: 2})
	case len(parts) == 3 && parts[2] == "commit":
		reply(200, wire.Commitments{Committed: 1, Slots: 2})
	case len(parts) == 3 && parts[2] == "reveal":
		if len(f.reveals) > 0 {
			st := f.reveals[0]
			f.reveals = f.reveals[1:]
			problem(st, "1 of 2 slots committed")
			return
		}
		reply(200, wire.SlotReport{})
	case len(parts) == 3 && parts[2] == "challenges" && r.Method == "GET":
		if f.answers != nil && len(f.answers) == len(f.questions) {
			reply(200, wire.ChallengeList{Challenges: []wire.Challenge{}, Final: true}) // ends the worker's loop
			return
		}
		var open []wire.Challenge
		for _, q := range f.questions {
			if _, ok := f.answers[q.ID]; !ok {
				open = append(open, q)
			}
		}
		reply(200, wire.ChallengeList{Challenges: open})
	case len(parts) == 4 && parts[2] == "challenges":
		if f.answers == nil {
			f.answers = map[string]json.RawMessage{}
		}
		var a struct{ Answer json.RawMessage }
		json.Unmarshal(body, &a)
		f.answers[parts[3]] = a.Answer
		w.WriteHeader(204)
	case len(parts) == 3 && parts[2] == "progress":
		var p wire.ProgressRequest
		json.Unmarshal(body, &p)
		f.progress = append(f.progress, p)
		w.WriteHeader(204)
	default:
		problem(404, "no route "+r.Method+" "+r.URL.Path)
	}
}

// query is the query of the last call to path.
func (f *fakeAPI) query(path string) url.Values {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.queries[path]
}

func (f *fakeAPI) count(call string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, c := range f.calls {
		if c == call {
			n++
		}
	}
	return n
}

// logBuffer is a slog destination the test reads.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func newTestWorker(t *testing.T, f *fakeAPI, cfg Config) (*Worker, *logBuffer) {
	t.Helper()
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	key, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	logs := &logBuffer{}
	cfg.API, cfg.Key, cfg.Logger = srv.URL, key, slog.New(slog.NewTextHandler(logs, nil))
	if cfg.DataDir == "" {
		cfg.DataDir = t.TempDir()
	}
	cfg.PollMin, cfg.PollMax, cfg.Listen = time.Millisecond, 5*time.Millisecond, []string{"/ip4/127.0.0.1/tcp/0"}
	w, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	h, err := w.startHost()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	w.host = h
	return w, logs
}

// TestFindJob: a job paying too little, of a model too large or of a slot
// needing more memory than the worker has, is not claimed; a refused claim
// is not tried again for a while; a 403 registers the worker again.
func TestFindJob(t *testing.T) {
	t.Parallel()
	f := &fakeAPI{
		jobs: []wire.Job{{ID: "0xa", PayPerSlot: "5", FreeSlots: 1, Steps: 8}, {ID: "0xb", PayPerSlot: "20", FreeSlots: 1, Steps: 8},
			{ID: "0xbig", PayPerSlot: "50", FreeSlots: 1, Steps: 8, ModelSize: 1 << 30}, {ID: "0xnot", PayPerSlot: "50", FreeSlots: 1, Steps: 8},
			{ID: "0xhungry", PayPerSlot: "50", FreeSlots: 1, Steps: 8, SlotMemory: 3<<30 + 1},
			{ID: "0xc", PayPerSlot: "30", FreeSlots: 1, Steps: 8}},
		claims: map[string][]int{"0xb": {409, 409, 409}, "0xc": {403}},
	}
	w, logs := newTestWorker(t, f, Config{MinPay: big.NewInt(10), MaxModelSize: 1 << 20, MaxJobMemory: 3 << 30,
		Accept: func(j wire.Job) bool { return j.ID != "0xnot" }})
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	j, cl, ok := w.findJob(ctx)
	if !ok || j.ID != "0xc" || cl.ClaimID != "c_1" {
		t.Fatalf("found %+v %+v %v", j, cl, ok)
	}
	if n := f.count("POST /jobs/0xa/claims"); n != 0 {
		t.Errorf("the job paying 5 < 10 was claimed %d times", n)
	}
	if n := f.count("POST /jobs/0xbig/claims") + f.count("POST /jobs/0xnot/claims") + f.count("POST /jobs/0xhungry/claims"); n != 0 {
		t.Errorf("a job of a model too large, of a slot beyond the memory, or not accepted, was claimed %d times", n)
	}
	if q := f.query("/jobs"); q.Get("max_memory") != "3221225472" || q.Get("max_model_size") != "1048576" {
		t.Errorf("GET /jobs?%s does not ask the server for the worker's limits", q.Encode())
	}
	if n := f.count("POST /jobs/0xb/claims"); n != 1 {
		t.Errorf("the refused job was claimed %d times, want once (then skipped)", n)
	}
	if n := f.count("POST /workers"); n != 1 {
		t.Errorf("%d registrations after a 403, want 1", n)
	}
	if !strings.Contains(logs.String(), "claim refused: not trying this job again") || !strings.Contains(logs.String(), "claim refused (409)") {
		t.Errorf("the log does not say why it waits:\n%s", logs)
	}
}

// TestAwaitAssignment: the worker waits through 404 (stake not on chain)
// and 409 (not assigned), saying why; it gives up once the claim expired
// without the stake confirmed.
func TestAwaitAssignment(t *testing.T) {
	t.Parallel()
	f := &fakeAPI{assigns: []int{404, 404, 409, 409}}
	w, logs := newTestWorker(t, f, Config{})
	st := &JobState{JobID: "0xd", Claim: wire.Claim{ExpiresAt: time.Now().Add(time.Hour).UTC().Format(time.RFC3339)}}
	a, err := w.awaitAssignment(t.Context(), w.log, st)
	if err != nil || a.JobID != "0xd" || a.Replica != 1 {
		t.Fatalf("assignment %+v %v", a, err)
	}
	for _, want := range []string{"the stake is not confirmed on chain yet", "not assigned yet (1 of 2 slots staked)"} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("the log does not say %q:\n%s", want, logs)
		}
	}

	f.assigns = []int{404, 404, 404, 404, 404, 404, 404, 404}
	st.Claim.ExpiresAt = time.Now().Add(-2 * time.Minute).UTC().Format(time.RFC3339)
	if _, err := w.awaitAssignment(t.Context(), w.log, st); err == nil || !strings.Contains(err.Error(), "claim expired") {
		t.Fatalf("a stake never confirmed: %v", err)
	}
}

// TestIdentityPersists: the libp2p identity is kept under the data dir
// (0600) and is the same on the next start.
func TestIdentityPersists(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	a, _ := newTestWorker(t, &fakeAPI{}, Config{DataDir: dir})
	b, _ := newTestWorker(t, &fakeAPI{}, Config{DataDir: dir})
	if a.host.ID() != b.host.ID() {
		t.Fatalf("peer id %s, then %s", a.host.ID(), b.host.ID())
	}
	fi, err := os.Stat(filepath.Join(dir, "p2p.key"))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("p2p.key: %v %v", fi, err)
	}
}

// TestReporter: wrapped around a replica's transport, the reporter posts
// the step, loss and rate at each outer step and at the final average,
// read without a race while the run waits for its exchange.
func TestReporter(t *testing.T) {
	t.Parallel()
	f := &fakeAPI{}
	w, _ := newTestWorker(t, f, Config{})
	net, err := noloco.NewMemNetwork("job", 0, 2)
	if err != nil {
		t.Fatal(err)
	}
	cfg := model.Config{VocabSize: 256, MaxSeq: 16, Dim: 16, Layers: 1, Heads: 2, Eps: 1e-5}
	data, tail := train.NewDataset([]byte(strings.Repeat("the worker reports its progress. ", 100))).Split(2, 8)
	val, err := train.NewValidation(tail, 2, 8)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make([]error, 2)
	var final float32 // rank 0's validation loss after the run
	for rank := range 2 {
		m, err := model.Init(cfg, 1)
		if err != nil {
			t.Fatal(err)
		}
		h := train.DefaultHyper(8, 8)
		h.Batch, h.Shard, h.Shards = 2, rank, 2
		tr, err := train.New(m, data, h, ree.NewPool(1))
		if err != nil {
			t.Fatal(err)
		}
		outer := noloco.DefaultParams()
		outer.H = 4
		wg.Go(func() {
			tp := noloco.Transport(net.Transport(rank))
			var rep *reporter
			if rank == 0 {
				rep = w.newReporter(t.Context(), w.log, "0xe", tr, val, tp)
				tp = rep
			}
			_, errs[rank] = noloco.Run(t.Context(), noloco.Config{Job: "job", Rank: rank, Workers: 2, Outer: outer, Seed: 1}, tr, tp)
			if rep != nil {
				rep.stop(errs[rank] == nil)
				final, _ = tr.ValidationLoss(val)
			}
		})
	}
	wg.Wait()
	if errs[0] != nil || errs[1] != nil {
		t.Fatal(errs)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	var steps []uint32
	for _, p := range f.progress {
		steps = append(steps, p.Step)
		if p.Loss <= 0 || p.ValidationLoss <= 0 || p.TokensPerSecond <= 0 || p.Loss == p.ValidationLoss {
			t.Errorf("progress %+v: want a loss, a validation loss and a rate", p)
		}
	}
	// The reports may coalesce (only the newest waits), but the last is the
	// end: the validation loss of the weights the run delivers.
	if len(steps) == 0 || steps[len(steps)-1] != 8 {
		t.Fatalf("progress at steps %v, want the last at 8", steps)
	}
	first, last := f.progress[0], f.progress[len(f.progress)-1]
	if last.ValidationLoss != float64(final) || len(f.progress) > 1 && !(last.ValidationLoss < first.ValidationLoss) {
		t.Fatalf("validation losses %v at first, %v at last: want the last to be the delivered weights' %v, and lower", first.ValidationLoss,
			last.ValidationLoss, final)
	}
}

// inputs writes a small model's and a dataset's bytes into the worker's
// artifact cache and returns them with their artifact references.
func inputs(t *testing.T, w *Worker) (base, data []byte, refs [2]wire.ArtifactRef) {
	t.Helper()
	m, err := model.Init(model.Config{VocabSize: 256, MaxSeq: 16, Dim: 16, Layers: 1, Heads: 2, Eps: 1e-5}, 2)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := model.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	base, data = b.Bytes(), []byte(strings.Repeat("a referee asks, the prover answers. ", 80))
	for i, raw := range [][]byte{base, data} {
		sum := sha256.Sum256(raw)
		h := hex.EncodeToString(sum[:])
		if err := os.WriteFile(filepath.Join(w.cfg.DataDir, "artifacts", h), raw, 0o600); err != nil {
			t.Fatal(err)
		}
		refs[i] = wire.ArtifactRef{ID: "sha256:" + h, SHA256: h}
	}
	return base, data, refs
}

// TestAnswersChallengesFromTheArchive: after a run archived by the worker,
// the referee's question is answered by verde.Prover over that archive,
// consistently with the committed trace.
func TestAnswersChallengesFromTheArchive(t *testing.T) {
	t.Parallel()
	f := &fakeAPI{}
	w, logs := newTestWorker(t, f, Config{Threads: 1})
	base, data, refs := inputs(t, w)
	const jobID = "0x" + "ab" + "00000000000000000000000000000000000000000000000000000000000000"
	a := wire.Assignment{JobID: jobID, Rank: 0, Workers: 2, Replicas: 1, BaseModel: refs[0], Dataset: refs[1], Steps: 8, Seed: "5",
		Hyperparameters: wire.Hyperparameters{LearningRate: 0.003, WeightDecay: 0.1, BatchSize: 2, SeqLen: 8, InnerSteps: 4}}
	f.assignment = &a
	spec, err := specOf(a)
	if err != nil {
		t.Fatal(err)
	}
	plan := jobplan.FromSpec(spec)
	net, err := noloco.NewMemNetwork(jobID, 0, 2)
	if err != nil {
		t.Fatal(err)
	}
	traces := make([][]noloco.TraceEntry, 2)
	var wg sync.WaitGroup
	for rank := range 2 {
		tr, err := plan.Trainer(base, train.NewDataset(data), rank, ree.NewPool(1))
		if err != nil {
			t.Fatal(err)
		}
		cfg := plan.NoLoCo(jobID, 0, rank)
		if rank == 0 {
			cfg.ArchiveDir = w.archiveDir(jobID)
		}
		wg.Go(func() {
			res, err := noloco.Run(t.Context(), cfg, tr, net.Transport(rank))
			if err != nil {
				t.Error(err)
				return
			}
			traces[rank] = res.Trace
		})
	}
	wg.Wait()
	if t.Failed() {
		return
	}
	tree, err := verde.TraceTree(traces[0])
	if err != nil {
		t.Fatal(err)
	}
	root := tree.Root()
	n := tree.Len()
	args, _ := json.Marshal(verde.RangeArgs{Lo: 0, Hi: n})
	f.questions = []wire.Challenge{{ID: "17", Kind: verde.AskTraceChildren, Args: json.RawMessage(args), Deadline: time.Now().Add(time.Minute).Format(time.RFC3339)}}
	st := &JobState{JobID: jobID, Phase: PhaseRevealed, TraceRoot: hex0x(root[:]), Deadline: time.Now().Add(time.Hour).UTC().Format(time.RFC3339)}
	w.answerChallenges(t.Context(), w.log, st)

	var got verde.Children
	if err := json.Unmarshal(f.answers["17"], &got); err != nil {
		t.Fatalf("answer %s: %v\n%s", f.answers["17"], err, logs)
	}
	mid := verde.Split(0, n)
	left, _ := tree.Node(0, mid)
	right, _ := tree.Node(mid, n)
	if got.Left != left || got.Right != right || verde.NodeHash(got.Left, got.Right) != root {
		t.Fatalf("children %+v, want %s and %s under the root %s", got, left, right, root)
	}
	if st.Phase != PhaseDone {
		t.Errorf("phase %s once the server said the job is final", st.Phase)
	}
	if _, err := os.Stat(w.archiveDir(jobID)); !os.IsNotExist(err) {
		t.Errorf("the archive of a final job is still there: %v", err)
	}
}

// TestResumeDelivery: a worker restarted after uploading its weights
// commits (with the commitment of verde.Commitment), waits out the 409 of
// the reveal, reveals, and listens for challenges.
func TestResumeDelivery(t *testing.T) {
	t.Parallel()
	f := &fakeAPI{reveals: []int{409, 409}, answers: map[string]json.RawMessage{}}
	w, logs := newTestWorker(t, f, Config{})
	const jobID = "0x" + "cd" + "00000000000000000000000000000000000000000000000000000000000000"
	root, salt := [32]byte{1}, [32]byte{2}
	w.save(&JobState{JobID: jobID, Phase: PhaseUploaded, TraceRoot: hex0x(root[:]), Salt: hex0x(salt[:]), Leaves: 21,
		Weights: "sha256:" + strings.Repeat("ee", 32), Deadline: time.Now().Add(time.Hour).UTC().Format(time.RFC3339)})
	w.save(&JobState{JobID: "0xdone", Phase: PhaseDone})
	w.resume(t.Context())
	w.wg.Wait()

	job, _ := hex.DecodeString(jobID[2:])
	want := verde.Commitment([32]byte(job), w.api.Address(), root, salt)
	var c wire.CommitRequest
	json.Unmarshal(f.bodies["/jobs/"+jobID+"/commit"], &c)
	if c.Commitment != hex0x(want[:]) {
		t.Fatalf("commitment %s, want %s", c.Commitment, hex0x(want[:]))
	}
	var r wire.RevealRequest
	json.Unmarshal(f.bodies["/jobs/"+jobID+"/reveal"], &r)
	if r.TraceRoot != hex0x(root[:]) || r.Salt != hex0x(salt[:]) || r.Leaves != 21 || f.count("POST /jobs/"+jobID+"/reveal") != 3 {
		t.Fatalf("reveal %+v after %d tries", r, f.count("POST /jobs/"+jobID+"/reveal"))
	}
	if f.count("POST /jobs/0xdone/commit") != 0 {
		t.Error("a finished job was resumed")
	}
	states, _ := States(w.cfg.DataDir)
	for _, st := range states {
		if st.JobID == jobID && st.Phase != PhaseDone {
			t.Errorf("phase %s, want done", st.Phase)
		}
	}
	if !strings.Contains(logs.String(), "waiting to reveal: 1 of 2 slots committed") {
		t.Errorf("the log does not say why it waits:\n%s", logs)
	}
}

// TestCheats: a copier posts the commitment its hook returns; a silent
// worker leaves the referee's questions unanswered.
func TestCheats(t *testing.T) {
	t.Parallel()
	f := &fakeAPI{questions: []wire.Challenge{{ID: "5", Kind: verde.AskTraceLeaf, Args: json.RawMessage(`{"index":0}`)}}}
	copied := "0x" + strings.Repeat("77", 32)
	w, logs := newTestWorker(t, f, Config{IgnoreReferee: true,
		Commitment: func(ctx context.Context, jobID, own string) (string, error) { return copied, nil }})
	const jobID = "0x" + "ef" + "00000000000000000000000000000000000000000000000000000000000000"
	st := &JobState{JobID: jobID, Phase: PhaseUploaded, TraceRoot: hex0x(make([]byte, 32)), Salt: hex0x(make([]byte, 32)), Leaves: 3,
		Weights: "sha256:" + strings.Repeat("ee", 32), Deadline: time.Now().Add(time.Hour).UTC().Format(time.RFC3339)}
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Second)
	defer cancel()
	w.deliver(ctx, w.log, st)
	w.wg.Wait() // the challenge loop ends with ctx
	var c wire.CommitRequest
	f.mu.Lock()
	json.Unmarshal(f.bodies["/jobs/"+jobID+"/commit"], &c)
	answered := len(f.answers)
	f.mu.Unlock()
	if c.Commitment != copied {
		t.Errorf("posted %s, want the copied %s", c.Commitment, copied)
	}
	if answered != 0 || !strings.Contains(logs.String(), "a challenge left unanswered on purpose") {
		t.Errorf("the silent worker answered %d questions:\n%s", answered, logs)
	}
}
