package market

import (
	"context"
	"log/slog"
	"time"
)

// A Lease is a named lock that one process holds at a time, and that its
// holder can lose: the store's session it lives on may die (a network
// partition, a restarted database, an administrator's kill) and another
// process may take it. A holder must stop acting the moment it is lost.
type Lease interface {
	// Lost is closed once the lease is lost or released.
	Lost() <-chan struct{}
	// Err says why the lease was lost; nil while it is held.
	Err() error
	// Held asks the store whether the lease is still held: nil if so, an
	// error of KindUnavailable if not.
	Held(ctx context.Context) error
	// Release gives the lease up.
	Release()
}

// Locker hands out leases (TxStore is one).
type Locker interface {
	// TryLock takes the named lease if nobody holds it; ok is false if
	// another process does.
	TryLock(ctx context.Context, name string) (lease Lease, ok bool, err error)
}

// Singleton runs fn while this process holds the named lease, trying again
// every retry until it gets it or ctx ends: of several servers sharing one
// database, one runs fn. fn must return when ctx ends.
func Singleton(ctx context.Context, l Locker, name string, retry time.Duration, log *slog.Logger, fn func(context.Context)) {
	SingletonLease(ctx, l, name, retry, log, func(ctx context.Context, _ Lease) { fn(ctx) })
}

// SingletonLease is Singleton for an fn that fences its writes with the
// lease. The context fn gets ends the moment the lease is lost; the loss is
// logged as an error and the lease sought again every retry, so that fn
// never runs without it and runs again once it is back.
func SingletonLease(ctx context.Context, l Locker, name string, retry time.Duration, log *slog.Logger, fn func(context.Context, Lease)) {
	for {
		lease, ok, err := l.TryLock(ctx, name)
		if err != nil && ctx.Err() == nil {
			log.Error("lock", "name", name, "err", err)
		}
		if ok {
			log.Info("lease taken", "name", name)
			held, cancel := context.WithCancel(ctx)
			go func() {
				select {
				case <-lease.Lost():
					cancel()
				case <-held.Done():
				}
			}()
			fn(held, lease)
			cancel()
			lost := lease.Err()
			lease.Release()
			if ctx.Err() != nil {
				return
			}
			if lost != nil {
				log.Error("lease lost: stopped until it is taken again", "name", name, "err", lost)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(retry):
		}
	}
}
