package data

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Stage 5b: blocks. The cleaned lines, after text recovery (recover.go), become the article's
// blocks: recovered headings and lists as they are, then captions, headings (short title-like
// lines before running text), lists after a line ending in a colon, whole-quote paragraphs as
// quotes, and paragraphs. Exact repeats are dropped and the summary is the first paragraph.

// recoverUnits runs text recovery over every line.
func recoverUnits(lines []string) []unit {
	units := make([]unit, 0, len(lines))
	list := 0
	for _, l := range lines {
		units = recoverLine(units, l, &list)
	}
	return units
}

// classify turns units into blocks: recovered headings and lists as they are; then captions,
// numbered and short title-like lines before running text as headings, short lines after a line
// ending in a colon as a list, whole-quote paragraphs as quotes, and the rest as paragraphs.
func classify(units []unit) []Block {
	blocks := make([]Block, 0, len(units))
	listOpen := -1 // index in blocks of the list being filled from colon-intro lines
	for i, u := range units {
		t := u.text
		if t == "" || isLinkLabel(t) || isEndMarker(t) {
			continue
		}
		var next string
		if i+1 < len(units) {
			next = units[i+1].text
		}
		switch {
		case u.hint == hintItem:
			if n := len(blocks); n > 0 && blocks[n-1].Type == BlockList && i > 0 && units[i-1].hint == hintItem && units[i-1].list == u.list {
				blocks[n-1].Items = append(blocks[n-1].Items, t)
			} else {
				blocks = append(blocks, Block{Type: BlockList, Items: []string{t}})
			}
			listOpen = -1
			continue
		case u.hint == hintHeading:
			blocks = append(blocks, Block{Type: BlockHeading, Text: t})
		case isCaption(t):
			blocks = append(blocks, Block{Type: BlockCaption, Text: t})
		case isHeadingLine(t, next):
			blocks = append(blocks, Block{Type: BlockHeading, Text: t})
		case listOpen >= 0 && isItemLine(t) && numberedItem().MatchString(blocks[listOpen].Items[0]) == numberedItem().MatchString(t):
			// A numbered list goes on only with numbered lines, a plain one only with plain ones.
			blocks[listOpen].Items = append(blocks[listOpen].Items, splitGluedName(t)...)
			continue
		case len(blocks) > 0 && introducesList(blocks[len(blocks)-1]) && isItemLine(t) && isItemLine(next):
			blocks = append(blocks, Block{Type: BlockList, Items: splitGluedName(t)})
			listOpen = len(blocks) - 1
			continue
		case isWholeQuote(t):
			blocks = append(blocks, Block{Type: BlockQuote, Text: unquote(t)})
		default:
			blocks = append(blocks, Block{Type: BlockParagraph, Text: t})
		}
		listOpen = -1
	}
	return blocks
}

func introducesList(b Block) bool {
	return b.Type == BlockParagraph && strings.HasSuffix(b.Text, ":")
}

// isItemLine: a short line, or nothing (the end of the body).
func isItemLine(t string) bool { return len(t) <= 200 }

var numberedItem = lazyRegexp(`^\d{1,2}[.)]\s`)

var numberedHeading = lazyRegexp(`^\d{1,2}\.\s+\S`)

// isHeadingLine: a short line with no closing punctuation, starting with a capital or a number,
// followed by running text.
func isHeadingLine(t, next string) bool {
	if len(t) > 110 || strings.Contains(t, "://") || strings.Contains(t, "@") {
		return false
	}
	first, _ := utf8.DecodeRuneInString(t)
	if !unicode.IsUpper(first) && !unicode.IsDigit(first) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(t)
	// The line's own shape first: counting the next line's words costs more.
	if strings.ContainsRune(".,;:!?", last) || !hasWords(next, 12) {
		return false
	}
	if numberedHeading().MatchString(t) {
		return wordCount(t) <= 16
	}
	w := wordCount(t)
	return w >= 1 && w <= 14 && !strings.ContainsAny(t, ",“”\"") && !isDateLine(t)
}

func isDateLine(t string) bool { _, ok := ParseDate(t); return ok }

// isWholeQuote: a paragraph that is one quotation and nothing else.
func isWholeQuote(t string) bool {
	if len(t) < 30 {
		return false
	}
	first, _ := utf8.DecodeRuneInString(t)
	last, _ := utf8.DecodeLastRuneInString(t)
	if !(first == '“' || first == '"') || !(last == '”' || last == '"') {
		return false
	}
	return strings.Count(t, "“")+strings.Count(t, "”")+strings.Count(t, "\"") == 2
}

func unquote(t string) string {
	_, n := utf8.DecodeRuneInString(t)
	_, m := utf8.DecodeLastRuneInString(t)
	return strings.TrimSpace(t[n : len(t)-m])
}

// dedupeBlocks drops exact repeats of an earlier block: captures repeat tails and reference
// lists (001's National Action Month release repeats its last six blocks).
func dedupeBlocks(blocks []Block) []Block {
	if len(blocks) <= 32 {
		// Most articles have a few dozen blocks: comparing them is cheaper than hashing them.
		out := blocks[:0]
	next:
		for _, b := range blocks {
			for _, o := range out {
				if o.Type == b.Type && o.Text == b.Text && slices.Equal(o.Items, b.Items) {
					continue next
				}
			}
			out = append(out, b)
		}
		return out
	}
	type blockKey struct {
		typ        BlockType
		text, list string
	}
	seen := make(map[blockKey]bool, len(blocks))
	out := blocks[:0]
	for _, b := range blocks {
		key := blockKey{typ: b.Type, text: b.Text}
		if len(b.Items) > 0 {
			key.list = strings.Join(b.Items, "\x00")
		}
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, b)
	}
	return out
}

// summarize takes the first paragraph, cut after a sentence when it runs long.
func summarize(blocks []Block) string {
	for _, b := range blocks {
		if b.Type == BlockParagraph || b.Type == BlockQuote {
			return firstSentences(b.Text, 320)
		}
	}
	return ""
}

// firstSentences returns whole sentences of s up to max bytes (at least one sentence, cut with an
// ellipsis if even that is longer than max).
func firstSentences(s string, max int) string {
	if len(s) <= max {
		return s
	}
	cut := -1
	for i := 0; i < max && i < len(s)-1; i++ {
		if (s[i] == '.' || s[i] == '?' || s[i] == '!') && s[i+1] == ' ' && i > 40 && !isAbbreviation(s[:i]) {
			cut = i + 1
		}
	}
	if cut > 0 {
		return s[:cut]
	}
	cut = strings.LastIndexByte(s[:max], ' ')
	if cut < max/2 {
		cut = max
		for !utf8.RuneStart(s[cut]) {
			cut--
		}
	}
	return strings.TrimRight(s[:cut], " ,;:") + "…"
}
