package data

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
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

var endMarker = regexp.MustCompile(`^(?:\./\.|-+ ?(?:end|hết|het) ?-+|\(?(?:end|hết)\)?|[#*=_~+-]{3,}|\.\s*/\s*\.)$`)

// linkLabel matches the texts of bare links: teaser buttons, "download" prompts and inline
// "Read more: …" links to other stories.
var linkLabel = regexp.MustCompile(`(?i)^(?:(?:read more|read also|also read|see also|related|xem thêm|>>)\s*:.*|learn more|read more|see more|view more|more|read the full (?:story|article|report|statement)|click here|xem thêm|chi tiết|(?:download|read|view|see) (?:the )?(?:full )?(?:report|publication|document|brief|story|article|pdf)(?: here)?)\s*(?:»|›|→|>>|\.{1,3})?$`)

func isLinkLabel(l string) bool {
	if len(l) >= 160 || len(l) < 3 {
		return false
	}
	// Every label starts with one of these; most lines are ruled out without the regexp.
	switch strings.ToLower(l[:3]) {
	case "lea", "rea", "see", "vie", "mor", "cli", "xem", "chi", "dow", "rel", "als", ">>":
		return linkLabel.MatchString(l)
	}
	return strings.HasPrefix(l, ">>") && linkLabel.MatchString(l)
}

// imageLabel matches the label of a picture with no caption: "Illustrative photo", "File
// image", "Ảnh minh họa".
var imageLabel = regexp.MustCompile(`(?i)^\(?(?:(?:illustrative|illustration|file|archive|stock|feature|cover)\s+)?(?:photo|image|picture|illustration)s?\)?\.?$|^\(?ảnh minh họa\)?\.?$`)

func isEndMarker(l string) bool {
	if len(l) > 40 || l == "" || !strings.ContainsRune(".-(#*=_~+eEhH", rune(l[0])) {
		return false // every marker starts with one of these
	}
	return endMarker.MatchString(strings.ToLower(l))
}

// cleanLines drops blank lines, end markers, link labels, share and menu chrome, repeats of the
// headline, and Vietnamese captions that are followed by their English translation.
func cleanLines(lines []string, title string, outlet bool) (out []string, signedBy string) {
	tk := TitleKey(title)
	skipTags := false
	sign := func(sig string) {
		if n, ok := agencyNames[strings.ToUpper(sig)]; ok && signedBy == "" {
			signedBy = n
		}
	}
	for i, l := range lines {
		l = strings.TrimSpace(l)
		if skipTags && (l == "" || hasWords(l, 5) || endsSentence(l)) {
			skipTags = false
		}
		if strings.HasSuffix(l, "./.") && len(l) > 3 {
			l = strings.TrimSpace(strings.TrimSuffix(l, "/."))
		}
		switch {
		case outlet && isTagHeader(l):
			skipTags = true // "Tags" on a line of its own: the keywords follow, one a line
			continue
		case l == "", isEndMarker(l), isLinkLabel(l), isChromeLine(l):
			continue
		case len(l) <= len(title)+16 && 2*len(l) >= len(title) && TitleKey(l) == tk:
			continue // the headline again, over a photo or a share bar
		case len(l) <= 30 && imageLabel.MatchString(l):
			continue
		case outlet && isSignature(l):
			// "VNA" or "(VNS/VNA)" under the story: who wrote it.
			sig, _, _ := strings.Cut(strings.Trim(l, "()[] ./"), "/")
			sign(sig)
			continue
		case outlet && isTagLine(l):
			continue // "Tags: HIV PrEP youth"
		case skipTags && !hasWords(l, 5) && !endsSentence(l):
			continue
		case len(l) < 400 && nextIsCaption(lines, i) && isVietnamese(l):
			continue // the English caption that follows says the same
		case outlet && !hasWords(l, 5) && isVietnamese(l):
			continue // a widget label left in the page's own language
		}
		if outlet {
			var sig string
			if l, sig = trimSignature(l); sig != "" {
				sign(sig)
			}
		}
		out = append(out, l)
	}
	return out, signedBy
}

// isSignature matches an agency's sign-off on a line of its own: "VNA", "VNS/VNA", "(VNA)".
func isSignature(l string) bool {
	l = strings.Trim(l, "()[] ./")
	if len(l) < 2 || len(l) > 12 {
		return false
	}
	for _, r := range l {
		if !unicode.IsUpper(r) && r != '/' && r != '+' {
			return false
		}
	}
	return true
}

var signatureTail = regexp.MustCompile(`\s+(?:—|–|-)\s*\p{Lu}{2,6}(?:/\p{Lu}{2,6})?\.?$`)

// trimSignature drops an agency sign-off at the end of a paragraph ("…,” Tamesis said. — VNS")
// and returns the agency.
func trimSignature(l string) (string, string) {
	if len(l) < 30 || !strings.ContainsAny(l[len(l)-12:], "—–-") {
		return l, ""
	}
	if loc := signatureTail.FindStringIndex(l); loc != nil && endsSentence(l[:loc[0]]) {
		sig := strings.Trim(l[loc[0]:], " —–-.")
		sig, _, _ = strings.Cut(sig, "/")
		return l[:loc[0]], sig
	}
	return l, ""
}

// isTagLine matches keyword lists under a story: "Tags: HIV PrEP", "Từ khóa: …", "Keywords: …".
func isTagLine(l string) bool {
	f := Fold(l[:min(len(l), 16)])
	for _, p := range []string{"tags:", "tag:", "keywords:", "tu khoa:", "topics:"} {
		if strings.HasPrefix(f, p) {
			return true
		}
	}
	return false
}

// isTagHeader matches a keywords heading with the keywords on the lines below.
func isTagHeader(l string) bool {
	switch strings.TrimRight(Fold(l), ": ") {
	case "tags", "tag", "keywords", "tu khoa", "topics":
		return true
	}
	return false
}

func nextIsCaption(lines []string, i int) bool {
	for _, l := range lines[i+1:] {
		if l = strings.TrimSpace(l); l != "" {
			return isCaption(l) && !isVietnamese(l)
		}
	}
	return false
}

// isVietnamese reports whether most words of s carry Vietnamese diacritics.
func isVietnamese(s string) bool {
	words, marked := 0, 0
	inWord, wordMarked := false, false
	for _, r := range s {
		if r == ' ' {
			inWord = false
			continue
		}
		if !inWord {
			inWord, wordMarked = true, false
			words++
		}
		if !wordMarked && r >= 0xc0 && unicode.IsLetter(r) {
			wordMarked = true
			marked++
		}
	}
	return words >= 2 && marked*5 >= words*2
}

var (
	captionPhoto  = regexp.MustCompile(`(?i)(?:\((?:photo|ảnh|image|illustration|file photo|photo credit)[^()]{0,80}\)|(?:^|[.?!)] ?|\s)(?:photo|ảnh|image|photo credit)s?\s*(?:by|:)\s*[^.:]{1,60}\.?)\s*$`)
	captionSource = regexp.MustCompile(`(?i)\((?:source|nguồn|credit)\s*:[^()]{1,60}\)\s*\.?$`)
	// "… in Ha Noi. VNS Photo Minh Quan", "… VNA Photo", "… Photo courtesy of UNDP"
	captionAgency = regexp.MustCompile(`[.!?)”] (?:\p{Lu}{2,8} )?(?:Photo|Photos|File photo|Image)(?: courtesy of)?(?: [\p{Lu}][\p{L}.&/-]*){0,4}$`)
)

// isCaption matches photo captions: "… Photo: Plan International", "(Photo: TH)", "(Source: UN
// Women)", "Photo by …". A source note only makes a caption on a short line: in running text it
// is a citation.
func isCaption(l string) bool {
	if len(l) > 400 {
		return false
	}
	// The regexps are slow; a caption names its photo or source near the end of the line, and
	// every pattern is anchored at the end, so they only need to see the tail, cut at a word.
	tail := l
	if len(l) > 140 {
		tail = l[len(l)-140:]
		if sp := strings.IndexByte(tail, ' '); sp >= 0 {
			tail = tail[sp:]
		}
	}
	// The photo, source or credit is named within the last few words.
	if !mayBeCaption(tail[max(0, len(tail)-90):]) {
		return false
	}
	return captionPhoto.MatchString(tail) || len(l) <= 240 && captionSource.MatchString(tail) ||
		len(l) <= 300 && captionAgency.MatchString(tail)
}

// mayBeCaption is the cheap test before the caption regexps: the tail names a photo, an image or
// an illustration, or has a bracketed source or credit.
func mayBeCaption(tail string) bool {
	for _, w := range []string{"hoto", "HOTO", "mage", "ảnh", "Ảnh", "llustration"} {
		if strings.Contains(tail, w) {
			return true
		}
	}
	if !strings.Contains(tail, "(") {
		return false
	}
	for _, w := range []string{"ource", "OURCE", "guồn", "GUỒN", "redit", "REDIT"} {
		if strings.Contains(tail, w) {
			return true
		}
	}
	return false
}

// Footnotes.

var refHeader = map[string]bool{
	"references": true, "reference": true, "notes": true, "footnotes": true, "endnotes": true,
	"sources": true, "source notes": true, "citations": true, "bibliography": true,
}

// noteStart matches "[12] text" at the start of a line.
func noteStart(l string) (n int, rest string, ok bool) {
	if len(l) < 3 || l[0] != '[' {
		return 0, "", false
	}
	end := strings.IndexByte(l, ']')
	if end < 2 || end > 4 || !isDigits(l[1:end]) {
		return 0, "", false
	}
	return atoi(l[1:end]), strings.TrimSpace(l[end+1:]), true
}

// splitFootnotes takes the reference lines out of a body: "[n] …" lines wherever they stand,
// several on one line, and every line after a "References:" heading. Each number is kept once.
func splitFootnotes(lines []string) (body []string, notes []Footnote) {
	seen := map[int]bool{}
	add := func(n int, text string) {
		text = strings.TrimSpace(text)
		if text == "" || seen[n] {
			return
		}
		seen[n] = true
		notes = append(notes, Footnote{N: n, Text: text})
	}
	inRefs := false
	for _, l := range lines {
		if len(l) <= 20 && refHeader[strings.TrimRight(strings.ToLower(l), ": ")] {
			inRefs = true
			continue
		}
		if n, rest, ok := noteStart(l); ok && rest != "" {
			for n, text := range splitNoteLine(n, rest) {
				add(n, text)
			}
			continue
		}
		if inRefs {
			if m := numberedRef.FindStringSubmatch(l); m != nil {
				add(atoi(m[1]), m[2])
			} else {
				add(len(notes)+1, l)
			}
			continue
		}
		body = append(body, l)
	}
	sort.SliceStable(notes, func(i, j int) bool { return notes[i].N < notes[j].N })
	return body, notes
}

var numberedRef = regexp.MustCompile(`^(\d{1,3})[.)]\s+(.+)$`)

// splitNoteLine splits "UNAIDS … [2] UNODC … [3] …" into numbered notes; a later marker counts
// only when its number is the next one, so a citation inside a note stays put.
func splitNoteLine(first int, rest string) map[int]string {
	out := map[int]string{}
	n := first
	for {
		next := "[" + strconv.Itoa(n+1) + "]"
		i := strings.Index(rest, " "+next)
		if i < 0 {
			out[n] = rest
			return out
		}
		out[n] = rest[:i]
		rest = strings.TrimSpace(rest[i+1+len(next):])
		n++
	}
}

// markerAt matches a footnote marker "[n]" at s[i].
func markerAt(s string, i int) (n, end int, ok bool) {
	if s[i] != '[' {
		return 0, 0, false
	}
	j := i + 1
	for j < len(s) && j-i <= 4 && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	if j == i+1 || j >= len(s) || s[j] != ']' {
		return 0, 0, false
	}
	return atoi(s[i+1 : j]), j + 1, true
}

// eachText calls f with a pointer to every piece of text in the blocks.
func eachText(blocks []Block, f func(*string)) {
	for i := range blocks {
		f(&blocks[i].Text)
		for j := range blocks[i].Items {
			f(&blocks[i].Items[j])
		}
	}
}

// restoreLostHyphens undoes a PDF copy artefact: "high[1]income", "net[1]zero". A marker between
// two letters that cites no reference of the article was a hyphen.
func restoreLostHyphens(a *Article) {
	eachText(a.Blocks, func(s *string) {
		if !strings.Contains(*s, "]") {
			return
		}
		var b strings.Builder
		last := 0
		for i := 0; i < len(*s); i++ {
			n, end, ok := markerAt(*s, i)
			if !ok || i == 0 || end >= len(*s) {
				continue
			}
			before, _ := utf8.DecodeLastRuneInString((*s)[:i])
			after, _ := utf8.DecodeRuneInString((*s)[end:])
			if _, has := a.Footnote(n); has || !unicode.IsLetter(before) || !unicode.IsLower(after) {
				continue
			}
			b.WriteString((*s)[last:i])
			b.WriteByte('-')
			last = end
			i = end - 1
		}
		if last > 0 {
			b.WriteString((*s)[last:])
			*s = b.String()
		}
	})
}

// markCited sets Cited on every footnote whose marker appears in the body.
func markCited(a *Article) {
	cited := map[int]bool{}
	eachText(a.Blocks, func(s *string) {
		for i := strings.IndexByte(*s, '['); i >= 0; {
			if n, _, ok := markerAt(*s, i); ok {
				cited[n] = true
			}
			j := strings.IndexByte((*s)[i+1:], '[')
			if j < 0 {
				break
			}
			i += 1 + j
		}
	})
	for i := range a.Footnotes {
		a.Footnotes[i].Cited = cited[a.Footnotes[i].N]
	}
}

// Blocks.

// recoverUnits runs text recovery over every line.
func recoverUnits(lines []string) []unit {
	var units []unit
	list := 0
	for _, l := range lines {
		units = append(units, recoverLine(l, &list)...)
	}
	return units
}

// classify turns units into blocks: recovered headings and lists as they are; then captions,
// numbered and short title-like lines before running text as headings, short lines after a line
// ending in a colon as a list, whole-quote paragraphs as quotes, and the rest as paragraphs.
func classify(units []unit) []Block {
	var blocks []Block
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
		case listOpen >= 0 && isItemLine(t) && numberedItem.MatchString(blocks[listOpen].Items[0]) == numberedItem.MatchString(t):
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

var numberedItem = regexp.MustCompile(`^\d{1,2}[.)]\s`)

var numberedHeading = regexp.MustCompile(`^\d{1,2}\.\s+\S`)

// isHeadingLine: a short line with no closing punctuation, starting with a capital or a number,
// followed by running text.
func isHeadingLine(t, next string) bool {
	if len(t) > 110 || !hasWords(next, 12) || strings.Contains(t, "://") || strings.Contains(t, "@") {
		return false
	}
	first, _ := utf8.DecodeRuneInString(t)
	if !unicode.IsUpper(first) && !unicode.IsDigit(first) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(t)
	if strings.ContainsRune(".,;:!?", last) {
		return false
	}
	if numberedHeading.MatchString(t) {
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
	type blockKey struct {
		typ        BlockType
		text, list string
	}
	seen := map[blockKey]bool{}
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

// slugID makes "2024-11-30-building-a-sustainable-hiv-response-with-the-community".
func slugID(d Date, title string) string {
	prefix := d.String()
	if prefix == "" {
		prefix = "undated"
	}
	var b strings.Builder
	dash := false
	for _, r := range Fold(title) {
		if r < 0x80 && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	slug := b.String()
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

func isLetter(r rune) bool { return unicode.IsLetter(r) }
