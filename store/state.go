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

// OpenState loads the state at path. It never fails: a missing file is a fresh state; one that
// is not a state file at all is moved aside to state.json.bad-<time> and the state starts fresh;
// a bad entry in a good file (a mark with a broken time) is dropped and the rest kept; a file
// that cannot be read, or a directory that cannot be written, turns saving off. Each of these
// comes back as a warning. Pending files that a killed save left behind are removed.
func OpenState(path string) (*State, []string) {
	s := &State{path: path, f: newStateFile(), now: time.Now}
	var warns []string
	f, dropped, err := readStateFile(path)
	switch {
	case err == nil:
		s.f = f
		if len(dropped) > 0 {
			warns = append(warns, droppedWarning(path, dropped))
			s.dirty = true // the next save writes the file without them
		}
	case errors.Is(err, fs.ErrNotExist):
	case errors.Is(err, errCorrupt):
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
		} else {
			removeStalePending(path)
		}
	}
	return s, warns
}

// droppedWarning says which bad entries were dropped: the first, and how many.
func droppedWarning(path string, dropped []string) string {
	more := ""
	if len(dropped) > 1 {
		more = fmt.Sprintf(" and %d more", len(dropped)-1)
	}
	return fmt.Sprintf("%s: dropped a bad entry (%s)%s; kept the rest", path, dropped[0], more)
}

// errCorrupt is a file that is not a reader state file at all.
var errCorrupt = errors.New("not a reader state file")

// readStateFile reads the state at path. A file that is not JSON, not an object or of another
// format is errCorrupt. Inside a good file each mark, position and the last query is read on its own, so
// one bad entry (a time that does not parse, a number where an object belongs) is dropped and
// described in dropped while the rest is kept.
func readStateFile(path string) (f stateFile, dropped []string, err error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return stateFile{}, nil, err
	}
	var doc struct {
		Format     json.RawMessage `json:"format"`
		Read       json.RawMessage `json:"read"`
		Starred    json.RawMessage `json:"starred"`
		Positions  json.RawMessage `json:"positions"`
		LastQuery  json.RawMessage `json:"last_query"`
		LastThemes json.RawMessage `json:"last_themes"`
		QueryAt    json.RawMessage `json:"query_at"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		return stateFile{}, nil, fmt.Errorf("%w: %v", errCorrupt, err)
	}
	f = newStateFile() // a file without "format" is taken as this one, as it always was
	if err := decodeOptional(doc.Format, &f.Format); err != nil || f.Format != StateFormat {
		return stateFile{}, nil, fmt.Errorf("%w (format %s)", errCorrupt, doc.Format)
	}
	f.Read, dropped = decodeEntries[Mark]("read", doc.Read, dropped)
	f.Starred, dropped = decodeEntries[Mark]("starred", doc.Starred, dropped)
	f.Positions, dropped = decodeEntries[Position]("positions", doc.Positions, dropped)
	if doc.LastQuery != nil || doc.LastThemes != nil || doc.QueryAt != nil {
		var q string
		var themes []string
		var at time.Time
		if err := errors.Join(decodeOptional(doc.LastQuery, &q), decodeOptional(doc.LastThemes, &themes),
			decodeOptional(doc.QueryAt, &at)); err != nil {
			dropped = append(dropped, "last query: "+entryError(err))
		} else {
			f.LastQuery, f.LastThemes, f.QueryAt = q, themes, at
		}
	}
	return f, dropped, nil
}

// decodeOptional decodes raw into v unless the field was absent.
func decodeOptional(raw json.RawMessage, v any) error {
	if raw == nil {
		return nil
	}
	return json.Unmarshal(raw, v)
}

// decodeEntries decodes one map of the file entry by entry, appending what it drops to dropped.
func decodeEntries[T any](field string, raw json.RawMessage, dropped []string) (map[string]T, []string) {
	out := map[string]T{}
	var entries map[string]json.RawMessage
	if err := decodeOptional(raw, &entries); err != nil {
		return out, append(dropped, fmt.Sprintf("%s: %s", field, entryError(err)))
	}
	ids := make([]string, 0, len(entries))
	for id := range entries {
		ids = append(ids, id)
	}
	sort.Strings(ids) // the same file always warns about the same entry first
	for _, id := range ids {
		var v T
		if err := json.Unmarshal(entries[id], &v); err != nil {
			dropped = append(dropped, fmt.Sprintf("%s %q: %s", field, id, entryError(err)))
			continue
		}
		out[id] = v
	}
	return out, dropped
}

// entryError says briefly what is wrong with an entry.
func entryError(err error) string {
	var pe *time.ParseError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &pe):
		return fmt.Sprintf("bad time %q", pe.Value)
	case errors.As(err, &te):
		return fmt.Sprintf("a JSON %s where a %s belongs", te.Value, te.Type)
	}
	return err.Error()
}

// pendingPattern matches the pending files renameio writes beside the state file: its name
// with a leading dot and random digits (".state.json4773917052371142745").
func pendingPattern(path string) string {
	return filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+"[0-9]*")
}

// removeStalePending removes what a killed save left in the state directory. It only does so
// while it holds the lock, so it never removes the pending file of a save in progress; when
// another instance holds the lock it leaves them for a later start.
func removeStalePending(path string) {
	unlock, ok := tryLockFile(path + ".lock")
	if !ok {
		return
	}
	defer unlock()
	names, _ := filepath.Glob(pendingPattern(path))
	for _, n := range names {
		_ = os.Remove(n)
	}
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
	if disk, _, err := readStateFile(s.path); err == nil {
		s.f = mergeState(s.f, disk)
	}
	raw, err := json.MarshalIndent(s.f, "", "  ")
	if err != nil {
		return err
	}
	// The pending file goes beside the state file, never to $TMPDIR: a killed save must not
	// leave the reading history in a shared directory (OpenState removes it on the next start).
	pf, err := renameio.NewPendingFile(s.path, renameio.WithPermissions(0o600), renameio.WithTempDir(filepath.Dir(s.path)))
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
