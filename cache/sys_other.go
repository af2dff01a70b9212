//go:build !unix

package cache

import (
	"io"
	"os"
	"time"
)

// mapFile reads the file where mapping is not available.
func mapFile(f *os.File, size int64) ([]byte, error) {
	b := make([]byte, size)
	_, err := io.ReadFull(io.NewSectionReader(f, 0, size), b)
	return b, err
}

// dropPages does nothing: the file was read into memory.
func dropPages([]byte) {}

// lockFile is a no-op where flock is not available; writes are still atomic renames.
func lockFile(string, time.Duration) (func(), error) { return func() {}, nil }
