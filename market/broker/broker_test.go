package broker_test

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/rand"
	"math"
	"math/big"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/axl-market/axl/escrow/eip712"
	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/market/blobstore"
	"github.com/axl-market/axl/market/broker"
	"github.com/axl-market/axl/market/clocktest"
	"github.com/axl-market/axl/market/postgres/pgtest"
	"github.com/axl-market/axl/swarm/jobplan"
	"github.com/axl-market/axl/swarm/model"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Run(m)) }

// permitChain fakes the Chain port for the permit-nonce lookup only.
type permitChain struct{ nonce *big.Int }

var addrs = market.ChainAddresses{Escrow: market.Address{1}, USDC: market.Address{2}, AI: market.Address{3}}

func (permitChain) ChainID() *big.Int                { return big.NewInt(1337) }
func (permitChain) Addresses() market.ChainAddresses { return addrs }
func (permitChain) Ready(context.Context) error      { return nil }
func (c permitChain) PermitNonce(context.Context, market.Address, market.Address) (*big.Int, error) {
	return c.nonce, nil
}

func (permitChain) TokenBalance(context.Context, market.Address, market.Address) (*big.Int, error) {
	return new(big.Int), nil
}

type fixture struct {
	b         *broker.Broker
	clock     *clocktest.Clock
	key       *ecdsa.PrivateKey
	buyer     market.Address
	model     market.ArtifactID
	modelSize int64
	data      market.ArtifactID
}

// tinyModel is the safetensors file of the tiny preset (context 64).
func tinyModel(t *testing.T) []byte {
	t.Helper()
	cfg, err := model.ConfigByName("tiny")
	if err != nil {
		t.Fatal(err)
	}
	m, err := model.Init(cfg, 1)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := model.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// put stores body as an artifact of kind for the fixture's buyer.
func (f *fixture) put(t *testing.T, body []byte, kind market.ArtifactKind) market.ArtifactID {
	t.Helper()
	mt := map[market.ArtifactKind]string{market.ArtifactModel: "application/vnd.safetensors", market.ArtifactDataset: "text/plain"}[kind]
	return f.putAs(t, body, kind, mt)
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	store := pgtest.NewStore(t)
	clk := clocktest.New(time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC))
	blobs, err := blobstore.New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	key, _ := crypto.GenerateKey()
	f := &fixture{clock: clk, key: key, buyer: market.Address(crypto.PubkeyToAddress(key.PublicKey))}
	f.b = &broker.Broker{Store: store, Chain: permitChain{big.NewInt(4)}, Blobs: blobs, Runtime: jobplan.Runtime{}, Clock: clk,
		Random: rand.Reader, Pricing: market.DefaultPricing(), Signing: eip712.DevDomains(big.NewInt(1337), addrs),
		QuoteTTL: 10 * time.Minute, Limits: broker.DefaultLimits}
	base := tinyModel(t)
	f.model, f.modelSize = f.put(t, base, market.ArtifactModel), int64(len(base))
	f.data = f.put(t, bytes.Repeat([]byte("to learn "), 100), market.ArtifactDataset)
	return f
}

func (f *fixture) request(token market.Token) broker.QuoteRequest {
	return broker.QuoteRequest{Token: token, BaseModel: f.model, Dataset: f.data, Steps: 1000, Workers: 2, Replicas: 2,
		MaxPrice: big.NewInt(1e18), Deadline: f.clock.Now().Add(48 * time.Hour)}
}

func sign(t *testing.T, key *ecdsa.PrivateKey, td market.TypedData) []byte {
	t.Helper()
	sig, err := crypto.Sign(td.Digest[:], key)
	if err != nil {
		t.Fatal(err)
	}
	sig[64] += 27
	return sig
}

func wantKind(t *testing.T, err error, kind market.Kind) {
	t.Helper()
	if market.ErrorKind(err) != kind {
		t.Fatalf("error %v, want kind %s", err, kind)
	}
}

func TestQuoteAndIntent(t *testing.T) {
	t.Parallel()
	for _, token := range []market.Token{market.TokenUSDC, market.TokenAI} {
		t.Run(string(token), func(t *testing.T) {
			f := newFixture(t)
			ctx := context.Background()
			offer, err := f.b.Quote(ctx, f.buyer, f.request(token))
			if err != nil {
				t.Fatal(err)
			}
			q := offer.Quote
			// The work: tiny has 220,544 parameters, trained on 1,000 × 8 ×
			// 64 × 2 × 2 = 2,048,000 tokens, 6 × 220,544 × 2,048,000 =
			// 2,710,044,672,000 FLOPs: 2,711 micro-USDC or 2.71 × 10¹⁵ wei,
			// below either token's minimum.
			wantPrice := map[market.Token]*big.Int{market.TokenUSDC: big.NewInt(10_000), market.TokenAI: big.NewInt(1e16)}[token]
			// The defaults, seq_len capped by tiny's context of 64: the spec
			// holds them, and its hash covers them.
			want := market.Hyperparameters{LearningRate: 3e-4, WeightDecay: 0.1, BatchSize: 8, SeqLen: 64, InnerSteps: 50}
			if q.Price.Cmp(wantPrice) != 0 || q.Spec.Hyperparameters != want || q.SlotMemory <= 0 {
				t.Fatalf("quote %+v", q)
			}
			if q.SpecHash != eip712.SpecHash(q.Spec) {
				t.Fatal("the spec hash is not the hash of the spec with its defaults")
			}
			if td, _ := f.b.Signing.IntentTypedData(q); td.Digest != q.IntentID || offer.Intent.Digest != q.IntentID {
				t.Fatal("intent id is not the digest of the intent typed data")
			}
			switch token {
			case market.TokenUSDC:
				if offer.Funding.PrimaryType != "ReceiveWithAuthorization" || offer.Funding.Message["nonce"] != q.IntentID.String() {
					t.Fatalf("funding %+v", offer.Funding)
				}
			case market.TokenAI:
				if offer.Funding.PrimaryType != "Permit" || offer.Funding.Message["nonce"] != "4" {
					t.Fatalf("funding %+v", offer.Funding)
				}
			}
			isig, fsig := sign(t, f.key, offer.Intent), sign(t, f.key, offer.Funding)

			// Forged: signed by another key.
			other, _ := crypto.GenerateKey()
			_, err = f.b.CreateIntent(ctx, f.buyer, q.ID, sign(t, other, offer.Intent), fsig, nil)
			wantKind(t, err, market.KindBadSignature)
			// Signatures swapped: each is over the other document.
			_, err = f.b.CreateIntent(ctx, f.buyer, q.ID, fsig, isig, nil)
			wantKind(t, err, market.KindBadSignature)
			// Another buyer cannot use the quote.
			_, err = f.b.CreateIntent(ctx, market.Address(crypto.PubkeyToAddress(other.PublicKey)), q.ID, isig, fsig, nil)
			wantKind(t, err, market.KindNotFound)

			in, err := f.b.CreateIntent(ctx, f.buyer, q.ID, isig, fsig, nil)
			if err != nil {
				t.Fatal(err)
			}
			if in.ID != q.IntentID || in.State != market.IntentFunding || in.Buyer != f.buyer {
				t.Fatalf("intent %+v", in)
			}
			// Replayed: the quote is used.
			_, err = f.b.CreateIntent(ctx, f.buyer, q.ID, isig, fsig, nil)
			wantKind(t, err, market.KindConflict)
		})
	}
}

func TestExpiredQuote(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	offer, err := f.b.Quote(ctx, f.buyer, f.request(market.TokenUSDC))
	if err != nil {
		t.Fatal(err)
	}
	f.clock.Add(10 * time.Minute)
	_, err = f.b.CreateIntent(ctx, f.buyer, offer.Quote.ID, sign(t, f.key, offer.Intent), sign(t, f.key, offer.Funding), nil)
	wantKind(t, err, market.KindExpired)
}

// goodLoRA is a LoRA the tiny model takes.
var goodLoRA = market.LoRA{R: 4, Alpha: 8, Targets: market.TargetCAttn | market.TargetCProj}

// TestLoRAQuote: a LoRA quote's spec holds its settings and hashes under
// its own tag, and a full fine-tune spelt "full" is the spec of no method.
func TestLoRAQuote(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	r := f.request(market.TokenUSDC)
	r.Method, r.LoRA = market.MethodLoRA, goodLoRA
	offer, err := f.b.Quote(ctx, f.buyer, r)
	if err != nil {
		t.Fatal(err)
	}
	s := offer.Quote.Spec
	if !s.IsLoRA() || s.LoRA != goodLoRA || offer.Quote.SpecHash != eip712.SpecHash(s) {
		t.Fatalf("the LoRA quote's spec %+v", s)
	}
	full := s
	full.Method, full.LoRA = "", market.LoRA{}
	if eip712.SpecHash(full) == offer.Quote.SpecHash {
		t.Fatal("the LoRA spec hashes as the full fine-tune")
	}
	r = f.request(market.TokenUSDC)
	r.Method = market.MethodFull
	offer, err = f.b.Quote(ctx, f.buyer, r)
	if err != nil || offer.Quote.Spec.Method != "" {
		t.Fatalf("a full fine-tune spelt out: %+v %v", offer.Quote.Spec, err)
	}
}

func TestQuoteRefusals(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	var floats bytes.Buffer
	if err := model.WriteSafetensors(&floats, []*model.Tensor{model.NewF32("w", 16)}, nil); err != nil {
		t.Fatal(err)
	}
	sixteen := f.put(t, floats.Bytes(), market.ArtifactModel)
	tests := []struct {
		name   string
		mutate func(*broker.QuoteRequest)
		kind   market.Kind
	}{
		{"price above max", func(r *broker.QuoteRequest) { r.MaxPrice = big.NewInt(1) }, market.KindPriceTooHigh},
		{"unknown token", func(r *broker.QuoteRequest) { r.Token = "DOGE" }, market.KindInvalid},
		{"zero steps", func(r *broker.QuoteRequest) { r.Steps = 0 }, market.KindInvalid},
		{"too many workers", func(r *broker.QuoteRequest) { r.Workers = 65 }, market.KindInvalid},
		{"deadline too soon", func(r *broker.QuoteRequest) { r.Deadline = f.clock.Now().Add(time.Hour) }, market.KindInvalid},
		{"deadline in the year 9999", func(r *broker.QuoteRequest) { r.Deadline = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC) }, market.KindInvalid},
		{"deadline a day beyond 30", func(r *broker.QuoteRequest) { r.Deadline = f.clock.Now().Add(31*24*time.Hour + 10*time.Minute) }, market.KindInvalid},
		{"model is a dataset", func(r *broker.QuoteRequest) { r.BaseModel = f.data }, market.KindInvalid},
		{"unknown dataset", func(r *broker.QuoteRequest) { r.Dataset = market.ArtifactID{9} }, market.KindNotFound},
		{"bad learning rate", func(r *broker.QuoteRequest) { r.Hyperparameters.LearningRate = 2 }, market.KindInvalid},
		{"seq_len beyond the context", func(r *broker.QuoteRequest) { r.Hyperparameters.SeqLen = 65 }, market.KindInfeasible},
		{"a shard shorter than a sequence", func(r *broker.QuoteRequest) { r.Workers = 64 }, market.KindInfeasible},
		{"a step beyond the memory", func(r *broker.QuoteRequest) { r.Hyperparameters.BatchSize = 4096 }, market.KindInfeasible},
		{"no GPT-2 model", func(r *broker.QuoteRequest) { r.BaseModel = sixteen }, market.KindInfeasible},
		{"unknown method", func(r *broker.QuoteRequest) { r.Method = "qlora" }, market.KindInvalid},
		{"LoRA settings on a full fine-tune", func(r *broker.QuoteRequest) { r.LoRA = goodLoRA }, market.KindInvalid},
		{"LoRA of rank 0", func(r *broker.QuoteRequest) { r.Method, r.LoRA = market.MethodLoRA, goodLoRA; r.LoRA.R = 0 }, market.KindInvalid},
		{"LoRA alpha NaN", func(r *broker.QuoteRequest) {
			r.Method, r.LoRA = market.MethodLoRA, goodLoRA
			r.LoRA.Alpha = math.NaN()
		}, market.KindInvalid},
		{"LoRA alpha infinite", func(r *broker.QuoteRequest) {
			r.Method, r.LoRA = market.MethodLoRA, goodLoRA
			r.LoRA.Alpha = math.Inf(1)
		}, market.KindInvalid},
		{"LoRA alpha 0", func(r *broker.QuoteRequest) { r.Method, r.LoRA = market.MethodLoRA, goodLoRA; r.LoRA.Alpha = 0 }, market.KindInvalid},
		{"LoRA of no module", func(r *broker.QuoteRequest) { r.Method, r.LoRA = market.MethodLoRA, goodLoRA; r.LoRA.Targets = 0 }, market.KindInvalid},
		{"LoRA of an unknown module", func(r *broker.QuoteRequest) { r.Method, r.LoRA = market.MethodLoRA, goodLoRA; r.LoRA.Targets |= 1 << 6 }, market.KindInvalid},
		// tiny is 64 wide: a rank above it is no low-rank adapter.
		{"LoRA rank above the width", func(r *broker.QuoteRequest) { r.Method, r.LoRA = market.MethodLoRA, goodLoRA; r.LoRA.R = 65 }, market.KindInfeasible},
		// A million steps of the tiny model take the workers months at the
		// rulebook's conservative speed: a deadline in two days would make
		// them miss their commit allowance.
		{"a deadline before the work can be done", func(r *broker.QuoteRequest) {
			r.Steps, r.Deadline = 1_000_000, f.clock.Now().Add(48*time.Hour)
		}, market.KindInfeasible},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := f.request(market.TokenUSDC)
			tt.mutate(&r)
			_, err := f.b.Quote(ctx, f.buyer, r)
			wantKind(t, err, tt.kind)
		})
	}
	r := f.request(market.TokenUSDC)
	r.Steps, r.Deadline = 1_000_000, f.clock.Now().Add(48*time.Hour)
	_, err := f.b.Quote(ctx, f.buyer, r)
	var e *market.Error
	if !asError(err, &e) || e.Extra["bound"] != market.BoundDeadline || !strings.Contains(e.Message, "more") {
		t.Fatalf("a deadline too soon for the work: %v", err)
	}
	if run, left := e.Extra["limit"].(int64), e.Extra["value"].(int64); run <= left {
		t.Fatalf("the minimum run %d s is not above what the deadline leaves, %d s", run, left)
	}
	r = f.request(market.TokenUSDC)
	r.MaxPrice = big.NewInt(1)
	_, err = f.b.Quote(ctx, f.buyer, r)
	if !asError(err, &e) || e.Extra["price"] != "10000" {
		t.Fatalf("price-too-high error does not state the price: %v", err)
	}
	// Ten times the steps: 27,100,446,720,000 FLOPs, 27,101 micro-USDC,
	// above the minimum, and so in the error.
	r = f.request(market.TokenUSDC)
	r.Steps, r.MaxPrice = 10_000, big.NewInt(27_100)
	_, err = f.b.Quote(ctx, f.buyer, r)
	if !asError(err, &e) || e.Kind != market.KindPriceTooHigh || e.Extra["price"] != "27101" {
		t.Fatalf("a quote of 27,101 under a max_price of 27,100: %v", err)
	}
	r.MaxPrice = big.NewInt(27_101)
	if offer, err := f.b.Quote(ctx, f.buyer, r); err != nil || offer.Quote.Price.String() != "27101" || offer.Quote.StakePerSlot.String() != "3388" {
		t.Fatalf("a quote of 10,000 steps: %v", err)
	}
}

func asError(err error, e **market.Error) bool {
	x, ok := err.(*market.Error)
	*e = x
	return ok
}
