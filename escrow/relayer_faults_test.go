package escrow_test

import (
	"context"
	"errors"
	"log/slog"
	"math/big"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/axl-market/axl/escrow"
	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/market/clocktest"
	"github.com/axl-market/axl/market/postgres"
	"github.com/axl-market/axl/market/postgres/pgtest"
)

// The relayer's fault tests: each fault is made on the real dev chain and
// the real PostgreSQL (a node's refusal is injected where the dev chain
// would take anything, in the words a node uses), and each test logs its
// figures.

// faultEnv is a relayerEnv whose database URL is known, so that a test can
// kill the lock's session as an administrator would.
type faultEnv struct {
	*relayerEnv
	url string
}

func newFaultEnv(t *testing.T) *faultEnv {
	t.Helper()
	url := pgtest.NewDatabase(t)
	store, err := postgres.Open(t.Context(), url, 8)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(store.Close)
	return &faultEnv{relayerEnv: &relayerEnv{env: newEnv(t), store: store, clock: clocktest.New(time.Unix(1_800_000_000, 0))}, url: url}
}

func (e *faultEnv) relayerWith(client escrow.RelayClient, store market.TxStore, confirmations uint64, maxRefusals int) *escrow.Relayer {
	if client == nil {
		client = e.chain.Client()
	}
	if store == nil {
		store = e.store
	}
	return escrow.NewRelayer(escrow.RelayerConfig{
		Client: client, Store: store, Key: e.op.Key, ChainID: e.chain.ChainID(), Clock: e.clock, BumpAfter: time.Minute,
		Confirmations: confirmations, MaxRefusals: maxRefusals, Logger: slog.New(slog.NewTextHandler(testWriter{e.t}, nil)),
	})
}

func (e *faultEnv) enqueue(r *escrow.Relayer, key string, call escrow.Call) {
	e.t.Helper()
	if _, err := r.Enqueue(e.ctx, key, market.TxOther, common.Hash{}, call); err != nil {
		e.t.Fatal(err)
	}
}

func (e *faultEnv) attempts(key string) []market.TxAttempt {
	e.t.Helper()
	a, err := e.store.TxAttempts(e.ctx, e.tx(key).ID)
	if err != nil {
		e.t.Fatal(err)
	}
	return a
}

func (e *faultEnv) opNonce() uint64 {
	e.t.Helper()
	n, err := e.chain.Client().NonceAt(e.ctx, e.op.Address, nil)
	if err != nil {
		e.t.Fatal(err)
	}
	return n
}

// poolSize is how many of the operator's transactions the node holds
// ready to mine (the pending block's count is cached; the pool's nonce is not).
func (e *faultEnv) poolSize() uint64 {
	e.t.Helper()
	n, err := e.chain.Client().PendingNonceAt(e.ctx, e.op.Address)
	if err != nil {
		e.t.Fatal(err)
	}
	return n - e.opNonce()
}

// killLock terminates the sessions holding an advisory lock in the test's
// database, waiting for each to end, and returns how many it killed.
func (e *faultEnv) killLock() int {
	e.t.Helper()
	return pgtest.KillLockSessions(e.t, e.url)
}

// testWriter sends the relayer's log to the test's.
type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

// nodeError is a node's JSON-RPC refusal, as go-ethereum's client returns it.
type nodeError string

func (e nodeError) Error() string  { return string(e) }
func (e nodeError) ErrorCode() int { return -32000 }

// refusingClient is the dev chain's client with a node that refuses some
// broadcasts: refuse says with which error, nil to let the chain have it.
type refusingClient struct {
	escrow.RelayClient
	mu      sync.Mutex
	refuse  func(*types.Transaction) error
	refused int
}

func (c *refusingClient) SendTransaction(ctx context.Context, tx *types.Transaction) error {
	c.mu.Lock()
	err := c.refuse(tx)
	if err != nil {
		c.refused++
	}
	c.mu.Unlock()
	if err != nil {
		return err
	}
	return c.RelayClient.SendTransaction(ctx, tx)
}

// TestRelayerReplacesDroppedTransactions: the node loses two sent
// transactions (its pool is emptied, as an eviction of underpriced ones
// would); the next pass replaces each with the same nonce and fees raised
// by BumpPercent, rather than send the same bytes again, and each is paid
// once.
func TestRelayerReplacesDroppedTransactions(t *testing.T) {
	t.Parallel()
	e := newFaultEnv(t)
	r := e.relayerWith(nil, nil, 0, 0)
	w := e.workers[0]
	before, nonce := e.balance(e.c.Addresses.USDC, w.Address), e.opNonce()
	e.enqueue(r, "pay-a", e.pay(w.Address, 3))
	e.enqueue(r, "pay-b", e.pay(w.Address, 4))
	e.tick(r)
	if n := e.poolSize(); n != 2 {
		t.Fatalf("%d transactions in the pool, want 2", n)
	}
	e.chain.Rollback() // the node drops them
	if n := e.poolSize(); n != 0 {
		t.Fatalf("%d transactions in the pool after the drop", n)
	}
	e.tick(r)
	if n := e.poolSize(); n != 2 {
		t.Fatalf("%d transactions in the pool after the pass, want both replaced", n)
	}
	for _, key := range []string{"pay-a", "pay-b"} {
		tx, atts := e.tx(key), e.attempts(key)
		if len(atts) != 2 || tx.Hash != atts[1].Hash || atts[0].Hash == atts[1].Hash || atts[1].BroadcastAt.IsZero() {
			t.Fatalf("%s: %+v with attempts %+v, want a second, broadcast", key, tx, atts)
		}
		if atts[1].GasFeeCap.Cmp(new(big.Int).Div(new(big.Int).Mul(atts[0].GasFeeCap, big.NewInt(120)), big.NewInt(100))) < 0 ||
			atts[1].GasTipCap.Cmp(atts[0].GasTipCap) <= 0 {
			t.Fatalf("%s: fees %s/%s → %s/%s, want 20 %% more", key, atts[0].GasTipCap, atts[0].GasFeeCap, atts[1].GasTipCap, atts[1].GasFeeCap)
		}
		var first, second types.Transaction
		if err := first.UnmarshalBinary(atts[0].Raw); err != nil {
			t.Fatal(err)
		}
		if err := second.UnmarshalBinary(atts[1].Raw); err != nil {
			t.Fatal(err)
		}
		if first.Nonce() != second.Nonce() || int64(second.Nonce()) != tx.Nonce {
			t.Fatalf("%s: nonces %d and %d, recorded %d", key, first.Nonce(), second.Nonce(), tx.Nonce)
		}
		t.Logf("%s: dropped at nonce %d, replaced with fee cap %s → %s wei, tip %s → %s wei",
			key, tx.Nonce, atts[0].GasFeeCap, atts[1].GasFeeCap, atts[0].GasTipCap, atts[1].GasTipCap)
	}
	e.chain.Commit()
	e.tick(r)
	for _, key := range []string{"pay-a", "pay-b"} {
		if got := e.tx(key); got.Status != market.TxMined || got.Hash != e.attempts(key)[1].Hash {
			t.Fatalf("%s after mining: %+v", key, got)
		}
	}
	if got := e.opNonce(); got != nonce+2 {
		t.Fatalf("operator nonce %d → %d, want two transactions", nonce, got)
	}
	wantBig(t, "paid once each", new(big.Int).Sub(e.balance(e.c.Addresses.USDC, w.Address), before), 7)
}

// TestRelayerReplacesAnUnderpricedTransaction: a node that refuses the
// first fees as underpriced gets, in the same pass, the transaction with
// the same nonce at higher fees.
func TestRelayerReplacesAnUnderpricedTransaction(t *testing.T) {
	t.Parallel()
	e := newFaultEnv(t)
	var floor atomic.Pointer[big.Int]
	client := &refusingClient{RelayClient: e.chain.Client(), refuse: func(tx *types.Transaction) error {
		if floor.Load() == nil {
			floor.Store(new(big.Int).Add(tx.GasFeeCap(), big.NewInt(1)))
		}
		if tx.GasFeeCap().Cmp(floor.Load()) < 0 {
			return nodeError("transaction underpriced: gas tip cap 1, minimum needed 2")
		}
		return nil
	}}
	r := e.relayerWith(client, nil, 0, 0)
	w := e.workers[1]
	before := e.balance(e.c.Addresses.USDC, w.Address)
	e.enqueue(r, "pay", e.pay(w.Address, 5))
	e.tick(r)
	atts := e.attempts("pay")
	if len(atts) != 2 || client.refused != 1 || e.poolSize() != 1 || !atts[0].BroadcastAt.IsZero() || atts[1].BroadcastAt.IsZero() {
		t.Fatalf("attempts %+v, %d refused, %d in the pool: want the second taken", atts, client.refused, e.poolSize())
	}
	t.Logf("refused at fee cap %s wei, taken at %s wei in the same pass", atts[0].GasFeeCap, atts[1].GasFeeCap)
	e.chain.Commit()
	e.tick(r)
	if got := e.tx("pay"); got.Status != market.TxMined || got.Hash != atts[1].Hash {
		t.Fatalf("after mining: %+v", got)
	}
	wantBig(t, "paid once", new(big.Int).Sub(e.balance(e.c.Addresses.USDC, w.Address), before), 5)
}

// estimateFailing is the dev chain's client with a node out of reach for
// the gas estimation of calls to one address.
type estimateFailing struct {
	escrow.RelayClient
	to common.Address
}

func (c estimateFailing) EstimateGas(ctx context.Context, msg ethereum.CallMsg) (uint64, error) {
	if msg.To != nil && *msg.To == c.to {
		return 0, errors.New("dial tcp 127.0.0.1:8545: connect: connection refused")
	}
	return c.RelayClient.EstimateGas(ctx, msg)
}

// TestRelayerGivesUpLoudlyAndFillsTheGap: the node refuses one
// transaction's broadcast for good. The transactions after it are still
// sent in the same pass (one bad transaction does not stop the others), but
// the node holds them behind the nonce gap; after MaxRefusals the relayer
// abandons the bad one — its status and reason on the record — and takes
// its nonce with a no-op, and the later ones are mined. A call whose
// estimation cannot reach the node waits, neither sent nor given up.
func TestRelayerGivesUpLoudlyAndFillsTheGap(t *testing.T) {
	t.Parallel()
	e := newFaultEnv(t)
	bad, good, flaky := e.workers[2], e.workers[3], e.workers[4]
	badCall := escrow.Call{To: bad.Address, Data: nil} // a plain transfer to an account, refused below
	client := &refusingClient{RelayClient: estimateFailing{e.chain.Client(), flaky.Address}, refuse: func(tx *types.Transaction) error {
		if tx.To() != nil && *tx.To() == bad.Address {
			return nodeError("exceeds block gas limit")
		}
		return nil
	}}
	const maxRefusals = 3
	r := e.relayerWith(client, nil, 0, maxRefusals)
	before, nonce := e.balance(e.c.Addresses.USDC, good.Address), e.opNonce()
	e.enqueue(r, "bad", badCall)
	e.enqueue(r, "flaky", escrow.Call{To: flaky.Address})
	e.enqueue(r, "good", e.pay(good.Address, 6))

	err := r.Tick(e.ctx)
	if err == nil || !strings.Contains(err.Error(), "exceeds block gas limit") || !strings.Contains(err.Error(), "connection refused") {
		t.Fatalf("first pass: %v, want the refusal and the unreachable estimation reported", err)
	}
	if g := e.tx("good"); g.Status != market.TxSent || g.Nonce != e.tx("bad").Nonce+1 {
		t.Fatalf("good after the first pass: %+v (bad %+v)", g, e.tx("bad"))
	}
	e.chain.Commit()
	if got := e.opNonce(); got != nonce {
		t.Fatalf("operator nonce moved to %d behind the gap", got)
	}
	passes := 1
	for ; e.tx("bad").Status != market.TxAbandoned; passes++ {
		if passes > maxRefusals+1 {
			t.Fatalf("not given up after %d passes: %+v", passes, e.tx("bad"))
		}
		_ = r.Tick(e.ctx)
		e.chain.Commit()
	}
	b := e.tx("bad")
	if b.Refusals != maxRefusals || !strings.Contains(b.Error, "the relayer gave up") || !strings.Contains(b.Error, "exceeds block gas limit") {
		t.Fatalf("abandoned: %+v", b)
	}
	t.Logf("given up after %d passes, %d refusals: %q", passes, b.Refusals, b.Error)
	for range 3 {
		_ = r.Tick(e.ctx)
		e.chain.Commit()
	}
	b, g, f := e.tx("bad"), e.tx("good"), e.tx("flaky")
	atts := e.attempts("bad")
	if b.Status != market.TxAbandoned || b.Block == 0 || len(atts) < 2 || !atts[len(atts)-1].Filler {
		t.Fatalf("bad after the filler: %+v, attempts %+v", b, atts)
	}
	if g.Status != market.TxMined || g.Block < b.Block {
		t.Fatalf("good after the filler: %+v", g)
	}
	if f.Status != market.TxQueued || f.Refusals != 0 || f.Nonce != -1 {
		t.Fatalf("flaky: %+v, want queued, no nonce taken, not counted as refused", f)
	}
	if got := e.opNonce(); got != nonce+2 {
		t.Fatalf("operator nonce %d → %d, want the filler and good", nonce, got)
	}
	if bal := e.chain.Client(); bal != nil {
		got, err := bal.BalanceAt(e.ctx, bad.Address, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got.Cmp(new(big.Int).Mul(big.NewInt(1_000), big.NewInt(1e18))) != 0 {
			t.Fatalf("the abandoned call reached its recipient: balance %s", got)
		}
	}
	wantBig(t, "good paid once", new(big.Int).Sub(e.balance(e.c.Addresses.USDC, good.Address), before), 6)
	t.Logf("nonce %d filled by a no-op in block %d; good (nonce %d) mined in block %d", b.Nonce, b.Block, g.Nonce, g.Block)
}

// TestRelayerSendsAgainAfterAReorg: a transaction mined and recorded as
// such is dropped by a reorg before it has Confirmations blocks over it;
// the relayer notices, records it sent again (its intent's log says why),
// sends it with the same nonce, and confirms it only once buried deep
// enough on the new chain. It is paid once.
func TestRelayerSendsAgainAfterAReorg(t *testing.T) {
	t.Parallel()
	e := newFaultEnv(t)
	const depth = 2
	r := e.relayerWith(nil, nil, depth, 0)
	w := e.workers[5]
	before, nonce := e.balance(e.c.Addresses.USDC, w.Address), e.opNonce()
	fork, err := e.chain.Client().HeaderByNumber(e.ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	e.enqueue(r, "pay", e.pay(w.Address, 8))
	e.tick(r)
	e.chain.Commit()
	e.tick(r)
	mined := e.tx("pay")
	if mined.Status != market.TxMined || mined.Confirmed || mined.Block != fork.Number.Uint64()+1 {
		t.Fatalf("mined: %+v", mined)
	}
	// A longer chain from the block before replaces it, without the transaction.
	if err := e.chain.Fork(fork.Hash()); err != nil {
		t.Fatal(err)
	}
	e.chain.Rollback()
	e.chain.Commit()
	e.chain.Commit()
	if _, err := e.chain.Client().TransactionReceipt(e.ctx, common.Hash(mined.Hash)); !errors.Is(err, ethereum.NotFound) {
		t.Fatalf("the reorg kept the transaction: %v", err)
	}
	if got := e.opNonce(); got != nonce {
		t.Fatalf("operator nonce %d after the reorg, want %d", got, nonce)
	}
	e.tick(r)
	again := e.tx("pay")
	if again.Status != market.TxSent || again.Block != 0 || !strings.Contains(again.Error, "reorg") || again.Nonce != mined.Nonce || e.poolSize() != 1 {
		t.Fatalf("after the reorg: %+v (%d in the pool)", again, e.poolSize())
	}
	e.chain.Commit()
	e.tick(r)
	final := e.tx("pay")
	if final.Status != market.TxMined || final.Block != fork.Number.Uint64()+3 || final.Confirmed {
		t.Fatalf("mined again: %+v", final)
	}
	for i := range depth {
		if got := e.tx("pay"); got.Confirmed {
			t.Fatalf("confirmed %d blocks deep, want %d", i, depth)
		}
		e.chain.Commit()
		e.tick(r)
	}
	if got := e.tx("pay"); !got.Confirmed || got.Status != market.TxMined {
		t.Fatalf("not confirmed %d blocks deep: %+v", depth, got)
	}
	if got := e.opNonce(); got != nonce+1 {
		t.Fatalf("operator nonce %d → %d, want one transaction", nonce, got)
	}
	wantBig(t, "paid once", new(big.Int).Sub(e.balance(e.c.Addresses.USDC, w.Address), before), 8)
	t.Logf("mined in block %d, reorged out, sent again at nonce %d (%d attempts), mined in block %d, confirmed %d blocks deep",
		mined.Block, final.Nonce, len(e.attempts("pay")), final.Block, depth)
}

// killingClient terminates the lock's session the moment the relayer
// estimates the gas of its nth call: the lease dies in the middle of a pass.
type killingClient struct {
	escrow.RelayClient
	n     int
	calls int
	kill  func()
}

func (c *killingClient) EstimateGas(ctx context.Context, msg ethereum.CallMsg) (uint64, error) {
	c.calls++
	if c.calls == c.n {
		c.kill()
	}
	return c.RelayClient.EstimateGas(ctx, msg)
}

// TestRelayerPassStopsWhenItsLeaseDies: the lock's session is killed in
// the middle of a pass; nothing more is signed or sent in that pass, the
// pass says why, and the next pass, under a new lease, sends the rest.
func TestRelayerPassStopsWhenItsLeaseDies(t *testing.T) {
	t.Parallel()
	e := newFaultEnv(t)
	client := &killingClient{RelayClient: e.chain.Client(), n: 2}
	client.kill = func() {
		if n := e.killLock(); n != 1 {
			t.Errorf("killed %d lock sessions, want 1", n)
		}
	}
	r := e.relayerWith(client, nil, 0, 0)
	w := e.workers[6]
	keys := []string{"pay-0", "pay-1", "pay-2"}
	for i, k := range keys {
		e.enqueue(r, k, e.pay(w.Address, int64(i+1)))
	}
	err := r.Tick(e.ctx)
	if market.ErrorKind(err) != market.KindUnavailable || !strings.Contains(err.Error(), "lease") {
		t.Fatalf("pass with its lease killed: %v", err)
	}
	if got := e.tx("pay-0"); got.Status != market.TxSent {
		t.Fatalf("pay-0, sent before the kill: %+v", got)
	}
	for _, k := range keys[1:] {
		if got := e.tx(k); got.Status != market.TxQueued || got.Nonce != -1 || len(e.attempts(k)) != 0 {
			t.Fatalf("%s signed or recorded after the lease died: %+v", k, got)
		}
	}
	if n := e.poolSize(); n != 1 {
		t.Fatalf("%d transactions reached the node, want only the one before the kill", n)
	}
	e.tick(r)
	for i, k := range keys {
		if got := e.tx(k); got.Status != market.TxSent || got.Nonce != e.tx("pay-0").Nonce+int64(i) {
			t.Fatalf("%s under the new lease: %+v", k, got)
		}
	}
	t.Logf("killed at the 2nd estimation: 1 of 3 sent, 0 after the kill; 3 of 3 sent by the next pass")
}

// countingLocker counts the relayer's refused attempts to take its lease;
// while gate is locked they wait (so that the test's other server is
// first to take the lease, however slow the machine).
type countingLocker struct {
	market.TxStore
	refused atomic.Int64
	gate    sync.Mutex
}

func (l *countingLocker) TryLock(ctx context.Context, name string) (market.Lease, bool, error) {
	l.gate.Lock()
	l.gate.Unlock() //nolint:staticcheck // a gate, not a critical section
	lease, ok, err := l.TxStore.TryLock(ctx, name)
	if err == nil && !ok {
		l.refused.Add(1)
	}
	return lease, ok, err
}

// TestRelayerStopsSendingWithoutItsLease: a running relayer's lock
// session is killed and another server takes the lease at once. From then
// on nothing is sent — a transaction enqueued meanwhile stays queued over
// several refused attempts to take the lease back — until the other server
// lets it go; then it is sent, with the next nonce.
func TestRelayerStopsSendingWithoutItsLease(t *testing.T) {
	t.Parallel()
	e := newFaultEnv(t)
	locker := &countingLocker{TxStore: e.store}
	r := e.relayerWith(nil, locker, 0, 0)
	w := e.workers[7]
	const every = 100 * time.Millisecond
	ctx, stop := context.WithCancel(e.ctx)
	done := make(chan struct{})
	go func() { defer close(done); _ = r.Run(ctx, every) }()
	defer func() { stop(); <-done }()
	waitFor := func(what string, ok func() bool) time.Duration {
		t.Helper()
		start := time.Now()
		for !ok() {
			if time.Since(start) > 30*time.Second {
				t.Fatalf("timed out waiting for %s", what)
			}
			time.Sleep(5 * time.Millisecond)
		}
		return time.Since(start)
	}
	e.enqueue(r, "pay-1", e.pay(w.Address, 1))
	waitFor("pay-1 sent", func() bool { return e.tx("pay-1").Status == market.TxSent })
	locker.gate.Lock()
	if n := e.killLock(); n != 1 {
		t.Fatalf("killed %d lock sessions, want 1", n)
	}
	other, ok, err := e.store.TryLock(e.ctx, "axl-relayer:"+e.chain.ChainID().String()+":"+e.op.Address.Hex())
	locker.gate.Unlock()
	if err != nil || !ok {
		t.Fatalf("another server takes the lease: %t %v", ok, err)
	}
	e.enqueue(r, "pay-2", e.pay(w.Address, 2))
	base := locker.refused.Load()
	waited := waitFor("three refused attempts to take the lease back", func() bool { return locker.refused.Load() >= base+3 })
	if got := e.tx("pay-2"); got.Status != market.TxQueued || len(e.attempts("pay-2")) != 0 {
		t.Fatalf("sent without the lease: %+v", got)
	}
	if n := e.poolSize(); n != 1 {
		t.Fatalf("%d transactions at the node, want pay-1 alone", n)
	}
	other.Release()
	resumed := waitFor("pay-2 sent once the lease is back", func() bool { return e.tx("pay-2").Status == market.TxSent })
	if e.tx("pay-2").Nonce != e.tx("pay-1").Nonce+1 {
		t.Fatalf("nonces %d then %d", e.tx("pay-1").Nonce, e.tx("pay-2").Nonce)
	}
	t.Logf("lease lost: 0 sent over %v and %d refused attempts to take it back; resumed %v after the other server let go",
		waited.Round(time.Millisecond), locker.refused.Load()-base, resumed.Round(time.Millisecond))
}
