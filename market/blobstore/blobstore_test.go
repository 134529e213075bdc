package blobstore_test

import (
	"crypto/sha256"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime/metrics"
	"strings"
	"testing"
	"time"

	"github.com/axl-market/axl/market/alloctest"
	"github.com/axl-market/axl/market/blobstore"
)

// generated is a stream of n bytes that are not all alike, made without
// holding them: a 64 KiB block whose first bytes count the blocks.
type generated struct {
	n, off int64
	block  [64 << 10]byte
}

func newGenerated(n int64) *generated {
	g := &generated{n: n}
	for i := range g.block {
		g.block[i] = byte(i*131 + i>>8)
	}
	return g
}

func (g *generated) Read(p []byte) (int, error) {
	if g.off >= g.n {
		return 0, io.EOF
	}
	at := g.off % int64(len(g.block))
	if at == 0 {
		k := g.off / int64(len(g.block))
		for i := 0; i < 8; i++ {
			g.block[i] = byte(k >> (8 * i))
		}
	}
	n := copy(p, g.block[at:])
	n = int(min(int64(n), g.n-g.off))
	g.off += int64(n)
	return n, nil
}

// failing ends with err after n bytes, as a client that hangs up does.
type failing struct {
	r   io.Reader
	err error
}

func (f failing) Read(p []byte) (int, error) {
	n, err := f.r.Read(p)
	if err == io.EOF {
		return n, f.err
	}
	return n, err
}

func sumOf(t *testing.T, r io.Reader) [32]byte {
	t.Helper()
	h := sha256.New()
	if _, err := io.Copy(h, r); err != nil {
		t.Fatal(err)
	}
	var s [32]byte
	copy(s[:], h.Sum(nil))
	return s
}

func tmpFiles(t *testing.T, dir string) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, "tmp", "*"))
	if err != nil {
		t.Fatal(err)
	}
	return names
}

// TestWriteStreams writes a 64 MiB stream and checks that its id is its
// sha256, that it is stored once committed, and that the heap it took is
// a buffer's, not the stream's.
func TestWriteStreams(t *testing.T) {
	dir := t.TempDir()
	s, err := blobstore.New(dir)
	if err != nil {
		t.Fatal(err)
	}
	const size = 64 << 20
	var p *blobstore.Pending
	heap := alloctest.Bytes(func() { p, err = s.Write(newGenerated(size), size) })
	if err != nil {
		t.Fatal(err)
	}
	if heap > 1<<20 {
		t.Errorf("writing %d bytes took %d bytes of heap, want at most 1 MiB", size, heap)
	}
	if want := sumOf(t, newGenerated(size)); p.ID != want || p.Size != size {
		t.Fatalf("pending %x of %d bytes, want %x of %d", p.ID, p.Size, want, size)
	}
	if err := p.Commit(); err != nil {
		t.Fatal(err)
	}
	f, err := s.Open(p.ID)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := sumOf(t, f); got != p.ID {
		t.Fatalf("stored bytes hash to %x, want %x", got, p.ID)
	}
	if left := tmpFiles(t, dir); len(left) != 0 {
		t.Fatalf("temporary files left after commit: %v", left)
	}
}

// TestWriteAbortLeavesNothing: an upload that breaks off, one past the
// limit and one discarded (a hash mismatch) leave no byte on disk.
func TestWriteAbortLeavesNothing(t *testing.T) {
	errHangUp := errors.New("client hung up")
	tests := []struct {
		name    string
		r       io.Reader
		max     int64
		wantErr error
	}{
		{"hang-up", failing{io.LimitReader(newGenerated(1<<30), 3<<20), errHangUp}, 1 << 30, errHangUp},
		{"too large", newGenerated(5 << 20), 4 << 20, blobstore.ErrTooLarge},
		{"discarded", newGenerated(2 << 20), 4 << 20, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			s, err := blobstore.New(dir)
			if err != nil {
				t.Fatal(err)
			}
			p, err := s.Write(tc.r, tc.max)
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("Write: %v, want %v", err, tc.wantErr)
			}
			if err == nil {
				p.Discard()
			}
			if left := tmpFiles(t, dir); len(left) != 0 {
				t.Fatalf("partial files left: %v", left)
			}
			if stored, _ := filepath.Glob(filepath.Join(dir, "sha256", "*", "*")); len(stored) != 0 {
				t.Fatalf("bytes stored: %v", stored)
			}
		})
	}
}

// BenchmarkWrite2GiB streams a 2 GiB upload (the default limit) to disk:
// allocs/op and B/op are the heap it takes, peak-heap-MiB the most the
// heap held at once (runtime/metrics, sampled around the write).
//
//	go test -run '^$' -bench Write2GiB -benchmem ./market/blobstore
func BenchmarkWrite2GiB(b *testing.B) {
	const size = 2 << 30
	s, err := blobstore.New(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(size)
	b.ReportAllocs()
	done, peakc := make(chan struct{}), make(chan uint64)
	go func() {
		var peak uint64
		sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(sample)
			peak = max(peak, sample[0].Value.Uint64())
			select {
			case <-done:
				peakc <- peak
				return
			case <-tick.C:
			}
		}
	}()
	for i := 0; i < b.N; i++ {
		p, err := s.Write(newGenerated(size), size)
		if err != nil {
			b.Fatal(err)
		}
		p.Discard()
	}
	b.StopTimer()
	close(done)
	b.ReportMetric(float64(<-peakc)/(1<<20), "peak-heap-MiB")
	if st, err := os.ReadFile("/proc/self/status"); err == nil {
		for _, line := range strings.Split(string(st), "\n") {
			if strings.HasPrefix(line, "VmHWM") || strings.HasPrefix(line, "VmRSS") {
				b.Log(line)
			}
		}
	}
}
