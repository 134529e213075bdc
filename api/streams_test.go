package api_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/axl-market/axl/api"
	"github.com/axl-market/axl/api/wire"
	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/market/eventhub"
)

// follower reads one event stream to its end, keeping the event ids.
type follower struct {
	mu   sync.Mutex
	ids  []int64
	err  error // why it ended: nil at EOF
	done chan struct{}
}

func (f *follower) seen() []int64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.ids)
}

func (f *follower) last() int64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.ids) == 0 {
		return 0
	}
	return f.ids[len(f.ids)-1]
}

// follow opens the event stream of intent id as a and reads it in the
// background until it ends or ctx does.
func (e *env) follow(ctx context.Context, client *http.Client, a account, id string) *follower {
	e.t.Helper()
	hr := e.newRequest(req{method: "GET", path: "/intents/" + id + "/events", as: &a})
	res, err := client.Do(hr.WithContext(ctx))
	if err != nil {
		e.t.Fatal(err)
	}
	if res.StatusCode != 200 {
		e.t.Fatalf("stream: %d", res.StatusCode)
	}
	f := &follower{done: make(chan struct{})}
	go f.read(res)
	return f
}

// read reads the stream of res to its end.
func (f *follower) read(res *http.Response) {
	defer close(f.done)
	defer res.Body.Close()
	br := bufio.NewReader(res.Body)
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			if err != io.EOF {
				f.mu.Lock()
				f.err = err
				f.mu.Unlock()
			}
			return
		}
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "id: "); ok {
			n, _ := strconv.ParseInt(v, 10, 64)
			f.mu.Lock()
			f.ids = append(f.ids, n)
			f.mu.Unlock()
		}
	}
}

// eventually waits up to d of wall time for cond.
func eventually(t testing.TB, d time.Duration, what string, cond func() bool) {
	t.Helper()
	end := time.Now().Add(d)
	for !cond() {
		if time.Now().After(end) {
			t.Fatalf("after %v: %s", d, what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// logSeqs is the sequence of every event of intent id after after.
func (e *env) logSeqs(id market.Hash, after int64) []int64 {
	e.t.Helper()
	var out []int64
	for {
		evs, err := e.store.IntentEvents(e.t.Context(), id, after, 100)
		if err != nil {
			e.t.Fatal(err)
		}
		for _, ev := range evs {
			out = append(out, ev.Seq)
			after = ev.Seq
		}
		if len(evs) < 100 {
			return out
		}
	}
}

// transactions is the database's transaction count once every connection
// reported, less the transactions of the reporting itself.
func (e *env) transactions() int64 {
	e.t.Helper()
	ctx := e.t.Context()
	flushed, err := e.store.FlushStats(ctx)
	if err != nil {
		e.t.Fatal(err)
	}
	n, err := e.store.Transactions(ctx)
	if err != nil {
		e.t.Fatal(err)
	}
	return n - int64(flushed)
}

// appendEvents writes n entries to an intent's log, each in its own
// transaction, as the relayer does (a queued transaction each).
func (e *env) appendEvents(id market.Hash, tag string, n int) {
	e.t.Helper()
	for i := range n {
		_, err := e.store.EnqueueTx(e.t.Context(), market.Tx{Key: fmt.Sprintf("%s-%d", tag, i), Kind: market.TxFund,
			IntentID: id, Data: []byte{byte(i)}})
		if err != nil {
			e.t.Fatal(err)
		}
	}
}

// cancelAndEnd has the chain cancel intent id and checks that each of fs
// then ends, having had every event of the log in order.
func (e *env) cancelAndEnd(ctx context.Context, id market.Hash, fs []*follower) {
	e.t.Helper()
	e.chainSays(id, chainEvent("Cancelled", map[string]any{}))
	want := e.logSeqs(id, 0)
	for i, f := range fs {
		select {
		case <-f.done:
		case <-ctx.Done():
			e.t.Fatalf("stream %d still open after the intent became final (saw %v)", i, f.seen())
		}
		if f.err != nil || !slices.Equal(f.seen(), want) {
			e.t.Fatalf("stream %d (%v): events %v, want %v", i, f.err, f.seen(), want)
		}
	}
}

// TestThousandStreamsOneIntent: 1,000 streams on one intent read nothing
// from the database while idle (pg_stat_database's transaction count does
// not move), the log is read once per append whatever the number of
// streams, every stream gets every event in order, and all end when the
// intent becomes final.
func TestThousandStreamsOneIntent(t *testing.T) {
	if testing.Short() {
		t.Skip("1,000 connections")
	}
	const streams, appended = 1000, 20
	e := newEnvStreams(t, api.Config{HeartbeatInterval: time.Hour}, eventhub.Config{MaxStreams: streams, MaxStreamsPerIntent: streams})
	buyer := newAccount(t)
	q, id := e.fundedIntent(buyer)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 10}}
	defer client.CloseIdleConnections()
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()

	// What measuring a quiet second costs by itself (the measurement's own
	// reads and the pool's pings), before any stream is open.
	before := e.transactions()
	time.Sleep(1100 * time.Millisecond)
	quiet := e.transactions() - before

	head := e.logSeqs(id, 0)
	fs := make([]*follower, streams)
	for i := range fs {
		fs[i] = e.follow(ctx, client, buyer, q.IntentID)
	}
	if n := e.hub.Streams(); n != streams {
		t.Fatalf("%d streams open, want %d", n, streams)
	}
	// The hub's cap: one more is refused.
	r := e.do(req{method: "GET", path: "/intents/" + q.IntentID + "/events", as: &buyer})
	contains(t, r.problem(t, 503, market.KindUnavailable).Detail, "event streams")
	eventually(t, time.Minute, "every stream has the log's first events", func() bool {
		for _, f := range fs {
			if f.last() != head[len(head)-1] {
				return false
			}
		}
		return true
	})

	var reads int64
	// Idle: no stream reads the database. The old streams polled every
	// PollInterval (5 ms here): 200,000 reads a second.
	before, reads = e.transactions(), e.hub.Reads()
	time.Sleep(time.Second)
	e.clock.Add(time.Minute) // no heartbeat due yet: nothing to write either
	time.Sleep(100 * time.Millisecond)
	idle := e.transactions() - before
	t.Logf("a second of 1,000 idle streams: %d transactions (measuring with none: %d)", idle, quiet)
	// +2: the listening connection reports its own two transactions (LISTEN
	// and its clean-up) whenever its backend's idle report falls due.
	if idle > quiet+2 || e.hub.Reads() != reads {
		t.Fatalf("1,000 idle streams made %d transactions (%d without them) and %d log reads in a second, want none",
			idle, quiet, e.hub.Reads()-reads)
	}

	// Appends: each is one write and at most one read of the log for all
	// 1,000 streams.
	before, reads = e.transactions(), e.hub.Reads()
	e.appendEvents(id, "a", appended)
	want := e.logSeqs(id, 0)
	eventually(t, time.Minute, "every stream has every appended event", func() bool {
		for _, f := range fs {
			if f.last() != want[len(want)-1] {
				return false
			}
		}
		return true
	})
	hubReads := e.hub.Reads() - reads
	tx := e.transactions() - before
	t.Logf("%d appends to a log followed by %d streams: %d log reads, %d transactions (with the test's own reads)", appended, streams, hubReads, tx)
	if hubReads > appended || tx > 3*appended+4 {
		t.Fatalf("%d appends cost %d log reads and %d transactions, want at most %d and %d", appended, hubReads, tx, appended, 3*appended+4)
	}

	// Final: every stream gets the final state's event and ends.
	e.cancelAndEnd(ctx, id, fs)
	eventually(t, 10*time.Second, "the hub holds no stream", func() bool { return e.hub.Streams() == 0 })
}

// TestListenerKilled: the listening connection killed by the database
// (pg_terminate_backend) comes back, and the events appended while it was
// away reach the streams, in order, none lost.
func TestListenerKilled(t *testing.T) {
	t.Parallel()
	e := newEnvStreams(t, api.Config{HeartbeatInterval: time.Hour}, eventhub.Config{})
	buyer := newAccount(t)
	q, id := e.fundedIntent(buyer)
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	client := &http.Client{Transport: &http.Transport{}}
	defer client.CloseIdleConnections()
	fs := []*follower{e.follow(ctx, client, buyer, q.IntentID), e.follow(ctx, client, buyer, q.IntentID)}
	e.appendEvents(id, "before", 2)
	want := e.logSeqs(id, 0)
	eventually(t, 10*time.Second, "the first events", func() bool { return fs[0].last() == want[len(want)-1] && fs[1].last() == want[len(want)-1] })

	pid := func() (pid int32) {
		t.Helper()
		err := e.store.Pool().QueryRow(ctx, `SELECT coalesce(max(pid), 0) FROM pg_stat_activity
			WHERE datname = current_database() AND application_name LIKE 'axl-listener %'`).Scan(&pid)
		if err != nil {
			t.Fatal(err)
		}
		return pid
	}
	old := pid()
	if old == 0 {
		t.Fatal("no listening connection")
	}
	for round := range 3 {
		var ok bool
		if err := e.store.Pool().QueryRow(ctx, `SELECT pg_terminate_backend($1)`, old).Scan(&ok); err != nil || !ok {
			t.Fatalf("terminate %d: %v %v", old, ok, err)
		}
		// Appended while nobody listens: only the resync can deliver them.
		e.appendEvents(id, fmt.Sprint("down", round), 3)
		want = e.logSeqs(id, 0)
		eventually(t, 20*time.Second, "the streams have the events appended while the listener was down", func() bool {
			return fs[0].last() == want[len(want)-1] && fs[1].last() == want[len(want)-1]
		})
		var now int32
		eventually(t, 10*time.Second, "a new listening connection", func() bool { now = pid(); return now != 0 && now != old })
		old = now
	}
	e.cancelAndEnd(ctx, id, fs)
}

// TestStreamBounds: a cap per intent and one in all (503), a final intent
// streamed to its end, and 204 once nothing is left after Last-Event-ID.
func TestStreamBounds(t *testing.T) {
	t.Parallel()
	e := newEnvStreams(t, api.Config{HeartbeatInterval: time.Hour}, eventhub.Config{MaxStreams: 3, MaxStreamsPerIntent: 2})
	buyer := newAccount(t)
	q1, id1 := e.fundedIntent(buyer)
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	client := &http.Client{Transport: &http.Transport{}}
	defer client.CloseIdleConnections()
	events := func(id string, header map[string]string) resp {
		return e.do(req{method: "GET", path: "/intents/" + id + "/events", as: &buyer, header: header})
	}
	a := e.follow(ctx, client, buyer, q1.IntentID)
	e.follow(ctx, client, buyer, q1.IntentID)
	contains(t, events(q1.IntentID, nil).problem(t, 503, market.KindUnavailable).Detail, "the most an intent may")

	q2 := e.quote(buyer, e.quoteBody(buyer, "USDC", "1000000000000000000000"))
	if r := e.createIntent(buyer, "k2", signedIntent(t, buyer, q2)); r.status != 201 {
		t.Fatalf("intent: %d %s", r.status, r.body)
	}
	e.follow(ctx, client, buyer, q2.IntentID)
	contains(t, events(q2.IntentID, nil).problem(t, 503, market.KindUnavailable).Detail, "holds its 3 event streams")

	// A final intent: its log to the end, then the stream closes; from
	// past its last event, 204.
	e.chainSays(id1, chainEvent("Cancelled", map[string]any{}))
	<-a.done
	want := e.logSeqs(id1, 0)
	if !slices.Equal(a.seen(), want) {
		t.Fatalf("events %v, want %v", a.seen(), want)
	}
	r := events(q1.IntentID, map[string]string{"Last-Event-ID": strconv.FormatInt(want[0], 10)})
	if body := string(r.body); r.status != 200 || !strings.Contains(body, fmt.Sprintf("id: %d\n", want[len(want)-1])) ||
		strings.Contains(body, fmt.Sprintf("id: %d\n", want[0])) {
		t.Fatalf("final intent after %d: %d %q", want[0], r.status, r.body)
	}
	r = events(q1.IntentID, map[string]string{"Last-Event-ID": strconv.FormatInt(want[len(want)-1], 10)})
	if r.status != 204 || len(r.body) != 0 {
		t.Fatalf("final intent after its last event: %d %q", r.status, r.body)
	}
	eventually(t, 10*time.Second, "the final intent's streams are gone", func() bool { return e.hub.Streams() == 1 })
	e.follow(ctx, client, buyer, q2.IntentID) // room again
}

// TestStreamCatchesUp: a stream resumed from further back than the hub's
// short buffer reads what it missed from the log, then follows the
// buffer: every event once, in order.
func TestStreamCatchesUp(t *testing.T) {
	t.Parallel()
	e := newEnvStreams(t, api.Config{HeartbeatInterval: time.Hour}, eventhub.Config{Buffer: 3})
	buyer := newAccount(t)
	q, id := e.fundedIntent(buyer)
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	client := &http.Client{Transport: &http.Transport{}}
	defer client.CloseIdleConnections()
	first := e.follow(ctx, client, buyer, q.IntentID)
	e.appendEvents(id, "a", 10)
	all := e.logSeqs(id, 0)
	eventually(t, 10*time.Second, "the first stream has the appended events", func() bool { return first.last() == all[len(all)-1] })

	hr := e.newRequest(req{method: "GET", path: "/intents/" + q.IntentID + "/events", as: &buyer})
	hr.Header.Set("Last-Event-ID", strconv.FormatInt(all[1], 10))
	res, err := client.Do(hr.WithContext(ctx))
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("resumed stream: %v %v", res, err)
	}
	resumed := &follower{done: make(chan struct{})}
	go resumed.read(res)
	e.appendEvents(id, "b", 4)
	e.cancelAndEnd(ctx, id, []*follower{first})
	<-resumed.done
	if want := e.logSeqs(id, all[1]); resumed.err != nil || !slices.Equal(resumed.seen(), want) {
		t.Fatalf("resumed after %d (%v): %v, want %v", all[1], resumed.err, resumed.seen(), want)
	}
}

// TestIntentReplayRefused: POST /intents records its request's nonce in
// the round trip of its own first records, and a replay is still refused
// before anything: the very request again (after a 201, after a 4xx of a
// bad body, or raced against the original) is 401, claims no idempotency
// key and creates nothing; a fresh signature of the same body is the
// idempotent retry.
func TestIntentReplayRefused(t *testing.T) {
	t.Parallel()
	e := newEnv(t, api.Config{})
	alice := newAccount(t)
	q := e.quote(alice, e.quoteBody(alice, "USDC", "1000000000"))
	body := mustJSON(t, signedIntent(t, alice, q))
	signed := func(b []byte, key string) *http.Request {
		return e.newRequest(req{method: "POST", path: "/intents", body: b, as: &alice, header: map[string]string{"Idempotency-Key": key}})
	}
	replay := func(hr *http.Request, b []byte) resp {
		again := hr.Clone(context.Background())
		again.Body = nopCloser(b)
		return e.send(again, req{body: b})
	}
	hr := signed(body, "k")
	first := e.send(hr, req{body: body})
	if first.status != 201 {
		t.Fatalf("create: %d %s", first.status, first.body)
	}
	contains(t, replay(hr, body).problem(t, 401, market.KindUnauthorized).Detail, "already used")
	if r := e.createIntent(alice, "k", signedIntent(t, alice, q)); r.status != 201 || r.header.Get("Idempotent-Replayed") != "true" {
		t.Fatalf("signed retry: %d %s", r.status, r.body)
	}

	// A bad body's 400, replayed under another key: 401, and that key
	// stays free (its first use below is not a replay of anything).
	bad := []byte(`{"quote_id": 7}`)
	hr = signed(bad, "k2")
	e.send(hr, req{body: bad, header: map[string]string{"X-Test-Invalid": "1"}}).problem(t, 400, market.KindInvalid)
	again := hr.Clone(context.Background())
	again.Header.Set("Idempotency-Key", "k3") // not signed over: the nonce decides
	again.Body = nopCloser(bad)
	e.send(again, req{body: bad, header: map[string]string{"X-Test-Invalid": "1"}}).problem(t, 401, market.KindUnauthorized)
	q2 := e.quote(alice, e.quoteBody(alice, "USDC", "1000000000"))
	if r := e.createIntent(alice, "k3", signedIntent(t, alice, q2)); r.status != 201 || r.header.Get("Idempotent-Replayed") != "" {
		t.Fatalf("key k3 after a refused replay: %d %s %v", r.status, r.body, r.header)
	}

	// Raced: of 8 copies of one signed request, one is answered, the
	// others are replays; one intent exists.
	q3 := e.quote(alice, e.quoteBody(alice, "USDC", "1000000000"))
	b3 := mustJSON(t, signedIntent(t, alice, q3))
	hr = signed(b3, "k4")
	statuses := make([]int, 8)
	var wg sync.WaitGroup
	for i := range statuses {
		wg.Go(func() {
			c := hr.Clone(context.Background())
			c.Body = nopCloser(b3)
			res, err := http.DefaultClient.Do(c)
			if err != nil {
				t.Error(err)
				return
			}
			res.Body.Close()
			statuses[i] = res.StatusCode
		})
	}
	wg.Wait()
	slices.Sort(statuses)
	if want := []int{201, 401, 401, 401, 401, 401, 401, 401}; !slices.Equal(statuses, want) {
		t.Fatalf("8 copies of one request: %v, want %v", statuses, want)
	}
	var l wire.IntentList
	e.do(req{method: "GET", path: "/intents", as: &alice}).json(t, &l)
	if len(l.Data) != 3 {
		t.Fatalf("%d intents, want 3", len(l.Data))
	}
}
