package main

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/axl-market/axl/api"
	"github.com/axl-market/axl/escrow"
	"github.com/axl-market/axl/escrow/devchain"
	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/market/blobstore"
	"github.com/axl-market/axl/market/broker"
	"github.com/axl-market/axl/market/eventhub"
	"github.com/axl-market/axl/market/postgres"
	"github.com/axl-market/axl/market/postgres/embedded"
	"github.com/axl-market/axl/market/referee"
	"github.com/axl-market/axl/market/referee/sandbox"
	"github.com/axl-market/axl/market/webhook"
	"github.com/axl-market/axl/mcpserver"
	"github.com/axl-market/axl/swarm/jobplan"
	"github.com/axl-market/axl/web"
)

// serveConfig is the command line of axl serve.
type serveConfig struct {
	addr, dataDir, databaseURL string
	chainRPC                   string
	escrowAddr, usdc, ai       string
	maxArtifact                int64
	// maxJobMemory bounds, in bytes, what a quoted job may ask of a
	// worker's slot and of the referee (0: market.DefaultJobLimits).
	maxJobMemory int64
	quoteTTL     time.Duration
	// operatorKey is the hex private key the relayer sends from; the dev
	// chain's operator by default, none (no relaying) with --chain-rpc.
	operatorKey string
	// arbiterKey is the hex private key rulings (resolve) are sent from:
	// the escrow's arbiter, a key of its own; the dev chain's by default.
	arbiterKey string
	// The same keys read from files (the form of axl keys new).
	operatorKeyFile, arbiterKeyFile string
	// deployment is the file of axl deploy: addresses, chain id, deploy
	// block and token domains of the contracts at --chain-rpc.
	deployment string
	// maxFeeGwei caps the fee per gas of any transaction the relayers send.
	maxFeeGwei    uint64
	confirmations uint64
	chainPoll     time.Duration
	operatorSweep time.Duration
	claimTTL      time.Duration
	// The verification after the run (see market/referee).
	challengeWindow time.Duration // of the embedded dev chain
	// rules is the rulebook's policy: the phases after assignment.
	rules           market.Rules
	questionTimeout time.Duration
	spotChecks      int
	// The limits of each referee game's child process (see refereegame.go).
	refereeMemory int64
	refereeCPU    time.Duration
	refereeWall   time.Duration
	// limits are the API's quotas and rate limits (zero: none), retention
	// what the janitor keeps.
	limits    api.Limits
	retention market.Retention
	// streams bounds the event streams (zero fields: eventhub's defaults).
	streams eventhub.Config
	// webhooks: how often deliveries are looked for, the time each may
	// take, the retry policy, and whether private targets are allowed.
	webhookPoll, webhookTimeout time.Duration
	webhookPolicy               market.WebhookPolicy
	webhookAllowPrivate         bool
	// noPayouts leaves settled intents' credits for their parties to
	// withdraw (no withdrawFor relayed).
	noPayouts bool
}

func runServe(ctx context.Context, env *environment, args []string) error {
	c, err := parseServeFlags(env, args)
	if err != nil {
		return err
	}
	logger := slog.New(slog.NewTextHandler(env.stderr, nil))
	return oneLine(serve(ctx, c, logger, nil))
}

// parseServeFlags reads serve's command line and AXL_* environment.
func parseServeFlags(env *environment, args []string) (serveConfig, error) {
	var c serveConfig
	fs := newFlagSet(env, "serve")
	fs.StringVar(&c.addr, "addr", "127.0.0.1:8080", "host:port the API listens on")
	fs.StringVar(&c.dataDir, "data-dir", ".axl", "directory of the embedded PostgreSQL cluster, the dev chain, devnet.json and the artifacts")
	fs.StringVar(&c.databaseURL, "database-url", "", "postgres://… URL of a PostgreSQL to use instead of the embedded cluster")
	fs.StringVar(&c.chainRPC, "chain-rpc", "", "JSON-RPC URL of a chain to use instead of the in-process dev chain (needs --deployment, or --escrow, --usdc and --ai)")
	fs.StringVar(&c.deployment, "deployment", "", "the deployment file of axl deploy (with --chain-rpc): contracts, chain id, deploy block, token domains")
	fs.StringVar(&c.escrowAddr, "escrow", "", "escrow contract address (with --chain-rpc, without --deployment)")
	fs.StringVar(&c.usdc, "usdc", "", "USDC token address (with --chain-rpc, without --deployment)")
	fs.StringVar(&c.ai, "ai", "", "AI token address (with --chain-rpc, without --deployment)")
	fs.Int64Var(&c.maxArtifact, "max-artifact-size", api.DefaultConfig.MaxArtifactSize, "largest artifact upload, bytes")
	fs.Int64Var(&c.maxJobMemory, "max-job-memory", market.DefaultJobLimits.MaxMemory, "most memory, bytes, that a job may ask of a worker's slot and of the referee's recomputation of a step: quotes beyond it are refused")
	fs.DurationVar(&c.quoteTTL, "quote-ttl", 10*time.Minute, "how long a quote can be accepted")
	fs.StringVar(&c.operatorKey, "operator-key", "", "hex private key of the escrow operator the relayer sends from (default: the dev chain's; with --chain-rpc, none: nothing is relayed)")
	fs.StringVar(&c.arbiterKey, "arbiter-key", "", "hex private key of the escrow arbiter the referee's rulings are sent from, not the operator's (default: the dev chain's; needed with --chain-rpc and --operator-key)")
	fs.StringVar(&c.operatorKeyFile, "operator-key-file", "", "file of the operator's key (the file of 'axl keys new', or one hex private key), instead of --operator-key")
	fs.StringVar(&c.arbiterKeyFile, "arbiter-key-file", "", "file of the arbiter's key, instead of --arbiter-key")
	fs.Uint64Var(&c.maxFeeGwei, "max-fee-gwei", 500, "cap of the EIP-1559 fee per gas, in gwei, of every transaction sent: a stuck transaction is re-priced up to it, never past")
	fs.Uint64Var(&c.confirmations, "confirmations", 0, fmt.Sprintf("blocks that must follow an escrow event before it is applied, and a sent transaction before it is final (default: 0 on the dev chain, %d with --chain-rpc)", chainConfirmations))
	fs.DurationVar(&c.chainPoll, "chain-poll", time.Second, "how often the relayer, the watcher and the operator pass")
	fs.DurationVar(&c.operatorSweep, "operator-sweep", 10*time.Minute,
		"how often an operator pass re-derives every active intent, not only those due (the agenda's safety net)")
	c.webhookPolicy = market.DefaultWebhookPolicy
	fs.DurationVar(&c.webhookPoll, "webhook-poll", time.Second, "how often the webhook outbox is looked at")
	fs.DurationVar(&c.webhookTimeout, "webhook-timeout", 10*time.Second, "time one webhook delivery may take (connection to answer)")
	fs.DurationVar(&c.webhookPolicy.DisableAfter, "webhook-disable-after", c.webhookPolicy.DisableAfter, "how long an endpoint may fail every delivery before it is disabled and its queue dropped")
	fs.BoolVar(&c.noPayouts, "no-payouts", false, "do not relay withdrawFor once an intent is settled: its buyer and workers withdraw what the escrow credits them themselves, with their own gas")
	fs.BoolVar(&c.webhookAllowPrivate, "webhook-allow-private", false, "deliver webhooks to loopback and private addresses too (tests, a private network)")
	fs.DurationVar(&c.claimTTL, "claim-ttl", api.DefaultConfig.ClaimTTL, "how long a claimed slot waits for its stake")
	fs.IntVar(&c.streams.MaxStreams, "event-streams", eventhub.DefaultConfig.MaxStreams, "most event streams (GET /intents/{id}/events) open at once, in all (503 past it)")
	fs.IntVar(&c.streams.MaxStreamsPerIntent, "event-streams-per-intent", eventhub.DefaultConfig.MaxStreamsPerIntent, "most event streams open at once on one intent (503 past it)")
	c.registerVerifyFlags(fs)
	c.registerLimitFlags(fs)
	if err := parseFlagsEnv(fs, args, env); err != nil {
		return c, err
	}
	if c.deployment != "" && c.chainRPC == "" {
		return c, usageError{"--deployment names contracts on the chain at --chain-rpc: pass it too (the dev chain deploys its own)"}
	}
	if !flagSet(fs, "confirmations") && c.chainRPC != "" {
		c.confirmations = chainConfirmations
	}
	if c.maxFeeGwei < 1 {
		return c, usageError{"--max-fee-gwei must be at least 1"}
	}
	if c.maxJobMemory < 1 {
		return c, usageError{"--max-job-memory must be a positive number of bytes"}
	}
	if c.streams.MaxStreams < 1 || c.streams.MaxStreamsPerIntent < 1 {
		return c, usageError{"--event-streams and --event-streams-per-intent must be at least 1"}
	}
	if c.webhookPoll <= 0 || c.webhookTimeout <= 0 || c.webhookPolicy.DisableAfter <= 0 {
		return c, usageError{"--webhook-poll, --webhook-timeout and --webhook-disable-after must be positive durations"}
	}
	return c, nil
}

// chainConfirmations is the default depth of --confirmations on a chain
// that is not the dev chain: deep enough for the reorgs that L1 and L2
// nodes see short of finality.
const chainConfirmations = 12

// flagSet reports whether the command line (or the environment) set the flag.
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// registerVerifyFlags adds the flags of the verification after the run;
// axl demo shares them.
func (c *serveConfig) registerVerifyFlags(fs *flag.FlagSet) {
	fs.DurationVar(&c.challengeWindow, "challenge-window", time.Minute, "escrow challenge window of the embedded dev chain when it is created (at least 1m)")
	def := market.Rules{}.WithDefaults()
	fs.Float64Var(&c.rules.WorkerFLOPS, "worker-flops", def.WorkerFLOPS, "the conservative training speed (FLOP/s) of a worker from which a job's commit allowance is computed")
	fs.DurationVar(&c.rules.CommitMargin, "commit-margin", def.CommitMargin, "time added to a job's commit allowance (its work at --worker-flops) for downloads, start and upload")
	fs.DurationVar(&c.rules.Reveal, "reveal-timeout", def.Reveal, "how long every slot has to reveal once the commit phase is over")
	fs.DurationVar(&c.rules.Settle, "settle-time", def.Settle, "time kept before a job's deadline for the referee and the chain: the commit phase ends this and --reveal-timeout before it at the latest")
	fs.IntVar(&c.rules.RefereeTries, "referee-tries", def.RefereeTries, "how often the referee tries a game before ruling it failed (nobody convicted, the buyer refunded)")
	fs.DurationVar(&c.questionTimeout, "question-timeout", time.Minute, "how long a worker has to answer each of the referee's questions")
	fs.IntVar(&c.spotChecks, "spot-checks", 3, "inner steps the referee recomputes per worker of a single-replica job")
	fs.Int64Var(&c.refereeMemory, "referee-memory", sandbox.DefaultMemory, "memory of each referee game's child process, bytes")
	fs.DurationVar(&c.refereeCPU, "referee-cpu", sandbox.DefaultCPU, "CPU time of each referee game's child process")
	fs.DurationVar(&c.refereeWall, "referee-wall", sandbox.DefaultWall, "wall-clock time of each referee game, the workers' answers included")
}

// registerLimitFlags adds the flags of the quotas, rate limits and
// retention; axl demo takes their defaults.
func (c *serveConfig) registerLimitFlags(fs *flag.FlagSet) {
	c.limits, c.retention = api.DefaultLimits, market.DefaultRetention
	l := &c.limits
	fs.Var(&l.IPRequests, "rate-ip", "requests of one client IP (IPv6: its /64), as N/duration (a bucket of N refilled at N per duration), or off")
	fs.Var(&l.AddressRequests, "rate-address", "signed requests of one signer address, N/duration or off")
	fs.Var(&l.Claims, "rate-claims", "slot claims of one signer address, N/duration or off")
	fs.Var(&l.IPClaims, "rate-ip-claims", "slot claims of one client IP, N/duration or off")
	fs.Var(&l.UploadBytes, "rate-upload-bytes", "upload bytes of one signer address, N/duration or off (N is raised to --max-artifact-size)")
	fs.Int64Var(&l.StoredBytes, "max-stored-bytes", l.StoredBytes, "bytes of uploads that no intent uses one address may keep (0: no quota; raised to --max-artifact-size)")
	fs.IntVar(&l.StreamsPerAddress, "max-streams-per-address", l.StreamsPerAddress, "open event streams of one signer address (0: no limit)")
	fs.IntVar(&l.Streams, "max-streams", l.Streams, "open event streams of the whole server (0: no limit)")
	fs.IntVar(&l.LargeBodiesPerIP, "max-large-bodies-per-ip", l.LargeBodiesPerIP, "uploads and referee answers one client IP sends at once (0: no limit)")
	fs.IntVar(&l.MaxPendingClaims, "max-pending-claims", l.MaxPendingClaims, "claims a worker may hold unstaked at once, over all jobs (0: no limit)")
	fs.Int64Var(&l.DiskFloor, "disk-floor", l.DiskFloor, "free bytes that uploads must leave on the data dir's file system: below it they are refused with 507 (0: none)")
	r := &c.retention
	fs.DurationVar(&r.Quotes, "retain-quotes", r.Quotes, "how long an unused quote is kept past its expiry")
	fs.DurationVar(&r.Idempotency, "retain-idempotency", r.Idempotency, "how long a stored Idempotency-Key response is kept")
	fs.DurationVar(&r.Progress, "retain-progress", r.Progress, "how long workers' progress events stay in the event log")
	fs.DurationVar(&r.Artifacts, "retain-artifacts", r.Artifacts, "how long an upload that no intent uses is kept")
	fs.DurationVar(&r.Workers, "retain-workers", r.Workers, "how long a worker registration that never held a slot is kept after its last update")
}

// oneLine folds a multi-line error (pgx lists every address it tried) into
// the one line main prints; usage errors pass through for their exit code.
func oneLine(err error) error {
	var u usageError
	if err == nil || errors.As(err, &u) || !strings.Contains(err.Error(), "\n") {
		return err
	}
	return errors.New(strings.Join(strings.Fields(err.Error()), " "))
}

// prepareDataDir makes the data dir and proves it writable.
func prepareDataDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("data dir %s cannot be created (%v): pass a writable --data-dir", dir, errors.Unwrap(err))
	}
	f, err := os.CreateTemp(dir, ".probe-*")
	if err != nil {
		return fmt.Errorf("data dir %s is not writable: pass a writable --data-dir or fix its permissions", dir)
	}
	f.Close()
	if err := os.Remove(f.Name()); err != nil {
		return err
	}
	if os.Geteuid() == 0 {
		// The embedded PostgreSQL runs as an unprivileged user, which must
		// traverse (not list) the data dir to reach its cluster.
		fi, err := os.Stat(dir)
		if err != nil {
			return err
		}
		return os.Chmod(dir, fi.Mode().Perm()|0o001)
	}
	return nil
}

// openDatabase returns the URL of a migrated database: databaseURL, or the
// embedded cluster under dataDir (stop it with the returned func).
func openDatabase(ctx context.Context, dataDir, databaseURL string, logger *slog.Logger) (string, func(), error) {
	stop := func() {}
	if databaseURL == "" {
		cluster, err := embedded.Start(ctx, embedded.Config{Dir: filepath.Join(dataDir, "postgres"), Logger: logger})
		if err != nil {
			return "", stop, fmt.Errorf("embedded PostgreSQL: %w", err)
		}
		stop = func() {
			sctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			if err := cluster.Stop(sctx); err != nil {
				logger.Error("postgres: stop", "err", err)
			}
		}
		if err := cluster.EnsureDatabase(ctx, "axl"); err != nil {
			stop()
			return "", func() {}, fmt.Errorf("embedded PostgreSQL: %w", err)
		}
		databaseURL = cluster.URL("axl")
	}
	return databaseURL, stop, nil
}

// listen binds addr, turning the common failures into advice.
func listen(addr string) (net.Listener, error) {
	l, err := net.Listen("tcp", addr)
	if errors.Is(err, syscall.EADDRINUSE) {
		return nil, fmt.Errorf("port of %s is taken: stop the process using it or pass another --addr", addr)
	}
	if err != nil {
		return nil, fmt.Errorf("cannot listen on %s: %w", addr, err)
	}
	return l, nil
}

// chainAddresses parses the contract flags that --chain-rpc needs without
// --deployment.
func (c serveConfig) chainAddresses() (market.ChainAddresses, error) {
	var addrs market.ChainAddresses
	if c.deployment != "" {
		if c.escrowAddr != "" || c.usdc != "" || c.ai != "" {
			return addrs, usageError{"--deployment names the contracts: drop --escrow, --usdc and --ai"}
		}
		return addrs, nil
	}
	for _, a := range []struct {
		flag, v string
		dst     *market.Address
	}{{"--escrow", c.escrowAddr, &addrs.Escrow}, {"--usdc", c.usdc, &addrs.USDC}, {"--ai", c.ai, &addrs.AI}} {
		x, err := market.ParseAddress(a.v)
		if err != nil {
			return addrs, usageError{fmt.Sprintf("--chain-rpc needs --deployment FILE, or %s <contract address>", a.flag)}
		}
		*a.dst = x
	}
	return addrs, nil
}

// openedChain is the chain serve runs on.
type openedChain struct {
	chain  *escrow.Chain
	rpcURL string
	// deployment is where the contracts are and the domains their
	// signatures are made under, as read from the chain and checked.
	deployment escrow.Deployment
	close      func()
}

// openChain returns the chain: a dev chain started in-process (its
// devnet.json written to the data dir), or the network at --chain-rpc,
// with the contracts of --deployment (or of --escrow, --usdc and --ai).
// Either way the tokens' EIP-712 domains are read from the chain and
// checked against their DOMAIN_SEPARATOR (and the deployment file's).
func openChain(ctx context.Context, c serveConfig, logger *slog.Logger) (openedChain, error) {
	if c.chainRPC != "" {
		var d escrow.Deployment
		if c.deployment != "" {
			var err error
			if d, err = escrow.ReadDeployment(c.deployment); err != nil {
				return openedChain{}, err
			}
		} else {
			addrs, err := c.chainAddresses()
			if err != nil {
				return openedChain{}, err
			}
			d = escrow.Deployment{Escrow: common.Address(addrs.Escrow), USDC: escrow.TokenDomain{Address: common.Address(addrs.USDC)},
				AI: escrow.TokenDomain{Address: common.Address(addrs.AI)}}
		}
		return dialDeployment(ctx, c.chainRPC, d, c.deployment != "", func() {})
	}
	dev, err := devchain.Start(ctx, devchain.Config{
		RPCAddr: "127.0.0.1:0", DataDir: filepath.Join(c.dataDir, "chain"), Automine: true,
		BlockInterval: 2 * time.Second, ChallengeWindow: c.challengeWindow, Logger: logger,
	})
	if err != nil {
		return openedChain{}, fmt.Errorf("dev chain: %w", err)
	}
	if _, err := dev.WriteInfo(c.dataDir); err != nil {
		dev.Close()
		return openedChain{}, err
	}
	d := escrow.Deployment{ChainID: dev.ChainID().Uint64(), Escrow: dev.Addresses.Escrow,
		USDC: escrow.TokenDomain{Address: dev.Addresses.USDC}, AI: escrow.TokenDomain{Address: dev.Addresses.AI}}
	return dialDeployment(ctx, dev.RPCURL, d, false, dev.Close)
}

// dialDeployment connects to the contracts of d at rpcURL. From a
// deployment file (fromFile), the node's chain id must be the file's and
// the tokens must sign under the file's domains; otherwise the domains are
// the chain's.
func dialDeployment(ctx context.Context, rpcURL string, d escrow.Deployment, fromFile bool, closeNode func()) (openedChain, error) {
	addrs := market.ChainAddresses{Escrow: market.Address(d.Escrow), USDC: market.Address(d.USDC.Address), AI: market.Address(d.AI.Address)}
	ch, err := escrow.Dial(ctx, rpcURL, addrs)
	if err != nil {
		closeNode()
		return openedChain{}, err
	}
	fail := func(err error) (openedChain, error) {
		ch.Close()
		closeNode()
		return openedChain{}, err
	}
	if fromFile && ch.ChainID().Cmp(new(big.Int).SetUint64(d.ChainID)) != 0 {
		return fail(fmt.Errorf("the node at %s is chain %s, but the deployment file is of chain %d: point --chain-rpc at that chain", rpcURL, ch.ChainID(), d.ChainID))
	}
	d.ChainID = ch.ChainID().Uint64()
	client := ch.Client()
	if code, err := client.CodeAt(ctx, d.Escrow, nil); err != nil {
		return fail(fmt.Errorf("escrow %s: %w", d.Escrow, err))
	} else if len(code) == 0 {
		return fail(fmt.Errorf("escrow %s: no contract at this address on chain %d", d.Escrow, d.ChainID))
	}
	for _, t := range []struct {
		name string
		dst  *escrow.TokenDomain
	}{{"usdc", &d.USDC}, {"ai", &d.AI}} {
		var known *escrow.TokenDomain
		if fromFile {
			known = t.dst
		}
		got, err := escrow.ReadTokenDomain(ctx, client, ch.ChainID(), t.dst.Address, known)
		if err != nil {
			return fail(fmt.Errorf("%s: %w", t.name, err))
		}
		*t.dst = got
	}
	return openedChain{chain: ch, rpcURL: rpcURL, deployment: d, close: func() { ch.Close(); closeNode() }}, nil
}

// serve runs the service until ctx ends; ready, if set, receives the
// listening address once requests are served (tests use it).
func serve(ctx context.Context, c serveConfig, logger *slog.Logger, ready chan<- string) error {
	if c.chainRPC != "" {
		if _, err := c.chainAddresses(); err != nil {
			return err
		}
	}
	if err := prepareDataDir(c.dataDir); err != nil {
		return err
	}
	ln, err := listen(c.addr)
	if err != nil {
		return err
	}
	defer ln.Close()

	dbURL, stopDB, err := openDatabase(ctx, c.dataDir, c.databaseURL, logger)
	if err != nil {
		return err
	}
	defer stopDB()
	if err := postgres.MigrateUp(dbURL); err != nil {
		return fmt.Errorf("%w: check --database-url, or omit it to use the embedded cluster", err)
	}
	store, err := postgres.Open(ctx, dbURL, 0)
	if err != nil {
		return fmt.Errorf("%w: check --database-url, or omit it to use the embedded cluster", err)
	}
	defer store.Close()

	opened, err := openChain(ctx, c, logger)
	if err != nil {
		return err
	}
	defer opened.close()
	chain := opened.chain

	blobs, err := blobstore.New(filepath.Join(c.dataDir, "artifacts"))
	if err != nil {
		return err
	}
	clock := market.SystemClock{}
	cfg := api.DefaultConfig
	cfg.MaxArtifactSize = c.maxArtifact
	cfg.ClaimTTL = c.claimTTL
	cfg.Rules = c.rules
	cfg.Limits = c.limits
	// The upload bucket and the stored-bytes quota must hold the largest
	// upload, or it could never be taken.
	if n := cfg.Limits.UploadBytes.N; n > 0 && n < cfg.MaxArtifactSize {
		cfg.Limits.UploadBytes.N = cfg.MaxArtifactSize
	}
	if n := cfg.Limits.StoredBytes; n > 0 && n < cfg.MaxArtifactSize {
		cfg.Limits.StoredBytes = cfg.MaxArtifactSize
	}
	cfg.Retention = c.retention.WithDefaults()
	cfg.AllowPrivateWebhooks = c.webhookAllowPrivate
	limits := broker.DefaultLimits
	if c.maxJobMemory > 0 {
		limits.Job.MaxMemory = c.maxJobMemory
	}
	limits.Job.MaxAnswer = cfg.MaxAnswerSize
	// The quote and the upload check run the workers' own loader and checks.
	b := &broker.Broker{Store: store, Chain: chain, Blobs: blobs, Runtime: jobplan.Runtime{}, Clock: clock, Random: rand.Reader,
		Pricing: market.DefaultPricing(), Signing: opened.deployment.Domains(), QuoteTTL: c.quoteTTL,
		Limits: limits, Rules: c.rules}
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	loopsCtx, stopLoops := context.WithCancel(ctx)
	defer stopLoops()
	op, waitLoops, err := startChainLoops(loopsCtx, c, opened, store, blobs, clock, logger)
	if err != nil {
		return err
	}
	defer waitLoops()
	defer stopLoops()
	var esc market.Relay
	if op != nil {
		esc = op
	}
	// One listening connection for the server's event streams, fanned out
	// in process by the hub.
	listener := postgres.NewListener(dbURL, store, logger)
	hub := eventhub.New(c.streams, store, listener, logger)
	defer hub.Close()
	listener.SetHandler(hub)
	listenCtx, stopListening := context.WithCancel(ctx)
	listening := make(chan struct{})
	go func() { defer close(listening); listener.Run(listenCtx) }()
	defer func() { stopListening(); <-listening }()
	srv := api.New(cfg, api.Deps{Store: store, Relay: esc, Chain: chain, Broker: b, Blobs: blobs, Deliveries: referee.Deliveries{Blobs: blobs}, Events: hub, Clock: clock, Logger: logger, Page: web.New(),
		Registry: reg, Collectors: []prometheus.Collector{postgres.PoolCollector(store.Pool()), postgres.LeaseCollector()}, MCP: remoteMCP})

	// Headers must arrive in 10 s and an idle keep-alive connection lasts
	// 2 min. There is no server-wide ReadTimeout or WriteTimeout: bodies
	// keep api.Config.MinBodyRate (read deadlines moved per window), the
	// responses of writes have api.Config.WriteTimeout, and event streams
	// set a write deadline per write (a server-wide one would cut them).
	httpSrv := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute,
		ErrorLog: slog.NewLogLogger(logger.Handler(), slog.LevelWarn)}
	httpSrv.RegisterOnShutdown(srv.Shutdown)

	prunerCtx, stopPruner := context.WithCancel(ctx)
	defer stopPruner()
	janitor := &market.Janitor{Store: store, Blobs: blobs, Clock: clock, Retention: cfg.Retention, Logger: logger}
	go janitor.Run(prunerCtx)
	if c.webhookPoll <= 0 {
		c.webhookPoll = time.Second
	}
	if c.webhookTimeout <= 0 {
		c.webhookTimeout = 10 * time.Second
	}
	if c.webhookPolicy == (market.WebhookPolicy{}) {
		c.webhookPolicy = market.DefaultWebhookPolicy
	}
	dispatcher := &webhook.Dispatcher{Store: store, Client: webhook.NewClient(c.webhookAllowPrivate, c.webhookTimeout),
		Clock: clock, Policy: c.webhookPolicy, Log: logger}
	webhooksDone := make(chan struct{})
	go func() { defer close(webhooksDone); dispatcher.Run(prunerCtx, c.webhookPoll) }()
	defer func() { stopPruner(); <-webhooksDone }()

	errc := make(chan error, 1)
	go func() { errc <- httpSrv.Serve(ln) }()
	addrs := chain.Addresses()
	dep := opened.deployment
	logger.Info("axl serve ready", "addr", ln.Addr().String(), "chain_id", chain.ChainID(), "escrow", addrs.Escrow,
		"usdc", addrs.USDC, "usdc_domain", dep.USDC.Name+" "+dep.USDC.Version, "ai", addrs.AI, "ai_domain", dep.AI.Name+" "+dep.AI.Version,
		"from_block", dep.DeployBlock, "confirmations", c.confirmations, "data_dir", c.dataDir)
	if ready != nil {
		ready <- ln.Addr().String()
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	logger.Info("axl serve: shutting down; requests in flight finish")
	sctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := httpSrv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}

// devnetInfo reads devnet.json from the data dir (used by the tests and
// the load benchmark to find funded keys).
func devnetInfo(dataDir string) (devchain.Info, error) {
	var info devchain.Info
	b, err := os.ReadFile(filepath.Join(dataDir, "devnet.json"))
	if err == nil {
		err = json.Unmarshal(b, &info)
	}
	return info, err
}

// remoteMCP serves /mcp: the buyer's tools for the request's signer.
func remoteMCP(signer market.Address, api http.RoundTripper) http.Handler {
	return mcpserver.HTTPHandler(common.Address(signer), api)
}
