package sandbox

import (
	"errors"
	"fmt"
	"strings"
	"syscall"

	"github.com/axl-market/axl/swarm/verde"
)

// Reason says why a child ended without a ruling.
type Reason string

// The reasons of a Failure.
const (
	// Memory: the child ran out of the memory it was allowed.
	Memory Reason = "memory limit"
	// CPU: the child used up its CPU time.
	CPU Reason = "CPU time limit"
	// WallClock: the game outlasted its wall-clock bound and was killed.
	WallClock Reason = "wall-clock limit"
	// Killed: a signal from outside the sandbox ended the child.
	Killed Reason = "killed"
	// Crashed: the child exited with an error (a panic, a runtime fatal
	// error, a command line it refused).
	Crashed Reason = "crashed"
	// Protocol: the child wrote what is no frame of the protocol, a frame
	// beyond its bound, or exited without a result.
	Protocol Reason = "protocol violation"
	// Start: the child could not be started.
	Start Reason = "not started"
)

// Failure is the error of a game whose child ended without a ruling: it
// crashed, broke a limit, overran its wall-clock bound or wrote garbage.
// It is not the game's own error (the child played and could not rule),
// nor the caller's context ending (the error wraps ctx.Err() then). The
// same job fails the same way again: the caller should count failures
// rather than retry without bound.
type Failure struct {
	Reason Reason
	// ExitCode is the child's exit status, -1 if a signal ended it or it
	// never ran.
	ExitCode int
	// Signal is the signal that ended the child, 0 if none did.
	Signal syscall.Signal
	// Stderr is the end of what the child wrote on its standard error.
	Stderr string
	// Err is the underlying cause, if any: the protocol error, the error
	// of the start.
	Err error
}

func (f *Failure) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "referee sandbox: the game's child process failed (%s", f.Reason)
	switch {
	case f.Signal != 0:
		fmt.Fprintf(&b, ", signal %s", f.Signal)
	case f.ExitCode >= 0:
		fmt.Fprintf(&b, ", exit status %d", f.ExitCode)
	}
	b.WriteString(")")
	if f.Err != nil {
		fmt.Fprintf(&b, ": %v", f.Err)
	}
	if g := gist(f.Stderr); g != "" {
		fmt.Fprintf(&b, "; it said %q", g)
	}
	return b.String()
}

// Unwrap returns the underlying cause.
func (f *Failure) Unwrap() error { return f.Err }

// gist is the line of a child's stderr that says most: its runtime error
// or panic, or else its last line.
func gist(stderr string) string {
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	for _, prefix := range []string{"panic:", "fatal error:"} {
		for _, l := range lines {
			if strings.HasPrefix(l, prefix) {
				return l
			}
		}
	}
	return strings.TrimSpace(lines[len(lines)-1])
}

// gameError is a game's own error as the child reports it: its message,
// and the name of the sentinel it wraps, if any.
type gameError struct {
	Message string `json:"message"`
	Is      string `json:"is,omitempty"`
}

// sentinels are the errors of the games that callers may test for with
// errors.Is, by the name they cross the process boundary under.
var sentinels = map[string]error{
	"verde.ErrNoDispute":       verde.ErrNoDispute,
	"verde.ErrNeedsCheckpoint": verde.ErrNeedsCheckpoint,
}

// reportError is what the child sends of its game's error.
func reportError(err error) gameError {
	ge := gameError{Message: err.Error()}
	for name, s := range sentinels {
		if errors.Is(err, s) {
			ge.Is = name
		}
	}
	return ge
}

// remoteError is a game's own error, played in a child: its message is
// the game's, and errors.Is finds the sentinels the game's error wrapped.
type remoteError struct {
	msg string
	is  error
}

func (e *remoteError) Error() string { return e.msg }
func (e *remoteError) Unwrap() error { return e.is }
