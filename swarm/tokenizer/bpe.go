// Package tokenizer holds GPT-2's byte-level BPE (Radford et al., 2019), the
// tokenizer of the GPT-2 family: the same ids as OpenAI's encoder on any
// UTF-8 text, read from Hugging Face's tokenizer.json or from the pair
// vocab.json (encoder.json) + merges.txt (vocab.bpe).
//
// Encoding is in three steps, as OpenAI's: the text is split into words by
// GPT-2's pattern (split, which emulates the pattern's look-ahead, since
// Go's RE2 has none); each word's UTF-8 bytes are mapped to printable runes
// (bytes_to_unicode); the runes are merged pair by pair, the lowest-ranked
// pair first, and each resulting symbol is looked up in the vocabulary.
package tokenizer

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"unicode/utf8"
)

// EndOfText is GPT-2's document separator.
const EndOfText = "<|endoftext|>"

// BPE is a byte-level BPE tokenizer. It is safe for concurrent use.
type BPE struct {
	vocab   map[string]int
	symbols []string // by id
	ranks   map[pair]int
	merges  map[[2]int32]merged // the merges by the ids of their two symbols
	byteIDs [256]int32          // the id of each byte's symbol
	eot     int                 // the id of EndOfText; -1 if the vocabulary lacks it

	mu    sync.Mutex
	cache map[string][]int // word → ids, bounded by maxCache
}

type pair struct{ a, b string }

// merged is a merge's rank and the id of the symbol it makes.
type merged struct{ rank, id int32 }

// maxCache bounds the words whose ids are remembered: text repeats its
// words, and the merges are the bulk of the work.
const maxCache = 1 << 16

// byteRunes maps each byte to the printable rune that stands for it in the
// vocabulary (OpenAI's bytes_to_unicode): printable Latin-1 bytes stand for
// themselves, the others for 256 + their order among them.
var byteRunes = func() (m [256]rune) {
	n := 0
	for b := range 256 {
		if b >= '!' && b <= '~' || b >= 0xA1 && b <= 0xAC || b >= 0xAE && b <= 0xFF {
			m[b] = rune(b)
		} else {
			m[b] = rune(256 + n)
			n++
		}
	}
	return m
}()

// runeBytes inverts byteRunes.
var runeBytes = func() map[rune]byte {
	m := make(map[rune]byte, 256)
	for b, r := range byteRunes {
		m[r] = byte(b)
	}
	return m
}()

// New makes a tokenizer from its vocabulary (symbol → id) and its merges in
// rank order, each two symbols.
func New(vocab map[string]int, merges [][2]string) (*BPE, error) {
	if len(vocab) == 0 {
		return nil, errors.New("tokenizer: empty vocabulary")
	}
	t := &BPE{vocab: vocab, symbols: make([]string, len(vocab)), ranks: make(map[pair]int, len(merges)), eot: -1,
		merges: make(map[[2]int32]merged, len(merges)), cache: map[string][]int{}}
	for s, id := range vocab {
		if id < 0 || id >= len(vocab) {
			return nil, fmt.Errorf("tokenizer: id %d of %q outside 0..%d", id, s, len(vocab)-1)
		}
		if t.symbols[id] != "" {
			return nil, fmt.Errorf("tokenizer: id %d given to %q and %q", id, t.symbols[id], s)
		}
		t.symbols[id] = s
	}
	for b := range 256 {
		id, ok := vocab[string(byteRunes[b])]
		if !ok {
			return nil, fmt.Errorf("tokenizer: the vocabulary lacks the symbol of byte %#02x: not a byte-level BPE", b)
		}
		t.byteIDs[b] = int32(id)
	}
	for i, m := range merges {
		id, ok := vocab[m[0]+m[1]]
		a, okA := vocab[m[0]]
		b, okB := vocab[m[1]]
		if !ok || !okA || !okB {
			return nil, fmt.Errorf("tokenizer: merge %d (%q %q) names or makes a symbol the vocabulary lacks", i+1, m[0], m[1])
		}
		if _, dup := t.ranks[pair{m[0], m[1]}]; !dup {
			t.ranks[pair{m[0], m[1]}] = i
			t.merges[[2]int32{int32(a), int32(b)}] = merged{rank: int32(i), id: int32(id)}
		}
	}
	if id, ok := vocab[EndOfText]; ok {
		t.eot = id
	}
	return t, nil
}

// Load reads a tokenizer from path: a Hugging Face tokenizer.json, or a
// directory holding one, or vocab.json + merges.txt (or OpenAI's names for
// them, encoder.json + vocab.bpe).
func Load(path string) (*BPE, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("tokenizer: %w", err)
	}
	if !fi.IsDir() {
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("tokenizer: %w", err)
		}
		return ParseTokenizerJSON(b)
	}
	if b, err := os.ReadFile(filepath.Join(path, "tokenizer.json")); err == nil {
		return ParseTokenizerJSON(b)
	}
	for _, names := range [][2]string{{"vocab.json", "merges.txt"}, {"encoder.json", "vocab.bpe"}} {
		v, err := os.ReadFile(filepath.Join(path, names[0]))
		if err != nil {
			continue
		}
		m, err := os.Open(filepath.Join(path, names[1]))
		if err != nil {
			return nil, fmt.Errorf("tokenizer: %s without %s: %w", names[0], names[1], err)
		}
		defer m.Close()
		return ParseVocabMerges(v, m)
	}
	return nil, fmt.Errorf("tokenizer: %s holds neither tokenizer.json, vocab.json + merges.txt, nor encoder.json + vocab.bpe", path)
}

// ParseVocabMerges reads the pair vocab.json (a JSON object symbol → id)
// and merges.txt (a "#version" line, then one merge per line: two symbols
// separated by a space).
func ParseVocabMerges(vocabJSON []byte, merges io.Reader) (*BPE, error) {
	var vocab map[string]int
	if err := json.Unmarshal(vocabJSON, &vocab); err != nil {
		return nil, fmt.Errorf("tokenizer: vocab.json: %w", err)
	}
	var list [][2]string
	sc := bufio.NewScanner(merges)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || n == 1 && strings.HasPrefix(line, "#version") {
			continue
		}
		a, b, ok := strings.Cut(line, " ")
		if !ok || a == "" || b == "" || strings.Contains(b, " ") {
			return nil, fmt.Errorf("tokenizer: merges line %d is not two symbols: %q", n, line)
		}
		list = append(list, [2]string{a, b})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("tokenizer: merges: %w", err)
	}
	return New(vocab, list)
}

// ParseTokenizerJSON reads a Hugging Face tokenizer.json of a byte-level
// BPE model (GPT-2's): model.type "BPE", its vocab and merges (as "a b"
// strings or as pairs).
func ParseTokenizerJSON(b []byte) (*BPE, error) {
	var f struct {
		Model struct {
			Type   string            `json:"type"`
			Vocab  map[string]int    `json:"vocab"`
			Merges []json.RawMessage `json:"merges"`
		} `json:"model"`
		PreTokenizer *struct {
			Type string `json:"type"`
		} `json:"pre_tokenizer"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("tokenizer: tokenizer.json: %w", err)
	}
	if f.Model.Type != "BPE" {
		return nil, fmt.Errorf("tokenizer: tokenizer.json holds a %q model, not a byte-level BPE", f.Model.Type)
	}
	if p := f.PreTokenizer; p != nil && p.Type != "ByteLevel" {
		return nil, fmt.Errorf("tokenizer: tokenizer.json pre-tokenizes with %q, not GPT-2's ByteLevel", p.Type)
	}
	merges := make([][2]string, len(f.Model.Merges))
	for i, raw := range f.Model.Merges {
		var s string
		if err := json.Unmarshal(raw, &s); err == nil {
			a, b, ok := strings.Cut(s, " ")
			if !ok {
				return nil, fmt.Errorf("tokenizer: merge %d is not two symbols: %q", i+1, s)
			}
			merges[i] = [2]string{a, b}
			continue
		}
		var p []string
		if err := json.Unmarshal(raw, &p); err != nil || len(p) != 2 {
			return nil, fmt.Errorf("tokenizer: merge %d is neither \"a b\" nor [a, b]: %s", i+1, raw)
		}
		merges[i] = [2]string{p[0], p[1]}
	}
	return New(f.Model.Vocab, merges)
}

// VocabSize is the number of ids.
func (t *BPE) VocabSize() int { return len(t.symbols) }

// EndOfTextID is the id of EndOfText, or -1 if the vocabulary lacks it.
func (t *BPE) EndOfTextID() int { return t.eot }

// Encode returns the ids of text, as OpenAI's encoder gives them: text is
// plain text, and a literal "<|endoftext|>" in it is encoded as text. Bytes
// that are not UTF-8 are kept, each a symbol of its own in the split (see
// split), so that Decode returns the very bytes.
func (t *BPE) Encode(text []byte) []int {
	out := make([]int, 0, len(text)/4) // about 4 bytes a token in English
	for i := 0; i < len(text); {
		n := wordAt(text[i:])
		out = append(out, t.word(text[i:i+n])...)
		i += n
	}
	return out
}

// EncodeDocuments encodes docs one after the other, each followed by the
// end-of-text id: GPT-2's layout of a corpus.
func (t *BPE) EncodeDocuments(docs [][]byte) ([]int, error) {
	if t.eot < 0 {
		return nil, fmt.Errorf("tokenizer: the vocabulary has no %s to separate documents", EndOfText)
	}
	var out []int
	for _, d := range docs {
		out = append(append(out, t.Encode(d)...), t.eot)
	}
	return out, nil
}

// Decode returns the bytes ids stand for; an id outside the vocabulary is
// an error.
func (t *BPE) Decode(ids []int) ([]byte, error) {
	var out []byte
	for _, id := range ids {
		if id < 0 || id >= len(t.symbols) {
			return nil, fmt.Errorf("tokenizer: id %d outside the vocabulary of %d", id, len(t.symbols))
		}
		for _, r := range t.symbols[id] {
			b, ok := runeBytes[r]
			if !ok { // a special token's text, as is
				out = utf8.AppendRune(out, r)
				continue
			}
			out = append(out, b)
		}
	}
	return out, nil
}

// word returns the ids of one word of the split.
func (t *BPE) word(w []byte) []int {
	t.mu.Lock()
	ids, ok := t.cache[string(w)]
	t.mu.Unlock()
	if ok {
		return ids
	}
	syms := make([]int32, len(w))
	for i, b := range w {
		syms[i] = t.byteIDs[b]
	}
	syms = t.merge(syms)
	ids = make([]int, len(syms))
	for i, s := range syms {
		ids[i] = int(s)
	}
	t.mu.Lock()
	if len(t.cache) >= maxCache {
		clear(t.cache)
	}
	t.cache[string(bytes.Clone(w))] = ids
	t.mu.Unlock()
	return ids
}

// merge applies the merges to a word's symbols (their ids), the
// lowest-ranked pair first, every occurrence of it left to right, until no
// pair has a rank: OpenAI's loop, on ids instead of strings.
func (t *BPE) merge(syms []int32) []int32 {
	for len(syms) > 1 {
		best := merged{rank: -1}
		var a, b int32
		for i := 0; i+1 < len(syms); i++ {
			if m, ok := t.merges[[2]int32{syms[i], syms[i+1]}]; ok && (best.rank < 0 || m.rank < best.rank) {
				best, a, b = m, syms[i], syms[i+1]
			}
		}
		if best.rank < 0 {
			break
		}
		out := syms[:0] // in place: the output never outruns the input
		for i := 0; i < len(syms); i++ {
			if i+1 < len(syms) && syms[i] == a && syms[i+1] == b {
				out = append(out, best.id)
				i++
				continue
			}
			out = append(out, syms[i])
		}
		syms = out
	}
	return syms
}
