// Package cache keeps the parsed articles and the search index of a set of captures on disk, in
// $XDG_CACHE_HOME/unvn/, so that a start after the first parses nothing and builds nothing: it
// maps the file and answers from it, decoding only the articles it shows.
//
// A cache file holds a manifest of its captures (path, size, modification time, SHA-256 and the
// articles each gave), every capture's articles as parsed, the merged store's doc table and the
// store's index. Load stats the captures; when one changed or is new it re-parses only that one,
// drops those that are gone, merges and indexes again and writes a new file — to a temporary
// file renamed over the old one, under a lock, so a reader never sees half a file and two
// processes never write at once. A file that is truncated, damaged, of another format or made by
// another parser version (data.ParserVersion) is never used: it is rebuilt with a warning.
// Deleting the folder is always safe.
//
// The package must never change a capture, and never trust a byte of the cache it has not
// checked.
package cache

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"time"
	"unsafe"

	"github.com/adrg/xdg"

	"unvn/data"
	"unvn/store"
)

// Source is one capture to index: a file, or bytes built into the binary.
type Source struct {
	Name string // what the parser records as the snapshot and warnings name: the path of a file
	Path string // the file; "" for a capture built into the binary
	Raw  []byte // the bytes of a capture built into the binary
}

func (s Source) key() string {
	if s.Path == "" {
		return "embedded:" + s.Name
	}
	return s.Path
}

// Embedded returns the captures built into the binary.
func Embedded() []Source {
	var out []Source
	for _, c := range data.EmbeddedCaptures() {
		out = append(out, Source{Name: c.Name, Raw: c.Raw})
	}
	return out
}

// Files returns the capture files at paths: files, or folders of captures (see data.CaptureFiles)
// (not recursively), as data.Load reads them. A path that does not exist is an error naming it;
// a folder without captures is a warning.
func Files(paths []string) ([]Source, []data.Warning, error) {
	var out []Source
	var warns []data.Warning
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err == nil && !fi.IsDir() && !fi.Mode().IsRegular() {
			return nil, nil, fmt.Errorf("%s: not a regular file or folder", p)
		}
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, nil, fmt.Errorf("%s: no such file or directory", p)
			}
			return nil, nil, fmt.Errorf("%s: %w", p, unwrapPath(err))
		}
		files := []string{p}
		if fi.IsDir() {
			if files, err = data.CaptureFiles(p); err != nil {
				return nil, nil, err
			}
			if len(files) == 0 {
				warns = append(warns, data.Warning{Snapshot: p, Message: data.NoCapturesInFolder})
			}
		}
		for _, f := range files {
			out = append(out, Source{Name: f, Path: f})
		}
	}
	return out, warns, nil
}

// Dir is the cache folder, $XDG_CACHE_HOME/unvn.
func Dir() string {
	xdg.Reload() // honour the environment as it is now
	return filepath.Join(xdg.CacheHome, "unvn")
}

// Name is the name of the cache of a set of captures: "library" for the default (the embedded
// captures and the library), and one per list of --data paths, keyed by their absolute paths.
func Name(dataPaths []string) string {
	if len(dataPaths) == 0 {
		return "library"
	}
	h := sha256.New()
	for _, p := range dataPaths {
		if abs, err := filepath.Abs(p); err == nil {
			p = abs
		}
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return "data-" + hex.EncodeToString(h.Sum(nil)[:8])
}

// Options says where the cache is and how to report on it.
type Options struct {
	Dir  string // the cache folder; "" is Dir()
	Name string // the cache's name in it (see Name); "" is "library"
	// Label says what the cache holds, for unvn cache: "the embedded captures and the
	// library", or the --data paths.
	Label string
	// Warn is told of problems with the cache itself (damaged and rebuilt, not writable). The
	// articles are right regardless. Nil ignores them.
	Warn func(msg string)
	// LockWait is how long to wait for another process writing the same cache before indexing
	// without it; 0 is a default of 30 seconds.
	LockWait time.Duration
}

// Library is a loaded set of captures.
type Library struct {
	Store    *store.Store
	Warnings []data.Warning // the captures that could not be read or held no article
	Parsed   int            // how many captures this load parsed rather than took from the cache
	Rehashed int            // how many it read to check their hash: their time changed, not their bytes
	Cached   bool           // the store was read from the cache file as it was

	src *diskArticles // the articles of the cache file the store reads, when Cached
}

// Frugal makes the store let go of the pages of the cache's index each search reads as soon as
// it is done with them, one segment at a time (see DropPages): for a command that searches once
// and exits. A reader searching as the user types keeps them, to search again at once.
func (l *Library) Frugal() {
	if l.src != nil {
		l.src.frugal.Store(true)
	}
}

// DropPages lets go of the pages of the cache file that the process has read so far: they stay
// in the system's file cache, and are read from there again if needed. The store is unchanged.
// A command calls it between two steps (searching, then printing) so that the memory it holds
// at any time is what one step reads, not the sum.
func (l *Library) DropPages() {
	if l.src != nil {
		dropPages(l.src.img.b)
	}
}

// racyWindow: a capture modified this close before the cache recorded it may change again
// within the same timestamp, so its size and time are not trusted; its hash is checked instead.
const racyWindow = 2 * time.Second

// Load returns the store of srcs: from the cache when it is fresh, otherwise parsing only the
// captures that changed and writing the cache anew. It fails only when the captures cannot be
// loaded at all; a cache that cannot be read or written is warned about and done without.
func Load(srcs []Source, opts Options) (*Library, error) {
	return LoadFrom(func() ([]Source, []data.Warning, error) { return srcs, nil, nil }, opts)
}

// LoadFrom is Load of the captures that list returns (with warnings about them, as Files
// gives), listing them while the cache file is being checked: a folder of thousands of captures
// is read and stat'ed on one core while the cache is read on another. An error from list is
// returned as it is.
func LoadFrom(list func() ([]Source, []data.Warning, error), opts Options) (*Library, error) {
	if opts.Dir == "" {
		opts.Dir = Dir()
	}
	if opts.Name == "" {
		opts.Name = "library"
	}
	if opts.Warn == nil {
		opts.Warn = func(string) {}
	}
	if opts.LockWait == 0 {
		opts.LockWait = 30 * time.Second
	}
	path := filepath.Join(opts.Dir, opts.Name+".idx")
	l := &loader{opts: opts, path: path, now: time.Now(), statted: make(chan struct{})}
	go func() { // list and stat the captures while the cache file is checked
		if l.srcs, l.listWarns, l.listErr = list(); l.listErr == nil {
			l.stat()
		}
		close(l.statted)
	}()
	lib, err := l.load()
	if err != nil {
		return nil, err
	}
	lib.Warnings = append(l.listWarns, lib.Warnings...)
	return lib, nil
}

// load is the rest of LoadFrom, once the loader is started.
func (l *loader) load() (*Library, error) {
	opts, path := l.opts, l.path
	lib := l.tryCache(true)
	if !l.listed() {
		return nil, l.listErr
	}
	if lib != nil {
		if lib.Rehashed > 0 {
			l.refresh()
		}
		return lib, nil
	}
	unlock, lockErr := func() (func(), error) {
		if err := os.MkdirAll(opts.Dir, 0o700); err != nil {
			return nil, err
		}
		return lockFile(path+".lock", opts.LockWait)
	}()
	if lockErr == nil {
		defer unlock()
		// Another process may have brought the cache up to date while we waited.
		if lib := l.tryCache(false); lib != nil {
			return lib, nil
		}
	}
	c, lib := l.rebuild()
	if lockErr != nil {
		opts.Warn(fmt.Sprintf("cache %s not updated: %v", path, unwrapPath(lockErr)))
		return lib, nil
	}
	if err := writeFile(path, c); err != nil {
		opts.Warn(fmt.Sprintf("could not write the cache %s: %v", path, unwrapPath(err)))
	}
	return lib, nil
}

// loader is one Load in progress.
type loader struct {
	srcs      []Source
	listWarns []data.Warning // what listing the captures warned about
	listErr   error          // why they could not be listed
	opts      Options
	path      string
	now       time.Time
	cur       []capEntry // the captures as they are now (hash known for embedded ones only)
	ok        []bool     // cur[i] could be stat'ed
	img       *fileImage
	old       manifest

	statted    chan struct{} // closed when stat is done
	rehashed   int           // captures found unchanged by their hash
	damageOnce sync.Once
}

// stat records each capture's size and time (and an embedded one's hash).
func (l *loader) stat() {
	l.cur = make([]capEntry, len(l.srcs))
	l.ok = make([]bool, len(l.srcs))
	for i, s := range l.srcs {
		e := &l.cur[i]
		e.key, e.name = s.key(), s.Name
		if s.Path == "" {
			e.size, e.hash, l.ok[i] = int64(len(s.Raw)), sha256.Sum256(s.Raw), true
			continue
		}
		fi, err := os.Stat(s.Path)
		if err != nil {
			continue // reported when it is read
		}
		e.size, e.mtime, l.ok[i] = fi.Size(), fi.ModTime().UnixNano(), true
	}
}

// listed waits for the captures to be listed and stat'ed, and reports whether they could be
// listed: when not, nothing is loaded, and the cache is not worth a warning.
func (l *loader) listed() bool {
	<-l.statted
	return l.listErr == nil
}

// tryCache opens the cache file and returns the library from it when it is fresh. first says
// this is the first look, which warns about a damaged file (the second would say it again).
func (l *loader) tryCache(first bool) *Library {
	img, err := openFile(l.path)
	if err == nil {
		var m manifest
		if m, err = parseManifest(img.sec[secManifest], img.records); err == nil {
			l.img, l.old = img, m
		} else {
			img.closeFile()
		}
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case errors.Is(err, errForeign):
		if first && l.listed() {
			l.opts.Warn(fmt.Sprintf("the cache %s was %v; rebuilding it", l.path, err))
		}
		return nil
	case err != nil:
		if first && l.listed() {
			l.opts.Warn(fmt.Sprintf("the cache %s is damaged (%v); rebuilding it", l.path, unwrapPath(err)))
		}
		return nil
	}
	if !l.fresh() {
		img.closeFile() // rebuild reads the old records through the mapping
		return nil
	}
	src := newDiskArticles(img, l.damaged)
	src.frugal.Store(true) // what Open checks is not needed again soon
	st, err := store.Open(img.sec[secIndex], src)
	src.frugal.Store(false)
	if err != nil || st.Len() != img.docs {
		if first {
			l.opts.Warn(fmt.Sprintf("the cache %s is damaged (%v); rebuilding it", l.path, err))
		}
		img.closeFile()
		l.img = nil
		return nil
	}
	// Open read the tables of the index through; a search reads again only what it needs.
	dropPages(img.b)
	return &Library{Store: st, Warnings: l.old.warnings(), Cached: true, Rehashed: l.rehashed, src: src}
}

// refresh records the captures' times as they are now, so that those whose time changed but not
// their bytes are not read again on every start. It is best effort: when another process holds
// the lock, the next start does it.
func (l *loader) refresh() {
	unlock, err := lockFile(l.path+".lock", 0)
	if err != nil {
		return
	}
	defer unlock()
	img, err := openFile(l.path)
	if err != nil {
		return
	}
	img.closeFile()
	if img.records != l.img.records || img.docs != l.img.docs {
		return // rewritten meanwhile
	}
	m, err := parseManifest(img.sec[secManifest], img.records)
	if err != nil || len(m.caps) != len(l.cur) {
		return
	}
	for i := range m.caps {
		o, c := &m.caps[i], l.cur[i]
		if o.unreadable {
			continue
		}
		// Known unchanged now: the same time, or else the same hash (checked by fresh).
		if c.key != o.key || c.size != o.size || c.mtime != o.mtime && c.hash != o.hash {
			return // changed meanwhile: the next start rebuilds
		}
		o.mtime = c.mtime
	}
	m.written = l.now.UnixNano()
	if err := refreshFile(l.path, img, m); err != nil {
		l.opts.Warn(fmt.Sprintf("could not write the cache %s: %v", l.path, unwrapPath(err)))
	}
}

// fresh reports whether the cache holds exactly the captures as they are now.
func (l *loader) fresh() bool {
	<-l.statted
	if len(l.old.caps) != len(l.cur) {
		return false
	}
	for i := range l.cur {
		if !l.unchanged(i, l.old.caps[i]) {
			return false
		}
	}
	return true
}

// unchanged reports whether capture i is the one recorded as e: the same key and size, and the
// same time unless that was too close to when it was recorded, or else the same hash.
func (l *loader) unchanged(i int, e capEntry) bool {
	c := &l.cur[i]
	if c.key != e.key || c.name != e.name {
		return false
	}
	if e.unreadable { // as long as it still cannot be read
		_, _, err := data.ReadCapture(l.srcs[i].Path)
		return err != nil
	}
	if !l.ok[i] || c.size != e.size {
		return false
	}
	if l.srcs[i].Path == "" {
		return c.hash == e.hash
	}
	if c.mtime == e.mtime && c.mtime < l.old.written-int64(racyWindow) {
		return true
	}
	raw, _, err := data.ReadCapture(l.srcs[i].Path)
	if err != nil || int64(len(raw)) != e.size {
		return false
	}
	c.hash = sha256.Sum256(raw)
	if c.hash != e.hash {
		return false
	}
	l.rehashed++
	return true
}

// rebuild loads every capture — from the old cache when unchanged, parsed otherwise — merges
// and indexes them, and returns what to write and the library.
func (l *loader) rebuild() (*contents, *Library) {
	<-l.statted
	oldAt := map[string]int{}
	for i, e := range l.old.caps {
		oldAt[e.key] = i
	}
	n := len(l.srcs)
	arts := make([][]data.Article, n)
	problems := make([]string, n)
	readErr := make([]error, n)
	var jobs []int
	for i := range l.srcs {
		if !l.ok[i] {
			readErr[i] = l.readError(i)
			continue
		}
		if j, ok := oldAt[l.cur[i].key]; ok && l.img != nil && !l.old.caps[j].unreadable && l.unchanged(i, l.old.caps[j]) {
			e := l.old.caps[j]
			if got, ok := l.records(e); ok {
				arts[i], problems[i] = got, e.problem
				l.cur[i].hash = e.hash
				continue
			}
		}
		jobs = append(jobs, i)
	}
	l.parse(jobs, arts, problems, readErr)

	m := manifest{written: l.now.UnixNano(), label: l.opts.Label}
	var records []*data.Article
	var all []data.Article
	lib := &Library{}
	for _, i := range jobs {
		if readErr[i] == nil {
			lib.Parsed++
		}
	}
	for i := range l.srcs {
		e := l.cur[i]
		e.problem = problems[i]
		if readErr[i] != nil {
			// Kept in the manifest, so that the cache stays fresh while it stays unreadable.
			e.unreadable, e.problem = true, unwrapPath(readErr[i]).Error()
		}
		e.lo = uint32(len(all))
		all = append(all, arts[i]...)
		e.hi = uint32(len(all))
		m.caps = append(m.caps, e)
	}
	lib.Warnings = append(lib.Warnings, m.warnings()...)
	for i := range all {
		records = append(records, &all[i])
	}

	// Merge with each article's record number in place of its snapshot, to find it after.
	in := make([]data.Article, len(all))
	copy(in, all)
	for k := range in {
		in[k].Snapshot = strconv.Itoa(k)
	}
	merged := data.Merge(in)
	recOf := make(map[*data.Article]uint32, len(merged))
	for i := range merged {
		k, _ := strconv.Atoi(merged[i].Snapshot)
		merged[i].Snapshot = all[k].Snapshot
		recOf[&merged[i]] = uint32(k)
	}
	st := store.New(merged)
	docs := st.Articles()
	c := &contents{manifest: m, records: records, store: st,
		docRec: make([]uint32, len(docs)), docIDs: make([]string, len(docs))}
	for d, a := range docs {
		c.docRec[d], c.docIDs[d] = recOf[a], a.ID
	}
	lib.Store = st
	return c, lib
}

// readError says why capture i cannot be read.
func (l *loader) readError(i int) error {
	_, err := os.Stat(l.srcs[i].Path)
	if err == nil {
		err = errors.New("changed while being read")
	}
	return err
}

// records decodes the articles the old cache has for e; ok is false if any is damaged.
func (l *loader) records(e capEntry) ([]data.Article, bool) {
	out := make([]data.Article, 0, e.hi-e.lo)
	for r := e.lo; r < e.hi; r++ {
		a, err := l.img.record(int(r))
		if err != nil {
			return nil, false
		}
		out = append(out, *a)
	}
	return out, true
}

// parse reads, hashes and parses the captures jobs, on every core.
func (l *loader) parse(jobs []int, arts [][]data.Article, problems []string, readErr []error) {
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), max(1, len(jobs))) {
		wg.Go(func() {
			for i := range next {
				s := l.srcs[i]
				raw := s.Raw
				if s.Path != "" {
					var err error
					if raw, problems[i], err = data.ReadCapture(s.Path); err != nil {
						readErr[i] = err
						continue
					}
					l.cur[i].size = int64(len(raw))
				}
				l.cur[i].hash = sha256.Sum256(raw)
				if p := data.CheckCapture(raw); p != "" {
					problems[i] = p
					continue
				}
				if arts[i] = data.ParseCapture(s.Name, raw); len(arts[i]) == 0 {
					problems[i] = "no articles found"
				}
			}
		})
	}
	for _, i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
}

// damaged is called when an article's body in the cache fails its check: the file is removed,
// so that the next start rebuilds it, and the article is parsed again from its capture.
func (l *loader) damaged(rec int) *data.Article {
	l.damageOnce.Do(func() {
		l.opts.Warn(fmt.Sprintf("the cache %s is damaged; removed it", l.path))
		_ = os.Remove(l.path)
	})
	for i, e := range l.old.caps {
		if rec < int(e.lo) || rec >= int(e.hi) {
			continue
		}
		raw := l.srcs[i].Raw
		if l.srcs[i].Path != "" {
			var err error
			if raw, _, err = data.ReadCapture(l.srcs[i].Path); err != nil {
				return nil
			}
		}
		if sha256.Sum256(raw) != e.hash {
			return nil
		}
		arts := data.ParseCapture(e.name, raw)
		if k := rec - int(e.lo); k < len(arts) {
			return &arts[k]
		}
	}
	return nil
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func unsafeString(b []byte) string { return unsafe.String(&b[0], len(b)) }

// manifest lists the captures a cache file was made from, in load order.
type manifest struct {
	written int64 // when they were stat'ed (Unix ns)
	label   string
	caps    []capEntry
}

// capEntry is one capture: its key (path, or "embedded:" and its name), the name it was parsed
// under, size (of what was read), time (Unix ns; 0 for an embedded one), SHA-256, its warning
// (why it gave no articles, why it could not be read, or that it was read only in part), and
// its records lo..hi.
type capEntry struct {
	key, name   string
	size, mtime int64
	hash        [32]byte
	problem     string
	unreadable  bool
	lo, hi      uint32
}

func (m *manifest) append(b []byte) []byte {
	b = binary.AppendVarint(b, m.written)
	b = appendString(b, m.label)
	b = binary.AppendUvarint(b, uint64(len(m.caps)))
	for _, e := range m.caps {
		b = appendString(b, e.key)
		b = appendString(b, e.name)
		b = binary.AppendVarint(b, e.size)
		b = binary.AppendVarint(b, e.mtime)
		b = append(b, e.hash[:]...)
		b = appendString(b, e.problem)
		unreadable := byte(0)
		if e.unreadable {
			unreadable = 1
		}
		b = append(b, unreadable)
		b = binary.AppendUvarint(b, uint64(e.lo))
		b = binary.AppendUvarint(b, uint64(e.hi))
	}
	return b
}

// parseManifest reads a manifest and checks that its captures' records tile 0..records.
func parseManifest(b []byte, records int) (manifest, error) {
	d := &decoder{b: b}
	m := manifest{written: d.varint(), label: clone(d.string())}
	n := d.count() + 1
	at := uint32(0)
	for range n {
		var e capEntry
		e.key, e.name = clone(d.string()), clone(d.string())
		e.size, e.mtime = d.varint(), d.varint()
		if len(d.b) < len(e.hash) {
			return manifest{}, errors.New("bad manifest")
		}
		copy(e.hash[:], d.b)
		d.b = d.b[len(e.hash):]
		e.problem = clone(d.string())
		e.unreadable = d.byte() == 1
		e.lo, e.hi = uint32(d.uvarint()), uint32(d.uvarint())
		if d.err != nil || e.lo != at || e.hi < e.lo {
			return manifest{}, errors.New("bad manifest")
		}
		at = e.hi
		m.caps = append(m.caps, e)
	}
	if d.err != nil || int(at) != records || len(d.b) != 0 {
		return manifest{}, errors.New("bad manifest")
	}
	return m, nil
}

// clone copies s out of the mapped file: manifest strings are kept in the next one.
func clone(s string) string { return string([]byte(s)) }

// warnings are the problems the manifest records, as data.Load words them.
func (m *manifest) warnings() []data.Warning {
	var out []data.Warning
	for _, e := range m.caps {
		if e.problem != "" {
			out = append(out, data.Warning{Snapshot: e.name, Message: e.problem})
		}
	}
	return out
}
