// Package library keeps the user's own captures in $XDG_DATA_HOME/unvn/snapshots: listing,
// adding, removing, and loading them with the embedded corpus. It is storage, not parsing: every
// capture is parsed by package data.
package library

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/adrg/xdg"

	"unvn/data"
)

// The library is the user's own captures, kept in $XDG_DATA_HOME/unvn/snapshots and read with
// the embedded ones by default.

// Dir is the folder of the user's captures.
func Dir() string {
	xdg.Reload() // honour the environment as it is now
	return filepath.Join(xdg.DataHome, "unvn", "snapshots")
}

// File is one capture in the library.
type File struct {
	Name string // base name
	Path string
	Size int64
}

// Files lists the library's captures by name. A missing library is an empty one.
func Files() ([]File, error) {
	dir := Dir()
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, unwrapPath(err))
	}
	var out []File
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".txt") {
			continue
		}
		fi, err := e.Info()
		if err != nil {
			continue
		}
		out = append(out, File{Name: e.Name(), Path: filepath.Join(dir, e.Name()), Size: fi.Size()})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// LoadDefault reads what the program shows without --data: the embedded captures and the
// library's. A library capture that cannot be read or parsed is a warning.
func LoadDefault() (data.Corpus, error) { return LoadDefaultMatching(nil) }

// LoadDefaultMatching is LoadDefault for a query: see BuildMatching. The embedded corpus is small
// and parsed once, so it is always read whole.
func LoadDefaultMatching(need []string) (data.Corpus, error) {
	files, err := Files()
	if err != nil {
		c := data.Embedded()
		c.Warnings = append(append([]data.Warning(nil), c.Warnings...), data.Warning{Snapshot: Dir(), Message: err.Error()})
		return c, nil
	}
	if len(files) == 0 {
		return data.Embedded(), nil
	}
	var caps []data.Capture
	if len(need) == 0 {
		caps = data.EmbeddedCaptures()
	}
	var warns []data.Warning
	for _, f := range files {
		raw, warn, err := data.ReadCapture(f.Path)
		if err != nil {
			warns = append(warns, data.Warning{Snapshot: f.Path, Message: err.Error()})
			continue
		}
		if warn != "" {
			warns = append(warns, data.Warning{Snapshot: f.Path, Message: warn})
		}
		caps = append(caps, data.Capture{Name: f.Path, Raw: raw})
	}
	c := data.BuildMatching(caps, need)
	if len(need) > 0 {
		// The embedded articles as parsed once, merged with the library's.
		emb := data.Embedded()
		c.Articles = data.Merge(append(append([]data.Article(nil), emb.Articles...), c.Articles...))
	}
	c.Warnings = append(warns, c.Warnings...)
	return c, nil
}

// AddResult says what adding one capture did.
type AddResult struct {
	Name     string // name in the library
	Articles int    // articles in the capture
	New      int    // of those, how many the corpus did not have
	Existed  bool   // the same file was already in the library
}

// Add checks a capture and copies it into the library. known holds the title keys of
// the articles already readable (see TitleKeys), to count what is new. A capture that is empty,
// binary or has no article is refused with an error naming it.
func Add(path string, known map[string]bool) (AddResult, error) {
	raw, warn, err := data.ReadCapture(path)
	if err != nil {
		return AddResult{}, fmt.Errorf("%s: %w", path, err)
	}
	if warn != "" {
		return AddResult{}, fmt.Errorf("%s: %s; not added", path, warn)
	}
	if msg := data.CheckCapture(raw); msg != "" {
		return AddResult{}, fmt.Errorf("%s: %s", path, msg)
	}
	arts := data.ParseSnapshot(path, raw)
	if len(arts) == 0 {
		return AddResult{}, fmt.Errorf("%s: no articles found; is it a capture of a UN Viet Nam or news page?", path)
	}
	res := AddResult{Articles: len(arts)}
	for _, a := range arts {
		if k := data.TitleKey(a.Title); !known[k] {
			res.New++
			known[k] = true
		}
	}
	dir := Dir()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return AddResult{}, fmt.Errorf("%s: %w", dir, unwrapPath(err))
	}
	name := libraryName(filepath.Base(path))
	// Same name, same bytes: already there. Same name, other bytes: keep both.
	base := strings.TrimSuffix(name, ".txt")
	for i := 2; ; i++ {
		dest := filepath.Join(dir, name)
		old, err := os.ReadFile(dest)
		if errors.Is(err, fs.ErrNotExist) {
			break
		}
		if err == nil && bytes.Equal(old, raw) {
			res.Name, res.Existed = name, true
			return res, nil
		}
		name = base + "-" + strconv.Itoa(i) + ".txt"
	}
	tmp, err := os.CreateTemp(dir, ".adding-*")
	if err != nil {
		return AddResult{}, fmt.Errorf("%s: %w", dir, unwrapPath(err))
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(raw); err != nil {
		tmp.Close()
		return AddResult{}, err
	}
	if err := tmp.Close(); err != nil {
		return AddResult{}, err
	}
	if err := os.Rename(tmp.Name(), filepath.Join(dir, name)); err != nil {
		return AddResult{}, err
	}
	res.Name = name
	return res, nil
}

// libraryName makes a file name safe to keep and to print: letters, digits, "." "_" "-" stay,
// anything else (spaces, control characters, escape sequences) becomes "-", and it ends in .txt.
func libraryName(base string) string {
	base = strings.TrimSuffix(base, ".txt")
	var b strings.Builder
	for _, r := range data.FlattenLine(base) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '_' || r == '-' {
			b.WriteRune(r)
		} else {
			b.WriteByte('-')
		}
	}
	name := strings.Trim(b.String(), ".-")
	if name == "" {
		name = "capture"
	}
	return name + ".txt"
}

// Remove deletes the capture called name (a base name, with or without .txt).
func Remove(name string) error {
	if name == "" || strings.ContainsAny(name, `/\`) || name == "." || name == ".." {
		return fmt.Errorf("%q is not a capture name; see unvn library", name)
	}
	if !strings.HasSuffix(name, ".txt") {
		name += ".txt"
	}
	path := filepath.Join(Dir(), name)
	if err := os.Remove(path); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("%s is not in the library (%s); see unvn library", name, Dir())
		}
		return fmt.Errorf("%s: %w", path, unwrapPath(err))
	}
	return nil
}

// unwrapPath drops the path from an *fs.PathError so messages name the file once.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
