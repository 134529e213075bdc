package clocktest_test

import (
	"testing"
	"time"

	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/market/clocktest"
)

func TestClockMovesOnlyWhenTold(t *testing.T) {
	start := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	var c market.Clock = clocktest.New(start)
	if !c.Now().Equal(start) {
		t.Fatalf("Now %v, want %v", c.Now(), start)
	}
	clk := c.(*clocktest.Clock)
	if got := clk.Add(90 * time.Second); !got.Equal(start.Add(90*time.Second)) || !c.Now().Equal(got) {
		t.Fatalf("after Add: %v, Now %v", got, c.Now())
	}
	clk.Set(start)
	if !c.Now().Equal(start) {
		t.Fatalf("after Set: %v", c.Now())
	}
}
