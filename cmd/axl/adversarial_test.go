package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/axl-market/axl/api"
	"github.com/axl-market/axl/api/wire"
	"github.com/axl-market/axl/escrow"
	"github.com/axl-market/axl/market"
)

// adversaryConfig is the demo, sized for tests: 2 workers x 2 replicas of
// the tiny model for 16 steps, short deadlines for the phases after the run.
func adversaryConfig(t *testing.T) demoConfig {
	t.Helper()
	return demoConfig{steps: 16, workers: 2, replicas: 2, inner: 4, workerPoll: 200 * time.Millisecond,
		serve: serveConfig{addr: "127.0.0.1:0", dataDir: serveDir(t), quoteTTL: 10 * time.Minute,
			maxArtifact: api.DefaultConfig.MaxArtifactSize, chainPoll: 300 * time.Millisecond, claimTTL: 2 * time.Minute,
			challengeWindow: time.Minute, rules: testRules,
			questionTimeout: 30 * time.Second, spotChecks: 2}}
}

// startAdversaries starts the demo's server on c for one test, stopped
// when the test ends, and returns it with the test's context, bounded by
// limit.
func startAdversaries(t *testing.T, c demoConfig, limit time.Duration) (*demoEnv, context.Context) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), limit)
	t.Cleanup(cancel)
	d, stop, err := startDemo(ctx, &environment{stdout: io.Discard, stderr: io.Discard}, c)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	return d, ctx
}

// testRules are the rulebook's phases sized for tests: the tiny model's
// work at 10⁹ FLOP/s (about what a worker reaches here with four of them
// on two cores; raceSlowdown times less under the race detector) and 100
// MB/s of gossip, 30 seconds of margin, 30 seconds to reveal.
var testRules = market.Rules{WorkerFLOPS: 1e9 / raceSlowdown, WorkerBandwidth: 1e8, CommitMargin: 30 * time.Second,
	Reveal: 30 * time.Second, Settle: 5 * time.Minute, RetryAfter: 5 * time.Second}

// replicaOf returns the workers of each replica of a finished intent.
func replicaOf(rc receipt) map[uint32][]common.Address {
	out := map[uint32][]common.Address{}
	for _, s := range rc.Intent.Slots {
		out[s.Replica] = append(out[s.Replica], common.HexToAddress(s.Worker))
	}
	return out
}

// TestAdversaries runs, on one server, an honest job and five jobs each
// with one dishonest worker: one that perturbs an inner step, one that
// skips steps and replays an old state, one that gossips a message its own
// state does not back, one that copies another replica's commitment, one
// that stops answering the referee. Each ends with the cheat slashed, the
// honest replica paid, and the buyer holding the honest weights: the very
// file of the honest job, its sha256 the hash of the on-chain release.
func TestAdversaries(t *testing.T) {
	t.Parallel()
	c := adversaryConfig(t)
	d, ctx := startAdversaries(t, c, 25*time.Minute)

	type result struct {
		cheat string
		rc    receipt
		out   chainOutcome
		err   error
	}
	// Two jobs at a time, each with four dev workers and a dev agent of its own.
	pairs := [][2]string{{"", "perturb"}, {"replay", "gossip"}, {"copy", "silent"}}
	results := map[string]result{}
	for _, pair := range pairs {
		ch := make(chan result, 2)
		for i, cheat := range pair {
			go func() {
				rc, out, err := d.run(ctx, cheat, 4*i, i)
				ch <- result{cheat, rc, out, err}
			}()
		}
		for range pair {
			r := <-ch
			name := r.cheat
			if name == "" {
				name = "honest"
			}
			results[name] = r
		}
	}
	honest, ok := results["honest"]
	if !ok || honest.err != nil {
		t.Fatalf("the honest job: %v (logs in %s)", honest.err, c.serve.dataDir)
	}
	if len(honest.out.Slashed) != 0 || len(honest.out.Paid) != 4 {
		t.Fatalf("honest job: paid %v, slashed %v; want all four paid, none slashed", honest.out.Paid, honest.out.Slashed)
	}
	for _, cheat := range []string{"perturb", "replay", "gossip", "copy", "silent"} {
		t.Run(cheat, func(t *testing.T) {
			r, ok := results[cheat]
			if !ok {
				t.Fatal("no result")
			}
			if r.err != nil {
				t.Fatalf("%v (logs in %s)", r.err, c.serve.dataDir)
			}
			if r.rc.SHA256 != honest.rc.SHA256 {
				t.Fatalf("the buyer holds weights %s, the honest job's are %s", r.rc.SHA256, honest.rc.SHA256)
			}
			if len(r.out.Slashed) != 1 || !r.out.Slashed[r.out.Cheat] {
				t.Fatalf("slashed %v, want exactly the cheat %s", r.out.Slashed, r.out.Cheat.Hex())
			}
			// Every other worker is paid: the honest replica, and the cheat's
			// partner, who did its work on a placement it did not choose.
			if len(r.out.Paid) != 3 || r.out.Paid[r.out.Cheat] {
				t.Fatalf("paid %v, want the three workers other than the cheat %s", r.out.Paid, r.out.Cheat.Hex())
			}
			for _, ws := range replicaOf(r.rc) {
				for _, w := range ws {
					if w != r.out.Cheat && !r.out.Paid[w] {
						t.Fatalf("honest worker %s not paid (paid %v)", w.Hex(), r.out.Paid)
					}
				}
			}
			if cheat != "copy" && len(r.rc.Disputes) == 0 {
				t.Fatal("no dispute transcript published")
			}
			for _, ds := range r.rc.Disputes {
				if ds.State != "ruled" || len(ds.Transcript) == 0 || len(ds.Ruling) == 0 {
					t.Fatalf("dispute %d: state %s, transcript %d bytes, ruling %s", ds.ID, ds.State, len(ds.Transcript), ds.Ruling)
				}
				var cost struct {
					Rounds int     `json:"rounds"`
					Bytes  int64   `json:"bytes"`
					FLOPs  float64 `json:"flops"`
				}
				if err := json.Unmarshal(ds.Transcript, &cost); err != nil {
					t.Fatalf("dispute %d transcript: %v", ds.ID, err)
				}
				t.Logf("dispute %d (rank %d): %d questions, %d bytes of answers, %.3g FLOPs recomputed", ds.ID, ds.Rank,
					cost.Rounds, cost.Bytes, cost.FLOPs)
			}
		})
	}
}

// TestEarlyCommitAttack is finding 1 of the Verde-gate issue: in a job of
// one worker × two replicas, a staked worker commits to a random trace the
// moment the job is assigned, delivers the untrained base model and
// answers nothing. Its commitment no longer ends the honest slot's commit
// phase (which lasts the job's allowance from the assignment): the honest
// worker commits in time, the replicas differ, the silent attacker loses
// the game, the honest replica, alone, passes its spot checks, and the
// buyer holds its weights. The attacker is slashed, the honest worker paid.
func TestEarlyCommitAttack(t *testing.T) {
	t.Parallel()
	c := adversaryConfig(t)
	c.workers, c.replicas = 1, 2
	d, ctx := startAdversaries(t, c, 15*time.Minute)
	rc, out, err := d.run(ctx, "early", 0, 0)
	if err != nil {
		t.Fatalf("%v (logs in %s)", err, c.serve.dataDir)
	}
	var honest common.Address
	for _, s := range rc.Intent.Slots {
		if w := common.HexToAddress(s.Worker); w != out.Cheat {
			honest = w
		}
	}
	buyer := common.HexToAddress(rc.Intent.Buyer)
	logBalances(ctx, t, d, map[string]common.Address{"attacker": out.Cheat, "honest worker": honest, "buyer": buyer})
	if len(out.Slashed) != 1 || !out.Slashed[out.Cheat] {
		t.Fatalf("slashed %v, want exactly the attacker %s", out.Slashed, out.Cheat.Hex())
	}
	if len(out.Paid) != 1 || !out.Paid[honest] {
		t.Fatalf("paid %v, want exactly the honest worker %s", out.Paid, honest.Hex())
	}
	if out.Released != rc.SHA256 {
		t.Fatalf("released %s, the buyer holds %s", out.Released, rc.SHA256)
	}
	spot, game := 0, 0
	for _, ds := range rc.Disputes {
		if len(ds.Slots) == 1 {
			spot++
		} else {
			game++
		}
	}
	if game != 1 || spot != 1 {
		t.Fatalf("%d games and %d spot checks, want the game the attacker lost and the honest slot's spot check", game, spot)
	}
	// The base model is what the attacker delivered: the buyer's weights
	// are trained ones.
	if "sha256:"+rc.SHA256 == rc.Intent.Spec.BaseModel {
		t.Fatal("the buyer holds the untrained base model")
	}
}

// logBalances prints and returns what the escrow gave each party in the
// job's token: what it still owes (withdrawable) plus what it paid out
// (its Withdrawn events: the server's payout of a settled intent, which
// may or may not have been mined yet when this reads). Both are read at
// one block, so that a payout mined meanwhile is counted once. The chain
// is the test's own, so every Withdrawn of an account is this test's.
func logBalances(ctx context.Context, t *testing.T, d *demoEnv, who map[string]common.Address) map[string]*big.Int {
	t.Helper()
	out := map[string]*big.Int{}
	client, err := ethclient.DialContext(ctx, d.info.RPCURL)
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	esc := escrow.NewContracts(nil, escrow.Addresses{}).Escrow
	head, err := client.BlockNumber(ctx)
	if err != nil {
		t.Fatal(err)
	}
	at := new(big.Int).SetUint64(head)
	logs, err := client.FilterLogs(ctx, ethereum.FilterQuery{Addresses: []common.Address{d.info.Contracts.Escrow},
		FromBlock: big.NewInt(0), ToBlock: at})
	if err != nil {
		t.Fatal(err)
	}
	for name, a := range who {
		res, err := client.CallContract(ctx, ethereum.CallMsg{To: &d.info.Contracts.Escrow,
			Data: esc.PackWithdrawable(d.info.Contracts.USDC, a)}, at)
		if err != nil {
			t.Fatal(err)
		}
		owed, err := esc.UnpackWithdrawable(res)
		if err != nil {
			t.Fatal(err)
		}
		paid := new(big.Int)
		for i := range logs {
			if ev, err := esc.UnpackWithdrawnEvent(&logs[i]); err == nil && ev.Account == a && ev.Token == d.info.Contracts.USDC {
				paid.Add(paid, ev.Amount)
			}
		}
		t.Logf("USDC of the %s %s: %s withdrawable, %s paid out", name, a.Hex(), owed, paid)
		out[name] = new(big.Int).Add(owed, paid)
	}
	return out
}

// TestRefereeFailureRefunds is findings 3 and 4 of the Verde-gate issue:
// the referee's own failures end in a ruling. Every game of this
// single-replica job runs in a child that overruns its wall-clock bound
// (as a check too big for the referee's limits would die of them): each
// spot check fails its tries and is ruled failed, convicting nobody; the
// buyer is refunded and every worker gets its stake back, nobody is
// slashed, and the server still serves.
func TestRefereeFailureRefunds(t *testing.T) {
	t.Parallel()
	c := adversaryConfig(t)
	c.workers, c.replicas = 2, 1
	c.serve.refereeWall = time.Millisecond
	c.serve.rules.RefereeTries, c.serve.rules.RetryAfter = 2, 2*time.Second
	d, ctx := startAdversaries(t, c, 15*time.Minute)
	rc, _, err := d.run(ctx, "", 0, 0)
	if err == nil || !strings.Contains(err.Error(), "ended refunded") {
		t.Fatalf("the run: %v, want a refund (logs in %s)", err, c.serve.dataDir)
	}
	if len(rc.Disputes) != 2 {
		t.Fatalf("%d games, want the spot checks of both slots", len(rc.Disputes))
	}
	for _, ds := range rc.Disputes {
		var ru market.Ruling
		if err := json.Unmarshal(ds.Ruling, &ru); err != nil || ds.State != "ruled" || ru.Failed == "" || len(ru.Guilty) != 0 {
			t.Fatalf("game %d: %s, ruling %s: want ruled failed, nobody convicted", ds.ID, ds.State, ds.Ruling)
		}
		t.Logf("game %d (slots %v) ruled failed: %s", ds.ID, ds.Slots, ru.Failed)
	}
	who := map[string]common.Address{"buyer": common.HexToAddress(rc.Intent.Buyer)}
	for _, s := range rc.Intent.Slots {
		who[fmt.Sprintf("worker of slot %d", s.Slot)] = common.HexToAddress(s.Worker)
	}
	got := logBalances(ctx, t, d, who)
	if got["buyer"].String() != rc.Intent.Price {
		t.Fatalf("the buyer holds %s, want the price %s back", got["buyer"], rc.Intent.Price)
	}
	for name, v := range got {
		if name != "buyer" && v.String() != rc.Intent.StakePerSlot {
			t.Fatalf("the %s holds %s, want its stake %s back", name, v, rc.Intent.StakePerSlot)
		}
	}
	res, err := http.Get(d.base + "/healthz")
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("the server after the failed games: %v %v", res, err)
	}
	res.Body.Close()
}

// TestUnregisteredStaker is the last attack of finding 2 of the Verde-gate
// issue: a Sybil stakes a slot of a 2 × 2 job with its own transactions
// and never registers a network address, so that its replica cannot run.
// It is slashed; its replica's honest worker, which could not train, is
// excused (its stake returned, unpaid); the other replica delivers,
// passes its spot checks and is paid; the buyer holds its weights.
func TestUnregisteredStaker(t *testing.T) {
	t.Parallel()
	c := adversaryConfig(t)
	d, ctx := startAdversaries(t, c, 15*time.Minute)
	rc, out, err := d.run(ctx, "unregistered", 0, 0)
	if err != nil {
		t.Fatalf("%v (logs in %s)", err, c.serve.dataDir)
	}
	var sybil *wire.SlotReport
	for i, s := range rc.Intent.Slots {
		if common.HexToAddress(s.Worker) == out.Cheat {
			sybil = &rc.Intent.Slots[i]
		}
	}
	if sybil == nil {
		t.Fatalf("the Sybil %s holds no slot: %+v", out.Cheat.Hex(), rc.Intent.Slots)
	}
	who := map[string]common.Address{"Sybil": out.Cheat, "buyer": common.HexToAddress(rc.Intent.Buyer)}
	var excused common.Address
	for _, s := range rc.Intent.Slots {
		w := common.HexToAddress(s.Worker)
		switch {
		case w == out.Cheat:
		case s.Replica == sybil.Replica:
			excused, who["excused worker"] = w, w
			if out.Paid[w] || out.Slashed[w] {
				t.Fatalf("the excused worker %s: paid %t, slashed %t; want neither", w.Hex(), out.Paid[w], out.Slashed[w])
			}
		default:
			who[fmt.Sprintf("worker of slot %d", s.Slot)] = w
			if !out.Paid[w] {
				t.Fatalf("the delivering worker %s is not paid (paid %v)", w.Hex(), out.Paid)
			}
		}
	}
	got := logBalances(ctx, t, d, who)
	if len(out.Slashed) != 1 || !out.Slashed[out.Cheat] {
		t.Fatalf("slashed %v, want exactly the Sybil %s", out.Slashed, out.Cheat.Hex())
	}
	if got["excused worker"].String() != rc.Intent.StakePerSlot {
		t.Fatalf("the excused worker %s holds %s, want its stake %s back", excused.Hex(), got["excused worker"], rc.Intent.StakePerSlot)
	}
	if out.Released != rc.SHA256 {
		t.Fatalf("released %s, the buyer holds %s", out.Released, rc.SHA256)
	}
}

// TestPeerVanishes is the last clause of the Verde gate's "money follows
// the ruling": a worker leaves its replica's run midway without a word
// (the cheat "vanish") and commits nothing. Its partner's run breaks; it
// shows its part, a partial reveal of its trace up to the failure, and is
// excused: neither paid nor slashed, its stake returned. The one that
// showed nothing is slashed. With a second replica, that replica stands
// alone, passes its spot checks and is paid, and the buyer holds its
// weights; with one replica, the buyer is refunded.
func TestPeerVanishes(t *testing.T) {
	t.Parallel()
	for _, replicas := range []uint{2, 1} {
		t.Run(fmt.Sprintf("%d replicas", replicas), func(t *testing.T) {
			t.Parallel()
			c := adversaryConfig(t)
			c.replicas = replicas
			d, ctx := startAdversaries(t, c, 15*time.Minute)
			rc, out, err := d.run(ctx, "vanish", 0, 0)
			refunded := err != nil && strings.Contains(err.Error(), "ended refunded")
			if err != nil && !(replicas == 1 && refunded) {
				t.Fatalf("%v (logs in %s)", err, c.serve.dataDir)
			}
			if replicas == 1 && !refunded {
				t.Fatalf("a lone replica whose run broke ended %v, want a refund", err)
			}
			var cheat *wire.SlotReport
			for i, s := range rc.Intent.Slots {
				if common.HexToAddress(s.Worker) == out.Cheat {
					cheat = &rc.Intent.Slots[i]
				}
			}
			if cheat == nil || cheat.Committed {
				t.Fatalf("the vanished worker's slot %+v: want one that committed nothing", cheat)
			}
			who := map[string]common.Address{"vanished": common.HexToAddress(cheat.Worker), "buyer": common.HexToAddress(rc.Intent.Buyer)}
			partner := ""
			for _, s := range rc.Intent.Slots {
				w := common.HexToAddress(s.Worker)
				switch {
				case s.Slot == cheat.Slot:
				case s.Replica == cheat.Replica:
					partner = fmt.Sprintf("partner (slot %d)", s.Slot)
					who[partner] = w
					if !s.Partial || s.WeightsSHA256 != "" || s.Leaves == 0 {
						t.Fatalf("the partner's slot %+v: want a partial reveal of its trace, no weights", s)
					}
					t.Logf("the partner showed its part: %d leaves, root %s", s.Leaves, s.TraceRoot)
				default:
					who[fmt.Sprintf("worker of slot %d", s.Slot)] = w
					if !out.Paid[w] {
						t.Fatalf("the delivering worker %s is not paid (paid %v)", w.Hex(), out.Paid)
					}
				}
			}
			got := logBalances(ctx, t, d, who)
			if got["vanished"].Sign() != 0 {
				t.Fatalf("the vanished worker holds %s, want its stake slashed", got["vanished"])
			}
			if got[partner].String() != rc.Intent.StakePerSlot {
				t.Fatalf("the partner holds %s, want its stake %s back, unpaid", got[partner], rc.Intent.StakePerSlot)
			}
			if replicas == 1 {
				price, _ := new(big.Int).SetString(rc.Intent.Price, 10)
				stake, _ := new(big.Int).SetString(rc.Intent.StakePerSlot, 10)
				if want := new(big.Int).Add(price, stake); got["buyer"].Cmp(want) != 0 {
					t.Fatalf("the buyer holds %s, want the price and the vanished stake: %s", got["buyer"], want)
				}
				return
			}
			if len(out.Slashed) != 1 || !out.Slashed[common.HexToAddress(cheat.Worker)] {
				t.Fatalf("slashed %v, want exactly the vanished worker %s", out.Slashed, cheat.Worker)
			}
			if out.Released != rc.SHA256 {
				t.Fatalf("released %s, the buyer holds %s", out.Released, rc.SHA256)
			}
		})
	}
}
