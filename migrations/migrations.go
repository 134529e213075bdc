// Package migrations holds the database schema as golang-migrate SQL files,
// embedded so that the binary carries its schema.
package migrations

import "embed"

// FS holds the numbered up/down SQL files.
//
//go:embed *.sql
var FS embed.FS
