package ui

import (
	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"
)

// Styles is every style the reader draws with, built for a dark or a light background. Anything
// that must stay visible without colour (NO_COLOR) — the selection, the active footnote marker,
// the focused pane — also carries a glyph or a text attribute, not only a colour.
type Styles struct {
	Dark bool

	App        lipgloss.Style
	Logo       lipgloss.Style
	Prompt     lipgloss.Style
	Query      lipgloss.Style
	Hint       lipgloss.Style
	Chip       lipgloss.Style
	ChipCount  lipgloss.Style
	Status     lipgloss.Style
	StatusWarn lipgloss.Style
	Percent    lipgloss.Style

	Title         lipgloss.Style
	SelectedTitle lipgloss.Style
	SelectedBar   lipgloss.Style
	Meta          lipgloss.Style
	Tag           lipgloss.Style
	Teaser        lipgloss.Style
	Match         lipgloss.Style
	Unread        lipgloss.Style // the • before an unread title
	UnreadTitle   lipgloss.Style
	Star          lipgloss.Style
	Empty         lipgloss.Style

	Divider        lipgloss.Style
	DividerFocused lipgloss.Style

	DocTitle     lipgloss.Style
	DocMeta      lipgloss.Style
	DocNotice    lipgloss.Style
	Section      lipgloss.Style
	NoteNumber   lipgloss.Style
	NoteText     lipgloss.Style
	Marker       lipgloss.Style
	ActiveMarker lipgloss.Style
	Related      lipgloss.Style
	RelatedKey   lipgloss.Style
	Box          lipgloss.Style
	BoxTitle     lipgloss.Style

	PickerTitle    lipgloss.Style
	PickerItem     lipgloss.Style
	PickerSelected lipgloss.Style
	PickerCount    lipgloss.Style
	PickerUnread   lipgloss.Style
	PickerCheck    lipgloss.Style

	Help help.Styles
}

// NewStyles builds the styles for a dark or a light terminal background.
func NewStyles(isDark bool) Styles {
	ld := lipgloss.LightDark(isDark)
	var (
		accent  = ld(lipgloss.Color("#2B6CB0"), lipgloss.Color("#63B3ED")) // UN blue
		strong  = ld(lipgloss.Color("#1A202C"), lipgloss.Color("#F7FAFC"))
		normal  = ld(lipgloss.Color("#2D3748"), lipgloss.Color("#E2E8F0"))
		subtle  = ld(lipgloss.Color("#718096"), lipgloss.Color("#A0AEC0"))
		faint   = ld(lipgloss.Color("#CBD5E0"), lipgloss.Color("#4A5568"))
		warn    = ld(lipgloss.Color("#C05621"), lipgloss.Color("#F6AD55"))
		mark    = ld(lipgloss.Color("#B7791F"), lipgloss.Color("#F6E05E"))
		chipBg  = ld(lipgloss.Color("#E2E8F0"), lipgloss.Color("#2D3748"))
		matchBg = ld(lipgloss.Color("#FEFCBF"), lipgloss.Color("#744210"))
	)
	s := Styles{Dark: isDark}
	s.App = lipgloss.NewStyle()
	s.Logo = lipgloss.NewStyle().Bold(true).Foreground(accent)
	s.Prompt = lipgloss.NewStyle().Foreground(accent)
	s.Query = lipgloss.NewStyle().Foreground(strong)
	s.Hint = lipgloss.NewStyle().Foreground(subtle)
	s.Chip = lipgloss.NewStyle().Foreground(strong).Background(chipBg)
	s.ChipCount = lipgloss.NewStyle().Foreground(subtle).Background(chipBg)
	s.Status = lipgloss.NewStyle().Foreground(subtle)
	s.StatusWarn = lipgloss.NewStyle().Foreground(warn)
	s.Percent = lipgloss.NewStyle().Foreground(subtle)

	s.Title = lipgloss.NewStyle().Foreground(normal)
	s.SelectedTitle = lipgloss.NewStyle().Bold(true).Foreground(accent)
	s.SelectedBar = lipgloss.NewStyle().Foreground(accent)
	s.Meta = lipgloss.NewStyle().Foreground(subtle)
	s.Tag = lipgloss.NewStyle().Foreground(accent)
	s.Teaser = lipgloss.NewStyle().Italic(true).Foreground(warn)
	s.Match = lipgloss.NewStyle().Underline(true).Background(matchBg)
	s.Unread = lipgloss.NewStyle().Foreground(accent)
	s.UnreadTitle = lipgloss.NewStyle().Bold(true).Foreground(strong) // bold, so it shows without colour
	s.Star = lipgloss.NewStyle().Foreground(mark)
	s.Empty = lipgloss.NewStyle().Foreground(subtle).Italic(true)

	s.Divider = lipgloss.NewStyle().Foreground(faint)
	s.DividerFocused = lipgloss.NewStyle().Foreground(accent)

	s.DocTitle = lipgloss.NewStyle().Bold(true).Foreground(strong)
	s.DocMeta = lipgloss.NewStyle().Foreground(subtle)
	s.DocNotice = lipgloss.NewStyle().Italic(true).Foreground(warn)
	s.Section = lipgloss.NewStyle().Bold(true).Foreground(accent)
	s.NoteNumber = lipgloss.NewStyle().Foreground(accent)
	s.NoteText = lipgloss.NewStyle().Foreground(normal)
	s.Marker = lipgloss.NewStyle().Bold(true).Foreground(mark)
	s.ActiveMarker = lipgloss.NewStyle().Bold(true).Reverse(true)
	s.Related = lipgloss.NewStyle().Foreground(normal)
	s.RelatedKey = lipgloss.NewStyle().Foreground(accent)
	s.Box = lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(accent).Padding(0, 1)
	s.BoxTitle = lipgloss.NewStyle().Bold(true).Foreground(mark)

	s.PickerTitle = lipgloss.NewStyle().Bold(true).Foreground(accent)
	s.PickerItem = lipgloss.NewStyle().Foreground(normal)
	s.PickerSelected = lipgloss.NewStyle().Bold(true).Foreground(accent)
	s.PickerCount = lipgloss.NewStyle().Foreground(subtle)
	s.PickerUnread = lipgloss.NewStyle().Foreground(accent)
	s.PickerCheck = lipgloss.NewStyle().Foreground(mark)

	s.Help = help.DefaultStyles(isDark)
	return s
}
