package main

import (
	"context"
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

// refereeCommand is the command line that starts a referee game's child:
// this very executable and its hidden subcommand.
func refereeCommand() ([]string, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	return []string{exe, "referee-game"}, nil
}
