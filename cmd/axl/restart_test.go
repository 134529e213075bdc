package main

import (
	"context"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/axl-market/axl/api"
	"github.com/axl-market/axl/escrow"
)

// polls numbers the polls of the whole test binary.
var polls atomic.Int64

// awaitIntent polls GET /intents/{id}, with a deadline, until ok holds.
func awaitIntent(t *testing.T, c client, id string, ok func(api.Intent) bool) api.Intent {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		var in api.Intent
		// The query keeps each signed poll unique (a replay is refused).
		if s := c.call("GET", fmt.Sprintf("/intents/%s?poll=%d", id, polls.Add(1)), "", nil, nil, &in); s != 200 {
			t.Fatalf("get intent: %d", s)
		}
		if ok(in) {
			return in
		}
		if time.Now().After(deadline) {
			t.Fatalf("intent %s: still %s with %+v", id, in.State, in.Transactions)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// uploadInputs uploads a tiny model and a dataset as c.
func uploadInputs(t *testing.T, c client) (model, dataset api.Artifact) {
	t.Helper()
	header := `{"w":{"dtype":"F32","shape":[64],"data_offsets":[0,256]}}`
	raw := append(binary.LittleEndian.AppendUint64(nil, uint64(len(header))), header...)
	raw = append(raw, make([]byte, 256)...)
	if s := c.call("POST", "/artifacts", "application/vnd.safetensors", raw, nil, &model); s != 201 {
		t.Fatalf("model upload: %d", s)
	}
	if s := c.call("POST", "/artifacts", "text/plain", []byte("to be learnt\n"), nil, &dataset); s != 201 {
		t.Fatalf("dataset upload: %d", s)
	}
	return model, dataset
}

// TestServeRestartsAtEachStep: axl serve is stopped and started again on
// the same data dir between every step of an intent's life, from its
// creation to its assignment; nothing is lost and nothing sent twice.
func TestServeRestartsAtEachStep(t *testing.T) {
	dataDir := serveDir(t)
	ctx := context.Background()
	dev, err := escrow.StartDevChain(ctx, escrow.DevChainConfig{RPCAddr: "127.0.0.1:0", Automine: true})
	if err != nil {
		t.Fatal(err)
	}
	defer dev.Close()
	opAddr := dev.Accounts[0].Address
	baseNonce, err := dev.Client().NonceAt(ctx, opAddr, nil)
	if err != nil {
		t.Fatal(err)
	}
	cfg := serveConfig{addr: "127.0.0.1:0", dataDir: dataDir, chainRPC: dev.RPCURL,
		escrowAddr: dev.Addresses.Escrow.Hex(), usdc: dev.Addresses.USDC.Hex(), ai: dev.Addresses.AI.Hex(),
		maxArtifact: 1 << 20, quoteTTL: 10 * time.Minute, chainPoll: 50 * time.Millisecond, claimTTL: 10 * time.Minute,
		operatorKey: common.Bytes2Hex(crypto.FromECDSA(dev.Accounts[0].Key))}
	buyerKey := dev.Role(escrow.RoleAgent)[0].Key
	workers := dev.Role(escrow.RoleWorker)[:2]
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
	body, _ := json.Marshal(map[string]any{"token": "USDC", "base_model": m.ID, "dataset": d.ID, "steps": 10,
		"workers": 1, "replicas": 2, "max_price": "100000000000000000000",
		"deadline": time.Now().Add(72 * time.Hour).UTC().Format(time.RFC3339)})
	var q api.Quote
	if s := buyer.call("POST", "/intents/quote", "application/json", body, nil, &q); s != 200 {
		t.Fatalf("quote: %d", s)
	}
	body, _ = json.Marshal(api.CreateIntentRequest{QuoteID: q.QuoteID,
		IntentSignature:  "0x" + hex.EncodeToString(signTypedData(t, buyerKey, q.IntentTypedData)),
		FundingSignature: "0x" + hex.EncodeToString(signTypedData(t, buyerKey, q.FundingTypedData))})
	if s := buyer.call("POST", "/intents", "application/json", body, map[string]string{"Idempotency-Key": "k"}, nil); s != 201 {
		t.Fatalf("intent: %d", s)
	}

	// 2. Funded and open after a restart; claims, then a stop.
	buyer, ws := restart()
	awaitIntent(t, buyer, q.IntentID, func(in api.Intent) bool { return in.State == "open" })
	claims := make([]api.Claim, 2)
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
		body, _ := json.Marshal(api.StakeRequest{ClaimID: c.ClaimID,
			PermitSignature: "0x" + hex.EncodeToString(signTypedData(t, w.key, c.StakeTypedData.Permit)),
			StakeSignature:  "0x" + hex.EncodeToString(signTypedData(t, w.key, c.StakeTypedData.Stake))})
		if s := w.call("POST", "/jobs/"+q.IntentID+"/stake", "application/json", body, nil, nil); s != 202 {
			t.Fatalf("stake: %d", s)
		}
	}

	// 4. Running after a restart, every transaction mined once.
	buyer, ws = restart()
	in := awaitIntent(t, buyer, q.IntentID, func(in api.Intent) bool {
		if in.State != "running" || len(in.Transactions) != 4 {
			return false
		}
		for _, tx := range in.Transactions {
			if tx.Status != "mined" {
				return false
			}
		}
		return true
	})
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
		var a api.Assignment
		if s := w.call("GET", "/jobs/"+q.IntentID+"/assignment", "", nil, nil, &a); s != 200 {
			t.Fatalf("assignment: %d", s)
		}
		replicas[a.Replica] = true
	}
	if len(replicas) != 2 {
		t.Fatalf("replicas %v, want one worker in each of two", replicas)
	}
}
