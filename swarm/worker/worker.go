// Package worker is the swarm worker's runtime: it registers with the
// marketplace, looks for jobs, claims and stakes a slot, waits for the
// assignment, trains with the other workers of its replica (NoLoCo over
// libp2p), reports its progress, delivers its weights and its trace
// (commit, then reveal), answers the referee's challenges, and goes on to
// the next job. Several workers can run in one process (the demo does).
//
// Every file it writes goes through a temporary file and a rename, so that
// a worker stopped at any moment leaves nothing half-written; the state of
// each job is kept under DataDir/jobs/<id>/state.json, and a restarted
// worker resumes what can be resumed (waiting for an assignment, delivering
// a finished run, answering challenges).
package worker

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/libp2p/go-libp2p/core/host"

	"github.com/axl-market/axl/api/client"
	"github.com/axl-market/axl/api/wire"
	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/swarm/noloco"
)

// Config is a worker.
type Config struct {
	// Client calls the marketplace as the worker's key. Without it, one is
	// made for API with Key.
	Client *client.Client
	API    string
	Key    *ecdsa.PrivateKey
	// DataDir holds the libp2p identity (p2p.key), the artifacts and the
	// state and outputs of each job.
	DataDir string
	// Listen are the libp2p multiaddrs to listen on (default
	// /ip4/0.0.0.0/tcp/0).
	Listen []string
	// MinPay is the least pay per slot a job must offer, in the token's base
	// units (nil: any).
	MinPay *big.Int
	// MaxModelSize is the largest base model, in bytes, the worker takes a
	// job for (0: any).
	MaxModelSize int64
	// MaxJobMemory is the most memory, in bytes, the worker gives one slot:
	// it takes no job whose slot_memory (GET /jobs) is above it (0: any).
	MaxJobMemory int64
	// Accept, if set, is asked about each open job the worker could take:
	// false leaves it to others (the demo keeps concurrent jobs apart so).
	Accept func(wire.Job) bool
	// Capacity is how many slots the worker holds at once across jobs
	// (default 1); the server enforces it.
	Capacity int
	// Threads of the training kernels (default: the CPUs).
	Threads int
	Logger  *slog.Logger
	// Clock is the time deadlines are compared with (default the system's).
	Clock market.Clock
	// PollMin and PollMax bound the backoff between looks at GET /jobs
	// (default 1 s and 30 s); each wait is jittered by ±20 %.
	PollMin, PollMax time.Duration
	// PeerTimeout bounds each exchange with the peers of a run, and the
	// wait for them to join it (default one minute).
	PeerTimeout time.Duration
	// ArchiveEvery keeps the run's state every so many inner steps in its
	// archive, besides every outer period's start (noloco.Config.ArchiveEvery):
	// more disk, quicker answers to the referee. 0 keeps the periods' only.
	ArchiveEvery int
	// Cheat makes the worker dishonest (tests and the demo only): passed to
	// every run as noloco.Config.Faults. Nil for an honest worker.
	Cheat *noloco.Faults
	// Commitment, if set, replaces the commitment the worker posts with the
	// one it returns, given the job and the worker's own: a copier (tests and
	// the demo only). Nil for an honest worker.
	Commitment func(ctx context.Context, jobID, own string) (string, error)
	// IgnoreReferee makes the worker leave the referee's challenges
	// unanswered: a silent party (tests and the demo only).
	IgnoreReferee bool
	// SkipTraining makes the worker deliver at once, without training: the
	// base model as its weights and a trace of the job's shape filled with
	// random hashes, committed the moment the job is assigned (tests and
	// the demo only).
	SkipTraining bool
}

// Worker is one worker of the swarm.
type Worker struct {
	cfg    Config
	api    *client.Client
	log    *slog.Logger
	clock  market.Clock
	minPay *big.Int

	host host.Host
	// skip holds jobs not to try again before a time (a refused claim).
	skip map[string]time.Time
	// background tasks: challenges answered after a job's reveal.
	wg sync.WaitGroup
}

// New checks cfg and returns a worker; Run starts it.
func New(cfg Config) (*Worker, error) {
	if cfg.Client == nil {
		if cfg.API == "" || cfg.Key == nil {
			return nil, errors.New("worker: a Client, or an API URL and a Key, is required")
		}
		cfg.Client = client.New(cfg.API, cfg.Key)
	}
	if cfg.Client.Key() == nil {
		return nil, errors.New("worker: the client has no key to sign with")
	}
	if cfg.DataDir == "" {
		return nil, errors.New("worker: a DataDir is required")
	}
	if len(cfg.Listen) == 0 {
		cfg.Listen = []string{"/ip4/0.0.0.0/tcp/0"}
	}
	if cfg.Capacity <= 0 {
		cfg.Capacity = 1
	}
	if cfg.Threads <= 0 {
		cfg.Threads = runtime.NumCPU()
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Clock == nil {
		cfg.Clock = market.SystemClock{}
	}
	if cfg.PollMin <= 0 {
		cfg.PollMin = time.Second
	}
	if cfg.PollMax < cfg.PollMin {
		cfg.PollMax = max(30*time.Second, cfg.PollMin)
	}
	if cfg.PeerTimeout <= 0 {
		cfg.PeerTimeout = time.Minute
	}
	minPay := cfg.MinPay
	if minPay == nil {
		minPay = new(big.Int)
	}
	for _, d := range []string{cfg.DataDir, filepath.Join(cfg.DataDir, "jobs"), filepath.Join(cfg.DataDir, "artifacts")} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			return nil, fmt.Errorf("worker: data dir: %w", err)
		}
	}
	w := &Worker{cfg: cfg, api: cfg.Client, clock: cfg.Clock, minPay: minPay, skip: map[string]time.Time{},
		log: cfg.Logger.With("worker", cfg.Client.Address().Hex())}
	return w, nil
}

// Run works until ctx ends: it registers, resumes the jobs a previous run
// left, then takes job after job. It returns nil when ctx ends, and an
// error only when it cannot work at all (no libp2p host, a registration
// the server refuses).
func (w *Worker) Run(ctx context.Context) error {
	h, err := w.startHost()
	if err != nil {
		return err
	}
	w.host = h
	defer h.Close()
	defer w.wg.Wait()
	if err := w.register(ctx); err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return err
	}
	w.resume(ctx)
	for ctx.Err() == nil {
		j, cl, ok := w.findJob(ctx)
		if !ok {
			break
		}
		w.work(ctx, j, cl)
	}
	w.log.Info("worker stopping: asked to stop; waiting for background tasks to end")
	return nil
}

// Addrs are the multiaddrs the worker's libp2p host listens on (once Run
// has started it).
func (w *Worker) Addrs() []string {
	if w.host == nil {
		return nil
	}
	var out []string
	for _, a := range w.host.Addrs() {
		out = append(out, a.String())
	}
	return out
}

// register posts the worker's peer id, addresses and capacity, retrying
// while the server cannot be reached.
func (w *Worker) register(ctx context.Context) error {
	addrs := w.Addrs()
	if len(addrs) > 16 {
		addrs = addrs[:16]
	}
	// The memory and threads it advertises: the server refuses its claims
	// of slots that need more memory than it gives one.
	req := wire.WorkerRequest{PeerID: w.host.ID().String(), Multiaddrs: addrs, Capacity: uint32(w.cfg.Capacity),
		Memory: w.cfg.MaxJobMemory, Threads: uint32(w.cfg.Threads)}
	err := w.retry(ctx, w.log, "cannot register yet", func() error {
		_, err := w.api.RegisterWorker(ctx, req)
		return err
	})
	if s := client.StatusOf(err); s >= 400 && s < 500 {
		return fmt.Errorf("worker: registration refused: %w", err)
	} else if err != nil {
		return err
	}
	w.log.Info("registered", "peer_id", req.PeerID, "multiaddrs", strings.Join(addrs, ","), "capacity", req.Capacity)
	return nil
}

// sleep waits d, jittered by ±20 %, and reports false if ctx ended first.
func (w *Worker) sleep(ctx context.Context, d time.Duration) bool {
	d = time.Duration(float64(d) * (0.8 + 0.4*rand.Float64()))
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// findJob polls GET /jobs, with backoff and jitter, until it claims a slot
// of a job it can run; ok is false once ctx ended.
func (w *Worker) findJob(ctx context.Context) (wire.Job, wire.Claim, bool) {
	wait := &waitReason{log: w.log, what: "waiting for a job"}
	var why lookResult
	_, err := retryUntil(ctx, w, time.Time{}, w.cfg.PollMax, func() (struct{}, error) {
		if why = w.tryJobs(ctx); why.claimed {
			return struct{}{}, nil
		}
		return struct{}{}, errNotYet
	}, func(_ error, next time.Duration) { wait.note(why.reason, next) })
	if err != nil {
		return wire.Job{}, wire.Claim{}, false
	}
	return why.job, why.claim, true
}

// lookResult is what one look at the jobs found.
type lookResult struct {
	claimed bool
	job     wire.Job
	claim   wire.Claim
	reason  string // why nothing was claimed
}

// tryJobs lists the open jobs that pay enough and claims a slot of the
// first one the server lets it have.
func (w *Worker) tryJobs(ctx context.Context) lookResult {
	list, err := w.api.Jobs(ctx, client.JobFilter{MinPay: w.minPay.String(), MaxModelSize: w.cfg.MaxModelSize,
		MaxMemory: w.cfg.MaxJobMemory, Limit: 100})
	if err != nil {
		return lookResult{reason: "cannot list the jobs: " + err.Error()}
	}
	now := w.clock.Now()
	for id, until := range w.skip {
		if !now.Before(until) {
			delete(w.skip, id)
		}
	}
	var refused []string
	for _, j := range list.Data {
		if until, ok := w.skip[j.ID]; ok && now.Before(until) {
			continue
		}
		pay, ok := new(big.Int).SetString(j.PayPerSlot, 10)
		if !ok || pay.Cmp(w.minPay) < 0 || j.FreeSlots == 0 || j.Steps == 0 || (w.cfg.MaxModelSize > 0 && j.ModelSize > w.cfg.MaxModelSize) ||
			(w.cfg.MaxJobMemory > 0 && j.SlotMemory > w.cfg.MaxJobMemory) || (w.cfg.Accept != nil && !w.cfg.Accept(j)) {
			continue
		}
		cl, err := w.api.Claim(ctx, j.ID)
		if client.StatusOf(err) == 403 { // unknown to the server (its data reset?): register again, claim again
			w.log.Info("the server does not know this worker: registering again", "why", detail(err))
			if rerr := w.register(ctx); rerr != nil {
				return lookResult{reason: "registration failed: " + rerr.Error()}
			}
			cl, err = w.api.Claim(ctx, j.ID)
		}
		if err == nil {
			w.log.Info("claimed a slot", "job", j.ID, "slot", cl.Slot, "pay_per_slot", j.PayPerSlot, "stake", j.StakePerSlot,
				"token", j.Token, "steps", j.Steps, "claim_expires", cl.ExpiresAt)
			return lookResult{claimed: true, job: j, claim: cl}
		}
		if ctx.Err() != nil {
			return lookResult{reason: "stopping"}
		}
		w.log.Info("claim refused: not trying this job again for a minute", "job", j.ID, "why", detail(err))
		w.skip[j.ID] = now.Add(time.Minute)
		refused = append(refused, fmt.Sprintf("%s (%s)", short(j.ID), detail(err)))
	}
	switch {
	case len(refused) > 0:
		return lookResult{reason: "claims refused: " + strings.Join(refused, "; ")}
	case len(list.Data) == 0 && (w.cfg.MaxModelSize > 0 || w.cfg.MaxJobMemory > 0):
		return lookResult{reason: fmt.Sprintf("no open job pays at least %s per slot within the worker's limits (model of at most %d bytes, slot of at most %d bytes of memory; 0: any)",
			w.minPay, w.cfg.MaxModelSize, w.cfg.MaxJobMemory)}
	case len(list.Data) == 0:
		return lookResult{reason: fmt.Sprintf("no open job pays at least %s per slot", w.minPay)}
	}
	return lookResult{reason: "no open job left to try"}
}

// detail is the server's explanation of err, or err itself.
func detail(err error) string {
	var e *client.Error
	if errors.As(err, &e) && e.Detail != "" {
		return e.Detail
	}
	return err.Error()
}

// short abbreviates a job id for logs.
func short(id string) string {
	if len(id) > 12 {
		return id[:10] + "…"
	}
	return id
}
