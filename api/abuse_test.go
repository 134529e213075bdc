package api_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
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
)

// clientFrom is an HTTP client whose connections leave from a loopback
// address of its own (127.0.0.0/8 is all loopback): a client IP per role.
func clientFrom(ip string) *http.Client {
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}, Timeout: 5 * time.Second}
	return &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{DialContext: d.DialContext, MaxIdleConnsPerHost: 4}}
}

// abuseBench is the server under attack and what is measured of it.
type abuseBench struct {
	b     *testing.B
	e     *env
	job   string // a funded job, whose slots attackers claim
	phase int
	// honestBytes counts what the honest uploads stored.
	honestBytes atomic.Int64
	rssMax      atomic.Int64
	fdsMax      atomic.Int64
}

// signed is a request signed by a as of the server's clock now.
func (ab *abuseBench) signed(a account, method, path, contentType string, body io.Reader, sum []byte, size int64) *http.Request {
	hr, err := http.NewRequest(method, ab.e.srv.URL+path, body)
	if err != nil {
		ab.b.Fatal(err)
	}
	hr.Header = signedHeaderSum(a, method, path, ab.e.clock.Now().Unix(), sum)
	if contentType != "" {
		hr.Header.Set("Content-Type", contentType)
	}
	hr.ContentLength = size
	return hr
}

// signedHeaderSum is signedHeader for a body known by its sha256 alone.
func signedHeaderSum(a account, method, path string, ts int64, sum []byte) http.Header {
	h := signedHeader(a, method, path, ts, nil)
	nonce := h.Get(wire.HeaderNonce)
	sig, err := crypto.Sign(accounts.TextHash([]byte(wire.RequestMessage(method, path, ts, nonce, sum))), a.key)
	if err != nil {
		panic(err)
	}
	sig[64] += 27
	h.Set(wire.HeaderContentSHA256, hex.EncodeToString(sum))
	h.Set(wire.HeaderSignature, "0x"+hex.EncodeToString(sig))
	return h
}

// honest runs the honest buyers and workers of one phase: each of them,
// from its own IP with a fresh key, lists the jobs, lists its intents and
// uploads a small dataset, rounds times. It returns the success rate and
// the latencies.
func (ab *abuseBench) honest(clients, rounds int) (float64, []time.Duration) {
	var mu sync.Mutex
	var lat []time.Duration
	var ok, total int
	var wg sync.WaitGroup
	for c := range clients {
		wg.Go(func() {
			hc := clientFrom(fmt.Sprintf("127.0.1.%d", ab.phase*16+c+1))
			a := newAccount(ab.b)
			for r := range rounds {
				data := fmt.Appendf(nil, "honest dataset %d %d %d %s\n", ab.phase, c, r, strings.Repeat("text ", 800))
				sum := sha256Sum(data)
				for _, hr := range []*http.Request{
					mustRequest(ab.b, "GET", ab.e.srv.URL+"/jobs", nil),
					ab.signed(a, "GET", "/intents", "", nil, sha256Sum(nil), 0),
					ab.signed(a, "POST", "/artifacts", "text/plain", strings.NewReader(string(data)), sum, int64(len(data))),
				} {
					start := time.Now()
					res, err := hc.Do(hr)
					d := time.Since(start)
					good := err == nil && res.StatusCode < 300
					if good && hr.Method == "POST" {
						ab.honestBytes.Add(int64(len(data)))
					}
					if err == nil {
						io.Copy(io.Discard, res.Body)
						res.Body.Close()
						if !good {
							ab.b.Logf("honest %s %s: %d", hr.Method, hr.URL.Path, res.StatusCode)
						}
					}
					mu.Lock()
					lat, total = append(lat, d), total+1
					if good {
						ok++
					}
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	return 100 * float64(ok) / float64(total), lat
}

func sha256Sum(b []byte) []byte {
	s := sha256.Sum256(b)
	return s[:]
}

func mustRequest(b *testing.B, method, url string, body io.Reader) *http.Request {
	hr, err := http.NewRequest(method, url, body)
	if err != nil {
		b.Fatal(err)
	}
	return hr
}

func p99(lat []time.Duration) time.Duration {
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	return lat[(len(lat)*99)/100]
}

// sample records the process's RSS and descriptors (the server runs in
// this process) until stop is closed.
func (ab *abuseBench) sample(stop <-chan struct{}) {
	t := time.NewTicker(50 * time.Millisecond)
	defer t.Stop()
	for {
		if b, err := os.ReadFile("/proc/self/status"); err == nil {
			for l := range strings.SplitSeq(string(b), "\n") {
				if v, ok := strings.CutPrefix(l, "VmRSS:"); ok {
					kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
					if kb*1024 > ab.rssMax.Load() {
						ab.rssMax.Store(kb * 1024)
					}
				}
			}
		}
		if fds, err := os.ReadDir("/proc/self/fd"); err == nil && int64(len(fds)) > ab.fdsMax.Load() {
			ab.fdsMax.Store(int64(len(fds)))
		}
		select {
		case <-stop:
			return
		case <-t.C:
		}
	}
}

// growth is the disk and database use: the artifacts' directory, the
// database's size.
func (ab *abuseBench) growth() (disk, db int64) {
	filepath.WalkDir(ab.e.blobDir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				disk += fi.Size()
			}
		}
		return nil
	})
	if err := ab.e.store.Pool().QueryRow(context.Background(), `SELECT pg_database_size(current_database())`).Scan(&db); err != nil {
		ab.b.Fatal(err)
	}
	return disk, db
}

// attacks are the attackers of the issue, each run from its own IPs
// until ctx ends.
var attacks = []struct {
	name string
	run  func(ab *abuseBench, ctx context.Context, ip string)
}{
	{"forged-large-bodies", func(ab *abuseBench, ctx context.Context, ip string) {
		// Forged uploads declaring 64 MiB, sending their body regardless.
		victim, forger := newAccount(ab.b), newAccount(ab.b)
		chunk := make([]byte, 64<<10)
		d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}}
		for ctx.Err() == nil {
			conn, err := d.DialContext(ctx, "tcp", ab.e.srv.Listener.Addr().String())
			if err != nil {
				continue
			}
			h := signedHeaderSum(forger, "POST", "/artifacts", ab.e.clock.Now().Unix(), sha256Sum(nil))
			h.Set(wire.HeaderAddress, victim.addr.String())
			var sb strings.Builder
			fmt.Fprintf(&sb, "POST /artifacts HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\nContent-Type: text/plain\r\n", 64<<20)
			for k := range h {
				fmt.Fprintf(&sb, "%s: %s\r\n", k, h.Get(k))
			}
			sb.WriteString("\r\n")
			conn.SetDeadline(time.Now().Add(2 * time.Second))
			conn.Write([]byte(sb.String()))
			for i := 0; i < 1024 && ctx.Err() == nil; i++ {
				if _, err := conn.Write(chunk); err != nil {
					break
				}
			}
			conn.Close()
		}
	}},
	{"slow-uploads", func(ab *abuseBench, ctx context.Context, ip string) {
		// Signed uploads from fresh keys, one byte a second.
		var wg sync.WaitGroup
		for range 25 {
			wg.Go(func() {
				d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}}
				for ctx.Err() == nil {
					a := newAccount(ab.b)
					conn, err := d.DialContext(ctx, "tcp", ab.e.srv.Listener.Addr().String())
					if err != nil {
						continue
					}
					h := signedHeaderSum(a, "POST", "/artifacts", ab.e.clock.Now().Unix(), sha256Sum([]byte("never")))
					var sb strings.Builder
					fmt.Fprintf(&sb, "POST /artifacts HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\nContent-Type: text/plain\r\n", 1<<20)
					for k := range h {
						fmt.Fprintf(&sb, "%s: %s\r\n", k, h.Get(k))
					}
					sb.WriteString("\r\n")
					conn.Write([]byte(sb.String()))
					for ctx.Err() == nil {
						if _, err := conn.Write([]byte("x")); err != nil {
							break
						}
						select {
						case <-ctx.Done():
						case <-time.After(time.Second):
						}
					}
					conn.Close()
				}
			})
		}
		wg.Wait()
	}},
	{"claim-squatting", func(ab *abuseBench, ctx context.Context, ip string) {
		// Fresh keys register and claim the job's slots, never staking.
		hc := clientFrom(ip)
		for ctx.Err() == nil {
			a := newAccount(ab.b)
			reg := []byte(`{"peer_id":"12D3KooWJWoaqZhDaoEFshF7Rh1bpY9ohihFhzcW6d69Lr2NASz","multiaddrs":["/ip4/10.0.0.1/tcp/4001"],"capacity":64}`)
			for _, hr := range []*http.Request{
				ab.signed(a, "POST", "/workers", "application/json", strings.NewReader(string(reg)), sha256Sum(reg), int64(len(reg))),
				ab.signed(a, "POST", "/jobs/"+ab.job+"/claims", "", nil, sha256Sum(nil), 0),
			} {
				if res, err := hc.Do(hr.WithContext(ctx)); err == nil {
					io.Copy(io.Discard, res.Body)
					res.Body.Close()
				}
			}
		}
	}},
	{"stream-flood", func(ab *abuseBench, ctx context.Context, ip string) {
		// One key opens as many streams on its own intent as it can, and
		// holds them.
		a := newAccount(ab.b)
		q, _ := ab.e.fundedIntent(a)
		hc := clientFrom(ip)
		var wg sync.WaitGroup
		for range 200 {
			wg.Go(func() {
				for ctx.Err() == nil {
					hr := ab.signed(a, "GET", "/intents/"+q.IntentID+"/events", "", nil, sha256Sum(nil), 0)
					res, err := hc.Do(hr.WithContext(ctx))
					if err != nil {
						continue
					}
					io.Copy(io.Discard, res.Body) // held until the server ends it
					res.Body.Close()
				}
			})
		}
		wg.Wait()
	}},
}

// BenchmarkAbuse runs honest buyers and workers alone, then beside each
// attacker of issue 13, on loopback with axl serve's default limits, and
// reports per attack the honest success rate and p99 latency against the
// quiet run's, the process's peak RSS and descriptors, and the growth of
// the artifacts' disk and of the database:
//
//	go test -run '^$' -bench Abuse -benchtime 1x ./api
func BenchmarkAbuse(b *testing.B) {
	cfg := api.DefaultConfig
	cfg.PollInterval = 0 // the env's
	e := newEnv(b, cfg)
	ab := &abuseBench{b: b, e: e}
	// The test clock follows the wall clock, so that buckets refill.
	stopClock := make(chan struct{})
	go func() {
		last := time.Now()
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stopClock:
				return
			case now := <-t.C:
				e.clock.Add(now.Sub(last))
				last = now
			}
		}
	}()
	defer close(stopClock)
	q, _ := e.fundedIntent(newAccount(b))
	ab.job = q.IntentID
	const clients, rounds = 4, 20
	const attackFor = 3 * time.Second

	b.ResetTimer()
	for range b.N {
		ab.phase = 0
		quietOK, quietLat := ab.honest(clients, rounds)
		quiet := p99(quietLat)
		b.ReportMetric(quietOK, "quiet-honest-ok-%")
		b.ReportMetric(float64(quiet.Microseconds())/1000, "quiet-honest-p99-ms")
		for i, at := range attacks {
			ab.phase = i + 1
			ab.rssMax.Store(0)
			ab.fdsMax.Store(0)
			disk0, db0 := ab.growth()
			ab.honestBytes.Store(0)
			ctx, cancel := context.WithCancel(context.Background())
			stop := make(chan struct{})
			var wg sync.WaitGroup
			wg.Go(func() { ab.sample(stop) })
			for k := range 2 { // two attacker IPs
				wg.Go(func() { at.run(ab, ctx, fmt.Sprintf("127.0.2.%d", ab.phase*4+k)) })
			}
			time.Sleep(attackFor / 3) // let the attack take hold
			ok, lat := ab.honest(clients, rounds)
			time.Sleep(attackFor / 3)
			cancel()
			close(stop)
			wg.Wait()
			disk1, db1 := ab.growth()
			honestBytes := ab.honestBytes.Load()
			b.ReportMetric(ok, at.name+"-honest-ok-%")
			b.ReportMetric(float64(p99(lat).Microseconds())/1000, at.name+"-honest-p99-ms")
			b.ReportMetric(float64(p99(lat))/float64(quiet), at.name+"-p99-x-quiet")
			b.ReportMetric(float64(ab.rssMax.Load())/(1<<20), at.name+"-rss-MiB")
			b.ReportMetric(float64(ab.fdsMax.Load()), at.name+"-fds")
			b.ReportMetric(float64(disk1-disk0-honestBytes), at.name+"-disk-growth-B")
			b.ReportMetric(float64(db1-db0), at.name+"-db-growth-B")
		}
	}
}
