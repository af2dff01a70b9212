package main

// Hostile input against the built binary: escape and bidi injection in file names and in every
// field of a capture, broken state files of each kind, a killed save, signals. Each case asserts
// outcomes (nothing a terminal would obey comes out, the state stays readable, nothing good is
// lost), never how long anything took; memory and time are in the benchmarks.

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"unvn/internal/tmuxtest"
	"unvn/termsafe"
)

// hostileNames are capture names that carry what a terminal would obey: ESC and C1 sequences,
// DEL, bidi controls, a newline that would forge a line of its own.
var hostileNames = []string{
	"esc\x1b[2J\x1b]0;PWNED\x07.txt",
	"c1\u009b31m.txt",
	"osc\u009d0;PWNED\u009c.txt",
	"del\x7f.txt",
	"rlo\u202etxt.exe.txt",
	"alm\u061c\u2066\u200f.txt",
	"nl_name\ninjected line.txt",
}

// hostileText is laced into every field of a capture.
const hostileText = "\x1b[2J\x1b]0;PWNED\x07\u009b31m\u009d0;PWNED\u009c\x7f\u202e\u061c\u2067\u200e&#27;[2J&#x9b;1m"

type binary struct {
	t    *testing.T
	path string
	env  []string
}

// buildBinary builds unvn once for the test, with its state and library in temp dirs.
func buildBinary(t *testing.T) *binary {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary: skipped in -short mode")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "unvn")
	build := exec.Command("go", "build", "-o", bin, ".")
	// TestMain points XDG_CACHE_HOME at an empty temp dir, and with it Go's build cache: build
	// with the usual one, or every run compiles every dependency again (minutes, not seconds).
	build.Env = slices.DeleteFunc(os.Environ(), func(e string) bool { return strings.HasPrefix(e, "XDG_CACHE_HOME=") })
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return &binary{t: t, path: bin}
}

// isolated is the binary with fresh state, library and temp directories.
func (b *binary) isolated(t *testing.T) (*binary, string) {
	home := t.TempDir()
	for _, d := range []string{"state", "data", "tmp"} {
		if err := os.MkdirAll(filepath.Join(home, d), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	return &binary{t: t, path: b.path, env: []string{
		"HOME=" + home, "XDG_STATE_HOME=" + filepath.Join(home, "state"),
		"XDG_DATA_HOME=" + filepath.Join(home, "data"), "TMPDIR=" + filepath.Join(home, "tmp"),
		"PATH=" + os.Getenv("PATH"), "NO_COLOR=1",
	}}, home
}

// run runs the binary and returns its exit status, stdout and stderr.
func (b *binary) run(args ...string) (int, string, string) {
	b.t.Helper()
	cmd := exec.Command(b.path, args...)
	cmd.Env = b.env
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		b.t.Fatal(err)
	}
	return code, out.String(), errb.String()
}

// assertInert fails if s holds anything a terminal would act on.
func assertInert(t *testing.T, what, s string) {
	t.Helper()
	if i := strings.IndexFunc(s, termsafe.Unsafe); i >= 0 {
		t.Errorf("%s: %U reaches the terminal at %q", what, []rune(s[i:])[0], s[max(0, i-20):min(len(s), i+20)])
	}
}

func seedCapture(t *testing.T) []byte {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("data", "seeds", "000_82d92ce90daeddfc.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func TestRobustness(t *testing.T) {
	bin := buildBinary(t)

	t.Run("hostile file names", func(t *testing.T) {
		b, home := bin.isolated(t)
		dir := filepath.Join(home, "captures")
		if err := os.Mkdir(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		var bad []string
		for _, n := range hostileNames {
			p := filepath.Join(dir, n)
			if err := os.WriteFile(p, nil, 0o600); err != nil {
				t.Fatal(err)
			}
			bad = append(bad, p)
		}
		if err := os.WriteFile(filepath.Join(dir, "good.txt"), seedCapture(t), 0o600); err != nil {
			t.Fatal(err)
		}
		for _, args := range [][]string{
			{"list"}, {"list", "--format", "json"}, {"export"}, {"export", "--format", "markdown"},
			{"themes"}, {"show", "sogie"}, {"add", bad[0], bad[6]}, {"mark-read", "sogie"},
		} {
			args = append([]string{"--data", dir}, args...)
			code, out, errs := b.run(args...)
			if code != 0 && args[2] != "add" {
				t.Errorf("unvn %q: exit %d, stderr %q", args, code, errs)
			}
			assertInert(t, fmt.Sprintf("unvn %q stdout", args), out)
			assertInert(t, fmt.Sprintf("unvn %q stderr", args), errs)
			for _, l := range strings.Split(errs, "\n") {
				if strings.HasPrefix(l, "injected line") {
					t.Errorf("unvn %q: a file name forged a line of its own on stderr: %q", args, l)
				}
			}
			if args[2] == "list" && !strings.Contains(errs, `nl_name\ninjected line.txt: empty file`) {
				t.Errorf("unvn %q: the warning does not name the file: %q", args, errs)
			}
			if strings.Contains(strings.Join(args, " "), "json") || (args[2] == "export" && len(args) == 3) {
				// The names come back exactly to a program reading the JSON.
				var doc struct{ Warnings []struct{ Snapshot string } }
				if err := json.Unmarshal([]byte(out), &doc); err != nil {
					t.Fatalf("unvn %q: %v", args, err)
				}
				var got []string
				for _, w := range doc.Warnings {
					got = append(got, w.Snapshot)
				}
				slices.Sort(got)
				want := slices.Sorted(slices.Values(bad))
				if !slices.Equal(got, want) {
					t.Errorf("unvn %q: warnings name %q, want %q", args, got, want)
				}
			}
		}
	})

	t.Run("hostile text in every field", func(t *testing.T) {
		b, home := bin.isolated(t)
		capture := filepath.Join(home, "hostile.txt")
		raw := "Story\n01 May 2024\nTitle " + hostileText + " unvnhostile\n" +
			"HANOI " + hostileText + " — Body " + hostileText + " text [1].\n" +
			"## Heading " + hostileText + "\n- item " + hostileText + "\n" +
			"References:\n[1] Note " + hostileText + " https://example.org/" + hostileText + "\n"
		if err := os.WriteFile(capture, []byte(raw), 0o600); err != nil {
			t.Fatal(err)
		}
		for _, args := range [][]string{
			{"list"}, {"list", "--format", "json"}, {"export"}, {"export", "--format", "markdown"},
			{"show", "unvnhostile"}, {"themes"},
		} {
			args = append([]string{"--data", capture}, args...)
			code, out, errs := b.run(args...)
			if code != 0 || !strings.Contains(out, "unvnhostile") && args[2] != "themes" {
				t.Errorf("unvn %q: exit %d, stdout %q, stderr %q", args, code, out, errs)
			}
			assertInert(t, fmt.Sprintf("unvn %q stdout", args), out)
			assertInert(t, fmt.Sprintf("unvn %q stderr", args), errs)
			if strings.Contains(out, "PWNED") && !strings.Contains(out, "0;PWNED") {
				t.Errorf("unvn %q: the title sequence survived: %q", args, out)
			}
		}
	})

	t.Run("broken state files", func(t *testing.T) {
		good := `"read":{"` + hivStory + `":{"on":true,"at":"2026-01-02T03:04:05Z"}}`
		cases := map[string]struct {
			content   string
			movedAway bool
		}{
			"time is garbage":   {`{"format":1,"starred":{"x":{"on":true,"at":"garbage"}},` + good + `}`, false},
			"time is a number":  {`{"format":1,"starred":{"x":{"on":true,"at":12}},` + good + `}`, false},
			"query_at":          {`{"format":1,"query_at":"yesterday",` + good + `}`, false},
			"not json":          {"garbage\x00", true},
			"another format":    {`{"format":9}`, true},
			"truncated":         {`{"format":1,"read":{"a":{"on":tr`, true},
			"escape in a query": {`{"format":1,"last_query":"\u001b]0;PWNED\u0007\u202e",` + good + `}`, false},
		}
		for name, tc := range cases {
			t.Run(name, func(t *testing.T) {
				b, home := bin.isolated(t)
				path := filepath.Join(home, "state", "unvn", "state.json")
				if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(tc.content), 0o600); err != nil {
					t.Fatal(err)
				}
				const target = "2024-11-30-voices-from-the-transgender-community-respect-is-the"
				for run := 0; run < 2; run++ { // the second run must be as good as the first
					code, out, errs := b.run("mark-read", "transgender community respect")
					if code != 0 || !strings.Contains(out, "marked read") || strings.Contains(errs, "could not save") ||
						strings.Contains(errs, "without saving") {
						t.Fatalf("run %d: exit %d, stdout %q, stderr %q", run, code, out, errs)
					}
					assertInert(t, "stderr", errs)
				}
				raw, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				var doc struct{ Read map[string]any }
				if err := json.Unmarshal(raw, &doc); err != nil {
					t.Fatalf("state unreadable after the runs: %v", err)
				}
				if _, ok := doc.Read[target]; !ok {
					t.Errorf("the new mark was not saved: %s", raw)
				}
				if _, ok := doc.Read[hivStory]; !ok && !tc.movedAway {
					t.Errorf("a good mark was lost: %s", raw)
				}
				aside, _ := filepath.Glob(path + ".bad-*")
				if tc.movedAway != (len(aside) == 1) {
					t.Errorf("moved aside: %v", aside)
				}
			})
		}
	})

	t.Run("killed save", func(t *testing.T) {
		b, home := bin.isolated(t)
		stateDir := filepath.Join(home, "state", "unvn")
		if code, _, errs := b.run("mark-read", hivStory); code != 0 {
			t.Fatalf("mark-read: %d %q", code, errs)
		}
		// A save killed between writing its pending file and renaming it leaves this behind.
		stale := filepath.Join(stateDir, ".state.json8201942263154310129")
		if err := os.WriteFile(stale, []byte(`{"format":1,"read":{"half-writ`), 0o600); err != nil {
			t.Fatal(err)
		}
		if code, _, errs := b.run("star", hivStory); code != 0 {
			t.Fatalf("star: %d %q", code, errs)
		}
		if _, err := os.Stat(stale); err == nil {
			t.Error("the stale pending file was not removed")
		}
		if left, _ := os.ReadDir(filepath.Join(home, "tmp")); len(left) != 0 {
			t.Errorf("saving used $TMPDIR: %v", left)
		}
		code, out, _ := b.run("list", "is:starred", "-is:unread")
		if code != 0 || !strings.Contains(out, hivStory) {
			t.Errorf("state lost: exit %d %q", code, out)
		}
	})

	t.Run("signals", func(t *testing.T) {
		tmuxtest.Available(t)
		for _, sig := range []struct {
			name string
			want int
		}{{"TERM", 143}, {"HUP", 129}, {"INT", 130}} {
			t.Run(sig.name, func(t *testing.T) {
				b, home := bin.isolated(t)
				status := filepath.Join(home, "status")
				s := tmuxtest.Start(t, 100, 30, append(b.env, "TERM=xterm-256color"),
					"sh", "-c", fmt.Sprintf("%s; echo $? > %s; sleep 30", b.path, status))
				s.WaitText("27 of 27 articles")
				s.Keys("Enter")           // open the first article: that marks it read
				s.WaitText("mark unread") // the article is open and marked read
				pid := s.ChildPID()
				if err := exec.Command("kill", "-"+sig.name, pid).Run(); err != nil {
					t.Fatal(err)
				}
				got := waitFile(t, status)
				if got != fmt.Sprint(sig.want) {
					t.Errorf("exit status %s after SIG%s, want %d", got, sig.name, sig.want)
				}
				raw, err := os.ReadFile(filepath.Join(home, "state", "unvn", "state.json"))
				if err != nil || !strings.Contains(string(raw), `"on": true`) {
					t.Errorf("the read mark was not saved before exiting: %v %s", err, raw)
				}
			})
		}
	})
}

// TestRobustnessLongCapture runs a 380 KB capture of 25,000 short paragraphs (the shape that
// once rendered to 180 times its size and took minutes) through show, on a pipe and on a
// terminal, and through the reader at several widths to its last line. It asserts outcomes; the
// memory and time are in the ui benchmarks (BenchmarkRenderLongArticle) and the README.
func TestRobustnessLongCapture(t *testing.T) {
	tmuxtest.Available(t)
	bin := buildBinary(t)
	b, home := bin.isolated(t)
	capture := filepath.Join(home, "long.txt")
	var raw strings.Builder
	raw.WriteString("Hanoi Times\nViet Nam expands unvnlong support for community health\n")
	words := []string{"women", "health", "climate", "youth", "rights"}
	const n = 25_000
	for i := range n {
		fmt.Fprintf(&raw, "Note %d %s.\n", i, words[i%len(words)])
	}
	if err := os.WriteFile(capture, []byte(raw.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	last := fmt.Sprintf("Note %d %s.", n-1, words[(n-1)%len(words)])

	code, out, errs := b.run("--data", capture, "show", "unvnlong")
	if code != 0 || !strings.Contains(out, last) {
		t.Fatalf("show on a pipe: exit %d, stderr %q, last paragraph there: %v", code, errs, strings.Contains(out, last))
	}

	env := append(b.env, "TERM=xterm-256color", "PAGER=")
	for _, w := range []int{60, 100} {
		status := filepath.Join(home, fmt.Sprintf("show-%d", w))
		s := tmuxtest.Start(t, w, 30, env, "sh", "-c", fmt.Sprintf("%s --data %s show unvnlong; echo $? > %s; sleep 30", b.path, capture, status))
		if got := waitFile(t, status); got != "0" {
			t.Fatalf("show on a %d-column terminal: exit %s", w, got)
		}
		if sc := s.Screen(); !strings.Contains(sc, last) {
			t.Errorf("show on a %d-column terminal does not end with the last paragraph:\n%s", w, sc)
		}
	}

	status := filepath.Join(home, "reader")
	s := tmuxtest.Start(t, 120, 40, env, "sh", "-c", fmt.Sprintf("%s --data %s; echo $? > %s; sleep 30", b.path, capture, status))
	s.WaitText("1 of 1 articles")
	s.Keys("Enter")
	s.WaitText("Note 0 women.")
	for _, w := range []int{70, 90, 110, 80, 100, 60, 120} {
		s.Resize(w, 40)
	}
	s.Keys("G")
	s.WaitText(last)
	s.Keys("q")
	if got := waitFile(t, status); got != "0" {
		t.Errorf("the reader exited %s", got)
	}
}

// waitFile waits for a file to be written and returns its trimmed content.
func waitFile(t *testing.T, path string) string {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		if raw, err := os.ReadFile(path); err == nil && strings.HasSuffix(string(raw), "\n") {
			return strings.TrimSpace(string(raw))
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s was never written", path)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
