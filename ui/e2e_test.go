package ui

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"unvn/data"
	"unvn/internal/tmuxtest"
	"unvn/store"
)

// TestEndToEndInTmux runs the real binary in a real terminal: it waits for the list, searches,
// opens the hit, moves to a footnote and checks its reference is shown, scrolls, quits, and checks
// that the shell is back on the normal screen. Then it starts the binary again with the same
// state and checks that the query, the read mark and the reading position came back.
func TestEndToEndInTmux(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
	tmuxtest.Available(t)

	// What to expect, from the same corpus the binary embeds.
	st := store.New(data.Embedded().Articles)
	const query = "sogie"
	res := st.Search(store.ParseLenient(query), nil)
	if len(res.Hits) == 0 {
		t.Fatalf("the embedded corpus has no hit for %q", query)
	}
	art := res.Hits[0].Article
	firstNote := firstCitedNote(art)
	if firstNote == "" {
		t.Fatalf("%s cites no footnote", art.ID)
	}

	dir := t.TempDir()
	stateHome, dataHome := filepath.Join(dir, "state"), filepath.Join(dir, "data")
	bin := filepath.Join(dir, "unvn")
	build := exec.Command("go", "build", "-o", bin, "unvn")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	// A plain shell with a known prompt, so we can see the terminal come back.
	s := tmuxtest.Start(t, 120, 40, []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir,
		"XDG_STATE_HOME=" + stateHome, "XDG_DATA_HOME=" + dataHome, "TERM=xterm-256color", "PS1=e2e$ "}, "sh")
	s.WaitText("e2e$")

	s.Type(bin)
	s.Keys("Enter")
	total := len(data.Embedded().Articles)
	s.WaitText(fmt.Sprintf("%d of %d articles", total, total))
	if s.Format("#{alternate_on}") != "1" {
		t.Error("the reader is not on the alternate screen")
	}

	// Search: the list filters as we type.
	s.Keys("/")
	s.Type(query)
	s.WaitText(fmt.Sprintf("%d of %d articles", len(res.Hits), total))
	s.WaitText("/ " + query)

	// Keep the query, open the first hit.
	s.Keys("Enter")
	s.Keys("Enter")
	titleStart := firstWords(art.Title, 3)
	s.WaitFor("the article's body", func(sc string) bool {
		return strings.Contains(sc, titleStart) && strings.Contains(sc, "min read") && !strings.Contains(sc, "Rendering…")
	})

	// ] highlights the first marker and shows its reference in a box.
	s.Keys("]")
	noteStart := firstWords(firstNote, 3)
	sc := s.WaitFor("the footnote box", func(sc string) bool {
		return strings.Contains(sc, "╭") && strings.Contains(sc, noteStart)
	})
	if !regexp.MustCompile(`│ \[\d+\] `).MatchString(sc) {
		t.Errorf("the box does not name the footnote:\n%s", sc)
	}

	// enter jumps to Notes, backspace comes back.
	s.Keys("Enter")
	s.WaitText("Notes")
	s.Keys("BSpace")

	// Read on a little: two pages down, past the title.
	s.Keys("Escape") // close the box
	// Wait: a space straight after an escape would read as alt+space.
	s.WaitFor("the box to close", func(sc string) bool { return !strings.Contains(sc, "╭") })
	s.Keys("Space")
	s.Keys("Space")
	s.WaitFor("the article scrolled past its title", func(sc string) bool {
		return !strings.Contains(sc, "min read") && !strings.Contains(sc, "╭")
	})

	// q quits and the terminal is restored: normal screen, the prompt back, cursor visible.
	s.Keys("q")
	s.WaitFor("the shell prompt", func(sc string) bool {
		return strings.Count(sc, "e2e$") >= 2 && !strings.Contains(sc, "articles")
	})
	if s.Format("#{alternate_on}") != "0" {
		t.Error("still on the alternate screen after quitting")
	}
	if s.Format("#{cursor_flag}") != "1" {
		t.Error("the cursor is still hidden after quitting")
	}
	if s.Format("#{mouse_any_flag}#{mouse_button_flag}#{mouse_standard_flag}") != "000" {
		t.Error("mouse reporting is still on after quitting")
	}
	// The terminal still echoes what we type.
	s.Type("echo restored")
	s.Keys("Enter")
	s.WaitFor("the shell to answer", func(sc string) bool { return strings.Contains(sc, "\nrestored") })

	// Quitting saved the state: the article read, where reading stopped, the query.
	saved := readStateFile(t, filepath.Join(stateHome, "unvn", "state.json"))
	if !saved.Read[art.ID].On {
		t.Errorf("%s is not marked read in the state file", art.ID)
	}
	pos, ok := saved.Positions[art.ID]
	if !ok || pos.Block <= 0 {
		t.Fatalf("no reading position past the top for %s: %+v", art.ID, saved.Positions)
	}
	if saved.LastQuery != query {
		t.Errorf("last query %q, want %q", saved.LastQuery, query)
	}

	// Start again with the same state: the query is back, the article no longer marked unread,
	// and the reading pane resumes at the block where reading stopped.
	s.Keys("clear", "Enter")
	s.Type(bin)
	s.Keys("Enter")
	s.WaitText(fmt.Sprintf("%d of %d articles", len(res.Hits), total))
	sc = s.WaitText("/ " + query)
	title := regexp.MustCompile(`▌ (•)? ?(★ )?` + regexp.QuoteMeta(firstWords(art.Title, 2)))
	if m := title.FindStringSubmatch(sc); m == nil || m[1] != "" {
		t.Errorf("the article read last time is not selected, or still has the unread dot:\n%s", sc)
	}
	if len(res.Hits) > 1 && !strings.Contains(sc, "  • ") {
		t.Errorf("the articles not read yet have no unread dot:\n%s", sc)
	}
	resumed := firstWords(blockText(art, pos.Block), 3)
	t.Logf("reading stopped at block %d, which starts %q", pos.Block, resumed)
	s.WaitFor(fmt.Sprintf("the reading pane at block %d (%q)", pos.Block, resumed), func(sc string) bool {
		return strings.Contains(sc, resumed) && !strings.Contains(sc, "min read")
	})

	// s stars it, and that is saved on quit too.
	s.Keys("s")
	s.WaitText("starred")
	s.Keys("C-c")
	s.WaitFor("the shell prompt", func(sc string) bool { return !strings.Contains(sc, "articles") })
	s.WaitFor("the state file to have the star", func(string) bool {
		return readStateFile(t, filepath.Join(stateHome, "unvn", "state.json")).Starred[art.ID].On
	})
}

// savedState is the part of the state file the test looks at.
type savedState struct {
	Read      map[string]struct{ On bool }
	Starred   map[string]struct{ On bool }
	Positions map[string]struct{ Block int }
	LastQuery string `json:"last_query"`
}

func readStateFile(t *testing.T, path string) savedState {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("the state was not saved: %v", err)
	}
	var st savedState
	if err := json.Unmarshal(raw, &st); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return st
}

// blockText is the plain text at the start of body block i.
func blockText(a *data.Article, i int) string {
	if i >= len(a.Blocks) {
		return "Notes"
	}
	if b := a.Blocks[i]; strings.TrimSpace(b.Text) != "" || len(b.Items) == 0 {
		return b.Text
	}
	return a.Blocks[i].Items[0]
}

// firstCitedNote is the text of the footnote behind the first marker in the body.
func firstCitedNote(a *data.Article) string {
	re := regexp.MustCompile(`\[(\d{1,3})\]`)
	for _, b := range a.Blocks {
		for _, text := range append([]string{b.Text}, b.Items...) {
			for _, m := range re.FindAllStringSubmatch(text, -1) {
				var n int
				fmt.Sscanf(m[1], "%d", &n)
				if f, ok := a.Footnote(n); ok {
					return f.Text
				}
			}
		}
	}
	return ""
}

func firstWords(s string, n int) string {
	f := strings.Fields(s)
	return strings.Join(f[:min(n, len(f))], " ")
}

// TestHangupSavesState closes the terminal under the reader (tmux kill-session hangs up its
// tty, as closing a terminal window or losing an ssh connection does) right after an article is
// opened, before the debounced save: the read mark must still reach the state file.
func TestHangupSavesState(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
	tmuxtest.Available(t)
	dir := t.TempDir()
	stateHome := filepath.Join(dir, "state")
	bin := filepath.Join(dir, "unvn")
	if out, err := exec.Command("go", "build", "-o", bin, "unvn").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	s := tmuxtest.Start(t, 120, 40, []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir,
		"XDG_STATE_HOME=" + stateHome, "XDG_DATA_HOME=" + filepath.Join(dir, "data"), "TERM=xterm-256color"}, bin)
	total := len(data.Embedded().Articles)
	s.WaitText(fmt.Sprintf("%d of %d articles", total, total))
	first := store.New(data.Embedded().Articles).Search(store.Query{}, nil).Hits[0].Article

	s.Keys("Enter") // opening marks it read; the save waits a second
	s.WaitText("esc/h back")
	s.Kill()

	path := filepath.Join(stateHome, "unvn", "state.json")
	deadline := time.Now().Add(5 * time.Second)
	for {
		if _, err := os.Stat(path); err == nil && readStateFile(t, path).Read[first.ID].On {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("after a hangup, %s is not marked read in the state file", first.ID)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
