package api

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/market/eip712"
)

// The headers of a signed request (DESIGN §4).
const (
	HeaderAddress   = "X-AXL-Address"
	HeaderTimestamp = "X-AXL-Timestamp"
	HeaderSignature = "X-AXL-Signature"
)

// RequestMessage is the string a client signs with EIP-191 personal_sign:
// "axl-request\n{METHOD}\n{path with query}\n{timestamp}\n{hex sha256 of the body}".
func RequestMessage(method, pathWithQuery string, timestamp int64, bodySHA256 []byte) string {
	return fmt.Sprintf("axl-request\n%s\n%s\n%d\n%s", method, pathWithQuery, timestamp, hex.EncodeToString(bodySHA256))
}

type ctxKey int

const (
	signerKey ctxKey = iota
	verifierKey
)

// signer is the authenticated address of the request.
func signer(r *http.Request) market.Address {
	a, _ := r.Context().Value(signerKey).(market.Address)
	return a
}

func unauthorized(format string, args ...any) error {
	return market.Errorf(market.KindUnauthorized, format, args...)
}

// signedHeaders is a request's claim of identity, before the body is known.
type signedHeaders struct {
	address   market.Address
	timestamp int64
	signature []byte
}

func (s *Server) readHeaders(r *http.Request) (signedHeaders, error) {
	var h signedHeaders
	for _, name := range []string{HeaderAddress, HeaderTimestamp, HeaderSignature} {
		if r.Header.Get(name) == "" {
			return h, unauthorized("this request must be signed: the %s header is missing", name)
		}
	}
	var err error
	if h.address, err = market.ParseAddress(r.Header.Get(HeaderAddress)); err != nil {
		return h, unauthorized("%s is not an address", HeaderAddress)
	}
	if h.timestamp, err = strconv.ParseInt(r.Header.Get(HeaderTimestamp), 10, 64); err != nil {
		return h, unauthorized("%s is not unix seconds", HeaderTimestamp)
	}
	now := s.clock.Now().Unix()
	window := int64(s.cfg.SignatureWindow / time.Second)
	if skew := now - h.timestamp; skew > window || skew < -window {
		return h, unauthorized("%s is %d s away from the server time %d; at most ±%d s is accepted", HeaderTimestamp, skew, now, window)
	}
	sig := strings.TrimPrefix(r.Header.Get(HeaderSignature), "0x")
	if h.signature, err = hex.DecodeString(sig); err != nil || len(h.signature) != 65 {
		return h, unauthorized("%s is not a 65-byte hex signature", HeaderSignature)
	}
	return h, nil
}

// verify checks the signature over the request with the given body hash
// and records the request as used.
func (s *Server) verify(ctx context.Context, r *http.Request, h signedHeaders, bodySHA256 []byte) error {
	msg := RequestMessage(r.Method, r.URL.RequestURI(), h.timestamp, bodySHA256)
	got, err := eip712.RecoverPersonal([]byte(msg), h.signature)
	if err != nil {
		return unauthorized("%s does not verify: %s", HeaderSignature, market.ErrorMessage(err))
	}
	if got != h.address {
		return unauthorized("the signature is not %s's over this request (it recovers %s): check the method, path, timestamp and body hash", h.address, got)
	}
	digest := sha256.Sum256(append(h.address[:], msg...))
	expires := time.Unix(h.timestamp, 0).Add(s.cfg.SignatureWindow + time.Second)
	if err := s.store.UseRequestNonce(ctx, market.Hash(digest), expires); err != nil {
		return err
	}
	return nil
}

// authenticate admits requests signed per DESIGN §4, with bodies of at
// most MaxBodySize, and puts the signer in the context.
func (s *Server) authenticate(next http.Handler) http.Handler {
	return s.authenticateUpTo(s.cfg.MaxBodySize)(next)
}

// authenticateUpTo is authenticate with bodies of at most limit bytes.
func (s *Server) authenticateUpTo(limit int64) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			h, err := s.readHeaders(r)
			if err != nil {
				s.problem(w, r, err)
				return
			}
			body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
			if err != nil {
				s.problem(w, r, err)
				return
			}
			sum := sha256.Sum256(body)
			if err := s.verify(r.Context(), r, h, sum[:]); err != nil {
				s.problem(w, r, err)
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
			next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), signerKey, h.address)))
		})
	}
}

// verifier completes the authentication of a streamed request once the
// handler knows the sha256 of its body.
type verifier func(bodySHA256 []byte) (market.Address, error)

// authenticateStream checks a signed request's headers up front and leaves
// the signature to be verified when the streamed body has been hashed.
func (s *Server) authenticateStream(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h, err := s.readHeaders(r)
		if err != nil {
			s.problem(w, r, err)
			return
		}
		v := verifier(func(sum []byte) (market.Address, error) {
			return h.address, s.verify(r.Context(), r, h, sum)
		})
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), verifierKey, v)))
	})
}
