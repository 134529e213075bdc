package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"runtime/debug"
	"strings"

	"github.com/axl-market/axl/api/wire"
	"github.com/axl-market/axl/market"
)

// kindMethodNotAllowed is the one kind that only HTTP knows.
const kindMethodNotAllowed market.Kind = "method-not-allowed"

// kindTimeout is a body that did not arrive in time (Config.MinBodyRate).
const kindTimeout market.Kind = "timeout"

// problemKinds maps each error kind, once, to a status and a title.
var problemKinds = map[market.Kind]struct {
	status int
	title  string
}{
	market.KindInvalid:           {http.StatusBadRequest, "Invalid request"},
	market.KindUnauthorized:      {http.StatusUnauthorized, "Unauthorized"},
	market.KindForbidden:         {http.StatusForbidden, "Forbidden"},
	market.KindNotFound:          {http.StatusNotFound, "Not found"},
	kindMethodNotAllowed:         {http.StatusMethodNotAllowed, "Method not allowed"},
	kindTimeout:                  {http.StatusRequestTimeout, "Request timeout"},
	market.KindConflict:          {http.StatusConflict, "Conflict"},
	market.KindExpired:           {http.StatusGone, "Expired"},
	market.KindTooLarge:          {http.StatusRequestEntityTooLarge, "Content too large"},
	market.KindUnsupportedFormat: {http.StatusUnsupportedMediaType, "Unsupported media type"},
	market.KindInconsistent:      {http.StatusUnprocessableEntity, "Unprocessable request"},
	market.KindPriceTooHigh:      {http.StatusUnprocessableEntity, "Price above max_price"},
	market.KindInfeasible:        {http.StatusUnprocessableEntity, "Infeasible job"},
	market.KindBadSignature:      {http.StatusUnprocessableEntity, "Bad signature"},
	market.KindPaymentRequired:   {http.StatusPaymentRequired, "Payment required"},
	market.KindInternal:          {http.StatusInternalServerError, "Internal error"},
	market.KindUnavailable:       {http.StatusServiceUnavailable, "Service unavailable"},
	kindRateLimited:              {http.StatusTooManyRequests, "Too many requests"},
	kindInsufficientStorage:      {http.StatusInsufficientStorage, "Insufficient storage"},
}

// problemBody renders err as a problem document and its status.
func problemBody(r *http.Request, err error) (int, []byte) {
	kind := market.ErrorKind(err)
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		kind, err = market.KindTooLarge, market.Errorf(market.KindTooLarge, "the body exceeds %d bytes", mbe.Limit)
	}
	pk, ok := problemKinds[kind]
	if !ok {
		kind, pk = market.KindInternal, problemKinds[market.KindInternal]
	}
	p := wire.Problem{Type: wire.ProblemTypeBase + string(kind), Title: pk.title, Status: pk.status,
		Detail: market.ErrorMessage(err), Instance: r.URL.Path}
	var e *market.Error
	if errors.As(err, &e) {
		if price, ok := e.Extra["price"].(string); ok {
			p.Price = price
		}
		p.Bound, _ = e.Extra["bound"].(string)
		p.Limit, _ = e.Extra["limit"].(int64)
		p.Value, _ = e.Extra["value"].(int64)
	}
	b, _ := json.Marshal(p)
	return pk.status, b
}

// handler is a route: it writes its answer, or returns the error that
// handle writes as problem+json, so that each error is mapped in one place.
type handler func(w http.ResponseWriter, r *http.Request) error

// handle adapts a handler to net/http.
func (s *Server) handle(h handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			s.problem(w, r, err)
		}
	}
}

// problem writes err as problem+json, logging the errors that are ours.
func (s *Server) problem(w http.ResponseWriter, r *http.Request, err error) {
	status, body := problemBody(r, err)
	if status >= 500 {
		s.log.ErrorContext(r.Context(), "request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	writeRaw(w, status, "application/problem+json", body)
}

func writeRaw(w http.ResponseWriter, status int, contentType string, body []byte) {
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(status)
	w.Write(body)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // our own types always marshal
	}
	writeRaw(w, status, "application/json", b)
}

// decodeJSON decodes one JSON object from body into v, refusing unknown
// fields and trailing data; every failure is a KindInvalid error.
func decodeJSON(body io.Reader, v any) error {
	dec := json.NewDecoder(body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return err
		}
		msg := err.Error()
		if errors.Is(err, io.EOF) {
			msg = "the body is empty"
		}
		return market.Errorf(market.KindInvalid, "the body is not valid JSON for this request: %s", strings.TrimPrefix(msg, "json: "))
	}
	if dec.More() {
		return market.Errorf(market.KindInvalid, "the body holds data after the JSON object")
	}
	return nil
}

// recoverer turns a panic into a 500 problem, logged with its stack.
func (s *Server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.ErrorContext(r.Context(), "panic", "value", fmt.Sprint(v), "stack", string(debug.Stack()))
				s.problem(w, r, market.Errorf(market.KindInternal, "internal error"))
			}
		}()
		next.ServeHTTP(w, r)
	})
}
