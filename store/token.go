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
	// for joined words: the previous word, folded (an array, so that keeping it costs no
	// write barrier)
	prev    [maxSyllable]byte
	prevLen int
}

// each calls fn with every folded token of s in order. tok is only valid during the call.
func (tz *tokenizer) each(s string, fn func(tok string)) { tz.scan(s, fn, nil) }

// scan calls fn with every folded token of s in order and, when join is not nil, join with the
// two folded words of a pair of adjacent words that are one name written as syllables (see
// isSyllable), right after the second word's fn. Tokens are only valid during the call.
func (tz *tokenizer) scan(s string, fn func(tok string), join func(w1, w2 string)) {
	i := 0
	prevEnd, prevOK := -1, false // where the last word ended, and whether it may join the next
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
		orig := w
		switch {
		case !ascii:
			f := data.Fold(w)
			if f == "" {
				prevOK = false
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
		// The cheap tests first: most words are neither capitalised nor short.
		if join == nil || ascii && !upper || len(w) > maxSyllable {
			prevOK = false
			continue
		}
		ok := capitalisedWord(orig, ascii)
		if ok && prevOK && prevEnd+1 == start && (s[prevEnd] == ' ' || s[prevEnd] == '-') {
			if prev := unsafeString(tz.prev[:tz.prevLen]); isSyllable(prev) && isSyllable(w) {
				join(prev, w)
			}
		}
		if prevOK = ok; ok {
			tz.prevLen = copy(tz.prev[:], w)
			prevEnd = i
		}
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

// Joined words. Vietnamese names are written as syllables, "Việt Nam", "Hà Nội", "Đà Nẵng", and
// just as often joined, "Vietnam", "Hanoi", "Danang". So that either spelling finds the other,
// the index also holds two adjacent words joined where they are plausibly one name written as
// syllables: both are capitalised (Hà, HÀ), both are Vietnamese syllables in shape (isSyllable),
// and only a space or a hyphen stands between them. Each pair of a longer name joins too (Hồ Chí
// Minh gives hochi and chiminh). Common English words are rarely both capitalised and of that
// shape, so the rule adds few terms (the README gives the measure).

// joinMark stands between the two words of a joined term in the index: "viet\x01nam" is "Viet
// Nam", found by vietnam. Keeping the split in the term lets a prefix leave out the joined terms
// it finds anyway through their first word (viet finds Viet Nam by viet, so not by viet\x01nam).
// No token has it, as tokens are made of letters and digits.
const joinMark = "\x01"

// joinGap reports whether what stands between two words lets them join: one space or hyphen.
func joinGap(s string) bool { return s == " " || s == "-" }

// capitalised reports whether the word w, as written, starts with a capital and is otherwise all
// small letters or all capitals: Viet, VIET, Việt, not viet, vIet or McKay.
func capitalised(w string) bool {
	first, n := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(first) {
		return false
	}
	lower, upper := false, false
	for _, r := range w[n:] {
		lower = lower || unicode.IsLower(r)
		upper = upper || unicode.IsUpper(r)
	}
	return !(lower && upper)
}

// capitalisedWord is capitalised, byte by byte when the word is ASCII.
func capitalisedWord(w string, ascii bool) bool {
	if ascii {
		return capitalisedASCII(w)
	}
	return capitalised(w)
}

// capitalisedASCII is capitalised for an ASCII word, byte by byte.
func capitalisedASCII(w string) bool {
	if w[0] < 'A' || w[0] > 'Z' {
		return false
	}
	lower, upper := false, false
	for i := 1; i < len(w); i++ {
		c := w[i]
		lower = lower || c >= 'a' && c <= 'z'
		upper = upper || c >= 'A' && c <= 'Z'
	}
	return !(lower && upper)
}

// maxSyllable is the longest Vietnamese syllable, folded (nghieng).
const maxSyllable = 7

// isSyllable reports whether the folded word f has the shape of a Vietnamese syllable: an
// initial consonant (or none), one to three vowels, a final consonant (or none): viet, nam,
// nguyen, quoc, dak. English words seldom do (women, united, nations do not; the, can do).
func isSyllable(f string) bool {
	if len(f) == 0 || len(f) > maxSyllable {
		return false
	}
	// The initials that f may start with, longest first: "gin" is g + in, "gia" gi + a.
	var initials [4]string
	n := 0
	switch c := f[0]; c {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		initials[0], n = "", 1
	case 'n':
		initials, n = [4]string{"ngh", "ng", "nh", "n"}, 4
	case 'c':
		initials, n = [4]string{"ch", "c"}, 2
	case 'g':
		initials, n = [4]string{"gh", "gi", "g"}, 3
	case 'k':
		initials, n = [4]string{"kh", "k"}, 2
	case 'p':
		initials, n = [4]string{"ph", "p"}, 2
	case 't':
		initials, n = [4]string{"th", "tr", "t"}, 3
	case 'q':
		initials, n = [4]string{"qu"}, 1
	case 'b', 'd', 'h', 'l', 'm', 'r', 's', 'v', 'x':
		initials[0], n = f[:1], 1
	default:
		return false
	}
	for _, ini := range initials[:n] {
		if len(ini) > len(f) || f[:len(ini)] != ini {
			continue
		}
		rest := f[len(ini):]
		v := 0
		for v < len(rest) && v < 3 && isVowel(rest[v]) {
			v++
		}
		if v == 0 {
			continue
		}
		switch rest[v:] {
		case "", "c", "k", "m", "n", "p", "t", "ng", "nh", "ch":
			return true
		}
	}
	return false
}

func isVowel(c byte) bool {
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'
}
