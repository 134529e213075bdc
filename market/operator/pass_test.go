package operator_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/axl-market/axl/market"
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

// BenchmarkIdlePasses measures what operator passes cost a database
// holding 220 idle intents (unfunded, their deadline a day away): one
// pass per iteration, a second apart on the operator's clock. Run it
// with a fixed count of passes:
//
//	go test -run '^$' -bench IdlePasses -benchtime 30x ./market/operator
func BenchmarkIdlePasses(b *testing.B) {
	e := newEnv(b)
	e.idleIntents(220)
	conn := connect(b, e.dbURL)
	if err := e.op.Tick(e.ctx); err != nil {
		b.Fatal(err)
	}
	commits0, rows0 := dbCounters(b, conn)
	b.ResetTimer()
	for b.Loop() {
		e.clock.Add(time.Second)
		if err := e.op.Tick(e.ctx); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	commits, rows := dbCounters(b, conn)
	// Less the reads of pg_stat_database itself.
	b.ReportMetric(float64(commits-commits0-2)/float64(b.N), "commits/pass")
	b.ReportMetric(float64(rows-rows0)/float64(b.N), "rows-written/pass")
}
