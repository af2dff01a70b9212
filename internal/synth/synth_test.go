package synth

import (
	"os"
	"strconv"
	"testing"

	"unvn/data"
)

// TestWriteLibrary writes a synthetic library to measure the command line on, when asked:
//
//	UNVN_SYNTH_DIR=/tmp/lib20k UNVN_SYNTH_CAPTURES=2000 go test ./internal/synth -run WriteLibrary
//
// writes 2,000 captures of 10 articles each (20,000 articles, about 100 MB).
func TestWriteLibrary(t *testing.T) {
	dir := os.Getenv("UNVN_SYNTH_DIR")
	if dir == "" {
		t.Skip("set UNVN_SYNTH_DIR (and UNVN_SYNTH_CAPTURES) to write a library")
	}
	n, err := strconv.Atoi(os.Getenv("UNVN_SYNTH_CAPTURES"))
	if err != nil || n <= 0 {
		n = 2000
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := WriteCaptures(dir, n, 10, 1); err != nil {
		t.Fatal(err)
	}
}

// TestCapturesParse: every synthetic capture parses to its articles, each with a title of its own.
func TestCapturesParse(t *testing.T) {
	seen := map[string]bool{}
	for n := range 20 {
		arts := data.ParseCapture("x.txt", Capture(n, 10, 1))
		if len(arts) != 10 {
			t.Fatalf("capture %d: %d articles, want 10", n, len(arts))
		}
		for _, a := range arts {
			if seen[a.Title] {
				t.Errorf("capture %d: title %q again", n, a.Title)
			}
			seen[a.Title] = true
		}
	}
}
