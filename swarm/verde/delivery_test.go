package verde_test

import (
	"bytes"
	"context"
	"github.com/axl-market/axl/swarm/train"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/axl-market/axl/swarm/jobplan"
	"github.com/axl-market/axl/swarm/model"
	"github.com/axl-market/axl/swarm/noloco"
	"github.com/axl-market/axl/swarm/ree"
	"github.com/axl-market/axl/swarm/verde"
)

// delivered runs replica 0 of the game's job in memory and returns rank
// 0's delivery: its trace's root and leaves, its weights file and the
// proof of its last leaf.
func delivered(t *testing.T) verde.Delivery {
	t.Helper()
	d, _ := deliveredOf(t, gamePlan)
	return d
}

// deliveredOf is delivered for a job of plan, with rank 0's trainer.
func deliveredOf(t *testing.T, gamePlan jobplan.Plan) (verde.Delivery, *train.Trainer) {
	t.Helper()
	net, err := noloco.NewMemNetwork(gameJob, 0, gamePlan.Workers)
	if err != nil {
		t.Fatal(err)
	}
	var (
		wg       sync.WaitGroup
		traces   = make([][]noloco.TraceEntry, gamePlan.Workers)
		models   = make([]*model.Model, gamePlan.Workers)
		trainers = make([]*train.Trainer, gamePlan.Workers)
		errs     = make([]error, gamePlan.Workers)
	)
	for rank := range gamePlan.Workers {
		tr, err := gamePlan.Trainer(gameBase, train.NewDataset(gameData), rank, ree.NewPool(1))
		if err != nil {
			t.Fatal(err)
		}
		cfg := gamePlan.NoLoCo(gameJob, 0, rank)
		cfg.Timeout = 30 * time.Second
		trainers[rank] = tr
		wg.Go(func() {
			res, err := noloco.Run(context.Background(), cfg, tr, net.Transport(rank))
			if err == nil {
				traces[rank] = res.Trace
				models[rank], err = tr.Merged()
			}
			errs[rank] = err
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	tree, err := verde.TraceTree(traces[0])
	if err != nil {
		t.Fatal(err)
	}
	proof, err := tree.Proof(tree.Len() - 1)
	if err != nil {
		t.Fatal(err)
	}
	var w bytes.Buffer
	if err := model.Encode(&w, models[0]); err != nil {
		t.Fatal(err)
	}
	return verde.Delivery{Root: tree.Root(), Leaves: tree.Len(), Weights: w.Bytes(), FinalProof: proof}, trainers[0]
}

// TestCheckDeliveryOfALoRA: a LoRA job delivers the base model merged with
// the final adapter, which opens the trace's last leaf; the base model
// alone, or merged with an adapter other than the trace's, does not.
func TestCheckDeliveryOfALoRA(t *testing.T) {
	t.Parallel()
	plan := gamePlan
	plan.Method = train.Method{Name: train.MethodLoRA, LoRA: model.LoRA{R: 2, Alpha: 4, Targets: []string{"c_attn", "c_fc"}}}
	d, tr := deliveredOf(t, plan)
	if err := verde.CheckDelivery(gameJob, plan, 0, 0, gameBase, d); err != nil {
		t.Fatalf("the honest LoRA delivery: %v", err)
	}
	other := tr.Adapter().Clone()
	other.Params[1].F[0] += 1e-3 // lora_B of the first module
	m, err := other.Merge(ree.NewPool(1), tr.Model())
	if err != nil {
		t.Fatal(err)
	}
	var w bytes.Buffer
	if err := model.Encode(&w, m); err != nil {
		t.Fatal(err)
	}
	for name, weights := range map[string][]byte{"the base model": gameBase, "another adapter merged": w.Bytes()} {
		bad := d
		bad.Weights = weights
		if err := verde.CheckDelivery(gameJob, plan, 0, 0, gameBase, bad); err == nil || !strings.Contains(err.Error(), "do not open the last leaf") {
			t.Errorf("%s as the weights: %v", name, err)
		}
	}
}

// TestCheckDelivery: the weights a worker delivers open its trace's last
// leaf; other weights (the untrained base model, say), a re-encoded file,
// a trace of another length, a file that is no model, another
// architecture's model, or a forged proof are refused with what is wrong.
func TestCheckDelivery(t *testing.T) {
	t.Parallel()
	d := delivered(t)
	if err := verde.CheckDelivery(gameJob, gamePlan, 0, 0, gameBase, d); err != nil {
		t.Fatalf("the honest delivery: %v", err)
	}
	m, err := model.Parse(d.Weights)
	if err != nil {
		t.Fatal(err)
	}
	var reencoded bytes.Buffer
	if err := model.WriteSafetensors(&reencoded, m.Params, map[string]string{"format": "pt", "axl.config": mustConfig(t, m),
		"note": "same weights, other bytes"}); err != nil {
		t.Fatal(err)
	}
	other, err := model.Init(model.Config{VocabSize: 256, MaxSeq: 16, Dim: 8, Layers: 1, Heads: 2, Eps: 1e-5}, 1)
	if err != nil {
		t.Fatal(err)
	}
	var otherArch bytes.Buffer
	if err := model.Encode(&otherArch, other); err != nil {
		t.Fatal(err)
	}
	forged := append([]verde.Hash(nil), d.FinalProof...)
	forged[0][0] ^= 1
	tests := []struct {
		name string
		edit func(d *verde.Delivery)
		want string
	}{
		{"the base model as weights", func(d *verde.Delivery) { d.Weights = gameBase }, "do not open the last leaf"},
		{"the same weights re-encoded", func(d *verde.Delivery) { d.Weights = reencoded.Bytes() }, "canonical encoding"},
		{"a trace of another length", func(d *verde.Delivery) { d.Leaves-- }, "leaves"},
		{"no model", func(d *verde.Delivery) { d.Weights = []byte("sixteen floats..") }, "not a model"},
		{"another architecture", func(d *verde.Delivery) { d.Weights = otherArch.Bytes() }, "another architecture"},
		{"a forged proof", func(d *verde.Delivery) { d.FinalProof = forged }, "do not open the last leaf"},
		{"no proof", func(d *verde.Delivery) { d.FinalProof = nil }, "do not open the last leaf"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			bad := d
			tc.edit(&bad)
			err := verde.CheckDelivery(gameJob, gamePlan, 0, 0, gameBase, bad)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err %v, want %q", err, tc.want)
			}
		})
	}
}

func mustConfig(t *testing.T, m *model.Model) string {
	t.Helper()
	b, err := model.HFConfigJSON(m.Config)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
