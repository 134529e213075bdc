package main

import (
	"context"
	"fmt"
	"log/slog"
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
func startChainLoops(ctx context.Context, c serveConfig, rpcURL string, chain *escrow.Chain, store *postgres.Store,
	blobs *blobstore.Store, clock market.Clock, logger *slog.Logger) (*operator.Operator, func(), error) {
	keyHex := c.operatorKey
	if keyHex == "" && c.chainRPC == "" {
		keyHex = common.Bytes2Hex(crypto.FromECDSA(devchain.Key(devchain.RoleOperator, 0)))
	}
	if keyHex == "" {
		logger.Warn("no --operator-key: intents are stored but nothing is relayed on chain")
		return nil, func() {}, nil
	}
	key, err := crypto.HexToECDSA(strings.TrimPrefix(keyHex, "0x"))
	if err != nil {
		return nil, nil, usageError{"--operator-key must be a hex secp256k1 private key"}
	}
	arbiterHex := c.arbiterKey
	if arbiterHex == "" && c.chainRPC == "" {
		arbiterHex = common.Bytes2Hex(crypto.FromECDSA(devchain.Key(devchain.RoleArbiter, 0)))
	}
	if arbiterHex == "" {
		return nil, nil, usageError{"--arbiter-key is needed with --operator-key: the referee's rulings are sent from the arbiter's own key"}
	}
	arbiterKey, err := crypto.HexToECDSA(strings.TrimPrefix(arbiterHex, "0x"))
	if err != nil {
		return nil, nil, usageError{"--arbiter-key must be a hex secp256k1 private key"}
	}
	if crypto.PubkeyToAddress(arbiterKey.PublicKey) == crypto.PubkeyToAddress(key.PublicKey) {
		return nil, nil, usageError{"--arbiter-key must not be the operator's key: the escrow gives the roles to separate keys"}
	}
	client, err := ethclient.DialContext(ctx, rpcURL)
	if err != nil {
		return nil, nil, fmt.Errorf("chain RPC %s: %w", rpcURL, err)
	}
	a := chain.Addresses()
	contracts := escrow.NewContracts(chain.ChainID(), escrow.Addresses{Escrow: common.Address(a.Escrow),
		USDC: common.Address(a.USDC), AI: common.Address(a.AI)})
	relayer := escrow.NewRelayer(escrow.RelayerConfig{Client: client, Store: store, Key: key, ChainID: chain.ChainID(),
		Clock: clock, Logger: logger, Confirmations: c.confirmations})
	arbiter := escrow.NewRelayer(escrow.RelayerConfig{Client: client, Store: store, Key: arbiterKey, ChainID: chain.ChainID(),
		Clock: clock, Logger: logger, Confirmations: c.confirmations})
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
		ChainID: chain.ChainID(), Confirmations: c.confirmations, OnApplied: op.OnApplied, Logger: logger})
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
