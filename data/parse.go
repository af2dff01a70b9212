package data

import (
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

// slugID makes "2024-11-30-building-a-sustainable-hiv-response-with-the-community".
func slugID(d Date, title string) string {
	prefix := d.String()
	if prefix == "" {
		prefix = "undated"
	}
	folded := title
	if !isASCII(title) {
		folded = Fold(title)
	}
	b := make([]byte, 0, len(folded))
	dash := false
	for i := 0; i < len(folded); i++ {
		c := folded[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A' // Fold lower-cases; an ASCII title skipped it
		}
		if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' {
			if dash && len(b) > 0 {
				b = append(b, '-')
			}
			dash = false
			b = append(b, c)
			continue
		}
		dash = true
	}
	slug := string(b)
	if len(slug) > 60 {
		if i := strings.LastIndexByte(slug[:61], '-'); i > 20 {
			slug = slug[:i]
		} else {
			slug = slug[:60]
		}
	}
	if slug == "" {
		slug = "untitled"
	}
	return prefix + "-" + slug
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
	ls := toLines(sanitizeLines(raw))
	markMenus(ls)
	spans, head := segment(ls)
	page := pageHeader(ls[:head])
	var items []item
	for _, sp := range spans {
		if it, ok := readItem(ls, sp, page); ok {
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
	keys := make([]string, len(items))
	full := map[string]bool{}
	for i, it := range items {
		keys[i] = TitleKey(it.title)
		if !it.teaser {
			full[keys[i]] = true
		}
	}
	out := items[:0:0]
	seen := map[string]bool{}
	for i, it := range items {
		key := keys[i]
		if it.teaser && (full[key] || seen[key]) {
			continue
		}
		seen[key] = true
		out = append(out, it)
	}
	return out
}
