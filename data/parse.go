package data

import (
	"path/filepath"
	"strings"
)

// item is one article as cut out of a capture, before its body is cleaned.
type item struct {
	kind   Kind
	date   Date
	title  string
	source string
	lines  []string // body lines, in order
	teaser bool
}

// ParseSnapshot parses one capture into articles. name (its base name) is recorded as each
// article's Snapshot. A capture is either a UN Viet Nam site page, recognised by its items'
// kind-and-date lines, or one outlet article.
func ParseSnapshot(name string, raw []byte) []Article {
	lines := sanitizeLines(raw)
	var items []item
	if countItemStarts(lines) > 0 {
		items = mergeTeasers(parseSiteItems(lines))
	} else if it, ok := parseOutlet(lines); ok {
		items = []item{it}
	}
	base := FlattenLine(filepath.Base(name)) // a file name is untrusted text too
	arts := make([]Article, 0, len(items))
	for _, it := range items {
		arts = append(arts, buildArticle(it, base))
	}
	return arts
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

// itemHeader reads the header of a site item at lines[i]: a kind label, then a date and a title
// (the home page's cards) or a title and a date (an article's own page). ok is false when lines[i]
// starts no item.
func itemHeader(lines []string, i int) (k Kind, d Date, title string, ok bool) {
	if i+2 >= len(lines) {
		return "", Date{}, "", false
	}
	if k, ok = kindLabel(lines[i]); !ok {
		return "", Date{}, "", false
	}
	if d, ok = ParseDate(lines[i+1]); ok && isItemTitle(lines[i+2]) {
		return k, d, lines[i+2], true
	}
	if d, ok = ParseDate(lines[i+2]); ok && isItemTitle(lines[i+1]) {
		return k, d, lines[i+1], true
	}
	return "", Date{}, "", false
}

// isItemTitle: a line that can be a card's title, not chrome, a kind label or a date.
func isItemTitle(t string) bool {
	if t == "" || isBoundaryLine(t) {
		return false
	}
	if _, ok := kindLabel(t); ok {
		return false
	}
	_, isDate := ParseDate(t)
	return !isDate
}

func isItemStart(lines []string, i int) bool {
	_, _, _, ok := itemHeader(lines, i)
	return ok
}

func countItemStarts(lines []string) int {
	n := 0
	for i := range lines {
		if isItemStart(lines, i) {
			n++
		}
	}
	return n
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

// parseSiteItems cuts a UN site capture into items. An item runs from its kind line to a "1 of
// N" counter, the next item, or a chrome boundary; lines outside items (the SDG blurb, resource
// cards) are chrome and are dropped.
func parseSiteItems(lines []string) []item {
	var items []item
	for i := 0; i < len(lines); i++ {
		if !isItemStart(lines, i) {
			continue
		}
		k, d, title, _ := itemHeader(lines, i)
		it := item{kind: k, date: d, title: title, source: "UN Viet Nam"}
		j := i + 3
		for ; j < len(lines); j++ {
			l := lines[j]
			if isCounter(l, " of ") || isItemStart(lines, j) || isBoundaryLine(l) || endsItem(l) {
				break
			}
			it.lines = append(it.lines, l)
		}
		it.teaser = !hasBody(it.lines)
		items = append(items, it)
		i = j - 1
	}
	return items
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
