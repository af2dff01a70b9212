package data

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
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
func BenchmarkParseSeeds(b *testing.B) { benchParse(b, seedBytes(b)) }

// benchParse parses every capture once per iteration and reports the throughput.
func benchParse(b *testing.B, caps [][]byte) {
	benchEach(b, caps, func(i int, c []byte) { ParseSnapshot(fmt.Sprint(i), c) })
}

// benchEach runs f on every capture once per iteration and reports the throughput.
func benchEach(b *testing.B, caps [][]byte, f func(i int, c []byte)) {
	total := 0
	for _, c := range caps {
		total += len(c)
	}
	b.SetBytes(int64(total))
	b.ResetTimer()
	for range b.N {
		for i, c := range caps {
			f(i, c)
		}
	}
}

var (
	synthOnce sync.Once
	synth     [][]byte
)

// syntheticCaptures builds about size bytes of captures from the seeds. Each capture is a seed
// whose items are shuffled into another order, so no two neighbouring captures are the same
// bytes (and no cache of the last input can help).
func syntheticCaptures(b *testing.B, size int) [][]byte {
	synthOnce.Do(func() {
		seeds := seedBytes(b)
		rng := rand.New(rand.NewPCG(1, 2))
		n := 0
		for i := 0; n < size; i++ {
			parts := bytes.SplitAfter(seeds[i%len(seeds)], []byte("\n1 of 5\n"))
			rng.Shuffle(len(parts), func(a, b int) { parts[a], parts[b] = parts[b], parts[a] })
			c := bytes.Join(parts, nil)
			synth = append(synth, c)
			n += len(c)
		}
	})
	return synth
}

// BenchmarkParseSynthetic measures parse throughput over ~100 MB of captures made from the seeds.
func BenchmarkParseSynthetic(b *testing.B) { benchParse(b, syntheticCaptures(b, 100<<20)) }

// BenchmarkBuildSynthetic measures the whole load of ~100 MB: parsing on every core, then merging.
func BenchmarkBuildSynthetic(b *testing.B) {
	raw := syntheticCaptures(b, 100<<20)
	caps := make([]Capture, len(raw))
	total := 0
	for i, c := range raw {
		caps[i] = Capture{Name: fmt.Sprint(i), Raw: c}
		total += len(c)
	}
	b.SetBytes(int64(total))
	b.ResetTimer()
	for range b.N {
		Build(caps)
	}
}

// BenchmarkParseLongLine parses one line with no spaces at sizes that double: the time per byte
// must stay flat (every stage is linear). The shapes are the old worst cases: glue at every
// word ("AbcDef.AbcDef…", a full stop before a capital), and a capital after every dot.
func BenchmarkParseLongLine(b *testing.B) {
	for _, unit := range []string{"AbcDef.", "a.B", "word "} {
		for _, size := range []int{128 << 10, 256 << 10, 512 << 10, 1 << 20} {
			raw := []byte("A headline for the long line\n" + string(bytes.Repeat([]byte(unit), size/len(unit))))
			b.Run(fmt.Sprintf("%q/%dKB", unit, size>>10), func(b *testing.B) {
				b.SetBytes(int64(len(raw)))
				for range b.N {
					ParseSnapshot("long.txt", raw)
				}
			})
		}
	}
}

// BenchmarkIsCaption runs the caption test over every line of the seeds, as blocks and headers
// ask it of nearly every line.
func BenchmarkIsCaption(b *testing.B) {
	var lines []string
	for _, c := range seedBytes(b) {
		for _, l := range strings.Split(string(c), "\n") {
			if l = strings.TrimSpace(l); l != "" {
				lines = append(lines, l)
			}
		}
	}
	isCaption(lines[0]) // compile the regexps outside the timing
	b.ResetTimer()
	for range b.N {
		for _, l := range lines {
			isCaption(l)
		}
	}
}
