// Package api is the HTTP face of the marketplace: the chi router, the
// handlers, the signed-request authentication, problem+json errors,
// Server-Sent Events and the swag annotations the OpenAPI spec is
// generated from. It holds no business rule: a handler decodes the request
// (into api/wire's types), calls a use case of market (market.Slots,
// market.Runs, the broker) and encodes its answer, or returns its error,
// which handle maps once to problem+json.
//
//	@title						AXL market API
//	@version					1
//	@description				Buy verified fine-tuning runs. Writes and private reads are signed requests (X-AXL-Address, X-AXL-Timestamp, X-AXL-Nonce: 16 random bytes as hex, X-AXL-Content-SHA256: hex sha256 of the body, X-AXL-Signature: EIP-191 personal_sign over "axl-request\n{METHOD}\n{path with query}\n{timestamp}\n{nonce}\n{hex sha256 of the body}"). The signature is checked before the body is read; a body whose sha256 is not the declared one is refused (400) and nothing of it kept; a nonce is used once. Errors are RFC 9457 problem+json. Every route is rate limited per client IP, and signed routes per signer address (token buckets): over a limit the answer is 429 with Retry-After and the RateLimit and RateLimit-Policy fields of draft-ietf-httpapi-ratelimit-headers; uploads are refused with 507 when the disk is nearly full.
//	@BasePath					/
//	@securityDefinitions.apikey	AXLSignature
//	@in							header
//	@name						X-AXL-Signature
package api

import (
	"context"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/prometheus/client_golang/prometheus"
	"golang.org/x/sync/singleflight"

	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/market/blobstore"
	"github.com/axl-market/axl/market/broker"
	"github.com/axl-market/axl/market/eventhub"
)

// Config tunes the server; zero fields take the defaults of DefaultConfig.
type Config struct {
	MaxArtifactSize   int64         // bytes of an upload (413 past it), streamed to disk: memory does not grow with it
	MaxBodySize       int64         // bytes of a JSON body
	MaxAnswerSize     int64         // bytes of an answer to the referee (tensors)
	SignatureWindow   time.Duration // accepted clock skew of signed requests
	PollInterval      time.Duration // how often an idle SSE stream checks whether a heartbeat is due (it reads nothing)
	HeartbeatInterval time.Duration // how often an idle SSE stream sends a comment
	ClaimTTL          time.Duration // how long a claimed slot waits for its stake
	// MinBodyRate is the slowest a request body may arrive: a body that
	// does not progress by Bytes (or its rest) in a Window is cut (408).
	MinBodyRate Rate
	// MaxLargeBodies is how many uploads and referee answers are received
	// at once; another waits up to LargeBodyWait, then gets 503.
	MaxLargeBodies int
	LargeBodyWait  time.Duration
	// WriteTimeout bounds the writing of a response to a signed write
	// (POST, DELETE), counted from the end of its body (an upload lasts as
	// long as it keeps MinBodyRate), and each write of an event stream.
	WriteTimeout time.Duration
	// Rules is the verification policy: when commitments and reveals are
	// taken.
	Rules market.Rules
	// Limits are the quotas and rate limits. Unlike the other fields, a
	// zero field is no limit: DefaultConfig holds axl serve's.
	Limits Limits
	// AllowPrivateWebhooks lets buyers register webhooks whose host is
	// loopback or a private IP literal (tests, a private deployment); the
	// sender must allow such addresses too (webhook.NewClient).
	AllowPrivateWebhooks bool
	// Retention is how long unused artifacts are kept (which frees a
	// stored-bytes quota), as the janitor prunes them; zero fields take
	// market.DefaultRetention's.
	Retention market.Retention
}

// DefaultConfig is the configuration of a default server.
var DefaultConfig = Config{
	MaxArtifactSize:   2 << 30,
	MaxBodySize:       64 << 10,
	MaxAnswerSize:     market.DefaultJobLimits.MaxAnswer,
	SignatureWindow:   300 * time.Second,
	PollInterval:      time.Second,
	HeartbeatInterval: 15 * time.Second,
	ClaimTTL:          2 * time.Minute,
	MinBodyRate:       Rate{Bytes: 64 << 10, Window: 10 * time.Second},
	MaxLargeBodies:    4,
	LargeBodyWait:     5 * time.Second,
	WriteTimeout:      30 * time.Second,
	Limits:            DefaultLimits,
	Retention:         market.DefaultRetention,
}

// Server serves the API.
type Server struct {
	cfg          Config
	store        market.Store
	ledger       market.Ledger
	verification market.Verification
	relay        market.Relay
	chain        market.Chain
	broker       *broker.Broker
	runtime      market.Runtime
	hf           market.HFExport
	tars         tarDigests // sha256 of model tars (GET /intents/{id}/weights?format=tar)
	blobs        *blobstore.Store
	deliveries   market.DeliveryCheck
	events       *eventhub.Hub
	clock        market.Clock
	slots        *market.Slots
	runs         *market.Runs
	log          *slog.Logger
	metrics      *metrics
	streaming    chan struct{} // closed on shutdown: SSE streams end
	large        chan struct{} // admissions of large bodies
	router       chi.Router
	// jobsFlight coalesces identical GET /jobs queries in flight.
	jobsFlight singleflight.Group
	// docsPage renders /docs once: the document is embedded.
	docsPage func() ([]byte, error)

	// limits are the quotas and rate limits; rateLimited counts refusals.
	limits      *limiter
	rateLimited *prometheus.CounterVec
	// pruner is the store's side of quotas and retention, when it has one.
	pruner    market.Pruner
	retention market.Retention

	// page is the web page served at / (package web); ipStreams counts the
	// open public event streams by client IP, guarded by limits.mu.
	page      http.Handler
	ipStreams map[string]int
	// mcpHandler serves /mcp (nil: not served).
	mcpHandler MCPHandler
}

// Deps are what the server is built on.
type Deps struct {
	Store market.Store
	// Ledger defaults to Store when it implements market.Ledger.
	Ledger market.Ledger
	// Verify defaults to Store when it implements market.Verification.
	Verify market.Verification
	// Relay relays funding and stakes; without it intents are stored but
	// not funded, and stakes are refused as unavailable.
	Relay  market.Relay
	Chain  market.Chain
	Broker *broker.Broker
	// Runtime checks uploaded models with the workers' loader
	// (swarm/jobplan.Runtime); it defaults to the Broker's.
	Runtime market.Runtime
	// HF writes the config.json of a delivered model (the buyer's
	// directory download); it defaults to Runtime when that implements
	// market.HFExport.
	HF    market.HFExport
	Blobs *blobstore.Store
	// Deliveries checks that a reveal's weights open its trace; without
	// it reveals are refused as unavailable.
	Deliveries market.DeliveryCheck
	// Events feeds the event streams of intents not final yet (fed in turn
	// by market/postgres.Listener); without it they are refused as
	// unavailable.
	Events *eventhub.Hub
	Clock  market.Clock
	Logger *slog.Logger
	// Registry receives the server's metrics; Collectors (the database
	// pool's, say) are registered there too.
	Registry   *prometheus.Registry
	Collectors []prometheus.Collector
	// Page is the web page, served at / and under it where no route is
	// (package web); without it / is not found.
	Page http.Handler
	// MCP serves POST /mcp, the buyer's tools over MCP for the request's
	// signer; without it /mcp is not found.
	MCP MCPHandler
}

// New returns a server.
func New(cfg Config, d Deps) *Server {
	def := DefaultConfig
	if cfg.MaxArtifactSize <= 0 {
		cfg.MaxArtifactSize = def.MaxArtifactSize
	}
	if cfg.MaxBodySize <= 0 {
		cfg.MaxBodySize = def.MaxBodySize
	}
	if cfg.MaxAnswerSize <= 0 {
		cfg.MaxAnswerSize = def.MaxAnswerSize
	}
	if cfg.SignatureWindow <= 0 {
		cfg.SignatureWindow = def.SignatureWindow
	}
	if cfg.PollInterval <= 0 {
		cfg.PollInterval = def.PollInterval
	}
	if cfg.HeartbeatInterval <= 0 {
		cfg.HeartbeatInterval = def.HeartbeatInterval
	}
	if cfg.MinBodyRate.Bytes <= 0 || cfg.MinBodyRate.Window <= 0 {
		cfg.MinBodyRate = def.MinBodyRate
	}
	if cfg.MaxLargeBodies <= 0 {
		cfg.MaxLargeBodies = def.MaxLargeBodies
	}
	if cfg.LargeBodyWait <= 0 {
		cfg.LargeBodyWait = def.LargeBodyWait
	}
	if cfg.WriteTimeout <= 0 {
		cfg.WriteTimeout = def.WriteTimeout
	}
	cfg.Rules = cfg.Rules.WithDefaults()
	if cfg.ClaimTTL <= 0 {
		cfg.ClaimTTL = def.ClaimTTL
	}
	if d.Ledger == nil {
		d.Ledger, _ = d.Store.(market.Ledger)
	}
	if d.Verify == nil {
		d.Verify, _ = d.Store.(market.Verification)
	}
	if d.Runtime == nil && d.Broker != nil {
		d.Runtime = d.Broker.Runtime
	}
	if d.HF == nil {
		d.HF, _ = d.Runtime.(market.HFExport)
	}
	if d.Logger == nil {
		d.Logger = slog.New(slog.DiscardHandler)
	}
	if d.Registry == nil {
		d.Registry = prometheus.NewRegistry()
	}
	s := &Server{cfg: cfg, store: d.Store, ledger: d.Ledger, verification: d.Verify, relay: d.Relay, chain: d.Chain, broker: d.Broker, runtime: d.Runtime, hf: d.HF, blobs: d.Blobs, deliveries: d.Deliveries, events: d.Events, clock: d.Clock,
		log: d.Logger, streaming: make(chan struct{}), large: make(chan struct{}, cfg.MaxLargeBodies), docsPage: sync.OnceValues(renderDocs)}
	s.slots = &market.Slots{Store: d.Ledger, Workers: workerStore{d.Store, d.Ledger}, Wallets: d.Chain, Relay: d.Relay, Clock: d.Clock,
		ClaimTTL: cfg.ClaimTTL, MaxPendingClaims: cfg.Limits.MaxPendingClaims, Rules: cfg.Rules}
	if d.Broker != nil {
		s.slots.Signatures, s.slots.Random = stakeSignatures{d.Broker.Signing}, d.Broker.Random
	}
	s.runs = &market.Runs{Store: runStore{d.Ledger, d.Verify, d.Store}, Deliveries: d.Deliveries, Clock: d.Clock, Rules: cfg.Rules}
	s.pruner, _ = d.Store.(market.Pruner)
	s.page = d.Page
	s.mcpHandler = d.MCP
	s.retention = cfg.Retention.WithDefaults()
	s.limits = newLimiter(cfg.Limits)
	s.rateLimited = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "axl_rate_limited_total", Help: "Requests refused by a quota or rate limit, by limit.",
	}, []string{"limit"})
	d.Registry.MustRegister(s.rateLimited, usage{s})
	s.metrics = newMetrics(d.Registry, d.Store, d.Collectors)
	s.router = s.routes()
	return s
}

// workerStore is the slots' store of workers: registrations go to the
// Store, reads come from the Ledger.
type workerStore struct {
	store  market.Store
	ledger market.Ledger
}

func (w workerStore) PutWorker(ctx context.Context, wk market.Worker) (market.Worker, error) {
	return w.store.PutWorker(ctx, wk)
}

func (w workerStore) Worker(ctx context.Context, a market.Address) (market.Worker, error) {
	return w.ledger.Worker(ctx, a)
}

// runStore is the store of the run use cases, made of the server's.
type runStore struct {
	market.Ledger
	market.Verification
	market.Store
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.router.ServeHTTP(w, r) }

// Shutdown ends the event streams so that http.Server.Shutdown can finish;
// register it with http.Server.RegisterOnShutdown.
func (s *Server) Shutdown() {
	select {
	case <-s.streaming:
	default:
		close(s.streaming)
	}
}

func (s *Server) routes() chi.Router {
	r := chi.NewRouter()
	r.Use(s.recoverer, s.metrics.middleware, s.limitIP)
	r.NotFound(s.handle(func(w http.ResponseWriter, r *http.Request) error {
		return market.Errorf(market.KindNotFound, "no route %s %s", r.Method, r.URL.Path)
	}))
	r.MethodNotAllowed(s.handle(func(w http.ResponseWriter, r *http.Request) error {
		return market.Errorf(kindMethodNotAllowed, "method %s is not allowed on %s", r.Method, r.URL.Path)
	}))
	r.Get("/healthz", s.handle(s.healthz))
	r.Get("/readyz", s.handle(s.readyz))
	r.Get("/metrics", s.metrics.serveMetrics)
	r.Get("/openapi.json", s.handle(s.openAPI))
	r.Get("/docs", s.handle(s.docs))
	r.Get("/jobs", s.handle(s.listJobs))
	r.Get("/intents/{id}/disputes", s.handle(s.intentDisputes))
	s.publicRoutes(r)
	if s.page != nil {
		r.Get("/", s.page.ServeHTTP)
		r.Get("/assets/*", s.page.ServeHTTP)
	}

	r.With(s.limitLargePerIP, s.authenticateBody(bodyStream, s.cfg.MaxArtifactSize), s.limitSigner, s.limitUpload).Post("/artifacts", s.handle(s.postArtifact))
	r.With(s.limitLargePerIP, s.authenticateBody(bodyLarge, s.cfg.MaxAnswerSize), s.limitSigner).Post("/jobs/{id}/challenges/{cid}", s.handle(s.answerChallenge))
	r.With(s.authenticateBody(bodyNonceLater, s.cfg.MaxBodySize), s.limitSigner).Post("/intents", s.handle(s.createIntent))
	r.With(s.authenticate, s.limitSigner).Post("/mcp", s.handle(s.mcp))
	// A stream's places are read before the nonce too: a flood of streams
	// past them writes nothing.
	r.With(s.authenticateBody(bodySmall, s.cfg.MaxBodySize, s.streamsFull), s.limitSigner, s.limitStreams).Get("/intents/{id}/events", s.handle(s.intentEvents))
	r.Group(func(r chi.Router) {
		r.Use(s.authenticate, s.limitSigner)
		r.Get("/artifacts/{id}", s.handle(s.getArtifact))
		r.Post("/intents/quote", s.handle(s.quote))
		r.Get("/intents", s.handle(s.listIntents))
		r.Get("/intents/{id}", s.handle(s.getIntent))
		r.Delete("/intents/{id}", s.handle(s.cancelIntent))

		r.Post("/workers", s.handle(s.postWorker))
		r.With(s.limitClaims).Post("/jobs/{id}/claims", s.handle(s.claimSlot))
		r.Post("/jobs/{id}/stake", s.handle(s.stakeSlot))
		r.Get("/jobs/{id}/assignment", s.handle(s.assignment))
		r.Post("/jobs/{id}/progress", s.handle(s.postProgress))
		r.Post("/jobs/{id}/commit", s.handle(s.postCommit))
		r.Post("/jobs/{id}/reveal", s.handle(s.postReveal))
		r.Get("/jobs/{id}/challenges", s.handle(s.listChallenges))
		r.Get("/intents/{id}/weights", s.handle(s.intentWeights))
		r.Get("/intents/{id}/weights/manifest", s.handle(s.intentModelManifest))

		r.Get("/balances", s.handle(s.getBalances))

		r.Post("/webhooks", s.handle(s.postWebhook))
		r.Get("/webhooks", s.handle(s.listWebhooks))
		r.Delete("/webhooks/{id}", s.handle(s.deleteWebhook))
	})
	return r
}
