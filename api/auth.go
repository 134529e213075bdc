package api

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/axl-market/axl/api/wire"
	"github.com/axl-market/axl/market"
)

type ctxKey int

const signerKey ctxKey = iota

// signer is the authenticated address of the request.
func signer(r *http.Request) market.Address {
	a, _ := r.Context().Value(signerKey).(market.Address)
	return a
}

func unauthorized(format string, args ...any) error {
	return market.Errorf(market.KindUnauthorized, format, args...)
}

// signedHeaders is a request's claim of identity and of its body's hash,
// before the body is read.
type signedHeaders struct {
	address   market.Address
	timestamp int64
	nonce     string // 32 lowercase hex digits
	sha256    []byte // declared sha256 of the body
	signature []byte
}

// lowerHex reports whether s is n bytes as lowercase hex.
func lowerHex(s string, n int) bool {
	if len(s) != 2*n {
		return false
	}
	for _, c := range s {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

func (s *Server) readHeaders(r *http.Request) (signedHeaders, error) {
	var h signedHeaders
	for _, name := range []string{wire.HeaderAddress, wire.HeaderTimestamp, wire.HeaderNonce, wire.HeaderContentSHA256, wire.HeaderSignature} {
		if r.Header.Get(name) == "" {
			return h, unauthorized("this request must be signed: the %s header is missing", name)
		}
	}
	var err error
	if h.address, err = market.ParseAddress(r.Header.Get(wire.HeaderAddress)); err != nil {
		return h, unauthorized("%s is not an address", wire.HeaderAddress)
	}
	if h.timestamp, err = strconv.ParseInt(r.Header.Get(wire.HeaderTimestamp), 10, 64); err != nil {
		return h, unauthorized("%s is not unix seconds", wire.HeaderTimestamp)
	}
	if h.nonce = r.Header.Get(wire.HeaderNonce); !lowerHex(h.nonce, wire.NonceSize) {
		return h, unauthorized("%s must be %d random bytes as %d lowercase hex digits", wire.HeaderNonce, wire.NonceSize, 2*wire.NonceSize)
	}
	if sum := r.Header.Get(wire.HeaderContentSHA256); !lowerHex(sum, sha256.Size) {
		return h, unauthorized("%s must be the sha256 of the body as %d lowercase hex digits", wire.HeaderContentSHA256, 2*sha256.Size)
	} else {
		h.sha256, _ = hex.DecodeString(sum)
	}
	now := s.clock.Now().Unix()
	window := int64(s.cfg.SignatureWindow / time.Second)
	if skew := now - h.timestamp; skew > window || skew < -window {
		return h, unauthorized("%s is %d s away from the server time %d; at most ±%d s is accepted", wire.HeaderTimestamp, skew, now, window)
	}
	sig := strings.TrimPrefix(r.Header.Get(wire.HeaderSignature), "0x")
	if h.signature, err = hex.DecodeString(sig); err != nil || len(h.signature) != 65 {
		return h, unauthorized("%s is not a 65-byte hex signature", wire.HeaderSignature)
	}
	return h, nil
}

// checkSignature checks the signature over the request with its declared
// body hash. Nothing of the body is read, nothing is stored.
func (s *Server) checkSignature(r *http.Request, h signedHeaders) error {
	msg := wire.RequestMessage(r.Method, r.URL.RequestURI(), h.timestamp, h.nonce, h.sha256)
	got, err := s.broker.Signing.RecoverPersonal([]byte(msg), h.signature)
	if err != nil {
		return unauthorized("%s does not verify: %s", wire.HeaderSignature, market.ErrorMessage(err))
	}
	if got != h.address {
		return unauthorized("the signature is not %s's over this request (it recovers %s): check the method, path, timestamp, nonce and body hash", h.address, got)
	}
	return nil
}

// useNonce records a signed request's nonce as used: a second request of
// the address with the same nonce is a replay.
func (s *Server) useNonce(ctx context.Context, h signedHeaders) error {
	n := s.nonceOf(h)
	return s.store.UseRequestNonce(ctx, n.digest, n.expires)
}

// requestNonce is what records a signed request's nonce.
type requestNonce struct {
	digest  market.Hash
	expires time.Time // when its window has closed
}

func (s *Server) nonceOf(h signedHeaders) requestNonce {
	digest := sha256.Sum256([]byte("axl-nonce\n" + h.address.String() + "\n" + h.nonce))
	return requestNonce{market.Hash(digest), time.Unix(h.timestamp, 0).Add(s.cfg.SignatureWindow + time.Second)}
}

const nonceKey ctxKey = signerKey + 2

// pendingNonce is the nonce a bodyNonceLater handler must record (with
// useNonce, or in its first round trip) before it does anything.
func pendingNonce(r *http.Request) (requestNonce, bool) {
	n, ok := r.Context().Value(nonceKey).(requestNonce)
	return n, ok
}

// bodyMismatch is the refusal of a body whose sha256 is not the declared one.
func bodyMismatch(got, declared []byte) error {
	return market.Errorf(market.KindInvalid, "the body's sha256 is %x, not the %s %x the request was signed with; nothing of it was kept",
		got, wire.HeaderContentSHA256, declared)
}

// bodyKind is how a route takes its body.
type bodyKind int

const (
	bodySmall  bodyKind = iota // JSON up to MaxBodySize, buffered after authentication
	bodyLarge                  // up to a route's own limit, admitted a few at a time
	bodyStream                 // left to the handler, admitted a few at a time
	// bodyNonceLater is bodySmall whose nonce the handler records itself
	// (pendingNonce), in the round trip of its own first records: so
	// that POST /intents makes one round trip before its write. A replay
	// is then refused after its body (of at most MaxBodySize) is read.
	bodyNonceLater
)

// authenticate admits requests signed per DESIGN §4, with bodies of at
// most MaxBodySize, and puts the signer in the context.
func (s *Server) authenticate(next http.Handler) http.Handler {
	return s.authenticateBody(bodySmall, s.cfg.MaxBodySize)(next)
}

// preNonce are the refusals that a request gets before its signature is
// checked and its nonce stored (a database write), each nil to let it
// pass: a flood of signed requests over their limits then costs neither a
// signature recovery (the most of a refusal's cost) nor a commit. They
// read the limits of the address the request names, and take nothing:
// a request that names another's address can only be refused as the
// address's own would be, and spends none of its budget. (The signer's
// request bucket is taken from by limitSigner, after the nonce, so that
// a replay spends nothing.)
type preNonce func(who market.Address) *limited

// signerHasTokens is the preNonce check of every signed request.
func (s *Server) signerHasTokens(who market.Address) *limited {
	if empty, wait, left := s.limits.addr.peek(who.String(), s.clock.Now()); empty {
		return s.limits.addr.refusal("signed requests of "+who.String(), wait, left)
	}
	return nil
}

// authenticateBody authenticates a request from its headers alone (the
// signature covers the declared body hash), then reads its body: up to
// limit bytes, hashed as it streams and refused on a mismatch; bodyStream
// leaves the body to the handler, which must check streamedBody's hash.
// Large and streamed bodies wait for one of MaxLargeBodies admissions,
// unless they declare no more bytes than a JSON body (smallBody).
// Every body must keep the minimum rate of Config.MinBodyRate.
func (s *Server) authenticateBody(kind bodyKind, limit int64, pre ...preNonce) func(http.Handler) http.Handler {
	pre = append([]preNonce{s.signerHasTokens}, pre...)
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if who, ok := delegatedSigner(r); ok {
				s.serveDelegated(w, r, who, kind, limit, pre, next)
				return
			}
			// A refusal before the body is read closes the connection:
			// net/http would otherwise wait to discard an unread body
			// below 256 KiB, for as long as the client cares to stall.
			refuse := func(err error) {
				if r.ContentLength != 0 {
					w.Header().Set("Connection", "close")
				}
				s.problem(w, r, err)
			}
			h, err := s.readHeaders(r)
			if err != nil {
				refuse(err)
				return
			}
			for _, check := range pre {
				if l := check(h.address); l != nil {
					if r.ContentLength != 0 {
						w.Header().Set("Connection", "close")
					}
					s.refuse(w, r, l)
					return
				}
			}
			if err := s.checkSignature(r, h); err != nil {
				refuse(err)
				return
			}
			if r.ContentLength > limit {
				refuse(market.Errorf(market.KindTooLarge, "the body is %d bytes; the limit is %d", r.ContentLength, limit))
				return
			}
			if kind != bodyNonceLater {
				if err := s.useNonce(r.Context(), h); err != nil {
					refuse(err)
					return
				}
			}
			if (kind == bodyLarge || kind == bodyStream) && !s.smallBody(r) {
				release, err := s.admitLarge(r.Context())
				if err != nil {
					w.Header().Set("Retry-After", strconv.Itoa(int(s.cfg.LargeBodyWait/time.Second)+1))
					refuse(err)
					return
				}
				defer release()
			}
			rate := s.minRate(w, r)
			// A write's response is small; GETs (downloads, event streams)
			// keep deadlines of their own. The deadline starts once the body
			// is read: a streamed upload of 2 GiB lasts as long as it keeps
			// the minimum rate.
			answerBy := func() {
				if r.Method != http.MethodGet {
					_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(s.cfg.WriteTimeout))
				}
			}
			ctx := context.WithValue(r.Context(), signerKey, h.address)
			if kind == bodyNonceLater {
				ctx = context.WithValue(ctx, nonceKey, s.nonceOf(h))
			}
			if kind == bodyStream {
				r.Body = rate
				done := func() { rate.done(); answerBy() }
				ctx = context.WithValue(ctx, streamKey, streamedBody{sha256: h.sha256, done: sync.OnceFunc(done)})
				next.ServeHTTP(w, r.WithContext(ctx))
				rate.done()
				return
			}
			hasher := sha256.New()
			body, err := io.ReadAll(io.TeeReader(http.MaxBytesReader(w, rate, limit), hasher))
			rate.done()
			answerBy()
			if err != nil {
				s.problem(w, r, bodyError(err))
				return
			}
			if sum := hasher.Sum(nil); !bytes.Equal(sum, h.sha256) {
				s.problem(w, r, bodyMismatch(sum, h.sha256))
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
			next.ServeHTTP(w, r.WithContext(ctx))
		})
	}
}

// serveDelegated admits a request of the server's own MCP tools (see
// delegate) as who, the signer of the /mcp request that makes it, whose
// signature and nonce were checked then: the limits of who apply, the
// body is read up to limit, and no large body is taken so.
func (s *Server) serveDelegated(w http.ResponseWriter, r *http.Request, who market.Address, kind bodyKind, limit int64,
	pre []preNonce, next http.Handler) {
	if kind == bodyLarge || kind == bodyStream {
		s.problem(w, r, market.Errorf(market.KindForbidden, "%s %s is not made through MCP: send it to the API itself", r.Method, r.URL.Path))
		return
	}
	for _, check := range pre {
		if l := check(who); l != nil {
			s.refuse(w, r, l)
			return
		}
	}
	ctx := context.WithValue(r.Context(), signerKey, who)
	if kind == bodyNonceLater {
		n, err := delegatedNonce(s.clock.Now(), s.cfg.SignatureWindow+time.Second)
		if err != nil {
			s.problem(w, r, err)
			return
		}
		ctx = context.WithValue(ctx, nonceKey, n)
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		s.problem(w, r, bodyError(err))
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	next.ServeHTTP(w, r.WithContext(ctx))
}

// bodyError is the refusal of a body that could not be read.
func bodyError(err error) error {
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		return err
	case errors.Is(err, errTooSlow):
		return &market.Error{Kind: kindTimeout, Message: err.Error(), Err: err}
	case errors.Is(err, os.ErrDeadlineExceeded):
		return &market.Error{Kind: kindTimeout, Message: "the body did not arrive in time", Err: err}
	}
	return &market.Error{Kind: market.KindInvalid, Message: "the body could not be read", Err: err}
}

const streamKey ctxKey = signerKey + 1

// streamedBody is what a bodyStream handler must check: the declared
// sha256 of the body, and done, to call when it has read it.
type streamedBody struct {
	sha256 []byte
	done   func()
}

func streamOf(r *http.Request) streamedBody {
	b, _ := r.Context().Value(streamKey).(streamedBody)
	return b
}

// smallBody reports a body declared no larger than a JSON body: it costs
// what a JSON request costs, so it never waits behind the large bodies
// (net/http ends a body at its declared length). A body of unknown length
// is large.
func (s *Server) smallBody(r *http.Request) bool {
	return r.ContentLength >= 0 && r.ContentLength <= s.cfg.MaxBodySize
}

// admitLarge waits up to LargeBodyWait for one of the MaxLargeBodies
// slots of large bodies.
func (s *Server) admitLarge(ctx context.Context) (func(), error) {
	t := time.NewTimer(s.cfg.LargeBodyWait)
	defer t.Stop()
	select {
	case s.large <- struct{}{}:
		return func() { <-s.large }, nil
	case <-t.C:
		return nil, market.Errorf(market.KindUnavailable, "%d large bodies are being received; retry later", cap(s.large))
	case <-ctx.Done():
		return nil, market.Errorf(market.KindUnavailable, "the request ended while waiting for admission")
	}
}
