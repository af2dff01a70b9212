package store

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A bad entry in a good state file is dropped with a warning; every other mark is kept and
// saving goes on (it used to switch saving off for good, on every run).
func TestBadStateEntryIsDropped(t *testing.T) {
	good := `"read":{"good":{"on":true,"at":"2026-01-02T03:04:05Z"}`
	cases := map[string]string{
		"time is garbage":       `{"format":1,` + good + `,"x":{"on":true,"at":"garbage"}}}`,
		"time is a number":      `{"format":1,` + good + `},"starred":{"x":{"on":true,"at":12}}}`,
		"query_at":              `{"format":1,` + good + `},"last_query":"hiv","query_at":"yesterday"}`,
		"position block":        `{"format":1,` + good + `},"positions":{"x":{"block":"two","at":"2026-01-02T03:04:05Z"}}}`,
		"starred not an object": `{"format":1,` + good + `},"starred":[1,2]}`,
		"mark is a string":      `{"format":1,` + good + `,"x":"yes"}}`,
		"last themes":           `{"format":1,` + good + `},"last_themes":"hiv"}`,
	}
	for name, content := range cases {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "state.json")
			if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
				t.Fatal(err)
			}
			s, warns := OpenState(path)
			if len(warns) != 1 || !strings.Contains(warns[0], "dropped a bad entry") || s.SaveDisabled() != nil {
				t.Fatalf("warnings %v, save disabled: %v", warns, s.SaveDisabled())
			}
			if !s.IsRead("good") {
				t.Fatal("the good mark was lost")
			}
			s.SetRead("y", true)
			if err := s.Flush(); err != nil {
				t.Fatalf("could not save: %v", err)
			}
			r, warns := OpenState(path)
			if len(warns) != 0 || !r.IsRead("good") || !r.IsRead("y") || r.IsRead("x") || r.IsStarred("x") {
				t.Errorf("after saving: warnings %v, good %v, y %v", warns, r.IsRead("good"), r.IsRead("y"))
			}
			if bad, _ := filepath.Glob(path + ".bad-*"); len(bad) != 0 {
				t.Errorf("a readable file was moved aside: %v", bad)
			}
		})
	}
}

// The dropped entry is written out of the file by the next save even if nothing else changed.
func TestDroppedEntryIsSavedAway(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	if err := os.WriteFile(path, []byte(`{"format":1,"read":{"x":{"on":true,"at":"garbage"}}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	s, _ := OpenState(path)
	if err := s.Flush(); err != nil {
		t.Fatal(err)
	}
	if _, warns := OpenState(path); len(warns) != 0 {
		t.Errorf("still warns after a save: %v", warns)
	}
}

// A file that is not a state file at all is moved aside and the state starts fresh.
func TestUnreadableStateIsMovedAside(t *testing.T) {
	for _, content := range []string{"garbage", "[]", `"text"`, `{"format":2}`, `{"format":"1"}`, "\x00\x01", `{"format":1,"read":{"a"`} {
		dir := t.TempDir()
		path := filepath.Join(dir, "state.json")
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		s, warns := OpenState(path)
		bad, _ := filepath.Glob(path + ".bad-*")
		if len(warns) != 1 || !strings.Contains(warns[0], "moved it to") || len(bad) != 1 {
			t.Errorf("%q: warnings %v, moved aside %v", content, warns, bad)
			continue
		}
		s.SetRead("a", true)
		if err := s.Flush(); err != nil {
			t.Errorf("%q: fresh state cannot save: %v", content, err)
		}
	}
}

// renameio's pending file is written in the state directory, never in $TMPDIR, even when
// $TMPDIR is on the same filesystem (where renameio would otherwise prefer it).
func TestPendingFileStaysInStateDir(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	dir := t.TempDir()
	path := filepath.Join(dir, "state.json")
	s, _ := OpenState(path)
	s.SetRead("a", true)
	var inDir, inTmp []string
	beforeReplace = func() error {
		inDir, _ = filepath.Glob(pendingPattern(path))
		inTmp, _ = filepath.Glob(filepath.Join(tmp, "*"))
		return nil
	}
	defer func() { beforeReplace = func() error { return nil } }()
	if err := s.Flush(); err != nil {
		t.Fatal(err)
	}
	if len(inDir) != 1 || len(inTmp) != 0 {
		t.Errorf("pending file: in the state dir %v, in $TMPDIR %v", inDir, inTmp)
	}
}

// What a killed save left (a pending file beside the state) is removed on the next start, but
// not while another instance holds the lock (it may be saving right now).
func TestStalePendingFileRemovedOnStart(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "state.json")
	s, _ := OpenState(path)
	s.SetRead("kept", true)
	if err := s.Flush(); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(dir, ".state.json4773917052371142745")
	if err := os.WriteFile(stale, []byte(`{"format":1,"read":{"half`), 0o600); err != nil {
		t.Fatal(err)
	}
	unlock, err := lockFile(path + ".lock")
	if err != nil {
		t.Fatal(err)
	}
	OpenState(path)
	unlock()
	if _, err := os.Stat(stale); err != nil {
		t.Fatal("removed a pending file while another instance held the lock")
	}
	r, warns := OpenState(path)
	if _, err := os.Stat(stale); err == nil {
		t.Error("stale pending file not removed")
	}
	if len(warns) != 0 || !r.IsRead("kept") {
		t.Errorf("state not intact: %v", warns)
	}
}
