package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"unvn/data"
	"unvn/store"
)

// An item is its title, wrapped to at most titleLines lines, and a meta line; items follow each
// other without a gap, so a news list shows as many whole titles as it can.
const titleLines = 2

// listModel is the list of articles matching the current filters. It owns its cursor and its
// keys, and tells the root what the user wants with intent messages: selectedMsg when the
// selection moves, openArticleMsg on enter, startSearchMsg, openPickerMsg, clearFiltersMsg.
type listModel struct {
	st            Styles
	keys          listKeys
	marks         store.Marks
	hits          []store.Hit
	cursor        int
	offset        int // first visible item
	width, height int
	focused       bool
	filtered      bool // a query or a theme is active, so esc has something to clear
}

func newList(st Styles, marks store.Marks) listModel {
	return listModel{st: st, keys: newListKeys(), marks: marks, focused: true}
}

func (l *listModel) SetSize(w, h int) {
	l.width, l.height = max(w, 1), max(h, 1)
	l.fix()
}

// SetFocused says whether the list has the keyboard; the selection bar dims when it has not.
func (l *listModel) SetFocused(on bool) { l.focused = on }

// SetStyles restyles the list for another background.
func (l *listModel) SetStyles(st Styles) { l.st = st }

// SetHits replaces the items, keeping the selected article selected when it is still there.
// filtered says whether a filter is active, so the empty list can say how to clear it.
func (l *listModel) SetHits(hits []store.Hit, filtered bool) {
	var sel string
	if a := l.Selected(); a != nil {
		sel = a.ID
	}
	l.hits = hits
	l.filtered = filtered
	l.cursor = 0
	for i, h := range hits {
		if h.ID() == sel {
			l.cursor = i
			break
		}
	}
	l.fix()
}

// Len is the number of items.
func (l listModel) Len() int { return len(l.hits) }

// Selected is the article under the cursor, or nil for an empty list.
func (l listModel) Selected() *data.Article {
	if l.cursor < 0 || l.cursor >= len(l.hits) {
		return nil
	}
	return l.hits[l.cursor].Head()
}

// HasNext and HasPrev say whether there is an item after or before the selection.
func (l listModel) HasNext() bool { return l.cursor < len(l.hits)-1 }
func (l listModel) HasPrev() bool { return l.cursor > 0 && len(l.hits) > 0 }

// Cursor is the index of the selection.
func (l listModel) Cursor() int { return l.cursor }

// Select moves the selection to item i (clamped) and returns the article selected then.
func (l *listModel) Select(i int) *data.Article {
	l.cursor = i
	l.fix()
	return l.Selected()
}

// Step moves the selection d items (clamped) and returns the article selected then.
func (l *listModel) Step(d int) *data.Article {
	l.cursor += d
	l.fix()
	return l.Selected()
}

// itemHeight is the rows item i takes at the pane's width.
func (l listModel) itemHeight(i int) int {
	title, _ := l.item(l.hits[i], false)
	return len(title) + 1
}

// visibleItems is how many items from the first shown fit, at least one.
func (l listModel) visibleItems() int {
	n, rows := 0, 0
	for i := l.offset; i < len(l.hits); i++ {
		rows += l.itemHeight(i)
		if rows > l.height {
			break
		}
		n++
	}
	return max(n, 1)
}

// fix clamps the cursor and scrolls so it is visible.
func (l *listModel) fix() {
	l.cursor = max(0, min(l.cursor, len(l.hits)-1))
	l.offset = max(0, min(l.offset, l.cursor))
	if l.cursor >= l.offset+l.visibleItems() {
		// The cursor at the bottom: walk back from it while the items above still fit.
		off, rows := l.cursor, l.itemHeight(l.cursor)
		for off > 0 && rows+l.itemHeight(off-1) <= l.height {
			off--
			rows += l.itemHeight(off)
		}
		l.offset = off
	}
}

// itemAt is the index of the item drawn at row y of the pane, or -1.
func (l listModel) itemAt(y int) int {
	if y < 0 || y >= l.height {
		return -1
	}
	row := 0
	for i := l.offset; i < len(l.hits); i++ {
		row += l.itemHeight(i)
		if row > l.height {
			return -1
		}
		if y < row {
			return i
		}
	}
	return -1
}

// enableKeys enables the keys that do something now.
func (l *listModel) enableKeys() {
	k := &l.keys
	has := len(l.hits) > 0
	for _, b := range []*key.Binding{&k.Up, &k.Down, &k.Top, &k.Bottom, &k.PageUp, &k.PageDown, &k.Open} {
		b.SetEnabled(has)
	}
	k.ClearFilters.SetEnabled(l.filtered)
}

// ShortHelp and FullHelp are the list's part of the help bar: the most used keys first, so a
// narrow terminal that cuts the line still shows them.
func (l listModel) ShortHelp() []key.Binding {
	return []key.Binding{l.keys.Down, l.keys.Open, l.keys.Search, l.keys.Themes}
}

// TrailingHelp is what the short help shows after the global keys.
func (l listModel) TrailingHelp() []key.Binding { return []key.Binding{l.keys.ClearFilters} }

func (l listModel) FullHelp() [][]key.Binding {
	k := l.keys
	return [][]key.Binding{
		{k.Down, k.Up, k.Top, k.Bottom, k.PageDown, k.PageUp},
		{k.Open, k.Search, k.Themes, k.ClearFilters},
	}
}

// Update moves the selection and turns the list's other keys into intents. Mouse coordinates
// are relative to the pane.
func (l listModel) Update(msg tea.Msg) (listModel, tea.Cmd) {
	before := l.cursor
	debounce := true
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, l.keys.Up):
			l.cursor--
		case key.Matches(msg, l.keys.Down):
			l.cursor++
		case key.Matches(msg, l.keys.Top):
			l.cursor = 0
		case key.Matches(msg, l.keys.Bottom):
			l.cursor = len(l.hits) - 1
		case key.Matches(msg, l.keys.PageUp):
			l.cursor -= l.visibleItems()
		case key.Matches(msg, l.keys.PageDown):
			l.cursor += l.visibleItems()
		case key.Matches(msg, l.keys.Open):
			if a := l.Selected(); a != nil {
				return l, intent(openArticleMsg{article: a})
			}
			return l, nil
		case key.Matches(msg, l.keys.Search):
			return l, intent(startSearchMsg{})
		case key.Matches(msg, l.keys.Themes):
			return l, intent(openPickerMsg{})
		case key.Matches(msg, l.keys.ClearFilters):
			return l, intent(clearFiltersMsg{})
		}
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelUp:
			l.cursor--
		case tea.MouseWheelDown:
			l.cursor++
		}
	case tea.MouseClickMsg:
		i := l.itemAt(msg.Y)
		if i < 0 {
			return l, nil
		}
		l.cursor, debounce = i, false
	}
	l.fix()
	if l.cursor == before {
		return l, nil
	}
	return l, intent(selectedMsg{article: l.Selected(), debounce: debounce})
}

func (l listModel) View() string {
	if len(l.hits) == 0 {
		text := "No articles in the library. Add captures with: unvn add FILE..."
		if l.filtered {
			text = "No articles match. Press esc to clear the filters."
		}
		msg := l.st.Empty.Render(text)
		lines := strings.Split(ansi.Wrap(msg, l.width, ""), "\n")
		return strings.Join(lines[:min(len(lines), l.height)], "\n")
	}
	var out []string
	for i := l.offset; i < len(l.hits); i++ {
		title, meta := l.item(l.hits[i], i == l.cursor)
		if len(out)+len(title)+1 > l.height {
			if len(out) == 0 { // a pane too short for one item still shows its title
				out = title[:min(len(title), l.height)]
			}
			break
		}
		out = append(append(out, title...), meta)
	}
	return strings.Join(out, "\n")
}

// item draws one article as its title lines and a meta line, all cut to the pane width.
func (l listModel) item(h store.Hit, selected bool) ([]string, string) {
	a := h.Head() // decoded only for the items drawn
	bar, titleStyle := "  ", l.st.Title
	if selected {
		bar, titleStyle = l.st.SelectedBar.Render("▌ "), l.st.SelectedTitle
		if !l.focused {
			bar = l.st.Meta.Render("▌ ")
		}
	}
	flags := ""
	if l.marks != nil {
		if !l.marks.IsRead(a.ID) {
			flags += l.st.Unread.Render("• ")
			if !selected {
				titleStyle = l.st.UnreadTitle
			}
		}
		if l.marks.IsStarred(a.ID) {
			flags += l.st.Star.Render("★ ")
		}
	}
	title := highlight(a.Title, h.Terms, titleStyle, l.st.Match)
	lead := lipgloss.Width(bar) + lipgloss.Width(flags)
	avail := max(l.width-lead, 1)
	wrapped := strings.Split(ansi.Wrap(title, avail, ""), "\n")
	if len(wrapped) > titleLines {
		rest := strings.Join(wrapped[titleLines-1:], " ")
		wrapped = append(wrapped[:titleLines-1], ansi.Truncate(rest, avail, "…"))
	}
	lines := make([]string, len(wrapped))
	for i, w := range wrapped {
		prefix := bar + flags
		if i > 0 {
			prefix = strings.Repeat(" ", lead) // a hanging indent under the title's first letter
			if selected {
				prefix = l.st.SelectedBar.Render("▌ ") + strings.Repeat(" ", lead-2)
				if !l.focused {
					prefix = l.st.Meta.Render("▌ ") + strings.Repeat(" ", lead-2)
				}
			}
		}
		lines[i] = ansi.Truncate(prefix+strings.TrimRight(w, " "), l.width, "…")
	}

	// The headline-only badge comes before what may be cut.
	meta := []string{}
	if ds := shortDate(a.Date); ds != "" {
		meta = append(meta, ds)
	} else {
		meta = append(meta, "undated")
	}
	meta = append(meta, strings.ToLower(data.KindName(a.Kind)))
	metaLine := l.st.Meta.Render(strings.Join(meta, " · "))
	if a.Teaser {
		metaLine += l.st.Meta.Render(" · ") + l.st.Teaser.Render("headline only")
	}
	if a.Source != "" {
		metaLine += l.st.Meta.Render(" · " + a.Source)
	}
	if ids := a.ThemeIDs(); len(ids) > 0 {
		metaLine += " " + l.st.Tag.Render("#"+strings.Join(ids, " #"))
	}
	return lines, ansi.Truncate("  "+metaLine, l.width, "…")
}

// highlight styles the parts of text that match search terms.
func highlight(text string, terms []string, base, match lipgloss.Style) string {
	if len(terms) == 0 {
		return base.Render(text)
	}
	var b strings.Builder
	at := 0
	for _, r := range store.Highlight(text, terms) {
		if r[0] < at || r[1] > len(text) || r[0] >= r[1] {
			continue
		}
		b.WriteString(base.Render(text[at:r[0]]))
		b.WriteString(match.Inherit(base).Render(text[r[0]:r[1]]))
		at = r[1]
	}
	b.WriteString(base.Render(text[at:]))
	return b.String()
}

// shortDate is "30 Nov 2024", "Nov 2024" or "".
func shortDate(d data.Date) string {
	switch d.Precision {
	case data.PrecisionDay:
		return d.Time.Format("2 Jan 2006")
	case data.PrecisionMonth:
		return d.Time.Format("Jan 2006")
	}
	return ""
}
