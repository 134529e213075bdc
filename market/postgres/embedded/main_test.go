package embedded_test

import (
	"os"
	"testing"

	"github.com/axl-market/axl/market/postgres/pgtest"
)

// TestMain runs the tests by pgtest.Run, whose TMPDIR goes with the test
// binary, killed or not.
func TestMain(m *testing.M) { os.Exit(pgtest.Run(m)) }
