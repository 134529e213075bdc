package market_test

import (
	"bytes"
	"testing"

	"github.com/axl-market/axl/market"
)

// TestCommitmentVector pins the commitment formula of the contract, as
// the server and the workers compute it:
// sha256("axl-verde-commit/1" ‖ job ‖ worker ‖ root ‖ salt), here of
// job = 32 × 0x11, worker = 20 × 0x22, root = 32 × 0x33, salt = 32 × 0x44
// (computed independently with Python's hashlib).
func TestCommitmentVector(t *testing.T) {
	t.Parallel()
	var job, root, salt market.Hash
	var worker market.Address
	copy(job[:], bytes.Repeat([]byte{0x11}, 32))
	copy(worker[:], bytes.Repeat([]byte{0x22}, 20))
	copy(root[:], bytes.Repeat([]byte{0x33}, 32))
	copy(salt[:], bytes.Repeat([]byte{0x44}, 32))
	want, _ := market.ParseHash("0x7734753616e39932d27844279779b3e4079adf1a9c06722684600a5f8276e7aa")
	rv := market.Reveal{TraceRoot: root, Salt: salt}
	if got := market.Commitment(job, worker, root, salt); got != want {
		t.Fatalf("commitment %s, want %s", got, want)
	}
	if !rv.Opens(want, job, worker) {
		t.Fatal("the commitment does not open with its own root and salt")
	}
	var copier market.Address
	if rv.Opens(want, job, copier) {
		t.Fatal("another worker opened the commitment")
	}
}
