package data

import (
	"bytes"
	"encoding/json"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/unicode/norm"
)

// Web pages. HTML is not flattened into lines and re-guessed like a text capture: the main
// article is extracted with go-readability (codeberg.org/readeck/go-readability/v2; README says
// why it and not go-trafilatura), and its elements are mapped onto the article model — h2–h6 to
// headings, ul/ol to lists, blockquote to quotes, figcaption to captions, footnote links and <sup>
// numbers to "[n]" markers with their Notes. The page's own metadata gives the title, date,
// source and address. Then the texts go through the same chrome filters, footnote reading,
// summary, id and themes as captures. The parser has already decoded entities when the text is
// stripped of control characters, so "&#27;" is removed like a raw ESC.

// IsHTMLName reports whether a capture's file name says it is a saved web page.
func IsHTMLName(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".html" || ext == ".htm" || ext == ".xhtml"
}

// ParseCapture parses a capture of either kind: a saved web page (by its name) or a text capture.
func ParseCapture(name string, raw []byte) []Article {
	if IsHTMLName(name) {
		raw = decodePage(raw)
		addr, _ := ReadPageHeader(raw)
		return ParseHTML(name, raw, addr)
	}
	return ParseSnapshot(name, raw)
}

// decodePage converts a saved page that is not UTF-8 by the charset it declares (a BOM or
// <meta charset>); the library keeps pages in UTF-8 already, so this is for pages read with --data.
func decodePage(raw []byte) []byte {
	if utf8.Valid(raw) {
		return raw
	}
	enc, name, _ := charset.DetermineEncoding(raw, "text/html")
	if name == "utf-8" {
		return raw // invalid bytes in a UTF-8 page: the parser replaces them
	}
	if out, err := enc.NewDecoder().Bytes(raw); err == nil {
		return out
	}
	return raw
}

// PageHeader is the comment unvn puts first in a page it keeps: the address it came from and
// when it was fetched, so the library reads offline and can be parsed again after an upgrade.
// The page follows as received (decoded to UTF-8).
func PageHeader(addr string, fetched time.Time) string {
	var b strings.Builder
	b.WriteString("<!-- unvn")
	if u := SafeURL(addr); u != "" {
		b.WriteString(" url=" + strconv.Quote(u))
	}
	if !fetched.IsZero() {
		b.WriteString(" fetched=" + strconv.Quote(fetched.UTC().Format(time.RFC3339)))
	}
	b.WriteString(" -->\n")
	return b.String()
}

var (
	unvnHeader  = lazyRegexp(`^<!-- unvn(?: url="([^"]*)")?(?: fetched="([^"]*)")? -->`)
	savedFromRe = lazyRegexp(`<!-- saved from url=\(\d+\)(\S+?) ?-->`) // browsers' "Save page as"
)

// ReadPageHeader reads the address and fetch time of a kept page (see PageHeader), or the
// address a browser noted when saving it ("<!-- saved from url=(0042)https://… -->").
func ReadPageHeader(raw []byte) (addr string, fetched time.Time) {
	head := raw[:min(len(raw), 2048)]
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	if m := unvnHeader().FindSubmatch(head); m != nil {
		fetched, _ = time.Parse(time.RFC3339, string(m[2]))
		return SafeURL(string(m[1])), fetched
	}
	if m := savedFromRe().FindSubmatch(head); m != nil {
		return SafeURL(string(m[1])), time.Time{}
	}
	return "", time.Time{}
}

// SafeURL returns an absolute http or https address in an escaped form that holds only
// printable ASCII (no spaces, quotes, angle brackets, backslashes or control characters: safe in
// a terminal link and an HTML comment), or "" for anything else: javascript:, data:, relative
// paths, addresses with a user name.
func SafeURL(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		return ""
	}
	s := u.String()
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte("\"'<>\\`{}|^", c) >= 0 {
			b.WriteString("%" + strings.ToUpper(strconv.FormatUint(uint64(c)|0x100, 16)[1:]))
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// ParseHTML extracts the article of a web page (UTF-8 bytes). pageURL is where it came from,
// "" when unknown; the page's canonical address is used when it is on the same site. It returns
// no article when the page has none (a listing, an error page, an empty shell).
func ParseHTML(name string, page []byte, pageURL string) []Article {
	page = bytes.TrimPrefix(page, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(page) {
		page = bytes.ToValidUTF8(page, []byte("\uFFFD"))
	}
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return nil
	}
	meta := readPageMeta(doc)
	addr := pickURL(SafeURL(pageURL), meta)
	base, _ := url.Parse(addr)
	if base == nil || addr == "" {
		base, _ = url.Parse("https://localhost/")
	}
	var blocks []rawBlock
	if art, err := readability.FromDocument(doc, base); err == nil && art.Node != nil {
		blocks = mapBlocks(art.Node)
	}
	// A page that builds its text with scripts (the body only in JSON-LD) gets that text instead.
	if body := meta.ldBody; len(body) > 2*rawLen(blocks) {
		blocks = nil
		for _, p := range strings.Split(body, "\n") {
			blocks = append(blocks, rawBlock{typ: BlockParagraph, text: p})
		}
	}
	a := Article{
		Kind: meta.kind, Date: meta.date, Title: flattenTitle(cleanText(meta.pickTitle())),
		Source: cleanText(meta.pickSite(addr)), URL: addr, Snapshot: FlattenLine(filepath.Base(name)),
	}
	switch {
	case !isUNPage(addr, a.Source):
		a.Kind = KindNews // an outlet's article, whatever labels its page shows
	case a.Source == "UN Viet Nam" && !meta.labelled:
		a.Kind = KindStory // the site's commonest kind, as for its unlabelled captures
	}
	cleanHTMLBlocks(&a, blocks)
	// A listing ("Latest", a news list) gives its linked articles as headlines, each with its
	// address, as the captures of the site's home page give its teasers.
	found := SafeURL(pageURL)
	if found == "" {
		found = addr
	}
	if links := ArticleLinks(page, found); found != "" && isListing(&a, links) {
		return listingTeasers(links, a.Source, a.Snapshot)
	}
	if a.Title == "" || len(a.Blocks) == 0 {
		return nil
	}
	restoreLostHyphens(&a)
	markCited(&a)
	a.Summary = summarize(a.Blocks)
	a.ID = slugID(a.Date, a.Title)
	a.Themes = tagThemes(&a)
	return []Article{a}
}

// unHosts are the UN system's sites; their pages' kind labels ("Press Release", "Speech") are
// the UN's own, as on UN Viet Nam's site.
var unHosts = []string{"un.org", "un.org.vn", "unicef.org", "undp.org", "who.int", "ilo.org", "unaids.org",
	"unfpa.org", "iom.int", "fao.org", "unodc.org", "unwomen.org", "unesco.org", "unhcr.org", "wfp.org", "unido.org"}

// isUNPage reports whether a page is the UN's own rather than an outlet's.
func isUNPage(addr, source string) bool {
	host := hostOf(addr)
	for _, h := range unHosts {
		if host == h || strings.HasSuffix(host, "."+h) {
			return true
		}
	}
	f := Fold(source)
	return f == "un viet nam" || strings.Contains(f, "united nations") || strings.HasPrefix(f, "un ")
}

// isListing reports whether a page is a list of articles rather than one: it has no article
// text but links to three articles or more, or most of what was extracted is the headlines it
// links to (an article's "Other news" box, when the extractor keeps it, is a few blocks among
// many), or the extractor kept one card of the list: a linked headline and a line of teaser.
func isListing(a *Article, links []Link) bool {
	if len(links) < 3 {
		return false
	}
	titles := map[string]bool{}
	for _, l := range links {
		titles[TitleKey(l.Title)] = true
	}
	linked, blocks, other := 0, 0, 0
	for _, b := range a.Blocks {
		if b.Type == BlockCaption {
			continue
		}
		blocks++
		if titles[TitleKey(b.Text)] {
			linked++
		} else {
			other += len(b.Text)
		}
		for _, it := range b.Items {
			if titles[TitleKey(it)] {
				linked++
			}
		}
	}
	return blocks == 0 || linked >= 3 && 3*linked >= blocks || linked >= 1 && other < 400
}

// listingTeasers makes a headline-only article of each link of a listing, with its address, so
// the reader can offer to fetch the text.
func listingTeasers(links []Link, source, snapshot string) []Article {
	out := make([]Article, 0, len(links))
	for _, l := range links {
		a := Article{Kind: l.Kind, Date: l.Date, Title: flattenTitle(l.Title), Source: source, Teaser: true,
			URL: l.URL, Snapshot: snapshot}
		if a.Kind == "" {
			a.Kind = KindNews
			if source == "UN Viet Nam" {
				a.Kind = KindStory
			}
		}
		a.ID = slugID(a.Date, a.Title)
		a.Themes = tagThemes(&a)
		out = append(out, a)
	}
	return out
}

// cleanText makes a text node safe and tidy: valid UTF-8, no control characters or escape
// sequences, NFC, one line with single spaces. Entities were decoded by the HTML parser.
func cleanText(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	s = stripControls(strings.NewReplacer("\n", " ", "\r", " ", "\t", " ").Replace(s))
	if !isNFC(s) {
		s = norm.NFC.String(s)
	}
	return collapseLine(s)
}

// pageMeta is what a page says about itself in <head>, JSON-LD and a few visible elements.
type pageMeta struct {
	ogTitle, ldTitle, docTitle string
	h1s                        []string
	site, ldSite, appName      string
	canonical, ogURL           string
	date                       Date
	kind                       Kind
	labelled                   bool // the page shows a kind label ("Press Release")
	ldBody                     string
}

func readPageMeta(doc *html.Node) pageMeta {
	var m pageMeta
	var metaDate, ldDate, timeDate Date
	kindSeen := false
	var walk func(n *html.Node, chrome bool)
	walk = func(n *html.Node, chrome bool) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Meta:
				key := strings.ToLower(attrOf(n, "property") + attrOf(n, "name") + attrOf(n, "itemprop"))
				val := attrOf(n, "content")
				switch key {
				case "og:title":
					m.ogTitle = val
				case "og:site_name":
					m.site = val
				case "application-name", "apple-mobile-web-app-title":
					m.appName = val
				case "og:url":
					m.ogURL = val
				case "article:published_time", "og:article:published_time", "datepublished", "date",
					"pubdate", "publishdate", "publish-date", "dc.date", "dc.date.issued", "parsely-pub-date", "sailthru.date":
					if d, ok := metaDateValue(val); ok && metaDate.IsZero() {
						metaDate = d
					}
				}
			case atom.Link:
				if strings.EqualFold(attrOf(n, "rel"), "canonical") {
					m.canonical = attrOf(n, "href")
				}
			case atom.Title:
				if m.docTitle == "" {
					m.docTitle = nodeText(n)
				}
			case atom.Script:
				if strings.Contains(attrOf(n, "type"), "ld+json") {
					readJSONLD(nodeText(n), &m, &ldDate)
				}
				return
			case atom.Style, atom.Noscript, atom.Template, atom.Svg:
				return
			case atom.Nav, atom.Header, atom.Footer, atom.Aside:
				chrome = true
			case atom.H1:
				if t := cleanText(nodeText(n)); t != "" {
					m.h1s = append(m.h1s, t)
				}
			case atom.Time:
				if timeDate.IsZero() && !chrome {
					if d, ok := metaDateValue(attrOf(n, "datetime")); ok {
						timeDate = d
					} else if d, ok := ParseDate(cleanText(nodeText(n))); ok {
						timeDate = d
					}
				}
			}
			if !kindSeen && !chrome && n.FirstChild != nil && n.FirstChild == n.LastChild && n.FirstChild.Type == html.TextNode {
				if k, ok := kindLabel(cleanText(n.FirstChild.Data)); ok {
					m.kind, kindSeen = k, true
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, chrome)
		}
	}
	walk(doc, false)
	// What the metadata says was published, then the first <time> outside menus and side
	// boxes, then a date in the <title>.
	titled, _ := titleDate(cleanText(m.docTitle))
	for _, d := range []Date{ldDate, metaDate, timeDate, titled} {
		if !d.IsZero() {
			m.date = d
			break
		}
	}
	m.labelled = kindSeen
	if !kindSeen {
		m.kind = KindNews
	}
	return m
}

// readJSONLD takes the headline, publication date, publisher and body of the first article
// object in a JSON-LD script (a single object, a list, or an @graph).
func readJSONLD(src string, m *pageMeta, date *Date) {
	var v any
	if json.Unmarshal([]byte(src), &v) != nil {
		return
	}
	var visit func(v any)
	visit = func(v any) {
		switch o := v.(type) {
		case []any:
			for _, e := range o {
				visit(e)
			}
		case map[string]any:
			if g, ok := o["@graph"]; ok {
				visit(g)
			}
			if s, ok := o["headline"].(string); ok && m.ldTitle == "" {
				m.ldTitle = s
			}
			if s, ok := o["datePublished"].(string); ok && date.IsZero() {
				*date, _ = metaDateValue(s)
			}
			if s, ok := o["articleBody"].(string); ok && m.ldBody == "" {
				m.ldBody = s
			}
			if p, ok := o["publisher"].(map[string]any); ok && m.ldSite == "" {
				m.ldSite, _ = p["name"].(string)
			}
		}
	}
	visit(v)
}

// metaDateValue reads a machine date ("2020-01-19T21:05:00Z", "2020-01-19") or a human one.
func metaDateValue(s string) (Date, bool) {
	s = strings.TrimSpace(s)
	if len(s) >= 10 && s[4] == '-' && s[7] == '-' && isDigits(s[:4]) && isDigits(s[5:7]) && isDigits(s[8:10]) {
		return makeDate(atoi(s[:4]), atoi(s[5:7]), atoi(s[8:10]))
	}
	return ParseDate(s)
}

// pickTitle prefers the page's <h1> that its metadata confirms (the headline as the page shows
// it, without the site suffix <title> adds; the longest, as a logo can be an <h1> too), then the
// metadata's titles.
func (m *pageMeta) pickTitle() string {
	metas := []string{m.ogTitle, m.ldTitle, m.docTitle}
	best := ""
	for _, h := range m.h1s {
		hk := TitleKey(h)
		if hk == "" || hk == TitleKey(m.site) || len(h) <= len(best) {
			continue
		}
		for _, t := range metas {
			if strings.Contains(TitleKey(t), hk) {
				best = h
				break
			}
		}
	}
	if best != "" {
		return best
	}
	for _, t := range metas {
		if t = cleanText(t); t != "" {
			return stripSiteSuffix(t)
		}
	}
	if len(m.h1s) > 0 {
		return m.h1s[0]
	}
	return ""
}

// stripSiteSuffix cuts " | DW | 19.01.2020" or " - Reuters" off a metadata title.
func stripSiteSuffix(t string) string {
	for _, sep := range []string{" | ", " – ", " — ", " - ", " :: "} {
		if i := strings.Index(t, sep); i > 20 {
			return t[:i]
		}
	}
	return t
}

// pickSite names the publication: og:site_name (unless the <title> suffix names another:
// Reuters' pages say "U.S."), the JSON-LD publisher, the app name, the <title> suffix, or the
// host. UN Viet Nam's own site is named as its captures are.
func (m *pageMeta) pickSite(addr string) string {
	host := ""
	if u, err := url.Parse(addr); err == nil {
		host = strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	}
	if host == "vietnam.un.org" || host == "un.org.vn" || strings.HasSuffix(host, ".un.org.vn") {
		return "UN Viet Nam"
	}
	suffix := titleSuffix(cleanText(m.docTitle))
	for _, s := range []string{m.site, m.ldSite, m.appName} {
		if s = cleanText(s); s == "" {
			continue
		}
		fs, fx := Fold(s), Fold(suffix)
		if suffix == "" || strings.Contains(fs, fx) || strings.Contains(fx, fs) {
			return s
		}
		return suffix
	}
	if suffix != "" {
		return suffix
	}
	return host
}

// titleSuffix is the site name a <title> ends with: "… | DW | 19.01.2020" gives "DW".
func titleSuffix(t string) string {
	for _, sep := range []string{" | ", " - ", " – ", " — "} {
		parts := strings.Split(t, sep)
		for i := len(parts) - 1; i > 0; i-- {
			p := strings.TrimSpace(parts[i])
			if _, isDate := ParseDate(p); isDate || p == "" {
				continue
			}
			if wordCount(p) <= 4 {
				return p
			}
			break
		}
	}
	return ""
}

// titleDate is a date standing alone in a <title> segment ("… | DW | 19.01.2020").
func titleDate(t string) (Date, bool) {
	for _, p := range strings.Split(t, " | ") {
		if d, ok := ParseDate(strings.TrimSpace(p)); ok {
			return d, true
		}
	}
	return Date{}, false
}

// pickURL is the canonical address when the page names one on the same site as where it was
// found (sites point every page at their home page by mistake more often than elsewhere).
func pickURL(found string, m pageMeta) string {
	for _, c := range []string{m.canonical, m.ogURL} {
		c = SafeURL(c)
		if c == "" {
			continue
		}
		if found == "" {
			return c
		}
		cu, err1 := url.Parse(c)
		fu, err2 := url.Parse(found)
		if err1 != nil || err2 != nil {
			continue // an address that does not parse names no page
		}
		if strings.TrimPrefix(cu.Hostname(), "www.") == strings.TrimPrefix(fu.Hostname(), "www.") && cu.Path != "/" && cu.Path != "" {
			return c
		}
	}
	return found
}

// rawBlock is an element of the extracted article before cleaning. note is the footnote number
// of an entry of a footnote list (0 otherwise).
type rawBlock struct {
	typ   BlockType
	text  string
	items []string
	note  int
}

func rawLen(blocks []rawBlock) int {
	n := 0
	for _, b := range blocks {
		n += len(b.text)
		for _, it := range b.items {
			n += len(it)
		}
	}
	return n
}

// blockMapper walks the extracted article. markers maps the id a footnote link points at to the
// number it shows.
type blockMapper struct {
	blocks  []rawBlock
	markers map[string]int
	inline  strings.Builder
}

func mapBlocks(root *html.Node) []rawBlock {
	bm := &blockMapper{markers: map[string]int{}}
	bm.findMarkers(root)
	bm.walk(root)
	bm.flush()
	return bm.blocks
}

// findMarkers records footnote links: <a href="#id"> whose text is a number ("1", "[1]"), or any
// link inside <sup> with a number.
func (bm *blockMapper) findMarkers(n *html.Node) {
	if n.Type == html.ElementNode && n.DataAtom == atom.A {
		if id, ok := strings.CutPrefix(attrOf(n, "href"), "#"); ok && id != "" {
			if num, ok := markerNumber(nodeText(n)); ok {
				bm.markers[id] = num
			}
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		bm.findMarkers(c)
	}
}

// markerNumber reads "1", "[1]", "(1)" as a footnote number.
func markerNumber(s string) (int, bool) {
	s = strings.Trim(strings.TrimSpace(s), "[]()")
	if s == "" || len(s) > 3 || !isDigits(s) {
		return 0, false
	}
	return atoi(s), true
}

func (bm *blockMapper) flush() {
	if t := bm.inline.String(); strings.TrimSpace(t) != "" {
		bm.addParagraphs(BlockParagraph, t)
	}
	bm.inline.Reset()
}

// addParagraphs adds one block per line (a <br> inside a paragraph separates lines).
func (bm *blockMapper) addParagraphs(typ BlockType, text string) {
	for _, l := range strings.Split(text, "\n") {
		if strings.TrimSpace(l) != "" {
			bm.blocks = append(bm.blocks, rawBlock{typ: typ, text: l})
		}
	}
}

var headingAtoms = map[atom.Atom]bool{atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true}

func (bm *blockMapper) walk(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			bm.inline.WriteString(c.Data)
			continue
		}
		if c.Type != html.ElementNode {
			continue
		}
		switch {
		case isDropped(c):
		case headingAtoms[c.DataAtom]:
			bm.flush()
			bm.blocks = append(bm.blocks, rawBlock{typ: BlockHeading, text: bm.text(c)})
		case c.DataAtom == atom.P || c.DataAtom == atom.Pre || c.DataAtom == atom.Address || c.DataAtom == atom.Dd || c.DataAtom == atom.Dt:
			bm.flush()
			bm.addParagraphs(BlockParagraph, bm.text(c))
		case c.DataAtom == atom.Ul || c.DataAtom == atom.Ol:
			bm.flush()
			bm.list(c)
		case c.DataAtom == atom.Blockquote:
			bm.flush()
			if hasBlockChild(c) {
				for _, b := range (&blockMapper{markers: bm.markers}).mapped(c) {
					b.typ = BlockQuote
					bm.blocks = append(bm.blocks, b)
				}
			} else {
				bm.addParagraphs(BlockQuote, bm.text(c))
			}
		case c.DataAtom == atom.Figcaption:
			bm.flush()
			bm.blocks = append(bm.blocks, rawBlock{typ: BlockCaption, text: bm.text(c)})
		case c.DataAtom == atom.Table:
			bm.flush()
			bm.table(c)
		case c.DataAtom == atom.Img || c.DataAtom == atom.Picture || c.DataAtom == atom.Video || c.DataAtom == atom.Audio:
		case isBlockElement(c):
			bm.flush()
			bm.walk(c)
			bm.flush()
		default:
			bm.inline.WriteString(bm.text(c))
		}
	}
}

// mapped maps a subtree on its own (a blockquote's paragraphs).
func (bm *blockMapper) mapped(n *html.Node) []rawBlock {
	bm.walk(n)
	bm.flush()
	return bm.blocks
}

// list maps a list: a footnote list (its entries are the targets of footnote links, or its
// class says so) becomes notes, any other a list block. Nested lists add their entries.
func (bm *blockMapper) list(n *html.Node) {
	isNotes := isNoteBox(n)
	var items []string
	var notes []rawBlock
	i := 0
	if s := attrOf(n, "start"); isDigits(s) && s != "" {
		i = atoi(s) - 1
	}
	var add func(l *html.Node)
	add = func(l *html.Node) {
		for li := l.FirstChild; li != nil; li = li.NextSibling {
			if li.Type != html.ElementNode || li.DataAtom != atom.Li {
				continue
			}
			i++
			num, target := bm.markers[attrOf(li, "id")]
			if target {
				isNotes = true
			} else {
				num = i
			}
			items = append(items, bm.text(li))
			notes = append(notes, rawBlock{typ: BlockParagraph, text: bm.noteText(li), note: num})
			for sub := li.FirstChild; sub != nil; sub = sub.NextSibling {
				if sub.Type == html.ElementNode && (sub.DataAtom == atom.Ul || sub.DataAtom == atom.Ol) {
					add(sub)
				}
			}
		}
	}
	add(n)
	if isNotes {
		bm.blocks = append(bm.blocks, notes...)
		return
	}
	if len(items) > 0 {
		bm.blocks = append(bm.blocks, rawBlock{typ: BlockList, items: items})
	}
}

// table maps each row to a list entry, its cells joined.
func (bm *blockMapper) table(n *html.Node) {
	var rows []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if c.DataAtom == atom.Tr {
				var cells []string
				for td := c.FirstChild; td != nil; td = td.NextSibling {
					if td.Type == html.ElementNode && (td.DataAtom == atom.Td || td.DataAtom == atom.Th) {
						if t := strings.TrimSpace(bm.text(td)); t != "" {
							cells = append(cells, t)
						}
					}
				}
				if len(cells) > 0 {
					rows = append(rows, strings.Join(cells, " · "))
				}
				continue
			}
			walk(c)
		}
	}
	walk(n)
	if len(rows) > 0 {
		bm.blocks = append(bm.blocks, rawBlock{typ: BlockList, items: rows})
	}
}

// text is an element's inline text: footnote links and <sup> numbers become "[n]", <br> a line
// break, back-links ("↩") and nested lists are left out.
func (bm *blockMapper) text(n *html.Node) string {
	var b strings.Builder
	bm.writeText(&b, n, false)
	return b.String()
}

// noteText is the text of a footnote entry, with the address of each link that is not its own
// text, so the reader can open it.
func (bm *blockMapper) noteText(n *html.Node) string {
	var b strings.Builder
	bm.writeText(&b, n, true)
	return b.String()
}

func (bm *blockMapper) writeText(b *strings.Builder, n *html.Node, hrefs bool) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			b.WriteString(c.Data)
			continue
		case html.ElementNode:
		default:
			continue
		}
		switch {
		case isDropped(c), c.DataAtom == atom.Ul || c.DataAtom == atom.Ol:
		case c.DataAtom == atom.Br:
			b.WriteByte('\n')
		case c.DataAtom == atom.Sup || c.DataAtom == atom.A && bm.isMarker(c):
			t := nodeText(c)
			if num, ok := markerNumber(t); ok {
				b.WriteString("[" + strconv.Itoa(num) + "]")
			} else {
				bm.writeText(b, c, hrefs)
			}
		case c.DataAtom == atom.A && isBackLink(c):
		case c.DataAtom == atom.A && hrefs:
			inner := bm.text(c)
			b.WriteString(inner)
			if h := SafeURL(attrOf(c, "href")); h != "" && !strings.Contains(inner, h) {
				b.WriteString(" (" + h + ")")
			}
		default:
			if isBlockElement(c) {
				b.WriteByte(' ')
			}
			bm.writeText(b, c, hrefs)
			if isBlockElement(c) {
				b.WriteByte(' ')
			}
		}
	}
}

func (bm *blockMapper) isMarker(a *html.Node) bool {
	id, ok := strings.CutPrefix(attrOf(a, "href"), "#")
	_, known := bm.markers[id]
	return ok && known
}

// isBackLink matches the "↩" or "^" link that leads from a note back to its marker.
func isBackLink(a *html.Node) bool {
	if !strings.HasPrefix(attrOf(a, "href"), "#") {
		return false
	}
	switch strings.TrimSpace(nodeText(a)) {
	case "↩", "↩︎", "^", "↑", "back", "Back", "⤴":
		return true
	}
	return false
}

// isNoteBox matches lists whose class or id says they hold footnotes.
func isNoteBox(n *html.Node) bool {
	s := strings.ToLower(attrOf(n, "class") + " " + attrOf(n, "id"))
	for _, w := range []string{"footnote", "endnote", "references", "reflist"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// isDropped matches elements that never hold article text, whatever the extractor kept.
func isDropped(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Noscript, atom.Iframe, atom.Object, atom.Embed, atom.Svg,
		atom.Math, atom.Template, atom.Form, atom.Button, atom.Input, atom.Select, atom.Textarea,
		atom.Nav, atom.Canvas, atom.Head:
		return true
	}
	return attrOf(n, "hidden") != "" || strings.EqualFold(attrOf(n, "aria-hidden"), "true")
}

func isBlockElement(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Div, atom.Section, atom.Article, atom.Main, atom.Header, atom.Footer, atom.Aside,
		atom.Figure, atom.Details, atom.Summary, atom.Dl, atom.Center, atom.Hr, atom.Li, atom.Fieldset:
		return true
	}
	return headingAtoms[n.DataAtom] || n.DataAtom == atom.P || n.DataAtom == atom.Ul || n.DataAtom == atom.Ol ||
		n.DataAtom == atom.Blockquote || n.DataAtom == atom.Table || n.DataAtom == atom.Pre || n.DataAtom == atom.Figcaption
}

func hasBlockChild(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && isBlockElement(c) {
			return true
		}
	}
	return false
}

// cleanHTMLBlocks sanitises the mapped blocks and runs the captures' cleaning over them: chrome
// lines, link labels and repeats of the headline go, a page's tail ("Related news") ends the body,
// a dateline names the source, photo lines become captions, and reference sections, "[n] …" lines
// and footnote lists become Notes.
func cleanHTMLBlocks(a *Article, blocks []rawBlock) {
	inRefs := false
	seen := map[int]bool{}
	addNote := func(n int, text string) {
		if text = strings.TrimSpace(text); text == "" || seen[n] {
			return
		}
		seen[n] = true
		a.Footnotes = append(a.Footnotes, Footnote{N: n, Text: text})
	}
	outlet := a.Kind == KindNews
	first := true
	for _, rb := range blocks {
		text := cleanText(rb.text)
		if rb.note > 0 {
			addNote(rb.note, text)
			continue
		}
		if rb.typ == BlockList {
			var items []string
			for _, it := range rb.items {
				if t := cleanText(it); t != "" {
					items = append(items, t)
				}
			}
			if inRefs {
				for _, it := range items {
					addNumberedNote(it, len(a.Footnotes)+1, addNote)
				}
			} else if len(items) > 0 {
				a.Blocks = append(a.Blocks, Block{Type: BlockList, Items: items})
			}
			continue
		}
		if text == "" {
			continue
		}
		if isTailMarker(text) && len(a.Blocks) > 0 {
			break
		}
		if htmlChrome[Fold(text)] || readingTime().MatchString(text) || rb.typ == BlockParagraph && (isDateLine(text) || isKindLabel(text)) {
			continue
		}
		if rb.typ == BlockHeading {
			if len(text) <= 20 && isRefHeader(text) {
				inRefs = true
				continue
			}
			inRefs = false
		}
		if n, rest, ok := noteStart(text); ok && rest != "" {
			splitNoteLine(n, rest, addNote)
			continue
		}
		if inRefs {
			addNumberedNote(text, len(a.Footnotes)+1, addNote)
			continue
		}
		kept, signedBy := cleanLines([]string{text}, a.Title, outlet)
		if a.Source == "" {
			a.Source = signedBy
		}
		if len(kept) == 0 {
			continue
		}
		text = kept[0]
		if first && rb.typ == BlockParagraph {
			if src, d, rest, ok := splitDateline(text); ok {
				if a.Source == "" || src != "" && a.Kind == KindNews && a.Source == hostOf(a.URL) {
					a.Source = src
				}
				if a.Date.IsZero() {
					a.Date = d
				}
				text = strings.TrimSpace(rest)
			}
		}
		typ := rb.typ
		if typ == BlockParagraph && (isCaption(text) || creditLine().MatchString(text)) {
			typ = BlockCaption
		}
		if typ == BlockQuote && isWholeQuote(text) {
			text = unquote(text)
		}
		if typ == BlockParagraph || typ == BlockQuote {
			first = false
		}
		a.Blocks = append(a.Blocks, Block{Type: typ, Text: text})
	}
	a.Blocks = dedupeBlocks(a.Blocks)
	sortNotes(a.Footnotes)
}

// htmlChrome are the labels of link boxes that sites put between an article's paragraphs; the
// extractor drops the links and leaves the label.
var htmlChrome = map[string]bool{"related coverage": true, "related topics": true, "more on this story": true, "read next": true}

// readingTime matches a reading-time label: "4 Min Read", "5 minute read".
var readingTime = lazyRegexp(`(?i)^\d{1,3}\s*(?:min|mins|minute|minutes)\.?\s+read$`)

// creditLine matches a paragraph that ends in a photo credit: web pages put the credit in its
// own element, so it arrives glued ("…the island.Photograph by Ed Marshall").
var creditLine = lazyRegexp(`(?i)(?:^|[.?!)”]\s?)(?:photograph|photography|picture|photo credit|credit)s?\s*(?:by|:)\s*[^.:]{1,80}\.?$`)

// isKindLabel matches the UN site's kind label ("Press Release") left in the body.
func isKindLabel(l string) bool {
	_, ok := kindLabel(l)
	return ok
}

// addNumberedNote adds a line of a reference section: "3. text" keeps its number, others take
// the next one.
func addNumberedNote(line string, next int, add func(int, string)) {
	if m := numberedRef().FindStringSubmatch(line); m != nil {
		add(atoi(m[1]), m[2])
		return
	}
	add(next, line)
}

func sortNotes(notes []Footnote) {
	for i := 1; i < len(notes); i++ {
		for j := i; j > 0 && notes[j].N < notes[j-1].N; j-- {
			notes[j], notes[j-1] = notes[j-1], notes[j]
		}
	}
}

func hostOf(addr string) string {
	u, err := url.Parse(addr)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

func attrOf(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// nodeText is all the text under n, scripts and styles aside.
func nodeText(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				b.WriteString(c.Data)
			case c.Type == html.ElementNode && c.DataAtom != atom.Style && (c.DataAtom != atom.Script || n.DataAtom == atom.Script):
				walk(c)
			}
		}
	}
	if n.DataAtom == atom.Script || n.DataAtom == atom.Title {
		// Their content is one raw text node.
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			b.WriteString(c.Data)
		}
		return b.String()
	}
	walk(n)
	return b.String()
}
