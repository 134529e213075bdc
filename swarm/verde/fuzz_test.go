package verde_test

import (
	"context"
	"encoding/json"
	"sync"
	"testing"
	"time"

	"github.com/axl-market/axl/swarm/noloco"
	"github.com/axl-market/axl/swarm/verde"
)

// hostileAsker answers as the prover would, but for its question number
// at (counting from 0), which it answers with answer.
type hostileAsker struct {
	prover verde.Asker
	at     int
	answer json.RawMessage

	mu    sync.Mutex
	asked int
}

func (h *hostileAsker) Ask(ctx context.Context, q verde.Question) (json.RawMessage, error) {
	h.mu.Lock()
	n := h.asked
	h.asked++
	h.mu.Unlock()
	if n == h.at {
		return h.answer, nil
	}
	return h.prover.Ask(ctx, q)
}

// recorder keeps the answers of a prover, as seeds.
type recorder struct {
	prover  verde.Asker
	answers []json.RawMessage
}

func (r *recorder) Ask(ctx context.Context, q verde.Question) (json.RawMessage, error) {
	a, err := r.prover.Ask(ctx, q)
	if err == nil {
		r.answers = append(r.answers, a)
	}
	return a, err
}

// FuzzRefereeAnswers plays the game between an honest replica and one
// whose worker of rank 0 perturbed an inner step, the cheat's slot
// answering one of the referee's questions with any bytes (as JSON; bytes
// that are not JSON travel as a JSON string, which a []byte field reads):
// the referee does not panic, rules within the questions' bound, and never
// convicts an honest slot, whatever the cheat answers.
func FuzzRefereeAnswers(f *testing.F) {
	dir := f.TempDir()
	honest := runReplica(f, 1, nil, dir+"/honest")
	perturb := noloco.Faults{PerturbStep: 6}
	cheat := runReplica(f, 0, map[int]*noloco.Faults{0: &perturb}, dir+"/cheat")
	reps := map[int]replica{0: cheat, 1: honest}
	// The seeds: the cheat's own answers in a game, each in its place.
	rec := &recorder{prover: cheat.provers[0]}
	s := setup(0, reps, nil, 0, 1)
	askers := s.Askers
	s.Askers = func(sl verde.Slot) verde.Asker {
		if sl == (verde.Slot{Replica: 0, Rank: 0}) {
			return rec
		}
		return askers(sl)
	}
	if _, ruling, err := verde.Judge(context.Background(), s); err != nil || len(ruling.Guilty) != 1 {
		f.Fatalf("the game without a hostile answer: %+v, %v", ruling, err)
	}
	for i, a := range rec.answers {
		f.Add(uint8(i), false, false, []byte(a))
	}
	f.Add(uint8(0), true, true, []byte(`{"left":"0x00","right":"0x01"}`))
	f.Add(uint8(3), false, true, []byte(`{"leaf":"AAAA","proof":[]}`))
	f.Add(uint8(5), false, false, []byte(`{"tensors":[{"name":"wte.weight","dtype":"F32","shape":[-1],"data":""}]}`))
	f.Fuzz(func(t *testing.T, at uint8, rank1, swap bool, answer []byte) {
		rank := 0
		if rank1 {
			rank = 1
		}
		a, b := 0, 1
		if swap {
			a, b = 1, 0
		}
		s := setup(rank, reps, nil, a, b)
		s.Timeout = 10 * time.Second
		raw := json.RawMessage(answer)
		if !json.Valid(answer) {
			raw, _ = json.Marshal(answer)
		}
		cheatSlot := verde.Slot{Replica: 0, Rank: rank}
		hostile := &hostileAsker{prover: cheat.provers[rank], at: int(at), answer: raw}
		askers := s.Askers
		s.Askers = func(sl verde.Slot) verde.Asker {
			if sl == cheatSlot {
				return hostile
			}
			return askers(sl)
		}
		ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
		defer cancel()
		_, ruling, err := verde.Judge(ctx, s)
		if ctx.Err() != nil {
			t.Fatalf("the game did not end in a minute: %v", err)
		}
		if err != nil {
			return // a game that fails convicts no one: the buyer is refunded
		}
		for _, v := range ruling.Guilty {
			if v.Slot.Replica == 1 {
				t.Fatalf("the honest %v convicted (%s) when the cheat answered question %d with %s", v.Slot, v.Reason, at, raw)
			}
		}
	})
}
