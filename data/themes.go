package data

import (
	"sort"
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
	id     int // position in allTerms
	theme  int // position of the theme in Themes
	text   string
	tokens []string
}

var (
	// allTerms lists every term; termIndex maps a term's first token to the ids of the terms
	// that start with it; termFilter has a bit for the length of every termIndex key under its
	// first two bytes, so most words skip folding and the map.
	allTerms   []themeTerm
	termIndex  = map[string][]int{}
	termFilter [32][32]uint64
)

// filterSlot maps a folded byte to a row of termFilter: letters to themselves, anything else to
// a shared slot (which only makes the filter let more through).
func filterSlot(c byte) byte {
	if c >= 'a' && c <= 'z' {
		return c - 'a'
	}
	return 31
}

// mayStartTerm reports whether a folded word with these first two bytes and this length can be a
// key of termIndex. second is 0 for a one-byte word.
func mayStartTerm(first, second byte, n int) bool {
	return n < 64 && termFilter[filterSlot(first)][filterSlot(second)]&(1<<n) != 0
}

func init() {
	for ti, th := range Themes {
		for _, t := range themeRules[th.ID] {
			toks := foldTokens(t)
			if len(toks) == 0 {
				continue
			}
			id := len(allTerms)
			allTerms = append(allTerms, themeTerm{id: id, theme: ti, text: t, tokens: toks})
			k := toks[0]
			termIndex[k] = append(termIndex[k], id)
			if len(k) < 64 {
				second := byte(0)
				if len(k) > 1 {
					second = k[1]
				}
				termFilter[filterSlot(k[0])][filterSlot(second)] |= 1 << len(k)
			}
		}
	}
}

// foldTokens folds text (as Fold does) and splits it into words in one pass: letters and digits,
// with "+" kept at a word's end (VNP+, LGBTIQ+) and an apostrophe inside a word ("women's", with
// ’ written as '). It tokenises the terms of themeRules; articles go through wordSpans, which
// finds the same words without copying the text.
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
			if r < rune(len(foldTable())) {
				buf = append(buf, foldTable()[r]...)
			} else {
				buf = append(buf, foldRune(r)...)
			}
		default:
			end()
		}
	}
	end()
	return buf, bounds
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// termCounts adds the term hits in texts to counts (indexed by term id) and returns the number
// of words. It finds word boundaries on the text as it is and folds only the words that could
// start a term (by folded first byte and length), which is most of the speed of parsing.
func termCounts(counts []int, texts ...string) int {
	sc := spanScratch.Get().(*[]span)
	defer spanScratch.Put(sc)
	words := 0
	for _, text := range texts {
		spans := wordSpans(text, (*sc)[:0])
		*sc = spans
		words += len(spans)
		for i := range spans {
			cands := candidates(text, spans[i])
			if len(cands) == 0 {
				continue
			}
			// One mention per theme per position: "HIV/AIDS" is one mention, not three.
			var best [32]int
			for _, id := range cands {
				c := &allTerms[id]
				if b := best[c.theme]; spansMatch(text, spans[i:], c.tokens) && (b == 0 || len(c.tokens) > len(allTerms[b-1].tokens)) {
					best[c.theme] = id + 1
				}
			}
			for _, b := range best[:len(Themes)] {
				if b > 0 {
					counts[b-1]++
				}
			}
		}
	}
	return words
}

// span is a word of a text: its byte range, and whether it is plain ASCII with no apostrophe to
// normalise (so folding is lower-casing).
type span struct {
	start, end int32
	ascii      bool
}

var spanScratch = sync.Pool{New: func() any { s := make([]span, 0, 1024); return &s }}

// wordSpans finds the words of s as foldTokens would: letters and digits, "+" at a word's end,
// an apostrophe inside a word.
func wordSpans(s string, out []span) []span {
	start := -1
	ascii := true
	end := func(e int) {
		if start >= 0 {
			out = append(out, span{int32(start), int32(e), ascii})
			start, ascii = -1, true
		}
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < 0x80 {
			switch {
			case asciiWord[c]:
				if start < 0 {
					start = i
				}
				// The rest of an ASCII word in one tight loop.
				for i+1 < len(s) && asciiWord[s[i+1]&0x7f] && s[i+1] < 0x80 {
					i++
				}
			case c == '\'' && start >= 0 && i+1 < len(s) && isASCIILetter(s[i+1]):
			case c == '+' && start >= 0:
				end(i + 1)
			default:
				end(i)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '’' && start >= 0 && i+n < len(s) && isASCIILetter(s[i+n]):
			ascii = false
		case isLetter(r) || unicode.Is(unicode.Mn, r):
			if start < 0 {
				start = i
			}
			ascii = false
		default:
			end(i)
		}
		i += n
	}
	end(len(s))
	return out
}

// asciiWord marks the ASCII letters and digits.
var asciiWord = func() (t [128]bool) {
	for c := range t {
		t[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	}
	return t
}()

// foldSpan appends the folded word to buf.
func foldSpan(s string, sp span, buf []byte) []byte {
	w := s[sp.start:sp.end]
	if sp.ascii {
		for i := 0; i < len(w); i++ {
			c := w[i]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf = append(buf, c)
		}
		return buf
	}
	for _, r := range w {
		switch {
		case r < 0x80:
			if r >= 'A' && r <= 'Z' {
				r += 'a' - 'A'
			}
			buf = append(buf, byte(r))
		case r == '’':
			buf = append(buf, '\'')
		case r < rune(len(foldTable())):
			buf = append(buf, foldTable()[r]...)
		default:
			buf = append(buf, foldRune(r)...)
		}
	}
	return buf
}

// candidates returns the ids of the terms whose first token is this word (or its singular).
func candidates(s string, sp span) []int {
	n := int(sp.end - sp.start)
	if sp.ascii {
		first, second := lowerASCII(s[sp.start]), byte(0)
		if n > 1 {
			second = lowerASCII(s[sp.start+1])
		}
		last := s[sp.end-1]
		if !mayStartTerm(first, second, n) && !(n > 3 && (last == 's' || last == 'S') && mayStartTerm(first, second, n-1)) {
			return nil
		}
	}
	var buf [64]byte
	w := foldSpan(s, sp, buf[:0])
	if len(w) == 0 || len(w) >= 64 {
		return nil
	}
	second := byte(0)
	if len(w) > 1 {
		second = w[1]
	}
	if mayStartTerm(w[0], second, len(w)) {
		if c := termIndex[string(w)]; len(c) > 0 {
			return c
		}
	}
	if k := len(w) - 1; k > 2 && w[k] == 's' && mayStartTerm(w[0], second, k) {
		return termIndex[string(w[:k])]
	}
	return nil
}

func lowerASCII(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// spansMatch reports whether the words from spans[0] on are the term's tokens (each may carry a
// plural "s").
func spansMatch(s string, spans []span, term []string) bool {
	if len(spans) < len(term) {
		return false
	}
	var buf [64]byte
	for j, t := range term {
		w := foldSpan(s, spans[j], buf[:0])
		if string(w) != t && !(len(w) == len(t)+1 && w[len(t)] == 's' && string(w[:len(t)]) == t) {
			return false
		}
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
	title := make([]int, len(allTerms))
	termCounts(title, a.Title)
	// The lead is counted on its own, the rest of the body in one pass; the body's counts then
	// include the lead's, so no text is tokenised twice.
	var texts []string
	leadBlock := leadText(a) // nil for a teaser: its summary is the lead
	leadHead := a.Summary
	eachText(a.Blocks, func(s *string) {
		if s == leadBlock {
			head, tail := splitLead(*s)
			leadHead = head
			if tail != "" {
				texts = append(texts, tail)
			}
			return
		}
		texts = append(texts, *s)
	})
	lead := make([]int, len(allTerms))
	words := termCounts(lead, leadHead)
	body := make([]int, len(allTerms))
	words += termCounts(body, texts...)
	if leadBlock != nil {
		for id := range body {
			body[id] += lead[id]
		}
	}
	var tHits, lHits, bHits [32]int
	for id, t := range allTerms {
		tHits[t.theme] += title[id]
		lHits[t.theme] += lead[id]
		bHits[t.theme] += body[id]
	}
	var out []ThemeMatch
	for ti, th := range Themes {
		t, l, b := tHits[ti], lHits[ti], bHits[ti]
		if t == 0 && l == 0 && (b < 3 || b*175 < words) {
			continue
		}
		out = append(out, ThemeMatch{ID: th.ID, Terms: topTerms(ti, title, body)})
	}
	return out
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
func topTerms(ti int, title, body []int) []string {
	type tc struct {
		t string
		n int
	}
	var all []tc
	for id, t := range allTerms {
		if t.theme == ti && title[id]+body[id] > 0 {
			all = append(all, tc{t.text, body[id] + 1000*title[id]})
		}
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].n != all[j].n {
			return all[i].n > all[j].n
		}
		return all[i].t < all[j].t
	})
	out := make([]string, 0, 5)
	for i := 0; i < len(all) && i < 5; i++ {
		out = append(out, all[i].t)
	}
	return out
}
