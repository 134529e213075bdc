package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/axl-market/axl/escrow/devchain"
)

func TestDevnetRunsUntilInterrupted(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var stderr bytes.Buffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, &environment{stdout: &bytes.Buffer{}, stderr: &stderr}, []string{"devnet", "--data-dir", dir, "--rpc-addr", "127.0.0.1:0"})
	}()

	path := filepath.Join(dir, "devnet.json")
	var info devchain.Info
	for deadline := time.Now().Add(60 * time.Second); ; {
		raw, err := os.ReadFile(path)
		if err == nil && json.Unmarshal(raw, &info) == nil {
			break
		}
		select {
		case err := <-done:
			t.Fatalf("devnet exited early: %v\n%s", err, stderr.String())
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatal("devnet.json never appeared")
		}
	}
	// Every account's key is also in a file of its own, as --key-file reads it.
	for _, a := range info.Accounts {
		if a.Role != devchain.RoleWorker {
			continue
		}
		raw, err := os.ReadFile(filepath.Join(dir, "keys", "worker-0.key"))
		if err != nil || strings.TrimSpace(string(raw)) != a.PrivateKey {
			t.Fatalf("keys/worker-0.key holds %q (%v), want %s", raw, err, a.PrivateKey)
		}
		break
	}
	client, err := ethclient.DialContext(ctx, info.RPCURL)
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	code, err := client.CodeAt(ctx, info.Contracts.Escrow, nil)
	if err != nil || len(code) == 0 {
		t.Fatalf("no escrow code at %s: %v", info.Contracts.Escrow, err)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("devnet returned %v on interrupt", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("devnet did not stop on interrupt")
	}
}

func TestDevnetRefusesBadInput(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	notDir := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(notDir, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		args  []string
		want  string
		usage bool
	}{
		{"port taken", []string{"devnet", "--data-dir", t.TempDir(), "--rpc-addr", l.Addr().String()}, "is not free", false},
		{"bad address", []string{"devnet", "--data-dir", t.TempDir(), "--rpc-addr", "nonsense"}, "rpc address", false},
		{"data dir is a file", []string{"devnet", "--data-dir", notDir}, "not writable", false},
		{"unknown flag", []string{"devnet", "--bogus"}, "flag provided but not defined", true},
		{"stray argument", []string{"devnet", "extra"}, "unexpected argument", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := run(t.Context(), &environment{stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}}, tc.args)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one containing %q", err, tc.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("error spans lines: %q", err)
			}
			var u usageError
			if errors.As(err, &u) != tc.usage {
				t.Fatalf("usage error = %v, want %v", !tc.usage, tc.usage)
			}
		})
	}
}

func TestDevnetGasPrintsEveryCall(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	if err := run(t.Context(), &environment{stdout: &out, stderr: &bytes.Buffer{}}, []string{"devnet", "gas"}); err != nil {
		t.Fatal(err)
	}
	for _, call := range []string{"fundWithAuthorization", "stakeWithPermit", "release (4 slots)", "withdraw"} {
		if !strings.Contains(out.String(), call) {
			t.Errorf("gas report lacks %q:\n%s", call, out.String())
		}
	}
}
