package ui

import "charm.land/bubbles/v2/key"

// Each pane has its own key map and enables exactly the keys that do something now (its
// enableKeys), so the help bar never lies. The root draws the help of the pane that has the
// keyboard with the global keys after it.

// globalKeys work whatever pane has the keyboard (but a text field, which gets every key).
type globalKeys struct {
	Quit       key.Binding
	ForceQuit  key.Binding
	Help       key.Binding
	Focus      key.Binding
	ToggleRead key.Binding
	ToggleStar key.Binding
	NextUnread key.Binding
	AllRead    key.Binding
	UndoAll    key.Binding
	Reload     key.Binding
}

func newGlobalKeys() globalKeys {
	return globalKeys{
		Quit:       key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		ForceQuit:  key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		Help:       key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Focus:      key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "switch pane")),
		ToggleRead: key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "mark read")),
		ToggleStar: key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "star")),
		NextUnread: key.NewBinding(key.WithKeys("."), key.WithHelp(".", "next unread")),
		AllRead:    key.NewBinding(key.WithKeys("A"), key.WithHelp("A", "mark all read")),
		UndoAll:    key.NewBinding(key.WithKeys("U"), key.WithHelp("U", "undo mark all")),
		Reload:     key.NewBinding(key.WithKeys("R"), key.WithHelp("R", "reload")),
	}
}

type listKeys struct {
	Up           key.Binding
	Down         key.Binding
	Top          key.Binding
	Bottom       key.Binding
	PageUp       key.Binding
	PageDown     key.Binding
	Open         key.Binding
	Search       key.Binding
	Themes       key.Binding
	ClearFilters key.Binding
}

func newListKeys() listKeys {
	return listKeys{
		Up:           key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("↑/k", "up")),
		Down:         key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("↓/j", "down")),
		Top:          key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g/home", "first")),
		Bottom:       key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G/end", "last")),
		PageUp:       key.NewBinding(key.WithKeys("pgup", "ctrl+b"), key.WithHelp("pgup", "page up")),
		PageDown:     key.NewBinding(key.WithKeys("pgdown", "ctrl+f"), key.WithHelp("pgdn", "page down")),
		Open:         key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "read")),
		Search:       key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search")),
		Themes:       key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "themes")),
		ClearFilters: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filters")),
	}
}

type readerKeys struct {
	ScrollUp    key.Binding
	ScrollDown  key.Binding
	PageFwd     key.Binding
	PageBack    key.Binding
	HalfDown    key.Binding
	HalfUp      key.Binding
	DocTop      key.Binding
	DocBottom   key.Binding
	NextNote    key.Binding
	PrevNote    key.Binding
	NoNotes     key.Binding // ] and [ in an article without notes: says so, never in the help
	GoToNote    key.Binding
	JumpBack    key.Binding
	Close       key.Binding
	NextArticle key.Binding
	PrevArticle key.Binding
	OpenLinks   key.Binding
	OpenPage    key.Binding
	Find        key.Binding
	NextMatch   key.Binding // before NextArticle: n goes to matches while there are some
	PrevMatch   key.Binding
	FindAccept  key.Binding
	FindCancel  key.Binding
	FetchText   key.Binding
	Related     key.Binding
}

func newReaderKeys() readerKeys {
	return readerKeys{
		ScrollUp:    key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("↑/k", "up")),
		ScrollDown:  key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("↓/j", "down")),
		PageFwd:     key.NewBinding(key.WithKeys("space", "pgdown", "f", "ctrl+f"), key.WithHelp("space/f", "page down")),
		PageBack:    key.NewBinding(key.WithKeys("b", "pgup", "ctrl+b"), key.WithHelp("b", "page up")),
		HalfDown:    key.NewBinding(key.WithKeys("d", "ctrl+d"), key.WithHelp("d", "half page down")),
		HalfUp:      key.NewBinding(key.WithKeys("u", "ctrl+u"), key.WithHelp("u", "half page up")),
		DocTop:      key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g", "top")),
		DocBottom:   key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G", "bottom")),
		NextNote:    key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "next note")),
		PrevNote:    key.NewBinding(key.WithKeys("["), key.WithHelp("[", "prev note")),
		NoNotes:     key.NewBinding(key.WithKeys("]", "[")),
		GoToNote:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "go to note")),
		JumpBack:    key.NewBinding(key.WithKeys("backspace"), key.WithHelp("⌫", "jump back")),
		Close:       key.NewBinding(key.WithKeys("esc", "h", "left"), key.WithHelp("esc/h", "back")),
		NextArticle: key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next")),
		PrevArticle: key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "previous")),
		OpenLinks:   key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "open links")),
		OpenPage:    key.NewBinding(key.WithKeys("O"), key.WithHelp("O", "open page")),
		Find:        key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "find in article")),
		NextMatch:   key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next match")),
		PrevMatch:   key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "previous match")),
		FindAccept:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "find")),
		FindCancel:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		FetchText:   key.NewBinding(key.WithKeys("F"), key.WithHelp("F", "fetch text")),
		Related: key.NewBinding(key.WithKeys("1", "2", "3", "4", "5"),
			key.WithHelp("1-5", "related article")),
	}
}

type searchKeys struct {
	Accept key.Binding
	Cancel key.Binding
}

func newSearchKeys() searchKeys {
	return searchKeys{
		Accept: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep query")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear")),
	}
}

type pickerKeys struct {
	Up     key.Binding
	Down   key.Binding
	Toggle key.Binding
	Apply  key.Binding
	Cancel key.Binding
}

func newPickerKeys() pickerKeys {
	return pickerKeys{
		Up:     key.NewBinding(key.WithKeys("up", "ctrl+p", "ctrl+k"), key.WithHelp("↑", "up")),
		Down:   key.NewBinding(key.WithKeys("down", "ctrl+n", "ctrl+j"), key.WithHelp("↓", "down")),
		Toggle: key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "toggle")),
		Apply:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "apply")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}
}

// helpKeys is what the help bar draws: the focused pane's keys, then the global ones. It
// implements help.KeyMap.
type helpKeys struct {
	short []key.Binding
	full  [][]key.Binding
}

func (h helpKeys) ShortHelp() []key.Binding  { return h.short }
func (h helpKeys) FullHelp() [][]key.Binding { return h.full }
