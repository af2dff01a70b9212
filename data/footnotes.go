package data

import (
	"bytes"
	"cmp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Stage 6: footnotes. Reference lines leave the body ("[n] …" lines, several notes on one line,
// everything under a "References" heading); each note is kept once and marked cited when the
// body has its marker; a "[n]" between two letters that cites nothing was a hyphen.

// noteStart matches "[12] text" at the start of a line.
func noteStart(l string) (n int, rest string, ok bool) {
	if len(l) < 3 || l[0] != '[' {
		return 0, "", false
	}
	end := strings.IndexByte(l, ']')
	if end < 2 || end > 4 || !isDigits(l[1:end]) {
		return 0, "", false
	}
	return atoi(l[1:end]), strings.TrimSpace(l[end+1:]), true
}

// splitFootnotes takes the reference lines out of a body: "[n] …" lines wherever they stand,
// several on one line, and every line after a "References:" heading. Each number is kept once.
// The body is lines filtered in place: lines is the caller's to give up.
func splitFootnotes(lines []string) (body []string, notes []Footnote) {
	body = lines[:0]
	seen := map[int]bool{}
	add := func(n int, text string) {
		text = strings.TrimSpace(text)
		if text == "" || seen[n] {
			return
		}
		seen[n] = true
		notes = append(notes, Footnote{N: n, Text: text})
	}
	inRefs := false
	for _, l := range lines {
		if len(l) <= 20 && isRefHeader(l) {
			inRefs = true
			continue
		}
		if n, rest, ok := noteStart(l); ok && rest != "" {
			splitNoteLine(n, rest, add)
			continue
		}
		if inRefs {
			if m := numberedRef().FindStringSubmatch(l); m != nil {
				add(atoi(m[1]), m[2])
			} else {
				add(len(notes)+1, l)
			}
			continue
		}
		body = append(body, l)
	}
	slices.SortStableFunc(notes, func(a, b Footnote) int { return cmp.Compare(a.N, b.N) })
	return body, notes
}

var numberedRef = lazyRegexp(`^(\d{1,3})[.)]\s+(.+)$`)

// isRefHeader: a "References" heading, in any case, with or without its colon.
func isRefHeader(l string) bool {
	var buf [20]byte
	return refHeader[string(bytes.TrimRight(appendLower(buf[:0], l), ": "))]
}

// splitNoteLine splits "UNAIDS … [2] UNODC … [3] …" into numbered notes, giving each to add; a
// later marker counts only when its number is the next one, so a citation inside a note stays
// put.
func splitNoteLine(first int, rest string, add func(n int, text string)) {
	n := first
	for {
		var buf [24]byte
		next := append(strconv.AppendInt(append(buf[:0], " ["...), int64(n+1), 10), ']')
		i := strings.Index(rest, string(next))
		if i < 0 {
			add(n, rest)
			return
		}
		add(n, rest[:i])
		rest = strings.TrimSpace(rest[i+len(next):])
		n++
	}
}

// markerAt matches a footnote marker "[n]" at s[i].
func markerAt(s string, i int) (n, end int, ok bool) {
	if s[i] != '[' {
		return 0, 0, false
	}
	j := i + 1
	for j < len(s) && j-i <= 4 && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	if j == i+1 || j >= len(s) || s[j] != ']' {
		return 0, 0, false
	}
	return atoi(s[i+1 : j]), j + 1, true
}

// eachText calls f with a pointer to every piece of text in the blocks.
func eachText(blocks []Block, f func(*string)) {
	for i := range blocks {
		f(&blocks[i].Text)
		for j := range blocks[i].Items {
			f(&blocks[i].Items[j])
		}
	}
}

// restoreLostHyphens undoes a PDF copy artefact: "high[1]income", "net[1]zero". A marker between
// two letters that cites no reference of the article was a hyphen.
func restoreLostHyphens(a *Article) {
	eachText(a.Blocks, func(s *string) {
		if !strings.Contains(*s, "]") {
			return
		}
		var b strings.Builder
		last := 0
		for i := strings.IndexByte(*s, '['); i >= 0; i = indexFrom(*s, "[", max(i+1, last)) {
			if n, end, ok := markerAt(*s, i); ok && i > 0 && end < len(*s) {
				before, _ := utf8.DecodeLastRuneInString((*s)[:i])
				after, _ := utf8.DecodeRuneInString((*s)[end:])
				if _, has := a.Footnote(n); !has && unicode.IsLetter(before) && unicode.IsLower(after) {
					b.WriteString((*s)[last:i])
					b.WriteByte('-')
					last = end // the next marker is looked for after this one
				}
			}
		}
		if last > 0 {
			b.WriteString((*s)[last:])
			*s = b.String()
		}
	})
}

// markCited sets Cited on every footnote whose marker appears in the body.
func markCited(a *Article) {
	cited := map[int]bool{}
	eachText(a.Blocks, func(s *string) {
		for i := strings.IndexByte(*s, '['); i >= 0; i = indexFrom(*s, "[", i+1) {
			if n, _, ok := markerAt(*s, i); ok {
				cited[n] = true
			}
		}
	})
	for i := range a.Footnotes {
		a.Footnotes[i].Cited = cited[a.Footnotes[i].N]
	}
}
