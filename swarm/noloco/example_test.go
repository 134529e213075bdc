package noloco_test

import (
	"context"
	"fmt"
	"log"
	"slices"
	"strings"
	"sync"

	"github.com/libp2p/go-libp2p"
	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/peerstore"

	"github.com/axl-market/axl/swarm/model"
	"github.com/axl-market/axl/swarm/noloco"
	"github.com/axl-market/axl/swarm/ree"
	"github.com/axl-market/axl/swarm/train"
)

// Two workers of one replica, each with its own libp2p host on loopback,
// train their shards with an outer step every 4 inner steps and end with
// the same weights.
func ExampleRun() {
	const workers = 2
	cfg := model.Config{VocabSize: 256, MaxSeq: 16, Dim: 16, Layers: 1, Heads: 2, Eps: 1e-5}
	data := train.NewDataset([]byte(strings.Repeat("the quick brown fox jumps over the lazy dog. ", 200)))

	hosts := make([]host.Host, workers)
	var ids []peer.ID
	for i := range hosts {
		h, err := libp2p.New(libp2p.ListenAddrStrings("/ip4/127.0.0.1/tcp/0"))
		if err != nil {
			log.Fatal(err)
		}
		defer h.Close()
		hosts[i], ids = h, append(ids, h.ID())
	}
	for _, h := range hosts {
		for _, o := range hosts {
			h.Peerstore().AddAddrs(o.ID(), o.Addrs(), peerstore.PermanentAddrTTL)
		}
	}

	weights := make([][]float32, workers)
	var wg sync.WaitGroup
	for rank, h := range hosts {
		tp, err := noloco.NewP2P(h, noloco.P2PConfig{Job: "job-1", Rank: rank, Peers: ids, MaxVector: cfg.NumParams()})
		if err != nil {
			log.Fatal(err)
		}
		defer tp.Close()
		m, err := model.Init(cfg, 1)
		if err != nil {
			log.Fatal(err)
		}
		hy := train.DefaultHyper(8, 8)
		hy.Shard, hy.Shards = rank, workers // each worker its own shard
		tr, err := train.New(m, data, hy, ree.NewPool(1))
		if err != nil {
			log.Fatal(err)
		}
		outer := noloco.DefaultParams()
		outer.H = 4
		wg.Go(func() {
			run := noloco.Config{Job: "job-1", Rank: rank, Workers: workers, Outer: outer, Seed: 1}
			if _, err := noloco.Run(context.Background(), run, tr, tp); err != nil {
				log.Fatal(err)
			}
			for _, p := range m.Params {
				weights[rank] = append(weights[rank], p.F...)
			}
		})
	}
	wg.Wait()
	fmt.Println("same weights on both workers:", slices.Equal(weights[0], weights[1]))
	// Output: same weights on both workers: true
}
