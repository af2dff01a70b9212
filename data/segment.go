package data

import "strings"

// Stage 4: segment. A capture holds one article or a listing of several. A listing is a run of
// repeated item shapes, whatever the site: a kind label with a date and a title (the UN Viet Nam
// site's cards), a title next to a date ("Title / 07 May 2020 / summary", "Sunday, December 16,
// 2012 / Title / post"), a title above the same marker line ("Title / Print Email"), or a title
// after a wide gap, followed by prose. An item runs from its first header line to the next
// item; the lines before the first item are the page's own header.

// itemSpan is one item's lines, ls[start:end].
type itemSpan struct {
	start, end int
	card       bool // a site card: cut at the site's boundary lines
}

// segment cuts a capture into item spans and returns where the page's own header ends.
func segment(ls []line) (spans []itemSpan, header int) {
	starts, card := cardStarts(ls), true
	if len(starts) == 0 {
		card = false
		starts = datedStarts(ls)
		if len(starts) < 2 {
			starts = markerStarts(ls)
		}
		if len(starts) < 2 {
			starts = nil
		}
		gaps := gapStarts(ls)
		if len(starts) == 0 && len(gaps) > 0 {
			gaps = append([]int{0}, gaps...)
		}
		starts = mergeStarts(starts, gaps)
	}
	if len(starts) == 0 {
		return []itemSpan{{0, len(ls), false}}, 0
	}
	spans = make([]itemSpan, 0, len(starts))
	for i, s := range starts {
		end := len(ls)
		if i+1 < len(starts) {
			end = starts[i+1]
		}
		spans = append(spans, itemSpan{s, end, card})
	}
	return spans, starts[0]
}

// cardStarts finds the UN site's cards: a kind (or media) label, then a date and a title in
// either order.
func cardStarts(ls []line) []int {
	var out []int
	for i := 0; i+2 < len(ls); i++ {
		if ls[i].class != lineKind && ls[i].class != lineMedia {
			continue
		}
		a, b := &ls[i+1], &ls[i+2]
		if isCardDate(a) && isCardTitle(b) || isCardDate(b) && isCardTitle(a) {
			out = append(out, i)
		}
	}
	return out
}

func isCardTitle(l *line) bool {
	return l.words >= 2 && (l.class == lineText || l.class == lineChrome && !isBoundaryLine(l.text))
}

// isCardDate: a card's date stands alone, with no byline or label.
func isCardDate(l *line) bool {
	return l.class == lineDate && l.plainDate
}

// datedStarts finds listing items that pair a dated line with a title just before or after it.
func datedStarts(ls []line) []int {
	var out []int
	used := -1
	for i := range ls {
		if ls[i].class != lineDate || ls[i].date.Precision != PrecisionDay {
			continue
		}
		before, after := minTitleScore-1, minTitleScore-1 // the scores of the lines around it
		if i > 0 && i-1 > used {
			before = titleScore(ls, i-1)
		}
		if i+1 < len(ls) {
			after = titleScore(ls, i+1)
		}
		switch {
		case before >= minTitleScore && before >= after:
			out = append(out, i-1)
			used = i
		case after >= minTitleScore:
			out = append(out, i)
			used = i + 1
		}
	}
	return out
}

// isListingTitle: a line that can head a listing item.
func isListingTitle(ls []line, i int) bool {
	return titleScore(ls, i) >= minTitleScore
}

// markerStarts finds items headed by a title over the same short marker line ("Print Email"):
// the marker must repeat, each time under a different title.
func markerStarts(ls []line) []int {
	count := map[string]int{}
	var cands []int // markers under a title
	for i := 1; i < len(ls); i++ {
		if ls[i].words <= 4 && ls[i].class != lineText && ls[i].class != lineDate && isListingTitle(ls, i-1) {
			count[ls[i].text]++
			cands = append(cands, i)
		}
	}
	var out []int
	for _, i := range cands {
		if count[ls[i].text] >= 2 {
			out = append(out, i-1)
		}
	}
	return out
}

// gapStarts finds items that start after two or more blank lines with a title followed by
// prose: clippings and stories printed one after another.
func gapStarts(ls []line) []int {
	var out []int
	wide := max(2, usualGap(ls)+1)
	for i := 1; i+1 < len(ls); i++ {
		if int(ls[i].gap) >= wide && ls[i].words >= 4 && isListingTitle(ls, i) && ls[i+1].isProse() {
			out = append(out, i)
		}
	}
	return out
}

// usualGap is how many blank lines usually stand between paragraphs in this capture: some
// capture tools leave one, some none, some two. A gap is wide only when it is wider than that.
func usualGap(ls []line) int {
	var count [8]int
	for i := range ls {
		if ls[i].isProse() {
			count[min(ls[i].gap, 7)]++
		}
	}
	usual := 0
	for g := range count {
		if count[g] > count[usual] {
			usual = g
		}
	}
	return usual
}

// mergeStarts unions two sorted lists of item starts.
func mergeStarts(a, b []int) []int {
	if len(a) == 0 {
		return b
	}
	if len(b) == 0 {
		return a
	}
	seen := map[int]bool{}
	var out []int
	for _, s := range append(append([]int(nil), a...), b...) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	sortInts(out)
	// Two starts a line or two apart are the same item seen by two rules.
	dedup := out[:0]
	for _, s := range out {
		if n := len(dedup); n > 0 && s-dedup[n-1] <= 2 {
			continue
		}
		dedup = append(dedup, s)
	}
	return dedup
}

func sortInts(a []int) {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && a[j] < a[j-1]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

// pageKind reads a kind from the page's own labels before its items: a section title
// ("Making a Difference Stories"), a menu entry ("Press releases"), a category line.
func pageKind(ls []line) (Kind, bool) {
	for i := range ls {
		if k, ok := kindInLabel(&ls[i]); ok {
			return k, true
		}
	}
	return "", false
}

// kindInLabel reads the kind named by a short label line.
func kindInLabel(l *line) (Kind, bool) {
	if l.class == lineKind {
		return l.kind, true
	}
	if l.words > maxFoldedWords || l.class == lineText && l.stopCount() > 1 {
		return "", false
	}
	f := l.folded()
	for _, kw := range kindWords {
		if hasWholeWords(f, kw.word) {
			return kw.kind, true
		}
	}
	return "", false
}

// hasWholeWords reports whether the words w stand in s whole, between spaces or at its ends:
// strings.Contains(" "+s+" ", " "+w+" ") without making either.
func hasWholeWords(s, w string) bool {
	for i := strings.Index(s, w); i >= 0; i = indexFrom(s, w, i+1) {
		if (i == 0 || s[i-1] == ' ') && (i+len(w) == len(s) || s[i+len(w)] == ' ') {
			return true
		}
	}
	return false
}
