package api

import (
	"bytes"
	"context"
	"html/template"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/axl-market/axl/api/wire"
	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/openapi"
)

// healthz godoc
//
//	@Summary	Liveness: the process serves
//	@Tags		operations
//	@Produce	json
//	@Success	200	{object}	wire.Health
//	@Router		/healthz [get]
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) error {
	writeJSON(w, http.StatusOK, wire.Health{Status: "ok"})
	return nil
}

// readyz godoc
//
//	@Summary	Readiness: the database and the chain answer
//	@Tags		operations
//	@Produce	json
//	@Success	200	{object}	wire.Health
//	@Failure	503	{object}	wire.Health
//	@Router		/readyz [get]
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) error {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	h := wire.Health{Status: "ok", Database: "ok", Chain: "ok"}
	status := http.StatusOK
	if err := s.store.Ping(ctx); err != nil {
		h.Status, h.Database, status = "unavailable", market.ErrorMessage(err), http.StatusServiceUnavailable
	}
	if err := s.chain.Ready(ctx); err != nil {
		h.Status, h.Chain, status = "unavailable", "chain unreachable", http.StatusServiceUnavailable
	}
	writeJSON(w, status, h)
	return nil
}

// openAPI godoc
//
//	@Summary	This API's OpenAPI 3 description
//	@Tags		operations
//	@Produce	json
//	@Success	200	{object}	object
//	@Router		/openapi.json [get]
func (s *Server) openAPI(w http.ResponseWriter, r *http.Request) error {
	writeRaw(w, http.StatusOK, "application/json", openapi.OpenAPI3)
	return nil
}

// docsTemplate renders the OpenAPI document as a page: every operation
// with its parameters and responses, server-side, so that it reads without
// JavaScript or network access.
var docsTemplate = template.Must(template.New("docs").Parse(`<!doctype html>
<html><head><meta charset="utf-8"><title>{{.Title}}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em}
code,pre{font:13px ui-monospace,monospace}h2{border-top:1px solid #ccc;padding-top:1em}
.m{display:inline-block;min-width:4em;font-weight:bold}table{border-collapse:collapse}td,th{padding:.2em .6em;text-align:left;vertical-align:top}</style>
</head><body><h1>{{.Title}}</h1><p>{{.Description}}</p>
<p>The machine-readable description: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3).</p>
{{range .Ops}}<h2 id="{{.ID}}"><span class="m">{{.Method}}</span> <code>{{.Path}}</code></h2>
<p><b>{{.Summary}}</b>{{if .Signed}} — signed request{{end}}</p>{{if .Description}}<p>{{.Description}}</p>{{end}}
{{if .Params}}<table><tr><th>parameter</th><th>in</th><th></th><th>description</th></tr>
{{range .Params}}<tr><td><code>{{.Name}}</code></td><td>{{.In}}</td><td>{{if .Required}}required{{end}}</td><td>{{.Description}}</td></tr>{{end}}</table>{{end}}
<p>{{range .Responses}}<code>{{.}}</code> {{end}}</p>{{end}}
</body></html>`))

type docsOp struct {
	ID, Method, Path, Summary, Description string
	Signed                                 bool
	Params                                 []*openapi3.Parameter
	Responses                              []string
}

// renderDocs turns the embedded OpenAPI document into the docs page.
func renderDocs() ([]byte, error) {
	doc, err := openapi3.NewLoader().LoadFromData(openapi.OpenAPI3)
	if err != nil {
		return nil, err
	}
	var ops []docsOp
	for _, path := range doc.Paths.InMatchingOrder() {
		item := doc.Paths.Value(path)
		methods := make([]string, 0, 4)
		for m := range item.Operations() {
			methods = append(methods, m)
		}
		sort.Strings(methods)
		for _, m := range methods {
			op := item.Operations()[m]
			d := docsOp{ID: strings.ToLower(m) + strings.ReplaceAll(path, "/", "-"), Method: m, Path: path,
				Summary: op.Summary, Description: op.Description, Signed: op.Security != nil && len(*op.Security) > 0}
			for _, p := range op.Parameters {
				d.Params = append(d.Params, p.Value)
			}
			for code, r := range op.Responses.Map() {
				desc := ""
				if r.Value != nil && r.Value.Description != nil {
					desc = *r.Value.Description
				}
				d.Responses = append(d.Responses, strings.TrimSpace(code+" "+desc))
			}
			sort.Strings(d.Responses)
			ops = append(ops, d)
		}
	}
	sort.Slice(ops, func(i, j int) bool {
		if ops[i].Path != ops[j].Path {
			return ops[i].Path < ops[j].Path
		}
		return ops[i].Method < ops[j].Method
	})
	var b bytes.Buffer
	err = docsTemplate.Execute(&b, map[string]any{"Title": doc.Info.Title, "Description": doc.Info.Description, "Ops": ops})
	return b.Bytes(), err
}

// docs godoc
//
//	@Summary	The API description rendered for a person
//	@Tags		operations
//	@Produce	html
//	@Success	200	{string}	string	"an HTML page"
//	@Router		/docs [get]
func (s *Server) docs(w http.ResponseWriter, r *http.Request) error {
	page, err := s.docsPage()
	if err != nil {
		return err
	}
	writeRaw(w, http.StatusOK, "text/html; charset=utf-8", page)
	return nil
}
