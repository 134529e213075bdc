package alloctest

import "testing"

var sink []byte

func TestBytes(t *testing.T) {
	tests := []struct {
		name     string
		size     int
		min, max uint64
	}{
		{"nothing", 0, 0, 1 << 20},
		{"64 MiB", 64 << 20, 64 << 20, 65 << 20},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Bytes(func() {
				if tc.size > 0 {
					sink = make([]byte, tc.size)
				}
			})
			if got < tc.min || got > tc.max {
				t.Fatalf("%d bytes counted, want [%d, %d]", got, tc.min, tc.max)
			}
		})
	}
}
