package data

import (
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Stage 3: classify. Each line is put in a class by its own features: page chrome, a date, a kind
// label, a byline, labelled metadata, the start of a page's tail, or text (a headline, a heading,
// prose, a caption or a list item, told apart later by their neighbours). The word lists are in
// lexicon.go; the rules here are about shapes, so they hold for sites we have never seen.

type lineClass uint8

const (
	lineText   lineClass = iota
	lineChrome           // menus, share bars, follow prompts, straps, credits, file names
	lineDate             // a date, alone or with a label, a time, a place or a byline
	lineKind             // a kind label: "Press Release", "Story"
	lineMedia            // the label of a media card with nothing to read: "Video"
	lineByline           // "By …", "Written by …", a speaker's name line
	lineMeta             // labelled metadata: "Date added: …", "Downloads: 7301", "Venue: …"
	lineTail             // the start of a page's tail: "Related news", "Other News"
)

func classifyLine(l *line) {
	t := l.text
	if _, _, ok := noteStart(t); ok || len(t) > maxClassified {
		return // a reference, whose text may be in any language or shape, or a long paragraph
	}
	// A label is looked up lower-cased (kinds, media) or folded (chrome, tails): each form is
	// made once, and only for lines short enough to be a label.
	var buf [24]byte
	var lower []byte
	if len(t) <= 24 {
		lower = appendLower(buf[:0], t)
	}
	switch {
	case len(t) <= maxFolded && isTailFolded(l.folded()):
		l.class = lineTail
	case len(t) <= 24 && mediaLabels[string(lower)]:
		l.class = lineMedia
	default:
		if len(t) <= 24 {
			if k, ok := siteKinds[string(lower)]; ok { // kindLabel(t)
				l.class, l.kind = lineKind, k
				return
			}
		}
		// Every date ParseDate reads has a year of four ASCII digits (Fold makes no digit), and
		// both readers take at most 120 bytes.
		if len(t) <= 120 && hasDigits(t, 4) {
			if d, plain, ok := headerDate(t); ok {
				l.class, l.date, l.plainDate = lineDate, d, plain
				return
			}
			if d, k, ok := labelledDate(t); ok {
				l.class, l.date, l.kind = lineDate, d, k
				return
			}
		}
		switch {
		case isMetaLine(t):
			l.class = lineMeta
		case isBylineLine(t, l.words):
			l.class = lineByline
		case len(t) <= 40 && isChromeFolded(l.folded()) || isPageChrome(l):
			l.class = lineChrome
		}
	}
}

// hasDigits reports whether s has at least n ASCII digits. It counts eight bytes at a time:
// every short line is asked, and most have no date.
func hasDigits(s string, n int) bool {
	i := 0
	for ; i+8 <= len(s) && n > 0; i += 8 {
		n -= bits.OnesCount64(asciiBetween8(word8(s, i), '0', '9'))
	}
	for ; i < len(s) && n > 0; i++ {
		if s[i] >= '0' && s[i] <= '9' {
			n--
		}
	}
	return n <= 0
}

// appendLower appends s lower-cased (strings.ToLower) to b; ASCII, the common case, without
// allocating.
func appendLower(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return append(b, strings.ToLower(s)...)
		}
	}
	for i := 0; i < len(s); i++ {
		b = append(b, lowerASCII(s[i]))
	}
	return b
}

// labelledDate reads a date printed beside the item's kind: "13 February 2025 | News release",
// "News | 12 March 2020".
func labelledDate(t string) (Date, Kind, bool) {
	if len(t) > 80 || !strings.Contains(t, " | ") {
		return Date{}, "", false
	}
	var d Date
	var k Kind
	for _, part := range strings.Split(t, " | ") {
		part = strings.TrimSpace(part)
		if pd, ok := ParseDate(part); ok && d.IsZero() {
			d = pd
			continue
		}
		pk, ok := kindLabel(part)
		if !ok || k != "" {
			return Date{}, "", false
		}
		k = pk
	}
	return d, k, !d.IsZero() && k != ""
}

// metaLine matches labelled metadata of listings and event pages, and the marks of a
// publication's page.
var metaLine = lazyRegexp(`(?i)^(?:(?:date added|date published|downloads?|category|categories|venue|event|location|time|hits|views|file size|pages|language|publication date|published in)\s*:\s*\S.*|publication date|download (?:the )?(?:full )?(?:report|publication|document|pdf|file)(?: here)?|\(?(?:pdf|docx?|xlsx?|pptx?|zip)\s*,?\s*[\d.,]+\s*[kmg]b\)?)$`)

func isMetaLine(t string) bool {
	if len(t) > 160 || strings.IndexByte(t, ':') < 0 && !strings.ContainsAny(t[:1], "PpDd(") {
		return false // every label has a colon but the publication marks
	}
	return metaOpening(t) && metaLine().MatchString(t)
}

// metaOpening is the cheap test before metaLine: the line starts with the first two letters of
// one of its alternatives ("da" for "date added", "(p" for "(PDF, 2 MB)"), in either case. (?i)
// lets a non-ASCII letter match only k or s (K, ſ), and no alternative starts with either.
func metaOpening(t string) bool {
	if len(t) < 2 {
		return false
	}
	switch string([]byte{lowerASCII(t[0]), lowerASCII(t[1])}) {
	case "da", "do", "ca", "ve", "ev", "lo", "ti", "hi", "vi", "fi", "pa", "la", "pu", // labels
		"pd", "xl", "pp", "zi", "(p", "(d", "(x", "(z": // file types
		return true
	}
	return false
}

// publicationMeta reports whether a metadata line belongs to a publication's page.
func publicationMeta(t string) bool {
	f := strings.ToLower(t)
	return strings.HasPrefix(f, "download") || strings.HasPrefix(f, "date added") ||
		strings.HasPrefix(f, "publication") || strings.HasPrefix(f, "(pdf") || strings.HasPrefix(f, "pdf") ||
		strings.HasPrefix(f, "pages") || strings.HasPrefix(f, "file size")
}

var (
	// "By Sen", "Written by Nguyen Thu Thao, Communication Associate, UNDP in Viet Nam".
	bylinePrefix = lazyRegexp(`^(?:[Bb]y|BY|[Ww]ritten by|[Pp]osted by|[Rr]eported by|[Ss]tory by|[Tt]ext by|[Aa]uthor:)\s+[\p{Lu}\p{N}]`)
	// A speaker's name line: "Dr Kidong Park", "H.E. Le Van Thanh".
	honorificName = lazyRegexp(`^(?:Dr|Mr|Ms|Mrs|Prof|H\.\s?E)\.?\s+(?:\p{Lu}[\p{L}.'’-]*\s*){1,4}$`)
)

// isBylineLine matches a byline or a name standing alone where a byline stands.
func isBylineLine(t string, words int) bool {
	if words > 16 || words < 2 {
		return false
	}
	if strings.IndexByte("BbWwPpRrSsTtAa", t[0]) >= 0 && hasPrefixIn(t, bylineOpeners) && bylinePrefix().MatchString(t) {
		return !endsSentence(t) || words <= 6
	}
	return hasPrefixIn(t, honorifics) && honorificName().MatchString(t) || isNameLine(t, words)
}

// bylineOpeners and honorifics are what bylinePrefix and honorificName start with: a cheap
// test before the regexps.
var (
	bylineOpeners = []string{"By", "by", "BY", "Written by", "written by", "Posted by", "posted by",
		"Reported by", "reported by", "Story by", "story by", "Text by", "text by", "Author:", "author:"}
	honorifics = []string{"Dr", "Mr", "Ms", "Prof", "H."}
)

// hasPrefixIn reports whether s starts with one of prefixes.
func hasPrefixIn(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// isNameLine matches an author's name on a line of its own: two to four capitalised words, the
// first a Vietnamese family name, nothing else ("Nguyen Thao").
func isNameLine(t string, words int) bool {
	if words < 2 || words > 4 || strings.ContainsAny(t, ".,:;!?()0123456789") {
		return false
	}
	first := true
	for w := range strings.FieldsSeq(t) {
		if first && !vnFamilyNames[Fold(w)] {
			return false
		}
		first = false
		if !unicode.IsUpper(firstRune(w)) || isAllCaps(w) {
			return false
		}
	}
	return true
}

// speechByline matches who speaks, in a headline or the line under it: "Remarks by H.E. …",
// "Opening remarks by …", "Statement of Dr …", "Speech by …".
var speechByline = lazyRegexp(`(?i)(?:^|\s)(?:(?:opening|closing|welcome|welcoming|keynote|concluding|introductory)\s+)?(?:remarks|speech|statement|address|message|keynote)\s+(?:by|of|from|delivered by)\s+(?:the\s+)?(?:\p{Lu}|h\.e)`)

// isSpeechByline: speechByline, after a cheap look for its nouns.
func isSpeechByline(t string) bool {
	for _, n := range []string{"emarks", "peech", "tatement", "ddress", "essage", "eynote", "EMARKS", "PEECH", "TATEMENT"} {
		if strings.Contains(t, n) {
			return speechByline().MatchString(t)
		}
	}
	return false
}

// salutation matches how a speech opens: "Ladies and gentlemen,", "- Excellencies,",
// "Distinguished guests".
var salutation = lazyRegexp(`(?i)^[-•*\s]*(?:ladies and gentlemen|excellenc(?:y|ies)|your excellenc|distinguished (?:guests|delegates|participants|members|colleagues)|dear (?:colleagues|friends|participants|guests)|honou?rable|good (?:morning|afternoon|evening),? (?:everyone|ladies|excellenc|distinguished))`)

var (
	// An image's alt text left in the page: "… - ảnh 1", "… - Ảnh 1."
	altImage = lazyRegexp(`(?i)\s[-–]\s*ảnh\s*\d+\.?$`)
	// A photo credit with a path: "UNICEF\Simon Lister", "WHO Viet Nam\Loan Tran".
	creditPath = lazyRegexp(`^[^\s\\]+(?: [^\s\\]+){0,4}\\\S`)
)

// isPageChrome matches chrome by shape: lines with no letters ("|", ", 2022 -"), copyright
// and credit lines, file names, alt text, follow prompts and share bars in the page's own
// language, a link's image text glued to its title.
func isPageChrome(l *line) bool {
	t, words := l.text, l.words
	if !strings.ContainsFunc(t, unicode.IsLetter) || words == 1 && (strings.HasPrefix(t, "http://") || strings.HasPrefix(t, "https://")) {
		return true // no words, or the page's address on a line of its own
	}
	// Only C and c lower-case to c: the test on the first byte spares lower-casing the line.
	if words <= 10 && (strings.HasPrefix(t, "©") || strings.HasPrefix(t, "(©") || (t[0] == 'C' || t[0] == 'c') && strings.HasPrefix(strings.ToLower(t), "copyright ")) {
		return true
	}
	if words <= 8 && strings.IndexByte(t, '\\') > 0 && creditPath().MatchString(t) {
		return true
	}
	if words <= 4 && len(t) <= 48 && strings.ContainsAny(t, "0123456789_") && isFileNameLine(t) {
		return true
	}
	if mayBeAltImage(t) && altImage().MatchString(t) || len(t) <= 300 && isVietnamese(t) || isDoubledLink(t) || isOrgStrap(t, words) || isSiteNotice(t) {
		return true
	}
	return words <= maxFoldedWords && allChromeWords(l.folded())
}

// isFileNameLine matches a picture's file name standing as a line: "2004 capture", "measles
// vietnam photo2". A small letter or a digit, then up to 40 more of those or of " _.-": the
// regexp for it, ^[\p{Ll}\d][\p{Ll}\d _.-]{0,40}$, costs thousands of instructions a line.
func isFileNameLine(t string) bool {
	n := 0
	for _, r := range t {
		if n > 40 || !(unicode.IsLower(r) || '0' <= r && r <= '9' || n > 0 && (r == ' ' || r == '_' || r == '.' || r == '-')) {
			return false
		}
		n++
	}
	return n > 0
}

// mayBeAltImage is the cheap test before altImage: the line ends in a number, maybe with a
// full stop after it, as altImage requires, and has the word as a page writes it.
func mayBeAltImage(t string) bool {
	return endsInNumber(t) && (strings.Contains(t, "ảnh") || strings.Contains(t, "Ảnh"))
}

// endsInNumber: the line's last character is an ASCII digit, or a full stop after one.
func endsInNumber(t string) bool {
	t = strings.TrimSuffix(t, ".")
	return t != "" && t[len(t)-1] >= '0' && t[len(t)-1] <= '9'
}

// isSiteNotice matches a browser or cookie notice.
func isSiteNotice(t string) bool {
	if len(t) > 200 {
		return false
	}
	for _, n := range siteNotices {
		// Each notice starts with an ASCII letter that no other character folds to (not k or
		// s), so the first byte, in either case, is a cheap test before EqualFold.
		if len(t) >= len(n) && t[0]|0x20 == n[0] && strings.EqualFold(t[:len(n)], n) {
			return true
		}
	}
	return false
}

// allChromeWords: a share bar or menu made only of chrome words: "Print Email", "Get
// Newsletter| Contact us |". f is the line folded.
func allChromeWords(f string) bool {
	parts := 0
	for p := range strings.FieldsFuncSeq(f, func(r rune) bool { return r == '|' || r == '/' || r == '·' || r == '•' }) {
		parts++
		p = strings.TrimSpace(strings.TrimRight(p, ": "))
		if p == "" || chromeLines[p] {
			continue
		}
		for w := range strings.FieldsSeq(p) {
			if !chromeLines[w] {
				return false
			}
		}
	}
	return parts > 0
}

// isDoubledLink matches a related link whose image text runs into its title: "survey vietnamese
// show strong support … Survey: Vietnamese show strong support …". The words of the line are one
// run said twice.
func isDoubledLink(t string) bool {
	// The image text comes first, in lower case like a file name.
	if len(t) < 30 || len(t) > 600 || t[0] < 'a' || t[0] > 'z' {
		return false
	}
	ws := strings.FieldsFunc(Fold(apostrophes.Replace(t)), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r >= 0x80)
	})
	n := len(ws)
	if n < 6 || n%2 != 0 {
		return false
	}
	for i := 0; i < n/2; i++ {
		if ws[i] != ws[n/2+i] {
			return false
		}
	}
	return true
}

// apostrophes removes apostrophes, which a file name drops.
var apostrophes = strings.NewReplacer("’", "", "'", "")

// markMenus marks the chrome that only its neighbours reveal: runs of short bulleted lines (a
// province list, a section menu), and a menu entry's blurb glued to the entry printed again
// above it ("Who We Are" / "WHO WE AREThe International Organization…").
func markMenus(ls []line) {
	markBulletRuns(ls)
	for i := 1; i < len(ls); i++ {
		prev, t := ls[i-1].text, ls[i].text
		if len(prev) >= 3 && len(t) > len(prev) && ls[i-1].words <= 6 && strings.EqualFold(t[:len(prev)], prev) {
			if r := firstRune(t[len(prev):]); unicode.IsUpper(r) {
				ls[i].class = lineChrome
				ls[i-1].class = lineChrome
			}
		}
	}
}

// markBulletRuns turns runs of three or more short bulleted lines into chrome. A list in running
// text has sentences or follows a line that introduces it.
func markBulletRuns(ls []line) {
	for i := 0; i < len(ls); {
		j := i
		for j < len(ls) && isMenuEntry(&ls[j]) {
			j++
		}
		if j-i >= 3 && !(i > 0 && strings.HasSuffix(ls[i-1].text, ":")) {
			for k := i; k < j; k++ {
				ls[k].class = lineChrome
			}
		}
		if j == i {
			j++
		}
		i = j
	}
}

func isMenuEntry(l *line) bool {
	if l.words > 5 || l.words < 1 || endsSentence(l.text) || strings.HasSuffix(l.text, ",") {
		return false
	}
	switch firstRune(l.text) {
	case '•', '-', '–', '*', '·', '›', '»':
		return capitalised(strings.TrimLeft(l.text, "•-–*·›» "))
	}
	return false
}

func isChromeLine(l string) bool { return len(l) <= 40 && isChromeFolded(Fold(l)) }

// isChromeFolded is isChromeLine for a line already folded.
func isChromeFolded(folded string) bool {
	label := strings.TrimRight(folded, ":")
	f := strings.TrimSpace(label)
	if chromeLines[f] {
		return true
	}
	// Numbered widget labels: "Trích dẫn 1", "Share 12", "Comments (3)"
	f = strings.TrimRightFunc(f, func(r rune) bool { return r == ' ' || r == '(' || r == ')' || unicode.IsDigit(r) })
	return f != "" && chromeLines[f] && f != label
}

func isTailMarker(l string) bool { return len(l) <= 40 && isTailFolded(Fold(l)) }

// isTailFolded is isTailMarker for a line already folded.
func isTailFolded(folded string) bool {
	f := strings.TrimSpace(strings.TrimRight(folded, ":"))
	for _, m := range tailMarkers {
		if f == m {
			return true
		}
	}
	return false
}

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
	return sectionLabels[f] || chromeKindLabels[f] || isCounter(l, " / ")
}

// endsItem matches the sections that follow an article on its own page: the author, the UN
// entities and goals involved, links to other stories. What follows is page chrome.
func endsItem(l string) bool {
	if len(l) > 60 {
		return false
	}
	return afterArticle[strings.TrimRight(Fold(l), ": ")]
}

// isCounter matches carousel counters: "1 of 5" (with " of ") or "1 / 11" (with " / ").
func isCounter(l, sep string) bool {
	// The digits run up to the separator: read them rather than search the line for it.
	a := 0
	for a < len(l) && '0' <= l[a] && l[a] <= '9' {
		a++
	}
	return a > 0 && strings.HasPrefix(l[a:], sep) && isDigits(l[a+len(sep):])
}
