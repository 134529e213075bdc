package wire

// WebhookRequest registers a webhook endpoint: where to deliver the
// events of the signer's intents, and which event types (empty or absent:
// all of them).
type WebhookRequest struct {
	URL    string   `json:"url"`
	Events []string `json:"events,omitempty"`
} //@name api.WebhookRequest

// Webhook is a registered endpoint and the state of its deliveries. Secret
// is shown once, in the answer to POST /webhooks.
type Webhook struct {
	ID             string   `json:"id"`
	URL            string   `json:"url"`
	Events         []string `json:"events"`
	Secret         string   `json:"secret,omitempty"`
	CreatedAt      string   `json:"created_at"`
	Pending        int      `json:"pending"`
	Failures       int      `json:"failures"`
	FailingSince   string   `json:"failing_since,omitempty"`
	NextAttemptAt  string   `json:"next_attempt_at,omitempty"`
	LastError      string   `json:"last_error,omitempty"`
	DisabledAt     string   `json:"disabled_at,omitempty"`
	DisabledReason string   `json:"disabled_reason,omitempty"`
} //@name api.Webhook

// WebhookList lists the signer's endpoints, the oldest first.
type WebhookList struct {
	Webhooks []Webhook `json:"webhooks"`
} //@name api.WebhookList
