package ui

import (
	"fmt"
	"os"
	"os/signal"
	"reflect"
	"slices"
	"strings"
	"syscall"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"unvn/data"
	"unvn/store"
	"unvn/termsafe"
)

// Options configure the reader.
type Options struct {
	Corpus data.Corpus // the articles and the load warnings shown in the status line

	// Store, when set, is the articles instead of Corpus.Articles: a store opened from the
	// cache, whose list paints from the articles' heads and whose bodies are decoded when they
	// are shown.
	Store *store.Store

	// State remembers what was read and starred, where reading stopped and the last filter;
	// nil remembers nothing. The caller opens it and flushes it after Run returns.
	State State

	// StateWarnings are shown in the status line like load warnings: a corrupt state file moved
	// aside, a directory the state cannot be saved in.
	StateWarnings []string

	// OpenURL opens one link for `o`; nil means $BROWSER, or xdg-open.
	OpenURL func(url string) error

	// Reload reads the articles again (R, and when a watched path changes), as a store and the
	// load warnings; nil offers no reload.
	Reload func() (*store.Store, []data.Warning, error)

	// Watch are the folders or files whose changes reload the corpus: the library folder.
	Watch []string

	// FetchArticle fetches the page at an address, keeps it in the library and returns its
	// articles, so F can fill in a headline-only article. nil: F is not offered.
	FetchArticle func(url string) ([]data.Article, error)

	// TextWidth is the widest text column of the reading pane; zero means MaxTextWidth.
	TextWidth int

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
// is in opts.State by then, however the program ended; flushing it is the caller's. When a
// signal ended it (SIGINT, SIGTERM, or SIGHUP when the terminal closes), the error is a
// *SignalError, so the caller can save and then exit 128+signal as shells expect.
func Run(opts Options) error {
	m := New(opts)
	defer m.Close()
	// The search index is built on first use; build it while the user looks at the list, so the
	// first search of a large library does not wait for it.
	go m.store.Warm()
	// Bubble Tea's own handler quits on SIGINT and SIGTERM but forgets which, and SIGHUP would
	// end the process before the caller saves the state: handle all three here.
	// Bubble Tea would detect the terminal's colour profile again, from the same output and
	// environment lipgloss read when it loaded; reuse that: inside tmux each detection runs
	// `tmux info`, some 15-25 ms before the first frame.
	p := tea.NewProgram(m, tea.WithoutSignalHandler(), tea.WithColorProfile(lipgloss.Writer.Profile))
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	done, caught := make(chan struct{}), make(chan os.Signal, 1)
	go func() {
		defer close(caught)
		select {
		case sig := <-sigs:
			caught <- sig
			p.Quit()
		case <-done:
		}
	}()
	_, err := p.Run()
	signal.Stop(sigs)
	close(done)
	m.reader.Leave()
	if sig, ok := <-caught; ok && err == nil {
		return &SignalError{Signal: sig}
	}
	return err
}

// SignalError says that a signal ended the reader.
type SignalError struct{ Signal os.Signal }

func (e *SignalError) Error() string { return "stopped by " + e.Signal.String() }

// splitWidth is the narrowest terminal that shows the list and the reading pane side by side.
const splitWidth = 100

const defaultFollowDelay = 90 * time.Millisecond

// mode is what has the keyboard: the list, the reading pane, the search box or the theme picker.
// In the split view both panes show whatever the mode; in a narrow one the reader shows only
// in modeReader.
type mode int

const (
	modeList mode = iota
	modeReader
	modeSearch
	modePicker
)

// Intents: what a pane asks the root to do. A pane returns them as commands (see intent).
type (
	selectedMsg struct { // the list selection moved
		article  *data.Article
		debounce bool // holding a key: let the selection settle before rendering
	}
	openArticleMsg  struct{ article *data.Article } // read the selection
	readingMsg      struct{ article *data.Article } // the reader opened this on request
	closeReaderMsg  struct{}                        // back to the list
	stepArticleMsg  struct{ delta int }             // n, p: the next or previous article of the list
	startSearchMsg  struct{}
	queryChangedMsg struct{}               // the search text changed
	searchDoneMsg   struct{ cleared bool } // enter or esc (which clears the query) closed the search box
	openPickerMsg   struct{}
	pickerDoneMsg   struct {
		themes []string
		apply  bool
	}
	clearFiltersMsg struct{}
	noticeMsg       string                         // a one-off message for the status line
	fetchTextMsg    struct{ teaser *data.Article } // F: fetch a headline-only article's text
)

// fetchedMsg is the result of F: the corpus with the fetched article in place of the headline,
// its store built in the background, and the article to open.
type fetchedMsg struct {
	url      string
	articles []data.Article
	store    *store.Store
	openID   string
	err      error
}

// intent wraps a message in the command that delivers it. The root acts on the intents a pane
// returns at once (see settle) rather than when the runtime would deliver them: keys already
// queued behind the one that caused an intent ("/" then "sogie", enter then enter) must see its
// effect, or they would go to the wrong pane. Never inlined: an inlined copy would make closures
// settle does not recognise.
//
//go:noinline
func intent(msg tea.Msg) tea.Cmd { return func() tea.Msg { return msg } }

// intentCode identifies the closures intent makes: they share one function body.
var intentCode = reflect.ValueOf(intent(nil)).Pointer()

// settle acts on cmd now when it is an intent, and hands any other command to the runtime.
func (m *Model) settle(cmd tea.Cmd) tea.Cmd {
	if cmd == nil || reflect.ValueOf(cmd).Pointer() != intentCode {
		return cmd
	}
	return m.update(cmd())
}

// Model is the root of the reader. It routes messages to the panes, acts on their intents, and
// lays them out; everything else belongs to a pane.
type Model struct {
	opts   Options
	store  *store.Store
	styles Styles
	keys   globalKeys
	help   help.Model

	width, height int
	mode          mode
	split         bool

	themes []string // the active theme filters
	result store.Result
	unread int // unread articles in result
	notice string
	undo   []string // the articles the last mark-all-read marked, for U

	search searchModel
	picker pickerModel
	list   listModel
	reader readerModel

	watcher *watcher // nil when nothing is watched
}

// New builds the reader over opts.Corpus. The styles start dark until the terminal reports its
// background colour.
func New(opts Options) *Model {
	if opts.FollowDelay == 0 {
		opts.FollowDelay = defaultFollowDelay
	}
	if opts.TextWidth <= 0 {
		opts.TextWidth = MaxTextWidth
	}
	st := opts.Store
	if st == nil {
		st = store.New(opts.Corpus.Articles)
	}
	m := &Model{
		opts:   opts,
		store:  st,
		styles: NewStyles(true),
		keys:   newGlobalKeys(),
		help:   help.New(),
	}
	var state State // a nil State, not a nil *store.State in an interface
	if opts.State != nil {
		state = opts.State
	}
	m.help.Styles = m.styles.Help
	m.search = newSearch(m.styles)
	m.picker = newPicker(m.styles)
	m.list = newList(m.styles, m.marks())
	m.reader = newReader(m.styles, state, opts.OpenURL, opts.FetchArticle != nil,
		func(a *data.Article) []*data.Article { return m.store.Related(a.ID, 5) }, opts.FollowDelay, opts.TextWidth)
	m.reader.fullOf = func(a *data.Article) *data.Article { return m.store.Full(a) }
	if st := opts.State; st != nil {
		q, ids := st.LastQuery()
		m.search.SetValue(q)
		m.themes = knownThemes(ids)
	}
	m.refresh()
	m.enableKeys()
	if w, err := newWatcher(opts.Watch); err != nil {
		m.notice = "not watching the library: " + err.Error()
	} else {
		m.watcher = w
	}
	return m
}

// Close stops watching the library.
func (m *Model) Close() { m.watcher.close() }

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

// Init asks the terminal for its background so the styles can match it, and starts watching
// the library.
func (m *Model) Init() tea.Cmd {
	return tea.Batch(tea.RequestBackgroundColor, m.watcher.wait())
}

// Update routes a message: a focused text field gets every key first, then the global keys,
// then the pane that has the keyboard. Sizes go to every pane, async results to their owner
// whatever has the keyboard, intents to the root.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd := m.update(msg)
	m.enableKeys()
	return m, cmd
}

func (m *Model) update(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.PasteMsg:
		// A paste is input like typing, for the text field that has the keyboard; pasted text
		// is untrusted, so it arrives as one plain line.
		msg.Content = termsafe.Line(msg.Content)
		switch {
		case m.mode == modeReader && m.reader.Finding():
			m.reader, cmd = m.reader.Update(msg)
		case m.mode == modeSearch:
			m.search, cmd = m.search.Update(msg)
		case m.mode == modePicker:
			m.picker, cmd = m.picker.Update(msg)
		}
		return m.settle(cmd)
	case tea.KeyPressMsg:
		m.notice = ""
		if key.Matches(msg, m.keys.ForceQuit) {
			return m.quit()
		}
		if m.mode == modeReader && m.reader.Finding() {
			m.reader, cmd = m.reader.Update(msg)
			return m.settle(cmd)
		}
		switch m.mode {
		case modeSearch:
			m.search, cmd = m.search.Update(msg)
			return m.settle(cmd)
		case modePicker:
			m.picker, cmd = m.picker.Update(msg)
			return m.settle(cmd)
		}
		switch {
		case key.Matches(msg, m.keys.Quit):
			return m.quit()
		case key.Matches(msg, m.keys.Help):
			m.help.ShowAll = !m.help.ShowAll
			return m.layout()
		case key.Matches(msg, m.keys.Focus):
			if m.mode == modeReader {
				return m.setMode(modeList)
			}
			m.markRead(m.reader.Article())
			return m.setMode(modeReader)
		case key.Matches(msg, m.keys.ToggleRead), key.Matches(msg, m.keys.ToggleStar):
			m.toggleMark(key.Matches(msg, m.keys.ToggleStar))
			return nil
		case key.Matches(msg, m.keys.NextUnread):
			return m.nextUnread()
		case key.Matches(msg, m.keys.AllRead):
			m.markAllRead()
			return nil
		case key.Matches(msg, m.keys.UndoAll):
			m.undoAllRead()
			return nil
		case key.Matches(msg, m.keys.Reload):
			return reloadCmd(m.opts.Reload)
		}
		if m.mode == modeReader {
			m.reader, cmd = m.reader.Update(msg)
			return m.settle(cmd)
		}
		m.list, cmd = m.list.Update(msg)
		return m.settle(cmd)

	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		return m.layout()

	case tea.BackgroundColorMsg:
		return m.setDark(msg.IsDark())

	case tea.MouseWheelMsg:
		return m.routeMouse(msg, msg.Mouse())

	case tea.MouseClickMsg:
		if msg.Button != tea.MouseLeft || m.mode == modeSearch || m.mode == modePicker {
			return nil
		}
		return m.routeMouse(msg, msg.Mouse())

	// Intents.
	case selectedMsg:
		return m.follow(msg.article, msg.debounce)
	case openArticleMsg:
		return m.open(msg.article)
	case readingMsg:
		m.markRead(msg.article)
		return m.reader.ensureRender()
	case closeReaderMsg:
		return m.setMode(modeList)
	case stepArticleMsg:
		if a := m.list.Step(msg.delta); a != nil {
			return m.open(a)
		}
		return nil
	case startSearchMsg:
		m.mode = modeSearch
		return tea.Batch(m.search.Focus(), m.layout())
	case queryChangedMsg:
		m.refresh()
		return m.follow(m.list.Selected(), true)
	case searchDoneMsg:
		if msg.cleared {
			m.refresh()
		}
		return tea.Batch(m.setMode(modeList), m.follow(m.list.Selected(), false))
	case openPickerMsg:
		all, unread := m.pickerCounts()
		m.mode = modePicker
		return tea.Batch(m.picker.Open(all, unread, m.themes), m.layout())
	case pickerDoneMsg:
		if msg.apply {
			m.themes = msg.themes
			m.refresh()
		}
		return tea.Batch(m.setMode(modeList), m.follow(m.list.Selected(), false))
	case clearFiltersMsg:
		m.themes = nil
		m.search.SetValue("")
		m.refresh()
		return m.follow(m.list.Selected(), false)
	case noticeMsg:
		m.notice = string(msg)
		return nil
	case changedMsg:
		return tea.Batch(reloadCmd(m.opts.Reload), m.watcher.wait())
	case reloadedMsg:
		return m.reloaded(msg)
	case fetchTextMsg:
		return m.fetchText(msg.teaser)
	case fetchedMsg:
		if msg.err != nil {
			m.notice = "could not fetch the text: " + msg.err.Error()
			return nil
		}
		m.opts.Corpus.Articles = msg.articles
		m.store = msg.store
		m.reader.Reset()
		m.refresh()
		a, _ := m.store.Get(msg.openID)
		m.notice = "fetched the text; it is in your library now"
		return m.open(a)
	}
	// Everything else is the reader's: rendered documents, debounced follows, opened links.
	m.reader, cmd = m.reader.Update(msg)
	return m.settle(cmd)
}

// routeMouse sends a mouse event to the pane under the pointer, in that pane's coordinates. A
// click into the reading pane gives it the keyboard.
func (m *Model) routeMouse(msg tea.Msg, ev tea.Mouse) tea.Cmd {
	y := ev.Y - m.headerHeight()
	if y < 0 || y >= m.bodyHeight() {
		return nil
	}
	_, click := msg.(tea.MouseClickMsg)
	overReader := (m.split && ev.X >= m.listWidth()) || (!m.split && m.mode == modeReader)
	var cmd tea.Cmd
	switch {
	case m.mode == modePicker && !overReader:
		m.picker, cmd = m.picker.Update(msg)
		return m.settle(cmd)
	case overReader && click:
		if m.mode != modeReader && m.reader.Article() != nil {
			m.markRead(m.reader.Article())
			return m.setMode(modeReader)
		}
		return nil
	case overReader:
		m.reader, cmd = m.reader.Update(msg)
		return m.settle(cmd)
	}
	if click {
		cmd = m.setMode(modeList)
		msg = tea.MouseClickMsg(tea.Mouse{X: ev.X, Y: y, Button: ev.Button, Mod: ev.Mod})
	}
	var listCmd tea.Cmd
	m.list, listCmd = m.list.Update(msg)
	return tea.Batch(cmd, m.settle(listCmd))
}

func (m *Model) quit() tea.Cmd {
	m.reader.Leave()
	return tea.Quit
}

// setMode gives the keyboard to another pane and lays the screen out for it.
func (m *Model) setMode(md mode) tea.Cmd {
	if md == modeReader && m.reader.Article() == nil {
		md = modeList
	}
	m.mode = md
	return m.layout()
}

// open reads a: the reader shows it and gets the keyboard, and it is marked read.
func (m *Model) open(a *data.Article) tea.Cmd {
	if a == nil {
		return nil
	}
	cmd := m.reader.Open(a)
	m.markRead(a)
	return tea.Batch(cmd, m.setMode(modeReader))
}

// fetchText fetches the text of a headline-only article from its address in the background, and
// builds the store with the article in place of the headline there too.
func (m *Model) fetchText(teaser *data.Article) tea.Cmd {
	fetch := m.opts.FetchArticle
	if fetch == nil || teaser == nil || !teaser.Teaser || teaser.URL == "" {
		return nil
	}
	m.notice = "fetching " + teaser.URL + " …"
	st, id, addr := m.store, teaser.ID, teaser.URL
	return func() tea.Msg {
		got, err := fetch(addr)
		if err != nil {
			return fetchedMsg{url: addr, err: err}
		}
		var full *data.Article
		for i := range got {
			if !got[i].Teaser {
				full = &got[i]
				break
			}
		}
		if full == nil {
			return fetchedMsg{url: addr, err: fmt.Errorf("%s: the page has no article text", addr)}
		}
		next := make([]data.Article, 0, st.Len()+len(got))
		for _, h := range st.Articles() { // heads, from a cached store: the whole of each
			if h.ID != id {
				next = append(next, *st.Full(h))
			}
		}
		next = data.Merge(append(next, got...))
		openID := ""
		for _, a := range next {
			if !a.Teaser && a.URL == full.URL && a.Title == full.Title {
				openID = a.ID
				break
			}
		}
		return fetchedMsg{url: addr, articles: next, store: store.New(next), openID: openID}
	}
}

// follow shows the list selection in the split view's reading pane (that is not reading it).
func (m *Model) follow(a *data.Article, debounce bool) tea.Cmd {
	if a == nil {
		m.reader.Clear()
		if m.mode == modeReader {
			m.mode = modeList
		}
		return nil
	}
	if !m.split || m.width == 0 {
		return nil
	}
	return m.reader.Show(a, debounce)
}

// refresh runs the query, refills the list and remembers the filter for the next start.
// Marking articles does not refresh: an article marked read stays in an is:unread list until
// the filter changes, so nothing moves under the cursor.
func (m *Model) refresh() {
	m.result = m.store.Find(fullQuery(m.search.Value(), m.themes), m.marks())
	m.list.SetHits(m.result.Hits, m.search.Value() != "" || len(m.themes) > 0)
	var terms []string
	if len(m.result.Hits) > 0 {
		terms = m.result.Hits[0].Terms
	}
	m.reader.SetListTerms(terms)
	m.countUnread()
	m.fitSearch()
	if st := m.opts.State; st != nil {
		q, ids := st.LastQuery()
		if q != m.search.Value() || !slices.Equal(ids, m.themes) {
			st.SetLastQuery(m.search.Value(), m.themes)
			st.SaveSoon(saveDelay)
		}
	}
}

// countUnread counts the unread articles of the list for the status line; it runs whenever the
// list or a mark changes, not on every frame.
func (m *Model) countUnread() {
	m.unread = 0
	if st := m.opts.State; st != nil {
		for _, h := range m.result.Hits {
			if !st.IsRead(h.ID()) {
				m.unread++
			}
		}
	}
}

// pickerCounts counts the themes among the articles that match the search text alone, so the
// picker shows what each theme would add; with reader state, also the unread ones.
func (m *Model) pickerCounts() (all, unread map[string]int) {
	text := m.search.Value()
	all = themeCounts(m.store.Find(fullQuery(text, nil), m.marks()).Facets)
	if m.opts.State != nil {
		// In front, so an unclosed quote in the text cannot swallow it.
		unread = themeCounts(m.store.Find(fullQuery("is:unread "+text, nil), m.marks()).Facets)
	}
	return all, unread
}

// markRead records that the user opened a.
func (m *Model) markRead(a *data.Article) {
	st := m.opts.State
	if st == nil || a == nil || st.IsRead(a.ID) {
		return
	}
	st.SetRead(a.ID, true)
	st.SaveSoon(saveDelay)
	m.countUnread()
}

// markTarget is the article m and s act on: the one being read, or the list selection.
func (m *Model) markTarget() *data.Article {
	switch m.mode {
	case modeReader:
		return m.reader.Article()
	case modeList:
		return m.list.Selected()
	}
	return nil
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
	m.countUnread()
}

// nextUnread selects the next unread article of the list after the selection (round to the
// top), and in the reader opens it. The key is off when there is none.
func (m *Model) nextUnread() tea.Cmd {
	st, hits := m.opts.State, m.result.Hits
	for d := 1; st != nil && d <= len(hits); d++ {
		i := (m.list.Cursor() + d) % len(hits)
		if !st.IsRead(hits[i].ID()) {
			a := hits[i].Head()
			m.list.Select(i)
			if m.mode == modeReader {
				return m.open(a)
			}
			return m.follow(a, false)
		}
	}
	return nil
}

// markAllRead marks every article of the list read, and remembers which for U.
func (m *Model) markAllRead() {
	st := m.opts.State
	if st == nil {
		return
	}
	m.undo = m.undo[:0]
	for _, h := range m.result.Hits {
		if id := h.ID(); !st.IsRead(id) {
			st.SetRead(id, true)
			m.undo = append(m.undo, id)
		}
	}
	st.SaveSoon(saveDelay)
	m.countUnread()
	m.notice = fmt.Sprintf("marked %d article%s read · U undoes", len(m.undo), plural(len(m.undo)))
}

// undoAllRead marks unread again what the last mark-all-read marked.
func (m *Model) undoAllRead() {
	st := m.opts.State
	if st == nil || len(m.undo) == 0 {
		return
	}
	for _, id := range m.undo {
		st.SetRead(id, false)
	}
	st.SaveSoon(saveDelay)
	m.notice = fmt.Sprintf("marked %d article%s unread again", len(m.undo), plural(len(m.undo)))
	m.undo = nil
	m.countUnread()
}

func (m *Model) setDark(dark bool) tea.Cmd {
	if dark == m.styles.Dark {
		return nil
	}
	m.styles = NewStyles(dark)
	m.help.Styles = m.styles.Help
	m.list.SetStyles(m.styles)
	m.picker.SetStyles(m.styles)
	m.search.SetStyles(m.styles)
	cmd := m.reader.SetStyles(m.styles)
	return tea.Batch(cmd, m.layout())
}

// enableKeys lets every pane enable its keys, then the global ones.
func (m *Model) enableKeys() {
	m.list.enableKeys()
	m.reader.SetNeighbours(m.list.HasPrev(), m.list.HasNext())
	m.reader.enableKeys()
	k := &m.keys
	inPane := m.mode == modeList || (m.mode == modeReader && !m.reader.Finding())
	k.Quit.SetEnabled(inPane)
	k.Help.SetEnabled(inPane)
	k.Focus.SetEnabled(inPane && m.split && m.reader.Article() != nil)
	target := m.markTarget()
	canMark := m.opts.State != nil && target != nil
	k.ToggleRead.SetEnabled(canMark)
	k.ToggleStar.SetEnabled(canMark)
	k.NextUnread.SetEnabled(inPane && m.opts.State != nil && m.unread > 0)
	k.AllRead.SetEnabled(inPane && m.opts.State != nil && m.unread > 0)
	k.UndoAll.SetEnabled(inPane && len(m.undo) > 0)
	k.Reload.SetEnabled(inPane && m.opts.Reload != nil)
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
}

// helpKeys is the help bar's content: the keys of the pane with the keyboard, then the global
// ones ("? help" early, so a narrow terminal that cuts the line still shows how to find the rest).
func (m *Model) helpKeys() helpKeys {
	k := m.keys
	switch m.mode {
	case modeSearch:
		return helpKeys{short: append(m.search.ShortHelp(), k.ForceQuit), full: append(m.search.FullHelp(), []key.Binding{k.ForceQuit})}
	case modePicker:
		return helpKeys{short: m.picker.ShortHelp(), full: m.picker.FullHelp()}
	}
	global := []key.Binding{k.ToggleRead, k.ToggleStar, k.NextUnread, k.AllRead, k.UndoAll, k.Reload, k.Help, k.Quit, k.ForceQuit, k.Focus}
	short := []key.Binding{k.ToggleRead, k.ToggleStar, k.Help, k.Quit, k.Focus}
	if m.mode == modeReader {
		return helpKeys{short: append(m.reader.ShortHelp(), short...), full: append(m.reader.FullHelp(), global)}
	}
	ls := m.list.ShortHelp()
	ls = append(ls, k.ToggleRead, k.ToggleStar, k.Help)
	ls = append(ls, m.list.TrailingHelp()...)
	ls = append(ls, k.Quit, k.Focus)
	return helpKeys{short: ls, full: append(m.list.FullHelp(), global)}
}

// Layout.

func (m *Model) headerHeight() int { return 1 }

func (m *Model) footerHeight() int { return 1 + lipgloss.Height(m.help.View(m.helpKeys())) }

func (m *Model) bodyHeight() int { return max(m.height-m.headerHeight()-m.footerHeight(), 1) }

func (m *Model) listWidth() int {
	if !m.split {
		return m.width
	}
	return m.width * 40 / 100
}

// divider is what the split view draws between the panes: a rule and a space.
const dividerWidth = 2

// layout sizes every pane after subtracting the header and footer, and shows the list
// selection in the reading pane when the split view has just appeared.
func (m *Model) layout() tea.Cmd {
	if m.width == 0 {
		return nil
	}
	m.split = m.width >= splitWidth
	m.list.SetFocused(m.mode != modeReader)
	m.enableKeys()
	m.help.SetWidth(m.width)
	m.fitSearch()
	h := m.bodyHeight()
	lw := m.listWidth()
	var cmd tea.Cmd
	if m.split {
		m.list.SetSize(lw-1, h)
		m.picker.SetSize(lw-1, h)
		cmd = m.reader.SetSize(m.width-lw-dividerWidth, h)
	} else {
		m.list.SetSize(m.width, h)
		m.picker.SetSize(m.width, h)
		cmd = m.reader.SetSize(m.width, h)
	}
	if a := m.list.Selected(); m.split && m.mode != modeReader && a != nil {
		cmd = tea.Batch(cmd, m.reader.Show(a, false))
	}
	return cmd
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
	case m.mode == modePicker:
		left = strings.Split(m.picker.View(), "\n")
	case m.mode == modeReader && !m.split:
		left = strings.Split(m.reader.View(), "\n")
	default:
		left = strings.Split(m.list.View(), "\n")
	}
	if m.split {
		right = strings.Split(m.reader.View(), "\n")
	}
	lw := m.listWidth()
	divider := m.styles.Divider.Render("│")
	if m.mode == modeReader {
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
	lines = append(lines, strings.Split(m.help.View(m.helpKeys()), "\n")...)
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
	logo := m.styles.Logo.Render("unvn")
	// The box shows what was typed or pasted: filtered here too, whatever way the text came in.
	return ansi.Truncate(logo+"  "+termsafe.Filter(m.search.View())+m.chipBar(), m.width, "…")
}

func (m *Model) chipBar() string {
	if len(m.themes) == 0 {
		return ""
	}
	return "  " + chips(m.styles, m.themes, themeCounts(m.result.Facets))
}

// fitSearch gives the search box what the logo and the theme chips leave of the filter bar.
func (m *Model) fitSearch() {
	room := m.width - lipgloss.Width("unvn") - 2 - lipgloss.Width(m.chipBar()) - m.search.PromptWidth() - 1
	m.search.SetWidth(max(room, 4))
}

func (m *Model) statusView() string {
	st := m.styles
	left := st.Status.Render(fmt.Sprintf("%d of %d articles", m.result.Total, m.store.Len()))
	if m.opts.State != nil {
		left += st.Status.Render(fmt.Sprintf(" · %d unread", m.unread))
	}
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
	if err := m.search.Err(); err != nil {
		left += st.Status.Render(" · ") + st.StatusWarn.Render(statusText("bad query: "+err.Error()))
	}
	if m.notice != "" {
		left += st.Status.Render(" · ") + st.StatusWarn.Render(statusText(m.notice))
	}
	right := ""
	if a := m.reader.Article(); (m.split || m.mode == modeReader) && m.reader.Rendered() && m.mode != modePicker {
		right = st.Percent.Render(fmt.Sprintf("%3d%%", m.reader.ScrollPercent()))
		if i, n := m.reader.NotePlace(); n > 0 {
			right = st.Percent.Render(fmt.Sprintf("note %d/%d · ", i, n)) + right
		}
		if i, n := m.reader.MatchPlace(); n > 0 {
			right = st.Percent.Render(fmt.Sprintf("match %d/%d · ", i, n)) + right
		}
		if m.opts.State != nil && m.opts.State.IsStarred(a.ID) {
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
	return termsafe.Line(s)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
