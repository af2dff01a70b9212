package store

import (
	"unicode"
	"unicode/utf8"
	"unsafe"

	"unvn/data"
)

// isWordRune says whether r belongs to a word. Marks count so that a decomposed "a" + grave
// stays one word until data.Fold strips the mark.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// asciiWord marks the ASCII bytes that are word characters.
var asciiWord = func() (t [128]bool) {
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = true, true
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	return t
}()

// maxToken caps indexed tokens: longer runs are glued URLs or garbage, and a cap keeps the
// dictionary from filling with them.
const maxToken = 48

// tokenizer splits text into folded word tokens. Words are found in the original text and each
// word is folded on its own: the ASCII majority is lower-cased in a scratch buffer without
// allocating, and only words with other letters go through data.Fold. That gives the same tokens
// as folding the whole text first (TestTokensMatchFoldedText) at a fraction of the cost.
type tokenizer struct {
	buf []byte
}

// each calls fn with every folded token of s in order. tok is only valid during the call.
func (tz *tokenizer) each(s string, fn func(tok string)) {
	i := 0
	for i < len(s) {
		// skip to a word start
		c := s[i]
		if c < utf8.RuneSelf {
			if !asciiWord[c] {
				i++
				continue
			}
		} else {
			r, n := utf8.DecodeRuneInString(s[i:])
			if !isWordRune(r) {
				i += n
				continue
			}
		}
		start, ascii, upper := i, true, false
		for i < len(s) {
			c := s[i]
			if c < utf8.RuneSelf {
				if !asciiWord[c] {
					break
				}
				if c >= 'A' && c <= 'Z' {
					upper = true
				}
				i++
				continue
			}
			r, n := utf8.DecodeRuneInString(s[i:])
			if !isWordRune(r) {
				break
			}
			ascii = false
			i += n
		}
		w := s[start:i]
		switch {
		case !ascii:
			f := data.Fold(w)
			if f == "" {
				continue
			}
			// Folding may leave several words (a letter that folds to a separator is
			// unheard of, but stay safe) — emit the folded word as it is.
			w = f
		case upper:
			tz.buf = append(tz.buf[:0], w...)
			for j, c := range tz.buf {
				if c >= 'A' && c <= 'Z' {
					tz.buf[j] = c + 'a' - 'A'
				}
			}
			w = unsafeString(tz.buf)
		}
		if len(w) > maxToken {
			w = w[:maxToken]
			for len(w) > 0 && !utf8.ValidString(w) {
				w = w[:len(w)-1]
			}
		}
		fn(w)
	}
}

// tokens returns the folded tokens of s as fresh strings.
func tokens(s string) []string {
	var tz tokenizer
	var out []string
	tz.each(s, func(t string) { out = append(out, string([]byte(t))) })
	return out
}

// unsafeString views b as a string without copying. The tokenizer hands such views to callbacks
// that only look them up in maps or copy them; none outlives the next token.
func unsafeString(b []byte) string {
	return unsafe.String(unsafe.SliceData(b), len(b))
}
