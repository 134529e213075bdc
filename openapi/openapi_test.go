package openapi_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/swaggo/swag"
	"github.com/swaggo/swag/gen"

	"github.com/axl-market/axl/openapi"
)

// TestSpecIsFresh fails when the committed documents differ from a fresh
// generation: run `go generate ./openapi` after changing package api.
func TestSpecIsFresh(t *testing.T) {
	dir := t.TempDir()
	// The same settings as the go:generate line in openapi.go.
	err := gen.New().Build(&gen.Config{
		SearchDir: "../api", MainAPIFile: "api.go", OutputDir: dir, OutputTypes: []string{"json"},
		PropNamingStrategy: swag.CamelCase, ParseDepth: 1, ParseGoList: true, LeftTemplateDelim: "{{", RightTemplateDelim: "}}",
		CollectionFormat: "csv", OverridesFile: gen.DefaultOverridesFile, Debugger: quiet{},
	})
	if err != nil {
		t.Fatal(err)
	}
	fresh, err := os.ReadFile(filepath.Join(dir, "swagger.json"))
	if err != nil {
		t.Fatal(err)
	}
	committed, err := os.ReadFile("swagger.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(fresh, committed) {
		t.Fatal("openapi/swagger.json is stale: run `go generate ./openapi`")
	}
	v3, err := openapi.Convert(committed)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(v3, openapi.OpenAPI3) {
		t.Fatal("openapi/openapi.json is stale: run `go generate ./openapi`")
	}
}

type quiet struct{}

func (quiet) Printf(string, ...any) {}
