package data

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"
)

// The library loads captures on several goroutines, and a parse shares memory with the next
// through pools (line records, term counts) and the fold table. Parsing different captures at
// once must give each the articles a parse on its own gives, and no parse may change the
// articles of another that came before it (an article pointing into pooled memory would).
// Run under -race, this also holds the pools to being used by one parse at a time.
func TestConcurrentParsesAgreeWithSequential(t *testing.T) {
	files := corpusFiles(t)
	raws := make([][]byte, len(files))
	want := make([][]Article, len(files))
	wantJSON := make([][]byte, len(files))
	for i, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		raws[i] = raw
		want[i] = ParseSnapshot(filepath.Base(f), raw)
		if wantJSON[i], err = json.Marshal(want[i]); err != nil {
			t.Fatal(err)
		}
	}
	articles := 0
	for _, arts := range want {
		articles += len(arts)
	}
	if articles < len(files) {
		t.Fatalf("want an article or more a capture, got %d from %d captures", articles, len(files))
	}

	const workers = 4
	got := make([][][]Article, workers)
	var wg sync.WaitGroup
	for w := range workers {
		got[w] = make([][]Article, len(files))
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Each worker starts at another capture, so different captures are parsed at once.
			for k := range files {
				i := (k + w*len(files)/workers) % len(files)
				got[w][i] = ParseSnapshot(filepath.Base(files[i]), raws[i])
			}
		}()
	}
	wg.Wait()

	for i, f := range files {
		// The sequential articles must be as they were made: the parses since reused every pool.
		if now, err := json.Marshal(want[i]); err != nil || string(now) != string(wantJSON[i]) {
			t.Fatalf("%s: the articles of a parse changed after later parses (%v)", f, err)
		}
		for w := range workers {
			if !reflect.DeepEqual(got[w][i], want[i]) {
				gotJSON, _ := json.Marshal(got[w][i])
				t.Fatalf("%s: a concurrent parse (worker %d) differs from the sequential one:\n got %.300s\nwant %.300s", f, w, gotJSON, wantJSON[i])
			}
		}
	}
}
