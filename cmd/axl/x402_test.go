package main

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"math/big"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/axl-market/axl/api/wire"
	"github.com/axl-market/axl/escrow"
	"github.com/axl-market/axl/escrow/devchain"
	"github.com/axl-market/axl/market/tether"
)

// npmInstalled runs `npm ci` in dir unless module (a path under its
// node_modules) is there, and returns node's path; it skips the test when
// Node.js is not installed.
func npmInstalled(t *testing.T, dir, module string) string {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed")
	}
	if _, err := os.Stat(dir + "/node_modules/" + module); err == nil {
		return node
	}
	npm := exec.CommandContext(t.Context(), "npm", "ci", "--no-audit", "--no-fund")
	npm.Dir = dir
	var out bytes.Buffer
	npm.Stdout, npm.Stderr = &out, &out
	c, err := tether.Start(npm, syscall.SIGKILL)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Wait(); err != nil {
		t.Fatalf("npm ci in %s: %v: %s", dir, err, out.Bytes())
	}
	return node
}

// TestX402WithTheNpmClient has an unmodified x402 v2 client from npm
// (@x402/fetch with @x402/evm's exact scheme) pay for two intents on axl
// serve and the dev chain, as a buyer that holds USDC and no ETH: the 402,
// the payment, the 201 with PAYMENT-RESPONSE, and the deposit funding
// mined. The second payment is front-run: a stranger submits the buyer's
// authorisation straight to the token, and the intent is funded all the
// same, the buyer paying once.
func TestX402WithTheNpmClient(t *testing.T) {
	t.Parallel()
	dir := "testdata/x402-client"
	node := npmInstalled(t, dir, "@x402/fetch")
	ctx := t.Context()
	dev, base, _ := serveOnDevChain(t, serveDir(t))

	// A fresh buyer with USDC from an agent of the dev chain, and no ETH.
	agents := dev.Role(devchain.RoleAgent)
	if len(agents) < 2 {
		t.Fatalf("the dev chain has %d agents", len(agents))
	}
	stranger := agents[1]
	buyerKey, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	buyer := crypto.PubkeyToAddress(buyerKey.PublicKey)
	contracts := escrow.NewContracts(dev.ChainID(), dev.Addresses)
	funds := new(big.Int).Div(walletBalance(t, dev, dev.Addresses.USDC, agents[0].Address), big.NewInt(2))
	if _, err := dev.Exec(ctx, agents[0].Key, escrow.Call{To: dev.Addresses.USDC, Data: contracts.USDC.PackTransfer(buyer, funds)}); err != nil {
		t.Fatal(err)
	}

	c := client{t: t, base: base, key: buyerKey}
	m, d := uploadInputs(t, c)
	type order struct {
		Key             string `json:"key"`
		QuoteID         string `json:"quote_id"`
		IntentSignature string `json:"intent_signature"`
		Frontrun        bool   `json:"frontrun"`
	}
	var orders []order
	var quotes []wire.Quote
	for i, key := range []string{"paid", "front-run"} {
		body, _ := json.Marshal(map[string]any{"token": "USDC", "base_model": m.ID, "dataset": d.ID, "steps": 10,
			"workers": 2, "replicas": 2, "max_price": funds.String(), "seed": "5",
			"deadline": time.Now().Add(72 * time.Hour).UTC().Format(time.RFC3339)})
		var q wire.Quote
		if s := c.call("POST", "/intents/quote", "application/json", body, nil, &q); s != 200 {
			t.Fatalf("quote: %d", s)
		}
		quotes = append(quotes, q)
		orders = append(orders, order{Key: key, QuoteID: q.QuoteID, Frontrun: i == 1,
			IntentSignature: "0x" + hex.EncodeToString(signTypedData(t, buyerKey, q.IntentTypedData))})
	}
	before := walletBalance(t, dev, dev.Addresses.USDC, buyer)
	raw, _ := json.Marshal(orders)
	cctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(cctx, node, "pay.mjs", base, dev.RPCURL, "0x"+hex.EncodeToString(crypto.FromECDSA(buyerKey)),
		"0x"+hex.EncodeToString(crypto.FromECDSA(stranger.Key)), dev.Addresses.USDC.Hex(), funds.String(), string(raw))
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	proc, err := tether.Start(cmd, syscall.SIGKILL)
	if err != nil {
		t.Fatal(err)
	}
	if err := proc.Wait(); err != nil {
		t.Fatalf("x402 client: %v\n%s", err, stderr.Bytes())
	}
	var out struct {
		Buyer  string `json:"buyer"`
		Orders []struct {
			Key      string                   `json:"key"`
			Statuses []int                    `json:"statuses"`
			Accepted wire.PaymentRequirements `json:"accepted"`
			Intent   wire.Intent              `json:"intent"`
			Settled  wire.SettleResponse      `json:"settled"`
			Frontrun string                   `json:"frontrun"`
		} `json:"orders"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil || len(out.Orders) != 2 {
		t.Fatalf("client output %q: %v", stdout.Bytes(), err)
	}
	spent := new(big.Int)
	for i, o := range out.Orders {
		q := quotes[i]
		box := contracts.DepositAddress(common.HexToHash(q.IntentID))
		if len(o.Statuses) != 2 || o.Statuses[0] != 402 || o.Statuses[1] != 201 {
			t.Errorf("%s: statuses %v, want 402 then 201", o.Key, o.Statuses)
		}
		if o.Accepted.PayTo != box.Hex() || o.Accepted.Amount != q.Price || o.Accepted.Network != "eip155:"+dev.ChainID().String() {
			t.Errorf("%s: accepted %+v, want %s to %s", o.Key, o.Accepted, q.Price, box.Hex())
		}
		if !o.Settled.Success || !strings.EqualFold(o.Settled.Payer, buyer.Hex()) || o.Intent.ID != q.IntentID || o.Intent.Deposit == nil {
			t.Errorf("%s: settled %+v, intent %+v", o.Key, o.Settled, o.Intent)
		}
		if (o.Frontrun != "") != (i == 1) {
			t.Errorf("%s: front-run transaction %q", o.Key, o.Frontrun)
		}
		in := awaitIntent(t, c, q.IntentID, func(in wire.Intent) bool {
			return in.State == "open" && len(in.Transactions) == 1 && in.Transactions[0].Status == "mined"
		})
		if in.Transactions[0].Kind != "fund" {
			t.Errorf("%s: transactions %+v", o.Key, in.Transactions)
		}
		if b := walletBalance(t, dev, dev.Addresses.USDC, box); b.Sign() != 0 {
			t.Errorf("%s: the deposit address keeps %s", o.Key, b)
		}
		spent.Add(spent, bigOf(t, q.Price))
	}
	// The buyer paid each price once, front-run or not, and no gas.
	after := walletBalance(t, dev, dev.Addresses.USDC, buyer)
	if got := new(big.Int).Sub(before, after); got.Cmp(spent) != 0 {
		t.Errorf("the buyer paid %s, want %s", got, spent)
	}
	if eth, err := dev.Client().BalanceAt(ctx, buyer, nil); err != nil || eth.Sign() != 0 {
		t.Errorf("the buyer's ETH: %v %v, want none", eth, err)
	}
}
