package train

import (
	"testing"
	"time"

	"github.com/axl-market/axl/swarm/model"
	"github.com/axl-market/axl/swarm/ree"
)

// BenchmarkTrain measures inner steps of the named configurations on two
// goroutines, in tokens/s, and what hashing the checkpoint after each step
// costs: "hash-%" is the share of a step's time (hash included) spent on it.
func BenchmarkTrain(b *testing.B) {
	for _, name := range []string{"tiny", "small"} {
		b.Run(name, func(b *testing.B) {
			cfg, err := model.ConfigByName(name)
			if err != nil {
				b.Fatal(err)
			}
			m, err := model.Init(cfg, 1)
			if err != nil {
				b.Fatal(err)
			}
			h := DefaultHyper(1000, cfg.MaxSeq)
			tr, err := New(m, NewDataset(corpus()), h, ree.NewPool(2))
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if _, err := tr.Step(); err != nil {
					b.Fatal(err)
				}
			}
			step := b.Elapsed() / time.Duration(b.N)
			b.ReportMetric(float64(h.Batch*h.Seq)/step.Seconds(), "tokens/s")

			const hashes = 10
			start := time.Now()
			for range hashes {
				tr.Checkpoint().Hash()
			}
			hash := time.Since(start) / hashes
			b.ReportMetric(100*hash.Seconds()/step.Seconds(), "hash-%")
		})
	}
}
