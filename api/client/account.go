package client

import (
	"context"
	"net/url"

	"github.com/axl-market/axl/api/wire"
)

// Balances reads what the escrow credits the client (paid to its wallet by
// the server's payouts) and the payouts of its intents.
func (c *Client) Balances(ctx context.Context) (wire.Balances, error) {
	var out wire.Balances
	return out, c.call(ctx, "GET", "/balances", nil, &out, nil, false)
}

// CreateWebhook registers an endpoint for the events of the client's
// intents (events: the event types, none for all). The answer holds the
// endpoint's signing secret, shown this once.
func (c *Client) CreateWebhook(ctx context.Context, endpoint string, events []string) (wire.Webhook, error) {
	var out wire.Webhook
	return out, c.call(ctx, "POST", "/webhooks", wire.WebhookRequest{URL: endpoint, Events: events}, &out, nil, false)
}

// Webhooks lists the client's endpoints and the state of their deliveries.
func (c *Client) Webhooks(ctx context.Context) (wire.WebhookList, error) {
	var out wire.WebhookList
	return out, c.call(ctx, "GET", "/webhooks", nil, &out, nil, false)
}

// DeleteWebhook removes one of the client's endpoints and its queue.
func (c *Client) DeleteWebhook(ctx context.Context, id string) error {
	return c.call(ctx, "DELETE", "/webhooks/"+url.PathEscape(id), nil, nil, nil, false)
}
