package api_test

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/axl-market/axl/api"
	"github.com/axl-market/axl/api/wire"
	"github.com/axl-market/axl/market"
)

// rawConn is a hostile client on a bare TCP connection: it sends what it
// likes, when it likes, and sees what the server answers.
type rawConn struct {
	t      testing.TB
	closed bool // the last response said Connection: close
	conn   net.Conn
	br     *bufio.Reader
}

// dialRaw sends hr's request line and headers, with the given
// Content-Length, and no body.
func (e *env) dialRaw(hr *http.Request, contentLength int64) *rawConn {
	e.t.Helper()
	conn, err := net.Dial("tcp", e.srv.Listener.Addr().String())
	if err != nil {
		e.t.Fatal(err)
	}
	e.t.Cleanup(func() { conn.Close() })
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s HTTP/1.1\r\nHost: %s\r\nContent-Length: %d\r\n", hr.Method, hr.URL.RequestURI(), hr.URL.Host, contentLength)
	for k, vs := range hr.Header {
		for _, v := range vs {
			fmt.Fprintf(&b, "%s: %s\r\n", k, v)
		}
	}
	b.WriteString("\r\n")
	if _, err := io.WriteString(conn, b.String()); err != nil {
		e.t.Fatal(err)
	}
	return &rawConn{t: e.t, conn: conn, br: bufio.NewReader(conn)}
}

func (c *rawConn) write(b []byte) {
	c.t.Helper()
	if _, err := c.conn.Write(b); err != nil {
		c.t.Fatal(err)
	}
}

// response reads the server's answer within d, fully.
func (c *rawConn) response(d time.Duration) resp {
	c.t.Helper()
	c.conn.SetReadDeadline(time.Now().Add(d))
	res, err := http.ReadResponse(c.br, nil)
	if err != nil {
		c.t.Fatalf("no response within %s: %v", d, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	c.closed = res.Close
	return resp{status: res.StatusCode, header: res.Header, body: body}
}

// tmpFiles lists the blob store's temporary files (uploads in progress
// or left behind).
func (e *env) tmpFiles() []string {
	e.t.Helper()
	entries, err := os.ReadDir(filepath.Join(e.blobDir, "tmp"))
	if err != nil {
		e.t.Fatal(err)
	}
	var names []string
	for _, d := range entries {
		names = append(names, d.Name())
	}
	return names
}

// noArtifact checks that no artifact with body's bytes was kept: no row,
// no file.
func (e *env) noArtifact(a account, body []byte) {
	e.t.Helper()
	sum := sha256.Sum256(body)
	id := "sha256:" + hex.EncodeToString(sum[:])
	e.do(req{method: "GET", path: "/artifacts/" + id, as: &a}).problem(e.t, 404, market.KindNotFound)
	if _, err := os.Stat(filepath.Join(e.blobDir, "sha256", id[7:9], id[7:])); !os.IsNotExist(err) {
		e.t.Fatalf("the blob of %s exists: %v", id, err)
	}
}

// noTmpFiles checks that no upload left a temporary file.
func (e *env) noTmpFiles() {
	e.t.Helper()
	if left := e.tmpFiles(); len(left) > 0 {
		e.t.Fatalf("temporary files left: %v", left)
	}
}

// TestForgedBodiesAreNeverRead: a request whose signature is not its
// claimed signer's is refused from its headers alone, on every route that
// takes a large body: the server answers 401 before a byte of the declared
// hundreds of MiB is sent, and keeps nothing.
func TestForgedBodiesAreNeverRead(t *testing.T) {
	t.Parallel()
	e := newEnv(t, api.Config{})
	alice, mallory := newAccount(t), newAccount(t)
	for _, tt := range []struct {
		path, contentType string
		size              int64
	}{
		{"/artifacts", "application/vnd.safetensors", 250 << 20},
		{"/jobs/0x" + strings.Repeat("ab", 32) + "/challenges/1", "application/json", 60 << 20},
		{"/intents", "application/json", 60 << 10},
	} {
		t.Run(tt.path, func(t *testing.T) {
			// Signed by mallory, claiming to be alice.
			hr := e.newRequest(req{method: "POST", path: tt.path, body: []byte("{}"), contentType: tt.contentType, as: &mallory,
				header: map[string]string{wire.HeaderAddress: alice.addr.String()}})
			c := e.dialRaw(hr, tt.size)
			start := time.Now()
			r := c.response(5 * time.Second)
			p := r.problem(t, 401, market.KindUnauthorized)
			contains(t, p.Detail, "the signature is not "+alice.addr.String()+"'s over this request")
			t.Logf("401 after %s, with 0 of %d body bytes sent", time.Since(start).Round(time.Microsecond), tt.size)
			if !c.closed {
				t.Fatalf("the connection stays open: %v", r.header)
			}
			e.noTmpFiles()
		})
	}
}

// TestUploadHashMismatchKeepsNothing: a signed upload whose bytes are not
// the ones it declared is refused after streaming, and its file deleted.
func TestUploadHashMismatchKeepsNothing(t *testing.T) {
	t.Parallel()
	e := newEnv(t, api.Config{})
	alice := newAccount(t)
	signed, sent := []byte(strings.Repeat("signed line\n", 1000)), []byte(strings.Repeat("forged line\n", 1000))
	hr := e.newRequest(req{method: "POST", path: "/artifacts", body: signed, contentType: "text/plain", as: &alice})
	hr.Body, hr.ContentLength = nopCloser(sent), int64(len(sent))
	p := e.send(hr, req{body: sent}).problem(t, 400, market.KindInvalid)
	got := sha256.Sum256(sent)
	contains(t, p.Detail, fmt.Sprintf("the body's sha256 is %x, not the X-AXL-Content-SHA256", got))
	contains(t, p.Detail, "nothing of it was kept")
	e.noArtifact(alice, sent)
	e.noArtifact(alice, signed)
	e.noTmpFiles()

	// A JSON route: the same refusal, nothing done.
	body := []byte(`{"peer_id":"12D3KooWJWoaqZhDaoEFshF7Rh1bpY9ohihFhzcW6d69Lr2NASuq","multiaddrs":["/ip4/127.0.0.1/tcp/4001"],"capacity":1}`)
	hr = e.newRequest(req{method: "POST", path: "/workers", body: body, as: &alice})
	other := bytes.Replace(body, []byte(`"capacity":1`), []byte(`"capacity":7`), 1)
	hr.Body = nopCloser(other)
	contains(t, e.send(hr, req{body: other}).problem(t, 400, market.KindInvalid).Detail, "not the X-AXL-Content-SHA256")
}

// TestSignedRetries: signing is deterministic, so the nonce is what makes
// two identical requests in one second two requests; the same nonce again
// is a replay.
func TestSignedRetries(t *testing.T) {
	t.Parallel()
	e := newEnv(t, api.Config{})
	alice := newAccount(t)
	body := []byte(`{"peer_id":"12D3KooWJWoaqZhDaoEFshF7Rh1bpY9ohihFhzcW6d69Lr2NASuq","multiaddrs":["/ip4/127.0.0.1/tcp/4001"],"capacity":1}`)
	first := e.newRequest(req{method: "POST", path: "/workers", body: body, as: &alice})
	ts := first.Header.Get(wire.HeaderTimestamp)
	e.clock.Add(-time.Second) // the next signature takes the same second
	second := e.newRequest(req{method: "POST", path: "/workers", body: body, as: &alice})
	if second.Header.Get(wire.HeaderTimestamp) != ts || second.Header.Get(wire.HeaderNonce) == first.Header.Get(wire.HeaderNonce) {
		t.Fatalf("want one second, two nonces: %v %v", first.Header, second.Header)
	}
	replay := first.Clone(t.Context())
	for _, hr := range []*http.Request{first, second} {
		if r := e.send(hr, req{body: body}); r.status != 200 {
			t.Fatalf("status %d %s", r.status, r.body)
		}
	}
	replay.Body = nopCloser(body)
	contains(t, e.send(replay, req{body: body}).problem(t, 401, market.KindUnauthorized).Detail, "already used")

	// A nonce is the address's once, whatever else the request says.
	again := e.newRequest(req{method: "GET", path: "/intents", as: &alice})
	again.Header.Set(wire.HeaderNonce, first.Header.Get(wire.HeaderNonce))
	ts2, _ := strconv.ParseInt(again.Header.Get(wire.HeaderTimestamp), 10, 64)
	sum := sha256.Sum256(nil)
	msg := wire.RequestMessage("GET", "/intents", ts2, first.Header.Get(wire.HeaderNonce), sum[:])
	again.Header.Set(wire.HeaderSignature, "0x"+hex.EncodeToString(personalSign(t, alice.key, []byte(msg))))
	contains(t, e.send(again, req{}).problem(t, 401, market.KindUnauthorized).Detail, "already used")

	// A quick retry of POST /intents with the same Idempotency-Key: the
	// same response, not a replay.
	q := e.quote(alice, e.quoteBody(alice, "USDC", "1000000000"))
	ib := mustJSON(t, signedIntent(t, alice, q))
	var got [][]byte
	for range 2 {
		e.clock.Add(-time.Second)
		r := e.do(req{method: "POST", path: "/intents", body: ib, as: &alice, header: map[string]string{"Idempotency-Key": "retry"}})
		if r.status != 201 && r.status != 200 {
			t.Fatalf("status %d %s", r.status, r.body)
		}
		got = append(got, r.body)
	}
	if !bytes.Equal(got[0], got[1]) {
		t.Fatalf("the retry's response differs:\n%s\n%s", got[0], got[1])
	}

	for _, tt := range []struct{ name, header, value, detail string }{
		{"no nonce", wire.HeaderNonce, "", "the X-AXL-Nonce header is missing"},
		{"short nonce", wire.HeaderNonce, "abcd", "X-AXL-Nonce must be 16 random bytes as 32 lowercase hex digits"},
		{"nonce not hex", wire.HeaderNonce, strings.Repeat("zz", 16), "X-AXL-Nonce must be 16 random bytes"},
		{"no body hash", wire.HeaderContentSHA256, "", "the X-AXL-Content-SHA256 header is missing"},
		{"bad body hash", wire.HeaderContentSHA256, "0x12", "X-AXL-Content-SHA256 must be the sha256 of the body"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			hr := e.newRequest(req{method: "POST", path: "/workers", body: body, as: &alice})
			if tt.value == "" {
				hr.Header.Del(tt.header)
			} else {
				hr.Header.Set(tt.header, tt.value)
			}
			contains(t, e.send(hr, req{body: body, header: map[string]string{"X-Test-Invalid": "1"}}).problem(t, 401, market.KindUnauthorized).Detail, tt.detail)
		})
	}
}

// TestSlowUploadIsCut: an upload that sends a few bytes and stalls is cut
// when it falls below the minimum rate, and leaves nothing behind.
func TestSlowUploadIsCut(t *testing.T) {
	t.Parallel()
	e := newEnv(t, api.Config{MinBodyRate: api.Rate{Bytes: 1 << 10, Window: 300 * time.Millisecond}})
	alice := newAccount(t)
	body := []byte(strings.Repeat("slow line\n", 1000))
	hr := e.newRequest(req{method: "POST", path: "/artifacts", body: body, contentType: "text/plain", as: &alice})
	c := e.dialRaw(hr, int64(len(body)))
	start := time.Now()
	c.write(body[:100])
	r := c.response(5 * time.Second)
	took := time.Since(start)
	p := r.problem(t, 408, "timeout")
	contains(t, p.Detail, "less than 1024 bytes in 300ms")
	if took > 2*time.Second {
		t.Fatalf("cut after %s", took)
	}
	t.Logf("cut after %s", took.Round(time.Millisecond))
	e.noArtifact(alice, body)
	e.noTmpFiles()

	// A body that keeps the rate passes, however long it takes overall.
	hr = e.newRequest(req{method: "POST", path: "/artifacts", body: body, contentType: "text/plain", as: &alice})
	c = e.dialRaw(hr, int64(len(body)))
	for i := 0; i < len(body); i += 2 << 10 {
		c.write(body[i:min(i+2<<10, len(body))])
		time.Sleep(100 * time.Millisecond)
	}
	if r := c.response(5 * time.Second); r.status != 201 {
		t.Fatalf("status %d %s", r.status, r.body)
	}
}

// TestLargeBodiesAreAdmittedAFewAtATime: past MaxLargeBodies uploads in
// progress, another waits LargeBodyWait and gets 503 with Retry-After.
func TestLargeBodiesAreAdmittedAFewAtATime(t *testing.T) {
	t.Parallel()
	e := newEnv(t, api.Config{MaxLargeBodies: 1, LargeBodyWait: 200 * time.Millisecond, MaxBodySize: 256})
	alice := newAccount(t)
	held := []byte(strings.Repeat("held line\n", 100))
	hr := e.newRequest(req{method: "POST", path: "/artifacts", body: held, contentType: "text/plain", as: &alice})
	c := e.dialRaw(hr, int64(len(held)))
	c.write(held[:10])
	time.Sleep(100 * time.Millisecond) // the held upload is admitted

	// A body no larger than a JSON body does not wait behind the large ones.
	e.upload(alice, "text/plain", []byte("a small line\n"))
	other := []byte(strings.Repeat("another line\n", 30)) // 390 bytes: large
	r := e.do(req{method: "POST", path: "/artifacts", body: other, contentType: "text/plain", as: &alice})
	contains(t, r.problem(t, 503, market.KindUnavailable).Detail, "1 large bodies are being received")
	if r.header.Get("Retry-After") == "" {
		t.Fatal("no Retry-After")
	}
	e.noArtifact(alice, other)
	if n := len(e.tmpFiles()); n != 1 {
		t.Fatalf("%d temporary files; want the held upload's only", n)
	}

	c.write(held[10:])
	if r := c.response(5 * time.Second); r.status != 201 {
		t.Fatalf("status %d %s", r.status, r.body)
	}
	e.upload(alice, "text/plain", other) // admitted again
	e.noTmpFiles()
}

// TestEventStreamOutlivesWriteTimeout: an event stream lives past
// WriteTimeout as long as it is written to: each write has its own
// deadline, unlike a server-wide WriteTimeout.
func TestEventStreamOutlivesWriteTimeout(t *testing.T) {
	t.Parallel()
	e := newEnv(t, api.Config{WriteTimeout: 100 * time.Millisecond, HeartbeatInterval: time.Minute})
	alice := newAccount(t)
	q := e.quote(alice, e.quoteBody(alice, "USDC", "1000000000"))
	var in wire.Intent
	e.createIntent(alice, "k", signedIntent(t, alice, q)).json(t, &in)
	br, done := e.stream(alice, in.ID, "")
	defer done()
	if ev := nextEvent(t, br); !strings.Contains(ev, "event: state") {
		t.Fatalf("first event %q", ev)
	}
	time.Sleep(500 * time.Millisecond) // five write timeouts
	e.clock.Add(2 * time.Minute)
	for {
		ev := nextEvent(t, br)
		if ev == ": heartbeat" {
			break
		}
		if !strings.HasPrefix(ev, "id: ") {
			t.Fatalf("after 5 write timeouts: %q", ev)
		}
	}
}
