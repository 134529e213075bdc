package client_test

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/axl-market/axl/api/apitest"
	"github.com/axl-market/axl/api/client"
	"github.com/axl-market/axl/api/wire"
	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/market/postgres/pgtest"
	"github.com/axl-market/axl/swarm/jobplan"
	"github.com/axl-market/axl/swarm/model"
	"github.com/axl-market/axl/swarm/noloco"
	"github.com/axl-market/axl/swarm/verde"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Run(m)) }

// deployment is the test chain's, as a buyer trusts it.
var deployment = apitest.Deployment

// newBuyer is a client with a fresh key that signs for the test chain.
func newBuyer(t *testing.T, url string) *client.Client {
	t.Helper()
	return client.New(url, newKey(t), client.WithDeployment(deployment))
}

// server is the API server of the test.
type server struct {
	*apitest.Server
	t   *testing.T
	url string
}

func newServer(t *testing.T) *server {
	t.Helper()
	s := apitest.New(t)
	return &server{Server: s, t: t, url: s.URL}
}

// chainSays tells the store escrow events of intent id (apitest.Server.ChainSays).
func (s *server) chainSays(id string, events ...market.ChainEvent) { s.ChainSays(id, events...) }

func chainEvent(name string, data map[string]any) market.ChainEvent {
	return apitest.ChainEvent(name, data)
}

func newKey(t *testing.T) *ecdsa.PrivateKey {
	t.Helper()
	k, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// tinyModel is the safetensors bytes of a small model, its config inside.
func tinyModel(t *testing.T) []byte {
	t.Helper()
	m, err := model.Init(model.Config{VocabSize: 256, MaxSeq: 16, Dim: 16, Layers: 1, Heads: 2, Eps: 1e-5}, 1)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := model.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// inputs uploads, as buyer, a tiny model and a small dataset.
func inputs(t *testing.T, buyer *client.Client) (model, dataset wire.Artifact) {
	t.Helper()
	m, err := buyer.UploadArtifact(t.Context(), "application/vnd.safetensors", tinyModel(t))
	if err != nil {
		t.Fatal(err)
	}
	d, err := buyer.UploadArtifact(t.Context(), "text/plain", []byte(strings.Repeat("text to learn\n", 10)))
	if err != nil {
		t.Fatal(err)
	}
	return m, d
}

// wantStatus fails unless err is an *Error of status and kind.
func wantStatus(t *testing.T, err error, status int, kind string) *client.Error {
	t.Helper()
	var e *client.Error
	if !errors.As(err, &e) || e.Status != status || e.Kind() != kind || e.Detail == "" {
		t.Fatalf("error %v (%#v), want %d %s", err, e, status, kind)
	}
	return e
}

// TestBuyerAndWorkerCalls takes an intent from upload to assignment with
// the client alone, the chain's events told to the store.
func TestBuyerAndWorkerCalls(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	ctx := t.Context()
	buyer := newBuyer(t, s.url)
	raw := tinyModel(t)
	m, err := buyer.UploadArtifact(ctx, "application/vnd.safetensors", raw)
	if err != nil || m.Kind != "model" {
		t.Fatalf("upload model: %+v %v", m, err)
	}
	dataPath := filepath.Join(t.TempDir(), "data.txt")
	if err := os.WriteFile(dataPath, []byte(strings.Repeat("the fox jumps over the dog. ", 100)), 0o600); err != nil {
		t.Fatal(err)
	}
	d, err := buyer.UploadArtifactFile(ctx, "text/plain", dataPath)
	if err != nil || d.Kind != "dataset" {
		t.Fatalf("upload dataset: %+v %v", d, err)
	}
	_, err = buyer.UploadArtifact(ctx, "image/png", []byte("x"))
	wantStatus(t, err, 415, "unsupported-type")

	qr := wire.QuoteRequest{Token: "USDC", BaseModel: m.ID, Dataset: d.ID, Steps: 8, Workers: 2, Replicas: 1, Seed: "7",
		Hyperparameters: &wire.Hyperparameters{BatchSize: 2, SeqLen: 8, InnerSteps: 4},
		MaxPrice:        "1000000000", Deadline: time.Now().Add(48 * time.Hour).UTC().Format(time.RFC3339)}
	q, err := buyer.Quote(ctx, qr)
	if err != nil {
		t.Fatal(err)
	}
	tooDear := qr
	tooDear.MaxPrice = "1"
	_, err = buyer.Quote(ctx, tooDear)
	if e := wantStatus(t, err, 422, "price-too-high"); e.Price != q.Price {
		t.Fatalf("price-too-high states %q, the quote is %q", e.Price, q.Price)
	}
	in, err := buyer.CreateIntent(ctx, qr, q, "")
	if err != nil || in.ID != q.IntentID || in.State != "funding" {
		t.Fatalf("intent %+v %v", in, err)
	}
	// The same key and body: the same intent, replayed.
	if again, err := buyer.CreateIntent(ctx, qr, q, ""); err != nil || again.ID != in.ID {
		t.Fatalf("idempotent create: %+v %v", again, err)
	}
	list, err := buyer.Intents(ctx, 10, "")
	if err != nil || len(list.Data) != 1 || list.Data[0].ID != in.ID {
		t.Fatalf("intents %+v %v", list, err)
	}
	other := client.New(s.url, newKey(t))
	_, err = other.Intent(ctx, in.ID)
	wantStatus(t, err, 404, "not-found")

	// Not funded: no job. Funded: listed, with the filters.
	s.chainSays(q.IntentID, chainEvent("Funded", map[string]any{}))
	public := client.New(s.url, nil)
	jobs, err := public.Jobs(ctx, client.JobFilter{Token: "USDC", MinPay: "1", Limit: 5})
	if err != nil || len(jobs.Data) != 1 || jobs.Data[0].ID != q.IntentID || jobs.Data[0].FreeSlots != 2 {
		t.Fatalf("jobs %+v %v", jobs, err)
	}
	if jobs, err := public.Jobs(ctx, client.JobFilter{Token: "AI"}); err != nil || len(jobs.Data) != 0 {
		t.Fatalf("AI jobs %+v %v", jobs, err)
	}
	// A worker sees what a slot needs, and leaves out the jobs above its memory.
	if j := jobs.Data[0]; j.SlotMemory != q.SlotMemory || j.SlotMemory <= 0 || j.Hyperparameters != q.Spec.Hyperparameters {
		t.Fatalf("job %+v, quote %+v", j, q)
	}
	if jobs, err := public.Jobs(ctx, client.JobFilter{MaxMemory: q.SlotMemory - 1}); err != nil || len(jobs.Data) != 0 {
		t.Fatalf("jobs within %d bytes: %+v %v", q.SlotMemory-1, jobs, err)
	}
	_, err = public.Jobs(ctx, client.JobFilter{Limit: 1000})
	wantStatus(t, err, 400, "invalid")

	workers := []*client.Client{client.New(s.url, newKey(t)), client.New(s.url, newKey(t))}
	_, err = workers[0].Claim(ctx, q.IntentID)
	wantStatus(t, err, 403, "forbidden")
	var staked []market.ChainEvent
	for i, w := range workers {
		reg := wire.WorkerRequest{PeerID: "12D3KooWJWoaqZhDaoEFshF7Rh1bpY9ohihFhzcW6d69Lr2NAS" + string(rune('a'+i)),
			Multiaddrs: []string{"/ip4/127.0.0.1/tcp/4001"}, Capacity: 1}
		if _, err := w.RegisterWorker(ctx, reg); err != nil {
			t.Fatal(err)
		}
		cl, err := w.Claim(ctx, q.IntentID)
		if err != nil {
			t.Fatal(err)
		}
		st, err := w.Stake(ctx, q.IntentID, cl)
		if err != nil || st.Slot != cl.Slot || st.Transaction.Kind != "stake" {
			t.Fatalf("stake %+v %v", st, err)
		}
		staked = append(staked, chainEvent("Staked", map[string]any{"slot": cl.Slot, "worker": w.Address().Hex(), "amount": "1"}))
	}
	_, err = workers[0].Claim(ctx, q.IntentID)
	wantStatus(t, err, 409, "conflict")
	_, err = workers[0].Assignment(ctx, q.IntentID)
	if !client.IsNotFound(err) {
		t.Fatalf("assignment before the stakes are on chain: %v", err)
	}
	s.chainSays(q.IntentID, staked...)
	_, err = workers[0].Assignment(ctx, q.IntentID)
	if !client.IsConflict(err) {
		t.Fatalf("assignment before assign: %v", err)
	}
	s.chainSays(q.IntentID, chainEvent("Assigned", map[string]any{"seed": market.Hash{0x5e}.String(), "workers_hash": market.Hash{}.String()}))
	for _, w := range workers {
		a, err := w.Assignment(ctx, q.IntentID)
		if err != nil || len(a.Peers) != 1 || a.Steps != 8 || a.Hyperparameters.InnerSteps != 4 {
			t.Fatalf("assignment %+v %v", a, err)
		}
		dir := t.TempDir()
		path := filepath.Join(dir, "base.safetensors")
		n, err := w.DownloadArtifact(ctx, a.BaseModel.ID, path)
		got, _ := os.ReadFile(path)
		if err != nil || n != int64(len(raw)) || !bytes.Equal(got, raw) {
			t.Fatalf("download: %d %v", n, err)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 1 {
			t.Fatalf("the download left %d files", len(entries))
		}
	}
	_, err = other.DownloadArtifact(ctx, m.ID, filepath.Join(t.TempDir(), "x"))
	wantStatus(t, err, 404, "not-found")

	// The event stream from the start, then resumed after the third event.
	var seen []client.Event
	collect := func(n int) func(client.Event) error {
		return func(e client.Event) error {
			seen = append(seen, e)
			if len(seen) == n {
				return client.ErrStop
			}
			return nil
		}
	}
	ectx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if err := buyer.Events(ectx, in.ID, 0, collect(5)); err != nil {
		t.Fatal(err)
	}
	first := seen
	seen = nil
	if err := buyer.Events(ectx, in.ID, first[2].ID, collect(2)); err != nil {
		t.Fatal(err)
	}
	if seen[0].ID != first[3].ID || seen[1].Type != first[4].Type || first[0].Type != "state" || first[0].State != "funding" {
		t.Fatalf("events %+v, then after %d: %+v", first, first[2].ID, seen)
	}
	boom := errors.New("boom")
	if err := buyer.Events(ectx, in.ID, 0, func(client.Event) error { return boom }); !errors.Is(err, boom) {
		t.Fatalf("a callback's error: %v", err)
	}
	err = other.Events(ectx, in.ID, 0, func(client.Event) error { return nil })
	wantStatus(t, err, 404, "not-found")

	// Running: too late to cancel.
	_, err = buyer.Cancel(ctx, in.ID)
	wantStatus(t, err, 409, "conflict")
}

// TestRepeatedCallsAreNotReplays: the same signed call many times in one
// second is never refused as a replay.
func TestRepeatedCallsAreNotReplays(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	c := client.New(s.url, newKey(t))
	for range 5 {
		if _, err := c.Intents(t.Context(), 0, ""); err != nil {
			t.Fatal(err)
		}
	}
}

// TestCancel: the buyer cancels an open intent before assignment.
func TestCancel(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	ctx := t.Context()
	buyer := newBuyer(t, s.url)
	m, d := inputs(t, buyer)
	qr := wire.QuoteRequest{Token: "AI", BaseModel: m.ID, Dataset: d.ID, Steps: 8, Workers: 1, Replicas: 2,
		MaxPrice: "1000000000000000000000", Deadline: time.Now().Add(48 * time.Hour).UTC().Format(time.RFC3339)}
	q, err := buyer.Quote(ctx, qr)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := buyer.CreateIntent(ctx, qr, q, "k1"); err != nil {
		t.Fatal(err)
	}
	s.chainSays(q.IntentID, chainEvent("Funded", map[string]any{}))
	in, err := buyer.Cancel(ctx, q.IntentID)
	if err != nil || in.ID != q.IntentID {
		t.Fatalf("cancel %+v %v", in, err)
	}
	// Once cancelled on chain, the stream ends after its last event and
	// the next connection's 204 ends Events: no reconnection for ever.
	s.chainSays(q.IntentID, chainEvent("Cancelled", map[string]any{}))
	ectx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	var states []string
	err = buyer.Events(ectx, q.IntentID, 0, func(e client.Event) error {
		if e.Type == "state" {
			states = append(states, e.State)
		}
		return nil
	})
	if err != nil || len(states) == 0 || states[len(states)-1] != "cancelled" {
		t.Fatalf("events of a cancelled intent: %v, states %v", err, states)
	}
}

// TestDownloadChecksTheHash: bytes that do not match the artifact id are
// refused and leave no file behind.
func TestDownloadChecksTheHash(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/intents/0x01/weights":
			sum := sha256.Sum256([]byte("weights"))
			w.Header().Set("X-AXL-Weights-SHA256", hex.EncodeToString(sum[:]))
			w.Write([]byte("tampered"))
		default:
			w.Write([]byte("not what was asked"))
		}
	}))
	defer srv.Close()
	c := client.New(srv.URL, newKey(t))
	dir := t.TempDir()
	sum := sha256.Sum256([]byte("the artifact"))
	_, err := c.DownloadArtifact(t.Context(), "sha256:"+hex.EncodeToString(sum[:]), filepath.Join(dir, "a"))
	if err == nil || !strings.Contains(err.Error(), "sha256") {
		t.Fatalf("download of other bytes: %v", err)
	}
	if _, err := c.Weights(t.Context(), "0x01", filepath.Join(dir, "w")); err == nil || !strings.Contains(err.Error(), "want") {
		t.Fatalf("weights of other bytes: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("a refused download left %d files", len(entries))
	}
	if _, err := c.DownloadArtifact(t.Context(), "sha256:zz", filepath.Join(dir, "a")); err == nil {
		t.Fatal("a malformed artifact id was accepted")
	}
}

// TestErrorWithoutProblem: a failure that is not problem+json still comes
// back as *Error with its status.
func TestErrorWithoutProblem(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "bad gateway", http.StatusBadGateway)
	}))
	defer srv.Close()
	_, err := client.New(srv.URL, nil).Jobs(t.Context(), client.JobFilter{})
	if client.StatusOf(err) != 502 || !strings.Contains(err.Error(), "bad gateway") {
		t.Fatalf("error %v", err)
	}
}

// assigned is a running job of two workers in one replica, made with the
// client and the chain's events told to the store.
func assigned(t *testing.T, s *server) (buyer *client.Client, workers []*client.Client, q wire.Quote) {
	t.Helper()
	ctx := t.Context()
	buyer = newBuyer(t, s.url)
	m, d := inputs(t, buyer)
	qr := wire.QuoteRequest{Token: "USDC", BaseModel: m.ID, Dataset: d.ID, Steps: 8, Workers: 2, Replicas: 1,
		MaxPrice: "1000000000", Deadline: time.Now().Add(48 * time.Hour).UTC().Format(time.RFC3339)}
	q, err := buyer.Quote(ctx, qr)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := buyer.CreateIntent(ctx, qr, q, ""); err != nil {
		t.Fatal(err)
	}
	s.chainSays(q.IntentID, chainEvent("Funded", map[string]any{}))
	var staked []market.ChainEvent
	for i := range 2 {
		w := client.New(s.url, newKey(t))
		reg := wire.WorkerRequest{PeerID: "12D3KooWJWoaqZhDaoEFshF7Rh1bpY9ohihFhzcW6d69Lr2NAS" + string(rune('a'+i)),
			Multiaddrs: []string{"/ip4/127.0.0.1/tcp/4001"}, Capacity: 1}
		if _, err := w.RegisterWorker(ctx, reg); err != nil {
			t.Fatal(err)
		}
		cl, err := w.Claim(ctx, q.IntentID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Stake(ctx, q.IntentID, cl); err != nil {
			t.Fatal(err)
		}
		staked = append(staked, chainEvent("Staked", map[string]any{"slot": cl.Slot, "worker": w.Address().Hex(), "amount": "1"}))
		workers = append(workers, w)
	}
	s.chainSays(q.IntentID, staked...)
	s.chainSays(q.IntentID, chainEvent("Assigned", map[string]any{"seed": market.Hash{0x5e}.String(), "workers_hash": market.Hash{}.String()}))
	return buyer, workers, q
}

// TestVerificationCalls: progress, commit, reveal, challenges and their
// answers, the buyer's view of the slots, the released weights and the
// public disputes, through the client.
func TestVerificationCalls(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	ctx := t.Context()
	buyer, workers, q := assigned(t, s)
	id, _ := market.ParseHash(q.IntentID)

	if err := workers[0].Progress(ctx, q.IntentID, wire.ProgressRequest{Step: 4, Loss: 2.5, TokensPerSecond: 1000}); err != nil {
		t.Fatal(err)
	}
	err := workers[0].Progress(ctx, q.IntentID, wire.ProgressRequest{Step: 4, Loss: -1})
	wantStatus(t, err, 400, "invalid")

	var wa wire.Artifact
	if wa, err = workers[0].UploadArtifact(ctx, "application/vnd.safetensors", tinyModel(t)); err != nil {
		t.Fatal(err)
	}
	d0, d1 := s.delivery(id, 0, tinyModel(t), 0xa1), s.delivery(id, 1, tinyModel(t), 0xb2)
	roots := []string{d0.TraceRoot, d1.TraceRoot}
	salts := []string{"0x" + strings.Repeat("01", 32), "0x" + strings.Repeat("02", 32)}
	commitment := func(i int) string {
		var root, salt [32]byte
		rb, _ := hex.DecodeString(roots[i][2:])
		sb, _ := hex.DecodeString(salts[i][2:])
		copy(root[:], rb)
		copy(salt[:], sb)
		c := verde.Commitment(id, workers[i].Address(), root, salt)
		return "0x" + hex.EncodeToString(c[:])
	}
	res, err := workers[0].Commit(ctx, q.IntentID, commitment(0))
	if err != nil || res.Committed != 1 || res.Slots != 2 {
		t.Fatalf("commit: %+v %v", res, err)
	}
	reveal0 := wire.RevealRequest{TraceRoot: roots[0], Salt: salts[0], Leaves: d0.Leaves, Weights: wa.ID, FinalProof: d0.FinalProof}
	_, err = workers[0].Reveal(ctx, q.IntentID, reveal0)
	if !client.IsConflict(err) || !strings.Contains(err.Error(), "1 of 2") {
		t.Fatalf("reveal before every commitment: %v", err)
	}
	if _, err := workers[1].Commit(ctx, q.IntentID, commitment(1)); err != nil {
		t.Fatal(err)
	}
	sl, err := workers[0].Reveal(ctx, q.IntentID, reveal0)
	if err != nil || sl.TraceRoot != roots[0] || "sha256:"+sl.WeightsSHA256 != wa.ID {
		t.Fatalf("reveal: %+v %v", sl, err)
	}
	bad := reveal0
	bad.Salt = salts[1]
	_, err = workers[1].Reveal(ctx, q.IntentID, bad)
	wantStatus(t, err, 400, "invalid")

	in, err := buyer.Intent(ctx, q.IntentID)
	if err != nil || len(in.Slots) != 2 || in.Result != nil {
		t.Fatalf("intent: %+v %v", in, err)
	}
	for _, sl := range in.Slots {
		mine := sl.Worker == workers[0].Address().Hex()
		if !sl.Committed || (sl.TraceRoot == roots[0]) != mine || (sl.Progress != nil && sl.Progress.Step == 4) != mine {
			t.Fatalf("slot %+v", sl)
		}
	}

	// A question of the referee, answered once.
	slot := in.Slots[0].Slot
	if in.Slots[1].Worker == workers[0].Address().Hex() {
		slot = in.Slots[1].Slot
	}
	c, err := s.Store.Ask(ctx, market.Challenge{JobID: id, Slot: slot, Kind: "trace_leaf", Args: json.RawMessage(`{"index":3}`),
		Deadline: time.Now().Add(time.Hour), CreatedAt: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	cs, err := workers[0].Challenges(ctx, q.IntentID)
	if err != nil || len(cs) != 1 || cs[0].Kind != "trace_leaf" || string(cs[0].Args) != `{"index": 3}` && string(cs[0].Args) != `{"index":3}` {
		t.Fatalf("challenges: %+v %v", cs, err)
	}
	if cs, err := workers[1].Challenges(ctx, q.IntentID); err != nil || len(cs) != 0 {
		t.Fatalf("the other slot's challenges: %+v %v", cs, err)
	}
	if err := workers[0].Answer(ctx, q.IntentID, cs[0].ID, json.RawMessage(`{"leaf":"00"}`)); err != nil {
		t.Fatal(err)
	}
	err = workers[0].Answer(ctx, q.IntentID, cs[0].ID, json.RawMessage(`{"leaf":"00"}`))
	wantStatus(t, err, 409, "conflict")
	if got, err := s.Store.Challenge(ctx, c.ID); err != nil || got.Answer == nil {
		t.Fatalf("stored answer: %+v %v", got, err)
	}

	// The weights: 409 until released, then checked against the header.
	path := filepath.Join(t.TempDir(), "weights.safetensors")
	_, err = buyer.Weights(ctx, q.IntentID, path)
	wantStatus(t, err, 409, "conflict")
	wid, _ := market.ParseArtifactID(wa.ID)
	s.chainSays(q.IntentID, chainEvent("ResultSubmitted", map[string]any{"weights_hash": market.Hash(wid).String(),
		"trace_root": roots[0], "window_end": 1}))
	s.chainSays(q.IntentID, chainEvent("Released", map[string]any{"weights_hash": market.Hash(wid).String()}))
	sum, err := buyer.Weights(ctx, q.IntentID, path)
	if got, _ := os.ReadFile(path); err != nil || "sha256:"+sum != wa.ID || !bytes.Equal(got, tinyModel(t)) {
		t.Fatalf("weights: %s %v", sum, err)
	}
	if in, err := buyer.Intent(ctx, q.IntentID); err != nil || in.State != "released" || in.Result == nil || in.Result.TraceRoot != roots[0] {
		t.Fatalf("released intent: %+v %v", in, err)
	}
	_, err = workers[0].Weights(ctx, q.IntentID, path)
	wantStatus(t, err, 403, "forbidden")

	// Disputes are public.
	if _, err := s.Store.SaveDispute(ctx, market.Dispute{JobID: id, Rank: 0, Slots: []uint32{0, 1}, State: market.DisputeOpen,
		Transcript: json.RawMessage(`{"rounds":[]}`), CreatedAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	ds, err := client.New(s.url, nil).Disputes(ctx, q.IntentID)
	if err != nil || len(ds) != 1 || ds[0].State != "open" || string(ds[0].Transcript) != `{"rounds":[]}` || ds[0].Ruling != nil {
		t.Fatalf("disputes: %+v %v", ds, err)
	}
}

// TestEventsReconnect: a stream that breaks is resumed with Last-Event-ID,
// no event lost or repeated, and heartbeats and retry fields are no events;
// an event that is not JSON ends the stream with an error.
func TestEventsReconnect(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var lastIDs []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		lastIDs = append(lastIDs, r.Header.Get("Last-Event-ID"))
		mu.Unlock()
		w.Header().Set("Content-Type", "text/event-stream")
		if strings.HasSuffix(r.URL.Path, "/0x02/events") {
			fmt.Fprint(w, "id: 1\nevent: state\ndata: {\"seq\":1,\n\n")
			return
		}
		switch r.Header.Get("Last-Event-ID") {
		case "":
			fmt.Fprint(w, "retry: 10\n\n: heartbeat\n\n")
			for i := 1; i <= 2; i++ {
				fmt.Fprintf(w, "id: %d\nevent: state\ndata: {\"seq\":%d,\"type\":\"state\",\"state\":\"open\"}\n\n", i, i)
			}
		case "2":
			fmt.Fprint(w, "id: 3\nevent: progress\ndata: {\"seq\":3,\ndata: \"type\":\"progress\"}\n\n")
		}
	}))
	defer srv.Close()
	c := client.New(srv.URL, newKey(t))
	var got []string
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	err := c.Events(ctx, "0x01", 0, func(e client.Event) error {
		got = append(got, fmt.Sprintf("%d:%s:%s", e.ID, e.Type, e.IntentEvent.Type))
		if e.ID == 3 {
			return client.ErrStop
		}
		return nil
	})
	mu.Lock()
	ids := fmt.Sprint(lastIDs)
	mu.Unlock()
	if err != nil || fmt.Sprint(got) != "[1:state:state 2:state:state 3:progress:progress]" || ids != "[ 2]" {
		t.Fatalf("events %v (%v) over connections with Last-Event-ID %s", got, err, ids)
	}
	if err := c.Events(ctx, "0x02", 0, func(client.Event) error { return nil }); err == nil || !strings.Contains(err.Error(), "not an event's JSON") {
		t.Fatalf("a malformed event: %v", err)
	}
}

// delivery is the reveal of slot's worker in the job of assigned (seed
// 0x5e) when it delivers weights: a trace of the job's layout for its
// place, its leaves hashed from tag, its last leaf the weights'.
func (s *server) delivery(id market.Hash, slot int, weights []byte, tag byte) wire.RevealRequest {
	s.t.Helper()
	in, err := s.Store.IntentByID(s.t.Context(), id)
	if err != nil {
		s.t.Fatal(err)
	}
	plan := jobplan.FromSpec(in.Spec)
	place := market.Place(market.Hash{0x5e}, in.Spec.Workers, in.Spec.Replicas)[slot]
	trace := noloco.Layout(plan.NoLoCo(id.String(), int(place.Replica), int(place.Rank)), plan.Steps)
	for i := range trace {
		trace[i].Hash = model.Hash{tag, byte(i)}
	}
	m, err := model.Parse(weights)
	if err != nil {
		s.t.Fatal(err)
	}
	trace[len(trace)-1] = verde.FinalEntry(plan.Steps, m)
	tree, err := verde.TraceTree(trace)
	if err != nil {
		s.t.Fatal(err)
	}
	proof, err := tree.Proof(tree.Len() - 1)
	if err != nil {
		s.t.Fatal(err)
	}
	root := tree.Root()
	r := wire.RevealRequest{TraceRoot: "0x" + hex.EncodeToString(root[:]), Leaves: uint32(tree.Len())}
	for _, h := range proof {
		r.FinalProof = append(r.FinalProof, "0x"+hex.EncodeToString(h[:]))
	}
	return r
}
