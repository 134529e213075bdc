package market

import (
	"context"
	"log/slog"
	"time"
)

// Retention is how long the records that requests leave behind are kept
// before the server's janitor prunes them, so that the tables stay flat
// under any sustained load. Zero fields take DefaultRetention's.
type Retention struct {
	// Quotes is how long an unused quote is kept past its expiry (a used
	// quote lives as long as its intent, which references it).
	Quotes time.Duration
	// Idempotency is how long a stored Idempotency-Key response is kept
	// after the request; a retry later than this is a new request.
	Idempotency time.Duration
	// Progress is how long a worker's progress events stay in an intent's
	// event log; the slot keeps its latest progress regardless.
	Progress time.Duration
	// Artifacts is how long an upload that no intent uses is kept.
	Artifacts time.Duration
	// Workers is how long a registration that never held a slot is kept
	// after its last update (a worker refused as unknown registers again).
	Workers time.Duration
}

// DefaultRetention is the retention of a default server.
var DefaultRetention = Retention{
	Quotes:      24 * time.Hour,
	Idempotency: 24 * time.Hour,
	Progress:    72 * time.Hour,
	Artifacts:   24 * time.Hour,
	Workers:     24 * time.Hour,
}

// WithDefaults returns r with each zero field set to its default.
func (r Retention) WithDefaults() Retention {
	d := DefaultRetention
	if r.Quotes <= 0 {
		r.Quotes = d.Quotes
	}
	if r.Idempotency <= 0 {
		r.Idempotency = d.Idempotency
	}
	if r.Progress <= 0 {
		r.Progress = d.Progress
	}
	if r.Artifacts <= 0 {
		r.Artifacts = d.Artifacts
	}
	if r.Workers <= 0 {
		r.Workers = d.Workers
	}
	return r
}

// Pruned counts what one pass of the janitor removed.
type Pruned struct {
	Nonces, Quotes, Idempotency, Progress, Workers int64
	// Artifacts counts the removed artifact records (one per owner).
	Artifacts int64
	// Blobs are the artifacts no owner holds any more: their bytes can go.
	Blobs []ArtifactID
}

// Pruner is the store's side of retention.
type Pruner interface {
	// Prune removes, as of now: replay digests whose window closed, unused
	// quotes, idempotency records, progress events and registrations of
	// workers that never held a slot past r, and the
	// records of artifacts that no intent, open quote or delivery uses and
	// that are older than r.Artifacts.
	Prune(ctx context.Context, r Retention, now time.Time) (Pruned, error)
	// StoredBytes is the size of owner's artifacts that nothing uses (as
	// of now): what an address may store for free, which a quota bounds.
	StoredBytes(ctx context.Context, owner Address, now time.Time) (int64, error)
	// ArtifactKept reports whether any owner's record of id remains: the
	// janitor keeps the bytes of such an artifact.
	ArtifactKept(ctx context.Context, id ArtifactID) (bool, error)
	// Usage is what the store holds, for metrics.
	Usage(ctx context.Context) (Usage, error)
}

// Usage is the space the marketplace's records take.
type Usage struct {
	ArtifactBytes int64 // each distinct artifact once
	DatabaseBytes int64
}

// BlobRemover removes the bytes of an artifact unless kept says they are
// still recorded (blobstore.Store).
type BlobRemover interface {
	Remove(id ArtifactID, kept func() (bool, error)) (bool, error)
}

// Janitor applies a Retention on a schedule: it prunes the store, then
// removes the bytes of the artifacts that no owner holds any more.
type Janitor struct {
	Store     Pruner
	Blobs     BlobRemover
	Clock     Clock
	Retention Retention
	// Every is the time between passes (DefaultJanitorEvery when zero).
	Every  time.Duration
	Logger *slog.Logger
}

// DefaultJanitorEvery is how often a default janitor passes.
const DefaultJanitorEvery = time.Minute

// Pass prunes once, as of the clock's now.
func (j *Janitor) Pass(ctx context.Context) (Pruned, error) {
	p, err := j.Store.Prune(ctx, j.Retention, j.Clock.Now())
	if err != nil {
		return p, err
	}
	for _, id := range p.Blobs {
		if _, err := j.Blobs.Remove(id, func() (bool, error) { return j.Store.ArtifactKept(ctx, id) }); err != nil {
			return p, err
		}
	}
	return p, nil
}

// Run passes at once, then every Every until ctx ends, logging what it
// removed and what failed (a failed pass is tried again at the next tick).
func (j *Janitor) Run(ctx context.Context) {
	every := j.Every
	if every <= 0 {
		every = DefaultJanitorEvery
	}
	log := j.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	Every(ctx, every, log, "janitor: prune failed", func(ctx context.Context) error {
		p, err := j.Pass(ctx)
		if err == nil && p.Quotes+p.Idempotency+p.Progress+p.Workers+p.Artifacts > 0 {
			log.InfoContext(ctx, "janitor: pruned", "nonces", p.Nonces, "quotes", p.Quotes, "idempotency", p.Idempotency,
				"progress_events", p.Progress, "workers", p.Workers, "artifacts", p.Artifacts, "blobs", len(p.Blobs))
		}
		return err
	})
}
