//go:build unix

package cache

import (
	"errors"
	"os"
	"syscall"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// mapFile maps size bytes of f read-only. The mapping outlives f's closing and is never undone:
// the store points into it for as long as the program runs, and a cache file is only ever
// replaced by renaming a new one over it, never changed in place.
func mapFile(f *os.File, size int64) ([]byte, error) {
	if size == 0 {
		return nil, nil
	}
	return syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED)
}

// dropPages tells the system that the mapped pages of b, a part of a mapping, are not needed
// for now: they leave the process's memory and are read again from the file cache when next
// touched. The page b starts in is dropped too (a mapping starts on a page).
func dropPages(b []byte) {
	if len(b) == 0 {
		return
	}
	back := int(uintptr(unsafe.Pointer(&b[0])) % uintptr(os.Getpagesize()))
	_ = unix.Madvise(unsafe.Slice((*byte)(unsafe.Add(unsafe.Pointer(&b[0]), -back)), back+len(b)), unix.MADV_DONTNEED)
}

// errLockTimeout says another process held the lock for longer than we wait.
var errLockTimeout = errors.New("another unvn is writing the cache")

// lockFile takes an exclusive advisory lock on path, waiting up to wait for another process to
// let go of it.
func lockFile(path string, wait time.Duration) (unlock func(), err error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, err
	}
	deadline := time.Now().Add(wait)
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			break
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) || time.Now().After(deadline) {
			f.Close()
			if errors.Is(err, syscall.EWOULDBLOCK) {
				err = errLockTimeout
			}
			return nil, err
		}
		time.Sleep(20 * time.Millisecond)
	}
	return func() {
		_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}
