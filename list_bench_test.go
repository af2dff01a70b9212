package main

import (
	"io"
	"os"
	"testing"

	tea "charm.land/bubbletea/v2"

	"unvn/data"
	"unvn/ui"
)

// benchLibrary is the library UNVN_BENCH_LIB names, with the cache in UNVN_BENCH_CACHE when set;
// without it the benchmark is skipped.
func benchLibrary(b *testing.B) string {
	lib := os.Getenv("UNVN_BENCH_LIB")
	if lib == "" {
		b.Skip("set UNVN_BENCH_LIB to a library written by internal/synth")
	}
	if dir := os.Getenv("UNVN_BENCH_CACHE"); dir != "" {
		b.Setenv("XDG_CACHE_HOME", dir)
	}
	return lib
}

// BenchmarkList runs unvn --data LIB list QUERY on a library written by internal/synth, its
// cache built before timing starts: what a second run of the command does, but the process
// start-up (package initialisation). Set UNVN_BENCH_LIB (and UNVN_BENCH_QUERY, default women;
// UNVN_BENCH_CACHE, a cache folder kept between runs, so that a profile shows only the list):
//
//	UNVN_BENCH_LIB=/work/bench-lib-20k go test -run '^$' -bench List -cpuprofile cpu.out
func BenchmarkList(b *testing.B) {
	lib := benchLibrary(b)
	query := os.Getenv("UNVN_BENCH_QUERY")
	if query == "" {
		query = "women"
	}
	args := []string{"--data", lib, "list", query}
	if code := run(args, io.Discard, io.Discard); code != 0 {
		b.Fatalf("exit %d", code)
	}
	b.ReportAllocs()
	for b.Loop() {
		if code := run(args, io.Discard, io.Discard); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
}

// BenchmarkReaderFirstFrame is what the reader does before its first frame on the same
// library (UNVN_BENCH_LIB, UNVN_BENCH_CACHE): open the cache, set the model up, draw the list at
// 120x40. Package initialisation and the terminal are not in it.
func BenchmarkReaderFirstFrame(b *testing.B) {
	a := &app{stdout: io.Discard, stderr: io.Discard, dataPaths: []string{benchLibrary(b)}}
	for b.Loop() {
		l, err := a.loadLibrary(a.dataPaths, func(string) {})
		if err != nil {
			b.Fatal(err)
		}
		m := ui.New(ui.Options{Store: l.Store, Corpus: data.Corpus{Warnings: l.Warnings}})
		m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
		if v := m.View(); v.Content == "" {
			b.Fatal("an empty first frame")
		}
	}
}
