package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"text/tabwriter"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/google/renameio/v2"

	"github.com/axl-market/axl/escrow/devchain"
)

// runDevnet runs the development chain in the foreground until interrupted,
// or, as `axl devnet gas`, prints the gas of each escrow call.
func runDevnet(ctx context.Context, env *environment, args []string) error {
	if len(args) > 0 && args[0] == "gas" {
		return runDevnetGas(ctx, env, args[1:])
	}
	fs := newFlagSet(env, "devnet")
	dataDir := fs.String("data-dir", ".axl", "directory for devnet.json and the chain database")
	rpcAddr := fs.String("rpc-addr", "127.0.0.1:8545", "host:port to serve JSON-RPC on")
	interval := fs.Duration("block-interval", 2*time.Second, "seal an empty block this often so block time moves (0: only on transactions)")
	sealDelay := fs.Duration("seal-delay", 300*time.Millisecond, "seal a block this long after a transaction arrives: clients such as ethers.js reuse a nonce read less than 250 ms before")
	persist := fs.Bool("persist", true, "keep the chain in the data dir across restarts")
	window := fs.Duration("challenge-window", 0, "escrow challenge window on a fresh chain, at least 1m (0: the contract's 1h)")
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, "usage: axl devnet [flags]      run the dev chain until interrupted")
		fmt.Fprintln(env.stderr, "       axl devnet gas          print the gas of each escrow call for a 4-slot intent")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := os.MkdirAll(*dataDir, 0o700); err != nil {
		return fmt.Errorf("data dir %s is not writable: %w", *dataDir, err)
	}
	logger := slog.New(slog.NewTextHandler(env.stderr, nil))
	cfg := devchain.Config{
		RPCAddr:         *rpcAddr,
		Automine:        true,
		SealDelay:       *sealDelay,
		BlockInterval:   *interval,
		ChallengeWindow: *window,
		Logger:          logger,
	}
	if *persist {
		cfg.DataDir = *dataDir + "/chain"
	}
	chain, err := devchain.Start(ctx, cfg)
	if err != nil {
		return err
	}
	defer chain.Close()
	keys, err := writeDevKeys(chain, *dataDir)
	if err != nil {
		return err
	}
	path, err := chain.WriteInfo(*dataDir)
	if err != nil {
		return err
	}
	logger.Info("dev chain ready", "keys", keys, "rpc_url", chain.RPCURL, "chain_id", devchain.ChainID,
		"escrow", chain.Addresses.Escrow, "usdc", chain.Addresses.USDC, "ai", chain.Addresses.AI, "devnet_json", path)
	<-ctx.Done()
	logger.Info("dev chain stopping")
	return nil
}

// writeDevKeys writes each dev account's private key, as hex, to
// keys/<role>-<index>.key under dir (owner-only), the form `axl worker
// --key-file` and `axl agent --key-file` read.
func writeDevKeys(chain *devchain.Chain, dir string) (string, error) {
	keys := filepath.Join(dir, "keys")
	if err := os.MkdirAll(keys, 0o700); err != nil {
		return "", err
	}
	for _, a := range chain.Accounts {
		path := filepath.Join(keys, fmt.Sprintf("%s-%d.key", a.Role, a.Index))
		hex := "0x" + common.Bytes2Hex(crypto.FromECDSA(a.Key)) + "\n"
		if err := writeFileAtomic(path, []byte(hex), 0o600); err != nil {
			return "", err
		}
	}
	return keys, nil
}

// writeFileAtomic writes data to a temporary file beside path and renames
// it: a reader sees the old file or the whole new one.
func writeFileAtomic(path string, data []byte, perm os.FileMode) error {
	return renameio.WriteFile(path, data, perm, renameio.WithTempDir(filepath.Dir(path)), renameio.WithStaticPermissions(perm))
}

func runDevnetGas(ctx context.Context, env *environment, args []string) error {
	fs := newFlagSet(env, "devnet gas")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	report, err := devchain.MeasureGas(ctx)
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(env.stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "call\tgas\ttarget\t")
	for _, e := range report {
		target := "-"
		if e.Target > 0 {
			target = fmt.Sprint(e.Target)
		}
		fmt.Fprintf(w, "%s\t%d\t%s\t\n", e.Call, e.Gas, target)
	}
	return w.Flush()
}
