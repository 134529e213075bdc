package api_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/crypto"
	"golang.org/x/sys/unix"

	"github.com/axl-market/axl/api"
	"github.com/axl-market/axl/api/wire"
	"github.com/axl-market/axl/market"
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

// attackerEnv makes this test binary an attacker process (see
// runAttacker): the attackers run in a process of their own, so that what
// they spend (signing, sending, reading) is not the server's CPU, as it
// is not when they attack from their own machines.
const attackerEnv = "AXL_ABUSE_ATTACKER"

// attackPlan is what an attacker process is told.
type attackPlan struct {
	Attack string   `json:"attack"`
	Addr   string   `json:"addr"` // the server's host:port
	IPs    []string `json:"ips"`  // loopback source addresses, one attacker each
	// Offset is the server's clock less the wall clock, for signing.
	Offset time.Duration `json:"offset"`
	Job    string        `json:"job"`    // claim-squatting: the job whose slots are claimed
	Key    string        `json:"key"`    // stream-flood: the buyer's key, hex
	Intent string        `json:"intent"` // stream-flood: its funded intent
}

// attacker is one attacker process's view of the server.
type attacker struct{ plan attackPlan }

func (at *attacker) now() int64 { return time.Now().Add(at.plan.Offset).Unix() }

// signed is a request signed by a as of the server's clock now.
func (at *attacker) signed(a account, method, path, contentType string, body io.Reader, sum []byte, size int64) *http.Request {
	hr, err := http.NewRequest(method, "http://"+at.plan.Addr+path, body)
	if err != nil {
		panic(err)
	}
	hr.Header = signedHeaderSum(a, method, path, at.now(), sum)
	if contentType != "" {
		hr.Header.Set("Content-Type", contentType)
	}
	hr.ContentLength = size
	return hr
}

// runAttacker is the attacker process: it runs the plan's attack from
// each of its IPs until its standard input closes.
func runAttacker(planJSON string) int {
	var at attacker
	if err := json.Unmarshal([]byte(planJSON), &at.plan); err != nil {
		fmt.Fprintln(os.Stderr, "attack plan:", err)
		return 2
	}
	i := slices.IndexFunc(attacks, func(a attack) bool { return a.name == at.plan.Attack })
	if i < 0 {
		fmt.Fprintln(os.Stderr, "no attack", at.plan.Attack)
		return 2
	}
	ctx, cancel := context.WithCancel(context.Background())
	go func() { io.Copy(io.Discard, os.Stdin); cancel() }()
	var wg sync.WaitGroup
	for _, ip := range at.plan.IPs {
		wg.Go(func() { attacks[i].run(&at, ctx, ip) })
	}
	wg.Wait()
	return 0
}

// attack is an attacker of the issue, run from one IP until ctx ends.
type attack struct {
	name string
	run  func(at *attacker, ctx context.Context, ip string)
}

// attacks are the attackers of issue 13.
var attacks = []attack{
	{"forged-large-bodies", func(at *attacker, ctx context.Context, ip string) {
		// Forged uploads declaring 64 MiB, sending their body regardless.
		victim, forger := mustAccount(), mustAccount()
		chunk := make([]byte, 64<<10)
		d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}}
		for ctx.Err() == nil {
			conn, err := d.DialContext(ctx, "tcp", at.plan.Addr)
			if err != nil {
				continue
			}
			h := signedHeaderSum(forger, "POST", "/artifacts", at.now(), sha256Sum(nil))
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
	{"slow-uploads", func(at *attacker, ctx context.Context, ip string) {
		// Signed uploads from fresh keys, one byte a second.
		var wg sync.WaitGroup
		for range 25 {
			wg.Go(func() {
				d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}}
				for ctx.Err() == nil {
					a := mustAccount()
					conn, err := d.DialContext(ctx, "tcp", at.plan.Addr)
					if err != nil {
						continue
					}
					h := signedHeaderSum(a, "POST", "/artifacts", at.now(), sha256Sum([]byte("never")))
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
	{"claim-squatting", func(at *attacker, ctx context.Context, ip string) {
		// Fresh keys register and claim the job's slots, never staking.
		hc := clientFrom(ip)
		for ctx.Err() == nil {
			a := mustAccount()
			reg := []byte(`{"peer_id":"12D3KooWJWoaqZhDaoEFshF7Rh1bpY9ohihFhzcW6d69Lr2NASz","multiaddrs":["/ip4/10.0.0.1/tcp/4001"],"capacity":64}`)
			for _, hr := range []*http.Request{
				at.signed(a, "POST", "/workers", "application/json", strings.NewReader(string(reg)), sha256Sum(reg), int64(len(reg))),
				at.signed(a, "POST", "/jobs/"+at.plan.Job+"/claims", "", nil, sha256Sum(nil), 0),
			} {
				if res, err := hc.Do(hr.WithContext(ctx)); err == nil {
					io.Copy(io.Discard, res.Body)
					res.Body.Close()
				}
			}
		}
	}},
	{"stream-flood", func(at *attacker, ctx context.Context, ip string) {
		// One key opens as many streams on its own intent as it can, and
		// holds them.
		k, err := crypto.HexToECDSA(at.plan.Key)
		if err != nil {
			panic(err)
		}
		a := account{key: k, addr: market.Address(crypto.PubkeyToAddress(k.PublicKey))}
		hc := clientFrom(ip)
		var wg sync.WaitGroup
		for range 200 {
			wg.Go(func() {
				for ctx.Err() == nil {
					hr := at.signed(a, "GET", "/intents/"+at.plan.Intent+"/events", "", nil, sha256Sum(nil), 0)
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

// startAttacker runs plan in an attacker process: on the CPUs this
// process may not use, when it was started on fewer than all (taskset -c
// 0 go test ...), so that the server keeps its own; beside it otherwise.
// Closing the returned writer ends the attack; wait then waits for it.
func (ab *abuseBench) startAttacker(plan attackPlan) (stop io.Closer, wait func() error) {
	exe, err := os.Executable()
	if err != nil {
		ab.b.Fatal(err)
	}
	planJSON, err := json.Marshal(plan)
	if err != nil {
		ab.b.Fatal(err)
	}
	args := []string{exe}
	if cpus := spareCPUs(); cpus != "" {
		if taskset, err := exec.LookPath("taskset"); err == nil {
			args = append([]string{taskset, "-c", cpus}, args...)
		}
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Env = append(os.Environ(), attackerEnv+"="+string(planJSON))
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	stdin, err := cmd.StdinPipe()
	if err != nil {
		ab.b.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		ab.b.Fatal(err)
	}
	return stdin, func() error {
		if err := cmd.Wait(); err != nil {
			return fmt.Errorf("attacker %s: %v\n%s", plan.Attack, err, out.String())
		}
		return nil
	}
}

// spareCPUs lists the online CPUs outside this process's affinity, as
// taskset -c reads them ("" when it may use every one).
func spareCPUs() string {
	var mine unix.CPUSet
	if err := unix.SchedGetaffinity(0, &mine); err != nil {
		return ""
	}
	var spare []string
	for cpu := 0; cpu < 1024; cpu++ {
		if _, err := os.Stat(fmt.Sprintf("/sys/devices/system/cpu/cpu%d", cpu)); err != nil {
			break
		}
		if !mine.IsSet(cpu) {
			spare = append(spare, strconv.Itoa(cpu))
		}
	}
	return strings.Join(spare, ",")
}

// BenchmarkAbuse runs honest buyers and workers alone, then beside each
// attacker of issue 13, on loopback with axl serve's default limits, and
// reports per attack the honest success rate and p99 latency against the
// quiet run's, the server process's peak RSS and descriptors, and the
// growth of the artifacts' disk and of the database. The attackers run in
// a process of their own; started on part of the CPUs, the benchmark
// gives them the rest, as attackers bring their own machines:
//
//	taskset -c 0 go test -run '^$' -bench Abuse -benchtime 1x ./api
//
// (without taskset, attackers and server share every CPU).
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
			stop := make(chan struct{})
			var wg sync.WaitGroup
			wg.Go(func() { ab.sample(stop) })
			plan := attackPlan{Attack: at.name, Addr: e.srv.Listener.Addr().String(), Job: ab.job,
				IPs:    []string{fmt.Sprintf("127.0.2.%d", ab.phase*4), fmt.Sprintf("127.0.2.%d", ab.phase*4+1)}, // two attacker IPs
				Offset: e.clock.Now().Sub(time.Now())}
			if at.name == "stream-flood" {
				a := newAccount(b)
				q, _ := e.fundedIntent(a)
				plan.Key, plan.Intent = hex.EncodeToString(crypto.FromECDSA(a.key)), q.IntentID
			}
			stopAttack, waitAttack := ab.startAttacker(plan)
			time.Sleep(attackFor / 3) // let the attack take hold
			ok, lat := ab.honest(clients, rounds)
			time.Sleep(attackFor / 3)
			stopAttack.Close()
			if err := waitAttack(); err != nil {
				b.Fatal(err)
			}
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
