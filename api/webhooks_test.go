package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/axl-market/axl/api"
	"github.com/axl-market/axl/api/wire"
	"github.com/axl-market/axl/market"
)

func mustJSONBody(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestWebhookRegistration registers, lists and deletes endpoints as their
// owner, and the refusals a hostile or careless client meets: no
// signature, a URL that is not http(s), that carries credentials or that
// points at loopback or a private address, an unknown or repeated event
// type, an endpoint past the address's quota, another owner's endpoint.
func TestWebhookRegistration(t *testing.T) {
	t.Parallel()
	cfg := api.DefaultConfig
	cfg.Limits.WebhooksPerAddress = 3
	e := newEnv(t, cfg)
	a, b := newAccount(t), newAccount(t)
	post := func(as *account, body any) resp {
		return e.do(req{method: "POST", path: "/webhooks", body: mustJSONBody(t, body), contentType: "application/json", as: as})
	}

	r := post(&a, wire.WebhookRequest{URL: "https://hooks.example.com/axl", Events: []string{"state", "progress"}})
	if r.status != http.StatusCreated {
		t.Fatalf("POST /webhooks: %d %s", r.status, r.body)
	}
	var made wire.Webhook
	r.json(t, &made)
	if !strings.HasPrefix(made.Secret, "whsec_") || len(made.Secret) < 40 || !strings.HasPrefix(made.ID, "wh_") ||
		strings.Join(made.Events, ",") != "state,progress" {
		t.Fatalf("the new endpoint %+v: want an id, the events and a whsec_ secret", made)
	}

	for _, tt := range []struct {
		name string
		body any
		want string
	}{
		{"ftp", wire.WebhookRequest{URL: "ftp://hooks.example.com/"}, "http or https"},
		{"relative", wire.WebhookRequest{URL: "/hooks"}, "http or https"},
		{"credentials", wire.WebhookRequest{URL: "https://user:pw@hooks.example.com/"}, "credentials"},
		{"loopback", wire.WebhookRequest{URL: "http://127.0.0.1:9/"}, "not a public address"},
		{"localhost", wire.WebhookRequest{URL: "http://localhost:9/"}, "loopback"},
		{"metadata", wire.WebhookRequest{URL: "http://169.254.169.254/latest/"}, "not a public address"},
		{"private v6", wire.WebhookRequest{URL: "http://[fd00::1]/"}, "not a public address"},
		{"unknown event", wire.WebhookRequest{URL: "https://hooks.example.com/", Events: []string{"state", "everything"}}, `unknown event type "everything"`},
		{"repeated event", wire.WebhookRequest{URL: "https://hooks.example.com/", Events: []string{"state", "state"}}, "listed twice"},
		{"long", wire.WebhookRequest{URL: "https://hooks.example.com/" + strings.Repeat("a", market.MaxWebhookURL)}, "at most"},
		{"unknown field", map[string]any{"url": "https://hooks.example.com/", "secret": "mine"}, "unknown field"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := post(&a, tt.body).problem(t, http.StatusBadRequest, market.KindInvalid)
			if !strings.Contains(p.Detail, tt.want) {
				t.Errorf("detail %q, want it to say %q", p.Detail, tt.want)
			}
		})
	}
	if r := e.do(req{method: "POST", path: "/webhooks", body: mustJSONBody(t, wire.WebhookRequest{URL: "https://x.example.com/"}),
		contentType: "application/json", noValidate: true}); r.status != http.StatusUnauthorized {
		t.Errorf("an unsigned POST /webhooks: %d", r.status)
	}

	for i := range 2 {
		if r := post(&a, wire.WebhookRequest{URL: fmt.Sprintf("https://hooks.example.com/%d", i)}); r.status != http.StatusCreated {
			t.Fatalf("endpoint %d: %d %s", i+2, r.status, r.body)
		}
	}
	post(&a, wire.WebhookRequest{URL: "https://hooks.example.com/4"}).problem(t, http.StatusConflict, market.KindConflict)

	var list wire.WebhookList
	e.do(req{method: "GET", path: "/webhooks", as: &a}).json(t, &list)
	if len(list.Webhooks) != 3 || list.Webhooks[0].ID != made.ID {
		t.Fatalf("GET /webhooks: %+v", list)
	}
	for _, w := range list.Webhooks {
		if w.Secret != "" {
			t.Errorf("GET /webhooks shows a secret: %+v", w)
		}
	}
	var none wire.WebhookList
	e.do(req{method: "GET", path: "/webhooks", as: &b}).json(t, &none)
	if len(none.Webhooks) != 0 {
		t.Errorf("another address sees %d endpoints", len(none.Webhooks))
	}
	e.do(req{method: "DELETE", path: "/webhooks/" + made.ID, as: &b}).problem(t, http.StatusNotFound, market.KindNotFound)
	if r := e.do(req{method: "DELETE", path: "/webhooks/" + made.ID, as: &a}); r.status != http.StatusNoContent {
		t.Fatalf("DELETE: %d %s", r.status, r.body)
	}
	e.do(req{method: "DELETE", path: "/webhooks/" + made.ID, as: &a}).problem(t, http.StatusNotFound, market.KindNotFound)
	if r := post(&a, wire.WebhookRequest{URL: "https://hooks.example.com/5"}); r.status != http.StatusCreated {
		t.Errorf("after a delete the quota has room: %d %s", r.status, r.body)
	}
}

// TestWebhookPrivateTargetsWhenAllowed: a server configured to allow
// private targets (tests, a private network) takes a loopback URL.
func TestWebhookPrivateTargetsWhenAllowed(t *testing.T) {
	t.Parallel()
	cfg := api.DefaultConfig
	cfg.AllowPrivateWebhooks = true
	e := newEnv(t, cfg)
	a := newAccount(t)
	r := e.do(req{method: "POST", path: "/webhooks", body: mustJSONBody(t, wire.WebhookRequest{URL: "http://127.0.0.1:9/hooks"}),
		contentType: "application/json", as: &a})
	if r.status != http.StatusCreated {
		t.Fatalf("%d %s", r.status, r.body)
	}
}
