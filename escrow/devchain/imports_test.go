package devchain_test

import (
	"encoding/json"
	"errors"
	"io"
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/axl-market/axl"

// nodePackage reports whether path is a part of go-ethereum's node (the
// node itself, the eth protocol and its backend, the blockchain, the
// miner, the p2p stack). core/types and p2p/netutil are plain data and
// helpers that the RPC client links, and stay allowed.
func nodePackage(path string) bool {
	rest, ok := strings.CutPrefix(path, "github.com/ethereum/go-ethereum/")
	if !ok {
		return false
	}
	if rest == "core/types" || strings.HasPrefix(rest, "core/types/") || rest == "p2p/netutil" {
		return false
	}
	for _, root := range []string{"node", "eth", "core", "p2p", "miner", "triedb"} {
		if rest == root || strings.HasPrefix(rest, root+"/") {
			return true
		}
	}
	return false
}

// TestOnlyTheDevChainLinksANode: the relayer, the watcher, the operator
// and the API talk to a chain over RPC. Only this package (and cmd/axl,
// which starts it for serve, devnet and demo) links go-ethereum's node,
// whose eth, core and p2p packages are most of a full client.
func TestOnlyTheDevChainLinksANode(t *testing.T) {
	t.Parallel()
	cmd := exec.Command("go", "list", "-json=ImportPath,Deps", module+"/...")
	cmd.Dir = "../.."
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	allowed := map[string]bool{module + "/escrow/devchain": true, module + "/cmd/axl": true}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	seen := 0
	for {
		var p struct {
			ImportPath string
			Deps       []string
		}
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		seen++
		if allowed[p.ImportPath] {
			continue
		}
		for _, dep := range p.Deps {
			if nodePackage(dep) {
				t.Errorf("%s links %s: only %s/escrow/devchain may link go-ethereum's node", p.ImportPath, dep, module)
				break
			}
		}
	}
	// The packages the issue names must be among those checked.
	if seen < 10 || !strings.Contains(string(out), `"`+module+`/market/operator"`) || !strings.Contains(string(out), `"`+module+`/api"`) {
		t.Fatalf("go list listed %d packages; the operator or the API missing:\n%.2000s", seen, out)
	}
}

func TestNodePackage(t *testing.T) {
	t.Parallel()
	for path, want := range map[string]bool{
		"github.com/ethereum/go-ethereum/node":         true,
		"github.com/ethereum/go-ethereum/eth":          true,
		"github.com/ethereum/go-ethereum/eth/catalyst": true,
		"github.com/ethereum/go-ethereum/core":         true,
		"github.com/ethereum/go-ethereum/core/rawdb":   true,
		"github.com/ethereum/go-ethereum/p2p":          true,
		"github.com/ethereum/go-ethereum/core/types":   false,
		"github.com/ethereum/go-ethereum/p2p/netutil":  false,
		"github.com/ethereum/go-ethereum/ethclient":    false,
		"github.com/ethereum/go-ethereum/rpc":          false,
		"github.com/ethereum/go-ethereum/accounts/abi": false,
	} {
		if got := nodePackage(path); got != want {
			t.Errorf("nodePackage(%s) = %v, want %v", path, got, want)
		}
	}
}
