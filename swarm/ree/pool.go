package ree

import "sync"

// Pool runs kernels on a fixed number of goroutines. The number changes how
// fast a kernel runs, never what it computes: work is split over outputs,
// each computed by one goroutine in one fixed order.
//
// A Pool holds no mutable state and may be used from several goroutines.
type Pool struct {
	threads  int
	portable bool
	scratch  *sync.Pool // of *[]float32: packing buffers, reused to spare the GC
}

// Option configures a Pool.
type Option func(*Pool)

// Portable makes the Pool use only the portable Go kernels, never the
// assembly fast path. The results are the same bits either way; this exists
// to prove it, and to measure the difference.
func Portable() Option { return func(p *Pool) { p.portable = true } }

// NewPool returns a Pool that runs kernels on up to threads goroutines
// (at least one).
func NewPool(threads int, opts ...Option) *Pool {
	p := &Pool{threads: max(threads, 1), scratch: &sync.Pool{}}
	for _, o := range opts {
		o(p)
	}
	return p
}

// serial returns a Pool like p that runs on the calling goroutine only,
// for kernels that parallelise at a coarser grain themselves.
func (p *Pool) serial() *Pool {
	q := *p
	q.threads = 1
	return &q
}

// getScratch returns a buffer of n float32 (with arbitrary contents);
// putScratch gives it back.
func (p *Pool) getScratch(n int) *[]float32 {
	if b, ok := p.scratch.Get().(*[]float32); ok && cap(*b) >= n {
		*b = (*b)[:n]
		return b
	}
	b := make([]float32, n)
	return &b
}

func (p *Pool) putScratch(b *[]float32) { p.scratch.Put(b) }

// Threads returns the number of goroutines the Pool uses.
func (p *Pool) Threads() int { return p.threads }

// Fast reports whether the Pool uses an assembly fast path on this machine.
func (p *Pool) Fast() bool { return !p.portable && haveFastKernel }

// For calls fn on contiguous ranges [lo, hi) that together cover [0, n)
// exactly once, concurrently on up to Threads goroutines. Ranges hold at
// least grain items, so tiny loops are not split. fn must only write
// outputs indexed within its range.
func (p *Pool) For(n, grain int, fn func(lo, hi int)) {
	if n <= 0 {
		return
	}
	parts := min(p.threads, max(n/max(grain, 1), 1))
	if parts <= 1 {
		fn(0, n)
		return
	}
	var wg sync.WaitGroup
	for i := range parts {
		lo, hi := n*i/parts, n*(i+1)/parts
		if i == parts-1 {
			fn(lo, hi) // the calling goroutine takes the last share
			break
		}
		wg.Go(func() { fn(lo, hi) })
	}
	wg.Wait()
}
