package data

import (
	"bytes"
	"cmp"
	"strings"
	"unicode"
)

// Stage 4b (segment): reading an item's header: the headline, chosen by score rather than by position; the kind,
// the date, the byline and the publisher from wherever they stand in the first lines; the
// dateline that opens the first paragraph.

// minTitleScore is the score a line needs to be taken as a headline (see titleScore), and
// strongTitleScore the score of one with every sign of a headline: the length, a date or byline
// under it, prose after.
const (
	minTitleScore    = 3
	strongTitleScore = 5
)

// titleScore rates line i as a headline. A headline has roughly 4–25 words, no closing full
// stop, is not a bullet, a caption or a menu (menus and straps have no function words), and
// sits next to the dates and bylines, above prose; pages often print it twice.
func titleScore(ls []line, i int) int {
	l := &ls[i]
	if l.class != lineText {
		return -100
	}
	t := trimNumbering(l.text)
	w := l.words
	if len(t) != len(l.text) {
		w = wordCount(t)
	}
	if w < 3 || w > 30 || len(t) > 260 {
		return -100
	}
	if r := firstRune(t); unicode.IsLower(r) || strings.ContainsRune("•*-–—·|(", r) {
		return -100
	}
	if strings.HasSuffix(t, ":") || isCaption(t) || isLinkLabel(t) || strings.HasSuffix(t, ",") {
		return -100
	}
	s := 1
	switch {
	case w == 3:
		s = -1
	case w <= 25:
		s = 2
	}
	if endsWithFullStop(t) {
		s -= 3
	}
	if hasSentenceBreak(t) {
		s -= 2
	}
	if w <= 5 && l.stopCount() == 0 && capitalised(t) {
		s -= 3 // a menu entry, a strap, a name, a breadcrumb
	}
	if w <= 5 && inShortRun(ls, i) {
		s -= 2 // an entry of a menu printed one item a line
	}
	if strings.Contains(t, " | ") {
		s -= 2
	}
	if isAllCaps(t) {
		s--
	}
	if repeatedNearby(ls, i) {
		s += 3
	}
	if i+1 < len(ls) && (ls[i+1].class == lineDate || ls[i+1].class == lineByline || ls[i+1].class == lineKind ||
		ls[i+1].words <= 25 && isSpeechByline(ls[i+1].text)) {
		s += 2
	}
	if nextText(ls, i).isProse() {
		s++
	}
	if i > 0 && (ls[i-1].class == lineDate || ls[i-1].class == lineKind) {
		s++
	}
	return s
}

// nextText returns the first text line after i, past chrome and header lines, or an empty line.
func nextText(ls []line, i int) *line {
	for j := i + 1; j < len(ls) && j <= i+6; j++ {
		if ls[j].class == lineText {
			return &ls[j]
		}
	}
	return &line{}
}

// inShortRun reports whether line i stands in a run of three or more short lines (five words or
// fewer, not prose): a menu, printed one entry a line.
func inShortRun(ls []line, i int) bool {
	short := func(j int) bool { return j >= 0 && j < len(ls) && ls[j].words <= 5 && !ls[j].isProse() }
	n := 1
	for j := i - 1; short(j) && n < 3; j-- {
		n++
	}
	for j := i + 1; short(j) && n < 3; j++ {
		n++
	}
	return n >= 3
}

// endsWithFullStop: the line ends a sentence with a full stop (not "?" or "!", which headlines use).
func endsWithFullStop(t string) bool {
	t = strings.TrimRight(t, "”\"’')")
	return strings.HasSuffix(t, ".") && !strings.HasSuffix(t, "..") && !isAbbreviation(t[:len(t)-1])
}

// repeatedNearby reports whether the page prints line i again close by: the same headline
// over a photo, or glued to the next line ("Measles Control in Viet NamHa Noi, …").
func repeatedNearby(ls []line, i int) bool {
	t := ls[i].text
	for j := max(0, i-6); j < len(ls) && j <= i+8; j++ {
		if j == i {
			continue
		}
		o := ls[j].text
		if len(o) >= len(t) && strings.HasPrefix(o, t) || len(o) <= len(t)+16 && len(o)+8 >= len(t) && sameTitleKey(o, t) {
			return true
		}
	}
	return false
}

var numbering = lazyRegexp(`^\d{1,3}[.)]\s+`)

// trimNumbering drops a listing's item number: "1. Five actions…".
func trimNumbering(t string) string {
	if t == "" || t[0] < '0' || t[0] > '9' {
		return t
	}
	if loc := numbering().FindStringIndex(t); loc != nil {
		return t[loc[1]:]
	}
	return t
}

// header is what an item's header says besides its headline.
type header struct {
	kind        Kind
	kindLabel   bool // the kind came from a label, which nothing overrides
	date        Date
	source      string // from the header: a strap, a byline, a dateline
	bodySource  string // from the body: a photo's copyright, a follow prompt
	speech      bool
	publication bool
}

// note takes what one header line says.
func (h *header) note(l *line) {
	h.noteBody(l)
	if h.source == "" {
		h.source = sourceHint(l.text)
	}
	if h.source == "" {
		h.source = strapSource(l.text, l.words)
	}
}

// noteBody takes what a line that is not text says in the body: a date, a publication's mark,
// a copyright line or a follow prompt naming the site ("… theo dõi VOV.VN trên").
func (h *header) noteBody(l *line) {
	switch l.class {
	case lineKind:
		if !h.kindLabel {
			h.kind, h.kindLabel = l.kind, true
		}
	case lineDate:
		h.setDate(l.date)
		if l.kind != "" && !h.kindLabel { // "13 February 2025 | News release"
			h.kind, h.kindLabel = l.kind, true
		}
	case lineMeta:
		h.publication = h.publication || publicationMeta(l.text)
	}
	if h.bodySource == "" && (strings.Contains(l.text, "©") || l.class == lineChrome) {
		h.bodySource = domainSource(l.text)
		if h.bodySource == "" && strings.Contains(l.text, "©") {
			h.bodySource = sourceHint(l.text)
		}
	}
	if isSpeechByline(l.text) {
		h.speech = true
	}
}

// strapSource reads the publisher from a strap that is its name, alone or with the region it
// covers: "VnExpress International", "UN Women Asia and the Pacific".
func strapSource(t string, words int) string {
	if words > 6 || !capitalised(t) || endsSentence(t) {
		return ""
	}
	f := strings.TrimPrefix(Fold(t), "the ")
	if n, ok := organisations[f]; ok {
		return n
	}
	// The longest organisation the strap starts with, followed by a region.
	ws := strings.Fields(f)
	for k := len(ws) - 1; k >= 1; k-- {
		if n, ok := organisations[strings.Join(ws[:k], " ")]; ok && isRegion(ws[k:]) {
			return n
		}
	}
	return ""
}

// isRegion: the words name a country or region ("viet nam", "asia and the pacific").
func isRegion(ws []string) bool {
	if len(ws) > 0 && ws[0] == "in" {
		ws = ws[1:]
	}
	for _, w := range ws {
		if !regionWords[w] {
			return false
		}
	}
	return len(ws) > 0
}

// domainSource reads the publisher from an address or a domain in a line: a capture's URL line,
// a follow prompt naming the site.
func domainSource(t string) string {
	if len(t) > 300 {
		return ""
	}
	for w := range strings.FieldsSeq(t) {
		w = strings.Trim(w, "()[]<>.,;:!?\"'")
		if u, ok := strings.CutPrefix(w, "https://"); ok {
			w = u
		} else if u, ok := strings.CutPrefix(w, "http://"); ok {
			w = u
		} else if !isDomain(w) {
			continue
		}
		host, _, _ := strings.Cut(strings.ToLower(w), "/")
		if p := publisherForHost(host); p != "" {
			return p
		}
	}
	return ""
}

// publisherForHost names the publisher of a host: "e.vnexpress.net" is VnExpress International.
func publisherForHost(host string) string {
	host = strings.TrimPrefix(strings.ToLower(host), "www.")
	for h := host; h != ""; {
		if p, ok := publishers[h]; ok {
			return p
		}
		_, rest, ok := strings.Cut(h, ".")
		if !ok || !strings.Contains(rest, ".") {
			break
		}
		h = rest
	}
	if label, _, ok := strings.Cut(host, "."); ok {
		return organisations[label]
	}
	return ""
}

// setDate keeps the first full date, or a month when nothing better is known.
func (h *header) setDate(d Date) {
	if d.Precision > h.date.Precision {
		h.date = d
	}
}

// sourceHint reads a publisher from a strap, a credit, a copyright line or a byline's
// affiliation: "FAO in Viet Nam", "© ILO 2024", "UNICEF\Simon Lister", "…, UNDP in Viet Nam".
func sourceHint(t string) string {
	if len(t) > 120 {
		return ""
	}
	f := Fold(t)
	f = strings.TrimLeft(f, "©() ")
	if strings.HasPrefix(f, "copyright ") {
		f = strings.TrimSpace(f[len("copyright "):])
	}
	// The last part of a byline names the employer.
	if i := strings.LastIndex(f, ", "); i >= 0 && (strings.HasPrefix(f, "written by") || strings.HasPrefix(f, "by ")) {
		f = f[i+2:]
	}
	cut := strings.IndexAny(f, `\/|`)
	if cut >= 0 {
		f = f[:cut]
	}
	f = strings.TrimSpace(f)
	for _, suffix := range []string{" in viet nam", " in vietnam", " viet nam", " vietnam"} {
		if n, ok := organisations[strings.TrimSuffix(f, suffix)]; ok && strings.HasSuffix(f, suffix) {
			return n
		}
	}
	if n, ok := organisations[f]; ok && (cut >= 0 || strings.Contains(t, "©")) {
		return n
	}
	// "© ILO 2024", "© UNICEF Viet Nam"
	if strings.Contains(t, "©") {
		for _, w := range strings.Fields(f) {
			if n, ok := organisations[w]; ok {
				return n
			}
		}
	}
	return ""
}

// isOrgStrap matches a site's strap or a credit that only names the publisher: "FAO in Viet Nam",
// "UNDP in Viet Nam", "VnExpress International".
func isOrgStrap(t string, words int) bool {
	if words > 6 {
		return false
	}
	// Most lines are not a strap: t is folded on the stack, and looked up without a copy.
	var buf [128]byte
	f := bytes.TrimPrefix(appendFold(buf[:0], t), []byte("the "))
	for _, suffix := range [...]string{" in viet nam", " in vietnam", ""} {
		if _, ok := organisations[string(bytes.TrimSuffix(f, []byte(suffix)))]; ok && bytes.HasSuffix(f, []byte(suffix)) {
			return suffix != "" || words >= 2
		}
	}
	return false
}

// readItem reads one item: its header, then its body lines, which it appends to bodies (see
// readBody). ok is false for items with nothing to read (a media card, a itemSpan of chrome).
func readItem(ls []line, sp itemSpan, page header, bodies *[]string) (it item, ok bool) {
	ls = ls[sp.start:sp.end]
	if sp.card {
		return readCard(ls, bodies)
	}
	ls = cutTail(ls)
	if len(ls) == 0 {
		return it, false
	}
	var h header
	zone := 0 // the header zone ends at the first prose
	for zone < len(ls) && !ls[zone].isProse() {
		zone++
	}
	best, bestScore := -1, minTitleScore-1
	seen := 0
	for i := 0; i < zone && seen < 40; i++ {
		if ls[i].class != lineText {
			continue
		}
		seen++
		s := titleScore(ls, i)
		if seen == 1 {
			s++ // the first candidate: a headline leads its page
		}
		if s > bestScore {
			best, bestScore = i, s
		}
	}
	// A page may print blurbs (a menu's descriptions, a site's intro) above its headline. A
	// line a little further down with a date or byline right under it is the headline when the
	// header zone offers nothing as strong.
	if bestScore < strongTitleScore {
		for i := zone; i < len(ls) && i < zone+15; i++ {
			if i+1 < len(ls) && (ls[i+1].class == lineDate || ls[i+1].class == lineByline) {
				if s := titleScore(ls, i); s >= strongTitleScore && s > bestScore {
					best, bestScore = i, s
				}
			}
		}
	}
	body := 0
	if best >= 0 {
		it.title = trimNumbering(ls[best].text)
		for k := 0; k < best; k++ {
			if ls[k].class == lineKind && k < best-2 {
				// A kind far above the headline is a menu entry ("News"): a hint, not the label.
				if h.kind == "" {
					h.kind = ls[k].kind
				}
				continue
			}
			h.note(&ls[k])
		}
		body = best + 1
		for body < len(ls) && isHeaderLine(&ls[body], it.title) {
			h.note(&ls[body])
			body++
		}
	} else {
		// No headline: the body starts at the lead. Short lines above it are the page's menus
		// and labels ("About", "Global"); a longer one (a caption) stays.
		lead := 0
		for lead < len(ls) && !ls[lead].isProse() {
			lead++
		}
		for body < len(ls) && (ls[body].class != lineText || body < lead && ls[body].words <= 5) {
			h.note(&ls[body])
			body++
		}
	}
	if isSpeechByline(it.title) {
		h.speech = true
	}
	lines := readBody(ls[body:], &h, it.title, bodies)
	if it.title == "" {
		if len(lines) == 0 {
			return it, false
		}
		it.title, it.titleMade = madeTitle(lines), true
	}
	it.lines = lines
	it.date = h.date
	// The header's own word first; then the page's (a listing's publisher), over a photo
	// credit in the body, which may be another agency's.
	it.source = cmp.Or(h.source, page.source, page.bodySource, h.bodySource)
	switch {
	case h.kindLabel:
		it.kind = h.kind
	case h.speech:
		it.kind = KindSpeech
	case h.publication || page.publication:
		it.kind = KindPublication
	case h.kind != "":
		it.kind = h.kind
	case page.kind != "":
		it.kind = page.kind
	case unEntities[it.source]:
		it.kind = KindStory // a UN entity's own page is its story, not an outlet's news
	default:
		it.kind = KindNews
	}
	return it, len(lines) > 0
}

// isHeaderLine: a line under the headline that belongs to the header: a date, a byline, a label,
// chrome, the headline again, or the headline glued to its speaker ("… UN Day Remarks by Dr …").
func isHeaderLine(l *line, title string) bool {
	switch l.class {
	case lineDate, lineByline, lineKind, lineMeta, lineChrome, lineMedia:
		return true
	}
	t := l.text
	if len(t) <= len(title)+16 && sameTitleKey(t, title) {
		return true
	}
	if rest, ok := strings.CutPrefix(t, title); ok && isSpeechByline(" "+strings.TrimSpace(rest)) {
		return true
	}
	return l.words <= 25 && !endsSentence(t) && isSpeechByline(t) && !strings.Contains(t, ". ")
}

// markTeasers makes a listing's items teasers when most of them show only a summary of a line
// or two: then the listing points to articles. When most items are whole, a short one is an
// article the capture cut off.
func markTeasers(items []item) {
	short := 0
	for i := range items {
		if items[i].lines != nil && isTeaserBody(items[i].lines) {
			short++
		}
	}
	if short*2 <= len(items) {
		return
	}
	for i := range items {
		if it := &items[i]; it.lines != nil && isTeaserBody(it.lines) {
			it.teaser, it.summary, it.lines = true, strings.Join(it.lines, " "), nil
		}
	}
}

// isTeaserBody: a listing item that shows only a summary of a line or two.
func isTeaserBody(lines []string) bool {
	if len(lines) > 2 {
		return false
	}
	n := 0
	for _, l := range lines {
		n += wordCount(l)
	}
	return n < 60
}

// cutTail drops the page's tail: everything from a "Related"/"Other News" line once the story
// has begun. Before that, such a line is a menu entry.
func cutTail(ls []line) []line {
	prose := 0
	for i := range ls {
		if ls[i].class == lineTail {
			if prose >= 2 {
				return ls[:i]
			}
			ls[i].class = lineChrome
			continue
		}
		if ls[i].words >= 8 {
			prose++
		}
	}
	return ls
}

// madeTitle makes a short title from a lead when the capture has no headline: its first
// sentence, cut at a word near 80 characters.
func madeTitle(lines []string) string {
	lead := lines[0]
	for _, l := range lines {
		// The lead is prose: not a caption, a salutation or an entry of a list ("- H.E. …,").
		if hasWords(l, 8) && !isCaption(l) && !salutation().MatchString(l) && !strings.HasSuffix(l, ",") {
			lead = l
			break
		}
	}
	s := strings.TrimSuffix(firstSentence(strings.TrimLeft(lead, "-–—•* ")), ".")
	if len(s) <= 90 {
		return s
	}
	cut := strings.LastIndexByte(s[:80], ' ')
	if cut < 40 {
		cut = 80
		for cut > 0 && s[cut]&0xc0 == 0x80 {
			cut--
		}
	}
	return strings.TrimRight(s[:cut], " ,;:") + "…"
}

var (
	// An image's file name glued to the text after it: "son 300With more…", "john_hendraJohn".
	gluedFileName = lazyRegexp(`^[\p{Ll}][\p{Ll}\d _-]{0,40}?(?:\d|_\p{Ll}+)(\p{Lu})`)
	// A date and an outlet's tag glued to the first sentence: "08/07/2025TN&MTOn July 8, …".
	gluedDateTag = lazyRegexp(`^(\d{1,2}/\d{1,2}/\d{4})\s*(?:(\p{Lu}[\p{Lu}&.]{1,10})(\p{Lu}\p{Ll}))?`)
)

// stripGluedPrefix removes a picture's file name or alt text (the headline again) glued to the
// start of a line.
func stripGluedPrefix(t, title string) string {
	if title != "" && len(t) > len(title)+20 && strings.HasPrefix(t, title) {
		if r := firstRune(t[len(title):]); unicode.IsUpper(r) {
			t = t[len(title):]
		}
	}
	if t != "" && t[0] >= 'a' && t[0] <= 'z' {
		if m := gluedFileName().FindStringSubmatchIndex(t); m != nil && len(t)-m[2] > 8 {
			return t[m[2]:]
		}
	}
	return t
}

// gluedDate peels a numeric date (and an outlet's tag) glued to the start of a line.
func gluedDate(t string) (d Date, tag, rest string, ok bool) {
	if t == "" || t[0] < '0' || t[0] > '9' {
		return Date{}, "", t, false
	}
	m := gluedDateTag().FindStringSubmatchIndex(t)
	if m == nil {
		return Date{}, "", t, false
	}
	d, ok = ParseDate(t[m[2]:m[3]])
	if !ok {
		return Date{}, "", t, false
	}
	end := m[1]
	if m[4] >= 0 {
		tag = t[m[4]:m[5]]
		end = m[6]
	}
	rest = strings.TrimSpace(t[end:])
	if len(rest) < 20 {
		return Date{}, "", t, false
	}
	return d, tag, rest, true
}

// firstSentence returns s up to its first sentence end.
func firstSentence(s string) string {
	for i := strings.Index(s, ". "); i >= 0; {
		if i > 20 && !isAbbreviation(s[:i]) {
			return s[:i+1]
		}
		j := strings.Index(s[i+2:], ". ")
		if j < 0 {
			break
		}
		i += 2 + j
	}
	return s
}

// headerDate reads a date line of a page header: alone, with a label or a time ("Date & Time:
// 08:00-11:30, Wednesday, 13 October 2021"), after a byline ("By Hoang Phong   November 27, 2023
// | 05:00 pm GMT+7") or after a place ("Hanoi (Viet Nam), 2 February 2011", "Lao Cai, 11/2017").
func headerDate(l string) (d Date, plain, ok bool) {
	if len(l) > 120 || !strings.ContainsAny(l, "0123456789") {
		return Date{}, false, false // every date has a number
	}
	if d, ok := ParseDate(l); ok {
		return d, true, true
	}
	if i := strings.Index(l, ", "); i > 0 && i < 40 && capitalised(l[:i]) && !strings.ContainsAny(l[:i], "0123456789") && stopWordCount(l[:i]) == 0 {
		if d, ok := ParseDate(l[i+2:]); ok {
			return d, false, true
		}
	}
	if !bylinePrefix().MatchString(l) {
		return Date{}, false, false
	}
	// The date is the longest tail after "By" and the author's name.
	d, _ = trailingDate(l, 2)
	return d, false, !d.IsZero()
}

// datelineSep finds the dash that ends a dateline: " – ", " — ", " -- ", " - ", or a dash glued
// to the date before it ("13 October 2011– Two-year-old"), followed by spaces. It returns the
// dash's span with the spaces after it, from the space or digit before it, or nil: what the
// regexp `(?:\s(?:—|–|--|-)|[\d)](?:—|–|--))\s+` finds (the tests hold the two to each other),
// in one pass where the regexp's backtracker took a tenth of all parsing time on datelines.
func datelineSep(s string) []int {
	for i := 0; i+1 < len(s); i++ {
		c := s[i]
		spaced := c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' // reSpace
		if !spaced && !('0' <= c && c <= '9' || c == ')') {
			continue
		}
		d := dashLen(s[i+1:], spaced)
		if d == 0 {
			continue
		}
		end := i + 1 + d
		after := len(strings.TrimLeft(s[end:], reSpace))
		if after < len(s)-end {
			return []int{i, len(s) - after}
		}
	}
	return nil
}

// dashLen is the length of the dash that s starts with: an em or en dash, "--", or (when single
// is true) "-"; 0 when s starts with none.
func dashLen(s string, single bool) int {
	switch {
	case strings.HasPrefix(s, "—") || strings.HasPrefix(s, "–"):
		return len("—")
	case strings.HasPrefix(s, "--"):
		return 2
	case single && strings.HasPrefix(s, "-"):
		return 1
	}
	return 0
}

// splitDateline recognises the dateline or source tag that opens a first paragraph and returns
// the publisher it names (or ""), its date if it has one, and the text after it: "HA NOI, 24 May
// 2021 – ", "- NEW YORK, HANOI, 7 June 2016 – ", "Da Nang, October 4th, 2010 -- ", "Hanoi (VNA)
// – ", "Ha Noi (Viet Nam News 23 Oct 2010) — ", "(VOVworld) - ", "VGP - ", "Ninh Thuan - ".
// A file name or alt text glued before the place goes with it.
func splitDateline(l string) (source string, d Date, rest string, ok bool) {
	if len(l) < 20 {
		return "", Date{}, l, false
	}
	t := strings.TrimLeft(l, "-–— ")
	head := t[:min(len(t), 120)]
	if strings.IndexByte(head, '-') < 0 && !strings.Contains(head, "–") && !strings.Contains(head, "—") {
		return "", Date{}, l, false // no dash, no dateline
	}
	loc := datelineSep(head)
	if loc == nil || loc[0] == 0 {
		return "", Date{}, l, false
	}
	cut := loc[0]
	if t[cut] != ' ' {
		cut++ // the dash is glued to the date
	}
	prefix, after := strings.TrimSpace(t[:cut]), t[loc[1]:]
	if !startsUpper(after) || len(after) < 10 {
		return "", Date{}, l, false
	}
	// An agency in brackets: "Hanoi (VNA)", "(VOVworld)", "Ha Noi (Viet Nam News 23 Oct 2010)".
	if o := strings.LastIndexByte(prefix, '('); o >= 0 && strings.HasSuffix(prefix, ")") {
		inner := prefix[o+1 : len(prefix)-1]
		if dd, name := trailingDate(inner, 0); name != "" && wordCount(prefix[:o]) <= 6 {
			if dd.IsZero() {
				dd, _ = trailingDate(strings.TrimRight(prefix[:o], " ,"), 0)
			}
			return bracketedName(name), dd, after, true
		}
	}
	if wordCount(prefix) > 14 {
		return "", Date{}, l, false
	}
	if dd, head := trailingDate(prefix, 0); !dd.IsZero() {
		return outletName(lastPlace(head)), dd, after, true
	}
	// A place or a tag alone: a few capitalised words with no function words.
	if isDomain(prefix) || wordCount(prefix) <= 4 && capitalised(prefix) && (isAllCaps(prefix) || stopWordCount(prefix) == 0) && !strings.ContainsAny(prefix, "0123456789,.:;") {
		return outletName(prefix), Date{}, after, true
	}
	return "", Date{}, l, false
}

// trailingDate reads a date at the end of s ("Ha Noi, 1 December 2013", "Viet Nam News 23 Oct
// 2010"), the longest tail after its first minHead words that is one, and returns it with what
// comes before it; the date is zero when s ends in none.
func trailingDate(s string, minHead int) (Date, string) {
	words := strings.Fields(s)
	for k := minHead; k < len(words); k++ {
		if d, ok := ParseDate(strings.Join(words[k:], " ")); ok {
			return d, strings.TrimRight(strings.Join(words[:k], " "), ", ")
		}
	}
	return Date{}, s
}

// lastPlace is the last comma-separated part of a dateline's head: who or where it names.
func lastPlace(s string) string {
	if i := strings.LastIndex(s, ", "); i >= 0 {
		return s[i+2:]
	}
	return s
}

// bracketedName names the agency in a dateline's brackets: "(VNA)", "(Reuters)", "(VOVworld)".
func bracketedName(tag string) string {
	if n := outletName(tag); n != "" {
		return n
	}
	if n, ok := agencyNames[strings.ToUpper(tag)]; ok {
		return n
	}
	return strings.TrimSpace(tag)
}

// outletName returns the publisher a dateline's tag names ("VNA", "VOVworld", "Viet Nam News",
// "THE HANOI TIMES", "VOV.VN"), or "" for a place.
func outletName(tag string) string {
	f := strings.TrimPrefix(Fold(strings.Trim(tag, "() ")), "the ")
	if n, ok := organisations[f]; ok {
		return n
	}
	if isDomain(tag) {
		if n, ok := organisations[f[:strings.IndexByte(f, '.')]]; ok {
			return n
		}
		return f
	}
	if isOutletName(strings.ToUpper(tag)) && isAllCaps(tag) {
		return agencyName(tag)
	}
	return ""
}

// creditOpeners open the credit at the end of a caption: "(Photo: VNA)", "(Source: UN Women)".
var creditOpeners = []string{"(Photo", "(Image", "(Source", "(Ảnh", "(Nguồn"}

// splitGluedCaption splits a photo's caption whose credit runs into the first sentence: "At the
// ceremony in Hanoi … (Photo: VNA)Hanoi (VNA) – The Ministry …".
func splitGluedCaption(t string) (caption, rest string, ok bool) {
	for _, o := range creditOpeners {
		i := strings.Index(t, o)
		if i < 20 || i > 400 {
			continue
		}
		j := strings.IndexByte(t[i:], ')')
		if j < 0 || j > 70 || !strings.Contains(t[i:i+j], ":") {
			continue
		}
		caption, rest = t[:i+j+1], t[i+j+1:]
		if len(rest) >= 20 && unicode.IsUpper(firstRune(rest)) {
			return caption, rest, true
		}
	}
	return "", t, false
}

// readBody takes an item's body lines: text, with the dateline, glued captions, file names and
// dates peeled off its first lines; what is not text (dates, labels, chrome) says what it says
// to the header and is dropped, and so are the keywords under a "Tags" line.
//
// The lines are appended to bodies, which the items of a capture share (one slice, not one
// each); what is returned is capped, so appending to it never writes over the next item's lines.
func readBody(ls []line, h *header, title string, bodies *[]string) []string {
	lines := *bodies
	start := len(lines)
	text := 0
	tags := false // under a "Tags" line: the keywords follow, one a line
	for k := range ls {
		l := &ls[k]
		if l.class != lineText {
			h.noteBody(l)
			tags = tags || isTagHeader(l.text)
			continue
		}
		if tags && l.words <= 5 && !endsSentence(l.text) {
			continue
		}
		tags = false
		t := l.text
		if text < 3 {
			t = stripGluedPrefix(t, title)
			if caption, rest, ok := splitGluedCaption(t); ok {
				lines = append(lines, caption)
				t = rest
			}
			if d, tag, rest, ok := gluedDate(t); ok {
				h.setDate(d)
				if h.source == "" {
					h.source = organisations[Fold(tag)]
				}
				t = rest
			}
			if src, d, rest, ok := splitDateline(t); ok {
				if h.source == "" {
					h.source = src
				}
				if !d.IsZero() {
					h.setDate(d)
				}
				t = rest
			}
		} else {
			t = stripGluedPrefix(t, "")
		}
		if text < 8 && mayBeSalutation(t) && salutation().MatchString(t) {
			h.speech = true
		}
		text++
		lines = append(lines, t)
	}
	*bodies = lines
	if len(lines) == start {
		return nil // no body: markTeasers tells it by nil
	}
	return lines[start:len(lines):len(lines)]
}

func isOutletName(name string) bool {
	if strings.HasPrefix(name, "THE ") || isDomain(name) {
		return true
	}
	for _, w := range outletWords {
		if name == w || strings.Contains(" "+name+" ", " "+w+" ") {
			return true
		}
	}
	return false
}

// agencyName spells an outlet for people: known agencies by name, sites by their domain, others
// in title case.
func agencyName(name string) string {
	name = strings.TrimSpace(name)
	if n, ok := agencyNames[strings.ToUpper(name)]; ok {
		return n
	}
	if isDomain(name) {
		host := strings.ToLower(name)
		if n, ok := agencyNames[strings.ToUpper(host[:strings.IndexByte(host, '.')])]; ok {
			return n
		}
		return host
	}
	if strings.ToUpper(name) != name {
		return name
	}
	words := strings.Fields(strings.ToLower(name))
	for i, w := range words {
		if i > 0 && (w == "of" || w == "the" || w == "and") {
			continue
		}
		rs := []rune(w)
		rs[0] = unicode.ToUpper(rs[0])
		words[i] = string(rs)
	}
	return strings.Join(words, " ")
}

// endsCard is endsItem with the line folded on the stack: it asks every line of a card.
func endsCard(t string) bool {
	if len(t) > 60 {
		return false
	}
	var buf [64]byte
	return afterArticle[string(bytes.TrimRight(appendFold(buf[:0], t), ": "))]
}

// readCard reads a UN site card: a kind label, then a date and a title in either order, then
// the body up to the next boundary (a "1 of N" counter, a section label, the sections that follow
// an article on its own page). A media card (a video) has nothing to read.
func readCard(ls []line, bodies *[]string) (it item, ok bool) {
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
	for end < len(ls) && !isCounter(ls[end].text, " of ") && !isBoundaryLine(ls[end].text) && !endsCard(ls[end].text) {
		end++
	}
	it.lines = readBody(ls[3:end], &h, it.title, bodies)
	// The card is the UN Viet Nam site's design: its publisher unless a dateline names another.
	it.kind, it.date, it.source = ls[0].kind, h.date, cmp.Or(h.source, "UN Viet Nam")
	it.teaser = !hasBody(it.lines)
	// A card with a line or two of summary and a "Learn more" link only points to its article.
	if n := len(it.lines); !it.teaser && n > 1 && isLinkLabel(it.lines[n-1]) && isTeaserBody(it.lines[:n-1]) {
		it.teaser, it.summary, it.lines = true, strings.Join(it.lines[:n-1], " "), nil
	}
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

// mayBeSalutation is the cheap test before the salutation regexp: the first letter of a
// salutation, after any bullet.
func mayBeSalutation(t string) bool {
	t = strings.TrimLeft(t, "-•* ")
	return t != "" && strings.IndexByte("LlEeYyDdHhGg", t[0]) >= 0
}
