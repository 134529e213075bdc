package market

import (
	"context"
	"log/slog"
	"time"
)

// Every runs pass at once, then every interval until ctx ends: the loop of
// the server's background work (watcher, operator, relayer, janitor). A
// failed pass is logged as what failed and tried again at the next tick;
// nothing is logged once ctx ended.
func Every(ctx context.Context, interval time.Duration, log *slog.Logger, what string, pass func(context.Context) error) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if err := pass(ctx); err != nil && ctx.Err() == nil {
			log.Error(what, "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
