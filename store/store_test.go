package store

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"unvn/data"
)

func day(y, m, d int) data.Date {
	return data.Date{Time: time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), Precision: data.PrecisionDay}
}

func month(y, m int) data.Date {
	return data.Date{Time: time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC), Precision: data.PrecisionMonth}
}

func themes(ids ...string) []data.ThemeMatch {
	var out []data.ThemeMatch
	for _, id := range ids {
		out = append(out, data.ThemeMatch{ID: id})
	}
	return out
}

func paras(texts ...string) []data.Block {
	var out []data.Block
	for _, t := range texts {
		out = append(out, data.Block{Type: data.BlockParagraph, Text: t})
	}
	return out
}

// testArticles is a small library built by hand, in no particular order.
func testArticles() []data.Article {
	return []data.Article{
		{
			ID: "pomelo", Kind: data.KindNews, Date: month(2023, 3), Source: "The Hanoi Times",
			Title:   "Pomelos from Viet Nam reach new markets",
			Summary: "Farmers near Hà Nội export their first pomelos.",
			Blocks: paras("Growers in the Red River delta said the harvest was good.",
				"A passing mention of HIV clinics in the area does not make this story about HIV."),
			Themes: themes("food-agriculture"),
		},
		{
			ID: "hiv-response", Kind: data.KindStory, Date: day(2024, 11, 30), Source: "UN Viet Nam",
			Title:   "Building a sustainable HIV response in Viet Nam",
			Summary: "Community-led services keep people on treatment.",
			Blocks: paras("The one-stop-shop model brings testing, PrEP and treatment under one roof.",
				"HIV services are now paid for by health insurance."),
			Footnotes: []data.Footnote{{N: 1, Text: "UNAIDS Global AIDS Update 2024", Cited: true}},
			Themes:    themes("hiv", "health"),
		},
		{
			ID: "one-stop", Kind: data.KindPressRelease, Date: day(2024, 3, 28), Source: "UN Viet Nam",
			Title:   "A one-stop shop for PrEP opens in Hồ Chí Minh City",
			Summary: "The clinic offers HIV prevention for key populations.",
			Blocks: []data.Block{
				{Type: data.BlockParagraph, Text: "Dr. Đặng Quốc Phong opened the clinic."},
				{Type: data.BlockList, Items: []string{"free testing", "same-day PrEP"}},
			},
			Themes: themes("hiv"),
		},
		{
			ID: "gbv-campaign", Kind: data.KindNews, Date: day(2025, 11, 11), Source: "The Hanoi Times",
			Title:   "Vietnam launches campaign to protect women and girls in the digital era",
			Summary: "Technology-facilitated violence affects many women and girls.",
			Blocks: paras("ĐẶNG THỊ HOA, a student, spoke about online abuse.",
				"The campaign supports the Hanoi Convention."),
			Themes: themes("gbv", "cyberviolence", "gender-equality"),
		},
		{
			ID: "holocaust", Kind: data.KindSpeech, Date: day(2023, 1, 27), Source: "UN Viet Nam",
			Title: "Holocaust Remembrance Day speech", Teaser: true,
		},
		{
			ID: "annual-report", Kind: data.KindPublication,
			Title:   "UN Country Annual Results Report",
			Summary: "Climate change drives drought in the Mekong delta.",
			Blocks:  paras("Workshops trained officials on disaster risk."),
			Themes:  themes("sdg", "climate"),
		},
	}
}

func testStore(t *testing.T) *Store {
	t.Helper()
	return New(testArticles())
}

func ids(hits []Hit) []string {
	out := []string{}
	for _, h := range hits {
		out = append(out, h.Article.ID)
	}
	return out
}

type fakeMarks struct{ read, starred map[string]bool }

func (m fakeMarks) IsRead(id string) bool    { return m.read[id] }
func (m fakeMarks) IsStarred(id string) bool { return m.starred[id] }

func TestArticlesNewestFirst(t *testing.T) {
	s := testStore(t)
	var got []string
	for _, a := range s.Articles() {
		got = append(got, a.ID)
	}
	want := []string{"gbv-campaign", "hiv-response", "one-stop", "pomelo", "holocaust", "annual-report"}
	if !slices.Equal(got, want) {
		t.Errorf("Articles() = %v, want %v", got, want)
	}
	if s.Len() != 6 {
		t.Errorf("Len() = %d", s.Len())
	}
	if a, ok := s.Get("one-stop"); !ok || a.ID != "one-stop" {
		t.Errorf("Get(one-stop) = %v, %v", a, ok)
	}
	if _, ok := s.Get("nope"); ok {
		t.Error("Get(nope) found something")
	}
}

// TestOperators runs every operator. Queries without words list newest first, so the expected
// order is exact; with words it is checked as a set (ranking has its own test).
func TestOperators(t *testing.T) {
	s := testStore(t)
	tests := []struct {
		q      string
		want   []string
		sorted bool // compare as sets
	}{
		{"", []string{"gbv-campaign", "hiv-response", "one-stop", "pomelo", "holocaust", "annual-report"}, false},
		{"pom", []string{"pomelo"}, true},
		{"POMELOS", []string{"pomelo"}, true},
		{"hiv prep", []string{"hiv-response", "one-stop"}, true},
		{"hiv -prep", []string{"pomelo"}, true},
		{"-hiv", []string{"gbv-campaign", "holocaust", "annual-report"}, false},
		{`"one-stop shop"`, []string{"hiv-response", "one-stop"}, true},
		{`"one stop shop"`, []string{"hiv-response", "one-stop"}, true},
		{`one-stop-shop`, []string{"hiv-response", "one-stop"}, true},
		{`"stop shop one"`, nil, true},
		{`-"one-stop shop"`, []string{"gbv-campaign", "pomelo", "holocaust", "annual-report"}, false},
		{`"shop for prep"`, []string{"one-stop"}, true},
		{`"prep and treatment"`, []string{"hiv-response"}, true},
		{`"viet nam reach"`, []string{"pomelo"}, true},
		{`"hiv response"`, []string{"hiv-response"}, true},
		{`"the clinic"`, []string{"one-stop"}, true},
		{`"testing same"`, nil, true}, // list items are separate units
		{`"hanoi times"`, nil, true},  // the source is not text
		{`"insurance ha"`, nil, true}, // nor do phrases run from body to nowhere
		{`"roof hiv"`, nil, true},     // ... or across paragraphs
		{"unaids", []string{"hiv-response"}, true},
		{"theme:hiv", []string{"hiv-response", "one-stop"}, false},
		{"THEME:HIV", []string{"hiv-response", "one-stop"}, false},
		{"theme:hiv,gbv", []string{"gbv-campaign", "hiv-response", "one-stop"}, false},
		{"-theme:hiv", []string{"gbv-campaign", "pomelo", "holocaust", "annual-report"}, false},
		{"theme:hiv theme:health", []string{"hiv-response"}, false},
		{"kind:news", []string{"gbv-campaign", "pomelo"}, false},
		{"kind:story,speech", []string{"hiv-response", "holocaust"}, false},
		{"-kind:news", []string{"hiv-response", "one-stop", "holocaust", "annual-report"}, false},
		{"year:2024", []string{"hiv-response", "one-stop"}, false},
		{"-year:2024", []string{"gbv-campaign", "pomelo", "holocaust", "annual-report"}, false},
		{"date:2024-11", []string{"hiv-response"}, false},
		{"date:2024-11-30", []string{"hiv-response"}, false},
		{"date:2023-03", []string{"pomelo"}, false},
		{"date:2023-03-01", nil, false}, // known only to the month
		{"after:2024-03-28", []string{"gbv-campaign", "hiv-response", "one-stop"}, false},
		{"after:2024-03-29", []string{"gbv-campaign", "hiv-response"}, false},
		{"before:2024", []string{"pomelo", "holocaust"}, false},
		{"after:2024 before:2025", []string{"hiv-response", "one-stop"}, false},
		{"after:2023-03", []string{"gbv-campaign", "hiv-response", "one-stop", "pomelo"}, false},
		{"source:hanoi", []string{"gbv-campaign", "pomelo"}, false},
		{"source:the", []string{"gbv-campaign", "pomelo"}, false},
		{`source:"hanoi times"`, []string{"gbv-campaign", "pomelo"}, false},
		{`source:"times hanoi"`, nil, false},
		{"source:un", []string{"hiv-response", "one-stop", "holocaust"}, false},
		{"-source:un", []string{"gbv-campaign", "pomelo", "annual-report"}, false},
		{"is:teaser", []string{"holocaust"}, false},
		{"-is:teaser", []string{"gbv-campaign", "hiv-response", "one-stop", "pomelo", "annual-report"}, false},
		{"is:unread year:2024", []string{"hiv-response", "one-stop"}, false},
		{"is:starred", nil, false},
		{"women theme:gbv kind:news", []string{"gbv-campaign"}, true},
		{"women theme:hiv", nil, true},
		{"climate -drought", nil, true},
		{"delta", []string{"pomelo", "annual-report"}, true},
		{"- & ,", []string{"gbv-campaign", "hiv-response", "one-stop", "pomelo", "holocaust", "annual-report"}, false},
	}
	for _, tt := range tests {
		q, err := Parse(tt.q)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.q, err)
			continue
		}
		res := s.Search(q, nil)
		got := ids(res.Hits)
		want := tt.want
		if want == nil {
			want = []string{}
		}
		if tt.sorted {
			slices.Sort(got)
			want = slices.Sorted(slices.Values(want))
		}
		if !slices.Equal(got, want) {
			t.Errorf("Search(%q) = %v, want %v", tt.q, got, want)
		}
		if res.Total != len(res.Hits) {
			t.Errorf("Search(%q): Total %d, %d hits", tt.q, res.Total, len(res.Hits))
		}
	}
}

func TestMarks(t *testing.T) {
	s := testStore(t)
	m := fakeMarks{
		read:    map[string]bool{"hiv-response": true, "pomelo": true},
		starred: map[string]bool{"one-stop": true},
	}
	for q, want := range map[string][]string{
		"is:unread year:2024":   {"one-stop"},
		"-is:unread":            {"hiv-response", "pomelo"},
		"is:starred":            {"one-stop"},
		"-is:starred theme:hiv": {"hiv-response"},
		"is:unread,starred hiv": {"one-stop"},
	} {
		got := ids(s.Search(mustParse(t, q), m).Hits)
		if !slices.Equal(got, want) {
			t.Errorf("Search(%q) with marks = %v, want %v", q, got, want)
		}
	}
}

func mustParse(t *testing.T, q string) Query {
	t.Helper()
	p, err := Parse(q)
	if err != nil {
		t.Fatalf("Parse(%q): %v", q, err)
	}
	return p
}

// TestVietnameseFolding: people type without accents, or in capitals; Đ has no decomposition.
func TestVietnameseFolding(t *testing.T) {
	s := testStore(t)
	for _, q := range []string{"dang", "Đặng", "ĐẶNG", "đặng", "DANG"} {
		got := ids(s.Search(mustParse(t, q), nil).Hits)
		slices.Sort(got)
		if want := []string{"gbv-campaign", "one-stop"}; !slices.Equal(got, want) {
			t.Errorf("Search(%q) = %v, want %v", q, got, want)
		}
	}
	for _, q := range []string{"dang quoc phong", `"đặng quốc phong"`, "ho chi minh"} {
		if got := ids(s.Search(mustParse(t, q), nil).Hits); len(got) != 1 {
			t.Errorf("Search(%q) = %v, want one hit", q, got)
		}
	}
	// Hà Nội in one article, Hanoi in the other: every spelling finds both
	for _, q := range []string{"ha noi", `"ha noi"`, "Hà Nội", `"HA NOI"`, "hanoi", "HANOI", "ha-noi", `"hanoi"`} {
		got := ids(s.Search(mustParse(t, q), nil).Hits)
		slices.Sort(got)
		if want := []string{"gbv-campaign", "pomelo"}; !slices.Equal(got, want) {
			t.Errorf("Search(%q) = %v, want %v", q, got, want)
		}
	}
	if got := ids(s.Search(mustParse(t, `"phong dang"`), nil).Hits); len(got) != 0 {
		t.Errorf(`"phong dang" = %v, want nothing`, got)
	}
}

func TestRanking(t *testing.T) {
	s := testStore(t)
	res := s.Search(mustParse(t, "hiv"), nil)
	got := ids(res.Hits)
	// the story with HIV in its title, then the release that has it in its summary, then the
	// passing mention
	if want := []string{"hiv-response", "one-stop", "pomelo"}; !slices.Equal(got, want) {
		t.Errorf("hiv ranks %v, want %v", got, want)
	}
	for i := 1; i < len(res.Hits); i++ {
		if res.Hits[i].Score > res.Hits[i-1].Score {
			t.Errorf("hits not in score order: %v", res.Hits)
		}
	}
	if res.Hits[len(res.Hits)-1].Score <= 0 {
		t.Errorf("a hit scored %v", res.Hits[len(res.Hits)-1].Score)
	}
	// an exact word beats a longer word it is the prefix of
	res = s.Search(mustParse(t, "work"), nil)
	if got := ids(res.Hits); !slices.Equal(got, []string{"annual-report"}) {
		t.Errorf("work = %v", got)
	}
}

func TestHitTermsAndSnippets(t *testing.T) {
	s := testStore(t)
	res := s.Search(mustParse(t, `Đặng -hiv "hanoi convention"`), nil)
	if len(res.Hits) != 1 {
		t.Fatalf("hits = %v", ids(res.Hits))
	}
	h := res.Hits[0]
	if want := []string{"dang", "hanoi", "convention", "hanoiconvention"}; !slices.Equal(h.Terms, want) {
		t.Errorf("Terms = %q, want %q", h.Terms, want)
	}
	// the block with the most of the terms
	if h.Snippet != "The campaign supports the Hanoi Convention." {
		t.Errorf("Snippet = %q, want the block with the phrase", h.Snippet)
	}
	res = s.Search(mustParse(t, "thi hoa"), nil)
	if len(res.Hits) != 1 || !strings.HasPrefix(res.Hits[0].Snippet, "ĐẶNG THỊ HOA") {
		t.Errorf("thi hoa: %+v", res.Hits)
	}
	// without words, the snippet is the summary
	res = s.Search(mustParse(t, "kind:story"), nil)
	if res.Hits[0].Snippet != res.Hits[0].Article.Summary || res.Hits[0].Score != 0 {
		t.Errorf("kind:story hit = %+v", res.Hits[0])
	}
}

func TestFacets(t *testing.T) {
	s := testStore(t)
	f := s.Search(mustParse(t, "-is:teaser"), nil).Facets
	want := Facets{
		Themes: []Count{{"climate", 1}, {"cyberviolence", 1}, {"food-agriculture", 1}, {"gbv", 1},
			{"gender-equality", 1}, {"health", 1}, {"sdg", 1}, {"hiv", 2}},
		Kinds:   []Count{{"news", 2}, {"press-release", 1}, {"publication", 1}, {"story", 1}},
		Years:   []Count{{"2024", 2}, {"2023", 1}, {"2025", 1}},
		Sources: []Count{{"The Hanoi Times", 2}, {"UN Viet Nam", 2}},
	}
	// hiv has the highest count, so it comes first
	want.Themes = append([]Count{{"hiv", 2}}, want.Themes[:7]...)
	if !reflect.DeepEqual(f, want) {
		t.Errorf("Facets =\n%+v\nwant\n%+v", f, want)
	}
	f = s.Search(mustParse(t, "theme:hiv"), nil).Facets
	if want := []Count{{"hiv", 2}, {"health", 1}}; !reflect.DeepEqual(f.Themes, want) {
		t.Errorf("theme:hiv facets = %v, want %v", f.Themes, want)
	}
	f = s.Search(mustParse(t, "nothingmatchesthis"), nil).Facets
	if f.Themes != nil || f.Kinds != nil || f.Years != nil || f.Sources != nil {
		t.Errorf("empty result has facets %+v", f)
	}
}

func TestRelated(t *testing.T) {
	s := testStore(t)
	rel := s.Related("hiv-response", 3)
	if len(rel) == 0 || rel[0].ID != "one-stop" {
		t.Fatalf("Related(hiv-response) = %v, want one-stop first", relIDs(rel))
	}
	for _, a := range rel {
		if a.ID == "hiv-response" {
			t.Error("Related includes the article itself")
		}
	}
	if len(s.Related("hiv-response", 1)) != 1 {
		t.Error("Related ignores n")
	}
	if s.Related("nope", 3) != nil {
		t.Error("Related of an unknown id")
	}
}

func relIDs(arts []*data.Article) []string {
	var out []string
	for _, a := range arts {
		out = append(out, a.ID)
	}
	return out
}

// TestSegmentsAgree: a store split into segments answers exactly as one built in one piece,
// scores included — the idf is global.
func TestSegmentsAgree(t *testing.T) {
	arts := synthArticles(3000, 7)
	one := newStore(arts, 1)
	three := newStore(arts, 3)
	for _, q := range []string{"women", "viet nam", `"gender equality"`, "hiv -prep", "pom", "theme:hiv climate", "-clim year:2020"} {
		a := one.Search(mustParse(t, q), nil)
		b := three.Search(mustParse(t, q), nil)
		if len(a.Hits) == 0 {
			t.Errorf("%q: no hits; the test proves nothing", q)
		}
		if !reflect.DeepEqual(ids(a.Hits), ids(b.Hits)) || !reflect.DeepEqual(a.Facets, b.Facets) {
			t.Errorf("%q: one segment and three disagree", q)
			continue
		}
		for i := range a.Hits {
			if a.Hits[i].Score != b.Hits[i].Score {
				t.Errorf("%q: hit %d scores %v and %v", q, i, a.Hits[i].Score, b.Hits[i].Score)
				break
			}
		}
	}
}

// TestAgainstScan checks the index against the obvious reading of the query over the synthetic
// library: every article whose folded text has each word at a word start.
func TestAgainstScan(t *testing.T) {
	arts := synthArticles(2000, 11)
	s := New(arts)
	naive := make([]func(Query) bool, len(arts))
	for i := range arts {
		naive[i] = naiveMatcher(&arts[i])
	}
	for _, q := range []string{"women", "viet nam", "hiv -prep", "pom", "climate year:2021", `"gender equality" -violence`, "1",
		"vietnam", "vietn", `"the viet nam"`, `"in vietnam"`, "ha -hanoi", `"hanoi"`, "camau", "dienbien", "ho chi minh", `"ho chi minh city"`,
		`"viet-nam women"`, "hano", `-"viet nam" year:2020`, "dien bien"} {
		parsed := mustParse(t, q)
		got := ids(s.Search(parsed, nil).Hits)
		slices.Sort(got)
		var want []string
		for i := range arts {
			if naive[i](parsed) {
				want = append(want, arts[i].ID)
			}
		}
		slices.Sort(want)
		if want == nil {
			want = []string{}
		}
		if len(want) == 0 {
			t.Errorf("%q: nothing to compare", q)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%q: index found %d, the scan %d", q, len(got), len(want))
		}
	}
}

// naiveMatcher reads the article's words once and returns the query's meaning spelled out
// slowly over them, for text clauses and year: only. A text unit's word is found as a word of the text, or as two joined syllables there; a plain word
// next to another may also be found joined with it; a phrase's words follow each other, tried
// in every way the text's words and joined pairs can cover them.
func naiveMatcher(a *data.Article) func(q Query) bool {
	type word struct {
		spell string
		span  int
	}
	var units [][]word // per unit of text, per position: the words that start there
	addUnit := func(s string) {
		var u []word
		var tz tokenizer
		var starts [][]word
		tz.scan(s, func(tok string) {
			u = append(u, word{strings.Clone(tok), 1})
		}, func(w1, w2 string) {
			u = append(u, word{w1 + w2, 2})
		})
		for _, w := range u {
			if w.span == 1 {
				starts = append(starts, []word{w})
			} else {
				k := len(starts) - 2
				starts[k] = append(starts[k], w)
			}
		}
		units = append(units, starts...)
		units = append(units, nil) // the gap between units
	}
	addUnit(a.Title)
	addUnit(a.Summary)
	for _, b := range a.Blocks {
		addUnit(b.Text)
		for _, it := range b.Items {
			addUnit(it)
		}
	}
	for _, f := range a.Footnotes {
		addUnit(f.Text)
	}
	is := func(w word, pc piece) bool {
		return w.spell == pc.spell || pc.prefix && strings.HasPrefix(w.spell, pc.spell)
	}
	// from: can the pieces of u cover its words i.. starting at text position p?
	var from func(u *textUnit, pieces []piece, i, p int) bool
	from = func(u *textUnit, pieces []piece, i, p int) bool {
		if i == len(u.toks) {
			return true
		}
		if p >= len(units) {
			return false
		}
		for _, pc := range pieces {
			if pc.from != i {
				continue
			}
			for _, w := range units[p] {
				if is(w, pc) && from(u, pieces, pc.to, p+w.span) {
					return true
				}
			}
		}
		return false
	}
	has := func(u *textUnit) bool {
		pieces := u.pieces()
		if u.phrase {
			for p := range units {
				if from(u, pieces, 0, p) {
					return true
				}
			}
			return false
		}
		covered := make([]bool, len(u.toks))
		for _, pc := range pieces {
			for _, ws := range units {
				for _, w := range ws {
					if is(w, pc) {
						for i := pc.from; i < pc.to; i++ {
							covered[i] = true
						}
					}
				}
			}
		}
		return !slices.Contains(covered, false)
	}
	return func(q Query) bool {
		pos, neg := q.textUnits()
		for i := range pos {
			if !has(&pos[i]) {
				return false
			}
		}
		for i := range neg {
			if has(&neg[i]) {
				return false
			}
		}
		for _, c := range q.clauses {
			switch c.field {
			case fieldText:
			case fieldYear:
				if match := !a.Date.IsZero() && fmt.Sprint(a.Date.Time.Year()) == c.raw; match == c.neg {
					return false
				}
			default:
				panic("naiveMatch: field not covered")
			}
		}
		return true
	}
}

// TestPhrasePositionsAcrossSkips: phrases need positions, which are found through a skip table
// every skipEvery postings; a term with many postings and many positions exercises it.
func TestPhrasePositionsAcrossSkips(t *testing.T) {
	var arts []data.Article
	for i := range 200 {
		body := strings.Repeat("common words fill the page ", i%7+1)
		if i%3 == 0 {
			body += " the rare phrase appears here"
		} else {
			body += " the phrase is rare and appears"
		}
		arts = append(arts, data.Article{ID: fmt.Sprint(i), Title: "common", Blocks: paras(body)})
	}
	s := New(arts)
	res := s.Search(mustParse(t, `"the rare phrase"`), nil)
	if len(res.Hits) != 67 {
		t.Errorf(`"the rare phrase" found %d, want 67`, len(res.Hits))
	}
	for _, h := range res.Hits {
		var n int
		fmt.Sscan(h.Article.ID, &n)
		if n%3 != 0 {
			t.Errorf("%s does not have the phrase", h.Article.ID)
		}
	}
	if n := len(s.Search(mustParse(t, `"page the phrase"`), nil).Hits); n != 133 {
		t.Errorf(`"page the phrase" found %d, want 133`, n)
	}
}

func TestConcurrentSearch(t *testing.T) {
	s := New(synthArticles(500, 3))
	want := ids(s.Search(mustParse(t, "women viet"), nil).Hits)
	done := make(chan []string)
	for range 8 {
		go func() { done <- ids(s.Search(mustParse(t, "women viet"), nil).Hits) }()
	}
	for range 8 {
		if got := <-done; !slices.Equal(got, want) {
			t.Error("concurrent searches disagree")
		}
	}
}

func TestRadixSort(t *testing.T) {
	for _, n := range []int{0, 1, 5, 300, 5000} {
		keys := make([]uint64, n)
		x := uint64(88172645463325252)
		for i := range keys {
			x ^= x << 13
			x ^= x >> 7
			x ^= x << 17
			keys[i] = x
			if i%3 == 0 {
				keys[i] &= 0xffff_0000_0000_00ff // shared bytes are skipped
			}
		}
		want := slices.Sorted(slices.Values(keys))
		radixSort(keys)
		if !slices.Equal(keys, want) {
			t.Errorf("radixSort of %d keys is not sorted", n)
		}
	}
}

// TestCappedCounts: counts stop at their caps and so does the recording of positions, so the
// postings after a very repetitive article still find their positions.
func TestCappedCounts(t *testing.T) {
	arts := []data.Article{{
		ID: "loud", Title: strings.Repeat("echo ", 20), Summary: strings.Repeat("echo ", 20),
		Blocks: paras(strings.Repeat("echo ", 3000) + "echo chamber"),
	}}
	for i := range 40 {
		arts = append(arts, data.Article{ID: fmt.Sprint("quiet", i), Title: "quiet",
			Blocks: paras(strings.Repeat("echo ", i) + "an echo chamber")})
	}
	s := New(arts)
	res := s.Search(mustParse(t, `"echo chamber"`), nil)
	// the loud article's only "echo chamber" comes after its 1023rd echo, so it is not found
	if len(res.Hits) != 40 || slices.Contains(ids(res.Hits), "loud") {
		t.Errorf(`"echo chamber" found %d: %v`, len(res.Hits), ids(res.Hits))
	}
	if res := s.Search(mustParse(t, "echo"), nil); len(res.Hits) != 41 || res.Hits[0].Article.ID != "loud" {
		t.Errorf("echo: %v", ids(res.Hits))
	}
}

// A search with no words never builds the inverted index; one with words builds it once, and
// both give the same answers as an index built up front.
func TestIndexBuiltOnlyForWords(t *testing.T) {
	s := New(testArticles())
	res := s.Search(mustParse(t, "theme:hiv -kind:speech"), nil)
	if s.segs != nil {
		t.Fatal("a filter-only search built the inverted index")
	}
	warm := New(testArticles())
	warm.Warm()
	for _, q := range []string{"theme:hiv -kind:speech", "hiv", "-hiv", "year:2024 is:teaser"} {
		a, b := s.Search(mustParse(t, q), nil), warm.Search(mustParse(t, q), nil)
		if a.Total != b.Total {
			t.Errorf("%q: lazy %d hits, warm %d", q, a.Total, b.Total)
		}
		for i := range a.Hits {
			if a.Hits[i].Article != b.Hits[i].Article && a.Hits[i].Article.ID != b.Hits[i].Article.ID {
				t.Errorf("%q: hit %d differs", q, i)
			}
		}
	}
	if s.segs == nil {
		t.Error("a search with words did not build the index")
	}
	_ = res
}
