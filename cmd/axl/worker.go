package main

import (
	"context"
	"fmt"
	"log/slog"
	"math"
	"math/big"
	"net/url"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/multiformats/go-multiaddr"

	apiclient "github.com/axl-market/axl/api/client"
	"github.com/axl-market/axl/swarm/worker"
)

// workerConfig is the command line of axl worker.
type workerConfig struct {
	api, keyFile, dataDir, listen, minPay string
	capacity, threads, archiveEvery       int
	maxModelSize, maxJobMemory            int64
	peerTimeout, pollMax                  time.Duration
	logLevel                              string
}

func runWorker(ctx context.Context, env *environment, args []string) error {
	var c workerConfig
	fs := newFlagSet(env, "worker")
	fs.StringVar(&c.api, "api", "http://127.0.0.1:8080", "base URL of the marketplace API")
	fs.StringVar(&c.keyFile, "key-file", "", "the worker's Ethereum key: the file of 'axl keys new', or a file holding one hex private key (required)")
	fs.StringVar(&c.dataDir, "data-dir", "", "libp2p identity, artifacts and job state (default .axl/workers/<address>)")
	fs.StringVar(&c.listen, "listen", "/ip4/0.0.0.0/tcp/0", "libp2p multiaddrs to listen on, comma-separated")
	fs.StringVar(&c.minPay, "min-pay", "0", "least pay per slot to take a job, in the token's base units")
	fs.IntVar(&c.capacity, "capacity", 1, "slots held at once across jobs")
	fs.Int64Var(&c.maxModelSize, "max-model-size", 0, "largest base model to take a job for, bytes (0: any)")
	fs.Int64Var(&c.maxJobMemory, "max-job-memory", 0, "most memory, bytes, to give one slot, advertised at registration: jobs whose slot_memory is above it are left to others (the server refuses such claims), and the process keeps its heap within --capacity of them (0: any, and no limit)")
	fs.IntVar(&c.threads, "threads", 0, "threads of the training kernels, advertised at registration (0: every CPU)")
	fs.IntVar(&c.archiveEvery, "archive-every", 0, "also keep the run's state every N inner steps, for quicker answers to the referee (0: at each outer step only)")
	fs.DurationVar(&c.peerTimeout, "peer-timeout", time.Minute, "how long to wait for a peer in each exchange and to join a run")
	fs.DurationVar(&c.pollMax, "poll-max", 30*time.Second, "longest wait between two looks at the open jobs")
	fs.StringVar(&c.logLevel, "log-level", "info", "debug, info, warn or error")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := c.config()
	if err != nil {
		return err
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(c.logLevel)); err != nil {
		return usageError{fmt.Sprintf("--log-level %q: want debug, info, warn or error", c.logLevel)}
	}
	cfg.Logger = slog.New(slog.NewTextHandler(env.stderr, &slog.HandlerOptions{Level: level}))
	w, err := worker.New(cfg)
	if err != nil {
		return err
	}
	if c.maxJobMemory > 0 && c.maxJobMemory <= math.MaxInt64/int64(c.capacity) && os.Getenv("GOMEMLIMIT") == "" {
		// The slots' estimates count what a run holds; the soft limit has
		// the collector take back the garbage before it counts too.
		debug.SetMemoryLimit(int64(c.capacity) * c.maxJobMemory)
	}
	return w.Run(ctx)
}

// config checks the flags and returns the worker's configuration.
func (c workerConfig) config() (worker.Config, error) {
	var cfg worker.Config
	u, err := url.Parse(c.api)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return cfg, usageError{fmt.Sprintf("--api %q: want http(s)://host:port", c.api)}
	}
	if c.keyFile == "" {
		return cfg, usageError{"axl worker: --key-file is required (make one with 'axl keys new --out FILE')"}
	}
	key, err := loadKey(c.keyFile)
	if err != nil {
		return cfg, usageError{err.Error()}
	}
	minPay, ok := new(big.Int).SetString(c.minPay, 10)
	if !ok || minPay.Sign() < 0 {
		return cfg, usageError{fmt.Sprintf("--min-pay %q: want a decimal number of base units", c.minPay)}
	}
	var listen []string
	for _, s := range strings.Split(c.listen, ",") {
		s = strings.TrimSpace(s)
		if _, err := multiaddr.NewMultiaddr(s); err != nil {
			return cfg, usageError{fmt.Sprintf("--listen %q is not a multiaddr (like /ip4/0.0.0.0/tcp/0)", s)}
		}
		listen = append(listen, s)
	}
	if c.capacity < 1 || c.capacity > 1024 {
		return cfg, usageError{"--capacity must be between 1 and 1024"}
	}
	if c.maxModelSize < 0 {
		return cfg, usageError{"--max-model-size must be 0 (any) or a number of bytes"}
	}
	if c.maxJobMemory < 0 {
		return cfg, usageError{"--max-job-memory must be 0 (any) or a number of bytes"}
	}
	if c.archiveEvery < 0 {
		return cfg, usageError{"--archive-every must be 0 or a number of inner steps"}
	}
	if c.threads < 0 {
		return cfg, usageError{"--threads must be 0 (every CPU) or more"}
	}
	if c.peerTimeout <= 0 || c.pollMax <= 0 {
		return cfg, usageError{"--peer-timeout and --poll-max must be positive"}
	}
	dataDir := c.dataDir
	if dataDir == "" {
		dataDir = filepath.Join(".axl", "workers", crypto.PubkeyToAddress(key.PublicKey).Hex())
	}
	return worker.Config{Client: apiclient.New(strings.TrimRight(c.api, "/"), key), DataDir: dataDir, Listen: listen,
		MinPay: minPay, MaxModelSize: c.maxModelSize, MaxJobMemory: c.maxJobMemory, Capacity: c.capacity, Threads: c.threads, ArchiveEvery: c.archiveEvery, PeerTimeout: c.peerTimeout, PollMax: c.pollMax}, nil
}
