package worker

import (
	"errors"
	"log/slog"
	"testing"
	"time"

	"github.com/cenkalti/backoff/v5"

	"github.com/axl-market/axl/api/client"
	"github.com/axl-market/axl/market"
)

func TestUnlessServerFailed(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		err       error
		permanent bool
		wait      time.Duration
	}{
		{"unreachable", errors.New("connection refused"), false, 0},
		{"5xx", &client.Error{Status: 500}, false, 0},
		{"429 with Retry-After", &client.Error{Status: 429, RetryAfter: 7 * time.Second}, false, 7 * time.Second},
		{"429 without", &client.Error{Status: 429}, false, 0},
		{"503 with Retry-After", &client.Error{Status: 503, RetryAfter: time.Second}, false, time.Second},
		{"409", &client.Error{Status: 409}, true, 0},
		{"400", &client.Error{Status: 400}, true, 0},
	}
	for _, tt := range tests {
		got := unlessServerFailed(tt.err)
		var p *backoff.PermanentError
		if errors.As(got, &p) != tt.permanent {
			t.Errorf("%s: permanent %t, want %t", tt.name, !tt.permanent, tt.permanent)
		}
		var ra *backoff.RetryAfterError
		if w := time.Duration(0); errors.As(got, &ra) {
			w = ra.Duration
			if w != tt.wait {
				t.Errorf("%s: waits %v, want %v", tt.name, w, tt.wait)
			}
		} else if tt.wait != 0 {
			t.Errorf("%s: no Retry-After wait, want %v", tt.name, tt.wait)
		}
		var ce *client.Error
		if _, isClient := tt.err.(*client.Error); isClient && !errors.As(got, &ce) {
			t.Errorf("%s: the server's error is lost: %v", tt.name, got)
		}
	}
}

// TestRetryHonoursRetryAfter: a server that asks to slow down (429) is
// tried again after the wait it names, not given up on; a 4xx refusal is
// not tried again.
func TestRetryHonoursRetryAfter(t *testing.T) {
	t.Parallel()
	w := &Worker{cfg: Config{PollMin: time.Millisecond, PollMax: 10 * time.Millisecond}, clock: market.SystemClock{}}
	log := slog.New(slog.DiscardHandler)
	tries := 0
	start := time.Now()
	err := w.retry(t.Context(), log, "test", func() error {
		if tries++; tries == 1 {
			return &client.Error{Status: 429, RetryAfter: time.Second}
		}
		return nil
	})
	if err != nil || tries != 2 {
		t.Fatalf("retry: %v after %d tries, want success on the second", err, tries)
	}
	if waited := time.Since(start); waited < time.Second {
		t.Fatalf("tried again after %v, before the 1 s the server asked for", waited)
	}
	tries = 0
	err = w.retry(t.Context(), log, "test", func() error { tries++; return &client.Error{Status: 403} })
	if client.StatusOf(err) != 403 || tries != 1 {
		t.Fatalf("retry of a 403: %v after %d tries, want the 403 at once", err, tries)
	}
}
