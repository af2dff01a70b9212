package data

import (
	"cmp"
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
	// firstWords are the terms' first tokens and their plurals, chained by startBit in byBit
	// (1 + a position in firstWords, 0 for none); starts has a bit for each chain, 2 KB that
	// stay in the cache, so most words need one test of starts to know they start no term.
	firstWords []firstWord
	byBit      [1 << 14]uint16
	starts     [1 << 14 / 64]uint64
	maxWord    int // length of the longest first word
}

// firstWord is a word that starts terms: a first token, or one with a plural "s".
type firstWord struct {
	w      string
	plural bool
	ids    []int32 // the terms, longest first, then in table order
	next   uint16  // 1 + the next firstWord with the same startBit, 0 for none
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
			ix.terms = append(ix.terms, themeTerm{theme: ti, text: t, tokens: toks})
		}
		ix.themeTerms[ti][1] = len(ix.terms)
	}
	add := func(w string, plural bool, ids []int32) {
		b := startBit(w)
		ix.firstWords = append(ix.firstWords, firstWord{w, plural, ids, ix.byBit[b]})
		ix.byBit[b] = uint16(len(ix.firstWords))
		ix.starts[b/64] |= 1 << (b % 64)
		ix.maxWord = max(ix.maxWord, len(w))
	}
	for _, t := range firsts {
		slices.SortStableFunc(starting[t], func(a, b int32) int {
			return cmp.Compare(len(ix.terms[b].tokens), len(ix.terms[a].tokens))
		})
		add(t, false, starting[t])
		if len(t) > 2 { // a plural "s" is read on words of four letters or more
			add(t+"s", true, starting[t])
		}
	}
	return ix
})

// startBit is the bit of a plain word in termIndex.starts: a hash of its length and of the low
// five bits (the same for a capital and its small letter) of its first three bytes, or as many
// as it has, the last repeated.
func startBit(w string) uint32 {
	n := len(w)
	k := uint32(w[0]&31)<<15 | uint32(w[min(1, n-1)]&31)<<10 | uint32(w[min(2, n-1)]&31)<<5 | uint32(n&31)
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

// foldByte lower-cases c, a byte of a plain word, when lower is set: in a plain word (ASCII
// letters, digits, ' and +) every byte but a capital already has bit 0x20.
func foldByte(c byte, lower bool) byte {
	if lower {
		return c | 0x20
	}
	return c
}

// candidates returns the ids of the terms whose first token is the word w (lower-cased first
// when lower is set; startBit(w) is b) or, when no term starts with the word itself, its
// singular.
func (ix *termIndex) candidates(w string, lower bool, b uint32) []int32 {
	var singular []int32
	for e := ix.byBit[b]; e != 0; {
		fw := &ix.firstWords[e-1]
		if len(fw.w) == len(w) && hasPrefixFold(w, lower, fw.w) {
			if !fw.plural {
				return fw.ids
			}
			singular = fw.ids
		}
		e = fw.next
	}
	return singular
}

// count adds the term hits in s to counts (indexed by term id) and returns the number of
// words. It reads plain words itself and leaves any other (non-ASCII, with an apostrophe or a
// "+") to nextWord.
func (ix *termIndex) count(counts []int32, s string) int {
	words := 0
	var covered [32]int // per theme, where its last term of several words ends
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
			ix.hitsAt(counts, s, start, end, plain, &covered)
			i = end
			continue
		}
		start := i
		for i++; i < len(s) && wordByte[s[i]]; i++ {
		}
		words++
		if i < len(s) && !endsPlain[s[i]] {
			var plain bool
			_, i, plain = nextWord(s, start)
			ix.hitsAt(counts, s, start, i, plain, &covered)
			continue
		}
		// Most words start no term: ix.starts says so without a lookup.
		if w := s[start:i]; len(w) <= ix.maxWord {
			if b := startBit(w); ix.starts[b/64]&(1<<(b%64)) != 0 {
				ix.hits(counts, s, start, i, ix.candidates(w, true, b), &covered)
			}
		}
		i++ // the separator after the word, if any
	}
	return words
}

// hitsAt is hits for the word s[start:end], which may not be plain.
func (ix *termIndex) hitsAt(counts []int32, s string, start, end int, plain bool, covered *[32]int) {
	w := s[start:end]
	if !plain {
		var buf [64]byte
		w = string(foldWord(buf[:0], w))
	}
	if len(w) > 0 && len(w) <= ix.maxWord {
		ix.hits(counts, s, start, end, ix.candidates(w, plain, startBit(w)), covered)
	}
}

// hits counts the terms cands (those whose first token is the word s[start:end]): per theme one
// mention, of its longest term there, and none for a word inside a longer term of the same
// theme just counted ("HIV/AIDS" is one mention of hiv, not three; "people living with HIV"
// one, not two). covered says, per theme, where its last term of several words ended.
func (ix *termIndex) hits(counts []int32, s string, start, end int, cands []int32, covered *[32]int) {
	// cands are longest first, so the first match of a theme is the one to count.
	var matched uint32 // a bit for each theme with a match here
	var next word      // the word after this one, read when a term has more than one token
	read := false
	for _, id := range cands {
		t := &ix.terms[id]
		if matched&(1<<t.theme) != 0 || start < covered[t.theme] {
			continue
		}
		if len(t.tokens) > 1 {
			if !read {
				next, read = readWord(s, end), true
			}
			if !next.is(t.tokens[1]) {
				continue
			}
			last, ok := follows(s, next.end, t.tokens[2:])
			if !ok {
				continue
			}
			covered[t.theme] = last
		}
		matched |= 1 << t.theme
		counts[id]++
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

// follows reports whether the words of s from byte i on are tokens, and where the last ends.
func follows(s string, i int, tokens []string) (int, bool) {
	for _, t := range tokens {
		w := readWord(s, i)
		if !w.is(t) {
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
