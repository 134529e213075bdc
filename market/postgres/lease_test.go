package postgres_test

import (
	"context"
	"encoding/json"
	"math/big"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/market/postgres"
	"github.com/axl-market/axl/market/postgres/pgtest"
)

// txEvents lists the status (and error) of every "transaction" entry in
// an intent's event log.
func txEvents(t *testing.T, s *postgres.Store, id market.Hash) []string {
	t.Helper()
	evs, err := s.IntentEvents(context.Background(), id, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, ev := range evs {
		if ev.Type != "transaction" {
			continue
		}
		var d struct{ Status, Error string }
		if err := json.Unmarshal(ev.Data, &d); err != nil {
			t.Fatal(err)
		}
		out = append(out, d.Status+" "+d.Error)
	}
	return out
}

// TestTxLifeIsLogged: every change of a relayed transaction's status is an
// entry in its intent's event log, giving up and a reorg included, and a
// repeated receipt of a filler is not.
func TestTxLifeIsLogged(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := pgtest.NewStore(t)
	q := testQuote("q1", addr(1), hash(60))
	if err := s.CreateQuote(ctx, q); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateIntent(ctx, intentFrom(q), nil); err != nil {
		t.Fatal(err)
	}
	lease, ok, err := s.TryLock(ctx, "relayer")
	if err != nil || !ok {
		t.Fatalf("lease: %t %v", ok, err)
	}
	defer lease.Release()
	enqueue := func(key string) market.Tx {
		tx, err := s.EnqueueTx(ctx, market.Tx{Key: key, Kind: market.TxStake, IntentID: q.IntentID, From: addr(1), To: addr(2)})
		if err != nil {
			t.Fatal(err)
		}
		return tx
	}
	attempt := func(id int64, h byte, filler bool) market.TxAttempt {
		return market.TxAttempt{TxID: id, Hash: hash(h), Raw: []byte{h}, GasTipCap: big.NewInt(1), GasFeeCap: big.NewInt(2), SentAt: t0, Filler: filler}
	}
	a := enqueue("a")
	if err := s.RecordTxAttempt(ctx, lease, 0, attempt(a.ID, 1, false)); err != nil {
		t.Fatal(err)
	}
	if err := s.FinishTx(ctx, a.ID, market.TxMined, hash(1), 5, 21_000, ""); err != nil {
		t.Fatal(err)
	}
	if un, err := s.UnconfirmedTxs(ctx, addr(1)); err != nil || len(un) != 1 || un[0].ID != a.ID {
		t.Fatalf("unconfirmed: %+v %v", un, err)
	}
	if err := s.ReorgTx(ctx, a.ID, "reorged"); err != nil {
		t.Fatal(err)
	}
	if got := tx(t, s, "a"); got.Status != market.TxSent || got.Block != 0 || got.Error != "reorged" {
		t.Fatalf("after the reorg: %+v", got)
	}
	if err := s.FinishTx(ctx, a.ID, market.TxMined, hash(1), 6, 21_000, ""); err != nil {
		t.Fatal(err)
	}
	if err := s.ConfirmTx(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	wantKind(t, s.ReorgTx(ctx, a.ID, "too late"), market.KindConflict)
	if un, err := s.UnconfirmedTxs(ctx, addr(1)); err != nil || len(un) != 0 {
		t.Fatalf("unconfirmed once confirmed: %+v %v", un, err)
	}
	wantKind(t, s.AbandonTx(ctx, a.ID, "no"), market.KindConflict)

	b := enqueue("b")
	if err := s.RecordTxAttempt(ctx, lease, 1, attempt(b.ID, 2, false)); err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 2; i++ {
		if n, err := s.RefuseTx(ctx, b.ID, "refused"); err != nil || n != i {
			t.Fatalf("refusal %d: %d %v", i, n, err)
		}
	}
	// A filler needs its transaction abandoned first.
	wantKind(t, s.RecordTxAttempt(ctx, lease, 1, attempt(b.ID, 3, true)), market.KindConflict)
	if err := s.AbandonTx(ctx, b.ID, "gave up"); err != nil {
		t.Fatal(err)
	}
	if pending, err := s.PendingTxs(ctx, addr(1)); err != nil || len(pending) != 1 || pending[0].ID != b.ID {
		t.Fatalf("an abandoned transaction with its nonce unfilled is pending: %+v %v", pending, err)
	}
	if err := s.RecordTxAttempt(ctx, lease, 1, attempt(b.ID, 3, true)); err != nil {
		t.Fatal(err)
	}
	wantKind(t, s.RecordTxAttempt(ctx, lease, 1, attempt(b.ID, 4, false)), market.KindConflict) // no new call attempt
	if err := s.FinishTx(ctx, b.ID, market.TxAbandoned, market.Hash{}, 7, 21_000, "gave up (refused)"); err != nil {
		t.Fatal(err)
	}
	got := tx(t, s, "b")
	if got.Status != market.TxAbandoned || got.Hash != hash(2) || got.Block != 7 || got.Refusals != 2 || got.Error != "gave up (refused)" {
		t.Fatalf("abandoned and filled: %+v", got)
	}
	if pending, err := s.PendingTxs(ctx, addr(1)); err != nil || len(pending) != 0 {
		t.Fatalf("pending once filled: %+v %v", pending, err)
	}
	atts, err := s.TxAttempts(ctx, b.ID)
	if err != nil || len(atts) != 2 || atts[0].Filler || !atts[1].Filler || !atts[0].BroadcastAt.IsZero() {
		t.Fatalf("attempts: %+v %v", atts, err)
	}
	if err := s.MarkTxBroadcast(ctx, hash(2), t0); err != nil {
		t.Fatal(err)
	}
	if atts, _ = s.TxAttempts(ctx, b.ID); !atts[0].BroadcastAt.Equal(t0) {
		t.Fatalf("broadcast at %v", atts[0].BroadcastAt)
	}
	want := []string{"queued ", "sent ", "mined ", "sent reorged", "mined ", "queued ", "sent ", "abandoned gave up (refused)"}
	if got := txEvents(t, s, q.IntentID); len(got) != len(want) || func() bool {
		for i := range want {
			if got[i] != want[i] {
				return true
			}
		}
		return false
	}() {
		t.Fatalf("transaction events %q, want %q", got, want)
	}
}

func tx(t *testing.T, s *postgres.Store, key string) market.Tx {
	t.Helper()
	got, err := s.TxByKey(context.Background(), key)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// TestLeaseLostWithItsConnection: killing the session that holds a lease
// (as an administrator, a failover or a network cut would) loses it at
// once — Lost closes without waiting for a renewal — and from then on no
// attempt is recorded under it, even by a holder that did not notice; the
// lease is free for another process.
func TestLeaseLostWithItsConnection(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	url := pgtest.NewDatabase(t)
	s, err := postgres.Open(ctx, url, 4)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	const name = "lease-lost-test"
	lease, ok, err := s.TryLock(ctx, name)
	if err != nil || !ok {
		t.Fatalf("lease: %t %v", ok, err)
	}
	defer lease.Release()
	if err := lease.Held(ctx); err != nil {
		t.Fatal(err)
	}
	wantLeaseMetrics(t, name, 1, 0)
	a, err := s.EnqueueTx(ctx, market.Tx{Key: "a", Kind: market.TxOther, From: addr(1), To: addr(2)})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if n := pgtest.KillLockSessions(t, url); n != 1 {
		t.Fatalf("terminated %d lock sessions, want 1", n)
	}
	select {
	case <-lease.Lost():
	case <-time.After(postgres.LeaseRenew / 2):
		t.Fatalf("lease not lost %v after its session was killed (renewal every %v)", time.Since(start), postgres.LeaseRenew)
	}
	t.Logf("lease lost %v after pg_terminate_backend returned", time.Since(start))
	wantKind(t, lease.Err(), market.KindUnavailable)
	wantKind(t, lease.Held(ctx), market.KindUnavailable)
	wantKind(t, s.RecordTxAttempt(ctx, lease, 0, market.TxAttempt{TxID: a.ID, Hash: hash(1), Raw: []byte{1},
		GasTipCap: big.NewInt(1), GasFeeCap: big.NewInt(1), SentAt: t0}), market.KindUnavailable)
	if got := tx(t, s, "a"); got.Status != market.TxQueued || got.Nonce != -1 {
		t.Fatalf("recorded under a lost lease: %+v", got)
	}
	wantLeaseMetrics(t, name, 0, 1)
	other, ok, err := s.TryLock(ctx, name)
	if err != nil || !ok {
		t.Fatalf("the lost lease is not free: %t %v", ok, err)
	}
	wantLeaseMetrics(t, name, 1, 1)
	other.Release()
	wantLeaseMetrics(t, name, 0, 1) // released, not lost
}

// wantLeaseMetrics checks /metrics' view of the named lease.
func wantLeaseMetrics(t *testing.T, name string, held, lost float64) {
	t.Helper()
	reg := prometheus.NewRegistry()
	reg.MustRegister(postgres.LeaseCollector())
	families, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{}
	for _, f := range families {
		for _, m := range f.GetMetric() {
			for _, l := range m.GetLabel() {
				if l.GetName() == "name" && l.GetValue() == name {
					got[f.GetName()] = m.GetGauge().GetValue() + m.GetCounter().GetValue()
				}
			}
		}
	}
	if got["axl_lease_held"] != held || got["axl_lease_lost_total"] != lost {
		t.Fatalf("lease metrics %v, want held %v and lost %v", got, held, lost)
	}
}
