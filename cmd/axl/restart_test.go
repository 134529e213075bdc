package main

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/axl-market/axl/api/wire"
	"github.com/axl-market/axl/escrow/devchain"
	"github.com/axl-market/axl/market/postgres/embedded"
	gpt2 "github.com/axl-market/axl/swarm/model"
)

// polls numbers the polls of the whole test binary.
var polls atomic.Int64

// awaitIntent polls GET /intents/{id}, with a deadline, until ok holds.
func awaitIntent(t *testing.T, c client, id string, ok func(wire.Intent) bool) wire.Intent {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		var d wire.IntentDetail
		// The query keeps each signed poll unique (a replay is refused).
		if s := c.call("GET", fmt.Sprintf("/intents/%s?poll=%d", id, polls.Add(1)), "", nil, nil, &d); s != 200 {
			t.Fatalf("get intent: %d", s)
		}
		in := d.Intent
		if ok(in) {
			return in
		}
		if time.Now().After(deadline) {
			t.Fatalf("intent %s: still %s with %+v", id, in.State, in.Transactions)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// uploadInputs uploads a small GPT-2 model (context 16) and a dataset
// long enough for its jobs' shards, as c.
func uploadInputs(t *testing.T, c client) (model, dataset wire.Artifact) {
	t.Helper()
	m, err := gpt2.Init(gpt2.Config{VocabSize: 256, MaxSeq: 16, Dim: 16, Layers: 1, Heads: 2, Eps: 1e-5}, 1)
	if err != nil {
		t.Fatal(err)
	}
	var raw bytes.Buffer
	if err := gpt2.Encode(&raw, m); err != nil {
		t.Fatal(err)
	}
	if s := c.call("POST", "/artifacts", "application/vnd.safetensors", raw.Bytes(), nil, &model); s != 201 {
		t.Fatalf("model upload: %d", s)
	}
	if s := c.call("POST", "/artifacts", "text/plain", []byte(strings.Repeat("to be learnt\n", 40)), nil, &dataset); s != 201 {
		t.Fatalf("dataset upload: %d", s)
	}
	return model, dataset
}

// relayingChain is a dev chain that seals on demand, served over RPC, and
// its operator's nonce after the set-up.
func relayingChain(t *testing.T) (*devchain.Chain, uint64) {
	t.Helper()
	dev, err := devchain.Start(t.Context(), devchain.Config{RPCAddr: "127.0.0.1:0", Automine: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(dev.Close)
	nonce, err := dev.Client().NonceAt(t.Context(), dev.Accounts[0].Address, nil)
	if err != nil {
		t.Fatal(err)
	}
	return dev, nonce
}

// relayingConfig serves on dev with its operator key, passing quickly.
func relayingConfig(dev *devchain.Chain, dataDir, databaseURL string) serveConfig {
	return serveConfig{addr: "127.0.0.1:0", dataDir: dataDir, databaseURL: databaseURL, chainRPC: dev.RPCURL,
		escrowAddr: dev.Addresses.Escrow.Hex(), usdc: dev.Addresses.USDC.Hex(), ai: dev.Addresses.AI.Hex(),
		maxArtifact: 1 << 20, quoteTTL: 10 * time.Minute, chainPoll: 50 * time.Millisecond, claimTTL: 10 * time.Minute,
		operatorKey: common.Bytes2Hex(crypto.FromECDSA(dev.Operator.Key)),
		arbiterKey:  common.Bytes2Hex(crypto.FromECDSA(dev.Arbiter.Key))}
}

// signIntent quotes a USDC job on the inputs as c, signs and creates the intent.
func signIntent(t *testing.T, c client, model, dataset wire.Artifact, workers, replicas int) wire.Quote {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"token": "USDC", "base_model": model.ID, "dataset": dataset.ID, "steps": 10,
		"workers": workers, "replicas": replicas, "max_price": "100000000000000000000",
		"deadline": time.Now().Add(72 * time.Hour).UTC().Format(time.RFC3339)})
	var q wire.Quote
	if s := c.call("POST", "/intents/quote", "application/json", body, nil, &q); s != 200 {
		t.Fatalf("quote: %d", s)
	}
	body, _ = json.Marshal(wire.CreateIntentRequest{QuoteID: q.QuoteID,
		IntentSignature:  "0x" + hex.EncodeToString(signTypedData(t, c.key, q.IntentTypedData)),
		FundingSignature: "0x" + hex.EncodeToString(signTypedData(t, c.key, q.FundingTypedData))})
	if s := c.call("POST", "/intents", "application/json", body, map[string]string{"Idempotency-Key": q.QuoteID}, nil); s != 201 {
		t.Fatalf("intent: %d", s)
	}
	return q
}

// runningWith holds for a running intent with n transactions, all mined.
func runningWith(n int) func(wire.Intent) bool {
	return func(in wire.Intent) bool {
		if in.State != "running" || len(in.Transactions) != n {
			return false
		}
		for _, tx := range in.Transactions {
			if tx.Status != "mined" {
				return false
			}
		}
		return true
	}
}

// TestServeRestartsAtEachStep: axl serve is stopped and started again on
// the same data dir between every step of an intent's life, from its
// creation to its assignment; nothing is lost and nothing sent twice.
func TestServeRestartsAtEachStep(t *testing.T) {
	dataDir := serveDir(t)
	ctx := context.Background()
	dev, baseNonce := relayingChain(t)
	opAddr := dev.Accounts[0].Address
	cfg := relayingConfig(dev, dataDir, "")
	buyerKey := dev.Role(devchain.RoleAgent)[0].Key
	workers := dev.Role(devchain.RoleWorker)[:2]
	var stop func() error
	restart := func() (client, []client) {
		t.Helper()
		if stop != nil {
			if err := stop(); err != nil {
				t.Fatalf("serve stopped with %v", err)
			}
		}
		var base string
		base, stop = startServe(t, cfg)
		ws := []client{{t: t, base: base, key: workers[0].Key}, {t: t, base: base, key: workers[1].Key}}
		return client{t: t, base: base, key: buyerKey}, ws
	}

	// 1. An intent, and a stop before anything is relayed, maybe.
	buyer, _ := restart()
	m, d := uploadInputs(t, buyer)
	q := signIntent(t, buyer, m, d, 1, 2)

	// 2. Funded and open after a restart; claims, then a stop.
	buyer, ws := restart()
	awaitIntent(t, buyer, q.IntentID, func(in wire.Intent) bool { return in.State == "open" })
	claims := make([]wire.Claim, 2)
	for i, w := range ws {
		reg := fmt.Sprintf(`{"peer_id":"12D3KooWJWoaqZhDaoEFshF7Rh1bpY9ohihFhzcW6d69Lr2NAS%c","multiaddrs":["/ip4/10.0.0.%d/tcp/4001"],"capacity":1}`, 'a'+i, i+1)
		if s := w.call("POST", "/workers", "application/json", []byte(reg), nil, nil); s != 200 {
			t.Fatalf("register: %d", s)
		}
		if s := w.call("POST", "/jobs/"+q.IntentID+"/claims", "application/json", nil, nil, &claims[i]); s != 201 {
			t.Fatalf("claim: %d", s)
		}
	}

	// 3. Stakes, then a stop at once.
	_, ws = restart()
	for i, w := range ws {
		c := claims[i]
		body, _ := json.Marshal(wire.StakeRequest{ClaimID: c.ClaimID,
			PermitSignature: "0x" + hex.EncodeToString(signTypedData(t, w.key, c.StakeTypedData.Permit)),
			StakeSignature:  "0x" + hex.EncodeToString(signTypedData(t, w.key, c.StakeTypedData.Stake))})
		if s := w.call("POST", "/jobs/"+q.IntentID+"/stake", "application/json", body, nil, nil); s != 202 {
			t.Fatalf("stake: %d", s)
		}
	}

	// 4. Running after a restart, every transaction mined once.
	buyer, ws = restart()
	in := awaitIntent(t, buyer, q.IntentID, runningWith(4))
	kinds := map[string]int{}
	for _, tx := range in.Transactions {
		kinds[tx.Kind]++
	}
	if kinds["fund"] != 1 || kinds["stake"] != 2 || kinds["assign"] != 1 {
		t.Fatalf("transactions %+v", in.Transactions)
	}
	nonce, err := dev.Client().NonceAt(ctx, opAddr, nil)
	if err != nil {
		t.Fatal(err)
	}
	if nonce != baseNonce+4 {
		t.Fatalf("the operator sent %d transactions, want 4", nonce-baseNonce)
	}
	replicas := map[uint32]bool{}
	for _, w := range ws {
		var a wire.Assignment
		if s := w.call("GET", "/jobs/"+q.IntentID+"/assignment", "", nil, nil, &a); s != 200 {
			t.Fatalf("assignment: %d", s)
		}
		replicas[a.Replica] = true
	}
	if len(replicas) != 2 {
		t.Fatalf("replicas %v, want one worker in each of two", replicas)
	}
}

// TestTwoServesShareOneDatabase: two axl serve on one PostgreSQL and one
// chain, requests spread over both; each transaction is sent once (the
// operator's nonce counts them), each slot assigned once.
func TestTwoServesShareOneDatabase(t *testing.T) {
	dirA, dirB := serveDir(t), serveDir(t)
	ctx := context.Background()
	cluster, err := embedded.Start(ctx, embedded.Config{Dir: filepath.Join(filepath.Dir(dirA), "pg")})
	if err != nil {
		t.Fatal(err)
	}
	defer cluster.Stop(context.Background())
	if err := cluster.EnsureDatabase(ctx, "axl"); err != nil {
		t.Fatal(err)
	}
	dev, baseNonce := relayingChain(t)
	opAddr := dev.Accounts[0].Address
	var bases []string
	for _, dir := range []string{dirA, dirB} {
		base, _ := startServe(t, relayingConfig(dev, dir, cluster.URL("axl")))
		bases = append(bases, base)
	}
	buyerKey := dev.Role(devchain.RoleAgent)[0].Key
	buyer := client{t: t, base: bases[0], key: buyerKey}
	m, d := uploadInputs(t, buyer)
	q := signIntent(t, buyer, m, d, 2, 2)
	awaitIntent(t, client{t: t, base: bases[1], key: buyerKey}, q.IntentID, func(in wire.Intent) bool { return in.State == "open" })

	workers := dev.Role(devchain.RoleWorker)[:4]
	for i, w := range workers {
		c := client{t: t, base: bases[i%2], key: w.Key}
		reg := fmt.Sprintf(`{"peer_id":"12D3KooWJWoaqZhDaoEFshF7Rh1bpY9ohihFhzcW6d69Lr2NAS%c","multiaddrs":["/ip4/10.0.0.%d/tcp/4001"],"capacity":1}`, 'a'+i, i+1)
		if s := c.call("POST", "/workers", "application/json", []byte(reg), nil, nil); s != 200 {
			t.Fatalf("register: %d", s)
		}
		var cl wire.Claim
		if s := c.call("POST", "/jobs/"+q.IntentID+"/claims", "application/json", nil, nil, &cl); s != 201 {
			t.Fatalf("claim: %d", s)
		}
		c.base = bases[(i+1)%2] // stake through the other server
		body, _ := json.Marshal(wire.StakeRequest{ClaimID: cl.ClaimID,
			PermitSignature: "0x" + hex.EncodeToString(signTypedData(t, w.Key, cl.StakeTypedData.Permit)),
			StakeSignature:  "0x" + hex.EncodeToString(signTypedData(t, w.Key, cl.StakeTypedData.Stake))})
		if s := c.call("POST", "/jobs/"+q.IntentID+"/stake", "application/json", body, nil, nil); s != 202 {
			t.Fatalf("stake: %d", s)
		}
	}
	in := awaitIntent(t, buyer, q.IntentID, runningWith(6))
	nonce, err := dev.Client().NonceAt(ctx, opAddr, nil)
	if err != nil {
		t.Fatal(err)
	}
	if nonce != baseNonce+uint64(len(in.Transactions)) {
		t.Fatalf("the operator sent %d transactions, the outbox has %d", nonce-baseNonce, len(in.Transactions))
	}
	places := map[[2]uint32]bool{}
	for i, w := range workers {
		var a wire.Assignment
		if s := (client{t: t, base: bases[i%2], key: w.Key}).call("GET", "/jobs/"+q.IntentID+"/assignment", "", nil, nil, &a); s != 200 {
			t.Fatalf("assignment: %d", s)
		}
		places[[2]uint32{a.Replica, a.Rank}] = true
	}
	if len(places) != 4 {
		t.Fatalf("placements %v, want four distinct", places)
	}
}
