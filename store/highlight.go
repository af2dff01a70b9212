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
// term), with the matched byte range and the term's index. Two words that the index joins (a
// name written as syllables, see joinable) match a term as one: "vietnam" marks "Viet Nam".
func eachMatch(text string, terms []string, fn func(start, end, term int)) {
	if len(terms) == 0 {
		return
	}
	var f1, f2 foldedWord
	cur, ok := nextWord(text, 0)
	for ok {
		next, more := nextWord(text, cur.end)
		if more && joinGap(text[cur.end:next.start]) && capitalisedWord(text[cur.start:cur.end], cur.ascii) &&
			capitalisedWord(text[next.start:next.end], next.ascii) {
			f1.fold(text[cur.start:cur.end], cur.ascii)
			// Only a term that goes on past the first word can match the pair (joinedMatch):
			// most capitalised pairs are ruled out before the second word is folded.
			if startsLongerTerm(f1.b, terms) && isSyllable(unsafeString(f1.b)) {
				f2.fold(text[next.start:next.end], next.ascii)
				if isSyllable(unsafeString(f2.b)) {
					if k, n := joinedMatch(&f1, &f2, terms); k >= 0 {
						fn(cur.start, next.start+f2.end(text[next.start:next.end], n), k)
						cur, ok = nextWord(text, next.end)
						continue
					}
				}
			}
		}
		word := text[cur.start:cur.end]
		best, bestLen := -1, 0
		if cur.ascii {
			for k, t := range terms {
				if len(t) > bestLen && len(t) <= len(word) && strings.EqualFold(word[:len(t)], t) {
					best, bestLen = k, len(t)
				}
			}
			if best >= 0 {
				fn(cur.start, cur.start+bestLen, best)
			}
		} else {
			f1.fold(word, false)
			for k, t := range terms {
				if len(t) > bestLen && len(t) <= len(f1.b) && string(f1.b[:len(t)]) == t {
					best, bestLen = k, len(t)
				}
			}
			if best >= 0 {
				fn(cur.start, cur.start+f1.end(word, bestLen), best)
			}
		}
		cur, ok = next, more
	}
}

// startsLongerTerm reports whether a term starts with w and goes on past it.
func startsLongerTerm(w []byte, terms []string) bool {
	for _, t := range terms {
		if len(t) > len(w) && t[:len(w)] == string(w) {
			return true
		}
	}
	return false
}

// wordSpan is a word of a text: its byte range, and whether it is all ASCII.
type wordSpan struct {
	start, end int
	ascii      bool
}

// nextWord finds the first word of text at or after byte i.
func nextWord(text string, i int) (wordSpan, bool) {
	for i < len(text) {
		if c := text[i]; c < utf8.RuneSelf {
			if asciiWord[c] {
				break
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		if isWordRune(r) {
			break
		}
		i += n
	}
	if i >= len(text) {
		return wordSpan{}, false
	}
	w := wordSpan{start: i, ascii: true}
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
		w.ascii = false
		i += n
	}
	w.end = i
	return w, true
}

// foldedWord is a word folded rune by rune: ends[i] is the offset in the word just past the
// rune that gave b[i].
type foldedWord struct {
	b    []byte
	ends []int
}

func (f *foldedWord) fold(word string, ascii bool) {
	f.b, f.ends = f.b[:0], f.ends[:0]
	if ascii {
		for i := range len(word) {
			c := word[i]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			f.b = append(f.b, c)
			f.ends = append(f.ends, i+1)
		}
		return
	}
	for j, r := range word {
		s := data.Fold(string(r))
		f.b = append(f.b, s...)
		for range len(s) {
			f.ends = append(f.ends, j+utf8.RuneLen(r))
		}
	}
}

// end is the offset in word just past the first n folded bytes, keeping trailing combining
// marks with their letter.
func (f *foldedWord) end(word string, n int) int {
	end := f.ends[n-1]
	for end < len(word) {
		r, m := utf8.DecodeRuneInString(word[end:])
		if !unicode.Is(unicode.Mn, r) {
			break
		}
		end += m
	}
	return end
}

// joinedMatch finds the longest term that is the folded first word followed by the start of the
// second, and returns its index and how many of the second's folded bytes it takes; -1 when
// none.
func joinedMatch(f1, f2 *foldedWord, terms []string) (best, n2 int) {
	best, bestLen := -1, 0
	n := len(f1.b)
	for k, t := range terms {
		if len(t) > bestLen && len(t) > n && len(t) <= n+len(f2.b) && t[:n] == string(f1.b) &&
			t[n:] == string(f2.b[:len(t)-n]) {
			best, bestLen = k, len(t)
		}
	}
	if best < 0 {
		return -1, 0
	}
	return best, bestLen - n
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
	// Query.Terms holds two adjacent words joined after the words themselves: a match of
	// the joined form counts as both words, so that the block with every word still ends the
	// search early. words maps a term's bit to the bits of the words it stands for.
	words := make([]uint64, len(terms))
	var all uint64
	for k, t := range terms {
		words[k] = 1 << (k % 64)
		for i := 0; i+1 < len(terms); i++ {
			if i != k && i+1 != k && len(terms[i])+len(terms[i+1]) == len(t) &&
				strings.HasPrefix(t, terms[i]) && strings.HasSuffix(t, terms[i+1]) {
				words[k] = 1<<(i%64) | 1<<((i+1)%64)
				break
			}
		}
		if words[k] == 1<<(k%64) {
			all |= words[k]
		}
	}
	cover := func(m uint64) int {
		var c uint64
		for k := range terms {
			if m&(1<<(k%64)) != 0 {
				c |= words[k]
			}
		}
		return bits.OnesCount64(c & all)
	}
	bestText, bestN, bestAt := "", 0, 0
	try := func(s string) bool {
		if cover(mayMatch(s, terms)) <= bestN {
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
		n := cover(seen)
		if n > bestN {
			bestText, bestN, bestAt = s, n, at
		}
		return n >= bits.OnesCount64(all)
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
// it as a substring, ignoring case, or split in two by a space or hyphen (two joined words), and
// finding that is a fast byte search. Anything else may match.
func mayMatch(s string, terms []string) uint64 {
	var mask uint64
	wide := hasWideLetter(s)
	for k, t := range terms {
		if t == "" {
			continue // matches nothing
		}
		if wide || !isASCII(t) || containsFoldASCII(s, t) || containsSplitFoldASCII(s, t) {
			mask |= 1 << (k % 64)
		}
	}
	return mask
}

// containsSplitFoldASCII reports whether s contains t split after a syllable by a space or a
// hyphen, ignoring ASCII case: "Viet Nam" for vietnam. It reads s once, trying every split at
// each place where t's first letter is.
func containsSplitFoldASCII(s, t string) bool {
	var splits [7]int
	n := 0
	for k := 1; k < len(t) && k <= 7; k++ {
		if isSyllable(t[:k]) {
			splits[n] = k
			n++
		}
	}
	if n == 0 || len(t) >= len(s) {
		return false
	}
	lo, up := t[0], t[0]
	switch {
	case lo >= 'a' && lo <= 'z':
		up = lo - 'a' + 'A'
	case lo >= 'A' && lo <= 'Z':
		lo = lo - 'A' + 'a'
	}
	first := string([]byte{lo, up})
	for i := 0; i+len(t) < len(s); i++ {
		j := strings.IndexAny(s[i:len(s)-len(t)], first)
		if j < 0 {
			return false
		}
		i += j
		for _, k := range splits[:n] {
			if g := s[i+k]; (g == ' ' || g == '-') && strings.EqualFold(s[i:i+k], t[:k]) &&
				strings.EqualFold(s[i+k+1:i+len(t)+1], t[k:]) {
				return true
			}
		}
	}
	return false
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
