// Command axl is the one binary of AXL market: the server, the worker, the
// trainer, the buyer's agent, the demo and the development chain.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
)

// command is one subcommand of axl.
type command struct {
	summary string
	run     func(ctx context.Context, env *environment, args []string) error
}

// environment is what a subcommand may touch of the process: its streams
// and its environment variables. Passing it in keeps the subcommands
// testable without global state.
type environment struct {
	stdin  io.Reader // nil reads as empty
	stdout io.Writer
	stderr io.Writer
	// lookupEnv reads an environment variable (os.LookupEnv); nil reads none.
	lookupEnv func(string) (string, bool)
}

// commands lists the subcommands, each implemented in a file of its own.
func commands() map[string]command {
	return map[string]command{
		"demo":     {summary: "the whole loop in one process: chain, PostgreSQL, server, four workers, a buyer (--cheat adds a dishonest worker)", run: runDemo},
		"agent":    {summary: "a buyer's commands: buy (upload, quote, sign, fund, follow, download verified weights), upload, watch, weights, disputes", run: runAgent},
		"deploy":   {summary: "deploy the escrow (and test tokens) on a chain, or adopt one, and write the deployment file that serve reads", run: runDeploy},
		"devnet":   {summary: "run the in-process development chain with the contracts deployed", run: runDevnet},
		"train":    {summary: "fine-tune a GPT-2 model deterministically on a text or JSONL dataset, as bytes or BPE tokens", run: runTrain},
		"model":    {summary: "create (init) or describe (info) a model file", run: runModel},
		"serve":    {summary: "run the marketplace API on embedded PostgreSQL and the dev chain", run: runServe},
		"migrate":  {summary: "apply (up), revert (down) or show (version) the database schema", run: runMigrate},
		"worker":   {summary: "run a swarm worker: claim, stake, train with its peers, deliver", run: runWorker},
		"keys":     {summary: "make a worker's or a buyer's key (new)", run: runKeys},
		"tokenize": {summary: "print the GPT-2 BPE token ids of a text (a file, or standard input)", run: runTokenize},
		"mcp":      {summary: "serve the buyer's tools (upload, quote, buy, wait, download…) over MCP on standard input and output", run: runMCP},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, &environment{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, lookupEnv: os.LookupEnv}, os.Args[1:])
	stop()
	if err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(os.Stderr, "axl: %v\n", err)
		}
		os.Exit(exitCode(err))
	}
}

// usageError marks a command line that could not be understood.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func exitCode(err error) int {
	var u usageError
	if errors.As(err, &u) || errors.Is(err, flag.ErrHelp) {
		return 2
	}
	return 1
}

func run(ctx context.Context, env *environment, args []string) error {
	cmds := commands()
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(env.stderr, cmds)
		if len(args) == 0 {
			return usageError{"no command given"}
		}
		return nil
	}
	c, ok := cmds[args[0]]
	if !ok {
		c, ok = hiddenCommands()[args[0]]
	}
	if !ok {
		return usageError{fmt.Sprintf("unknown command %q (run 'axl help' for the list)", args[0])}
	}
	return c.run(ctx, env, args[1:])
}

func usage(w io.Writer, cmds map[string]command) {
	fmt.Fprintln(w, "usage: axl <command> [flags]")
	fmt.Fprintln(w, "\ncommands:")
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-8s %s\n", n, cmds[n].summary)
	}
}

// newFlagSet returns a flag set for a subcommand that reports errors
// instead of exiting, so that main prints them once, on one line.
func newFlagSet(env *environment, name string) *flag.FlagSet {
	fs := flag.NewFlagSet("axl "+name, flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	return fs
}

// envFlagName is the environment variable that sets a flag of the commands
// that read their flags from the environment too (parseFlagsEnv):
// --chain-rpc is AXL_CHAIN_RPC.
func envFlagName(flag string) string {
	return "AXL_" + strings.ToUpper(strings.ReplaceAll(flag, "-", "_"))
}

// parseFlagsEnv is parseFlags, then every flag that args left unset takes
// the value of its AXL_* environment variable, if set (envFlagName): the
// command line wins over the environment, which wins over the defaults.
func parseFlagsEnv(fs *flag.FlagSet, args []string, env *environment) error {
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if env.lookupEnv == nil {
		return nil
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	var err error
	fs.VisitAll(func(f *flag.Flag) {
		if set[f.Name] || err != nil {
			return
		}
		name := envFlagName(f.Name)
		if v, ok := env.lookupEnv(name); ok {
			if serr := fs.Set(f.Name, v); serr != nil {
				err = usageError{fmt.Sprintf("%s=%q (--%s): %v", name, v, f.Name, serr)}
			}
		}
	})
	return err
}

// parseFlags parses args and refuses stray positional arguments.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("%s: unexpected argument %q", fs.Name(), fs.Arg(0))}
	}
	return nil
}
