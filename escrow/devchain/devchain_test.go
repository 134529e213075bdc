package devchain_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/axl-market/axl/escrow"
	"github.com/axl-market/axl/escrow/devchain"
	"github.com/axl-market/axl/market/tether"
)

// TestGasReport measures every life-cycle call and holds the targets.
func TestGasReport(t *testing.T) {
	t.Parallel()
	report, err := devchain.MeasureGas(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	seen := map[uint64]bool{}
	for _, e := range report {
		t.Logf("%-42s %8d  target %d", e.Call, e.Gas, e.Target)
		if e.Gas == 0 {
			t.Errorf("%s: no gas measured", e.Call)
		}
		if e.Target > 0 {
			seen[e.Target] = true
			if e.Gas > e.Target {
				t.Errorf("%s used %d gas, target %d", e.Call, e.Gas, e.Target)
			}
		}
	}
	for _, target := range []uint64{devchain.GasTargetFundByAuthorization, devchain.GasTargetStakeByPermit, devchain.GasTargetRelease4Slots} {
		if !seen[target] {
			t.Errorf("no call measured against target %d", target)
		}
	}
}

// TestDevChainServesRPCAndMines: a client over HTTP sees the contracts, and
// its transaction is mined without anyone sealing a block by hand.
func TestDevChainServesRPCAndMines(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	chain, err := devchain.Start(ctx, devchain.Config{RPCAddr: "127.0.0.1:0", Automine: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(chain.Close)
	client, err := ethclient.DialContext(ctx, chain.RPCURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(client.Close)
	if id, err := client.ChainID(ctx); err != nil || id.Int64() != devchain.ChainID {
		t.Fatalf("chain id %v, %v", id, err)
	}
	c := escrow.NewContracts(chain.ChainID(), chain.Addresses)
	agent, worker := chain.Role(devchain.RoleAgent)[0], chain.Role(devchain.RoleWorker)[0]
	opts := bind.NewKeyedTransactor(agent.Key, chain.ChainID())
	opts.Context = ctx
	tx, err := bind.Transact(c.USDC.Instance(client, c.Addresses.USDC), opts, c.USDC.PackTransfer(worker.Address, big.NewInt(7)))
	if err != nil {
		t.Fatal(err)
	}
	r, err := bind.WaitMined(ctx, client, tx.Hash())
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != types.ReceiptStatusSuccessful {
		t.Fatalf("transfer reverted")
	}
}

// TestDevChainChallengeWindow: a dev chain started with a challenge window
// has its escrow set to it; a window under the contract's minute is refused.
func TestDevChainChallengeWindow(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	chain, err := devchain.Start(ctx, devchain.Config{ChallengeWindow: 90 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(chain.Close)
	c := escrow.NewContracts(chain.ChainID(), chain.Addresses)
	out, err := chain.Client().CallContract(ctx, ethereum.CallMsg{To: &c.Addresses.Escrow, Data: c.Escrow.PackChallengeWindow()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	w, err := c.Escrow.UnpackChallengeWindow(out)
	if err != nil {
		t.Fatal(err)
	}
	if w != 90 {
		t.Fatalf("challenge window %d s, want 90", w)
	}
	if _, err := devchain.Start(ctx, devchain.Config{ChallengeWindow: 30 * time.Second}); err == nil ||
		!strings.Contains(err.Error(), "challenge window") {
		t.Fatalf("a 30 s window: %v, want it refused", err)
	}
}

// TestDevChainSurvivesRestart: with a data dir the chain, its contracts and
// its balances are there again after a restart, and nothing is redeployed.
func TestDevChainSurvivesRestart(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	dir := t.TempDir()
	chain, err := devchain.Start(ctx, devchain.Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	c := escrow.NewContracts(chain.ChainID(), chain.Addresses)
	agent, worker := chain.Role(devchain.RoleAgent)[0], chain.Role(devchain.RoleWorker)[0]
	if _, err := chain.Exec(ctx, agent.Key, escrow.Call{To: c.Addresses.USDC, Data: c.USDC.PackTransfer(worker.Address, big.NewInt(1_000))}); err != nil {
		t.Fatal(err)
	}
	head, err := chain.Client().BlockNumber(ctx)
	if err != nil {
		t.Fatal(err)
	}
	balance := func(ch *devchain.Chain) *big.Int {
		t.Helper()
		b, err := bind.Call(c.USDC.Instance(ch.Client(), c.Addresses.USDC), &bind.CallOpts{Context: ctx}, c.USDC.PackBalanceOf(worker.Address), c.USDC.UnpackBalanceOf)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	want := balance(chain)
	addrs := chain.Addresses
	chain.Close()

	again, err := devchain.Start(ctx, devchain.Config{DataDir: dir})
	if err != nil {
		t.Fatalf("restart: %v", err)
	}
	defer again.Close()
	if again.Addresses != addrs {
		t.Fatalf("addresses after restart %+v, before %+v", again.Addresses, addrs)
	}
	if got := balance(again); got.Cmp(want) != 0 {
		t.Fatalf("worker balance after restart %s, before %s", got, want)
	}
	head2, err := again.Client().BlockNumber(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if head2 != head {
		t.Fatalf("head after restart %d, before %d: the chain was rebuilt", head2, head)
	}
}

// TestDevnetWithEthers runs ethers.js, an independent client, against the
// chain as `axl devnet` serves it: code, balances, and an EIP-3009 transfer
// that ethers signs itself.
func TestDevnetWithEthers(t *testing.T) {
	t.Parallel()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatal("node is not on PATH: install Node.js 20 (.ci/run does)")
	}
	contracts, err := filepath.Abs("../../contracts")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(contracts, "node_modules", "ethers")); err != nil {
		t.Fatal("contracts/node_modules/ethers is missing: run `make contracts` (or npm ci in contracts/)")
	}
	ctx := t.Context()
	// As axl devnet runs it (SealDelay: ethers shares a nonce read for
	// 250 ms, so on a chain that mines at once it sends one twice).
	chain, err := devchain.Start(ctx, devchain.Config{RPCAddr: "127.0.0.1:0", Automine: true, SealDelay: 300 * time.Millisecond,
		BlockInterval: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(chain.Close)
	dir := t.TempDir()
	path, err := chain.WriteInfo(dir)
	if err != nil {
		t.Fatal(err)
	}
	var info devchain.Info
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &info); err != nil {
		t.Fatalf("devnet.json: %v", err)
	}
	roles := map[string]int{}
	for _, a := range info.Accounts {
		roles[a.Role]++
	}
	if roles[devchain.RoleOperator] != 1 || roles[devchain.RoleArbiter] != 1 || roles[devchain.RoleAgent] < 2 || roles[devchain.RoleWorker] < 8 || info.Warning == "" {
		t.Fatalf("devnet.json accounts %v, warning %q", roles, info.Warning)
	}

	cmd := exec.CommandContext(ctx, node, "test/devnet-client.js", path)
	cmd.Dir = contracts
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	nodeProc, err := tether.Start(cmd, syscall.SIGKILL)
	if err != nil {
		t.Fatal(err)
	}
	if err := nodeProc.Wait(); err != nil {
		t.Fatalf("ethers client: %v\n%s", err, stderr.Bytes())
	}
	out := stdout.Bytes()
	var res struct {
		ChainID   int64          `json:"chain_id"`
		CodeBytes map[string]int `json:"code_bytes"`
		Transfer  struct {
			Tx string `json:"tx"`
		} `json:"transfer"`
	}
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("ethers client output %q: %v", out, err)
	}
	if res.ChainID != devchain.ChainID || len(res.CodeBytes) != 3 || res.Transfer.Tx == "" {
		t.Fatalf("ethers client saw %+v", res)
	}
	t.Logf("ethers client: %s", out)
}

// TestDevChainSurvivesAKill: a dev chain process killed without warning
// (SIGKILL, no Close) reopens at its head with its state: what a crashed
// `axl serve` or `axl devnet` relies on.
func TestDevChainSurvivesAKill(t *testing.T) {
	if dir := os.Getenv("AXL_DEVCHAIN_CHILD"); dir != "" {
		devChainChild(dir)
		return
	}
	t.Parallel()
	dir := t.TempDir()
	cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^TestDevChainSurvivesAKill$")
	cmd.Env = append(os.Environ(), "AXL_DEVCHAIN_CHILD="+dir)
	// A pipe of our own: StdoutPipe's is closed by Wait, which runs
	// meanwhile (tether.Start), maybe before we have read the report.
	out, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = w, &stderr
	child, err := tether.Start(cmd, syscall.SIGKILL)
	w.Close()
	if err != nil {
		t.Fatal(err)
	}
	var report struct {
		Head    uint64 `json:"head"`
		Balance string `json:"balance"`
	}
	if err := json.NewDecoder(out).Decode(&report); err != nil {
		_ = cmd.Process.Kill()
		<-child.Done()
		t.Fatalf("child: %v\n%s", err, stderr.Bytes())
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	<-child.Done()

	chain, err := devchain.Start(t.Context(), devchain.Config{DataDir: dir})
	if err != nil {
		t.Fatalf("reopen after kill: %v", err)
	}
	defer chain.Close()
	head, err := chain.Client().BlockNumber(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	c := escrow.NewContracts(chain.ChainID(), chain.Addresses)
	worker := chain.Role(devchain.RoleWorker)[0]
	b, err := bind.Call(c.USDC.Instance(chain.Client(), c.Addresses.USDC), &bind.CallOpts{Context: t.Context()}, c.USDC.PackBalanceOf(worker.Address), c.USDC.UnpackBalanceOf)
	if err != nil {
		t.Fatal(err)
	}
	if head != report.Head || b.String() != report.Balance {
		t.Fatalf("after the kill: head %d balance %s; before: head %d balance %s", head, b, report.Head, report.Balance)
	}
}

// devChainChild runs in the child process: a chain with one transfer
// mined, its head and a balance printed, then waiting to be killed.
func devChainChild(dir string) {
	ctx := context.Background()
	chain, err := devchain.Start(ctx, devchain.Config{DataDir: dir})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	c := escrow.NewContracts(chain.ChainID(), chain.Addresses)
	agent, worker := chain.Role(devchain.RoleAgent)[0], chain.Role(devchain.RoleWorker)[0]
	if _, err := chain.Exec(ctx, agent.Key, escrow.Call{To: c.Addresses.USDC, Data: c.USDC.PackTransfer(worker.Address, big.NewInt(4242))}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	head, _ := chain.Client().BlockNumber(ctx)
	b, _ := bind.Call(c.USDC.Instance(chain.Client(), c.Addresses.USDC), &bind.CallOpts{Context: ctx}, c.USDC.PackBalanceOf(worker.Address), c.USDC.UnpackBalanceOf)
	_ = json.NewEncoder(os.Stdout).Encode(map[string]any{"head": head, "balance": b.String()})
	select {} // until killed
}

// TestPendingNonceFollowsTheHead sends transactions one after another from
// one account, each with the nonce the node says is pending, as ethers.js
// and wallets do: after each is mined, the pending nonce is the next one,
// not the mined transaction's again.
func TestPendingNonceFollowsTheHead(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	chain, err := devchain.Start(ctx, devchain.Config{RPCAddr: "127.0.0.1:0", Automine: true, BlockInterval: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(chain.Close)
	client, err := ethclient.DialContext(ctx, chain.RPCURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(client.Close)
	c := escrow.NewContracts(chain.ChainID(), chain.Addresses)
	agent, worker := chain.Role(devchain.RoleAgent)[1], chain.Role(devchain.RoleWorker)[1]
	for i := range 5 {
		pending, err := client.PendingNonceAt(ctx, agent.Address)
		if err != nil {
			t.Fatal(err)
		}
		latest, err := client.NonceAt(ctx, agent.Address, nil)
		if err != nil {
			t.Fatal(err)
		}
		if pending != latest {
			t.Fatalf("before transaction %d: pending nonce %d, latest %d", i, pending, latest)
		}
		opts := bind.NewKeyedTransactor(agent.Key, chain.ChainID())
		opts.Context, opts.Nonce = ctx, new(big.Int).SetUint64(pending)
		tx, err := bind.Transact(c.USDC.Instance(client, c.Addresses.USDC), opts, c.USDC.PackTransfer(worker.Address, big.NewInt(1)))
		if err != nil {
			t.Fatalf("transaction %d (nonce %d): %v", i, pending, err)
		}
		// The receipt read as soon as there is one, and the nonce right
		// after it, as a client that does not sleep reads them.
		for {
			r, err := client.TransactionReceipt(ctx, tx.Hash())
			if err == nil {
				if r.Status != types.ReceiptStatusSuccessful {
					t.Fatalf("transaction %d reverted", i)
				}
				break
			}
			if !errors.Is(err, ethereum.NotFound) {
				t.Fatal(err)
			}
		}
		if next, err := client.PendingNonceAt(ctx, agent.Address); err != nil || next != pending+1 {
			t.Fatalf("after transaction %d (nonce %d) was mined: pending nonce %d (%v), want %d", i, pending, next, err, pending+1)
		}
	}
}
