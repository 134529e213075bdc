package worker

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/cenkalti/backoff/v5"

	"github.com/axl-market/axl/api/client"
)

// phaseWait caps the delay between two tries while a job's phase is about
// to change (the assignment, the reveal): phases end soon, and a worker
// that looks late loses its share of the time.
const phaseWait = 5 * time.Second

// retryUntil runs op until it succeeds, fails for good (backoff.Permanent),
// ctx ends or until passes (the zero time: no bound but ctx): the worker's
// one backoff, from PollMin doubling up to maxDelay, jittered by ±20 %.
// notify, if set, hears each failure and the delay before the next try.
func retryUntil[T any](ctx context.Context, w *Worker, until time.Time, maxDelay time.Duration, op backoff.Operation[T],
	notify backoff.Notify) (T, error) {
	b := &backoff.ExponentialBackOff{InitialInterval: w.cfg.PollMin, RandomizationFactor: 0.2, Multiplier: 2,
		MaxInterval: max(maxDelay, w.cfg.PollMin)}
	var elapsed time.Duration // 0: no bound
	if !until.IsZero() {
		if elapsed = until.Sub(w.clock.Now()); elapsed <= 0 {
			elapsed = time.Nanosecond // one try, none after
		}
	}
	opts := []backoff.RetryOption{backoff.WithBackOff(b), backoff.WithMaxElapsedTime(elapsed)}
	if notify != nil {
		opts = append(opts, backoff.WithNotify(notify))
	}
	return backoff.Retry(ctx, op, opts...)
}

// unlessServerFailed makes err permanent unless the server was unreachable,
// failed (5xx) or asked to slow down (429): another 4xx refusal is the same
// on every try. A Retry-After is waited for as asked.
func unlessServerFailed(err error) error {
	var e *client.Error
	switch s := client.StatusOf(err); {
	case s == http.StatusTooManyRequests || s == http.StatusServiceUnavailable:
		if errors.As(err, &e) && e.RetryAfter > 0 {
			return &retryAfter{err: err, wait: &backoff.RetryAfterError{Duration: e.RetryAfter}}
		}
		return err
	case s > 0 && s < 500:
		return backoff.Permanent(err)
	}
	return err
}

// retryAfter is a refusal to try again after the wait the server named:
// the server's error, which backoff.Retry returns if it gives up, and the
// wait, which it honours.
type retryAfter struct {
	err  error
	wait *backoff.RetryAfterError
}

func (r *retryAfter) Error() string   { return r.err.Error() }
func (r *retryAfter) Unwrap() []error { return []error{r.err, r.wait} }

// retry runs f until it succeeds or fails for a reason other than the
// server being unreachable or failing (5xx), or ctx ends.
func (w *Worker) retry(ctx context.Context, log *slog.Logger, what string, f func() error) error {
	_, err := retryUntil(ctx, w, time.Time{}, w.cfg.PollMax, func() (struct{}, error) {
		return struct{}{}, unlessServerFailed(f())
	}, func(err error, next time.Duration) {
		log.Warn(what+": the server failed; retrying", "in", next.Round(time.Millisecond), "err", err)
	})
	return err
}

// errNotYet is what a poll's operation returns while what it waits for has
// not happened: it is retried, never reported.
var errNotYet = errors.New("not yet")

// waitReason logs why a poll waits, once per change of reason.
type waitReason struct {
	log  *slog.Logger
	what string
	last string
}

func (r *waitReason) note(why string, next time.Duration) {
	if why != r.last {
		r.log.Info(r.what+": "+why, "next_look_in", next.Round(time.Millisecond))
		r.last = why
	}
}

// deadlineError says that a job's deadline passed while waiting for why.
func deadlineError(deadline, why string, err error) error {
	return fmt.Errorf("the job's deadline %s passed while waiting: %s: %w", deadline, why, err)
}
