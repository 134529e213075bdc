package tokenizer

import (
	"unicode"
	"unicode/utf8"
)

// split cuts text into the words of GPT-2's pattern,
//
//	's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
//
// taking at each position the first alternative that matches, as the
// regular expression does. The look-ahead of \s+(?!\S) — a run of
// whitespace before a non-space gives up its last character, which then
// leads the next word — is written out, since RE2 has none.
//
// Letters are Unicode's L, numbers N, whitespace White_Space (Go's
// unicode.IsSpace, as Python's regex module; the JavaScript port
// gpt-3-encoder differs on U+0085 and U+FEFF alone). A byte that is not
// UTF-8 counts as a character of its own, neither letter, number nor
// whitespace.
func split(text []byte) [][]byte {
	var out [][]byte
	for i := 0; i < len(text); {
		n := wordAt(text[i:])
		out = append(out, text[i:i+n])
		i += n
	}
	return out
}

// class is what the pattern sees of a character.
type class uint8

const (
	other class = iota
	letter
	number
	space
)

// at returns the class and the width of the character that starts s.
func at(s []byte) (class, int) {
	r, n := utf8.DecodeRune(s)
	switch {
	case r == utf8.RuneError && n <= 1:
		return other, 1
	case unicode.IsLetter(r):
		return letter, n
	case unicode.IsNumber(r):
		return number, n
	case unicode.IsSpace(r):
		return space, n
	}
	return other, n
}

// run returns the length of the run of characters of class c that starts s.
func run(s []byte, c class) int {
	i := 0
	for i < len(s) {
		k, n := at(s[i:])
		if k != c {
			break
		}
		i += n
	}
	return i
}

// contractions are the pattern's first alternatives, after the apostrophe.
var contractions = []string{"s", "t", "re", "ve", "m", "ll", "d"}

// wordAt returns the length of the word that starts s (s is not empty).
func wordAt(s []byte) int {
	if s[0] == '\'' {
		for _, c := range contractions {
			if len(s) > len(c) && string(s[1:1+len(c)]) == c {
				return 1 + len(c)
			}
		}
	}
	// ' ?\p{L}+', ' ?\p{N}+', ' ?[^\s\p{L}\p{N}]+': an optional space, then a
	// run of one class.
	if s[0] == ' ' && len(s) > 1 {
		if k, _ := at(s[1:]); k != space {
			return 1 + run(s[1:], k)
		}
	}
	k, _ := at(s)
	if k != space {
		return run(s, k)
	}
	// '\s+(?!\S)': the whitespace run, less its last character when a
	// non-space follows (and it has two or more); else '\s+'.
	n := run(s, space)
	if n == len(s) {
		return n
	}
	_, w := utf8.DecodeLastRune(s[:n])
	if n > w {
		return n - w
	}
	return n
}
