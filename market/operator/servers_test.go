package operator_test

import (
	"context"
	"log/slog"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/market/postgres"
)

// wantSentOnce fails unless every transaction of the intents was mined
// after exactly one signed attempt, and the operator's account nonce on
// chain counts exactly the transactions recorded (nothing sent twice or
// behind the outbox's back).
func (e *env) wantSentOnce(ids ...market.Hash) {
	e.t.Helper()
	var total uint64
	for _, id := range ids {
		txs, err := e.store.TxsOfIntent(e.ctx, id)
		if err != nil {
			e.t.Fatal(err)
		}
		for _, tx := range txs {
			attempts, err := e.store.TxAttempts(e.ctx, tx.ID)
			if err != nil {
				e.t.Fatal(err)
			}
			if tx.Status != market.TxMined || len(attempts) != 1 {
				e.t.Fatalf("tx %s is %s after %d attempts: %s", tx.Key, tx.Status, len(attempts), tx.Error)
			}
			total++
		}
	}
	nonce, err := e.chain.Client().NonceAt(e.ctx, crypto.PubkeyToAddress(e.opKey.PublicKey), nil)
	if err != nil {
		e.t.Fatal(err)
	}
	if nonce != e.baseNonce+total {
		e.t.Fatalf("operator nonce %d, want %d from the set-up + %d relayed", nonce, e.baseNonce, total)
	}
}

// wantAssignedAsStored fails unless the escrow of id is assigned to the
// database's slot map.
func (e *env) wantAssignedAsStored(id market.Hash) {
	e.t.Helper()
	rec := e.record(id)
	var packed []byte
	for _, s := range e.slots(id) {
		packed = append(packed, common.LeftPadBytes(s.Worker[:], 32)...)
	}
	if rec.State != stAssigned || crypto.Keccak256Hash(packed) != rec.WorkersHash {
		e.t.Fatalf("escrow %+v does not match the stored slots", rec)
	}
}

// TestRestartAtEveryStep: a server is killed and a new one started before
// every phase of every pass, and its watcher dies before applying what it
// stored; the intent still goes from funding to running, every transaction
// sent once.
func TestRestartAtEveryStep(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.crashy = true
	in := e.newIntent(1, 2)
	e.until(market.IntentOpen, in.ID)
	e.register(e.workers[0], e.workers[1])
	for _, w := range e.workers[:2] {
		c, err := e.claim(w.Address, in.ID)
		if err != nil {
			t.Fatal(err)
		}
		e.stake(w, c)
		e.step()
	}
	e.until(market.IntentRunning, in.ID)
	e.wantAssignedAsStored(in.ID)
	e.wantSentOnce(in.ID)
}

// TestTwoServersShareOneDatabase: two servers run their loops on their own
// connections to one database while workers claim and stake through both;
// one relays, nothing is sent twice, no slot is assigned twice.
func TestTwoServersShareOneDatabase(t *testing.T) {
	t.Parallel()
	e := newEnvWith(t, true)
	stores := []*postgres.Store{e.store, openStore(t, e.dbURL)}
	servers := []*server{e.server, e.newServer(stores[1])}
	ctx, cancel := context.WithCancel(e.ctx)
	var wg sync.WaitGroup
	defer func() { cancel(); wg.Wait() }()
	const every = 20 * time.Millisecond
	for i, s := range servers {
		wg.Go(func() { _ = s.relayer.Run(ctx, every) })
		wg.Go(func() { s.op.Run(ctx, every) })
		wg.Go(func() {
			market.Singleton(ctx, stores[i], "axl-watcher:"+s.watcher.Stream(), every, discard,
				func(ctx context.Context) { _ = s.watcher.Run(ctx, every) })
		})
	}

	ids := []market.Hash{e.newIntent(2, 2).ID, e.newIntent(2, 2).ID}
	for _, id := range ids {
		if err := servers[1].op.Fund(e.ctx, e.intent(id)); err != nil { // asked twice: sent once
			t.Fatal(err)
		}
	}
	e.await(market.IntentOpen, ids...)
	e.register(e.workers[:8]...)
	var cwg sync.WaitGroup
	for i, w := range e.workers[:8] {
		cwg.Go(func() {
			c, err := e.claim(w.Address, ids[i%2])
			if err != nil {
				t.Error(err)
				return
			}
			s := servers[i%2] // stake through one server or the other
			in := e.intent(c.JobID)
			permit, bindTD, err := e.domains.StakeTypedData(in.Token, in.StakePerSlot, c)
			if err != nil {
				t.Error(err)
				return
			}
			if _, err := s.op.Stake(e.ctx, in, c, signTyped(t, w.Key, permit), signTyped(t, w.Key, bindTD)); err != nil {
				t.Error(err)
			}
		})
	}
	cwg.Wait()
	if t.Failed() {
		return
	}
	e.await(market.IntentRunning, ids...)
	// The watcher may apply the Assigned event before the sender's next
	// pass reads the assign's receipt: let the relayers catch up.
	e.awaitMined(ids...)
	cancel()
	wg.Wait()
	for _, id := range ids {
		e.wantAssignedAsStored(id)
	}
	e.wantSentOnce(ids...)
}

// awaitMined polls, with a deadline, until every transaction of the
// intents is mined as the relayers record it.
func (e *env) awaitMined(ids ...market.Hash) {
	e.t.Helper()
	deadline := time.Now().Add(time.Minute)
	for _, id := range ids {
		for {
			txs, err := e.store.TxsOfIntent(e.ctx, id)
			if err != nil {
				e.t.Fatal(err)
			}
			if !slices.ContainsFunc(txs, func(tx market.Tx) bool { return tx.Status != market.TxMined }) {
				break
			}
			if time.Now().After(deadline) {
				e.t.Fatalf("intent %s has transactions not mined after a minute: %+v", id, txs)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
}

var discard = slog.New(slog.DiscardHandler)

// await polls, with a deadline, until the servers running on their own
// bring every intent to want.
func (e *env) await(want market.IntentState, ids ...market.Hash) {
	e.t.Helper()
	deadline := time.Now().Add(time.Minute)
	for _, id := range ids {
		for e.intent(id).State != want {
			if time.Now().After(deadline) {
				e.t.Fatalf("intent %s is %s, want %s", id, e.intent(id).State, want)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
}
