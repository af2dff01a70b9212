package ui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"unvn/data"
	"unvn/store"
	"unvn/termsafe"
)

// plainInput keeps a text field's value one plain line: what a terminal sends as typing (a
// paste without bracketed paste, say) may hold bidi or control characters, and the field shows
// its value on screen.
func plainInput(in *textinput.Model) {
	if v := in.Value(); strings.ContainsFunc(v, termsafe.Unsafe) || strings.ContainsAny(v, "\n\t") {
		in.SetValue(termsafe.Line(v))
	}
}

// newInput is a text input styled for the reader, with a steady cursor so frames are
// deterministic and nothing ticks while the user reads.
func newInput(st Styles, prompt, placeholder string) textinput.Model {
	ti := textinput.New()
	ti.Prompt = prompt
	ti.Placeholder = placeholder
	ti.CharLimit = 200
	is := textinput.DefaultStyles(st.Dark)
	is.Focused.Prompt = st.Prompt
	is.Blurred.Prompt = st.Hint
	is.Focused.Text = st.Query
	is.Blurred.Text = st.Query
	is.Cursor.Blink = false
	ti.SetStyles(is)
	return ti
}

// fullQuery joins the search box text and the theme filters into one query of the store's
// language, so the list, the facets and `unvn list` all mean the same thing. The themes go in
// front: a half-typed phrase runs to the end and would swallow them.
func fullQuery(text string, themes []string) store.Query {
	q := strings.TrimSpace(text)
	if len(themes) > 0 {
		q = strings.TrimSpace("theme:" + strings.Join(themes, ",") + " " + q)
	}
	return store.ParseLenient(q)
}

// searchModel is the search box. While it is focused it gets every key (so typing q types a q);
// it tells the root queryChangedMsg as the text changes and searchDoneMsg when enter or esc
// closes it (esc also clears the query).
type searchModel struct {
	st    Styles
	keys  searchKeys
	input textinput.Model
	err   error // why enter could not keep the query; cleared by the next edit
}

func newSearch(st Styles) searchModel {
	return searchModel{st: st, keys: newSearchKeys(), input: newInput(st, "/ ", "search titles and text")}
}

// Value is the query text.
func (s searchModel) Value() string { return s.input.Value() }

// Err is what is wrong with the query enter tried to keep, or nil.
func (s searchModel) Err() error { return s.err }

// Focused says whether the box has the keyboard.
func (s searchModel) Focused() bool { return s.input.Focused() }

// SetValue replaces the text (the input cuts it to its limit). The text may come from the
// state file, so it is made one plain line first: no escape, control or bidi character.
func (s *searchModel) SetValue(v string) { s.input.SetValue(termsafe.Line(v)) }

// Focus gives the box the keyboard.
func (s *searchModel) Focus() tea.Cmd { return s.input.Focus() }

// SetWidth gives the box the room the filter bar leaves it; it pads itself to that.
func (s *searchModel) SetWidth(w int) { s.input.SetWidth(w) }

// PromptWidth is the width of the "/ " prompt.
func (s searchModel) PromptWidth() int { return lipgloss.Width(s.input.Prompt) }

// SetStyles restyles the box, keeping its text and focus.
func (s *searchModel) SetStyles(st Styles) {
	v, focused, w := s.input.Value(), s.input.Focused(), s.input.Width()
	s.st = st
	s.input = newInput(st, "/ ", "search titles and text")
	s.input.SetValue(v)
	s.input.SetWidth(w)
	if focused {
		s.input.Focus()
	}
}

func (s searchModel) ShortHelp() []key.Binding  { return []key.Binding{s.keys.Accept, s.keys.Cancel} }
func (s searchModel) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }

func (s searchModel) Update(msg tea.Msg) (searchModel, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, s.keys.Accept):
			// While typing, half-typed input is read leniently; the query kept must be right.
			if _, err := store.Parse(s.input.Value()); err != nil {
				s.err = err
				return s, nil
			}
			s.input.Blur()
			return s, intent(searchDoneMsg{})
		case key.Matches(k, s.keys.Cancel):
			s.err = nil
			s.input.Blur()
			cleared := s.input.Value() != ""
			s.input.SetValue("")
			return s, intent(searchDoneMsg{cleared: cleared})
		}
	}
	before := s.input.Value()
	var cmd tea.Cmd
	s.input, cmd = s.input.Update(msg)
	plainInput(&s.input)
	if s.input.Value() != before {
		s.err = nil
		return s, tea.Batch(cmd, intent(queryChangedMsg{}))
	}
	return s, cmd
}

// View is the box as the filter bar shows it: the focused input, the query, or a hint.
func (s searchModel) View() string {
	switch {
	case s.input.Focused():
		return s.input.View()
	case s.input.Value() != "":
		return s.st.Prompt.Render("/ ") + s.st.Query.Render(s.input.Value())
	}
	return s.st.Hint.Render("/ search · t themes")
}

// themeRow is one line of the theme picker.
type themeRow struct {
	id, name string
	count    int
	unread   int
	folded   string
}

// pickerModel is the theme picker: a filterable list of themes with counts. It opens with the
// active themes ticked; space ticks, enter applies exactly the ticked ones (the highlighted one
// when none is ticked), esc changes nothing. It tells the root pickerDoneMsg.
type pickerModel struct {
	st            Styles
	keys          pickerKeys
	input         textinput.Model
	rows          []themeRow
	visible       []int // indexes into rows that match the filter text
	cursor        int
	selected      map[string]bool
	unreadWidth   int // digits of the largest unread count; 0 hides the unread column
	width, height int
}

func newPicker(st Styles) pickerModel {
	return pickerModel{st: st, keys: newPickerKeys(), input: newInput(st, "Filter themes: ", "type to narrow")}
}

// SetStyles restyles the picker for another background.
func (p *pickerModel) SetStyles(st Styles) {
	p.st = st
	v, focused := p.input.Value(), p.input.Focused()
	p.input = newInput(st, "Filter themes: ", "type to narrow")
	p.input.SetValue(v)
	p.input.SetWidth(max(p.width-lipgloss.Width(p.input.Prompt)-1, 1))
	if focused {
		p.input.Focus()
	}
}

func (p pickerModel) ShortHelp() []key.Binding {
	return []key.Binding{p.keys.Down, p.keys.Toggle, p.keys.Apply, p.keys.Cancel}
}

func (p pickerModel) FullHelp() [][]key.Binding {
	return [][]key.Binding{{p.keys.Up, p.keys.Down}, {p.keys.Toggle, p.keys.Apply, p.keys.Cancel}}
}

// Open resets the picker with counts per theme id, unread counts (nil when nobody keeps
// track), and the themes active now.
func (p *pickerModel) Open(counts, unread map[string]int, active []string) tea.Cmd {
	p.rows = p.rows[:0]
	p.unreadWidth = 0
	for _, t := range data.Themes {
		p.rows = append(p.rows, themeRow{id: t.ID, name: t.Name, count: counts[t.ID], unread: unread[t.ID],
			folded: data.Fold(t.ID + " " + t.Name)})
		if n := unread[t.ID]; n > 0 {
			p.unreadWidth = max(p.unreadWidth, len(fmt.Sprint(n)))
		}
	}
	p.selected = map[string]bool{}
	for _, id := range active {
		p.selected[id] = true
	}
	p.input.Reset()
	p.cursor = 0
	p.refilter()
	return p.input.Focus()
}

func (p *pickerModel) SetSize(w, h int) {
	p.width, p.height = max(w, 1), max(h, 1)
	p.input.SetWidth(max(p.width-lipgloss.Width(p.input.Prompt)-1, 1))
}

func (p *pickerModel) refilter() {
	p.visible = p.visible[:0]
	words := strings.Fields(data.Fold(p.input.Value()))
	for i, r := range p.rows {
		ok := true
		for _, w := range words {
			if !strings.Contains(r.folded, w) {
				ok = false
				break
			}
		}
		if ok {
			p.visible = append(p.visible, i)
		}
	}
	p.cursor = max(0, min(p.cursor, len(p.visible)-1))
}

// highlighted is the theme id under the cursor, or "".
func (p pickerModel) highlighted() string {
	if p.cursor < 0 || p.cursor >= len(p.visible) {
		return ""
	}
	return p.rows[p.visible[p.cursor]].id
}

// Result is the themes to apply when the user presses enter: exactly the ticked ones, or the
// highlighted one when none is ticked, in taxonomy order.
func (p pickerModel) Result() []string {
	sel := map[string]bool{}
	for id, on := range p.selected {
		sel[id] = on
	}
	if len(p.ticked()) == 0 {
		if h := p.highlighted(); h != "" {
			sel[h] = true
		}
	}
	var ids []string
	for _, t := range data.Themes {
		if sel[t.ID] {
			ids = append(ids, t.ID)
		}
	}
	return ids
}

// ticked is the ticked theme ids.
func (p pickerModel) ticked() []string {
	var ids []string
	for _, t := range data.Themes {
		if p.selected[t.ID] {
			ids = append(ids, t.ID)
		}
	}
	return ids
}

// Update handles moving, ticking, applying and cancelling; every other key edits the filter
// text.
func (p pickerModel) Update(msg tea.Msg) (pickerModel, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, p.keys.Apply):
			p.input.Blur()
			return p, intent(pickerDoneMsg{themes: p.Result(), apply: true})
		case key.Matches(k, p.keys.Cancel):
			p.input.Blur()
			return p, intent(pickerDoneMsg{})
		case key.Matches(k, p.keys.Up):
			p.cursor = max(p.cursor-1, 0)
			return p, nil
		case key.Matches(k, p.keys.Down):
			p.cursor = min(p.cursor+1, len(p.visible)-1)
			p.cursor = max(p.cursor, 0)
			return p, nil
		case key.Matches(k, p.keys.Toggle):
			if h := p.highlighted(); h != "" {
				p.selected[h] = !p.selected[h]
			}
			return p, nil
		}
	}
	if w, ok := msg.(tea.MouseWheelMsg); ok {
		if w.Button == tea.MouseWheelUp {
			p.cursor = max(p.cursor-1, 0)
		} else if w.Button == tea.MouseWheelDown {
			p.cursor = max(min(p.cursor+1, len(p.visible)-1), 0)
		}
		return p, nil
	}
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	plainInput(&p.input)
	p.refilter()
	return p, cmd
}

func (p pickerModel) View() string {
	n := len(p.ticked())
	title := p.st.PickerTitle.Render("Themes")
	if n > 0 {
		title += p.st.Hint.Render(fmt.Sprintf("  %d selected", n))
	}
	out := []string{title}
	out = append(out, p.input.View())
	rowsAvail := p.height - len(out)
	if len(p.visible) == 0 {
		out = append(out, p.st.Empty.Render("No theme matches."))
	}
	// Keep the cursor in view.
	start := 0
	if rowsAvail > 0 && p.cursor >= rowsAvail {
		start = p.cursor - rowsAvail + 1
	}
	for vi := start; vi < len(p.visible) && len(out) < p.height; vi++ {
		r := p.rows[p.visible[vi]]
		check := "[ ] "
		if p.selected[r.id] {
			check = p.st.PickerCheck.Render("[x] ")
		}
		bar, style := "  ", p.st.PickerItem
		if vi == p.cursor {
			bar, style = p.st.SelectedBar.Render("▌ "), p.st.PickerSelected
		}
		count := p.st.PickerCount.Render(fmt.Sprintf("%4d", r.count))
		if p.unreadWidth > 0 {
			// A column of its own, blank where everything is read, so the totals stay aligned.
			unread := fmt.Sprintf(" · %*d unread", p.unreadWidth, r.unread)
			if r.unread == 0 {
				unread = strings.Repeat(" ", lipgloss.Width(unread))
			}
			count += p.st.PickerUnread.Render(unread)
		}
		name := style.Render(r.name)
		if data.Fold(r.name) != r.id { // "Health" needs no "health" beside it
			name += p.st.Hint.Render(" " + r.id)
		}
		avail := p.width - lipgloss.Width(bar) - lipgloss.Width(check) - lipgloss.Width(count) - 1
		name = ansi.Truncate(name, max(avail, 0), "…")
		pad := max(avail-lipgloss.Width(name), 0)
		out = append(out, bar+check+name+strings.Repeat(" ", pad)+" "+count)
	}
	for i, l := range out {
		out[i] = ansi.Truncate(l, p.width, "")
	}
	if len(out) > p.height {
		out = out[:p.height]
	}
	return strings.Join(out, "\n")
}

// themeCounts turns facet counts into a map by theme id.
func themeCounts(f store.Facets) map[string]int {
	m := map[string]int{}
	for _, c := range f.Themes {
		m[c.Value] = c.N
	}
	return m
}

// chips draws the active themes with their live counts.
func chips(st Styles, themes []string, counts map[string]int) string {
	var parts []string
	for _, id := range slices.Clone(themes) {
		parts = append(parts, st.Chip.Render(" "+id)+st.ChipCount.Render(fmt.Sprintf(" %d ", counts[id])))
	}
	return strings.Join(parts, " ")
}
