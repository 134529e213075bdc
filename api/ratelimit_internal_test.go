package api

import (
	"net/http"
	"strconv"
	"testing"
	"time"
)

func TestParseBucket(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in   string
		want Bucket
		bad  bool
	}{
		{in: "600/1m", want: Bucket{N: 600, Per: time.Minute}},
		{in: "2147483648/1h", want: Bucket{N: 2 << 30, Per: time.Hour}},
		{in: "off", want: Bucket{}},
		{in: "0", want: Bucket{}},
		{in: "600", bad: true},
		{in: "-1/1m", bad: true},
		{in: "10/0s", bad: true},
		{in: "10/fortnight", bad: true},
	} {
		got, err := ParseBucket(tc.in)
		if (err != nil) != tc.bad || got != tc.want {
			t.Errorf("ParseBucket(%q) = %+v, %v; want %+v, bad %v", tc.in, got, err, tc.want, tc.bad)
		}
		if !tc.bad && tc.in != "0" {
			if again, err := ParseBucket(got.String()); err != nil || again != got {
				t.Errorf("%q: String %q reads back as %+v, %v", tc.in, got.String(), again, err)
			}
		}
	}
}

func TestClientIP(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ remote, want string }{
		{"192.0.2.7:5555", "192.0.2.7"},
		{"[::ffff:192.0.2.7]:5555", "192.0.2.7"},
		// One /64 is one client: its holder has 2^64 addresses.
		{"[2001:db8:1:2:aaaa::1]:443", "2001:db8:1:2::/64"},
		{"[2001:db8:1:2:ffff:ffff:ffff:ffff]:443", "2001:db8:1:2::/64"},
		{"[2001:db8:1:3::1]:443", "2001:db8:1:3::/64"},
	} {
		if got := clientIP(&http.Request{RemoteAddr: tc.remote}); got != tc.want {
			t.Errorf("clientIP(%q) = %q, want %q", tc.remote, got, tc.want)
		}
	}
}

// TestBucketsStayBounded: a million fresh keys leave at most max buckets,
// and a key that keeps coming stays limited among them.
func TestBucketsStayBounded(t *testing.T) {
	t.Parallel()
	const max = 1000
	bs := newBuckets("address", "requests", Bucket{N: 1, Per: time.Hour}, max)
	now := time.Unix(1_800_000_000, 0)
	if ok, _, _ := bs.take("abuser", 1, now); !ok {
		t.Fatal("a fresh key is refused")
	}
	for i := range 1_000_000 {
		if ok, _, _ := bs.take(strconv.Itoa(i), 1, now); !ok {
			t.Fatalf("fresh key %d refused", i)
		}
		if i%(max/2) == 0 {
			if ok, wait, _ := bs.take("abuser", 1, now); ok || wait != time.Hour {
				t.Fatalf("after %d fresh keys the abuser is let through (ok %v, wait %s)", i, ok, wait)
			}
		}
	}
	if n := bs.len(); n > max {
		t.Fatalf("%d buckets kept, want at most %d", n, max)
	}
	// More than the bucket holds is never granted, and says when it is full.
	if ok, wait, _ := bs.take("big", 2, now); ok || wait != time.Hour {
		t.Fatalf("2 tokens of a bucket of 1: ok %v, wait %s", ok, wait)
	}
}
