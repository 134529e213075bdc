package market_test

import (
	"testing"
	"time"

	"github.com/axl-market/axl/market"
)

func TestWebhookRetry(t *testing.T) {
	p := market.WebhookPolicy{FirstRetry: 5 * time.Second, MaxRetry: time.Minute, DisableAfter: time.Hour}
	t0 := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		failures int
		since    time.Duration // before now
		wait     time.Duration
		disable  bool
	}{
		{1, 0, 5 * time.Second, false},
		{2, 5 * time.Second, 10 * time.Second, false},
		{3, 15 * time.Second, 20 * time.Second, false},
		{4, 35 * time.Second, 40 * time.Second, false},
		{5, 75 * time.Second, time.Minute, false}, // capped
		{40, 59 * time.Minute, time.Minute, false},
		{41, time.Hour, 0, true},
	} {
		now := t0.Add(2 * time.Hour)
		next, disable := p.Retry(tt.failures, now.Add(-tt.since), now)
		if disable != tt.disable || (!disable && next.Sub(now) != tt.wait) {
			t.Errorf("failure %d, failing for %s: next in %s, disable %v; want %s, %v",
				tt.failures, tt.since, next.Sub(now), disable, tt.wait, tt.disable)
		}
	}
}
