package data

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLibrary(t *testing.T) {
	home := t.TempDir()
	t.Setenv("XDG_DATA_HOME", home)
	if LibraryDir() != filepath.Join(home, "unvn", "snapshots") {
		t.Fatalf("LibraryDir = %s", LibraryDir())
	}
	if files, err := LibraryFiles(); err != nil || len(files) != 0 {
		t.Fatalf("empty library: %v %v", files, err)
	}
	if c, _ := LoadDefault(); len(c.Articles) != 27 {
		t.Fatalf("default corpus without a library: %d articles", len(c.Articles))
	}

	src := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(src, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	fixture, err := os.ReadFile(filepath.Join("testdata", "vns.txt"))
	if err != nil {
		t.Fatal(err)
	}
	known := TitleKeys(Embedded().Articles)
	res, err := AddToLibrary(write("vns.txt", string(fixture)), known)
	if err != nil || res.Name != "vns.txt" || res.Articles != 1 || res.New != 1 || res.Existed {
		t.Fatalf("add: %+v %v", res, err)
	}
	// The same file again: already there, nothing new.
	res, err = AddToLibrary(filepath.Join(src, "vns.txt"), known)
	if err != nil || !res.Existed || res.New != 0 {
		t.Fatalf("re-add: %+v %v", res, err)
	}
	// A seed under another name: a new file, but its articles were already readable.
	seed, _ := os.ReadFile(filepath.Join(seedDir, "004_994f2c2b6f35153f.txt"))
	res, err = AddToLibrary(write("copy.txt", string(seed)), known)
	if err != nil || res.Existed || res.Articles != 1 || res.New != 0 {
		t.Fatalf("add a known article: %+v %v", res, err)
	}
	// Same name, other content: kept beside it.
	other := filepath.Join(t.TempDir(), "vns.txt")
	_ = os.WriteFile(other, seed, 0o644)
	if res, err = AddToLibrary(other, known); err != nil || res.Name != "vns-2.txt" {
		t.Fatalf("name clash: %+v %v", res, err)
	}
	// Bad captures are refused with their name.
	for _, bad := range []string{write("empty.txt", ""), write("bin.txt", "\x00\x01\x02"), write("chrome.txt", "Log in\nMenu\n")} {
		if _, err := AddToLibrary(bad, known); err == nil || !strings.Contains(err.Error(), bad) {
			t.Errorf("AddToLibrary(%s) = %v", bad, err)
		}
	}

	files, _ := LibraryFiles()
	if len(files) != 3 {
		t.Fatalf("library files: %+v", files)
	}
	c, _ := LoadDefault()
	if len(c.Articles) != 28 || len(c.Warnings) != 0 {
		t.Errorf("default corpus with the library: %d articles, %v", len(c.Articles), c.Warnings)
	}
	if err := RemoveFromLibrary("vns"); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"vns", "../x", ""} {
		if err := RemoveFromLibrary(bad); err == nil {
			t.Errorf("RemoveFromLibrary(%q) succeeded", bad)
		}
	}
	if files, _ := LibraryFiles(); len(files) != 2 {
		t.Errorf("after remove: %+v", files)
	}
}

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

func TestLibraryNamesAreSafe(t *testing.T) {
	cases := map[string]string{
		"vns.txt": "vns.txt", "report 2024.txt": "report-2024.txt", "e\x1b]0;PWNED\x07\x1b[2Jx.txt": "ex.txt",
		"Hà Nội.txt": "Hà-Nội.txt", "..txt": "capture.txt", "notes": "notes.txt",
	}
	for in, want := range cases {
		if got := libraryName(in); got != want {
			t.Errorf("libraryName(%q) = %q, want %q", in, got, want)
		}
	}
	arts := ParseSnapshot("/x/e\x1b[31mvil.txt", []byte("Story\n01 May 2024\nA title here\nBody text.\n"))
	if len(arts) != 1 || arts[0].Snapshot != "evil.txt" {
		t.Errorf("snapshot name %q", arts[0].Snapshot)
	}
}
