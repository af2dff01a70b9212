package ui

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"unvn/data"
)

// jump is a place to come back to with backspace.
type jump struct {
	id     string
	width  int
	offset int
	block  int
	active int
}

// readerModel is the reading pane: one article, scrolled, with footnote navigation.
type readerModel struct {
	st            Styles
	width, height int
	wrap          int

	article *data.Article
	related []*data.Article
	doc     *renderedDoc

	offset    int
	active    int // index into doc.markers, -1 for none
	jumps     []jump
	wantBlock int // block to scroll to once the doc for this width arrives; -1 for none
	wantLine  int // exact line to restore when the width is unchanged; -1 for none
}

func newReader(st Styles) readerModel {
	return readerModel{st: st, active: -1, wantBlock: -1, wantLine: -1}
}

// readerFrame is the left border and padding the root draws around the reading pane.
const readerFrame = 2

// SetSize sets the pane size, frame included, and works out the wrap width.
func (r *readerModel) SetSize(w, h int) {
	r.width, r.height = max(w, 1), max(h, 1)
	wrap := WrapWidth(r.width - readerFrame)
	if wrap != r.wrap && r.doc != nil {
		r.wantBlock, r.wantLine = r.Position(), -1
	}
	r.wrap = wrap
	r.clamp()
}

// contentWidth is the width the lines are drawn in: the wrap width, within the pane.
func (r readerModel) contentWidth() int { return max(r.width-readerFrame, 1) }

// Open shows article a (with its related articles) from the top. A doc for it may already be
// cached; otherwise the root asks for one with wantKey.
func (r *readerModel) Open(a *data.Article, related []*data.Article) {
	r.article, r.related = a, related
	r.doc = nil
	r.offset, r.active = 0, -1
	r.wantBlock, r.wantLine = -1, -1
}

// wantKey is the doc the pane needs now, and whether it needs one at all.
func (r readerModel) wantKey() (docKey, bool) {
	if r.article == nil {
		return docKey{}, false
	}
	k := docKey{r.article.ID, r.wrap, r.st.Dark}
	return k, r.doc == nil || r.doc.key != k
}

// SetDoc installs a rendered doc if it is the one the pane needs; stale ones are dropped.
func (r *readerModel) SetDoc(d *renderedDoc) bool {
	k, need := r.wantKey()
	if !need || d.key != k {
		return false
	}
	r.doc = d
	switch {
	case r.wantLine >= 0:
		r.offset = r.wantLine
	case r.wantBlock >= 0 && r.wantBlock < len(d.blockLine):
		r.offset = d.blockLine[r.wantBlock]
	case r.wantBlock >= len(d.blockLine) && d.notesLine >= 0:
		r.offset = d.notesLine
	}
	r.wantBlock, r.wantLine = -1, -1
	if r.active >= len(d.markers) {
		r.active = -1
	}
	r.clamp()
	return true
}

// Position is the reading position as a block index: the body block at the top of the pane
// (len(Blocks) once past the body). It does not depend on the width, so it survives a resize and
// is what a saved reading position should store.
func (r readerModel) Position() int {
	if r.doc == nil {
		return max(r.wantBlock, 0)
	}
	pos := 0
	for i, l := range r.doc.blockLine {
		if l > r.offset {
			break
		}
		pos = i
	}
	if r.doc.notesLine >= 0 && r.offset >= r.doc.notesLine {
		pos = len(r.doc.blockLine)
	}
	return pos
}

// SetPosition scrolls to body block i, now or as soon as the doc is rendered.
func (r *readerModel) SetPosition(block int) {
	if r.doc == nil || r.doc.key.width != r.wrap {
		r.wantBlock, r.wantLine = block, -1
		return
	}
	switch {
	case block >= 0 && block < len(r.doc.blockLine):
		r.offset = r.doc.blockLine[block]
	case block >= len(r.doc.blockLine) && r.doc.notesLine >= 0:
		r.offset = r.doc.notesLine
	}
	r.clamp()
}

// boxLines is the footnote box for the active marker, already framed, or nil.
func (r readerModel) boxLines() []string {
	if r.doc == nil || r.active < 0 || r.article == nil {
		return nil
	}
	n := r.doc.markers[r.active].n
	text := "(no reference text)"
	if f, ok := r.article.Footnote(n); ok && f.Text != "" {
		text = f.Text
	}
	inner := max(r.contentWidth()-4, 4) // border and padding
	maxLines := max(1, r.height/3-2)
	label := fmt.Sprintf("[%d]", n)
	body := strings.Split(ansi.Wrap(label+" "+FilterTerminalOutput(text), inner, ""), "\n")
	if len(body) > maxLines {
		body = body[:maxLines]
		body[maxLines-1] = ansi.Truncate(body[maxLines-1]+" …", inner, "…")
	}
	if rest, ok := strings.CutPrefix(body[0], label); ok {
		body[0] = r.st.BoxTitle.Render(label) + rest
	}
	content := strings.Join(body, "\n")
	box := r.st.Box.Width(inner + 4).Render(content)
	return strings.Split(box, "\n")
}

// bodyHeight is how many document lines fit above the footnote box.
func (r readerModel) bodyHeight() int {
	return max(r.height-len(r.boxLines()), 1)
}

func (r *readerModel) clamp() {
	if r.doc == nil {
		r.offset = 0
		return
	}
	r.offset = max(0, min(r.offset, len(r.doc.lines)-r.bodyHeight()))
}

// ScrollPercent is how far through the article the bottom of the pane is.
func (r readerModel) ScrollPercent() int {
	if r.doc == nil || len(r.doc.lines) <= r.bodyHeight() {
		return 100
	}
	return int(math.Round(100 * float64(r.offset) / float64(len(r.doc.lines)-r.bodyHeight())))
}

func (r *readerModel) scroll(n int) {
	r.offset += n
	r.clamp()
}

// moveMarker activates the next (dir 1) or previous (dir -1) footnote marker relative to the
// active one or, with none active, to the top of the pane, and scrolls it into view.
func (r *readerModel) moveMarker(dir int) bool {
	if r.doc == nil || len(r.doc.markers) == 0 {
		return false
	}
	next := -1
	if r.active >= 0 {
		next = r.active + dir
	} else if dir > 0 {
		next = slices.IndexFunc(r.doc.markers, func(m marker) bool { return m.line >= r.offset })
	} else {
		for i, m := range r.doc.markers {
			if m.line < r.offset+r.bodyHeight() {
				next = i
			}
		}
	}
	if next < 0 || next >= len(r.doc.markers) {
		return false
	}
	r.active = next
	r.reveal(r.doc.markers[next].line)
	return true
}

// reveal scrolls so that line is visible, a third of the way down when it has to move.
func (r *readerModel) reveal(line int) {
	h := r.bodyHeight()
	if line < r.offset || line >= r.offset+h {
		r.offset = line - h/3
	}
	r.clamp()
}

// activeNote is the footnote number of the active marker, or 0.
func (r readerModel) activeNote() int {
	if r.doc == nil || r.active < 0 {
		return 0
	}
	return r.doc.markers[r.active].n
}

// here is the current place, to push before a jump.
func (r readerModel) here() jump {
	id := ""
	if r.article != nil {
		id = r.article.ID
	}
	return jump{id: id, width: r.wrap, offset: r.offset, block: r.Position(), active: r.active}
}

// goToNote jumps to the active marker's entry under Notes, remembering where we were.
func (r *readerModel) goToNote() bool {
	line, ok := r.noteTarget()
	if !ok || r.offset == line {
		return false // already there: another jump would only stack the same place
	}
	r.jumps = append(r.jumps, r.here())
	r.offset = line
	return true
}

// noteTarget is the offset at which the active marker's entry under Notes is shown.
func (r readerModel) noteTarget() (int, bool) {
	n := r.activeNote()
	line, ok := r.doc.noteLine[n]
	if n == 0 || !ok {
		return 0, false
	}
	r.offset = line
	r.clamp()
	return r.offset, true
}

// linkRe finds the links a reference cites.
var linkRe = regexp.MustCompile(`(?i)\bhttps?://[^\s<>"'()\[\]]+[^\s<>"'()\[\].,;:!?]`)

// noteLinks are the http(s) links in the active reference.
func (r readerModel) noteLinks() []string {
	n := r.activeNote()
	if n == 0 {
		return nil
	}
	f, _ := r.article.Footnote(n)
	return linkRe.FindAllString(f.Text, -1)
}

// View draws the visible lines and the footnote box, every line cut to the pane.
func (r readerModel) View() string {
	w := r.contentWidth()
	var out []string
	switch {
	case r.article == nil:
		out = []string{r.st.Empty.Render("Nothing to read.")}
	case r.doc == nil:
		// The header is cheap; the body follows when the render command returns.
		out = append(indent(articleHeader(r.article, r.wrap-2*docMargin, r.st)), "", margin+r.st.Empty.Render("Rendering…"))
	default:
		h := r.bodyHeight()
		end := min(r.offset+h, len(r.doc.lines))
		out = slices.Clone(r.doc.lines[r.offset:end])
		if r.active >= 0 {
			m := r.doc.markers[r.active]
			if m.line >= r.offset && m.line < end {
				i := m.line - r.offset
				out[i] = restyle(out[i], m.col, m.width, r.st.ActiveMarker)
			}
		}
		for len(out) < h {
			out = append(out, "")
		}
		out = append(out, r.boxLines()...)
	}
	if len(out) > r.height {
		out = out[:r.height]
	}
	for i, l := range out {
		out[i] = ansi.Truncate(l, w, "")
	}
	return strings.Join(out, "\n")
}
