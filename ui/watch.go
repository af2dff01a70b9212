package ui

import (
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/fsnotify/fsnotify"

	"unvn/data"
	"unvn/store"
)

// Reloading: the reader watches the library folder (or the --data paths) with fsnotify and
// reloads when a capture comes, changes or goes, keeping the selection, the query and the place
// in the article; R reloads by hand.

type (
	// changedMsg says the watched captures changed.
	changedMsg struct{}
	// reloadedMsg carries the articles read again and the load warnings.
	reloadedMsg struct {
		store    *store.Store
		warnings []data.Warning
		err      error
	}
)

// settleDelay gathers the events of one change (a copy is a create and several writes) into one
// reload.
const settleDelay = 150 * time.Millisecond

// watcher turns file-system events on the watched paths into changedMsgs.
type watcher struct{ w *fsnotify.Watcher }

// newWatcher watches paths; the ones that cannot be watched (gone, not allowed) are skipped,
// and with none left it returns nil.
func newWatcher(paths []string) (*watcher, error) {
	if len(paths) == 0 {
		return nil, nil
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	added := 0
	for _, p := range paths {
		if w.Add(p) == nil {
			added++
		}
	}
	if added == 0 {
		w.Close()
		return nil, nil
	}
	return &watcher{w: w}, nil
}

// wait is the command that blocks until the next change, and lets the events that follow it
// within settleDelay go with it.
func (w *watcher) wait() tea.Cmd {
	if w == nil {
		return nil
	}
	return func() tea.Msg {
		for {
			select {
			case ev, ok := <-w.w.Events:
				if !ok {
					return nil
				}
				if ev.Op == fsnotify.Chmod {
					continue
				}
				w.settle()
				return changedMsg{}
			case _, ok := <-w.w.Errors:
				if !ok {
					return nil
				}
			}
		}
	}
}

func (w *watcher) settle() {
	t := time.NewTimer(settleDelay)
	defer t.Stop()
	for {
		select {
		case <-w.w.Events:
		case <-t.C:
			return
		}
	}
}

func (w *watcher) close() {
	if w != nil {
		w.w.Close()
	}
}

// reloadCmd reads the corpus again off the UI goroutine.
func reloadCmd(reload func() (*store.Store, []data.Warning, error)) tea.Cmd {
	if reload == nil {
		return nil
	}
	return func() tea.Msg {
		s, warns, err := reload()
		return reloadedMsg{store: s, warnings: warns, err: err}
	}
}

// reloaded puts a corpus read again in place: the store, the list (the selection stays when the
// article is still there) and the reading pane (the article stays where it was).
func (m *Model) reloaded(msg reloadedMsg) tea.Cmd {
	if msg.err != nil {
		m.notice = "could not reload: " + msg.err.Error()
		return nil
	}
	before := m.store.Len()
	m.opts.Corpus = data.Corpus{Warnings: msg.warnings}
	m.store = msg.store
	m.refresh()
	switch d := m.store.Len() - before; {
	case d > 0:
		m.notice = fmt.Sprintf("reloaded: %d new article%s", d, plural(d))
	case d < 0:
		m.notice = fmt.Sprintf("reloaded: %d article%s fewer", -d, plural(-d))
	default:
		m.notice = "reloaded"
	}
	a := m.list.Selected()
	if a == nil {
		return m.follow(nil, false)
	}
	if cur := m.reader.Article(); cur != nil {
		if fresh, ok := m.store.Get(cur.ID); ok {
			return m.reader.Refresh(fresh)
		}
	}
	return m.follow(a, false)
}
