package api

import (
	"errors"
	"fmt"
	"math"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common/lru"
	"golang.org/x/time/rate"

	"github.com/axl-market/axl/market"
)

// kindRateLimited is a request over one of the Limits (429).
const kindRateLimited market.Kind = "rate-limited"

// Limits are the API's quotas and rate limits, each a token bucket kept
// in process per key (client IP, signer address) or a count of what is
// open. A zero Bucket or count is no limit; DefaultLimits holds the
// limits of axl serve.
type Limits struct {
	// IPRequests bounds the requests of one client IP (an IPv6 client by
	// its /64), on every route, before any signature is checked.
	IPRequests Bucket
	// AddressRequests bounds the signed requests of one signer address,
	// counted once its signature verified (so that nobody can spend
	// another's budget).
	AddressRequests Bucket
	// Claims bounds POST /jobs/{id}/claims per signer and per client IP
	// (each claim reads the chain twice).
	Claims, IPClaims Bucket
	// UploadBytes bounds the bytes of POST /artifacts per signer, charged
	// before the body is read: its Content-Length, or the largest upload
	// when it has none.
	UploadBytes Bucket
	// StoredBytes bounds the bytes of an address's artifacts that no
	// intent uses, checked before an upload is stored; they are freed by
	// retention (market.Retention.Artifacts).
	StoredBytes int64
	// StreamsPerAddress and Streams bound the open event streams of one
	// signer and of the whole server.
	StreamsPerAddress, Streams int
	// LargeBodiesPerIP bounds the uploads and referee answers one client
	// IP sends at once, before they wait for one of the server's few
	// admissions (Config.MaxLargeBodies): one client's slow bodies cannot
	// hold them all. Another of its bodies waits LargeBodyWait for a
	// place, then gets 429.
	LargeBodiesPerIP int
	// MaxPendingClaims bounds the claims a worker holds unstaked, over all
	// jobs.
	MaxPendingClaims int
	// WebhooksPerAddress bounds the enabled webhook endpoints of one signer.
	WebhooksPerAddress int
	// DiskFloor is the free space, in bytes, that uploads must leave on the
	// artifacts' file system (the embedded PostgreSQL lives on it too):
	// an upload that would go below it is refused (507).
	DiskFloor int64
	// MaxKeys bounds the buckets kept per limit: past it the least recently
	// used are forgotten (a bucket left alone refills anyway), so a flood
	// of fresh keys cannot grow the server's memory.
	MaxKeys int
}

// DefaultLimits are the limits of axl serve (its flags' defaults).
var DefaultLimits = Limits{
	IPRequests:         Bucket{N: 3000, Per: time.Minute},
	AddressRequests:    Bucket{N: 600, Per: time.Minute},
	Claims:             Bucket{N: 30, Per: time.Minute},
	IPClaims:           Bucket{N: 120, Per: time.Minute},
	UploadBytes:        Bucket{N: 2 << 30, Per: time.Hour},
	StoredBytes:        1 << 30,
	StreamsPerAddress:  4,
	Streams:            256,
	LargeBodiesPerIP:   2,
	MaxPendingClaims:   2,
	WebhooksPerAddress: 10,
	DiskFloor:          1 << 30,
	MaxKeys:            100_000,
}

// Bucket is a token bucket of N tokens, refilled at N per Per: a burst of
// N, then N per Per on average. The zero Bucket does not limit.
type Bucket struct {
	N   int64
	Per time.Duration
}

// Off reports whether b limits nothing.
func (b Bucket) Off() bool { return b.N <= 0 || b.Per <= 0 }

// String renders b as N/Per, the form ParseBucket reads ("off" when Off).
func (b Bucket) String() string {
	if b.Off() {
		return "off"
	}
	return strconv.FormatInt(b.N, 10) + "/" + strings.TrimSuffix(strings.TrimSuffix(b.Per.String(), "0s"), "0m")
}

// ParseBucket reads "N/duration" (600/1m, 1073741824/1h) or "off".
func ParseBucket(s string) (Bucket, error) {
	if s == "off" || s == "0" {
		return Bucket{}, nil
	}
	n, per, ok := strings.Cut(s, "/")
	if !ok {
		return Bucket{}, fmt.Errorf("%q is not N/duration (say 600/1m) nor off", s)
	}
	var b Bucket
	var err error
	if b.N, err = strconv.ParseInt(n, 10, 64); err != nil || b.N <= 0 {
		return Bucket{}, fmt.Errorf("%q: %q is not a positive count", s, n)
	}
	if b.Per, err = time.ParseDuration(per); err != nil || b.Per <= 0 {
		return Bucket{}, fmt.Errorf("%q: %q is not a positive duration", s, per)
	}
	return b, nil
}

// Set implements flag.Value.
func (b *Bucket) Set(s string) error {
	x, err := ParseBucket(s)
	if err == nil {
		*b = x
	}
	return err
}

// buckets is one limit's token buckets by key, at most max of them.
type buckets struct {
	name string // the policy's name in the RateLimit headers
	unit string // its quota unit: requests, content-bytes
	b    Bucket
	mu   sync.Mutex
	lru  lru.BasicLRU[string, *rate.Limiter]
}

func newBuckets(name, unit string, b Bucket, max int) *buckets {
	return &buckets{name: name, unit: unit, b: b, lru: lru.NewBasicLRU[string, *rate.Limiter](max)}
}

// take takes n tokens of key's bucket at now, or says how long until they
// would be there. More than the bucket holds is never there.
func (bs *buckets) take(key string, n int64, now time.Time) (ok bool, wait time.Duration, left int64) {
	if bs == nil || bs.b.Off() {
		return true, 0, 0
	}
	per := rate.Limit(float64(bs.b.N) / bs.b.Per.Seconds())
	bs.mu.Lock()
	defer bs.mu.Unlock()
	lim, found := bs.lru.Get(key)
	if !found {
		lim = rate.NewLimiter(per, int(bs.b.N)) // full
		bs.lru.Add(key, lim)
	}
	if lim.AllowN(now, int(n)) {
		return true, 0, int64(lim.TokensAt(now))
	}
	missing := float64(n) - lim.TokensAt(now)
	if n > bs.b.N {
		missing = float64(bs.b.N) // never: say when the bucket is full
	}
	return false, time.Duration(math.Ceil(missing / float64(per) * float64(time.Second))), int64(lim.TokensAt(now))
}

// peek reports, without taking one, whether key's bucket lacks a token
// now, and then when one comes and how many are left.
func (bs *buckets) peek(key string, now time.Time) (empty bool, wait time.Duration, left int64) {
	if bs == nil || bs.b.Off() {
		return false, 0, 0
	}
	bs.mu.Lock()
	defer bs.mu.Unlock()
	// Get, not Peek: a key refused here stays recent in the LRU, as one
	// refused by take does, and is not forgotten into a full bucket.
	lim, found := bs.lru.Get(key)
	if !found {
		return false, 0, bs.b.N // full
	}
	tokens := lim.TokensAt(now)
	if tokens >= 1 {
		return false, 0, int64(tokens)
	}
	per := float64(bs.b.N) / bs.b.Per.Seconds()
	return true, time.Duration(math.Ceil((1 - tokens) / per * float64(time.Second))), int64(tokens)
}

// len is the number of buckets kept.
func (bs *buckets) len() int {
	bs.mu.Lock()
	defer bs.mu.Unlock()
	return bs.lru.Len()
}

// limited is a refusal by a limit: the problem, and the headers that
// tell the client when to come back (draft-ietf-httpapi-ratelimit-headers).
type limited struct {
	err    error
	policy string // the RateLimit-Policy item
	state  string // the RateLimit item
	retry  time.Duration
}

func (bs *buckets) refusal(what string, wait time.Duration, left int64) *limited {
	secs := int64(math.Ceil(wait.Seconds()))
	if secs < 1 {
		secs = 1
	}
	return &limited{
		err: market.Errorf(kindRateLimited, "%s: over the limit of %d %s per %s; retry in %d s", what, bs.b.N,
			strings.TrimPrefix(bs.unit, "content-"), bs.b.Per, secs),
		policy: fmt.Sprintf(`%q;q=%d;qu=%q;w=%d`, bs.name, bs.b.N, bs.unit, int64(bs.b.Per.Seconds())),
		state:  fmt.Sprintf(`%q;r=%d;t=%d`, bs.name, max(left, 0), secs),
		retry:  time.Duration(secs) * time.Second,
	}
}

// refuse writes a 429 problem with Retry-After, RateLimit-Policy and
// RateLimit. A request with a body is answered on a closing connection:
// its body is never read.
func (s *Server) refuse(w http.ResponseWriter, r *http.Request, l *limited) {
	name, _, _ := strings.Cut(strings.TrimPrefix(l.policy, `"`), `"`) // the policy item's name
	s.rateLimited.WithLabelValues(name).Inc()
	h := w.Header()
	h.Set("Retry-After", strconv.FormatInt(int64(l.retry/time.Second), 10))
	h.Set("RateLimit-Policy", l.policy)
	h.Set("RateLimit", l.state)
	if r.ContentLength != 0 {
		h.Set("Connection", "close")
	}
	s.problem(w, r, l.err)
}

// clientIP is the key of the request's peer: its IP, an IPv6 one by its
// /64 (a client gets a /64 as easily as one address). The peer is the
// connection's; a proxy in front of the server is one client.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return host
	}
	ip = ip.Unmap()
	if ip.Is6() {
		p, _ := ip.Prefix(64)
		return p.String()
	}
	return ip.String()
}

// limiter holds the buckets of a server's Limits and its open streams.
type limiter struct {
	cfg              Limits
	ip, addr         *buckets
	claims, ipClaims *buckets
	upload           *buckets
	mu               sync.Mutex
	streams          map[market.Address]int
	openStreams      int
	uploading        map[market.Address]int64 // bytes being received, by owner
	largeOf          map[string]*ipPlaces     // large bodies being received, by client IP
	uploadingAll     int64
}

func newLimiter(l Limits) *limiter {
	if l.MaxKeys <= 0 {
		l.MaxKeys = DefaultLimits.MaxKeys
	}
	return &limiter{cfg: l,
		ip:        newBuckets("ip", "requests", l.IPRequests, l.MaxKeys),
		addr:      newBuckets("address", "requests", l.AddressRequests, l.MaxKeys),
		claims:    newBuckets("claims", "requests", l.Claims, l.MaxKeys),
		ipClaims:  newBuckets("ip-claims", "requests", l.IPClaims, l.MaxKeys),
		upload:    newBuckets("upload", "content-bytes", l.UploadBytes, l.MaxKeys),
		streams:   map[market.Address]int{},
		uploading: map[market.Address]int64{},
		largeOf:   map[string]*ipPlaces{},
	}
}

// limitIP takes a token of the client IP's bucket before anything else
// is done for the request.
func (s *Server) limitIP(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if ok, wait, left := s.limits.ip.take(clientIP(r), 1, s.clock.Now()); !ok {
			s.refuse(w, r, s.limits.ip.refusal("requests of this client IP", wait, left))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// limitSigner takes a token of the signer's bucket; it follows the
// authentication, so only the key's holder spends its budget.
func (s *Server) limitSigner(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if ok, wait, left := s.limits.addr.take(signer(r).String(), 1, s.clock.Now()); !ok {
			s.refuse(w, r, s.limits.addr.refusal("signed requests of "+signer(r).String(), wait, left))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// limitClaims takes a token of the signer's and of the client IP's claim
// buckets.
func (s *Server) limitClaims(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		now := s.clock.Now()
		if ok, wait, left := s.limits.ipClaims.take(clientIP(r), 1, now); !ok {
			s.refuse(w, r, s.limits.ipClaims.refusal("claims of this client IP", wait, left))
			return
		}
		if ok, wait, left := s.limits.claims.take(signer(r).String(), 1, now); !ok {
			s.refuse(w, r, s.limits.claims.refusal("claims of "+signer(r).String(), wait, left))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// errStreams is a stream refused because the server holds its most.
var errStreams = errors.New("streams exhausted")

// limitStreams holds one of the signer's and one of the server's event
// streams for as long as the stream is open.
func (s *Server) limitStreams(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		release, err := s.limits.openStream(signer(r))
		if err != nil {
			s.refuse(w, r, s.streamRefusal(err))
			return
		}
		defer release()
		next.ServeHTTP(w, r)
	})
}

// streamRefusal is the refusal of a stream that openStream refused.
func (s *Server) streamRefusal(err error) *limited {
	retry := &limited{err: err, retry: s.cfg.HeartbeatInterval}
	if errors.Is(err, errStreams) {
		retry.err = market.Errorf(market.KindUnavailable, "the server holds its %d event streams; retry later", s.limits.cfg.Streams)
		retry.policy = fmt.Sprintf(`"streams";q=%d;qu="concurrent-requests"`, s.limits.cfg.Streams)
		retry.state = `"streams";r=0`
	} else {
		retry.policy = fmt.Sprintf(`"address-streams";q=%d;qu="concurrent-requests"`, s.limits.cfg.StreamsPerAddress)
		retry.state = `"address-streams";r=0`
	}
	return retry
}

// streamsFull is limitStreams' refusal, read before the request's nonce
// is stored: nil when who may open a stream now (limitStreams then takes
// the place).
func (s *Server) streamsFull(who market.Address) *limited {
	if err := s.limits.streamPlace(who); err != nil {
		return s.streamRefusal(err)
	}
	return nil
}

// streamPlace is openStream's refusal, without taking a place.
func (l *limiter) streamPlace(who market.Address) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.cfg.Streams > 0 && l.openStreams >= l.cfg.Streams {
		return errStreams
	}
	if n := l.streams[who]; l.cfg.StreamsPerAddress > 0 && n >= l.cfg.StreamsPerAddress {
		return market.Errorf(kindRateLimited, "%s holds %d open event streams, the most an address may; close one first", who, n)
	}
	return nil
}

func (l *limiter) openStream(who market.Address) (func(), error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.cfg.Streams > 0 && l.openStreams >= l.cfg.Streams {
		return nil, errStreams
	}
	if n := l.streams[who]; l.cfg.StreamsPerAddress > 0 && n >= l.cfg.StreamsPerAddress {
		return nil, market.Errorf(kindRateLimited, "%s holds %d open event streams, the most an address may; close one first", who, n)
	}
	l.openStreams++
	l.streams[who]++ // the map holds only open streams: at most Streams keys
	return func() {
		l.mu.Lock()
		defer l.mu.Unlock()
		l.openStreams--
		if l.streams[who]--; l.streams[who] <= 0 {
			delete(l.streams, who)
		}
	}, nil
}

// open is the number of event streams open now.
func (l *limiter) open() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.openStreams
}

// ipPlaces are the places of one client IP's large bodies; refs counts
// the requests holding or waiting for one, so that the entry goes with
// the last of them.
type ipPlaces struct {
	ch   chan struct{}
	refs int
}

// limitLargePerIP holds one of the client IP's LargeBodiesPerIP places
// while its large body is admitted and received; another of its bodies
// waits for one, like the server's admissions (LargeBodyWait, then 429).
func (s *Server) limitLargePerIP(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		l, ip := s.limits, clientIP(r)
		if l.cfg.LargeBodiesPerIP <= 0 || s.smallBody(r) {
			next.ServeHTTP(w, r)
			return
		}
		l.mu.Lock()
		p := l.largeOf[ip] // only IPs with a body in flight or waiting are kept
		if p == nil {
			p = &ipPlaces{ch: make(chan struct{}, l.cfg.LargeBodiesPerIP)}
			l.largeOf[ip] = p
		}
		p.refs++
		l.mu.Unlock()
		defer func() {
			l.mu.Lock()
			defer l.mu.Unlock()
			if p.refs--; p.refs == 0 {
				delete(l.largeOf, ip)
			}
		}()
		t := time.NewTimer(s.cfg.LargeBodyWait)
		defer t.Stop()
		select {
		case p.ch <- struct{}{}:
			defer func() { <-p.ch }()
		case <-t.C:
			s.refuse(w, r, &limited{
				err:    market.Errorf(kindRateLimited, "this client IP is sending %d large bodies, the most it may at once", cap(p.ch)),
				policy: fmt.Sprintf(`"ip-large-bodies";q=%d;qu="concurrent-requests"`, cap(p.ch)),
				state:  `"ip-large-bodies";r=0`,
				retry:  s.cfg.LargeBodyWait,
			})
			return
		case <-r.Context().Done():
			return
		}
		next.ServeHTTP(w, r)
	})
}
