package ui

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"unvn/store"
	"unvn/termsafe"
)

// Search in the article: "/" in the reading pane asks for words, every match is highlighted and
// n / N step through them. Matching is the store's, so it is accent- and case-insensitive and a
// word matches at the start of a word, as in the list. Without a search of its own the pane
// highlights the list's query terms.

// match is one highlighted place in the document.
type match struct{ line, col, width int }

// findMatches is where terms match in the lines of d, in reading order. As a phrase, the terms
// must follow each other in a line; as words (the list's terms), each matches on its own.
func findMatches(d *renderedDoc, terms []string, phrase bool) []match {
	if d == nil || len(terms) == 0 {
		return nil
	}
	var out []match
	for i, l := range d.lines {
		plain := ansi.Strip(l)
		ranges := store.Highlight(plain, terms)
		if phrase {
			ranges = phraseRanges(plain, terms)
		}
		for _, rg := range ranges {
			out = append(out, match{line: i, col: ansi.StringWidth(plain[:rg[0]]), width: ansi.StringWidth(plain[rg[0]:rg[1]])})
		}
	}
	return out
}

// phraseRanges is where the terms match one after the other in text, with only spaces or
// punctuation between them: every term but the last a whole word, the last also a word's start
// (the word being typed), so "can tho" finds "Cần Thơ" but not "cannot those". As in the list,
// two adjacent terms also match as one word ("viet nam" finds "Vietnam") and a term matches a
// name written as two syllables ("vietnam" finds "Viet Nam").
func phraseRanges(text string, terms []string) [][2]int {
	n := len(terms)
	// at[k][0] is where term k matches, at[k][1] where terms k and k+1 match as one word.
	at := make([][2][][2]int, n)
	for k, t := range terms {
		at[k][0] = store.Highlight(text, []string{t})
		if k+1 < n {
			at[k][1] = store.Highlight(text, []string{t + terms[k+1]})
		}
	}
	// rest returns where terms k.. end when they follow a match that ended at byte from, or -1.
	var rest func(k, from int) int
	rest = func(k, from int) int {
		if k == n {
			return from
		}
		if !wordEnds(text, from) {
			return -1
		}
		for step := range 2 {
			for _, next := range at[k][step] {
				if next[0] >= from && !strings.ContainsFunc(text[from:next[0]], isWordRune) {
					if end := rest(k+1+step, next[1]); end >= 0 {
						return end
					}
				}
			}
		}
		return -1
	}
	var found [][2]int
	for step := range 2 {
		for _, first := range at[0][step] {
			if end := rest(1+step, first[1]); end >= 0 {
				found = append(found, [2]int{first[0], end})
			}
		}
	}
	slices.SortFunc(found, func(a, b [2]int) int { return a[0] - b[0] })
	var out [][2]int
	for _, r := range found {
		if len(out) == 0 || r[0] >= out[len(out)-1][1] {
			out = append(out, r)
		}
	}
	return out
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// wordEnds says whether a word ends at byte i of text.
func wordEnds(text string, i int) bool {
	r, _ := utf8.DecodeRuneInString(text[i:])
	return i >= len(text) || !isWordRune(r)
}

// SetListTerms gives the pane the list's query terms, highlighted while it has no search of its
// own.
func (r *readerModel) SetListTerms(terms []string) {
	r.listTerms = terms
	r.rematch()
}

// Finding says whether the search field has the keyboard: it gets every key then.
func (r readerModel) Finding() bool { return r.find.Focused() }

// startFind opens the search field.
func (r *readerModel) startFind() {
	r.find.SetValue("")
	r.find.SetWidth(max(r.width-3, 4))
	r.find.Focus()
}

// endFind closes the field: enter keeps its words (and goes to the first match from here), esc
// drops them.
func (r *readerModel) endFind(keep bool) {
	r.find.Blur()
	r.findTerms = nil
	if keep {
		r.findTerms = store.ParseLenient(r.find.Value()).Words()
	}
	r.rematch()
	if keep {
		r.current = -1
		r.stepMatch(1)
	}
}

// clearFind drops the pane's own search, back to the list's terms.
func (r *readerModel) clearFind() {
	r.findTerms = nil
	r.rematch()
}

// rematch finds the matches of the current terms in the current doc.
func (r *readerModel) rematch() {
	terms := r.findTerms
	if len(terms) == 0 {
		terms = r.listTerms
	}
	r.matches = findMatches(r.doc, terms, len(r.findTerms) > 0)
	r.current = -1
}

// stepMatch makes the next (dir 1) or previous (dir -1) match current, counting from the one
// that is, or from the top of the pane, and scrolls it into view; it goes round at the ends.
func (r *readerModel) stepMatch(dir int) {
	n := len(r.matches)
	if n == 0 {
		return
	}
	next := -1
	switch {
	case r.current >= 0:
		next = (r.current + dir + n) % n
	case dir > 0:
		next = 0
		for i, m := range r.matches {
			if m.line >= r.offset {
				next = i
				break
			}
		}
	default:
		next = n - 1
		for i, m := range r.matches {
			if m.line < r.offset+r.bodyHeight() {
				next = i
			}
		}
	}
	r.current = next
	r.reveal(r.matches[next].line)
}

// MatchPlace is the current match (1-based) and how many there are of the pane's own search; 0
// and 0 without one.
func (r readerModel) MatchPlace() (int, int) {
	if len(r.findTerms) == 0 {
		return 0, 0
	}
	return r.current + 1, len(r.matches)
}

// findLine is the search field, or what it found, for the last line of the pane.
func (r readerModel) findLine() string {
	if r.find.Focused() {
		return termsafe.Filter(r.find.View())
	}
	if len(r.findTerms) > 0 && len(r.matches) == 0 {
		return r.st.StatusWarn.Render(fmt.Sprintf("no match for %q", r.find.Value()))
	}
	return ""
}

// highlightMatches restyles the matches on lines [from, from+len(out)).
func (r readerModel) highlightMatches(out []string, from int) {
	for i, m := range r.matches {
		if m.line < from || m.line >= from+len(out) {
			continue
		}
		style := r.st.Match
		if i == r.current {
			style = r.st.ActiveMarker
		}
		out[m.line-from] = restyle(out[m.line-from], m.col, m.width, style)
	}
}
