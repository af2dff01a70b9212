package data

import (
	"os"
	"path/filepath"
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
