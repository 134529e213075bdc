package client_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/axl-market/axl/api/client"
	"github.com/axl-market/axl/api/wire"
)

// quoted is a genuine quote of the test server to buyer and what was asked.
func quoted(t *testing.T, buyer *client.Client, token string) (wire.QuoteRequest, wire.Quote) {
	t.Helper()
	ctx := t.Context()
	m, d := inputs(t, buyer)
	qr := wire.QuoteRequest{Token: token, BaseModel: m.ID, Dataset: d.ID, Steps: 8, Workers: 2, Replicas: 1, Seed: "3",
		Hyperparameters: &wire.Hyperparameters{LearningRate: 0.001, BatchSize: 2},
		MaxPrice:        "1000000000000000000000", Deadline: time.Now().Add(48 * time.Hour).UTC().Format(time.RFC3339)}
	if token == "AI" { // a LoRA job, its targets not in the spec's order
		qr.LoRASettings = wire.LoRASettings{Method: "lora", LoRAR: 2, LoRAAlpha: 4, LoRATargets: []string{"c_proj", "c_attn"}}
	}
	q, err := buyer.Quote(ctx, qr)
	if err != nil {
		t.Fatal(err)
	}
	return qr, q
}

func clone(t *testing.T, q wire.Quote) wire.Quote {
	t.Helper()
	b, err := json.Marshal(q)
	if err != nil {
		t.Fatal(err)
	}
	var c wire.Quote
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	return c
}

// TestCheckQuoteRefusesWhatWasNotAsked is a hostile server's every trick
// against a buyer that signs: each tampered quote is refused with its
// reason, and the genuine one passes.
func TestCheckQuoteRefusesWhatWasNotAsked(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	for _, token := range []string{"USDC", "AI"} {
		buyer := newBuyer(t, s.url)
		qr, genuine := quoted(t, buyer, token)
		now := time.Now()
		if err := client.CheckQuote(deployment, buyer.Address(), qr, genuine, now); err != nil {
			t.Fatalf("%s: the genuine quote is refused: %v", token, err)
		}
		thief := common.HexToAddress("0x000000000000000000000000000000000000bad1").Hex()
		fundingTo := map[string]string{"USDC": "to", "AI": "spender"}[token]
		fundingExpiry := map[string]string{"USDC": "validBefore", "AI": "deadline"}[token]
		later := time.Now().Add(72 * time.Hour).UTC()
		tests := []struct {
			name   string
			tamper func(q *wire.Quote, r *wire.QuoteRequest)
			want   string
		}{
			{"price above max_price", func(q *wire.Quote, r *wire.QuoteRequest) { r.MaxPrice = "1" }, "above max_price"},
			{"intent amount above the price", func(q *wire.Quote, _ *wire.QuoteRequest) { q.IntentTypedData.Message["amount"] += "0" }, "amount is"},
			{"another chain", func(q *wire.Quote, _ *wire.QuoteRequest) { q.IntentTypedData.Domain.ChainID = 1 }, "chain id 1"},
			{"another escrow", func(q *wire.Quote, _ *wire.QuoteRequest) { q.IntentTypedData.Domain.VerifyingContract = thief }, "verifyingContract"},
			{"funding to a thief", func(q *wire.Quote, _ *wire.QuoteRequest) { q.FundingTypedData.Message[fundingTo] = thief }, fundingTo + " is"},
			{"funding more than the price", func(q *wire.Quote, _ *wire.QuoteRequest) { q.FundingTypedData.Message["value"] += "0" }, "value is"},
			{"funding of another token", func(q *wire.Quote, _ *wire.QuoteRequest) { q.FundingTypedData.Domain.VerifyingContract = thief }, "verifyingContract"},
			{"funding outliving the intent", func(q *wire.Quote, _ *wire.QuoteRequest) {
				q.FundingTypedData.Message[fundingExpiry] = "99999999999"
			}, "after the deadline"},
			{"another dataset", func(q *wire.Quote, _ *wire.QuoteRequest) { q.Spec.Dataset = q.Spec.BaseModel }, "dataset"},
			{"fewer steps", func(q *wire.Quote, _ *wire.QuoteRequest) { q.Spec.Steps = 1 }, "1 steps"},
			{"another learning rate", func(q *wire.Quote, _ *wire.QuoteRequest) { q.Spec.Hyperparameters.LearningRate = 0.5 }, "learning_rate 0.5"},
			{"another seed", func(q *wire.Quote, _ *wire.QuoteRequest) { q.Spec.Seed = "4" }, "seed 4"},
			{"a default changed behind the hash", func(q *wire.Quote, _ *wire.QuoteRequest) { q.Spec.Hyperparameters.InnerSteps++ }, "hashes to"},
			{"a spec hash of another spec", func(q *wire.Quote, _ *wire.QuoteRequest) {
				q.SpecHash = "0x" + strings.Repeat("ab", 32)
				q.IntentTypedData.Message["specHash"] = q.SpecHash
			}, "hashes to"},
			{"a later deadline", func(q *wire.Quote, _ *wire.QuoteRequest) { q.Deadline = later.Format(time.RFC3339) }, "asked"},
			{"an intent of another buyer", func(q *wire.Quote, _ *wire.QuoteRequest) { q.IntentTypedData.Message["buyer"] = thief }, "buyer is"},
			{"an intent of another token", func(q *wire.Quote, _ *wire.QuoteRequest) { q.IntentTypedData.Message["token"] = thief }, "token is"},
			{"a smuggled member", func(q *wire.Quote, _ *wire.QuoteRequest) {
				q.IntentTypedData.Types["Intent"] = append(q.IntentTypedData.Types["Intent"], wire.TypedDataField{Name: "payee", Type: "address"})
			}, "has members"},
			{"a second struct", func(q *wire.Quote, _ *wire.QuoteRequest) {
				q.IntentTypedData.Types["Payee"] = []wire.TypedDataField{{Name: "to", Type: "address"}}
			}, "2 struct types"},
			{"another document", func(q *wire.Quote, _ *wire.QuoteRequest) { q.FundingTypedData.PrimaryType = "Transfer" }, "primaryType"},
			{"an intent id that is not the intent's", func(q *wire.Quote, _ *wire.QuoteRequest) {
				q.IntentID = "0x" + strings.Repeat("cd", 32)
			}, "intent_id"},
			{"a token the deployment lacks", func(q *wire.Quote, r *wire.QuoteRequest) { r.Token, q.Token = "DAI", "DAI" }, `"DAI"`},
			{"more slots", func(q *wire.Quote, _ *wire.QuoteRequest) { q.Slots = 8 }, "8 slots"},
			{"another LoRA rank", func(q *wire.Quote, _ *wire.QuoteRequest) { q.Spec.LoRAR++ }, "method"},
			{"the other method", func(q *wire.Quote, r *wire.QuoteRequest) {
				if q.Spec.LoRASettings = (wire.LoRASettings{}); r.Method == "" {
					q.Spec.LoRASettings = wire.LoRASettings{Method: "lora", LoRAR: 2, LoRAAlpha: 4, LoRATargets: []string{"c_attn"}}
				}
			}, "method"},
			{"fewer LoRA targets", func(q *wire.Quote, r *wire.QuoteRequest) {
				q.Spec.LoRATargets = []string{"c_attn"}
				if r.Method == "" {
					q.Spec.Method = "lora"
				}
			}, "method"},
		}
		for _, tt := range tests {
			t.Run(token+"/"+tt.name, func(t *testing.T) {
				q, r := clone(t, genuine), qr
				tt.tamper(&q, &r)
				err := client.CheckQuote(deployment, buyer.Address(), r, q, now)
				if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "not signed") {
					t.Fatalf("error %v, want one saying %q", err, tt.want)
				}
			})
		}
	}
}

// TestCreateIntentSignsNothingForAHostileServer puts a proxy between the
// buyer and the server that swaps the funding's recipient in quotes: the
// buyer refuses, and no intent reaches the server; without a deployment
// the client signs nothing at all.
func TestCreateIntentSignsNothingForAHostileServer(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	target, err := url.Parse(s.url)
	if err != nil {
		t.Fatal(err)
	}
	var posted atomic.Int32
	proxy := httputil.NewSingleHostReverseProxy(target)
	proxy.ModifyResponse = func(res *http.Response) error {
		if res.Request.URL.Path != "/intents/quote" || res.StatusCode != http.StatusOK {
			return nil
		}
		var q wire.Quote
		if err := json.NewDecoder(res.Body).Decode(&q); err != nil {
			return err
		}
		q.FundingTypedData.Message["to"] = "0x000000000000000000000000000000000000bad1"
		b, _ := json.Marshal(q)
		res.Body = readCloser{strings.NewReader(string(b))}
		res.ContentLength = int64(len(b))
		res.Header.Del("Content-Length")
		return nil
	}
	hostile := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/intents" && r.Method == "POST" {
			posted.Add(1)
		}
		proxy.ServeHTTP(w, r)
	}))
	defer hostile.Close()

	key := newKey(t)
	honest := client.New(s.url, key, client.WithDeployment(deployment))
	qr, _ := quoted(t, honest, "USDC")
	buyer := client.New(hostile.URL, key, client.WithDeployment(deployment))
	q, err := buyer.Quote(t.Context(), qr)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := buyer.CreateIntent(t.Context(), qr, q, ""); err == nil || !strings.Contains(err.Error(), "to is") {
		t.Fatalf("a quote paying a thief: %v", err)
	}
	if posted.Load() != 0 {
		t.Fatalf("%d intents were posted to the hostile server", posted.Load())
	}
	blind := client.New(s.url, key)
	genuine, err := honest.Quote(t.Context(), qr)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := blind.CreateIntent(t.Context(), qr, genuine, ""); err == nil || !strings.Contains(err.Error(), "no deployment") {
		t.Fatalf("a client with no deployment signed: %v", err)
	}
	if _, err := honest.CreateIntent(t.Context(), qr, genuine, ""); err != nil {
		t.Fatalf("the genuine quote through the honest server: %v", err)
	}
}

type readCloser struct{ *strings.Reader }

func (readCloser) Close() error { return nil }
