package main

import (
	"context"
	"crypto/ecdsa"
	"fmt"
	"log/slog"
	"math/big"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/axl-market/axl/escrow"
	"github.com/axl-market/axl/escrow/devchain"
	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/market/blobstore"
	"github.com/axl-market/axl/market/operator"
	"github.com/axl-market/axl/market/postgres"
	"github.com/axl-market/axl/market/referee"
)

// startChainLoops starts the relayer, the watcher and the operator, each a
// singleton across the servers sharing the database (an advisory lock),
// and returns the operator for the API and a func that waits for the loops
// once ctx ends. Without an operator key nothing is relayed: it returns nil.
func startChainLoops(ctx context.Context, c serveConfig, opened openedChain, store *postgres.Store,
	blobs *blobstore.Store, clock market.Clock, logger *slog.Logger) (*operator.Operator, func(), error) {
	chain := opened.chain
	key, err := roleKey("--operator-key", c.operatorKey, c.operatorKeyFile, c.chainRPC == "", devchain.RoleOperator)
	if err != nil {
		return nil, nil, err
	}
	if key == nil {
		logger.Warn("no --operator-key-file: intents are stored but nothing is relayed on chain")
		return nil, func() {}, nil
	}
	arbiterKey, err := roleKey("--arbiter-key", c.arbiterKey, c.arbiterKeyFile, c.chainRPC == "", devchain.RoleArbiter)
	if err != nil {
		return nil, nil, err
	}
	if arbiterKey == nil {
		return nil, nil, usageError{"--arbiter-key-file is needed with --operator-key-file: the referee's rulings are sent from the arbiter's own key"}
	}
	if crypto.PubkeyToAddress(arbiterKey.PublicKey) == crypto.PubkeyToAddress(key.PublicKey) {
		return nil, nil, usageError{"--arbiter-key must not be the operator's key: the escrow gives the roles to separate keys"}
	}
	client, err := ethclient.DialContext(ctx, opened.rpcURL)
	if err != nil {
		return nil, nil, fmt.Errorf("chain RPC %s: %w", opened.rpcURL, err)
	}
	contracts := opened.deployment.Contracts()
	maxFee := new(big.Int).Mul(new(big.Int).SetUint64(c.maxFeeGwei), big.NewInt(1_000_000_000))
	relayer := escrow.NewRelayer(escrow.RelayerConfig{Client: client, Store: store, Key: key, ChainID: chain.ChainID(),
		Clock: clock, Logger: logger, Confirmations: c.confirmations, MaxFeeCap: maxFee})
	arbiter := escrow.NewRelayer(escrow.RelayerConfig{Client: client, Store: store, Key: arbiterKey, ChainID: chain.ChainID(),
		Clock: clock, Logger: logger, Confirmations: c.confirmations, MaxFeeCap: maxFee})
	for role, r := range map[string]*escrow.Relayer{"operator": relayer, "arbiter": arbiter} {
		want := map[string]common.Hash{"operator": escrow.OperatorRole, "arbiter": escrow.ArbiterRole}[role]
		ok, err := contracts.HasRole(ctx, client, want, r.From())
		if err != nil {
			client.Close()
			return nil, nil, fmt.Errorf("reading the escrow's %s role: %w", role, err)
		}
		if !ok {
			client.Close()
			return nil, nil, fmt.Errorf("the %s key %s does not hold the escrow's %s role", role, r.From(), role)
		}
	}
	games, err := c.refereeSandbox(logger)
	if err != nil {
		client.Close()
		return nil, nil, err
	}
	ref := referee.New(ctx, referee.Config{Store: store, Blobs: blobs, Clock: clock,
		Rules: c.rules, Question: c.questionTimeout,
		Play: games.Verde(), Spot: games.SpotCheck(c.spotChecks), Logger: logger})
	op := operator.New(operator.Config{Store: store, Relayer: relayer, Arbiter: arbiter, Contracts: contracts, Clock: clock, Logger: logger,
		Referee: ref, ChainTime: headTime(client), SweepEvery: c.operatorSweep, NoPayouts: c.noPayouts})
	watcher, err := escrow.NewWatcher(escrow.WatcherConfig{Client: client, Log: store, Escrow: contracts.Addresses.Escrow,
		ChainID: chain.ChainID(), Confirmations: c.confirmations, FromBlock: opened.deployment.DeployBlock, OnApplied: op.OnApplied, Logger: logger})
	if err != nil {
		client.Close()
		return nil, nil, err
	}
	interval := c.chainPoll
	if interval <= 0 {
		interval = time.Second
	}
	var wg sync.WaitGroup
	wg.Go(func() { _ = relayer.Run(ctx, interval) })
	wg.Go(func() { _ = arbiter.Run(ctx, interval) })
	wg.Go(func() { op.Run(ctx, interval) })
	wg.Go(func() {
		market.Singleton(ctx, store, "axl-watcher:"+watcher.Stream(), interval, logger,
			func(ctx context.Context) { _ = watcher.Run(ctx, interval) })
	})
	logger.Info("relaying escrow calls", "operator", relayer.From(), "arbiter", arbiter.From(), "confirmations", c.confirmations)
	return op, func() { wg.Wait(); ref.Wait(); client.Close() }, nil
}

// roleKey is the key of a role: from its hex flag or its file flag (not
// both), else the dev chain's (onDev), else none.
func roleKey(flag, hexKey, file string, onDev bool, role string) (*ecdsa.PrivateKey, error) {
	switch {
	case hexKey != "" && file != "":
		return nil, usageError{fmt.Sprintf("%s and %s-file name the same key: pass one", flag, flag)}
	case file != "":
		return loadKeyAs(flag+"-file", file)
	case hexKey != "":
		key, err := crypto.HexToECDSA(strings.TrimPrefix(hexKey, "0x"))
		if err != nil {
			return nil, usageError{flag + " must be a hex secp256k1 private key"}
		}
		return key, nil
	case onDev:
		return devchain.Key(role, 0), nil
	}
	return nil, nil
}

// headTime reads the time of the chain's latest block: the escrow's clock.
func headTime(client *ethclient.Client) func(context.Context) (time.Time, error) {
	return func(ctx context.Context) (time.Time, error) {
		h, err := client.HeaderByNumber(ctx, nil)
		if err != nil {
			return time.Time{}, fmt.Errorf("chain head: %w", err)
		}
		return time.Unix(int64(h.Time), 0), nil
	}
}
