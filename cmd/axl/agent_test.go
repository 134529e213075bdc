package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	apiclient "github.com/axl-market/axl/api/client"
	"github.com/axl-market/axl/api/wire"
)

// TestAgentAndDemoRefusals: bad command lines of axl agent and axl demo
// get one line saying what is wrong, with exit code 2, before anything runs.
func TestAgentAndDemoRefusals(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	key := filepath.Join(dir, "buyer.key")
	if err := os.WriteFile(key, []byte(strings.Repeat("cd", 32)), 0o600); err != nil {
		t.Fatal(err)
	}
	noEscrow := filepath.Join(dir, "deployment.json")
	if err := os.WriteFile(noEscrow, []byte(`{"chain_id": 1337, "contracts": {}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	checkRefusals(t, []refusal{
		{"agent without subcommand", []string{"agent"}, "no subcommand"},
		{"agent unknown subcommand", []string{"agent", "sell"}, `unknown subcommand "sell"`},
		{"buy without inputs", []string{"agent", "buy", "--key-file", key}, "--model and --dataset are required"},
		{"buy without key", []string{"agent", "buy", "--model", "m", "--dataset", "d", "--deployment", noEscrow}, "--key-file is required"},
		{"buy without deployment", []string{"agent", "buy", "--key-file", key, "--model", "m", "--dataset", "d"}, "--deployment is required"},
		{"buy with an unknown method", []string{"agent", "buy", "--key-file", key, "--model", "m", "--dataset", "d", "--deployment", noEscrow,
			"--method", "dora"}, `--method "dora": want full or lora`},
		{"buy with a LoRA flag of a full fine-tune", []string{"agent", "buy", "--key-file", key, "--model", "m", "--dataset", "d", "--deployment", noEscrow,
			"--lora-r", "4"}, "--lora-r needs --method lora"},
		{"buy with a LoRA of rank 0", []string{"agent", "buy", "--key-file", key, "--model", "m", "--dataset", "d", "--deployment", noEscrow,
			"--method", "lora", "--lora-r", "-1"}, "--lora-r -1: want a rank of at least 1"},
		{"upload without file", []string{"agent", "upload", "--key-file", key}, "--file is required"},
		{"watch without id", []string{"agent", "watch", "--key-file", key}, "give one intent id"},
		{"weights with two ids", []string{"agent", "weights", "--key-file", key, "0x01", "0x02"}, "give one intent id"},
		{"demo unknown cheat", []string{"demo", "--cheat", "bribe"}, `--cheat "bribe"`},
		{"demo cheat with one replica", []string{"demo", "--cheat", "perturb", "--replicas", "1"}, "two replicas"},
		{"demo no steps", []string{"demo", "--steps", "0"}, "at least 1"},
		{"demo stray argument", []string{"demo", "now"}, "unexpected argument"},
	})
}

// refusal is a command line axl must refuse, and what the refusal says.
type refusal struct {
	name string
	args []string
	want string
}

// checkRefusals runs each command line and wants one line containing its
// text, with exit code 2.
func checkRefusals(t *testing.T, tests []refusal) {
	t.Helper()
	env := &environment{stdout: io.Discard, stderr: io.Discard}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := run(context.Background(), env, tt.args)
			if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") || exitCode(err) != 2 {
				t.Fatalf("error %v (exit %d), want one line containing %q, exit 2", err, exitCode(err), tt.want)
			}
		})
	}
}

// TestDescribeEvent: the buyer reads each kind of event as a sentence, and
// an unknown one as its type and data.
func TestDescribeEvent(t *testing.T) {
	t.Parallel()
	tests := []struct{ typ, data, want string }{
		{"transaction", `{"kind":"fund","status":"mined","hash":"0xab"}`, "fund transaction mined: 0xab"},
		{"transaction", `{"kind":"stake","status":"failed","error":"reverted: SlotTaken(2)"}`, "stake transaction failed: reverted: SlotTaken(2)"},
		{"transaction", `{"kind":"release","status":"queued"}`, "release transaction queued"},
		{"slot", `{"slot":2,"state":"confirmed","worker":"0x01"}`, "slot 2 confirmed by 0x01"},
		{"job", `{"slots":4}`, "job listed: 4 slots for workers to claim"},
		{"revealed", `{"slot":1,"replica":0,"rank":1,"trace_root":"0x0123456789abcdef","weights":"sha256:ab"}`,
			"slot 1 (replica 0, rank 1) revealed trace root 0x0123456789ab… and weights sha256:ab"},
		{"dispute", `{"id":3,"rank":1,"slots":[1,3],"state":"open"}`, "dispute 3 opened: slots 1 and 3 of rank 1 disagree; the referee questions them"},
		{"dispute", `{"id":3,"rank":1,"slots":[1,3],"state":"ruled","ruling":{"guilty_slots":[3],"reasons":["perturbed"]}}`,
			"dispute 3 ruled: slots [3] guilty: perturbed"},
		{"dispute", `{"id":4,"rank":0,"slots":[0],"state":"ruled","ruling":{"guilty_slots":[],"reasons":[]}}`, "spot check 4 ruled: nobody guilty"},
		{"mystery", `{"x":1}`, `mystery {"x":1}`},
		{"mystery", `{}`, "mystery"},
	}
	for _, tt := range tests {
		if got := describeEvent(tt.typ, json.RawMessage(tt.data)); got != tt.want {
			t.Errorf("%s %s: %q, want %q", tt.typ, tt.data, got, tt.want)
		}
	}
}

// TestPrintReceipt: the receipt names the weights, their hash, the release
// and who was paid and who slashed, from the escrow's events; and each
// dispute's verdict.
func TestPrintReceipt(t *testing.T) {
	t.Parallel()
	var rc receipt
	raw := `{"id":"0xaa","state":"released","slots":[{"slot":0,"worker":"0xW0","replica":0,"rank":0,"state":"confirmed","committed":true},
		{"slot":1,"worker":"0xW1","replica":1,"rank":0,"state":"confirmed","committed":true}],
		"result":{"weights_sha256":"ab","trace_root":"0x01","tx":"0x02","release_tx":"0x03","paid_slots":[0],"slashed_slots":[1]}}`
	if err := json.Unmarshal([]byte(raw), &rc.Intent); err != nil {
		t.Fatal(err)
	}
	rc.Weights, rc.SHA256, rc.Release = "w.safetensors", "ab", "0x03"
	if err := json.Unmarshal([]byte(`[{"id":4,"rank":0,"slots":[0,1],"state":"ruled",
		"ruling":{"guilty_slots":[1],"reasons":["replica 1 rank 0: step 3: output 0 of op differs"]}}]`), &rc.Disputes); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	printReceipt(&b, rc)
	for _, want := range []string{"verified weights: w.safetensors", "sha256:           ab", "released by tx:   0x03",
		"paid:             slot 0 0xW0", "slashed:          slot 1 0xW1", "dispute 4 of rank 0 (slots [0 1]): guilty slots [1]: replica 1 rank 0: step 3"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("receipt lacks %q:\n%s", want, b.String())
		}
	}
}

// TestLoadDeployment reads what the buyer signs for from a devnet.json
// (or a deployment's file), and refuses one that names no escrow.
func TestLoadDeployment(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	good := filepath.Join(dir, "devnet.json")
	if err := os.WriteFile(good, []byte(`{"warning": "dev", "chain_id": 1337, "rpc_url": "http://127.0.0.1:8545",
		"contracts": {"escrow": "0x00000000000000000000000000000000000000e5", "usdc": "0x0000000000000000000000000000000000000005", "ai": "0x00000000000000000000000000000000000000a1"},
		"accounts": []}`), 0o600); err != nil {
		t.Fatal(err)
	}
	d, err := loadDeployment(good)
	if err != nil {
		t.Fatal(err)
	}
	if d.ChainID != 1337 || d.Escrow.Hex() != "0x00000000000000000000000000000000000000E5" || len(d.Tokens) != 2 || d.Tokens["AI"].Hex() != "0x00000000000000000000000000000000000000A1" {
		t.Errorf("deployment %+v", d)
	}
	for name, body := range map[string]string{"no escrow": `{"chain_id": 1337, "contracts": {}}`, "no chain": `{"contracts": {"escrow": "0x00000000000000000000000000000000000000e5"}}`, "not JSON": `chain 1337`} {
		path := filepath.Join(dir, strings.ReplaceAll(name, " ", "-")+".json")
		if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := loadDeployment(path); err == nil || !strings.Contains(err.Error(), path) {
			t.Errorf("%s: %v, want an error naming the file", name, err)
		}
	}
}

// TestRunViewShowsValidationLoss: the buyer's view of a progress event
// names its training and validation losses.
func TestRunViewShowsValidationLoss(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	v := newRunView(&out)
	v.steps = 8
	v.event(apiclient.Event{Type: "progress", IntentEvent: wire.IntentEvent{
		Data: json.RawMessage(`{"slot":1,"replica":0,"rank":1,"step":8,"loss":2.5,"validation_loss":2.75,"tokens_per_second":10}`)}})
	if !strings.Contains(out.String(), "slot 1 (replica 0, rank 1): step 8/8, loss 2.5000, validation loss 2.7500") {
		t.Fatalf("the view printed %q", out.String())
	}
}
