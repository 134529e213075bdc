// Command convert writes openapi/openapi.json, the OpenAPI 3 document
// derived from openapi/swagger.json. Run it through go generate ./openapi.
package main

import (
	"fmt"
	"os"

	"github.com/axl-market/axl/openapi"
)

func main() {
	in, err := os.ReadFile("swagger.json")
	if err == nil {
		var out []byte
		if out, err = openapi.Convert(in); err == nil {
			err = os.WriteFile("openapi.json", out, 0o644)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "convert:", err)
		os.Exit(1)
	}
}
