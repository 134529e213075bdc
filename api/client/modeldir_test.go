package client_test

import (
	"archive/tar"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/axl-market/axl/api/client"
	"github.com/axl-market/axl/api/wire"
)

type tarFile struct {
	name string
	body []byte
	typ  byte
}

func tarOf(t *testing.T, files []tarFile) []byte {
	t.Helper()
	var b bytes.Buffer
	tw := tar.NewWriter(&b)
	for _, f := range files {
		typ := f.typ
		if typ == 0 {
			typ = tar.TypeReg
		}
		hdr := &tar.Header{Typeflag: typ, Name: f.name, Mode: 0o644, Size: int64(len(f.body))}
		if typ == tar.TypeSymlink {
			hdr.Size, hdr.Linkname = 0, "/etc/passwd"
		}
		if err := tw.WriteHeader(hdr); err != nil {
			t.Fatal(err)
		}
		if typ == tar.TypeReg {
			tw.Write(f.body)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func sumHex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// TestModelDirRefusesWhatIsNotListed is a hostile server's download: each
// lie is refused and leaves nothing in the directory (the honest one
// lands whole).
func TestModelDirRefusesWhatIsNotListed(t *testing.T) {
	weights, config := []byte("the weights"), []byte(`{"model_type":"gpt2"}`)
	listed := []wire.ModelFile{{Name: "config.json", Size: int64(len(config)), SHA256: sumHex(config)},
		{Name: "model.safetensors", Size: int64(len(weights)), SHA256: sumHex(weights)}}
	honest := []tarFile{{name: "config.json", body: config}, {name: "model.safetensors", body: weights}}
	tests := []struct {
		name    string
		files   []wire.ModelFile // the manifest's
		tar     []tarFile
		tarSum  string // announced in the header; "" for the tar's own
		weights string // X-AXL-Weights-SHA256; "" for the honest one
		wantErr string
	}{
		{"honest", listed, honest, "", "", ""},
		{"tampered weights", listed, []tarFile{{name: "config.json", body: config}, {name: "model.safetensors", body: []byte("the weighty")}}, "", "", "sha256"},
		{"a file outside", listed, append([]tarFile{{name: "../evil", body: []byte("x")}}, honest...), "", "", "does not list"},
		{"a symlink", listed, []tarFile{{name: "config.json", typ: tar.TypeSymlink}, {name: "model.safetensors", body: weights}}, "", "", "not a regular file"},
		{"a file twice", listed, append(honest, tarFile{name: "config.json", body: config}), "", "", "does not list"},
		{"a file missing", listed, honest[1:], "", "", "lacks config.json"},
		{"a path in the manifest", append([]wire.ModelFile{{Name: "sub/x", Size: 1, SHA256: sumHex([]byte("x"))}}, listed...), honest, "", "", "not a plain file"},
		{"another tar announced", listed, honest, sumHex([]byte("other")), "", "announced"},
		{"other weights announced", listed, honest, "", sumHex([]byte("other")), "X-AXL-Weights-SHA256"},
	}
	key, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			body := tarOf(t, tc.tar)
			m := wire.ModelManifest{Files: tc.files, TarSize: int64(len(body)), TarSHA256: sumHex(body)}
			if tc.name == "tampered weights" {
				// The server lists the honest tar's hash but sends another.
				m.TarSHA256 = sumHex(tarOf(t, honest))
			}
			announced := tc.tarSum
			if announced == "" {
				announced = m.TarSHA256
			}
			ws := tc.weights
			if ws == "" {
				ws = sumHex(weights)
			}
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				switch {
				case strings.HasSuffix(r.URL.Path, "/weights/manifest"):
					json.NewEncoder(w).Encode(m)
				case r.URL.Query().Get("format") == "tar":
					w.Header().Set(wire.HeaderTarSHA256, announced)
					w.Header().Set(wire.HeaderWeightsSHA256, ws)
					w.Write(body)
				default:
					http.NotFound(w, r)
				}
			}))
			defer srv.Close()
			dir := filepath.Join(t.TempDir(), "model")
			_, err := client.New(srv.URL, key).ModelDir(t.Context(), "0x01", dir)
			entries, _ := os.ReadDir(dir)
			if _, statErr := os.Stat(filepath.Join(filepath.Dir(dir), "evil")); statErr == nil {
				t.Fatal("a file was written outside the directory")
			}
			if tc.wantErr == "" {
				if err != nil || len(entries) != 2 {
					t.Fatalf("honest download: %v, %d entries", err, len(entries))
				}
				got, _ := os.ReadFile(filepath.Join(dir, "model.safetensors"))
				if !bytes.Equal(got, weights) {
					t.Fatal("model.safetensors differs")
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("err %v, want one saying %q", err, tc.wantErr)
			}
			if len(entries) != 0 {
				var names []string
				for _, e := range entries {
					names = append(names, e.Name())
				}
				t.Fatalf("files left after a refused download: %v", names)
			}
		})
	}
}
