package api_test

import (
	"archive/tar"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/axl-market/axl/api"
	"github.com/axl-market/axl/api/client"
	"github.com/axl-market/axl/api/wire"
	"github.com/axl-market/axl/market"
	swmodel "github.com/axl-market/axl/swarm/model"
)

// releasedJob runs the quote of body to its release through the chain's
// events, with weights as the delivered model, and returns the quote and
// the delivered artifact.
func (e *env) releasedJob(buyer account, body map[string]any, weights []byte) (wire.Quote, wire.Artifact) {
	e.t.Helper()
	q := e.quote(buyer, body)
	if r := e.createIntent(buyer, "k", signedIntent(e.t, buyer, q)); r.status != 201 {
		e.t.Fatalf("intent: %d %s", r.status, r.body)
	}
	id, _ := market.ParseHash(q.IntentID)
	e.chainSays(id, chainEvent("Funded", map[string]any{}))
	worker := newAccount(e.t)
	var staked []market.ChainEvent
	for i := range int(q.Slots) {
		staked = append(staked, chainEvent("Staked", map[string]any{"slot": i, "worker": newAccount(e.t).addr.String(), "amount": "1"}))
	}
	e.chainSays(id, staked...)
	e.assign(id)
	art := e.upload(worker, "application/vnd.safetensors", weights)
	wid, err := market.ParseArtifactID(art.ID)
	if err != nil {
		e.t.Fatal(err)
	}
	path := "/intents/" + q.IntentID + "/weights/manifest"
	contains(e.t, e.do(req{method: "GET", path: path, as: &buyer}).problem(e.t, 409, market.KindConflict).Detail, "running")
	submitted := chainEvent("ResultSubmitted", map[string]any{"weights_hash": market.Hash(wid).String(), "trace_root": market.Hash{0x0a}.String(), "window_end": 1})
	submitted.TxHash = market.Hash{0x50}
	e.chainSays(id, submitted)
	contains(e.t, e.do(req{method: "GET", path: path, as: &buyer}).problem(e.t, 409, market.KindConflict).Detail, "verifying")
	e.do(req{method: "GET", path: "/intents/" + q.IntentID + "/weights?format=tar", as: &buyer}).problem(e.t, 409, market.KindConflict)
	released := chainEvent("Released", map[string]any{"weights_hash": market.Hash(wid).String()})
	released.TxHash = market.Hash{0x7e}
	e.chainSays(id, released)
	return q, art
}

func hexSum(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// TestModelDirectory downloads the Hugging Face directory of a byte-level
// job and of a BPE job: the manifest, the tar (its sha256, length, and
// each file's bytes), config.json by Hugging Face's names with the
// tokenizer's end-of-text as bos and eos (none for bytes), the tokenizer as
// uploaded; the client's ModelDir unpacks and checks it, and, where
// python3 is, testdata/hf_check.py opens the directory as from_pretrained
// would. Only the buyer, only after release.
func TestModelDirectory(t *testing.T) {
	t.Parallel()
	tok, err := os.ReadFile("../swarm/tokenizer/testdata/tiny-tokenizer.json")
	if err != nil {
		t.Fatal(err)
	}
	bpeConfig := microConfig
	bpeConfig.VocabSize = 272 // the tiny tokenizer's, <|endoftext|> = 271
	tests := []struct {
		name      string
		tokenizer bool
		cfg       swmodel.Config
		eot       any // bos_token_id and eos_token_id
		files     []string
	}{
		{"bytes", false, microConfig, nil, []string{"config.json", "model.safetensors"}},
		{"bpe", true, bpeConfig, 271.0, []string{"config.json", "tokenizer.json", "tokenizer_config.json", "model.safetensors"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, api.Config{})
			buyer, other := newAccount(t), newAccount(t)
			body := e.quoteBody(buyer, "USDC", "1000000000000000000000")
			if tc.tokenizer {
				body["base_model"] = e.upload(buyer, "application/vnd.safetensors", gpt2File(tc.cfg, 1)).ID
				r := e.do(req{method: "POST", path: "/artifacts", body: tok, contentType: "application/json", as: &buyer,
					header: map[string]string{"X-Test-Invalid": "1"}}) // the spec's upload body is a file
				var ta wire.Artifact
				r.json(t, &ta)
				body["tokenizer"] = ta.ID
			}
			weights := gpt2File(tc.cfg, 99)
			q, art := e.releasedJob(buyer, body, weights)
			base := "/intents/" + q.IntentID + "/weights"
			e.do(req{method: "GET", path: base + "/manifest", as: &other}).problem(t, 403, market.KindForbidden)
			e.do(req{method: "GET", path: base + "?format=tar", as: &other}).problem(t, 403, market.KindForbidden)
			contains(t, e.do(req{method: "GET", path: base + "?format=zip", as: &buyer, header: map[string]string{"X-Test-Invalid": "1"}}).
				problem(t, 400, market.KindInvalid).Detail, "zip")

			var m wire.ModelManifest
			e.do(req{method: "GET", path: base + "/manifest", as: &buyer}).json(t, &m)
			var names []string
			for _, f := range m.Files {
				names = append(names, f.Name)
			}
			if !slices.Equal(names, tc.files) {
				t.Fatalf("files %v, want %v", names, tc.files)
			}

			r := e.do(req{method: "GET", path: base + "?format=tar", as: &buyer})
			if r.status != 200 || r.header.Get("Content-Type") != "application/x-tar" || r.header.Get(wire.HeaderTarSHA256) != hexSum(r.body) ||
				m.TarSHA256 != hexSum(r.body) || m.TarSize != int64(len(r.body)) || r.header.Get("Content-Length") != strconv.Itoa(len(r.body)) ||
				"sha256:"+r.header.Get(wire.HeaderWeightsSHA256) != art.ID {
				t.Fatalf("tar: %d %v (%d bytes), manifest %+v", r.status, r.header, len(r.body), m)
			}
			got := map[string][]byte{}
			tr := tar.NewReader(bytes.NewReader(r.body))
			for i := 0; ; i++ {
				hdr, err := tr.Next()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				b, err := io.ReadAll(tr)
				if err != nil {
					t.Fatal(err)
				}
				if f := m.Files[i]; hdr.Name != f.Name || hdr.Mode != 0o644 || int64(len(b)) != f.Size || hexSum(b) != f.SHA256 {
					t.Fatalf("tar entry %d: %s mode %o, %d bytes sha256 %s; manifest %+v", i, hdr.Name, hdr.Mode, len(b), hexSum(b), f)
				}
				got[hdr.Name] = b
			}
			if !bytes.Equal(got["model.safetensors"], weights) {
				t.Fatal("model.safetensors is not the delivered weights")
			}
			if tc.tokenizer && !bytes.Equal(got["tokenizer.json"], tok) {
				t.Fatal("tokenizer.json is not the uploaded tokenizer")
			}
			var cfg map[string]any
			if err := json.Unmarshal(got["config.json"], &cfg); err != nil {
				t.Fatal(err)
			}
			want := map[string]any{"model_type": "gpt2", "n_layer": float64(tc.cfg.Layers), "n_head": float64(tc.cfg.Heads), "n_embd": float64(tc.cfg.Dim),
				"n_positions": float64(tc.cfg.MaxSeq), "vocab_size": float64(tc.cfg.VocabSize), "bos_token_id": tc.eot, "eos_token_id": tc.eot, "tie_word_embeddings": true}
			for k, v := range want {
				if gv, ok := cfg[k]; !ok || gv != v {
					t.Errorf("config.json %s = %v, want %v", k, cfg[k], v)
				}
			}
			if a, _ := cfg["architectures"].([]any); len(a) != 1 || a[0] != "GPT2LMHeadModel" {
				t.Errorf("config.json architectures = %v", cfg["architectures"])
			}
			// The same bytes every time: the tar's hash is a function of its files.
			if again := e.do(req{method: "GET", path: base + "?format=tar", as: &buyer}); !bytes.Equal(again.body, r.body) {
				t.Fatal("a second download differs")
			}

			// The client unpacks and checks it.
			dir := t.TempDir()
			c := client.New(e.srv.URL, buyer.key, client.WithClock(e.clock))
			if _, err := c.ModelDir(t.Context(), q.IntentID, dir); err != nil {
				t.Fatal(err)
			}
			for name, b := range got {
				if disk, err := os.ReadFile(filepath.Join(dir, name)); err != nil || !bytes.Equal(disk, b) {
					t.Fatalf("%s on disk: %v", name, err)
				}
			}
			if left, _ := filepath.Glob(filepath.Join(dir, ".axl-download-*")); len(left) != 0 {
				t.Fatalf("staging left: %v", left)
			}
			hfCheck(t, dir)
		})
	}
}

// hfCheck runs testdata/hf_check.py on dir where python3 is: the files by
// Hugging Face's names and shapes, the tokenizer's special tokens.
func hfCheck(t *testing.T, dir string) {
	t.Helper()
	// Debian's interpreter first: apt's python3-torch lives there.
	var py string
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		if path, err := exec.LookPath(p); err == nil {
			py = path
			break
		}
	}
	if py == "" {
		t.Log("no python3: the directory is checked in Go only")
		return
	}
	out, err := exec.Command(py, "testdata/hf_check.py", dir).CombinedOutput()
	if err != nil {
		t.Fatalf("hf_check.py: %v\n%s", err, out)
	}
	t.Logf("hf_check.py: %s", bytes.TrimSpace(out))
}
