package data

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"html"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"unicode/utf8"
)

//go:embed seeds/*.txt
var seedFS embed.FS

var (
	embeddedOnce sync.Once
	embedded     Corpus
)

// Embedded returns the corpus parsed from the seed captures built into the binary. It is parsed
// once; callers must not modify the result.
func Embedded() Corpus {
	embeddedOnce.Do(func() { embedded = Build(EmbeddedCaptures()) })
	return embedded
}

// EmbeddedCaptures returns the seed captures built into the binary.
func EmbeddedCaptures() []Capture {
	var caps []Capture
	entries, _ := fs.ReadDir(seedFS, "seeds")
	for _, e := range entries {
		raw, err := seedFS.ReadFile("seeds/" + e.Name())
		if err != nil {
			continue
		}
		caps = append(caps, Capture{Name: e.Name(), Raw: raw})
	}
	return caps
}

// Capture is one snapshot file's name and raw bytes.
type Capture struct {
	Name string
	Raw  []byte
}

// Build parses captures and merges them into one corpus. A capture that is empty or binary is
// skipped with a warning; everything else still loads.
//
// Captures are parsed in parallel, one worker per CPU; the result does not depend on the order in
// which they finish.
func Build(caps []Capture) Corpus { return BuildMatching(caps, nil) }

// BuildMatching is Build for a query: a capture whose text, sanitised and folded, lacks any of
// the folded strings in need cannot hold an article that matches, so it is not parsed at all.
// (Parsing only removes and splits text; it never makes a word that was not in the capture.)
// This is what makes a one-shot search over a large library fast.
func BuildMatching(caps []Capture, need []string) Corpus {
	parsed := make([][]Article, len(caps))
	problems := make([]string, len(caps))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), max(1, len(caps))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if problems[i] = CheckCapture(caps[i].Raw); problems[i] != "" {
					continue
				}
				if len(need) > 0 && !IsHTMLName(caps[i].Name) && !containsAll(caps[i].Raw, need) { // tags can split a word: pages are always parsed
					continue
				}
				if parsed[i] = ParseCapture(caps[i].Name, caps[i].Raw); len(parsed[i]) == 0 {
					problems[i] = "no articles found"
				}
			}
		}()
	}
	for i := range caps {
		next <- i
	}
	close(next)
	wg.Wait()

	var c Corpus
	var all []Article
	for i, cp := range caps {
		if problems[i] != "" {
			c.Warnings = append(c.Warnings, Warning{Snapshot: cp.Name, Message: problems[i]})
			continue
		}
		all = append(all, parsed[i]...)
	}
	c.Articles = Merge(all)
	return c
}

// containsAll reports whether the folded, sanitised text of raw contains every string in need.
func containsAll(raw []byte, need []string) bool {
	// The parts of Sanitize that can change a word: entities and control characters. (Folding
	// strips marks whether or not the text is in NFC.)
	text := string(raw)
	if hasEntity(text) {
		text = html.UnescapeString(text)
	}
	text = Fold(stripControls(text))
	for _, n := range need {
		if !strings.Contains(text, n) {
			return false
		}
	}
	return true
}

// CheckCapture says why raw cannot be a capture, or "" when it can.
func CheckCapture(raw []byte) string {
	if len(bytes.TrimSpace(raw)) == 0 {
		return "empty file"
	}
	if isBinary(raw) {
		return "binary file, not a text capture"
	}
	return ""
}

// isBinary looks for NUL bytes or a high share of invalid UTF-8 in the first 8 KiB.
func isBinary(raw []byte) bool {
	head := raw
	if len(head) > 8192 {
		head = head[:8192]
	}
	if bytes.IndexByte(head, 0) < 0 && utf8.Valid(head[:max(0, len(head)-3)]) {
		return false // the common case, checked at memory speed (the cut may split a rune)
	}
	bad := 0
	for i := 0; i < len(head); {
		if head[i] == 0 {
			return true
		}
		r, n := utf8.DecodeRune(head[i:])
		if r == utf8.RuneError && n == 1 {
			bad++
		}
		i += n
	}
	return bad*10 > len(head)
}

// Load reads captures from paths: files, or folders whose *.txt files and saved web pages
// (*.html, *.htm) are read (not recursively).
// A path that does not exist is an error naming it. A file that cannot be read, is empty or is
// binary becomes a warning and the rest still loads.
func Load(paths []string) (Corpus, error) { return LoadMatching(paths, nil) }

// LoadMatching is Load for a query: see BuildMatching.
func LoadMatching(paths []string, need []string) (Corpus, error) {
	var caps []Capture
	var warns []Warning
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err == nil && !fi.IsDir() && !fi.Mode().IsRegular() {
			return Corpus{}, fmt.Errorf("%s: not a regular file or folder", p)
		}
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return Corpus{}, fmt.Errorf("%s: no such file or directory", p)
			}
			return Corpus{}, fmt.Errorf("%s: %w", p, unwrapPath(err))
		}
		files := []string{p}
		if fi.IsDir() {
			if files, err = CaptureFiles(p); err != nil {
				return Corpus{}, err
			}
			if len(files) == 0 {
				warns = append(warns, Warning{Snapshot: p, Message: NoCapturesInFolder})
			}
		}
		for _, f := range files {
			raw, warn, err := ReadCapture(f)
			if err != nil {
				warns = append(warns, Warning{Snapshot: f, Message: err.Error()})
				continue
			}
			if warn != "" {
				warns = append(warns, Warning{Snapshot: f, Message: warn})
			}
			caps = append(caps, Capture{Name: f, Raw: raw})
		}
	}
	c := BuildMatching(caps, need)
	c.Warnings = append(warns, c.Warnings...)
	return c, nil
}

// NoCapturesInFolder is the warning for a --data folder with nothing to read.
const NoCapturesInFolder = "folder has no *.txt or *.html captures"

// CaptureFiles lists the captures in a folder, sorted: text captures (*.txt) and saved or
// fetched web pages (*.html, *.htm); not recursively.
func CaptureFiles(dir string) ([]string, error) {
	// One read of the folder (a glob per pattern read it three times: 4 ms at 2,000 captures).
	// Like filepath.Glob, a folder that cannot be read holds no captures.
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil
	}
	var files []string
	for _, e := range entries {
		if n := e.Name(); strings.HasSuffix(n, ".txt") || strings.HasSuffix(n, ".html") || strings.HasSuffix(n, ".htm") {
			files = append(files, filepath.Join(dir, n))
		}
	}
	return files, nil // ReadDir sorts by name
}

// MaxCaptureSize is how much of one capture is read. A web page's text is a few hundred KB at
// most; anything larger is read only this far, with a warning.
const MaxCaptureSize = 16 << 20

// ReadCapture reads a capture file. It reads only regular files (a FIFO, a device or /dev/zero
// is refused before it is opened, so loading never blocks or runs out of memory) and at most
// MaxCaptureSize bytes; warn says when the file was cut there. Errors do not repeat the path.
func ReadCapture(path string) (raw []byte, warn string, err error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, "", unwrapPath(err)
	}
	if !fi.Mode().IsRegular() {
		return nil, "", errors.New("not a regular file, skipped")
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, "", unwrapPath(err)
	}
	defer f.Close()
	if fi, err = f.Stat(); err != nil || !fi.Mode().IsRegular() {
		return nil, "", errors.New("not a regular file, skipped")
	}
	raw, err = io.ReadAll(io.LimitReader(f, MaxCaptureSize+1))
	if err != nil {
		return nil, "", unwrapPath(err)
	}
	if len(raw) > MaxCaptureSize {
		raw = raw[:MaxCaptureSize]
		warn = fmt.Sprintf("larger than %d MB: only the first %d MB read", MaxCaptureSize>>20, MaxCaptureSize>>20)
	}
	return raw, warn, nil
}

// unwrapPath drops the path from an *fs.PathError so messages name the file once.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
