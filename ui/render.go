package ui

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"charm.land/glamour/v2"
	gansi "charm.land/glamour/v2/ansi"
	"charm.land/glamour/v2/styles"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"unvn/data"
	"unvn/termsafe"
)

// RenderMarkdown renders markdown that our own code generated with Glamour's dark or light style,
// wrapped at width, and filters the result (termsafe.Filter) so that nothing but SGR colour
// codes and OSC 8 links to http, https or mailto URLs can reach the terminal.
//
// It is safe for concurrent use; renderers are built once per (style, width) and reused.
func RenderMarkdown(md string, width int, dark bool) (string, error) {
	out, err := glamourRender(md, max(width, minRenderWidth), dark)
	return termsafe.Filter(out), err
}

// glamourRender is Glamour's output for md, not yet filtered: renderArticle filters every line
// once, at the end. Width 0 renders without wrapping (and so without padding).
func glamourRender(md string, width int, dark bool) (string, error) {
	tr, err := takeRenderer(width, dark)
	if err != nil {
		return "", err
	}
	defer putRenderer(width, dark, tr)
	return tr.Render(md)
}

// minRenderWidth keeps Glamour's margins and list indents from fighting over a too-narrow column.
const minRenderWidth = 10

type rendererKey struct {
	width int
	dark  bool
}

// Idle Glamour renderers by (width, style). A TermRenderer keeps per-render state, so each
// render takes one for itself; renders running at once (the blocks of a long article on every
// core) each get their own.
var (
	renderersMu   sync.Mutex
	idleRenderers = map[rendererKey][]*glamour.TermRenderer{}
)

func takeRenderer(width int, dark bool) (*glamour.TermRenderer, error) {
	k := rendererKey{width, dark}
	renderersMu.Lock()
	if idle := idleRenderers[k]; len(idle) > 0 {
		tr := idle[len(idle)-1]
		idleRenderers[k] = idle[:len(idle)-1]
		renderersMu.Unlock()
		return tr, nil
	}
	renderersMu.Unlock()
	tr, err := glamour.NewTermRenderer(glamour.WithStyles(articleStyle(dark)), glamour.WithWordWrap(width))
	if err != nil {
		return nil, fmt.Errorf("glamour: %w", err)
	}
	return tr, nil
}

func putRenderer(width int, dark bool, tr *glamour.TermRenderer) {
	k := rendererKey{width, dark}
	renderersMu.Lock()
	idleRenderers[k] = append(idleRenderers[k], tr)
	renderersMu.Unlock()
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
	blockLine []int           // first line of body block i, so a position survives a new width
	markers   []marker        // footnote markers in the body in reading order, then uncited notes
	noteLine  map[int]int     // footnote number -> first line of its entry under Notes
	notesLine int             // line of the Notes heading, -1 when there are none (or not yet)
	complete  bool            // every block is laid out, and the related articles and notes follow
	related   []*data.Article // the related articles it lists, worked out by the render command
}

// lazyRegexp compiles expr on first use, so that starting unvn (for list, say) compiles nothing
// it does not use.
func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

var markerRe = lazyRegexp(`\[(\d{1,3})\]`)

// renderArticle lays out a for a column of width cells. It runs inside a tea.Cmd: Glamour is far
// too slow for View.
func renderArticle(a *data.Article, related []*data.Article, width int, st Styles) (*renderedDoc, error) {
	return renderDoc(nil, a, related, width, st, len(a.Blocks), nil)
}

// errStale is a render given up because its result is no longer wanted.
var errStale = errors.New("render no longer wanted")

// renderChunk is how many body blocks the reader has rendered at a time. An ordinary article is
// one chunk; a very long one is rendered a chunk at a time as reading nears the end of what is
// rendered, so the cost follows what is on screen, not the article's length.
const renderChunk = 1000

// renderDoc lays out a's body blocks up to block upto, continuing prev (nil: from the top, with
// the header). The doc is complete, with the related articles and notes, once upto reaches the
// last block. It gives up with errStale as soon as stale (checked between batches of blocks)
// says the result is no longer wanted: a resize through thirty widths then costs one render,
// not thirty. A nil stale never gives up. prev is not changed.
func renderDoc(prev *renderedDoc, a *data.Article, related []*data.Article, width int, st Styles, upto int, stale func() bool) (*renderedDoc, error) {
	upto = min(upto, len(a.Blocks))
	d := &renderedDoc{key: docKey{a.ID, width, st.Dark}, noteLine: map[int]int{}, notesLine: -1}
	if prev != nil {
		// Clipped, so appending copies: prev stays as it was, in the cache and on screen.
		d.lines, d.blockLine, d.markers = slices.Clip(prev.lines), slices.Clip(prev.blockLine), slices.Clip(prev.markers)
	}
	from := len(d.lines)
	add := func(ls ...string) { d.lines = append(d.lines, ls...) }
	blank := func() {
		if n := len(d.lines); n > 0 && d.lines[n-1] != "" {
			add("")
		}
	}
	inner := max(width-2*docMargin, 1)
	if prev == nil {
		d.addHeader(a, inner, st)
	}
	first := len(d.blockLine)
	body, err := renderBlocks(a.Blocks[first:max(upto, first)], width, st.Dark, stale)
	if err != nil {
		return nil, err
	}
	for _, lines := range body {
		blank()
		d.blockLine = append(d.blockLine, len(d.lines))
		start := len(d.lines)
		add(lines...)
		d.findMarkers(a, start, st)
	}
	d.complete = len(d.blockLine) == len(a.Blocks)
	if !d.complete {
		d.filterFrom(from)
		return d, nil
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
	d.filterFrom(from)
	return d, nil
}

// addHeader lays out the title, the meta line and, for a headline-only article, its note. Our
// own lines share Glamour's document margin so everything lines up.
func (d *renderedDoc) addHeader(a *data.Article, inner int, st Styles) {
	d.lines = append(d.lines, indent(articleHeader(a, inner, st))...)
	if a.Teaser {
		d.lines = append(d.lines, "")
		note := data.TeaserNote
		if a.URL != "" {
			note = teaserWithAddress
		}
		d.lines = append(d.lines, indent(wrapStyled(note, inner, st.DocNotice))...)
	}
}

// filterFrom filters the lines from line from on: the one filter of everything rendered,
// Glamour's output and our own lines (titles, notes and related titles come from article text)
// alike. Lines are not cut here: a line with an address longer than the column keeps it whole
// (a terminal wraps it for show; the reading pane cuts what it draws).
func (d *renderedDoc) filterFrom(from int) {
	for i := from; i < len(d.lines); i++ {
		d.lines[i] = termsafe.Filter(d.lines[i])
	}
}

// renderBlocks renders the body blocks for a column of width cells: the lines of each block
// (none for an empty one), with no trailing padding.
//
// Glamour costs about a millisecond a block, most of it in padding every line to the width with
// styled spaces, which nobody sees and which made a long article's rendering 180 times its
// size. So runs of paragraphs, headings and captions (nearly all of a long article) go to
// Glamour together and unwrapped (no padding), one line each, and are wrapped here exactly as
// Glamour wraps them (lipgloss.Wrap at the block width, the margin before each line);
// TestFastPathIsGlamour checks the two agree line for line on every seed block. Lists and
// quotes, whose continuation lines Glamour indents, are rendered one by one at the width.
func renderBlocks(blocks []data.Block, width int, dark bool, stale func() bool) ([][]string, error) {
	out := make([][]string, len(blocks))
	batches := planBatches(blocks)
	// The batches write to disjoint parts of out, so they render on every core.
	var next atomic.Int64
	errs := make([]error, len(batches))
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(batches)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := int(next.Add(1) - 1); b < len(batches); b = int(next.Add(1) - 1) {
				if stale != nil && stale() {
					errs[b] = errStale
					return
				}
				bt := batches[b]
				errs[b] = bt.render(blocks[bt.i:bt.j], out[bt.i:bt.j], width, dark)
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		if slices.Contains(errs, errStale) {
			return nil, errStale
		}
		return nil, err
	}
	return out, nil
}

// batch is blocks[i:j], rendered by one Glamour call: a run of flowing blocks, or one other.
type batch struct {
	i, j int
	flow bool
}

func (b batch) render(blocks []data.Block, out [][]string, width int, dark bool) error {
	if b.flow {
		return renderFlow(blocks, out, width, dark)
	}
	lines, err := blockLines(blocks[0], width, dark)
	out[0] = lines
	return err
}

// planBatches cuts the blocks into batches.
func planBatches(blocks []data.Block) []batch {
	var bs []batch
	for i := 0; i < len(blocks); {
		if !flowBlock(blocks[i]) {
			bs = append(bs, batch{i, i + 1, false})
			i++
			continue
		}
		j, size := i, 0
		for j < len(blocks) && flowBlock(blocks[j]) && j-i < flowBatch && size < flowBatchBytes {
			size += len(blocks[j].Text)
			j++
		}
		bs = append(bs, batch{i, j, true})
		i = j
	}
	return bs
}

// A batch of flowing blocks for one Glamour call: large enough that Glamour's cost per call
// does not count, small enough that a stale render stops soon.
const (
	flowBatch      = 400
	flowBatchBytes = 64 << 10
)

// flowBlock reports whether b renders as one flowing line of text that Glamour only wraps.
func flowBlock(b data.Block) bool {
	return b.Type == data.BlockParagraph || b.Type == data.BlockHeading || b.Type == data.BlockCaption
}

// renderFlow renders flowing blocks in one unwrapped Glamour call and wraps each line as
// Glamour would have. Should the output not have exactly one line per non-empty block, the
// blocks are rendered one by one instead.
func renderFlow(blocks []data.Block, out [][]string, width int, dark bool) error {
	var md strings.Builder
	n := 0
	mds := make([]string, len(blocks))
	links := make([][]bodyLink, len(blocks))
	for i, b := range blocks {
		if m := data.BlockMarkdown(b); m != "" {
			mds[i], links[i] = protectLinks(m, linkRoom(b, width))
			md.WriteString(strings.TrimRight(mds[i], "\n") + "\n\n")
			n++
		}
	}
	rendered, err := glamourRender(md.String(), 0, dark)
	if err != nil {
		return err
	}
	var lines []string
	for _, l := range strings.Split(rendered, "\n") {
		if !blankLine(l) {
			lines = append(lines, l)
		}
	}
	if len(lines) != n {
		for i, m := range mds {
			if m != "" {
				r, err := glamourRender(m, width, dark)
				if err != nil {
					return err
				}
				out[i] = restoreLinks(trimBlock(strings.Split(r, "\n")), links[i], linkStyles()[dark])
			}
		}
		return nil
	}
	for i, m := range mds {
		if m == "" {
			continue
		}
		out[i] = restoreLinks(wrapFlow(lines[0], width), links[i], linkStyles()[dark])
		lines = lines[1:]
	}
	return nil
}

// wrapFlow wraps one unwrapped Glamour line as Glamour wraps a paragraph or heading: the text
// after the margin with lipgloss.Wrap at the block width (the width less the margin on both
// sides), the margin before every line.
func wrapFlow(line string, width int) []string {
	text := strings.TrimLeft(line, " ")
	lead := line[:len(line)-len(text)]
	// Unwrapped, a heading starts with an empty run of the text colour that Glamour's wrapped
	// output does not have; it shows nothing.
	text = emptyRunRe().ReplaceAllString(text, "")
	lines := strings.Split(lipgloss.Wrap(text, max(width-2*len(lead), 0), ""), "\n")
	for i, l := range lines {
		lines[i] = trimPadding(lead + l)
	}
	return lines
}

// trimBlock drops the blank lines around a block and the padding of every line.
func trimBlock(ls []string) []string {
	ls = trimBlankLines(ls)
	for i, l := range ls {
		ls[i] = trimPadding(l)
	}
	return ls
}

// emptyRunRe is a run of colour codes with no text in it, at the start of a line.
var emptyRunRe = lazyRegexp(`^(?:\x1b\[[0-9;]*m)+\x1b\[m`)

// trimPadding removes a line's trailing spaces and colour codes (Glamour's styles give the
// padding a foreground colour only, so it shows nothing) and ends a styled line with one reset.
func trimPadding(l string) string {
	end := len(l)
	for end > 0 {
		if l[end-1] == ' ' {
			end--
			continue
		}
		if l[end-1] == 'm' { // an SGR sequence: ESC [ digits and ';' m
			k := end - 2
			for k >= 0 && (l[k] >= '0' && l[k] <= '9' || l[k] == ';') {
				k--
			}
			if k >= 1 && l[k] == '[' && l[k-1] == 0x1b {
				end = k - 1
				continue
			}
		}
		break
	}
	l = l[:end]
	if strings.IndexByte(l, 0x1b) >= 0 {
		l += "\x1b[m"
	}
	return l
}

func blankLine(s string) bool { return strings.TrimSpace(ansi.Strip(s)) == "" }

// docMargin is Glamour's document margin in the dark and light styles.
const docMargin = 2

var margin = strings.Repeat(" ", docMargin)

func indent(ls []string) []string {
	for i, l := range ls {
		ls[i] = margin + l
	}
	return ls
}

// blockLines renders one body block. A list's items are rendered one by one under a bullet with
// a hanging indent, which Glamour's own lists lack: a wrapped item lines up with its first word.
func blockLines(b data.Block, width int, dark bool) ([]string, error) {
	render := func(bl data.Block, w int) ([]string, error) {
		md := data.BlockMarkdown(bl)
		if md == "" {
			return nil, nil
		}
		md, links := protectLinks(md, linkRoom(bl, w))
		out, err := glamourRender(md, max(w, minRenderWidth), dark)
		return restoreLinks(trimBlock(strings.Split(out, "\n")), links, linkStyles()[dark]), err
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
	if len(a.Footnotes) == 0 {
		return
	}
	for i := start; i < len(d.lines); i++ {
		if strings.IndexByte(d.lines[i], '[') < 0 {
			continue
		}
		plain := ansi.Strip(d.lines[i])
		var found []marker
		for _, m := range markerRe().FindAllStringSubmatchIndex(plain, -1) {
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
	for len(ls) > 0 && blankLine(ls[0]) {
		ls = ls[1:]
	}
	for len(ls) > 0 && blankLine(ls[len(ls)-1]) {
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
		for _, m := range linkRe().FindAllStringIndex(l, -1) {
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
