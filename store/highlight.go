package store

import (
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"

	"unvn/data"
)

// Highlight returns the byte ranges of text, in order and not overlapping, where one of the
// folded terms matches at the start of a word — "pom" marks "Pom" in "Pomelos", "dang" marks
// "Đặng". Ranges are in the original text, whose bytes folding does not preserve (Đ is two bytes,
// d one), and never split a letter from its combining marks.
func Highlight(text string, terms []string) [][2]int {
	var out [][2]int
	eachMatch(text, terms, func(start, end, _ int) {
		if n := len(out); n > 0 && start <= out[n-1][1] {
			out[n-1][1] = max(out[n-1][1], end)
			return
		}
		out = append(out, [2]int{start, end})
	})
	return out
}

// eachMatch calls fn for every word of text that starts with one of terms (the longest such
// term), with the matched byte range and the term's index.
func eachMatch(text string, terms []string, fn func(start, end, term int)) {
	if len(terms) == 0 {
		return
	}
	var folded []byte
	var ends []int // ends[i]: offset in the word just past the rune that gave folded[i]
	i := 0
	for i < len(text) {
		if c := text[i]; c < utf8.RuneSelf {
			if !asciiWord[c] {
				i++
				continue
			}
		} else if r, n := utf8.DecodeRuneInString(text[i:]); !isWordRune(r) {
			i += n
			continue
		}
		start, ascii := i, true
		for i < len(text) {
			if c := text[i]; c < utf8.RuneSelf {
				if !asciiWord[c] {
					break
				}
				i++
				continue
			}
			r, n := utf8.DecodeRuneInString(text[i:])
			if !isWordRune(r) {
				break
			}
			ascii = false
			i += n
		}
		word := text[start:i]
		best, bestLen := -1, 0
		if ascii {
			for k, t := range terms {
				if len(t) > bestLen && len(t) <= len(word) && strings.EqualFold(word[:len(t)], t) {
					best, bestLen = k, len(t)
				}
			}
			if best >= 0 {
				fn(start, start+bestLen, best)
			}
			continue
		}
		folded, ends = folded[:0], ends[:0]
		for j, r := range word {
			f := data.Fold(string(r))
			folded = append(folded, f...)
			for range len(f) {
				ends = append(ends, j+utf8.RuneLen(r))
			}
		}
		for k, t := range terms {
			if len(t) > bestLen && len(t) <= len(folded) && string(folded[:len(t)]) == t {
				best, bestLen = k, len(t)
			}
		}
		if best < 0 {
			continue
		}
		end := ends[bestLen-1]
		for end < len(word) { // keep trailing combining marks with their letter
			r, n := utf8.DecodeRuneInString(word[end:])
			if !unicode.Is(unicode.Mn, r) {
				break
			}
			end += n
		}
		fn(start, start+end, best)
	}
}

// snippetLen is the length of a snippet in bytes, about two lines of a list.
const snippetLen = 180

// Snippet returns a short piece of the article's summary or body around its best match for
// terms: from the first piece of text that has the most of them, cut at word boundaries, with
// "…" where it was cut. Without a match it is the start of the summary.
func Snippet(a *data.Article, terms []string) string {
	if len(terms) == 0 {
		return clip(a.Summary, snippetLen)
	}
	bestText, bestN, bestAt := "", 0, 0
	try := func(s string) bool {
		if bits.OnesCount64(mayMatch(s, terms)) <= bestN {
			return false // cannot beat the best so far, so need not be read word by word
		}
		var seen uint64
		at := -1
		eachMatch(s, terms, func(start, _, term int) {
			seen |= 1 << (term % 64)
			if at < 0 {
				at = start
			}
		})
		n := 0
		for ; seen != 0; seen &= seen - 1 {
			n++
		}
		if n > bestN {
			bestText, bestN, bestAt = s, n, at
		}
		return n >= min(len(terms), 64)
	}
	done := try(a.Summary)
	for _, b := range a.Blocks {
		if done {
			break
		}
		if done = try(b.Text); done {
			break
		}
		for _, it := range b.Items {
			if done = try(it); done {
				break
			}
		}
	}
	if bestN == 0 {
		return clip(a.Summary, snippetLen)
	}
	return window(bestText, bestAt, snippetLen)
}

// mayMatch returns a superset of the bits (term%64) of the terms that eachMatch could find in s,
// quickly: when no word of s has a letter beyond ASCII, an ASCII term can only match where s has
// it as a substring, ignoring case, and finding that is a fast byte search. Anything else may
// match.
func mayMatch(s string, terms []string) uint64 {
	var mask uint64
	wide := hasWideLetter(s)
	for k, t := range terms {
		if t == "" {
			continue // matches nothing
		}
		if wide || !isASCII(t) || containsFoldASCII(s, t) {
			mask |= 1 << (k % 64)
		}
	}
	return mask
}

// hasWideLetter reports whether s has a word rune beyond ASCII.
func hasWideLetter(s string) bool {
	i := 0
	for i < len(s) {
		// eight ASCII bytes at a time
		if i+8 <= len(s) && (s[i]|s[i+1]|s[i+2]|s[i+3]|s[i+4]|s[i+5]|s[i+6]|s[i+7]) < utf8.RuneSelf {
			i += 8
			continue
		}
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if isWordRune(r) {
			return true
		}
		i += n
	}
	return false
}

func isASCII(s string) bool {
	for i := range len(s) {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// containsFoldASCII reports whether s contains the ASCII string t, ignoring ASCII case.
func containsFoldASCII(s, t string) bool {
	n := len(t)
	if n > len(s) {
		return false
	}
	last := len(s) - n // the last place t could start
	c := t[0]
	lo, up := c, c
	switch {
	case c >= 'a' && c <= 'z':
		up = c - 'a' + 'A'
	case c >= 'A' && c <= 'Z':
		lo = c - 'A' + 'a'
	}
	next := func(from int, b byte) int {
		if j := strings.IndexByte(s[from:last+1], b); j >= 0 {
			return from + j
		}
		return len(s)
	}
	nl, nu := -1, -1 // the next lo and up at or after i, when known
	for i := 0; i <= last; {
		if nl < i {
			nl = next(i, lo)
		}
		if nu < i {
			if up == lo {
				nu = nl
			} else {
				nu = next(i, up)
			}
		}
		j := min(nl, nu)
		if j > last {
			return false
		}
		if strings.EqualFold(s[j:j+n], t) {
			return true
		}
		i = j + 1
	}
	return false
}

// window cuts about n bytes of s around offset at, starting a little before it, on word
// boundaries.
func window(s string, at, n int) string {
	if len(s) <= n {
		return s
	}
	from := max(0, at-n/4)
	if from+n > len(s) {
		from = max(0, len(s)-n)
	}
	prefix := ""
	if from > 0 {
		// start at a word: skip forward past the partial word
		for from < at && from < len(s) && s[from] != ' ' {
			from++
		}
		for from < len(s) && s[from] == ' ' {
			from++
		}
		prefix = "…"
	}
	return prefix + clip(s[from:], n)
}

// clip shortens s to at most about n bytes, at a space, with "…".
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := strings.LastIndexByte(s[:n], ' ')
	if cut < n/2 {
		cut = n
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
	}
	return strings.TrimRight(s[:cut], " ,;:") + "…"
}
