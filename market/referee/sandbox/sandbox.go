// Package sandbox plays the referee's games in child processes of the
// server, each under a memory limit, a CPU-time limit and a wall-clock
// bound, so that no job (a model that cannot fit, a recomputation that
// does not end) can take the server down with it.
//
// The child is the server's own binary re-executed with a hidden
// subcommand that calls Child. It has no database: the game's questions to
// the workers travel to the parent over the child's stdin and stdout, and
// the parent puts them to the slots with the game input's askers. A child
// that crashes, breaks a limit, overruns its bound or speaks garbage ends
// the game with a *Failure.
package sandbox

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/market/referee"
	"github.com/axl-market/axl/market/tether"
)

// ChildEnv is set to "1" in every child's environment, so that a binary
// can tell that it runs as a game's child (a test binary re-executing
// itself dispatches on it in TestMain).
const ChildEnv = "AXL_REFEREE_CHILD"

// Defaults of Config.
const (
	DefaultMemory = 3 << 30
	DefaultCPU    = 30 * time.Minute
	DefaultWall   = 2 * time.Hour
	// DefaultMaxFrame holds an answer of 64 MiB (the API's bound of the
	// workers' answers) and the frame's question id.
	DefaultMaxFrame = 64<<20 + 64<<10
	DefaultChildren = 2
)

// cpuMarker is the line a child writes on its stderr when its CPU time is
// used up.
const cpuMarker = "referee-game: the CPU time limit is used up"

// MinMemory is the least memory limit a child accepts.
const MinMemory = 64 << 20

// stderrTail bounds what a Failure keeps of the child's stderr.
const stderrTail = 8 << 10

// maxAsks bounds the questions the parent puts to the workers at once for
// one child.
const maxAsks = 16

// exitGrace is how long a child that sent its result has to exit.
const exitGrace = 10 * time.Second

// Config configures a Sandbox.
type Config struct {
	// Command starts a child: a program and its first arguments (the
	// server's own executable and its hidden subcommand), to which the
	// sandbox appends the limits' flags.
	Command []string
	// Env is added to the child's environment (the server's own, and
	// ChildEnv=1).
	Env []string
	// Memory bounds the memory a child may map beyond what the Go runtime
	// reserved when it started, bytes (RLIMIT_AS, counted from the
	// child's address space then); the Go heap's soft limit sits an eighth
	// below it. DefaultMemory if zero.
	Memory int64
	// CPU bounds the CPU time of one game (RLIMIT_CPU, whole seconds: the
	// child is killed a second after it used them). DefaultCPU if zero.
	CPU time.Duration
	// Wall bounds the wall-clock time of one game, the workers' answers
	// included. DefaultWall if zero.
	Wall time.Duration
	// MaxFrame bounds every frame between parent and child, bytes; an
	// answer larger than that reaches the game as the asker's error.
	// DefaultMaxFrame if zero.
	MaxFrame int
	// Children bounds the games played at once (each may take Memory);
	// the others wait their turn before their wall clock starts.
	// DefaultChildren if zero.
	Children int
	// Logger receives the sandbox's records and the child's stderr, line
	// by line.
	Logger *slog.Logger
}

// Sandbox plays games in child processes. Its methods may be called from
// many goroutines: each game has a child of its own.
type Sandbox struct {
	cfg   Config
	log   *slog.Logger
	turns chan struct{} // one token per child running
}

// New returns a sandbox whose children cfg.Command starts.
func New(cfg Config) (*Sandbox, error) {
	if len(cfg.Command) == 0 || cfg.Command[0] == "" {
		return nil, errors.New("referee sandbox: no command to start a child with")
	}
	if cfg.Memory == 0 {
		cfg.Memory = DefaultMemory
	}
	if cfg.CPU == 0 {
		cfg.CPU = DefaultCPU
	}
	if cfg.Wall == 0 {
		cfg.Wall = DefaultWall
	}
	if cfg.MaxFrame == 0 {
		cfg.MaxFrame = DefaultMaxFrame
	}
	if cfg.Children == 0 {
		cfg.Children = DefaultChildren
	}
	switch {
	case cfg.Memory < MinMemory:
		return nil, fmt.Errorf("referee sandbox: a memory limit of %d bytes is below the minimum of %d", cfg.Memory, MinMemory)
	case cfg.CPU < time.Second:
		return nil, fmt.Errorf("referee sandbox: a CPU time limit of %s is below the minimum of 1s", cfg.CPU)
	case cfg.Wall < 0:
		return nil, fmt.Errorf("referee sandbox: a wall-clock bound of %s", cfg.Wall)
	case cfg.MaxFrame < 1<<20:
		return nil, fmt.Errorf("referee sandbox: a frame bound of %d bytes is below the minimum of 1 MiB", cfg.MaxFrame)
	case cfg.Children < 0:
		return nil, fmt.Errorf("referee sandbox: %d children at once", cfg.Children)
	}
	logger := cfg.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Sandbox{cfg: cfg, log: logger.With("component", "referee-sandbox"), turns: make(chan struct{}, cfg.Children)}, nil
}

// Verde returns referee.VerdeGame played in a child.
func (s *Sandbox) Verde() referee.Game { return s.Game(GameVerde, nil) }

// SpotCheck returns referee.SpotCheckGame(k) played in a child.
func (s *Sandbox) SpotCheck(k int) referee.Game { return s.Game(GameSpotCheck, SpotCheckParams{K: k}) }

// Game returns the game the child's Games name, given params (encoded as
// JSON; nil for none). The returned game's error is a *Failure if the
// child failed, wraps ctx.Err() if ctx ended first, and is otherwise the
// game's own (errors.Is finds verde.ErrNoDispute in it, as in process).
func (s *Sandbox) Game(name string, params any) referee.Game {
	return func(ctx context.Context, in referee.GameInput) (json.RawMessage, market.Ruling, error) {
		var p json.RawMessage
		if params != nil {
			b, err := json.Marshal(params)
			if err != nil {
				return nil, market.Ruling{}, fmt.Errorf("referee sandbox: parameters of %s: %w", name, err)
			}
			p = b
		}
		return s.play(ctx, start{Game: name, Params: p, Intent: in.Intent, Dispute: in.Dispute, Reports: in.Reports,
			BaseSize: int64(len(in.Base)), DataSize: int64(len(in.Data)), TokenizerSize: int64(len(in.Tokenizer))}, in)
	}
}

// args is the child's command line.
func (s *Sandbox) args() []string {
	return append(s.cfg.Command[1:len(s.cfg.Command):len(s.cfg.Command)],
		"--memory", strconv.FormatInt(s.cfg.Memory, 10), "--cpu", s.cfg.CPU.String(),
		"--max-frame", strconv.Itoa(s.cfg.MaxFrame))
}

// pipes are the parent's ends of a child's stdin, stdout and stderr, and
// the child's ends until it is started.
type pipes struct {
	stdin, stdout, stderr *os.File // the parent's
	child                 []*os.File
}

func newPipes() (*pipes, error) {
	var p pipes
	ends := make([]*os.File, 0, 6)
	for range 3 {
		r, w, err := os.Pipe()
		if err != nil {
			for _, f := range ends {
				f.Close()
			}
			return nil, err
		}
		ends = append(ends, r, w)
	}
	p.child = []*os.File{ends[0], ends[3], ends[5]}
	p.stdin, p.stdout, p.stderr = ends[1], ends[2], ends[4]
	return &p, nil
}

func (p *pipes) closeChild() {
	for _, f := range p.child {
		f.Close()
	}
	p.child = nil
}

// outcome is what the child's stdout said.
type outcome struct {
	done     bool // a result or the game's error came
	result   result
	gameErr  error
	protocol error // garbage on the stream
}

// play runs one game in a child.
func (s *Sandbox) play(ctx context.Context, st start, in referee.GameInput) (json.RawMessage, market.Ruling, error) {
	if err := ctx.Err(); err != nil {
		return nil, market.Ruling{}, fmt.Errorf("referee sandbox: %w", err)
	}
	head, err := json.Marshal(st)
	if err != nil {
		return nil, market.Ruling{}, fmt.Errorf("referee sandbox: the game's input: %w", err)
	}
	select {
	case s.turns <- struct{}{}:
		defer func() { <-s.turns }()
	case <-ctx.Done():
		return nil, market.Ruling{}, fmt.Errorf("referee sandbox: game stopped before its turn: %w", ctx.Err())
	}
	p, err := newPipes()
	if err != nil {
		return nil, market.Ruling{}, &Failure{Reason: Start, ExitCode: -1, Err: err}
	}
	defer p.stdin.Close()
	defer p.stdout.Close()
	defer p.stderr.Close()
	cmd := exec.Command(s.cfg.Command[0], s.args()...)
	// glibc's malloc reserves 64 MiB of address space per thread arena: a
	// couple are enough for what little C the binary runs.
	cmd.Env = append(append(append(os.Environ(), "MALLOC_ARENA_MAX=2"), s.cfg.Env...), ChildEnv+"=1")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = p.child[0], p.child[1], p.child[2]
	cmd.SysProcAttr = sysProcAttr()
	child, err := tether.Start(cmd, syscall.SIGKILL)
	var exited <-chan struct{}
	if child != nil {
		exited = child.Done()
	}
	p.closeChild()
	if err != nil {
		return nil, market.Ruling{}, &Failure{Reason: Start, ExitCode: -1, Err: err}
	}
	pid := cmd.Process.Pid
	log := s.log.With("game", st.Game, "intent", st.Intent.ID, "dispute", st.Dispute.ID, "pid", pid)
	log.Info("referee game started in a child", "memory_limit", s.cfg.Memory, "cpu_limit", s.cfg.CPU, "wall_limit", s.cfg.Wall)
	began := time.Now()

	gameCtx, stop := context.WithCancel(ctx)
	defer stop()
	errLog := &stderrLog{log: log}
	stderrDone := make(chan struct{})
	go func() { errLog.copy(p.stderr); close(stderrDone) }()

	fw := &frameWriter{w: p.stdin, max: s.cfg.MaxFrame}
	var asks sync.WaitGroup
	readc := make(chan outcome, 1)
	go func() {
		// The child reads its input before it asks anything: the input is
		// written first, then the questions are read and answered.
		werr := fw.write(frameStart, head)
		for _, b := range [][]byte{in.Base, in.Data, in.Tokenizer} {
			if werr == nil {
				werr = fw.raw(b)
			}
		}
		if werr != nil {
			// The child is gone or stopped reading: its exit says why.
			log.Debug("the game's input was not written whole", "err", werr)
		}
		readc <- s.serve(gameCtx, bufio.NewReaderSize(p.stdout, 64<<10), fw, in, &asks, log)
	}()

	var out outcome
	var read, reaped, cancelled, overran bool
	// killChild kills the child unless it is reaped (its pid, and its
	// process group's, may then be another's).
	killChild := func() {
		if !reaped {
			kill(cmd.Process)
		}
	}
	wall := time.NewTimer(s.cfg.Wall)
	defer wall.Stop()
	var grace <-chan time.Time
	done := ctx.Done()
	for !read || !reaped {
		select {
		case out = <-readc:
			read = true
			switch {
			case out.protocol != nil:
				killChild()
			case out.done && !reaped:
				grace = time.After(exitGrace)
			}
		case <-exited:
			reaped, exited = true, nil
			stop() // nobody waits for the questions in flight any more
		case <-done:
			cancelled, done = true, nil
			killChild()
		case <-wall.C:
			overran = !reaped
			killChild()
		case <-grace:
			grace = nil
			log.Warn("the child sent its result but did not exit; killed")
			killChild()
		}
	}
	stop()
	asks.Wait()
	<-stderrDone
	ps := cmd.ProcessState
	cpu := cpuTime(ps)
	log = log.With("took", time.Since(began).Round(time.Millisecond), "cpu", cpu.Round(time.Millisecond), "exit", ps.String())

	switch {
	case cancelled || ctx.Err() != nil:
		log.Info("referee game stopped", "err", ctx.Err())
		return nil, market.Ruling{}, fmt.Errorf("referee sandbox: game stopped: %w", ctx.Err())
	case out.done && out.gameErr != nil:
		log.Info("referee game ended without a ruling", "err", out.gameErr)
		return nil, market.Ruling{}, out.gameErr
	case out.done:
		log.Info("referee game ruled in its child", "guilty_slots", out.result.Ruling.Guilty)
		return out.result.Transcript, out.result.Ruling, nil
	}
	f := &Failure{ExitCode: ps.ExitCode(), Signal: signalOf(ps), Stderr: errLog.tail()}
	switch {
	case overran:
		f.Reason, f.Err = WallClock, fmt.Errorf("the game outlasted %s", s.cfg.Wall)
	case out.protocol != nil:
		f.Reason, f.Err = Protocol, out.protocol
	case errLog.outOfMemory() != "":
		f.Reason = Memory
		f.Err = fmt.Errorf("%d bytes were not enough (%s)", s.cfg.Memory, errLog.outOfMemory())
	case errLog.cpuUsedUp() || f.Signal == syscall.SIGKILL && cpu >= s.cfg.CPU:
		f.Reason, f.Err = CPU, fmt.Errorf("%s of CPU time used up", s.cfg.CPU)
	case f.Signal != 0:
		f.Reason = Killed
	case f.ExitCode != 0:
		f.Reason = Crashed
	default:
		f.Reason, f.Err = Protocol, errors.New("the child exited without a result")
	}
	log.Error("referee game failed", "reason", f.Reason, "err", f)
	return nil, market.Ruling{}, f
}

// serve reads the child's frames, answering its questions, until its
// result, its game's error, the end of its stream or garbage.
func (s *Sandbox) serve(ctx context.Context, r *bufio.Reader, fw *frameWriter, in referee.GameInput, asks *sync.WaitGroup,
	log *slog.Logger) outcome {
	slots := map[uint32]bool{}
	for _, rep := range in.Reports {
		slots[rep.Slot] = true
	}
	limit := func(typ byte) int {
		switch typ {
		case frameAsk, frameError:
			return maxAsk
		case frameCancel:
			return 8
		case frameResult:
			return s.cfg.MaxFrame
		}
		return 0
	}
	var mu sync.Mutex
	cancels := map[uint64]context.CancelFunc{}
	sem := make(chan struct{}, maxAsks)
	for {
		typ, payload, err := readFrame(r, limit)
		switch {
		case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
			return outcome{} // the child ended: its exit says why
		case err != nil:
			return outcome{protocol: err}
		}
		switch typ {
		case frameResult:
			var res result
			if err := json.Unmarshal(payload, &res); err != nil {
				return outcome{protocol: fmt.Errorf("the result: %w", err)}
			}
			if res.Ruling.Guilty == nil || res.Ruling.Reasons == nil {
				return outcome{protocol: errors.New("a result without a ruling")}
			}
			return outcome{done: true, result: res}
		case frameError:
			var ge gameError
			if err := json.Unmarshal(payload, &ge); err != nil || ge.Message == "" {
				return outcome{protocol: fmt.Errorf("the game's error is not one: %q", payload)}
			}
			return outcome{done: true, gameErr: &remoteError{msg: ge.Message, is: sentinels[ge.Is]}}
		case frameCancel:
			id, _, err := splitID(payload)
			if err != nil {
				return outcome{protocol: err}
			}
			mu.Lock()
			if cancel := cancels[id]; cancel != nil {
				cancel()
			}
			mu.Unlock()
		case frameAsk:
			var q ask
			if err := json.Unmarshal(payload, &q); err != nil || q.Kind == "" {
				return outcome{protocol: fmt.Errorf("a question that is not one: %q", truncate(payload, 200))}
			}
			mu.Lock()
			_, dup := cancels[q.ID]
			mu.Unlock()
			if dup {
				return outcome{protocol: fmt.Errorf("question %d asked twice", q.ID)}
			}
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				return outcome{}
			}
			askCtx, cancel := context.WithCancel(ctx)
			mu.Lock()
			cancels[q.ID] = cancel
			mu.Unlock()
			asks.Go(func() {
				defer func() {
					mu.Lock()
					delete(cancels, q.ID)
					mu.Unlock()
					cancel()
					<-sem
				}()
				var ans json.RawMessage
				err := fmt.Errorf("no slot %d in the job", q.Slot)
				if slots[q.Slot] {
					ans, err = in.Asker(q.Slot).AskRaw(askCtx, q.Kind, q.Args)
				}
				if ctx.Err() != nil {
					return // the game is over: the child must not rule on our stopping
				}
				if err == nil && len(ans)+8 > s.cfg.MaxFrame {
					err = fmt.Errorf("an answer of %d bytes exceeds the referee sandbox's bound of %d", len(ans), s.cfg.MaxFrame-8)
				}
				if err != nil {
					err = fw.write(frameRefuse, idBytes(q.ID), truncate([]byte(err.Error()), maxAsk))
				} else {
					err = fw.write(frameAnswer, idBytes(q.ID), ans)
				}
				if err != nil {
					log.Debug("an answer did not reach the child", "question", q.ID, "err", err)
				}
			})
		}
	}
}

// truncate cuts b to at most n bytes.
func truncate(b []byte, n int) []byte {
	if len(b) > n {
		return b[:n]
	}
	return b
}

// stderrLog relays a child's stderr to the log, line by line, keeping its
// first runtime error and its tail for a Failure.
type stderrLog struct {
	log       *slog.Logger
	mu        sync.Mutex
	headlines []string // the first lines of a runtime error or a panic
	last      []string
	size      int
	logged    int
	oom       string // the runtime's line that says it is out of memory
	xcpu      bool
}

// maxLogged bounds the lines of a child's stderr that are logged (a Go
// crash dumps every goroutine).
const maxLogged = 100

// maxLine bounds a line of the child's stderr; the rest is dropped.
const maxLine = 4 << 10

func (l *stderrLog) copy(r io.Reader) {
	br := bufio.NewReaderSize(r, maxLine)
	for {
		line, err := br.ReadSlice('\n')
		long := errors.Is(err, bufio.ErrBufferFull)
		if len(line) > 0 {
			l.add(strings.TrimRight(string(line), "\r\n"))
		}
		for long { // drop the rest of an overlong line
			_, err = br.ReadSlice('\n')
			long = errors.Is(err, bufio.ErrBufferFull)
		}
		if err != nil {
			return
		}
	}
}

func (l *stderrLog) add(line string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	switch l.logged++; {
	case l.logged <= maxLogged:
		l.log.Info("referee child: " + line)
	case l.logged == maxLogged+1:
		l.log.Info("referee child: (the rest of its stderr is not logged)")
	}
	if l.oom == "" && isOutOfMemory(line) {
		l.oom = line
	}
	if line == cpuMarker {
		l.xcpu = true
	}
	if len(l.headlines) < 4 && (strings.HasPrefix(line, "fatal error:") || strings.HasPrefix(line, "panic:") ||
		strings.HasPrefix(line, "runtime:") || strings.HasPrefix(line, "runtime/cgo:")) {
		l.headlines = append(l.headlines, line)
	}
	l.last = append(l.last, line)
	l.size += len(line) + 1
	for l.size > stderrTail && len(l.last) > 1 {
		l.size -= len(l.last[0]) + 1
		l.last = l.last[1:]
	}
}

// isOutOfMemory tells the Go runtime's words for an allocation the
// address-space limit refused (the race detector's runtime, which maps its
// heap at fixed addresses, speaks of collisions).
func isOutOfMemory(line string) bool {
	if !strings.HasPrefix(line, "fatal error:") && !strings.HasPrefix(line, "runtime:") && !strings.HasPrefix(line, "runtime/cgo:") {
		return false
	}
	for _, s := range []string{"out of memory", "cannot allocate memory", "failed to create new OS thread",
		"pthread_create failed", "mmap failed", "too many address space collisions"} {
		if strings.Contains(line, s) {
			return true
		}
	}
	return false
}

func (l *stderrLog) cpuUsedUp() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.xcpu
}

// outOfMemory returns the runtime's words if it ran out of memory.
func (l *stderrLog) outOfMemory() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.oom
}

// tail is the end of the stderr, after the runtime error's first lines if
// they scrolled out of it.
func (l *stderrLog) tail() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	t := strings.Join(l.last, "\n")
	if len(l.headlines) > 0 && !strings.HasPrefix(t, l.headlines[0]) {
		t = strings.Join(l.headlines, "\n") + "\n…\n" + t
	}
	return t
}
