package api

import (
	"context"
	"net/http"
	"time"

	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/openapi"
)

// Health is the answer of the health endpoints.
type Health struct {
	Status   string `json:"status" example:"ok"`
	Database string `json:"database,omitempty" example:"ok"`
	Chain    string `json:"chain,omitempty" example:"ok"`
}

// healthz godoc
//
//	@Summary	Liveness: the process serves
//	@Tags		operations
//	@Produce	json
//	@Success	200	{object}	Health
//	@Router		/healthz [get]
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, Health{Status: "ok"})
}

// readyz godoc
//
//	@Summary	Readiness: the database and the chain answer
//	@Tags		operations
//	@Produce	json
//	@Success	200	{object}	Health
//	@Failure	503	{object}	Health
//	@Router		/readyz [get]
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	h := Health{Status: "ok", Database: "ok", Chain: "ok"}
	status := http.StatusOK
	if err := s.store.Ping(ctx); err != nil {
		h.Status, h.Database, status = "unavailable", market.ErrorMessage(err), http.StatusServiceUnavailable
	}
	if err := s.chain.Ready(ctx); err != nil {
		h.Status, h.Chain, status = "unavailable", "chain unreachable", http.StatusServiceUnavailable
	}
	writeJSON(w, status, h)
}

// openAPI godoc
//
//	@Summary	This API's OpenAPI 3 description
//	@Tags		operations
//	@Produce	json
//	@Success	200	{object}	object
//	@Router		/openapi.json [get]
func (s *Server) openAPI(w http.ResponseWriter, r *http.Request) {
	writeRaw(w, http.StatusOK, "application/json", openapi.OpenAPI3)
}

// docsPage renders /openapi.json with Redoc, loaded from its CDN.
const docsPage = `<!doctype html>
<html><head><meta charset="utf-8"><title>AXL market API</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><redoc spec-url="/openapi.json"></redoc>
<noscript>The API description is at <a href="/openapi.json">/openapi.json</a>.</noscript>
<script src="https://cdn.redoc.ly/redoc/v2.1.5/bundles/redoc.standalone.js"></script>
</body></html>`

// docs godoc
//
//	@Summary	The API description rendered for a person
//	@Tags		operations
//	@Produce	html
//	@Success	200	{string}	string	"an HTML page"
//	@Router		/docs [get]
func (s *Server) docs(w http.ResponseWriter, r *http.Request) {
	writeRaw(w, http.StatusOK, "text/html; charset=utf-8", []byte(docsPage))
}
