package market

import (
	"context"
	"log/slog"
	"time"
)

// Locker takes named locks held by one process at a time (TxStore is one).
type Locker interface {
	TryLock(ctx context.Context, name string) (unlock func(), ok bool, err error)
}

// Singleton runs fn while this process holds the named lock, trying again
// every retry until it gets it or ctx ends: of several servers sharing one
// database, one runs fn. fn must return when ctx ends.
func Singleton(ctx context.Context, l Locker, name string, retry time.Duration, log *slog.Logger, fn func(context.Context)) {
	for {
		unlock, ok, err := l.TryLock(ctx, name)
		if err != nil && ctx.Err() == nil {
			log.Error("lock", "name", name, "err", err)
		}
		if ok {
			defer unlock()
			fn(ctx)
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(retry):
		}
	}
}
