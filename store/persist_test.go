package store

import (
	"reflect"
	"slices"
	"testing"
	"unsafe"

	"unvn/data"
)

// heapSource serves a reopened store the articles of the store it was written from, handing out
// heads that really lack the body, as a cache file's do.
type heapSource struct{ arts []*data.Article }

func (h heapSource) ID(d int) string { return h.arts[d].ID }
func (h heapSource) Full(d int) *data.Article {
	return h.arts[d]
}
func (h heapSource) Head(d int) *data.Article {
	a := *h.arts[d]
	a.Summary, a.Blocks, a.Footnotes = "", nil, nil
	return &a
}

// reopen writes s out and opens it again over a copy of the bytes.
func reopen(t *testing.T, s *Store) *Store {
	t.Helper()
	b := s.AppendIndex(nil)
	o, err := Open(append([]byte(nil), b...), heapSource{s.Articles()})
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// TestReopenedStoreAnswersAlike: a store written out and opened again finds the same hits in
// the same order with the same scores, snippets, facets and related articles, for every kind
// of query, over several segments.
func TestReopenedStoreAnswersAlike(t *testing.T) {
	for name, s := range map[string]*Store{
		"seeds":     New(data.Embedded().Articles),
		"synthetic": newStore(synthArticles(3000, 7), 3),
		"by hand":   New(testArticles()),
	} {
		t.Run(name, func(t *testing.T) {
			o := reopen(t, s)
			if o.Len() != s.Len() {
				t.Fatalf("Len = %d, want %d", o.Len(), s.Len())
			}
			marks := fakeMarks{read: map[string]bool{s.Articles()[0].ID: true}, starred: map[string]bool{s.Articles()[1].ID: true}}
			for _, qs := range []string{"", "hiv", "women violence theme:gbv", `"one-stop shop"`, "pom",
				"theme:hiv,climate year:2024", "dang quoc -hiv", "kind:story,speech", "source:hanoi",
				"is:unread", "is:starred", "is:teaser", "after:2023 before:2024", "-theme:health viet"} {
				q := mustParse(t, qs)
				want, got := s.Search(q, marks), o.Search(q, marks)
				if !reflect.DeepEqual(got.Facets, want.Facets) || got.Total != want.Total {
					t.Errorf("%q: %d hits, facets %v; want %d, %v", qs, got.Total, got.Facets, want.Total, want.Facets)
					continue
				}
				for i := range want.Hits {
					g, w := got.Hits[i], want.Hits[i]
					if g.Article.ID != w.Article.ID || g.Score != w.Score || g.Snippet != w.Snippet {
						t.Errorf("%q hit %d: %s %v %q, want %s %v %q", qs, i, g.Article.ID, g.Score, g.Snippet, w.Article.ID, w.Score, w.Snippet)
						break
					}
				}
			}
			for _, a := range s.Articles()[:min(20, s.Len())] {
				if got, ok := o.Get(a.ID); !ok || got != a {
					t.Errorf("Get(%s) = %v, %v", a.ID, got, ok)
				}
				if got, want := relIDs(o.Related(a.ID, 5)), relIDs(s.Related(a.ID, 5)); !reflect.DeepEqual(got, want) {
					t.Errorf("Related(%s) = %v, want %v", a.ID, got, want)
				}
			}
			if _, ok := o.Get("no-such-article"); ok {
				t.Error("Get found an id that is not there")
			}
		})
	}
}

// TestHitsAreHeads: a reopened store's hits carry heads, and Full gives the whole article.
func TestHitsAreHeads(t *testing.T) {
	o := reopen(t, New(data.Embedded().Articles))
	h := o.Match(mustParse(t, "hiv"), nil).Hits[0]
	if len(h.Article.Blocks) != 0 || h.Snippet != "" {
		t.Fatalf("Match gave a hit with a body or a snippet: %+v", h)
	}
	if full := o.Full(h.Article); full.ID != h.Article.ID || len(full.Blocks) == 0 {
		t.Errorf("Full(%s) has %d blocks", h.Article.ID, len(full.Blocks))
	}
}

// TestFindIsLazyMatch: Find's hits are Match's, in the same order, with the articles left for
// Head and ID to give.
func TestFindIsLazyMatch(t *testing.T) {
	mem := newStore(synthArticles(2000, 9), 2)
	for name, s := range map[string]*Store{"in memory": mem, "reopened": reopen(t, mem)} {
		for _, qs := range []string{"", "women", "theme:hiv", `"one-stop shop"`, "viet -hiv"} {
			q := mustParse(t, qs)
			want, got := s.Match(q, nil), s.Find(q, nil)
			if got.Total != want.Total || !reflect.DeepEqual(got.Facets, want.Facets) {
				t.Fatalf("%s %q: %d hits, want %d", name, qs, got.Total, want.Total)
			}
			for i, h := range got.Hits {
				w := want.Hits[i]
				if h.Article != nil || h.ID() != w.Article.ID || h.Head().Title != w.Article.Title || h.Score != w.Score {
					t.Fatalf("%s %q hit %d: %v %s %v, want %s %v", name, qs, i, h.Article != nil, h.ID(), h.Score, w.Article.ID, w.Score)
				}
			}
		}
	}
}

// TestOpenRejectsDamage: Open refuses a cut index with an error, and never panics on an altered
// one.
func TestOpenRejectsDamage(t *testing.T) {
	s := newStore(synthArticles(500, 3), 2)
	b := s.AppendIndex(nil)
	src := heapSource{s.Articles()}
	for _, n := range []int{0, 8, 15, 100, len(b) / 3, len(b) / 2, len(b) - 8, len(b) - 1} {
		if _, err := Open(append([]byte(nil), b[:n]...), src); err == nil {
			t.Errorf("Open of the first %d of %d bytes succeeded", n, len(b))
		}
	}
	// A length or an offset changed to nonsense must be caught by the layout checks.
	for at := 0; at < len(b); at += len(b)/400 + 1 {
		c := append([]byte(nil), b...)
		c[at] ^= 0xff
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Fatalf("Open panicked with byte %d altered: %v", at, r)
				}
			}()
			// Contents the layout cannot check (a score, a doc id inside its range) may
			// pass: the cache's checksums catch those.
			_, _ = Open(c, src)
		}()
	}
}

// scanSource is a heapSource that also scans heads, into one article as a cache file does, and
// records the docs it was asked for.
type scanSource struct {
	heapSource
	asked *[]uint32
}

func (s scanSource) ScanHeads(docs []uint32, fn func(k int, a *data.Article)) {
	*s.asked = append(*s.asked, docs...)
	var a data.Article
	for k, d := range docs {
		a = *s.Head(int(d))
		fn(k, &a)
	}
}

// TestEachHead: EachHead hands every hit its own head, whatever the order of the hits, with a
// hit twice or a hit of another store among them, and asks a scanning source for each doc once,
// in order.
func TestEachHead(t *testing.T) {
	s := newStore(synthArticles(500, 3), 2)
	var asked []uint32
	o, err := Open(s.AppendIndex(nil), scanSource{heapSource{s.Articles()}, &asked})
	if err != nil {
		t.Fatal(err)
	}
	hits := o.Find(mustParse(t, "women"), nil).Hits
	if len(hits) < 10 {
		t.Fatalf("%d hits; the test needs more", len(hits))
	}
	other := s.Match(mustParse(t, "hiv"), nil).Hits
	hits = append(hits, hits[3], other[0])
	got := make([]string, len(hits))
	o.EachHead(hits, func(i int, a *data.Article) { got[i] = a.ID + "|" + a.Title })
	for i, h := range hits {
		if want := h.Head().ID + "|" + h.Head().Title; got[i] != want {
			t.Errorf("hit %d: EachHead gives %q, want %q", i, got[i], want)
		}
	}
	if len(asked) != len(hits)-2 || !slices.IsSorted(asked) {
		t.Errorf("the source was asked for %d docs (sorted %v), want %d in order", len(asked), slices.IsSorted(asked), len(hits)-2)
	}
}

// releaseSource is a heapSource that records what it is handed to let go of.
type releaseSource struct {
	heapSource
	released *[][]byte
}

func (r releaseSource) Release(b []byte) { *r.released = append(*r.released, b) }

// TestReleaseSegments: Open hands a Releaser each segment once it is checked, a search each
// segment once it is searched, all of them parts of the index's bytes; the answers are the same.
func TestReleaseSegments(t *testing.T) {
	s := newStore(synthArticles(600, 3), 3)
	b := s.AppendIndex(nil)
	var released [][]byte
	o, err := Open(b, releaseSource{heapSource{s.Articles()}, &released})
	if err != nil {
		t.Fatal(err)
	}
	base := uintptr(unsafe.Pointer(&b[0]))
	inside := func(p []byte) bool {
		at := uintptr(unsafe.Pointer(unsafe.SliceData(p)))
		return len(p) > 0 && at >= base && at+uintptr(len(p)) <= base+uintptr(len(b))
	}
	if len(released) != 3 || !inside(released[0]) || !inside(released[2]) {
		t.Fatalf("Open released %d pieces, want the 3 segments", len(released))
	}
	released = nil
	q := mustParse(t, "women violence")
	if got, want := o.Match(q, nil), s.Match(q, nil); got.Total != want.Total || len(released) != 3 {
		t.Errorf("a search found %d (want %d) and released %d pieces, want 3", got.Total, want.Total, len(released))
	}
}
