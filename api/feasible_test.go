package api_test

import (
	"bytes"
	"encoding/binary"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/axl-market/axl/api"
	"github.com/axl-market/axl/api/wire"
	"github.com/axl-market/axl/market"
	gpt2 "github.com/axl-market/axl/swarm/model"
)

// stFile is a safetensors file of a raw JSON header and data.
func stFile(header string, data []byte) []byte {
	b := binary.LittleEndian.AppendUint64(nil, uint64(len(header)))
	return append(append(b, header...), data...)
}

// Models a hostile buyer uploads, each of which a worker's loader refuses.
var (
	// sixteenFloats is a valid safetensors file, and no GPT-2.
	sixteenFloats = stFile(`{"__metadata__":{"format":"pt"},"w":{"dtype":"F32","shape":[16],"data_offsets":[0,64]}}`, make([]byte, 64))
	// overflowingShape has 2³²·2³² elements, 0 in 64-bit arithmetic, in 0 bytes.
	overflowingShape = stFile(`{"w":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,0]}}`, nil)
	// duplicateNames names one tensor twice; a JSON decoder keeps the last.
	duplicateNames = stFile(`{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"w":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}`, make([]byte, 8))
)

// storeArtifact records body as an artifact of a, bypassing the upload's
// check: a file an earlier server accepted, that the quote must still refuse.
func (e *env) storeArtifact(a account, body []byte, kind market.ArtifactKind) string {
	e.t.Helper()
	p, err := e.blobs.Write(bytes.NewReader(body), int64(len(body)))
	if err != nil {
		e.t.Fatal(err)
	}
	if err := p.Commit(); err != nil {
		e.t.Fatal(err)
	}
	mt := map[market.ArtifactKind]string{market.ArtifactModel: "application/vnd.safetensors", market.ArtifactDataset: "text/plain"}[kind]
	if _, err := e.store.PutArtifact(e.t.Context(), market.Artifact{ID: p.ID, Owner: a.addr, Size: p.Size, MediaType: mt,
		Kind: kind, CreatedAt: e.clock.Now()}); err != nil {
		e.t.Fatal(err)
	}
	return p.ID.String()
}

// tinyPreset is the `tiny` model of axl model init: a context of 64.
func tinyPreset(t testing.TB) []byte {
	t.Helper()
	cfg, err := gpt2.ConfigByName("tiny")
	if err != nil {
		t.Fatal(err)
	}
	return gpt2File(cfg, 1)
}

// TestQuoteDefaultsOnTiny: a quote with no hyper-parameters on the tiny
// preset is a job that runs (seq_len within its context of 64, written into
// the spec), and GET /jobs shows workers the hyper-parameters and the
// memory a slot needs before they claim.
func TestQuoteDefaultsOnTiny(t *testing.T) {
	t.Parallel()
	e := newEnv(t, api.Config{})
	buyer := newAccount(t)
	m := e.upload(buyer, "application/vnd.safetensors", tinyPreset(t))
	d := e.upload(buyer, "text/plain", longText)
	q := e.quote(buyer, map[string]any{"token": "USDC", "base_model": m.ID, "dataset": d.ID, "steps": 100, "workers": 2,
		"replicas": 2, "max_price": "1000000000", "deadline": e.clock.Now().Add(48 * time.Hour).Format(time.RFC3339)})
	want := wire.Hyperparameters{LearningRate: 3e-4, WeightDecay: 0.1, BatchSize: 8, SeqLen: 64, WarmupSteps: 0, InnerSteps: 50}
	if q.Spec.Hyperparameters != want || q.SlotMemory <= 0 || q.SlotMemory > market.DefaultJobLimits.MaxMemory {
		t.Fatalf("quote on tiny: hyperparameters %+v, slot memory %d", q.Spec.Hyperparameters, q.SlotMemory)
	}
	t.Logf("defaults on tiny: %+v, a slot needs %s", q.Spec.Hyperparameters, market.Bytes(q.SlotMemory))

	if r := e.createIntent(buyer, "k", signedIntent(t, buyer, q)); r.status != 201 {
		t.Fatalf("intent: %d %s", r.status, r.body)
	}
	id, _ := market.ParseHash(q.IntentID)
	e.chainSays(id, chainEvent("Funded", map[string]any{}))
	tests := []struct {
		query string
		n     int
	}{
		{"", 1},
		{"?max_memory=" + strconv.FormatInt(q.SlotMemory, 10), 1},
		{"?max_memory=" + strconv.FormatInt(q.SlotMemory-1, 10), 0},
	}
	for _, tt := range tests {
		var l wire.JobList
		e.do(req{method: "GET", path: "/jobs" + tt.query}).json(t, &l)
		if len(l.Data) != tt.n {
			t.Fatalf("GET /jobs%s: %d jobs, want %d", tt.query, len(l.Data), tt.n)
		}
		if tt.n == 1 && (l.Data[0].Hyperparameters != want || l.Data[0].SlotMemory != q.SlotMemory) {
			t.Fatalf("GET /jobs%s: %+v", tt.query, l.Data[0])
		}
		if tt.n == 0 {
			continue
		}
		// The commit allowance is the rulebook's, from the job alone.
		spec := market.Spec{Steps: l.Data[0].Steps, Hyperparameters: market.Hyperparameters{BatchSize: want.BatchSize,
			SeqLen: want.SeqLen, InnerSteps: want.InnerSteps}}
		if time.Duration(l.Data[0].CommitAllowance)*time.Second !=
			(market.Rules{}).WorkAllowance(spec, l.Data[0].ModelSize).Truncate(time.Second) {
			t.Fatalf("GET /jobs%s: commit allowance %d s", tt.query, l.Data[0].CommitAllowance)
		}
	}
	for _, bad := range []string{"0", "-1", "lots"} {
		contains(t, e.do(req{method: "GET", path: "/jobs?max_memory=" + bad, header: map[string]string{"X-Test-Invalid": "1"}}).
			problem(t, 400, market.KindInvalid).Detail, "max_memory")
	}
}

// TestQuoteRefusesInfeasible: a hostile buyer's specs, each of which
// every worker would have refused after staking (and lost its stake to the
// buyer's refund), refused at the quote with the bound broken, its limit,
// and what the spec asks.
func TestQuoteRefusesInfeasible(t *testing.T) {
	t.Parallel()
	e := newEnv(t, api.Config{})
	buyer := newAccount(t)
	tiny := e.upload(buyer, "application/vnd.safetensors", tinyPreset(t)).ID
	// 17.6 MB: its wpe alone holds 65,536 positions of 64 channels.
	long := e.upload(buyer, "application/vnd.safetensors",
		gpt2File(gpt2.Config{VocabSize: 256, MaxSeq: 65536, Dim: 64, Layers: 4, Heads: 4, Eps: 1e-5}, 1)).ID
	text := e.upload(buyer, "text/plain", longText).ID
	// Long enough for two shards of 65,537 tokens and a held-out sequence
	// of as many: the memory decides.
	book := e.upload(buyer, "text/plain", bytes.Repeat(longText, 30)).ID
	short := e.upload(buyer, "text/plain", []byte(strings.Repeat("x", 194))).ID
	gib3 := int64(3 << 30)
	tests := []struct {
		name         string
		model, data  string
		workers      int
		hyper        map[string]any
		bound        string
		limit, value int64 // value -1: any above the limit
		detail       string
	}{
		{"a 17 MB model declaring a context of 65,536 tokens, and using it", long, book, 2, map[string]any{"seq_len": 65536},
			market.BoundSlotMemory, gib3, -1, "more than the 3.0 GiB a job may take (--max-job-memory)"},
		{"the same model on the defaults: its state does not fit an answer to the referee", long, text, 2, nil,
			market.BoundRefereeAnswer, 64 << 20, -1, "more than the 64.0 MiB an answer may hold"},
		{"a batch of 4,096 on tiny", tiny, text, 2, map[string]any{"batch_size": 4096},
			market.BoundSlotMemory, gib3, -1, "a slot needs"},
		{"seq_len beyond n_positions", tiny, text, 2, map[string]any{"seq_len": 65},
			market.BoundSeqLen, 64, 65, "seq_len 65 exceeds the model's context (n_positions) of 64 by 1 tokens"},
		{"a dataset shorter than a shard", tiny, short, 2, nil,
			market.BoundDataset, 195, 194, "the dataset's 194 bytes (tokens), less the 65 held out for validation, leave a shard of 64 to each of the 2 workers, less than one sequence of seq_len+1 = 65: it needs at least 195 bytes, 1 more"},
		{"16 floats, no GPT-2", e.storeArtifact(buyer, sixteenFloats, market.ArtifactModel), text, 2, nil,
			market.BoundModel, 0, 0, "is not a GPT-2 model the workers load: no model config in the file's metadata"},
		{"a shape overflowing 64 bits", e.storeArtifact(buyer, overflowingShape, market.ArtifactModel), text, 2, nil,
			market.BoundModel, 0, 0, `is not a GPT-2 model the workers load: malformed safetensors: tensor "w": shape [4294967296 4294967296] holds more elements than the 0 bytes of data`},
		{"duplicate tensor names", e.storeArtifact(buyer, duplicateNames, market.ArtifactModel), text, 2, nil,
			market.BoundModel, 0, 0, `is not a GPT-2 model the workers load: malformed safetensors: header: duplicate key "w"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := map[string]any{"token": "USDC", "base_model": tt.model, "dataset": tt.data, "steps": 100, "workers": tt.workers,
				"replicas": 2, "max_price": "1000000000", "deadline": e.clock.Now().Add(48 * time.Hour).Format(time.RFC3339)}
			if tt.hyper != nil {
				body["hyperparameters"] = tt.hyper
			}
			r := e.do(req{method: "POST", path: "/intents/quote", body: mustJSON(t, body), as: &buyer})
			p := r.problem(t, 422, market.KindInfeasible)
			contains(t, p.Detail, tt.detail)
			if p.Title != "Infeasible job" || p.Bound != tt.bound || p.Limit != tt.limit ||
				(tt.value >= 0 && p.Value != tt.value) || (tt.value < 0 && p.Value <= p.Limit) {
				t.Fatalf("problem %+v, want bound %s, limit %d, value %d", p, tt.bound, tt.limit, tt.value)
			}
			t.Logf("%s: %s", p.Bound, p.Detail)
		})
	}
	// Nothing was quoted: no quote, so no intent, can come of them.
	var n int
	if err := e.store.Pool().QueryRow(t.Context(), `SELECT count(*) FROM quotes`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("%d quotes stored, %v", n, err)
	}
}
