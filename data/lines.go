package data

import (
	"strings"
	"sync"
)

// Stage 2: lines. A capture is read line by line, the way a person reads a page: each line gets
// the features that tell a menu from a headline from prose (its words, how many of them are
// function words, how it ends, the blank lines above it), and a class (classify.go).

// line is one non-blank line of a capture with what the later stages need to know of it. A
// capture has hundreds, so the small fields are packed at the end (96 bytes a line).
type line struct {
	text  string
	fold  string // Fold(text), made on first use (folded)
	kind  Kind   // the kind it names, for lineKind
	date  Date   // the date it holds, for lineDate
	words int    // up to maxWords
	stops int32  // function words ("the", "of", "to"…) + 1, counted on first use (see stopCount)
	gap   uint8  // blank lines before it, up to maxGap
	class lineClass
	// plainDate: the line is only a date, with no label, byline or place.
	plainDate bool
}

// maxWords is where a line's word count stops: every rule asks about fewer words.
const maxWords = 33

// maxGap is where the count of blank lines before a line stops: every rule asks about fewer.
const maxGap = 255

// A label-sized line is folded whatever it holds: classifyLine looks every line of up to
// maxFolded bytes up folded (tails, chrome labels), isPageChrome and kindInLabel every line of
// up to maxFoldedWords words that reaches them; classifyLine reads no line longer than
// maxClassified bytes. They read these constants, so the lines folded up front stay the lines
// they fold.
const (
	maxFolded      = 40
	maxFoldedWords = 8
	maxClassified  = 1000
)

// toLines drops blank lines, remembering how many stood before each line, and classifies the
// rest, into dst's records (made anew if it has too few). text is sanitised (sanitizeText, whose
// scan counted its lines); when the scan found white space to fold, each line is collapsed as it
// is read. The lines are cut from text; the label-sized lines are folded into one shared buffer
// before they are classified.
func toLines(dst []line, text string, sc textScan) []line {
	out := dst[:0]
	if text == "" {
		return out
	}
	text = strings.TrimSuffix(text, "\n")
	if n := sc.newlines + 1 - sc.blank; cap(out) < n { // (lines of white space only are blank too)
		out = make([]line, 0, n)
	}
	gap, labels := 0, 0
	for start := 0; start <= len(text); {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		t := text[start:end]
		start = end + 1
		if sc.collapse {
			t = collapseLine(t)
		}
		if t == "" {
			gap++
			continue
		}
		// A sanitised line has one space between words and none at either end, so its words
		// are its spaces and one (strings.Count counts many bytes at a time). No rule asks
		// about more than maxWords.
		l := line{text: t, gap: uint8(min(gap, maxGap)), words: min(strings.Count(t, " ")+1, maxWords)}
		if l.labelSized() {
			labels += len(t)
		}
		out = append(out, l)
		gap = 0
	}
	var folds strings.Builder
	folds.Grow(labels)
	for i := range out {
		if l := &out[i]; l.labelSized() {
			l.fold = foldShared(&folds, l.text)
		}
		classifyLine(&out[i])
	}
	return out
}

// linePool keeps line records from one parse to the next: after the text itself they are the
// most a parse allocates, and nothing of them outlives ParseSnapshot (articles keep the text the
// records point to, never the records).
var linePool = sync.Pool{New: func() any { return new([]line) }}

// labelSized: the line is short enough that classifying it folds it (see maxFolded).
func (l *line) labelSized() bool {
	return len(l.text) <= maxFolded || l.words <= maxFoldedWords && len(l.text) <= maxClassified
}

// foldShared returns Fold(t), written to b unless t is its own fold: a string cut from b's text,
// so the folds of many short lines share one allocation. (A Builder never changes what it has
// written, so the strings cut from it stay as they were.)
func foldShared(b *strings.Builder, t string) string {
	var buf [128]byte // most label-sized lines are short
	f := appendFold(buf[:0], t)
	if string(f) == t {
		return t
	}
	start := b.Len()
	b.Write(f)
	return b.String()[start:]
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
		l.stops = int32(1 + stopWordCount(l.text))
	}
	return int(l.stops - 1)
}
