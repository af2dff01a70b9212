package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"

	"github.com/adrg/xdg"
	"github.com/google/renameio/v2"
)

// Reader state: what was read, starred, where reading stopped, the last query. It lives in one
// JSON file ($XDG_STATE_HOME/unvn/state.json) that is written atomically (a temp file renamed over
// the old one) under an advisory lock, and merged with what is on disk before every write, so two
// instances at once never corrupt or truncate it and neither loses the other's marks.
//
// Every mark carries the time it was set; a merge keeps the newer of two marks for the same
// article. Marks for articles that are no longer in the library are kept but never shown.

// StateFormat is the version written in the file.
const StateFormat = 1

// Mark is one boolean mark (read, starred) with the time it was set.
type Mark struct {
	On bool      `json:"on"`
	At time.Time `json:"at"`
}

// Position is where reading stopped in an article: a block index, so it survives a different
// terminal width.
type Position struct {
	Block int       `json:"block"`
	At    time.Time `json:"at"`
}

// stateFile is the JSON document.
type stateFile struct {
	Format     int                 `json:"format"`
	Read       map[string]Mark     `json:"read"`
	Starred    map[string]Mark     `json:"starred"`
	Positions  map[string]Position `json:"positions"`
	LastQuery  string              `json:"last_query"`
	LastThemes []string            `json:"last_themes"`
	QueryAt    time.Time           `json:"query_at"`
}

func newStateFile() stateFile {
	return stateFile{Format: StateFormat, Read: map[string]Mark{}, Starred: map[string]Mark{},
		Positions: map[string]Position{}}
}

// State is the reader state of one running program. It is safe for concurrent use, and it
// implements Marks for is:unread and is:starred.
type State struct {
	mu       sync.Mutex
	path     string
	f        stateFile
	dirty    bool
	disabled error // why saving is off (read-only directory); the state still works in memory
	timer    *time.Timer
	now      func() time.Time
}

// StatePath is where the state lives: $XDG_STATE_HOME/unvn/state.json.
func StatePath() string {
	xdg.Reload() // honour the environment as it is now, not as it was at start-up
	return filepath.Join(xdg.StateHome, "unvn", "state.json")
}

// OpenState loads the state at path. It never fails: a missing file is a fresh state; a corrupt
// one is moved aside to state.json.bad-<time> and the state starts fresh; an unreadable one, or
// a directory that cannot be written, turns saving off. Each of these comes back as a warning.
func OpenState(path string) (*State, []string) {
	s := &State{path: path, f: newStateFile(), now: time.Now}
	var warns []string
	f, err := readStateFile(path)
	switch {
	case err == nil:
		s.f = f
	case errors.Is(err, fs.ErrNotExist):
	case errors.As(err, new(*json.SyntaxError)), errors.As(err, new(*json.UnmarshalTypeError)), errors.Is(err, errCorrupt):
		bad := fmt.Sprintf("%s.bad-%s", path, time.Now().UTC().Format("20060102T150405Z"))
		if rerr := os.Rename(path, bad); rerr != nil {
			s.disabled = fmt.Errorf("cannot move the corrupt state file aside: %w", rerr)
			warns = append(warns, fmt.Sprintf("%s is corrupt (%v) and could not be moved aside; reading without saving", path, err))
		} else {
			warns = append(warns, fmt.Sprintf("%s was corrupt (%v); moved it to %s and started fresh", path, err, filepath.Base(bad)))
		}
	default:
		s.disabled = err
		warns = append(warns, fmt.Sprintf("cannot read %s: %v; reading without saving", path, err))
	}
	if s.disabled == nil {
		if err := checkWritable(filepath.Dir(path)); err != nil {
			s.disabled = err
			warns = append(warns, fmt.Sprintf("cannot save reader state in %s: %v; reading without saving", filepath.Dir(path), err))
		}
	}
	return s, warns
}

var errCorrupt = errors.New("not a reader state file")

func readStateFile(path string) (stateFile, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return stateFile{}, err
	}
	f := newStateFile()
	if err := json.Unmarshal(raw, &f); err != nil {
		return stateFile{}, err
	}
	if f.Format != StateFormat {
		return stateFile{}, fmt.Errorf("%w (format %d)", errCorrupt, f.Format)
	}
	if f.Read == nil {
		f.Read = map[string]Mark{}
	}
	if f.Starred == nil {
		f.Starred = map[string]Mark{}
	}
	if f.Positions == nil {
		f.Positions = map[string]Position{}
	}
	return f, nil
}

// checkWritable makes the directory if needed and checks a file can be created in it.
func checkWritable(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return unwrapPathErr(err)
	}
	f, err := os.CreateTemp(dir, ".unvn-probe-*")
	if err != nil {
		return unwrapPathErr(err)
	}
	name := f.Name()
	f.Close()
	return os.Remove(name)
}

func unwrapPathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Path is the file the state is saved to.
func (s *State) Path() string { return s.path }

// SaveDisabled says why the state is not being saved, or nil.
func (s *State) SaveDisabled() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.disabled
}

// IsRead reports whether article id is marked read.
func (s *State) IsRead(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.f.Read[id].On
}

// IsStarred reports whether article id is starred.
func (s *State) IsStarred(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.f.Starred[id].On
}

// SetRead marks article id read or unread.
func (s *State) SetRead(id string, on bool) {
	s.setMark(func(f *stateFile) map[string]Mark { return f.Read }, id, on)
}

// SetStarred stars or unstars article id.
func (s *State) SetStarred(id string, on bool) {
	s.setMark(func(f *stateFile) map[string]Mark { return f.Starred }, id, on)
}

// setMark picks the map under the lock: Save replaces s.f when it merges.
func (s *State) setMark(which func(*stateFile) map[string]Mark, id string, on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := which(&s.f)
	if m[id].On == on && !m[id].At.IsZero() {
		return
	}
	m[id] = Mark{On: on, At: s.now()}
	s.dirty = true
}

// Position returns the block where reading of id stopped, and whether there is one.
func (s *State) Position(id string) (int, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.f.Positions[id]
	return p.Block, ok
}

// SetPosition records where reading of id stopped.
func (s *State) SetPosition(id string, block int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p, ok := s.f.Positions[id]; ok && p.Block == block {
		return
	}
	s.f.Positions[id] = Position{Block: block, At: s.now()}
	s.dirty = true
}

// LastQuery returns the query and themes the reader had when it last closed.
func (s *State) LastQuery() (string, []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.f.LastQuery, append([]string(nil), s.f.LastThemes...)
}

// SetLastQuery records the reader's query and themes.
func (s *State) SetLastQuery(q string, themes []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if q == s.f.LastQuery && equalStrings(themes, s.f.LastThemes) {
		return
	}
	s.f.LastQuery, s.f.LastThemes, s.f.QueryAt = q, append([]string(nil), themes...), s.now()
	s.dirty = true
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Counts returns how many articles among ids are read and starred.
func (s *State) Counts(ids []string) (read, starred int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, id := range ids {
		if s.f.Read[id].On {
			read++
		}
		if s.f.Starred[id].On {
			starred++
		}
	}
	return read, starred
}

// SaveSoon saves after delay unless another change comes first (debouncing while reading).
func (s *State) SaveSoon(delay time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.timer != nil {
		s.timer.Stop()
	}
	s.timer = time.AfterFunc(delay, func() { _ = s.Save() })
}

// Flush cancels a pending debounced save and saves now (on quit).
func (s *State) Flush() error {
	s.mu.Lock()
	if s.timer != nil {
		s.timer.Stop()
		s.timer = nil
	}
	s.mu.Unlock()
	return s.Save()
}

// beforeReplace runs between writing the temp file and renaming it over the state file; tests
// use it to interrupt a write.
var beforeReplace = func() error { return nil }

// Save writes the state if it changed: under the lock, it merges with what another instance may
// have written since, then replaces the file atomically.
func (s *State) Save() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.dirty {
		return nil
	}
	if s.disabled != nil {
		return s.disabled
	}
	if err := os.MkdirAll(filepath.Dir(s.path), 0o700); err != nil {
		return err
	}
	unlock, err := lockFile(s.path + ".lock")
	if err != nil {
		return err
	}
	defer unlock()
	if disk, err := readStateFile(s.path); err == nil {
		s.f = mergeState(s.f, disk)
	}
	raw, err := json.MarshalIndent(s.f, "", "  ")
	if err != nil {
		return err
	}
	pf, err := renameio.NewPendingFile(s.path, renameio.WithPermissions(0o600))
	if err != nil {
		return err
	}
	defer pf.Cleanup()
	if _, err := pf.Write(append(raw, '\n')); err != nil {
		return err
	}
	if err := beforeReplace(); err != nil {
		return err
	}
	if err := pf.CloseAtomicallyReplace(); err != nil {
		return err
	}
	s.dirty = false
	return nil
}

// mergeState keeps, for every article, the newer mark of mine and theirs.
func mergeState(mine, theirs stateFile) stateFile {
	for id, m := range theirs.Read {
		if m.At.After(mine.Read[id].At) {
			mine.Read[id] = m
		}
	}
	for id, m := range theirs.Starred {
		if m.At.After(mine.Starred[id].At) {
			mine.Starred[id] = m
		}
	}
	for id, p := range theirs.Positions {
		if p.At.After(mine.Positions[id].At) {
			mine.Positions[id] = p
		}
	}
	if theirs.QueryAt.After(mine.QueryAt) {
		mine.LastQuery, mine.LastThemes, mine.QueryAt = theirs.LastQuery, theirs.LastThemes, theirs.QueryAt
	}
	return mine
}

// StarredIDs lists starred article ids, sorted.
func (s *State) StarredIDs() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var ids []string
	for id, m := range s.f.Starred {
		if m.On {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	return ids
}
