package api_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/axl-market/axl/api"
	"github.com/axl-market/axl/api/wire"
	"github.com/axl-market/axl/market"
)

// loadConcurrency is the number of clients of each load phase.
const loadConcurrency = 32

// prepared is a request ready to send: signed, with its body.
type prepared struct {
	method, url string
	body        []byte
	header      http.Header
}

func signedHeader(a account, method, path string, ts int64, body []byte) http.Header {
	sum := sha256.Sum256(body)
	nonce := newNonce()
	sig, err := crypto.Sign(accounts.TextHash([]byte(wire.RequestMessage(method, path, ts, nonce, sum[:]))), a.key)
	if err != nil {
		panic(err)
	}
	sig[64] += 27
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	h.Set(wire.HeaderAddress, a.addr.String())
	h.Set(wire.HeaderTimestamp, strconv.FormatInt(ts, 10))
	h.Set(wire.HeaderNonce, nonce)
	h.Set(wire.HeaderContentSHA256, hex.EncodeToString(sum[:]))
	h.Set(wire.HeaderSignature, "0x"+hex.EncodeToString(sig))
	return h
}

// result is what a load phase measured.
type result struct {
	name     string
	n        int
	errors   int64
	elapsed  time.Duration
	p50, p99 time.Duration
	cpu      cpuUse
}

// cpuUse is the CPU time this process and the PostgreSQL processes spent.
type cpuUse struct{ self, postgres time.Duration }

// readCPU sums utime+stime from /proc (Linux only; zero elsewhere).
func readCPU() cpuUse {
	var u cpuUse
	dirs, _ := os.ReadDir("/proc")
	for _, d := range dirs {
		pid, err := strconv.Atoi(d.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile("/proc/" + d.Name() + "/stat")
		if err != nil {
			continue
		}
		s := string(b)
		end := strings.LastIndexByte(s, ')')
		if end < 0 {
			continue
		}
		comm := s[strings.IndexByte(s, '(')+1 : end]
		f := strings.Fields(s[end+2:])
		if len(f) < 13 {
			continue
		}
		ut, _ := strconv.ParseInt(f[11], 10, 64)
		st, _ := strconv.ParseInt(f[12], 10, 64)
		t := time.Duration(ut+st) * 10 * time.Millisecond // USER_HZ = 100
		switch {
		case pid == os.Getpid():
			u.self += t
		case comm == "postgres":
			u.postgres += t
		}
	}
	return u
}

func (a cpuUse) sub(b cpuUse) cpuUse { return cpuUse{a.self - b.self, a.postgres - b.postgres} }

func (r result) rate() float64 { return float64(r.n) / r.elapsed.Seconds() }

func (r result) String() string {
	per := func(d time.Duration) float64 { return float64(d.Microseconds()) / float64(max(r.n, 1)) }
	return fmt.Sprintf("%-34s %7d req in %5.2fs  %8.0f req/s  p50 %6.2f ms  p99 %6.2f ms  errors %d  CPU/req: Go %4.0f µs, PostgreSQL %4.0f µs", r.name, r.n,
		r.elapsed.Seconds(), r.rate(), ms(r.p50), ms(r.p99), r.errors, per(r.cpu.self), per(r.cpu.postgres))
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// run sends requests from next (until it returns false) with loadConcurrency
// clients, each response checked to have status want.
func run(name string, client *http.Client, want int, next func() (prepared, bool)) result {
	var mu sync.Mutex
	var lat []time.Duration
	var errs atomic.Int64
	var src sync.Mutex
	cpu0 := readCPU()
	start := time.Now()
	var wg sync.WaitGroup
	for range loadConcurrency {
		wg.Go(func() {
			var mine []time.Duration
			for {
				src.Lock()
				p, ok := next()
				src.Unlock()
				if !ok {
					break
				}
				hr, _ := http.NewRequest(p.method, p.url, bytes.NewReader(p.body))
				if p.header != nil {
					hr.Header = p.header
				}
				t0 := time.Now()
				res, err := client.Do(hr)
				if err == nil {
					io.Copy(io.Discard, res.Body)
					res.Body.Close()
				}
				mine = append(mine, time.Since(t0))
				if err != nil || res.StatusCode != want {
					errs.Add(1)
				}
			}
			mu.Lock()
			lat = append(lat, mine...)
			mu.Unlock()
		})
	}
	wg.Wait()
	r := result{name: name, n: len(lat), errors: errs.Load(), elapsed: time.Since(start), cpu: readCPU().sub(cpu0)}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	if len(lat) > 0 {
		r.p50, r.p99 = lat[len(lat)/2], lat[len(lat)*99/100]
	}
	return r
}

// BenchmarkLoad measures, on loopback against the embedded PostgreSQL,
// signed POST /intents (keys and quotes prepared beforehand) and public
// GET /jobs, beside the raw single-row INSERT transaction rate of the same
// database. Run: go test -run '^$' -bench Load -benchtime 1x ./api
func BenchmarkLoad(b *testing.B) {
	e := newEnv(b, api.Config{})
	e.broker.QuoteTTL = 24 * time.Hour // preparation moves the test clock a second per request
	ctx := context.Background()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: loadConcurrency * 2}}
	const buyers, quotesPerBuyer = 40, 100
	const phase = 4 * time.Second

	// Buyers, their artifacts and their quotes, made through the API.
	type pending struct {
		a    account
		body []byte
	}
	var todo []pending
	var jobIDs []market.Hash
	for i := range buyers {
		a := newAccount(b)
		qb := e.quoteBody(a, "USDC", "1000000000")
		for j := range quotesPerBuyer {
			qb["seed"] = strconv.Itoa(j)
			q := e.quote(a, qb)
			todo = append(todo, pending{a, mustJSON(b, signedIntent(b, a, q))})
			if i == 0 && j < 50 {
				id, _ := market.ParseHash(q.IntentID)
				jobIDs = append(jobIDs, id)
			}
		}
	}
	// Request signatures last, at one timestamp, so that all are fresh.
	ts := e.clock.Now().Unix()
	intents := make([]prepared, len(todo))
	for i, p := range todo {
		h := signedHeader(p.a, "POST", "/intents", ts, p.body)
		h.Set("Idempotency-Key", strconv.Itoa(i))
		intents[i] = prepared{method: "POST", url: e.srv.URL + "/intents", body: p.body, header: h}
	}

	// Baseline: single-row INSERT transactions into the same database.
	pool := e.store.Pool()
	if _, err := pool.Exec(ctx, `CREATE TABLE load_baseline (id bigserial PRIMARY KEY, payload text NOT NULL, at timestamptz NOT NULL DEFAULT now())`); err != nil {
		b.Fatal(err)
	}
	var inserts atomic.Int64
	var lat []time.Duration
	var mu sync.Mutex
	cpu0 := readCPU()
	start := time.Now()
	var wg sync.WaitGroup
	for range loadConcurrency {
		wg.Go(func() {
			var mine []time.Duration
			for time.Since(start) < phase {
				t0 := time.Now()
				if _, err := pool.Exec(ctx, `INSERT INTO load_baseline (payload) VALUES ($1)`, "x"); err != nil {
					b.Error(err)
					return
				}
				mine = append(mine, time.Since(t0))
				inserts.Add(1)
			}
			mu.Lock()
			lat = append(lat, mine...)
			mu.Unlock()
		})
	}
	wg.Wait()
	base := result{name: "baseline: INSERT transactions", n: int(inserts.Load()), elapsed: time.Since(start), cpu: readCPU().sub(cpu0)}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	base.p50, base.p99 = lat[len(lat)/2], lat[len(lat)*99/100]

	// Signed POST /intents.
	i := 0
	posts := run("POST /intents (signed)", client, http.StatusCreated, func() (prepared, bool) {
		if i == len(intents) {
			return prepared{}, false
		}
		i++
		return intents[i-1], true
	})

	// GET /jobs over open jobs written through the store.
	for k, id := range jobIDs {
		err := e.store.CreateJob(ctx, market.Job{ID: id, Token: market.TokenUSDC, Slots: 4, FreeSlots: 4,
			PayPerSlot: big.NewInt(int64(1000 + k)), StakePerSlot: big.NewInt(500), ModelSize: 4096, Steps: 100,
			Deadline: e.clock.Now().Add(time.Hour), CreatedAt: e.clock.Now()})
		if err != nil {
			b.Fatal(err)
		}
	}
	jobsStart := time.Now()
	jobs := run("GET /jobs (public, 20 per page)", client, http.StatusOK, func() (prepared, bool) {
		return prepared{method: "GET", url: e.srv.URL + "/jobs"}, time.Since(jobsStart) < phase
	})

	b.Logf("\n%s\n%s\n%s\nPOST /intents at %.0f%% of the INSERT rate (target ≥ 40%%); GET /jobs %.0f req/s, p99 %.1f ms (targets ≥ 5000 req/s, < 50 ms); %d clients",
		base, posts, jobs, 100*posts.rate()/base.rate(), jobs.rate(), ms(jobs.p99), loadConcurrency)
	if posts.errors > 0 || jobs.errors > 0 {
		b.Fatalf("errors under load: %d POST /intents, %d GET /jobs", posts.errors, jobs.errors)
	}
	b.ReportMetric(base.rate(), "inserts/s")
	b.ReportMetric(posts.rate(), "intents/s")
	b.ReportMetric(jobs.rate(), "jobs_req/s")
	b.ReportMetric(ms(jobs.p99), "jobs_p99_ms")
}
