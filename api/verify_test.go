package api_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/axl-market/axl/api"
	"github.com/axl-market/axl/api/wire"
	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/swarm/jobplan"
	gpt2 "github.com/axl-market/axl/swarm/model"
	"github.com/axl-market/axl/swarm/noloco"
	"github.com/axl-market/axl/swarm/verde"
)

// delivery is what the worker of slot (placed by assignSeed in a 2 × 2
// job) reveals when it delivers weights: a trace of the job's layout for
// its place, its leaves hashed from tag, its last leaf the weights'.
type delivery struct {
	root   market.Hash
	leaves int
	proof  []string
}

func (e *env) delivery(id market.Hash, slot int, weights []byte, tag byte) delivery {
	e.t.Helper()
	in, err := e.store.IntentByID(e.t.Context(), id)
	if err != nil {
		e.t.Fatal(err)
	}
	plan := jobplan.FromSpec(in.Spec)
	place := market.Place(assignSeed, 2, 2)[slot]
	trace := noloco.Layout(plan.NoLoCo(id.String(), int(place.Replica), int(place.Rank)), plan.Steps)
	for i := range trace {
		trace[i].Hash = gpt2.Hash{tag, byte(i), byte(i >> 8)}
	}
	m, err := gpt2.Parse(weights)
	if err != nil {
		e.t.Fatal(err)
	}
	trace[len(trace)-1] = verde.FinalEntry(plan.Steps, m)
	tree, err := verde.TraceTree(trace)
	if err != nil {
		e.t.Fatal(err)
	}
	proof, err := tree.Proof(tree.Len() - 1)
	if err != nil {
		e.t.Fatal(err)
	}
	d := delivery{root: market.Hash(tree.Root()), leaves: tree.Len()}
	for _, h := range proof {
		d.proof = append(d.proof, market.Hash(h).String())
	}
	return d
}

// assignSeed is the seed of the Assigned event of runningJob.
var assignSeed = market.Hash{0x5e, 0xed}

// stakedJob is a funded intent of buyer whose four slots (2 workers × 2
// replicas) the chain says are staked, slot i by workers[i].
func (e *env) stakedJob(buyer account) (wire.Quote, market.Hash, []account) {
	e.t.Helper()
	q, id := e.fundedIntent(buyer)
	workers := make([]account, 4)
	var staked []market.ChainEvent
	for i := range workers {
		workers[i] = newAccount(e.t)
		staked = append(staked, chainEvent("Staked", map[string]any{"slot": i, "worker": workers[i].addr.String(), "amount": "1"}))
	}
	e.chainSays(id, staked...)
	return q, id, workers
}

// assign has the chain assign the job with assignSeed.
func (e *env) assign(id market.Hash) {
	e.t.Helper()
	e.chainSays(id, chainEvent("Assigned", map[string]any{"seed": assignSeed.String(), "workers_hash": market.Hash{}.String()}))
}

// runningJob is stakedJob, assigned.
func (e *env) runningJob(buyer account) (wire.Quote, market.Hash, []account) {
	e.t.Helper()
	q, id, workers := e.stakedJob(buyer)
	e.assign(id)
	return q, id, workers
}

// commitmentOf is the contract's formula, written here independently of
// the server: sha256("axl-verde-commit/1" ‖ job ‖ worker ‖ root ‖ salt).
func commitmentOf(job market.Hash, worker market.Address, root, salt market.Hash) market.Hash {
	var b []byte
	b = append(b, "axl-verde-commit/1"...)
	b = append(b, job[:]...)
	b = append(b, worker[:]...)
	b = append(b, root[:]...)
	b = append(b, salt[:]...)
	return sha256.Sum256(b)
}

func (e *env) post(a account, path string, body any) resp {
	e.t.Helper()
	return e.do(req{method: "POST", path: path, as: &a, body: mustJSON(e.t, body)})
}

func (e *env) intentDetail(buyer account, id string) wire.IntentDetail {
	e.t.Helper()
	var in wire.IntentDetail
	if r := e.do(req{method: "GET", path: "/intents/" + id, as: &buyer}); r.status != 200 {
		e.t.Fatalf("intent: %d %s", r.status, r.body)
	} else {
		r.json(e.t, &in)
	}
	return in
}

func TestProgress(t *testing.T) {
	t.Parallel()
	e := newEnv(t, api.Config{HeartbeatInterval: time.Minute})
	buyer, outsider := newAccount(t), newAccount(t)
	q, id, workers := e.stakedJob(buyer)
	path := "/jobs/" + q.IntentID + "/progress"
	good := map[string]any{"step": 40, "loss": 2.31, "validation_loss": 2.45, "tokens_per_second": 8400.5}
	contains(t, e.post(workers[0], path, good).problem(t, 409, market.KindConflict).Detail, "not running")
	e.assign(id)

	br, done := e.stream(buyer, q.IntentID, "")
	defer done()
	invalid := map[string]string{"X-Test-Invalid": "1"}
	tests := []struct {
		name   string
		as     account
		path   string
		body   any
		header map[string]string
		status int
		kind   market.Kind
		detail string
	}{
		{"beyond the steps", workers[0], path, map[string]any{"step": 101, "loss": 1, "tokens_per_second": 1}, nil, 400, market.KindInvalid, "beyond the job's 100 steps"},
		{"negative loss", workers[0], path, map[string]any{"step": 1, "loss": -0.5, "tokens_per_second": 1}, nil, 400, market.KindInvalid, "loss"},
		{"negative validation loss", workers[0], path, map[string]any{"step": 1, "loss": 1, "validation_loss": -1, "tokens_per_second": 1}, nil, 400, market.KindInvalid, "validation_loss"},
		// JSON has no NaN or Inf: the nearest a client comes is a number beyond float64.
		{"infinite validation loss", workers[0], path, []byte(`{"step": 1, "loss": 1, "validation_loss": 1e999, "tokens_per_second": 1}`), invalid, 400, market.KindInvalid, "validation_loss"},
		{"NaN validation loss", workers[0], path, []byte(`{"step": 1, "loss": 1, "validation_loss": NaN, "tokens_per_second": 1}`), invalid, 400, market.KindInvalid, ""},
		{"negative throughput", workers[0], path, map[string]any{"step": 1, "loss": 1, "tokens_per_second": -1}, nil, 400, market.KindInvalid, "tokens_per_second"},
		{"unknown member", workers[0], path, map[string]any{"step": 1, "epoch": 2}, invalid, 400, market.KindInvalid, "epoch"},
		{"not a worker of the job", outsider, path, good, nil, 404, market.KindNotFound, "no confirmed slot"},
		{"unknown job", workers[0], "/jobs/" + market.Hash{1}.String() + "/progress", good, nil, 404, market.KindNotFound, "not found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body, raw := tt.body.([]byte) // not JSON a marshaller writes
			if !raw {
				body = mustJSON(t, tt.body)
			}
			r := e.do(req{method: "POST", path: tt.path, as: &tt.as, body: body, header: tt.header})
			contains(t, r.problem(t, tt.status, tt.kind).Detail, tt.detail)
		})
	}
	if r := e.post(workers[2], path, good); r.status != 204 || len(r.body) != 0 {
		t.Fatalf("progress: %d %s", r.status, r.body)
	}
	at := e.clock.Now().UTC().Format(time.RFC3339Nano)
	// The buyer sees it on the event stream.
	place := market.Place(assignSeed, 2, 2)
	for {
		ev := nextEvent(t, br)
		if !strings.Contains(ev, "event: progress") {
			continue
		}
		data := strings.TrimPrefix(ev[strings.Index(ev, "data: "):], "data: ")
		var got wire.IntentEvent
		if err := json.Unmarshal([]byte(data), &got); err != nil {
			t.Fatal(err)
		}
		want := fmt.Sprintf(`{"loss":2.31,"rank":%d,"replica":%d,"slot":2,"step":40,"tokens_per_second":8400.5,"validation_loss":2.45}`,
			place[2].Rank, place[2].Replica)
		var norm map[string]any
		json.Unmarshal(got.Data, &norm)
		if b, _ := json.Marshal(norm); string(b) != want || got.State != "running" || got.IntentID != q.IntentID {
			t.Fatalf("progress event %s, want data %s", data, want)
		}
		break
	}
	in := e.intentDetail(buyer, q.IntentID)
	p := in.Slots[2].Progress
	if p == nil || p.Step != 40 || p.Loss != 2.31 || p.ValidationLoss != 2.45 || p.TokensPerSecond != 8400.5 || p.At != at {
		t.Fatalf("slot 2: %+v", in.Slots[2])
	}
	e.chainSays(id, chainEvent("Refunded", map[string]any{}))
	contains(t, e.post(workers[2], path, good).problem(t, 409, market.KindConflict).Detail, "refunded")
}

func TestCommitReveal(t *testing.T) {
	t.Parallel()
	e := newEnv(t, api.Config{})
	buyer, outsider := newAccount(t), newAccount(t)
	q, id, workers := e.runningJob(buyer)
	commitPath, revealPath := "/jobs/"+q.IntentID+"/commit", "/jobs/"+q.IntentID+"/reveal"
	// Every worker delivers the same weights, an upload of worker 0's (a
	// model of the base model's architecture); worker 0 also uploads other
	// weights its trace does not commit to.
	weightsFile, otherFile := model(2048), model(2049)
	weights := e.upload(workers[0], "application/vnd.safetensors", weightsFile)
	other := e.upload(workers[0], "application/vnd.safetensors", otherFile)
	ds := make([]delivery, 4)
	roots, salts := make([]market.Hash, 4), make([]market.Hash, 4)
	commitments := make([]string, 4)
	for i := range 4 {
		ds[i] = e.delivery(id, i, weightsFile, byte(i))
		roots[i], salts[i] = ds[i].root, market.Hash{0x5a, byte(i)}
		commitments[i] = commitmentOf(id, workers[i].addr, roots[i], salts[i]).String()
	}
	// Slot 1's run broke: it commits to the trace up to the failure, 3 leaves.
	const partialLeaves = 3
	roots[1] = market.Hash{0x77}
	commitments[1] = commitmentOf(id, workers[1].addr, roots[1], salts[1]).String()
	commit := func(a account, c string) resp { return e.post(a, commitPath, map[string]string{"commitment": c}) }
	counts := func(r resp, want int) {
		t.Helper()
		var got wire.Commitments
		r.json(t, &got)
		if r.status != 200 || got.Committed != want || got.Slots != 4 {
			t.Fatalf("commit: %d %s, want %d of 4", r.status, r.body, want)
		}
	}
	counts(commit(workers[0], commitments[0]), 1)
	counts(commit(workers[0], commitments[0]), 1) // the same again
	contains(t, commit(workers[0], commitments[1]).problem(t, 409, market.KindConflict).Detail, "already")
	contains(t, commit(workers[1], commitments[0]).problem(t, 409, market.KindConflict).Detail, "already committed by another slot")
	commit(workers[1], "0x1234").problem(t, 400, market.KindInvalid)
	commit(outsider, commitments[1]).problem(t, 404, market.KindNotFound)

	// The buyer's base model is a model, but not the worker's; the worker's
	// dataset is the worker's, but not a model.
	notMine := q.Spec.BaseModel
	notModel := e.upload(workers[0], "text/plain", []byte("not weights\n")).ID
	reveal := func(i int, root, salt market.Hash, leaves int, w string, proof []string) resp {
		return e.post(workers[i], revealPath, map[string]any{"trace_root": root.String(), "salt": salt.String(), "leaves": leaves,
			"weights": w, "final_proof": proof})
	}
	d0 := ds[0]
	contains(t, reveal(0, roots[0], salts[0], d0.leaves, weights.ID, d0.proof).problem(t, 409, market.KindConflict).Detail, "1 of 4 slots committed")
	contains(t, reveal(1, roots[1], salts[1], ds[1].leaves, weights.ID, ds[1].proof).problem(t, 409, market.KindConflict).Detail, "did not commit")
	for i := 1; i < 4; i++ {
		counts(commit(workers[i], commitments[i]), i+1)
	}
	forged := append([]string(nil), d0.proof...)
	forged[0] = market.Hash{0xf0}.String()
	tests := []struct {
		name       string
		root, salt market.Hash
		leaves     int
		weights    string
		proof      []string
		status     int
		kind       market.Kind
		detail     string
	}{
		{"wrong salt", roots[0], salts[1], d0.leaves, weights.ID, d0.proof, 400, market.KindInvalid, "do not open the commitment"},
		{"another slot's opening", roots[1], salts[1], d0.leaves, weights.ID, d0.proof, 400, market.KindInvalid, "do not open the commitment"},
		{"no leaves", roots[0], salts[0], 0, weights.ID, d0.proof, 400, market.KindInvalid, "leaves"},
		{"weights not the signer's", roots[0], salts[0], d0.leaves, notMine, d0.proof, 400, market.KindInvalid, "not a model artifact the signer uploaded"},
		{"weights not a model", roots[0], salts[0], d0.leaves, notModel, d0.proof, 400, market.KindInvalid, "not a model artifact the signer uploaded"},
		{"weights never uploaded", roots[0], salts[0], d0.leaves, "sha256:" + strings.Repeat("ab", 32), d0.proof, 400, market.KindInvalid, "not a model artifact"},
		{"bad weights id", roots[0], salts[0], d0.leaves, "0x12", d0.proof, 400, market.KindInvalid, "weights"},
		{"weights the trace does not commit to", roots[0], salts[0], d0.leaves, other.ID, d0.proof, 400, market.KindInvalid, "do not open the last leaf"},
		{"a forged proof", roots[0], salts[0], d0.leaves, weights.ID, forged, 400, market.KindInvalid, "do not open the last leaf"},
		{"no proof", roots[0], salts[0], d0.leaves, weights.ID, []string{}, 400, market.KindInvalid, "do not open the last leaf"},
		{"a proof that is not hashes", roots[0], salts[0], d0.leaves, weights.ID, []string{"0x12"}, 400, market.KindInvalid, "final_proof[0]"},
		{"a trace of another length", roots[0], salts[0], d0.leaves + 1, weights.ID, d0.proof, 400, market.KindInvalid, "leaves"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			contains(t, reveal(0, tt.root, tt.salt, tt.leaves, tt.weights, tt.proof).problem(t, tt.status, tt.kind).Detail, tt.detail)
		})
	}
	partial := func(leaves int, w string, proof []string) resp {
		body := map[string]any{"trace_root": roots[1].String(), "salt": salts[1].String(), "leaves": leaves, "partial": true}
		if w != "" {
			body["weights"] = w
		}
		if proof != nil {
			body["final_proof"] = proof
		}
		return e.post(workers[1], revealPath, body)
	}
	contains(t, partial(partialLeaves, weights.ID, nil).problem(t, 400, market.KindInvalid).Detail, "delivers no weights")
	contains(t, partial(partialLeaves, "", ds[1].proof).problem(t, 400, market.KindInvalid).Detail, "delivers no weights")
	contains(t, partial(ds[1].leaves, "", nil).problem(t, 400, market.KindInvalid).Detail, "a partial trace has 1 to")
	contains(t, partial(0, "", nil).problem(t, 400, market.KindInvalid).Detail, "leaves")
	// A partial reveal cannot be opened by another slot's root either.
	contains(t, e.post(workers[1], revealPath, map[string]any{"trace_root": roots[2].String(), "salt": salts[1].String(),
		"leaves": partialLeaves, "partial": true}).problem(t, 400, market.KindInvalid).Detail, "do not open the commitment")
	if r := partial(partialLeaves, "", nil); r.status != 200 {
		t.Fatalf("partial reveal: %d %s", r.status, r.body)
	} else {
		var got wire.SlotReport
		r.json(t, &got)
		if !got.Partial || got.WeightsSHA256 != "" || got.Leaves != partialLeaves || got.TraceRoot != roots[1].String() {
			t.Fatalf("partial reveal: %s", r.body)
		}
	}
	// Once revealed partial, the slot cannot reveal whole weights instead.
	reveal(1, roots[1], salts[1], ds[1].leaves, weights.ID, ds[1].proof).problem(t, 400, market.KindInvalid)
	for range 2 { // the same reveal again is fine
		r := reveal(0, roots[0], salts[0], d0.leaves, weights.ID, d0.proof)
		var got wire.SlotReport
		r.json(t, &got)
		if r.status != 200 || got.Slot != 0 || !got.Committed || got.TraceRoot != roots[0].String() ||
			"sha256:"+got.WeightsSHA256 != weights.ID || got.Worker != common.Address(workers[0].addr).Hex() {
			t.Fatalf("reveal: %d %s", r.status, r.body)
		}
	}
	revealed := 0
	evs, err := e.store.IntentEvents(t.Context(), id, 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	for _, ev := range evs {
		if ev.Type == "revealed" {
			revealed++
			var data struct {
				Slot    uint32
				Partial bool
				Weights string
			}
			if err := json.Unmarshal(ev.Data, &data); err != nil {
				t.Fatal(err)
			}
			if data.Partial != (data.Slot == 1) || (data.Weights == weights.ID) != (data.Slot == 0) {
				t.Fatalf("revealed event %s", ev.Data)
			}
		}
	}
	if revealed != 2 {
		t.Fatalf("%d revealed events, want 2", revealed)
	}

	in := e.intentDetail(buyer, q.IntentID)
	place := market.Place(assignSeed, 2, 2)
	if len(in.Slots) != 4 || in.Result != nil || in.State != "running" {
		t.Fatalf("intent %+v", in)
	}
	for i, sl := range in.Slots {
		if sl.Slot != uint32(i) || sl.Replica != place[i].Replica || sl.Rank != place[i].Rank || sl.State != "confirmed" ||
			!sl.Committed || sl.Worker != common.Address(workers[i].addr).Hex() || (sl.TraceRoot != "") != (i <= 1) || sl.Partial != (i == 1) {
			t.Fatalf("slot %d: %+v", i, sl)
		}
	}

	// The result's final validation loss is the one the slot that delivered
	// its weights reported after the run: not the partial slot's, nor that
	// of a slot that revealed nothing.
	progress := "/jobs/" + q.IntentID + "/progress"
	steps := q.Spec.Steps
	for i, vl := range []float64{1.75, 0.01, 0.02} {
		if r := e.post(workers[i], progress, map[string]any{"step": steps, "loss": 1.5, "validation_loss": vl, "tokens_per_second": 10}); r.status != 204 {
			t.Fatalf("progress: %d %s", r.status, r.body)
		}
	}
	e.chainSays(id, chainEvent("ResultSubmitted", map[string]any{"weights_hash": "0x" + strings.TrimPrefix(weights.ID, "sha256:"),
		"trace_root": roots[0].String(), "window_end": 1}))
	in = e.intentDetail(buyer, q.IntentID)
	if in.Result == nil || in.Result.ValidationLoss == nil || *in.Result.ValidationLoss != 1.75 {
		t.Fatalf("result %+v, want the validation loss 1.75 of slot 0", in.Result)
	}
	var pub wire.PublicIntentDetail
	if r := e.do(req{method: "GET", path: "/public/intents/" + q.IntentID}); r.status != 200 {
		t.Fatalf("public intent: %d %s", r.status, r.body)
	} else if r.json(t, &pub); pub.Result == nil || pub.Result.ValidationLoss == nil || *pub.Result.ValidationLoss != 1.75 {
		t.Fatalf("public result %+v, want the validation loss 1.75", pub.Result)
	}
	// Another slot delivering the same weights says otherwise: the workers
	// disagree, and the result shows no validation loss.
	if mine := e.upload(workers[2], "application/vnd.safetensors", weightsFile); mine.ID != weights.ID {
		t.Fatalf("the same weights uploaded twice: %s and %s", mine.ID, weights.ID)
	}
	if r := reveal(2, roots[2], salts[2], ds[2].leaves, weights.ID, ds[2].proof); r.status != 200 {
		t.Fatalf("reveal: %d %s", r.status, r.body)
	}
	if in = e.intentDetail(buyer, q.IntentID); in.Result == nil || in.Result.ValidationLoss != nil {
		t.Fatalf("result %+v, want no validation loss when the deliverers disagree", in.Result)
	}
}

func TestChallengesOverTheAPI(t *testing.T) {
	t.Parallel()
	e := newEnv(t, api.Config{MaxBodySize: 1 << 10, MaxAnswerSize: 256 << 10})
	buyer, outsider := newAccount(t), newAccount(t)
	q, id, workers := e.runningJob(buyer)
	now := e.clock.Now()
	ask := func(slot uint32, args string, deadline time.Time) market.Challenge {
		t.Helper()
		c, err := e.store.Ask(t.Context(), market.Challenge{JobID: id, Slot: slot, Kind: "children", Args: json.RawMessage(args),
			Deadline: deadline, CreatedAt: now})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	c1 := ask(1, `{"index":1}`, now.Add(time.Hour))
	c2 := ask(1, `[2, 3]`, now.Add(time.Hour))
	late := ask(1, `{"index":3}`, now.Add(time.Minute))
	other := ask(2, `{"index":1}`, now.Add(time.Hour))
	list := "/jobs/" + q.IntentID + "/challenges"
	var open wire.ChallengeList
	r := e.do(req{method: "GET", path: list, as: &workers[1]})
	r.json(t, &open)
	if r.status != 200 || len(open.Challenges) != 3 || open.Challenges[0].ID != fmt.Sprint(c1.ID) || open.Challenges[1].ID != fmt.Sprint(c2.ID) ||
		open.Challenges[0].Kind != "children" || !strings.Contains(string(r.body), `"args":[2,3]`) ||
		open.Challenges[0].Deadline != now.Add(time.Hour).UTC().Format(time.RFC3339Nano) {
		t.Fatalf("challenges: %d %s", r.status, r.body)
	}
	e.do(req{method: "GET", path: list, as: &outsider}).problem(t, 404, market.KindNotFound)
	e.do(req{method: "GET", path: list, as: &workers[3]}).json(t, &open)
	if len(open.Challenges) != 0 {
		t.Fatalf("slot 3 has challenges: %+v", open)
	}

	answerPath := func(c int64) string { return fmt.Sprintf("%s/%d", list, c) }
	answer := func(a account, c int64, body []byte) resp {
		return e.do(req{method: "POST", path: answerPath(c), as: &a, body: body})
	}
	invalid := func(a account, c int64, body []byte) resp {
		return e.do(req{method: "POST", path: answerPath(c), as: &a, body: body, header: map[string]string{"X-Test-Invalid": "1"}})
	}
	// An answer bigger than a JSON body may be, under the answer limit.
	big := mustJSON(t, map[string]any{"answer": map[string]string{"tensor": strings.Repeat("A", 100<<10)}})
	if r := answer(workers[1], c1.ID, big); r.status != 204 {
		t.Fatalf("answer: %d %s", r.status, r.body)
	}
	got, err := e.store.Challenge(t.Context(), c1.ID)
	if err != nil || !strings.Contains(string(got.Answer), strings.Repeat("A", 100<<10)) {
		t.Fatalf("stored answer of %d bytes, %v", len(got.Answer), err)
	}
	contains(t, answer(workers[1], c1.ID, []byte(`{"answer":1}`)).problem(t, 409, market.KindConflict).Detail, "answered already")
	answer(workers[1], other.ID, []byte(`{"answer":1}`)).problem(t, 404, market.KindNotFound)
	answer(workers[1], 999999, []byte(`{"answer":1}`)).problem(t, 404, market.KindNotFound)
	invalid(workers[1], c2.ID, []byte(`{"answer":null}`)).problem(t, 400, market.KindInvalid)
	invalid(workers[1], c2.ID, []byte(`{}`)).problem(t, 400, market.KindInvalid)
	huge := mustJSON(t, map[string]any{"answer": strings.Repeat("A", 300<<10)})
	answer(workers[1], c2.ID, huge).problem(t, 413, market.KindTooLarge)
	e.do(req{method: "POST", path: list + "/x", as: &workers[1], body: []byte(`{"answer":1}`)}).problem(t, 400, market.KindInvalid)
	if r := answer(workers[1], c2.ID, []byte(`{"answer":["0x01","0x02"]}`)); r.status != 204 {
		t.Fatalf("answer: %d %s", r.status, r.body)
	}
	e.clock.Add(2 * time.Minute)
	p := answer(workers[1], late.ID, []byte(`{"answer":1}`)).problem(t, 409, market.KindConflict)
	contains(t, p.Detail, "the deadline "+now.Add(time.Minute).UTC().Format(time.RFC3339)+" passed")
	// Answered or late: nothing is open any more.
	e.do(req{method: "GET", path: list, as: &workers[1]}).json(t, &open)
	if len(open.Challenges) != 0 {
		t.Fatalf("open after answers: %+v", open)
	}
	// Other signed requests keep their small limit.
	e.post(workers[1], "/jobs/"+q.IntentID+"/commit", map[string]string{"commitment": strings.Repeat("0", 2000)}).
		problem(t, 413, market.KindTooLarge)
}

func TestWeightsAndDisputes(t *testing.T) {
	t.Parallel()
	e := newEnv(t, api.Config{})
	buyer, other := newAccount(t), newAccount(t)
	q, id, workers := e.runningJob(buyer)
	weights := e.upload(workers[0], "application/vnd.safetensors", model(4096))
	wid, err := market.ParseArtifactID(weights.ID)
	if err != nil {
		t.Fatal(err)
	}
	path := "/intents/" + q.IntentID + "/weights"
	contains(t, e.do(req{method: "GET", path: path, as: &buyer}).problem(t, 409, market.KindConflict).Detail, "running")
	e.do(req{method: "GET", path: path, as: &other}).problem(t, 403, market.KindForbidden)
	e.do(req{method: "GET", path: "/intents/" + market.Hash{7}.String() + "/weights", as: &buyer}).problem(t, 404, market.KindNotFound)
	e.do(req{method: "GET", path: path, header: map[string]string{"X-Test-Invalid": "1"}}).problem(t, 401, market.KindUnauthorized)

	root := market.Hash{0x0a}
	submitted := chainEvent("ResultSubmitted", map[string]any{"weights_hash": market.Hash(wid).String(), "trace_root": root.String(), "window_end": 1})
	submitted.TxHash = market.Hash{0x50}
	e.chainSays(id, submitted)
	in := e.intentDetail(buyer, q.IntentID)
	if in.State != "verifying" || in.Result == nil || "sha256:"+in.Result.WeightsSHA256 != weights.ID || in.Result.TraceRoot != root.String() ||
		in.Result.Tx != submitted.TxHash.String() || in.Result.ReleaseTx != "" {
		t.Fatalf("submitted: %s %+v", in.State, in.Result)
	}
	contains(t, e.do(req{method: "GET", path: path, as: &buyer}).problem(t, 409, market.KindConflict).Detail, "verifying")
	var open wire.ChallengeList
	e.do(req{method: "GET", path: "/jobs/" + q.IntentID + "/challenges", as: &workers[0]}).json(t, &open)
	if open.Final {
		t.Fatal("a verifying job's challenges say it is final")
	}

	released := chainEvent("Released", map[string]any{"weights_hash": market.Hash(wid).String()})
	released.TxHash = market.Hash{0x7e}
	e.chainSays(id, released)
	if in = e.intentDetail(buyer, q.IntentID); in.State != "released" || in.Result.ReleaseTx != released.TxHash.String() {
		t.Fatalf("released: %s %+v", in.State, in.Result)
	}
	// The workers hear that the job is final: no question will come.
	challenges := func() wire.ChallengeList {
		t.Helper()
		var cl wire.ChallengeList
		r := e.do(req{method: "GET", path: "/jobs/" + q.IntentID + "/challenges", as: &workers[0]})
		if r.status != 200 {
			t.Fatalf("challenges: %d %s", r.status, r.body)
		}
		r.json(t, &cl)
		return cl
	}
	if cl := challenges(); !cl.Final || len(cl.Challenges) != 0 {
		t.Fatalf("challenges of a released job: %+v", cl)
	}
	r := e.do(req{method: "GET", path: path, as: &buyer})
	sum := sha256.Sum256(r.body)
	if r.status != 200 || r.header.Get(wire.HeaderWeightsSHA256) != hex.EncodeToString(sum[:]) || "sha256:"+hex.EncodeToString(sum[:]) != weights.ID ||
		r.header.Get("ETag") != `"`+weights.ID+`"` || r.header.Get("Content-Type") != "application/octet-stream" ||
		r.header.Get("Content-Disposition") != "attachment; filename=weights-"+q.IntentID+".safetensors" || string(r.body) != string(model(4096)) {
		t.Fatalf("weights: %d %v (%d bytes)", r.status, r.header, len(r.body))
	}
	e.do(req{method: "GET", path: path, as: &other}).problem(t, 403, market.KindForbidden)

	// Disputes are public.
	disputes := "/intents/" + q.IntentID + "/disputes"
	var l wire.DisputeList
	if r := e.do(req{method: "GET", path: disputes}); r.status != 200 || string(r.body) != `{"disputes":[]}` {
		t.Fatalf("no disputes: %d %s", r.status, r.body)
	}
	ctx := t.Context()
	d, err := e.store.SaveDispute(ctx, market.Dispute{JobID: id, Rank: 1, Slots: []uint32{2, 0}, State: market.DisputeOpen,
		Transcript: json.RawMessage(`{"rounds":[{"leaf":3}]}`), CreatedAt: e.clock.Now()})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.store.SaveDispute(ctx, market.Dispute{JobID: id, Rank: 0, Slots: []uint32{1, 3}, State: market.DisputeOpen,
		Transcript: json.RawMessage(`[]`), CreatedAt: e.clock.Now()}); err != nil {
		t.Fatal(err)
	}
	d.State, d.Ruling, d.RuledAt = market.DisputeRuled, json.RawMessage(`{"guilty":[{"replica":1,"rank":1}]}`), e.clock.Now().Add(time.Minute)
	if _, err := e.store.SaveDispute(ctx, d); err != nil {
		t.Fatal(err)
	}
	r = e.do(req{method: "GET", path: disputes})
	r.json(t, &l)
	if r.status != 200 || len(l.Disputes) != 2 || l.Disputes[0].ID != d.ID || l.Disputes[0].State != "ruled" || l.Disputes[0].Rank != 1 ||
		fmt.Sprint(l.Disputes[0].Slots) != "[2 0]" || l.Disputes[0].RuledAt == "" || l.Disputes[1].State != "open" || l.Disputes[1].Ruling != nil ||
		!strings.Contains(string(r.body), `"ruling":{"guilty":[{"rank":1,"replica":1}]}`) || !strings.Contains(string(r.body), `"transcript":[]`) {
		t.Fatalf("disputes: %d %s", r.status, r.body)
	}
	e.do(req{method: "GET", path: "/intents/" + market.Hash{7}.String() + "/disputes"}).problem(t, 404, market.KindNotFound)
}
