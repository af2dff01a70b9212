package ui

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"unvn/data"
)

func TestKeys(t *testing.T) {
	type check func(t *testing.T, h *harness)
	sel := func(id string) check {
		return func(t *testing.T, h *harness) {
			t.Helper()
			if got := h.selectedID(); got != id {
				t.Errorf("selected %q, want %q", got, id)
			}
		}
	}
	focus := func(md mode) check {
		return func(t *testing.T, h *harness) {
			t.Helper()
			if h.m.mode != md {
				t.Errorf("mode %v, want %v", h.m.mode, md)
			}
		}
	}
	reading := func(id string) check {
		return func(t *testing.T, h *harness) {
			t.Helper()
			if got := h.readerID(); got != id {
				t.Errorf("reading %q, want %q", got, id)
			}
		}
	}
	offset := func(cmp func(int) bool, what string) check {
		return func(t *testing.T, h *harness) {
			t.Helper()
			if !cmp(h.m.reader.Offset()) {
				t.Errorf("offset %d, want %s", h.m.reader.Offset(), what)
			}
		}
	}
	activeNote := func(n int) check {
		return func(t *testing.T, h *harness) {
			t.Helper()
			if got := h.m.reader.ActiveNote(); got != n {
				t.Errorf("active footnote %d, want %d", got, n)
			}
		}
	}
	shows := func(s string) check {
		return func(t *testing.T, h *harness) {
			t.Helper()
			if v := h.view(); !strings.Contains(v, s) {
				t.Errorf("view lacks %q:\n%s", s, v)
			}
		}
	}
	lacks := func(s string) check {
		return func(t *testing.T, h *harness) {
			t.Helper()
			if v := h.view(); strings.Contains(v, s) {
				t.Errorf("view has %q:\n%s", s, v)
			}
		}
	}
	query := func(q string, themes ...string) check {
		return func(t *testing.T, h *harness) {
			t.Helper()
			if got := h.m.search.Value(); got != q {
				t.Errorf("query %q, want %q", got, q)
			}
			if strings.Join(h.m.themes, ",") != strings.Join(themes, ",") {
				t.Errorf("themes %v, want %v", h.m.themes, themes)
			}
		}
	}
	total := func(n int) check {
		return func(t *testing.T, h *harness) {
			t.Helper()
			if h.m.result.Total != n {
				t.Errorf("%d results, want %d", h.m.result.Total, n)
			}
		}
	}
	quits := func(t *testing.T, h *harness) {}

	// Narrow (80 columns) unless a case says wide.
	tests := []struct {
		name  string
		wide  bool
		setup []string
		key   string
		quit  bool
		check []check
	}{
		// list
		{name: "j moves down", key: "j", check: []check{sel(idStory)}},
		{name: "down moves down", key: "down", check: []check{sel(idStory)}},
		{name: "k moves up", setup: []string{"j", "j"}, key: "k", check: []check{sel(idStory)}},
		{name: "up moves up", setup: []string{"j"}, key: "up", check: []check{sel(idTeaser)}},
		{name: "k stops at the top", key: "k", check: []check{sel(idTeaser)}},
		{name: "G goes to the last", key: "G", check: []check{sel("2023-03-launch-of-the-national-action-month")}},
		{name: "end goes to the last", key: "end", check: []check{sel("2023-03-launch-of-the-national-action-month")}},
		{name: "g goes to the first", setup: []string{"G"}, key: "g", check: []check{sel(idTeaser)}},
		{name: "home goes to the first", setup: []string{"G"}, key: "home", check: []check{sel(idTeaser)}},
		{name: "pgdown pages", key: "pgdown", check: []check{sel("2023-03-launch-of-the-national-action-month")}},
		{name: "pgup pages", setup: []string{"G"}, key: "pgup", check: []check{sel(idTeaser)}},
		{name: "enter reads", setup: []string{"j"}, key: "enter",
			check: []check{reading(idStory), focus(modeReader), shows("A Turning Point")}},
		{name: "/ opens search", key: "/", check: []check{focus(modeSearch), shows("enter keep query")}},
		{name: "typing q in search types a q", setup: []string{"/"}, key: "q",
			check: []check{query("q")}},
		{name: "search filters as you type", setup: []string{"/", "c", "l", "i", "m"}, key: "a",
			check: []check{query("clima"), total(1), sel(idClimate)}},
		{name: "search is accent-insensitive", setup: []string{"/", "d", "a", "n"}, key: "g",
			check: []check{sel(idVietnam)}},
		{name: "enter keeps the query", setup: []string{"/", "c", "l", "i", "m", "a"}, key: "enter",
			check: []check{query("clima"), total(1), focus(modeList)}},
		{name: "enter with a bad query says so and keeps the box open", setup: []string{"/", "k", "i", "n", "d", ":", "f", "o", "o"}, key: "enter",
			check: []check{focus(modeSearch), shows(`bad query: kind:foo: unknown kind "foo"; valid: story`), shows("5 of 5 articles")}},
		{name: "fixing the bad query clears the error", setup: []string{"/", "k", "i", "n", "d", ":", "f", "o", "o", "enter", "backspace", "backspace", "backspace"},
			key: "s", check: []check{lacks("bad query"), func(t *testing.T, h *harness) { h.typ("peech").keys("enter"); focus(modeList)(t, h); total(1)(t, h) }}},
		{name: "esc in search clears it", setup: []string{"/", "x", "y"}, key: "esc",
			check: []check{query(""), total(5)}},
		{name: "t opens the theme picker", key: "t", check: []check{shows("Filter themes"), shows("HIV and AIDS")}},
		{name: "typing narrows the picker", setup: []string{"t", "c", "l", "i"}, key: "m",
			check: []check{shows("Climate, disasters"), lacks("HIV and AIDS")}},
		{name: "enter applies the highlighted theme", setup: []string{"t", "c", "l", "i", "m"}, key: "enter",
			check: []check{query("", "climate"), total(1), lacks("Filter themes")}},
		{name: "space toggles several themes", setup: []string{"t", "space", "down", "space"}, key: "enter",
			check: []check{query("", "hiv", "gbv"), total(4)}},
		{name: "enter applies exactly the ticked themes", setup: []string{"t", "space", "down", "down"}, key: "enter",
			check: []check{query("", "hiv")}},
		{name: "the picker opens with the active themes ticked", setup: []string{"t", "down", "enter", "t"}, key: "enter",
			check: []check{query("", "gbv")}},
		{name: "unticking a theme removes it", setup: []string{"t", "space", "down", "space", "enter", "t"}, key: "space",
			check: []check{shows("1 selected"), func(t *testing.T, h *harness) { h.keys("enter"); query("", "gbv")(t, h) }}},
		{name: "esc in the picker changes nothing", setup: []string{"t", "down", "enter", "t", "space", "down", "space"}, key: "esc",
			check: []check{query("", "gbv")}},
		{name: "esc cancels the picker", setup: []string{"t", "space"}, key: "esc",
			check: []check{query(""), total(5), lacks("Filter themes")}},
		{name: "q in the picker filter types", setup: []string{"t"}, key: "q",
			check: []check{shows("Filter themes: q"), focus(modePicker)}},
		{name: "esc in the list clears all filters", setup: []string{"/", "h", "i", "v", "enter", "t", "c", "l", "i", "m", "enter"},
			key: "esc", check: []check{query(""), total(5)}},
		{name: "q quits", key: "q", quit: true, check: []check{quits}},
		{name: "ctrl+c quits", key: "ctrl+c", quit: true},
		{name: "ctrl+c quits while searching", setup: []string{"/"}, key: "ctrl+c", quit: true},
		{name: "? toggles full help", key: "?", check: []check{shows("page down"), shows("themes")}},
		{name: "? twice hides full help", setup: []string{"?"}, key: "?", check: []check{lacks("page down")}},

		// split view
		{name: "wide: nothing matching shows nothing to read", wide: true, setup: []string{"/", "z", "z", "z"}, key: "enter",
			check: []check{shows("Nothing to read."), lacks("tab switch"), lacks("100%"), lacks("UN Secretary")}},
		{name: "wide: the reader follows the selection", wide: true, key: "j",
			check: []check{reading(idStory), shows("A Turning Point"), focus(modeList)}},
		{name: "wide: tab focuses the reader", wide: true, key: "tab", check: []check{focus(modeReader)}},
		{name: "wide: tab twice focuses the list", wide: true, setup: []string{"tab"}, key: "tab", check: []check{focus(modeList)}},
		{name: "wide: esc in the reader focuses the list", wide: true, setup: []string{"tab"}, key: "esc", check: []check{focus(modeList)}},

		// reader
		{name: "reader j scrolls", setup: []string{"j", "enter"}, key: "j", check: []check{offset(func(o int) bool { return o == 1 }, "1")}},
		{name: "reader down scrolls", setup: []string{"j", "enter"}, key: "down", check: []check{offset(func(o int) bool { return o == 1 }, "1")}},
		{name: "reader k scrolls back", setup: []string{"j", "enter", "j", "j"}, key: "k", check: []check{offset(func(o int) bool { return o == 1 }, "1")}},
		{name: "reader space pages", setup: []string{"j", "enter"}, key: "space", check: []check{offset(func(o int) bool { return o > 5 }, "> 5")}},
		{name: "reader b pages back", setup: []string{"j", "enter", "space", "space"}, key: "b", check: []check{offset(func(o int) bool { return o > 5 }, "> 5")}},
		{name: "reader d scrolls half a page", setup: []string{"j", "enter"}, key: "d", check: []check{offset(func(o int) bool { return o == 10 }, "10")}},
		{name: "reader ctrl+d scrolls half a page", setup: []string{"j", "enter"}, key: "ctrl+d", check: []check{offset(func(o int) bool { return o == 10 }, "10")}},
		{name: "reader u scrolls half a page back", setup: []string{"j", "enter", "space", "space"}, key: "u", check: []check{offset(func(o int) bool { return o == 28 }, "28")}},
		{name: "reader ctrl+u scrolls half a page back", setup: []string{"j", "enter", "space", "space"}, key: "ctrl+u", check: []check{offset(func(o int) bool { return o == 28 }, "28")}},
		{name: "reader ctrl+f pages", setup: []string{"j", "enter"}, key: "ctrl+f", check: []check{offset(func(o int) bool { return o == 19 }, "19")}},
		{name: "reader ctrl+b pages back", setup: []string{"j", "enter", "space", "space"}, key: "ctrl+b", check: []check{offset(func(o int) bool { return o == 19 }, "19")}},
		{name: "reader h goes back to the list", setup: []string{"j", "enter"}, key: "h", check: []check{focus(modeList), shows("Viet Nam: Charting")}},
		{name: "reader left goes back to the list", setup: []string{"j", "enter"}, key: "left", check: []check{focus(modeList)}},
		{name: "reader G goes to the end", setup: []string{"j", "enter"}, key: "G", check: []check{shows("A reference the text never cites"), shows("100%")}},
		{name: "reader g goes to the top", setup: []string{"j", "enter", "G"}, key: "g", check: []check{offset(func(o int) bool { return o == 0 }, "0")}},
		{name: "] shows the first footnote", setup: []string{"j", "enter"}, key: "]",
			check: []check{activeNote(1), shows("╭"), shows("Global AIDS Update 2024")}},
		{name: "] says where it is among the notes", setup: []string{"j", "enter", "]"}, key: "]",
			check: []check{shows("note 2/5 ·")}},
		{name: "] reaches a reference the text never cites", setup: []string{"j", "enter", "]", "]", "]", "]"}, key: "]",
			check: []check{activeNote(4), shows("note 5/5 ·"), shows("│ [4] A reference the text never cites.")}},
		{name: "] in an article without notes says so", setup: []string{"enter"}, key: "]",
			check: []check{shows("this article has no notes"), lacks("next note")}},
		{name: "the box never hides the last lines", setup: []string{"j", "enter", "G"}, key: "[",
			check: []check{shows("╭"), shows("[4] A reference the text never cites."), func(t *testing.T, h *harness) {
				if !h.m.reader.AtEnd() {
					t.Error("the end of the article went behind the box")
				}
			}}},
		{name: "] twice shows the second", setup: []string{"j", "enter", "]"}, key: "]",
			check: []check{activeNote(2), shows("World Bank, Viet Nam overview")}},
		{name: "[ goes back a footnote", setup: []string{"j", "enter", "]", "]"}, key: "[", check: []check{activeNote(1)}},
		{name: "] scrolls the marker into view", setup: []string{"j", "enter", "]", "]", "]"}, key: "]",
			check: []check{activeNote(3), offset(func(o int) bool { return o > 0 }, "> 0")}},
		{name: "enter jumps to the note", setup: []string{"j", "enter", "]", "]"}, key: "enter",
			check: []check{shows("Notes"), shows("[2] World Bank"), func(t *testing.T, h *harness) {
				if h.m.reader.Jumps() != 1 {
					t.Errorf("jump stack %d, want 1", h.m.reader.Jumps())
				}
			}}},
		{name: "enter again at the note stacks no second jump", setup: []string{"j", "enter", "]", "]", "enter"}, key: "enter",
			check: []check{shows("[2] World Bank"), lacks("go to note"), func(t *testing.T, h *harness) {
				if h.m.reader.Jumps() != 1 {
					t.Errorf("jump stack %d, want 1", h.m.reader.Jumps())
				}
			}}},
		{name: "backspace returns from the note", setup: []string{"j", "enter", "]", "enter"}, key: "backspace",
			check: []check{offset(func(o int) bool { return o == 0 }, "0"), activeNote(1)}},
		{name: "esc closes the footnote box", setup: []string{"j", "enter", "]"}, key: "esc",
			check: []check{activeNote(0), lacks("╭"), focus(modeReader)}},
		{name: "esc then esc goes back to the list", setup: []string{"j", "enter", "]", "esc"}, key: "esc",
			check: []check{focus(modeList), shows("Viet Nam: Charting")}},
		{name: "n reads the next article", setup: []string{"j", "enter"}, key: "n", check: []check{reading(idVietnam), sel(idVietnam)}},
		{name: "p reads the previous article", setup: []string{"j", "enter"}, key: "p", check: []check{reading(idTeaser), shows("Only the headline")}},
		{name: "q quits from the reader", setup: []string{"j", "enter"}, key: "q", quit: true},
		{name: "1 opens a related article", setup: []string{"j", "enter"}, key: "1",
			check: []check{func(t *testing.T, h *harness) {
				if h.readerID() == idStory || h.readerID() == "" {
					t.Errorf("reading %q", h.readerID())
				}
			}}},
		{name: "backspace returns from a related article", setup: []string{"j", "enter", "space", "1"}, key: "backspace",
			check: []check{reading(idStory), offset(func(o int) bool { return o > 5 }, "> 5")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := 80
			if tt.wide {
				w = 120
			}
			h := newHarness(t, w, 24)
			h.keys(tt.setup...)
			h.keys(tt.key)
			gotQuit := h.quit
			if gotQuit != tt.quit {
				t.Fatalf("quit = %v, want %v", gotQuit, tt.quit)
			}
			for _, c := range tt.check {
				c(t, h)
			}
			checkFrame(t, h, w, 24)
		})
	}
}

func TestOpenLinksOnlyOnRequest(t *testing.T) {
	var opened []string
	h := newHarness(t, 80, 24, func(o *Options) {
		o.OpenURL = func(u string) error { opened = append(opened, u); return nil }
	})
	h.keys("j", "enter", "o")
	if len(opened) != 0 {
		t.Fatalf("o without a footnote opened %v", opened)
	}
	h.keys("]", "o")
	want := "https://www.unaids.org/en/resources/documents/2024/global-aids-update-2024"
	if len(opened) != 1 || opened[0] != want {
		t.Fatalf("opened %v, want [%s]", opened, want)
	}
	if !strings.Contains(h.view(), "opened 1 link") {
		t.Errorf("no notice:\n%s", h.view())
	}
}

func TestMouse(t *testing.T) {
	h := newHarness(t, 120, 40)
	// Items are three rows tall under a one-row header: row 4 is the second item's title.
	h.send(tea.MouseClickMsg{X: 5, Y: 4, Button: tea.MouseLeft})
	if h.selectedID() != idStory || h.readerID() != idStory {
		t.Fatalf("click selected %q, reading %q", h.selectedID(), h.readerID())
	}
	h.send(tea.MouseWheelMsg{X: 80, Y: 10, Button: tea.MouseWheelDown})
	if h.m.reader.Offset() != 3 {
		t.Errorf("wheel over the reader: offset %d, want 3", h.m.reader.Offset())
	}
	if h.selectedID() != idStory {
		t.Errorf("wheel over the reader moved the list to %q", h.selectedID())
	}
	h.send(tea.MouseWheelMsg{X: 5, Y: 10, Button: tea.MouseWheelDown})
	if h.selectedID() != idVietnam {
		t.Errorf("wheel over the list selected %q", h.selectedID())
	}
}

func TestResizeKeepsReadingPosition(t *testing.T) {
	h := newHarness(t, 120, 40)
	h.keys("j", "tab")
	h.m.reader.SetPosition(5)
	before := h.m.reader.Position()
	if before != 5 {
		t.Fatalf("position %d, want 5", before)
	}
	for _, w := range []int{80, 40, 150, 120} {
		h.send(tea.WindowSizeMsg{Width: w, Height: 30})
		if got := h.m.reader.Position(); got != before {
			t.Errorf("after resize to %d: position %d, want %d", w, got, before)
		}
	}
}

func TestStaleRenderDropped(t *testing.T) {
	h := newHarness(t, 120, 40)
	h.keys("j")
	before := h.view()
	width := WrapWidth(120 - 120*40/100 - dividerWidth)
	for _, key := range []docKey{{idClimate, width, true}, {idStory, 33, true}, {idStory, width, false}} {
		stale := &renderedDoc{key: key, lines: []string{"STALE"}}
		h.send(renderedMsg{job: &renderJob{key: stale.key}, doc: stale})
		if v := h.view(); v != before || strings.Contains(v, "STALE") {
			t.Fatalf("a doc made for %+v replaced the one on screen:\n%s", key, v)
		}
	}
}

func TestBackgroundColorSwitchesStyles(t *testing.T) {
	h := newHarness(t, 120, 40)
	h.keys("j")
	h.send(tea.BackgroundColorMsg{Color: lightBg{}})
	if h.m.styles.Dark {
		t.Fatal("still dark on a white background")
	}
	if !h.m.reader.Rendered() || h.m.reader.doc.key.dark {
		t.Fatal("the reader was not re-rendered in the light style")
	}
}

type lightBg struct{}

func (lightBg) RGBA() (r, g, b, a uint32) { return 0xffff, 0xffff, 0xffff, 0xffff }

func TestKeysDisabledWhenUseless(t *testing.T) {
	h := newHarness(t, 80, 24)
	if strings.Contains(h.view(), "clear filters") {
		t.Error("esc clear filters offered with no filters")
	}
	if strings.Contains(h.view(), "tab switch pane") {
		t.Error("tab offered in the narrow layout")
	}
	h.keys("enter") // the headline-only speech: no footnotes
	if k := h.m.reader.keys; k.NextNote.Enabled() || k.GoToNote.Enabled() || k.JumpBack.Enabled() || k.OpenLinks.Enabled() {
		t.Error("footnote keys enabled in an article without footnotes")
	}
	if !strings.Contains(h.view(), "esc/h back") {
		t.Errorf("help bar:\n%s", h.view())
	}
}

func TestJumpStackUnwinds(t *testing.T) {
	h := newHarness(t, 80, 24)
	h.keys("j", "enter", "]", "]")
	first := h.m.reader.Offset()
	h.keys("enter")
	notes := h.m.reader.Offset()
	h.keys("esc", "g", "]", "enter")
	if h.m.reader.Jumps() != 2 {
		t.Fatalf("jump stack %d, want 2", h.m.reader.Jumps())
	}
	h.keys("backspace")
	if h.m.reader.Offset() != 0 || h.m.reader.ActiveNote() != 1 {
		t.Errorf("first backspace: offset %d note %d, want 0 and 1", h.m.reader.Offset(), h.m.reader.ActiveNote())
	}
	h.keys("backspace")
	if h.m.reader.Offset() != first || h.m.reader.ActiveNote() != 2 {
		t.Errorf("second backspace: offset %d note %d, want %d and 2 (notes at %d)",
			h.m.reader.Offset(), h.m.reader.ActiveNote(), first, notes)
	}
	if strings.Contains(h.view(), "jump back") {
		t.Error("backspace still offered with an empty stack")
	}
}

func TestFilterBarShowsQueryAndThemeChips(t *testing.T) {
	h := newHarness(t, 120, 40)
	h.keys("/").typ("community").keys("enter")
	h.keys("t").typ("hiv").keys("enter")
	header := strings.SplitN(h.view(), "\n", 2)[0]
	if !strings.Contains(header, "/ community") {
		t.Errorf("filter bar lacks the query: %q", header)
	}
	if !strings.Contains(header, "hiv 1") {
		t.Errorf("filter bar lacks the hiv chip with its live count: %q", header)
	}
	if !strings.Contains(h.view(), "1 of 5 articles · themes: hiv") {
		t.Errorf("status:\n%s", h.view())
	}
}

// A half-typed phrase runs to the end of the search text; it must not swallow the themes
// picked beside it.
func TestUnclosedQuoteKeepsThemeFilter(t *testing.T) {
	h := newHarness(t, 120, 40)
	h.keys("t").typ("hiv").keys("enter")
	h.keys("/").typ(`"sustainable hiv`)
	if !strings.Contains(h.view(), "1 of 5 articles · themes: hiv") {
		t.Errorf("an unclosed quote with a theme picked:\n%s", h.view())
	}
}

// With nothing loaded there is no filter to clear: the list must not tell the user to press a
// key that does nothing.
func TestEmptyLibraryDoesNotOfferToClearFilters(t *testing.T) {
	h := newHarness(t, 80, 24, func(o *Options) {
		o.Corpus = data.Corpus{Warnings: []data.Warning{{Snapshot: "empty.txt", Message: "empty file"}}}
	})
	if v := h.view(); strings.Contains(v, "esc") || !strings.Contains(v, "No articles in the library. Add captures with: unvn add") {
		t.Errorf("empty library:\n%s", v)
	}
}

func TestMonochromeStaysUsable(t *testing.T) {
	for _, dark := range []bool{true, false} {
		st := NewStyles(dark)
		if !st.ActiveMarker.GetReverse() {
			t.Error("the active footnote marker is not in reverse video")
		}
		if !st.SelectedTitle.GetBold() {
			t.Error("the selected title is not bold")
		}
	}
	h := newHarness(t, 80, 24)
	h.keys("j")
	if l := titleLine(t, h.view(), "Building"); !strings.HasPrefix(l, "▌ Building") {
		t.Errorf("the selection has no bar without colour: %q", l)
	}
}

// An article with an address shows it under the meta line as an OSC 8 link, and O opens it in
// the browser, only on request.
func TestOpenPageOnlyOnRequest(t *testing.T) {
	const addr = "https://vietnam.un.org/en/285581-building-sustainable-hiv-response-community"
	var opened []string
	h := newHarness(t, 100, 30, func(o *Options) {
		o.Corpus.Articles[1].URL = addr
		o.OpenURL = func(u string) error { opened = append(opened, u); return nil }
	})
	h.keys("O")
	if len(opened) != 0 {
		t.Fatalf("O in the list opened %v", opened)
	}
	h.keys("j", "enter")
	if h.readerID() != h.m.list.Selected().ID || h.m.reader.Article().URL != addr {
		t.Fatalf("reading %q", h.readerID())
	}
	if !strings.Contains(h.view(), "https://vietnam.un.org/en/285581-building-sustaina…") {
		t.Errorf("no address in the reader:\n%s", h.view())
	}
	if raw := h.m.render(); !strings.Contains(raw, "\x1b]8;;"+addr) {
		t.Errorf("the address is not a terminal link")
	}
	if len(opened) != 0 {
		t.Fatalf("reading opened %v", opened)
	}
	h.keys("O")
	if len(opened) != 1 || opened[0] != addr || !strings.Contains(h.view(), "opened 1 link") {
		t.Fatalf("opened %v:\n%s", opened, h.view())
	}
	// Without an address, O does nothing and is not offered.
	h.keys("esc", "k", "enter", "O")
	if len(opened) != 1 || h.m.reader.keys.OpenPage.Enabled() {
		t.Errorf("O on an article without an address: opened %v", opened)
	}
}

// An address is shown only when it is a plain http(s) one: a hostile one never reaches the
// terminal.
func TestHostileAddressIsNotShown(t *testing.T) {
	a := testArticles()[1]
	for _, bad := range []string{"javascript:alert(1)", "https://x.example/\x1b]8;;evil\x07", "https://x.example/\u009b2J"} {
		a.URL = bad
		d, err := renderArticle(&a, nil, 80, NewStyles(true))
		if err != nil {
			t.Fatal(err)
		}
		joined := strings.Join(d.lines, "\n")
		if strings.Contains(joined, "javascript") || strings.Contains(joined, "evil\x07") || strings.Contains(joined, "\u009b") {
			t.Errorf("%q reached the terminal: %q", bad, joined[:min(len(joined), 400)])
		}
	}
}

// Holding j in the split view: while the next article waits for the selection to settle, the
// reading pane keeps the last frame instead of flashing "Rendering…".
func TestHoldingJKeepsTheLastFrame(t *testing.T) {
	h := newHarness(t, 120, 40, func(o *Options) { o.FollowDelay = time.Hour })
	if !strings.Contains(h.view(), "Only the headline") {
		t.Fatalf("the first article is not shown:\n%s", h.view())
	}
	h.m.Update(press("j")) // its debounced render is never run: the selection has not settled
	if v := h.view(); strings.Contains(v, "Rendering…") || !strings.Contains(v, "Only the headline") {
		t.Errorf("the reading pane flashed:\n%s", v)
	}
}

// The runtime delivers a command's message after the keys already queued: a key typed right
// behind one that changes the mode ("/" then "s", enter then enter) must still reach the pane it
// was meant for. Here no command runs at all between the keys.
func TestQueuedKeysSeeIntents(t *testing.T) {
	st := openTestState(t)
	h := newHarness(t, 120, 40, withState(st))
	for _, k := range []string{"/", "s", "u", "s", "t", "a", "i", "n", "enter", "enter"} {
		h.m.Update(press(k))
	}
	if st.IsStarred(idTeaser) || h.m.search.Value() != "sustain" {
		t.Errorf("s starred the selection instead of typing: query %q", h.m.search.Value())
	}
	if h.m.mode != modeReader || h.readerID() == "" || !st.IsRead(h.readerID()) {
		t.Errorf("the second enter did not open the hit: mode %v, reading %q", h.m.mode, h.readerID())
	}
}

// "/" in the reader finds words in the article, accents and case aside; n and N step through the
// matches (n is the next article again once esc drops the search).
func TestFindInArticle(t *testing.T) {
	h := newHarness(t, 80, 24)
	h.keys("j", "enter", "/")
	if !h.m.reader.Finding() || !strings.Contains(h.view(), "find in this article") {
		t.Fatalf("no search field:\n%s", h.view())
	}
	h.typ("can tho") // "Cần Thơ" in the text is written "Can Tho": both fold the same
	if h.readerID() != idStory || h.m.mode != modeReader {
		t.Fatal("typing in the field acted as keys")
	}
	h.keys("enter")
	if i, n := h.m.reader.MatchPlace(); i != 1 || n != 2 {
		t.Fatalf("match %d of %d, want 1 of 2", i, n)
	}
	if !strings.Contains(h.view(), "match 1/2 ·") || strings.Contains(h.view(), "n next •") {
		t.Errorf("status:\n%s", h.view())
	}
	first := h.m.reader.Offset()
	h.keys("n")
	if i, _ := h.m.reader.MatchPlace(); i != 2 || h.m.reader.Offset() <= first || h.readerID() != idStory {
		t.Errorf("n: match %d, offset %d (was %d), reading %q", i, h.m.reader.Offset(), first, h.readerID())
	}
	h.keys("N")
	if i, _ := h.m.reader.MatchPlace(); i != 1 {
		t.Errorf("N: match %d", i)
	}
	if raw := h.m.render(); !strings.Contains(raw, "\x1b[7m") && !strings.Contains(raw, ";7m") {
		t.Error("the current match is not in reverse video")
	}
	h.keys("esc", "n")
	if h.readerID() != idVietnam {
		t.Errorf("after esc, n did not go to the next article: %q", h.readerID())
	}
	h.keys("/").typ("zzzz").keys("enter")
	if !strings.Contains(h.view(), `no match for "zzzz"`) {
		t.Errorf("no match:\n%s", h.view())
	}
}

// The list's query terms are highlighted in the body too.
func TestListTermsHighlightedInBody(t *testing.T) {
	h := newHarness(t, 80, 24)
	h.keys("/").typ("mekong").keys("enter", "enter")
	if n := len(h.m.reader.matches); n == 0 {
		t.Fatalf("no highlight of the query in the body")
	}
	if _, n := h.m.reader.MatchPlace(); n != 0 {
		t.Error("the list's terms count as a search of the article")
	}
}

// A headline-only article with an address offers F, which fetches its text (through
// Options.FetchArticle), puts it in place of the headline and opens it.
func TestFetchTextOfAHeadline(t *testing.T) {
	const addr = "https://vietnam.un.org/en/285900-secretary-general-message-world-aids-day"
	var asked []string
	fail := false
	h := newHarness(t, 100, 30, func(o *Options) {
		o.Corpus.Articles[0].URL = addr
		o.FetchArticle = func(u string) ([]data.Article, error) {
			asked = append(asked, u)
			if fail {
				return nil, errors.New(u + ": the server answered 404 Not Found")
			}
			full := o.Corpus.Articles[0]
			full.Teaser, full.Blocks = false, []data.Block{para("On this World AIDS Day, we honour the communities leading the response.")}
			return []data.Article{full}, nil
		}
	})
	teaser := h.m.list.Selected()
	if !teaser.Teaser {
		t.Fatalf("the first article is not a headline: %s", teaser.ID)
	}
	h.keys("enter")
	if !strings.Contains(h.view(), "Its text is on its page") || !strings.Contains(h.view(), "F fetch text") || !h.m.reader.keys.FetchText.Enabled() {
		t.Fatalf("no offer to fetch:\n%s", h.view())
	}
	fail = true
	h.keys("F")
	if !strings.HasPrefix(h.m.notice, "could not fetch the text: "+addr+": the server answered 404") || !strings.Contains(h.view(), "could not fetch the text") {
		t.Errorf("no error notice:\n%s", h.view())
	}
	fail = false
	h.keys("F")
	if len(asked) != 2 || asked[1] != addr {
		t.Fatalf("fetched %v", asked)
	}
	a := h.m.reader.Article()
	if a == nil || a.Teaser || a.URL != addr || !strings.Contains(h.view(), "we honour the communities") ||
		!strings.Contains(h.view(), "fetched the text") {
		t.Fatalf("reading %+v:\n%s", a, h.view())
	}
	if h.m.store.Len() != len(testArticles()) || h.m.reader.keys.FetchText.Enabled() {
		t.Errorf("the headline was not replaced: %d articles", h.m.store.Len())
	}
}

// Without a way to fetch, or without an address, F is not offered and does nothing.
func TestFetchTextNotOffered(t *testing.T) {
	h := newHarness(t, 100, 30, func(o *Options) { o.Corpus.Articles[0].URL = "https://example.org/a" })
	h.keys("enter", "F")
	if h.m.reader.keys.FetchText.Enabled() || !h.m.reader.Article().Teaser {
		t.Error("F offered with no fetcher")
	}
	called := false
	h = newHarness(t, 100, 30, func(o *Options) {
		o.FetchArticle = func(string) ([]data.Article, error) { called = true; return nil, nil }
	})
	h.keys("enter", "F")
	if called || h.m.reader.keys.FetchText.Enabled() {
		t.Error("F offered for a headline with no address")
	}
}

// Titles wrap to two lines before they are cut, under a hanging indent, with no blank line
// between items; the headline-only badge is never cut.
func TestListTitlesWrap(t *testing.T) {
	h := newHarness(t, 120, 40)
	lines := strings.Split(h.view(), "\n")
	if !strings.HasPrefix(lines[1], "▌ UN Secretary-General's message for World AIDS") || !strings.HasPrefix(lines[2], "▌ Day, observed on 1 December 2024") {
		t.Errorf("the first title does not wrap under the bar:\n%s", strings.Join(lines[:4], "\n"))
	}
	if !strings.Contains(lines[3], "headline only") || !strings.HasPrefix(lines[4], "  Building a sustainable") {
		t.Errorf("the badge is cut or items are apart:\n%s", strings.Join(lines[:6], "\n"))
	}
	if !strings.Contains(h.view(), "Equality and Gender-Based Violence Preventio…") {
		t.Errorf("a title longer than two lines is not cut on the second:\n%s", h.view())
	}
	h.keys("G", "g", "j")
	if h.selectedID() != idStory {
		t.Errorf("moving over wrapped items selected %q", h.selectedID())
	}
	checkFrame(t, h, 120, 40)
}

// A name written as syllables and the same name joined find each other in the list, and the
// body highlights the whole name, however the query spelled it; so does "/" in the article.
func TestJoinedNamesHighlighted(t *testing.T) {
	arts := []data.Article{
		{ID: "joined", Title: "Floods in Vietnam", Kind: data.KindNews, Blocks: []data.Block{para("Rain fell on Vietnam and Hanoi all week.")}},
		{ID: "apart", Title: "Floods in Việt Nam", Kind: data.KindNews, Blocks: []data.Block{para("Rain fell on Việt Nam and Hà Nội all week.")}},
	}
	widths := func(h *harness) []int {
		var out []int
		for _, m := range h.m.reader.matches {
			out = append(out, m.width)
		}
		return out
	}
	for _, q := range []string{"viet nam", "vietnam", "Việt Nam"} {
		h := newHarness(t, 80, 24, func(o *Options) { o.Corpus.Articles = arts })
		h.keys("/").typ(q).keys("enter")
		if n := len(h.m.result.Hits); n != 2 {
			t.Errorf("%q: %d hits, want both spellings", q, n)
			continue
		}
		for range 2 {
			h.keys("enter")
			// the title's name, the body's and the related article's title, each whole:
			// "Vietnam" 7 cells, "Việt Nam" 8
			want := []int{7, 7, 8}
			if h.readerID() == "apart" {
				want = []int{8, 8, 7}
			}
			if got := widths(h); !slices.Equal(got, want) {
				t.Errorf("%q in %s: highlights %v cells wide, want %v", q, h.readerID(), got, want)
			}
			h.keys("esc", "j")
		}
	}
	h := newHarness(t, 80, 24, func(o *Options) { o.Corpus.Articles = arts })
	for range 2 {
		h.keys("enter", "/").typ("ha noi").keys("enter")
		if got := widths(h); !slices.Equal(got, []int{len("Hanoi")}) && !slices.Equal(got, []int{len("Ha Noi")}) {
			t.Errorf("/ha noi in %s: matches %v cells wide, want the whole name once", h.readerID(), got)
		}
		h.keys("esc", "esc", "j")
	}
}
