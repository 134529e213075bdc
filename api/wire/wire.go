// Package wire is the AXL market API as it travels: the request and
// response bodies, the header names and the string a signed request signs
// (DESIGN §4). The server (package api) and its clients (api/client, and
// agents in any language) share it, and it imports only the standard
// library, so that a client links none of the server.
//
// The //@name comments keep the schema names of the OpenAPI document
// (openapi/), which swag generates from these types.
package wire

import (
	"encoding/hex"
	"fmt"
)

// The headers of a signed request (DESIGN §4).
const (
	HeaderAddress       = "X-AXL-Address"
	HeaderTimestamp     = "X-AXL-Timestamp"
	HeaderNonce         = "X-AXL-Nonce"
	HeaderContentSHA256 = "X-AXL-Content-SHA256"
	HeaderSignature     = "X-AXL-Signature"
)

// NonceSize is the number of random bytes of X-AXL-Nonce (sent as hex).
const NonceSize = 16

// HeaderIdempotencyKey names the client-chosen key of POST /intents: the
// same key and body give the same response.
const HeaderIdempotencyKey = "Idempotency-Key"

// RequestMessage is the string a client signs with EIP-191 personal_sign:
// "axl-request\n{METHOD}\n{path with query}\n{timestamp}\n{nonce}\n{hex sha256 of the body}",
// nonce being the X-AXL-Nonce header as sent (32 lowercase hex digits).
func RequestMessage(method, pathWithQuery string, timestamp int64, nonce string, bodySHA256 []byte) string {
	return fmt.Sprintf("axl-request\n%s\n%s\n%d\n%s\n%s", method, pathWithQuery, timestamp, nonce, hex.EncodeToString(bodySHA256))
}

// ProblemTypeBase prefixes every problem type URI; the suffix is the kind.
const ProblemTypeBase = "https://axl.market/problems/"

// Problem is an RFC 9457 problem document. Kind-specific members (price)
// sit beside the standard ones.
type Problem struct {
	Type     string `json:"type" example:"https://axl.market/problems/invalid"`
	Title    string `json:"title" example:"Invalid request"`
	Status   int    `json:"status" example:"400"`
	Detail   string `json:"detail" example:"steps must be between 1 and 1000000"`
	Instance string `json:"instance" example:"/intents/quote"`
	// Price is set on price-above-max_price problems: the quoted price in base units.
	Price string `json:"price,omitempty" example:"400000"`
	// Bound is set on infeasible-job problems: the bound the spec breaks
	// (base_model, seq_len, vocab_size, dataset, slot_memory, referee_memory,
	// referee_answer, spec).
	Bound string `json:"bound,omitempty" example:"slot_memory"`
	// Limit is set on infeasible-job problems with a number: the bound's
	// limit (tokens, or bytes).
	Limit int64 `json:"limit,omitempty" example:"3221225472"`
	// Value is what the spec asks of that bound, beside Limit.
	Value int64 `json:"value,omitempty" example:"5368709120"`
} //@name api.Problem

// Health is the answer of the health endpoints.
type Health struct {
	Status   string `json:"status" example:"ok"`
	Database string `json:"database,omitempty" example:"ok"`
	Chain    string `json:"chain,omitempty" example:"ok"`
} //@name api.Health
