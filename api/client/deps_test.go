package client_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestLinksNoServer fails when the client links a package of the server
// or of the swarm: an agent that imports the SDK gets the wire types, the
// signing and net/http, not the router, the database driver, the metrics,
// the OpenAPI loader, libp2p or the tensor kernels.
func TestLinksNoServer(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "github.com/axl-market/axl/api/client").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	deps := strings.Fields(string(out))
	forbidden := []struct{ name, prefix string }{
		{"the server package", "github.com/axl-market/axl/api"},
		{"chi", "github.com/go-chi/"},
		{"pgx", "github.com/jackc/"},
		{"libp2p", "github.com/libp2p/"},
		{"prometheus", "github.com/prometheus/"},
		{"kin-openapi", "github.com/getkin/"},
		{"the swarm's kernels", "github.com/axl-market/axl/swarm/ree"},
	}
	for _, d := range deps {
		for _, f := range forbidden {
			// The server package is forbidden, not its sub-packages
			// (api/wire, api/client itself).
			if d == f.prefix || f.prefix != "github.com/axl-market/axl/api" && strings.HasPrefix(d, f.prefix) {
				t.Errorf("api/client links %s (%s)", f.name, d)
			}
		}
	}
	t.Logf("api/client links %d packages", len(deps))
}
