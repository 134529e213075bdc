package main

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"gopkg.in/yaml.v3"

	"github.com/axl-market/axl/escrow/devchain"
)

// TestComposeFile: docker-compose.yml parses, every axl command and flag in
// it exists, and the dev chain's addresses and operator key it names are
// the ones the dev chain really has. Docker has no engine on our machines:
// this is what CI can check of it.
func TestComposeFile(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile("../../docker-compose.yml")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Services map[string]struct {
			Build       any               `yaml:"build"`
			Image       string            `yaml:"image"`
			Command     []string          `yaml:"command"`
			Environment map[string]string `yaml:"environment"`
			Configs     []struct {
				Source string `yaml:"source"`
				Target string `yaml:"target"`
			} `yaml:"configs"`
		} `yaml:"services"`
		Configs map[string]struct {
			Content string `yaml:"content"`
		} `yaml:"configs"`
	}
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		t.Fatalf("docker-compose.yml: %v", err)
	}
	if len(doc.Services) == 0 {
		t.Fatal("no services")
	}
	flagLine := regexp.MustCompile(`(?m)^\s+-([a-z0-9-]+)`)
	values := map[string]string{}
	axl := 0
	for name, svc := range doc.Services {
		if svc.Build == nil {
			continue // an image of its own (PostgreSQL)
		}
		axl++
		if len(svc.Command) == 0 {
			t.Fatalf("service %s builds axl but runs no command", name)
		}
		sub := svc.Command[0]
		if _, ok := commands()[sub]; !ok {
			t.Fatalf("service %s: axl has no command %q", name, sub)
		}
		var help bytes.Buffer
		err := run(t.Context(), &environment{stdout: &help, stderr: &help}, []string{sub, "-h"})
		if err != nil && !errors.Is(err, flag.ErrHelp) {
			t.Fatalf("axl %s -h: %v", sub, err)
		}
		known := map[string]bool{}
		for _, m := range flagLine.FindAllStringSubmatch(help.String(), -1) {
			known[m[1]] = true
		}
		for v := range svc.Environment {
			if f, ok := strings.CutPrefix(v, "AXL_"); !ok || !known[strings.ToLower(strings.ReplaceAll(f, "_", "-"))] {
				t.Errorf("service %s: axl %s reads no variable %s", name, sub, v)
			}
		}
		for i, arg := range svc.Command[1:] {
			if !strings.HasPrefix(arg, "-") {
				continue
			}
			f := strings.TrimLeft(strings.SplitN(arg, "=", 2)[0], "-")
			if !known[f] {
				t.Errorf("service %s: axl %s has no flag --%s", name, sub, f)
			}
			if i+2 < len(svc.Command) {
				values[f] = svc.Command[i+2]
			}
		}
	}
	if axl == 0 {
		t.Fatal("no service runs axl")
	}
	chain, err := devchain.Start(t.Context(), devchain.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer chain.Close()
	for f, want := range map[string]common.Address{"escrow": chain.Addresses.Escrow, "usdc": chain.Addresses.USDC, "ai": chain.Addresses.AI} {
		if common.HexToAddress(values[f]) != want {
			t.Errorf("--%s %s, the dev chain deploys it at %s", f, values[f], want)
		}
	}
	if want := "0x" + common.Bytes2Hex(crypto.FromECDSA(devchain.Key(devchain.RoleOperator, 0))); values["operator-key"] != want {
		t.Errorf("--operator-key is not the dev chain's operator key")
	}
	if want := "0x" + common.Bytes2Hex(crypto.FromECDSA(devchain.Key(devchain.RoleArbiter, 0))); values["arbiter-key"] != want {
		t.Errorf("--arbiter-key is not the dev chain's arbiter key")
	}
	// The node profile: axl deploy grants the roles to the addresses of the
	// keys that serve-node reads (from the configs at its AXL_*_KEY_FILE).
	deploy, serveNode := doc.Services["deploy"], doc.Services["serve-node"]
	granted := map[string]string{}
	for i, arg := range deploy.Command {
		if (arg == "--operator" || arg == "--arbiter") && i+1 < len(deploy.Command) {
			granted[arg[2:]] = deploy.Command[i+1]
		}
	}
	for role, v := range map[string]string{"operator": "AXL_OPERATOR_KEY_FILE", "arbiter": "AXL_ARBITER_KEY_FILE"} {
		target, content := serveNode.Environment[v], ""
		for _, c := range serveNode.Configs {
			if c.Target == target {
				content = doc.Configs[c.Source].Content
			}
		}
		key, err := crypto.HexToECDSA(strings.TrimPrefix(content, "0x"))
		if err != nil {
			t.Errorf("serve-node: %s=%s is no config holding a key (%v)", v, target, err)
			continue
		}
		if addr := crypto.PubkeyToAddress(key.PublicKey); common.HexToAddress(granted[role]) != addr {
			t.Errorf("deploy grants the %s role to %s, serve-node's %s key is %s's", role, granted[role], role, addr)
		}
	}
	// Four workers, each with a dev worker key of its own, as axl devnet
	// writes them into its volume: enough for 2 workers x 2 replicas.
	keys := map[string]bool{}
	for name, svc := range doc.Services {
		if len(svc.Command) == 0 || svc.Command[0] != "worker" {
			continue
		}
		for i, arg := range svc.Command {
			if arg == "--key-file" && i+1 < len(svc.Command) {
				keys[svc.Command[i+1]] = true
				if !regexp.MustCompile(`^/devnet/keys/worker-[0-7]\.key$`).MatchString(svc.Command[i+1]) {
					t.Errorf("service %s: --key-file %s is not a dev worker key of the devnet volume", name, svc.Command[i+1])
				}
			}
		}
	}
	if len(keys) != 4 {
		t.Errorf("%d workers with distinct keys, want 4", len(keys))
	}
}
