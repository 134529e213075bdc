package referee

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/axl-market/axl/market"
)

// Challenges is what an asker needs of the store.
type Challenges interface {
	Ask(ctx context.Context, c market.Challenge) (market.Challenge, error)
	Challenge(ctx context.Context, id int64) (market.Challenge, error)
}

// SlotAsker puts the referee's questions to one slot's worker: each is
// stored as a challenge with a deadline, which the worker reads and answers
// over the API. Asking a question asked before returns its stored answer,
// so a game replayed after a restart costs the worker nothing.
type SlotAsker struct {
	Store   Challenges
	Clock   market.Clock
	JobID   market.Hash
	Slot    uint32
	Timeout time.Duration // per question
	Poll    time.Duration // how often the store is read for the answer
	// Sleep waits d or until ctx ends (time.After by default); tests with a
	// hand-moved clock move it here.
	Sleep func(ctx context.Context, d time.Duration) error
}

// ErrNoAnswer is wrapped by the error of a question left unanswered by its
// deadline: the slot loses.
var ErrNoAnswer = fmt.Errorf("no answer by the deadline")

// AskRaw stores the question (kind, args) and waits for its answer.
func (a *SlotAsker) AskRaw(ctx context.Context, kind string, args json.RawMessage) (json.RawMessage, error) {
	if len(args) == 0 {
		args = json.RawMessage("{}")
	}
	c, err := a.Store.Ask(ctx, market.Challenge{JobID: a.JobID, Slot: a.Slot, Kind: kind, Args: args,
		Deadline: a.Clock.Now().Add(a.Timeout), CreatedAt: a.Clock.Now()})
	if err != nil {
		return nil, err
	}
	sleep := a.Sleep
	if sleep == nil {
		sleep = func(ctx context.Context, d time.Duration) error {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(d):
				return nil
			}
		}
	}
	poll := a.Poll
	if poll <= 0 {
		poll = 200 * time.Millisecond
	}
	for {
		if c.Answer != nil {
			return c.Answer, nil
		}
		if !a.Clock.Now().Before(c.Deadline) {
			return nil, fmt.Errorf("slot %d, question %d (%s): %w %s", a.Slot, c.ID, kind, ErrNoAnswer, c.Deadline.UTC().Format(time.RFC3339))
		}
		if err := sleep(ctx, poll); err != nil {
			return nil, err
		}
		if c, err = a.Store.Challenge(ctx, c.ID); err != nil {
			return nil, err
		}
	}
}
