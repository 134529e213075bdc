// Package postgres implements market.Store on PostgreSQL with pgx/v5, and
// applies the schema of package migrations with golang-migrate.
package postgres

import (
	"errors"
	"fmt"
	"net/url"

	"github.com/golang-migrate/migrate/v4"
	_ "github.com/golang-migrate/migrate/v4/database/pgx/v5" // the pgx5:// driver
	"github.com/golang-migrate/migrate/v4/source/iofs"

	"github.com/axl-market/axl/migrations"
)

func newMigrate(databaseURL string) (*migrate.Migrate, error) {
	u, err := url.Parse(databaseURL)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return nil, fmt.Errorf("database URL must be postgres://…")
	}
	u.Scheme = "pgx5"
	src, err := iofs.New(migrations.FS, ".")
	if err != nil {
		return nil, err
	}
	return migrate.NewWithSourceInstance("iofs", src, u.String())
}

func closeMigrate(m *migrate.Migrate, err error) error {
	serr, derr := m.Close()
	return errors.Join(err, serr, derr)
}

// MigrateUp applies every pending migration. It is safe to run from many
// instances at once: golang-migrate holds an advisory lock.
func MigrateUp(databaseURL string) error {
	m, err := newMigrate(databaseURL)
	if err != nil {
		return err
	}
	if err := m.Up(); err != nil && !errors.Is(err, migrate.ErrNoChange) {
		return closeMigrate(m, fmt.Errorf("migrate up: %w", err))
	}
	return closeMigrate(m, nil)
}

// MigrateDown reverts the last applied migration.
func MigrateDown(databaseURL string) error {
	m, err := newMigrate(databaseURL)
	if err != nil {
		return err
	}
	if err := m.Steps(-1); err != nil {
		return closeMigrate(m, fmt.Errorf("migrate down: %w", err))
	}
	return closeMigrate(m, nil)
}

// MigrateVersion returns the applied schema version (0 when none) and
// whether a failed migration left it dirty.
func MigrateVersion(databaseURL string) (uint, bool, error) {
	m, err := newMigrate(databaseURL)
	if err != nil {
		return 0, false, err
	}
	v, dirty, err := m.Version()
	if errors.Is(err, migrate.ErrNilVersion) {
		return 0, false, closeMigrate(m, nil)
	}
	return v, dirty, closeMigrate(m, err)
}
