package cache

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"unvn/data"
	"unvn/internal/synth"
	"unvn/store"
)

// library is a folder of captures for a test: the embedded ones plus files written by the test.
type library struct {
	t     *testing.T
	dir   string // the captures
	cache string // the cache folder
	mu    sync.Mutex
	warns []string

	want      []byte // the reference answers, until the library changes
	wantWarns []data.Warning
}

func newLibrary(t *testing.T, n int) *library {
	t.Helper()
	l := &library{t: t, dir: t.TempDir(), cache: t.TempDir()}
	if err := synth.WriteCaptures(l.dir, n, 4, 1); err != nil {
		t.Fatal(err)
	}
	// An empty, a binary and an unreadable capture: warnings that must survive the cache.
	l.write("empty.txt", nil)
	l.write("binary.txt", []byte("\x00\x01\x02 not text"))
	if err := syscall.Mkfifo(filepath.Join(l.dir, "fifo.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	l.age()
	return l
}

// write writes a capture as unvn add does, by renaming a complete file into place: a reader
// racing it reads the old capture or the new one.
func (l *library) write(name string, raw []byte) {
	l.t.Helper()
	l.want = nil
	tmp := filepath.Join(l.dir, "."+name+".tmp")
	if err := os.WriteFile(tmp, raw, 0o644); err != nil {
		l.t.Fatal(err)
	}
	if err := os.Rename(tmp, filepath.Join(l.dir, name)); err != nil {
		l.t.Fatal(err)
	}
}

// age dates every capture an hour back, as captures added long before the cache was made are:
// then their size and time alone say they are unchanged (see racyWindow).
func (l *library) age() {
	files, _ := filepath.Glob(filepath.Join(l.dir, "*.txt"))
	old := time.Now().Add(-time.Hour)
	for _, f := range files {
		if err := os.Chtimes(f, old, old); err != nil {
			l.t.Fatal(err)
		}
	}
}

func (l *library) sources() []Source {
	files, warns, err := Files([]string{l.dir})
	if err != nil || len(warns) > 0 {
		l.t.Fatal(err, warns)
	}
	return append(Embedded(), files...)
}

func (l *library) path() string { return filepath.Join(l.cache, "library.idx") }

func (l *library) load() *Library {
	l.t.Helper()
	lib, err := Load(l.sources(), Options{Dir: l.cache, Warn: func(m string) {
		l.mu.Lock()
		l.warns = append(l.warns, m)
		l.mu.Unlock()
	}})
	if err != nil {
		l.t.Fatal(err)
	}
	return lib
}

// takeWarnings returns the cache warnings so far and forgets them.
func (l *library) takeWarnings() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	w := l.warns
	l.warns = nil
	return w
}

// reference is what parsing every capture afresh gives, with no cache: the answer to match,
// and each capture's warning in order.
func (l *library) reference() ([]byte, []data.Warning) {
	l.t.Helper()
	var caps []data.Capture
	var warns []data.Warning
	for _, s := range l.sources() {
		raw := s.Raw
		if s.Path != "" {
			var err error
			if raw, _, err = data.ReadCapture(s.Path); err != nil {
				warns = append(warns, data.Warning{Snapshot: s.Name, Message: err.Error()})
				continue
			}
		}
		c := data.Capture{Name: s.Name, Raw: raw}
		caps = append(caps, c)
		warns = append(warns, data.Build([]data.Capture{c}).Warnings...)
	}
	return canon(l.t, store.New(data.Build(caps).Articles)), warns
}

// canon writes down everything a store answers: every article whole (with its themes' terms),
// in order, and the hits and scores of queries of every kind.
func canon(t *testing.T, s *store.Store) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	for _, h := range s.Articles() {
		a := s.Full(h)
		if err := enc.Encode(a); err != nil {
			t.Fatal(err)
		}
		enc.Encode(a.Themes)
	}
	for _, qs := range []string{"women", "boarding", "theme:hiv", `"one-stop shop"`, "viet -hiv kind:story", "year:2020 theme:climate,gbv"} {
		q, err := store.Parse(qs)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range s.Search(q, nil).Hits {
			fmt.Fprintf(&b, "%s %s %v %q\n", qs, h.Article.ID, h.Score, h.Snippet)
		}
		// The heads as list reads them: all at once, in the store's order, into one article.
		hits := s.Find(q, nil).Hits
		heads := make([]string, len(hits))
		s.EachHead(hits, func(i int, a *data.Article) { heads[i] = headLine(a) })
		for i, h := range heads {
			if h == "" || h != headLine(hits[i].Head()) {
				t.Errorf("%s: EachHead gives hit %d as %q, Head as %q", qs, i, h, headLine(hits[i].Head()))
			}
		}
		fmt.Fprintln(&b, strings.Join(heads, "\n"))
	}
	return b.Bytes()
}

// headLine is everything of a's head, on one line.
func headLine(a *data.Article) string {
	var themes []string
	for _, t := range a.Themes {
		themes = append(themes, t.ID)
	}
	return fmt.Sprintf("%s|%s|%s|%s|%s|%s|%s|%v|%v|%v", a.ID, a.Kind, a.Date, a.Title, a.Source, a.Snapshot,
		a.URL, a.Teaser, a.TitleMade, themes)
}

// check says whether lib answers as parsing afresh does (the reference made last, when the
// library has not changed since), warnings included.
func (l *library) check(lib *Library, what string) {
	l.t.Helper()
	if l.want == nil {
		l.want, l.wantWarns = l.reference()
	}
	want, warns := l.want, l.wantWarns
	if got := canon(l.t, lib.Store); !bytes.Equal(got, want) {
		l.t.Errorf("%s: the store answers differently from a fresh parse (%d vs %d bytes of answers)", what, len(got), len(want))
	}
	// Letting go of the cache's pages, at once or as each search is done, changes nothing but
	// memory.
	lib.DropPages()
	if got := canon(l.t, lib.Store); !bytes.Equal(got, want) {
		l.t.Errorf("%s: after DropPages the store answers differently from a fresh parse", what)
	}
	lib.Frugal()
	if got := canon(l.t, lib.Store); !bytes.Equal(got, want) {
		l.t.Errorf("%s: a frugal store answers differently from a fresh parse", what)
	}
	if fmt.Sprint(lib.Warnings) != fmt.Sprint(warns) {
		l.t.Errorf("%s: warnings %v, want %v", what, lib.Warnings, warns)
	}
}

// TestScanHeadsInSmallWindows: heads read a few at a time, or one at a time when one is larger
// than the window, are the heads.
func TestScanHeadsInSmallWindows(t *testing.T) {
	l := newLibrary(t, 6)
	l.load()
	for _, w := range []uint64{1, 200, 1000} {
		scanWindow = w
		l.check(l.load(), fmt.Sprintf("window of %d bytes", w))
	}
	scanWindow = 256 << 10
}

func TestCacheAnswersAsAFreshParse(t *testing.T) {
	l := newLibrary(t, 12)
	first := l.load()
	if first.Cached || first.Parsed != 5+14 {
		t.Errorf("first load: cached %v, parsed %d; want a parse of all 19 captures", first.Cached, first.Parsed)
	}
	l.check(first, "first load")
	second := l.load()
	if !second.Cached || second.Parsed != 0 {
		t.Errorf("second load: cached %v, parsed %d; want it all from the cache", second.Cached, second.Parsed)
	}
	l.check(second, "second load")
	if w := l.takeWarnings(); len(w) > 0 {
		t.Errorf("warnings about a sound cache: %v", w)
	}
}

// TestOnlyChangedCapturesAreParsed counts the captures each load parses as the library changes.
func TestOnlyChangedCapturesAreParsed(t *testing.T) {
	l := newLibrary(t, 12)
	l.load()
	steps := []struct {
		what   string
		change func()
		parsed int
	}{
		{"nothing changed", func() {}, 0},
		{"one capture touched", func() {
			f := filepath.Join(l.dir, "00003.txt")
			then := time.Now().Add(-30 * time.Minute)
			os.Chtimes(f, then, then)
		}, 0}, // same bytes: hashed, not parsed
		{"one capture changed", func() { l.write("00004.txt", synth.Capture(400, 4, 1)) }, 1},
		{"one capture added", func() { l.write("00100.txt", synth.Capture(100, 4, 1)) }, 1},
		{"one capture removed", func() { os.Remove(filepath.Join(l.dir, "00005.txt")); l.want = nil }, 0},
		{"one capture emptied", func() { l.write("00006.txt", []byte("  \n")) }, 1},
	}
	for _, s := range steps {
		s.change()
		lib := l.load()
		if lib.Parsed != s.parsed {
			t.Errorf("%s: parsed %d captures, want %d", s.what, lib.Parsed, s.parsed)
		}
		l.check(lib, s.what)
		if s.what == "one capture touched" && lib.Rehashed != 1 {
			t.Errorf("%s: %d captures hashed, want 1", s.what, lib.Rehashed)
		}
		// and the next load takes it all from the cache; a touched capture is not read again
		again := l.load()
		if !again.Cached || again.Parsed != 0 {
			t.Errorf("%s: the load after is cached %v, parsed %d", s.what, again.Cached, again.Parsed)
		}
		if s.what == "one capture touched" && again.Rehashed != 0 {
			t.Errorf("%s: the load after hashed %d captures again", s.what, again.Rehashed)
		}
	}
}

// TestDamagedCacheIsRebuilt damages the cache file in every way we can think of and checks that
// the answers are right every time, that it is said, and that the cache is sound again after.
func TestDamagedCacheIsRebuilt(t *testing.T) {
	l := newLibrary(t, 4)
	l.load()
	sound, err := os.ReadFile(l.path())
	if err != nil {
		t.Fatal(err)
	}
	img, err := openFile(l.path())
	if err != nil {
		t.Fatal(err)
	}
	secAt := func(s int) int { // the offset of a byte inside section s
		return int(binary.LittleEndian.Uint64(sound[24+s*24:])) + len(img.sec[s])/2
	}
	flip := func(at int) func([]byte) []byte {
		return func(b []byte) []byte { b[at] ^= 0x5a; return b }
	}
	damages := map[string]func([]byte) []byte{
		"empty":               func([]byte) []byte { return nil },
		"cut in the header":   func(b []byte) []byte { return b[:100] },
		"cut in half":         func(b []byte) []byte { return b[:len(b)/2] },
		"cut by a byte":       func(b []byte) []byte { return b[:len(b)-1] },
		"a byte more":         func(b []byte) []byte { return append(b, 0) },
		"all garbage":         func(b []byte) []byte { return bytes.Repeat([]byte("garbage!"), len(b)/8) },
		"garbage in the head": func(b []byte) []byte { copy(b[30:], "garbage"); return b },
		"another parser": func(b []byte) []byte {
			binary.LittleEndian.PutUint32(b[12:], data.ParserVersion+1)
			return b
		},
		"another format": func(b []byte) []byte {
			binary.LittleEndian.PutUint32(b[8:], formatVersion+1)
			return b
		},
		"a byte of the manifest": flip(secAt(secManifest)),
		"a byte of a head":       flip(secAt(secHeads)),
		"a byte of a body":       flip(secAt(secBodies)),
		"a byte of a body's CRC": flip(secAt(secBodyCRC)),
		"a byte of the doc ids":  flip(secAt(secDocIDs)),
		"a byte of a doc's head": flip(secAt(secDocHeads)),
		"a byte of the index":    flip(secAt(secIndex)),
		"the last byte":          flip(len(sound) - 1),
	}
	for what, damage := range damages {
		if err := os.WriteFile(l.path(), damage(append([]byte(nil), sound...)), 0o600); err != nil {
			t.Fatal(err)
		}
		lib := l.load()
		l.check(lib, what) // decodes every body, which finds a damaged one
		if w := l.takeWarnings(); len(w) == 0 {
			t.Errorf("%s: no warning", what)
		}
		if lib.Cached && what != "a byte of a body" && what != "a byte of a body's CRC" {
			t.Errorf("%s: the damaged cache was used", what)
		}
		again := l.load()
		if lib.Cached { // a body found damaged removes the file: this load rebuilt it
			again = l.load()
		}
		if !again.Cached || again.Parsed != 0 {
			t.Errorf("%s: the load after is cached %v, parsed %d; want the cache rebuilt", what, again.Cached, again.Parsed)
		}
		l.check(again, what+", then rebuilt")
		if w := l.takeWarnings(); len(w) > 0 {
			t.Errorf("%s: warnings after the rebuild: %v", what, w)
		}
	}
}

// TestConcurrentWriters: loads racing each other while the library changes under them (each
// rewriting the cache) always answer for one of the library's states, never a mix, and leave a
// sound cache.
func TestConcurrentWriters(t *testing.T) {
	l := newLibrary(t, 6)
	versions := [][]byte{synth.Capture(2, 4, 1), synth.Capture(900, 4, 1)}
	var wants [][]byte
	for _, v := range versions {
		l.write("00002.txt", v)
		want, _ := l.reference()
		wants = append(wants, want)
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 4 {
				if g == 0 { // the one that changes the capture between loads
					l.write("00002.txt", versions[i%2])
				}
				lib := l.load()
				got := canon(t, lib.Store)
				if !bytes.Equal(got, wants[0]) && !bytes.Equal(got, wants[1]) {
					t.Errorf("loader %d, round %d: the answers match neither state of the library", g, i)
				}
			}
		})
	}
	wg.Wait()
	if w := l.takeWarnings(); len(w) > 0 {
		t.Errorf("racing loads warned: %v", w)
	}
	lib := l.load()
	if !lib.Cached {
		t.Error("the cache is not sound after the race")
	}
	l.check(lib, "after the race")
}

// A --data folder's saved and fetched web pages are captures too, as data.Load reads them.
func TestFilesReadsWebPages(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.txt", "b.html", "c.htm", "notes.md"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	srcs, warns, err := Files([]string{dir})
	if err != nil || len(warns) != 0 {
		t.Fatalf("Files: %v %v", warns, err)
	}
	var names []string
	for _, s := range srcs {
		names = append(names, filepath.Base(s.Path))
	}
	if strings.Join(names, " ") != "a.txt b.html c.htm" {
		t.Errorf("captures found: %v", names)
	}
}

// TestLoadFromListing: LoadFrom gives the listing's warnings first and the library as Load does;
// a listing that fails is the error, with no word about the cache, even a damaged one.
func TestLoadFromListing(t *testing.T) {
	l := newLibrary(t, 3)
	l.load()
	listWarn := data.Warning{Snapshot: "somewhere", Message: "folder has no captures"}
	var warned []string
	opts := Options{Dir: l.cache, Warn: func(m string) { warned = append(warned, m) }}
	lib, err := LoadFrom(func() ([]Source, []data.Warning, error) {
		return l.sources(), []data.Warning{listWarn}, nil
	}, opts)
	if err != nil || !lib.Cached || len(lib.Warnings) == 0 || lib.Warnings[0] != listWarn {
		t.Fatalf("LoadFrom: %v, cached %v, warnings %v; want the cache and the listing's warning first", err, lib != nil && lib.Cached, lib.Warnings)
	}
	l.check(&Library{Store: lib.Store, Warnings: lib.Warnings[1:]}, "LoadFrom")

	if err := os.WriteFile(l.path(), []byte("garbage"), 0o600); err != nil {
		t.Fatal(err)
	}
	bad := errors.New("no such folder")
	lib, err = LoadFrom(func() ([]Source, []data.Warning, error) { return nil, nil, bad }, opts)
	if err != bad || lib != nil || len(warned) > 0 {
		t.Errorf("a failed listing: %v, %v, warnings %q; want the listing's error alone", lib, err, warned)
	}
}
