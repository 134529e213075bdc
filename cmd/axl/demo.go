package main

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/axl-market/axl/api"
	apiclient "github.com/axl-market/axl/api/client"
	"github.com/axl-market/axl/api/wire"
	"github.com/axl-market/axl/escrow"
	"github.com/axl-market/axl/escrow/devchain"
	"github.com/axl-market/axl/swarm/model"
	"github.com/axl-market/axl/swarm/noloco"
	"github.com/axl-market/axl/swarm/worker"
)

// cheats are the dishonest workers `axl demo --cheat` can field, each
// caught by a different part of the referee's game.
var cheats = map[string]string{
	"perturb":      "perturbs one inner step (caught by recomputing one operator)",
	"replay":       "skips inner steps and replays an old state",
	"gossip":       "sends a gossip message inconsistent with its own state",
	"copy":         "copies another replica's commitment instead of committing its own",
	"silent":       "stops answering the referee",
	"early":        "commits to a random trace the moment the job is assigned, delivers the untrained base model, and answers nothing",
	"unregistered": "stakes its slot with its own transaction, never registering a network address: its replica cannot run",
	"vanish":       "leaves the run midway without a word and delivers nothing: its replica's run breaks",
}

// demoConfig is the command line of axl demo.
type demoConfig struct {
	serve               serveConfig
	cheat               string
	steps, workers      uint
	replicas, inner     uint
	out                 string
	workerPoll, timeout time.Duration
	// keepServing keeps the server and its web page up once the purchase
	// ended, until interrupted (or --timeout).
	keepServing bool
}

// runDemo runs the whole marketplace loop in one process on the embedded
// defaults: chain, PostgreSQL, server, four workers and a buyer agent.
func runDemo(ctx context.Context, env *environment, args []string) error {
	var c demoConfig
	fs := newFlagSet(env, "demo")
	fs.StringVar(&c.serve.dataDir, "data-dir", "", "directory for the demo's database, chain, artifacts and logs (default: a new temporary one)")
	fs.StringVar(&c.cheat, "cheat", "", "field a dishonest worker: perturb, replay, gossip, copy, silent, early, unregistered or vanish")
	fs.UintVar(&c.steps, "steps", 40, "inner steps of every worker")
	fs.UintVar(&c.workers, "workers", 2, "workers per replica")
	fs.UintVar(&c.replicas, "replicas", 2, "replica swarms")
	fs.UintVar(&c.inner, "inner-steps", 10, "NoLoCo's H: inner steps between outer steps")
	fs.StringVar(&c.out, "out", "", "where to write the verified weights (default: weights.safetensors in the run's directory)")
	fs.DurationVar(&c.timeout, "timeout", 20*time.Minute, "give up after this long")
	fs.BoolVar(&c.keepServing, "keep-serving", false, "once the purchase ended, keep the server and its web page up until interrupted (or --timeout)")
	c.serve.registerVerifyFlags(fs)
	c.serve.limits = api.DefaultLimits // the retention: its defaults
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if c.cheat != "" && cheats[c.cheat] == "" {
		return usageError{fmt.Sprintf("demo: --cheat %q: want one of perturb, replay, gossip, copy, silent, early, unregistered, vanish", c.cheat)}
	}
	if c.replicas < 1 || c.workers < 1 || c.steps < 1 {
		return usageError{"demo: --steps, --workers and --replicas must be at least 1"}
	}
	if c.cheat != "" && c.replicas < 2 {
		return usageError{"demo: --cheat needs two replicas or more, so that an honest one can win"}
	}
	if c.serve.dataDir == "" {
		dir, err := os.MkdirTemp("", "axl-demo-")
		if err != nil {
			return err
		}
		c.serve.dataDir = dir
	}
	c.serve.addr = "127.0.0.1:0"
	c.serve.quoteTTL = 10 * time.Minute
	c.serve.maxArtifact = api.DefaultConfig.MaxArtifactSize
	c.serve.chainPoll = 500 * time.Millisecond
	c.serve.claimTTL = 2 * time.Minute
	c.workerPoll = 500 * time.Millisecond
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	return demo(ctx, env, c)
}

// chainOutcome is what the escrow's own events say of an intent: the
// released weights hash, and who was paid and who was slashed.
type chainOutcome struct {
	Released string // hex weightsHash of the Released event
	Paid     map[common.Address]bool
	Slashed  map[common.Address]bool
	Cheat    common.Address // the demo's dishonest worker, if any
}

// demoEnv is a running server on the embedded defaults, its dev accounts
// and where the demo logs go.
type demoEnv struct {
	base   string
	info   devchain.Info
	keys   map[string][]string // private keys by role
	logger *slog.Logger
	view   *runView
	c      demoConfig
}

// startDemo starts the server (PostgreSQL, dev chain, API, relayer, watcher,
// operator, referee) and returns once it serves; stop ends it.
func startDemo(ctx context.Context, env *environment, c demoConfig) (d *demoEnv, stop func(), err error) {
	if err := prepareDataDir(c.serve.dataDir); err != nil {
		return nil, nil, err
	}
	logPath := filepath.Join(c.serve.dataDir, "demo.log")
	logFile, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, nil, err
	}
	d = &demoEnv{logger: slog.New(slog.NewTextHandler(logFile, nil)), view: newRunView(env.stdout), c: c, keys: map[string][]string{}}
	d.view.setSteps(uint32(c.steps))
	d.view.note("AXL demo: data in %s, logs in %s", c.serve.dataDir, logPath)

	serveCtx, stopServe := context.WithCancel(context.WithoutCancel(ctx))
	ready := make(chan string, 1)
	served := make(chan error, 1)
	go func() { served <- serve(serveCtx, c.serve, d.logger.With("part", "serve"), ready) }()
	stop = func() {
		stopServe()
		if err := <-served; err != nil {
			d.logger.Error("serve", "err", err)
		}
		logFile.Close()
	}
	select {
	case addr := <-ready:
		d.base = "http://" + addr
	case err := <-served:
		stopServe()
		logFile.Close()
		return nil, nil, fmt.Errorf("server: %w", err)
	case <-ctx.Done():
		stop()
		return nil, nil, ctx.Err()
	}
	if d.info, err = devnetInfo(c.serve.dataDir); err != nil {
		stop()
		return nil, nil, err
	}
	for _, a := range d.info.Accounts {
		d.keys[a.Role] = append(d.keys[a.Role], a.PrivateKey)
	}
	d.view.note("server on %s; dev chain %s (chain id %d), escrow %s", d.base, d.info.RPCURL, d.info.ChainID, d.info.Contracts.Escrow)
	d.view.note("web page: %s/ (watch the market, the intent, its loss curves and disputes)", d.base)
	return d, stop, nil
}

// demo runs the loop and tells how it ended: the buyer's receipt and the
// chain's own account of the release.
func demo(ctx context.Context, env *environment, c demoConfig) error {
	d, stop, err := startDemo(ctx, env, c)
	if err != nil {
		return err
	}
	defer stop()
	rc, out, err := d.run(ctx, c.cheat, 0, 0)
	if rc.Intent.ID != "" {
		printReceipt(env.stdout, rc)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "on-chain Released event: weightsHash 0x%s, equal to the file's sha256\n", out.Released)
	for a := range out.Paid {
		fmt.Fprintf(env.stdout, "on-chain Paid:    %s\n", a.Hex())
	}
	for a := range out.Slashed {
		fmt.Fprintf(env.stdout, "on-chain Slashed: %s\n", a.Hex())
	}
	if c.keepServing {
		fmt.Fprintf(env.stdout, "still serving the web page on %s/ until interrupted\n", d.base)
		<-ctx.Done()
	}
	return nil
}

// run makes one purchase: workers firstWorker.. of the dev accounts (the
// first of them dishonest if cheat is set) and the dev agent agent as the
// buyer. It returns once the intent is final, its workers stopped.
func (d *demoEnv) run(ctx context.Context, cheat string, firstWorker, agent int) (receipt, chainOutcome, error) {
	return d.runBuyer(ctx, cheat, firstWorker, agent, d.buy)
}

// buyFunc buys the job of a run as the agent's client bc: the base model
// and dataset are the files at modelPath and dataPath, the job is the
// demo's (demoConfig), and the verified weights go to weights. It calls
// created with the intent's id as soon as it has one (the run's workers
// take that job only) and returns once the intent is final.
type buyFunc func(ctx context.Context, bc *apiclient.Client, modelPath, dataPath, weights string, created func(id string)) (receipt, error)

// buy is the demo's own buyer (package agent's), sharing d's view.
func (d *demoEnv) buy(ctx context.Context, bc *apiclient.Client, modelPath, dataPath, weights string, created func(id string)) (receipt, error) {
	c := d.c
	b := &buyer{c: bc, view: d.view, created: created}
	return b.buy(ctx, purchase{Model: modelPath, Dataset: dataPath, Token: "USDC", Steps: uint32(c.steps),
		Workers: uint32(c.workers), Replicas: uint32(c.replicas), Seed: "7", MaxPrice: "100000000", Deadline: 2 * time.Hour,
		Hyper: wire.Hyperparameters{LearningRate: 3e-3, BatchSize: 4, SeqLen: 32, InnerSteps: uint32(c.inner)}, Out: weights,
		Dir: filepath.Join(filepath.Dir(modelPath), "model")})
}

// runBuyer is run with the buyer buy.
func (d *demoEnv) runBuyer(ctx context.Context, cheat string, firstWorker, agent int, buy buyFunc) (receipt, chainOutcome, error) {
	var rc receipt
	var out chainOutcome
	c := d.c
	n := int(c.workers * c.replicas)
	if len(d.keys[devchain.RoleWorker]) < firstWorker+n || len(d.keys[devchain.RoleAgent]) <= agent {
		return rc, out, fmt.Errorf("devnet.json funds %d workers and %d agents; the demo needs %d and %d",
			len(d.keys[devchain.RoleWorker]), len(d.keys[devchain.RoleAgent]), firstWorker+n, agent+1)
	}
	dir := filepath.Join(c.serve.dataDir, fmt.Sprintf("run-%d", time.Now().UnixNano()))
	workCtx, stopWorkers := context.WithCancel(ctx)
	defer stopWorkers()
	done := make(chan error, n)
	started := 0
	defer func() {
		stopWorkers()
		for range started {
			if err := <-done; err != nil && !errors.Is(err, context.Canceled) {
				d.logger.Error("worker", "err", err)
			}
		}
	}()
	buyerKey, err := crypto.HexToECDSA(strings.TrimPrefix(d.keys[devchain.RoleAgent][agent], "0x"))
	if err != nil {
		return rc, out, err
	}
	bc := apiclient.New(d.base, buyerKey, apiclient.WithDeployment(deploymentOf(d.info.ChainID,
		d.info.Contracts.Escrow, d.info.Contracts.USDC, d.info.Contracts.AI)))
	// The run's workers take its job only: jobs of runs side by side keep
	// their own workers (and their cheat).
	var mu sync.Mutex
	intent := ""
	accept := func(j wire.Job) bool {
		mu.Lock()
		defer mu.Unlock()
		return strings.EqualFold(j.ID, intent)
	}
	for i := range n {
		key, err := crypto.HexToECDSA(strings.TrimPrefix(d.keys[devchain.RoleWorker][firstWorker+i], "0x"))
		if err != nil {
			return rc, out, err
		}
		cfg := worker.Config{API: d.base, Key: key, DataDir: filepath.Join(dir, fmt.Sprintf("worker-%d", firstWorker+i)),
			Listen: []string{"/ip4/127.0.0.1/tcp/0"}, Threads: 1, PollMin: c.workerPoll, PollMax: 2 * time.Second,
			Accept: accept, Logger: d.logger.With("part", fmt.Sprintf("worker-%d", firstWorker+i))}
		if i == 0 && cheat != "" {
			out.Cheat = crypto.PubkeyToAddress(key.PublicKey)
			d.view.note("worker %s %s", out.Cheat.Hex(), cheats[cheat])
			if cheat == "unregistered" {
				started++
				go func() {
					done <- stakeUnregistered(workCtx, d.info, key, uint32(n-1), func() string {
						mu.Lock()
						defer mu.Unlock()
						return intent
					})
				}()
				continue
			}
			if err := dishonest(&cfg, cheat, int(c.steps), int(c.inner), bc); err != nil {
				return rc, out, err
			}
		}
		w, err := worker.New(cfg)
		if err != nil {
			return rc, out, err
		}
		started++
		go func() { done <- w.Run(workCtx) }()
	}
	d.view.note("%d workers polling for jobs", n)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return rc, out, err
	}
	modelPath, dataPath, err := demoInputs(dir)
	if err != nil {
		return rc, out, err
	}
	weights := c.out
	if weights == "" {
		weights = filepath.Join(dir, "weights.safetensors")
	}
	rc, err = buy(ctx, bc, modelPath, dataPath, weights, func(id string) {
		mu.Lock()
		intent = id
		mu.Unlock()
	})
	if err != nil {
		return rc, out, err
	}
	if err := readOutcome(ctx, d.info, rc, &out); err != nil {
		return rc, out, err
	}
	if out.Released != rc.SHA256 {
		return rc, out, fmt.Errorf("the weights hash to %s but the on-chain Released event names %s", rc.SHA256, out.Released)
	}
	return rc, out, nil
}

// dishonest makes cfg the worker of a cheat.
// A copier reads the others' commitments where the buyer sees them (they
// hide their roots), through buyer.
func dishonest(cfg *worker.Config, cheat string, steps, h int, buyer *apiclient.Client) error {
	mid := max(steps/2, 1)
	switch cheat {
	case "perturb":
		cfg.Cheat = &noloco.Faults{PerturbStep: mid}
	case "replay":
		cfg.Cheat = &noloco.Faults{ReplayFrom: max(mid-2, 0), ReplayAt: mid}
	case "gossip":
		cfg.Cheat = &noloco.Faults{BadGossipOuter: max(steps/h/2, 1)}
	case "copy":
		cfg.Commitment = func(ctx context.Context, jobID, own string) (string, error) {
			for {
				in, err := buyer.Intent(ctx, jobID)
				if err != nil {
					return "", err
				}
				for _, s := range in.Slots {
					if s.Commitment != "" && s.Commitment != own {
						return s.Commitment, nil
					}
				}
				select {
				case <-ctx.Done():
					return "", ctx.Err()
				case <-time.After(200 * time.Millisecond):
				}
			}
		}
	case "silent":
		cfg.Cheat = &noloco.Faults{PerturbStep: mid}
		cfg.IgnoreReferee = true
	case "early":
		cfg.SkipTraining, cfg.IgnoreReferee = true, true
	case "vanish":
		cfg.Cheat = &noloco.Faults{VanishOuter: max(steps/h/2, 1)}
	default:
		return fmt.Errorf("unknown cheat %q", cheat)
	}
	return nil
}

// demoInputs writes the demo's base model (tiny GPT-2, fixed seed) and its
// dataset into dir.
func demoInputs(dir string) (modelPath, dataPath string, err error) {
	cfg, err := model.ConfigByName("tiny")
	if err != nil {
		return "", "", err
	}
	m, err := model.Init(cfg, 1)
	if err != nil {
		return "", "", err
	}
	var buf bytes.Buffer
	if err := model.Encode(&buf, m); err != nil {
		return "", "", err
	}
	modelPath = filepath.Join(dir, "base.safetensors")
	if err := writeFileAtomic(modelPath, buf.Bytes(), 0o600); err != nil {
		return "", "", err
	}
	var text strings.Builder
	for i := range 400 {
		fmt.Fprintf(&text, "Agent %d buys a verified fine-tuning run; worker %d trains it, and the referee checks step %d.\n", i%17, i%5, i%23)
	}
	dataPath = filepath.Join(dir, "dataset.txt")
	return modelPath, dataPath, writeFileAtomic(dataPath, []byte(text.String()), 0o600)
}

// readOutcome reads, from the chain itself, the release transaction's
// Released event and the intent's Paid and Slashed events.
func readOutcome(ctx context.Context, info devchain.Info, rc receipt, out *chainOutcome) error {
	if rc.Release == "" {
		return errors.New("the intent shows no release transaction")
	}
	client, err := ethclient.DialContext(ctx, info.RPCURL)
	if err != nil {
		return err
	}
	defer client.Close()
	ev := escrow.NewContracts(nil, escrow.Addresses{}).Escrow
	r, err := client.TransactionReceipt(ctx, common.HexToHash(rc.Release))
	if err != nil {
		return fmt.Errorf("release receipt: %w", err)
	}
	for _, l := range r.Logs {
		if rel, err := ev.UnpackReleasedEvent(l); err == nil {
			out.Released = hex.EncodeToString(rel.WeightsHash[:])
		}
	}
	if out.Released == "" {
		return fmt.Errorf("release transaction %s emitted no Released event", rc.Release)
	}
	logs, err := client.FilterLogs(ctx, ethereum.FilterQuery{Addresses: []common.Address{info.Contracts.Escrow},
		Topics: [][]common.Hash{nil, {common.HexToHash(rc.Intent.ID)}}})
	if err != nil {
		return fmt.Errorf("escrow events: %w", err)
	}
	out.Paid, out.Slashed = map[common.Address]bool{}, map[common.Address]bool{}
	for i := range logs {
		if p, err := ev.UnpackPaidEvent(&logs[i]); err == nil {
			out.Paid[p.Worker] = true
		}
		if s, err := ev.UnpackSlashedEvent(&logs[i]); err == nil {
			out.Slashed[s.Worker] = true
		}
	}
	return nil
}

// stakeUnregistered is the cheat "unregistered": a Sybil that never calls
// POST /workers stakes the job's last slot with its own transactions
// (approve, then stake) as soon as the intent is funded, reading the
// terms from the chain's Funded event. Its replica cannot run; the
// rulebook finds it at fault and excuses its replica's other slots.
func stakeUnregistered(ctx context.Context, info devchain.Info, key *ecdsa.PrivateKey, slot uint32, intent func() string) error {
	client, err := ethclient.DialContext(ctx, info.RPCURL)
	if err != nil {
		return err
	}
	defer client.Close()
	c := escrow.NewContracts(big.NewInt(info.ChainID), info.Contracts)
	var terms *escrow.Terms
	for terms == nil {
		if id := intent(); id != "" {
			logs, err := client.FilterLogs(ctx, ethereum.FilterQuery{Addresses: []common.Address{info.Contracts.Escrow},
				Topics: [][]common.Hash{nil, {common.HexToHash(id)}}})
			if err != nil {
				return err
			}
			for i := range logs {
				if f, err := c.Escrow.UnpackFundedEvent(&logs[i]); err == nil {
					terms = &escrow.Terms{Buyer: f.Buyer, Token: f.Token, Amount: f.Amount, SpecHash: f.SpecHash, Slots: f.Slots,
						StakePerSlot: f.StakePerSlot, Deadline: f.Deadline, Nonce: f.Nonce}
				}
			}
		}
		if terms == nil {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(200 * time.Millisecond):
			}
		}
	}
	for _, call := range []escrow.Call{{To: terms.Token, Data: c.USDC.PackApprove(info.Contracts.Escrow, terms.StakePerSlot)},
		c.Stake(*terms, slot)} {
		if err := sendCall(ctx, client, big.NewInt(info.ChainID), key, call); err != nil {
			return fmt.Errorf("the unregistered staker: %w", err)
		}
	}
	<-ctx.Done()
	return ctx.Err()
}

// sendCall signs call with key, sends it and waits for its receipt, which
// must be a success.
func sendCall(ctx context.Context, client *ethclient.Client, chainID *big.Int, key *ecdsa.PrivateKey, call escrow.Call) error {
	from := crypto.PubkeyToAddress(key.PublicKey)
	nonce, err := client.NonceAt(ctx, from, nil)
	if err != nil {
		return err
	}
	gas, err := client.EstimateGas(ctx, ethereum.CallMsg{From: from, To: &call.To, Data: call.Data})
	if err != nil {
		return err
	}
	tip, feeCap, err := escrow.SuggestFees(ctx, client)
	if err != nil {
		return err
	}
	tx, err := types.SignNewTx(key, types.LatestSignerForChainID(chainID), &types.DynamicFeeTx{ChainID: chainID, Nonce: nonce,
		GasTipCap: tip, GasFeeCap: feeCap, Gas: gas * 2, To: &call.To, Data: call.Data})
	if err != nil {
		return err
	}
	if err := client.SendTransaction(ctx, tx); err != nil {
		return err
	}
	for {
		r, err := client.TransactionReceipt(ctx, tx.Hash())
		if err == nil {
			if r.Status != types.ReceiptStatusSuccessful {
				return fmt.Errorf("transaction %s reverted", tx.Hash().Hex())
			}
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}
