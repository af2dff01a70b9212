package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"unvn/store"
)

func TestFlushStateOnQuit(t *testing.T) {
	stateHome, _ := isolate(t)
	var stderr bytes.Buffer
	a := &app{stdout: &bytes.Buffer{}, stderr: &stderr}
	st := a.readerState()
	st.SetRead(hivStory, true)
	st.SaveSoon(1 << 40) // a debounced save still pending when the reader quits
	a.flushState(st)
	if stderr.Len() != 0 {
		t.Errorf("stderr: %q", stderr.String())
	}
	again, _ := store.OpenState(filepath.Join(stateHome, "unvn", "state.json"))
	if !again.IsRead(hivStory) {
		t.Error("the mark was not saved on quit")
	}
}

func TestFlushStateWithoutSavingWarnsOnce(t *testing.T) {
	_, _ = isolate(t)
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("XDG_STATE_HOME", filepath.Join(file, "state")) // under a file: nothing can be saved
	var stderr bytes.Buffer
	a := &app{stdout: &bytes.Buffer{}, stderr: &stderr}
	st := a.readerState()
	if len(a.stateWarnings) != 1 {
		t.Fatalf("state warnings %q, want one for the reader's status line", a.stateWarnings)
	}
	st.SetStarred(hivStory, true)
	before := stderr.String()
	a.flushState(st) // must not crash, hang or warn a second time
	if stderr.String() != before {
		t.Errorf("quitting warned again: %q", stderr.String()[len(before):])
	}
}
