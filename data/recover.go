package data

import (
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text recovery for captures that lost their line breaks (001): "growth.A Turning PointFounded in
// 2012" is a paragraph end, a heading and a new paragraph; "progress:The representation …
// increased.Women occupy …" is a list. The rules look only at the shape of the glue (no space
// after a sentence end or a colon, a lower-case letter running into a capital) so they hold for
// any capture, and they leave real camel case (PrEP, TikToker), abbreviations (U.S., Ms.), URLs
// and e-mail addresses alone.

// unitHint is what recovery learnt about a piece of text.
type unitHint int

const (
	hintNone    unitHint = iota
	hintHeading          // a heading recovered from glue
	hintItem             // an item of a list glued after a colon
)

// unit is a line, or a piece of a glued line, on its way to becoming a block.
type unit struct {
	text string
	hint unitHint
	list int // list number, for hintItem
}

// glue is how a piece was attached to the one before it.
type glue int

const (
	glueStart    glue = iota // first piece of a line
	glueSentence             // "end.Next"
	glueColon                // "intro:First"
)

type piece struct {
	text string
	sep  glue
	// Glued headings can end in text only from headingFrom up to, not including, headingTo:
	// splitGlued's walk finds the first and the last place where one can end, and most pieces
	// have none (headingFrom >= headingTo).
	headingFrom, headingTo int
}

// recoverLine splits one captured line into units, appended to out. A line with no glue comes
// back whole.
func recoverLine(out []unit, line string, nextList *int) []unit {
	var buf [4]piece // most lines are one piece: no allocation for them
	pieces := splitGlued(buf[:0], line)
	inList := false
	labelled := false
	for _, p := range pieces {
		switch {
		case p.sep == glueColon && isListItem(p.text):
			*nextList++
			inList = true
			labelled = hasLabel(p.text)
		case inList && p.sep == glueSentence && isListItem(p.text) && hasLabel(p.text) == labelled:
		default:
			inList = false
		}
		if inList {
			for _, t := range splitGluedName(p.text) {
				out = append(out, unit{text: t, hint: hintItem, list: *nextList})
			}
			continue
		}
		out = appendHeadings(out, p.text, p.headingFrom, p.headingTo)
	}
	return out
}

// gluedName matches a contact line whose name ran into the job title: "Ms. Hoang
// ThaoCommunications and Advocacy Analyst".
var gluedName = lazyRegexp(`^((?:(?:Mr|Ms|Mrs|Dr|Prof)\.? )?(?:\p{Lu}\p{Ll}+ ){1,4}\p{Lu}\p{Ll}+)(\p{Lu}\p{Ll}+ .*)$`)

func splitGluedName(s string) []string {
	if !startsUpper(s) || !hasCamelJoin(s) {
		return []string{s} // what gluedName needs: a capital first and a small letter glued to a capital
	}
	if m := gluedName().FindStringSubmatch(s); m != nil && !isCamelWord(s, len(m[1])) {
		return []string{m[1], m[2]}
	}
	return []string{s}
}

// hasCamelJoin reports whether a lower-case letter runs straight into an upper-case one in s:
// the glue walk stops at every capital after a small letter.
func hasCamelJoin(s string) bool {
	for i := nextGlueStop(s, 0); i < len(s); i = nextGlueStop(s, i) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if i > 0 && unicode.IsUpper(r) && afterSmallLetter(s, i) {
			return true
		}
		i += n
	}
	return false
}

// isListItem: one sentence, not too long.
func isListItem(s string) bool {
	return len(s) <= 300 && !hasSentenceBreak(strings.TrimRight(s, ". "))
}

// hasSentenceBreak reports whether s holds ". " after a word that is not an abbreviation.
func hasSentenceBreak(s string) bool {
	for i := strings.Index(s, ". "); i >= 0; {
		if !isAbbreviation(s[:i]) {
			return true
		}
		j := strings.Index(s[i+2:], ". ")
		if j < 0 {
			return false
		}
		i += 2 + j
	}
	return false
}

// hasLabel matches list items of the shape "Label: description".
func hasLabel(s string) bool {
	i := strings.Index(s, ": ")
	return i > 0 && i < 80 && wordCount(s[:i]) <= 8
}

// splitGlued cuts a line at sentence ends and colons that run into the next sentence without a
// space, and appends the pieces to out.
func splitGlued(out []piece, line string) []piece {
	links := lineLinks{line: line}
	start := 0
	sep := glueStart
	quotes := 0                   // straight double quotes seen so far, for telling opening from closing
	firstHead, lastHead := -1, -1 // the first and last places in the piece where a glued heading can end
	for i := 0; i < len(line); {
		if i = nextGlueStop(line, i); i == len(line) {
			break
		}
		r, n := utf8.DecodeRuneInString(line[i:])
		if r == '"' {
			quotes++
		}
		if i > start && (r < 0x80 || unicode.IsUpper(r) || r == '“') {
			if cut, kind := glueAt(line, i, r, quotes, &links); cut >= 0 && cut > start && cut < len(line) {
				out = append(out, newPiece(line, start, cut, sep, firstHead, lastHead))
				start, sep, firstHead, lastHead = cut, kind, -1, -1
			}
		}
		if i > start && (unicode.IsUpper(r) || r == '“') && afterSmallLetter(line, i) {
			// What findGluedHeading looks for first.
			if firstHead < 0 {
				firstHead = i
			}
			lastHead = i
		}
		i += n
	}
	return append(out, newPiece(line, start, len(line), sep, firstHead, lastHead))
}

// afterSmallLetter reports whether a small letter, ASCII or not, comes before byte i of s.
func afterSmallLetter(s string, i int) bool {
	if c := s[i-1]; c < 0x80 {
		return 'a' <= c && c <= 'z'
	}
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	return unicode.IsLower(prev)
}

// newPiece makes the piece line[start:end] without its spaces; first and last are the first and
// last places in line where a glued heading can end, or -1.
func newPiece(line string, start, end int, sep glue, first, last int) piece {
	raw := line[start:end]
	p := piece{text: strings.TrimSpace(raw), sep: sep}
	if first >= 0 {
		// The spaces trimmed off raw's start moved the places back, by no more than were
		// trimmed in all: the span is widened by that much at most.
		p.headingFrom = max(0, first-start-(len(raw)-len(p.text)))
		p.headingTo = min(len(p.text), last-start+1)
	}
	return p
}

// lineLinks tells whether a line holds an address at all, looked up once and only if a glue
// needs to know: most lines hold none, and then no glue is inside one and inLink need not look.
type lineLinks struct {
	line       string
	known, has bool
}

func (l *lineLinks) any() bool {
	if !l.known {
		l.known = true
		l.has = strings.Contains(l.line, "://") || strings.Contains(l.line, "@") || strings.Contains(l.line, "www.")
	}
	return l.has
}

// glueAt decides whether a new piece starts at byte i (rune r): it returns the cut position
// (i, or i+1 when a straight closing quote at i belongs to the piece before) or -1.
func glueAt(s string, i int, r rune, quotes int, links *lineLinks) (int, glue) {
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	straight := r == '"'
	opening := r == '“' || straight && quoteOpens(s, i, quotes)
	if !unicode.IsUpper(r) && !opening {
		// A straight quote that closes: "…card?"These" is cut after the quote.
		if straight && i+1 < len(s) && strings.ContainsRune(".?!,", prev) {
			next, _ := utf8.DecodeRuneInString(s[i+1:])
			if unicode.IsUpper(next) && !(links.any() && inLink(s, i)) {
				return i + 1, glueSentence
			}
		}
		return -1, glueStart
	}
	if prev == ':' && !opening && !(links.any() && inLink(s, i)) {
		return i, glueColon
	}
	// Skip back over closing quotes and brackets: "grow.”The", "ourselves,”The".
	k := i
	closed := false
	for k > 0 {
		c, cn := utf8.DecodeLastRuneInString(s[:k])
		if c == '”' || c == '’' || c == ')' {
			closed = closed || c != ')'
			k -= cn
			continue
		}
		break
	}
	end, en := utf8.DecodeLastRuneInString(s[:k])
	switch {
	case end == '.' || end == '?' || end == '!':
		if end == '.' && (isAbbreviation(s[:k-en]) || links.any() && inLink(s, i)) {
			return -1, glueStart
		}
		if unicode.IsDigit(end) {
			return -1, glueStart
		}
		return i, glueSentence
	case end == ',' && closed:
		return i, glueSentence
	}
	return -1, glueStart
}

// quoteOpens tells an opening straight quote from a closing one: a quote glued to the next word
// and not to the one before opens; one glued to the word before closes; one glued on both sides
// ("card?"These") is decided by how many quotes came before it.
func quoteOpens(s string, i, quotes int) bool {
	var next, prev rune = ' ', ' '
	if i+1 < len(s) {
		next, _ = utf8.DecodeRuneInString(s[i+1:])
	}
	if i > 0 {
		prev, _ = utf8.DecodeLastRuneInString(s[:i])
	}
	switch {
	case unicode.IsSpace(next) || unicode.IsPunct(next):
		return false
	case unicode.IsSpace(prev) || prev == '(':
		return true
	}
	return quotes%2 == 1
}

// isAbbreviation reports whether the word before a full stop is an abbreviation or an initial
// (U.S., Ms., Dr.), after which a capital does not start a sentence.
func isAbbreviation(before string) bool {
	// Abbreviations are short: look back no further than one could reach, so a line that is
	// one endless word costs no more per full stop than a short one.
	const longest = 16
	j := len(before)
	for j > 0 {
		c, n := utf8.DecodeLastRuneInString(before[:j])
		if !unicode.IsLetter(c) && c != '.' {
			break
		}
		if len(before)-j >= longest {
			return false
		}
		j -= n
	}
	w := before[j:]
	if w == "" {
		return false
	}
	if utf8.RuneCountInString(w) == 1 || strings.Contains(w, ".") && utf8.RuneCountInString(strings.ReplaceAll(w, ".", "")) <= 3 {
		return true
	}
	return abbreviations[strings.ToLower(w)]
}

// inLink reports whether byte i sits inside a URL or an e-mail address.
func inLink(s string, i int) bool {
	// Look at most this far either way: an address longer than that is not told apart, and a
	// line that is one endless token stays linear.
	const reach = 512
	lo := max(0, i-reach)
	a := lo + strings.LastIndexAny(s[lo:i], " \t(") + 1
	hi := min(len(s), i+reach)
	b := strings.IndexAny(s[i:hi], " \t)")
	if b < 0 {
		b = hi
	} else {
		b += i
	}
	tok := s[a:b]
	return strings.Contains(tok, "@") || strings.Contains(tok, "://") || strings.HasPrefix(tok, "www.")
}

// appendHeadings finds headings glued to both neighbours inside a piece: "…response. A Turning
// PointFounded in 2012…" (or with no space before, after splitGlued) gives the text before, the
// heading "A Turning Point", and the text from "Founded"; it appends them to out. Glued headings
// can end only from byte from up to, not including, byte to.
func appendHeadings(out []unit, text string, from, to int) []unit {
	for {
		h, b, ok := findGluedHeading(text, from, to)
		if !ok {
			break
		}
		if pre := strings.TrimSpace(text[:h]); pre != "" {
			out = append(out, unit{text: pre})
		}
		out = append(out, unit{text: strings.TrimSpace(text[h:b]), hint: hintHeading})
		text, from, to = text[b:], 0, to-b
	}
	if t := strings.TrimSpace(text); t != "" {
		out = append(out, unit{text: t})
	}
	return out
}

// findGluedHeading returns the heading's start h and the start b of the text glued after it,
// looking for b from byte from up to, not including, byte to.
func findGluedHeading(s string, from, to int) (h, b int, ok bool) {
	// The walk looks back one byte at most: it sees the same stops in s[:to].
	for i := nextGlueStop(s[:to], from); i < to; i = nextGlueStop(s[:to], i) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if i > 0 && (unicode.IsUpper(r) && camelBoundary(s, i+n) || r == '“') {
			// The glue is a small letter run into the heading's end; a heading has two words or
			// more, so a space within its reach.
			if afterSmallLetter(s, i) && strings.IndexByte(s[max(0, i-100):i], ' ') >= 0 {
				if h, ok := headingStart(s, i); ok && !isCamelWord(s, i) && hasWords(s[i:], 3) {
					return h, i, true
				}
			}
		}
		i += n
	}
	return 0, 0, false
}

// camelBoundary: the capital at the boundary begins a word (followed by lower case), stands
// alone ("S Đỏ"), or takes an apostrophe — not an acronym tail like "DigitALL" or "PrEP".
func camelBoundary(s string, j int) bool {
	if j >= len(s) {
		return false
	}
	next, _ := utf8.DecodeRuneInString(s[j:])
	return unicode.IsLower(next) || next == ' ' || next == '’' || next == '\''
}

// isCamelWord reports whether the word around byte i is real camel case: a known word, or a
// one- or two-letter prefix such as "Mc", "Vn", "We" in McDonald, VnExpress, WeChat.
func isCamelWord(s string, i int) bool {
	const longest = 40 // no camel-case word is longer
	a := i
	for a > 0 && i-a < longest {
		c, n := utf8.DecodeLastRuneInString(s[:a])
		if !unicode.IsLetter(c) {
			break
		}
		a -= n
	}
	b := i
	for b < len(s) && b-i < longest {
		c, n := utf8.DecodeRuneInString(s[b:])
		if !unicode.IsLetter(c) {
			break
		}
		b += n
	}
	if utf8.RuneCountInString(s[a:i]) <= 2 {
		return true
	}
	return camelWords[strings.ToLower(s[a:b])]
}

// headingStart finds where a heading that ends at byte end begins: after the last sentence end
// before it, or at the start. The words between must look like a heading: 2–12 words, starting
// with a capital or digit, with no sentence punctuation or commas.
func headingStart(s string, end int) (int, bool) {
	// A heading is at most 100 bytes: a start further back than that is no heading's, so the
	// walk back stops there.
	const longest = 100
	h := 0
	for j := end - 1; j > 0; j-- {
		if end-j > longest+1 {
			return 0, false
		}
		if s[j] != ' ' {
			continue
		}
		before := strings.TrimRight(s[:j], "”’\")")
		if before == "" {
			continue
		}
		if c := before[len(before)-1]; c == '.' || c == '?' || c == '!' {
			if c == '.' && isAbbreviation(before[:len(before)-1]) {
				continue
			}
			h = j + 1
			break
		}
	}
	cand := s[h:end]
	words := wordCount(cand)
	if words < 2 || words > 12 || len(cand) > 100 {
		return 0, false
	}
	first, _ := utf8.DecodeRuneInString(cand)
	if !unicode.IsUpper(first) && !unicode.IsDigit(first) {
		return 0, false
	}
	if strings.ContainsAny(cand, ".?!;,“”\"") {
		return 0, false
	}
	return h, true
}

// glueAfter marks the bytes after which a capital can start glue: punctuation ("end.Next",
// "intro:First", "grow.”The"), a small letter ("PointFounded") or a byte of a non-ASCII character
// ("Nội Bài"). Most capitals follow a space or stand inside a word ("UNICEF", "2PM"): no glue
// finder need look at those.
var glueAfter = func() (t [256]bool) {
	for c := range t {
		t[c] = c >= 0x80 || !asciiWord[c] && c != ' ' || 'a' <= c && c <= 'z'
	}
	return t
}()

// nextGlueStop returns the first index from i on where a glue finder has something to look at:
// a non-ASCII byte, a straight quote, or a capital after a byte that glueAfter marks (a capital
// at the start of s follows nothing, so glues nothing). Eight bytes are tested at a time: every
// line of a capture passes through here, and most of it is plain.
func nextGlueStop(s string, i int) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for ; i+8 <= len(s); i += 8 {
		w := word8(s, i)
		// q has a zero byte where w has a quote, and (q-ones)&^q flags it; the difference
		// borrows only upwards from a quote, so it flags every quote, and a byte above one at
		// worst, which the test below turns away.
		q := w ^ ones*'"'
		for stop := (w | asciiBetween8(w, 'A', 'Z') | (q-ones)&^q) & highs; stop != 0; stop &= stop - 1 {
			k := i + bits.TrailingZeros64(stop)/8
			if c := s[k]; c >= 0x80 || c == '"' || k > 0 && glueAfter[s[k-1]] {
				return k
			}
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || c == '"' || 'A' <= c && c <= 'Z' && i > 0 && glueAfter[s[i-1]] {
			break
		}
	}
	return i
}
