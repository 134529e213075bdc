package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/axl-market/axl/swarm/tokenizer"
)

// runTokenize prints the ids GPT-2's byte-level BPE gives a text, space
// separated: axl tokenize --tokenizer FILE_OR_DIR [TEXT_FILE].
func runTokenize(_ context.Context, env *environment, args []string) error {
	fs := newFlagSet(env, "tokenize")
	path := fs.String("tokenizer", "", "a Hugging Face `tokenizer.json`, or a directory with it, vocab.json + merges.txt, or encoder.json + vocab.bpe")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	if *path == "" {
		return usageError{"tokenize: --tokenizer is required"}
	}
	if fs.NArg() > 1 {
		return usageError{fmt.Sprintf("tokenize: want at most one text file, got %d arguments", fs.NArg())}
	}
	tok, err := tokenizer.Load(*path)
	if err != nil {
		return err
	}
	var text []byte
	if fs.NArg() == 1 {
		if text, err = os.ReadFile(fs.Arg(0)); err != nil {
			return fmt.Errorf("tokenize: %w", err)
		}
	} else if env.stdin != nil {
		if text, err = io.ReadAll(env.stdin); err != nil {
			return fmt.Errorf("tokenize: standard input: %w", err)
		}
	}
	w := bufio.NewWriter(env.stdout)
	var b []byte
	for i, id := range tok.Encode(text) {
		if i > 0 {
			b = append(b, ' ')
		}
		b = strconv.AppendInt(b, int64(id), 10)
		if len(b) > 1<<16 {
			w.Write(b)
			b = b[:0]
		}
	}
	w.Write(append(b, '\n'))
	return w.Flush()
}
