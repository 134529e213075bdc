package main

import (
	"encoding/json"
	"io"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// module is the import path of this module.
const module = "github.com/axl-market/axl"

// layerRule forbids a package (and, when deps is set, everything it links)
// from importing paths with the given prefixes.
type layerRule struct {
	pkg       string
	deps      bool
	forbidden []string
	// allowed are exceptions to forbidden (the path and what is under it).
	allowed []string
	why     string
}

// layerRules are the arrows of the house (DESIGN §2) that hold today:
// market is the core and imports only the standard library; the HTTP
// server links no training, no libp2p and no chain node; the database and
// chain adapters know nothing of HTTP or the swarm. cmd/axl alone wires
// every layer.
var layerRules = []layerRule{
	{pkg: "market", forbidden: []string{"!std"}, why: "the core imports only the standard library"},
	{pkg: "api", deps: true, forbidden: []string{module + "/swarm", module + "/escrow", module + "/market/postgres",
		module + "/market/referee", "github.com/libp2p", "github.com/jackc/pgx", "github.com/ethereum/go-ethereum/node",
		"github.com/ethereum/go-ethereum/eth"},
		why: "the HTTP server decodes, calls the core and encodes: no training, swarm, database or chain node in it"},
	{pkg: "market/postgres", deps: true, forbidden: []string{module + "/api", module + "/swarm", module + "/escrow",
		"github.com/ethereum", "github.com/go-chi"}, why: "the store is SQL only"},
	{pkg: "escrow", deps: true, forbidden: []string{module + "/api", module + "/swarm", module + "/market/postgres",
		"github.com/go-chi", "github.com/libp2p"}, why: "the chain side knows nothing of HTTP, the store or the swarm"},
	{pkg: "swarm/verde", deps: true, forbidden: []string{module + "/api", module + "/escrow", module + "/market/postgres",
		"github.com/go-chi", "github.com/jackc/pgx"}, why: "the verification game is pure computation over traces"},
}

// listed is what go list says of one package.
type listed struct {
	ImportPath string
	Standard   bool
	Imports    []string
	Deps       []string
}

// TestLayers fails when an import crosses a layer the wrong way.
func TestLayers(t *testing.T) {
	t.Parallel()
	cmd := exec.Command("go", "list", "-json", module+"/...")
	cmd.Dir = "../.."
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	pkgs := map[string]listed{}
	dec := json.NewDecoder(out)
	for {
		var p listed
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		pkgs[p.ImportPath] = p
	}
	if err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
	std := func(path string) bool { return !strings.Contains(strings.Split(path, "/")[0], ".") }
	for _, r := range layerRules {
		p, ok := pkgs[module+"/"+r.pkg]
		if !ok {
			t.Errorf("no package %s", r.pkg)
			continue
		}
		paths := p.Imports
		if r.deps {
			paths = p.Deps
		}
		for _, imp := range paths {
			if slices.ContainsFunc(r.allowed, func(a string) bool { return imp == a || strings.HasPrefix(imp, a+"/") }) {
				continue
			}
			for _, f := range r.forbidden {
				if f == "!std" && !std(imp) || f != "!std" && (imp == f || strings.HasPrefix(imp, f+"/")) {
					t.Errorf("%s links %s: %s", r.pkg, imp, r.why)
				}
			}
		}
	}
	// Only cmd/axl imports both the server and the chain side and the swarm,
	// and the test harnesses (…test packages, imported by tests alone) that
	// stand a server up for its clients' tests.
	for path, p := range pkgs {
		if path == module+"/cmd/axl" || harness(path, pkgs) {
			continue
		}
		var api, chain, swarm bool
		for _, imp := range p.Imports {
			api = api || imp == module+"/api"
			chain = chain || imp == module+"/escrow"
			swarm = swarm || strings.HasPrefix(imp, module+"/swarm/")
		}
		if api && chain && swarm {
			t.Errorf("%s imports the server, the chain side and the swarm: only cmd/axl wires every layer", path)
		}
	}
}

// harness reports whether path is a test harness: a package named …test
// that no package of the module imports outside its tests.
func harness(path string, pkgs map[string]listed) bool {
	if !strings.HasSuffix(path, "test") {
		return false
	}
	for _, p := range pkgs {
		if slices.Contains(p.Imports, path) {
			return false
		}
	}
	return true
}
