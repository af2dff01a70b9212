package ui

import "charm.land/bubbles/v2/key"

// helpContext says which pane's keys the help bar shows.
type helpContext int

const (
	helpList helpContext = iota
	helpReader
	helpSearch
	helpPicker
)

// keyMap holds every binding of the reader. The root enables and disables them as the state
// changes (see Model.syncKeys), so the help bar only ever shows keys that do something.
type keyMap struct {
	context helpContext

	// everywhere
	Quit      key.Binding
	ForceQuit key.Binding
	Help      key.Binding
	Focus     key.Binding

	// list and reader, when the reader keeps state
	ToggleRead key.Binding
	ToggleStar key.Binding

	// list
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

	// reader
	ScrollUp    key.Binding
	ScrollDown  key.Binding
	PageFwd     key.Binding
	PageBack    key.Binding
	DocTop      key.Binding
	DocBottom   key.Binding
	NextNote    key.Binding
	PrevNote    key.Binding
	GoToNote    key.Binding
	JumpBack    key.Binding
	Close       key.Binding
	NextArticle key.Binding
	PrevArticle key.Binding
	OpenLinks   key.Binding
	Related     key.Binding

	// search box
	SearchAccept key.Binding
	SearchCancel key.Binding

	// theme picker
	PickerUp     key.Binding
	PickerDown   key.Binding
	PickerToggle key.Binding
	PickerApply  key.Binding
	PickerCancel key.Binding
}

func newKeyMap() keyMap {
	return keyMap{
		Quit:      key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		ForceQuit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Focus:     key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "switch pane")),

		ToggleRead: key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "mark read")),
		ToggleStar: key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "star")),

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

		ScrollUp:    key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("↑/k", "up")),
		ScrollDown:  key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("↓/j", "down")),
		PageFwd:     key.NewBinding(key.WithKeys("space", "pgdown", "f"), key.WithHelp("space", "page down")),
		PageBack:    key.NewBinding(key.WithKeys("b", "pgup"), key.WithHelp("b", "page up")),
		DocTop:      key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g", "top")),
		DocBottom:   key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G", "bottom")),
		NextNote:    key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "next note")),
		PrevNote:    key.NewBinding(key.WithKeys("["), key.WithHelp("[", "prev note")),
		GoToNote:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "go to note")),
		JumpBack:    key.NewBinding(key.WithKeys("backspace"), key.WithHelp("⌫", "jump back")),
		Close:       key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		NextArticle: key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next")),
		PrevArticle: key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "previous")),
		OpenLinks:   key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "open links")),
		Related: key.NewBinding(key.WithKeys("1", "2", "3", "4", "5"),
			key.WithHelp("1-5", "related article")),

		SearchAccept: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep query")),
		SearchCancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear")),

		PickerUp:     key.NewBinding(key.WithKeys("up", "ctrl+p", "ctrl+k"), key.WithHelp("↑", "up")),
		PickerDown:   key.NewBinding(key.WithKeys("down", "ctrl+n", "ctrl+j"), key.WithHelp("↓", "down")),
		PickerToggle: key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "toggle")),
		PickerApply:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "apply")),
		PickerCancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}
}

// ShortHelp is the one-line help of the current context.
func (k keyMap) ShortHelp() []key.Binding {
	switch k.context {
	case helpSearch:
		return []key.Binding{k.SearchAccept, k.SearchCancel, k.ForceQuit}
	case helpPicker:
		return []key.Binding{k.PickerDown, k.PickerToggle, k.PickerApply, k.PickerCancel}
	case helpReader:
		return []key.Binding{k.NextNote, k.GoToNote, k.JumpBack, k.Close, k.NextArticle, k.ToggleRead, k.ToggleStar,
			k.Help, k.Quit, k.Focus}
	}
	// The most used keys first, and "? help" before the rest, so a narrow terminal that cuts the
	// line still shows how to find every key.
	return []key.Binding{k.Down, k.Open, k.Search, k.Themes, k.ToggleRead, k.ToggleStar, k.Help, k.ClearFilters,
		k.Quit, k.Focus}
}

// FullHelp is the help shown by ?, in columns.
func (k keyMap) FullHelp() [][]key.Binding {
	switch k.context {
	case helpSearch:
		return [][]key.Binding{{k.SearchAccept, k.SearchCancel, k.ForceQuit}}
	case helpPicker:
		return [][]key.Binding{{k.PickerUp, k.PickerDown}, {k.PickerToggle, k.PickerApply, k.PickerCancel}}
	case helpReader:
		return [][]key.Binding{
			{k.ScrollDown, k.ScrollUp, k.PageFwd, k.PageBack, k.DocTop, k.DocBottom},
			{k.NextNote, k.PrevNote, k.GoToNote, k.JumpBack, k.OpenLinks},
			{k.NextArticle, k.PrevArticle, k.Related, k.Close, k.Focus},
			{k.ToggleRead, k.ToggleStar, k.Help, k.Quit, k.ForceQuit},
		}
	}
	return [][]key.Binding{
		{k.Down, k.Up, k.Top, k.Bottom, k.PageDown, k.PageUp},
		{k.Open, k.Search, k.Themes, k.ClearFilters, k.Focus},
		{k.ToggleRead, k.ToggleStar, k.Help, k.Quit, k.ForceQuit},
	}
}
