package api_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/axl-market/axl/api"
	"github.com/axl-market/axl/api/wire"
	"github.com/axl-market/axl/market"
)

// day is the period of the buckets of these tests: every signed request
// moves the test clock by a second, which must not refill them visibly.
const day = 24 * time.Hour

// wantLimited checks a 429 answer: the problem, Retry-After, and the
// RateLimit-Policy and RateLimit items of the named policy.
func wantLimited(t testing.TB, r resp, policy string, quota int64, unit string, retry int64) {
	t.Helper()
	r.problem(t, http.StatusTooManyRequests, "rate-limited")
	// Each signed request of the test moves the clock by a second.
	got, err := strconv.ParseInt(r.header.Get("Retry-After"), 10, 64)
	if err != nil || got > retry || got < retry-60 {
		t.Fatalf("Retry-After %q, want %d s or a little less", r.header.Get("Retry-After"), retry)
	}
	pol := r.header.Get("RateLimit-Policy")
	if !strings.HasPrefix(pol, fmt.Sprintf(`%q;q=%d;qu=%q`, policy, quota, unit)) {
		t.Fatalf("RateLimit-Policy %q, want policy %q of %d %s", pol, policy, quota, unit)
	}
	state := r.header.Get("RateLimit")
	if !regexp.MustCompile(`^"` + regexp.QuoteMeta(policy) + `";r=\d+;t=` + strconv.FormatInt(got, 10) + `$`).MatchString(state) {
		t.Fatalf("RateLimit %q, want policy %q with t=%d", state, policy, got)
	}
}

// metric reads one sample of the server's /metrics, -1 if absent.
func (e *env) metric(line string) float64 {
	e.t.Helper()
	r := e.do(req{method: "GET", path: "/metrics"})
	for l := range strings.SplitSeq(string(r.body), "\n") {
		if v, ok := strings.CutPrefix(l, line+" "); ok {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				e.t.Fatal(err)
			}
			return f
		}
	}
	return -1
}

// TestIPOverItsLimit: one client IP gets its bucket and then 429s that
// say when to come back, on public and signed routes alike, and a body
// it sends with a refused request is never read.
func TestIPOverItsLimit(t *testing.T) {
	t.Parallel()
	e := newEnv(t, api.Config{Limits: api.Limits{IPRequests: api.Bucket{N: 5, Per: day}}})
	for i := range 5 {
		if r := e.do(req{method: "GET", path: "/jobs"}); r.status != 200 {
			t.Fatalf("request %d: %d %s", i, r.status, r.body)
		}
	}
	wantLimited(t, e.do(req{method: "GET", path: "/jobs", noValidate: true}), "ip", 5, "requests", int64(day/5/time.Second))
	// A signed upload from the same IP is refused before its body: the
	// answer comes with only the headers sent, on a closing connection.
	alice := newAccount(t)
	body := bytes.Repeat([]byte("x"), 1<<20)
	hr := e.newRequest(req{method: "POST", path: "/artifacts", body: body, contentType: "text/plain", as: &alice})
	c := e.dialRaw(hr, int64(len(body)))
	r := c.response(5 * time.Second)
	if r.status != http.StatusTooManyRequests || !c.closed {
		t.Fatalf("upload over the IP limit: %d closed=%v %s", r.status, c.closed, r.body)
	}
	e.noTmpFiles()
	// A fifth of the period later, one request more.
	e.clock.Add(day / 5)
	if r := e.do(req{method: "GET", path: "/jobs"}); r.status != 200 {
		t.Fatalf("after the refill: %d %s", r.status, r.body)
	}
	e.do(req{method: "GET", path: "/jobs", noValidate: true}).problem(t, http.StatusTooManyRequests, "rate-limited")
}

// TestFloodOfFreshKeys: keys are free, so a flood of fresh addresses each
// get a bucket, but the server keeps at most MaxKeys of them; an abuser
// that keeps knocking stays refused however many fresh keys go by; and
// forged requests in an honest key's name do not spend its budget.
func TestFloodOfFreshKeys(t *testing.T) {
	t.Parallel()
	const maxKeys = 16
	e := newEnv(t, api.Config{Limits: api.Limits{AddressRequests: api.Bucket{N: 2, Per: day}, MaxKeys: maxKeys}})
	list := func(a account) resp { return e.do(req{method: "GET", path: "/intents", as: &a, noValidate: true}) }
	abuser := newAccount(t)
	for range 2 {
		if r := list(abuser); r.status != 200 {
			t.Fatalf("abuser's first requests: %d %s", r.status, r.body)
		}
	}
	wantLimited(t, list(abuser), "address", 2, "requests", int64(day/2/time.Second))
	for i := range 200 {
		if r := list(newAccount(t)); r.status != 200 {
			t.Fatalf("fresh key %d: %d %s", i, r.status, r.body)
		}
		if i%5 == 4 {
			list(abuser).problem(t, http.StatusTooManyRequests, "rate-limited")
		}
	}
	if n := e.metric(`axl_rate_limit_keys{limit="address"}`); n < 1 || n > maxKeys {
		t.Fatalf("the address limiter holds %v buckets, want at most %d", n, maxKeys)
	}
	// Forgeries in honest's name are refused unauthenticated and cost it nothing.
	honest, forger := newAccount(t), newAccount(t)
	for range 5 {
		hr := e.newRequest(req{method: "GET", path: "/intents", as: &forger})
		hr.Header.Set(wire.HeaderAddress, honest.addr.String())
		e.send(hr, req{noValidate: true}).problem(t, 401, market.KindUnauthorized)
	}
	for range 2 {
		if r := list(honest); r.status != 200 {
			t.Fatalf("honest after forgeries: %d %s", r.status, r.body)
		}
	}
}

// TestKeyOverItsQuota: the upload-bytes bucket and the stored-bytes quota
// of one address refuse its upload from its headers (nothing of the body
// read or kept) while another key uploads; artifacts an intent's quote
// uses no longer count against the quota.
func TestKeyOverItsQuota(t *testing.T) {
	t.Parallel()
	t.Run("stored", func(t *testing.T) {
		t.Parallel()
		// The quote body's model and dataset fit; one dataset more does not.
		e := newEnv(t, api.Config{Limits: api.Limits{StoredBytes: 40 << 10}})
		alice, bob := newAccount(t), newAccount(t)
		e.upload(alice, "text/plain", bytes.Repeat([]byte("a"), 30<<10))
		extra := bytes.Repeat([]byte("b"), 20<<10)
		hr := e.newRequest(req{method: "POST", path: "/artifacts", body: extra, contentType: "text/plain", as: &alice})
		c := e.dialRaw(hr, int64(len(extra))) // the body is never sent
		r := c.response(5 * time.Second)
		wantLimited(t, r, "stored", 40<<10, "content-bytes", int64(market.DefaultRetention.Artifacts/time.Second))
		contains(t, r.problem(t, 429, "rate-limited").Detail, "no intent uses")
		if !c.closed {
			t.Fatal("the refused upload's connection stays open")
		}
		e.noArtifact(alice, extra)
		e.noTmpFiles()
		e.upload(bob, "text/plain", extra) // another key is not concerned
	})
	t.Run("used artifacts are free", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t, api.Config{Limits: api.Limits{StoredBytes: 64 << 10}})
		alice := newAccount(t)
		qb := e.quoteBody(alice, "USDC", "1000000000000000000000")
		big := bytes.Repeat([]byte("c"), 60<<10)
		e.do(req{method: "POST", path: "/artifacts", body: big, contentType: "text/plain", as: &alice, noValidate: true}).
			problem(t, 429, "rate-limited")
		e.quote(alice, qb) // an open quote uses the model and the dataset
		e.upload(alice, "text/plain", big)
	})
	t.Run("upload bytes", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t, api.Config{Limits: api.Limits{UploadBytes: api.Bucket{N: 50 << 10, Per: day}}})
		alice, bob := newAccount(t), newAccount(t)
		e.upload(alice, "text/plain", bytes.Repeat([]byte("a"), 30<<10))
		second := bytes.Repeat([]byte("b"), 30<<10)
		hr := e.newRequest(req{method: "POST", path: "/artifacts", body: second, contentType: "text/plain", as: &alice})
		c := e.dialRaw(hr, int64(len(second)))
		r := c.response(5 * time.Second)
		// 10 KiB missing of 50 KiB a day: retry in a fifth of a day.
		wantLimited(t, r, "upload", 50<<10, "content-bytes", int64((day/5+time.Second-1)/time.Second))
		e.noArtifact(alice, second)
		e.upload(bob, "text/plain", second)
	})
}

// TestNearlyFullDisk: an upload that would take the artifacts' disk below
// the floor is refused with 507 before its body is read; /metrics shows
// the disk.
func TestNearlyFullDisk(t *testing.T) {
	t.Parallel()
	e := newEnv(t, api.Config{Limits: api.Limits{DiskFloor: 1 << 62}})
	alice := newAccount(t)
	body := []byte("a small dataset that still does not fit")
	r := e.do(req{method: "POST", path: "/artifacts", body: body, contentType: "text/plain", as: &alice})
	contains(t, r.problem(t, http.StatusInsufficientStorage, "insufficient-storage").Detail, "nearly full")
	e.noArtifact(alice, body)
	e.noTmpFiles()
	if free, floor := e.metric("axl_disk_free_bytes"), e.metric("axl_disk_floor_bytes"); free <= 0 || floor != 1<<62 {
		t.Fatalf("metrics: disk free %v, floor %v", free, floor)
	}
	if e.metric("axl_database_bytes") <= 0 || e.metric("axl_artifact_bytes") != 0 {
		t.Fatalf("metrics: database %v, artifacts %v", e.metric("axl_database_bytes"), e.metric("axl_artifact_bytes"))
	}
}

// registerCapable registers a as a worker that says it can hold n slots.
func (e *env) registerCapable(a account, n int) {
	e.t.Helper()
	r := e.do(req{method: "POST", path: "/workers", as: &a, body: fmt.Appendf(nil,
		`{"peer_id":"12D3KooWJWoaqZhDaoEFshF7Rh1bpY9ohihFhzcW6d69Lr2NASz","multiaddrs":["/ip4/10.0.0.1/tcp/4001"],"capacity":%d}`, n)})
	if r.status != 200 {
		e.t.Fatalf("register: %d %s", r.status, r.body)
	}
}

// TestClaimSquatter: a squatter with many keys takes every slot of a job
// and never stakes. Its claims expire in minutes, and each of its keys
// holds one unstaked claim at most, whatever capacity it registered, and
// claims at a bounded rate.
func TestClaimSquatter(t *testing.T) {
	t.Parallel()
	e := newEnv(t, api.Config{Limits: api.Limits{MaxPendingClaims: 1, Claims: api.Bucket{N: 2, Per: day}}})
	buyer := newAccount(t)
	qa, _ := e.fundedIntent(buyer)
	qb := e.quote(buyer, e.quoteBody(buyer, "USDC", "1000000000000000000000"))
	if r := e.createIntent(buyer, "k2", signedIntent(t, buyer, qb)); r.status != 201 {
		t.Fatalf("intent: %d %s", r.status, r.body)
	}
	idb, _ := market.ParseHash(qb.IntentID)
	e.chainSays(idb, chainEvent("Funded", map[string]any{}))

	squatters := make([]account, 4)
	var expires time.Time
	for i := range squatters {
		squatters[i] = newAccount(t)
		e.registerCapable(squatters[i], 64)
		r := e.claimSlot(squatters[i], qa.IntentID)
		if r.status != 201 {
			t.Fatalf("squatter %d: %d %s", i, r.status, r.body)
		}
		var c wire.Claim
		r.json(t, &c)
		if expires, _ = time.Parse(time.RFC3339, c.ExpiresAt); expires.Sub(e.clock.Now()) > api.DefaultConfig.ClaimTTL {
			t.Fatalf("a claim lives until %s, more than %s from now", c.ExpiresAt, api.DefaultConfig.ClaimTTL)
		}
	}
	honest := newAccount(t)
	e.registerCapable(honest, 1)
	contains(t, e.claimSlot(honest, qa.IntentID).problem(t, 409, market.KindConflict).Detail, "no free slot")
	// One unstaked claim per key: the squatter cannot take job B's slots with the same keys.
	for _, s := range squatters {
		contains(t, e.claimSlot(s, qb.IntentID).problem(t, 409, market.KindConflict).Detail, "not yet staked")
	}
	// And a key claims at a bounded rate (its third claim of the day).
	wantLimited(t, e.do(req{method: "POST", path: "/jobs/" + qb.IntentID + "/claims", as: &squatters[0]}),
		"claims", 2, "requests", int64(day/2/time.Second))
	// Minutes later the squatted slots are free again for the honest worker.
	e.clock.Set(expires.Add(time.Second))
	if r := e.claimSlot(honest, qa.IntentID); r.status != 201 {
		t.Fatalf("honest claim after the squat expired: %d %s", r.status, r.body)
	}
}

// TestStreamLimits: event streams are bounded per address (429) and in all
// (503), and a closed stream gives its place back.
func TestStreamLimits(t *testing.T) {
	t.Parallel()
	e := newEnv(t, api.Config{HeartbeatInterval: time.Minute, Limits: api.Limits{StreamsPerAddress: 1, Streams: 2}})
	open := func(a account, id string) resp {
		hr := e.newRequest(req{method: "GET", path: "/intents/" + id + "/events", as: &a})
		res, err := http.DefaultClient.Do(hr)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var body bytes.Buffer
		body.ReadFrom(bufio.NewReader(res.Body))
		return resp{status: res.StatusCode, header: res.Header, body: body.Bytes()}
	}
	alice, bob, carol := newAccount(t), newAccount(t), newAccount(t)
	qa, _ := e.fundedIntent(alice)
	qb, _ := e.fundedIntent(bob)
	qc, _ := e.fundedIntent(carol)
	_, doneA := e.stream(alice, qa.IntentID, "")
	before := e.nonces()
	r := open(alice, qa.IntentID)
	r.problem(t, 429, "rate-limited")
	if r.header.Get("RateLimit-Policy") != `"address-streams";q=1;qu="concurrent-requests"` || r.header.Get("Retry-After") == "" {
		t.Fatalf("headers %v", r.header)
	}
	// A stream refused for its places is refused before its nonce is
	// stored: a flood of them writes nothing.
	for range 5 {
		open(alice, qa.IntentID).problem(t, 429, "rate-limited")
	}
	// ... and before its signature is checked: a forged one in alice's
	// name is refused as hers (429, not 401), and spends nothing.
	forged := e.newRequest(req{method: "GET", path: "/intents/" + qa.IntentID + "/events", as: &carol})
	forged.Header.Set(wire.HeaderAddress, alice.addr.String())
	if res, err := http.DefaultClient.Do(forged); err != nil || res.StatusCode != 429 {
		t.Fatalf("a forged stream in the name of an address without places: %v %v, want 429 before the signature", res, err)
	}
	if after := e.nonces(); after != before {
		t.Fatalf("refused streams stored %d nonces", after-before)
	}
	_, doneB := e.stream(bob, qb.IntentID, "")
	defer doneB()
	open(carol, qc.IntentID).problem(t, 503, market.KindUnavailable)
	if n := e.metric("axl_event_streams_open"); n != 2 {
		t.Fatalf("open streams %v, want 2", n)
	}
	doneA()
	deadline := time.Now().Add(5 * time.Second)
	for e.metric("axl_event_streams_open") != 1 {
		if time.Now().After(deadline) {
			t.Fatal("a closed stream keeps its place")
		}
		time.Sleep(10 * time.Millisecond) // the server notices the closed connection
	}
	// With a place free, the forgery's signature is checked: 401.
	forged = e.newRequest(req{method: "GET", path: "/intents/" + qa.IntentID + "/events", as: &carol})
	forged.Header.Set(wire.HeaderAddress, alice.addr.String())
	if res, err := http.DefaultClient.Do(forged); err != nil || res.StatusCode != 401 {
		t.Fatalf("a forged stream in the name of an address with a place: %v %v, want 401", res, err)
	}
	_, doneC := e.stream(carol, qc.IntentID, "")
	doneC()
}

// TestSlowUploadsOfOneIP: one client's stalled uploads hold at most
// LargeBodiesPerIP of the server's admissions; the next waits
// LargeBodyWait and is refused, and the places come back when the
// stalled ones end.
func TestSlowUploadsOfOneIP(t *testing.T) {
	t.Parallel()
	e := newEnv(t, api.Config{LargeBodyWait: 200 * time.Millisecond, Limits: api.Limits{LargeBodiesPerIP: 2}})
	alice := newAccount(t)
	body := bytes.Repeat([]byte("s"), 64<<10+1) // larger than a JSON body: a large one
	stall := func() *rawConn {
		hr := e.newRequest(req{method: "POST", path: "/artifacts", body: body, contentType: "text/plain", as: &alice})
		return e.dialRaw(hr, int64(len(body))) // headers only: the body never comes
	}
	held := []*rawConn{stall(), stall()}
	// Both are being received once their temporary files exist.
	deadline := time.Now().Add(5 * time.Second)
	for len(e.tmpFiles()) < 2 {
		if time.Now().After(deadline) {
			t.Fatalf("the stalled uploads were not admitted: %v", e.tmpFiles())
		}
		time.Sleep(10 * time.Millisecond)
	}
	r := stall().response(5 * time.Second)
	if r.status != http.StatusTooManyRequests || r.header.Get("RateLimit-Policy") != `"ip-large-bodies";q=2;qu="concurrent-requests"` {
		t.Fatalf("a third stalled upload of one IP: %d %v %s", r.status, r.header, r.body)
	}
	for _, c := range held {
		c.conn.Close()
	}
	deadline = time.Now().Add(5 * time.Second)
	for {
		r := e.do(req{method: "POST", path: "/artifacts", body: body, contentType: "text/plain", as: &alice, noValidate: true})
		if r.status == http.StatusCreated {
			break
		}
		if r.status != http.StatusTooManyRequests || time.Now().After(deadline) {
			t.Fatalf("upload after the stalled ones ended: %d %s", r.status, r.body)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestKeyOverItsRateWritesNothing: a signed request over its key's rate is
// refused before its signature is checked and its nonce stored, so that a
// key's flood costs no signature recovery and no database write; a forged
// request spends none of the key's budget, and once the key is over its
// rate is refused as the key's own would be (429, not 401: its signature
// was not looked at).
func TestKeyOverItsRateWritesNothing(t *testing.T) {
	t.Parallel()
	e := newEnv(t, api.Config{Limits: api.Limits{AddressRequests: api.Bucket{N: 2, Per: time.Hour}}})
	alice, mallory := newAccount(t), newAccount(t)
	// Forged in alice's name: refused, and alice keeps her two requests.
	forged := e.newRequest(req{method: "GET", path: "/intents", as: &mallory})
	forged.Header.Set(wire.HeaderAddress, alice.addr.String())
	if res, err := http.DefaultClient.Do(forged); err != nil || res.StatusCode != 401 {
		t.Fatalf("a forged request: %v %v", res, err)
	}
	before := e.nonces()
	for range 2 {
		if r := e.do(req{method: "GET", path: "/intents", as: &alice}); r.status != 200 {
			t.Fatalf("alice's request within her rate: %d %s", r.status, r.body)
		}
	}
	for range 4 {
		e.do(req{method: "GET", path: "/intents", as: &alice, noValidate: true}).problem(t, 429, "rate-limited")
	}
	forged = e.newRequest(req{method: "GET", path: "/intents", as: &mallory})
	forged.Header.Set(wire.HeaderAddress, alice.addr.String())
	if res, err := http.DefaultClient.Do(forged); err != nil || res.StatusCode != 429 {
		t.Fatalf("a forged request in the name of a key over its rate: %v %v, want 429 before the signature", res, err)
	}
	if n := e.nonces() - before; n != 2 {
		t.Fatalf("%d nonces stored for 2 requests admitted and 5 refused", n)
	}
}

// nonces counts the request nonces stored: one per admitted signed request.
func (e *env) nonces() (n int) {
	e.t.Helper()
	if err := e.store.Pool().QueryRow(context.Background(), `SELECT count(*) FROM request_nonces`).Scan(&n); err != nil {
		e.t.Fatal(err)
	}
	return n
}
