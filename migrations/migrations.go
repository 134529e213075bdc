// Package migrations holds the database schema as golang-migrate SQL files,
// embedded so that the binary carries its schema.
package migrations

import (
	"embed"
	"fmt"
)

// FS holds the numbered up/down SQL files.
//
//go:embed *.sql
var FS embed.FS

// Latest is the version of the newest migration: the schema version after
// `axl migrate up`.
func Latest() uint {
	entries, _ := FS.ReadDir(".")
	var latest uint
	for _, e := range entries {
		var v uint
		if _, err := fmt.Sscanf(e.Name(), "%d_", &v); err == nil && v > latest {
			latest = v
		}
	}
	return latest
}
