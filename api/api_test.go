package api_test

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/big"
	"net/http"
	"os"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/signer/core/apitypes"

	"github.com/axl-market/axl/api"
	"github.com/axl-market/axl/api/wire"
	"github.com/axl-market/axl/market"
	gpt2 "github.com/axl-market/axl/swarm/model"
)

// microConfig is a GPT-2 small enough for every test to upload (12 KB),
// byte-level, with a context of 16 tokens.
var microConfig = gpt2.Config{VocabSize: 256, MaxSeq: 16, Dim: 8, Layers: 1, Heads: 2, Eps: 1e-5}

// models caches the files of gpt2File.
var models sync.Map // string → []byte

// gpt2File is the safetensors file of a model of cfg, with its config in
// the metadata as the workers load it, its weights drawn from seed.
func gpt2File(cfg gpt2.Config, seed uint64) []byte {
	key := fmt.Sprintf("%+v/%d", cfg, seed)
	if b, ok := models.Load(key); ok {
		return b.([]byte)
	}
	m, err := gpt2.Init(cfg, seed)
	if err != nil {
		panic(err)
	}
	var b bytes.Buffer
	if err := gpt2.Encode(&b, m); err != nil {
		panic(err)
	}
	models.Store(key, b.Bytes())
	return b.Bytes()
}

// model is a small GPT-2 model the workers load, distinct for each n.
func model(n int) []byte { return gpt2File(microConfig, uint64(n)) }

const dataset = "{\"text\":\"hello\"}\n{\"text\":\"world\"}\n"

// longText is a dataset long enough for the shards of any quote the tests
// make on microConfig and on the tiny preset.
var longText = []byte(strings.Repeat("some text to learn, byte by byte. ", 200))

func (e *env) upload(a account, contentType string, body []byte) wire.Artifact {
	e.t.Helper()
	r := e.do(req{method: "POST", path: "/artifacts", body: body, contentType: contentType, as: &a})
	if r.status != http.StatusCreated {
		e.t.Fatalf("upload: %d %s", r.status, r.body)
	}
	var art wire.Artifact
	r.json(e.t, &art)
	return art
}

func TestHealthMetricsDocs(t *testing.T) {
	t.Parallel()
	e := newEnv(t, api.Config{})
	for _, path := range []string{"/healthz", "/readyz"} {
		if r := e.do(req{method: "GET", path: path}); r.status != 200 {
			t.Fatalf("%s: %d %s", path, r.status, r.body)
		}
	}
	r := e.do(req{method: "GET", path: "/openapi.json"})
	var doc struct {
		OpenAPI string `json:"openapi"`
	}
	r.json(t, &doc)
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Fatalf("openapi.json is not OpenAPI 3: %q", doc.OpenAPI)
	}
	r = e.do(req{method: "GET", path: "/docs"})
	for _, want := range []string{`href="/openapi.json"`, "<code>/intents/quote</code>", "Quote a job", "Idempotency-Key", "signed request"} {
		contains(t, string(r.body), want)
	}
	r = e.do(req{method: "GET", path: "/metrics"})
	for _, m := range []string{`axl_http_requests_total{code="200",method="GET",route="/healthz"} 1`,
		`axl_intents{state="funding"} 0`, `axl_db_pool_max_connections`, `axl_http_request_duration_seconds_bucket`} {
		contains(t, string(r.body), m)
	}
	e.do(req{method: "GET", path: "/nowhere", noValidate: true}).problem(t, 404, market.KindNotFound)
	e.do(req{method: "DELETE", path: "/healthz", noValidate: true}).problem(t, 405, "method-not-allowed")
}

func TestSignedRequests(t *testing.T) {
	t.Parallel()
	e := newEnv(t, api.Config{})
	alice, bob := newAccount(t), newAccount(t)
	body := []byte(`{"peer_id":"12D3KooWJWoaqZhDaoEFshF7Rh1bpY9ohihFhzcW6d69Lr2NASuq","multiaddrs":["/ip4/127.0.0.1/tcp/4001"],"capacity":1}`)
	valid := func() *http.Request {
		return e.newRequest(req{method: "POST", path: "/workers", body: body, as: &alice})
	}
	tests := []struct {
		name   string
		tamper func(*http.Request)
		detail string
	}{
		{"no signature", func(r *http.Request) { r.Header.Del(wire.HeaderSignature) }, "X-AXL-Signature header is missing"},
		{"bad address", func(r *http.Request) { r.Header.Set(wire.HeaderAddress, "0x12") }, "not an address"},
		{"other address", func(r *http.Request) { r.Header.Set(wire.HeaderAddress, bob.addr.String()) }, "not " + bob.addr.String()},
		{"timestamp too old", func(r *http.Request) {
			ts := e.clock.Now().Add(-301 * time.Second).Unix()
			r.Header.Set(wire.HeaderTimestamp, strconv.FormatInt(ts, 10))
		}, "±300 s"},
		{"timestamp too new", func(r *http.Request) {
			r.Header.Set(wire.HeaderTimestamp, strconv.FormatInt(e.clock.Now().Add(301*time.Second).Unix(), 10))
		}, "±300 s"},
		{"timestamp changed", func(r *http.Request) {
			r.Header.Set(wire.HeaderTimestamp, strconv.FormatInt(e.clock.Now().Unix()-1, 10))
		}, "the signature is not " + alice.addr.String() + "'s over this request"},
		{"path changed", func(r *http.Request) { r.URL.RawQuery = "x=1" },
			"the signature is not " + alice.addr.String() + "'s over this request"},
		{"short signature", func(r *http.Request) { r.Header.Set(wire.HeaderSignature, "0xabcd") }, "65-byte"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hr := valid()
			tt.tamper(hr)
			p := e.send(hr, req{body: body, header: map[string]string{"X-Test-Invalid": "1"}}).problem(t, 401, market.KindUnauthorized)
			contains(t, p.Detail, tt.detail)
		})
	}
	t.Run("body changed", func(t *testing.T) {
		hr := valid()
		other := []byte(strings.Replace(string(body), `"capacity":1`, `"capacity":9`, 1))
		hr.Body = nopCloser(other)
		hr.ContentLength = int64(len(other))
		p := e.send(hr, req{body: other}).problem(t, 400, market.KindInvalid)
		contains(t, p.Detail, "not the X-AXL-Content-SHA256")
	})
	t.Run("within the window, then replayed", func(t *testing.T) {
		hr := valid()
		// 299 s of skew is accepted.
		e.clock.Add(299 * time.Second)
		if r := e.send(hr, req{body: body}); r.status != 200 {
			t.Fatalf("status %d %s", r.status, r.body)
		}
		replay := hr.Clone(context.Background())
		replay.Body = nopCloser(body)
		p := e.send(replay, req{body: body}).problem(t, 401, market.KindUnauthorized)
		contains(t, p.Detail, "already used")
	})
}

func TestArtifacts(t *testing.T) {
	t.Parallel()
	e := newEnv(t, api.Config{MaxArtifactSize: 64 << 10})
	alice, bob := newAccount(t), newAccount(t)
	art := e.upload(alice, "application/jsonl", []byte(dataset))
	sum := sha256.Sum256([]byte(dataset))
	if art.ID != "sha256:"+hex.EncodeToString(sum[:]) || art.Size != int64(len(dataset)) || art.MediaType != "application/jsonl" || art.Kind != "dataset" {
		t.Fatalf("artifact %+v", art)
	}
	if again := e.upload(alice, "application/jsonl", []byte(dataset)); again != art {
		t.Fatalf("same bytes, other artifact: %+v", again)
	}
	r := e.do(req{method: "GET", path: "/artifacts/" + art.ID, as: &alice})
	if r.status != 200 || string(r.body) != dataset || r.header.Get("Content-Type") != "application/jsonl" {
		t.Fatalf("download: %d %q %q", r.status, r.body, r.header.Get("Content-Type"))
	}
	e.do(req{method: "GET", path: "/artifacts/" + art.ID, as: &bob}).problem(t, 404, market.KindNotFound)
	e.do(req{method: "GET", path: "/artifacts/sha256:XYZ", as: &alice, header: map[string]string{"X-Test-Invalid": "1"}}).problem(t, 400, market.KindInvalid)

	m := e.upload(alice, "application/vnd.safetensors", model(16))
	if m.Kind != "model" || m.Size != int64(len(model(16))) {
		t.Fatalf("model %+v", m)
	}
	tok, err := os.ReadFile("../swarm/tokenizer/testdata/tiny-tokenizer.json")
	if err != nil {
		t.Fatal(err)
	}
	// The document's upload body is a file for every media type, which
	// its validator cannot hold a JSON file to: skip the request's check
	// (the response is still validated).
	r = e.do(req{method: "POST", path: "/artifacts", body: tok, contentType: "application/json", as: &alice,
		header: map[string]string{"X-Test-Invalid": "1"}})
	var ta wire.Artifact
	if r.json(t, &ta); r.status != http.StatusCreated || ta.Kind != "tokenizer" || ta.Size != int64(len(tok)) {
		t.Fatalf("tokenizer: %d %s", r.status, r.body)
	}

	tests := []struct {
		name        string
		contentType string
		body        []byte
		status      int
		kind        market.Kind
		detail      string
	}{
		{"too large", "text/plain", []byte(strings.Repeat("a", 64<<10+1)), 413, market.KindTooLarge, "65536"},
		{"not utf-8", "text/plain", []byte("a\xffb"), 400, market.KindInvalid, "UTF-8"},
		{"bad jsonl", "application/jsonl", []byte("{\"a\":1}\nnope\n"), 400, market.KindInvalid, "line 2"},
		{"bad safetensors", "application/vnd.safetensors", model(16)[:40], 400, market.KindInvalid, "safetensors"},
		// The workers' loader decides what a model is: each of these passed
		// the server's own check once, and failed every worker after it staked.
		{"16 floats, no GPT-2", "application/vnd.safetensors", sixteenFloats, 400, market.KindInvalid,
			"not a GPT-2 model the workers load: no model config in the file's metadata"},
		{"shape overflowing 64 bits", "application/vnd.safetensors", overflowingShape, 400, market.KindInvalid,
			`malformed safetensors: tensor "w": shape [4294967296 4294967296] holds more elements than the 0 bytes of data`},
		{"duplicate names", "application/vnd.safetensors", duplicateNames, 400, market.KindInvalid,
			`malformed safetensors: header: duplicate key "w"`},
		{"unknown type", "image/png", []byte("png"), 415, market.KindUnsupportedFormat, "image/png"},
		{"JSON that is no tokenizer", "application/json", []byte(`{"model": {"type": "WordPiece"}}`), 400, market.KindInvalid,
			"not a tokenizer the workers load"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := e.do(req{method: "POST", path: "/artifacts", body: tt.body, contentType: tt.contentType, as: &alice,
				header: map[string]string{"X-Test-Invalid": "1"}})
			contains(t, r.problem(t, tt.status, tt.kind).Detail, tt.detail)
		})
	}
	t.Run("streamed too large without Content-Length", func(t *testing.T) {
		body := []byte(strings.Repeat("a", 70_000))
		hr := e.newRequest(req{method: "POST", path: "/artifacts", body: body, contentType: "text/plain", as: &alice})
		hr.ContentLength = -1
		hr.Body = nopCloser(body)
		e.send(hr, req{body: body}).problem(t, 413, market.KindTooLarge)
	})
	t.Run("signature over other bytes stores nothing", func(t *testing.T) {
		body := []byte("never stored\n")
		hr := e.newRequest(req{method: "POST", path: "/artifacts", body: []byte("other\n"), contentType: "text/plain", as: &alice})
		hr.Body, hr.ContentLength = nopCloser(body), int64(len(body))
		e.send(hr, req{body: body}).problem(t, 400, market.KindInvalid)
		sum := sha256.Sum256(body)
		e.do(req{method: "GET", path: "/artifacts/sha256:" + hex.EncodeToString(sum[:]), as: &alice}).problem(t, 404, market.KindNotFound)
	})
}

// buyer uploads a model and a dataset and returns a quote request body.
func (e *env) quoteBody(a account, token string, maxPrice string) map[string]any {
	e.t.Helper()
	m := e.upload(a, "application/vnd.safetensors", model(1024))
	d := e.upload(a, "text/plain", longText)
	return map[string]any{"token": token, "base_model": m.ID, "dataset": d.ID, "steps": 100, "workers": 2, "replicas": 2,
		"hyperparameters": map[string]any{"learning_rate": 0.001}, "seed": "7",
		"max_price": maxPrice, "deadline": e.clock.Now().Add(48 * time.Hour).Format(time.RFC3339)}
}

func (e *env) quote(a account, body map[string]any) wire.Quote {
	e.t.Helper()
	r := e.do(req{method: "POST", path: "/intents/quote", body: mustJSON(e.t, body), as: &a})
	if r.status != 200 {
		e.t.Fatalf("quote: %d %s", r.status, r.body)
	}
	var q wire.Quote
	r.json(e.t, &q)
	return q
}

// signTyped signs a typed-data document of the API as a client would,
// through go-ethereum's apitypes (the ethers test does it independently).
func signTyped(t testing.TB, a account, td wire.TypedData) string {
	t.Helper()
	types := apitypes.Types{"EIP712Domain": {{Name: "name", Type: "string"}, {Name: "version", Type: "string"},
		{Name: "chainId", Type: "uint256"}, {Name: "verifyingContract", Type: "address"}}}
	for n, fs := range td.Types {
		for _, f := range fs {
			types[n] = append(types[n], apitypes.Type{Name: f.Name, Type: f.Type})
		}
	}
	msg := apitypes.TypedDataMessage{}
	for k, v := range td.Message {
		msg[k] = v
	}
	var doc apitypes.TypedData
	raw := fmt.Sprintf(`{"name":%q,"version":%q,"chainId":%d,"verifyingContract":%q}`, td.Domain.Name, td.Domain.Version, td.Domain.ChainID, td.Domain.VerifyingContract)
	if err := json.Unmarshal([]byte(raw), &doc.Domain); err != nil {
		t.Fatal(err)
	}
	doc.Types, doc.PrimaryType, doc.Message = types, td.PrimaryType, msg
	digest, _, err := apitypes.TypedDataAndHash(doc)
	if err != nil {
		t.Fatal(err)
	}
	sig, err := crypto.Sign(digest, a.key)
	if err != nil {
		t.Fatal(err)
	}
	sig[64] += 27
	return "0x" + hex.EncodeToString(sig)
}

// signedIntent is the body of POST /intents accepting q, signed by a.
func signedIntent(t testing.TB, a account, q wire.Quote) map[string]string {
	t.Helper()
	return map[string]string{"quote_id": q.QuoteID, "intent_signature": signTyped(t, a, q.IntentTypedData),
		"funding_signature": signTyped(t, a, q.FundingTypedData)}
}

func (e *env) createIntent(a account, key string, body map[string]string) resp {
	e.t.Helper()
	return e.do(req{method: "POST", path: "/intents", body: mustJSON(e.t, body), as: &a, header: map[string]string{"Idempotency-Key": key}})
}

func TestQuoteAndIntent(t *testing.T) {
	t.Parallel()
	for _, token := range []string{"USDC", "AI"} {
		t.Run(token, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, api.Config{})
			alice, mallory := newAccount(t), newAccount(t)
			q := e.quote(alice, e.quoteBody(alice, token, "1000000000000000000000"))
			if q.Slots != 4 || q.Token != token || q.Spec.Hyperparameters.LearningRate != 0.001 || q.Spec.Hyperparameters.BatchSize != 8 {
				t.Fatalf("quote %+v", q)
			}
			if q.IntentTypedData.Message["buyer"] != strings.ToLower(alice.addr.String()) &&
				!strings.EqualFold(q.IntentTypedData.Message["buyer"], alice.addr.String()) {
				t.Fatalf("intent buyer %q", q.IntentTypedData.Message["buyer"])
			}
			if _, ok := q.IntentTypedData.Types["EIP712Domain"]; ok {
				t.Fatal("types must leave EIP712Domain out")
			}
			isig, fsig := signTyped(t, alice, q.IntentTypedData), signTyped(t, alice, q.FundingTypedData)
			good := map[string]string{"quote_id": q.QuoteID, "intent_signature": isig, "funding_signature": fsig}

			// Forged: the buyer's quote signed by another key.
			forged := map[string]string{"quote_id": q.QuoteID, "intent_signature": signTyped(t, mallory, q.IntentTypedData), "funding_signature": fsig}
			contains(t, e.createIntent(alice, "forged", forged).problem(t, 422, market.KindBadSignature).Detail, "intent_signature")
			forged = map[string]string{"quote_id": q.QuoteID, "intent_signature": isig, "funding_signature": signTyped(t, mallory, q.FundingTypedData)}
			contains(t, e.createIntent(alice, "forged2", forged).problem(t, 422, market.KindBadSignature).Detail, "funding_signature")
			// Someone else's quote is invisible.
			e.createIntent(mallory, "steal", good).problem(t, 404, market.KindNotFound)

			r := e.createIntent(alice, "k1", good)
			if r.status != 201 {
				t.Fatalf("create: %d %s", r.status, r.body)
			}
			var in wire.Intent
			r.json(t, &in)
			if in.ID != q.IntentID || in.State != "funding" || !strings.EqualFold(in.Buyer, alice.addr.String()) || in.Price != q.Price || in.SpecHash != q.SpecHash {
				t.Fatalf("intent %+v, quote %+v", in, q)
			}

			// Same key, same body: the same response.
			again := e.createIntent(alice, "k1", good)
			if again.status != 201 || string(again.body) != string(r.body) || again.header.Get("Idempotent-Replayed") != "true" {
				t.Fatalf("replay: %d %s", again.status, again.body)
			}
			// Same key, other body.
			other := map[string]string{"quote_id": q.QuoteID, "intent_signature": fsig, "funding_signature": isig}
			e.createIntent(alice, "k1", other).problem(t, 422, market.KindInconsistent)
			// Another key: the quote is used.
			contains(t, e.createIntent(alice, "k2", good).problem(t, 409, market.KindConflict).Detail, "already used")

			got := e.do(req{method: "GET", path: "/intents/" + in.ID, as: &alice})
			var read wire.IntentDetail
			got.json(t, &read)
			txs := read.Transactions
			read.Transactions = nil
			// Unfunded: no job, no slots yet, and no result.
			if got.status != 200 || read.Slots == nil || len(read.Slots) != 0 || read.Result != nil {
				t.Fatalf("get: %d %s", got.status, got.body)
			}
			read.Intent.Slots = in.Slots // listed on GET /intents/{id}, not counted
			if !reflect.DeepEqual(read.Intent, in) {
				t.Fatalf("get: %d %s", got.status, got.body)
			}
			// The funding is relayed: recorded, to be sent by the relayer.
			if len(txs) != 1 || txs[0].Kind != "fund" || txs[0].Status != "queued" {
				t.Fatalf("transactions %+v, want the funding queued", txs)
			}
			e.do(req{method: "GET", path: "/intents/" + in.ID, as: &mallory}).problem(t, 404, market.KindNotFound)
		})
	}
}

func TestQuoteRefusals(t *testing.T) {
	t.Parallel()
	e := newEnv(t, api.Config{})
	alice := newAccount(t)
	base := e.quoteBody(alice, "USDC", "1000000000")
	tests := []struct {
		name   string
		change func(map[string]any)
		status int
		kind   market.Kind
		detail string
	}{
		{"price above max", func(b map[string]any) { b["max_price"] = "5" }, 422, market.KindPriceTooHigh, "the price is 10000 base units"}, // max(100 steps × 4 slots × 1 MiB × 10, minimum 10000),
		{"unknown field", func(b map[string]any) { b["colour"] = "red" }, 400, market.KindInvalid, "colour"},
		{"bad token", func(b map[string]any) { b["token"] = "DOGE" }, 400, market.KindInvalid, "token"},
		{"negative max price", func(b map[string]any) { b["max_price"] = "-1" }, 400, market.KindInvalid, "max_price"},
		{"max price not a number", func(b map[string]any) { b["max_price"] = "1e9" }, 400, market.KindInvalid, "max_price"},
		{"bad deadline", func(b map[string]any) { b["deadline"] = "tomorrow" }, 400, market.KindInvalid, "RFC 3339"},
		{"steps too large", func(b map[string]any) { b["steps"] = 1 << 31 }, 400, market.KindInvalid, "steps"},
		{"steps wrong type", func(b map[string]any) { b["steps"] = "ten" }, 400, market.KindInvalid, "steps"},
		{"unknown model", func(b map[string]any) { b["base_model"] = "sha256:" + strings.Repeat("0", 64) }, 404, market.KindNotFound, "not found"},
		{"unknown method", func(b map[string]any) { b["method"] = "dora" }, 400, market.KindInvalid, `method "dora"`},
		{"LoRA settings without the method", func(b map[string]any) { b["lora_r"] = 4 }, 400, market.KindInvalid, "lora_r"},
		{"LoRA of an unknown module", func(b map[string]any) {
			b["method"], b["lora_r"], b["lora_alpha"], b["lora_targets"] = "lora", 4, 8, []string{"c_attn", "wte"}
		}, 400, market.KindInvalid, `unknown module "wte"`},
		{"LoRA of a module twice", func(b map[string]any) {
			b["method"], b["lora_r"], b["lora_alpha"], b["lora_targets"] = "lora", 4, 8, []string{"c_fc", "c_fc"}
		}, 400, market.KindInvalid, "named twice"},
		{"LoRA of no module", func(b map[string]any) {
			b["method"], b["lora_r"], b["lora_alpha"], b["lora_targets"] = "lora", 4, 8, []string{}
		}, 400, market.KindInvalid, "none given"},
		{"LoRA of a negative rank", func(b map[string]any) {
			b["method"], b["lora_r"], b["lora_alpha"], b["lora_targets"] = "lora", -4, 8, []string{"c_fc"}
		}, 400, market.KindInvalid, "lora_r"},
		{"LoRA of rank 2³²", func(b map[string]any) {
			b["method"], b["lora_r"], b["lora_alpha"], b["lora_targets"] = "lora", 1<<32, 8, []string{"c_fc"}
		}, 400, market.KindInvalid, "lora_r"},
		{"LoRA of a negative alpha", func(b map[string]any) {
			b["method"], b["lora_r"], b["lora_alpha"], b["lora_targets"] = "lora", 4, -1, []string{"c_fc"}
		}, 400, market.KindInvalid, "lora_alpha"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := map[string]any{}
			for k, v := range base {
				b[k] = v
			}
			tt.change(b)
			r := e.do(req{method: "POST", path: "/intents/quote", body: mustJSON(t, b), as: &alice, header: map[string]string{"X-Test-Invalid": "1"}})
			p := r.problem(t, tt.status, tt.kind)
			contains(t, p.Detail, tt.detail)
			if tt.kind == market.KindPriceTooHigh && p.Price != "10000" {
				t.Fatalf("problem price %q", p.Price)
			}
		})
	}
	for _, body := range []string{"", "null", "[]", "{", `{"token":"USDC"} {}`, `"x"`, strings.Repeat("[", 10000)} {
		r := e.do(req{method: "POST", path: "/intents/quote", body: []byte(body), as: &alice, header: map[string]string{"X-Test-Invalid": "1"}})
		if r.status != 400 {
			t.Fatalf("body %.20q: %d %s", body, r.status, r.body)
		}
	}
	big := []byte(`{"token":"` + strings.Repeat("a", 70_000) + `"}`)
	e.do(req{method: "POST", path: "/intents/quote", body: big, as: &alice, header: map[string]string{"X-Test-Invalid": "1"}}).problem(t, 413, market.KindTooLarge)
}

func TestIntentExpiredAndInFlight(t *testing.T) {
	t.Parallel()
	e := newEnv(t, api.Config{})
	alice := newAccount(t)
	q := e.quote(alice, e.quoteBody(alice, "USDC", "1000000000"))
	body := signedIntent(t, alice, q)

	// A duplicate while the first is in flight: the key is held.
	sum := sha256.Sum256(mustJSON(t, body))
	if rec, err := e.store.BeginIdempotent(context.Background(), alice.addr, "busy", market.Hash(sum)); err != nil || rec != nil {
		t.Fatalf("claim: %v %v", rec, err)
	}
	e.createIntent(alice, "busy", body).problem(t, 409, market.KindConflict)
	e.do(req{method: "POST", path: "/intents", body: mustJSON(t, body), as: &alice, header: map[string]string{"X-Test-Invalid": "1"}}).problem(t, 400, market.KindInvalid)

	e.clock.Add(10 * time.Minute)
	e.createIntent(alice, "late", body).problem(t, 410, market.KindExpired)
	// The refusal is stored under the key, like a success would be.
	r := e.createIntent(alice, "late", body)
	if r.status != 410 || r.header.Get("Idempotent-Replayed") != "true" {
		t.Fatalf("replayed refusal: %d", r.status)
	}
}

func TestConcurrentDuplicates(t *testing.T) {
	t.Parallel()
	e := newEnv(t, api.Config{})
	alice := newAccount(t)
	q := e.quote(alice, e.quoteBody(alice, "USDC", "1000000000"))
	body := signedIntent(t, alice, q)
	const n = 8
	reqs := make([]*http.Request, n)
	for i := range reqs {
		reqs[i] = e.newRequest(req{method: "POST", path: "/intents", body: mustJSON(t, body), as: &alice, header: map[string]string{"Idempotency-Key": "same"}})
	}
	statuses := make([]int, n)
	var wg sync.WaitGroup
	for i := range reqs {
		wg.Go(func() {
			res, err := http.DefaultClient.Do(reqs[i])
			if err == nil {
				statuses[i] = res.StatusCode
				res.Body.Close()
			}
		})
	}
	wg.Wait()
	created := 0
	for _, s := range statuses {
		switch s {
		case 201:
			created++ // the first, or a replay of it
		case 409: // in flight
		default:
			t.Fatalf("statuses %v", statuses)
		}
	}
	if created == 0 {
		t.Fatalf("statuses %v", statuses)
	}
	list := e.do(req{method: "GET", path: "/intents", as: &alice})
	var l wire.IntentList
	list.json(t, &l)
	if len(l.Data) != 1 {
		t.Fatalf("%d intents from one quote", len(l.Data))
	}
}

// TestIntentTextTheDatabaseCannotHold: an Idempotency-Key that is not
// UTF-8 is a 400, and a quote_id with a NUL (JSON's \u0000) is a quote not
// found, not a database error; sent among honest requests, which share
// their batches with them, neither fails the honest ones.
func TestIntentTextTheDatabaseCannotHold(t *testing.T) {
	t.Parallel()
	e := newEnv(t, api.Config{})
	alice, mallory := newAccount(t), newAccount(t)
	const n = 8
	bodies := make([]map[string]string, n)
	for i := range bodies {
		bodies[i] = signedIntent(t, alice, e.quote(alice, e.quoteBody(alice, "USDC", "1000000000")))
	}
	mq := e.quote(mallory, e.quoteBody(mallory, "USDC", "1000000000"))
	bad := signedIntent(t, mallory, mq)
	statuses := make([]int, 3*n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { statuses[i] = e.createIntent(alice, fmt.Sprint("honest", i), bodies[i]).status })
		wg.Go(func() {
			statuses[n+i] = e.do(req{method: "POST", path: "/intents", body: mustJSON(t, bad), as: &mallory, noValidate: true,
				header: map[string]string{"Idempotency-Key": fmt.Sprint("k\xff", i)}}).status
		})
		wg.Go(func() {
			nul := map[string]string{"quote_id": mq.QuoteID + "\x00", "intent_signature": bad["intent_signature"], "funding_signature": bad["funding_signature"]}
			statuses[2*n+i] = e.createIntent(mallory, fmt.Sprint("nul", i), nul).status
		})
	}
	wg.Wait()
	for i, s := range statuses {
		want := []int{201, 400, 404}[i/n]
		if s != want {
			t.Fatalf("request %d (%s): %d, want %d; all: %v", i, []string{"honest", "key not UTF-8", "quote_id with NUL"}[i/n], s, want, statuses)
		}
	}
}

func TestListIntentsAndEvents(t *testing.T) {
	t.Parallel()
	e := newEnv(t, api.Config{HeartbeatInterval: time.Minute})
	alice, bob := newAccount(t), newAccount(t)
	qb := e.quoteBody(alice, "USDC", "1000000000")
	var ids []string
	for i := range 3 {
		q := e.quote(alice, qb)
		r := e.createIntent(alice, fmt.Sprint("k", i), signedIntent(t, alice, q))
		var in wire.Intent
		r.json(t, &in)
		ids = append(ids, in.ID)
	}
	var l wire.IntentList
	e.do(req{method: "GET", path: "/intents?limit=2", as: &alice}).json(t, &l)
	if len(l.Data) != 2 || !l.HasMore || l.Data[0].ID != ids[2] || l.Data[1].ID != ids[1] {
		t.Fatalf("page 1: %+v", l)
	}
	e.do(req{method: "GET", path: "/intents?limit=2&starting_after=" + ids[1], as: &alice}).json(t, &l)
	if len(l.Data) != 1 || l.HasMore || l.Data[0].ID != ids[0] {
		t.Fatalf("page 2: %+v", l)
	}
	e.do(req{method: "GET", path: "/intents", as: &bob}).json(t, &l)
	if len(l.Data) != 0 || l.HasMore {
		t.Fatalf("bob sees %+v", l)
	}
	e.do(req{method: "GET", path: "/intents?limit=0", as: &alice, header: map[string]string{"X-Test-Invalid": "1"}}).problem(t, 400, market.KindInvalid)

	// The event stream: the first events, then heartbeats; resumable.
	stream := func(lastID string) (*bufio.Reader, func()) { return e.stream(alice, ids[0], lastID) }
	next := func(br *bufio.Reader) string { return nextEvent(t, br) }
	br, done := stream("")
	ev := next(br)
	if !strings.HasPrefix(ev, "id: ") || !strings.Contains(ev, "event: state") || !strings.Contains(ev, `"state":"funding"`) {
		t.Fatalf("first event %q", ev)
	}
	// Then the funding the server relays, queued.
	if ev = next(br); !strings.Contains(ev, "event: transaction") || !strings.Contains(ev, `"kind":"fund"`) {
		t.Fatalf("second event %q", ev)
	}
	lastID := strings.TrimPrefix(strings.SplitN(ev, "\n", 2)[0], "id: ")
	e.clock.Add(2 * time.Minute)
	if hb := next(br); hb != ": heartbeat" {
		t.Fatalf("want a heartbeat, got %q", hb)
	}
	done()
	br, done = stream(lastID)
	e.clock.Add(2 * time.Minute)
	if hb := next(br); hb != ": heartbeat" {
		t.Fatalf("resumed stream: want only a heartbeat, got %q", hb)
	}
	done()
	e.do(req{method: "GET", path: "/intents/" + ids[0] + "/events", as: &bob}).problem(t, 404, market.KindNotFound)
}

func TestWorkersAndJobs(t *testing.T) {
	t.Parallel()
	e := newEnv(t, api.Config{})
	w := newAccount(t)
	peer := "12D3KooWJWoaqZhDaoEFshF7Rh1bpY9ohihFhzcW6d69Lr2NASuq"
	r := e.do(req{method: "POST", path: "/workers", as: &w,
		body: []byte(`{"peer_id":"` + peer + `","multiaddrs":["/ip4/127.0.0.1/tcp/4001"],"capacity":2}`)})
	var wk wire.Worker
	r.json(t, &wk)
	if r.status != 200 || wk.PeerID != peer || wk.Capacity != 2 || !strings.EqualFold(wk.Address, w.addr.String()) {
		t.Fatalf("worker %d %+v", r.status, wk)
	}
	for _, bad := range []string{
		`{"peer_id":"nope","multiaddrs":["/ip4/1.2.3.4/tcp/1"],"capacity":1}`,
		`{"peer_id":"` + peer + `","multiaddrs":[],"capacity":1}`,
		`{"peer_id":"` + peer + `","multiaddrs":["ip4"],"capacity":1}`,
		`{"peer_id":"` + peer + `","multiaddrs":["/ip4/1.2.3.4/tcp/1"],"capacity":0}`,
		`{"peer_id":"` + peer + `","multiaddrs":["/ip4/1.2.3.4/tcp/1"],"capacity":1,"extra":1}`,
	} {
		e.do(req{method: "POST", path: "/workers", as: &w, body: []byte(bad), header: map[string]string{"X-Test-Invalid": "1"}}).problem(t, 400, market.KindInvalid)
	}

	// Jobs come from the matcher (next issue); here they are written through the Store.
	ids := seedJobs(t, e, 3)
	var l wire.JobList
	e.do(req{method: "GET", path: "/jobs"}).json(t, &l)
	if len(l.Data) != 3 || l.HasMore || l.Data[0].ID != ids[0] || l.Data[0].FreeSlots != 4 || l.Data[0].PayPerSlot != "100" {
		t.Fatalf("jobs %+v", l)
	}
	e.do(req{method: "GET", path: "/jobs?limit=1&starting_after=" + ids[0]}).json(t, &l)
	if len(l.Data) != 1 || !l.HasMore || l.Data[0].ID != ids[1] {
		t.Fatalf("page %+v", l)
	}
	e.do(req{method: "GET", path: "/jobs?token=AI&min_pay=200"}).json(t, &l)
	if len(l.Data) != 1 || l.Data[0].ID != ids[2] {
		t.Fatalf("filtered %+v", l)
	}
	for _, q := range []string{"token=DOGE", "min_pay=-3", "max_model_size=0", "limit=101", "starting_after=0x12"} {
		e.do(req{method: "GET", path: "/jobs?" + q, header: map[string]string{"X-Test-Invalid": "1"}}).problem(t, 400, market.KindInvalid)
	}
}

// seedJobs creates n intents through the API and a job for each through the store.
func seedJobs(t testing.TB, e *env, n int) []string {
	t.Helper()
	buyer := newAccount(t)
	ctx := context.Background()
	var ids []string
	for i := range n {
		token := "AI"
		if i%2 == 1 {
			token = "USDC"
		}
		q := e.quote(buyer, e.quoteBody(buyer, token, "1000000000000000000000"))
		r := e.createIntent(buyer, fmt.Sprint("j", i), signedIntent(t, buyer, q))
		if r.status != 201 {
			t.Fatalf("intent: %d %s", r.status, r.body)
		}
		id, _ := market.ParseHash(q.IntentID)
		err := e.store.CreateJob(ctx, market.Job{ID: id, Token: market.Token(token), Slots: 4, FreeSlots: 4,
			PayPerSlot: big.NewInt(int64(100 * (i + 1))), StakePerSlot: big.NewInt(50), ModelSize: 4096, Steps: 100,
			Deadline: e.clock.Now().Add(24 * time.Hour), CreatedAt: e.clock.Now()})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, q.IntentID)
	}
	return ids
}

// stream opens the event stream of intent id as a, after lastID when set;
// done closes it.
func (e *env) stream(a account, id, lastID string) (br *bufio.Reader, done func()) {
	e.t.Helper()
	hr := e.newRequest(req{method: "GET", path: "/intents/" + id + "/events", as: &a})
	if lastID != "" {
		hr.Header.Set("Last-Event-ID", lastID)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	res, err := http.DefaultClient.Do(hr.WithContext(ctx))
	if err != nil {
		e.t.Fatal(err)
	}
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "text/event-stream" {
		e.t.Fatalf("stream: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	return bufio.NewReader(res.Body), func() { cancel(); res.Body.Close() }
}

// nextEvent reads the next event (or comment) of a stream, without its
// retry line.
func nextEvent(t testing.TB, br *bufio.Reader) string {
	t.Helper()
	var lines []string
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			t.Fatalf("stream ended: %v", err)
		}
		line = strings.TrimRight(line, "\n")
		if line == "" {
			if len(lines) > 0 {
				return strings.Join(lines, "\n")
			}
			continue
		}
		if !strings.HasPrefix(line, "retry:") {
			lines = append(lines, line)
		}
	}
}
