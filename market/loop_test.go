package market_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/axl-market/axl/market"
)

// TestEvery: the first pass runs at once and the next one an interval
// later, not before; a failed pass is logged and the next still comes; the
// loop returns when its context ends, logging nothing for the pass the end
// interrupted. Time is synctest's: an hour passes without a wait.
func TestEvery(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var mu sync.Mutex // synctest.Wait orders nothing for the race detector
		var logs bytes.Buffer
		log := slog.New(slog.NewTextHandler(&syncWriter{w: &logs, mu: &mu}, nil))
		ctx, cancel := context.WithCancel(t.Context())
		var passes []time.Duration
		count := func() int { mu.Lock(); defer mu.Unlock(); return len(passes) }
		start := time.Now()
		done := make(chan struct{})
		go func() {
			defer close(done)
			market.Every(ctx, time.Hour, log, "test pass", func(ctx context.Context) error {
				mu.Lock()
				passes = append(passes, time.Since(start))
				n := len(passes)
				mu.Unlock()
				switch n {
				case 1:
					return errors.New("first pass fails")
				case 3:
					cancel()
					return ctx.Err()
				}
				return nil
			})
		}()
		synctest.Wait()
		if n := count(); n != 1 {
			t.Fatalf("%d passes: want one, at once", n)
		}
		time.Sleep(time.Hour - time.Second)
		synctest.Wait()
		if n := count(); n != 1 {
			t.Fatalf("%d passes before the interval, want 1", n)
		}
		time.Sleep(time.Hour + time.Second) // to two intervals
		<-done
		mu.Lock()
		defer mu.Unlock()
		if len(passes) != 3 || passes[1] != time.Hour || passes[2] != 2*time.Hour {
			t.Fatalf("passes at %v, want 0, 1h, 2h", passes)
		}
		if out := logs.String(); strings.Count(out, "test pass") != 1 || !strings.Contains(out, "first pass fails") {
			t.Fatalf("logs %q: want the first pass's failure alone", out)
		}
	})
}

// TestEveryBacksOff: passes that fail in a row wait twice as long each
// time, up to MaxBackoff intervals (an unreachable node is not hammered);
// the first pass that succeeds brings back the interval.
func TestEveryBacksOff(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		start := time.Now()
		var passes []time.Duration
		market.Every(ctx, time.Hour, slog.New(slog.DiscardHandler), "test pass", func(ctx context.Context) error {
			passes = append(passes, time.Since(start))
			switch n := len(passes); {
			case n <= 6:
				return errors.New("node unreachable")
			case n == 8:
				cancel()
			}
			return nil
		})
		h := time.Hour
		want := []time.Duration{0, h, 3 * h, 7 * h, 15 * h, 23 * h, 31 * h, 32 * h}
		if len(passes) != len(want) {
			t.Fatalf("passes at %v, want %v", passes, want)
		}
		for i := range want {
			if passes[i] != want[i] {
				t.Fatalf("passes at %v, want %v (doubling waits up to %d intervals, then the interval again)", passes, want, market.MaxBackoff)
			}
		}
	})
}

// locker is a Locker of one lease in memory: busy until taken, then lost
// when told (the store's session dying).
type locker struct {
	mu    sync.Mutex
	busy  int // refusals left before the lease is free
	lease *lease
	tries []time.Time
}

func (l *locker) TryLock(context.Context, string) (market.Lease, bool, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.tries = append(l.tries, time.Now())
	if l.busy > 0 || l.lease != nil {
		l.busy--
		return nil, false, nil
	}
	l.lease = &lease{lost: make(chan struct{}), owner: l}
	return l.lease, true, nil
}

type lease struct {
	lost  chan struct{}
	err   error
	owner *locker
	once  sync.Once
}

func (s *lease) Lost() <-chan struct{}      { return s.lost }
func (s *lease) Err() error                 { return s.err }
func (s *lease) Held(context.Context) error { return s.err }
func (s *lease) Release() {
	s.once.Do(func() { close(s.lost) })
	s.owner.mu.Lock()
	s.owner.lease = nil
	s.owner.mu.Unlock()
}

// lose is the session dying under the holder.
func (s *lease) lose() {
	s.err = errors.New("the connection holding the lease died")
	s.once.Do(func() { close(s.lost) })
}

// TestSingletonLease: while another holds the lease, fn does not run and
// the lease is sought every retry; once taken fn runs; when the lease is
// lost fn's context ends at once, the loss is logged, and fn runs again
// once the lease is back; the loop returns when its context ends.
func TestSingletonLease(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var logs bytes.Buffer
		log := slog.New(slog.NewTextHandler(&logs, nil))
		l := &locker{busy: 2}
		ctx, cancel := context.WithCancel(t.Context())
		start := time.Now()
		var runs []time.Duration
		held := make(chan market.Lease)
		done := make(chan struct{})
		go func() {
			defer close(done)
			market.SingletonLease(ctx, l, "test", time.Minute, log, func(ctx context.Context, ls market.Lease) {
				runs = append(runs, time.Since(start))
				held <- ls
				<-ctx.Done()
			})
		}()
		first := (<-held).(*lease)
		if len(runs) != 1 || runs[0] != 2*time.Minute || len(l.tries) != 3 {
			t.Fatalf("fn ran at %v after %d tries: want once, at 2m, after 3 tries (2 refused)", runs, len(l.tries))
		}
		first.lose()
		second := (<-held).(*lease)
		if len(runs) != 2 || runs[1] != 3*time.Minute || second == first {
			t.Fatalf("fn ran at %v: want again at 3m, a retry after the loss", runs)
		}
		if out := logs.String(); !strings.Contains(out, "lease lost") || !strings.Contains(out, "connection holding the lease died") {
			t.Fatalf("logs %q: want the loss logged with its reason", out)
		}
		cancel()
		<-done
	})
}

type syncWriter struct {
	w  *bytes.Buffer
	mu *sync.Mutex
}

func (s *syncWriter) Write(b []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(b)
}
