package wire

// x402 version 2 as POST /intents speaks it: an intent created with no
// funding signature is paid by the "exact" scheme on EIP-155 chains, an
// EIP-3009 TransferWithAuthorization of the price to the intent's deposit
// address, which the server verifies and settles as its own facilitator.

// The headers of x402 version 2 (base64 of the JSON of the types below).
const (
	HeaderPaymentRequired  = "PAYMENT-REQUIRED"  // on a 402: PaymentRequired
	HeaderPaymentSignature = "PAYMENT-SIGNATURE" // on the retry: PaymentPayload
	HeaderPaymentResponse  = "PAYMENT-RESPONSE"  // on the 201: SettleResponse
)

// X402Version is the version of x402 spoken.
const X402Version = 2

// X402SchemeExact is the payment scheme the market accepts.
const X402SchemeExact = "exact"

// PaymentRequired says how to pay for a resource.
type PaymentRequired struct {
	X402Version int                   `json:"x402Version"`
	Error       string                `json:"error,omitempty"`
	Resource    PaymentResource       `json:"resource"`
	Accepts     []PaymentRequirements `json:"accepts"`
}

// PaymentResource is what is paid for.
type PaymentResource struct {
	URL         string `json:"url"`
	Description string `json:"description,omitempty"`
	MimeType    string `json:"mimeType,omitempty"`
}

// PaymentRequirements is one way to pay: for the market, the exact scheme
// of an amount of asset (the token's address) to payTo (the intent's
// deposit address) on network ("eip155:<chain id>").
type PaymentRequirements struct {
	Scheme            string       `json:"scheme"`
	Network           string       `json:"network"`
	Amount            string       `json:"amount"`
	Asset             string       `json:"asset"`
	PayTo             string       `json:"payTo"`
	MaxTimeoutSeconds int64        `json:"maxTimeoutSeconds"`
	Extra             PaymentExtra `json:"extra"`
}

// PaymentExtra is the EIP-712 domain of the asset, which the client signs
// under.
type PaymentExtra struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// PaymentPayload is a client's payment: the requirements it accepted and
// the signed authorisation.
type PaymentPayload struct {
	X402Version int                 `json:"x402Version"`
	Resource    *PaymentResource    `json:"resource,omitempty"`
	Accepted    PaymentRequirements `json:"accepted"`
	Payload     ExactPayload        `json:"payload"`
}

// ExactPayload is the exact scheme's payload on an EIP-155 chain.
type ExactPayload struct {
	Authorization ExactAuthorization `json:"authorization"`
	Signature     string             `json:"signature"`
}

// ExactAuthorization is an EIP-3009 TransferWithAuthorization: addresses
// and the nonce as 0x hex, amounts and times as decimal strings.
type ExactAuthorization struct {
	From        string `json:"from"`
	To          string `json:"to"`
	Value       string `json:"value"`
	ValidAfter  string `json:"validAfter"`
	ValidBefore string `json:"validBefore"`
	Nonce       string `json:"nonce"`
}

// SettleResponse is the outcome of a payment. The market's settlement is
// the intent's funding transaction, queued in the commit that stores the
// intent: Transaction is empty until the relayer sends it (its hash is
// then in GET /intents/{id}), and Extra names the intent.
type SettleResponse struct {
	Success     bool           `json:"success"`
	ErrorReason string         `json:"errorReason,omitempty"`
	Payer       string         `json:"payer,omitempty"`
	Transaction string         `json:"transaction"`
	Network     string         `json:"network"`
	Amount      string         `json:"amount,omitempty"`
	Extra       map[string]any `json:"extra,omitempty"`
}
