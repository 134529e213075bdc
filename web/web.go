// Package web is the page that watches the market: plain HTML, CSS and
// JavaScript (SVG charts, no framework), embedded in the binary and served
// by Handler. It reads the API's public routes (GET /public/…, GET /jobs,
// GET /intents/{id}/disputes) and, once a buyer signs in with its wallet,
// the buyer's own routes, each request signed in the browser with
// EIP-1193 personal_sign: the server keeps no session.
package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"time"
)

//go:embed assets
var assets embed.FS

// securityPolicy lets the page load its own files and talk to its own
// origin only: no inline script, nothing fetched from elsewhere.
const securityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'"

// file is an embedded asset with its validator.
type file struct {
	body  []byte
	ctype string
	etag  string
}

// Handler serves the page: index.html at / and the files of assets/ under
// /assets/. Each answer carries a strong ETag (the sha256 of the file), so
// a browser revalidates in one round trip and downloads nothing unchanged.
type Handler struct {
	files map[string]file // by request path
}

// New returns the page's handler.
func New() *Handler {
	h := &Handler{files: map[string]file{}}
	err := fs.WalkDir(assets, "assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := assets.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		f := file{body: b, ctype: mime.TypeByExtension(path.Ext(p)), etag: `"` + hex.EncodeToString(sum[:16]) + `"`}
		if p == "assets/index.html" {
			h.files["/"] = f
		} else {
			h.files["/"+p] = f
		}
		return nil
	})
	if err != nil {
		panic(err) // the embedded tree is part of the binary: it always reads
	}
	return h
}

// ServeHTTP implements http.Handler.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f, ok := h.files[r.URL.Path]
	if !ok || r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.NotFound(w, r)
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", f.ctype)
	hd.Set("Cache-Control", "no-cache")
	hd.Set("Content-Security-Policy", securityPolicy)
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Referrer-Policy", "no-referrer")
	hd.Set("X-Frame-Options", "DENY")
	hd.Set("ETag", f.etag)
	// ServeContent answers If-None-Match with 304 and ranges as it should.
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(f.body))
}
