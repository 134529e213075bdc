package webhook_test

import (
	"bufio"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/market/clocktest"
	"github.com/axl-market/axl/market/postgres"
	"github.com/axl-market/axl/market/postgres/pgtest"
	"github.com/axl-market/axl/market/tether"
	"github.com/axl-market/axl/market/webhook"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Run(m)) }

// TestSign checks the signature against the example of the Standard
// Webhooks specification's reference libraries.
func TestSign(t *testing.T) {
	key, err := decodeSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
	if err != nil {
		t.Fatal(err)
	}
	got := webhook.Sign(key, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, []byte(`{"test": 2432232314}`))
	if want := "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="; got != want {
		t.Fatalf("Sign = %s, want %s", got, want)
	}
}

func decodeSecret(s string) ([]byte, error) {
	return base64.StdEncoding.DecodeString(strings.TrimPrefix(s, webhook.SecretPrefix))
}

func TestPublicAddress(t *testing.T) {
	for _, tt := range []struct {
		ip     string
		public bool
	}{
		{"8.8.8.8", true}, {"2606:4700::1111", true}, {"93.184.216.34", true},
		{"127.0.0.1", false}, {"::1", false}, {"10.1.2.3", false}, {"172.16.0.1", false}, {"192.168.1.1", false},
		{"169.254.169.254", false}, {"100.64.0.1", false}, {"0.0.0.0", false}, {"::", false}, {"fd00::1", false},
		{"fe80::1", false}, {"224.0.0.1", false}, {"::ffff:127.0.0.1", false}, {"::ffff:10.0.0.1", false},
		{"198.18.0.1", false}, {"192.0.2.1", false}, {"64:ff9b::a00:1", false}, {"255.255.255.255", false},
	} {
		if got := webhook.PublicAddress(netip.MustParseAddr(tt.ip)); got != tt.public {
			t.Errorf("PublicAddress(%s) = %v, want %v", tt.ip, got, tt.public)
		}
	}
}

// TestClientRefusesPrivateTargets sends, with the client of a server that
// does not allow private targets, to loopback by IP and by name: both are
// refused when the connection is made, before any byte is sent.
func TestClientRefusesPrivateTargets(t *testing.T) {
	var hits int
	var mu sync.Mutex
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits++
		mu.Unlock()
	}))
	defer srv.Close()
	port := srv.Listener.Addr().(interface{ AddrPort() netip.AddrPort }).AddrPort().Port()
	c := webhook.NewClient(false, 5*time.Second)
	for _, u := range []string{srv.URL, fmt.Sprintf("http://localhost:%d/", port)} {
		res, err := c.Post(u, "application/json", strings.NewReader("{}"))
		if err == nil {
			res.Body.Close()
			t.Errorf("POST %s: %s, want a refusal", u, res.Status)
		} else if !errors.Is(err, webhook.ErrPrivateAddress) {
			t.Errorf("POST %s: %v, want ErrPrivateAddress", u, err)
		}
	}
	if hits != 0 {
		t.Errorf("the loopback server was reached %d times", hits)
	}
	// A redirect is not followed: an endpoint cannot bounce a delivery
	// elsewhere.
	redirect := httptest.NewServer(http.RedirectHandler(srv.URL, http.StatusTemporaryRedirect))
	defer redirect.Close()
	res, err := webhook.NewClient(true, 5*time.Second).Post(redirect.URL, "application/json", strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusTemporaryRedirect || hits != 0 {
		t.Errorf("a redirect: %s and %d hits, want it answered as is", res.Status, hits)
	}
}

// receiver is testdata/receiver/receiver.mjs: a webhook endpoint written
// with the npm package standardwebhooks, verifying every delivery.
type receiver struct {
	url   string
	lines chan receipt
	in    io.WriteCloser
}

// receipt is one line the receiver printed.
type receipt struct {
	ID        string `json:"id"`
	Type      string `json:"type"`
	Seq       int64  `json:"seq"`
	Intent    string `json:"intent"`
	State     string `json:"state"`
	EventType string `json:"event_type"`
	Verified  bool   `json:"verified"`
	Refused   bool   `json:"refused"`
	Error     string `json:"error"`
	Listening int    `json:"listening"`
}

func startReceiver(t *testing.T) *receiver {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed")
	}
	dir := "testdata/receiver"
	if _, err := os.Stat(dir + "/node_modules/standardwebhooks"); err != nil {
		npm := exec.Command("npm", "ci", "--no-audit", "--no-fund", "--silent")
		npm.Dir = dir
		if out, err := npm.CombinedOutput(); err != nil {
			t.Fatalf("npm ci: %v: %s", err, out)
		}
	}
	cmd := exec.Command(node, "receiver.mjs")
	cmd.Dir = dir
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	c, err := tether.Start(cmd, syscall.SIGKILL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { in.Close(); cmd.Process.Kill(); c.Wait() })
	r := &receiver{lines: make(chan receipt, 1000), in: in}
	sc := bufio.NewScanner(out)
	if !sc.Scan() {
		t.Fatal("the receiver printed nothing")
	}
	var first receipt
	if err := json.Unmarshal(sc.Bytes(), &first); err != nil || first.Listening == 0 {
		t.Fatalf("the receiver's first line %q: %v", sc.Text(), err)
	}
	r.url = fmt.Sprintf("http://127.0.0.1:%d/hooks/axl", first.Listening)
	go func() {
		for sc.Scan() {
			var l receipt
			if json.Unmarshal(sc.Bytes(), &l) == nil {
				r.lines <- l
			}
		}
		close(r.lines)
	}()
	return r
}

// put sends a control request to the receiver.
func (r *receiver) put(t *testing.T, path, body string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPut, strings.Replace(r.url, "/hooks/axl", path, 1), strings.NewReader(body))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
}

// next is the receiver's next line.
func (r *receiver) next(t *testing.T) receipt {
	t.Helper()
	select {
	case l, ok := <-r.lines:
		if !ok {
			t.Fatal("the receiver exited")
		}
		return l
	case <-time.After(20 * time.Second):
		t.Fatal("the receiver printed nothing for 20 s")
	}
	return receipt{}
}

var quoteSeq int

// newIntent stores an intent of buyer (its log's first event is its state).
func newIntent(t *testing.T, s *postgres.Store, buyer market.Address, now time.Time) market.Hash {
	t.Helper()
	quoteSeq++
	id := market.Hash{0: byte(quoteSeq), 1: buyer[19], 31: 7}
	q := market.Quote{ID: fmt.Sprintf("q%d-%x", quoteSeq, buyer[19]), Buyer: buyer, Token: market.TokenUSDC,
		Spec: market.Spec{BaseModel: market.ArtifactID{1}, Dataset: market.ArtifactID{2}, Steps: 10, Workers: 2, Replicas: 2,
			Hyperparameters: market.DefaultHyperparameters, Seed: 5},
		SpecHash: market.Hash{3}, ModelSize: 1 << 20, SlotMemory: 96 << 20, Price: big.NewInt(1000), StakePerSlot: big.NewInt(10),
		Deadline: now.Add(24 * time.Hour), Nonce: big.NewInt(int64(quoteSeq)), PermitNonce: big.NewInt(0), IntentID: id,
		FundingDigest: market.Hash{9}, ExpiresAt: now.Add(10 * time.Minute), CreatedAt: now}
	ctx := t.Context()
	if err := s.CreateQuote(ctx, q); err != nil {
		t.Fatal(err)
	}
	in := market.Intent{ID: id, QuoteID: q.ID, Buyer: buyer, Token: q.Token, Spec: q.Spec, SpecHash: q.SpecHash,
		ModelSize: q.ModelSize, SlotMemory: q.SlotMemory, Price: q.Price, StakePerSlot: q.StakePerSlot, Deadline: q.Deadline,
		Nonce: q.Nonce, State: market.IntentFunding, IntentSignature: []byte{1}, FundingSignature: []byte{2}, CreatedAt: now}
	if _, err := s.CreateIntent(ctx, in, nil); err != nil {
		t.Fatal(err)
	}
	return id
}

// register stores an endpoint of owner for url and returns it and its
// shown secret.
func register(t *testing.T, s market.Webhooks, owner market.Address, url string, types []string, now time.Time) (market.Webhook, string) {
	t.Helper()
	key, shown := webhook.NewSecret()
	quoteSeq++
	w := market.Webhook{ID: fmt.Sprintf("wh_test%d", quoteSeq), Owner: owner, URL: url, Types: types, Secret: key, CreatedAt: now}
	if err := s.CreateWebhook(t.Context(), w, 10); err != nil {
		t.Fatal(err)
	}
	return w, shown
}

// drain runs passes until one delivers nothing.
func drain(t *testing.T, d *webhook.Dispatcher) int {
	t.Helper()
	total := 0
	for range 20 {
		n, err := d.Pass(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			return total
		}
		total += n
	}
	t.Fatal("deliveries do not run out")
	return 0
}

// TestDeliveriesVerifiedByStandardWebhooks registers a buyer's endpoint on
// a receiver written with the npm package standardwebhooks, and another
// buyer's on a Go server: each receives its own buyer's events only, every
// one verified, in order per intent, with a webhook-id that names the
// event. An endpoint that answers 503 is retried with backoff and keeps
// the order; a dispatcher of another server on a fresh connection (a
// restart) delivers what was queued before it; an endpoint failing past
// DisableAfter is disabled with the reason and its queue dropped.
func TestDeliveriesVerifiedByStandardWebhooks(t *testing.T) {
	s, url := pgtest.NewStoreURL(t)
	clock := clocktest.New(time.Now().UTC().Truncate(time.Second)) // receivers check the timestamp against their clock
	rcv := startReceiver(t)
	buyer, other := market.Address{19: 1}, market.Address{19: 2}
	hook, secret := register(t, s, buyer, rcv.url, nil, clock.Now())
	rcv.put(t, "/_secret", secret)

	var mu sync.Mutex
	var otherGot []string
	otherSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		otherGot = append(otherGot, r.Header.Get("webhook-id"))
	}))
	defer otherSrv.Close()
	register(t, s, other, otherSrv.URL, []string{"state"}, clock.Now())

	a1, a2 := newIntent(t, s, buyer, clock.Now()), newIntent(t, s, buyer, clock.Now())
	if _, err := s.RequestCancel(t.Context(), a1, buyer, clock.Now()); err != nil {
		t.Fatal(err)
	}
	if ok, err := s.FailUnfunded(t.Context(), a2, "the funding could not be relayed", clock.Now()); err != nil || !ok {
		t.Fatalf("FailUnfunded = %v, %v", ok, err)
	}
	b1 := newIntent(t, s, other, clock.Now())
	if _, err := s.RequestCancel(t.Context(), b1, other, clock.Now()); err != nil { // not a "state" event: not for it
		t.Fatal(err)
	}

	d := &webhook.Dispatcher{Store: s, Client: webhook.NewClient(true, 5*time.Second), Clock: clock, Policy: market.DefaultWebhookPolicy}
	if n := drain(t, d); n != 5 {
		t.Fatalf("%d deliveries, want 5 (4 of the buyer's events, 1 of the other's; …)", n)
	}
	want := map[market.Hash][]string{}
	for _, id := range []market.Hash{a1, a2} {
		for _, e := range events(t, s, id) {
			want[id] = append(want[id], market.WebhookMessageID(e.Seq))
		}
	}
	got := map[string][]string{}
	var lastSeq int64
	for range len(want[a1]) + len(want[a2]) {
		l := rcv.next(t)
		if !l.Verified {
			t.Fatalf("a delivery the receiver did not verify: %+v", l)
		}
		if l.ID != market.WebhookMessageID(l.Seq) || l.Type != "intent."+l.EventType {
			t.Errorf("delivery %+v: the id or type does not name the event", l)
		}
		if l.Seq <= lastSeq {
			t.Errorf("delivery of seq %d after %d", l.Seq, lastSeq)
		}
		lastSeq = l.Seq
		got[l.Intent] = append(got[l.Intent], l.ID)
	}
	for id, ids := range want {
		if strings.Join(got[id.String()], ",") != strings.Join(ids, ",") {
			t.Errorf("intent %s: delivered %v, want its events %v in order", id, got[id.String()], ids)
		}
	}
	mu.Lock()
	if len(otherGot) != 1 {
		t.Errorf("the other buyer's endpoint got %v, want the one state event of its intent", otherGot)
	}
	mu.Unlock()

	// Retried with backoff, in order.
	rcv.put(t, "/_fail", "2")
	a3 := newIntent(t, s, buyer, clock.Now())
	if _, err := s.RequestCancel(t.Context(), a3, buyer, clock.Now()); err != nil {
		t.Fatal(err)
	}
	if n, err := d.Pass(t.Context()); err != nil || n != 0 {
		t.Fatalf("a pass against a failing endpoint: %d delivered, %v", n, err)
	}
	if l := rcv.next(t); !l.Refused {
		t.Fatalf("want the refused attempt, got %+v", l)
	}
	h := webhookOf(t, s, buyer, hook.ID)
	if h.Failures != 1 || h.Pending != 2 || !h.NextAttempt.Equal(clock.Now().Add(5*time.Second)) || !strings.Contains(h.LastError, "503") {
		t.Fatalf("after one failure: %+v", h)
	}
	if n := drain(t, d); n != 0 {
		t.Fatalf("delivered %d before the next attempt is due", n)
	}
	clock.Add(5 * time.Second)
	d.Pass(t.Context())
	if l := rcv.next(t); !l.Refused {
		t.Fatalf("want the second refused attempt, got %+v", l)
	}
	if h := webhookOf(t, s, buyer, hook.ID); h.Failures != 2 || !h.NextAttempt.Equal(clock.Now().Add(10*time.Second)) {
		t.Fatalf("after two failures: %+v", h)
	}

	// A restart: another dispatcher on its own connection delivers the queue.
	clock.Add(10 * time.Second)
	s2, err := postgres.Open(t.Context(), url, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	d2 := &webhook.Dispatcher{Store: s2, Client: webhook.NewClient(true, 5*time.Second), Clock: clock, Policy: market.DefaultWebhookPolicy}
	if n := drain(t, d2); n != 2 {
		t.Fatalf("after the restart: %d delivered, want the 2 queued", n)
	}
	var seqs []int64
	for range 2 {
		l := rcv.next(t)
		if !l.Verified || l.Intent != a3.String() {
			t.Fatalf("after the restart: %+v", l)
		}
		seqs = append(seqs, l.Seq)
	}
	if seqs[0] >= seqs[1] {
		t.Errorf("after the retries, seqs %v: out of order", seqs)
	}
	if h := webhookOf(t, s, buyer, hook.ID); h.Failures != 0 || h.Pending != 0 || h.LastError != "" {
		t.Errorf("after a success the failures are over: %+v", h)
	}

	// Disabled after failing for DisableAfter, its queue dropped.
	dead := httptest.NewServer(http.NotFoundHandler())
	deadURL := dead.URL
	dead.Close() // connections refused from now on
	gone, _ := register(t, s, buyer, deadURL, []string{"state"}, clock.Now())
	newIntent(t, s, buyer, clock.Now())
	d.Policy = market.WebhookPolicy{FirstRetry: time.Minute, MaxRetry: time.Hour, DisableAfter: 2 * time.Hour}
	for range 10 {
		d.Pass(t.Context())
		clock.Add(time.Hour)
	}
	h = webhookOf(t, s, buyer, gone.ID)
	if h.DisabledAt.IsZero() || h.Pending != 0 || !strings.Contains(h.DisabledReason, "disabled after failing for 2h0m0s") ||
		!strings.Contains(h.DisabledReason, "refused") {
		t.Fatalf("an endpoint failing for hours: %+v, want it disabled with the reason and its queue dropped", h)
	}
	newIntent(t, s, buyer, clock.Now())
	if h := webhookOf(t, s, buyer, gone.ID); h.Pending != 0 {
		t.Errorf("a disabled endpoint was queued %d deliveries", h.Pending)
	}
	// The buyer's first endpoint, healthy, took its state event meanwhile.
	if l := rcv.next(t); !l.Verified {
		t.Errorf("the healthy endpoint: %+v", l)
	}
}

func events(t *testing.T, s *postgres.Store, id market.Hash) []market.IntentEvent {
	t.Helper()
	es, err := s.IntentEvents(t.Context(), id, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	return es
}

func webhookOf(t *testing.T, s market.Webhooks, owner market.Address, id string) market.Webhook {
	t.Helper()
	list, err := s.WebhooksOf(t.Context(), owner)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range list {
		if w.ID == id {
			return w
		}
	}
	t.Fatalf("no webhook %s", id)
	return market.Webhook{}
}

// TestLeasesAreExclusive has two dispatchers' leases race for the same
// due endpoints: none is leased twice.
func TestLeasesAreExclusive(t *testing.T) {
	s := pgtest.NewStore(t)
	now := time.Now().UTC()
	buyer := market.Address{19: 9}
	for i := range 8 {
		register(t, s, buyer, fmt.Sprintf("https://example.com/%d", i), nil, now)
	}
	newIntent(t, s, buyer, now)
	var mu sync.Mutex
	seen := map[string]int{}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			ws, err := s.LeaseWebhooks(context.Background(), now, now.Add(time.Minute), 3)
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			defer mu.Unlock()
			for _, w := range ws {
				seen[w.ID]++
			}
		})
	}
	wg.Wait()
	total := 0
	for id, n := range seen {
		if n > 1 {
			t.Errorf("%s leased %d times at once", id, n)
		}
		total += n
	}
	if total != 8 {
		t.Errorf("%d endpoints leased, want the 8 due (4 × 3 asked)", total)
	}
	if ws, err := s.LeaseWebhooks(context.Background(), now, now.Add(time.Minute), 10); err != nil || len(ws) != 0 {
		t.Errorf("leased again while leased: %d, %v", len(ws), err)
	}
	if ws, err := s.LeaseWebhooks(context.Background(), now.Add(time.Minute), now.Add(2*time.Minute), 10); err != nil || len(ws) != 8 {
		t.Errorf("after the leases ran out: %d leased, %v; want 8", len(ws), err)
	}
}
