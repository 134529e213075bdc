package api_test

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/textproto"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/axl-market/axl/api"
	"github.com/axl-market/axl/api/wire"
	"github.com/axl-market/axl/market"
)

// The API's fuzz targets send what they are given to a real server on a
// fresh PostgreSQL, over loopback, and hold it to one contract: no 5xx,
// and every refusal an RFC 9457 problem of the status it is sent with.

// fixedAccount is an account of a key derived from seed, so that seeds
// naming its address hold in every run.
func fixedAccount(t testing.TB, seed byte) account {
	t.Helper()
	k, err := crypto.ToECDSA(bytes.Repeat([]byte{seed}, 32))
	if err != nil {
		t.Fatal(err)
	}
	return account{key: k, addr: market.Address(crypto.PubkeyToAddress(k.PublicKey))}
}

// isLowerHex reports whether s is n bytes as lowercase hex.
func isLowerHex(s string, n int) bool {
	b, err := hex.DecodeString(s)
	return err == nil && len(b) == n && s == strings.ToLower(s)
}

// validHeaderValue reports whether net/http's client sends v as a header
// value (it refuses control characters but the tab).
func validHeaderValue(v string) bool {
	for i := range len(v) {
		if c := v[i]; (c < ' ' && c != '\t') || c == 0x7f {
			return false
		}
	}
	return true
}

// roundTrip sends hr and returns its response, read whole; a failure to
// send or read is the server's (the inputs were checked sendable).
func roundTrip(t *testing.T, hr *http.Request) resp {
	t.Helper()
	res, err := http.DefaultClient.Do(hr)
	if err != nil {
		t.Fatalf("%s %s: %v", hr.Method, hr.URL, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("%s %s: reading the response: %v", hr.Method, hr.URL, err)
	}
	return resp{status: res.StatusCode, header: res.Header, body: body}
}

// wellFormed fails unless r is below 500, JSON when it succeeds with a
// body, and a problem document of its own status when it refuses.
func wellFormed(t *testing.T, what string, r resp) {
	t.Helper()
	if r.status >= 500 {
		t.Fatalf("%s: %d %s", what, r.status, r.body)
	}
	if r.status < 400 {
		if len(r.body) > 0 && !json.Valid(r.body) {
			t.Fatalf("%s: %d with a body that is not JSON: %q", what, r.status, r.body)
		}
		return
	}
	var p wire.Problem
	if ct := r.header.Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("%s: %d as %q: %s", what, r.status, ct, r.body)
	}
	if err := json.Unmarshal(r.body, &p); err != nil || p.Status != r.status ||
		!strings.HasPrefix(p.Type, wire.ProblemTypeBase) || p.Detail == "" {
		t.Fatalf("%s: %d with problem %s (%v)", what, r.status, r.body, err)
	}
}

// FuzzSignatureHeaders sends GET /intents with any values of the five
// signature headers, signed (when the fuzzer does not replace the
// signature) over what those values say, as an honest client would: no
// 5xx; 200 exactly for the signer's own address, a timestamp in the
// window, a nonce of 32 lowercase hex digits never used before and the
// hash of the empty body (another hash of the form: 400, the body is not
// the signed one); 401 for everything else.
func FuzzSignatureHeaders(f *testing.F) {
	e := newEnv(f, api.Config{})
	// The server's clock stays where newEnv set it: nothing here signs
	// through e.sign, which moves it.
	me := fixedAccount(f, 1)
	now := e.clock.Now().Unix()
	empty := sha256.Sum256(nil)
	ts, emptyHex := strconv.FormatInt(now, 10), hex.EncodeToString(empty[:])
	f.Add(me.addr.String(), ts, strings.Repeat("0a", wire.NonceSize), emptyHex, "", true)
	f.Add(strings.ToLower(me.addr.String()), "+"+ts, strings.Repeat("1b", wire.NonceSize), emptyHex, "", true)
	f.Add(me.addr.String(), strconv.FormatInt(now-300, 10), strings.Repeat("2c", wire.NonceSize), emptyHex, "", true)
	f.Add(me.addr.String(), strconv.FormatInt(now+301, 10), strings.Repeat("3d", wire.NonceSize), emptyHex, "", true)
	f.Add(me.addr.String(), "-9223372036854775808", strings.Repeat("4e", wire.NonceSize), emptyHex, "", true)
	f.Add(fixedAccount(f, 2).addr.String(), ts, strings.Repeat("5f", wire.NonceSize), emptyHex, "", true)
	f.Add(me.addr.String(), ts, strings.Repeat("6A", wire.NonceSize), emptyHex, "", true)
	f.Add(me.addr.String(), ts, strings.Repeat("70", wire.NonceSize), strings.ToUpper(emptyHex), "", true)
	f.Add(me.addr.String(), ts, strings.Repeat("81", wire.NonceSize), emptyHex, "0x"+strings.Repeat("00", 65), false)
	f.Add(me.addr.String(), ts, strings.Repeat("92", wire.NonceSize), emptyHex, "zz", false)
	used := map[string]bool{} // nonces of the signer's requests that passed the signature check
	f.Fuzz(func(t *testing.T, address, timestamp, nonce, bodySHA, signature string, sign bool) {
		if sign {
			// The client signs what its headers say; a value the server
			// cannot parse is signed as zero and must be refused anyway.
			ts, _ := strconv.ParseInt(textproto.TrimString(timestamp), 10, 64)
			sum, _ := hex.DecodeString(textproto.TrimString(bodySHA))
			msg := wire.RequestMessage("GET", "/intents", ts, textproto.TrimString(nonce), sum)
			signature = "0x" + hex.EncodeToString(personalSign(t, me.key, []byte(msg)))
		}
		values := map[string]string{wire.HeaderAddress: address, wire.HeaderTimestamp: timestamp, wire.HeaderNonce: nonce,
			wire.HeaderContentSHA256: bodySHA, wire.HeaderSignature: signature}
		hr, err := http.NewRequest("GET", e.srv.URL+"/intents", nil)
		if err != nil {
			t.Fatal(err)
		}
		for k, v := range values {
			if !validHeaderValue(v) {
				t.Skip("not a value net/http sends")
			}
			hr.Header.Set(k, v)
		}
		r := roundTrip(t, hr)
		wellFormed(t, "GET /intents", r)
		// What the server sees of each header: net/http trims blanks.
		for k, v := range values {
			values[k] = textproto.TrimString(v)
		}
		got, _ := market.ParseAddress(values[wire.HeaderAddress])
		gotTS, tsErr := strconv.ParseInt(values[wire.HeaderTimestamp], 10, 64)
		n, sum := values[wire.HeaderNonce], values[wire.HeaderContentSHA256]
		// signed: the signer's own request, in the window, with a fresh
		// nonce of the form and a body hash of the form; the body of that
		// hash is then the empty one, or a mismatch (400).
		signed := sign && got == me.addr && tsErr == nil && gotTS >= now-300 && gotTS <= now+300 &&
			isLowerHex(n, wire.NonceSize) && isLowerHex(sum, sha256.Size) && !used[n]
		switch {
		case signed && sum == emptyHex:
			if r.status != http.StatusOK {
				t.Fatalf("refused an honest request %q: %d %s", values, r.status, r.body)
			}
		case signed:
			if r.status != http.StatusBadRequest || !strings.Contains(string(r.body), "sha256") {
				t.Fatalf("a body that is not the signed one: %d %s, want 400", r.status, r.body)
			}
		case r.status != http.StatusUnauthorized:
			t.Fatalf("%q (nonce used before: %v): %d %s, want 401", values, used[n], r.status, r.body)
		}
		if signed {
			used[n] = true // once its signature holds, a nonce is spent
		}
	})
}

// FuzzLastEventID resumes the event stream of an intent with any
// Last-Event-ID: an event id (a decimal at least 0) gets the stream of
// exactly the events after it, anything else 400.
func FuzzLastEventID(f *testing.F) {
	e := newEnv(f, api.Config{})
	buyer := newAccount(f)
	_, id := e.fundedIntent(buyer)
	evs, err := e.store.IntentEvents(context.Background(), id, 0, 100)
	if err != nil || len(evs) < 2 {
		f.Fatalf("the intent's events: %d, %v", len(evs), err)
	}
	for _, s := range []string{"", "0", "1", strconv.FormatInt(evs[len(evs)-1].Seq, 10), "-1", "+1", " 1 ", "1e3", "0x10",
		"9223372036854775807", "9223372036854775808", "٣"} {
		f.Add(s)
	}
	path := "/intents/" + id.String() + "/events"
	f.Fuzz(func(t *testing.T, last string) {
		if !validHeaderValue(last) {
			t.Skip("not a value net/http sends")
		}
		ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
		defer cancel()
		hr, err := http.NewRequestWithContext(ctx, "GET", e.srv.URL+path, nil)
		if err != nil {
			t.Fatal(err)
		}
		hr.Header = signedHeader(buyer, "GET", path, e.clock.Now().Unix(), nil)
		if last != "" {
			hr.Header.Set("Last-Event-ID", last)
		}
		res, err := http.DefaultClient.Do(hr)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		seen := textproto.TrimString(last)
		after, perr := strconv.ParseInt(seen, 10, 64)
		if seen == "" {
			after, perr = 0, nil
		}
		if perr != nil || after < 0 {
			body, _ := io.ReadAll(res.Body)
			r := resp{status: res.StatusCode, header: res.Header, body: body}
			wellFormed(t, "events", r)
			if r.status != http.StatusBadRequest {
				t.Fatalf("Last-Event-ID %q: %d %s, want 400", last, r.status, body)
			}
			return
		}
		if res.StatusCode != http.StatusOK {
			body, _ := io.ReadAll(res.Body)
			t.Fatalf("Last-Event-ID %q: %d %s", last, res.StatusCode, body)
		}
		if ct := res.Header.Get("Content-Type"); ct != "text/event-stream" {
			t.Fatalf("Last-Event-ID %q: a stream of %q", last, ct)
		}
		// The events after it, in order; once they are read the stream
		// waits, and the test is done.
		br := bufio.NewReader(res.Body)
		for _, want := range evs {
			if want.Seq <= after {
				continue
			}
			ev := nextEvent(t, br)
			if id := fmt.Sprintf("id: %d\n", want.Seq); !strings.HasPrefix(ev, id) {
				t.Fatalf("after %d: event %q, want %q first", after, ev, id)
			}
		}
	})
}

// fuzzRoute is one route of FuzzJSONBodies: the fuzzer's bytes are the
// body of a POST, or the query of a GET.
type fuzzRoute struct {
	method, path string
	as           *account // nil: a public call
	header       map[string]string
}

// FuzzJSONBodies posts any body to every route that decodes JSON (and
// any query to the lists), signed by a party the route answers (the buyer
// of a funded intent, a registered worker, the staked workers of a
// running job), so that the body reaches the handler: no 5xx, never 401,
// every refusal a problem document.
func FuzzJSONBodies(f *testing.F) {
	e := newEnv(f, api.Config{})
	// fundedIntent takes one Idempotency-Key: one intent per buyer.
	buyer, other, worker := newAccount(f), newAccount(f), newAccount(f)
	open, openID := e.fundedIntent(buyer)
	running, runningID, staked := e.runningJob(other)
	e.registerWorker(worker, 1)
	claim := e.claimSlot(worker, open.IntentID)
	var c wire.Claim
	claim.json(f, &c)
	qb := e.quoteBody(buyer, "USDC", "1000000000000000000000")
	q := e.quote(buyer, qb)
	hash := func(b byte) string { return market.Hash{b}.String() }
	sig := "0x" + strings.Repeat("ab", 65)
	routes := []fuzzRoute{
		{"POST", "/intents/quote", &buyer, nil},
		{"POST", "/intents", &buyer, map[string]string{"Idempotency-Key": ""}},
		{"POST", "/workers", &worker, nil},
		{"POST", "/jobs/" + open.IntentID + "/stake", &worker, nil},
		{"POST", "/jobs/" + running.IntentID + "/progress", &staked[0], nil},
		{"POST", "/jobs/" + running.IntentID + "/commit", &staked[1], nil},
		{"POST", "/jobs/" + running.IntentID + "/reveal", &staked[2], nil},
		{"POST", "/jobs/" + running.IntentID + "/challenges/1", &staked[3], nil},
		{"GET", "/jobs", nil, nil},
		{"GET", "/intents", &buyer, nil},
		{"POST", "/webhooks", &buyer, nil},
	}
	seeds := [][]byte{
		mustJSON(f, qb),
		mustJSON(f, signedIntent(f, buyer, q)),
		[]byte(`{"peer_id":"12D3KooWJWoaqZhDaoEFshF7Rh1bpY9ohihFhzcW6d69Lr2NASuq","multiaddrs":["/ip4/127.0.0.1/tcp/4001"],"capacity":2}`),
		mustJSON(f, wire.StakeRequest{ClaimID: c.ClaimID, PermitSignature: sig, StakeSignature: sig}),
		[]byte(`{"step":1,"loss":2.5,"tokens_per_second":1000}`),
		mustJSON(f, map[string]string{"commitment": hash(0xc0)}),
		mustJSON(f, map[string]any{"trace_root": hash(0x7e), "salt": hash(0x5a), "leaves": 9,
			"weights": "sha256:" + strings.Repeat("0", 64), "final_proof": []string{hash(1), hash(2)}}),
		[]byte(`{"answer":{"left":"0x00","right":"0x01"}}`),
		[]byte("limit=2&token=USDC&min_pay=10&starting_after=" + openID.String()),
		[]byte("limit=1&starting_after=" + runningID.String()),
		[]byte(`{"url":"https://hooks.example.com/axl","events":["state","progress"]}`),
	}
	for i, s := range seeds {
		f.Add(uint8(i), s)
	}
	for i := range routes {
		f.Add(uint8(i), []byte(`{"a":`))
		f.Add(uint8(i), []byte(`{} {}`))
		f.Add(uint8(i), []byte(`[1e999]`))
	}
	keys := 0
	f.Fuzz(func(t *testing.T, route uint8, input []byte) {
		rt := routes[int(route)%len(routes)]
		path, body := rt.path, input
		if rt.method == "GET" {
			path, body = path+"?"+string(input), nil
		}
		hr, err := http.NewRequest(rt.method, e.srv.URL+path, bytes.NewReader(body))
		if err != nil {
			t.Skip("not a URL net/http sends")
		}
		// A query of blanks or control bytes breaks the request line:
		// net/http's own 400, before the router.
		if rt.method == "GET" && (hr.URL.RawQuery != string(input) || bytes.ContainsFunc(input, func(r rune) bool { return r <= ' ' || r == 0x7f })) {
			t.Skip("not a query net/http sends as it is")
		}
		// e.sign and e.do report to the F: they cannot serve in here.
		if rt.as != nil {
			hr.Header = signedHeader(*rt.as, rt.method, hr.URL.RequestURI(), e.clock.Now().Unix(), body)
		} else if body != nil {
			hr.Header.Set("Content-Type", "application/json")
		}
		for k, v := range rt.header {
			if k == "Idempotency-Key" && v == "" {
				keys++
				v = fmt.Sprintf("fuzz-%d", keys) // a fresh key: the body is decoded, not replayed
			}
			hr.Header.Set(k, v)
		}
		r := roundTrip(t, hr)
		what := rt.method + " " + rt.path
		wellFormed(t, what, r)
		if r.status == http.StatusUnauthorized {
			t.Fatalf("%s: a signed request refused as unsigned: %s", what, r.body)
		}
	})
}
