package main

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/signer/core/apitypes"

	"github.com/axl-market/axl/api/wire"
	"github.com/axl-market/axl/escrow"
	"github.com/axl-market/axl/escrow/devchain"
	"github.com/axl-market/axl/market/postgres/embedded"
	"github.com/axl-market/axl/market/postgres/pgtest"
	"github.com/axl-market/axl/migrations"
)

// serveDir is a data dir the server's unprivileged PostgreSQL user can
// reach, removed when the test ends or, if the test binary dies first, by
// its watchdog, which also shuts down the embedded cluster in it.
func serveDir(t *testing.T) string {
	t.Helper()
	if _, err := embedded.FindBinaries(); err != nil {
		t.Skip(err)
	}
	return filepath.Join(pgtest.TempDir(t, "axl-serve-"), "data")
}

// startServe runs serve in the background and returns its base URL and a
// function that stops it and returns serve's error.
func startServe(t *testing.T, cfg serveConfig) (string, func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	errc := make(chan error, 1)
	go func() { errc <- serve(ctx, cfg, slog.New(slog.DiscardHandler), ready) }()
	select {
	case addr := <-ready:
		var once bool
		stop := func() error {
			if once {
				return nil
			}
			once = true
			cancel()
			return <-errc
		}
		t.Cleanup(func() { stop() })
		return "http://" + addr, stop
	case err := <-errc:
		cancel()
		t.Fatalf("serve: %v", err)
	case <-time.After(5 * time.Minute):
		// Generous: under the race detector on a loaded 2-core machine the
		// embedded cluster and the dev chain take well over a minute.
		cancel()
		t.Fatal("serve did not become ready")
	}
	return "", nil
}

// client signs requests as one key.
type client struct {
	t    *testing.T
	base string
	key  *ecdsa.PrivateKey
}

func (c client) call(method, path, contentType string, body []byte, header map[string]string, out any) int {
	c.t.Helper()
	hr, err := http.NewRequest(method, c.base+path, bytes.NewReader(body))
	if err != nil {
		c.t.Fatal(err)
	}
	ts := time.Now().Unix()
	sum := sha256.Sum256(body)
	var n [wire.NonceSize]byte
	if _, err := rand.Read(n[:]); err != nil {
		c.t.Fatal(err)
	}
	nonce := hex.EncodeToString(n[:])
	sig, err := crypto.Sign(accounts.TextHash([]byte(wire.RequestMessage(method, path, ts, nonce, sum[:]))), c.key)
	if err != nil {
		c.t.Fatal(err)
	}
	sig[64] += 27
	hr.Header.Set("Content-Type", contentType)
	hr.Header.Set(wire.HeaderAddress, crypto.PubkeyToAddress(c.key.PublicKey).Hex())
	hr.Header.Set(wire.HeaderTimestamp, strconv.FormatInt(ts, 10))
	hr.Header.Set(wire.HeaderNonce, nonce)
	hr.Header.Set(wire.HeaderContentSHA256, hex.EncodeToString(sum[:]))
	hr.Header.Set(wire.HeaderSignature, "0x"+hex.EncodeToString(sig))
	for k, v := range header {
		hr.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(hr)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if out != nil && res.StatusCode < 300 {
		if err := json.Unmarshal(b, out); err != nil {
			c.t.Fatalf("%s %s: %v: %s", method, path, err, b)
		}
	} else if res.StatusCode >= 300 {
		c.t.Logf("%s %s: %d %s", method, path, res.StatusCode, b)
		if p, ok := out.(*wire.Problem); ok {
			_ = json.Unmarshal(b, p) // a refusal's problem, for the caller to read
		}
	}
	return res.StatusCode
}

// signTypedData signs the API's typed-data JSON as a wallet would.
func signTypedData(t *testing.T, key *ecdsa.PrivateKey, td wire.TypedData) []byte {
	t.Helper()
	raw, _ := json.Marshal(td)
	var doc apitypes.TypedData
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	doc.Types["EIP712Domain"] = []apitypes.Type{{Name: "name", Type: "string"}, {Name: "version", Type: "string"},
		{Name: "chainId", Type: "uint256"}, {Name: "verifyingContract", Type: "address"}}
	digest, _, err := apitypes.TypedDataAndHash(doc)
	if err != nil {
		t.Fatal(err)
	}
	sig, err := crypto.Sign(digest, key)
	if err != nil {
		t.Fatal(err)
	}
	sig[64] += 27
	return sig
}

func bigOf(t *testing.T, s string) *big.Int {
	t.Helper()
	x, ok := new(big.Int).SetString(s, 10)
	if !ok {
		t.Fatalf("not a number: %q", s)
	}
	return x
}

// walletBalance reads who's balance of an ERC-20 token on the dev chain.
func walletBalance(t *testing.T, dev *devchain.Chain, token, who common.Address) *big.Int {
	t.Helper()
	c := escrow.NewContracts(dev.ChainID(), dev.Addresses)
	b, err := bind.Call(c.USDC.Instance(dev.Client(), token), &bind.CallOpts{Context: t.Context()}, c.USDC.PackBalanceOf(who), c.USDC.UnpackBalanceOf)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// serveOnDevChain starts an automining dev chain served over RPC and axl
// serve on it with its data in dataDir, relaying as the chain's operator;
// it returns the chain, serve's base URL and the function that stops serve.
func serveOnDevChain(t *testing.T, dataDir string) (*devchain.Chain, string, func() error) {
	t.Helper()
	dev, err := devchain.Start(t.Context(), devchain.Config{RPCAddr: "127.0.0.1:0", Automine: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(dev.Close)
	base, stop := startServe(t, serveConfig{addr: "127.0.0.1:0", dataDir: dataDir, chainRPC: dev.RPCURL,
		escrowAddr: dev.Addresses.Escrow.Hex(), usdc: dev.Addresses.USDC.Hex(), ai: dev.Addresses.AI.Hex(),
		maxArtifact: 1 << 20, quoteTTL: 10 * time.Minute, chainPoll: 100 * time.Millisecond,
		operatorKey: common.Bytes2Hex(crypto.FromECDSA(dev.Operator.Key)),
		arbiterKey:  common.Bytes2Hex(crypto.FromECDSA(dev.Arbiter.Key))})
	return dev, base, stop
}

// TestServeFundsOnTheDevChain runs axl serve against the dev chain, takes a
// buyer from upload to intent for both tokens, then relays the buyer's
// signatures to the escrow contract: the chain accepting them proves the
// typed data the API hands out is exactly what the contracts check.
func TestServeFundsOnTheDevChain(t *testing.T) {
	ctx := context.Background()
	dataDir := serveDir(t)
	dev, base, stop := serveOnDevChain(t, dataDir)

	var buyer *ecdsa.PrivateKey
	for _, a := range dev.Accounts {
		switch {
		case a.Role == devchain.RoleAgent && buyer == nil:
			buyer = a.Key
		}
	}
	c := client{t: t, base: base, key: buyer}
	m, d := uploadInputs(t, c)
	contracts := escrow.NewContracts(dev.ChainID(), dev.Addresses)
	buyerAddr := crypto.PubkeyToAddress(buyer.PublicKey)
	aiBefore := walletBalance(t, dev, dev.Addresses.AI, buyerAddr)
	var ids []string
	for i, token := range []string{"USDC", "AI"} {
		body, _ := json.Marshal(map[string]any{"token": token, "base_model": m.ID, "dataset": d.ID, "steps": 10,
			"workers": 2, "replicas": 2, "max_price": "100000000000000000000",
			"deadline": time.Now().Add(72 * time.Hour).UTC().Format(time.RFC3339)})
		var q wire.Quote
		if s := c.call("POST", "/intents/quote", "application/json", body, nil, &q); s != 200 {
			t.Fatalf("%s quote: %d", token, s)
		}
		isig, fsig := signTypedData(t, buyer, q.IntentTypedData), signTypedData(t, buyer, q.FundingTypedData)
		body, _ = json.Marshal(wire.CreateIntentRequest{QuoteID: q.QuoteID, IntentSignature: "0x" + hex.EncodeToString(isig),
			FundingSignature: "0x" + hex.EncodeToString(fsig)})
		var in wire.Intent
		if s := c.call("POST", "/intents", "application/json", body, map[string]string{"Idempotency-Key": fmt.Sprint("k", i)}, &in); s != 201 {
			t.Fatalf("%s intent: %d", token, s)
		}

		msg := q.IntentTypedData.Message
		terms := escrow.Terms{Buyer: common.HexToAddress(msg["buyer"]), Token: common.HexToAddress(msg["token"]),
			Amount: bigOf(t, msg["amount"]), SpecHash: common.HexToHash(msg["specHash"]), Slots: uint32(bigOf(t, msg["slots"]).Uint64()),
			StakePerSlot: bigOf(t, msg["stakePerSlot"]), Deadline: bigOf(t, msg["deadline"]).Uint64(), Nonce: bigOf(t, msg["nonce"])}
		if id := contracts.IntentID(terms); id.Hex() != in.ID {
			t.Fatalf("%s: the contract's intent id %s, the API's %s", token, id.Hex(), in.ID)
		}
		ids = append(ids, in.ID)
	}
	// The server relays both fundings; the watcher sees them; the matcher
	// lists the jobs.
	for _, id := range ids {
		// The watcher and the relayer's receipt pass race: wait for both.
		in := awaitIntent(t, c, id, func(in wire.Intent) bool {
			return in.State == "open" && len(in.Transactions) == 1 && in.Transactions[0].Status == "mined"
		})
		if in.Transactions[0].Kind != "fund" {
			t.Fatalf("open with transactions %+v", in.Transactions)
		}
	}
	var jobs wire.JobList
	if s := c.call("GET", "/jobs", "", nil, nil, &jobs); s != 200 || len(jobs.Data) != 2 || jobs.Data[0].FreeSlots != 4 {
		t.Fatalf("jobs: %d %+v", s, jobs)
	}

	// A fresh key with no tokens cannot squat a slot; a dev worker, which
	// holds the stake, claims one.
	fresh, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	for i, key := range []*ecdsa.PrivateKey{fresh, dev.Role(devchain.RoleWorker)[0].Key} {
		w := client{t: t, base: base, key: key}
		reg := []byte(fmt.Sprintf(`{"peer_id":"12D3KooWJWoaqZhDaoEFshF7Rh1bpY9ohihFhzcW6d69Lr2NAS%c","multiaddrs":["/ip4/127.0.0.1/tcp/4001"],"capacity":1}`, 'a'+i))
		if s := w.call("POST", "/workers", "application/json", reg, nil, nil); s != 200 {
			t.Fatalf("worker %d registers: %d", i, s)
		}
		var p wire.Problem
		s := w.call("POST", "/jobs/"+ids[0]+"/claims", "", nil, nil, &p)
		switch {
		case i == 0 && (s != 409 || !strings.Contains(p.Detail, "less than the stake")):
			t.Fatalf("a claim by a key without tokens: %d %q, want 409 saying it holds less than the stake", s, p.Detail)
		case i == 1 && s != 201:
			t.Fatalf("a claim by a funded worker: %d, want 201", s)
		}
	}
	// The buyer cancels the $AI intent: the server cancels it on chain and
	// pays the price back to the buyer's wallet (withdrawFor), the buyer
	// sending nothing; GET /balances shows nothing left in the escrow and
	// the payout mined.
	if s := c.call("DELETE", "/intents/"+ids[1], "", nil, nil, nil); s != 202 {
		t.Fatalf("cancel: %d", s)
	}
	awaitIntent(t, c, ids[1], func(in wire.Intent) bool { return in.State == "cancelled" })
	var bal wire.Balances
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(100 * time.Millisecond) {
		if s := c.call("GET", "/balances", "", nil, nil, &bal); s != 200 {
			t.Fatalf("GET /balances: %d", s)
		}
		if len(bal.Payouts) == 1 && bal.Payouts[0].Transaction.Status == "mined" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no payout mined after a minute: %+v", bal)
		}
	}
	if p := bal.Payouts[0]; p.IntentID != ids[1] || p.Token != "AI" || p.Transaction.Kind != "payout" || len(bal.Balances) != 2 ||
		bal.Balances[1].Token != "AI" || bal.Balances[1].Credited != "0" || !strings.EqualFold(bal.Address, buyerAddr.Hex()) {
		t.Fatalf("balances after the payout: %+v", bal)
	}
	if got := walletBalance(t, dev, dev.Addresses.AI, buyerAddr); got.Cmp(aiBefore) != 0 {
		t.Fatalf("the buyer's $AI wallet holds %s after the cancel, held %s before funding", got, aiBefore)
	}
	res, err := http.Get(base + "/readyz")
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("readyz: %v %v", res, err)
	}
	res.Body.Close()
	if err := stop(); err != nil {
		t.Fatalf("serve returned %v on shutdown", err)
	}
	// The cluster was stopped cleanly: a migrate run starts it again.
	var out bytes.Buffer
	env := &environment{stdout: &out, stderr: io.Discard}
	want := strconv.FormatUint(uint64(migrations.Latest()), 10)
	if err := run(ctx, env, []string{"migrate", "version", "--data-dir", dataDir}); err != nil || strings.TrimSpace(out.String()) != want {
		t.Fatalf("migrate version: %q %v", out.String(), err)
	}
}

func TestServeRefusals(t *testing.T) {
	dataDir := serveDir(t)
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	file := filepath.Join(filepath.Dir(dataDir), "file")
	os.WriteFile(file, nil, 0o600)
	env := &environment{stdout: io.Discard, stderr: io.Discard}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no job memory", []string{"serve", "--data-dir", dataDir, "--max-job-memory", "0"}, "--max-job-memory"},
		{"port taken", []string{"serve", "--addr", busy.Addr().String(), "--data-dir", dataDir}, "is taken"},
		{"data dir under a file", []string{"serve", "--data-dir", filepath.Join(file, "x")}, "--data-dir"},
		{"chain without addresses", []string{"serve", "--addr", "127.0.0.1:0", "--data-dir", dataDir, "--database-url", "postgres://127.0.0.1:1/x", "--chain-rpc", "http://127.0.0.1:1"}, "--chain-rpc needs --deployment FILE, or --escrow"},
		{"database unreachable", []string{"serve", "--addr", "127.0.0.1:0", "--data-dir", dataDir, "--database-url", "postgres://127.0.0.1:1/x"}, "check --database-url"},
		{"migrate without action", []string{"migrate"}, "up|down|version"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := run(context.Background(), env, tt.args)
			if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("error %v, want one line containing %q", err, tt.want)
			}
		})
	}
}

// TestServeEmbeddedDefaults starts axl serve with no database or chain
// flags twice on one data dir: the second start reuses the cluster and
// reopens the dev chain at the same addresses.
func TestServeEmbeddedDefaults(t *testing.T) {
	dataDir := serveDir(t)
	var escrowAddr string
	for round := range 2 {
		base, stop := startServe(t, serveConfig{addr: "127.0.0.1:0", dataDir: dataDir, maxArtifact: 1 << 20, quoteTTL: time.Minute})
		res, err := http.Get(base + "/readyz")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != 200 {
			t.Fatalf("round %d: readyz %d", round, res.StatusCode)
		}
		info, err := devnetInfo(dataDir)
		if err != nil {
			t.Fatalf("round %d: devnet.json: %v", round, err)
		}
		if round == 1 && info.Contracts.Escrow.Hex() != escrowAddr {
			t.Fatalf("the dev chain was redeployed: escrow %s, then %s", escrowAddr, info.Contracts.Escrow.Hex())
		}
		escrowAddr = info.Contracts.Escrow.Hex()
		if err := stop(); err != nil {
			t.Fatalf("round %d: shutdown: %v", round, err)
		}
	}
}
