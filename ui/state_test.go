package ui

import (
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"unvn/data"
	"unvn/store"
)

// openTestState opens a fresh reader state in a temp dir. XDG_STATE_HOME and XDG_DATA_HOME point
// at temp dirs too, so nothing a test does can reach the real home.
func openTestState(t *testing.T) *store.State {
	t.Helper()
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	st, warns := store.OpenState(filepath.Join(t.TempDir(), "state.json"))
	if len(warns) > 0 {
		t.Fatalf("opening a fresh state warned: %v", warns)
	}
	// Cleanups run last-in first-out: this stops a pending debounced save before the dir goes.
	t.Cleanup(func() { _ = st.Flush() })
	return st
}

func withState(st State) func(*Options) { return func(o *Options) { o.State = st } }

// titleLine is the list line that holds the title starting with prefix.
func titleLine(t *testing.T, view, prefix string) string {
	t.Helper()
	for _, l := range strings.Split(view, "\n") {
		if strings.Contains(l, prefix) {
			return l
		}
	}
	t.Fatalf("no line with %q in:\n%s", prefix, view)
	return ""
}

func TestMarkAndStarKeys(t *testing.T) {
	type want struct {
		id            string
		read, starred bool
	}
	tests := []struct {
		name   string
		wide   bool
		setup  []string
		key    string
		want   []want
		title  string // a title prefix whose list line ...
		line   string // ... must contain this (the dot, the star)
		noLine string // ... and must not contain this
		shows  string
	}{
		{name: "m marks the list selection read", key: "m",
			want:  []want{{id: idTeaser, read: true}},
			title: "UN Secretary-General", noLine: "•", shows: "marked read"},
		{name: "m twice marks it unread again", setup: []string{"m"}, key: "m",
			want:  []want{{id: idTeaser}},
			title: "UN Secretary-General", line: "• UN Secretary-General", shows: "marked unread"},
		{name: "s stars the list selection", key: "s",
			want:  []want{{id: idTeaser, starred: true}},
			title: "UN Secretary-General", line: "• ★ UN Secretary-General", shows: "starred"},
		{name: "s twice unstars it", setup: []string{"s"}, key: "s",
			want:  []want{{id: idTeaser}},
			title: "UN Secretary-General", noLine: "★", shows: "unstarred"},
		{name: "m acts on the moved selection", setup: []string{"j"}, key: "m",
			want: []want{{id: idStory, read: true}, {id: idTeaser}}},
		{name: "m in the reader marks the open article unread", setup: []string{"j", "enter"}, key: "m",
			want: []want{{id: idStory}}, shows: "marked unread"},
		{name: "s in the reader stars the open article", setup: []string{"j", "enter"}, key: "s",
			want: []want{{id: idStory, read: true, starred: true}}, shows: "★   0%"},
		{name: "wide: m and s in the reader redraw the list", wide: true, setup: []string{"j", "tab", "m"}, key: "s",
			want:  []want{{id: idStory, starred: true}},
			title: "★ Building", line: "▌ • ★ Building"},
		{name: "m in the search box types an m", setup: []string{"/"}, key: "m",
			want: []want{{id: idTeaser}}, shows: "/ m"},
		{name: "s in the theme picker types an s", setup: []string{"t"}, key: "s",
			want: []want{{id: idTeaser}}, shows: "Filter themes: s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := 80
			if tt.wide {
				w = 120
			}
			st := openTestState(t)
			h := newHarness(t, w, 24, withState(st))
			h.keys(tt.setup...)
			h.keys(tt.key)
			for _, wt := range tt.want {
				if st.IsRead(wt.id) != wt.read || st.IsStarred(wt.id) != wt.starred {
					t.Errorf("%s: read %v starred %v, want %v %v", wt.id, st.IsRead(wt.id), st.IsStarred(wt.id), wt.read, wt.starred)
				}
			}
			v := h.view()
			if tt.title != "" {
				l := titleLine(t, v, tt.title)
				if tt.line != "" && !strings.Contains(l, tt.line) {
					t.Errorf("list line %q lacks %q", l, tt.line)
				}
				if tt.noLine != "" && strings.Contains(l, tt.noLine) {
					t.Errorf("list line %q has %q", l, tt.noLine)
				}
			}
			if tt.shows != "" && !strings.Contains(v, tt.shows) {
				t.Errorf("view lacks %q:\n%s", tt.shows, v)
			}
			checkFrame(t, h, w, 24)
		})
	}
}

func TestMarkKeysInHelp(t *testing.T) {
	h := newHarness(t, 120, 40)
	if v := h.view(); strings.Contains(v, "mark read") || strings.Contains(v, "s star") {
		t.Error("m and s offered with no reader state")
	}
	st := openTestState(t)
	h = newHarness(t, 120, 40, withState(st))
	if v := h.view(); !strings.Contains(v, "m mark read") || !strings.Contains(v, "s star") {
		t.Errorf("help bar lacks m and s:\n%s", v)
	}
	h.keys("s", "m")
	if v := h.view(); !strings.Contains(v, "m mark unread") || !strings.Contains(v, "s unstar") {
		t.Errorf("help bar does not say what m and s do now:\n%s", v)
	}
	h.keys("?")
	if v := h.view(); !strings.Contains(v, "mark unread") {
		t.Errorf("full help lacks m:\n%s", v)
	}
	h.keys("?", "/", "z", "z", "z", "enter") // nothing selected
	if v := h.view(); strings.Contains(v, "mark") || strings.Contains(v, "star") {
		t.Errorf("m and s offered in an empty list:\n%s", v)
	}
}

func TestOpeningMarksRead(t *testing.T) {
	t.Run("enter, n and p", func(t *testing.T) {
		st := openTestState(t)
		h := newHarness(t, 80, 24, withState(st))
		h.keys("j", "enter")
		if !st.IsRead(idStory) {
			t.Fatal("enter did not mark the article read")
		}
		if st.IsRead(idTeaser) {
			t.Fatal("an article never opened is marked read")
		}
		h.keys("n")
		if !st.IsRead(idVietnam) {
			t.Error("n did not mark the next article read")
		}
		h.keys("p", "p")
		if !st.IsRead(idTeaser) {
			t.Error("p did not mark the previous article read")
		}
		h.keys("esc")
		if l := titleLine(t, h.view(), "Building a sustainable"); strings.Contains(l, "•") {
			t.Errorf("a read article still has the unread dot: %q", l)
		}
		if l := titleLine(t, h.view(), "Viet Nam: Charting"); !strings.Contains(l, "• Viet Nam") {
			t.Errorf("an unread article lacks the dot: %q", l)
		}
	})
	t.Run("a related article", func(t *testing.T) {
		st := openTestState(t)
		h := newHarness(t, 80, 24, withState(st))
		h.keys("j", "enter", "1")
		if id := h.readerID(); id == idStory || !st.IsRead(id) {
			t.Errorf("the related article %q is not marked read", id)
		}
	})
	t.Run("the split view following the selection is not reading", func(t *testing.T) {
		st := openTestState(t)
		h := newHarness(t, 120, 40, withState(st))
		h.keys("j", "j")
		if h.readerID() != idVietnam {
			t.Fatalf("the reading pane shows %q", h.readerID())
		}
		if st.IsRead(idStory) || st.IsRead(idVietnam) {
			t.Fatal("moving through the list marked articles read")
		}
		h.keys("tab")
		if !st.IsRead(idVietnam) {
			t.Error("tab into the reading pane did not mark the article read")
		}
		h.keys("tab", "j")
		h.send(tea.MouseClickMsg{X: 80, Y: 10, Button: tea.MouseLeft})
		if !st.IsRead(idClimate) {
			t.Error("a click into the reading pane did not mark the article read")
		}
	})
	t.Run("m unread sticks while reading on", func(t *testing.T) {
		st := openTestState(t)
		h := newHarness(t, 80, 24, withState(st))
		h.keys("j", "enter", "m", "j", "space")
		if st.IsRead(idStory) {
			t.Error("scrolling marked an article read again after m")
		}
	})
}

func TestResumeReadingPosition(t *testing.T) {
	for _, w := range []int{80, 120} {
		t.Run(itoa(w), func(t *testing.T) {
			st := openTestState(t)
			h := newHarness(t, w, 24, withState(st))
			h.keys("j", "enter", "space", "space")
			pos := h.m.reader.Position()
			if pos == 0 {
				t.Fatal("two pages down is still block 0")
			}
			// Leave for another article and come back: the story resumes at the same block.
			h.keys("esc", "j", "enter", "esc", "k", "enter")
			if h.readerID() != idStory {
				t.Fatalf("reading %q", h.readerID())
			}
			if got := h.m.reader.Position(); got != pos {
				t.Errorf("reopened at block %d, want %d", got, pos)
			}
			if want := h.m.reader.doc.blockLine[pos]; h.m.reader.Offset() != want {
				t.Errorf("reopened at line %d, want the start of block %d (line %d)", h.m.reader.Offset(), pos, want)
			}
			// Another article never scrolled opens at the top, title and all.
			h.keys("n")
			if h.m.reader.Offset() != 0 {
				t.Errorf("an unread article opened at line %d", h.m.reader.Offset())
			}

			// A new start with the same state resumes too, and a resize keeps the place.
			h2 := newHarness(t, w, 24, withState(st))
			h2.keys("j", "enter")
			if got := h2.m.reader.Position(); got != pos {
				t.Errorf("after a restart: block %d, want %d", got, pos)
			}
			h2.send(tea.WindowSizeMsg{Width: 50, Height: 20})
			if got := h2.m.reader.Position(); got != pos {
				t.Errorf("after a resize: block %d, want %d", got, pos)
			}
		})
	}
}

func TestPositionSavedOnScrollAndQuit(t *testing.T) {
	st := openTestState(t)
	h := newHarness(t, 80, 24, withState(st))
	h.keys("j", "enter", "space", "space")
	pos := h.m.reader.Position()
	if got, ok := st.Position(idStory); !ok || got != pos {
		t.Errorf("after scrolling: stored %d %v, want %d", got, ok, pos)
	}
	h.keys("G")
	end := h.m.reader.Position()
	h.send(tea.WindowSizeMsg{Width: 90, Height: 24}) // no key: a resize alone
	h.keys("q")
	if !h.quit {
		t.Fatal("q did not quit")
	}
	if got, _ := st.Position(idStory); got != end {
		t.Errorf("after q: stored %d, want %d", got, end)
	}
	if err := st.Flush(); err != nil {
		t.Fatal(err)
	}
	again, _ := store.OpenState(st.Path())
	if got, ok := again.Position(idStory); !ok || got != end || !again.IsRead(idStory) {
		t.Errorf("on disk: block %d %v read %v, want %d and read", got, ok, again.IsRead(idStory), end)
	}
}

func TestLastQueryRestored(t *testing.T) {
	st := openTestState(t)
	h := newHarness(t, 120, 40, withState(st))
	h.keys("/").typ("community").keys("enter", "t").typ("hiv").keys("enter")
	if q, ids := st.LastQuery(); q != "community" || strings.Join(ids, ",") != "hiv" {
		t.Fatalf("saved %q %v", q, ids)
	}
	h2 := newHarness(t, 120, 40, withState(st))
	if h2.m.search.Value() != "community" || strings.Join(h2.m.themes, ",") != "hiv" {
		t.Fatalf("restored %q %v", h2.m.search.Value(), h2.m.themes)
	}
	if h2.m.result.Total != 1 || !strings.Contains(h2.view(), "1 of 5 articles · 1 unread · themes: hiv") {
		t.Errorf("the restored filter is not applied:\n%s", h2.view())
	}
	h2.keys("esc")
	if q, ids := st.LastQuery(); q != "" || len(ids) != 0 {
		t.Errorf("clearing the filters saved %q %v", q, ids)
	}
}

func TestStaleLastQueryIsHarmless(t *testing.T) {
	st := openTestState(t)
	st.SetLastQuery("hiv\x1b[2J\x07 \"unclosed", []string{"no-such-theme", "hiv", "hiv", ""})
	h := newHarness(t, 80, 24, withState(st))
	if got := strings.Join(h.m.themes, ","); got != "hiv" {
		t.Errorf("themes %q, want only the known one", got)
	}
	if v := h.m.render(); strings.Contains(v, "\x1b[2J") || strings.Contains(v, "\x07") {
		t.Errorf("control characters from the state file reached the screen: %q", v)
	}
	checkFrame(t, h, 80, 24)
	h.keys("t") // the picker opens over the odd query too
	if !strings.Contains(h.view(), "Filter themes") {
		t.Errorf("picker:\n%s", h.view())
	}
}

func TestIsUnreadAndIsStarredInSearch(t *testing.T) {
	st := openTestState(t)
	st.SetRead(idStory, true)
	st.SetStarred(idClimate, true)
	h := newHarness(t, 80, 24, withState(st))
	h.keys("/").typ("is:unread").keys("enter")
	if h.m.result.Total != 4 {
		t.Errorf("is:unread: %d hits, want 4", h.m.result.Total)
	}
	h.keys("esc", "/").typ("is:starred").keys("enter")
	if h.m.result.Total != 1 || h.selectedID() != idClimate {
		t.Errorf("is:starred: %d hits, selected %q", h.m.result.Total, h.selectedID())
	}
}

func TestPickerUnreadCounts(t *testing.T) {
	st := openTestState(t)
	st.SetRead(idStory, true) // hiv, lgbti, health
	st.SetRead(idClimate, true)
	h := newHarness(t, 80, 24, withState(st))
	h.keys("t")
	v := h.view()
	for _, want := range []string{"HIV and AIDS hiv", "3 · 2 unread"} {
		if !strings.Contains(titleLine(t, v, "HIV and AIDS"), want) {
			t.Errorf("the hiv row lacks %q: %q", want, titleLine(t, v, "HIV and AIDS"))
		}
	}
	if l := titleLine(t, v, "Climate"); strings.Contains(l, "unread") {
		t.Errorf("a theme with everything read shows an unread count: %q", l)
	}
	checkFrame(t, h, 80, 24)
	// Without state there is no unread column.
	h = newHarness(t, 80, 24)
	h.keys("t")
	if strings.Contains(h.view(), "unread") {
		t.Errorf("unread counts without reader state:\n%s", h.view())
	}
}

func TestStateWarningsInStatus(t *testing.T) {
	st := openTestState(t)
	h := newHarness(t, 120, 40, withState(st), func(o *Options) {
		o.StateWarnings = []string{"state.json was corrupt; moved it to state.json.bad-1 and started fresh"}
	})
	if !strings.Contains(h.view(), "5 of 5 articles · 5 unread · state.json was corrupt") {
		t.Errorf("status:\n%s", h.view())
	}
}

func TestUnreadStandsOutWithoutColour(t *testing.T) {
	for _, dark := range []bool{true, false} {
		s := NewStyles(dark)
		if !s.UnreadTitle.GetBold() || s.Title.GetBold() {
			t.Error("unread titles are not bold, or read ones are")
		}
	}
}

func TestGoldenMarks(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		name := "marks-" + itoa(size[0]) + "x" + itoa(size[1])
		t.Run(name, func(t *testing.T) {
			st := openTestState(t)
			st.SetRead(idTeaser, true)
			st.SetStarred(idStory, true)
			st.SetRead(idClimate, true)
			st.SetStarred(idClimate, true)
			h := newHarness(t, size[0], size[1], withState(st))
			h.keys("j")
			checkFrame(t, h, size[0], size[1])
			golden(t, name, h.view())
		})
	}
}

func TestShrinkingShowsTheFocusedPane(t *testing.T) {
	st := openTestState(t)
	h := newHarness(t, 120, 40, withState(st))
	h.keys("j", "tab", "space", "space")
	pos := h.m.reader.Position()
	h.send(tea.WindowSizeMsg{Width: 70, Height: 30})
	if h.m.mode != modeReader {
		t.Fatalf("after shrinking with the reader focused: mode %v", h.m.mode)
	}
	if v := h.view(); strings.Contains(v, "▌") || h.m.reader.Position() != pos {
		t.Errorf("the narrow view shows the list, or lost the place (block %d, want %d):\n%s", h.m.reader.Position(), pos, v)
	}
	h.send(tea.WindowSizeMsg{Width: 120, Height: 40})
	h.keys("tab")
	h.send(tea.WindowSizeMsg{Width: 70, Height: 30})
	if h.m.mode == modeReader || !strings.Contains(h.view(), "▌") {
		t.Errorf("after shrinking with the list focused the list is not shown:\n%s", h.view())
	}
}

func TestStalePositionIsHarmless(t *testing.T) {
	st := openTestState(t)
	st.SetPosition(idClimate, 99) // the article got shorter since
	st.SetPosition(idStory, -3)
	h := newHarness(t, 80, 24, withState(st))
	h.keys("j", "j", "j", "enter")
	if h.readerID() != idClimate || h.m.reader.Offset() != 0 {
		t.Errorf("reading %q at line %d", h.readerID(), h.m.reader.Offset())
	}
	checkFrame(t, h, 80, 24)
	h.keys("esc", "g", "j", "enter")
	if h.readerID() != idStory || h.m.reader.Offset() != 0 {
		t.Errorf("reading %q at line %d", h.readerID(), h.m.reader.Offset())
	}
}

// A capture's file name is untrusted: one named with escape sequences must not retitle the
// window or clear the screen from the status line.
func TestStatusLineNeutralisesFileNames(t *testing.T) {
	evil := "e\x1b]0;PWNED\x07\x1b[2J\u009b31m\x1b[31m\nx.txt"
	h := newHarness(t, 120, 40, func(o *Options) {
		o.Corpus.Warnings = []data.Warning{{Snapshot: "/tmp/" + evil, Message: "empty file"}}
		o.StateWarnings = []string{"could not save " + evil}
	})
	h.send(noticeMsg("could not open links: " + evil))
	status := h.m.statusView()
	if strings.ContainsAny(ansi.Strip(status), "\x1b\x07\u009b") || strings.Contains(status, "\x1b]") ||
		strings.Contains(status, "\x1b[2J") || strings.Contains(status, "\x1b[31m") || strings.Contains(status, "\n") {
		t.Errorf("status line passes escapes through: %q", status)
	}
	if !strings.Contains(ansi.Strip(status), "1 file skipped: /tmp/e") {
		t.Errorf("status line lost the warning: %q", ansi.Strip(status))
	}
}

// The status line counts the unread articles of the list, and keeps the count as marks change.
func TestStatusCountsUnread(t *testing.T) {
	st := openTestState(t)
	st.SetRead(idStory, true)
	h := newHarness(t, 80, 24, withState(st))
	if !strings.Contains(h.view(), "5 of 5 articles · 4 unread") {
		t.Fatalf("status:\n%s", h.view())
	}
	h.keys("m") // the teaser, read
	if !strings.Contains(h.view(), "5 of 5 articles · 3 unread") {
		t.Errorf("after m:\n%s", h.view())
	}
	h.keys("t").typ("hiv").keys("enter")
	if !strings.Contains(h.view(), "3 of 5 articles · 1 unread · themes: hiv") {
		t.Errorf("filtered:\n%s", h.view())
	}
}

// In the split view, scrolling an article to its end in the reading pane is reading it, with
// the keys or the wheel; following the selection is not.
func TestReadingToTheEndMarksRead(t *testing.T) {
	st := openTestState(t)
	h := newHarness(t, 120, 40, withState(st))
	h.keys("j")
	if st.IsRead(idStory) {
		t.Fatal("following the selection marked it read")
	}
	for i := 0; i < 30 && !st.IsRead(idStory); i++ {
		h.send(tea.MouseWheelMsg{X: 80, Y: 10, Button: tea.MouseWheelDown})
	}
	if !st.IsRead(idStory) || !strings.Contains(h.view(), "100%") {
		t.Errorf("scrolling to the end with the wheel did not mark it read:\n%s", h.view())
	}
	if h.m.mode != modeList {
		t.Error("the wheel took the keyboard from the list")
	}
	h.keys("tab", "m", "g", "G") // marked unread on purpose, then read to the end again
	if !st.IsRead(idStory) {
		t.Error("G to the end did not mark the article read")
	}
}

func TestNextUnreadAndMarkAllRead(t *testing.T) {
	st := openTestState(t)
	st.SetRead(idStory, true)
	h := newHarness(t, 80, 24, withState(st))
	h.keys(".") // from the teaser (unread), past the read story
	if h.selectedID() != idVietnam {
		t.Fatalf(". selected %q, want %q", h.selectedID(), idVietnam)
	}
	h.keys("enter", ".") // in the reader, . opens the next unread one
	if h.readerID() != idClimate || !st.IsRead(idClimate) {
		t.Errorf("in the reader . opened %q (read %v)", h.readerID(), st.IsRead(idClimate))
	}
	h.keys("esc", "?")
	for _, want := range []string{"next unread", "mark all read"} {
		if !strings.Contains(h.view(), want) {
			t.Errorf("full help lacks %q:\n%s", want, h.view())
		}
	}
	h.keys("?", "t").typ("hiv").keys("enter", "A")
	if !strings.Contains(h.view(), "marked 1 article read · U undoes") || !st.IsRead(idTeaser) || st.IsRead("2023-03-launch-of-the-national-action-month") {
		t.Errorf("A:\n%s", h.view())
	}
	if !strings.Contains(h.view(), "0 unread") {
		t.Errorf("the count did not follow:\n%s", h.view())
	}
	before := h.selectedID()
	if h.keys("."); h.selectedID() != before || strings.Contains(h.view(), "next unread") {
		t.Errorf(". with nothing unread moved to %q or is offered:\n%s", h.selectedID(), h.view())
	}
	h.keys("U")
	if st.IsRead(idTeaser) || !st.IsRead(idStory) || !st.IsRead(idVietnam) {
		t.Errorf("U: teaser read %v, story %v (read before A), vietnam %v", st.IsRead(idTeaser), st.IsRead(idStory), st.IsRead(idVietnam))
	}
	if !strings.Contains(h.view(), "marked 1 article unread again") {
		t.Errorf("U:\n%s", h.view())
	}
}
