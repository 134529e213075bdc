package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"

	"github.com/axl-market/axl/market/referee/sandbox"
)

// hiddenCommands are subcommands that axl runs but does not list: the
// server starts them itself.
func hiddenCommands() map[string]command {
	return map[string]command{
		"referee-game": {summary: "play one referee game as the child of axl serve (see market/referee/sandbox)", run: runRefereeGame},
	}
}

// runRefereeGame plays one game for the server that started this process:
// the protocol on stdin and stdout, the log on stderr.
func runRefereeGame(ctx context.Context, env *environment, args []string) error {
	return sandbox.Child(ctx, args, os.Stdin, env.stdout, env.stderr, sandbox.Builtin())
}

// refereeSandbox returns the sandbox the referee plays its games in: this
// very executable re-executed as axl referee-game, under the limits of
// --referee-memory, --referee-cpu and --referee-wall.
func (c serveConfig) refereeSandbox(logger *slog.Logger) (*sandbox.Sandbox, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("the referee's sandbox: %w", err)
	}
	sb, err := sandbox.New(sandbox.Config{Command: []string{exe, "referee-game"}, Memory: c.refereeMemory,
		CPU: c.refereeCPU, Wall: c.refereeWall, Logger: logger})
	if err != nil {
		return nil, usageError{fmt.Sprintf("--referee-memory, --referee-cpu, --referee-wall: %v", err)}
	}
	return sb, nil
}
