package operator_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/market/operator"
)

// idleIntents stores n intents whose funding is queued and never sent:
// unfunded, with a deadline a day away, like an attacker's.
func (e *env) idleIntents(n int) []market.Hash {
	e.t.Helper()
	ids := make([]market.Hash, n)
	for i := range ids {
		ids[i] = e.newIntent(1, 1).ID
	}
	return ids
}

// connect opens a connection of the test's own to the database at url.
func connect(t testing.TB, url string) *pgx.Conn {
	t.Helper()
	conn, err := pgx.Connect(t.Context(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

// rowVersions fingerprints the version of every row of every table of the
// database: a row inserted, updated, deleted or locked (FOR UPDATE writes
// its xmax) changes it.
func rowVersions(t testing.TB, conn *pgx.Conn) string {
	t.Helper()
	rows, err := conn.Query(t.Context(), `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`)
	if err != nil {
		t.Fatal(err)
	}
	tables, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, name := range tables {
		var sum *string
		if err := conn.QueryRow(t.Context(), fmt.Sprintf(`SELECT md5(string_agg(ctid::text || xmin::text || xmax::text, ',' ORDER BY ctid))
			FROM %s`, pgx.Identifier{name}.Sanitize())).Scan(&sum); err != nil {
			t.Fatal(err)
		}
		if sum != nil {
			fmt.Fprintf(&b, "%s:%s ", name, *sum)
		}
	}
	return b.String()
}

// dbCounters reads the database's committed transactions and rows
// written (inserted, updated, deleted) from pg_stat_database.
func dbCounters(t testing.TB, conn *pgx.Conn) (commits, rows int64) {
	t.Helper()
	// Backends report their counts when idle, at most once a second, and
	// within ten seconds at the latest.
	time.Sleep(11 * time.Second)
	if _, err := conn.Exec(t.Context(), `SELECT pg_stat_clear_snapshot()`); err != nil {
		t.Fatal(err)
	}
	if err := conn.QueryRow(t.Context(), `SELECT xact_commit, tup_inserted + tup_updated + tup_deleted
		FROM pg_stat_database WHERE datname = current_database()`).Scan(&commits, &rows); err != nil {
		t.Fatal(err)
	}
	return commits, rows
}

// TestIdlePassesWriteNothing: once derived, an idle intent (unfunded, its
// deadline a day away) costs no write per pass; its refund timer is kept
// all the same: at deadline + grace a pass fails it, with no sweep.
func TestIdlePassesWriteNothing(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ids := e.idleIntents(20)
	op := operator.New(operator.Config{Store: e.store, Relayer: e.relayer, Contracts: e.c, Clock: e.clock,
		SweepEvery: 48 * time.Hour})
	conn := connect(t, e.dbURL)
	for range 2 { // the first pass is a sweep
		if err := op.Tick(e.ctx); err != nil {
			t.Fatal(err)
		}
	}
	before := rowVersions(t, conn)
	for range 10 {
		e.clock.Add(time.Second)
		if err := op.Tick(e.ctx); err != nil {
			t.Fatal(err)
		}
	}
	if after := rowVersions(t, conn); after != before {
		t.Fatalf("idle passes wrote rows:\n%s\n%s", before, after)
	}
	e.clock.Set(e.intent(ids[0]).Deadline.Add(time.Minute - time.Second))
	if err := op.Tick(e.ctx); err != nil {
		t.Fatal(err)
	}
	if st := e.intent(ids[0]).State; st != market.IntentFunding {
		t.Fatalf("a second before deadline + grace: %s", st)
	}
	e.clock.Add(time.Second)
	if err := op.Tick(e.ctx); err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		if st := e.intent(id).State; st != market.IntentFailed {
			t.Fatalf("at deadline + grace: intent %s is %s, want failed", id, st)
		}
	}
	if err := op.Tick(e.ctx); err != nil {
		t.Fatal(err)
	}
	var left int
	if err := conn.QueryRow(e.ctx, `SELECT count(*) FROM intent_agenda`).Scan(&left); err != nil || left != 0 {
		t.Fatalf("%d agenda entries of final intents (%v)", left, err)
	}
}

// TestChangesMakeIntentsDue: with the sweep far away, a pass still sees
// what changed: a cancel request (relayed at the next pass), a funding
// mined (the job opens), while the other idle intents stay untouched.
func TestChangesMakeIntentsDue(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.op = operator.New(operator.Config{Store: e.store, Relayer: e.relayer, Contracts: e.c, Clock: e.clock, SweepEvery: 48 * time.Hour})
	a, b := e.newIntent(1, 1), e.newIntent(1, 1)
	e.until(market.IntentOpen, a.ID, b.ID)
	if _, err := e.store.RequestCancel(e.ctx, a.ID, a.Buyer, e.clock.Now()); err != nil {
		t.Fatal(err)
	}
	e.until(market.IntentCancelled, a.ID)
	if st := e.intent(b.ID).State; st != market.IntentOpen {
		t.Fatalf("the other intent is %s", st)
	}
}

// TestUnrelayableFundingFailsAtOnce: an intent whose funding cannot be
// relayed fails at the next pass, saying why, instead of being tried again
// at every pass until its deadline: a funding that cannot even be built
// (its signature does not parse), or one the relayer gave up on (the node
// refused it time after time). The chain's refusal is
// TestUnfundableIntentFailsAtOnce.
func TestUnrelayableFundingFailsAtOnce(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		// spoil spoils the funding, after the first pass unless atCreation.
		atCreation bool
		spoil      func(e *env, conn *pgx.Conn, in market.Intent)
		why        []string
	}{
		{"a signature that does not parse", true, func(e *env, conn *pgx.Conn, in market.Intent) {
			if _, err := conn.Exec(e.ctx, `UPDATE intents SET funding_signature = '\x01' WHERE id = $1`, in.ID[:]); err != nil {
				e.t.Fatal(err)
			}
			if _, err := conn.Exec(e.ctx, `DELETE FROM txs WHERE intent_id = $1`, in.ID[:]); err != nil {
				e.t.Fatal(err)
			}
		}, []string{"the funding cannot be relayed", "signature"}},
		{"given up by the relayer", false, func(e *env, conn *pgx.Conn, in market.Intent) {
			tx, err := e.store.TxByKey(e.ctx, "fund:"+in.ID.String())
			if err != nil {
				e.t.Fatal(err)
			}
			if err := e.store.AbandonTx(e.ctx, tx.ID, "refused 10 times by the node"); err != nil {
				e.t.Fatal(err)
			}
		}, []string{"the funding transaction failed", "refused 10 times"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			op := operator.New(operator.Config{Store: e.store, Relayer: e.relayer, Contracts: e.c, Clock: e.clock,
				SweepEvery: 48 * time.Hour})
			in := e.newIntent(1, 1)
			if tc.atCreation {
				tc.spoil(e, connect(t, e.dbURL), in)
			}
			if err := op.Tick(e.ctx); err != nil { // the sweep
				t.Fatal(err)
			}
			if !tc.atCreation {
				tc.spoil(e, connect(t, e.dbURL), in)
			}
			e.clock.Add(time.Second)
			if err := op.Tick(e.ctx); err != nil {
				t.Fatal(err)
			}
			evs, err := e.store.IntentEvents(e.ctx, in.ID, 0, 100)
			if err != nil {
				t.Fatal(err)
			}
			last := evs[len(evs)-1]
			if last.State != market.IntentFailed {
				t.Fatalf("last event %s %s: want the failure", last.State, last.Data)
			}
			for _, why := range tc.why {
				if !strings.Contains(string(last.Data), why) {
					t.Fatalf("last event %s: want %q in the reason", last.Data, why)
				}
			}
			// Final: nothing more is due for it.
			var left int
			if err := connect(t, e.dbURL).QueryRow(e.ctx, `SELECT count(*) FROM intent_agenda WHERE intent_id = $1`,
				in.ID[:]).Scan(&left); err != nil || left != 0 {
				t.Fatalf("%d agenda entries of the failed intent (%v)", left, err)
			}
		})
	}
}

// BenchmarkIdlePasses measures what operator passes cost a database
// holding 220 idle intents (unfunded, their deadline a day away): one
// pass per iteration, a second apart on the operator's clock, each
// re-deriving every active intent (sweep: what every pass did before the
// agenda) or only those due (due). Run it with a fixed count of passes:
//
//	go test -run '^$' -bench IdlePasses -benchtime 30x ./market/operator
func BenchmarkIdlePasses(b *testing.B) {
	e := newEnv(b)
	e.idleIntents(220)
	conn := connect(b, e.dbURL)
	for _, mode := range []struct {
		name  string
		sweep time.Duration
	}{{"sweep", -1}, {"due", 0}} {
		b.Run(mode.name, func(b *testing.B) {
			op := operator.New(operator.Config{Store: e.store, Relayer: e.relayer, Contracts: e.c, Clock: e.clock, SweepEvery: mode.sweep})
			if err := op.Tick(e.ctx); err != nil { // a sweep: every intent derived once
				b.Fatal(err)
			}
			commits0, rows0 := dbCounters(b, conn)
			b.ResetTimer()
			for b.Loop() {
				e.clock.Add(time.Second)
				if err := op.Tick(e.ctx); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			commits, rows := dbCounters(b, conn)
			// Less the three statements of dbCounters counted in between.
			commits -= commits0 + 3
			rows -= rows0
			b.ReportMetric(float64(commits)/float64(b.N), "commits/pass")
			b.ReportMetric(float64(rows)/float64(b.N), "rows-written/pass")
		})
	}
}
