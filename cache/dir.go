package cache

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// File is one cache file, as unvn cache lists it.
type File struct {
	Name     string // its name in the folder, without .idx
	Path     string
	Size     int64
	Modified time.Time
	Label    string // what it holds; "" when the file cannot be read (it is rebuilt on use)
	Captures int
	Articles int // as parsed, before merging
}

// List describes the cache files in dir. A missing folder is an empty cache.
func List(dir string) ([]File, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.idx"))
	if err != nil {
		return nil, err
	}
	var out []File
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			continue
		}
		f := File{Name: strings.TrimSuffix(filepath.Base(p), ".idx"), Path: p, Size: fi.Size(), Modified: fi.ModTime()}
		if img, err := openFile(p); err == nil {
			img.closeFile()
			if m, err := parseManifest(img.sec[secManifest], img.records); err == nil {
				f.Label, f.Captures, f.Articles = m.label, len(m.caps), img.records
			}
		}
		out = append(out, f)
	}
	return out, nil
}

// Clear removes every cache file in dir, and the lock and temporary files beside them; it
// returns how many bytes it freed. Another unvn running at the time keeps the file it mapped
// (the space is freed when it ends) and simply finds no cache the next time.
func Clear(dir string) (int64, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	var freed int64
	var errs []error
	for _, e := range entries {
		name := e.Name()
		ours := strings.HasSuffix(name, ".idx") || strings.HasSuffix(name, ".idx.lock") ||
			strings.HasPrefix(name, ".") && strings.Contains(name, ".idx")
		if !ours || e.IsDir() {
			continue
		}
		if fi, err := e.Info(); err == nil {
			freed += fi.Size()
		}
		if err := os.Remove(filepath.Join(dir, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	return freed, errors.Join(errs...)
}
