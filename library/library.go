// Package library keeps the user's own captures in $XDG_DATA_HOME/unvn/snapshots: listing,
// adding, removing, and loading them with the embedded corpus. It is storage, not parsing: every
// capture is parsed by package data.
package library

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/adrg/xdg"
	"github.com/google/renameio/v2"

	"unvn/data"
	"unvn/web"
)

// The library is the user's own captures, kept in $XDG_DATA_HOME/unvn/snapshots and read with
// the embedded ones by default.

// Dir is the folder of the user's captures.
func Dir() string {
	xdg.Reload() // honour the environment as it is now
	return filepath.Join(xdg.DataHome, "unvn", "snapshots")
}

// File is one capture in the library: a text capture (.txt) or a web page (.html).
type File struct {
	Name     string // base name
	Path     string
	Size     int64
	Modified time.Time // when it was added (or last updated)
	URL      string    // a page's address, "" when unknown
	Fetched  time.Time // when a page was fetched; zero for files added from disk
}

// isCaptureName reports whether a file in the library folder is a capture.
func isCaptureName(name string) bool {
	return strings.HasSuffix(name, ".txt") || strings.HasSuffix(name, ".html")
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
		if e.IsDir() || !isCaptureName(e.Name()) || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		fi, err := e.Info()
		if err != nil {
			continue
		}
		f := File{Name: e.Name(), Path: filepath.Join(dir, e.Name()), Size: fi.Size(), Modified: fi.ModTime()}
		if data.IsHTMLName(f.Name) {
			f.URL, f.Fetched = readHeader(f.Path)
		}
		out = append(out, f)
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
	Name      string // name in the library
	Articles  int    // articles in the capture
	New       int    // of those, how many the corpus did not have
	Existed   bool   // the same file was already in the library
	Updated   bool   // a page kept from the same address was replaced by a newer copy
	Headlines int    // of the articles, how many are headlines only (a listing's links)
}

// Add checks a capture file and copies it into the library: a text capture, or a web page saved
// from a browser (.html, .htm; its charset is decoded to UTF-8, and the address the browser
// noted is kept). known holds the title keys of the articles already readable (see
// data.TitleKeys), to count what is new. A file that is empty, binary or has no article is
// refused with an error naming it.
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
	if data.IsHTMLName(path) {
		page, err := web.Decode(raw, "", true)
		if err != nil {
			return AddResult{}, fmt.Errorf("%s: %v", path, err)
		}
		addr, _ := data.ReadPageHeader(page)
		page = withHeader(page, addr, time.Time{})
		arts := data.ParseHTML(path, page, addr)
		if len(arts) == 0 {
			return AddResult{}, fmt.Errorf("%s: no article found on the page", path)
		}
		return keep(libraryName(filepath.Base(path), ".html"), page, arts, known, false)
	}
	arts := data.ParseSnapshot(path, raw)
	if len(arts) == 0 {
		return AddResult{}, fmt.Errorf("%s: no articles found; is it a capture of a UN Viet Nam or news page?", path)
	}
	return keep(libraryName(filepath.Base(path), ".txt"), raw, arts, known, false)
}

// AddPage keeps a page fetched from addr (its HTML decoded to UTF-8, as received otherwise),
// with the address and the time it was fetched, so it reads offline and is parsed again by a
// newer unvn. The same address fetched again replaces the older copy. A page with no article is
// refused.
func AddPage(page []byte, addr string, fetched time.Time, known map[string]bool) (AddResult, error) {
	page = withHeader(page, addr, fetched)
	arts := data.ParseHTML(addr, page, addr)
	if len(arts) == 0 {
		return AddResult{}, fmt.Errorf("%s: no article found on the page", addr)
	}
	return keep(pageName(addr), page, arts, known, true)
}

// AddText keeps a plain-text page fetched from addr as a text capture.
func AddText(text []byte, addr string, known map[string]bool) (AddResult, error) {
	if msg := data.CheckCapture(text); msg != "" {
		return AddResult{}, fmt.Errorf("%s: %s", addr, msg)
	}
	arts := data.ParseSnapshot(addr, text)
	if len(arts) == 0 {
		return AddResult{}, fmt.Errorf("%s: no articles found in the text", addr)
	}
	return keep(strings.TrimSuffix(pageName(addr), ".html")+".txt", text, arts, known, true)
}

// withHeader puts unvn's header (address, fetch time) first in a page, replacing an old one.
func withHeader(page []byte, addr string, fetched time.Time) []byte {
	if bytes.HasPrefix(page, []byte("<!-- unvn")) {
		if i := bytes.IndexByte(page, '\n'); i >= 0 {
			page = page[i+1:]
		}
	}
	return append([]byte(data.PageHeader(addr, fetched)), page...)
}

// body is a kept page without its header, to tell whether a new copy says anything new.
func body(page []byte) []byte {
	if bytes.HasPrefix(page, []byte("<!-- unvn")) {
		if i := bytes.IndexByte(page, '\n'); i >= 0 {
			return page[i+1:]
		}
	}
	return page
}

// readHeader reads the address and fetch time at the top of a kept page.
func readHeader(path string) (string, time.Time) {
	f, err := os.Open(path)
	if err != nil {
		return "", time.Time{}
	}
	defer f.Close()
	head := make([]byte, 2048)
	n, _ := io.ReadFull(f, head)
	return data.ReadPageHeader(head[:n])
}

// keep writes a capture into the library under name, counting its new articles. Same name, same
// content: already there. Same name, other content: a page from the same address (replace)
// replaces it; another file is kept beside it as name-2.
func keep(name string, raw []byte, arts []data.Article, known map[string]bool, replace bool) (AddResult, error) {
	res := AddResult{Articles: len(arts)}
	for _, a := range arts {
		if a.Teaser {
			res.Headlines++
		}
		if k := data.TitleKey(a.Title); !known[k] {
			res.New++
			known[k] = true
		}
	}
	dir := Dir()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return AddResult{}, fmt.Errorf("%s: %w", dir, unwrapPath(err))
	}
	ext := filepath.Ext(name)
	base := strings.TrimSuffix(name, ext)
	for i := 2; ; i++ {
		old, err := os.ReadFile(filepath.Join(dir, name))
		if errors.Is(err, fs.ErrNotExist) {
			break
		}
		if err == nil && bytes.Equal(body(old), body(raw)) {
			res.Name, res.Existed = name, true
			return res, nil
		}
		if replace && sameAddress(old, raw) {
			res.Updated = true
			break
		}
		name = base + "-" + strconv.Itoa(i) + ext
	}
	if err := renameio.WriteFile(filepath.Join(dir, name), raw, 0o644); err != nil {
		return AddResult{}, fmt.Errorf("%s: %w", dir, unwrapPath(err))
	}
	res.Name = name
	return res, nil
}

// sameAddress reports whether two kept pages came from the same address, so the newer may
// replace the older. Two addresses can make the same file name; text pages carry no address, and
// one made from the same name is taken as the same page.
func sameAddress(old, fresh []byte) bool {
	a, _ := data.ReadPageHeader(old)
	b, _ := data.ReadPageHeader(fresh)
	return a == b
}

// URLs returns the addresses of the pages in the library.
func URLs() map[string]bool {
	files, _ := Files()
	out := map[string]bool{}
	for _, f := range files {
		if f.URL != "" {
			out[f.URL] = true
		}
	}
	return out
}

// pageName is the library name of a page fetched from addr: its host and path, made safe.
func pageName(addr string) string {
	u, err := url.Parse(addr)
	if err != nil {
		return libraryName(addr, ".html")
	}
	p := strings.TrimSuffix(u.Path, "/")
	p = strings.TrimSuffix(p, filepath.Ext(p))
	name := strings.TrimPrefix(u.Hostname(), "www.") + strings.ReplaceAll(p, "/", "-")
	if u.RawQuery != "" {
		name += "-" + u.RawQuery
	}
	if len(name) > 120 {
		name = name[:120]
	}
	return libraryName(name, ".html")
}

// libraryName makes a file name safe to keep and to print: letters, digits, "." "_" "-" stay,
// anything else (spaces, control characters, escape sequences) becomes "-", and it ends in ext.
func libraryName(base, ext string) string {
	if e := strings.ToLower(filepath.Ext(base)); e == ext || ext == ".html" && (e == ".htm" || e == ".xhtml") {
		base = base[:len(base)-len(e)]
	}
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
	return name + ext
}

// Remove deletes the capture called name (a base name, with or without .txt or .html).
func Remove(name string) error {
	if name == "" || strings.ContainsAny(name, `/\`) || name == "." || name == ".." {
		return fmt.Errorf("%q is not a capture name; see unvn library", name)
	}
	if !isCaptureName(name) {
		if _, err := os.Stat(filepath.Join(Dir(), name+".txt")); err != nil && fileExists(filepath.Join(Dir(), name+".html")) {
			name += ".html"
		} else {
			name += ".txt"
		}
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

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// unwrapPath drops the path from an *fs.PathError so messages name the file once.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
