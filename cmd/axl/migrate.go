package main

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/axl-market/axl/market/postgres"
)

// runMigrate applies or reverts the schema: axl migrate up|down|version.
func runMigrate(ctx context.Context, env *environment, args []string) error {
	return oneLine(migrateCmd(ctx, env, args))
}

func migrateCmd(ctx context.Context, env *environment, args []string) error {
	if len(args) == 0 || (args[0] != "up" && args[0] != "down" && args[0] != "version") {
		return usageError{"usage: axl migrate up|down|version [--database-url URL] [--data-dir DIR]"}
	}
	action := args[0]
	fs := newFlagSet(env, "migrate "+action)
	dataDir := fs.String("data-dir", ".axl", "data dir of the embedded PostgreSQL cluster")
	databaseURL := fs.String("database-url", "", "postgres://… URL instead of the embedded cluster")
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	logger := slog.New(slog.NewTextHandler(env.stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	if *databaseURL == "" {
		if err := prepareDataDir(*dataDir); err != nil {
			return err
		}
	}
	url, stop, err := openDatabase(ctx, *dataDir, *databaseURL, logger)
	if err != nil {
		return err
	}
	defer stop()
	switch action {
	case "up":
		err = postgres.MigrateUp(url)
	case "down":
		err = postgres.MigrateDown(url)
	}
	if err != nil {
		return err
	}
	v, dirty, err := postgres.MigrateVersion(url)
	if err != nil {
		return err
	}
	if dirty {
		fmt.Fprintf(env.stdout, "%d (dirty: a migration failed half-way; fix it, then force the version)\n", v)
		return nil
	}
	fmt.Fprintln(env.stdout, v)
	return nil
}
