package library

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"unvn/data"
)

func TestLibrary(t *testing.T) {
	home := t.TempDir()
	t.Setenv("XDG_DATA_HOME", home)
	if Dir() != filepath.Join(home, "unvn", "snapshots") {
		t.Fatalf("LibraryDir = %s", Dir())
	}
	if files, err := Files(); err != nil || len(files) != 0 {
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
	fixture, err := os.ReadFile(filepath.Join("..", "data", "testdata", "vns.txt"))
	if err != nil {
		t.Fatal(err)
	}
	known := data.TitleKeys(data.Embedded().Articles)
	res, err := Add(write("vns.txt", string(fixture)), known)
	if err != nil || res.Name != "vns.txt" || res.Articles != 1 || res.New != 1 || res.Existed {
		t.Fatalf("add: %+v %v", res, err)
	}
	// The same file again: already there, nothing new.
	res, err = Add(filepath.Join(src, "vns.txt"), known)
	if err != nil || !res.Existed || res.New != 0 {
		t.Fatalf("re-add: %+v %v", res, err)
	}
	// A seed under another name: a new file, but its articles were already readable.
	seed, _ := os.ReadFile(filepath.Join("..", "data", "seeds", "004_994f2c2b6f35153f.txt"))
	res, err = Add(write("copy.txt", string(seed)), known)
	if err != nil || res.Existed || res.Articles != 1 || res.New != 0 {
		t.Fatalf("add a known article: %+v %v", res, err)
	}
	// Same name, other content: kept beside it.
	other := filepath.Join(t.TempDir(), "vns.txt")
	_ = os.WriteFile(other, seed, 0o644)
	if res, err = Add(other, known); err != nil || res.Name != "vns-2.txt" {
		t.Fatalf("name clash: %+v %v", res, err)
	}
	// Bad captures are refused with their name.
	for _, bad := range []string{write("empty.txt", ""), write("bin.txt", "\x00\x01\x02"), write("chrome.txt", "Log in\nMenu\n")} {
		if _, err := Add(bad, known); err == nil || !strings.Contains(err.Error(), bad) {
			t.Errorf("Add(%s) = %v", bad, err)
		}
	}

	files, _ := Files()
	if len(files) != 3 {
		t.Fatalf("library files: %+v", files)
	}
	c, _ := LoadDefault()
	if len(c.Articles) != 28 || len(c.Warnings) != 0 {
		t.Errorf("default corpus with the library: %d articles, %v", len(c.Articles), c.Warnings)
	}
	if err := Remove("vns"); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"vns", "../x", ""} {
		if err := Remove(bad); err == nil {
			t.Errorf("Remove(%q) succeeded", bad)
		}
	}
	if files, _ := Files(); len(files) != 2 {
		t.Errorf("after remove: %+v", files)
	}
}

func TestLibraryNamesAreSafe(t *testing.T) {
	cases := map[string]string{
		"vns.txt": "vns.txt", "report 2024.txt": "report-2024.txt", "e\x1b]0;PWNED\x07\x1b[2Jx.txt": "ex.txt",
		"Hà Nội.txt": "Hà-Nội.txt", "..txt": "capture.txt", "notes": "notes.txt",
	}
	for in, want := range cases {
		if got := libraryName(in, ".txt"); got != want {
			t.Errorf("libraryName(%q) = %q, want %q", in, got, want)
		}
	}
}

// A page fetched again replaces its copy; another address that makes the same file name does not.
func TestAddPageKeepsOtherAddresses(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	page, err := os.ReadFile(filepath.Join("..", "data", "testdata", "html", "vietnamplus-story.html"))
	if err != nil {
		t.Fatal(err)
	}
	when := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	known := map[string]bool{}
	first, err := AddPage(page, "https://example.org/a?b", when, known)
	if err != nil || first.Name != "example.org-a-b.html" {
		t.Fatalf("add: %+v %v", first, err)
	}
	again, err := AddPage(page, "https://example.org/a?b", when.Add(time.Hour), known)
	if err != nil || !again.Existed {
		t.Errorf("the same page again: %+v %v", again, err)
	}
	newer := append([]byte("<!-- a newer copy -->\n"), page...)
	updated, err := AddPage(newer, "https://example.org/a?b", when.Add(time.Hour), known)
	if err != nil || !updated.Updated || updated.Name != first.Name {
		t.Errorf("a newer copy: %+v %v", updated, err)
	}
	other, err := AddPage(page, "https://example.org/a-b", when, known)
	if err != nil || other.Name != "example.org-a-b-2.html" || other.Updated {
		t.Errorf("another address with the same name: %+v %v", other, err)
	}
	files, _ := Files()
	if len(files) != 2 || files[1].Name != first.Name || files[1].URL != "https://example.org/a?b" || !files[1].Fetched.Equal(when.Add(time.Hour)) {
		t.Errorf("files %+v", files)
	}
}
