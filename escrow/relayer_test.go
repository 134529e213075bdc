package escrow_test

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/axl-market/axl/escrow"
	"github.com/axl-market/axl/escrow/devchain"
	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/market/clocktest"
	"github.com/axl-market/axl/market/postgres"
	"github.com/axl-market/axl/market/postgres/pgtest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Run(m)) }

type relayerEnv struct {
	*env
	store *postgres.Store
	clock *clocktest.Clock
}

func newRelayerEnv(t *testing.T) *relayerEnv {
	t.Helper()
	return &relayerEnv{env: newEnv(t), store: pgtest.NewStore(t), clock: clocktest.New(time.Unix(1_800_000_000, 0))}
}

func (e *relayerEnv) relayer(client escrow.RelayClient) *escrow.Relayer {
	if client == nil {
		client = e.chain.Client()
	}
	return escrow.NewRelayer(escrow.RelayerConfig{
		Client: client, Store: e.store, Key: e.op.Key, ChainID: e.chain.ChainID(), Clock: e.clock, BumpAfter: time.Minute,
	})
}

// pay is a call the operator can always make: a USDC transfer.
func (e *relayerEnv) pay(to common.Address, amount int64) escrow.Call {
	return escrow.Call{To: e.c.Addresses.USDC, Data: e.c.USDC.PackTransfer(to, big.NewInt(amount))}
}

func (e *relayerEnv) tick(r *escrow.Relayer) {
	e.t.Helper()
	if err := r.Tick(e.ctx); err != nil {
		e.t.Fatalf("relayer pass: %v", err)
	}
}

func (e *relayerEnv) tx(key string) market.Tx {
	e.t.Helper()
	tx, err := e.store.TxByKey(e.ctx, key)
	if err != nil {
		e.t.Fatal(err)
	}
	return tx
}

func TestRelayerSendsOnceAndFinishes(t *testing.T) {
	t.Parallel()
	e := newRelayerEnv(t)
	r := e.relayer(nil)
	buyer := e.agents[0]
	terms := e.terms(buyer, e.c.Addresses.USDC, 1_000_000, 10, 2)
	id := e.c.IntentID(terms)
	call := e.fundCall(buyer, terms)

	first, err := r.Enqueue(e.ctx, "fund:"+id.Hex(), market.TxFund, id, call)
	if err != nil {
		t.Fatal(err)
	}
	again, err := r.Enqueue(e.ctx, "fund:"+id.Hex(), market.TxFund, id, call)
	if err != nil {
		t.Fatal(err)
	}
	if again.ID != first.ID || first.Status != market.TxQueued {
		t.Fatalf("second enqueue gave %+v, first %+v", again, first)
	}
	e.tick(r)
	sent := e.tx("fund:" + id.Hex())
	if sent.Status != market.TxSent || sent.Nonce < 0 || sent.Hash == (market.Hash{}) {
		t.Fatalf("after a pass: %+v", sent)
	}
	e.tick(r) // nothing mined yet: nothing changes, nothing is sent twice
	if n, _ := e.chain.Client().PendingTransactionCount(e.ctx); n != 1 {
		t.Fatalf("%d pending transactions, want 1", n)
	}
	e.chain.Commit()
	e.tick(r)
	mined := e.tx("fund:" + id.Hex())
	if mined.Status != market.TxMined || mined.Block == 0 || mined.GasUsed == 0 || mined.Hash != sent.Hash {
		t.Fatalf("after mining: %+v", mined)
	}
	e.wantState(id, stFunded)
	txs, err := e.store.TxsOfIntent(e.ctx, market.Hash(id))
	if err != nil || len(txs) != 1 || txs[0].Kind != market.TxFund {
		t.Fatalf("transactions of the intent: %+v, %v", txs, err)
	}
	pending, err := e.store.PendingTxs(e.ctx, market.Address(r.From()))
	if err != nil || len(pending) != 0 {
		t.Fatalf("pending after mining: %+v, %v", pending, err)
	}
}

func TestRelayerRecordsRevertReasons(t *testing.T) {
	t.Parallel()
	e := newRelayerEnv(t)
	r := e.relayer(nil)
	buyer := e.agents[0]
	terms := e.terms(buyer, e.c.Addresses.USDC, 1_000_000, 10, 2)
	id := e.c.IntentID(terms)

	// Refused at estimation: no nonce is spent.
	if _, err := r.Enqueue(e.ctx, "release-unknown", market.TxRelease, id, e.c.Release(terms, nil)); err != nil {
		t.Fatal(err)
	}
	// Two fundings of one intent pass estimation together; the second reverts on chain.
	call := e.fundCall(buyer, terms)
	for _, k := range []string{"fund-a", "fund-b"} {
		if _, err := r.Enqueue(e.ctx, k, market.TxFund, id, call); err != nil {
			t.Fatal(err)
		}
	}
	e.tick(r)
	refused := e.tx("release-unknown")
	if refused.Status != market.TxFailed || !strings.Contains(refused.Error, "WrongState") || refused.Nonce != -1 {
		t.Fatalf("refused call: %+v", refused)
	}
	e.chain.Commit()
	e.tick(r)
	a, b := e.tx("fund-a"), e.tx("fund-b")
	if a.Status != market.TxMined {
		t.Fatalf("first funding: %+v", a)
	}
	if b.Status != market.TxFailed || !strings.Contains(b.Error, "WrongState") || b.Block == 0 || b.Nonce != a.Nonce+1 {
		t.Fatalf("second funding: %+v", b)
	}
}

func TestRelayerBumpsAStuckTransaction(t *testing.T) {
	t.Parallel()
	e := newRelayerEnv(t)
	r := e.relayer(nil)
	w := e.workers[0]
	before := e.balance(e.c.Addresses.USDC, w.Address)
	if _, err := r.Enqueue(e.ctx, "pay", market.TxOther, common.Hash{}, e.pay(w.Address, 5)); err != nil {
		t.Fatal(err)
	}
	e.tick(r)
	first := e.tx("pay")
	e.clock.Add(30 * time.Second)
	e.tick(r) // not yet stuck
	if got := e.tx("pay"); got.Hash != first.Hash {
		t.Fatal("re-sent before BumpAfter")
	}
	e.clock.Add(31 * time.Second)
	e.tick(r)
	bumped := e.tx("pay")
	attempts, err := e.store.TxAttempts(e.ctx, bumped.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(attempts) != 2 || bumped.Hash == first.Hash || bumped.Nonce != first.Nonce {
		t.Fatalf("after bump: %+v with %d attempts", bumped, len(attempts))
	}
	if attempts[1].GasTipCap.Cmp(attempts[0].GasTipCap) <= 0 || attempts[1].GasFeeCap.Cmp(attempts[0].GasFeeCap) <= 0 {
		t.Fatalf("fees not raised: %+v", attempts)
	}
	e.chain.Commit()
	e.tick(r)
	mined := e.tx("pay")
	if mined.Status != market.TxMined || mined.Hash != bumped.Hash {
		t.Fatalf("mined %+v, want the bumped attempt %x", mined, bumped.Hash)
	}
	wantBig(t, "paid once", new(big.Int).Sub(e.balance(e.c.Addresses.USDC, w.Address), before), 5)
}

// droppingClient loses every broadcast, as a crash between recording an
// attempt and sending it would.
type droppingClient struct {
	escrow.RelayClient
}

func (droppingClient) SendTransaction(context.Context, *types.Transaction) error {
	return errors.New("connection reset (simulated crash)")
}

func TestRelayerSurvivesACrashBetweenRecordAndSend(t *testing.T) {
	t.Parallel()
	e := newRelayerEnv(t)
	crashed := e.relayer(droppingClient{e.chain.Client()})
	w := e.workers[1]
	before := e.balance(e.c.Addresses.USDC, w.Address)
	nonceBefore, err := e.chain.Client().NonceAt(e.ctx, e.op.Address, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := crashed.Enqueue(e.ctx, "pay", market.TxOther, common.Hash{}, e.pay(w.Address, 9)); err != nil {
		t.Fatal(err)
	}
	e.tick(crashed)
	if got := e.tx("pay"); got.Status != market.TxSent {
		t.Fatalf("recorded attempt: %+v", got)
	}
	e.chain.Commit()
	// A new process on the same database picks it up, and sends it once.
	restarted := e.relayer(nil)
	e.tick(restarted)
	e.tick(restarted) // a second pass before mining does not send again
	e.chain.Commit()
	e.tick(restarted)
	if got := e.tx("pay"); got.Status != market.TxMined {
		t.Fatalf("after restart: %+v", got)
	}
	nonceAfter, err := e.chain.Client().NonceAt(e.ctx, e.op.Address, nil)
	if err != nil {
		t.Fatal(err)
	}
	if nonceAfter != nonceBefore+1 {
		t.Fatalf("operator nonce moved from %d to %d, want one transaction", nonceBefore, nonceAfter)
	}
	wantBig(t, "paid once", new(big.Int).Sub(e.balance(e.c.Addresses.USDC, w.Address), before), 9)
}

// TestRelayersShareOneDatabase: two relayers of one key on one database
// (two `axl serve`) never send a transaction twice nor reuse a nonce.
func TestRelayersShareOneDatabase(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	chain, err := devchain.Start(ctx, devchain.Config{Automine: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(chain.Close)
	c := escrow.NewContracts(chain.ChainID(), chain.Addresses)
	op, w := chain.Role(devchain.RoleOperator)[0], chain.Role(devchain.RoleWorker)[2]
	url := pgtest.NewDatabase(t)
	newRelayer := func() (*escrow.Relayer, *postgres.Store) {
		store, err := postgres.Open(ctx, url, 5)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(store.Close)
		return escrow.NewRelayer(escrow.RelayerConfig{Client: chain.Client(), Store: store, Key: op.Key, ChainID: chain.ChainID()}), store
	}
	r1, store := newRelayer()
	r2, _ := newRelayer()

	lease, ok, err := store.TryLock(ctx, "probe")
	if err != nil || !ok {
		t.Fatalf("first lock: %v %v", ok, err)
	}
	if _, ok2, err := store.TryLock(ctx, "probe"); err != nil || ok2 {
		t.Fatalf("second lock taken while the first is held: %v %v", ok2, err)
	}
	lease.Release()
	lease2, ok, err := store.TryLock(ctx, "probe")
	if err != nil || !ok {
		t.Fatalf("lock after unlock: %v %v", ok, err)
	}
	lease2.Release()

	before := new(big.Int)
	balance := func() *big.Int {
		b, err := chain.Client().CallContract(ctx, ethCall(c.Addresses.USDC, c.USDC.PackBalanceOf(w.Address)), nil)
		if err != nil {
			t.Fatal(err)
		}
		return new(big.Int).SetBytes(b)
	}
	before.Set(balance())
	const n = 12
	runCtx, stop := context.WithCancel(ctx)
	var wg sync.WaitGroup
	for _, r := range []*escrow.Relayer{r1, r2} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := r.Run(runCtx, 20*time.Millisecond); err != nil {
				t.Error(err)
			}
		}()
	}
	for i := range n {
		// Both processes enqueue every call, as two servers handling retries would.
		for _, r := range []*escrow.Relayer{r1, r2} {
			if _, err := r.Enqueue(ctx, fmt.Sprintf("pay-%d", i), market.TxOther, common.Hash{}, escrow.Call{To: c.Addresses.USDC, Data: c.USDC.PackTransfer(w.Address, big.NewInt(1))}); err != nil {
				t.Fatal(err)
			}
		}
	}
	deadline := time.Now().Add(60 * time.Second)
	for {
		pending, err := store.PendingTxs(ctx, market.Address(op.Address))
		if err != nil {
			t.Fatal(err)
		}
		if len(pending) == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d transactions still pending", len(pending))
		}
		time.Sleep(20 * time.Millisecond)
	}
	stop()
	wg.Wait()
	nonces := map[int64]bool{}
	for i := range n {
		tx, err := store.TxByKey(ctx, fmt.Sprintf("pay-%d", i))
		if err != nil {
			t.Fatal(err)
		}
		if tx.Status != market.TxMined || nonces[tx.Nonce] {
			t.Fatalf("transaction %d: %+v (nonce seen before: %v)", i, tx, nonces[tx.Nonce])
		}
		nonces[tx.Nonce] = true
	}
	if got := new(big.Int).Sub(balance(), before); got.Int64() != n {
		t.Fatalf("worker received %s, want %d: a transaction was sent twice or lost", got, n)
	}
}

func ethCall(to common.Address, data []byte) ethereum.CallMsg {
	return ethereum.CallMsg{To: &to, Data: data}
}
