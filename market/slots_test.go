package market_test

import (
	"math"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/axl-market/axl/market"
)

// wantKind fails unless err is of kind want ("" for no error) and its
// message holds detail.
func wantKind(t *testing.T, err error, want market.Kind, detail string) {
	t.Helper()
	switch {
	case want == "" && err != nil:
		t.Fatalf("got %v, want no error", err)
	case want == "":
	case err == nil:
		t.Fatalf("got no error, want %s", want)
	case market.ErrorKind(err) != want:
		t.Fatalf("got %s (%v), want %s", market.ErrorKind(err), err, want)
	case !strings.Contains(market.ErrorMessage(err), detail):
		t.Fatalf("message %q does not say %q", market.ErrorMessage(err), detail)
	}
}

func TestClaimCheckStake(t *testing.T) {
	worker, other := market.Address{1}, market.Address{2}
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	claim := market.Claim{ID: "c_1", Slot: 3, Worker: worker, ExpiresAt: now.Add(time.Minute)}
	claimed := market.Slot{Index: 3, State: market.SlotClaimed, Worker: worker}
	confirmed := market.Slot{Index: 3, State: market.SlotConfirmed, Worker: worker}
	for _, tc := range []struct {
		name   string
		signer market.Address
		slot   market.Slot
		now    time.Time
		kind   market.Kind
		detail string
	}{
		{"the worker's own claim in time", worker, claimed, now, "", ""},
		{"the last second of the claim", worker, claimed, claim.ExpiresAt.Add(-time.Second), "", ""},
		{"someone else's claim", other, claimed, now, market.KindForbidden, "is not the signer's"},
		{"a double stake", worker, confirmed, now, market.KindConflict, "staked already"},
		{"someone else's claim on a staked slot", other, confirmed, now, market.KindForbidden, "is not the signer's"},
		{"an expired claim", worker, claimed, claim.ExpiresAt, market.KindExpired, "expired at"},
		{"long expired", worker, claimed, now.Add(time.Hour), market.KindExpired, "expired at"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wantKind(t, claim.CheckStake(tc.signer, tc.slot, tc.now), tc.kind, tc.detail)
		})
	}
}

func TestJobCheckClaimant(t *testing.T) {
	job := market.Job{Token: market.TokenUSDC, StakePerSlot: big.NewInt(50)}
	for _, tc := range []struct {
		balance int64
		kind    market.Kind
	}{{0, market.KindConflict}, {49, market.KindConflict}, {50, ""}, {1 << 40, ""}} {
		wantKind(t, job.CheckClaimant(big.NewInt(tc.balance)), tc.kind, "a claim needs the stake at hand")
	}
}

func TestJobCheckFits(t *testing.T) {
	job := market.Job{SlotMemory: 3 << 30}
	for _, tc := range []struct {
		name   string
		memory int64
		kind   market.Kind
	}{
		{"not said", 0, ""},
		{"a byte short", 3<<30 - 1, market.KindInfeasible},
		{"exactly", 3 << 30, ""},
		{"more", 8 << 30, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wantKind(t, job.CheckFits(market.Worker{Memory: tc.memory}), tc.kind, "more than the")
		})
	}
}

func TestWorkerCheckRegistration(t *testing.T) {
	ok := market.Worker{PeerID: "12D3KooWJWoaqZhDaoEFshF7Rh1bpY9ohihFhzcW6d69Lr2NASuq", Multiaddrs: []string{"/ip4/127.0.0.1/tcp/4001"}, Capacity: 2}
	for _, tc := range []struct {
		name   string
		change func(*market.Worker)
		detail string
	}{
		{"valid", func(*market.Worker) {}, ""},
		{"a peer id with 0 (not base58)", func(w *market.Worker) { w.PeerID = "0" + w.PeerID[1:] }, "peer_id"},
		{"a short peer id", func(w *market.Worker) { w.PeerID = w.PeerID[:20] }, "peer_id"},
		{"no address", func(w *market.Worker) { w.Multiaddrs = nil }, "multiaddrs"},
		{"too many addresses", func(w *market.Worker) {
			w.Multiaddrs = make([]string, market.MaxMultiaddrs+1)
			for i := range w.Multiaddrs {
				w.Multiaddrs[i] = "/ip4/127.0.0.1/tcp/1"
			}
		}, "multiaddrs"},
		{"a URL for an address", func(w *market.Worker) { w.Multiaddrs = []string{"http://evil/"} }, "multiaddr"},
		{"an address with //", func(w *market.Worker) { w.Multiaddrs = []string{"/ip4//tcp/1"} }, "multiaddr"},
		{"a huge address", func(w *market.Worker) { w.Multiaddrs = []string{"/" + strings.Repeat("a", 256)} }, "multiaddr"},
		{"no capacity", func(w *market.Worker) { w.Capacity = 0 }, "capacity"},
		{"too much capacity", func(w *market.Worker) { w.Capacity = market.MaxWorkerCapacity + 1 }, "capacity"},
		{"memory and threads said", func(w *market.Worker) { w.Memory, w.Threads = 4<<30, 8 }, ""},
		{"negative memory", func(w *market.Worker) { w.Memory = -1 }, "memory"},
		{"too many threads", func(w *market.Worker) { w.Threads = market.MaxWorkerThreads + 1 }, "threads"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := ok
			tc.change(&w)
			kind := market.KindInvalid
			if tc.detail == "" {
				kind = ""
			}
			wantKind(t, w.CheckRegistration(), kind, tc.detail)
		})
	}
}

func TestProgressChecks(t *testing.T) {
	job := market.Job{Steps: 100}
	for _, tc := range []struct {
		name   string
		p      market.Progress
		detail string
	}{
		{"valid", market.Progress{Step: 100, Loss: 2.3, ValidationLoss: 2.4, TokensPerSecond: 10}, ""},
		{"zero", market.Progress{}, ""},
		{"NaN loss", market.Progress{Loss: math.NaN()}, "loss"},
		{"infinite loss", market.Progress{Loss: math.Inf(1)}, "loss"},
		{"negative loss", market.Progress{Loss: -1}, "loss"},
		{"NaN validation loss", market.Progress{Loss: 2, ValidationLoss: math.NaN()}, "validation_loss"},
		{"infinite validation loss", market.Progress{Loss: 2, ValidationLoss: math.Inf(1)}, "validation_loss"},
		{"negative validation loss", market.Progress{Loss: 2, ValidationLoss: -0.5}, "validation_loss"},
		{"negative throughput", market.Progress{TokensPerSecond: -1}, "tokens_per_second"},
		{"infinite throughput", market.Progress{TokensPerSecond: math.Inf(-1)}, "tokens_per_second"},
		{"a step beyond the job", market.Progress{Step: 101}, "beyond the job's 100 steps"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.p.CheckValues()
			if err == nil {
				err = tc.p.CheckStep(job)
			}
			kind := market.KindInvalid
			if tc.detail == "" {
				kind = ""
			}
			wantKind(t, err, kind, tc.detail)
		})
	}
}

// TestFinalValidationLoss: the loss the slots that delivered the result's
// weights reported after their run, only when they agree; never a value a
// slot that delivered other weights, or none, reported.
func TestFinalValidationLoss(t *testing.T) {
	weights, other := market.Hash{1}, market.Hash{2}
	slot := func(w market.Hash, partial bool, step uint32, loss float64) market.SlotReport {
		return market.SlotReport{Reveal: &market.Reveal{Weights: market.ArtifactID(w), Partial: partial},
			Progress: &market.Progress{Step: step, ValidationLoss: loss}}
	}
	unrevealed := market.SlotReport{Progress: &market.Progress{Step: 8, ValidationLoss: 0.1}}
	for _, tc := range []struct {
		name  string
		slots []market.SlotReport
		loss  float64
		ok    bool
	}{
		{"the deliverers agree", []market.SlotReport{slot(weights, false, 8, 1.5), slot(weights, false, 8, 1.5)}, 1.5, true},
		{"others say otherwise", []market.SlotReport{slot(weights, false, 8, 1.5), slot(other, false, 8, 0.1),
			slot(weights, true, 4, 0.2), unrevealed}, 1.5, true},
		{"the deliverers disagree", []market.SlotReport{slot(weights, false, 8, 1.5), slot(weights, false, 8, 1.25)}, 0, false},
		{"a deliverer's last report is not the run's end", []market.SlotReport{slot(weights, false, 8, 1.5), slot(weights, false, 4, 1.5)}, 0, false},
		{"a deliverer reported nothing", []market.SlotReport{slot(weights, false, 8, 1.5), {Reveal: &market.Reveal{Weights: market.ArtifactID(weights)}}}, 0, false},
		{"nobody delivered the weights", []market.SlotReport{slot(other, false, 8, 1.5), unrevealed}, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			loss, ok := market.FinalValidationLoss(tc.slots, weights, 8)
			if loss != tc.loss || ok != tc.ok {
				t.Fatalf("FinalValidationLoss = %v, %v; want %v, %v", loss, ok, tc.loss, tc.ok)
			}
		})
	}
}

func TestRevealChecks(t *testing.T) {
	job, worker, thief := market.Hash{7}, market.Address{1}, market.Address{2}
	root, salt := market.Hash{8}, market.Hash{9}
	c := market.Commitment(job, worker, root, salt)
	committed := market.SlotReport{Slot: 1, Worker: worker, Commitment: &c}
	full := market.Reveal{TraceRoot: root, Salt: salt, Leaves: 5, Weights: market.ArtifactID{3}}
	partial := market.Reveal{TraceRoot: root, Salt: salt, Leaves: 2, Partial: true}
	proof := []market.Hash{{1}, {2}}
	with := func(r market.Reveal, f func(*market.Reveal)) market.Reveal { f(&r); return r }
	for _, tc := range []struct {
		name   string
		r      market.Reveal
		proof  []market.Hash
		slot   market.SlotReport
		by     market.Address
		kind   market.Kind
		detail string
	}{
		{"a full reveal", full, proof, committed, worker, "", ""},
		{"a partial reveal", partial, nil, committed, worker, "", ""},
		{"a partial reveal with weights", with(partial, func(r *market.Reveal) { r.Weights = market.ArtifactID{3} }), nil, committed, worker, market.KindInvalid, "partial reveal delivers no weights"},
		{"a partial reveal with a proof", partial, proof, committed, worker, market.KindInvalid, "partial reveal delivers no weights"},
		{"no leaves", with(full, func(r *market.Reveal) { r.Leaves = 0 }), proof, committed, worker, market.KindInvalid, "leaves"},
		{"a proof deeper than a trace tree", full, make([]market.Hash, market.MaxTraceDepth+1), committed, worker, market.KindInvalid, "at most 64 deep"},
		{"nothing committed", full, proof, market.SlotReport{Slot: 1, Worker: worker}, worker, market.KindConflict, "did not commit"},
		{"another salt", with(full, func(r *market.Reveal) { r.Salt = market.Hash{10} }), proof, committed, worker, market.KindInvalid, "do not open"},
		{"another root", with(full, func(r *market.Reveal) { r.TraceRoot = market.Hash{10} }), proof, committed, worker, market.KindInvalid, "do not open"},
		// A commitment names its worker: a copy cannot be opened by the copier.
		{"a copied commitment", full, proof, market.SlotReport{Slot: 2, Worker: thief, Commitment: &c}, thief, market.KindInvalid, "do not open"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.r.CheckForm(tc.proof)
			if err == nil {
				err = tc.r.CheckOpens(tc.slot, job, tc.by)
			}
			wantKind(t, err, tc.kind, tc.detail)
		})
	}
}
