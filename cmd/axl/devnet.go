package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"text/tabwriter"
	"time"

	"github.com/axl-market/axl/escrow"
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
	persist := fs.Bool("persist", true, "keep the chain in the data dir across restarts")
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
	cfg := escrow.DevChainConfig{
		RPCAddr:       *rpcAddr,
		Automine:      true,
		BlockInterval: *interval,
		Logger:        logger,
	}
	if *persist {
		cfg.DataDir = *dataDir + "/chain"
	}
	chain, err := escrow.StartDevChain(ctx, cfg)
	if err != nil {
		return err
	}
	defer chain.Close()
	path, err := chain.WriteInfo(*dataDir)
	if err != nil {
		return err
	}
	logger.Info("dev chain ready", "rpc_url", chain.RPCURL, "chain_id", escrow.DevChainID,
		"escrow", chain.Addresses.Escrow, "usdc", chain.Addresses.USDC, "ai", chain.Addresses.AI, "devnet_json", path)
	<-ctx.Done()
	logger.Info("dev chain stopping")
	return nil
}

func runDevnetGas(ctx context.Context, env *environment, args []string) error {
	fs := newFlagSet(env, "devnet gas")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	report, err := escrow.MeasureGas(ctx)
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
