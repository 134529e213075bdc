package market

import "context"

// MarketStats are the market's counters, which anyone may read.
type MarketStats struct {
	// IntentsByState counts the intents of every buyer, per state.
	IntentsByState map[IntentState]int64
	// Workers counts the registered workers.
	Workers int64
	// OpenJobs counts the jobs listed with free slots.
	OpenJobs int64
	// ChainHead is the last block the server's watcher applied: the chain
	// as the market has read it (zero before any).
	ChainHead uint64
}

// MarketView is what anyone may read of the market as a whole, whoever
// bought: its counters and its intents. What of an intent is public is
// the API's to choose; the view returns whole intents.
type MarketView interface {
	// MarketStats counts intents, workers and open jobs, and reads the
	// applied chain head.
	MarketStats(ctx context.Context) (MarketStats, error)
	// RecentIntents lists the intents of all buyers, newest first, after the
	// cursor (the id of the last intent of the previous page); has-more is
	// reported.
	RecentIntents(ctx context.Context, after *Hash, limit int) ([]Intent, bool, error)
}
