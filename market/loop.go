package market

import (
	"context"
	"log/slog"
	"time"
)

// MaxBackoff bounds how far Every backs off after failed passes: a pass
// waits at most this many intervals.
const MaxBackoff = 8

// Every runs pass at once, then every interval until ctx ends: the loop of
// the server's background work (watcher, operator, relayer, janitor). A
// failed pass is logged as what failed and tried again after a wait that
// doubles with each failure in a row, up to MaxBackoff intervals, so that
// an unreachable node or database is not hammered; the first pass that
// succeeds brings back the interval. Nothing is logged once ctx ended.
func Every(ctx context.Context, interval time.Duration, log *slog.Logger, what string, pass func(context.Context) error) {
	t := time.NewTimer(interval)
	defer t.Stop()
	wait := interval
	for {
		if err := pass(ctx); err != nil && ctx.Err() == nil {
			log.Error(what, "err", err, "retry_in", wait)
			t.Reset(wait)
			wait = min(2*wait, MaxBackoff*interval)
		} else {
			t.Reset(interval)
			wait = interval
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
