package ui

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"unvn/data"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// golden compares got with testdata/name.golden, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	// Trailing spaces are padding, not content; dropping them keeps the files readable.
	lines := strings.Split(got, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	got = strings.Join(lines, "\n") + "\n"
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./ui -run %s -update)", err, t.Name())
	}
	if string(want) != got {
		t.Errorf("%s differs from the golden file; run with -update if the change is right.\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// states are the screens the goldens and the size sweep cover, each reached by keys.
var states = []struct {
	name string
	keys []string
}{
	{"list", nil},
	{"reader", []string{"j", "enter"}},
	{"footnote", []string{"j", "enter", "]", "]"}},
	{"notes", []string{"j", "enter", "]", "enter"}},
	{"picker", []string{"t", "down", "space"}},
	{"search", []string{"/", "h", "i", "v"}},
	{"filtered", []string{"t", "down", "down", "down", "down", "enter"}},
	{"help", []string{"?"}},
	{"vietnamese", []string{"j", "j", "enter"}},
	{"teaser", []string{"enter"}},
	{"empty", []string{"/", "z", "z", "z", "enter"}},
}

func TestGoldens(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		for _, st := range states {
			name := st.name + "-" + itoa(size[0]) + "x" + itoa(size[1])
			t.Run(name, func(t *testing.T) {
				h := newHarness(t, size[0], size[1])
				h.keys(st.keys...)
				checkFrame(t, h, size[0], size[1])
				golden(t, name, h.view())
			})
		}
	}
}

func itoa(n int) string {
	const digits = "0123456789"
	if n < 10 {
		return digits[n : n+1]
	}
	return itoa(n/10) + digits[n%10:n%10+1]
}

// TestEverySizeFits sweeps terminal sizes, including absurdly small ones, through every state:
// no panic, and no line wider or frame taller than the terminal.
func TestEverySizeFits(t *testing.T) {
	widths := []int{1, 2, 5, 10, 20, 39, 40, 41, 59, 60, 79, 80, 99, 100, 101, 119, 120, 160, 250}
	heights := []int{1, 2, 3, 5, 8, 11, 12, 13, 24, 40, 60}
	if testing.Short() {
		widths, heights = []int{1, 40, 100}, []int{1, 12, 24}
	}
	for _, st := range states {
		h := newHarness(t, 120, 40)
		h.keys(st.keys...)
		for _, w := range widths {
			for _, ht := range heights {
				h.send(tea.WindowSizeMsg{Width: w, Height: ht})
				checkFrame(t, h, w, ht)
			}
		}
		// Keys keep working after all that.
		h.send(tea.WindowSizeMsg{Width: 40, Height: 12})
		h.keys("j", "]", "k", "esc")
		checkFrame(t, h, 40, 12)
	}
}

// TestEveryStateAtSmallSizes reaches each state at the smallest supported size directly.
func TestEveryStateAtSmallSizes(t *testing.T) {
	for _, size := range [][2]int{{40, 12}, {41, 13}, {99, 20}, {100, 12}} {
		for _, st := range states {
			h := newHarness(t, size[0], size[1])
			h.keys(st.keys...)
			checkFrame(t, h, size[0], size[1])
		}
	}
}

func TestEmbeddedCorpusFits(t *testing.T) {
	c := data.Embedded()
	if len(c.Articles) == 0 {
		t.Skip("the embedded corpus is empty")
	}
	for _, size := range [][2]int{{40, 12}, {80, 24}, {120, 40}} {
		h := newHarness(t, size[0], size[1], func(o *Options) { o.Corpus = c })
		for range c.Articles {
			h.keys("enter", "]", "]", "G", "esc", "esc")
			checkFrame(t, h, size[0], size[1])
			if size[0] >= splitWidth {
				h.keys("j")
			} else {
				h.keys("esc", "j")
			}
		}
	}
}

// BenchmarkFirstFrame is model set-up over the embedded corpus plus the first View at 120x40:
// what stands between starting unvn and seeing the list. (The article on the right is rendered
// by a command after that frame.)
func BenchmarkFirstFrame(b *testing.B) {
	c := data.Embedded()
	for b.Loop() {
		m := New(Options{Corpus: c})
		m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
		_ = m.View()
	}
}

// BenchmarkRenderArticle lays out the longest embedded article at a typical width.
func BenchmarkRenderArticle(b *testing.B) {
	c := data.Embedded()
	var longest *data.Article
	size := 0
	for i := range c.Articles {
		n := 0
		for _, bl := range c.Articles[i].Blocks {
			n += len(bl.Text)
		}
		if n > size {
			longest, size = &c.Articles[i], n
		}
	}
	if longest == nil {
		b.Skip("empty corpus")
	}
	st := NewStyles(true)
	b.ReportMetric(float64(size), "bytes")
	for b.Loop() {
		if _, err := renderArticle(longest, nil, 67, st); err != nil {
			b.Fatal(err)
		}
	}
}
