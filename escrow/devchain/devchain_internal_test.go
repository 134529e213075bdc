package devchain

import (
	"bytes"
	"strings"
	"testing"
)

// TestDevChainRefusesOtherContractCode: a reopened chain whose escrow was
// deployed from other code than this build's (older sources) is refused,
// saying what to remove, rather than misread by these bindings.
func TestDevChainRefusesOtherContractCode(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	c, err := Start(ctx, Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	if err := c.checkDeployed(ctx, creationCodes()); err != nil {
		t.Fatalf("this build's deployment refused: %v", err)
	}
	codes := creationCodes()
	codes[2] = bytes.Clone(codes[2])
	codes[2][len(codes[2])-1] ^= 1
	err = c.checkDeployed(ctx, codes)
	if err == nil || !strings.Contains(err.Error(), "other contract code") || !strings.Contains(err.Error(), c.Addresses.Escrow.Hex()) {
		t.Fatalf("escrow deployed from other code: %v, want it refused naming %s", err, c.Addresses.Escrow)
	}
}
