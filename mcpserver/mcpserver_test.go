package mcpserver_test

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ecdsa"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/axl-market/axl/api/apitest"
	"github.com/axl-market/axl/api/client"
	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/market/postgres/pgtest"
	"github.com/axl-market/axl/mcpserver"
	"github.com/axl-market/axl/swarm/model"
)

// serveEnv makes this test binary the MCP server over stdio, for the
// TypeScript SDK's client (TestTypeScriptClient): the API's URL, the
// buyer's key in hex.
const serveEnv = "AXL_TEST_MCP_SERVE"

func TestMain(m *testing.M) {
	if v := os.Getenv(serveEnv); v != "" {
		os.Exit(serve(v))
	}
	os.Exit(pgtest.Run(m))
}

// serve runs the MCP server of "URL KEYHEX" on standard input and output.
func serve(v string) int {
	url, keyHex, _ := strings.Cut(v, " ")
	key, err := crypto.HexToECDSA(keyHex)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	c := client.New(url, key, client.WithDeployment(apitest.Deployment))
	if err := mcpserver.New(c).Run(context.Background(), &mcp.StdioTransport{}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// inputs writes a tiny model and a small dataset to files.
func inputs(t *testing.T) (modelPath, dataPath string) {
	t.Helper()
	dir := t.TempDir()
	m, err := model.Init(model.Config{VocabSize: 256, MaxSeq: 16, Dim: 16, Layers: 1, Heads: 2, Eps: 1e-5}, 1)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := model.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	modelPath, dataPath = filepath.Join(dir, "base.safetensors"), filepath.Join(dir, "data.txt")
	if err := os.WriteFile(modelPath, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dataPath, []byte(strings.Repeat("text to learn\n", 20)), 0o600); err != nil {
		t.Fatal(err)
	}
	return modelPath, dataPath
}

func newKey(t *testing.T) *ecdsa.PrivateKey {
	t.Helper()
	k, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// call calls a tool and decodes its structured result into out (when
// set); it returns the result.
func call(t *testing.T, s *mcp.ClientSession, name string, args any, out any) *mcp.CallToolResult {
	t.Helper()
	res, err := s.CallTool(t.Context(), &mcp.CallToolParams{Name: name, Arguments: args})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if out != nil {
		if res.IsError {
			t.Fatalf("%s: tool error %s", name, text(res))
		}
		b, _ := json.Marshal(res.StructuredContent)
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("%s: %s: %v", name, b, err)
		}
	}
	return res
}

func text(res *mcp.CallToolResult) string {
	var b strings.Builder
	for _, c := range res.Content {
		if tc, ok := c.(*mcp.TextContent); ok {
			b.WriteString(tc.Text)
		}
	}
	return b.String()
}

// TestTools drives every tool through the Go SDK's client: typed schemas
// listed, uploads, a quote, a buy that is signed and created, reads, a
// wait that reports each event as progress until the intent is final, the
// disputes and the jobs; and the failures a caller must be told: the
// problem's text as a tool error, nothing signed without a deployment.
func TestTools(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	key := newKey(t)
	buyer := client.New(api.URL, key, client.WithDeployment(apitest.Deployment))
	progress := make(chan *mcp.ProgressNotificationParams, 64)
	c := mcp.NewClient(&mcp.Implementation{Name: "test", Version: "1"}, &mcp.ClientOptions{
		ProgressNotificationHandler: func(_ context.Context, r *mcp.ProgressNotificationClientRequest) { progress <- r.Params },
	})
	ct, st := mcp.NewInMemoryTransports()
	if _, err := mcpserver.New(buyer).Connect(t.Context(), st, nil); err != nil {
		t.Fatal(err)
	}
	s, err := c.Connect(t.Context(), ct, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	tools, err := s.ListTools(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, tl := range tools.Tools {
		names = append(names, tl.Name)
		if tl.InputSchema == nil || tl.OutputSchema == nil || tl.Description == "" {
			t.Errorf("tool %s lacks a schema or a description", tl.Name)
		}
	}
	slices.Sort(names)
	want := []string{"buy", "cancel_intent", "delete_webhook", "download_weights", "get_balances", "get_disputes", "get_intent",
		"list_intents", "list_jobs", "list_webhooks", "quote", "register_webhook", "upload_artifact", "wait_intent"}
	if !slices.Equal(names, want) {
		t.Fatalf("tools %v, want %v", names, want)
	}

	modelPath, dataPath := inputs(t)
	var m, d struct{ ID, Kind string }
	call(t, s, "upload_artifact", map[string]any{"path": modelPath}, &m)
	call(t, s, "upload_artifact", map[string]any{"path": dataPath}, &d)
	if m.Kind != "model" || d.Kind != "dataset" {
		t.Fatalf("uploads: %+v %+v", m, d)
	}
	job := map[string]any{"token": "USDC", "base_model": m.ID, "dataset": d.ID, "steps": 8, "workers": 2, "replicas": 1,
		"hyperparameters": map[string]any{"batch_size": 2, "seq_len": 8, "inner_steps": 4}, "max_price": "1000000000", "deadline": "48h"}
	var q mcpserver.QuoteOutput
	call(t, s, "quote", job, &q)
	if q.Price == "" || q.Slots != 2 || q.Spec.Dataset != d.ID {
		t.Fatalf("quote %+v", q)
	}
	// A LoRA job: the settings reach the quote, and its spec holds them.
	lora := maps.Clone(job)
	lora["method"], lora["lora_r"], lora["lora_alpha"], lora["lora_targets"] = "lora", 2, 4, []string{"c_fc", "c_attn"}
	var lq mcpserver.QuoteOutput
	call(t, s, "quote", lora, &lq)
	if lq.Spec.Method != "lora" || lq.Spec.LoRAR != 2 || lq.Spec.LoRAAlpha != 4 || !slices.Equal(lq.Spec.LoRATargets, []string{"c_attn", "c_fc"}) ||
		lq.SpecHash == q.SpecHash {
		t.Fatalf("the LoRA quote %+v", lq)
	}
	var b mcpserver.BuyOutput
	if res := call(t, s, "buy", job, &b); res.IsError {
		t.Fatalf("buy: %s", text(res))
	}
	if b.Intent.State != "funding" || b.Intent.ID != b.Quote.IntentID {
		t.Fatalf("bought %+v", b)
	}
	var detail struct{ State string }
	call(t, s, "get_intent", map[string]any{"id": b.Intent.ID}, &detail)
	var list struct{ Data []struct{ ID string } }
	call(t, s, "list_intents", map[string]any{}, &list)
	if detail.State != "funding" || len(list.Data) != 1 || list.Data[0].ID != b.Intent.ID {
		t.Fatalf("intent %+v, list %+v", detail, list)
	}

	// Wait with a progress token while the chain funds the intent and the
	// buyer cancels it.
	api.ChainSays(b.Intent.ID, apitest.ChainEvent("Funded", map[string]any{}))
	done := make(chan *mcp.CallToolResult, 1)
	go func() {
		res, err := s.CallTool(t.Context(), &mcp.CallToolParams{Name: "wait_intent", Arguments: map[string]any{"id": b.Intent.ID, "timeout_seconds": 60},
			Meta: mcp.Meta{"progressToken": "wait-1"}})
		if err != nil {
			res = &mcp.CallToolResult{IsError: true, Content: []mcp.Content{&mcp.TextContent{Text: err.Error()}}}
		}
		done <- res
	}()
	select {
	case p := <-progress:
		if p.ProgressToken != "wait-1" || p.Progress != 1 || !strings.Contains(p.Message, "state") {
			t.Fatalf("first progress %+v", p)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("no progress notification")
	}
	var cancelled struct{ State string }
	call(t, s, "cancel_intent", map[string]any{"id": b.Intent.ID}, &cancelled)
	api.ChainSays(b.Intent.ID, apitest.ChainEvent("Cancelled", map[string]any{}))
	var waited mcpserver.WaitOutput
	select {
	case res := <-done:
		if res.IsError {
			t.Fatalf("wait: %s", text(res))
		}
		raw, _ := json.Marshal(res.StructuredContent)
		if err := json.Unmarshal(raw, &waited); err != nil {
			t.Fatal(err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("wait_intent did not end when the intent was cancelled")
	}
	if waited.State != "cancelled" || !waited.Final || waited.Events < 2 {
		t.Fatalf("waited %+v", waited)
	}

	// A wait that times out says where the intent is, as a result.
	var other mcpserver.BuyOutput
	call(t, s, "buy", job, &other)
	call(t, s, "wait_intent", map[string]any{"id": other.Intent.ID, "timeout_seconds": 1}, &waited)
	if waited.Final || waited.State != "funding" {
		t.Fatalf("a timed-out wait: %+v", waited)
	}
	var ds mcpserver.DisputesOutput
	call(t, s, "get_disputes", map[string]any{"id": b.Intent.ID}, &ds)
	if ds.Disputes == nil || len(ds.Disputes) != 0 {
		t.Fatalf("disputes %+v", ds)
	}
	var jobs struct{ Data []struct{ ID string } }
	call(t, s, "list_jobs", map[string]any{}, &jobs)

	// Webhooks: registered (the secret shown once), listed, deleted.
	var hook struct{ ID, Secret string }
	call(t, s, "register_webhook", map[string]any{"url": "https://hooks.example.com/axl", "events": []string{"state"}}, &hook)
	if !strings.HasPrefix(hook.ID, "wh_") || !strings.HasPrefix(hook.Secret, "whsec_") {
		t.Fatalf("registered %+v", hook)
	}
	var hooks struct{ Webhooks []struct{ ID, Secret string } }
	call(t, s, "list_webhooks", map[string]any{}, &hooks)
	if len(hooks.Webhooks) != 1 || hooks.Webhooks[0].ID != hook.ID || hooks.Webhooks[0].Secret != "" {
		t.Fatalf("listed %+v", hooks)
	}
	var deleted mcpserver.DeletedOutput
	call(t, s, "delete_webhook", map[string]any{"id": hook.ID}, &deleted)
	if deleted.Deleted != hook.ID {
		t.Fatalf("deleted %+v", deleted)
	}

	// Failures are tool errors that say why.
	for _, f := range []struct {
		name string
		args map[string]any
		want string
	}{
		{"quote", with(job, "max_price", "1"), "price"},
		{"quote", with(job, "deadline", "next week"), "RFC 3339"},
		{"buy", with(job, "dataset", "sha256:"+strings.Repeat("00", 32)), "not found"},
		{"get_intent", map[string]any{"id": "0x" + strings.Repeat("00", 32)}, "not found"},
		{"upload_artifact", map[string]any{"path": filepath.Join(t.TempDir(), "none.txt")}, "no such file"},
		{"download_weights", map[string]any{"id": b.Intent.ID, "path": filepath.Join(t.TempDir(), "w.safetensors")}, "409"},
		{"cancel_intent", map[string]any{"id": b.Intent.ID}, "cancelled"},
		{"register_webhook", map[string]any{"url": "http://127.0.0.1:9/hook"}, "public address"},
		{"delete_webhook", map[string]any{"id": "wh_none"}, "not found"},
		// This test's server has no chain to read balances from.
		{"get_balances", map[string]any{}, "reads no escrow balances"},
	} {
		res := call(t, s, f.name, f.args, nil)
		if !res.IsError || !strings.Contains(text(res), f.want) {
			t.Errorf("%s %v: error %v %q, want a tool error saying %q", f.name, f.args, res.IsError, text(res), f.want)
		}
	}

	// Without a deployment, nothing is signed.
	blind, err := mcp.NewClient(&mcp.Implementation{Name: "test", Version: "1"}, nil).Connect(t.Context(), connect(t, client.New(api.URL, key)), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer blind.Close()
	if res := call(t, blind, "buy", job, nil); !res.IsError || !strings.Contains(text(res), "no deployment") {
		t.Fatalf("a buy without a deployment: %v %q", res.IsError, text(res))
	}
}

func with(m map[string]any, k string, v any) map[string]any {
	out := map[string]any{}
	for a, b := range m {
		out[a] = b
	}
	out[k] = v
	return out
}

// connect serves c's tools on an in-memory transport and returns the
// client's end.
func connect(t *testing.T, c *client.Client) mcp.Transport {
	t.Helper()
	ct, st := mcp.NewInMemoryTransports()
	if _, err := mcpserver.New(c).Connect(t.Context(), st, nil); err != nil {
		t.Fatal(err)
	}
	return ct
}

// TestTypeScriptClient has the official TypeScript SDK's client (npm
// @modelcontextprotocol/sdk) drive the server over stdio, as an agent's
// MCP host does: it lists the tools, uploads, quotes, buys, waits with
// progress while the intent is funded and cancelled, and reads the rest.
func TestTypeScriptClient(t *testing.T) {
	t.Parallel()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed")
	}
	dir := filepath.Join("testdata", "mcp-client")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "@modelcontextprotocol", "sdk")); err != nil {
		t.Skip("the MCP SDK is not installed (make test runs npm ci in mcpserver/testdata/mcp-client)")
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	api := apitest.New(t)
	modelPath, dataPath := inputs(t)
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "client.mjs")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "MCP_COMMAND="+self, serveEnv+"="+api.URL+" "+hex.EncodeToString(crypto.FromECDSA(newKey(t))),
		"MODEL_PATH="+modelPath, "DATA_PATH="+dataPath)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Wait()
	out := bufio.NewScanner(stdout)
	out.Buffer(nil, 16<<20)
	step := func(name string, v any) {
		t.Helper()
		if !out.Scan() {
			t.Fatalf("the client ended before %s: %v\n%s", name, out.Err(), stderr.Bytes())
		}
		if err := json.Unmarshal(out.Bytes(), v); err != nil {
			t.Fatalf("%s: %s: %v", name, out.Bytes(), err)
		}
	}
	type result struct {
		IsError    bool            `json:"isError"`
		Structured json.RawMessage `json:"structured"`
		Text       string          `json:"text"`
	}
	var bought struct {
		ID    string `json:"id"`
		Tools []struct {
			Name          string `json:"name"`
			Input, Output bool
		} `json:"tools"`
		Model, Dataset, TooDear, Missing, BadDeadline, Quote, Bought result
	}
	step("bought", &bought)
	if len(bought.Tools) != 14 || bought.ID == "" || bought.Model.IsError || bought.Bought.IsError {
		t.Fatalf("the TypeScript client saw %+v", bought)
	}
	for _, tl := range bought.Tools {
		if !tl.Input || !tl.Output {
			t.Errorf("tool %s has no input or output schema for the TypeScript client", tl.Name)
		}
	}
	for name, r := range map[string]result{"a quote above max_price": bought.TooDear, "an unknown intent": bought.Missing, "a bad deadline": bought.BadDeadline} {
		if !r.IsError || r.Text == "" {
			t.Errorf("%s: %+v, want a tool error with its reason", name, r)
		}
	}
	api.ChainSays(bought.ID, apitest.ChainEvent("Funded", map[string]any{}))
	fmt.Fprintln(stdin, "funded")
	var requested struct{ Cancelled result }
	step("cancel_requested", &requested)
	if requested.Cancelled.IsError {
		t.Fatalf("cancel: %+v", requested.Cancelled)
	}
	api.ChainSays(bought.ID, apitest.ChainEvent("Cancelled", map[string]any{}))
	var done struct {
		Waited   result
		Progress []struct {
			Progress float64 `json:"progress"`
			Message  string  `json:"message"`
		}
		Intent, Listed, Disputes, Jobs result
	}
	step("done", &done)
	var waited mcpserver.WaitOutput
	if err := json.Unmarshal(done.Waited.Structured, &waited); err != nil || waited.State != "cancelled" || !waited.Final {
		t.Fatalf("wait_intent gave %+v (%v)", done.Waited, err)
	}
	// Every event but the final one, which the result tells.
	if len(done.Progress) != waited.Events-1 || done.Progress[0].Progress != 1 ||
		!strings.HasPrefix(done.Progress[len(done.Progress)-1].Message, "cancel_requested") {
		t.Fatalf("progress notifications %+v for %d events\n%s", done.Progress, waited.Events, stderr.Bytes())
	}
	for name, r := range map[string]result{"get_intent": done.Intent, "list_intents": done.Listed, "get_disputes": done.Disputes, "list_jobs": done.Jobs} {
		if r.IsError || len(r.Structured) == 0 {
			t.Errorf("%s: %+v", name, r)
		}
	}
}

// TestTypeScriptClientOverHTTP drives the server's /mcp with the official
// TypeScript SDK's streamable HTTP client, ethers signing every request and
// both documents in the agent's process: the remote tools (no file tools),
// a quote with its documents, create_intent refusing another key's
// signatures and taking the buyer's, progress streamed through wait_intent;
// another agent sees none of it, and an unsigned request is refused.
func TestTypeScriptClientOverHTTP(t *testing.T) {
	t.Parallel()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed")
	}
	dir := filepath.Join("testdata", "mcp-client")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "ethers")); err != nil {
		t.Skip("the MCP SDK and ethers are not installed (make test runs npm ci in mcpserver/testdata/mcp-client)")
	}
	srv := apitest.New(t)
	buyer, mallory := newKey(t), newKey(t)
	modelPath, dataPath := inputs(t)
	c := client.New(srv.URL, buyer)
	m, err := c.UploadArtifactFile(t.Context(), "application/vnd.safetensors", modelPath)
	if err != nil {
		t.Fatal(err)
	}
	d, err := c.UploadArtifactFile(t.Context(), "text/plain", dataPath)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "http-client.mjs")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "AXL_URL="+srv.URL, "BUYER_KEY=0x"+hex.EncodeToString(crypto.FromECDSA(buyer)),
		"MALLORY_KEY=0x"+hex.EncodeToString(crypto.FromECDSA(mallory)), "MODEL_ID="+m.ID, "DATASET_ID="+d.ID)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("client: %v\n%s", err, stderr.Bytes())
	}
	type result struct {
		IsError    bool            `json:"isError"`
		Structured json.RawMessage `json:"structured"`
		Text       string          `json:"text"`
	}
	var got struct {
		Tools                                                  []string
		ID                                                     string
		Quote, Forged, Created, Intent, Listed, Waited, Stolen result
		Theirs                                                 result
		Progress                                               []json.RawMessage
		Unsigned                                               int
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("client output %s: %v", out, err)
	}
	want := []string{"cancel_intent", "create_intent", "delete_webhook", "get_balances", "get_disputes", "get_intent", "list_intents",
		"list_jobs", "list_webhooks", "quote", "register_webhook", "wait_intent"}
	slices.Sort(got.Tools)
	if !slices.Equal(got.Tools, want) {
		t.Errorf("tools %v, want %v (no file tools, no buy)", got.Tools, want)
	}
	var q struct {
		QuoteID         string `json:"quote_id"`
		IntentID        string `json:"intent_id"`
		IntentTypedData struct {
			PrimaryType string `json:"primaryType"`
		} `json:"intent_typed_data"`
	}
	if err := json.Unmarshal(got.Quote.Structured, &q); err != nil || got.Quote.IsError || q.IntentTypedData.PrimaryType != "Intent" {
		t.Fatalf("quote %+v %v", got.Quote, err)
	}
	if !got.Forged.IsError || !strings.Contains(got.Forged.Text, "not by the buyer") {
		t.Errorf("create_intent with another key's signatures: %+v", got.Forged)
	}
	if got.Created.IsError || got.ID != q.IntentID {
		t.Fatalf("create_intent: %+v, id %q, want %s", got.Created, got.ID, q.IntentID)
	}
	var in struct {
		State string `json:"state"`
		Buyer string `json:"buyer"`
	}
	if err := json.Unmarshal(got.Intent.Structured, &in); err != nil || in.State != "funding" ||
		!strings.EqualFold(in.Buyer, crypto.PubkeyToAddress(buyer.PublicKey).Hex()) {
		t.Errorf("get_intent %+v %v", got.Intent, err)
	}
	if got.Listed.IsError || !strings.Contains(string(got.Listed.Structured), q.IntentID) {
		t.Errorf("list_intents %+v", got.Listed)
	}
	var w mcpserver.WaitOutput
	if err := json.Unmarshal(got.Waited.Structured, &w); err != nil || got.Waited.IsError || w.State != "funding" || w.Final || w.Events == 0 {
		t.Errorf("wait_intent %+v %v", got.Waited, err)
	}
	if !got.Stolen.IsError || !strings.Contains(got.Stolen.Text, "not found") || strings.Contains(string(got.Theirs.Structured), q.IntentID) {
		t.Errorf("another agent: get_intent %+v, list_intents %+v", got.Stolen, got.Theirs)
	}
	if got.Unsigned != 401 {
		t.Errorf("an unsigned POST /mcp: %d, want 401", got.Unsigned)
	}
	// The intent is the buyer's in the store, signed in its process.
	id, _ := market.ParseHash(q.IntentID)
	if stored, err := srv.Store.Intent(t.Context(), id, market.Address(crypto.PubkeyToAddress(buyer.PublicKey))); err != nil || stored.State != market.IntentFunding {
		t.Errorf("stored intent %+v %v", stored, err)
	}
}
