package api_test

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/axl-market/axl/api"
	"github.com/axl-market/axl/api/wire"
	"github.com/axl-market/axl/escrow"
	"github.com/axl-market/axl/escrow/eip712"
	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/market/blobstore"
	"github.com/axl-market/axl/market/broker"
	"github.com/axl-market/axl/market/clocktest"
	"github.com/axl-market/axl/market/eventhub"
	"github.com/axl-market/axl/market/operator"
	"github.com/axl-market/axl/market/postgres"
	"github.com/axl-market/axl/market/postgres/pgtest"
	"github.com/axl-market/axl/market/referee"
	"github.com/axl-market/axl/openapi"
	"github.com/axl-market/axl/swarm/jobplan"
)

func TestMain(m *testing.M) {
	if plan := os.Getenv(attackerEnv); plan != "" {
		os.Exit(runAttacker(plan)) // BenchmarkAbuse's attacker process
	}
	// Upload media types the validator has no decoder for are opaque bytes.
	for _, mt := range []string{"application/jsonl", "application/vnd.safetensors", "text/event-stream", "text/html"} {
		openapi3filter.RegisterBodyDecoder(mt, openapi3filter.FileBodyDecoder)
	}
	os.Exit(pgtest.Run(m))
}

// devChain stands in for the Chain port until the in-process dev chain
// exists; only the permit-nonce lookup has behaviour.
type devChain struct{ permitNonce *big.Int }

var chainAddrs = market.ChainAddresses{
	Escrow: market.Address{0xe5}, USDC: market.Address{0x05}, AI: market.Address{0xa1},
}

func (devChain) ChainID() *big.Int                { return big.NewInt(1337) }
func (devChain) Addresses() market.ChainAddresses { return chainAddrs }
func (devChain) Ready(context.Context) error      { return nil }
func (c devChain) PermitNonce(context.Context, market.Address, market.Address) (*big.Int, error) {
	return c.permitNonce, nil
}

// TokenBalance is enough for any stake: the refusal of a worker without
// the stake is tested on the dev chain (cmd/axl TestServeFundsOnTheDevChain).
func (devChain) TokenBalance(context.Context, market.Address, market.Address) (*big.Int, error) {
	return new(big.Int).Lsh(big.NewInt(1), 128), nil
}

// env is a server on a fresh database, and a client that validates every
// request and response against openapi/openapi.json.
type env struct {
	t       testing.TB
	broker  *broker.Broker
	srv     *httptest.Server
	api     *api.Server
	store   *postgres.Store
	hub     *eventhub.Hub
	dbURL   string
	blobs   *blobstore.Store
	blobDir string // the blob store's directory
	clock   *clocktest.Clock
	router  routers.Router
}

var (
	specOnce sync.Once
	spec     *openapi3.T
	specErr  error
)

func loadSpec(t testing.TB) *openapi3.T {
	t.Helper()
	specOnce.Do(func() {
		spec, specErr = openapi3.NewLoader().LoadFromData(openapi.OpenAPI3)
		if specErr == nil {
			specErr = spec.Validate(context.Background())
		}
	})
	if specErr != nil {
		t.Fatalf("openapi.json: %v", specErr)
	}
	return spec
}

func newEnv(t testing.TB, cfg api.Config) *env {
	t.Helper()
	return newEnvStreams(t, cfg, eventhub.Config{})
}

// newEnvStreams is newEnv with the event hub's bounds.
func newEnvStreams(t testing.TB, cfg api.Config, hc eventhub.Config) *env {
	t.Helper()
	store, dbURL := pgtest.NewStoreURL(t)
	hub := pgtest.StartEvents(t, dbURL, store, hc)
	clk := clocktest.New(time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC))
	blobDir := t.TempDir()
	blobs, err := blobstore.New(blobDir)
	if err != nil {
		t.Fatal(err)
	}
	chain := devChain{permitNonce: big.NewInt(3)}
	b := &broker.Broker{Store: store, Chain: chain, Blobs: blobs, Runtime: jobplan.Runtime{}, Clock: clk, Random: rand.Reader,
		Pricing: market.DefaultPricing(), Signing: eip712.DevDomains(chain.ChainID(), chain.Addresses()), QuoteTTL: 10 * time.Minute,
		Limits: broker.DefaultLimits}
	if cfg.PollInterval == 0 {
		cfg.PollInterval = 5 * time.Millisecond
	}
	// The operator records what it would relay; no chain is reached.
	opKey, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	contracts := escrow.NewContracts(chain.ChainID(), escrow.Addresses{Escrow: common.Address(chainAddrs.Escrow),
		USDC: common.Address(chainAddrs.USDC), AI: common.Address(chainAddrs.AI)})
	relayer := escrow.NewRelayer(escrow.RelayerConfig{Store: store, Key: opKey, ChainID: chain.ChainID(), Clock: clk})
	op := operator.New(operator.Config{Store: store, Relayer: relayer, Contracts: contracts, Clock: clk})
	s := api.New(cfg, api.Deps{Store: store, Relay: op, Chain: chain, Broker: b, Blobs: blobs, Deliveries: referee.Deliveries{Blobs: blobs}, Events: hub, Clock: clk,
		Collectors: []prometheus.Collector{postgres.PoolCollector(store.Pool())}})
	srv := httptest.NewServer(s)
	t.Cleanup(func() { s.Shutdown(); srv.Close() })
	doc := *loadSpec(t) // shallow: only the server differs
	doc.Servers = openapi3.Servers{{URL: srv.URL}}
	router, err := legacy.NewRouter(&doc)
	if err != nil {
		t.Fatal(err)
	}
	return &env{t: t, broker: b, srv: srv, api: s, store: store, hub: hub, dbURL: dbURL, blobs: blobs, blobDir: blobDir, clock: clk, router: router}
}

// account is a client key.
type account struct {
	key  *ecdsa.PrivateKey
	addr market.Address
}

func newAccount(t testing.TB) account {
	t.Helper()
	a, err := generateAccount()
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// mustAccount is newAccount outside a test (an attacker process).
func mustAccount() account {
	a, err := generateAccount()
	if err != nil {
		panic(err)
	}
	return a
}

func generateAccount() (account, error) {
	k, err := crypto.GenerateKey()
	if err != nil {
		return account{}, err
	}
	return account{key: k, addr: market.Address(crypto.PubkeyToAddress(k.PublicKey))}, nil
}

// personalSign signs msg with EIP-191, v = 27/28.
func personalSign(t testing.TB, k *ecdsa.PrivateKey, msg []byte) []byte {
	t.Helper()
	sig, err := crypto.Sign(accounts.TextHash(msg), k)
	if err != nil {
		t.Fatal(err)
	}
	sig[64] += 27
	return sig
}

// req describes one call.
type req struct {
	method, path string
	body         []byte
	contentType  string
	as           *account          // signer; nil for a public call
	header       map[string]string // extra or overriding headers
	noValidate   bool              // the call deliberately leaves the spec (unknown route)
}

// resp is a response, fully read.
type resp struct {
	status int
	header http.Header
	body   []byte
}

func (r resp) json(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("response %d %s: %v", r.status, r.body, err)
	}
}

// problem decodes a problem response and checks its status and kind.
func (r resp) problem(t testing.TB, status int, kind market.Kind) wire.Problem {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d: %s", r.status, status, r.body)
	}
	if ct := r.header.Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("Content-Type %q, want application/problem+json", ct)
	}
	var p wire.Problem
	r.json(t, &p)
	if p.Type != wire.ProblemTypeBase+string(kind) || p.Status != status || p.Detail == "" {
		t.Fatalf("problem %+v, want kind %s", p, kind)
	}
	return p
}

// newNonce is a fresh X-AXL-Nonce.
func newNonce() string {
	var n [wire.NonceSize]byte
	if _, err := rand.Read(n[:]); err != nil {
		panic(err)
	}
	return hex.EncodeToString(n[:])
}

// sign adds the signature headers of DESIGN §4 to hr.
func (e *env) sign(hr *http.Request, a account, body []byte) {
	ts := e.clock.Add(time.Second).Unix()
	sum := sha256.Sum256(body)
	nonce := newNonce()
	msg := wire.RequestMessage(hr.Method, hr.URL.RequestURI(), ts, nonce, sum[:])
	hr.Header.Set(wire.HeaderAddress, a.addr.String())
	hr.Header.Set(wire.HeaderTimestamp, strconv.FormatInt(ts, 10))
	hr.Header.Set(wire.HeaderNonce, nonce)
	hr.Header.Set(wire.HeaderContentSHA256, hex.EncodeToString(sum[:]))
	hr.Header.Set(wire.HeaderSignature, "0x"+hex.EncodeToString(personalSign(e.t, a.key, []byte(msg))))
}

func (e *env) newRequest(r req) *http.Request {
	e.t.Helper()
	hr, err := http.NewRequest(r.method, e.srv.URL+r.path, bytes.NewReader(r.body))
	if err != nil {
		e.t.Fatal(err)
	}
	if r.contentType != "" {
		hr.Header.Set("Content-Type", r.contentType)
	} else if r.body != nil {
		hr.Header.Set("Content-Type", "application/json")
	}
	if r.as != nil {
		e.sign(hr, *r.as, r.body)
	}
	for k, v := range r.header {
		hr.Header.Set(k, v)
	}
	return hr
}

// do sends r and checks the request and the response against the spec.
func (e *env) do(r req) resp {
	e.t.Helper()
	return e.send(e.newRequest(r), r)
}

func (e *env) send(hr *http.Request, r req) resp {
	e.t.Helper()
	var input *openapi3filter.RequestValidationInput
	if !r.noValidate {
		var err error
		input, err = e.validateRequest(hr, r.body)
		if err != nil && !isDeliberate(r) {
			e.t.Fatal(err)
		}
	}
	res, err := http.DefaultClient.Do(hr)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	if input != nil {
		if err := validateResponse(input, res, body); err != nil {
			e.t.Fatal(err)
		}
	}
	return resp{status: res.StatusCode, header: res.Header, body: body}
}

// validateRequest checks hr (whose body is body) against the spec; the
// returned input, when not nil, validates the response.
func (e *env) validateRequest(hr *http.Request, body []byte) (*openapi3filter.RequestValidationInput, error) {
	route, params, err := e.router.FindRoute(hr)
	if err != nil {
		return nil, fmt.Errorf("%s %s is not in openapi.json: %v", hr.Method, hr.URL.Path, err)
	}
	input := &openapi3filter.RequestValidationInput{Request: hr, PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, MultiError: true}}
	hr.Body = io.NopCloser(bytes.NewReader(body))
	err = openapi3filter.ValidateRequest(context.Background(), input)
	hr.Body = io.NopCloser(bytes.NewReader(body))
	if err != nil {
		return input, fmt.Errorf("request %s %s does not match the spec: %v", hr.Method, hr.URL.Path, err)
	}
	return input, nil
}

func validateResponse(input *openapi3filter.RequestValidationInput, res *http.Response, body []byte) error {
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: input, Status: res.StatusCode,
		Header: res.Header, Body: io.NopCloser(bytes.NewReader(body)),
		Options: &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true}}
	if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
		return fmt.Errorf("response %d to %s %s does not match the spec: %v\n%s", res.StatusCode, input.Request.Method, input.Request.URL.Path, err, body)
	}
	return nil
}

// validatingProxy forwards to the server, checking every request and
// response against the spec, for clients the test does not drive itself.
func (e *env) validatingProxy() *httptest.Server {
	p := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, in *http.Request) {
		body, _ := io.ReadAll(in.Body)
		hr, _ := http.NewRequest(in.Method, e.srv.URL+in.URL.RequestURI(), bytes.NewReader(body))
		hr.Header = in.Header.Clone()
		input, err := e.validateRequest(hr, body)
		if err != nil {
			e.t.Error(err)
		}
		res, err := http.DefaultClient.Do(hr)
		if err != nil {
			e.t.Error(err)
			w.WriteHeader(http.StatusBadGateway)
			return
		}
		defer res.Body.Close()
		rb, _ := io.ReadAll(res.Body)
		if input != nil {
			if err := validateResponse(input, res, rb); err != nil {
				e.t.Error(err)
			}
		}
		for k, v := range res.Header {
			w.Header()[k] = v
		}
		w.WriteHeader(res.StatusCode)
		w.Write(rb)
	}))
	e.t.Cleanup(p.Close)
	return p
}

// isDeliberate reports a request built to break the contract (to test
// the server's refusal); its response is still validated.
func isDeliberate(r req) bool { return r.header["X-Test-Invalid"] == "1" }

func mustJSON(t testing.TB, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func contains(t testing.TB, s, sub string) {
	t.Helper()
	if !strings.Contains(s, sub) {
		t.Fatalf("%q does not contain %q", s, sub)
	}
}

func nopCloser(b []byte) io.ReadCloser { return io.NopCloser(bytes.NewReader(b)) }
