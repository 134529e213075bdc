package api

import (
	"context"
	"crypto/rand"
	"io"
	"net/http"
	"sync"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/axl-market/axl/market"
)

// MCPHandler is the handler of POST /mcp for one request's signer: given
// api, a transport that calls this server's API as signer, it serves the
// MCP tools (package mcpserver, wired by cmd/axl).
type MCPHandler func(signer market.Address, api http.RoundTripper) http.Handler

// mcp godoc
//
//	@Summary		The buyer's tools over MCP (streamable HTTP, stateless)
//	@Description	For an agent whose key stays in its own wallet: every POST is a JSON-RPC message of the Model Context Protocol, signed like any request (its body hashed); the tools act as the signer. They are those of `axl mcp` except the ones that read or write local files (upload_artifact, download_weights: upload and download over this API), and buying is two calls: quote returns the intent and funding documents to sign, create_intent takes the signatures. The answer is JSON or an event stream (progress notifications of wait_intent). GET and DELETE are not served (no sessions).
//	@Tags			mcp
//	@Accept			json
//	@Produce		json
//	@Param			X-AXL-Address	header	string	true	"signer address"
//	@Param			X-AXL-Timestamp	header	string	true	"unix seconds"
//	@Success		200
//	@Failure		401	{object}	wire.Problem
//	@Failure		404	{object}	wire.Problem	"this server serves no MCP"
//	@Security		AXLSignature
//	@Router			/mcp [post]
func (s *Server) mcp(w http.ResponseWriter, r *http.Request) error {
	if s.mcpHandler == nil {
		return market.Errorf(market.KindNotFound, "this server serves no MCP")
	}
	// A tool call may stream for as long as it waits (wait_intent): each
	// write gets its own deadline instead of the write's overall one.
	s.mcpHandler(signer(r), delegate{s: s, signer: signer(r)}).ServeHTTP(&deadlineWriter{ResponseWriter: w, timeout: s.cfg.WriteTimeout}, r)
	return nil
}

// deadlineWriter sets a write deadline before each write: a response
// lives as long as it is read, and a client that stops reading loses it.
type deadlineWriter struct {
	http.ResponseWriter
	timeout time.Duration
}

func (w *deadlineWriter) Write(b []byte) (int, error) {
	_ = http.NewResponseController(w.ResponseWriter).SetWriteDeadline(time.Now().Add(w.timeout))
	return w.ResponseWriter.Write(b)
}

// Flush implements http.Flusher.
func (w *deadlineWriter) Flush() { _ = http.NewResponseController(w.ResponseWriter).Flush() }

// Unwrap is for http.ResponseController.
func (w *deadlineWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

const delegateKey ctxKey = signerKey + 3

// delegate is an http.RoundTripper that serves requests with this
// server's handler, in process, authenticated as signer: the MCP tools'
// calls of the API for the signer of the /mcp request. Only this package
// can put the mark in a request's context; nothing a client sends can.
type delegate struct {
	s      *Server
	signer market.Address
}

// delegatedSigner is the signer a delegated request acts for.
func delegatedSigner(r *http.Request) (market.Address, bool) {
	a, ok := r.Context().Value(delegateKey).(market.Address)
	return a, ok
}

// delegatedNonce is a fresh digest for the nonce record of a delegated
// POST /intents: the /mcp request's own was recorded when it came in.
func delegatedNonce(now time.Time, window time.Duration) (requestNonce, error) {
	var n market.Hash
	if _, err := rand.Read(n[:]); err != nil {
		return requestNonce{}, err
	}
	return requestNonce{digest: n, expires: now.Add(window)}, nil
}

// RoundTrip implements http.RoundTripper: the response is returned once
// the handler writes its header (or ends), its body streamed through a
// pipe as the handler writes it.
func (d delegate) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := context.WithValue(req.Context(), delegateKey, d.signer)
	// A fresh routing: chi takes a request that carries a routing context
	// (the /mcp request's, inherited) for a sub-router's, of that method.
	ctx = context.WithValue(ctx, chi.RouteCtxKey, (*chi.Context)(nil))
	r := req.Clone(ctx)
	r.RequestURI = req.URL.RequestURI()
	if r.Body == nil {
		r.Body = http.NoBody
	}
	pr, pw := io.Pipe()
	rw := &pipeResponse{header: http.Header{}, pw: pw, ready: make(chan struct{})}
	go func() {
		defer func() {
			rw.start(http.StatusOK)
			pw.Close()
		}()
		d.s.ServeHTTP(rw, r)
	}()
	select {
	case <-rw.ready:
	case <-req.Context().Done():
		pr.CloseWithError(req.Context().Err())
		return nil, req.Context().Err()
	}
	return &http.Response{Status: http.StatusText(rw.status), StatusCode: rw.status, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: rw.sent, Body: pr, ContentLength: -1, Request: req}, nil
}

// pipeResponse is the http.ResponseWriter of a delegated request: the
// header is sent once (ready closed), the body written into the pipe.
type pipeResponse struct {
	header http.Header
	sent   http.Header // the header as it was sent
	status int
	pw     *io.PipeWriter
	once   sync.Once
	ready  chan struct{}
}

func (p *pipeResponse) Header() http.Header { return p.header }

func (p *pipeResponse) start(status int) {
	p.once.Do(func() {
		p.status, p.sent = status, p.header.Clone()
		close(p.ready)
	})
}

func (p *pipeResponse) WriteHeader(status int) { p.start(status) }

func (p *pipeResponse) Write(b []byte) (int, error) {
	p.start(http.StatusOK)
	return p.pw.Write(b)
}

// Flush implements http.Flusher: the pipe holds nothing back.
func (p *pipeResponse) Flush() { p.start(http.StatusOK) }
