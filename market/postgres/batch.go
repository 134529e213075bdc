package postgres

import (
	"context"
	"sync"

	"github.com/axl-market/axl/market"
)

// batcher gathers concurrent requests into batches: the requests that
// arrive while a batch is being done make the next one (up to max), so
// that they share a round trip, a statement and a commit. One goroutine
// does the batches, started by the first request, until stop is closed.
type batcher[T any] struct {
	start sync.Once
	queue chan *batched[T]
	stop  <-chan struct{}
	max   int
	// do does a batch of requests whose contexts were live when it was
	// taken, setting each one's result in req, or its err.
	do func(ctx context.Context, batch []*batched[T])
}

// batched is one request in a batcher.
type batched[T any] struct {
	ctx   context.Context
	req   T
	err   error
	ready chan struct{} // closed when req and err are set
}

func newBatcher[T any](stop <-chan struct{}, max int, do func(context.Context, []*batched[T])) *batcher[T] {
	return &batcher[T]{queue: make(chan *batched[T]), stop: stop, max: max, do: do}
}

// run queues req and waits until its batch is done. Once queued, a
// request is waited for even if ctx ends: its batch may be committing.
func (b *batcher[T]) run(ctx context.Context, req T) (T, error) {
	b.start.Do(func() { go b.loop() })
	r := &batched[T]{ctx: ctx, req: req, ready: make(chan struct{})}
	select {
	case b.queue <- r:
	case <-ctx.Done():
		return req, ctx.Err()
	case <-b.stop:
		return req, market.Errorf(market.KindUnavailable, "the store is closed")
	}
	<-r.ready
	return r.req, r.err
}

// loop takes a request and every other one queued behind it, up to max,
// and does them together, until stop is closed.
func (b *batcher[T]) loop() {
	for {
		var first *batched[T]
		select {
		case first = <-b.queue:
		case <-b.stop:
			return
		}
		batch := []*batched[T]{first}
	drain:
		for len(batch) < b.max {
			select {
			case r := <-b.queue:
				batch = append(batch, r)
			default:
				break drain
			}
		}
		live := batch[:0:0]
		for _, r := range batch {
			if err := r.ctx.Err(); err != nil {
				r.err = err // given up before it was sent
				close(r.ready)
				continue
			}
			live = append(live, r)
		}
		if len(live) > 0 {
			// The batch's own context: one caller leaving must not undo the others.
			b.do(context.WithoutCancel(live[0].ctx), live)
			for _, r := range live {
				close(r.ready)
			}
		}
	}
}

// layers splits a batch, in order, into groups in none of which two
// requests share a key (keys gives a request's): each group is one
// set-based statement, which sees the groups before it in its transaction
// (the second of two requests for one row finds the first's write), where
// one statement would act on the row once, or fail.
func layers[T any](batch []*batched[T], keys func(T) []string) [][]*batched[T] {
	var groups [][]*batched[T]
	var taken []map[string]bool
	for _, r := range batch {
		ks := keys(r.req)
		g := 0
		for ; g < len(groups); g++ {
			free := true
			for _, k := range ks {
				free = free && !taken[g][k]
			}
			if free {
				break
			}
		}
		if g == len(groups) {
			groups, taken = append(groups, nil), append(taken, map[string]bool{})
		}
		groups[g] = append(groups[g], r)
		for _, k := range ks {
			taken[g][k] = true
		}
	}
	return groups
}
