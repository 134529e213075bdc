package market_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/axl-market/axl/market"
)

// TestEvery: the first pass runs at once, a failed pass is logged and the
// next still comes, and the loop returns when its context ends, logging
// nothing for the pass the end interrupted.
func TestEvery(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&syncWriter{w: &logs, mu: &mu}, nil))
	ctx, cancel := context.WithCancel(t.Context())
	passes := make(chan int, 10)
	n := 0
	done := make(chan struct{})
	go func() {
		defer close(done)
		market.Every(ctx, time.Millisecond, log, "test pass", func(ctx context.Context) error {
			n++
			passes <- n
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
	for want := 1; want <= 3; want++ {
		if got := <-passes; got != want {
			t.Fatalf("pass %d, want %d", got, want)
		}
	}
	<-done
	mu.Lock()
	defer mu.Unlock()
	if out := logs.String(); strings.Count(out, "test pass") != 1 || !strings.Contains(out, "first pass fails") {
		t.Fatalf("logs %q: want the first pass's failure alone", out)
	}
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
