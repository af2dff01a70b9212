package ui

import (
	"fmt"
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
// (the word being typed), so "can tho" finds "Cần Thơ" but not "cannot those".
func phraseRanges(text string, terms []string) [][2]int {
	per := make([][][2]int, len(terms))
	for i, t := range terms {
		per[i] = store.Highlight(text, []string{t})
	}
	var out [][2]int
	for _, first := range per[0] {
		cur, ok := first, true
		for k := 1; k < len(terms) && ok; k++ {
			ok = false
			if !wordEnds(text, cur[1]) {
				break
			}
			for _, next := range per[k] {
				if next[0] >= cur[1] && !strings.ContainsFunc(text[cur[1]:next[0]], isWordRune) {
					cur, ok = [2]int{first[0], next[1]}, true
					break
				}
			}
		}
		if ok && (len(out) == 0 || cur[0] >= out[len(out)-1][1]) {
			out = append(out, cur)
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
		r.findTerms = store.ParseLenient(r.find.Value()).Terms()
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
