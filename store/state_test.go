package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestStatePathFollowsXDG(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_STATE_HOME", dir)
	if got := StatePath(); got != filepath.Join(dir, "unvn", "state.json") {
		t.Errorf("StatePath() = %q", got)
	}
}

func TestStateRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "unvn", "state.json")
	s, warns := OpenState(path)
	if len(warns) != 0 {
		t.Fatalf("fresh state warned: %v", warns)
	}
	s.SetRead("a", true)
	s.SetStarred("b", true)
	s.SetPosition("a", 7)
	s.SetLastQuery("hiv", []string{"hiv", "lgbti"})
	if err := s.Flush(); err != nil {
		t.Fatal(err)
	}
	r, _ := OpenState(path)
	if !r.IsRead("a") || r.IsRead("b") || !r.IsStarred("b") || r.IsStarred("a") {
		t.Error("marks lost")
	}
	if p, ok := r.Position("a"); !ok || p != 7 {
		t.Errorf("position = %d, %v", p, ok)
	}
	if q, th := r.LastQuery(); q != "hiv" || len(th) != 2 {
		t.Errorf("last query = %q %v", q, th)
	}
	r.SetRead("a", false)
	if r.IsRead("a") {
		t.Error("SetRead(false) did not unmark")
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("state file mode: %v %v", fi.Mode(), err)
	}
}

func TestCorruptStateMovedAside(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "state.json")
	if err := os.WriteFile(path, []byte(`{"format":1,"read":{"a":`), 0o600); err != nil {
		t.Fatal(err)
	}
	s, warns := OpenState(path)
	if len(warns) != 1 || !strings.Contains(warns[0], "corrupt") || !strings.Contains(warns[0], "state.json.bad-") {
		t.Fatalf("warnings = %v", warns)
	}
	bad, _ := filepath.Glob(filepath.Join(dir, "state.json.bad-*"))
	if len(bad) != 1 {
		t.Fatalf("moved-aside files: %v", bad)
	}
	if raw, _ := os.ReadFile(bad[0]); string(raw) != `{"format":1,"read":{"a":` {
		t.Error("the corrupt file's content was not kept")
	}
	s.SetRead("x", true)
	if err := s.Flush(); err != nil {
		t.Fatalf("fresh state cannot save: %v", err)
	}
}

func TestReadOnlyStateDir(t *testing.T) {
	if os.Getuid() == 0 {
		t.Skip("root can write to read-only directories")
	}
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(dir, 0o700)
	s, warns := OpenState(filepath.Join(dir, "state.json"))
	if len(warns) != 1 || !strings.Contains(warns[0], "without saving") {
		t.Fatalf("warnings = %v", warns)
	}
	s.SetRead("a", true)
	if !s.IsRead("a") {
		t.Error("marks must work in memory")
	}
	if err := s.Flush(); err == nil {
		t.Error("Flush should report that saving is off")
	}
}

func TestSaveDisabledWhenDirIsAFile(t *testing.T) {
	// Works as root too: a path whose parent is a regular file can never be written.
	file := filepath.Join(t.TempDir(), "notadir")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	s, warns := OpenState(filepath.Join(file, "state.json"))
	if len(warns) != 1 || s.SaveDisabled() == nil {
		t.Fatalf("warnings = %v", warns)
	}
	s.SetStarred("a", true)
	if !s.IsStarred("a") || s.Flush() == nil {
		t.Error("in-memory star lost or save did not fail")
	}
}

func TestInterruptedWriteKeepsPreviousState(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	s, _ := OpenState(path)
	s.SetRead("kept", true)
	if err := s.Flush(); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)

	crash := errors.New("killed mid-write")
	beforeReplace = func() error { return crash }
	defer func() { beforeReplace = func() error { return nil } }()
	s.SetRead("lost", true)
	if err := s.Flush(); !errors.Is(err, crash) {
		t.Fatalf("Flush = %v", err)
	}
	after, _ := os.ReadFile(path)
	if string(after) != string(before) {
		t.Error("an interrupted write changed the state file")
	}
	r, warns := OpenState(path)
	if len(warns) != 0 || !r.IsRead("kept") || r.IsRead("lost") {
		t.Errorf("previous state not intact: %v", warns)
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".state.json*"))
	if len(leftovers) != 0 {
		t.Errorf("temp files left: %v", leftovers)
	}
}

func TestTwoInstancesMerge(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	a, _ := OpenState(path)
	b, _ := OpenState(path)
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Add(2)
		go func() { defer wg.Done(); a.SetRead("a"+string(rune('a'+i)), true); _ = a.Save() }()
		go func() { defer wg.Done(); b.SetStarred("b"+string(rune('a'+i)), true); _ = b.Save() }()
	}
	wg.Wait()
	if err := a.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := b.Flush(); err != nil {
		t.Fatal(err)
	}
	r, warns := OpenState(path)
	if len(warns) != 0 {
		t.Fatalf("state corrupt after concurrent writes: %v", warns)
	}
	for i := range 20 {
		if !r.IsRead("a"+string(rune('a'+i))) || !r.IsStarred("b"+string(rune('a'+i))) {
			t.Fatalf("mark %d lost in the merge", i)
		}
	}
}

func TestNewerMarkWins(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	a, _ := OpenState(path)
	b, _ := OpenState(path)
	a.now = func() time.Time { return clock }
	b.now = func() time.Time { return clock.Add(time.Minute) }
	a.SetRead("x", true)
	b.SetRead("x", false) // later: unread wins
	_ = b.Save()
	_ = a.Save()
	r, _ := OpenState(path)
	if r.IsRead("x") {
		t.Error("the older mark overwrote the newer one")
	}
}

func TestSaveSoonDebounces(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	s, _ := OpenState(path)
	s.SetRead("a", true)
	s.SaveSoon(time.Hour)
	if _, err := os.Stat(path); err == nil {
		t.Fatal("saved before the debounce delay")
	}
	if err := s.Flush(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatal("Flush did not save")
	}
}

func TestStateMarksFilterQueries(t *testing.T) {
	st := New(testArticles())
	path := filepath.Join(t.TempDir(), "state.json")
	s, _ := OpenState(path)
	all := st.Articles()
	s.SetRead(all[0].ID, true)
	s.SetStarred(all[1].ID, true)
	unread := st.Search(mustParse(t, "is:unread"), s)
	starred := st.Search(mustParse(t, "is:starred"), s)
	if unread.Total != len(all)-1 || starred.Total != 1 || starred.Hits[0].Article.ID != all[1].ID {
		t.Errorf("unread %d starred %d of %d", unread.Total, starred.Total, len(all))
	}
}
