package store

import (
	"runtime"
	"strings"
	"sync"
	"testing"

	"unvn/data"
)

// The benchmark library: 100,000 synthetic articles from seed sentences, built once and shared
// by every benchmark in the run.
const benchArticles = 100_000

var bench struct {
	once     sync.Once
	arts     []data.Article
	artsHeap uint64 // heap the articles themselves take
	text     int    // bytes of indexed text
	store    *Store
	folded   []string // each article's folded text, for the scan
}

func benchLibrary(b *testing.B) {
	b.Helper()
	bench.once.Do(func() {
		h0 := heapNow()
		bench.arts = synthArticles(benchArticles, 42)
		bench.artsHeap = heapNow() - h0
		bench.text = textBytes(bench.arts)
		bench.store = New(bench.arts)
		bench.store.Warm()
		bench.folded = make([]string, len(bench.arts))
		for i := range bench.arts {
			a := &bench.arts[i]
			parts := []string{a.Title, a.Summary}
			for _, bl := range a.Blocks {
				parts = append(parts, bl.Text)
				parts = append(parts, bl.Items...)
			}
			bench.folded[i] = data.Fold(strings.Join(parts, "\n"))
		}
	})
	b.ResetTimer()
}

func heapNow() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// benchQuery is a two-word query with a theme filter, as typed in the reader.
const benchQuery = "women violence theme:gbv"

func BenchmarkSearch(b *testing.B) {
	benchLibrary(b)
	q := mustParseB(b, benchQuery)
	var hits int
	for b.Loop() {
		hits = bench.store.Search(q, nil).Total
	}
	b.ReportMetric(float64(hits), "hits")
}

// BenchmarkScan answers the benchmark query the plain way, as a program with no index would: for
// each article with the theme, fold its text and test each word as a substring. This is the
// baseline the store issue names ("a plain folded-substring scan").
func BenchmarkScan(b *testing.B) {
	benchLibrary(b)
	scanBench(b, func(i int) string {
		a := &bench.arts[i]
		parts := []string{a.Title, a.Summary}
		for _, bl := range a.Blocks {
			parts = append(parts, bl.Text)
			parts = append(parts, bl.Items...)
		}
		return data.Fold(strings.Join(parts, "\n"))
	})
}

// BenchmarkScanPrefolded is the same scan over text folded in advance: a stronger baseline than
// the plain one (folding ahead is already a kind of index), reported beside it.
func BenchmarkScanPrefolded(b *testing.B) {
	benchLibrary(b)
	scanBench(b, func(i int) string { return bench.folded[i] })
}

// scanBench runs the benchmark query as a scan: the gbv theme, then each word as a substring of
// the folded text that folded(i) gives for article i.
func scanBench(b *testing.B, folded func(i int) string) {
	words := []string{"women", "violence"}
	var hits int
	for b.Loop() {
		hits = 0
		for i := range bench.arts {
			if !bench.arts[i].HasTheme("gbv") {
				continue
			}
			text := folded(i)
			if strings.Contains(text, words[0]) && strings.Contains(text, words[1]) {
				hits++
			}
		}
	}
	b.ReportMetric(float64(hits), "hits")
}

// Other shapes of query, for the record: a prefix, a phrase, filters only, a broad word.
func BenchmarkSearchShapes(b *testing.B) {
	benchLibrary(b)
	for _, qs := range []string{"pom", `"gender equality"`, "theme:hiv year:2024", "viet", "dang quoc -hiv"} {
		q := mustParseB(b, qs)
		b.Run(qs, func(b *testing.B) {
			var hits int
			for b.Loop() {
				hits = bench.store.Search(q, nil).Total
			}
			b.ReportMetric(float64(hits), "hits")
		})
	}
}

// BenchmarkBuild builds the index of the 100,000 articles and reports its heap: index-MB is
// what the index adds, heap/text the whole heap after the build (articles and index) over the
// bytes of indexed text.
func BenchmarkBuild(b *testing.B) {
	benchLibrary(b)
	var index uint64
	for b.Loop() {
		b.StopTimer()
		h0 := heapNow()
		b.StartTimer()
		s := New(bench.arts)
		s.Warm() // the inverted index is built on first use; measure all of it
		b.StopTimer()
		index = heapNow() - h0
		runtime.KeepAlive(s)
		b.StartTimer()
	}
	b.ReportMetric(float64(bench.text)/1e6, "text-MB")
	b.ReportMetric(float64(index)/1e6, "index-MB")
	b.ReportMetric(float64(bench.artsHeap+index)/float64(bench.text), "heap/text")
}

func mustParseB(b *testing.B, q string) Query {
	b.Helper()
	p, err := Parse(q)
	if err != nil {
		b.Fatal(err)
	}
	return p
}
