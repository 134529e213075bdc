// Package client is a typed Go client of the AXL market API: every call of
// the buyer and of the worker, signed as api verifies it (DESIGN §4), with
// the server's problem+json errors decoded into *Error.
//
// A Client holds one key. Signed requests carry X-AXL-Address,
// X-AXL-Timestamp, X-AXL-Nonce (16 bytes from crypto/rand, fresh for every
// request, as hex), X-AXL-Content-SHA256 (hex sha256 of the body) and
// X-AXL-Signature (EIP-191 personal_sign over
// "axl-request\n{METHOD}\n{path with query}\n{timestamp}\n{nonce}\n{hex
// sha256 of the body}"). The server uses a nonce once, so the same call made
// twice in one second is two requests, and a replay of one is refused.
package client

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/axl-market/axl/api/wire"
	"github.com/axl-market/axl/market"
)

// Client calls one server as one key.
type Client struct {
	base  string
	key   *ecdsa.PrivateKey
	addr  common.Address
	http  *http.Client
	clock market.Clock
	// deployment is what the documents signed must be for (nil: sign none).
	deployment *Deployment
	// delegated: the transport speaks for addr, and requests go unsigned
	// (Delegated).
	delegated bool
}

// Option configures a Client.
type Option func(*Client)

// WithHTTPClient sets the HTTP client (default: http.DefaultClient).
func WithHTTPClient(h *http.Client) Option { return func(c *Client) { c.http = h } }

// WithClock sets the clock whose time signs requests (default: the system's).
func WithClock(clk market.Clock) Option { return func(c *Client) { c.clock = clk } }

// New returns a client of the server at baseURL (http://host:port) that
// signs with key. key may be nil for a client of the public calls only.
func New(baseURL string, key *ecdsa.PrivateKey, opts ...Option) *Client {
	c := &Client{base: strings.TrimRight(baseURL, "/"), key: key, http: http.DefaultClient, clock: market.SystemClock{}}
	if key != nil {
		c.addr = crypto.PubkeyToAddress(key.PublicKey)
	}
	for _, o := range opts {
		o(c)
	}
	return c
}

// Delegated returns a client that acts as addr over h, whose transport
// authenticates its requests as addr itself (the server's own MCP tools
// call its API so, in process, for the signer of the MCP request): its
// requests are not signed, and it signs no document.
func Delegated(baseURL string, addr common.Address, h *http.Client) *Client {
	return &Client{base: strings.TrimRight(baseURL, "/"), addr: addr, http: h, clock: market.SystemClock{}, delegated: true}
}

// Address is the address the client signs as.
func (c *Client) Address() common.Address { return c.addr }

// Key is the client's private key.
func (c *Client) Key() *ecdsa.PrivateKey { return c.key }

// BaseURL is the server's base URL.
func (c *Client) BaseURL() string { return c.base }

// Error is a problem+json answer of the server (RFC 9457), or a failure
// status without one.
type Error struct {
	Status   int    // HTTP status
	Type     string // problem type URI: https://axl.market/problems/<kind>
	Title    string
	Detail   string
	Instance string
	// Price is set on price-above-max_price problems (422).
	Price  string
	Method string // of the request
	Path   string
	// RetryAfter is the wait the server asked for (Retry-After, in seconds)
	// on a 429 or 503; zero if it named none.
	RetryAfter time.Duration
}

// Error says what the server answered, on one line.
func (e *Error) Error() string {
	d := e.Detail
	if d == "" {
		d = e.Title
	}
	return fmt.Sprintf("%s %s: %d %s", e.Method, e.Path, e.Status, d)
}

// Kind is the problem type's suffix: "conflict", "not-found", "invalid" …
func (e *Error) Kind() string { return strings.TrimPrefix(e.Type, wire.ProblemTypeBase) }

// StatusOf returns the HTTP status of err when it is (or wraps) an *Error,
// and 0 otherwise.
func StatusOf(err error) int {
	var e *Error
	if errors.As(err, &e) {
		return e.Status
	}
	return 0
}

// IsConflict reports a 409: "not yet" (not assigned, not every slot
// committed) or "already done otherwise".
func IsConflict(err error) bool { return StatusOf(err) == http.StatusConflict }

// IsNotFound reports a 404.
func IsNotFound(err error) bool { return StatusOf(err) == http.StatusNotFound }

// sign adds the signature headers to hr, whose body has the given sha256.
func (c *Client) sign(_ context.Context, hr *http.Request, bodySHA256 []byte) error {
	if c.delegated {
		return nil
	}
	if c.key == nil {
		return errors.New("client: this call must be signed and the client has no key")
	}
	var n [wire.NonceSize]byte
	if _, err := rand.Read(n[:]); err != nil {
		return err
	}
	nonce := hex.EncodeToString(n[:])
	ts := c.clock.Now().Unix()
	msg := wire.RequestMessage(hr.Method, hr.URL.RequestURI(), ts, nonce, bodySHA256)
	sig, err := crypto.Sign(accounts.TextHash([]byte(msg)), c.key)
	if err != nil {
		return err
	}
	sig[64] += 27
	hr.Header.Set(wire.HeaderAddress, c.addr.Hex())
	hr.Header.Set(wire.HeaderTimestamp, strconv.FormatInt(ts, 10))
	hr.Header.Set(wire.HeaderNonce, nonce)
	hr.Header.Set(wire.HeaderContentSHA256, hex.EncodeToString(bodySHA256))
	hr.Header.Set(wire.HeaderSignature, "0x"+hex.EncodeToString(sig))
	return nil
}

// request describes one call.
type request struct {
	method, path string
	body         io.Reader // nil for none
	bodySHA256   []byte    // of body; computed from raw when nil
	raw          []byte    // the body, when it is in memory
	size         int64     // of body, when it is a stream
	contentType  string
	header       map[string]string
	public       bool // sent unsigned
}

// do sends r and returns the response when its status is below 300; a
// failure status is returned as *Error (the body closed).
func (c *Client) do(ctx context.Context, r request) (*http.Response, error) {
	body := r.body
	if body == nil && r.raw != nil {
		body = bytes.NewReader(r.raw)
	}
	hr, err := http.NewRequestWithContext(ctx, r.method, c.base+r.path, body)
	if err != nil {
		return nil, err
	}
	if r.raw != nil {
		hr.ContentLength = int64(len(r.raw))
	} else if r.body != nil {
		hr.ContentLength = r.size
	}
	if r.contentType != "" {
		hr.Header.Set("Content-Type", r.contentType)
	}
	for k, v := range r.header {
		hr.Header.Set(k, v)
	}
	if !r.public {
		sum := r.bodySHA256
		if sum == nil {
			s := sha256.Sum256(r.raw)
			sum = s[:]
		}
		if err := c.sign(ctx, hr, sum); err != nil {
			return nil, err
		}
	}
	res, err := c.http.Do(hr)
	if err != nil {
		return nil, err
	}
	if res.StatusCode >= 300 {
		defer res.Body.Close()
		return nil, decodeError(r.method, r.path, res)
	}
	return res, nil
}

// decodeError reads a failure response as *Error.
func decodeError(method, path string, res *http.Response) error {
	b, _ := io.ReadAll(io.LimitReader(res.Body, 1<<16))
	e := &Error{Status: res.StatusCode, Method: method, Path: path}
	if s, err := strconv.Atoi(res.Header.Get("Retry-After")); err == nil && s > 0 {
		e.RetryAfter = time.Duration(s) * time.Second
	}
	mt, _, _ := mime.ParseMediaType(res.Header.Get("Content-Type"))
	var p wire.Problem
	if mt == "application/problem+json" && json.Unmarshal(b, &p) == nil {
		e.Type, e.Title, e.Detail, e.Instance, e.Price = p.Type, p.Title, p.Detail, p.Instance, p.Price
	} else {
		e.Title = http.StatusText(res.StatusCode)
		e.Detail = strings.TrimSpace(string(b))
	}
	return e
}

// call sends a JSON body (in unless nil) and decodes a JSON answer into out
// (unless nil).
func (c *Client) call(ctx context.Context, method, path string, in, out any, header map[string]string, public bool) error {
	r := request{method: method, path: path, header: header, public: public}
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return err
		}
		r.raw, r.contentType = b, "application/json"
	}
	res, err := c.do(ctx, r)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if out == nil {
		_, err = io.Copy(io.Discard, res.Body)
		return err
	}
	if err := json.NewDecoder(res.Body).Decode(out); err != nil {
		return fmt.Errorf("%s %s: the answer is not the expected JSON: %w", method, path, err)
	}
	return nil
}
