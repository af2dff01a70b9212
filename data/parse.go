package data

import (
	"bytes"
	"path/filepath"
	"strings"
)

// buildArticle cleans an item's body into blocks and footnotes, then fills in the summary, id
// and themes.
func buildArticle(it item, snapshot string) Article {
	a := Article{
		Kind: it.kind, Date: it.date, Title: flattenTitle(it.title), TitleMade: it.titleMade,
		Source: it.source, Summary: it.summary, Teaser: it.teaser, Snapshot: snapshot,
	}
	if !it.teaser {
		lines, signedBy := cleanLines(it.lines, a.Title, it.kind == KindNews)
		if a.Source == "" {
			a.Source = signedBy // the agency's sign-off when no byline named it
		}
		body, notes := splitFootnotes(lines)
		a.Footnotes = notes
		a.Blocks = dedupeBlocks(classify(recoverUnits(body)))
		restoreLostHyphens(&a)
		markCited(&a)
		a.Summary = summarize(a.Blocks)
	}
	a.ID = slugID(a.Date, a.Title)
	a.Themes = tagThemes(&a)
	return a
}

// flattenTitle puts a title on one line with single spaces.
func flattenTitle(t string) string {
	return strings.TrimSpace(collapseLine(strings.ReplaceAll(t, "\n", " ")))
}

// slugID makes "2024-11-30-building-a-sustainable-hiv-response-with-the-community": the date and
// the title's folded ASCII letters and digits, a dash for each run of anything else. The title is
// folded on the stack and the id made in one buffer, so it costs one allocation.
func slugID(d Date, title string) string {
	var buf [96]byte
	b := d.Append(buf[:0])
	if len(b) == 0 {
		b = append(b, "undated"...)
	}
	b = append(b, '-')
	start := len(b)
	var fb [256]byte
	folded := appendFold(fb[:0], title)
	dash := false
	// The slug is cut at 60 bytes, by what its first 61 say: the folded title is read no further.
	for j := 0; j < len(folded) && len(b)-start <= 60; j++ {
		if c := folded[j]; 'a' <= c && c <= 'z' || '0' <= c && c <= '9' {
			if dash && len(b) > start {
				b = append(b, '-')
			}
			dash = false
			b = append(b, c)
			continue
		}
		dash = true
	}
	if slug := b[start:]; len(slug) > 60 {
		if i := bytes.LastIndexByte(slug[:61], '-'); i > 20 {
			b = b[:start+i]
		} else {
			b = b[:start+60]
		}
	}
	if len(b) == start {
		b = append(b, "untitled"...)
	}
	return string(b)
}

// item is one article as cut out of a capture, before its body is cleaned.
type item struct {
	kind      Kind
	date      Date
	title     string
	titleMade bool // no headline in the capture: the title was made from the lead
	source    string
	summary   string   // a listing's teaser text
	lines     []string // body lines, in order
	teaser    bool
}

// ParseSnapshot parses one capture into articles. name (its base name) is recorded as each
// article's Snapshot. The stages, one file each: sanitize (bytes to safe lines), lines and
// classify (each line's features and class), segment (items of a listing, or one article) and
// header (headline, kind, date, source), then clean, blocks, footnotes and themes.
func ParseSnapshot(name string, raw []byte) []Article {
	text, sc := sanitizeText(raw)
	recs := linePool.Get().(*[]line)
	ls := toLines(*recs, text, sc)
	defer func() {
		clear(ls) // the pool keeps no text of this capture alive
		*recs = ls[:0]
		linePool.Put(recs)
	}()
	markMenus(ls)
	spans, head := segment(ls)
	page := pageHeader(ls[:head])
	items := make([]item, 0, len(spans))
	// The items' body lines are cut from one slice: a line each (a glued caption, rare, adds one).
	bodies := make([]string, 0, textLines(ls))
	for _, sp := range spans {
		if it, ok := readItem(ls, sp, page, &bodies); ok {
			items = append(items, it)
		}
	}
	if len(spans) > 1 && !spans[0].card {
		markTeasers(items)
	}
	items = mergeTeasers(items)
	base := FlattenLine(filepath.Base(name)) // a file name is untrusted text too
	arts := make([]Article, 0, len(items))
	for _, it := range items {
		arts = append(arts, buildArticle(it, base))
	}
	return arts
}

// textLines counts the lines of running text.
func textLines(ls []line) int {
	n := 0
	for i := range ls {
		if ls[i].class == lineText {
			n++
		}
	}
	return n
}

// pageHeader reads what the lines above a listing's first item say of every item: a section
// label naming the kind, a publisher.
func pageHeader(ls []line) header {
	var h header
	if k, ok := pageKind(ls); ok {
		h.kind = k
	}
	for i := range ls {
		h.note(&ls[i])
		h.publication = h.publication || ls[i].class == lineMeta && publicationMeta(ls[i].text)
	}
	return h
}

// mergeTeasers folds a "Latest" teaser into the full item with the same title. The full item's
// date wins: it is the dateline printed above the body, while the teaser list can carry another
// date for the same page (000's one-stop-shop release: 24 March as a teaser, 28 March in full),
// so the body's own date is the one a reader can check against the text.
func mergeTeasers(items []item) []item {
	if len(items) < 2 {
		return items // nothing to merge, and no keys to make
	}
	// Every key is written to one Builder and cut from its string, not made a string each.
	// Folding does not lengthen a Latin title, so their lengths are room enough.
	n := 0
	for i := range items {
		n += len(items[i].title)
	}
	var keys strings.Builder
	keys.Grow(n)
	ends := make([]int, len(items))
	for i := range items {
		var buf [256]byte
		keys.Write(appendTitleKey(buf[:0], items[i].title))
		ends[i] = keys.Len()
	}
	joined := keys.String()
	key := func(i int) string {
		if i == 0 {
			return joined[:ends[0]]
		}
		return joined[ends[i-1]:ends[i]]
	}
	const full, seen = 1, 2 // what a key has: a full item, an item kept so far
	has := make(map[string]uint8, len(items))
	for i := range items {
		if !items[i].teaser {
			has[key(i)] |= full
		}
	}
	out := items[:0] // items is filtered in place: each is read before its place is written over
	for i, it := range items {
		k := key(i)
		if it.teaser && has[k] != 0 {
			continue
		}
		has[k] |= seen
		out = append(out, it)
	}
	return out
}
