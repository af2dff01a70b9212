package data

import (
	"cmp"
	"path/filepath"
	"strings"
)

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

// siteKinds maps the kind labels of the UN site (folded) to article kinds.
var siteKinds = map[string]Kind{
	"story": KindStory, "stories": KindStory, "feature": KindStory, "feature story": KindStory,
	"op-ed": KindStory, "opinion": KindStory, "blog": KindStory, "blog post": KindStory,
	"press release": KindPressRelease, "press-release": KindPressRelease, "press releases": KindPressRelease,
	"joint press release": KindPressRelease, "news release": KindPressRelease,
	"media release": KindPressRelease, "media advisory": KindPressRelease,
	"speech": KindSpeech, "speeches": KindSpeech, "statement": KindSpeech, "joint statement": KindSpeech,
	"remarks": KindSpeech, "message": KindSpeech, "keynote": KindSpeech,
	"publication": KindPublication, "publications": KindPublication, "report": KindPublication,
	"news": KindNews, "article": KindNews, "news story": KindNews,
}

// chromeKindLabels are labels that look like kinds but head site chrome (resource carousels).
var chromeKindLabels = map[string]bool{"resources": true, "resource": true, "events": true, "event": true}

func kindLabel(line string) (Kind, bool) {
	if len(line) > 24 {
		return "", false
	}
	k, ok := siteKinds[strings.ToLower(line)]
	return k, ok
}

// isBoundaryLine is a line of site chrome that ends whatever item is open: a section heading,
// a carousel counter ("1 / 11"), or a resource card label.
func isBoundaryLine(l string) bool {
	if l == "" {
		return false
	}
	if len(l) > 20 {
		// The site's standing SDG panel, wherever it falls between items.
		return strings.HasPrefix(l, "The Sustainable Development Goals in ") && wordCount(l) <= 9
	}
	f := strings.ToLower(l)
	switch f {
	case "latest", "latest resources", "latest news", "latest stories", "resources", "events",
		"featured", "highlights", "more stories", "more news":
		return true
	}
	if chromeKindLabels[f] {
		return true
	}
	return isCounter(l, " / ")
}

// endsItem matches the sections that follow an article on its own page: the author, the UN
// entities and goals involved, links to other stories. What follows is page chrome.
func endsItem(l string) bool {
	if len(l) > 60 {
		return false
	}
	switch strings.TrimRight(Fold(l), ": ") {
	case "written by", "un entities involved in this initiative", "goals we are supporting through this initiative",
		"other stories", "other news", "related stories", "related news", "more stories", "more news",
		"related content", "read more stories", "you may also be interested in":
		return true
	}
	return false
}

// isCounter matches carousel counters: "1 of 5" (with " of ") or "1 / 11" (with " / ").
func isCounter(l, sep string) bool {
	a, b, ok := strings.Cut(l, sep)
	return ok && isDigits(a) && isDigits(b)
}

// readCard reads a UN site card: a kind label, then a date and a title in either order, then
// the body up to the next boundary (a "1 of N" counter, a section label, the sections that follow
// an article on its own page). A media card (a video) has nothing to read.
func readCard(ls []line) (it item, ok bool) {
	if ls[0].class == lineMedia || len(ls) < 3 {
		return it, false
	}
	h := header{kind: ls[0].kind}
	if ls[1].class == lineDate {
		h.date, it.title = ls[1].date, ls[2].text
	} else {
		h.date, it.title = ls[2].date, ls[1].text
	}
	end := 3
	for end < len(ls) && !isCounter(ls[end].text, " of ") && !isBoundaryLine(ls[end].text) && !endsItem(ls[end].text) {
		end++
	}
	it.lines = readBody(ls[3:end], &h, it.title)
	// The card is the UN Viet Nam site's design: its publisher unless a dateline names another.
	it.kind, it.date, it.source = ls[0].kind, h.date, cmp.Or(h.source, "UN Viet Nam")
	it.teaser = !hasBody(it.lines)
	return it, true
}

// hasBody reports whether lines hold anything but blanks and link labels ("Learn more").
func hasBody(lines []string) bool {
	for _, l := range lines {
		if l != "" && !isLinkLabel(l) {
			return true
		}
	}
	return false
}

// mergeTeasers folds a "Latest" teaser into the full item with the same title. The full item's
// date wins: it is the dateline printed above the body, while the teaser list can carry another
// date for the same page (000's one-stop-shop release: 24 March as a teaser, 28 March in full),
// so the body's own date is the one a reader can check against the text.
func mergeTeasers(items []item) []item {
	full := map[string]bool{}
	for _, it := range items {
		if !it.teaser {
			full[TitleKey(it.title)] = true
		}
	}
	out := items[:0:0]
	seen := map[string]bool{}
	for _, it := range items {
		key := TitleKey(it.title)
		if it.teaser && (full[key] || seen[key]) {
			continue
		}
		seen[key] = true
		out = append(out, it)
	}
	return out
}

// TitleKey normalises a title for matching the same article across teasers and captures.
func TitleKey(t string) string {
	var b strings.Builder
	for _, r := range Fold(t) {
		if r < 0x80 && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9') || r >= 0x80 && isLetter(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
