package api_test

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/axl-market/axl/api"
	"github.com/axl-market/axl/api/wire"
	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/market/clocktest"
	"github.com/axl-market/axl/market/postgres/pgtest"
)

// privateValues are what only the buyer may read of an intent: none may
// appear in a public answer.
func privateValues(t *testing.T, in wire.IntentDetail) map[string]string {
	t.Helper()
	return map[string]string{
		"quote id": in.QuoteID, "intent signature": in.IntentSignature, "funding signature": in.FundingSignature,
		"nonce": `"` + in.Nonce + `"`, "base model": in.Spec.BaseModel, "dataset": in.Spec.Dataset, "seed": `"` + in.Spec.Seed + `"`,
	}
}

func leaksNothing(t *testing.T, what string, body []byte, private map[string]string) {
	t.Helper()
	for name, v := range private {
		if strings.Contains(string(body), v) {
			t.Errorf("%s shows the %s %s", what, name, v)
		}
	}
}

// publicStream opens the public event stream of intent id, with no signature.
func (e *env) publicStream(id string) (*http.Response, *bufio.Reader, func()) {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	hr, _ := http.NewRequestWithContext(ctx, "GET", e.srv.URL+"/public/intents/"+id+"/events", nil)
	res, err := http.DefaultClient.Do(hr)
	if err != nil {
		e.t.Fatal(err)
	}
	return res, bufio.NewReader(res.Body), func() { cancel(); res.Body.Close() }
}

// TestPublicViews reads a running, then paid, job as an anonymous client:
// the counters, the list, the record with its chain facts and payouts, and
// the event stream, with nothing of the buyer's private part in any.
func TestPublicViews(t *testing.T) {
	t.Parallel()
	e := newEnv(t, api.Config{HeartbeatInterval: time.Minute})
	buyer := newAccount(t)
	q, id, workers := e.runningJob(buyer)
	for i, w := range workers[:3] {
		e.registerWorker(w, i)
	}
	if r := e.post(workers[1], "/jobs/"+q.IntentID+"/progress", map[string]any{"step": 20, "loss": 2.5, "tokens_per_second": 900}); r.status != 204 {
		t.Fatalf("progress: %d %s", r.status, r.body)
	}
	commitment := commitmentOf(id, workers[0].addr, market.Hash{7}, market.Hash{8})
	if r := e.post(workers[0], "/jobs/"+q.IntentID+"/commit", map[string]string{"commitment": commitment.String()}); r.status != 200 && r.status != 204 {
		t.Fatalf("commit: %d %s", r.status, r.body)
	}
	// A hostile or careless writer of the log: a type nobody listed, and a
	// listed type carrying a member nobody listed.
	pool := e.store.Pool()
	for _, ev := range []struct{ typ, data string }{
		{"secret", `{"funding_signature":"0xdeadbeefcafe"}`},
		{"progress", `{"slot":1,"step":30,"loss":2.25,"tokens_per_second":950,"dataset":"sha256:feedfacefeedface"}`},
	} {
		if _, err := pool.Exec(t.Context(), `INSERT INTO intent_events (intent_id, type, state, data, created_at) VALUES ($1, $2, 'running', $3, now())`,
			id[:], ev.typ, ev.data); err != nil {
			t.Fatal(err)
		}
	}
	private := privateValues(t, e.intentDetail(buyer, q.IntentID))
	private["commitment"] = commitment.String()
	private["unlisted member"] = "feedfacefeedface"
	private["unlisted event"] = "deadbeefcafe"

	var st wire.MarketStats
	r := e.do(req{method: "GET", path: "/public/stats"})
	r.json(t, &st)
	cur, err := e.store.ChainCursor(t.Context(), "test")
	if err != nil {
		t.Fatal(err)
	}
	if st.IntentsByState["running"] != 1 || st.IntentsByState["released"] != 0 || len(st.IntentsByState) != len(market.IntentStates) ||
		st.Workers != 3 || st.Chain.Head != cur.Number || st.Chain.ChainID != 1337 || st.Chain.Escrow == "" {
		t.Fatalf("stats %+v, cursor %d", st, cur.Number)
	}

	other := newAccount(t)
	q2, _ := e.fundedIntent(other)
	var list wire.PublicIntentList
	r = e.do(req{method: "GET", path: "/public/intents?limit=1"})
	r.json(t, &list)
	if len(list.Data) != 1 || list.Data[0].ID != q2.IntentID || !list.HasMore {
		t.Fatalf("first page %+v", list)
	}
	r = e.do(req{method: "GET", path: "/public/intents?limit=5&starting_after=" + q2.IntentID})
	r.json(t, &list)
	if len(list.Data) != 1 || list.Data[0].ID != q.IntentID || list.HasMore || list.Data[0].State != "running" ||
		!strings.EqualFold(list.Data[0].Buyer, buyer.addr.String()) || list.Data[0].Price != q.Price || list.Data[0].Slots != 4 {
		t.Fatalf("second page %+v", list)
	}
	leaksNothing(t, "GET /public/intents", r.body, private)

	weights := market.Hash{0xee, 1}
	result := map[string]any{"weights_hash": weights.String(), "trace_root": market.Hash{7}.String(), "window_end": "1"}
	e.chainSays(id, chainEvent("ResultSubmitted", result), chainEvent("Released", result),
		chainEvent("Paid", map[string]any{"slot": 0, "worker": workers[0].addr.String(), "amount": "2500"}),
		chainEvent("Slashed", map[string]any{"slot": 3, "worker": workers[3].addr.String(), "amount": "1250"}))
	var d wire.PublicIntentDetail
	r = e.do(req{method: "GET", path: "/public/intents/" + q.IntentID})
	r.json(t, &d)
	leaksNothing(t, "GET /public/intents/{id}", r.body, private)
	if len(d.Slots) != 4 || !d.Slots[0].Committed || d.Slots[0].Commitment != "" || d.Slots[1].Progress == nil || d.Slots[1].Progress.Loss != 2.5 {
		t.Fatalf("slots %+v", d.Slots)
	}
	if names := len(d.ChainEvents); names != 1+4+1+4 || d.ChainEvents[0].Name != "Funded" || d.ChainEvents[9].Name != "Slashed" {
		t.Fatalf("chain events %+v", d.ChainEvents)
	}
	if d.State != "released" || d.Result == nil || "0x"+d.Result.WeightsSHA256 != weights.String() || d.Result.ReleaseTx == "" {
		t.Fatalf("state %s, result %+v", d.State, d.Result)
	}
	if len(d.Payouts) != 2 || d.Payouts[0].Kind != "paid" || *d.Payouts[0].Slot != 0 || d.Payouts[0].Amount != "2500" ||
		d.Payouts[1].Kind != "slashed" || *d.Payouts[1].Slot != 3 || !strings.EqualFold(d.Payouts[1].Account, workers[3].addr.String()) {
		t.Fatalf("payouts %+v", d.Payouts)
	}
	if len(d.Transactions) == 0 || d.Transactions[0].Kind != "fund" {
		t.Fatalf("transactions %+v", d.Transactions)
	}

	// The stream, to anyone: progress with its loss, the unlisted event
	// and member dropped.
	res, br, done := e.publicStream(q.IntentID)
	defer done()
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("public stream: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	var all strings.Builder
	var losses []float64
	for len(losses) < 2 {
		ev := nextEvent(t, br)
		all.WriteString(ev + "\n")
		if !strings.Contains(ev, "event: progress") {
			continue
		}
		var got wire.IntentEvent
		if err := json.Unmarshal([]byte(ev[strings.Index(ev, "data: ")+6:]), &got); err != nil {
			t.Fatal(err)
		}
		var p struct{ Loss float64 }
		json.Unmarshal(got.Data, &p)
		losses = append(losses, p.Loss)
	}
	if losses[0] != 2.5 || losses[1] != 2.25 {
		t.Fatalf("losses %v", losses)
	}
	leaksNothing(t, "the public stream", []byte(all.String()), private)
	if strings.Contains(all.String(), "event: secret") {
		t.Error("the public stream sent an unlisted event type")
	}
}

// TestPublicRefusals: bad ids, unknown intents, the per-IP request rate
// and stream places, and a final intent's stream.
func TestPublicRefusals(t *testing.T) {
	t.Parallel()
	e := newEnv(t, api.Config{Limits: api.Limits{StreamsPerAddress: 1}})
	unknown := market.Hash{9}.String()
	tests := []struct {
		path   string
		header map[string]string
		status int
		kind   market.Kind
	}{
		{"/public/intents/0x12", nil, 400, market.KindInvalid},
		{"/public/intents/" + unknown + "/events", map[string]string{"Last-Event-ID": "-1"}, 400, market.KindInvalid},
		{"/public/intents/" + unknown, nil, 404, market.KindNotFound},
		{"/public/intents/" + unknown + "/events", nil, 404, market.KindNotFound},
		{"/public/intents?limit=0", nil, 400, market.KindInvalid},
		{"/public/intents?starting_after=nope", nil, 400, market.KindInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			e.do(req{method: "GET", path: tt.path, header: tt.header}).problem(t, tt.status, tt.kind)
		})
	}
	buyer := newAccount(t)
	q, id := e.fundedIntent(buyer)
	// One stream per client IP here: the second waits for the first.
	res, _, done := e.publicStream(q.IntentID)
	if res.StatusCode != 200 {
		t.Fatalf("first stream: %d", res.StatusCode)
	}
	second, _, done2 := e.publicStream(q.IntentID)
	if second.StatusCode != 429 || second.Header.Get("Retry-After") == "" || !strings.Contains(second.Header.Get("RateLimit-Policy"), "ip-streams") {
		t.Fatalf("second stream: %d %v", second.StatusCode, second.Header)
	}
	done2()
	done()
	eventually(t, 5*time.Second, "the stream place freed", func() bool {
		r, _, d := e.publicStream(q.IntentID)
		defer d()
		return r.StatusCode == 200
	})
	// A final intent's stream sends its log and ends; past its end, 204.
	e.chainSays(id, chainEvent("Cancelled", map[string]any{}))
	eventually(t, 5*time.Second, "a final intent's stream to end with 204", func() bool {
		r, br, d := e.publicStream(q.IntentID)
		defer d()
		if r.StatusCode != 200 {
			return false
		}
		var last string
		for {
			line, err := br.ReadString('\n')
			if err != nil {
				break
			}
			if strings.HasPrefix(line, "id: ") {
				last = strings.TrimSpace(strings.TrimPrefix(line, "id: "))
			}
		}
		hr, _ := http.NewRequest("GET", e.srv.URL+"/public/intents/"+q.IntentID+"/events", nil)
		hr.Header.Set("Last-Event-ID", last)
		after, err := http.DefaultClient.Do(hr)
		if err != nil {
			t.Fatal(err)
		}
		after.Body.Close()
		return after.StatusCode == 204
	})
}

// TestPublicRateLimited: the public routes spend the client IP's requests.
func TestPublicRateLimited(t *testing.T) {
	t.Parallel()
	e := newEnv(t, api.Config{Limits: api.Limits{IPRequests: api.Bucket{N: 2, Per: time.Hour}}})
	for range 2 {
		if r := e.do(req{method: "GET", path: "/public/stats"}); r.status != 200 {
			t.Fatalf("stats: %d %s", r.status, r.body)
		}
	}
	r := e.do(req{method: "GET", path: "/public/intents"})
	r.problem(t, 429, "rate-limited")
	if r.header.Get("Retry-After") == "" {
		t.Fatal("no Retry-After")
	}
}

// TestPageMounted: the page is served at / and under /assets/, behind the
// client IP's rate limit like every route; other paths stay the API's.
func TestPageMounted(t *testing.T) {
	t.Parallel()
	store, _ := pgtest.NewStoreURL(t)
	page := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("page " + r.URL.Path)) })
	s := api.New(api.Config{Limits: api.Limits{IPRequests: api.Bucket{N: 3, Per: time.Hour}}},
		api.Deps{Store: store, Clock: clocktest.New(time.Now()), Page: page})
	srv := httptest.NewServer(s)
	defer srv.Close()
	get := func(path string) (int, string) {
		t.Helper()
		res, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	for _, tt := range []struct {
		path   string
		status int
		body   string
	}{
		{"/", 200, "page /"},
		{"/assets/app.js", 200, "page /assets/app.js"},
		{"/nowhere", 404, "no route"},
		{"/", 429, "client IP"},
	} {
		if status, body := get(tt.path); status != tt.status || !strings.Contains(body, tt.body) {
			t.Errorf("GET %s: %d %q, want %d %q", tt.path, status, body, tt.status, tt.body)
		}
	}
}
