//go:build !unix

package store

// lockFile is a no-op where flock is not available; writes are still atomic renames.
func lockFile(string) (func(), error) { return func() {}, nil }
