package data

import "strings"

// Stage 2: lines. A capture is read line by line, the way a person reads a page: each line gets
// the features that tell a menu from a headline from prose (its words, how many of them are
// function words, how it ends, the blank lines above it), and a class (classify.go).

// line is one non-blank line of a capture with what the later stages need to know of it.
type line struct {
	text  string
	gap   int // blank lines before it
	words int // up to maxWords
	stops int // function words ("the", "of", "to"…) + 1, counted on first use (see stopCount)
	class lineClass
	date  Date // the date it holds, for lineDate
	// plainDate: the line is only a date, with no label, byline or place.
	plainDate bool
	kind      Kind   // the kind it names, for lineKind
	fold      string // Fold(text), made on first use (folded)
}

// maxWords is where a line's word count stops: every rule asks about fewer words.
const maxWords = 33

// toLines drops blank lines, remembering how many stood before each line, and classifies the rest.
func toLines(texts []string) []line {
	out := make([]line, 0, len(texts))
	gap := 0
	for _, t := range texts {
		if t == "" {
			gap++
			continue
		}
		// A sanitised line has one space between words and none at either end, so its words
		// are its spaces and one (strings.Count counts many bytes at a time). No rule asks
		// about more than maxWords.
		l := line{text: t, gap: gap, words: min(strings.Count(t, " ")+1, maxWords)}
		classifyLine(&l)
		out = append(out, l)
		gap = 0
	}
	return out
}

// isProse: running text, a sentence or more. Headlines are shorter and have no closing full
// stop; a lede or a paragraph ends like a sentence or runs long.
func (l *line) isProse() bool {
	if l.class != lineText {
		return false
	}
	if l.words >= 32 {
		return true
	}
	// A question ends many headlines ("Why do some women experience more violence…?").
	return l.words >= 8 && endsSentence(l.text) && (l.words >= 20 || !strings.HasSuffix(strings.TrimRight(l.text, "”\"’')"), "?"))
}

// folded is the line's text folded (Fold), made once.
func (l *line) folded() string {
	if l.fold == "" {
		l.fold = Fold(l.text)
	}
	return l.fold
}

// stopCount is how many function words the line has: menus and straps have none, prose has
// many. Only headline candidates and labels need it, so it is counted when first asked.
func (l *line) stopCount() int {
	if l.stops == 0 {
		l.stops = 1 + stopWordCount(l.text)
	}
	return l.stops - 1
}
