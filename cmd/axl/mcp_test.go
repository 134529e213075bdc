package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
