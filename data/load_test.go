package data

import (
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
)

// BuildMatching may skip a capture only when none of its articles could match: every article of
// the full build whose text holds the needles is still there.
func TestBuildMatchingKeepsEveryMatch(t *testing.T) {
	var caps []Capture
	for _, dir := range []string{seedDir, "testdata"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
		for _, f := range files {
			raw, _ := os.ReadFile(f)
			caps = append(caps, Capture{Name: f, Raw: raw})
		}
	}
	caps = append(caps, Capture{Name: "entity.txt", Raw: []byte("Story\n01 May 2024\nA caf&eacute; in Ha&#771;\nThe caf&eacute; opened.\n")})
	full := Build(caps)
	for _, need := range [][]string{{"pomelo"}, {"dang", "quoc"}, {"cafe"}, {"ha", "noi"}, {"sogie"}, {"hiv", "prep"}, {"zzz"}} {
		got := map[string]bool{}
		c := BuildMatching(caps, need)
		for _, a := range c.Articles {
			got[a.ID] = true
		}
		for _, a := range full.Articles {
			text := Fold(a.Title + "\n" + allText(&a))
			all := true
			for _, n := range need {
				all = all && strings.Contains(text, n)
			}
			if all && !got[a.ID] {
				t.Errorf("need %q: %s was skipped", need, a.ID)
			}
		}
		if need[0] == "zzz" && len(c.Articles) != 0 {
			t.Errorf("need zzz: %d articles parsed", len(c.Articles))
		}
		if need[0] == "pomelo" && len(c.Articles) >= len(full.Articles) {
			t.Error("need pomelo: nothing was skipped")
		}
	}
}

func TestSnapshotNameIsFlattened(t *testing.T) {
	arts := ParseSnapshot("/x/e\x1b[31mvil.txt", []byte("Story\n01 May 2024\nA title here\nBody text.\n"))
	if len(arts) != 1 || arts[0].Snapshot != "evil.txt" {
		t.Errorf("snapshot name %q", arts[0].Snapshot)
	}
}

// CaptureFiles reads the folder once; it lists what the three globs listed, in the same order.
func TestCaptureFilesListsWhatTheGlobsListed(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"b.txt", "a.html", "c.htm", ".txt", "d.TXT", "e.text", "f.txt.bak", "g.html.txt", "Z.htm", "h.txtx"} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "sub.txt"), 0o755); err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, p := range []string{"*.txt", "*.html", "*.htm"} {
		m, _ := filepath.Glob(filepath.Join(dir, p))
		want = append(want, m...)
	}
	sort.Strings(want)
	got, err := CaptureFiles(dir)
	if err != nil || !slices.Equal(got, want) {
		t.Errorf("CaptureFiles = %q, %v; the globs list %q", got, err, want)
	}
	if got, err := CaptureFiles(filepath.Join(dir, "missing")); got != nil || err != nil {
		t.Errorf("a missing folder: %q, %v; want none and no error, as the globs", got, err)
	}
}
