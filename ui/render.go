package ui

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"charm.land/glamour/v2"
	gansi "charm.land/glamour/v2/ansi"
	"charm.land/glamour/v2/styles"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"unvn/data"
)

// RenderMarkdown renders markdown that our own code generated with Glamour's dark or light style,
// wrapped at width, and filters the result so that nothing but SGR colour codes and OSC 8 links
// to http, https or mailto URLs can reach the terminal.
//
// It is safe for concurrent use; renderers are built once per (style, width) and reused.
func RenderMarkdown(md string, width int, dark bool) (string, error) {
	r, err := glamourRenderer(width, dark)
	if err != nil {
		return "", err
	}
	r.mu.Lock()
	out, err := r.tr.Render(md)
	r.mu.Unlock()
	if err != nil {
		return "", err
	}
	return FilterTerminalOutput(out), nil
}

// minRenderWidth keeps Glamour's margins and list indents from fighting over a too-narrow column.
const minRenderWidth = 10

type rendererKey struct {
	width int
	dark  bool
}

// cachedRenderer guards a TermRenderer, which keeps per-render state and is not safe to share.
type cachedRenderer struct {
	mu sync.Mutex
	tr *glamour.TermRenderer
}

var (
	renderersMu sync.Mutex
	renderers   = map[rendererKey]*cachedRenderer{}
)

func glamourRenderer(width int, dark bool) (*cachedRenderer, error) {
	width = max(width, minRenderWidth)
	k := rendererKey{width, dark}
	renderersMu.Lock()
	defer renderersMu.Unlock()
	if r, ok := renderers[k]; ok {
		return r, nil
	}
	tr, err := glamour.NewTermRenderer(glamour.WithStyles(articleStyle(dark)), glamour.WithWordWrap(width))
	if err != nil {
		return nil, fmt.Errorf("glamour: %w", err)
	}
	r := &cachedRenderer{tr: tr}
	renderers[k] = r
	return r, nil
}

// articleStyle is Glamour's dark or light style made for news: headings without a literal "##",
// kept apart from the text by bold and underline, so they stand out without colour too.
func articleStyle(dark bool) gansi.StyleConfig {
	style := styles.LightStyleConfig
	if dark {
		style = styles.DarkStyleConfig
	}
	on := true
	for _, h := range []*gansi.StyleBlock{&style.H2, &style.H3, &style.H4, &style.H5, &style.H6} {
		h.Prefix = ""
		h.Bold = &on
	}
	style.H2.Underline = &on
	return style
}

// FilterTerminalOutput lets through printable text, newlines, tabs, SGR sequences (ESC [ … m with
// numeric parameters) and OSC 8 hyperlinks whose URL is http, https or mailto (or empty, which
// closes a link). Every other escape sequence, C0 and C1 control, DEL and invalid UTF-8 is dropped,
// so rendered text can neither move the cursor, retitle the window, write the clipboard, nor
// smuggle an 8-bit CSI past a terminal.
func FilterTerminalOutput(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == 0x1b:
			i = filterEscape(&b, s, i)
		case c == '\n' || c == '\t':
			b.WriteByte(c)
			i++
		case c < 0x20 || c == 0x7f:
			i++
		case c < utf8.RuneSelf:
			b.WriteByte(c)
			i++
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			if r != utf8.RuneError && (r < 0x80 || r > 0x9f) {
				b.WriteString(s[i : i+n])
			}
			i += n
		}
	}
	return b.String()
}

// filterEscape handles the escape sequence that starts at s[i] (an ESC), writes it to b if it is
// allowed, and returns the index just past it. A malformed sequence is dropped up to the byte
// that broke it, which is then processed as ordinary input.
func filterEscape(b *strings.Builder, s string, i int) int {
	if i+1 >= len(s) {
		return len(s) // a lone ESC at the end
	}
	switch s[i+1] {
	case '[':
		j := i + 2
		params := j
		for j < len(s) && s[j] >= 0x30 && s[j] <= 0x3f {
			j++
		}
		paramsEnd := j
		for j < len(s) && s[j] >= 0x20 && s[j] <= 0x2f {
			j++
		}
		if j >= len(s) || s[j] < 0x40 || s[j] > 0x7e {
			return j // unterminated or broken CSI: drop it
		}
		if s[j] == 'm' && j == paramsEnd && sgrParams(s[params:paramsEnd]) {
			b.WriteString(s[i : j+1])
		}
		return j + 1
	case ']', 'P', 'X', '^', '_':
		// String sequences: OSC, DCS, SOS, PM, APC. They end at BEL or ST (ESC \).
		j := i + 2
		for j < len(s) {
			c := s[j]
			if c == 0x07 {
				if s[i+1] == ']' {
					writeOSC(b, s[i+2:j], "\a")
				}
				return j + 1
			}
			if c == 0x1b {
				if j+1 < len(s) && s[j+1] == '\\' {
					if s[i+1] == ']' {
						writeOSC(b, s[i+2:j], "\x1b\\")
					}
					return j + 2
				}
				return j // broken: resume at this ESC
			}
			if c < 0x20 || c == 0x7f {
				return j // a control inside a string sequence: drop what came before
			}
			j++
		}
		return len(s)
	}
	// Other escapes: ESC, intermediates, one final byte (ESC 7, ESC c, ESC ( B …).
	j := i + 1
	for j < len(s) && s[j] >= 0x20 && s[j] <= 0x2f {
		j++
	}
	if j < len(s) && s[j] >= 0x30 && s[j] <= 0x7e {
		j++
	}
	return j
}

// sgrParams reports whether p is a plain SGR parameter list: digits, ';' and ':'.
func sgrParams(p string) bool {
	for i := 0; i < len(p); i++ {
		if c := p[i]; (c < '0' || c > '9') && c != ';' && c != ':' {
			return false
		}
	}
	return true
}

// writeOSC writes an OSC 8 hyperlink with body "8;params;uri" when its URI is allowed.
func writeOSC(b *strings.Builder, body, term string) {
	rest, ok := strings.CutPrefix(body, "8;")
	if !ok {
		return
	}
	params, uri, ok := strings.Cut(rest, ";")
	if !ok || !safeLinkParams(params) || !safeURI(uri) {
		return
	}
	b.WriteString("\x1b]8;")
	b.WriteString(params)
	b.WriteByte(';')
	b.WriteString(uri)
	b.WriteString(term)
}

func safeLinkParams(p string) bool {
	for i := 0; i < len(p); i++ {
		c := p[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' ||
			c == '=' || c == ':' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}

// safeURI allows an empty URI (closing a link) or an http, https or mailto URI of printable
// ASCII without spaces.
func safeURI(u string) bool {
	if u == "" {
		return true
	}
	for i := 0; i < len(u); i++ {
		if u[i] <= 0x20 || u[i] >= 0x7f {
			return false
		}
	}
	l := strings.ToLower(u)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") ||
		strings.HasPrefix(l, "mailto:")
}

// RenderArticle renders a whole article for a terminal (unvn show) wrapped at width: the same
// document the reading pane shows, related articles and notes included.
func RenderArticle(a *data.Article, related []*data.Article, width int, dark bool) (string, error) {
	d, err := renderArticle(a, related, max(width, minRenderWidth), NewStyles(dark))
	if err != nil {
		return "", err
	}
	return strings.Join(d.lines, "\n") + "\n", nil
}

// WrapWidth is the column the reading pane (and unvn show) wraps text at on a terminal or pane
// this wide: a little room for the frame, and never so wide that lines become hard to read.
func WrapWidth(width int) int { return TextColumn(width, MaxTextWidth) }

// TextColumn is the wrap column for a pane this wide when text may be at most limit columns.
func TextColumn(width, limit int) int {
	return max(min(width-3, limit), minRenderWidth)
}

// MaxTextWidth is the widest text column by default (the Glamour document margin included): a
// news article reads best at about 80 characters a line.
const MaxTextWidth = 84

// docKey is what a rendered article was made for; a result for another key is stale.
type docKey struct {
	id    string
	width int
	dark  bool
}

// marker is one footnote marker "[n]" in the rendered body: its line, its first cell and width.
type marker struct {
	line, col, width, n int
}

// renderedDoc is an article laid out for one width: the styled lines and where things are.
type renderedDoc struct {
	key       docKey
	lines     []string
	blockLine []int       // first line of body block i, so a position survives a new width
	markers   []marker    // footnote markers in the body in reading order, then uncited notes
	noteLine  map[int]int // footnote number -> first line of its entry under Notes
	notesLine int         // line of the Notes heading, -1 when there are none
}

var markerRe = regexp.MustCompile(`\[(\d{1,3})\]`)

// renderArticle lays out a for a column of width cells. It runs inside a tea.Cmd: Glamour is far
// too slow for View.
func renderArticle(a *data.Article, related []*data.Article, width int, st Styles) (*renderedDoc, error) {
	d := &renderedDoc{key: docKey{a.ID, width, st.Dark}, noteLine: map[int]int{}, notesLine: -1}
	add := func(ls ...string) { d.lines = append(d.lines, ls...) }
	blank := func() {
		if n := len(d.lines); n > 0 && d.lines[n-1] != "" {
			add("")
		}
	}

	// Our own lines share Glamour's document margin so everything lines up.
	inner := max(width-2*docMargin, 1)
	add(indent(articleHeader(a, inner, st))...)
	if a.Teaser {
		blank()
		note := data.TeaserNote
		if a.URL != "" {
			note = teaserWithAddress
		}
		add(indent(wrapStyled(note, inner, st.DocNotice))...)
	}

	for _, b := range a.Blocks {
		blank()
		d.blockLine = append(d.blockLine, len(d.lines))
		start := len(d.lines)
		lines, err := blockLines(b, width, st.Dark)
		if err != nil {
			return nil, err
		}
		add(lines...)
		d.findMarkers(a, start, st)
	}

	if len(related) > 0 {
		blank()
		add(margin + st.Section.Render("Related"))
		for i, r := range related {
			if i >= 5 {
				break
			}
			line := st.RelatedKey.Render(fmt.Sprintf("%d ", i+1)) + st.Related.Render(r.Title)
			if ds := shortDate(r.Date); ds != "" {
				line += st.DocMeta.Render(" · " + ds)
			}
			add(margin + ansi.Truncate(line, inner, "…"))
		}
	}

	if len(a.Footnotes) > 0 {
		blank()
		d.notesLine = len(d.lines)
		add(margin + st.Section.Render("Notes"))
		notes := slices.Clone(a.Footnotes)
		slices.SortFunc(notes, func(x, y data.Footnote) int { return x.N - y.N })
		cited := map[int]bool{}
		for _, m := range d.markers {
			cited[m.n] = true
		}
		for _, f := range notes {
			num := fmt.Sprintf("[%d] ", f.N)
			indent := lipgloss.Width(num)
			d.noteLine[f.N] = len(d.lines)
			if !cited[f.N] {
				// A reference the text never cites is reached by ] too, at its number under Notes,
				// so its box and its links are one key away like the others.
				d.markers = append(d.markers, marker{line: len(d.lines), col: docMargin, width: len(num) - 1, n: f.N})
			}
			body := wrapNote(f.Text, max(inner-indent, 10), st.NoteText)
			for i, l := range body {
				if i == 0 {
					add(margin + st.NoteNumber.Render(num) + l)
				} else {
					add(margin + strings.Repeat(" ", indent) + l)
				}
			}
		}
	}
	for i, l := range d.lines {
		// Title, notes and related titles come from article text, not from Glamour: filter them
		// too. Lines are not cut here: a line with an address longer than the column keeps it
		// whole (a terminal wraps it for show; the reading pane cuts what it draws).
		d.lines[i] = FilterTerminalOutput(l)
	}
	return d, nil
}

// blockLines renders one body block. A list's items are rendered one by one under a bullet with
// a hanging indent, which Glamour's own lists lack: a wrapped item lines up with its first word.
func blockLines(b data.Block, width int, dark bool) ([]string, error) {
	render := func(bl data.Block, w int) ([]string, error) {
		md := data.BlockMarkdown(bl)
		if md == "" {
			return nil, nil
		}
		out, err := RenderMarkdown(md, w, dark)
		return trimBlankLines(strings.Split(out, "\n")), err
	}
	if b.Type != data.BlockList {
		return render(b, width)
	}
	lines, err := render(data.Block{Type: data.BlockParagraph, Text: b.Text}, width)
	if err != nil {
		return nil, err
	}
	if len(lines) > 0 && len(b.Items) > 0 {
		lines = append(lines, "")
	}
	const bullet = "• "
	for _, it := range b.Items {
		item, err := render(data.Block{Type: data.BlockParagraph, Text: it}, width-len(bullet))
		if err != nil {
			return nil, err
		}
		for i, l := range item {
			l = strings.TrimPrefix(l, margin)
			if i == 0 {
				lines = append(lines, margin+bullet+l)
			} else {
				lines = append(lines, margin+"  "+l)
			}
		}
	}
	return lines, nil
}

// docMargin is Glamour's document margin in the dark and light styles.
const docMargin = 2

var margin = strings.Repeat(" ", docMargin)

func indent(ls []string) []string {
	for i, l := range ls {
		ls[i] = margin + l
	}
	return ls
}

// teaserWithAddress is what a headline-only article with an address says instead of a body.
const teaserWithAddress = "Only the headline of this article is in the library. Its text is on its page: F in the reader fetches it (or unvn add with its address)."

// articleHeader is the title and the meta line: kind · date · source · reading time · themes,
// then the article's address, if it has one, as a link the terminal can open.
func articleHeader(a *data.Article, width int, st Styles) []string {
	lines := wrapStyled(a.Title, width, st.DocTitle)
	meta := []string{data.MetaLine(a)}
	if !a.Teaser {
		meta = append(meta, fmt.Sprintf("%d min read", readingMinutes(a)))
	}
	if ids := a.ThemeIDs(); len(ids) > 0 {
		meta = append(meta, strings.Join(ids, ", "))
	}
	lines = append(lines, wrapStyled(strings.Join(meta, " · "), width, st.DocMeta)...)
	if u := data.SafeURL(a.URL); u != "" {
		lines = append(lines, urlLine(u, width, st))
	}
	return lines
}

// urlLine shows an address on one line (cut with "…" when it is too long) inside an OSC 8
// hyperlink to the whole address. SafeURL leaves only printable ASCII, so the link cannot end
// the escape sequence early.
func urlLine(u string, width int, st Styles) string {
	shown := ansi.Truncate(u, max(width, 1), "…")
	return ansi.SetHyperlink(u) + st.DocMeta.Render(shown) + ansi.ResetHyperlink()
}

// readingMinutes assumes 220 words a minute, and never says 0.
func readingMinutes(a *data.Article) int {
	words := 0
	for _, b := range a.Blocks {
		words += len(strings.Fields(b.Text))
		for _, it := range b.Items {
			words += len(strings.Fields(it))
		}
	}
	return max(1, int(math.Round(float64(words)/220)))
}

// findMarkers records the footnote markers in lines[start:] and highlights them.
func (d *renderedDoc) findMarkers(a *data.Article, start int, st Styles) {
	for i := start; i < len(d.lines); i++ {
		plain := ansi.Strip(d.lines[i])
		var found []marker
		for _, m := range markerRe.FindAllStringSubmatchIndex(plain, -1) {
			var n int
			fmt.Sscanf(plain[m[2]:m[3]], "%d", &n)
			if _, ok := a.Footnote(n); !ok {
				continue
			}
			found = append(found, marker{line: i, col: ansi.StringWidth(plain[:m[0]]), width: m[1] - m[0], n: n})
		}
		for _, m := range found {
			d.lines[i] = restyle(d.lines[i], m.col, m.width, st.Marker)
		}
		d.markers = append(d.markers, found...)
	}
}

// restyle redraws cells [col, col+w) of a styled line with style, keeping the rest as it was:
// the right part still carries every SGR sequence before it, so Glamour's colours come back.
func restyle(line string, col, w int, style lipgloss.Style) string {
	left := ansi.Truncate(line, col, "")
	mid := ansi.Strip(ansi.Cut(line, col, col+w))
	right := ansi.TruncateLeft(line, col+w, "")
	return left + "\x1b[m" + style.Render(mid) + right
}

func trimBlankLines(ls []string) []string {
	isBlank := func(s string) bool { return strings.TrimSpace(ansi.Strip(s)) == "" }
	for len(ls) > 0 && isBlank(ls[0]) {
		ls = ls[1:]
	}
	for len(ls) > 0 && isBlank(ls[len(ls)-1]) {
		ls = ls[:len(ls)-1]
	}
	return ls
}

// wrapNote word-wraps a reference without ever breaking a word, so an address stays whole on
// its line however long, and makes each http(s) address a terminal link (OSC 8) to itself.
func wrapNote(text string, width int, style lipgloss.Style) []string {
	lines := wrapWords(text, max(width, 1))
	for i, l := range lines {
		l = strings.TrimRight(l, " ")
		var b strings.Builder
		at := 0
		for _, m := range linkRe.FindAllStringIndex(l, -1) {
			b.WriteString(style.Render(l[at:m[0]]))
			u := l[m[0]:m[1]]
			b.WriteString(ansi.SetHyperlink(u) + style.Render(u) + ansi.ResetHyperlink())
			at = m[1]
		}
		b.WriteString(style.Render(l[at:]))
		lines[i] = b.String()
	}
	return lines
}

// wrapWords fills lines of at most width cells with the words of text, breaking only at
// spaces: a word longer than the line (an address) gets a line of its own, whole.
func wrapWords(text string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		switch {
		case line == "":
			line = w
		case ansi.StringWidth(line)+1+ansi.StringWidth(w) <= width:
			line += " " + w
		default:
			lines = append(lines, line)
			line = w
		}
	}
	return append(lines, line)
}

// wrapStyled word-wraps plain text (breaking over-long words such as URLs) and styles each line.
func wrapStyled(text string, width int, style lipgloss.Style) []string {
	if text == "" {
		return nil
	}
	lines := strings.Split(ansi.Wrap(text, max(width, 1), ""), "\n")
	for i, l := range lines {
		lines[i] = style.Render(strings.TrimRight(l, " "))
	}
	return lines
}
