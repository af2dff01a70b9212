package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"unvn/data"
	"unvn/store"
)

// withMore adds an article to the test corpus, as a capture added to the library would.
func withMore(c data.Corpus) data.Corpus {
	arts := append(testArticles(), data.Article{ID: "2025-01-02-a-new-story", Kind: data.KindStory, Date: day("2025-01-02"),
		Title: "A new story from another terminal", Source: "UN Viet Nam",
		Blocks: []data.Block{para("Fresh text.")}})
	return data.Corpus{Articles: arts, Warnings: c.Warnings}
}

func TestReloadKeyKeepsThePlace(t *testing.T) {
	reloads := 0
	h := newHarness(t, 80, 24, func(o *Options) {
		o.Reload = func() (*store.Store, []data.Warning, error) {
			reloads++
			c := withMore(o.Corpus)
			return store.New(c.Articles), c.Warnings, nil
		}
	})
	h.keys("j", "enter", "space", "space")
	pos := h.m.reader.Position()
	h.keys("R")
	if reloads != 1 {
		t.Fatalf("R reloaded %d times", reloads)
	}
	v := h.view()
	if !strings.Contains(v, "reloaded: 1 new article") || h.m.store.Len() != 6 {
		t.Errorf("after R:\n%s", v)
	}
	if h.readerID() != idStory || h.m.reader.Position() != pos || h.m.mode != modeReader {
		t.Errorf("the reader lost its place: %q at block %d (was %d), mode %v", h.readerID(), h.m.reader.Position(), pos, h.m.mode)
	}
	h.keys("esc")
	if h.selectedID() != idStory || !strings.Contains(h.view(), "6 of 6 articles") {
		t.Errorf("the list lost its selection %q:\n%s", h.selectedID(), h.view())
	}
	if h := newHarness(t, 80, 24); strings.Contains(h.keys("?").view(), "reload") {
		t.Error("R offered without a way to reload")
	}
}

// A capture added to the watched folder (unvn add in another terminal) reloads the reader.
func TestWatchedFolderReloads(t *testing.T) {
	dir := t.TempDir()
	h := newHarness(t, 120, 40, func(o *Options) {
		o.Watch = []string{dir}
		o.Reload = func() (*store.Store, []data.Warning, error) {
			c := withMore(o.Corpus)
			return store.New(c.Articles), c.Warnings, nil
		}
	})
	t.Cleanup(h.m.Close)
	h.keys("j")
	if err := os.WriteFile(filepath.Join(dir, "new.txt"), []byte("Story\n02 January 2025\nA new story\nFresh text.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	msg := h.m.watcher.wait()() // the event is queued: this returns at once
	if _, ok := msg.(changedMsg); !ok {
		t.Fatalf("the watcher sent %T", msg)
	}
	h.m.Close() // so the watch the reload starts again ends at once
	h.send(msg)
	if !strings.Contains(h.view(), "6 of 6 articles") || !strings.Contains(h.view(), "A new story from another") || h.selectedID() != idStory {
		t.Errorf("after a capture was added:\n%s", h.view())
	}
}
