package data

import (
	"bytes"
	"fmt"
	"os"
	"sync"
	"testing"
)

func seedBytes(b *testing.B) [][]byte {
	var out [][]byte
	for _, f := range seedFiles(b) {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, raw)
	}
	return out
}

// BenchmarkParseSeeds measures parse throughput over the five real captures.
func BenchmarkParseSeeds(b *testing.B) {
	seeds := seedBytes(b)
	total := 0
	for _, s := range seeds {
		total += len(s)
	}
	b.SetBytes(int64(total))
	b.ResetTimer()
	for range b.N {
		for i, s := range seeds {
			ParseSnapshot(fmt.Sprint(i), s)
		}
	}
}

var (
	synthOnce sync.Once
	synth     [][]byte
)

// SyntheticCaptures builds about size bytes of captures from the seeds: each capture is a seed
// with its titles made unique, so merging keeps every article.
func syntheticCaptures(b *testing.B, size int) [][]byte {
	synthOnce.Do(func() {
		seeds := seedBytes(b)
		n := 0
		for i := 0; n < size; i++ {
			s := seeds[i%len(seeds)]
			tag := []byte(fmt.Sprintf(" no %d\n", i))
			c := bytes.ReplaceAll(s, []byte("\nLearn more\n"), []byte("\nLearn more\n"))
			c = append([]byte(nil), c...)
			c = bytes.Replace(c, []byte("\n"), tag, 3)
			synth = append(synth, c)
			n += len(c)
		}
	})
	return synth
}

// BenchmarkParseSynthetic measures parse throughput over ~100 MB of captures made from the seeds.
func BenchmarkParseSynthetic(b *testing.B) {
	caps := syntheticCaptures(b, 100<<20)
	total := 0
	for _, c := range caps {
		total += len(c)
	}
	b.SetBytes(int64(total))
	b.ResetTimer()
	for range b.N {
		for _, c := range caps {
			ParseSnapshot("synthetic.txt", c)
		}
	}
}
