package web_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/axl-market/axl/web"
)

// TestHandler serves the page and its files with their types, a policy
// that loads nothing from elsewhere, revalidation by ETag, and nothing
// else; the files of the first view stay well within 300 KB.
func TestHandler(t *testing.T) {
	h := web.New()
	total := 0
	tests := []struct {
		method, path string
		status       int
		ctype        string
	}{
		{"GET", "/", 200, "text/html; charset=utf-8"},
		{"GET", "/assets/app.js", 200, "text/javascript; charset=utf-8"},
		{"GET", "/assets/style.css", 200, "text/css; charset=utf-8"},
		{"HEAD", "/", 200, "text/html; charset=utf-8"},
		{"GET", "/assets/index.html", 404, ""},
		{"GET", "/assets/../web.go", 404, ""},
		{"GET", "/assets/", 404, ""},
		{"POST", "/", 404, ""},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(tt.method, tt.path, nil))
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d", rec.Code, tt.status)
			}
			if tt.status != 200 {
				return
			}
			if got := rec.Header().Get("Content-Type"); got != tt.ctype {
				t.Errorf("Content-Type %q, want %q", got, tt.ctype)
			}
			if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") || strings.Contains(csp, "unsafe") {
				t.Errorf("Content-Security-Policy %q", csp)
			}
			etag := rec.Header().Get("ETag")
			again := httptest.NewRequest("GET", tt.path, nil)
			again.Header.Set("If-None-Match", etag)
			rec2 := httptest.NewRecorder()
			h.ServeHTTP(rec2, again)
			if etag == "" || rec2.Code != http.StatusNotModified || rec2.Body.Len() != 0 {
				t.Errorf("revalidation with ETag %q: %d, %d bytes", etag, rec2.Code, rec2.Body.Len())
			}
			if tt.method == "GET" {
				total += rec.Body.Len()
			}
		})
	}
	if total == 0 || total > 300<<10 {
		t.Fatalf("the page's files are %d bytes", total)
	}
	t.Logf("page files: %d bytes", total)
}

// TestScriptParsesNoHTML: what the page shows comes from the API and the
// chain (revert reasons, rulings, addresses), so the script builds every
// node as text; none of these would parse a string as markup or code.
func TestScriptParsesNoHTML(t *testing.T) {
	rec := httptest.NewRecorder()
	web.New().ServeHTTP(rec, httptest.NewRequest("GET", "/assets/app.js", nil))
	for _, sink := range []string{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function", "setTimeout('", "srcdoc"} {
		if strings.Contains(rec.Body.String(), sink) {
			t.Errorf("app.js uses %s", sink)
		}
	}
}
