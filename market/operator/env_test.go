package operator_test

import (
	"context"
	"crypto/ecdsa"
	"fmt"
	"math/big"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/axl-market/axl/escrow"
	"github.com/axl-market/axl/escrow/bindings/axlescrow"
	"github.com/axl-market/axl/escrow/devchain"
	"github.com/axl-market/axl/escrow/eip712"
	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/market/clocktest"
	"github.com/axl-market/axl/market/operator"
	"github.com/axl-market/axl/market/postgres"
	"github.com/axl-market/axl/market/postgres/pgtest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Run(m)) }

// server is one `axl serve`'s chain loops on a shared database.
type server struct {
	relayer *escrow.Relayer
	watcher *escrow.Watcher
	op      *operator.Operator
}

// env is a dev chain that seals blocks only on Commit, a fresh database
// and one server's relayer, watcher and operator, all driven by hand.
type env struct {
	t       testing.TB
	ctx     context.Context
	chain   *devchain.Chain
	c       *escrow.Contracts
	dbURL   string
	store   *postgres.Store
	clock   *clocktest.Clock
	domains eip712.Domains
	opKey   *ecdsa.PrivateKey
	buyer   devchain.Account
	workers []devchain.Account
	// crashy has step start a new server before each of its phases, as if
	// the last one was killed; its watcher dies before its hook runs, so
	// that only the passes of the next server can catch up.
	crashy bool
	// confirmations is the watcher's depth for servers made from now on.
	confirmations uint64
	// baseNonce is the operator's nonce after the chain's set-up.
	baseNonce uint64
	*server
}

func newEnv(t testing.TB) *env {
	t.Helper()
	return newEnvWith(t, false)
}

// newEnvWith is newEnv on a chain that seals a block as soon as a
// transaction arrives (automine), for servers running on their own.
func newEnvWith(t testing.TB, automine bool) *env {
	t.Helper()
	ctx := t.Context()
	chain, err := devchain.Start(ctx, devchain.Config{Workers: 9, Automine: automine})
	if err != nil {
		t.Fatalf("start dev chain: %v", err)
	}
	t.Cleanup(chain.Close)
	now, err := chain.Now(ctx)
	if err != nil {
		t.Fatal(err)
	}
	addrs := market.ChainAddresses{Escrow: market.Address(chain.Addresses.Escrow), USDC: market.Address(chain.Addresses.USDC),
		AI: market.Address(chain.Addresses.AI)}
	dbURL := pgtest.NewDatabase(t)
	e := &env{
		t: t, ctx: ctx, chain: chain, c: escrow.NewContracts(chain.ChainID(), chain.Addresses), dbURL: dbURL,
		store: openStore(t, dbURL), clock: clocktest.New(now), domains: eip712.DevDomains(chain.ChainID(), addrs),
		opKey: chain.Role(devchain.RoleOperator)[0].Key, buyer: chain.Role(devchain.RoleAgent)[0],
		workers: chain.Role(devchain.RoleWorker),
	}
	if e.baseNonce, err = chain.Client().NonceAt(ctx, crypto.PubkeyToAddress(e.opKey.PublicKey), nil); err != nil {
		t.Fatal(err)
	}
	e.server = e.newServer(e.store)
	return e
}

// openStore opens a store on the database at url, as another process would.
func openStore(t testing.TB, url string) *postgres.Store {
	t.Helper()
	s, err := postgres.Open(context.Background(), url, 20)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

// newServer builds the chain loops of one server on store.
func (e *env) newServer(store *postgres.Store) *server {
	e.t.Helper()
	r := escrow.NewRelayer(escrow.RelayerConfig{Client: e.chain.Client(), Store: store, Key: e.opKey,
		ChainID: e.chain.ChainID(), Clock: e.clock})
	op := operator.New(operator.Config{Store: store, Relayer: r, Contracts: e.c, Clock: e.clock})
	hook := op.OnApplied
	if e.crashy {
		hook = nil
	}
	w, err := escrow.NewWatcher(escrow.WatcherConfig{Client: e.chain.Client(), Log: store, Escrow: e.c.Addresses.Escrow,
		ChainID: e.chain.ChainID(), Confirmations: e.confirmations, OnApplied: hook})
	if err != nil {
		e.t.Fatal(err)
	}
	return &server{relayer: r, watcher: w, op: op}
}

// step is one round of the server's loops around a sealed block.
func (e *env) step() {
	e.t.Helper()
	for _, phase := range []func() error{
		func() error { return e.relayer.Tick(e.ctx) },
		func() error { e.chain.Commit(); return nil },
		func() error { return e.relayer.Tick(e.ctx) },
		func() error { return e.watcher.Poll(e.ctx) },
		func() error { return e.op.Tick(e.ctx) },
	} {
		if e.crashy {
			e.server = e.newServer(e.store)
		}
		if err := phase(); err != nil {
			e.t.Fatal(err)
		}
	}
}

// until steps until every intent is in state want.
func (e *env) until(want market.IntentState, ids ...market.Hash) {
	e.t.Helper()
	for range 8 {
		done := true
		for _, id := range ids {
			if e.intent(id).State != want {
				done = false
			}
		}
		if done {
			return
		}
		e.step()
	}
	for _, id := range ids {
		in := e.intent(id)
		txs, _ := e.store.TxsOfIntent(e.ctx, id)
		for _, tx := range txs {
			e.t.Logf("tx %s %s %s", tx.Key, tx.Status, tx.Error)
		}
		if in.State != want {
			e.t.Fatalf("intent %s is %s, want %s", id, in.State, want)
		}
	}
}

func (e *env) intent(id market.Hash) market.Intent {
	e.t.Helper()
	in, err := e.store.IntentByID(e.ctx, id)
	if err != nil {
		e.t.Fatal(err)
	}
	return in
}

var nonces atomic.Int64

// newIntent stores a USDC intent of workers × replicas slots signed by the
// buyer, as POST /intents does, and relays its funding.
func (e *env) newIntent(workers, replicas uint32) market.Intent {
	e.t.Helper()
	return e.newIntentBy(e.buyer, workers, replicas)
}

// newIntentBy is newIntent signed by buyer.
func (e *env) newIntentBy(buyer devchain.Account, workers, replicas uint32) market.Intent {
	e.t.Helper()
	now := e.clock.Now()
	spec := market.Spec{BaseModel: market.ArtifactID{1}, Dataset: market.ArtifactID{2}, Steps: 10, Workers: workers,
		Replicas: replicas, Hyperparameters: market.DefaultHyperparameters, Seed: 7}
	n := nonces.Add(1)
	terms := escrow.Terms{Buyer: buyer.Address, Token: e.c.Addresses.USDC, Amount: big.NewInt(1_000_000),
		SpecHash: eip712.SpecHash(spec), Slots: spec.Slots(), StakePerSlot: big.NewInt(10_000),
		Deadline: uint64(now.Add(24 * time.Hour).Unix()), Nonce: big.NewInt(n)}
	expires := now.Add(10 * time.Minute).Truncate(time.Second)
	fsig, err := e.c.SignFundingAuthorization(buyer.Key, terms, new(big.Int), big.NewInt(expires.Unix()))
	if err != nil {
		e.t.Fatal(err)
	}
	isig, err := e.c.SignIntent(buyer.Key, terms)
	if err != nil {
		e.t.Fatal(err)
	}
	id := market.Hash(e.c.IntentID(terms))
	q := market.Quote{ID: fmt.Sprintf("q_%d", n), Buyer: market.Address(buyer.Address), Token: market.TokenUSDC, Spec: spec,
		SpecHash: terms.SpecHash, ModelSize: 1 << 20, Price: terms.Amount, StakePerSlot: terms.StakePerSlot,
		Deadline: time.Unix(int64(terms.Deadline), 0), Nonce: terms.Nonce, IntentID: id, ExpiresAt: expires, CreatedAt: now}
	if err := e.store.CreateQuote(e.ctx, q); err != nil {
		e.t.Fatal(err)
	}
	in, err := e.store.CreateIntent(e.ctx, market.Intent{ID: id, QuoteID: q.ID, Buyer: q.Buyer, Token: q.Token, Spec: spec,
		SpecHash: q.SpecHash, ModelSize: q.ModelSize, Price: q.Price, StakePerSlot: q.StakePerSlot, Deadline: q.Deadline,
		Nonce: q.Nonce, State: market.IntentFunding, IntentSignature: isig.Bytes(), FundingSignature: fsig.Bytes(), CreatedAt: now}, nil)
	if err != nil {
		e.t.Fatal(err)
	}
	if err := e.op.Fund(e.ctx, in); err != nil {
		e.t.Fatal(err)
	}
	return in
}

func (e *env) register(ws ...devchain.Account) {
	e.t.Helper()
	for _, w := range ws {
		_, err := e.store.PutWorker(e.ctx, market.Worker{Address: market.Address(w.Address),
			PeerID: "12D3KooW" + fmt.Sprintf("%040d", w.Index), Multiaddrs: []string{fmt.Sprintf("/ip4/10.0.0.%d/tcp/4001", w.Index)},
			Capacity: 1, UpdatedAt: e.clock.Now()})
		if err != nil {
			e.t.Fatal(err)
		}
	}
}

var claimIDs atomic.Int64

// claim asks for a slot of job as the API does: the permit nonce is read
// from the chain, the claim lasts ten minutes.
func (e *env) claim(who common.Address, job market.Hash) (market.Claim, error) {
	nonce, err := e.c.PermitNonce(e.ctx, e.chain.Client(), e.c.Addresses.USDC, who)
	if err != nil {
		return market.Claim{}, err
	}
	now := e.clock.Now()
	return e.store.ClaimSlot(e.ctx, market.ClaimRequest{JobID: job, Worker: market.Address(who),
		ClaimID: fmt.Sprintf("c_%d", claimIDs.Add(1)), Now: now, ExpiresAt: now.Add(10 * time.Minute).Truncate(time.Second),
		PermitNonce: nonce})
}

func signTyped(t testing.TB, key *ecdsa.PrivateKey, td market.TypedData) []byte {
	t.Helper()
	sig, err := crypto.Sign(td.Digest[:], key)
	if err != nil {
		t.Fatal(err)
	}
	sig[64] += 27
	return sig
}

// stake signs the claim's two typed documents as the worker and relays them.
func (e *env) stake(who devchain.Account, c market.Claim) market.Tx {
	e.t.Helper()
	in := e.intent(c.JobID)
	permit, bindTD, err := e.domains.StakeTypedData(in.Token, in.StakePerSlot, c)
	if err != nil {
		e.t.Fatal(err)
	}
	tx, err := e.op.Stake(e.ctx, in, c, signTyped(e.t, who.Key, permit), signTyped(e.t, who.Key, bindTD))
	if err != nil {
		e.t.Fatal(err)
	}
	return tx
}

func (e *env) slots(job market.Hash) []market.Slot {
	e.t.Helper()
	s, err := e.store.JobSlots(e.ctx, job)
	if err != nil {
		e.t.Fatal(err)
	}
	return s
}

func (e *env) record(id market.Hash) axlescrow.AXLEscrowEscrow {
	e.t.Helper()
	inst := e.c.Escrow.Instance(e.chain.Client(), e.c.Addresses.Escrow)
	v, err := bind.Call(inst, &bind.CallOpts{Context: e.ctx}, e.c.Escrow.PackEscrows(common.Hash(id)), e.c.Escrow.UnpackEscrows)
	if err != nil {
		e.t.Fatalf("escrows: %v", err)
	}
	return v
}

func (e *env) balance(who common.Address) *big.Int {
	e.t.Helper()
	inst := e.c.USDC.Instance(e.chain.Client(), e.c.Addresses.USDC)
	b, err := bind.Call(inst, &bind.CallOpts{Context: e.ctx}, e.c.USDC.PackBalanceOf(who), e.c.USDC.UnpackBalanceOf)
	if err != nil {
		e.t.Fatalf("balanceOf: %v", err)
	}
	return b
}

// credited is what the escrow holds for who in USDC.
func (e *env) credited(who common.Address) *big.Int {
	e.t.Helper()
	inst := e.c.Escrow.Instance(e.chain.Client(), e.c.Addresses.Escrow)
	b, err := bind.Call(inst, &bind.CallOpts{Context: e.ctx}, e.c.Escrow.PackWithdrawable(e.c.Addresses.USDC, who), e.c.Escrow.UnpackWithdrawable)
	if err != nil {
		e.t.Fatalf("withdrawable: %v", err)
	}
	return b
}

// untilMined steps until the intent's transaction of kind is mined.
func (e *env) untilMined(id market.Hash, kind market.TxKind) market.Tx {
	e.t.Helper()
	for range 8 {
		txs, err := e.store.TxsOfIntent(e.ctx, id)
		if err != nil {
			e.t.Fatal(err)
		}
		for _, tx := range txs {
			if tx.Kind == kind && tx.Status == market.TxMined {
				return tx
			}
			if tx.Kind == kind && tx.Failed() {
				e.t.Fatalf("the %s transaction failed: %s", kind, tx.Error)
			}
		}
		e.step()
	}
	e.t.Fatalf("no %s transaction of intent %s mined", kind, id)
	return market.Tx{}
}
