package api_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/axl-market/axl/api"
	"github.com/axl-market/axl/api/wire"
	"github.com/axl-market/axl/market"
)

// chainSays stores escrow events for an intent as the watcher would and
// has the market apply them.
func (e *env) chainSays(id market.Hash, events ...market.ChainEvent) {
	e.t.Helper()
	ctx := e.t.Context()
	cur, err := e.store.ChainCursor(ctx, "test")
	if err != nil {
		e.t.Fatal(err)
	}
	next := market.BlockRef{Number: cur.Number + 1, Hash: market.Hash{byte(cur.Number + 1), 0xb1}}
	for i := range events {
		events[i].Block, events[i].BlockHash, events[i].LogIndex, events[i].IntentID = next.Number, next.Hash, uint(i), id
	}
	if err := e.store.ApplyChainBlocks(ctx, "test", next, events); err != nil {
		e.t.Fatal(err)
	}
	if _, _, err := e.store.ApplyChain(ctx, id, e.clock.Now()); err != nil {
		e.t.Fatal(err)
	}
}

func chainEvent(name string, data map[string]any) market.ChainEvent {
	b, _ := json.Marshal(data)
	return market.ChainEvent{Name: name, Data: b}
}

func (e *env) registerWorker(a account, n int) {
	e.t.Helper()
	r := e.do(req{method: "POST", path: "/workers", as: &a, body: []byte(fmt.Sprintf(
		`{"peer_id":"12D3KooWJWoaqZhDaoEFshF7Rh1bpY9ohihFhzcW6d69Lr2NAS%c","multiaddrs":["/ip4/10.0.0.%d/tcp/4001"],"capacity":1}`, 'a'+n, n))})
	if r.status != 200 {
		e.t.Fatalf("register: %d %s", r.status, r.body)
	}
}

func (e *env) claimSlot(a account, job string) resp {
	e.t.Helper()
	return e.do(req{method: "POST", path: "/jobs/" + job + "/claims", as: &a})
}

// fundedIntent is an intent of buyer whose Funded event the chain says.
func (e *env) fundedIntent(buyer account) (wire.Quote, market.Hash) {
	e.t.Helper()
	q := e.quote(buyer, e.quoteBody(buyer, "USDC", "1000000000000000000000"))
	if r := e.createIntent(buyer, "k", signedIntent(e.t, buyer, q)); r.status != 201 {
		e.t.Fatalf("intent: %d %s", r.status, r.body)
	}
	id, _ := market.ParseHash(q.IntentID)
	e.chainSays(id, chainEvent("Funded", map[string]any{}))
	return q, id
}

// TestClaimStakeAssign follows a job through the API: claims and their
// refusals, stakes with their signature checks, the chain's confirmations
// and assignment, the assignment of each worker, and cancel.
func TestClaimStakeAssign(t *testing.T) {
	t.Parallel()
	e := newEnv(t, api.Config{})
	buyer := newAccount(t)
	q := e.quote(buyer, e.quoteBody(buyer, "USDC", "1000000000000000000000"))
	if r := e.createIntent(buyer, "k", signedIntent(t, buyer, q)); r.status != 201 {
		t.Fatalf("intent: %d %s", r.status, r.body)
	}
	id, _ := market.ParseHash(q.IntentID)
	workers := make([]account, 5)
	for i := range workers {
		workers[i] = newAccount(t)
		if i < 4 {
			e.registerWorker(workers[i], i)
		}
	}
	// Not funded yet: no job.
	e.claimSlot(workers[0], q.IntentID).problem(t, 404, market.KindNotFound)
	e.chainSays(id, chainEvent("Funded", map[string]any{"buyer": buyer.addr.String()}))
	var l wire.JobList
	e.do(req{method: "GET", path: "/jobs"}).json(t, &l)
	if len(l.Data) != 1 || l.Data[0].ID != q.IntentID || l.Data[0].FreeSlots != 4 {
		t.Fatalf("jobs %+v", l)
	}
	// The work: microConfig's 3,064 weights, all trained, on 100 steps of
	// 8 × 16 tokens in 4 slots: 51,200 tokens, 6 × 3,064 × 51,200 FLOPs.
	if j := l.Data[0]; j.Family != "gpt2" || j.Parameters != 3064 || j.Method != "full" || j.TrainableParameters != 3064 ||
		j.Tokens != 51_200 || j.FLOPs != "941260800" || j.SlotMemory <= 0 || j.SlotMemory != q.SlotMemory {
		t.Fatalf("the job's work: %+v", j)
	}

	claims := make([]wire.Claim, 4)
	for i := range 4 {
		r := e.claimSlot(workers[i], q.IntentID)
		if r.status != 201 {
			t.Fatalf("claim: %d %s", r.status, r.body)
		}
		r.json(t, &claims[i])
		c := claims[i]
		if c.Slot != uint32(i) || c.StakeTypedData.Permit.PrimaryType != "Permit" || c.StakeTypedData.Stake.PrimaryType != "Stake" ||
			c.StakeTypedData.Stake.Message["intentId"] != q.IntentID || c.StakeTypedData.Permit.Message["nonce"] != "3" ||
			c.StakeTypedData.Permit.Message["deadline"] != c.StakeTypedData.Stake.Message["deadline"] {
			t.Fatalf("claim %+v", c)
		}
	}
	contains(t, e.claimSlot(workers[0], q.IntentID).problem(t, 409, market.KindConflict).Detail, "already holds")
	// A worker that registered with less memory than a slot needs is
	// refused before anything is read from the chain or held; with enough,
	// it reaches the slots (none is free).
	small := newAccount(t)
	register := func(a account, memory int64) {
		t.Helper()
		var wk wire.Worker
		e.post(a, "/workers", map[string]any{"peer_id": "12D3KooWJWoaqZhDaoEFshF7Rh1bpY9ohihFhzcW6d69Lr2NASuz",
			"multiaddrs": []string{"/ip4/10.0.0.9/tcp/4001"}, "capacity": 1, "memory": memory, "threads": 2}).json(t, &wk)
		if wk.Memory != memory || wk.Threads != 2 {
			t.Fatalf("registered %+v", wk)
		}
	}
	register(small, q.SlotMemory-1)
	p := e.claimSlot(small, q.IntentID).problem(t, 422, market.KindInfeasible)
	contains(t, p.Detail, "more than the")
	register(small, q.SlotMemory)
	contains(t, e.claimSlot(small, q.IntentID).problem(t, 409, market.KindConflict).Detail, "no free slot")
	contains(t, e.post(small, "/workers", map[string]any{"peer_id": "12D3KooWJWoaqZhDaoEFshF7Rh1bpY9ohihFhzcW6d69Lr2NASuz",
		"multiaddrs": []string{"/ip4/10.0.0.9/tcp/4001"}, "capacity": 1, "memory": -1}).problem(t, 400, market.KindInvalid).Detail, "memory")
	e.claimSlot(workers[4], q.IntentID).problem(t, 403, market.KindForbidden)
	e.registerWorker(workers[4], 4)
	contains(t, e.claimSlot(workers[4], q.IntentID).problem(t, 409, market.KindConflict).Detail, "no free slot")
	e.do(req{method: "GET", path: "/jobs"}).json(t, &l)
	if len(l.Data) != 0 {
		t.Fatalf("a full job is listed: %+v", l)
	}

	stake := func(a account, c wire.Claim, permitBy, stakeBy account) resp {
		return e.do(req{method: "POST", path: "/jobs/" + q.IntentID + "/stake", as: &a, body: mustJSON(t, map[string]string{
			"claim_id": c.ClaimID, "permit_signature": signTyped(t, permitBy, c.StakeTypedData.Permit),
			"stake_signature": signTyped(t, stakeBy, c.StakeTypedData.Stake)})})
	}
	contains(t, stake(workers[0], claims[0], workers[0], workers[1]).problem(t, 422, market.KindBadSignature).Detail, "stake_signature")
	contains(t, stake(workers[0], claims[0], workers[1], workers[0]).problem(t, 422, market.KindBadSignature).Detail, "permit_signature")
	stake(workers[1], claims[0], workers[1], workers[1]).problem(t, 403, market.KindForbidden)
	for i := range 4 {
		r := stake(workers[i], claims[i], workers[i], workers[i])
		var s wire.Stake
		r.json(t, &s)
		if r.status != 202 || s.Slot != uint32(i) || s.Transaction.Kind != "stake" || s.Transaction.Status != "queued" {
			t.Fatalf("stake: %d %s", r.status, r.body)
		}
	}
	var in wire.IntentDetail
	e.do(req{method: "GET", path: "/intents/" + q.IntentID, as: &buyer}).json(t, &in)
	if len(in.Transactions) != 5 || in.State != "open" {
		t.Fatalf("intent %s with %+v, want open with a funding and four stakes", in.State, in.Transactions)
	}

	// Nobody is assigned before the chain says so.
	e.do(req{method: "GET", path: "/jobs/" + q.IntentID + "/assignment", as: &workers[0]}).problem(t, 404, market.KindNotFound)
	var staked []market.ChainEvent
	for i := range 4 {
		staked = append(staked, chainEvent("Staked", map[string]any{"slot": i, "worker": workers[i].addr.String(), "amount": "1"}))
	}
	e.chainSays(id, staked...)
	// A second stake of a confirmed slot, even rightly signed, is refused.
	contains(t, stake(workers[0], claims[0], workers[0], workers[0]).problem(t, 409, market.KindConflict).Detail, "staked already")
	e.do(req{method: "GET", path: "/jobs/" + q.IntentID + "/assignment", as: &workers[0]}).problem(t, 409, market.KindConflict)
	seed := market.Hash{0x5e, 0xed}
	e.chainSays(id, chainEvent("Assigned", map[string]any{"seed": seed.String(), "workers_hash": market.Hash{}.String()}))
	e.do(req{method: "GET", path: "/intents/" + q.IntentID, as: &buyer}).json(t, &in)
	if in.State != "running" {
		t.Fatalf("intent is %s, want running", in.State)
	}
	place := market.Place(seed, 2, 2)
	replicas := map[uint32][]string{}
	for i := range 4 {
		var a wire.Assignment
		r := e.do(req{method: "GET", path: "/jobs/" + q.IntentID + "/assignment", as: &workers[i]})
		r.json(t, &a)
		if r.status != 200 || a.Slot != uint32(i) || a.Replica != place[i].Replica || a.Rank != place[i].Rank ||
			len(a.Peers) != 1 || a.AssignmentSeed != seed.String() || a.Seed != "7" || a.Steps != 100 ||
			a.BaseModel.ID != q.Spec.BaseModel || !strings.HasSuffix(a.BaseModel.URL, q.Spec.BaseModel) {
			t.Fatalf("assignment of worker %d: %d %s", i, r.status, r.body)
		}
		if by, err := time.Parse(time.RFC3339, a.CommitBy); err != nil || !by.After(e.clock.Now()) {
			t.Fatalf("assignment of worker %d: commit by %q, want a time after the assignment", i, a.CommitBy)
		}
		if a.Peers[0].Rank == a.Rank || !a.Peers[0].Registered || !strings.HasPrefix(a.Peers[0].PeerID, "12D3KooW") {
			t.Fatalf("peers %+v", a.Peers)
		}
		replicas[a.Replica] = append(replicas[a.Replica], common.HexToAddress(a.Peers[0].Address).Hex())
	}
	if len(replicas) != 2 {
		t.Fatalf("replicas %v, want two of two workers", replicas)
	}
	e.do(req{method: "GET", path: "/jobs/" + q.IntentID + "/assignment", as: &workers[4]}).problem(t, 404, market.KindNotFound)
	// The assigned workers may fetch the inputs; others may not.
	for _, art := range []string{q.Spec.BaseModel, q.Spec.Dataset} {
		if r := e.do(req{method: "GET", path: "/artifacts/" + art, as: &workers[2]}); r.status != 200 || len(r.body) == 0 {
			t.Fatalf("worker fetching %s: %d", art, r.status)
		}
		e.do(req{method: "GET", path: "/artifacts/" + art, as: &workers[4]}).problem(t, 404, market.KindNotFound)
	}
	// Running: too late to cancel.
	e.do(req{method: "DELETE", path: "/intents/" + q.IntentID, as: &buyer}).problem(t, 409, market.KindConflict)

	var events []wire.IntentEvent
	evs, err := e.store.IntentEvents(t.Context(), id, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	queued := 0
	for _, ev := range evs {
		if ev.Type == "transaction" {
			// Relayed transactions are logged too: here, funding and four stakes queued.
			if !strings.Contains(string(ev.Data), `"status": "queued"`) {
				t.Fatalf("transaction event %s", ev.Data)
			}
			queued++
			continue
		}
		events = append(events, wire.IntentEvent{Type: ev.Type, State: string(ev.State)})
	}
	if queued != 5 {
		t.Fatalf("%d transaction events, want 5", queued)
	}
	want := []string{"state:funding", "state:open", "job:open", "state:matched", "slot:matched", "slot:matched", "slot:matched", "slot:matched", "state:running"}
	if len(events) != len(want) {
		t.Fatalf("events %+v, want %v", events, want)
	}
	for i, ev := range events {
		if ev.Type+":"+ev.State != want[i] {
			t.Fatalf("event %d is %s:%s, want %s", i, ev.Type, ev.State, want[i])
		}
	}
}

// TestCancelIntent: the buyer alone cancels before assignment; claims stop.
func TestCancelIntent(t *testing.T) {
	t.Parallel()
	e := newEnv(t, api.Config{})
	buyer, other, w := newAccount(t), newAccount(t), newAccount(t)
	q, id := e.fundedIntent(buyer)
	e.registerWorker(w, 1)
	e.do(req{method: "DELETE", path: "/intents/" + q.IntentID, as: &other}).problem(t, 404, market.KindNotFound)
	r := e.do(req{method: "DELETE", path: "/intents/" + q.IntentID, as: &buyer})
	var in wire.Intent
	r.json(t, &in)
	if r.status != 202 || in.State != "open" {
		t.Fatalf("cancel: %d %s", r.status, r.body)
	}
	e.claimSlot(w, q.IntentID).problem(t, 409, market.KindConflict)
	// Still open on chain, but no longer listed, whatever the chain adds.
	e.chainSays(id, chainEvent("Staked", map[string]any{"slot": 0, "worker": w.addr.String(), "amount": "1"}))
	var l wire.JobList
	e.do(req{method: "GET", path: "/jobs"}).json(t, &l)
	if len(l.Data) != 0 {
		t.Fatalf("a job being cancelled is listed: %+v", l)
	}
	e.chainSays(id, chainEvent("Cancelled", map[string]any{}))
	var got wire.IntentDetail
	e.do(req{method: "GET", path: "/intents/" + q.IntentID, as: &buyer}).json(t, &got)
	if got.State != "cancelled" {
		t.Fatalf("intent is %s, want cancelled", got.State)
	}
	e.do(req{method: "DELETE", path: "/intents/" + q.IntentID, as: &buyer}).problem(t, 409, market.KindConflict)
}

// TestStakeAfterExpiry: a claim's stake is refused once the claim expired,
// and its slot goes to the next worker.
func TestStakeAfterExpiry(t *testing.T) {
	t.Parallel()
	e := newEnv(t, api.Config{ClaimTTL: time.Minute})
	buyer, late, next := newAccount(t), newAccount(t), newAccount(t)
	q, _ := e.fundedIntent(buyer)
	e.registerWorker(late, 1)
	e.registerWorker(next, 2)
	var c wire.Claim
	e.claimSlot(late, q.IntentID).json(t, &c)
	e.clock.Add(2 * time.Minute)
	body := mustJSON(t, map[string]string{"claim_id": c.ClaimID, "permit_signature": signTyped(t, late, c.StakeTypedData.Permit),
		"stake_signature": signTyped(t, late, c.StakeTypedData.Stake)})
	e.do(req{method: "POST", path: "/jobs/" + q.IntentID + "/stake", as: &late, body: body}).problem(t, 410, market.KindExpired)
	var c2 wire.Claim
	if r := e.claimSlot(next, q.IntentID); r.status != 201 {
		t.Fatalf("claim after expiry: %d %s", r.status, r.body)
	} else {
		r.json(t, &c2)
	}
	if c2.Slot != c.Slot {
		t.Fatalf("the expired slot %d was not reused (got %d)", c.Slot, c2.Slot)
	}
	// The expired claim is gone.
	e.do(req{method: "POST", path: "/jobs/" + q.IntentID + "/stake", as: &late, body: body}).problem(t, 404, market.KindNotFound)
}

// TestLoRAJobListed: a funded LoRA job is listed with its method and its
// adapter's weights as the trainable ones, and its work counts them.
func TestLoRAJobListed(t *testing.T) {
	t.Parallel()
	e := newEnv(t, api.Config{})
	buyer := newAccount(t)
	body := e.quoteBody(buyer, "USDC", "1000000000000000000000")
	body["method"], body["lora_r"], body["lora_alpha"], body["lora_targets"] = "lora", 2, 4, []string{"c_proj", "c_fc", "c_attn"}
	q := e.quote(buyer, body)
	if q.Spec.Method != "lora" || q.Spec.LoRAR != 2 || q.Spec.LoRAAlpha != 4 || strings.Join(q.Spec.LoRATargets, ",") != "c_attn,c_fc,c_proj" {
		t.Fatalf("the quoted spec %+v", q.Spec)
	}
	if r := e.createIntent(buyer, "k", signedIntent(t, buyer, q)); r.status != 201 {
		t.Fatalf("intent: %d %s", r.status, r.body)
	}
	id, _ := market.ParseHash(q.IntentID)
	e.chainSays(id, chainEvent("Funded", map[string]any{"buyer": buyer.addr.String()}))
	var l wire.JobList
	e.do(req{method: "GET", path: "/jobs"}).json(t, &l)
	// microConfig's 3,064 weights and an adapter of r × (4 + 5 + 7) × 8 =
	// 256 on its one layer: (4 × (3,064 + 256) + 2 × 256) × 51,200 FLOPs.
	if len(l.Data) != 1 {
		t.Fatalf("jobs %+v", l)
	}
	if j := l.Data[0]; j.Method != "lora" || j.Parameters != 3064 || j.TrainableParameters != 256 ||
		j.Tokens != 51_200 || j.FLOPs != "706150400" {
		t.Fatalf("the LoRA job's work: %+v", j)
	}
}
