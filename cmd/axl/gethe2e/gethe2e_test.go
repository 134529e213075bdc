// Package gethe2e runs the market against an Ethereum node that the
// project does not embed: go-ethereum's own `geth --dev`, built from the
// version go.mod pins (its tool directive), mining a block a second. The
// contracts are deployed by `axl deploy` with the FiatToken-shaped test
// USDC (domain "USDC" version "2", no EIP-5267), `axl serve` runs on the
// deployment file, and four `axl worker` processes take a 2 × 2 job from
// funding to release, across a 15 s outage of the node. It is a package
// of its own so that it runs beside cmd/axl's long tests.
package gethe2e

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"

	apiclient "github.com/axl-market/axl/api/client"
	"github.com/axl-market/axl/api/wire"
	"github.com/axl-market/axl/escrow"
	"github.com/axl-market/axl/escrow/bindings/axlescrow"
	"github.com/axl-market/axl/escrow/bindings/testfiattoken"
	"github.com/axl-market/axl/market/postgres/embedded"
	"github.com/axl-market/axl/market/postgres/pgtest"
	"github.com/axl-market/axl/market/tether"
	"github.com/axl-market/axl/swarm/model"
)

// gethDevKey is the account that `geth --dev` funds in the genesis of a
// new data dir (go-ethereum's cmd/utils DeveloperKey).
const gethDevKey = "b71c71a67e1177ad4e901695e1b4b9ee17ae16c6668d313eac2f96dbcda3f291"

// gethDevChainID is the chain id of `geth --dev`.
const gethDevChainID = 1337

// outage is how long the node is down mid-job.
const outage = 15 * time.Second

// gethModule is the module that pins the geth the test runs (its tool
// directive), at the go-ethereum version of the main module.
const gethModule = "geth"

// gethBinary is a geth built from the go-ethereum that gethModule pins:
// $AXL_GETH when CI built it into its cache, else built here (seconds
// with a warm build cache, minutes without). The test is skipped when geth
// cannot be built, unless AXL_REQUIRE_GETH=1 (CI) makes that a failure.
func gethBinary(t *testing.T) string {
	t.Helper()
	fail := t.Skipf
	if os.Getenv("AXL_REQUIRE_GETH") == "1" {
		fail = t.Fatalf
	}
	if p := os.Getenv("AXL_GETH"); p != "" {
		if _, err := os.Stat(p); err != nil {
			fail("AXL_GETH=%s: %v", p, err)
		}
		return p
	}
	bin := filepath.Join(t.TempDir(), "geth")
	start := time.Now()
	out, err := exec.Command("go", "build", "-C", gethModule, "-o", bin, "github.com/ethereum/go-ethereum/cmd/geth").CombinedOutput()
	if err != nil {
		fail("geth cannot be built: %v\n%s", err, out)
	}
	t.Logf("built geth in %s", time.Since(start).Round(time.Millisecond))
	return bin
}

// goEthereumVersion is the go-ethereum version a go.mod requires.
func goEthereumVersion(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		line, _, _ = strings.Cut(line, "//")
		if f := strings.Fields(line); len(f) >= 2 && f[len(f)-2] == "github.com/ethereum/go-ethereum" {
			return f[len(f)-1]
		}
	}
	t.Fatalf("%s requires no github.com/ethereum/go-ethereum", path)
	return ""
}

// TestGethIsTheModulesGoEthereum: the geth the test runs is built from the
// go-ethereum that the market links, so that the two move together.
func TestGethIsTheModulesGoEthereum(t *testing.T) {
	t.Parallel()
	node, market := goEthereumVersion(t, filepath.Join(gethModule, "go.mod")), goEthereumVersion(t, "../../../go.mod")
	if node != market {
		t.Fatalf("%s/go.mod builds geth %s, the module links go-ethereum %s: update %s/go.mod (go get github.com/ethereum/go-ethereum@%s && go mod tidy)",
			gethModule, node, market, gethModule, market)
	}
}

// proc is a child process whose output the test keeps.
type proc struct {
	name  string
	cmd   *exec.Cmd
	child *tether.Child
	log   *syncBuffer
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// start runs a child process; the cleanup kills it if it still runs and,
// if the test failed, logs its output's tail.
func start(t *testing.T, name string, env []string, bin string, args ...string) *proc {
	t.Helper()
	p := &proc{name: name, cmd: exec.Command(bin, args...), log: &syncBuffer{}}
	p.cmd.Env = append(os.Environ(), env...)
	p.cmd.Stdout, p.cmd.Stderr = p.log, p.log
	c, err := tether.Start(p.cmd, syscall.SIGKILL)
	if err != nil {
		t.Fatal(err)
	}
	p.child = c
	t.Cleanup(func() {
		select {
		case <-c.Done():
		default:
			_ = p.cmd.Process.Signal(os.Interrupt)
			select {
			case <-c.Done():
			case <-time.After(30 * time.Second):
				_ = p.cmd.Process.Kill()
				<-c.Done()
			}
		}
		if t.Failed() {
			out := p.log.String()
			if len(out) > 12_000 {
				out = "…" + out[len(out)-12_000:]
			}
			t.Logf("output of %s:\n%s", p.name, out)
		}
	})
	return p
}

// stop interrupts the process and waits for it to end.
func (p *proc) stop(t *testing.T) {
	t.Helper()
	_ = p.cmd.Process.Signal(os.Interrupt)
	select {
	case <-p.child.Done():
	case <-time.After(time.Minute):
		t.Fatalf("%s did not stop within a minute of SIGINT", p.name)
	}
}

// node is a `geth --dev` process on a data dir and a fixed port.
type node struct {
	bin, dataDir string
	port         int
	url          string
}

func (n *node) start(t *testing.T, name string) *proc {
	t.Helper()
	p := start(t, name, nil, n.bin, "--dev", "--dev.period", "1", "--datadir", n.dataDir,
		"--http", "--http.addr", "127.0.0.1", "--http.port", fmt.Sprint(n.port), "--http.api", "eth,net,web3",
		"--nodiscover", "--maxpeers", "0", "--port", "0", "--authrpc.port", "0", "--ipcdisable", "--verbosity", "2")
	waitFor(t, time.Minute, name+" to answer over JSON-RPC", func() bool {
		c, err := ethclient.Dial(n.url)
		if err != nil {
			return false
		}
		defer c.Close()
		_, err = c.BlockNumber(t.Context())
		return err == nil
	})
	return p
}

// waitFor polls cond every 200 ms until it holds, failing after d.
func waitFor(t *testing.T, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("after %s: still waiting for %s", d, what)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func writeKey(t *testing.T, dir, name string, key *ecdsa.PrivateKey) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte("0x"+hex.EncodeToString(crypto.FromECDSA(key))+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func newKey(t *testing.T) *ecdsa.PrivateKey {
	t.Helper()
	k, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// readyz is one answer of GET /readyz.
type readyz struct {
	at     time.Duration
	status int
	body   string
}

// TestMarketOnGethDev: deploy with axl deploy on geth --dev, serve on the
// deployment file, fund, stake, assign, train (2 workers × 2 replicas),
// verify and release; the node is stopped for 15 s once the job runs and
// restarted on its data dir. The job completes; every escrow call is on
// chain once, successful, and the operator's nonce counts exactly its
// calls (nothing lost, nothing sent twice, no filler); /readyz said the
// chain was unreachable during the outage and ready after. The gas of
// every call on that node is logged.
func TestMarketOnGethDev(t *testing.T) {
	t.Parallel()
	if _, err := embedded.FindBinaries(); err != nil {
		t.Skip(err)
	}
	begin := time.Now()
	ctx, cancel := context.WithTimeout(t.Context(), 6*time.Minute)
	defer cancel()
	geth := gethBinary(t)
	dir := t.TempDir()
	axl := filepath.Join(dir, "axl")
	if out, err := exec.CommandContext(ctx, "go", "build", "-o", axl, "github.com/axl-market/axl/cmd/axl").CombinedOutput(); err != nil {
		t.Fatalf("go build axl: %v\n%s", err, out)
	}
	port := freePort(t)
	n := &node{bin: geth, dataDir: filepath.Join(dir, "geth"), port: port, url: fmt.Sprintf("http://127.0.0.1:%d", port)}
	gethProc := n.start(t, "geth")
	client, err := ethclient.Dial(n.url)
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	chainID := big.NewInt(gethDevChainID)

	// The deployer is geth's dev account, which gives the operator and the
	// arbiter their ETH (--fund-roles-eth); the buyer and the workers hold
	// test USDC only.
	devKey, err := crypto.HexToECDSA(gethDevKey)
	if err != nil {
		t.Fatal(err)
	}
	operator, arbiter, buyerKey := newKey(t), newKey(t), newKey(t)
	var workerKeys []*ecdsa.PrivateKey
	for range 4 {
		workerKeys = append(workerKeys, newKey(t))
	}
	dev := bind.NewKeyedTransactor(devKey, chainID)
	dev.Context = ctx

	out := filepath.Join(dir, "deployment.json")
	// A deployment meant for Base Sepolia is refused on this node, on one line.
	wrong, err := exec.CommandContext(ctx, axl, "deploy", "--rpc", n.url, "--key-file", writeKey(t, dir, "deployer", devKey),
		"--chain-id", "84532", "--test-tokens", "--operator", crypto.PubkeyToAddress(operator.PublicKey).Hex(),
		"--arbiter", crypto.PubkeyToAddress(arbiter.PublicKey).Hex(), "--out", out).CombinedOutput()
	if msg := strings.TrimSpace(string(wrong)); err == nil || strings.Count(msg, "\n") > 0 || !strings.Contains(msg, "is chain 1337, not --chain-id 84532") {
		t.Fatalf("axl deploy --chain-id 84532 on geth --dev: %v, %q: want refused on one line", err, msg)
	}
	deployStart := time.Now()
	deployer := exec.CommandContext(ctx, axl, "deploy", "--rpc", n.url, "--key-file", writeKey(t, dir, "deployer", devKey),
		"--chain-id", fmt.Sprint(gethDevChainID), "--test-tokens", "--operator", crypto.PubkeyToAddress(operator.PublicKey).Hex(),
		"--arbiter", crypto.PubkeyToAddress(arbiter.PublicKey).Hex(), "--challenge-window", "1m", "--confirmations", "1",
		"--poll", "200ms", "--fund-roles-eth", "10", "--out", out)
	if b, err := deployer.CombinedOutput(); err != nil {
		t.Fatalf("axl deploy: %v\n%s", err, b)
	}
	d, err := escrow.ReadDeployment(out)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("axl deploy on geth --dev in %s: escrow %s from block %d, usdc %s (%s %q v%q), ai %s (%s)", time.Since(deployStart).Round(time.Millisecond),
		d.Escrow, d.DeployBlock, d.USDC.Address, d.USDC.Source, d.USDC.Name, d.USDC.Version, d.AI.Address, d.AI.Source)
	if d.ChainID != gethDevChainID || d.USDC.Name != "USDC" || d.USDC.Version != "2" || d.USDC.Source != escrow.DomainFromNameVersion {
		t.Fatalf("deployment %+v: want chain 1337 and Circle's USDC domain read from name() and version()", d)
	}

	fiat := testfiattoken.NewTestFiatToken()
	usdc := fiat.Instance(client, d.USDC.Address)
	nonce, err := client.PendingNonceAt(ctx, dev.From)
	if err != nil {
		t.Fatal(err)
	}
	var pending []*types.Transaction
	for _, k := range append([]*ecdsa.PrivateKey{buyerKey}, workerKeys...) {
		opts := *dev
		opts.Nonce, opts.NoSend = new(big.Int).SetUint64(nonce), true
		tx, err := bind.Transact(usdc, &opts, fiat.PackMint(crypto.PubkeyToAddress(k.PublicKey), big.NewInt(1_000_000_000)))
		if err != nil {
			t.Fatal(err)
		}
		if err := client.SendTransaction(ctx, tx); err != nil {
			t.Fatal(err)
		}
		pending = append(pending, tx)
		nonce++
	}
	for _, tx := range pending {
		if r, err := bind.WaitMined(ctx, client, tx.Hash()); err != nil || r.Status != types.ReceiptStatusSuccessful {
			t.Fatalf("mint %s: %v (receipt %+v)", tx.Hash(), err, r)
		}
	}

	// axl serve on the deployment file, its chain flags from AXL_* variables.
	data := filepath.Join(pgtest.TempDir(t, "axl-geth-"), "data")
	serveEnv := []string{"AXL_CHAIN_RPC=" + n.url, "AXL_DEPLOYMENT=" + out,
		"AXL_OPERATOR_KEY_FILE=" + writeKey(t, dir, "operator", operator), "AXL_ARBITER_KEY_FILE=" + writeKey(t, dir, "arbiter", arbiter)}
	server := start(t, "axl serve", serveEnv, axl, "serve", "--addr", "127.0.0.1:0", "--data-dir", data,
		"--confirmations", "1", "--chain-poll", "250ms", "--claim-ttl", "10m")
	var base string
	ready := regexp.MustCompile(`msg="axl serve ready" addr=(\S+)`)
	waitFor(t, 2*time.Minute, "axl serve to be ready", func() bool {
		select {
		case <-server.child.Done():
			t.Fatalf("axl serve exited: %v", server.child.Wait())
		default:
		}
		if m := ready.FindStringSubmatch(server.log.String()); m != nil {
			base = "http://" + m[1]
		}
		return base != ""
	})
	if !strings.Contains(server.log.String(), `usdc_domain="USDC 2"`) {
		t.Fatalf("axl serve does not sign USDC under its domain USDC 2:\n%s", server.log.String())
	}

	var workers []*proc
	for i, k := range workerKeys {
		wdir := filepath.Join(dir, fmt.Sprint("worker", i))
		workers = append(workers, start(t, fmt.Sprint("worker ", i), nil, axl, "worker", "--api", base,
			"--key-file", writeKey(t, dir, fmt.Sprint("worker", i, ".key"), k), "--data-dir", wdir,
			"--listen", "/ip4/127.0.0.1/tcp/0", "--threads", "1", "--poll-max", "500ms", "--peer-timeout", "60s"))
	}
	buyer := apiclient.New(base, buyerKey, apiclient.WithDeployment(apiclient.Deployment{ChainID: gethDevChainID, Escrow: d.Escrow,
		Tokens: map[string]common.Address{"USDC": d.USDC.Address, "AI": d.AI.Address}}))
	in := buy(t, ctx, buyer)
	t.Logf("intent %s funded by the buyer's FiatToken authorisation; price %s, stake %s per slot", in.ID, in.Price, in.StakePerSlot)

	intent := func() wire.IntentDetail {
		t.Helper()
		got, err := buyer.Intent(ctx, in.ID)
		if err != nil {
			t.Logf("GET /intents/%s: %v", in.ID, err)
		}
		return got
	}
	waitFor(t, 2*time.Minute, "the job to run (every slot staked, the assignment mined)", func() bool {
		st := intent().State
		if st == "failed" || st == "refunded" || st == "cancelled" {
			t.Fatalf("intent %s", st)
		}
		return st == "running" || st == "verifying"
	})

	// The outage: the node stops (SIGINT; geth keeps its chain in its data
	// dir) for 15 s, /readyz asked twice a second, and starts again.
	headBefore, err := client.BlockNumber(ctx)
	if err != nil {
		t.Fatal(err)
	}
	atStop := intent()
	stateAtStop := atStop.State
	t.Logf("transactions before the outage: %s", txSummary(atStop.Transactions))
	stopAt := time.Now()
	gethProc.stop(t)
	var answers []readyz
	for time.Since(stopAt) < outage {
		answers = append(answers, askReadyz(ctx, base, time.Since(stopAt)))
		time.Sleep(500 * time.Millisecond)
	}
	n.start(t, "geth (restarted)")
	headAfter, err := client.BlockNumber(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("node stopped at block %d with the intent %s, restarted after %s at block %d", headBefore, stateAtStop,
		time.Since(stopAt).Round(time.Millisecond), headAfter)
	if headAfter+2 < headBefore {
		t.Errorf("the restarted node is at block %d, before the %d it stopped at: it lost its chain", headAfter, headBefore)
	}
	var recovered readyz
	waitFor(t, time.Minute, "/readyz to say ready again", func() bool {
		recovered = askReadyz(ctx, base, time.Since(stopAt))
		return recovered.status == http.StatusOK
	})
	answers = append(answers, recovered)
	summariseReadyz(t, answers)

	waitFor(t, 4*time.Minute, "the release", func() bool {
		st := intent().State
		if st == "failed" || st == "refunded" || st == "disputed" {
			t.Fatalf("intent %s", st)
		}
		return st == "released"
	})
	// The payout of the settled intent follows the release.
	waitFor(t, 2*time.Minute, "the payout", func() bool {
		for _, tx := range intent().Transactions {
			if tx.Kind == "payout" && tx.Status == "mined" {
				return true
			}
		}
		return false
	})
	final := intent()
	t.Logf("released %s after the start; transactions after the outage: %s", time.Since(begin).Round(time.Second), txSummary(final.Transactions))
	var retries []string
	for _, line := range strings.Split(server.log.String(), "\n") {
		if strings.Contains(line, "retry_in=") {
			retries = append(retries, line)
		}
	}
	t.Logf("axl serve's failed passes while the node was down: %d, backing off; the last:\n  %s", len(retries), strings.Join(retries[max(0, len(retries)-3):], "\n  "))
	if len(retries) == 0 {
		t.Error("axl serve logged no failed pass while the node was down")
	}

	// Nothing lost, nothing doubled: each relayed call once, mined.
	kinds := map[string]int{}
	for _, tx := range final.Transactions {
		if tx.Status != "mined" {
			t.Errorf("transaction %+v is not mined", tx)
		}
		kinds[tx.Kind]++
	}
	want := map[string]int{"fund": 1, "stake": 4, "assign": 1, "submit_result": 1, "release": 1, "payout": 1}
	if fmt.Sprint(kinds) != fmt.Sprint(want) {
		t.Errorf("relayed transactions by kind %v, want %v", kinds, want)
	}
	calls := escrowCalls(t, ctx, client, d)
	opAddr := crypto.PubkeyToAddress(operator.PublicKey)
	byMethod := map[string]int{}
	fromOperator := 0
	for _, c := range calls {
		if c.from == opAddr {
			fromOperator++
			byMethod[c.method]++
		}
	}
	wantMethods := map[string]int{"fundWithAuthorization": 1, "stakeWithPermit": 4, "assign": 1, "submitResult": 1, "release": 1, "withdrawFor": 1}
	if fmt.Sprint(byMethod) != fmt.Sprint(wantMethods) {
		t.Errorf("the operator's escrow calls on chain %v, want %v", byMethod, wantMethods)
	}
	if opNonce, err := client.NonceAt(ctx, opAddr, nil); err != nil || opNonce != uint64(fromOperator) {
		t.Errorf("the operator's nonce is %d (%v) for %d escrow calls: a transaction was lost, doubled or filled", opNonce, err, fromOperator)
	}

	// Payouts: every worker holds in its wallet what it was minted and its
	// pay (its stake came back), the escrow owes it nothing more, and the
	// escrow holds exactly what it owes (the treasury's fee).
	esc := axlescrow.NewAXLEscrow()
	inst := esc.Instance(client, d.Escrow)
	opts := &bind.CallOpts{Context: ctx}
	minted := big.NewInt(1_000_000_000)
	for i, k := range workerKeys {
		addr := crypto.PubkeyToAddress(k.PublicKey)
		owed, err := bind.Call(inst, opts, esc.PackWithdrawable(d.USDC.Address, addr), esc.UnpackWithdrawable)
		if err != nil {
			t.Fatal(err)
		}
		wallet, err := bind.Call(usdc, opts, fiat.PackBalanceOf(addr), fiat.UnpackBalanceOf)
		if err != nil {
			t.Fatal(err)
		}
		if owed.Sign() != 0 || wallet.Cmp(minted) <= 0 {
			t.Errorf("worker %d holds %s in its wallet and is owed %s, want its %s and its pay paid out", i, wallet, owed, minted)
		}
		t.Logf("worker %d holds %s (minted %s): its pay %s", i, wallet, minted, new(big.Int).Sub(wallet, minted))
	}
	owes, err := bind.Call(inst, opts, esc.PackLiabilities(d.USDC.Address), esc.UnpackLiabilities)
	if err != nil {
		t.Fatal(err)
	}
	holds, err := bind.Call(usdc, opts, fiat.PackBalanceOf(d.Escrow), fiat.UnpackBalanceOf)
	if err != nil || holds.Cmp(owes) != 0 {
		t.Errorf("the escrow holds %s USDC and owes %s (%v)", holds, owes, err)
	}
	for _, w := range workers {
		if strings.Contains(w.log.String(), "WARNING: DATA RACE") {
			t.Errorf("%s: the race detector reported a race", w.name)
		}
	}
	if took := time.Since(begin); took > 6*time.Minute {
		t.Errorf("the test took %s, over its 6 minutes", took)
	}
	t.Logf("whole run %s", time.Since(begin).Round(time.Second))
}

// buy uploads a small model and dataset and signs a 2 workers × 2
// replicas job in USDC, funded by the buyer's EIP-3009 authorisation.
func buy(t *testing.T, ctx context.Context, buyer *apiclient.Client) wire.Intent {
	t.Helper()
	m, err := model.Init(model.Config{VocabSize: 256, MaxSeq: 32, Dim: 32, Layers: 1, Heads: 2, Eps: 1e-5}, 3)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := model.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	ma, err := buyer.UploadArtifact(ctx, "application/vnd.safetensors", b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	da, err := buyer.UploadArtifact(ctx, "text/plain", []byte(strings.Repeat("the node stops; the market waits; nothing is sent twice. ", 80)))
	if err != nil {
		t.Fatal(err)
	}
	req := wire.QuoteRequest{Token: "USDC", BaseModel: ma.ID, Dataset: da.ID, Steps: 16, Workers: 2, Replicas: 2, Seed: "11",
		Hyperparameters: &wire.Hyperparameters{LearningRate: 0.003, BatchSize: 2, SeqLen: 32, InnerSteps: 4},
		MaxPrice:        "100000000", Deadline: time.Now().Add(24 * time.Hour).UTC().Format(time.RFC3339)}
	q, err := buyer.Quote(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if q.FundingTypedData.Domain.Name != "USDC" || q.FundingTypedData.Domain.Version != "2" {
		t.Fatalf("the funding authorisation is under domain %+v, want USDC version 2", q.FundingTypedData.Domain)
	}
	in, err := buyer.CreateIntent(ctx, req, q, "")
	if err != nil {
		t.Fatal(err)
	}
	return in
}

// txSummary lists relayed transactions as kind:status.
func txSummary(txs []wire.Transaction) string {
	var parts []string
	for _, tx := range txs {
		parts = append(parts, tx.Kind+":"+tx.Status)
	}
	return strings.Join(parts, " ")
}

func askReadyz(ctx context.Context, base string, at time.Duration) readyz {
	rctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(rctx, http.MethodGet, base+"/readyz", nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return readyz{at: at, body: err.Error()}
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return readyz{at: at, status: res.StatusCode, body: strings.TrimSpace(string(b))}
}

// summariseReadyz logs what /readyz answered, in runs of the same answer,
// and requires the outage to have been reported and the recovery seen.
func summariseReadyz(t *testing.T, answers []readyz) {
	t.Helper()
	var lines []string
	unreachable := 0
	for i, a := range answers {
		var h wire.Health
		if json.Unmarshal([]byte(a.body), &h) == nil && a.status == http.StatusServiceUnavailable && h.Chain == "chain unreachable" {
			unreachable++
		}
		if i == 0 || a.status != answers[i-1].status || a.body != answers[i-1].body {
			lines = append(lines, fmt.Sprintf("  from %5.1fs: %d %s", a.at.Seconds(), a.status, a.body))
		}
	}
	t.Logf("/readyz during the outage (%d answers):\n%s", len(answers), strings.Join(lines, "\n"))
	if unreachable == 0 {
		t.Error("/readyz never said the chain was unreachable while the node was down")
	}
	if last := answers[len(answers)-1]; last.status != http.StatusOK {
		t.Errorf("/readyz after the restart: %d %s", last.status, last.body)
	}
}

// escrowCall is one transaction to the escrow (or a contract creation by
// the deployer) found on chain.
type escrowCall struct {
	method string
	from   common.Address
	gas    uint64
	status uint64
}

// escrowCalls reads every block since the deployment's and returns the
// transactions to the escrow and the token creations, each with its
// receipt's gas, logging the gas per method. Every one must have succeeded.
func escrowCalls(t *testing.T, ctx context.Context, client *ethclient.Client, d escrow.Deployment) []escrowCall {
	t.Helper()
	parsed, err := axlescrow.AXLEscrowMetaData.ParseABI()
	if err != nil {
		t.Fatal(err)
	}
	head, err := client.BlockNumber(ctx)
	if err != nil {
		t.Fatal(err)
	}
	signer := types.LatestSignerForChainID(big.NewInt(gethDevChainID))
	var calls []escrowCall
	for n := uint64(1); n <= head; n++ {
		b, err := client.BlockByNumber(ctx, new(big.Int).SetUint64(n))
		if err != nil {
			t.Fatal(err)
		}
		for _, tx := range b.Transactions() {
			var method string
			switch {
			case tx.To() == nil:
				method = "create"
			case *tx.To() == d.Escrow && len(tx.Data()) >= 4:
				m, err := parsed.MethodById(tx.Data()[:4])
				if err != nil {
					t.Fatalf("transaction %s to the escrow: %v", tx.Hash(), err)
				}
				method = m.Name
			default:
				continue
			}
			r, err := client.TransactionReceipt(ctx, tx.Hash())
			if err != nil {
				t.Fatal(err)
			}
			from, _ := types.Sender(signer, tx)
			calls = append(calls, escrowCall{method: method, from: from, gas: r.GasUsed, status: r.Status})
			if r.Status != types.ReceiptStatusSuccessful {
				t.Errorf("%s %s in block %d reverted", method, tx.Hash(), n)
			}
		}
	}
	gas := map[string][]uint64{}
	for _, c := range calls {
		gas[c.method] = append(gas[c.method], c.gas)
	}
	names := make([]string, 0, len(gas))
	for m := range gas {
		names = append(names, m)
	}
	sort.Strings(names)
	var lines []string
	for _, m := range names {
		lines = append(lines, fmt.Sprintf("  %-22s ×%d  gas %v", m, len(gas[m]), gas[m]))
	}
	t.Logf("gas used on geth --dev, from the receipts:\n%s", strings.Join(lines, "\n"))
	return calls
}
