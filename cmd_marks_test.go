package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// isolate points the reader state and the library at temp dirs.
func isolate(t *testing.T) (stateHome, dataHome string) {
	t.Helper()
	stateHome, dataHome = t.TempDir(), t.TempDir()
	t.Setenv("XDG_STATE_HOME", stateHome)
	t.Setenv("XDG_DATA_HOME", dataHome)
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	return stateHome, dataHome
}

const hivStory = "2024-11-30-building-a-sustainable-hiv-response-with-the-community-for"

func TestMarkReadAndStar(t *testing.T) {
	stateHome, _ := isolate(t)
	code, out, errs := runCLI(t, "mark-read", hivStory)
	if code != 0 || !strings.Contains(out, "marked read: Building a sustainable HIV response") || errs != "" {
		t.Fatalf("mark-read: %d %q %q", code, out, errs)
	}
	if _, err := os.Stat(filepath.Join(stateHome, "unvn", "state.json")); err != nil {
		t.Fatal("state file not written")
	}
	_, out, _ = runCLI(t, "list", "is:unread")
	if strings.Contains(out, hivStory) || strings.Count(out, "\n") != 26 {
		t.Errorf("is:unread lists %d articles", strings.Count(out, "\n"))
	}
	// A query takes the best hit unless --all.
	code, out, _ = runCLI(t, "star", "theme:hiv")
	if code != 0 || strings.Count(out, "starred:") != 1 || !strings.Contains(out, "more articles match; add --all") {
		t.Errorf("star query: %q", out)
	}
	_, out, _ = runCLI(t, "star", "--all", "theme:hiv")
	if strings.Count(out, "starred:") != 6 {
		t.Errorf("star --all: %q", out)
	}
	_, out, _ = runCLI(t, "list", "is:starred")
	if strings.Count(out, "\n") != 6 {
		t.Errorf("is:starred: %q", out)
	}
	_, out, _ = runCLI(t, "unstar", "--all", "theme:hiv")
	if strings.Count(out, "unstarred:") != 6 {
		t.Errorf("unstar: %q", out)
	}
	if code, _, _ := runCLI(t, "list", "is:starred"); code != 1 {
		t.Errorf("nothing starred should exit 1, got %d", code)
	}
	_, out, _ = runCLI(t, "mark-read", "--undo", hivStory)
	if !strings.Contains(out, "marked unread") {
		t.Errorf("--undo: %q", out)
	}
	if code, _, errs := runCLI(t, "star", "zzzzqqq"); code != 1 || !strings.Contains(errs, "nothing matches") {
		t.Errorf("star with no match: %d %q", code, errs)
	}
	if code, _, _ := runCLI(t, "star"); code != 2 {
		t.Errorf("star without an argument: %d", code)
	}
}

func TestCorruptStateWarnsAndWorks(t *testing.T) {
	stateHome, _ := isolate(t)
	dir := filepath.Join(stateHome, "unvn")
	_ = os.MkdirAll(dir, 0o700)
	_ = os.WriteFile(filepath.Join(dir, "state.json"), []byte("{not json"), 0o600)
	code, out, errs := runCLI(t, "mark-read", hivStory)
	if code != 0 || !strings.Contains(errs, "unvn: warning:") || !strings.Contains(errs, "corrupt") || !strings.Contains(out, "marked read") {
		t.Errorf("corrupt state: %d %q %q", code, out, errs)
	}
}

func TestLibraryCommands(t *testing.T) {
	_, dataHome := isolate(t)
	_, out, _ := runCLI(t, "library")
	if !strings.Contains(out, "The library is empty") {
		t.Errorf("empty library: %q", out)
	}
	src := t.TempDir()
	capture := filepath.Join(src, "vns.txt")
	fixture, _ := os.ReadFile(filepath.Join("data", "testdata", "vns.txt"))
	_ = os.WriteFile(capture, fixture, 0o644)
	seed := filepath.Join("data", "seeds", "003_7139f2099e2e9b4d.txt")
	bad := filepath.Join(src, "bad.txt")
	_ = os.WriteFile(bad, nil, 0o644)

	code, out, errs := runCLI(t, "add", capture, seed, bad)
	if code != 1 || !strings.Contains(out, "vns.txt: added as vns.txt: 1 article, 1 new, 0 already in the library") ||
		!strings.Contains(out, "1 new articles, 1 already in the library") || !strings.Contains(errs, bad+": empty file") {
		t.Errorf("add: %d\n%s\n%s", code, out, errs)
	}
	if _, err := os.Stat(filepath.Join(dataHome, "unvn", "snapshots", "vns.txt")); err != nil {
		t.Error("capture not copied into the library")
	}
	_, out, _ = runCLI(t, "list", "UN calls for joint action")
	if !strings.Contains(out, "UN calls for joint action to end violence") {
		t.Errorf("library article not listed by default: %q", out)
	}
	// --data means exactly the paths given.
	_, out, _ = runCLI(t, "--data", seed, "list")
	if strings.Count(out, "\n") != 1 {
		t.Errorf("--data with a library: %q", out)
	}
	_, out, _ = runCLI(t, "library")
	if !strings.Contains(out, "vns.txt") || !strings.Contains(out, "2 captures in") {
		t.Errorf("library: %q", out)
	}
	if code, _, _ := runCLI(t, "remove", "vns"); code != 0 {
		t.Error("remove failed")
	}
	if code, _, errs := runCLI(t, "remove", "vns"); code != 1 || !strings.Contains(errs, "not in the library") {
		t.Errorf("remove twice: %d %q", code, errs)
	}
	if code, _, _ := runCLI(t, "list", "UN calls for joint action to end violence"); code != 1 {
		t.Error("removed capture still read")
	}
}

// A file name is untrusted text: one holding escape sequences is printed spelled out, so it can
// neither retitle the window nor clear the screen, on stderr (warnings, errors) or stdout (add,
// library, remove).
func TestFileNamesWithEscapesPrintAsText(t *testing.T) {
	_, _ = isolate(t)
	dir := t.TempDir()
	evil := "e\x1b]0;PWNED\x07\x1b[2J\u009b2Jx.txt"
	if err := os.WriteFile(filepath.Join(dir, evil), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	seed, err := os.ReadFile(filepath.Join("data", "seeds", "000_82d92ce90daeddfc.txt"))
	if err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(t.TempDir(), "g\x1b[2Jood.txt")
	if err := os.WriteFile(good, seed, 0o600); err != nil {
		t.Fatal(err)
	}
	runs := [][]string{
		{"--data", dir, "list"},                             // the empty capture's warning
		{"--data", filepath.Join(dir, "no\x1b[2J"), "list"}, // a missing path
		{"add", filepath.Join(dir, evil), good},
		{"library"},
		{"remove", "gone\x1b[2J.txt"},
	}
	for _, args := range runs {
		_, out, errs := runCLI(t, args...)
		for _, s := range []string{out, errs} {
			if strings.ContainsAny(s, "\x1b\x07\u009b") {
				t.Errorf("unvn %q printed a raw escape: %q", args, s)
			}
		}
		// The library keeps a cleaned name; everything else names the file as given.
		want := `\x1b[2J`
		if args[0] == "library" {
			want = "good.txt"
		}
		if !strings.Contains(out+errs, want) {
			t.Errorf("unvn %q does not name the file: out %q, err %q", args, out, errs)
		}
	}
}
