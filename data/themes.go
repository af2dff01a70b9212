package data

import (
	"cmp"
	"math/bits"
	"slices"
	"strings"
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
}

// termIndex is everything tagging derives from themeRules, built on first use.
type termIndex struct {
	terms []themeTerm
	// themeTerms[ti] is the range of ids (positions in terms) of theme ti's terms.
	themeTerms [][2]int
	// keys are the terms' first tokens, slots an open-addressing table of them by prefix8 and
	// length (n is 0 in an empty slot).
	keys  []termKey
	slots []termSlot
	shift uint // 64 - log2(len(slots))
	// maxKey is the length of the longest first token.
	maxKey int
	// starts has the bit startBit of every first token and of its plural: a test with false
	// positives but no false negatives, so most words need no lookup.
	starts [1 << 14 / 64]uint64
}

// termKey is a first token and the ids of the terms that start with it, in table order.
type termKey struct {
	token string
	ids   []int32
}

type termSlot struct {
	prefix uint64
	n, key uint32
}

var themeIndex = sync.OnceValue(func() *termIndex {
	ix := &termIndex{themeTerms: make([][2]int, len(Themes))}
	byToken := map[string]int{}
	for ti, th := range Themes {
		ix.themeTerms[ti][0] = len(ix.terms)
		for _, t := range themeRules[th.ID] {
			toks := foldTokens(t)
			if len(toks) == 0 {
				continue
			}
			id := int32(len(ix.terms))
			ix.terms = append(ix.terms, themeTerm{theme: ti, text: t, tokens: toks})
			k, ok := byToken[toks[0]]
			if !ok {
				k = len(ix.keys)
				byToken[toks[0]] = k
				ix.keys = append(ix.keys, termKey{token: toks[0]})
			}
			ix.keys[k].ids = append(ix.keys[k].ids, id)
		}
		ix.themeTerms[ti][1] = len(ix.terms)
	}
	// Four slots a key keep most lookups of a word that is no key to one empty slot.
	size := bits.Len(uint(4 * len(ix.keys)))
	ix.slots = make([]termSlot, 1<<size)
	ix.shift = uint(64 - size)
	for k, key := range ix.keys {
		t := key.token
		ix.maxKey = max(ix.maxKey, len(t))
		for _, w := range []string{t, t + "s"} {
			b := startBit(w)
			ix.starts[b/64] |= 1 << (b % 64)
		}
		p := prefix8(t, 0, len(t), false)
		j := ix.slot(p, len(t))
		for ix.slots[j].n != 0 {
			j = (j + 1) & (len(ix.slots) - 1)
		}
		ix.slots[j] = termSlot{p, uint32(len(t)), uint32(k)}
	}
	return ix
})

// startBit is the bit of a plain word in termIndex.starts: a hash of its length and of the low
// five bits of its first three bytes, which are the same for a capital and its small letter.
func startBit(w string) uint32 {
	var c1, c2 byte
	if len(w) > 2 {
		c1, c2 = w[1], w[2]
	} else if len(w) > 1 {
		c1 = w[1]
	}
	k := uint32(w[0]&31)<<15 | uint32(c1&31)<<10 | uint32(c2&31)<<5 | uint32(len(w)&31)
	return (k * 0x9e3779b1) >> (32 - 14)
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
		case isLetter(r) || unicode.Is(unicode.Mn, r):
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
		case isLetter(r) || unicode.Is(unicode.Mn, r):
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

// isToken reports whether the word w (lower-cased first when lower is set) is t or t with a
// plural "s".
func isToken(w string, lower bool, t string) bool {
	switch {
	case len(w) == len(t):
	case len(w) == len(t)+1 && foldByte(w[len(t)], lower) == 's':
	default:
		return false
	}
	return hasPrefixFold(w, lower, t)
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

func foldByte(c byte, lower bool) byte {
	if lower {
		return lowerASCII(c)
	}
	return c
}

// prefix8 packs the first eight of the n bytes of s at i (all n when fewer) into a number, first
// byte lowest, lower-cased when lower is set: only for a plain word, in which every byte but a
// capital already has bit 0x20.
func prefix8(s string, i, n int, lower bool) uint64 {
	var x uint64
	if i+8 <= len(s) {
		w := s[i : i+8]
		x = uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
			uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
		x &= lowBytes(n)
	} else {
		for j := min(n, 8) - 1; j >= 0; j-- {
			x = x<<8 | uint64(s[i+j])
		}
	}
	if lower {
		x |= 0x2020202020202020 & lowBytes(n)
	}
	return x
}

// lowBytes is a mask of the n lowest bytes of a uint64.
func lowBytes(n int) uint64 {
	if n >= 8 {
		return ^uint64(0)
	}
	return 1<<(8*n) - 1
}

// slot is where the search for a first token with this prefix8 and length starts.
func (ix *termIndex) slot(prefix uint64, n int) int {
	return int(((prefix ^ uint64(n)) * 0x9e3779b97f4a7c15) >> ix.shift)
}

// mayStart reports whether the plain word s[start:end] may be a first token or its plural: no
// when termIndex.starts says so, which is most words.
func (ix *termIndex) mayStart(s string, start, end int) bool {
	if end-start > ix.maxKey+1 {
		return false
	}
	b := startBit(s[start:end])
	return ix.starts[b/64]&(1<<(b%64)) != 0
}

// candidates returns the ids of the terms whose first token is the word w (lower-cased first
// when lower is set) or, when no term starts with the word itself, its singular.
func (ix *termIndex) candidates(w string, lower bool) []int32 {
	n := len(w)
	if n == 0 {
		return nil
	}
	p := prefix8(w, 0, n, lower)
	if ids := ix.lookup(w, lower, p, n); ids != nil {
		return ids
	}
	if n > 3 && foldByte(w[n-1], lower) == 's' {
		return ix.lookup(w, lower, p&lowBytes(n-1), n-1)
	}
	return nil
}

// lookup returns the terms whose first token is the first n bytes of w, whose prefix8 is p.
func (ix *termIndex) lookup(w string, lower bool, p uint64, n int) []int32 {
	mask := len(ix.slots) - 1
	for j := ix.slot(p, n); ix.slots[j].n != 0; j = (j + 1) & mask {
		sl := &ix.slots[j]
		if sl.prefix != p || int(sl.n) != n {
			continue
		}
		if key := &ix.keys[sl.key]; n <= 8 || hasPrefixFold(w[8:], lower, key.token[8:]) {
			return key.ids
		}
	}
	return nil
}

// count adds the term hits in s to counts (indexed by term id) and returns the number of
// words. It reads plain words itself and leaves any other (non-ASCII, with an apostrophe or a
// "+") to nextWord.
func (ix *termIndex) count(counts []int32, s string) int {
	words := 0
	for i := 0; i < len(s); {
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
			ix.hits(counts, s, start, end, plain)
			i = end
			continue
		}
		start := i
		for i++; i < len(s) && wordByte[s[i]]; i++ {
		}
		words++
		if i < len(s) && (s[i] == '\'' || s[i] == '+' || s[i] >= 0x80) {
			var plain bool
			_, i, plain = nextWord(s, start)
			ix.hits(counts, s, start, i, plain)
			continue
		}
		if ix.mayStart(s, start, i) {
			ix.hits(counts, s, start, i, true)
		}
	}
	return words
}

// hits counts the terms that start at the word s[start:end]: per theme one mention, of its
// longest term there ("HIV/AIDS" is one mention of hiv, not three).
func (ix *termIndex) hits(counts []int32, s string, start, end int, plain bool) {
	var cands []int32
	if plain {
		cands = ix.candidates(s[start:end], true)
	} else {
		var buf [64]byte
		cands = ix.candidates(string(foldWord(buf[:0], s[start:end])), false)
	}
	if len(cands) == 0 {
		return
	}
	// The word after this one, read when a term has more than one token.
	var next word
	read := false
	var best [32]int32 // per theme, 1 + the id of the longest term that matches
	for _, id := range cands {
		t := &ix.terms[id]
		if b := best[t.theme]; b != 0 && len(t.tokens) <= len(ix.terms[b-1].tokens) {
			continue
		}
		if len(t.tokens) > 1 {
			if !read {
				next, read = readWord(s, end), true
			}
			if !next.is(t.tokens[1]) || !follows(s, next.end, t.tokens[2:]) {
				continue
			}
		}
		best[t.theme] = id + 1
	}
	for _, b := range best[:len(Themes)] {
		if b > 0 {
			counts[b-1]++
		}
	}
}

// word is a word read by readWord: its text (folded unless lower is set, which says it is plain
// and only needs lower-casing) and where it ends in s; w is "" when there is none.
type word struct {
	w     string
	lower bool
	end   int
}

// readWord reads the first word of s from byte i.
func readWord(s string, i int) word {
	start, end, plain := nextWord(s, i)
	switch {
	case start < 0:
		return word{end: end}
	case plain:
		return word{s[start:end], true, end}
	}
	var buf [64]byte
	return word{string(foldWord(buf[:0], s[start:end])), false, end}
}

// is reports whether the word is t or t with a plural "s".
func (w *word) is(t string) bool { return w.w != "" && isToken(w.w, w.lower, t) }

// follows reports whether the words of s from byte i on are tokens.
func follows(s string, i int, tokens []string) bool {
	for _, t := range tokens {
		w := readWord(s, i)
		if !w.is(t) {
			return false
		}
		i = w.end
	}
	return true
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
func tagThemes(a *Article) []ThemeMatch {
	ix := themeIndex()
	n := len(ix.terms)
	counts := make([]int32, 3*n)
	title, lead, body := counts[:n], counts[n:2*n], counts[2*n:]
	ix.count(title, a.Title)
	// The lead is counted on its own and added to the body's counts after, so no text is
	// read twice.
	words := 0
	leadBlock := leadText(a) // nil for a teaser: its summary is the lead
	if leadBlock == nil {
		words += ix.count(lead, a.Summary)
	}
	eachText(a.Blocks, func(s *string) {
		if s != leadBlock {
			words += ix.count(body, *s)
			return
		}
		head, tail := splitLead(*s)
		words += ix.count(lead, head) + ix.count(body, tail)
	})
	if leadBlock != nil {
		for id, c := range lead {
			body[id] += c
		}
	}
	var out []ThemeMatch
	for ti, th := range Themes {
		r := ix.themeTerms[ti]
		t, l, b := sum(title[r[0]:r[1]]), sum(lead[r[0]:r[1]]), sum(body[r[0]:r[1]])
		if t == 0 && l == 0 && (b < 3 || b*175 < words) {
			continue
		}
		out = append(out, ThemeMatch{ID: th.ID, Terms: ix.topTerms(ti, title, body)})
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

// wordOffset returns the byte offset where word n of s starts, or 0 when s has fewer words.
func wordOffset(s string, n int) int {
	w := 0
	in := false
	for i := 0; i < len(s); i++ {
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

// topTerms lists up to five matched terms of theme ti, title terms first, then by count.
func (ix *termIndex) topTerms(ti int, title, body []int32) []string {
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
	slices.SortFunc(all, func(a, b tc) int {
		if a.n != b.n {
			return cmp.Compare(b.n, a.n)
		}
		return strings.Compare(a.t, b.t)
	})
	out := make([]string, 0, min(len(all), 5))
	for _, t := range all[:min(len(all), 5)] {
		out = append(out, t.t)
	}
	return out
}
