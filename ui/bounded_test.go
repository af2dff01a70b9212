package ui

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"unvn/data"
)

// longArticle is the shape that once rendered to 180 times its size: n short paragraphs.
func longArticle(n int) *data.Article {
	a := &data.Article{ID: "2024-01-01-long", Title: "A long article", Kind: data.KindNews}
	words := []string{"women", "health", "climate", "youth", "rights"}
	for i := range n {
		a.Blocks = append(a.Blocks, data.Block{Type: data.BlockParagraph, Text: fmt.Sprintf("Note %d %s.", i, words[i%len(words)])})
	}
	return a
}

func articleBytes(a *data.Article) int {
	n := len(a.Title)
	for _, b := range a.Blocks {
		n += len(b.Text) + 1
	}
	return n
}

// A render is a few times the text, not 180 times: Glamour pads every line to the width with
// styled spaces, and the padding is not kept.
func TestRenderIsNotPadded(t *testing.T) {
	a := longArticle(2000)
	for _, w := range []int{40, 84} {
		d, err := renderArticle(a, nil, w, NewStyles(true))
		if err != nil {
			t.Fatal(err)
		}
		if ratio := float64(d.bytes()) / float64(articleBytes(a)); ratio > 12 {
			t.Errorf("width %d: the render takes %.0f times the text", w, ratio)
		}
		if len(d.blockLine) != len(a.Blocks) || !strings.Contains(ansi.Strip(d.lines[d.blockLine[1999]]), "Note 1999 rights.") {
			t.Errorf("width %d: block 1999 is not where blockLine says", w)
		}
	}
}

// The cache keeps at most its limit in bytes, dropping the least recently used first; the doc
// just added stays even when it alone is larger.
func TestDocCacheIsBoundedLRU(t *testing.T) {
	doc := func(id string, width, size int) *renderedDoc {
		return &renderedDoc{key: docKey{id, width, true}, lines: []string{strings.Repeat("x", size)}}
	}
	c := newDocCache(10_000)
	for w := range 30 {
		c.Put(doc("a", 40+w, 1000))
		if _, ok := c.Get(docKey{"keep", 80, true}); w > 0 && !ok {
			t.Fatalf("after %d widths the doc in use was dropped", w)
		}
		if w == 0 {
			c.Put(doc("keep", 80, 1000))
		}
		if c.Size() > 10_000 {
			t.Fatalf("after %d widths the cache holds %d bytes", w, c.Size())
		}
	}
	if _, ok := c.Get(docKey{"a", 40, true}); ok {
		t.Error("the least recently used doc is still there")
	}
	c.Put(doc("huge", 80, 50_000))
	if _, ok := c.Get(docKey{"huge", 80, true}); !ok || c.order.Len() != 1 {
		t.Errorf("a doc larger than the limit: kept %v, %d docs", ok, c.order.Len())
	}
}

// A resize while a render is on its way cancels it: the render for the old width gives up
// (errStale) and only the doc for the width on screen is kept.
func TestResizeCancelsStaleRender(t *testing.T) {
	a := longArticle(3000)
	r := newReader(NewStyles(true), nil, nil, false, func(*data.Article) []*data.Article { return nil }, -1, MaxTextWidth)
	r.SetSize(60, 30)
	var cmds []tea.Cmd
	cmds = append(cmds, r.Open(a))
	for _, w := range []int{50, 70, 90} {
		cmds = append(cmds, r.SetSize(w, 30))
	}
	stale := 0
	for i, cmd := range cmds {
		if cmd == nil {
			t.Fatalf("resize %d asked for no render", i)
		}
		msg := cmd().(renderedMsg)
		if errors.Is(msg.err, errStale) {
			stale++
		} else if msg.err != nil {
			t.Fatal(msg.err)
		}
		r, _ = r.Update(msg)
	}
	if stale != 3 {
		t.Errorf("%d of 3 stale renders were cancelled", stale)
	}
	if r.doc == nil || r.doc.key.width != r.wrap || r.cache.order.Len() != 1 || len(r.pending) != 0 {
		t.Errorf("doc %v for wrap %d, %d cached, %d pending", r.doc != nil, r.wrap, r.cache.order.Len(), len(r.pending))
	}
}

// BenchmarkRenderLongArticle renders a 450 KB article of 25,000 short paragraphs whole, as show
// does, at width 80 (B/op is what it allocates; doc-MB the size of what it keeps).
func BenchmarkRenderLongArticle(b *testing.B) {
	a := longArticle(25_000)
	st := NewStyles(true)
	b.ReportAllocs()
	for b.Loop() {
		d, err := renderArticle(a, nil, 80, st)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(d.bytes())/(1<<20), "doc-MB")
	}
	b.ReportMetric(float64(articleBytes(a))/(1<<10), "text-KB")
}

// A very long article is rendered a chunk at a time: opening it lays out the first chunk only,
// so the cost follows what is on screen; G brings the rest, chunk by chunk, and ends at the end.
func TestLongArticleRendersOnDemand(t *testing.T) {
	a := longArticle(5 * renderChunk)
	h := newHarness(t, 100, 30, func(o *Options) { o.Corpus.Articles = []data.Article{*a} })
	h.keys("enter")
	d := h.m.reader.doc
	if d == nil || d.complete || len(d.blockLine) != renderChunk {
		t.Fatalf("opening rendered %d blocks of %d (complete %v)", len(d.blockLine), len(a.Blocks), d.complete)
	}
	if v := h.view(); !strings.Contains(v, "Note 0 women.") {
		t.Fatalf("the top is not shown:\n%s", v)
	}
	if p := h.m.reader.ScrollPercent(); p != 0 {
		t.Errorf("at the top of a long article: %d%%", p)
	}
	h.keys("G")
	d = h.m.reader.doc
	if !d.complete || len(d.blockLine) != len(a.Blocks) {
		t.Fatalf("after G: %d blocks of %d rendered", len(d.blockLine), len(a.Blocks))
	}
	if v := h.view(); !strings.Contains(v, fmt.Sprintf("Note %d ", len(a.Blocks)-1)) || !h.m.reader.AtEnd() {
		t.Errorf("G did not end at the end:\n%s", v)
	}
}

// In a long article rendered a chunk at a time, ] finds a marker in a chunk not rendered yet
// and enter reaches the notes after the last chunk: the keys wait for the chunks they need.
func TestLongArticleNotesOnDemand(t *testing.T) {
	a := longArticle(3 * renderChunk)
	a.Blocks[0].Text = "The first paragraph cites [1]."
	a.Blocks[len(a.Blocks)-1].Text = "The last paragraph cites [2]."
	a.Footnotes = []data.Footnote{{N: 1, Text: "UNAIDS, Global AIDS Update 2024.", Cited: true},
		{N: 2, Text: "UN Women, Progress of the World's Women.", Cited: true}}
	open := func() *harness {
		h := newHarness(t, 100, 30, func(o *Options) { o.Corpus.Articles = []data.Article{*a} })
		h.keys("enter", "]")
		if h.m.reader.doc.complete || h.m.reader.ActiveNote() != 1 {
			t.Fatalf("after opening and ]: complete %v, note %d", h.m.reader.doc.complete, h.m.reader.ActiveNote())
		}
		return h
	}
	h := open()
	h.keys("]")
	if n := h.m.reader.ActiveNote(); n != 2 {
		t.Errorf("] to a marker in the last chunk: note %d, want 2", n)
	}
	if v := h.view(); !strings.Contains(v, "Progress of the World") {
		t.Errorf("the box does not show reference 2:\n%s", v)
	}
	h = open()
	h.keys("enter")
	r := h.m.reader
	if !r.doc.complete || len(r.jumps) != 1 || !strings.Contains(h.view(), "[1] UNAIDS") {
		t.Errorf("enter did not reach note 1 under Notes (complete %v, %d jumps):\n%s", r.doc.complete, len(r.jumps), h.view())
	}
}
