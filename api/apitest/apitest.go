// Package apitest runs the API server for the tests of its clients (the
// Go client, the MCP tools): api.New on a fresh database of the embedded
// PostgreSQL (the test binary's TestMain runs pgtest.Run), on the system
// clock, with a chain that answers reads and whose escrow events the test
// tells the store (ChainSays), as the watcher would.
package apitest

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"math/big"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/axl-market/axl/api"
	"github.com/axl-market/axl/api/client"
	"github.com/axl-market/axl/escrow"
	"github.com/axl-market/axl/escrow/eip712"
	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/market/blobstore"
	"github.com/axl-market/axl/market/broker"
	"github.com/axl-market/axl/market/eventhub"
	"github.com/axl-market/axl/market/operator"
	"github.com/axl-market/axl/market/postgres"
	"github.com/axl-market/axl/market/postgres/pgtest"
	"github.com/axl-market/axl/market/referee"
	"github.com/axl-market/axl/mcpserver"
	"github.com/axl-market/axl/swarm/jobplan"
)

// ChainAddresses are the contracts of the test chain (chain id 1337).
var ChainAddresses = market.ChainAddresses{Escrow: market.Address{0xe5}, USDC: market.Address{0x05}, AI: market.Address{0xa1}}

// Deployment is the test chain's, as a buyer trusts it.
var Deployment = client.Deployment{ChainID: 1337, Escrow: common.Address(ChainAddresses.Escrow),
	Tokens: map[string]common.Address{"USDC": common.Address(ChainAddresses.USDC), "AI": common.Address(ChainAddresses.AI)}}

// stubChain answers the Chain port's reads: every key holds plenty.
type stubChain struct{}

func (stubChain) ChainID() *big.Int                { return big.NewInt(Deployment.ChainID) }
func (stubChain) Addresses() market.ChainAddresses { return ChainAddresses }
func (stubChain) Ready(context.Context) error      { return nil }
func (stubChain) PermitNonce(context.Context, market.Address, market.Address) (*big.Int, error) {
	return big.NewInt(0), nil
}

func (stubChain) TokenBalance(context.Context, market.Address, market.Address) (*big.Int, error) {
	return new(big.Int).Lsh(big.NewInt(1), 128), nil
}

// Server is a running API server.
type Server struct {
	t     testing.TB
	URL   string
	Store *postgres.Store
}

// New starts a server, stopped when the test ends.
func New(t testing.TB) *Server {
	t.Helper()
	store, dbURL := pgtest.NewStoreURL(t)
	clk := market.SystemClock{}
	blobs, err := blobstore.New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	chain := stubChain{}
	b := &broker.Broker{Store: store, Chain: chain, Blobs: blobs, Runtime: jobplan.Runtime{}, Clock: clk, Random: rand.Reader,
		Pricing: market.DefaultPricing(), Signing: eip712.DevDomains(chain.ChainID(), chain.Addresses()), QuoteTTL: 10 * time.Minute,
		Limits: broker.DefaultLimits}
	opKey, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	contracts := escrow.NewContracts(chain.ChainID(), escrow.Addresses{Escrow: common.Address(ChainAddresses.Escrow),
		USDC: common.Address(ChainAddresses.USDC), AI: common.Address(ChainAddresses.AI)})
	relayer := escrow.NewRelayer(escrow.RelayerConfig{Store: store, Key: opKey, ChainID: chain.ChainID(), Clock: clk})
	op := operator.New(operator.Config{Store: store, Relayer: relayer, Contracts: contracts, Clock: clk})
	s := api.New(api.Config{PollInterval: 10 * time.Millisecond}, api.Deps{Store: store, Relay: op, Chain: chain, Broker: b,
		Blobs: blobs, Deliveries: referee.Deliveries{Blobs: blobs}, Events: pgtest.StartEvents(t, dbURL, store, eventhub.Config{}), Clock: clk,
		MCP: func(signer market.Address, api http.RoundTripper) http.Handler {
			return mcpserver.HTTPHandler(common.Address(signer), api)
		}})
	srv := httptest.NewServer(s)
	t.Cleanup(func() { s.Shutdown(); srv.Close() })
	return &Server{t: t, URL: srv.URL, Store: store}
}

// ChainSays stores escrow events of intent id as the watcher would, in
// the next block, and has the market apply them.
func (s *Server) ChainSays(id string, events ...market.ChainEvent) {
	s.t.Helper()
	ctx := context.Background()
	h, err := market.ParseHash(id)
	if err != nil {
		s.t.Fatal(err)
	}
	cur, err := s.Store.ChainCursor(ctx, "test")
	if err != nil {
		s.t.Fatal(err)
	}
	next := market.BlockRef{Number: cur.Number + 1, Hash: market.Hash{byte(cur.Number + 1), 0xb1}}
	for i := range events {
		events[i].Block, events[i].BlockHash, events[i].LogIndex, events[i].IntentID = next.Number, next.Hash, uint(i), h
	}
	if err := s.Store.ApplyChainBlocks(ctx, "test", next, events); err != nil {
		s.t.Fatal(err)
	}
	if _, _, err := s.Store.ApplyChain(ctx, h, time.Now()); err != nil {
		s.t.Fatal(err)
	}
}

// ChainEvent is an escrow event named name with data's fields.
func ChainEvent(name string, data map[string]any) market.ChainEvent {
	b, _ := json.Marshal(data)
	return market.ChainEvent{Name: name, Data: b}
}
