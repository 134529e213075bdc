package main

import (
	"bufio"
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"

	apiclient "github.com/axl-market/axl/api/client"
	"github.com/axl-market/axl/market/tether"
)

// TestMCPCommand: axl mcp answers an MCP host on its standard streams
// (initialize, then tools/list: the buyer's ten tools) and ends with its
// input; without a deployment it refuses to start.
func TestMCPCommand(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	key := filepath.Join(dir, "buyer.key")
	if err := os.WriteFile(key, []byte(strings.Repeat("cd", 32)), 0o600); err != nil {
		t.Fatal(err)
	}
	deployment := filepath.Join(dir, "devnet.json")
	if err := os.WriteFile(deployment, []byte(`{"chain_id": 1337, "contracts": {"escrow": "0x00000000000000000000000000000000000000e5", "usdc": "0x0000000000000000000000000000000000000005"}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	checkRefusals(t, []refusal{{"mcp without deployment", []string{"mcp", "--key-file", key}, "--deployment is required"}})

	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(context.Background(), &environment{stdin: inR, stdout: outW, stderr: io.Discard},
			[]string{"mcp", "--api", "http://127.0.0.1:1", "--key-file", key, "--deployment", deployment})
		outW.Close()
	}()
	go func() {
		for _, l := range []string{
			`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"test","version":"1"}}}`,
			`{"jsonrpc":"2.0","method":"notifications/initialized"}`,
			`{"jsonrpc":"2.0","id":2,"method":"tools/list"}`,
		} {
			io.WriteString(inW, l+"\n")
		}
	}()
	answers := map[float64]json.RawMessage{}
	sc := bufio.NewScanner(outR)
	sc.Buffer(nil, 1<<20)
	for len(answers) < 2 && sc.Scan() {
		var m struct {
			ID     float64         `json:"id"`
			Result json.RawMessage `json:"result"`
		}
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("not JSON-RPC: %s", sc.Bytes())
		}
		answers[m.ID] = m.Result
	}
	inW.Close() // the host leaves: axl mcp ends
	go io.Copy(io.Discard, outR)
	if err := <-done; err != nil && !strings.Contains(err.Error(), "EOF") && !strings.Contains(err.Error(), "closed") {
		t.Errorf("axl mcp ended with %v", err)
	}
	var init struct {
		ServerInfo struct{ Name string } `json:"serverInfo"`
	}
	var list struct {
		Tools []struct{ Name string } `json:"tools"`
	}
	if json.Unmarshal(answers[1], &init) != nil || init.ServerInfo.Name != "axl-market" {
		t.Fatalf("initialize answered %s", answers[1])
	}
	if json.Unmarshal(answers[2], &list) != nil || len(list.Tools) != 14 {
		t.Fatalf("tools/list answered %s", answers[2])
	}
}

// TestMCPBuyerEndToEnd has an MCP client that no one here wrote, the
// official TypeScript SDK's, spawn `axl mcp` and buy a 2 × 2 job on axl
// serve with four workers: upload, buy, wait with progress notifications,
// and download the verified weights, whose sha256 is the hash of the
// on-chain release; the four workers are paid.
func TestMCPBuyerEndToEnd(t *testing.T) {
	t.Parallel()
	dir, err := filepath.Abs(filepath.Join("..", "..", "mcpserver", "testdata", "mcp-client"))
	if err != nil {
		t.Fatal(err)
	}
	node := npmInstalled(t, dir, "@modelcontextprotocol/sdk")
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	c := adversaryConfig(t)
	d, ctx := startAdversaries(t, c, 15*time.Minute)
	var done struct {
		Tools    []string `json:"tools"`
		Price    string   `json:"price"`
		Waited   struct{ State string }
		Progress []string `json:"progress"`
		Weights  struct {
			Path   string `json:"path"`
			SHA256 string `json:"sha256"`
		} `json:"weights"`
	}
	viaMCP := func(ctx context.Context, bc *apiclient.Client, modelPath, dataPath, weights string, created func(string)) (receipt, error) {
		var rc receipt
		keyFile := filepath.Join(t.TempDir(), "buyer.key")
		if err := os.WriteFile(keyFile, []byte(hex.EncodeToString(crypto.FromECDSA(bc.Key()))), 0o600); err != nil {
			return rc, err
		}
		args, _ := json.Marshal([]string{"mcp", "--api", d.base, "--key-file", keyFile, "--deployment", filepath.Join(c.serve.dataDir, "devnet.json")})
		job, _ := json.Marshal(map[string]any{"token": "USDC", "steps": c.steps, "workers": c.workers, "replicas": c.replicas, "seed": "7",
			"max_price": "100000000", "deadline": "2h",
			"hyperparameters": map[string]any{"learning_rate": 3e-3, "batch_size": 4, "seq_len": 32, "inner_steps": c.inner}})
		cmd := exec.CommandContext(ctx, node, "buy.mjs")
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), runAsAxl+"=1", "MCP_COMMAND="+self, "MCP_ARGS="+string(args), "JOB="+string(job),
			"MODEL_PATH="+modelPath, "DATA_PATH="+dataPath, "WEIGHTS_PATH="+weights)
		var stderr syncBuffer
		cmd.Stderr = &stderr
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			return rc, err
		}
		proc, err := tether.Start(cmd, syscall.SIGKILL)
		if err != nil {
			return rc, err
		}
		lines := bufio.NewScanner(stdout)
		lines.Buffer(nil, 1<<20)
		var bought struct{ ID string }
		if !lines.Scan() || json.Unmarshal(lines.Bytes(), &bought) != nil || bought.ID == "" {
			proc.Wait()
			return rc, fmt.Errorf("the MCP client bought nothing: %q\n%s", lines.Bytes(), stderr.String())
		}
		created(bought.ID)
		if !lines.Scan() || json.Unmarshal(lines.Bytes(), &done) != nil {
			proc.Wait()
			return rc, fmt.Errorf("the MCP client did not finish: %q\n%s", lines.Bytes(), stderr.String())
		}
		if err := proc.Wait(); err != nil {
			return rc, fmt.Errorf("the MCP client: %v\n%s", err, stderr.String())
		}
		if rc.Intent, err = bc.Intent(ctx, bought.ID); err != nil {
			return rc, err
		}
		if rc.Intent.Result != nil {
			rc.Release = rc.Intent.Result.ReleaseTx
		}
		rc.Weights, rc.SHA256 = done.Weights.Path, done.Weights.SHA256
		return rc, nil
	}
	rc, out, err := d.runBuyer(ctx, "", 0, 0, viaMCP)
	if err != nil {
		t.Fatalf("%v (logs in %s)", err, c.serve.dataDir)
	}
	if done.Waited.State != "released" || rc.Intent.State != "released" || len(done.Progress) == 0 {
		t.Fatalf("the wait ended %q after %d progress notifications; the intent is %s", done.Waited.State, len(done.Progress), rc.Intent.State)
	}
	if sum, err := sha256File(rc.Weights); err != nil || sum != out.Released {
		t.Fatalf("the downloaded weights hash to %s (%v), the release names %s", sum, err, out.Released)
	}
	if len(out.Paid) != 4 || len(out.Slashed) != 0 {
		t.Fatalf("paid %v, slashed %v: want the four workers paid", out.Paid, out.Slashed)
	}
	for _, want := range []string{"upload_artifact", "buy", "wait_intent", "download_weights"} {
		if !slices.Contains(done.Tools, want) {
			t.Errorf("tools %v lack %s", done.Tools, want)
		}
	}
	t.Logf("bought for %s through MCP; %d progress notifications; weights %s", done.Price, len(done.Progress), out.Released)
}
