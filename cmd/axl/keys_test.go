package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"
)

// TestKeysNew: axl keys new writes a 0600 key file, prints its address,
// never overwrites; --key-file reads it, and a file of one hex key.
func TestKeysNew(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "worker.key")
	var out bytes.Buffer
	env := &environment{stdout: &out, stderr: io.Discard}
	if err := run(context.Background(), env, []string{"keys", "new", "--out", path}); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("key file %v %v", fi, err)
	}
	key, err := loadKey(path)
	if err != nil {
		t.Fatal(err)
	}
	addr := crypto.PubkeyToAddress(key.PublicKey).Hex()
	if strings.TrimSpace(out.String()) != addr {
		t.Fatalf("printed %q, the key is %s's", out.String(), addr)
	}
	err = run(context.Background(), env, []string{"keys", "new", "--out", path})
	if err == nil || !strings.Contains(err.Error(), "refusing to overwrite") {
		t.Fatalf("overwrite: %v", err)
	}
	if again, _ := loadKey(path); again == nil || !again.Equal(key) {
		t.Fatal("the key file changed")
	}
	hexFile := filepath.Join(dir, "dev.key")
	os.WriteFile(hexFile, []byte("0x"+strings.Repeat("0", 63)+"7\n"), 0o600)
	if k, err := loadKey(hexFile); err != nil || crypto.FromECDSA(k)[31] != 7 {
		t.Fatalf("a hex key file: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Fatalf("%d files in the dir, want the two keys", len(entries))
	}
}

// TestWorkerRefusals: bad flags and files are one-line errors, usage errors
// exit 2.
func TestWorkerRefusals(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.key")
	os.WriteFile(good, []byte(strings.Repeat("ab", 32)), 0o600)
	junk := filepath.Join(dir, "junk.key")
	os.WriteFile(junk, []byte("not a key"), 0o600)
	jsonNoKey := filepath.Join(dir, "nokey.json")
	os.WriteFile(jsonNoKey, []byte(`{"address":"0x00"}`), 0o600)
	checkRefusals(t, []refusal{
		{"no key file", []string{"worker"}, "--key-file is required"},
		{"missing key file", []string{"worker", "--key-file", filepath.Join(dir, "none")}, "no such file"},
		{"not a key", []string{"worker", "--key-file", junk}, "not a private key"},
		{"json without a key", []string{"worker", "--key-file", jsonNoKey}, "without a private_key"},
		{"bad api", []string{"worker", "--key-file", good, "--api", "localhost:8080"}, "--api"},
		{"bad listen", []string{"worker", "--key-file", good, "--listen", "/ip4/1.2.3.4/tcp/x"}, "--listen"},
		{"bad min pay", []string{"worker", "--key-file", good, "--min-pay", "1.5"}, "--min-pay"},
		{"bad capacity", []string{"worker", "--key-file", good, "--capacity", "0"}, "--capacity"},
		{"bad max job memory", []string{"worker", "--key-file", good, "--max-job-memory", "-1"}, "--max-job-memory"},
		{"bad log level", []string{"worker", "--key-file", good, "--log-level", "loud"}, "--log-level"},
		{"stray argument", []string{"worker", "--key-file", good, "extra"}, "unexpected argument"},
		{"keys without new", []string{"keys"}, "axl keys new --out FILE"},
		{"keys new without out", []string{"keys", "new"}, "--out FILE is required"},
	})
}
