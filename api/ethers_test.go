package api_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/axl-market/axl/api"
	"github.com/axl-market/axl/api/wire"
	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/market/tether"
)

// TestEthersClient runs testdata/ethers-client/client.mjs, a client written
// with ethers 6 alone, through a proxy that validates all of its traffic
// against openapi.json. It needs Node.js (and npm, once, for ethers).
func TestEthersClient(t *testing.T) {
	t.Parallel()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed")
	}
	dir := "testdata/ethers-client"
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if _, err := os.Stat(dir + "/node_modules/ethers"); err != nil {
		npm := exec.CommandContext(ctx, "npm", "ci", "--no-audit", "--no-fund")
		npm.Dir = dir
		var out bytes.Buffer
		npm.Stdout, npm.Stderr = &out, &out
		c, err := tether.Start(npm, syscall.SIGKILL)
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Wait(); err != nil {
			t.Fatalf("npm ci: %v: %s", err, out.Bytes())
		}
	}
	e := newEnv(t, api.Config{})
	e.clock.Set(time.Now()) // the client signs with the wall clock
	proxy := e.validatingProxy()
	modelFile := filepath.Join(t.TempDir(), "model.safetensors")
	if err := os.WriteFile(modelFile, model(7), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(ctx, node, "client.mjs", proxy.URL, modelFile)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	c, err := tether.Start(cmd, syscall.SIGKILL)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Wait(); err != nil {
		t.Fatalf("client: %v\n%s", err, stderr.Bytes())
	}
	out := stdout.Bytes()
	var res struct {
		Address     string         `json:"address"`
		IntentID    string         `json:"intent_id"`
		ExpiredBody string         `json:"expired_body"`
		PrivateKey  string         `json:"private_key"`
		Seen        map[string]int `json:"seen"`
	}
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("client output %q: %v", out, err)
	}
	t.Logf("ethers client: %v", res.Seen)
	for _, want := range []string{"create intent", "forged intent signature", "request signed by another key",
		"expired request signature", "replayed request", "signed retry", "reused quote"} {
		if _, ok := res.Seen[want]; !ok {
			t.Errorf("the client did not check %q", want)
		}
	}
	buyer, err := market.ParseAddress(res.Address)
	if err != nil {
		t.Fatal(err)
	}
	id, err := market.ParseHash(res.IntentID)
	if err != nil {
		t.Fatal(err)
	}
	if in, err := e.store.Intent(ctx, id, buyer); err != nil || in.State != market.IntentFunding {
		t.Fatalf("the client's intent: %+v %v", in, err)
	}

	// An intent the client signed but left: past its quote's expiry it is refused.
	e.clock.Add(11 * time.Minute)
	key, err := crypto.HexToECDSA(strings.TrimPrefix(res.PrivateKey, "0x"))
	if err != nil {
		t.Fatal(err)
	}
	body := []byte(res.ExpiredBody)
	hr := e.newRequest(req{method: "POST", path: "/intents", body: body, header: map[string]string{"Idempotency-Key": "late"}})
	ts := e.clock.Now().Unix()
	sum := sha256.Sum256(body)
	nonce := newNonce()
	sig, _ := crypto.Sign(accounts.TextHash([]byte(wire.RequestMessage("POST", "/intents", ts, nonce, sum[:]))), key)
	sig[64] += 27
	hr.Header.Set(wire.HeaderAddress, res.Address)
	hr.Header.Set(wire.HeaderTimestamp, strconv.FormatInt(ts, 10))
	hr.Header.Set(wire.HeaderNonce, nonce)
	hr.Header.Set(wire.HeaderContentSHA256, hex.EncodeToString(sum[:]))
	hr.Header.Set(wire.HeaderSignature, "0x"+hex.EncodeToString(sig))
	e.send(hr, req{body: body}).problem(t, http.StatusGone, market.KindExpired)
}
