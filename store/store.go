package store

import (
	"cmp"
	"math"
	"math/bits"
	"runtime"
	"slices"
	"strconv"
	"sync"

	"unvn/data"
)

// Store is an in-memory, read-only index of articles.
type Store struct {
	arts    []*data.Article // newest first; a doc id is an index here
	byID    map[string]int
	meta    []docMeta
	lens    [][nFields]uint32 // tokens per field
	avg     [nFields]float64
	sources []string   // source names; 0 is "" (unknown)
	srcToks [][]string // their folded tokens, for source:
	segs    []*segment
}

// docMeta is what the filters look at, packed so that a filter over 100,000 articles stays in
// cache.
type docMeta struct {
	themes uint32 // bit i: data.Themes[i]
	date   int32  // yyyymmdd (day 1 when only the month is known); 0 when undated
	source uint16
	kind   uint8 // index in data.Kinds + 1; 0 for a kind not in the list
	day    bool  // date is known to the day
	teaser bool
}

// minSegment keeps small libraries in one segment: splitting only pays for large ones.
const minSegment = 4096

// New indexes arts. The store keeps pointers into arts, which must not change afterwards.
func New(arts []data.Article) *Store {
	return newStore(arts, min(runtime.GOMAXPROCS(0), max(1, len(arts)/minSegment)))
}

// newStore builds a store of nseg segments, built in parallel.
func newStore(arts []data.Article, nseg int) *Store {
	s := &Store{
		arts:    make([]*data.Article, len(arts)),
		byID:    make(map[string]int, len(arts)),
		meta:    make([]docMeta, len(arts)),
		lens:    make([][nFields]uint32, len(arts)),
		sources: []string{""},
		srcToks: [][]string{nil},
	}
	for i := range arts {
		s.arts[i] = &arts[i]
	}
	slices.SortStableFunc(s.arts, newestFirst)
	srcIDs := map[string]uint16{"": 0}
	for i, a := range s.arts {
		if _, dup := s.byID[a.ID]; !dup {
			s.byID[a.ID] = i
		}
		m := &s.meta[i]
		for _, t := range a.Themes {
			if b := themeBit(t.ID); b >= 0 {
				m.themes |= 1 << b
			}
		}
		if a.Date.Precision != data.PrecisionUnknown {
			t := a.Date.Time
			m.date = int32(t.Year()*10000 + int(t.Month())*100 + 1)
			if a.Date.Precision == data.PrecisionDay {
				m.date += int32(t.Day() - 1)
				m.day = true
			}
		}
		m.kind = kindIndex(string(a.Kind))
		m.teaser = a.Teaser
		id, ok := srcIDs[a.Source]
		if !ok && len(s.sources) < math.MaxUint16 {
			id = uint16(len(s.sources))
			srcIDs[a.Source] = id
			s.sources = append(s.sources, a.Source)
			s.srcToks = append(s.srcToks, tokens(a.Source))
		}
		m.source = id
	}

	s.segs = make([]*segment, nseg)
	var wg sync.WaitGroup
	for k := range nseg {
		lo, hi := k*len(arts)/nseg, (k+1)*len(arts)/nseg
		wg.Go(func() {
			s.segs[k] = buildSegment(s.arts[lo:hi], uint32(lo), s.lens[lo:hi])
		})
	}
	wg.Wait()
	if len(arts) > 0 {
		var sum [nFields]float64
		for _, l := range s.lens {
			for f := range nFields {
				sum[f] += float64(l[f])
			}
		}
		for f := range nFields {
			s.avg[f] = max(sum[f]/float64(len(arts)), 1)
		}
	}
	return s
}

// newestFirst orders by date, newest first, undated last; ties keep their order.
func newestFirst(a, b *data.Article) int {
	au, bu := a.Date.IsZero(), b.Date.IsZero()
	switch {
	case au && bu:
		return 0
	case au:
		return 1
	case bu:
		return -1
	}
	return b.Date.Time.Compare(a.Date.Time)
}

func themeBit(id string) int {
	for i, t := range data.Themes {
		if t.ID == id && i < 32 {
			return i
		}
	}
	return -1
}

func kindIndex(k string) uint8 {
	for i, have := range data.Kinds {
		if string(have) == k {
			return uint8(i + 1)
		}
	}
	return 0
}

// Len returns the number of articles.
func (s *Store) Len() int { return len(s.arts) }

// Articles returns every article, newest first, undated last. The slice is the store's own:
// do not modify it.
func (s *Store) Articles() []*data.Article { return s.arts }

// Get returns the article with id.
func (s *Store) Get(id string) (*data.Article, bool) {
	i, ok := s.byID[id]
	if !ok {
		return nil, false
	}
	return s.arts[i], true
}

// Marks is the reader's state that is:unread and is:starred ask about.
type Marks interface {
	IsRead(id string) bool
	IsStarred(id string) bool
}

// Result is what a search found: hits ranked by score when the query has words, otherwise
// newest first, and facets over all of them.
type Result struct {
	Hits   []Hit
	Facets Facets
	Total  int // len(Hits)
}

// Hit is one matching article.
type Hit struct {
	Article *data.Article
	Score   float64
	// Terms are the folded words and phrase tokens of the query, all of which the article
	// matched; give them to Highlight. Hits share the slice: do not modify it.
	Terms []string
	// Snippet is a short piece of original text around the best match, or the start of the
	// summary when the query has no words; Highlight works on it. Only the first snippetHits
	// (40) hits have one, so that a broad query stays fast: for the others it is "", and
	// Snippet(h.Article, h.Terms) makes it when it is shown.
	Snippet string
}

// Facets counts the results per theme id, kind, year and source, each sorted by count, most
// first, then by value. Undated articles and unknown sources are not counted.
type Facets struct {
	Themes, Kinds, Years, Sources []Count
}

// Count is one facet value and how many results have it.
type Count struct {
	Value string
	N     int
}

// Ranking: BM25 per field, summed with field weights, so that a title match outweighs any number
// of body matches (a body's share saturates at (k1+1)*wBody).
const (
	k1          = 1.2
	bm25b       = 0.75
	prefixScale = 0.35 // a word that only starts with the query word counts for less
)

var fieldWeight = [nFields]float64{inTitle: 3, inSummary: 1.5, inBody: 1}

// snippetHits is how many of the first hits get a snippet; finding one means folding text,
// which for every hit of a broad query would cost more than the search.
const snippetHits = 40

// Search runs q. marks answers is:unread and is:starred; with nil marks every article is unread
// and none is starred.
func (s *Store) Search(q Query, marks Marks) Result {
	e := s.compile(q, marks)
	var found []scored
	for _, sg := range s.segs {
		found = e.searchSegment(sg, found)
	}
	ranked := e.hasText
	keys := make([]uint64, len(found))
	for i, f := range found {
		// non-negative float32 bits order like the floats; invert for "highest first", and
		// let the doc id (newest first) break ties
		keys[i] = uint64(^math.Float32bits(f.score))<<32 | uint64(f.doc)
		if !ranked {
			keys[i] = uint64(f.doc)
		}
	}
	if ranked {
		radixSort(keys) // unranked keys are doc ids, already in order
	}
	terms := q.Terms()
	res := Result{Hits: make([]Hit, len(keys)), Total: len(keys)}
	for i, k := range keys {
		doc := uint32(k)
		a := s.arts[doc]
		h := Hit{Article: a, Terms: terms}
		if ranked {
			h.Score = float64(math.Float32frombits(^uint32(k >> 32)))
		}
		if i < snippetHits {
			h.Snippet = Snippet(a, terms)
		}
		res.Hits[i] = h
	}
	res.Facets = s.facets(keys)
	return res
}

type scored struct {
	doc   uint32
	score float32
}

func (s *Store) facets(keys []uint64) Facets {
	var themes [32]int
	var kinds [16]int
	var years [200]int // 1900..2099
	srcs := make([]int, len(s.sources))
	for _, k := range keys {
		m := &s.meta[uint32(k)]
		for t := m.themes; t != 0; t &= t - 1 {
			themes[bits.TrailingZeros32(t)]++
		}
		kinds[m.kind]++
		if y := m.date/10000 - 1900; m.date != 0 && y >= 0 && int(y) < len(years) {
			years[y]++
		}
		srcs[m.source]++
	}
	var f Facets
	for i, n := range themes {
		if n > 0 && i < len(data.Themes) {
			f.Themes = append(f.Themes, Count{data.Themes[i].ID, n})
		}
	}
	for i, n := range kinds {
		if n > 0 && i > 0 && i <= len(data.Kinds) {
			f.Kinds = append(f.Kinds, Count{string(data.Kinds[i-1]), n})
		}
	}
	for y, n := range years {
		if n > 0 {
			f.Years = append(f.Years, Count{strconv.Itoa(1900 + y), n})
		}
	}
	for i, n := range srcs {
		if n > 0 && i > 0 {
			f.Sources = append(f.Sources, Count{s.sources[i], n})
		}
	}
	for _, c := range [][]Count{f.Themes, f.Kinds, f.Years, f.Sources} {
		slices.SortFunc(c, func(a, b Count) int {
			return cmp.Or(cmp.Compare(b.N, a.N), cmp.Compare(a.Value, b.Value))
		})
	}
	return f
}

// radixSort sorts keys in place, a byte at a time from the lowest, skipping the bytes all keys
// share. A ranked result can be every article; this keeps its sort linear.
func radixSort(keys []uint64) {
	if len(keys) < 256 {
		slices.Sort(keys)
		return
	}
	buf := make([]uint64, len(keys))
	src, dst := keys, buf
	for shift := uint(0); shift < 64; shift += 8 {
		var count [256]int
		for _, k := range src {
			count[byte(k>>shift)]++
		}
		if count[byte(src[0]>>shift)] == len(src) {
			continue
		}
		at := 0
		for i, c := range count {
			count[i] = at
			at += c
		}
		for _, k := range src {
			b := byte(k >> shift)
			dst[count[b]] = k
			count[b]++
		}
		src, dst = dst, src
	}
	if &src[0] != &keys[0] {
		copy(keys, src)
	}
}
