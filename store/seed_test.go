package store

import (
	"slices"
	"strings"
	"testing"

	"unvn/data"
)

// These tests run on the embedded seed library, as parsed by data.

func seedStore(t *testing.T) *Store {
	t.Helper()
	c := data.Embedded()
	if len(c.Articles) != 27 {
		t.Fatalf("the seeds gave %d articles, want 27", len(c.Articles))
	}
	return New(c.Articles)
}

func TestSeedRanking(t *testing.T) {
	s := seedStore(t)
	res := s.Search(mustParse(t, "hiv"), nil)
	if len(res.Hits) < 3 {
		t.Fatalf("hiv: %d hits", len(res.Hits))
	}
	if !strings.Contains(res.Hits[0].Article.Title, "HIV") {
		t.Errorf("hiv: first hit is %q, want a story with HIV in its title", res.Hits[0].Article.Title)
	}
	if h := res.Hits[0]; h.Article.Kind != data.KindStory {
		t.Errorf("hiv: first hit is a %s", h.Article.Kind)
	}
	// the pomelo export story mentions HIV in passing at most; it must not come before a
	// story about HIV
	for i, h := range res.Hits {
		if strings.Contains(strings.ToLower(h.Article.Title), "pomelo") && i < 3 {
			t.Errorf("hiv: the pomelo story ranks %d", i+1)
		}
	}
}

func TestSeedFolding(t *testing.T) {
	s := seedStore(t)
	var want string
	for _, q := range []string{"dang quoc phong", "Đặng Quốc Phong", "ĐẶNG QUỐC PHONG", `"dang quoc phong"`} {
		res := s.Search(mustParse(t, q), nil)
		if len(res.Hits) != 1 {
			t.Errorf("%q: %d hits, want 1", q, len(res.Hits))
			continue
		}
		if want == "" {
			want = res.Hits[0].Article.ID
		}
		if res.Hits[0].Article.ID != want {
			t.Errorf("%q finds %s, want %s", q, res.Hits[0].Article.ID, want)
		}
		if !strings.Contains(res.Hits[0].Snippet, "Đặng Quốc Phong") {
			t.Errorf("%q: snippet %q", q, res.Hits[0].Snippet)
		}
	}
	// capitals fold too: ĐẶNG finds Đặng Quốc Phong, and the other two with the name
	res := s.Search(mustParse(t, "ĐẶNG"), nil)
	if len(res.Hits) < 2 || !slices.Contains(ids(res.Hits), want) {
		t.Errorf("ĐẶNG finds %v", ids(res.Hits))
	}
	for _, h := range res.Hits {
		if !slices.Contains(tokens(data.Markdown(h.Article)), "dang") {
			t.Errorf("ĐẶNG finds %s, which lacks the word", h.Article.ID)
		}
	}
	for _, q := range []string{"ha noi", "Hà Nội", `"HÀ NỘI"`} {
		res := s.Search(mustParse(t, q), nil)
		if len(res.Hits) == 0 {
			t.Errorf("%q finds nothing", q)
		}
	}
}

func TestSeedFacets(t *testing.T) {
	s := seedStore(t)
	all := s.Search(Query{}, nil)
	if all.Total != 27 {
		t.Fatalf("empty query: %d hits", all.Total)
	}
	for _, c := range all.Facets.Themes {
		n := 0
		for _, a := range s.Articles() {
			if a.HasTheme(c.Value) {
				n++
			}
		}
		if n != c.N {
			t.Errorf("theme facet %s = %d, %d articles have it", c.Value, c.N, n)
		}
	}
	if len(all.Facets.Themes) < 10 || len(all.Facets.Kinds) < 3 || len(all.Facets.Years) < 2 || len(all.Facets.Sources) < 2 {
		t.Errorf("facets look thin: %+v", all.Facets)
	}
	hiv := s.Search(mustParse(t, "theme:hiv"), nil)
	if len(hiv.Facets.Themes) == 0 || hiv.Facets.Themes[0] != (Count{"hiv", hiv.Total}) {
		t.Errorf("theme:hiv facets %v for %d hits", hiv.Facets.Themes, hiv.Total)
	}
	for _, f := range [][]Count{all.Facets.Themes, all.Facets.Kinds, all.Facets.Years, all.Facets.Sources} {
		if !slices.IsSortedFunc(f, func(a, b Count) int {
			if a.N != b.N {
				return b.N - a.N
			}
			return strings.Compare(a.Value, b.Value)
		}) {
			t.Errorf("facet not sorted: %v", f)
		}
	}
}

func TestSeedRelated(t *testing.T) {
	s := seedStore(t)
	hiv := s.Search(mustParse(t, "theme:hiv"), nil)
	if hiv.Total < 2 {
		t.Fatal("too few HIV articles")
	}
	first := hiv.Hits[0].Article
	rel := s.Related(first.ID, 3)
	if len(rel) == 0 || !rel[0].HasTheme("hiv") {
		t.Errorf("Related(%s) = %v, want an HIV article first", first.ID, relIDs(rel))
	}
}
