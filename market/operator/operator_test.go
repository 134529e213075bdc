package operator_test

import (
	"math/big"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/axl-market/axl/escrow"
	"github.com/axl-market/axl/escrow/devchain"
	"github.com/axl-market/axl/market"
)

// Escrow states of AXLEscrow.State.
const (
	stFunded    uint8 = 1
	stAssigned  uint8 = 2
	stRefunded  uint8 = 7
	stCancelled uint8 = 8
)

// TestRacingWorkersFillTwoJobs: a buyer funds two intents by signature;
// eight workers race for their slots, each firing two claims at once; no
// slot is booked twice, no worker sits twice in a job; every slot is staked
// by permit, each job is assigned on chain, and the chain's slot map is the
// database's.
func TestRacingWorkersFillTwoJobs(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	jobs := []market.Intent{e.newIntent(2, 2), e.newIntent(2, 2)}
	ids := []market.Hash{jobs[0].ID, jobs[1].ID}
	e.until(market.IntentOpen, ids...)
	for _, id := range ids {
		if j, err := e.store.Job(e.ctx, id); err != nil || j.Slots != 4 || j.FreeSlots != 4 {
			t.Fatalf("job %s: %+v, %v; want 4 free slots of 4", id, j, err)
		}
		if got := e.record(id).State; got != stFunded {
			t.Fatalf("escrow state %d, want funded", got)
		}
	}
	e.register(e.workers...)

	type result struct {
		w   int
		c   market.Claim
		err error
	}
	results := make(chan result, 16)
	var wg sync.WaitGroup
	for i := range 8 {
		for range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				c, err := e.claim(e.workers[i].Address, ids[i%2])
				results <- result{i, c, err}
			}()
		}
	}
	wg.Wait()
	close(results)
	claims := map[int]market.Claim{}
	for r := range results {
		switch {
		case r.err == nil:
			if _, twice := claims[r.w]; twice {
				t.Fatalf("worker %d got two slots", r.w)
			}
			claims[r.w] = r.c
		case market.ErrorKind(r.err) != market.KindConflict:
			t.Fatalf("worker %d: %v, want a conflict for its second claim", r.w, r.err)
		}
	}
	if len(claims) != 8 {
		t.Fatalf("%d workers hold a slot, want 8", len(claims))
	}
	for _, id := range ids {
		seen := map[market.Address]bool{}
		for _, s := range e.slots(id) {
			if s.State != market.SlotClaimed || seen[s.Worker] {
				t.Fatalf("slot %d of %s: %+v (seen %v)", s.Index, id, s, seen[s.Worker])
			}
			seen[s.Worker] = true
		}
	}
	// Full jobs, unregistered workers.
	if _, err := e.claim(e.workers[8].Address, ids[0]); market.ErrorKind(err) != market.KindConflict {
		t.Fatalf("claim of a full job: %v, want conflict", err)
	}
	if _, err := e.claim(common.Address{0xde, 0xad}, ids[1]); market.ErrorKind(err) != market.KindForbidden {
		t.Fatalf("claim by an unregistered worker: %v, want forbidden", err)
	}

	var swg sync.WaitGroup
	for w, c := range claims {
		swg.Add(1)
		go func() {
			defer swg.Done()
			e.stake(e.workers[w], c)
		}()
	}
	swg.Wait()
	e.until(market.IntentRunning, ids...)

	for _, id := range ids {
		rec := e.record(id)
		if rec.State != stAssigned {
			t.Fatalf("escrow state %d, want assigned", rec.State)
		}
		var packed []byte
		for _, s := range e.slots(id) {
			if s.State != market.SlotConfirmed {
				t.Fatalf("slot %d is %s after assignment", s.Index, s.State)
			}
			packed = append(packed, common.LeftPadBytes(s.Worker[:], 32)...)
		}
		if got := crypto.Keccak256Hash(packed); got != rec.WorkersHash {
			t.Fatalf("workers hash on chain %s, database slot map hashes to %s", common.Hash(rec.WorkersHash), got)
		}
		txs, err := e.store.TxsOfIntent(e.ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		kinds := map[market.TxKind]int{}
		for _, tx := range txs {
			if tx.Status != market.TxMined {
				t.Fatalf("tx %s is %s: %s", tx.Key, tx.Status, tx.Error)
			}
			kinds[tx.Kind]++
		}
		if kinds[market.TxFund] != 1 || kinds[market.TxStake] != 4 || kinds[market.TxAssign] != 1 {
			t.Fatalf("transactions %v, want one fund, four stakes, one assign", kinds)
		}
	}
}

// TestReorgUnconfirmsAStake: a reorg that removes a Staked event takes the
// slot back from confirmed to claimed, and the intent back to what the
// remaining events say.
func TestReorgUnconfirmsAStake(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	in := e.newIntent(1, 2)
	e.until(market.IntentOpen, in.ID)
	e.register(e.workers[0], e.workers[1])
	c0, err := e.claim(e.workers[0].Address, in.ID)
	if err != nil {
		t.Fatal(err)
	}
	c1, err := e.claim(e.workers[1].Address, in.ID)
	if err != nil {
		t.Fatal(err)
	}
	e.stake(e.workers[0], c0)
	e.until(market.IntentMatched, in.ID)
	fork, err := e.chain.Client().HeaderByNumber(e.ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	// The second stake is mined and applied, but the assignment it makes
	// due is not sent before the reorg.
	e.stake(e.workers[1], c1)
	if err := e.relayer.Tick(e.ctx); err != nil {
		t.Fatal(err)
	}
	e.chain.Commit()
	if err := e.relayer.Tick(e.ctx); err != nil {
		t.Fatal(err)
	}
	if err := e.watcher.Poll(e.ctx); err != nil {
		t.Fatal(err)
	}
	if s := e.slots(in.ID)[1]; s.State != market.SlotConfirmed {
		t.Fatalf("slot 1 is %s, want confirmed", s.State)
	}

	if err := e.chain.Fork(fork.Hash()); err != nil {
		t.Fatal(err)
	}
	e.chain.Rollback()
	e.chain.Commit()
	e.chain.Commit()
	if err := e.watcher.Poll(e.ctx); err != nil {
		t.Fatal(err)
	}
	slots := e.slots(in.ID)
	if slots[0].State != market.SlotConfirmed || slots[1].State != market.SlotClaimed || slots[1].Worker != market.Address(e.workers[1].Address) {
		t.Fatalf("slots after the reorg: %+v", slots)
	}
	if got := e.intent(in.ID).State; got != market.IntentMatched {
		t.Fatalf("intent is %s after the reorg, want matched", got)
	}
	evs, err := e.store.IntentEvents(e.ctx, in.ID, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	var unconfirmed bool
	for _, ev := range evs {
		unconfirmed = unconfirmed || ev.Type == "slot" && string(ev.Data) != "" && containsAll(string(ev.Data), `"unconfirmed"`, `"slot": 1`)
	}
	if !unconfirmed {
		t.Fatalf("no slot-unconfirmed event in %+v", evs)
	}
	// The assignment that was due is refused by the chain, and the intent's
	// event stream says why.
	e.step()
	if e.record(in.ID).State != stFunded {
		t.Fatal("escrow left funded with a slot unstaked")
	}
	evs, err = e.store.IntentEvents(e.ctx, in.ID, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	var refused bool
	for _, ev := range evs {
		refused = refused || ev.Type == "transaction" && containsAll(string(ev.Data), `"assign"`, `"failed"`, "NotFullyStaked")
	}
	if !refused {
		t.Fatalf("no failed-assign event in %+v", evs)
	}
}

func containsAll(s string, subs ...string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}

// halfStaked funds an intent of two slots and has w claim and stake one.
func (e *env) halfStaked(w devchain.Account) market.Intent {
	e.t.Helper()
	in := e.newIntent(1, 2)
	e.until(market.IntentOpen, in.ID)
	e.register(w)
	c, err := e.claim(w.Address, in.ID)
	if err != nil {
		e.t.Fatal(err)
	}
	e.stake(w, c)
	e.until(market.IntentMatched, in.ID)
	return in
}

// paidAndCheck steps until the intent's payout is mined and fails unless
// each account then holds in its wallet what it held before, nothing left
// in the escrow: the server paid them, they sent nothing.
func (e *env) paidAndCheck(id market.Hash, before map[devchain.Account]*big.Int) {
	e.t.Helper()
	e.untilMined(id, market.TxPayout)
	for who, had := range before {
		if got := e.balance(who.Address); got.Cmp(had) != 0 {
			e.t.Fatalf("%s %d has %s, had %s", who.Role, who.Index, got, had)
		}
		if c := e.credited(who.Address); c.Sign() != 0 {
			e.t.Fatalf("%s %d still has %s in the escrow", who.Role, who.Index, c)
		}
	}
}

// TestCancelReturnsEveryToken: the buyer cancels a half-staked intent; the
// operator cancels on chain (its watcher two blocks behind); the buyer and the staker withdraw exactly what
// they put in.
func TestCancelReturnsEveryToken(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	// Events count once two blocks follow them.
	e.confirmations = 2
	e.server = e.newServer(e.store)
	w := e.workers[0]
	buyerBefore, workerBefore := e.balance(e.buyer.Address), e.balance(w.Address)
	in := e.halfStaked(w)
	if _, err := e.store.RequestCancel(e.ctx, in.ID, market.Address(w.Address), e.clock.Now()); market.ErrorKind(err) != market.KindNotFound {
		t.Fatalf("cancel by a stranger: %v, want not found", err)
	}
	if _, err := e.store.RequestCancel(e.ctx, in.ID, in.Buyer, e.clock.Now()); err != nil {
		t.Fatal(err)
	}
	e.register(e.workers[1])
	if _, err := e.claim(e.workers[1].Address, in.ID); market.ErrorKind(err) != market.KindConflict {
		t.Fatalf("claim after cancel: %v, want conflict", err)
	}
	e.until(market.IntentCancelled, in.ID)
	if e.record(in.ID).State != stCancelled {
		t.Fatal("escrow not cancelled")
	}
	e.paidAndCheck(in.ID, map[devchain.Account]*big.Int{e.buyer: buyerBefore, w: workerBefore})
	if _, err := e.store.RequestCancel(e.ctx, in.ID, in.Buyer, e.clock.Now()); market.ErrorKind(err) != market.KindConflict {
		t.Fatalf("cancel of a cancelled intent: %v, want conflict", err)
	}
}

// TestDeadlineRefunds: the deadline passes with the job half staked; the
// server refunds on chain and every token returns.
func TestDeadlineRefunds(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	w := e.workers[0]
	buyerBefore, workerBefore := e.balance(e.buyer.Address), e.balance(w.Address)
	in := e.halfStaked(w)
	// Not yet: nothing is sent before the deadline.
	e.step()
	if e.intent(in.ID).State != market.IntentMatched {
		t.Fatal("refunded before the deadline")
	}
	e.clock.Add(25 * time.Hour)
	if err := e.chain.AdjustTime(25 * time.Hour); err != nil {
		t.Fatal(err)
	}
	e.until(market.IntentRefunded, in.ID)
	if e.record(in.ID).State != stRefunded {
		t.Fatal("escrow not refunded")
	}
	e.paidAndCheck(in.ID, map[devchain.Account]*big.Int{e.buyer: buyerBefore, w: workerBefore})
}

// TestExpiredClaimFreesItsSlot: a claim not staked in time gives its slot
// to the next worker, and its late stake is refused by the chain.
func TestExpiredClaimFreesItsSlot(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	in := e.newIntent(1, 1)
	e.until(market.IntentOpen, in.ID)
	e.register(e.workers[0], e.workers[1])
	late, err := e.claim(e.workers[0].Address, in.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.claim(e.workers[1].Address, in.ID); market.ErrorKind(err) != market.KindConflict {
		t.Fatalf("claim of a held slot: %v, want conflict", err)
	}
	e.clock.Add(11 * time.Minute)
	if err := e.op.Tick(e.ctx); err != nil {
		t.Fatal(err)
	}
	if j, err := e.store.Job(e.ctx, in.ID); err != nil || j.FreeSlots != 1 {
		t.Fatalf("job after expiry: %+v, %v; want its slot free", j, err)
	}
	if _, err := e.claim(e.workers[1].Address, in.ID); err != nil {
		t.Fatalf("claim of an expired slot: %v", err)
	}
	if _, _, err := e.store.Claim(e.ctx, in.ID, late.ID); market.ErrorKind(err) != market.KindNotFound {
		t.Fatalf("expired claim: %v, want not found", err)
	}
}

// TestOwnTransactionsArePickedUp: a buyer that funds, and a worker that
// stakes, with their own transactions are seen by the watcher as if the
// server had relayed them; the server's own funding attempt is refused by
// the chain and says so.
func TestOwnTransactionsArePickedUp(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	in := e.newIntent(1, 2)
	terms, err := e.op.Terms(in)
	if err != nil {
		t.Fatal(err)
	}
	escrowAddr := e.c.Addresses.Escrow
	own := func(who devchain.Account, amount *big.Int, call escrow.Call) {
		t.Helper()
		approve := escrow.Call{To: e.c.Addresses.USDC, Data: e.c.USDC.PackApprove(escrowAddr, amount)}
		for _, c := range []escrow.Call{approve, call} {
			if _, err := e.chain.Exec(e.ctx, who.Key, c); err != nil {
				t.Fatal(err)
			}
		}
	}
	own(e.buyer, terms.Amount, e.c.Fund(terms))
	e.until(market.IntentOpen, in.ID)
	w := e.workers[3]
	e.register(w)
	own(w, terms.StakePerSlot, e.c.Stake(terms, 1))
	e.until(market.IntentMatched, in.ID)
	slots := e.slots(in.ID)
	if slots[1].State != market.SlotConfirmed || slots[1].Worker != market.Address(w.Address) || slots[0].State != market.SlotFree {
		t.Fatalf("slots %+v", slots)
	}
	// The worker is in the job: it cannot claim the other slot.
	if _, err := e.claim(w.Address, in.ID); market.ErrorKind(err) != market.KindConflict {
		t.Fatalf("second slot: %v, want conflict", err)
	}
	txs, err := e.store.TxsOfIntent(e.ctx, in.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(txs) != 1 || txs[0].Kind != market.TxFund || txs[0].Status != market.TxFailed || !strings.Contains(txs[0].Error, "WrongState") {
		t.Fatalf("transactions %+v, want the relayed funding refused", txs)
	}
}

// TestCapacityBoundsClaims: a worker holds at most its capacity of slots
// across jobs; an expired claim does not count.
func TestCapacityBoundsClaims(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a, b := e.newIntent(1, 2), e.newIntent(1, 2)
	e.until(market.IntentOpen, a.ID, b.ID)
	w := e.workers[0]
	e.register(w) // capacity 1
	if _, err := e.claim(w.Address, a.ID); err != nil {
		t.Fatal(err)
	}
	_, err := e.claim(w.Address, b.ID)
	if market.ErrorKind(err) != market.KindConflict || !strings.Contains(err.Error(), "capacity") {
		t.Fatalf("claim beyond capacity: %v, want a capacity conflict", err)
	}
	e.clock.Add(11 * time.Minute)
	if _, err := e.claim(w.Address, b.ID); err != nil {
		t.Fatalf("claim once the first expired: %v", err)
	}
	if _, err := e.store.PutWorker(e.ctx, market.Worker{Address: market.Address(w.Address), PeerID: "12D3KooWcapacity",
		Multiaddrs: []string{"/ip4/10.0.0.9/tcp/4001"}, Capacity: 2, UpdatedAt: e.clock.Now()}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.claim(w.Address, a.ID); err != nil {
		t.Fatalf("claim within a raised capacity: %v", err)
	}
}

// TestUnfundableIntentFailsAtOnce: an intent whose funding the chain
// refuses (here the buyer spent its USDC first) fails as soon as the
// refusal is known, with the reason in its log.
func TestUnfundableIntentFailsAtOnce(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	all := e.balance(e.buyer.Address)
	spend := escrow.Call{To: e.c.Addresses.USDC, Data: e.c.USDC.PackTransfer(e.workers[8].Address, all)}
	if _, err := e.chain.Exec(e.ctx, e.buyer.Key, spend); err != nil {
		t.Fatal(err)
	}
	in := e.newIntent(1, 1)
	// The chain refuses the funding: the intent fails at once, with why,
	// rather than stay active until its deadline.
	e.until(market.IntentFailed, in.ID)
	evs, err := e.store.IntentEvents(e.ctx, in.ID, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	if last := evs[len(evs)-1]; last.State != market.IntentFailed || !strings.Contains(string(last.Data), "the funding transaction failed") {
		t.Fatalf("last event %s %s: want the failure and its reason", last.State, last.Data)
	}
	txs, err := e.store.TxsOfIntent(e.ctx, in.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(txs) != 1 || txs[0].Status != market.TxFailed {
		t.Fatalf("transactions %+v, want the funding failed", txs)
	}
}

// fresh is a new account holding usdc of the dev chain's USDC and no ETH.
func (e *env) fresh(role string, index int, usdc int64) devchain.Account {
	e.t.Helper()
	key, err := crypto.GenerateKey()
	if err != nil {
		e.t.Fatal(err)
	}
	a := devchain.Account{Role: role, Index: index, Address: crypto.PubkeyToAddress(key.PublicKey), Key: key}
	if _, err := e.chain.Exec(e.ctx, e.buyer.Key, escrow.Call{To: e.c.Addresses.USDC,
		Data: e.c.USDC.PackTransfer(a.Address, big.NewInt(usdc))}); err != nil {
		e.t.Fatal(err)
	}
	return a
}

// noGasSpent fails unless who holds no ETH and never sent a transaction.
func (e *env) noGasSpent(who devchain.Account) {
	e.t.Helper()
	eth, err := e.chain.Client().BalanceAt(e.ctx, who.Address, nil)
	if err != nil {
		e.t.Fatal(err)
	}
	nonce, err := e.chain.Client().NonceAt(e.ctx, who.Address, nil)
	if err != nil {
		e.t.Fatal(err)
	}
	if eth.Sign() != 0 || nonce != 0 {
		e.t.Fatalf("%s %d: %s wei and %d transactions sent, want none", who.Role, who.Index, eth, nonce)
	}
}

// TestPayoutsNeedNoGas: a buyer and two workers hold USDC and no ETH at
// all. The buyer's first intent is released: the workers end with their
// pay and their stakes in their wallets; its second is cancelled half
// staked: the price and the stake come back. Nobody sent a transaction:
// the server relayed the funding, the stakes and, once each intent was
// settled, one withdrawFor of its parties.
func TestPayoutsNeedNoGas(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	buyer, w1, w2 := e.fresh("agent", 100, 5_000_000), e.fresh("worker", 101, 50_000), e.fresh("worker", 102, 50_000)
	buyerHad, w1Had, w2Had := e.balance(buyer.Address), e.balance(w1.Address), e.balance(w2.Address)

	in := e.newIntentBy(buyer, 1, 2)
	e.until(market.IntentOpen, in.ID)
	e.register(w1, w2)
	for _, w := range []devchain.Account{w1, w2} {
		c, err := e.claim(w.Address, in.ID)
		if err != nil {
			t.Fatal(err)
		}
		e.stake(w, c)
	}
	e.until(market.IntentRunning, in.ID)
	terms, err := e.op.Terms(in)
	if err != nil {
		t.Fatal(err)
	}
	// The referee's part, played by hand: the result of both slots.
	if _, err := e.chain.Exec(e.ctx, e.opKey, e.c.SubmitResult(terms, common.Hash{0xee}, common.Hash{0x7e}, 0b11)); err != nil {
		t.Fatal(err)
	}
	e.until(market.IntentVerifying, in.ID)
	if err := e.chain.AdjustTime(time.Hour + time.Minute); err != nil { // the dev chain's challenge window
		t.Fatal(err)
	}
	e.clock.Add(time.Hour + time.Minute)
	e.until(market.IntentReleased, in.ID)
	price := terms.Amount
	fee := new(big.Int).Div(new(big.Int).Mul(price, big.NewInt(100)), big.NewInt(10_000))
	share := new(big.Int).Div(new(big.Int).Sub(price, fee), big.NewInt(2))
	e.paidAndCheck(in.ID, map[devchain.Account]*big.Int{
		buyer: new(big.Int).Sub(buyerHad, new(big.Int).Add(fee, new(big.Int).Mul(share, big.NewInt(2)))),
		w1:    new(big.Int).Add(w1Had, share), w2: new(big.Int).Add(w2Had, share),
	})

	// Cancelled half staked.
	buyerHad, w1Had = e.balance(buyer.Address), e.balance(w1.Address)
	second := e.newIntentBy(buyer, 1, 2)
	e.until(market.IntentOpen, second.ID)
	c, err := e.claim(w1.Address, second.ID)
	if err != nil {
		t.Fatal(err)
	}
	e.stake(w1, c)
	e.until(market.IntentMatched, second.ID)
	if _, err := e.store.RequestCancel(e.ctx, second.ID, second.Buyer, e.clock.Now()); err != nil {
		t.Fatal(err)
	}
	e.until(market.IntentCancelled, second.ID)
	e.paidAndCheck(second.ID, map[devchain.Account]*big.Int{buyer: buyerHad, w1: w1Had})
	for _, who := range []devchain.Account{buyer, w1, w2} {
		e.noGasSpent(who)
	}
	txs, err := e.store.TxsOfIntent(e.ctx, in.ID)
	if err != nil {
		t.Fatal(err)
	}
	payouts := 0
	for _, tx := range txs {
		if tx.Kind == market.TxPayout {
			payouts++
		}
	}
	if payouts != 1 {
		t.Errorf("%d payout transactions of the released intent, want one", payouts)
	}
}
