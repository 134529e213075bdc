package main

import (
	"bytes"
	"crypto/ecdsa"
	"encoding/hex"
	"io"
	"log/slog"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/params"

	"github.com/axl-market/axl/escrow"
	"github.com/axl-market/axl/escrow/bindings/axlescrow"
	"github.com/axl-market/axl/escrow/bindings/mislabelledtoken"
	"github.com/axl-market/axl/escrow/devchain"
)

// startDeployChain starts a dev chain over RPC that seals a block every
// 100 ms besides those its transactions ask for, so that confirmations come.
func startDeployChain(t *testing.T) *devchain.Chain {
	t.Helper()
	dev, err := devchain.Start(t.Context(), devchain.Config{RPCAddr: "127.0.0.1:0", Automine: true, BlockInterval: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(dev.Close)
	return dev
}

// keyFileOf writes key as one hex private key and returns the file.
func keyFileOf(t *testing.T, key *ecdsa.PrivateKey) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "key")
	if err := os.WriteFile(path, []byte("0x"+hex.EncodeToString(crypto.FromECDSA(key))+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// escrowView reads the escrow's roles, allowed tokens and parameters.
func escrowView(t *testing.T, dev *devchain.Chain, addr common.Address) (has func(role common.Hash, who common.Address) bool, allowed func(common.Address) bool, fee uint16, window uint32) {
	t.Helper()
	esc := axlescrow.NewAXLEscrow()
	inst := esc.Instance(dev.Client(), addr)
	opts := &bind.CallOpts{Context: t.Context()}
	has = func(role common.Hash, who common.Address) bool {
		ok, err := bind.Call(inst, opts, esc.PackHasRole(role, who), esc.UnpackHasRole)
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}
	allowed = func(token common.Address) bool {
		ok, err := bind.Call(inst, opts, esc.PackTokenAllowed(token), esc.UnpackTokenAllowed)
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}
	fee, err := bind.Call(inst, opts, esc.PackFeeBps(), esc.UnpackFeeBps)
	if err != nil {
		t.Fatal(err)
	}
	window, err = bind.Call(inst, opts, esc.PackChallengeWindow(), esc.UnpackChallengeWindow)
	if err != nil {
		t.Fatal(err)
	}
	return has, allowed, fee, window
}

// TestDeployTestTokens deploys the escrow and the test tokens on a chain
// over its RPC: the deployment file names the chain, the deploy block and
// the tokens' domains as read from them (the FiatToken-shaped USDC by its
// name() and version(), TestAI by EIP-5267), and the escrow holds the
// roles, allows the tokens and has the fee and window asked for.
func TestDeployTestTokens(t *testing.T) {
	t.Parallel()
	dev := startDeployChain(t)
	deployer := dev.Role(devchain.RoleAgent)[1].Key
	operator, arbiter, treasury := common.HexToAddress("0x1001"), common.HexToAddress("0x1002"), common.HexToAddress("0x1003")
	out := filepath.Join(t.TempDir(), "deployment.json")
	var stdout bytes.Buffer
	args := []string{"deploy", "--rpc", dev.RPCURL,
		"--key-file", keyFileOf(t, deployer), "--chain-id", dev.ChainID().String(), "--test-tokens",
		"--operator", operator.Hex(), "--arbiter", arbiter.Hex(), "--treasury", treasury.Hex(),
		"--fee-bps", "250", "--challenge-window", "2m", "--confirmations", "2", "--poll", "50ms", "--fund-roles-eth", "3", "--out", out}
	if err := run(t.Context(), &environment{stdout: &stdout, stderr: io.Discard}, args); err != nil {
		t.Fatal(err)
	}
	d, err := escrow.ReadDeployment(out)
	if err != nil {
		t.Fatal(err)
	}
	// Run again (a compose file's deploy service restarted): the file
	// stands, nothing is sent.
	me := crypto.PubkeyToAddress(deployer.PublicKey)
	sent, err := dev.Client().PendingNonceAt(t.Context(), me)
	if err != nil {
		t.Fatal(err)
	}
	if err := run(t.Context(), &environment{stdout: io.Discard, stderr: io.Discard}, args); err != nil {
		t.Fatalf("deploy again: %v", err)
	}
	if again, err := escrow.ReadDeployment(out); err != nil || again != d {
		t.Fatalf("deploy again rewrote %+v (%v), was %+v", again, err, d)
	}
	if n, err := dev.Client().PendingNonceAt(t.Context(), me); err != nil || n != sent {
		t.Fatalf("deploy again sent %d transactions (%v)", n-sent, err)
	}
	if d.ChainID != dev.ChainID().Uint64() || d.DeployBlock == 0 || d.Operator != operator || d.Arbiter != arbiter || d.Treasury != treasury {
		t.Fatalf("deployment %+v", d)
	}
	if d.USDC != (escrow.TokenDomain{Address: d.USDC.Address, Name: "USDC", Version: "2", Source: escrow.DomainFromNameVersion}) {
		t.Fatalf("usdc %+v: want Circle's domain USDC/2, read from name() and version()", d.USDC)
	}
	if d.AI != (escrow.TokenDomain{Address: d.AI.Address, Name: "TestAI", Version: "1", Source: escrow.DomainFromEIP5267}) {
		t.Fatalf("ai %+v: want TestAI/1 from eip712Domain()", d.AI)
	}
	// Confirmed: the head is past the deploy block by the depth at least.
	if head, err := dev.Client().BlockNumber(t.Context()); err != nil || head < d.DeployBlock+2 {
		t.Fatalf("head %d (%v), deploy block %d: the deployment was not waited for", head, err, d.DeployBlock)
	}
	for _, who := range []common.Address{operator, arbiter} {
		if b, err := dev.Client().BalanceAt(t.Context(), who, nil); err != nil || b.Cmp(new(big.Int).Mul(big.NewInt(3), big.NewInt(params.Ether))) != 0 {
			t.Fatalf("%s holds %s wei (%v): want the 3 ETH of --fund-roles-eth", who, b, err)
		}
	}
	has, allowed, fee, window := escrowView(t, dev, d.Escrow)
	for _, c := range []struct {
		role common.Hash
		who  common.Address
	}{{escrow.OperatorRole, operator}, {escrow.ArbiterRole, arbiter}, {escrow.TreasuryRole, treasury}, {escrow.AdminRole, me}} {
		if !has(c.role, c.who) {
			t.Fatalf("%s lacks role %s", c.who, c.role)
		}
	}
	if has(escrow.OperatorRole, me) {
		t.Fatal("the deployer holds the operator role")
	}
	if !allowed(d.USDC.Address) || !allowed(d.AI.Address) || fee != 250 || window != 120 {
		t.Fatalf("allowed %v %v, fee %d, window %d: want both allowed, 250 bps, 120 s", allowed(d.USDC.Address), allowed(d.AI.Address), fee, window)
	}
	if !strings.Contains(stdout.String(), d.Escrow.Hex()) {
		t.Fatalf("stdout %q does not name the escrow", stdout.String())
	}
	// axl serve reads the file back: the FiatToken domain is what the API signs under.
	opened, err := openChain(t.Context(), serveConfig{chainRPC: dev.RPCURL, deployment: out}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer opened.close()
	doms := opened.deployment.Domains()
	if u := doms.Tokens["USDC"]; u.Name != "USDC" || u.Version != "2" || u.VerifyingContract != d.USDC.Address {
		t.Fatalf("serve signs USDC under %+v", u)
	}
}

// TestDeployAdopts adopts the dev chain's escrow: the deployer (its admin)
// grants the new operator and arbiter their roles, changes the window it
// was asked to and keeps the fee it was not, and the deployment file
// starts at the escrow's first event; its tokens' domains come from
// EIP-5267.
func TestDeployAdopts(t *testing.T) {
	t.Parallel()
	dev := startDeployChain(t)
	operator, arbiter := common.HexToAddress("0x2001"), common.HexToAddress("0x2002")
	// A fee the escrow's admin set before: adopting without --fee-bps keeps it.
	p := escrow.DefaultParameters
	p.FeeBps = 77
	if _, err := dev.Exec(t.Context(), dev.Operator.Key, escrow.Call{To: dev.Addresses.Escrow,
		Data: escrow.NewContracts(dev.ChainID(), dev.Addresses).Escrow.PackSetParameters(p.FeeBps, uint32(p.ChallengeWindow/time.Second), p.MaxSlots)}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "deployment.json")
	err := run(t.Context(), &environment{stdout: io.Discard, stderr: io.Discard}, []string{"deploy", "--rpc", dev.RPCURL,
		"--key-file", keyFileOf(t, dev.Operator.Key), "--escrow", dev.Addresses.Escrow.Hex(),
		"--usdc", dev.Addresses.USDC.Hex(), "--ai", dev.Addresses.AI.Hex(), "--challenge-window", "1m",
		"--operator", operator.Hex(), "--arbiter", arbiter.Hex(), "--confirmations", "0", "--out", out})
	if err != nil {
		t.Fatal(err)
	}
	d, err := escrow.ReadDeployment(out)
	if err != nil {
		t.Fatal(err)
	}
	if d.Escrow != dev.Addresses.Escrow || d.USDC.Name != "TestUSDC" || d.USDC.Source != escrow.DomainFromEIP5267 {
		t.Fatalf("deployment %+v", d)
	}
	// The escrow is the operator's third deployment, in the chain's first blocks.
	if d.DeployBlock == 0 || d.DeployBlock > 5 {
		t.Fatalf("deploy block %d: want the escrow's creation, among the first blocks", d.DeployBlock)
	}
	has, _, fee, window := escrowView(t, dev, d.Escrow)
	if !has(escrow.OperatorRole, operator) || !has(escrow.ArbiterRole, arbiter) {
		t.Fatal("the roles were not granted")
	}
	if fee != 77 || window != 60 {
		t.Fatalf("fee %d, window %d: want the escrow's fee (77) kept and the window set to 60 s", fee, window)
	}
}

// TestDeployRefusals: a wrong --chain-id, a deployer without the admin
// role of the escrow it adopts, and a token whose reported domain does not
// hash to its DOMAIN_SEPARATOR are each refused on one line, before any
// transaction is sent (the deployer's nonce does not move).
func TestDeployRefusals(t *testing.T) {
	t.Parallel()
	dev := startDeployChain(t)
	ctx := t.Context()
	// A hostile token: its version() says "1", it signs under "2".
	owner := dev.Role(devchain.RoleAgent)[0].Key
	opts := dev.Transactor(owner)
	opts.Context = ctx
	bad, tx, err := bind.DeployContract(opts, common.FromHex(mislabelledtoken.MislabelledTokenMetaData.Bin), dev.Client(),
		mislabelledtoken.NewMislabelledToken().PackConstructor(crypto.PubkeyToAddress(owner.PublicKey)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bind.WaitMined(ctx, dev.Client(), tx.Hash()); err != nil {
		t.Fatal(err)
	}
	deployer := dev.Role(devchain.RoleWorker)[0].Key
	keyFile := keyFileOf(t, deployer)
	otherChain, notDeployment := filepath.Join(t.TempDir(), "base.json"), filepath.Join(t.TempDir(), "notes.json")
	other := escrow.Deployment{ChainID: 8453, Escrow: common.HexToAddress("0x6001"), USDC: escrow.TokenDomain{Address: common.HexToAddress("0x6002"), Name: "USDC", Version: "2"},
		AI: escrow.TokenDomain{Address: common.HexToAddress("0x6003"), Name: "AI", Version: "1"}}
	if err := other.Write(otherChain); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(notDeployment, []byte(`{"todo": 1}`), 0o644); err != nil {
		t.Fatal(err)
	}
	roles := []string{"--operator", "0x0000000000000000000000000000000000003001", "--arbiter", "0x0000000000000000000000000000000000003002", "--confirmations", "0"}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"wrong chain id", []string{"--test-tokens", "--chain-id", "1"}, "is chain " + dev.ChainID().String() + ", not --chain-id 1"},
		{"not the escrow's admin", []string{"--escrow", dev.Addresses.Escrow.Hex(), "--usdc", dev.Addresses.USDC.Hex(), "--ai", dev.Addresses.AI.Hex()},
			"does not hold the admin role"},
		{"mislabelled token", []string{"--usdc", bad.Hex(), "--test-tokens"}, `(name "USDC", version "1", from name-version) does not hash to its DOMAIN_SEPARATOR`},
		{"token without a contract", []string{"--usdc", "0x0000000000000000000000000000000000004001", "--test-tokens"}, "no contract at this address"},
		{"not a token", []string{"--usdc", dev.Addresses.Escrow.Hex(), "--test-tokens"}, "not an EIP-2612 token"},
		{"no tokens", []string{}, "--usdc and --ai are required"},
		{"operator is arbiter", []string{"--test-tokens", "--arbiter", "0x0000000000000000000000000000000000003001"}, "--arbiter must differ"},
		{"fee too high", []string{"--test-tokens", "--fee-bps", "1001"}, "--fee-bps is at most 1000"},
		{"window too short", []string{"--test-tokens", "--challenge-window", "30s"}, "--challenge-window"},
		{"out of another chain", []string{"--test-tokens", "--out", otherChain}, "is a deployment on chain 8453"},
		{"out not a deployment", []string{"--test-tokens", "--out", notDeployment}, "is not a deployment file"},
	}
	me := crypto.PubkeyToAddress(deployer.PublicKey)
	for _, tt := range tests {
		if path := outArg(tt.args); path != "" {
			// The file is not written over: it is kept as it was.
			defer func(b []byte) {
				if got, _ := os.ReadFile(path); !bytes.Equal(got, b) {
					t.Errorf("%s was written over", path)
				}
			}(mustRead(t, path))
		}
		t.Run(tt.name, func(t *testing.T) {
			before, err := dev.Client().NonceAt(ctx, me, nil)
			if err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(t.TempDir(), "deployment.json")
			args := append(append([]string{"deploy", "--rpc", dev.RPCURL, "--key-file", keyFile, "--out", out}, roles...), tt.args...)
			err = run(ctx, &environment{stdout: io.Discard, stderr: io.Discard}, args)
			if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("error %v, want one line containing %q", err, tt.want)
			}
			after, err := dev.Client().NonceAt(ctx, me, nil)
			if err != nil {
				t.Fatal(err)
			}
			if pending, _ := dev.Client().PendingNonceAt(ctx, me); after != before || pending != before {
				t.Fatalf("nonce %d → %d (pending %d): a refused deployment sent transactions", before, after, pending)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) && outArg(tt.args) == "" {
				t.Fatalf("a refused deployment wrote %s", out)
			}
		})
	}
}

// TestServeChecksTheDeployment: axl serve refuses a deployment file of
// another chain, one whose token domain differs from the token's, and one
// that names a token the node has no contract for.
func TestServeChecksTheDeployment(t *testing.T) {
	t.Parallel()
	dev := startDeployChain(t)
	good := escrow.Deployment{ChainID: dev.ChainID().Uint64(), Escrow: dev.Addresses.Escrow, DeployBlock: 1,
		USDC: escrow.TokenDomain{Address: dev.Addresses.USDC, Name: "TestUSDC", Version: "1"},
		AI:   escrow.TokenDomain{Address: dev.Addresses.AI, Name: "TestAI", Version: "1"}}
	tests := []struct {
		name   string
		change func(*escrow.Deployment)
		want   string
	}{
		{"good", func(*escrow.Deployment) {}, ""},
		{"other chain", func(d *escrow.Deployment) { d.ChainID = 8453 }, "deployment file is of chain 8453"},
		{"USDC's domain", func(d *escrow.Deployment) { d.USDC.Name, d.USDC.Version = "USDC", "2" },
			`signs under name "TestUSDC", version "1", not the deployment's name "USDC", version "2"`},
		{"no token", func(d *escrow.Deployment) { d.AI.Address = common.HexToAddress("0x5001") }, "no contract at this address"},
		{"no escrow", func(d *escrow.Deployment) { d.Escrow = common.HexToAddress("0x5002") }, "no contract at this address"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := good
			tt.change(&d)
			path := filepath.Join(t.TempDir(), "deployment.json")
			if err := d.Write(path); err != nil {
				t.Fatal(err)
			}
			opened, err := openChain(t.Context(), serveConfig{chainRPC: dev.RPCURL, deployment: path}, slog.New(slog.DiscardHandler))
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				defer opened.close()
				if opened.deployment.DeployBlock != 1 || opened.deployment.USDC.Source != escrow.DomainFromEIP5267 {
					t.Fatalf("opened %+v", opened.deployment)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want %q", err, tt.want)
			}
		})
	}
}

// TestServeFlagsFromTheEnvironment: every serve flag can come from its
// AXL_* variable, the command line winning; a bad value names the variable.
func TestServeFlagsFromTheEnvironment(t *testing.T) {
	t.Parallel()
	vars := map[string]string{"AXL_CHAIN_RPC": "http://127.0.0.1:1", "AXL_MAX_JOB_MEMORY": "0", "AXL_CONFIRMATIONS": "x"}
	lookup := func(k string) (string, bool) { v, ok := vars[k]; return v, ok }
	env := &environment{stdout: io.Discard, stderr: io.Discard, lookupEnv: lookup}
	err := run(t.Context(), env, []string{"serve", "--confirmations", "3"})
	// AXL_MAX_JOB_MEMORY=0 is read (and refused); AXL_CONFIRMATIONS=x is not, the flag wins.
	if err == nil || !strings.Contains(err.Error(), "--max-job-memory must be a positive") {
		t.Fatalf("error %v: want AXL_MAX_JOB_MEMORY=0 refused", err)
	}
	err = run(t.Context(), env, []string{"serve"})
	if err == nil || !strings.Contains(err.Error(), "AXL_CONFIRMATIONS") {
		t.Fatalf("error %v: want the bad AXL_CONFIRMATIONS named", err)
	}
	if envFlagName("operator-key-file") != "AXL_OPERATOR_KEY_FILE" {
		t.Fatal(envFlagName("operator-key-file"))
	}
	// --chain-rpc from the environment: the confirmations default to a safe
	// depth, unless the command line or the environment says otherwise.
	delete(vars, "AXL_MAX_JOB_MEMORY")
	for _, tt := range []struct {
		args []string
		env  string
		want uint64
	}{{nil, "", chainConfirmations}, {[]string{"--confirmations", "5"}, "", 5}, {nil, "7", 7}, {[]string{"--confirmations", "0"}, "7", 0}} {
		if tt.env == "" {
			delete(vars, "AXL_CONFIRMATIONS")
		} else {
			vars["AXL_CONFIRMATIONS"] = tt.env
		}
		c, err := parseServeFlags(env, tt.args)
		if err != nil || c.chainRPC != "http://127.0.0.1:1" || c.confirmations != tt.want {
			t.Fatalf("%v with AXL_CONFIRMATIONS=%q: %v, chain %q, confirmations %d, want %d", tt.args, tt.env, err, c.chainRPC, c.confirmations, tt.want)
		}
	}
	delete(vars, "AXL_CHAIN_RPC")
	delete(vars, "AXL_CONFIRMATIONS")
	if c, err := parseServeFlags(env, nil); err != nil || c.confirmations != 0 {
		t.Fatalf("on the dev chain: %v, confirmations %d, want 0", err, c.confirmations)
	}
	if _, err := parseServeFlags(env, []string{"--deployment", "d.json"}); err == nil || !strings.Contains(err.Error(), "pass it too") {
		t.Fatalf("--deployment without --chain-rpc: %v, want refused", err)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// outArg is the --out of a test's extra arguments, if any.
func outArg(args []string) string {
	for i, a := range args[:max(0, len(args)-1)] {
		if a == "--out" {
			return args[i+1]
		}
	}
	return ""
}
