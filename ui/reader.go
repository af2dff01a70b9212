package ui

import (
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"unvn/data"
	"unvn/termsafe"
)

// Messages the reading pane sends itself.
type (
	// renderedMsg carries a laid-out article back from renderCmd.
	renderedMsg struct {
		job *renderJob
		doc *renderedDoc
		err error
	}
	// followMsg renders the shown article if nothing else was shown since seq.
	followMsg struct{ seq int }
	// linksOpenedMsg reports how `o` went.
	linksOpenedMsg struct {
		n, from, total int // opened links from+1…from+n of total
		err            error
	}
)

// jump is a place to come back to with backspace.
type jump struct {
	article *data.Article
	width   int
	offset  int
	block   int
	active  int
}

// readerModel is the reading pane: one article, rendered in the background and cached, scrolled,
// with footnote navigation, a jump stack and the reading position kept in the state. It tells
// the root closeReaderMsg, stepArticleMsg (n, p), readingMsg (a related article opened) and
// noticeMsg.
type readerModel struct {
	st            Styles
	keys          readerKeys
	state         State // nil remembers nothing
	openURL       func(string) error
	canFetch      bool // F can fetch a headline-only article's text
	relatedOf     func(*data.Article) []*data.Article
	fullOf        func(*data.Article) *data.Article // the whole of an article from its head; nil: it is whole
	followDelay   time.Duration
	textWidth     int // the widest text column
	width, height int
	wrap          int

	article *data.Article
	related []*data.Article
	// relatedReady says related is worked out for article (a render brings it).
	relatedReady bool
	doc          *renderedDoc
	last         *renderedDoc // the doc shown before, still drawn while the next one renders
	lastOff      int
	cache        *docCache
	pending      map[docKey]*renderJob // render commands on their way
	seq          int                   // bumped by every Show, so a stale followMsg is dropped

	offset    int
	active    int // index into doc.markers, -1 for none
	linkNote  int // the footnote whose links o is going through
	linkNext  int // the index of the next of its links that o opens
	jumps     []jump
	wantBlock int         // block to scroll to once the doc for this width arrives; -1 for none
	wantLine  int         // exact line to restore when the width is unchanged; -1 for none
	wantEnd   bool        // G in a long article not all rendered: follow its end as chunks arrive
	after     afterRender // what to do once more of a long article is rendered

	hasPrev, hasNext bool // whether n and p have somewhere to go

	// search in the article (find.go)
	find      textinput.Model
	findTerms []string // the pane's own search, once kept with enter
	listTerms []string // the list's query terms
	matches   []match
	current   int // index into matches, -1 for none
}

func newReader(st Styles, state State, openURL func(string) error, canFetch bool, relatedOf func(*data.Article) []*data.Article,
	followDelay time.Duration, textWidth int) readerModel {
	return readerModel{st: st, keys: newReaderKeys(), state: state, openURL: openURL, canFetch: canFetch, relatedOf: relatedOf,
		followDelay: followDelay, textWidth: textWidth,
		active: -1, wantBlock: -1, wantLine: -1, current: -1, find: newInput(st, "/ ", "find in this article"),
		cache: newDocCache(docCacheBytes), pending: map[docKey]*renderJob{}}
}

// SetSize sets the room the pane has and works out the wrap width; the place in the article
// survives as a block index.
func (r *readerModel) SetSize(w, h int) tea.Cmd {
	r.width, r.height = max(w, 1), max(h, 1)
	wrap := TextColumn(r.width, r.textWidth)
	if wrap != r.wrap && r.doc != nil {
		r.wantBlock, r.wantLine = r.Position(), -1
	}
	r.wrap = wrap
	r.clamp()
	return r.ensureRender()
}

// SetStyles restyles the pane for another background and renders the article again in it.
func (r *readerModel) SetStyles(st Styles) tea.Cmd {
	r.st = st
	v, focused := r.find.Value(), r.find.Focused()
	r.find = newInput(st, "/ ", "find in this article")
	r.find.SetValue(v)
	if focused {
		r.find.Focus()
	}
	return r.ensureRender()
}

// SetNeighbours says whether the list has an article before and after this one, for n and p.
func (r *readerModel) SetNeighbours(prev, next bool) { r.hasPrev, r.hasNext = prev, next }

// Article is the article shown, or nil.
func (r readerModel) Article() *data.Article { return r.article }

// Open shows a on request (enter, n, p): from where reading of it stopped, with a fresh jump
// stack, rendered at once.
func (r *readerModel) Open(a *data.Article) tea.Cmd {
	r.jumps = nil
	if r.article == nil || r.article.ID != a.ID {
		r.show(a)
	}
	return r.ensureRender()
}

// Show follows the list selection in the split view. With debounce the render waits until
// nothing else was shown for the follow delay, so holding j stays smooth.
func (r *readerModel) Show(a *data.Article, debounce bool) tea.Cmd {
	if r.article != nil && r.article.ID == a.ID {
		return r.ensureRender()
	}
	r.jumps = nil
	r.show(a)
	if !debounce || r.followDelay < 0 {
		return r.ensureRender()
	}
	if k, need := r.wantKey(); need {
		if d, ok := r.cache.Get(k); ok {
			r.setDoc(d)
			return nil
		}
	}
	seq := r.seq
	return tea.Tick(r.followDelay, func(time.Time) tea.Msg { return followMsg{seq} })
}

// Refresh shows a new version of the shown article (after a reload) where reading of it was.
func (r *readerModel) Refresh(a *data.Article) tea.Cmd {
	pos := r.Position()
	r.cache.Clear() // its text may have changed with the capture
	r.article, r.related, r.relatedReady = a, nil, false
	if r.doc != nil {
		r.last, r.lastOff = r.doc, r.offset
	}
	r.doc = nil
	r.wantBlock, r.wantLine = pos, -1
	return r.ensureRender()
}

// Clear shows nothing: the list is empty.
func (r *readerModel) Clear() {
	r.Leave()
	r.article, r.related, r.doc, r.last, r.jumps = nil, nil, nil, nil, nil
	r.relatedReady = false
	r.offset, r.active = 0, -1
}

// Reset forgets what was shown and every rendered document: the articles changed under the
// reader (F put a fetched text in place of a headline with the same id).
func (r *readerModel) Reset() {
	r.Clear()
	r.cache.Clear()
}

// show replaces the article, after remembering where reading of the old one stopped, and
// scrolls to where reading of the new one stopped. Showing is not reading: marking read is
// for the callers that open on request.
func (r *readerModel) show(a *data.Article) {
	r.Leave()
	r.seq++
	if r.fullOf != nil {
		a = r.fullOf(a) // a list item is only the head of an article
	}
	// The related articles are worked out by the render command, off the UI goroutine: over a
	// large library that takes a while, and the first frame must not wait for it.
	r.article, r.related, r.relatedReady = a, nil, false
	r.findTerms, r.matches = nil, nil
	if r.doc != nil {
		r.last, r.lastOff = r.doc, r.offset
	}
	r.doc = nil
	r.offset, r.active = 0, -1
	r.wantBlock, r.wantLine, r.wantEnd, r.after = -1, -1, false, afterNothing
	if r.state != nil {
		// Block 0 is the top of the body, below the title: a position there means the top.
		if b, ok := r.state.Position(a.ID); ok && b > 0 {
			r.wantBlock = b
		}
	}
}

// Leave records where reading of the shown article stopped, when it moved. The save waits
// until the scrolling has stopped for saveDelay.
func (r *readerModel) Leave() {
	// Without a doc, or with an exact line still to restore, Position does not say where we are.
	if r.state == nil || r.article == nil || r.doc == nil || r.wantLine >= 0 {
		return
	}
	pos := r.Position()
	old, ok := r.state.Position(r.article.ID)
	if (ok && old == pos) || (!ok && pos == 0) {
		return
	}
	r.state.SetPosition(r.article.ID, pos)
	r.state.SaveSoon(saveDelay)
}

// wantKey is the doc the pane needs now, and whether it needs one at all.
func (r readerModel) wantKey() (docKey, bool) {
	if r.article == nil || r.wrap == 0 {
		return docKey{}, false
	}
	k := docKey{r.article.ID, r.wrap, r.st.Dark}
	return k, r.doc == nil || r.doc.key != k
}

// ensureRender gives the pane the doc it needs, from the cache or from a render command.
func (r *readerModel) ensureRender() tea.Cmd {
	k, need := r.wantKey()
	if !need {
		return r.renderMore()
	}
	// Whatever else is rendering is no longer wanted: one render at a time, however fast the
	// width changes or the selection moves.
	for pk, job := range r.pending {
		if pk != k {
			job.cancelled.Store(true)
			delete(r.pending, pk)
		}
	}
	if d, ok := r.cache.Get(k); ok {
		r.setDoc(d)
		return r.renderMore()
	}
	if r.pending[k] != nil {
		return nil
	}
	// The first chunk reaches past where reading resumes; the rest follows on demand.
	return r.render(nil, max(r.wantBlock, 0)+renderChunk)
}

// afterRender is a key that waits for more of a long article: ] when the next marker is not
// rendered yet, enter when the notes are not.
type afterRender int

const (
	afterNothing afterRender = iota
	afterNextNote
	afterGoToNote
)

// renderMore renders the next chunk of a long article when reading nears the end of what is
// rendered (or G asked for the end).
func (r *readerModel) renderMore() tea.Cmd {
	d := r.doc
	if d == nil || d.complete || r.pending[d.key] != nil {
		return nil
	}
	if !r.wantEnd && r.after == afterNothing && r.offset+3*r.height < len(d.lines) {
		return nil
	}
	return r.render(d, len(d.blockLine)+renderChunk)
}

// render starts a render command for the pane's article, continuing prev up to block upto.
func (r *readerModel) render(prev *renderedDoc, upto int) tea.Cmd {
	k := docKey{r.article.ID, r.wrap, r.st.Dark}
	job := &renderJob{key: k}
	r.pending[k] = job
	a, related, ready, relatedOf, st := r.article, r.related, r.relatedReady, r.relatedOf, r.st
	return func() tea.Msg {
		if !ready {
			related = relatedOf(a)
		}
		d, err := renderDoc(prev, a, related, k.width, st, upto, job.cancelled.Load)
		if d != nil {
			d.related = related
		}
		return renderedMsg{job: job, doc: d, err: err}
	}
}

// setDoc installs a rendered doc if it is the one the pane needs, or the next chunk of the one
// it shows; stale ones are dropped.
func (r *readerModel) setDoc(d *renderedDoc) {
	k, need := r.wantKey()
	more := !need && !r.doc.complete && len(d.blockLine) > len(r.doc.blockLine)
	if d.key != k || !need && !more {
		return
	}
	r.doc = d
	if !r.relatedReady {
		r.related, r.relatedReady = d.related, true
	}
	if r.wantEnd {
		r.offset = len(d.lines)
		r.wantEnd = !d.complete
	}
	switch {
	case r.after == afterNextNote && (r.moveMarker(1) || d.complete):
		r.after = afterNothing
	case r.after == afterGoToNote && d.complete:
		r.after = afterNothing
		r.goToNote()
	}
	r.rematch()
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

// Offset is the first document line shown.
func (r readerModel) Offset() int { return r.offset }

// Rendered says whether the article's body is on screen (not only its header).
func (r readerModel) Rendered() bool { return r.doc != nil }

// Jumps is the depth of the jump stack.
func (r readerModel) Jumps() int { return len(r.jumps) }

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
	inner := max(r.width-4, 4) // border and padding
	maxLines := max(1, r.height/3-2)
	label := fmt.Sprintf("[%d]", n)
	body := strings.Split(ansi.Wrap(label+" "+termsafe.Strip(text), inner, ""), "\n")
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
	total := float64(len(r.doc.lines))
	if !r.doc.complete && len(r.doc.blockLine) > 0 {
		// Part of a long article is rendered: guess the rest from the blocks still to come.
		total *= float64(len(r.article.Blocks)) / float64(len(r.doc.blockLine))
	}
	return min(100, int(math.Round(100*float64(r.offset)/(total-float64(r.bodyHeight())))))
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
	wasAtEnd := r.AtEnd()
	r.active = next
	r.reveal(r.doc.markers[next].line)
	// The box takes rows from the bottom: at the end of the article, the last lines stay in view
	// above it (when the marker does too) instead of hiding behind it.
	if end := len(r.doc.lines) - r.bodyHeight(); wasAtEnd && r.doc.markers[next].line >= end {
		r.offset = max(end, 0)
	}
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

// NotePlace is where the active marker is among all of them (1-based) and how many there are;
// 0 when none is active.
func (r readerModel) NotePlace() (int, int) {
	if r.doc == nil || r.active < 0 {
		return 0, 0
	}
	return r.active + 1, len(r.doc.markers)
}

// ActiveNote is the footnote number of the active marker, or 0.
func (r readerModel) ActiveNote() int {
	if r.doc == nil || r.active < 0 {
		return 0
	}
	return r.doc.markers[r.active].n
}

// here is the current place, to push before a jump.
func (r readerModel) here() jump {
	return jump{article: r.article, width: r.wrap, offset: r.offset, block: r.Position(), active: r.active}
}

// goToNote jumps to the active marker's entry under Notes, remembering where we were.
func (r *readerModel) goToNote() {
	line, ok := r.noteTarget()
	if !ok || r.offset == line {
		return // already there: another jump would only stack the same place
	}
	r.jumps = append(r.jumps, r.here())
	r.offset = line
}

// noteTarget is the offset at which the active marker's entry under Notes is shown.
func (r readerModel) noteTarget() (int, bool) {
	n := r.ActiveNote()
	line, ok := r.doc.noteLine[n]
	if n == 0 || !ok {
		return 0, false
	}
	r.offset = line
	r.clamp()
	return r.offset, true
}

// jumpBack returns to the last place pushed on the jump stack, in whatever article it was.
func (r *readerModel) jumpBack() tea.Cmd {
	if len(r.jumps) == 0 {
		return nil
	}
	j := r.jumps[len(r.jumps)-1]
	r.jumps = r.jumps[:len(r.jumps)-1]
	if r.article == nil || j.article.ID != r.article.ID {
		r.show(j.article)
	}
	if r.doc != nil && j.width == r.wrap && r.doc.key.width == r.wrap {
		r.offset = j.offset
	} else if j.width == r.wrap {
		r.wantLine = j.offset
	} else {
		r.SetPosition(j.block)
	}
	r.active = j.active
	if r.doc != nil && r.active >= len(r.doc.markers) {
		r.active = -1
	}
	r.clamp()
	return r.ensureRender()
}

// openRelated opens related article i, remembering where we were.
func (r *readerModel) openRelated(i int) tea.Cmd {
	if i < 0 || i >= len(r.related) {
		return nil
	}
	r.jumps = append(r.jumps, r.here())
	a := r.related[i]
	r.show(a)
	return intent(readingMsg{article: a}) // the root marks it read and asks for its render
}

// linkRe finds the links a reference cites.
var linkRe = lazyRegexp(`(?i)\bhttps?://[^\s<>"'()\[\]]+[^\s<>"'()\[\].,;:!?]`)

// noteLinks are the http(s) links in the active reference.
func (r readerModel) noteLinks() []string {
	n := r.ActiveNote()
	if n == 0 {
		return nil
	}
	f, _ := r.article.Footnote(n)
	return linkRe().FindAllString(f.Text, -1)
}

// maxOpenLinks is how many links one o opens: a reference with hundreds of addresses must not
// start hundreds of browsers. Pressing o again is asking for the next ones.
const maxOpenLinks = 3

// openLinks opens the active reference's links, only ever on request: the first few, and on
// each further o the next few (then from the start again).
func (r *readerModel) openLinks() tea.Cmd {
	links := r.noteLinks()
	if len(links) == 0 {
		return intent(noticeMsg("no links in this reference"))
	}
	n := r.ActiveNote()
	if n != r.linkNote || r.linkNext >= len(links) {
		r.linkNote, r.linkNext = n, 0
	}
	from, to := r.linkNext, min(r.linkNext+maxOpenLinks, len(links))
	r.linkNext = to
	return r.open(links[from:to], from, len(links))
}

// openPage opens the article's own page (its address), only ever on request.
func (r readerModel) openPage() tea.Cmd {
	if r.article == nil || r.article.URL == "" {
		return intent(noticeMsg("this article has no address"))
	}
	return r.open([]string{r.article.URL}, 0, 1)
}

// open hands links to the browser in a command and reports how it went: they are links
// from+1… of total.
func (r readerModel) open(links []string, from, total int) tea.Cmd {
	open := r.openURL
	if open == nil {
		open = openURL
	}
	return func() tea.Msg {
		for _, u := range links {
			if err := open(u); err != nil {
				return linksOpenedMsg{err: err}
			}
		}
		return linksOpenedMsg{n: len(links), from: from, total: total}
	}
}

// openURL starts $BROWSER (its first entry) or xdg-open on u without waiting for it.
func openURL(u string) error {
	name, args := "xdg-open", []string{u}
	if b := strings.TrimSpace(strings.Split(os.Getenv("BROWSER"), ":")[0]); b != "" {
		f := strings.Fields(b)
		name, args = f[0], append(f[1:], u)
	}
	cmd := exec.Command(name, args...)
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait() //nolint:errcheck // the browser's exit status is not ours to report
	return nil
}

// enableKeys enables the keys that do something now.
func (r *readerModel) enableKeys() {
	k := &r.keys
	hasDoc := r.doc != nil
	for _, b := range []*key.Binding{&k.ScrollUp, &k.ScrollDown, &k.PageFwd, &k.PageBack, &k.HalfDown, &k.HalfUp, &k.DocTop, &k.DocBottom} {
		b.SetEnabled(hasDoc)
	}
	k.NextNote.SetEnabled(hasDoc && (len(r.doc.markers) > 0 || !r.doc.complete))
	k.PrevNote.SetEnabled(hasDoc && len(r.doc.markers) > 0)
	k.NoNotes.SetEnabled(hasDoc && r.doc.complete && len(r.doc.markers) == 0)
	canJump := false
	if hasDoc {
		line, ok := r.noteTarget()
		canJump = ok && r.offset != line || !r.doc.complete && r.ActiveNote() != 0
	}
	k.GoToNote.SetEnabled(canJump)
	k.JumpBack.SetEnabled(len(r.jumps) > 0)
	k.Close.SetEnabled(r.article != nil)
	k.NextArticle.SetEnabled(r.hasNext && len(r.findTerms) == 0) // n is the next match then
	k.PrevArticle.SetEnabled(r.hasPrev)
	k.OpenLinks.SetEnabled(hasDoc && len(r.noteLinks()) > 0)
	k.OpenPage.SetEnabled(r.article != nil && r.article.URL != "")
	k.Find.SetEnabled(hasDoc)
	k.NextMatch.SetEnabled(len(r.findTerms) > 0 && len(r.matches) > 0)
	k.PrevMatch.SetEnabled(len(r.findTerms) > 0 && len(r.matches) > 0)
	k.FetchText.SetEnabled(r.canFetch && r.article != nil && r.article.Teaser && r.article.URL != "")
	k.Related.SetEnabled(len(r.related) > 0)
	if n := len(r.related); n > 0 {
		k.Related.SetHelp(fmt.Sprintf("1-%d", min(n, 5)), "related article")
	}
}

func (r readerModel) ShortHelp() []key.Binding {
	k := r.keys
	if r.find.Focused() {
		return []key.Binding{k.FindAccept, k.FindCancel}
	}
	return []key.Binding{k.FetchText, k.NextMatch, k.NextNote, k.GoToNote, k.JumpBack, k.Close, k.NextArticle}
}

func (r readerModel) FullHelp() [][]key.Binding {
	k := r.keys
	return [][]key.Binding{
		{k.ScrollDown, k.ScrollUp, k.PageFwd, k.PageBack, k.HalfDown, k.HalfUp, k.DocTop, k.DocBottom},
		{k.NextNote, k.PrevNote, k.GoToNote, k.JumpBack, k.OpenLinks, k.OpenPage, k.FetchText},
		{k.Find, k.NextMatch, k.PrevMatch, k.NextArticle, k.PrevArticle, k.Related, k.Close},
	}
}

// Update handles the pane's keys, the mouse wheel over it, and its async results.
func (r readerModel) Update(msg tea.Msg) (readerModel, tea.Cmd) {
	switch msg := msg.(type) {
	case renderedMsg:
		if r.pending[msg.job.key] == msg.job {
			delete(r.pending, msg.job.key)
		}
		if errors.Is(msg.err, errStale) {
			return r, nil
		}
		if msg.err != nil {
			return r, intent(noticeMsg("render failed: " + msg.err.Error()))
		}
		r.cache.Put(msg.doc)
		r.setDoc(msg.doc)
		return r, r.renderMore()
	case followMsg:
		if msg.seq == r.seq {
			return r, r.ensureRender()
		}
		return r, nil
	case linksOpenedMsg:
		if msg.err != nil {
			return r, intent(noticeMsg("could not open links: " + msg.err.Error()))
		}
		if msg.total <= msg.n {
			return r, intent(noticeMsg(fmt.Sprintf("opened %d link%s", msg.n, plural(msg.n))))
		}
		next := "o opens the next " + fmt.Sprint(min(maxOpenLinks, msg.total-msg.from-msg.n))
		if msg.from+msg.n >= msg.total {
			next = "o starts again from the first"
		}
		return r, intent(noticeMsg(fmt.Sprintf("opened links %d–%d of %d; %s", msg.from+1, msg.from+msg.n, msg.total, next)))
	case tea.MouseWheelMsg:
		atEnd := r.AtEnd()
		switch msg.Button {
		case tea.MouseWheelUp:
			r.scroll(-3)
		case tea.MouseWheelDown:
			r.scroll(3)
		}
		r.Leave()
		return r, tea.Batch(r.reachedEnd(atEnd), r.renderMore())
	case tea.PasteMsg:
		if r.find.Focused() {
			var cmd tea.Cmd
			r.find, cmd = r.find.Update(msg)
			plainInput(&r.find)
			return r, cmd
		}
		return r, nil
	case tea.KeyPressMsg:
		atEnd, shown := r.AtEnd(), r.article
		cmd := r.updateKey(msg)
		if r.article == shown {
			cmd = tea.Batch(cmd, r.renderMore()) // scrolling near the end of a long article
		}
		r.Leave()
		if r.article == shown {
			cmd = tea.Batch(cmd, r.reachedEnd(atEnd))
		}
		return r, cmd
	}
	return r, nil
}

// AtEnd says whether the last line of the article is in view.
func (r readerModel) AtEnd() bool {
	return r.doc != nil && r.doc.complete && r.offset+r.bodyHeight() >= len(r.doc.lines)
}

// reachedEnd tells the root the article was read when scrolling brought its end into view:
// reading to the end in the split view's pane is reading, even without opening it.
func (r readerModel) reachedEnd(wasAtEnd bool) tea.Cmd {
	if wasAtEnd || !r.AtEnd() {
		return nil
	}
	return intent(readingMsg{article: r.article})
}

func (r *readerModel) updateKey(msg tea.KeyPressMsg) tea.Cmd {
	k := r.keys
	if r.find.Focused() {
		switch {
		case key.Matches(msg, k.FindAccept):
			r.endFind(true)
		case key.Matches(msg, k.FindCancel):
			r.endFind(false)
		default:
			var cmd tea.Cmd
			r.find, cmd = r.find.Update(msg)
			plainInput(&r.find)
			return cmd
		}
		return nil
	}
	switch {
	case key.Matches(msg, k.Close):
		switch {
		case len(r.findTerms) > 0:
			r.clearFind()
		case r.active >= 0:
			r.active = -1
			r.clamp()
		default:
			return intent(closeReaderMsg{})
		}
		return nil
	case key.Matches(msg, k.Find):
		r.startFind()
	case key.Matches(msg, k.NextMatch):
		r.stepMatch(1)
	case key.Matches(msg, k.PrevMatch):
		r.stepMatch(-1)
	case key.Matches(msg, k.NextArticle):
		return intent(stepArticleMsg{delta: 1})
	case key.Matches(msg, k.PrevArticle):
		return intent(stepArticleMsg{delta: -1})
	case key.Matches(msg, k.Related):
		return r.openRelated(int(msg.Code - '1'))
	case key.Matches(msg, k.JumpBack):
		return r.jumpBack()
	case key.Matches(msg, k.OpenLinks):
		return r.openLinks()
	case key.Matches(msg, k.OpenPage):
		return r.openPage()
	case key.Matches(msg, k.FetchText):
		return intent(fetchTextMsg{teaser: r.article})
	case key.Matches(msg, k.ScrollDown):
		r.scroll(1)
	case key.Matches(msg, k.ScrollUp):
		r.scroll(-1)
	case key.Matches(msg, k.PageFwd):
		r.scroll(max(r.bodyHeight()-2, 1))
	case key.Matches(msg, k.PageBack):
		r.scroll(-max(r.bodyHeight()-2, 1))
	case key.Matches(msg, k.HalfDown):
		r.scroll(max(r.bodyHeight()/2, 1))
	case key.Matches(msg, k.HalfUp):
		r.scroll(-max(r.bodyHeight()/2, 1))
	case key.Matches(msg, k.DocTop):
		r.offset = 0
		r.clamp()
	case key.Matches(msg, k.DocBottom):
		r.offset = len(r.doc.lines)
		r.clamp()
		r.wantEnd = !r.doc.complete // the rest of a long article follows, and so does the view
		return r.renderMore()
	case key.Matches(msg, k.NoNotes):
		return intent(noticeMsg("this article has no notes"))
	case key.Matches(msg, k.NextNote):
		if !r.moveMarker(1) && !r.doc.complete {
			r.after = afterNextNote // the next marker may be in a chunk not rendered yet
			return r.renderMore()
		}
	case key.Matches(msg, k.PrevNote):
		r.moveMarker(-1)
	case key.Matches(msg, k.GoToNote):
		if !r.doc.complete {
			r.after = afterGoToNote // the notes come after the last chunk
			return r.renderMore()
		}
		r.goToNote()
	}
	return nil
}

// View draws the visible lines and the footnote box, every line cut to the pane.
func (r readerModel) View() string {
	var out []string
	switch {
	case r.article == nil:
		out = []string{r.st.Empty.Render("Nothing to read.")}
	case r.doc == nil && r.last != nil:
		// Holding j: the last frame stays until the next article is ready, instead of a flash of
		// "Rendering…" where the body was.
		end := min(r.lastOff+r.height, len(r.last.lines))
		out = slices.Clone(r.last.lines[r.lastOff:end])
	case r.doc == nil:
		// The header is cheap; the body follows when the render command returns.
		out = append(indent(articleHeader(r.article, r.wrap-2*docMargin, r.st)), "", margin+r.st.Empty.Render("Rendering…"))
	default:
		h := r.bodyHeight()
		end := min(r.offset+h, len(r.doc.lines))
		out = slices.Clone(r.doc.lines[r.offset:end])
		r.highlightMatches(out, r.offset)
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
		if fl := r.findLine(); fl != "" {
			out[min(h, len(out))-1] = fl
		}
	}
	if len(out) > r.height {
		out = out[:r.height]
	}
	for i, l := range out {
		out[i] = ansi.Truncate(l, r.width, "")
	}
	return strings.Join(out, "\n")
}
