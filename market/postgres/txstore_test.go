package postgres_test

import (
	"context"
	"math/big"
	"testing"
	"time"

	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/market/postgres"
	"github.com/axl-market/axl/market/postgres/pgtest"
)

func TestTxStoreRules(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := pgtest.NewStore(t)
	from := addr(1)
	_, err := s.EnqueueTx(ctx, market.Tx{Kind: market.TxFund, From: from})
	wantKind(t, err, market.KindInvalid)

	a, err := s.EnqueueTx(ctx, market.Tx{Key: "a", Kind: market.TxFund, IntentID: hash(9), From: from, To: addr(2), Data: []byte{1}})
	if err != nil {
		t.Fatal(err)
	}
	dup, err := s.EnqueueTx(ctx, market.Tx{Key: "a", Kind: market.TxRelease, From: from, To: addr(3)})
	if err != nil || dup.ID != a.ID || dup.Kind != market.TxFund || dup.Nonce != -1 {
		t.Fatalf("enqueue of a known key: %+v, %v", dup, err)
	}
	b, err := s.EnqueueTx(ctx, market.Tx{Key: "b", Kind: market.TxOther, From: from, To: addr(2)})
	if err != nil {
		t.Fatal(err)
	}
	if n, err := s.MaxTxNonce(ctx, from); err != nil || n != -1 {
		t.Fatalf("max nonce before any: %d, %v", n, err)
	}
	lease, ok, err := s.TryLock(ctx, "relayer")
	if err != nil || !ok {
		t.Fatalf("lease: %t %v", ok, err)
	}
	defer lease.Release()
	attempt := func(id int64, h byte) market.TxAttempt {
		return market.TxAttempt{TxID: id, Hash: hash(h), Raw: []byte{h}, GasTipCap: big.NewInt(1), GasFeeCap: big.NewInt(2), SentAt: t0}
	}
	if err := s.RecordTxAttempt(ctx, lease, 7, attempt(a.ID, 1)); err != nil {
		t.Fatal(err)
	}
	// A bump keeps the nonce; another nonce for the same transaction is refused.
	if err := s.RecordTxAttempt(ctx, lease, 7, attempt(a.ID, 2)); err != nil {
		t.Fatal(err)
	}
	wantKind(t, s.RecordTxAttempt(ctx, lease, 8, attempt(a.ID, 3)), market.KindConflict)
	// Another transaction cannot take a nonce already used.
	wantKind(t, s.RecordTxAttempt(ctx, lease, 7, attempt(b.ID, 4)), market.KindConflict)
	if n, err := s.MaxTxNonce(ctx, from); err != nil || n != 7 {
		t.Fatalf("max nonce: %d, %v", n, err)
	}
	atts, err := s.TxAttempts(ctx, a.ID)
	if err != nil || len(atts) != 2 || atts[1].GasFeeCap.Int64() != 2 {
		t.Fatalf("attempts: %+v, %v", atts, err)
	}
	pending, err := s.PendingTxs(ctx, from)
	if err != nil || len(pending) != 2 || pending[0].ID != a.ID || pending[0].Status != market.TxSent || pending[0].Hash != hash(2) {
		t.Fatalf("pending: %+v, %v", pending, err)
	}
	wantKind(t, s.FinishTx(ctx, a.ID, market.TxSent, hash(2), 1, 1, ""), market.KindInvalid)
	if err := s.FinishTx(ctx, a.ID, market.TxMined, hash(1), 12, 21_000, ""); err != nil {
		t.Fatal(err)
	}
	wantKind(t, s.FinishTx(ctx, a.ID, market.TxFailed, hash(1), 12, 21_000, "late"), market.KindConflict)
	wantKind(t, s.RecordTxAttempt(ctx, lease, 7, attempt(a.ID, 5)), market.KindConflict)
	got, err := s.TxByKey(ctx, "a")
	if err != nil || got.Status != market.TxMined || got.Hash != hash(1) || got.Block != 12 || got.GasUsed != 21_000 {
		t.Fatalf("finished: %+v, %v", got, err)
	}
	of, err := s.TxsOfIntent(ctx, hash(9))
	if err != nil || len(of) != 1 || of[0].ID != a.ID {
		t.Fatalf("transactions of the intent: %+v, %v", of, err)
	}
	_, err = s.TxByKey(ctx, "nope")
	wantKind(t, err, market.KindNotFound)
}

// TestLocksTakeNoPoolConnection: the singletons' locks are held on
// connections of their own, so that a pool of one connection still serves
// queries while three locks are held; a lock is held once, and free again
// once unlocked.
func TestLocksTakeNoPoolConnection(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s, err := postgres.Open(ctx, pgtest.NewDatabase(t), 1)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var leases []market.Lease
	for _, name := range []string{"relayer", "arbiter", "watcher"} {
		lease, ok, err := s.TryLock(ctx, name)
		if err != nil || !ok {
			t.Fatalf("lock %s: %t %v", name, ok, err)
		}
		leases = append(leases, lease)
	}
	qctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if _, err := s.TxsOfIntent(qctx, market.Hash{1}); err != nil {
		t.Fatalf("a query while the locks are held: %v", err)
	}
	if _, ok, err := s.TryLock(ctx, "relayer"); ok || err != nil {
		t.Fatalf("a held lock taken again: %t %v", ok, err)
	}
	leases[0].Release()
	if leases[0].Err() == nil {
		t.Fatal("a released lease is not lost")
	}
	lease, ok, err := s.TryLock(ctx, "relayer")
	if err != nil || !ok {
		t.Fatalf("the lock once unlocked: %t %v", ok, err)
	}
	if err := lease.Held(ctx); err != nil {
		t.Fatalf("a lease just taken is not held: %v", err)
	}
	lease.Release()
	for _, l := range leases[1:] {
		l.Release()
	}
}
