package ui

import (
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"unvn/data"
	"unvn/store"
)

// Options configure the reader.
type Options struct {
	Corpus data.Corpus // the articles and the load warnings shown in the status line

	// State remembers what was read and starred, where reading stopped and the last filter;
	// nil remembers nothing. The caller opens it and flushes it after Run returns.
	State State

	// StateWarnings are shown in the status line like load warnings: a corrupt state file moved
	// aside, a directory the state cannot be saved in.
	StateWarnings []string

	// OpenURL opens one link for `o`; nil means $BROWSER, or xdg-open.
	OpenURL func(url string) error

	// FollowDelay is how long the split view waits for the list selection to settle before it
	// renders the selected article, so holding j stays smooth. Zero means the default; a
	// negative value renders at once (tests).
	FollowDelay time.Duration
}

// State is the reader state the reader reads and writes. *store.State implements it; the ui
// never saves it for good (Flush is the caller's), it only asks for a debounced save.
type State interface {
	store.Marks
	SetRead(id string, on bool)
	SetStarred(id string, on bool)
	Position(id string) (block int, ok bool)
	SetPosition(id string, block int)
	LastQuery() (query string, themes []string)
	SetLastQuery(query string, themes []string)
	SaveSoon(delay time.Duration)
}

// saveDelay is how long the state waits for reading to settle before it is written.
const saveDelay = time.Second

// Run starts the reader on the terminal and returns when the user quits. The reading position
// is in opts.State by then, however the program ended; flushing it is the caller's.
func Run(opts Options) error {
	m := New(opts)
	// The search index is built on first use; build it while the user looks at the list, so the
	// first search of a large library does not wait for it.
	go m.store.Warm()
	p := tea.NewProgram(m)
	// Closing the terminal window or losing an ssh connection hangs up the tty, which would end
	// the process before the caller saves the state; quit as on SIGTERM instead.
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	done := make(chan struct{})
	go func() {
		select {
		case <-hup:
			p.Quit()
		case <-done:
		}
	}()
	_, err := p.Run()
	signal.Stop(hup)
	close(done)
	m.leave()
	return err
}

// splitWidth is the narrowest terminal that shows the list and the reading pane side by side.
const splitWidth = 100

const defaultFollowDelay = 90 * time.Millisecond

// pane is which pane has the keyboard.
type pane int

const (
	paneList pane = iota
	paneReader
)

// Messages.
type (
	// renderedMsg carries a laid-out article back from renderCmd.
	renderedMsg struct {
		key docKey
		doc *renderedDoc
		err error
	}
	// followMsg asks to render the selected article if the selection has not moved since seq.
	followMsg struct{ seq int }
	// linksOpenedMsg reports how `o` went.
	linksOpenedMsg struct {
		n   int
		err error
	}
)

// Model is the root of the reader. It owns the panes, routes messages to them and lays them out.
type Model struct {
	opts   Options
	store  *store.Store
	styles Styles
	keys   keyMap
	help   help.Model

	width, height int
	split         bool
	focus         pane
	readerOpen    bool // narrow layout: the reader is showing instead of the list
	searching     bool
	picking       bool

	search textinput.Model
	themes []string
	result store.Result

	list   listModel
	reader readerModel
	picker pickerModel

	cache     map[docKey]*renderedDoc
	inflight  map[docKey]bool
	followSeq int
	notice    string // a one-off message for the status line
}

// New builds the reader over opts.Corpus. The styles start dark until the terminal reports its
// background colour.
func New(opts Options) *Model {
	if opts.FollowDelay == 0 {
		opts.FollowDelay = defaultFollowDelay
	}
	arts := opts.Corpus.Articles
	m := &Model{
		opts:     opts,
		store:    store.New(arts),
		keys:     newKeyMap(),
		help:     help.New(),
		cache:    map[docKey]*renderedDoc{},
		inflight: map[docKey]bool{},
	}
	m.styles = NewStyles(true)
	m.search = newInput(m.styles, "/ ", "search titles and text")
	m.list = newList(m.styles, &m.keys, m.marks())
	m.reader = newReader(m.styles)
	m.picker = newPicker(m.styles, &m.keys)
	m.help.Styles = m.styles.Help
	if st := opts.State; st != nil {
		q, ids := st.LastQuery()
		m.search.SetValue(q) // the input drops control characters and cuts it to its limit
		m.themes = knownThemes(ids)
	}
	m.refresh()
	return m
}

// knownThemes keeps the ids that are still in the taxonomy, once each, in taxonomy order, so a
// theme saved by an older version cannot filter the list down to nothing.
func knownThemes(ids []string) []string {
	var out []string
	for _, t := range data.Themes {
		if slices.Contains(ids, t.ID) {
			out = append(out, t.ID)
		}
	}
	return out
}

// marks is the state as the store's Marks, or nil (not a nil State in an interface).
func (m *Model) marks() store.Marks {
	if m.opts.State == nil {
		return nil
	}
	return m.opts.State
}

// Init asks the terminal for its background so the styles can match it.
func (m *Model) Init() tea.Cmd {
	return tea.RequestBackgroundColor
}

// Update routes a message: a focused text field first, then global keys, then sizes, then the
// focused pane. Async results go to their owner whatever has focus.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd := m.update(msg)
	m.syncKeys()
	return m, cmd
}

func (m *Model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		m.notice = ""
		if m.searching {
			return m.updateSearch(msg)
		}
		if m.picking {
			return m.updatePicker(msg)
		}
		switch {
		case key.Matches(msg, m.keys.ForceQuit), key.Matches(msg, m.keys.Quit):
			m.leave()
			return tea.Quit
		case key.Matches(msg, m.keys.Help):
			m.help.ShowAll = !m.help.ShowAll
			m.layout()
			return m.ensureRender()
		case key.Matches(msg, m.keys.Focus):
			m.setFocus(1 - m.focus)
			if m.focus == paneReader {
				m.markRead(m.reader.article)
			}
			return nil
		case key.Matches(msg, m.keys.ToggleRead), key.Matches(msg, m.keys.ToggleStar):
			m.toggleMark(key.Matches(msg, m.keys.ToggleStar))
			return nil
		}
		if m.focus == paneReader {
			cmd := m.updateReader(msg)
			m.keepPosition()
			return cmd
		}
		return m.updateList(msg)

	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.layout()
		return m.follow(false)

	case tea.BackgroundColorMsg:
		m.setDark(msg.IsDark())
		return m.ensureRender()

	case renderedMsg:
		delete(m.inflight, msg.key)
		if msg.err != nil {
			m.notice = "render failed: " + msg.err.Error()
			return nil
		}
		if len(m.cache) > 256 {
			clear(m.cache)
		}
		m.cache[msg.key] = msg.doc
		m.reader.SetDoc(msg.doc)
		return nil

	case followMsg:
		if msg.seq == m.followSeq {
			return m.ensureRender()
		}
		return nil

	case linksOpenedMsg:
		if msg.err != nil {
			m.notice = "could not open links: " + msg.err.Error()
		} else {
			m.notice = fmt.Sprintf("opened %d link%s", msg.n, plural(msg.n))
		}
		return nil

	case tea.MouseWheelMsg:
		return m.updateMouseWheel(msg)

	case tea.MouseClickMsg:
		return m.updateMouseClick(msg)
	}
	if m.searching {
		var cmd tea.Cmd
		m.search, cmd = m.search.Update(msg)
		return cmd
	}
	if m.picking {
		var cmd tea.Cmd
		m.picker, cmd = m.picker.Update(msg)
		return cmd
	}
	return nil
}

// updateSearch gets every key while the search box is focused, so typing q types a q.
func (m *Model) updateSearch(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.ForceQuit):
		m.leave()
		return tea.Quit
	case key.Matches(msg, m.keys.SearchAccept):
		m.searching = false
		m.search.Blur()
		m.setFocus(paneList)
		m.layout()
		return m.follow(false)
	case key.Matches(msg, m.keys.SearchCancel):
		m.searching = false
		m.search.Blur()
		m.search.SetValue("")
		m.refresh()
		m.layout()
		return m.follow(false)
	}
	before := m.search.Value()
	var cmd tea.Cmd
	m.search, cmd = m.search.Update(msg)
	if m.search.Value() != before {
		m.refresh()
		return tea.Batch(cmd, m.follow(true))
	}
	return cmd
}

func (m *Model) updatePicker(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.ForceQuit):
		m.leave()
		return tea.Quit
	case key.Matches(msg, m.keys.PickerApply):
		m.themes = m.picker.Result()
		m.closePicker()
		return m.follow(false)
	case key.Matches(msg, m.keys.PickerCancel):
		m.closePicker()
		return nil
	}
	var cmd tea.Cmd
	m.picker, cmd = m.picker.Update(msg)
	return cmd
}

func (m *Model) closePicker() {
	m.picking = false
	m.picker.input.Blur()
	m.refresh()
	m.layout()
}

func (m *Model) updateList(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Open):
		return m.openSelected()
	case key.Matches(msg, m.keys.Search):
		m.searching = true
		m.layout()
		return m.search.Focus()
	case key.Matches(msg, m.keys.Themes):
		m.picking = true
		m.layout()
		all, unread := m.pickerCounts()
		return m.picker.Open(all, unread, m.themes)
	case key.Matches(msg, m.keys.ClearFilters):
		m.themes = nil
		m.search.SetValue("")
		m.refresh()
		return m.follow(false)
	}
	before := m.list.cursor
	m.list, _ = m.list.Update(msg)
	if m.list.cursor != before {
		return m.follow(true)
	}
	return nil
}

func (m *Model) updateReader(msg tea.KeyPressMsg) tea.Cmd {
	r := &m.reader
	switch {
	case key.Matches(msg, m.keys.Close):
		if r.active >= 0 {
			r.active = -1
			r.clamp()
			return nil
		}
		if !m.split {
			m.readerOpen = false
		}
		m.setFocus(paneList)
		return nil
	case key.Matches(msg, m.keys.NextArticle), key.Matches(msg, m.keys.PrevArticle):
		d := 1
		if key.Matches(msg, m.keys.PrevArticle) {
			d = -1
		}
		m.list.Select(m.list.cursor + d)
		return m.openSelected()
	case key.Matches(msg, m.keys.Related):
		i := int(msg.Code - '1')
		if i < 0 || i >= len(r.related) {
			return nil
		}
		r.jumps = append(r.jumps, r.here())
		m.openArticle(r.related[i])
		m.markRead(r.article)
		return m.ensureRender()
	case key.Matches(msg, m.keys.JumpBack):
		return m.jumpBack()
	case key.Matches(msg, m.keys.OpenLinks):
		return m.openLinks(r.noteLinks())
	case key.Matches(msg, m.keys.ScrollDown):
		r.scroll(1)
	case key.Matches(msg, m.keys.ScrollUp):
		r.scroll(-1)
	case key.Matches(msg, m.keys.PageFwd):
		r.scroll(max(r.bodyHeight()-2, 1))
	case key.Matches(msg, m.keys.PageBack):
		r.scroll(-max(r.bodyHeight()-2, 1))
	case key.Matches(msg, m.keys.DocTop):
		r.offset = 0
		r.clamp()
	case key.Matches(msg, m.keys.DocBottom):
		r.offset = 1 << 30
		r.clamp()
	case key.Matches(msg, m.keys.NextNote):
		r.moveMarker(1)
	case key.Matches(msg, m.keys.PrevNote):
		r.moveMarker(-1)
	case key.Matches(msg, m.keys.GoToNote):
		r.goToNote()
	}
	return nil
}

func (m *Model) jumpBack() tea.Cmd {
	r := &m.reader
	if len(r.jumps) == 0 {
		return nil
	}
	j := r.jumps[len(r.jumps)-1]
	r.jumps = r.jumps[:len(r.jumps)-1]
	if r.article == nil || j.id != r.article.ID {
		a, ok := m.store.Get(j.id)
		if !ok {
			return nil
		}
		m.openArticle(a)
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
	return m.ensureRender()
}

func (m *Model) openLinks(links []string) tea.Cmd {
	if len(links) == 0 {
		m.notice = "no links in this reference"
		return nil
	}
	open := m.opts.OpenURL
	if open == nil {
		open = openURL
	}
	return func() tea.Msg {
		for _, u := range links {
			if err := open(u); err != nil {
				return linksOpenedMsg{err: err}
			}
		}
		return linksOpenedMsg{n: len(links)}
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

func (m *Model) updateMouseWheel(msg tea.MouseWheelMsg) tea.Cmd {
	top := m.headerHeight()
	if msg.Y < top || msg.Y >= top+m.bodyHeight() {
		return nil
	}
	if m.picking && (!m.split || msg.X < m.listWidth()) {
		m.picker, _ = m.picker.Update(msg)
		return nil
	}
	overReader := (m.split && msg.X >= m.listWidth()) || (!m.split && m.readerOpen)
	if overReader {
		switch msg.Button {
		case tea.MouseWheelUp:
			m.reader.scroll(-3)
		case tea.MouseWheelDown:
			m.reader.scroll(3)
		}
		m.keepPosition()
		return nil
	}
	before := m.list.cursor
	m.list, _ = m.list.Update(msg)
	if m.list.cursor != before {
		return m.follow(true)
	}
	return nil
}

func (m *Model) updateMouseClick(msg tea.MouseClickMsg) tea.Cmd {
	if msg.Button != tea.MouseLeft || m.picking || m.searching {
		return nil
	}
	y := msg.Y - m.headerHeight()
	if y < 0 || y >= m.bodyHeight() {
		return nil
	}
	if m.split && msg.X >= m.listWidth() {
		if m.focus != paneReader {
			m.setFocus(paneReader)
			m.markRead(m.reader.article)
		}
		return nil
	}
	if !m.split && m.readerOpen {
		return nil
	}
	if i := m.list.ItemAt(y); i >= 0 {
		m.setFocus(paneList)
		if i != m.list.cursor {
			m.list.Select(i)
			return m.follow(false)
		}
	}
	return nil
}

// refresh runs the query, refills the list and remembers the filter for the next start.
// Marking articles does not refresh: an article marked read stays in an is:unread list until
// the filter changes, so nothing moves under the cursor.
func (m *Model) refresh() {
	m.result = m.store.Search(fullQuery(m.search.Value(), m.themes), m.marks())
	m.list.SetHits(m.result.Hits)
	m.list.filtered = m.search.Value() != "" || len(m.themes) > 0
	m.fitSearch()
	if st := m.opts.State; st != nil {
		q, ids := st.LastQuery()
		if q != m.search.Value() || !slices.Equal(ids, m.themes) {
			st.SetLastQuery(m.search.Value(), m.themes)
			st.SaveSoon(saveDelay)
		}
	}
}

// pickerCounts counts the themes among the articles that match the search text alone, so the
// picker shows what each theme would add; with reader state, also the unread ones.
func (m *Model) pickerCounts() (all, unread map[string]int) {
	text := m.search.Value()
	all = themeCounts(m.store.Search(fullQuery(text, nil), m.marks()).Facets)
	if m.opts.State != nil {
		// In front, so an unclosed quote in the text cannot swallow it.
		unread = themeCounts(m.store.Search(fullQuery("is:unread "+text, nil), m.marks()).Facets)
	}
	return all, unread
}

// openSelected opens the list selection in the reader and gives it the keyboard.
func (m *Model) openSelected() tea.Cmd {
	a := m.list.Selected()
	if a == nil {
		return nil
	}
	m.reader.jumps = nil
	if m.reader.article == nil || m.reader.article.ID != a.ID {
		m.openArticle(a)
	}
	m.readerOpen = true
	m.setFocus(paneReader)
	m.markRead(a)
	return m.ensureRender()
}

// openArticle shows a in the reader where reading of it last stopped, after remembering where
// it stopped in the article it replaces. Showing is not reading: the split view follows the
// selection through here, and only the callers that open on request mark the article read.
func (m *Model) openArticle(a *data.Article) {
	m.keepPosition()
	m.reader.Open(a, m.store.Related(a.ID, 5))
	if st := m.opts.State; st != nil {
		// Block 0 is the top of the body, below the title: a position there means the top.
		if b, ok := st.Position(a.ID); ok && b > 0 {
			m.reader.SetPosition(b)
		}
	}
}

// markRead records that the user opened a.
func (m *Model) markRead(a *data.Article) {
	st := m.opts.State
	if st == nil || a == nil || st.IsRead(a.ID) {
		return
	}
	st.SetRead(a.ID, true)
	st.SaveSoon(saveDelay)
}

// markTarget is the article m and s act on: the one being read, or the list selection.
func (m *Model) markTarget() *data.Article {
	if m.searching || m.picking {
		return nil
	}
	if m.focus == paneReader {
		return m.reader.article
	}
	return m.list.Selected()
}

// toggleMark flips the read mark or the star of the article m and s act on.
func (m *Model) toggleMark(star bool) {
	st, a := m.opts.State, m.markTarget()
	if st == nil || a == nil {
		return
	}
	switch {
	case star && st.IsStarred(a.ID):
		st.SetStarred(a.ID, false)
		m.notice = "unstarred"
	case star:
		st.SetStarred(a.ID, true)
		m.notice = "starred"
	case st.IsRead(a.ID):
		st.SetRead(a.ID, false)
		m.notice = "marked unread"
	default:
		st.SetRead(a.ID, true)
		m.notice = "marked read"
	}
	st.SaveSoon(saveDelay)
}

// keepPosition remembers where reading of the article in the reader stopped, when it moved. The
// save waits until the scrolling has stopped for saveDelay.
func (m *Model) keepPosition() {
	st, r := m.opts.State, &m.reader
	// Without a doc, or with an exact line still to restore, Position does not say where we are.
	if st == nil || r.article == nil || r.doc == nil || r.wantLine >= 0 {
		return
	}
	pos := r.Position()
	old, ok := st.Position(r.article.ID)
	if (ok && old == pos) || (!ok && pos == 0) {
		return
	}
	st.SetPosition(r.article.ID, pos)
	st.SaveSoon(saveDelay)
}

// leave records what must survive the program (the reading position; the filter is recorded as
// it changes). It runs on quit and again after the program ends, however it ended.
func (m *Model) leave() {
	m.keepPosition()
}

// follow shows the list selection in the split view's reading pane. With debounce, the render
// waits until the selection has stayed put for FollowDelay.
func (m *Model) follow(debounce bool) tea.Cmd {
	if !m.split || m.width == 0 {
		return m.ensureRender()
	}
	a := m.list.Selected()
	if a == nil {
		return nil
	}
	if m.reader.article == nil || m.reader.article.ID != a.ID {
		m.reader.jumps = nil
		m.openArticle(a)
	}
	if !debounce || m.opts.FollowDelay < 0 {
		return m.ensureRender()
	}
	if k, need := m.reader.wantKey(); need {
		if d, ok := m.cache[k]; ok {
			m.reader.SetDoc(d)
			return nil
		}
	}
	m.followSeq++
	seq := m.followSeq
	return tea.Tick(m.opts.FollowDelay, func(time.Time) tea.Msg { return followMsg{seq} })
}

// ensureRender gives the reader the doc it needs, from the cache or from a render command.
func (m *Model) ensureRender() tea.Cmd {
	if m.width == 0 {
		return nil
	}
	k, need := m.reader.wantKey()
	if !need {
		return nil
	}
	if d, ok := m.cache[k]; ok {
		m.reader.SetDoc(d)
		return nil
	}
	if m.inflight[k] {
		return nil
	}
	m.inflight[k] = true
	return renderCmd(m.reader.article, m.reader.related, k, m.styles)
}

// renderCmd lays out an article off the UI goroutine.
func renderCmd(a *data.Article, related []*data.Article, k docKey, st Styles) tea.Cmd {
	return func() tea.Msg {
		d, err := renderArticle(a, related, k.width, st)
		return renderedMsg{key: k, doc: d, err: err}
	}
}

func (m *Model) setFocus(p pane) {
	if !m.split && p == paneReader && !m.readerOpen {
		return
	}
	if p == paneReader && m.reader.article == nil {
		return
	}
	m.focus = p
	m.list.focused = p == paneList
}

func (m *Model) setDark(dark bool) {
	if dark == m.styles.Dark {
		return
	}
	m.styles = NewStyles(dark)
	m.list.st, m.reader.st, m.picker.st = m.styles, m.styles, m.styles
	m.help.Styles = m.styles.Help
	v := m.search.Value()
	focused := m.search.Focused()
	m.search = newInput(m.styles, "/ ", "search titles and text")
	m.search.SetValue(v)
	if focused {
		m.search.Focus()
	}
	m.layout()
}

// Layout.

func (m *Model) headerHeight() int { return 1 }

func (m *Model) footerHeight() int { return 1 + lipgloss.Height(m.help.View(m.keys)) }

func (m *Model) bodyHeight() int { return max(m.height-m.headerHeight()-m.footerHeight(), 1) }

func (m *Model) listWidth() int {
	if !m.split {
		return m.width
	}
	return m.width * 40 / 100
}

// layout sizes every pane after subtracting the header and footer.
func (m *Model) layout() {
	if m.width == 0 {
		return
	}
	m.split = m.width >= splitWidth
	// Whichever pane has the keyboard is the one a narrow layout shows, also right after the
	// terminal shrinks out of the split view.
	m.readerOpen = m.focus == paneReader
	m.list.focused = m.focus == paneList
	m.syncKeys()
	m.help.SetWidth(m.width)
	m.fitSearch()
	h := m.bodyHeight()
	if m.split {
		lw := m.listWidth()
		m.list.SetSize(lw-1, h)
		m.picker.SetSize(lw-1, h)
		m.reader.SetSize(m.width-lw, h)
	} else {
		m.list.SetSize(m.width, h)
		m.picker.SetSize(m.width, h)
		m.reader.SetSize(m.width+readerFrame, h)
	}
}

// syncKeys enables exactly the keys that do something now, so the help bar never lies.
func (m *Model) syncKeys() {
	k := &m.keys
	inList := !m.searching && !m.picking && m.focus == paneList
	inReader := !m.searching && !m.picking && m.focus == paneReader
	switch {
	case m.searching:
		k.context = helpSearch
	case m.picking:
		k.context = helpPicker
	case inReader:
		k.context = helpReader
	default:
		k.context = helpList
	}
	k.Quit.SetEnabled(!m.searching && !m.picking)
	k.Help.SetEnabled(!m.searching && !m.picking)
	k.Focus.SetEnabled(m.split && !m.searching && !m.picking && m.reader.article != nil)

	hasItems := len(m.list.hits) > 0
	for _, b := range []*key.Binding{&k.Up, &k.Down, &k.Top, &k.Bottom, &k.PageUp, &k.PageDown, &k.Open} {
		b.SetEnabled(inList && hasItems)
	}
	k.Search.SetEnabled(inList)
	k.Themes.SetEnabled(inList)
	k.ClearFilters.SetEnabled(inList && (m.search.Value() != "" || len(m.themes) > 0))

	r := &m.reader
	hasDoc := inReader && r.doc != nil
	for _, b := range []*key.Binding{&k.ScrollUp, &k.ScrollDown, &k.PageFwd, &k.PageBack, &k.DocTop, &k.DocBottom} {
		b.SetEnabled(hasDoc)
	}
	k.NextNote.SetEnabled(hasDoc && len(r.doc.markers) > 0)
	k.PrevNote.SetEnabled(hasDoc && len(r.doc.markers) > 0)
	canJump := false
	if hasDoc {
		line, ok := r.noteTarget()
		canJump = ok && r.offset != line
	}
	k.GoToNote.SetEnabled(canJump)
	k.JumpBack.SetEnabled(inReader && len(r.jumps) > 0)
	k.Close.SetEnabled(inReader)
	k.NextArticle.SetEnabled(inReader && m.list.cursor < len(m.list.hits)-1)
	k.PrevArticle.SetEnabled(inReader && m.list.cursor > 0 && hasItems)
	k.OpenLinks.SetEnabled(hasDoc && len(r.noteLinks()) > 0)
	k.Related.SetEnabled(inReader && len(r.related) > 0)

	target := m.markTarget()
	canMark := m.opts.State != nil && target != nil
	k.ToggleRead.SetEnabled(canMark)
	k.ToggleStar.SetEnabled(canMark)
	if canMark {
		k.ToggleRead.SetHelp("m", "mark read")
		if m.opts.State.IsRead(target.ID) {
			k.ToggleRead.SetHelp("m", "mark unread")
		}
		k.ToggleStar.SetHelp("s", "star")
		if m.opts.State.IsStarred(target.ID) {
			k.ToggleStar.SetHelp("s", "unstar")
		}
	}
	if n := len(r.related); n > 0 {
		k.Related.SetHelp(fmt.Sprintf("1-%d", min(n, 5)), "related article")
	}
}

// View draws the header, the panes, the status line and the help.
func (m *Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	return v
}

func (m *Model) render() string {
	if m.width == 0 || m.height == 0 {
		return ""
	}
	h := m.bodyHeight()
	lines := make([]string, 0, m.height)
	lines = append(lines, m.headerView())

	var left, right []string
	switch {
	case m.split:
		if m.picking {
			left = strings.Split(m.picker.View(), "\n")
		} else {
			left = strings.Split(m.list.View(), "\n")
		}
		right = strings.Split(m.reader.View(), "\n")
	case m.picking:
		left = strings.Split(m.picker.View(), "\n")
	case m.readerOpen:
		left = strings.Split(m.reader.View(), "\n")
	default:
		left = strings.Split(m.list.View(), "\n")
	}
	lw := m.listWidth()
	divider := m.styles.Divider.Render("│")
	if m.focus == paneReader {
		divider = m.styles.DividerFocused.Render("┃")
	}
	for i := 0; i < h; i++ {
		var row string
		if i < len(left) {
			row = left[i]
		}
		if m.split {
			row = pad(ansi.Truncate(row, lw-1, ""), lw) + divider + " "
			if i < len(right) {
				row += right[i]
			}
		}
		lines = append(lines, row)
	}
	lines = append(lines, m.statusView())
	lines = append(lines, strings.Split(m.help.View(m.keys), "\n")...)
	if len(lines) > m.height {
		lines = lines[:m.height]
	}
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, m.width, "")
	}
	return strings.Join(lines, "\n")
}

func pad(s string, w int) string {
	return s + strings.Repeat(" ", max(w-lipgloss.Width(s), 0))
}

func (m *Model) headerView() string {
	st := m.styles
	logo := st.Logo.Render("unvn")
	chipBar := m.chipBar()
	var search string
	switch {
	case m.searching:
		search = m.search.View()
	case m.search.Value() != "":
		search = st.Prompt.Render("/ ") + st.Query.Render(m.search.Value())
	default:
		search = st.Hint.Render("/ search · t themes")
	}
	return ansi.Truncate(logo+"  "+search+chipBar, m.width, "…")
}

func (m *Model) chipBar() string {
	if len(m.themes) == 0 {
		return ""
	}
	return "  " + chips(m.styles, m.themes, themeCounts(m.result.Facets))
}

// fitSearch gives the search input, which pads itself to its width, what the logo and the theme
// chips leave of the filter bar.
func (m *Model) fitSearch() {
	room := m.width - lipgloss.Width("unvn") - 2 - lipgloss.Width(m.chipBar()) - lipgloss.Width(m.search.Prompt) - 1
	m.search.SetWidth(max(room, 4))
}

func (m *Model) statusView() string {
	st := m.styles
	left := st.Status.Render(fmt.Sprintf("%d of %d articles", m.result.Total, m.store.Len()))
	if len(m.themes) > 0 {
		left += st.Status.Render(" · themes: " + strings.Join(m.themes, ", "))
	}
	if w := m.opts.Corpus.Warnings; len(w) > 0 {
		msg := fmt.Sprintf("%d file%s skipped: %s", len(w), plural(len(w)), w[0])
		left += st.Status.Render(" · ") + st.StatusWarn.Render(statusText(msg))
	}
	for _, w := range m.opts.StateWarnings {
		left += st.Status.Render(" · ") + st.StatusWarn.Render(statusText(w))
	}
	if m.notice != "" {
		left += st.Status.Render(" · ") + st.StatusWarn.Render(statusText(m.notice))
	}
	right := ""
	if (m.split || m.readerOpen) && m.reader.doc != nil && !m.picking {
		right = st.Percent.Render(fmt.Sprintf("%3d%%", m.reader.ScrollPercent()))
		if m.opts.State != nil && m.opts.State.IsStarred(m.reader.article.ID) {
			right = st.Star.Render("★ ") + right
		}
	}
	avail := m.width - lipgloss.Width(right) - 1
	left = ansi.Truncate(left, max(avail, 0), "…")
	return left + strings.Repeat(" ", max(m.width-lipgloss.Width(left)-lipgloss.Width(right), 0)) + right
}

// statusText makes a message fit for the one-line status: warnings and errors carry file names
// and commands, which may hold escape sequences and line breaks, so only plain text is kept.
func statusText(s string) string {
	return strings.NewReplacer("\n", " ", "\t", " ").Replace(ansi.Strip(FilterTerminalOutput(s)))
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
