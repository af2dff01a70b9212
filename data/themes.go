package data

import (
	"cmp"
	"math/bits"
	"slices"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Theme is one entry of the fixed taxonomy.
type Theme struct {
	ID   string
	Name string
}

// Themes is the taxonomy, in display order. The rules that tag articles are in themeRules.
var Themes = []Theme{
	{"hiv", "HIV and AIDS"},
	{"gbv", "Gender-based violence"},
	{"cyberviolence", "Cyberviolence and online safety"},
	{"gender-equality", "Gender equality"},
	{"lgbti", "LGBTI rights"},
	{"disability", "Disability inclusion"},
	{"climate", "Climate, disasters and environment"},
	{"human-rights", "Human rights"},
	{"food-agriculture", "Food and agriculture"},
	{"health", "Health"},
	{"youth", "Youth"},
	{"children", "Children"},
	{"ethnic-minorities", "Ethnic minorities"},
	{"digital", "Digital transformation and technology"},
	{"peace-security", "Peace and security"},
	{"sdg", "Sustainable Development Goals"},
}

// ThemeByID returns the theme with id and whether it exists.
func ThemeByID(id string) (Theme, bool) {
	for _, t := range Themes {
		if t.ID == id {
			return t, true
		}
	}
	return Theme{}, false
}

// themeTerm is one term of themeRules, tokenised.
type themeTerm struct {
	theme  int // position of the theme in Themes
	text   string
	tokens []string
	more   []token // tokens[2:], as follows compares them (the first two find the term)
}

// token is a term's third or later token as follows compares words with it: by their keys
// (wordKey) first, which decide for a word of eight bytes or fewer without reading it again.
type token struct {
	forms [2]string // the token and its plural
	keys  [2]uint64 // their keys
}

func newToken(t string) token {
	return token{[2]string{t, t + "s"}, [2]uint64{wordKey(t, false), wordKey(t+"s", false)}}
}

// termIndex is everything tagging derives from themeRules, built on first use.
type termIndex struct {
	terms []themeTerm
	// themeTerms[ti] is the range of ids (positions in terms) of theme ti's terms.
	themeTerms [][2]int
	// entries are the words that start terms (the terms' first tokens and their plurals) and
	// the pairs of a first token and a second word (a second token or its plural). A first
	// word's hash (wordHash) picks a bit of starts, 2 KB that stay in the cache, so most words
	// need one test to know they start no term; the few others, and the words after them, look
	// for themselves in slots, a table of 1 + a position in entries (0 for none) probed from
	// entryHash.
	entries []wordEntry
	starts  [1 << startBits / 64]uint64
	slots   [1 << slotBits]uint16
	maxWord int // length of the longest first word
}

const (
	startBits = 14
	slotBits  = 11 // at least twice as many slots as entries, so probes are short
)

// wordEntry is an entry of termIndex: a first word (after is 0) or, after the first token
// whose entry is after-1, a second word.
type wordEntry struct {
	key   uint64 // wordKey(w)
	after uint16
	w     string
	// ids are, for a first word, the terms of one token that are the word or its singular,
	// in table order; for a second word, the terms that start with the pair, longest first,
	// then in table order.
	ids []int32
	// pairs is, for a first word that starts terms of several tokens, the after of their
	// second words; 0 for none.
	pairs uint16
}

var themeIndex = sync.OnceValue(func() *termIndex {
	if len(Themes) > 32 {
		panic("termIndex.hits keeps a bit per theme in a uint32")
	}
	ix := &termIndex{themeTerms: make([][2]int, len(Themes))}
	var firsts []string
	starting := map[string][]int32{}
	for ti, th := range Themes {
		ix.themeTerms[ti][0] = len(ix.terms)
		for _, t := range themeRules[th.ID] {
			toks := foldTokens(t)
			if len(toks) == 0 {
				continue
			}
			if starting[toks[0]] == nil {
				firsts = append(firsts, toks[0])
			}
			starting[toks[0]] = append(starting[toks[0]], int32(len(ix.terms)))
			term := themeTerm{theme: ti, text: t, tokens: toks}
			for _, tok := range toks[min(2, len(toks)):] {
				term.more = append(term.more, newToken(tok))
			}
			ix.terms = append(ix.terms, term)
		}
		ix.themeTerms[ti][1] = len(ix.terms)
	}
	add := func(after int, w string) int {
		key := wordKey(w, false)
		ix.entries = append(ix.entries, wordEntry{key: key, after: uint16(after), w: w})
		if after == 0 {
			b := wordHash(key) >> (64 - startBits)
			ix.starts[b/64] |= 1 << (b % 64)
			ix.maxWord = max(ix.maxWord, len(w))
		}
		slot := entryHash(after, key) >> (64 - slotBits)
		for ix.slots[slot] != 0 {
			slot = (slot + 1) % (1 << slotBits)
		}
		ix.slots[slot] = uint16(len(ix.entries))
		return len(ix.entries) - 1
	}
	for _, t := range firsts {
		ids := starting[t]
		slices.SortStableFunc(ids, func(a, b int32) int {
			return cmp.Compare(len(ix.terms[b].tokens), len(ix.terms[a].tokens))
		})
		first := add(0, t)
		forms := []int{first}
		// A plural "s" is read on words of four letters or more, and only when no term starts
		// with the word itself.
		if len(t) > 2 && starting[t+"s"] == nil {
			forms = append(forms, add(0, t+"s"))
		}
		var singles []int32
		seconds := map[string]int{} // the entries of the second words after t
		for _, id := range ids {
			toks := ix.terms[id].tokens
			if len(toks) == 1 {
				singles = append(singles, id)
				continue
			}
			for _, w := range []string{toks[1], toks[1] + "s"} {
				e, ok := seconds[w]
				if !ok {
					e = add(first+1, w)
					seconds[w] = e
				}
				ix.entries[e].ids = append(ix.entries[e].ids, id)
			}
		}
		for _, f := range forms {
			ix.entries[f].ids = singles
			if len(seconds) > 0 {
				ix.entries[f].pairs = uint16(first + 1)
			}
		}
	}
	if 2*len(ix.entries) > len(ix.slots) {
		panic("termIndex.slots is too small for the entries")
	}
	return ix
})

// wordKey is the first eight bytes of the word w (lower-cased first when lower is set), fewer
// zero-padded, in one integer: a word of eight bytes or fewer is equal to another one exactly
// when its key is, and no byte of a word is zero.
func wordKey(w string, lower bool) uint64 {
	var k uint64
	for j := range min(len(w), 8) {
		k |= uint64(foldByte(w[j], lower)) << (8 * j)
	}
	return k
}

// wordHash is the hash of a word with key k that picks its bit in termIndex.starts (the top
// startBits bits) and its first slot in termIndex.slots (the top slotBits). Words longer than
// eight bytes that start alike share it; lookup tells them apart.
func wordHash(k uint64) uint64 {
	return k * 0x9e3779b97f4a7c15
}

// entryHash is the hash of a termIndex entry whose word has key k: a first word's wordHash, with
// the first word's entry in the top bits for a second word.
func entryHash(after int, k uint64) uint64 {
	return wordHash(k) ^ uint64(after)<<(64-slotBits)
}

// foldTokens folds text (as Fold does) and splits it into words in one pass: letters and digits,
// with "+" kept at a word's end (VNP+, LGBTIQ+) and an apostrophe inside a word ("women's", with
// ’ written as '). It tokenises the terms of themeRules; articles are read in place by
// termIndex.count, which finds the same words.
func foldTokens(texts ...string) []string {
	var buf []byte
	var bounds []int32
	for _, s := range texts {
		buf, bounds = foldInto(buf, bounds, s)
	}
	folded := string(buf)
	toks := make([]string, 0, len(bounds)/2)
	for j := 0; j < len(bounds); j += 2 {
		if bounds[j] < bounds[j+1] {
			toks = append(toks, folded[bounds[j]:bounds[j+1]])
		}
	}
	return toks
}

// foldInto appends the folded text of s to buf and the start and end of each word to bounds.
func foldInto(buf []byte, bounds []int32, s string) ([]byte, []int32) {
	start := -1
	end := func() {
		if start >= 0 {
			bounds = append(bounds, int32(start), int32(len(buf)))
			start = -1
		}
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			// A run of lower-case letters and digits is copied as it is.
			j := i + 1
			for j < len(s) && (s[j] >= 'a' && s[j] <= 'z' || s[j] >= '0' && s[j] <= '9') {
				j++
			}
			if start < 0 {
				start = len(buf)
			}
			buf = append(buf, s[i:j]...)
			i = j
			continue
		}
		if c < 0x80 {
			switch {
			case c >= 'A' && c <= 'Z':
				c += 'a' - 'A'
			case c == '\'' && start >= 0 && i+1 < len(s) && isASCIILetter(s[i+1]):
			case c == '+' && start >= 0:
				buf = append(buf, c)
				end()
				i++
				continue
			default:
				end()
				i++
				continue
			}
			if start < 0 {
				start = len(buf)
			}
			buf = append(buf, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == '’' && start >= 0 && i < len(s) && isASCIILetter(s[i]):
			buf = append(buf, '\'')
		case inWord(r):
			if start < 0 {
				start = len(buf)
			}
			buf = append(buf, foldedRune(r)...)
		default:
			end()
		}
	}
	end()
	return buf, bounds
}

// foldedRune is the folded form of a non-ASCII character, as Fold makes it.
func foldedRune(r rune) string {
	if table := foldTable(); r < rune(len(table)) {
		return table[r]
	}
	return foldRune(r)
}

// inWord reports whether r, a character that is not ASCII, belongs to a word: a letter or a
// combining mark (Mn). The letters of Vietnamese outside Latin-1 (Latin Extended-A and B, Latin
// Extended Additional) and typographic punctuation (General Punctuation: quotes, dashes) are
// told without the binary searches of the Unicode tables.
func inWord(r rune) bool {
	switch {
	case r >= 0x100 && r < 0x250, r >= 0x1e00 && r < 0x1f00:
		return true
	case r >= 0x2000 && r < 0x2070:
		return false
	}
	return isLetter(r) || unicode.Is(unicode.Mn, r)
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// asciiWord marks the ASCII letters and digits.
var asciiWord = func() (t [128]bool) {
	for c := range t {
		t[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	}
	return t
}()

// wordByte is asciiWord for any byte.
var wordByte = func() (t [256]bool) {
	copy(t[:], asciiWord[:])
	return t
}()

// endsPlain marks the bytes after a run of ASCII letters and digits that end a plain word
// there: not ' or + (which may belong to it) and not the start of a non-ASCII character.
var endsPlain = func() (t [256]bool) {
	for c := range 0x80 {
		t[c] = !asciiWord[c] && c != '\'' && c != '+'
	}
	return t
}()

func lowerASCII(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// nextWord finds the first word of s at or after byte i, as foldInto does, without folding
// it; start is -1 when there is none. i must not be inside a word. A plain word is ASCII
// letters, digits, ' and +: its folded form is its lower case.
func nextWord(s string, i int) (start, end int, plain bool) {
	start, plain = -1, true
	for i < len(s) {
		c := s[i]
		if wordByte[c] {
			if start < 0 {
				start = i
			}
			for i++; i < len(s) && wordByte[s[i]]; i++ {
			}
			continue
		}
		if c < 0x80 {
			switch {
			case c == '\'' && start >= 0 && i+1 < len(s) && isASCIILetter(s[i+1]):
			case c == '+' && start >= 0:
				return start, i + 1, plain
			case start >= 0:
				return start, i, plain
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '’' && start >= 0 && i+size < len(s) && isASCIILetter(s[i+size]):
			plain = false
		case inWord(r):
			if start < 0 {
				start = i
			}
			plain = false
		case start >= 0:
			return start, i, plain
		}
		i += size
	}
	return start, len(s), plain
}

// foldWord appends the folded form of a word to buf.
func foldWord(buf []byte, w string) []byte {
	for _, r := range w {
		switch {
		case r < 0x80:
			buf = append(buf, lowerASCII(byte(r)))
		case r == '’':
			buf = append(buf, '\'')
		default:
			buf = append(buf, foldedRune(r)...)
		}
	}
	return buf
}

// hasPrefixFold reports whether w (lower-cased first when lower is set) starts with t.
func hasPrefixFold(w string, lower bool, t string) bool {
	if len(w) < len(t) {
		return false
	}
	for j := range len(t) {
		if foldByte(w[j], lower) != t[j] {
			return false
		}
	}
	return true
}

// foldByte lower-cases c, a byte of a plain word, when lower is set: in a plain word (ASCII
// letters, digits, ' and +) every byte but a capital already has bit 0x20.
func foldByte(c byte, lower bool) byte {
	if lower {
		return c | 0x20
	}
	return c
}

// notAlnum8 flags, with its top bit, each byte of w that is not an ASCII letter or digit. It is
// ^(asciiBetween8(w, '0', '9') | asciiBetween8(w|smalls, 'a', 'z')), written out so the two
// ranges share the masking, and the non-ASCII bytes are flagged once at the end: skipWords runs
// it on every word, and the two calls cost 3% more instructions a parse.
func notAlnum8(w uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	low := w &^ highs
	small := low | smalls
	digit := (low + ones*(0x80-'0')) &^ (low + ones*(0x80-'9'-1))
	letter := (small + ones*(0x80-'a')) &^ (small + ones*(0x80-'z'-1))
	return (w | ^(digit | letter)) & highs
}

// smalls, ORed with eight letters and digits, lower-cases them.
const smalls = 0x2020202020202020

// alnumRun returns where the run of ASCII letters and digits that starts at s[i] ends, and the
// run's wordKey, lower-cased. It reads eight bytes at a time: most words take one load, where a
// byte loop takes five instructions a byte and wordKey a loop more.
func alnumRun(s string, i int) (end int, key uint64) {
	var w uint64
	switch {
	case i+8 <= len(s):
		w = word8(s, i)
	case len(s) >= 8:
		// The last eight bytes, shifted down to s[i]: the bytes past the end read as zeros,
		// which end the run.
		w = word8(s, len(s)-8) >> (8 * (i + 8 - len(s)))
	default:
		for end = i; end < len(s) && wordByte[s[end]]; end++ {
		}
		return end, wordKey(s[i:end], true)
	}
	if stop := notAlnum8(w); stop != 0 {
		n := bits.TrailingZeros64(stop) / 8 // at least 1: s[i] is a letter or digit
		return i + n, (w | smalls) & (1<<(8*n) - 1)
	}
	// A word longer than eight bytes.
	for end = i + 8; end+8 <= len(s); end += 8 {
		if stop := notAlnum8(word8(s, end)); stop != 0 {
			return end + bits.TrailingZeros64(stop)/8, w | smalls
		}
	}
	for ; end < len(s) && wordByte[s[end]]; end++ {
	}
	return end, w | smalls
}

// mayStart reports whether a word with hash h may start a term: false for most words.
func (ix *termIndex) mayStart(h uint64) bool {
	b := h >> (64 - startBits)
	return ix.starts[b/64]&(1<<(b%64)) != 0
}

// lookup returns the entry of the word w (lower-cased first when lower is set) after after, or
// nil. key is wordKey(w) and h its entryHash.
func (ix *termIndex) lookup(after uint16, w string, lower bool, key, h uint64) *wordEntry {
	for slot := h >> (64 - slotBits); ix.slots[slot] != 0; slot = (slot + 1) % (1 << slotBits) {
		e := &ix.entries[ix.slots[slot]-1]
		if e.key == key && e.after == after && len(e.w) == len(w) && (len(w) <= 8 || hasPrefixFold(w[8:], lower, e.w[8:])) {
			return e
		}
	}
	return nil
}

// count adds the term hits in s to counts (indexed by term id) and returns the number of
// words. skipWords reads most words; count reads the others, plain words with alnumRun and any
// other (non-ASCII, with an apostrophe or a "+") with nextWord.
func (ix *termIndex) count(counts []int32, s string) int {
	return ix.countIn(&tally{counts: counts}, s)
}

// countIn is count adding to tl.
func (ix *termIndex) countIn(tl *tally, s string) int {
	words := 0
	tl.covered = [32]int{}
	for i := 0; i < len(s); {
		var end, skipped int
		var key uint64
		i, end, key, skipped = ix.skipWords(s, i)
		words += skipped
		if end > i {
			words++
			if skip := ix.hits(tl, s, i, end, ix.lookup(0, s[i:end], true, key, wordHash(key))); skip > 0 {
				words++
				i = skip
			} else {
				i = end + 1
			}
			continue
		}
		if i >= len(s) {
			break
		}
		c := s[i]
		if !wordByte[c] {
			if c < 0x80 {
				// Between words, every other ASCII byte separates.
				i++
				continue
			}
			start, end, plain := nextWord(s, i)
			if start < 0 {
				break
			}
			words++
			ix.hitsAt(tl, s, start, end, plain)
			i = end
			continue
		}
		start := i
		i, key = alnumRun(s, i)
		words++
		if i < len(s) && !endsPlain[s[i]] {
			var plain bool
			_, i, plain = nextWord(s, start)
			ix.hitsAt(tl, s, start, i, plain)
			continue
		}
		if i-start <= ix.maxWord {
			if h := wordHash(key); ix.mayStart(h) {
				ix.hits(tl, s, start, i, ix.lookup(0, s[start:i], true, key, h))
			}
		}
		i++ // the separator after the word, if any
	}
	return words
}

// skipWords reads the words of s from byte i on (i must not be inside a word) while they start
// no term. It stops at the first plain word that may start one and returns its start, end and
// wordKey; or it stops where a closer look is needed, and returns that byte with end 0: a word
// that is not plain, longer than fifteen bytes or of eight bytes or more less than sixteen
// bytes before the end of s, or a byte that is not ASCII; or it returns len(s). words is the
// number of words it read. Most words are plain and start no term, and this loop, with little
// else to keep in registers, reads each with one or two loads of eight bytes.
func (ix *termIndex) skipWords(s string, i int) (start, end int, key uint64, words int) {
	for i < len(s) {
		var w uint64
		switch {
		case i+8 <= len(s):
			w = word8(s, i)
		case len(s) >= 8:
			// As in alnumRun, the bytes past the end read as zeros, which end a word.
			w = word8(s, len(s)-8) >> (8 * (i + 8 - len(s)) & 63)
		default:
			if c := s[i]; !wordByte[c] && c < 0x80 {
				i++ // a separator
				continue
			}
			return i, 0, 0, words
		}
		key = w | smalls
		if stop := notAlnum8(w); stop&0x80 != 0 {
			// s[i] is not a letter or digit: a separator, or a byte that is not ASCII.
			if w&0x80 != 0 {
				break
			}
			i++
			continue
		} else if stop != 0 {
			// The word ends at byte t/8 of w.
			t := uint(bits.TrailingZeros64(stop)) & 56
			if !endsPlain[byte(w>>t)] {
				break
			}
			if key &= 1<<t - 1; ix.mayStart(wordHash(key)) {
				return i, i + int(t/8), key, words
			}
			i += int(t/8) + 1 // the word and the separator after it
		} else {
			// A word of eight bytes or more: its key is its first eight.
			if i+16 > len(s) {
				break
			}
			w = word8(s, i+8)
			stop = notAlnum8(w)
			t := uint(bits.TrailingZeros64(stop)) & 56
			if stop == 0 || !endsPlain[byte(w>>t)] {
				break
			}
			if ix.mayStart(wordHash(key)) {
				return i, i + 8 + int(t/8), key, words
			}
			i += 8 + int(t/8) + 1
		}
		words++
	}
	return min(i, len(s)), 0, 0, words
}

// tally is what count adds to as it reads a text: the counts of the terms, a bit for each theme
// with a mention, and per theme where its last term of several words ended (a word before
// that is inside it).
type tally struct {
	counts  []int32
	themes  uint32
	covered [32]int
}

// hitsAt is hits for the word s[start:end], which may not be plain.
func (ix *termIndex) hitsAt(tl *tally, s string, start, end int, plain bool) {
	w := s[start:end]
	if !plain {
		var buf [64]byte
		w = string(foldWord(buf[:0], w))
	}
	if len(w) > 0 && len(w) <= ix.maxWord {
		key := wordKey(w, plain)
		if h := wordHash(key); ix.mayStart(h) {
			ix.hits(tl, s, start, end, ix.lookup(0, w, plain, key, h))
		}
	}
}

// hits counts in tl the terms that start with the word s[start:end], whose entry is first (nil
// when none does): per theme one mention, of its longest term there, and none for a word inside
// a longer term of the same theme just counted ("HIV/AIDS" is one mention of hiv, not three;
// "people living with HIV" one, not two). The terms of several tokens are found by the pair of
// the word and the next, and are all longer than the others, so they are tried first. hits
// returns where that next word ends when it read it and the word starts no term, so that count
// need not read it again; 0 otherwise.
func (ix *termIndex) hits(tl *tally, s string, start, end int, first *wordEntry) (skip int) {
	if first == nil {
		return 0
	}
	var matched uint32 // a bit for each theme with a match here
	if first.pairs != 0 {
		next := readWord(s, end)
		if next.w != "" && !ix.mayStart(wordHash(next.key)) {
			skip = next.end
		}
		if pair := ix.lookup(first.pairs, next.w, next.lower, next.key, entryHash(int(first.pairs), next.key)); pair != nil {
			for _, id := range pair.ids {
				t := &ix.terms[id]
				if matched&(1<<t.theme) != 0 || start < tl.covered[t.theme] {
					continue
				}
				last, ok := follows(s, next.end, t.more)
				if !ok {
					continue
				}
				tl.covered[t.theme] = last
				matched |= 1 << t.theme
				tl.counts[id]++
			}
		}
	}
	for _, id := range first.ids {
		if t := &ix.terms[id]; matched&(1<<t.theme) == 0 && start >= tl.covered[t.theme] {
			matched |= 1 << t.theme
			tl.counts[id]++
		}
	}
	tl.themes |= matched
	return skip
}

// word is a word read by readWord: its text (folded unless lower is set, which says it is plain
// and only needs lower-casing), its wordKey and where it ends in s; w is "" when there is none.
type word struct {
	w     string
	lower bool
	key   uint64
	end   int
}

// readWord reads the first word of s from byte i, which must not be inside a word. A plain word
// after ASCII separators, the most common next word, is read as skipWords reads it, or with
// alnumRun.
func readWord(s string, i int) word {
	for i < len(s) && s[i] < 0x80 && !wordByte[s[i]] {
		i++
	}
	if i+16 <= len(s) && wordByte[s[i]] {
		w := word8(s, i)
		key, n := w|smalls, 0 // n: the bytes of the word before w
		stop := notAlnum8(w)
		if stop == 0 {
			w, n = word8(s, i+8), 8
			stop = notAlnum8(w)
		}
		if t := uint(bits.TrailingZeros64(stop)) & 56; stop != 0 && endsPlain[byte(w>>t)] {
			if n == 0 {
				key &= 1<<t - 1
			}
			end := i + n + int(t/8)
			return word{s[i:end], true, key, end}
		}
	}
	if i < len(s) && wordByte[s[i]] {
		if end, key := alnumRun(s, i); end == len(s) || endsPlain[s[end]] {
			return word{s[i:end], true, key, end}
		}
	}
	start, end, plain := nextWord(s, i)
	switch {
	case start < 0:
		return word{end: end}
	case plain:
		w := s[start:end]
		return word{w, true, wordKey(w, true), end}
	}
	var buf [64]byte
	w := string(foldWord(buf[:0], s[start:end]))
	return word{w, false, wordKey(w, false), end}
}

// is reports whether the word is the token t or its plural: keys equal and lengths equal decide
// for eight bytes or fewer. An absent word (w is "", key 0) matches no token.
func (w *word) is(t *token) bool {
	for f := range t.forms {
		if w.key == t.keys[f] && len(w.w) == len(t.forms[f]) {
			return len(w.w) <= 8 || hasPrefixFold(w.w[8:], w.lower, t.forms[f][8:])
		}
	}
	return false
}

// follows reports whether the words of s from byte i on are tokens, and where the last ends.
func follows(s string, i int, tokens []token) (int, bool) {
	for k := range tokens {
		w := readWord(s, i)
		if !w.is(&tokens[k]) {
			return i, false
		}
		i = w.end
	}
	return i, true
}

// tagThemes applies themeRules to an article. The thresholds:
//   - one mention in the title or the lead (the first paragraph) tags: a headline and a lede
//     say what a story is about, and most captures are the first ~2 KB of a page, so the lead
//     is often most of what there is (the terms are specific enough for that: "innovation" is
//     not a term of "digital", "digital transformation" is);
//   - in the rest of the body a theme needs at least 3 mentions (one or two are passing
//     references: "…as well as HIV and climate programmes") and at least one per 175 words, so
//     a long report that names a theme three times in 5,000 words is not tagged with it,
//     while a 1,000-word story that names its subject six times is (one per 175 words).
//
// termCounts keeps the arrays of term counts from one article to the next: a parse tags every
// article it makes.
var termCounts = sync.Pool{New: func() any { return new([]int32) }}

func tagThemes(a *Article) []ThemeMatch {
	ix := themeIndex()
	n := len(ix.terms)
	pooled := termCounts.Get().(*[]int32)
	defer termCounts.Put(pooled)
	*pooled = append((*pooled)[:0], make([]int32, 3*n)...) // zeroed, in the pooled array when it fits
	counts := *pooled
	title, lead, body := tally{counts: counts[:n]}, tally{counts: counts[n : 2*n]}, tally{counts: counts[2*n:]}
	ix.countIn(&title, a.Title)
	// The lead is counted on its own and added to the body's counts after, so no text is
	// read twice.
	words := 0
	leadBlock := leadText(a) // nil for a teaser: its summary is the lead
	if leadBlock == nil {
		words += ix.countIn(&lead, a.Summary)
	}
	eachText(a.Blocks, func(s *string) {
		if s != leadBlock {
			words += ix.countIn(&body, *s)
			return
		}
		head, tail := splitLead(*s)
		words += ix.countIn(&lead, head) + ix.countIn(&body, tail)
	})
	// One pass over the terms adds the lead's counts to the body's (a teaser's summary is its
	// lead only) and decides each theme.
	var leadInBody int32 // all ones when the lead is in the body
	if leadBlock != nil {
		leadInBody = -1
	}
	head := title.themes | lead.themes
	var tagged uint32 // a bit for each theme to tag
	for ti := range Themes {
		if (head|body.themes)&(1<<ti) == 0 {
			continue // no term of the theme is mentioned
		}
		r := ix.themeTerms[ti]
		b := body.counts[r[0]:r[1]]
		l := lead.counts[r[0]:r[1]][:len(b)]
		inBody := 0
		for k := range b {
			b[k] += l[k] & leadInBody
			inBody += int(b[k])
		}
		if head&(1<<ti) != 0 || inBody >= 3 && inBody*175 >= words {
			tagged |= 1 << ti
		}
	}
	if tagged == 0 {
		return nil
	}
	// The matches and their terms are two allocations, whatever the number of themes.
	out := make([]ThemeMatch, 0, bits.OnesCount32(tagged))
	terms := make([]string, 0, 5*cap(out))
	for ti, th := range Themes {
		if tagged&(1<<ti) != 0 {
			from := len(terms)
			terms = ix.topTerms(terms, ti, title.counts, body.counts)
			out = append(out, ThemeMatch{ID: th.ID, Terms: terms[from:len(terms):len(terms)]})
		}
	}
	return out
}

func sum(xs []int32) int {
	s := 0
	for _, x := range xs {
		s += int(x)
	}
	return s
}

// leadText points at the text of the article's lead, its first paragraph, or is nil.
func leadText(a *Article) *string {
	for i := range a.Blocks {
		if a.Blocks[i].Type == BlockParagraph {
			return &a.Blocks[i].Text
		}
	}
	return nil
}

// splitLead cuts a lead after 160 words: a longer first paragraph is paragraphs whose breaks
// were lost, and only the first of them is the lede.
func splitLead(lead string) (head, tail string) {
	if i := wordOffset(lead, 160); i > 0 {
		return lead[:i], lead[i:]
	}
	return lead, ""
}

// wordOffset returns the byte offset where word n of s starts, or 0 when s has fewer words:
// words are parted by spaces here. It reads eight bytes at a time (it runs over every lead).
func wordOffset(s string, n int) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	w := 0      // the words that start before i
	in := false // whether the byte before i is not a space
	i := 0
	for ; i+8 <= len(s); i += 8 {
		// x has a zero byte for each space, and adding 0x7f to its low seven bits sets the top
		// bit of every other byte, carrying no further.
		x := word8(s, i) ^ ones*' '
		words := (x&^highs + ones*0x7f | x) & highs // the top bit of each byte that is not a space
		prev := words << 8
		if in {
			prev |= 0x80
		}
		starts := words &^ prev
		if c := bits.OnesCount64(starts); w+c > n {
			for ; w < n; w++ {
				starts &= starts - 1
			}
			return i + bits.TrailingZeros64(starts)/8
		} else {
			w += c
		}
		in = words>>63 != 0
	}
	for ; i < len(s); i++ {
		sp := s[i] == ' '
		if !sp && !in {
			if w == n {
				return i
			}
			w++
		}
		in = !sp
	}
	return 0
}

// topTerms appends to dst up to five matched terms of theme ti, title terms first, then by
// count.
func (ix *termIndex) topTerms(dst []string, ti int, title, body []int32) []string {
	type tc struct {
		t string
		n int
	}
	var buf [32]tc
	all := buf[:0]
	for id := ix.themeTerms[ti][0]; id < ix.themeTerms[ti][1]; id++ {
		if title[id]+body[id] > 0 {
			all = append(all, tc{ix.terms[id].text, int(body[id]) + 1000*int(title[id])})
		}
	}
	// The first five in that order, picked one by one: a theme matches a few of its terms, and
	// sorting them all cost more.
	for range min(len(all), 5) {
		first := 0
		for k := 1; k < len(all); k++ {
			if all[k].n > all[first].n || all[k].n == all[first].n && all[k].t < all[first].t {
				first = k
			}
		}
		dst = append(dst, all[first].t)
		all[first] = all[len(all)-1]
		all = all[:len(all)-1]
	}
	return dst
}
