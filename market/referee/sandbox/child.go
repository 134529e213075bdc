package sandbox

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"

	"github.com/axl-market/axl/market"
	"github.com/axl-market/axl/market/referee"
)

// A Player makes the game a child plays from the parameters its parent
// sent (nil if none).
type Player func(params json.RawMessage) (referee.Game, error)

// Games are the games a child can play, by the name the parent asks for.
type Games map[string]Player

// The names of the built-in games.
const (
	// GameVerde is referee.VerdeGame, the dispute between two slots.
	GameVerde = "verde"
	// GameSpotCheck is referee.SpotCheckGame, with the parameters
	// SpotCheckParams.
	GameSpotCheck = "spot-check"
)

// SpotCheckParams are the parameters of GameSpotCheck.
type SpotCheckParams struct {
	K int `json:"k"` // inner steps recomputed
}

// Builtin returns the referee's games: GameVerde and GameSpotCheck.
func Builtin() Games {
	return Games{
		GameVerde: func(json.RawMessage) (referee.Game, error) { return referee.VerdeGame, nil },
		GameSpotCheck: func(params json.RawMessage) (referee.Game, error) {
			var p SpotCheckParams
			if err := json.Unmarshal(params, &p); err != nil {
				return nil, fmt.Errorf("spot check parameters: %w", err)
			}
			if p.K < 1 {
				return nil, fmt.Errorf("a spot check of %d steps", p.K)
			}
			return referee.SpotCheckGame(p.K), nil
		},
	}
}

// start is the first frame: the game and its input, but for the base
// model and the dataset, whose bytes follow it.
type start struct {
	Game     string              `json:"game"`
	Params   json.RawMessage     `json:"params,omitempty"`
	Intent   market.Intent       `json:"intent"`
	Dispute  market.Dispute      `json:"dispute"`
	Reports  []market.SlotReport `json:"reports"`
	BaseSize int64               `json:"base_size"`
	DataSize int64               `json:"data_size"`
	// TokenizerSize is 0 for a job without a tokenizer.
	TokenizerSize int64 `json:"tokenizer_size,omitempty"`
}

// ask is a question of the game, for the parent to put to a slot.
type ask struct {
	ID   uint64          `json:"id"`
	Slot uint32          `json:"slot"`
	Kind string          `json:"kind"`
	Args json.RawMessage `json:"args"`
}

// result is the game's end: its transcript and ruling.
type result struct {
	Transcript json.RawMessage `json:"transcript"`
	Ruling     market.Ruling   `json:"ruling"`
}

// Child plays one game as the child process of a Sandbox; the server's
// hidden subcommand calls it. args is its command line (the limits the
// parent passes), stdin and stdout carry the protocol, and stderr its log,
// which the parent relays to its own. Child sets its limits before it
// reads anything. It returns nil once it sent the game's result or the
// game's own error; an error means the protocol broke (the parent sees a
// crash).
func Child(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, games Games) error {
	fs := flag.NewFlagSet("referee-game", flag.ContinueOnError)
	fs.SetOutput(stderr)
	memory := fs.Int64("memory", DefaultMemory, "the address space of this process, bytes")
	cpu := fs.Duration("cpu", DefaultCPU, "CPU time of this process")
	maxFrame := fs.Int("max-frame", DefaultMaxFrame, "the largest frame of the protocol, bytes")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("referee-game: unexpected argument %q", fs.Arg(0))
	}
	if err := setLimits(*memory, *cpu, stderr); err != nil {
		return fmt.Errorf("referee-game: limits: %w", err)
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))

	in := bufio.NewReaderSize(stdin, 64<<10)
	s, err := readStart(in, *maxFrame)
	if err != nil {
		return fmt.Errorf("referee-game: %w", err)
	}
	play, ok := games[s.Game]
	if !ok {
		return fmt.Errorf("referee-game: no game %q", s.Game)
	}
	game, err := play(s.Params)
	if err != nil {
		return fmt.Errorf("referee-game: %s: %w", s.Game, err)
	}
	base, err := readBlob(in, s.BaseSize, "base model")
	if err != nil {
		return err
	}
	data, err := readBlob(in, s.DataSize, "dataset")
	if err != nil {
		return err
	}
	var tok []byte
	if s.TokenizerSize > 0 {
		if tok, err = readBlob(in, s.TokenizerSize, "tokenizer"); err != nil {
			return err
		}
	}

	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	p := &parent{out: &frameWriter{w: stdout, max: *maxFrame}, waiting: map[uint64]chan reply{}}
	go func() { cancel(p.read(in, *maxFrame)) }()

	started := time.Now()
	log.Info("referee-game: playing", "game", s.Game, "intent", s.Intent.ID, "dispute", s.Dispute.ID,
		"slots", s.Dispute.Slots, "base_bytes", len(base), "data_bytes", len(data))
	transcript, ruling, err := game(ctx, referee.GameInput{Intent: s.Intent, Dispute: s.Dispute, Reports: s.Reports,
		Base: base, Data: data, Tokenizer: tok, Asker: func(slot uint32) *referee.SlotAsker {
			return &referee.SlotAsker{Store: p, Clock: market.SystemClock{}, JobID: s.Intent.ID, Slot: slot, Timeout: 365 * 24 * time.Hour}
		}})
	if cause := context.Cause(ctx); err != nil && cause != nil && !errors.Is(cause, context.Canceled) {
		return fmt.Errorf("referee-game: %w", cause) // the parent is gone or spoke garbage
	}
	if err != nil {
		log.Info("referee-game: no ruling", "err", err, "took", time.Since(started).Round(time.Millisecond))
		b, merr := json.Marshal(reportError(err))
		if merr != nil {
			return merr
		}
		return p.out.write(frameError, b)
	}
	b, err := json.Marshal(result{Transcript: transcript, Ruling: ruling})
	if err != nil {
		return fmt.Errorf("referee-game: result: %w", err)
	}
	log.Info("referee-game: ruled", "guilty_slots", ruling.Guilty, "took", time.Since(started).Round(time.Millisecond))
	if err := p.out.write(frameResult, b); err != nil {
		return fmt.Errorf("referee-game: result: %w", err)
	}
	return nil
}

// readStart reads the start frame.
func readStart(r *bufio.Reader, maxFrame int) (start, error) {
	var s start
	_, p, err := readFrame(r, func(typ byte) int {
		if typ == frameStart {
			return maxFrame
		}
		return 0
	})
	if err != nil {
		return s, fmt.Errorf("start: %w", err)
	}
	if err := json.Unmarshal(p, &s); err != nil {
		return s, fmt.Errorf("start: %w", err)
	}
	if s.BaseSize < 0 || s.DataSize < 0 || s.TokenizerSize < 0 {
		return s, fmt.Errorf("start: sizes %d, %d and %d", s.BaseSize, s.DataSize, s.TokenizerSize)
	}
	return s, nil
}

// readBlob reads the n bytes of what that follow the start frame; they
// count against the child's memory like any other.
func readBlob(r io.Reader, n int64, what string) ([]byte, error) {
	b := make([]byte, n)
	if _, err := io.ReadFull(r, b); err != nil {
		return nil, fmt.Errorf("referee-game: the %s's %d bytes: %w", what, n, unexpectedEOF(err))
	}
	return b, nil
}

// reply is the parent's word on one question.
type reply struct {
	answer json.RawMessage
	err    error
}

// parent is the child's view of its parent: the store of challenges the
// game's askers put their questions to. Each question is answered at once
// (the parent waits for the worker), so an asker never polls.
type parent struct {
	out     *frameWriter
	mu      sync.Mutex
	next    uint64
	waiting map[uint64]chan reply
	gone    error // why no more answers come
}

// Ask sends the question to the parent and waits for its answer.
func (p *parent) Ask(ctx context.Context, c market.Challenge) (market.Challenge, error) {
	ch := make(chan reply, 1)
	p.mu.Lock()
	if p.gone != nil {
		p.mu.Unlock()
		return c, p.gone
	}
	p.next++
	id := p.next
	p.waiting[id] = ch
	p.mu.Unlock()
	forget := func() {
		p.mu.Lock()
		delete(p.waiting, id)
		p.mu.Unlock()
	}
	b, err := json.Marshal(ask{ID: id, Slot: c.Slot, Kind: c.Kind, Args: c.Args})
	if err == nil {
		err = p.out.write(frameAsk, b)
	}
	if err != nil {
		forget()
		return c, err
	}
	select {
	case r := <-ch:
		if r.err != nil {
			return c, r.err
		}
		c.ID, c.Answer = int64(id), r.answer
		return c, nil
	case <-ctx.Done():
		forget()
		_ = p.out.write(frameCancel, idBytes(id)) // the parent may stop waiting for the worker
		return c, ctx.Err()
	}
}

// Challenge is never needed: Ask returns the answer.
func (p *parent) Challenge(context.Context, int64) (market.Challenge, error) {
	return market.Challenge{}, errors.New("referee-game: a question without its answer")
}

// read delivers the parent's answers until its stream ends, and returns
// why it ended.
func (p *parent) read(r *bufio.Reader, maxFrame int) error {
	limit := func(typ byte) int {
		if typ == frameAnswer || typ == frameRefuse {
			return maxFrame
		}
		return 0
	}
	var err error
	for {
		var typ byte
		var payload []byte
		if typ, payload, err = readFrame(r, limit); err != nil {
			break
		}
		var id uint64
		var rest []byte
		if id, rest, err = splitID(payload); err != nil {
			break
		}
		rep := reply{answer: json.RawMessage(rest)}
		if typ == frameRefuse {
			rep = reply{err: errors.New(string(rest))}
		}
		p.mu.Lock()
		ch := p.waiting[id]
		delete(p.waiting, id)
		p.mu.Unlock()
		if ch != nil {
			ch <- rep
		}
	}
	if errors.Is(err, io.EOF) {
		err = errors.New("the parent closed the stream")
	}
	err = fmt.Errorf("no answer from the parent: %w", err)
	p.mu.Lock()
	defer p.mu.Unlock()
	p.gone = err
	for id, ch := range p.waiting {
		ch <- reply{err: err}
		delete(p.waiting, id)
	}
	return err
}
