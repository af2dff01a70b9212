//go:build !unix

package store

// lockFile is a no-op where flock is not available; writes are still atomic renames.
func lockFile(string) (func(), error) { return func() {}, nil }

// tryLockFile never succeeds without flock: stale pending files are left alone, since a save in
// progress cannot be told from a killed one.
func tryLockFile(string) (func(), bool) { return nil, false }
