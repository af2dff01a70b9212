package store

import (
	"cmp"
	"math"
	"math/bits"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"unvn/data"
)

// Store is an in-memory, read-only index of articles.
type Store struct {
	// The articles, newest first; a doc id is an index here. A store built by New holds them
	// in arts; one opened from disk (Open) reads them from src as they are needed, and finds
	// an id in idOrder (the docs sorted by id) instead of byID.
	arts    []*data.Article
	src     Source
	n       int
	byID    map[string]int
	idOrder []uint32
	meta    []docMeta
	// themeDocs lists, per theme bit, the ids of the articles with that theme, in order: a
	// theme filter walks its list instead of every article.
	themeDocs [32][]uint32
	// kn is k1 times BM25's length norm, per article and field, worked out once so that
	// scoring a posting costs one division per field.
	kn      [][nFields]float64
	sources []string   // source names; 0 is "" (unknown)
	srcToks [][]string // their folded tokens, for source:

	// The inverted index is built on first use (a query with words, Related): a one-shot
	// command that only filters by theme, kind or date never pays for it. bare holds the same
	// article ranges as segs without postings, for those filter-only searches.
	indexOnce sync.Once
	segs      []*segment
	bare      []*segment
	segBytes  [][]byte // a store opened from disk: each segment's bytes (see Releaser)
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
		n:       len(arts),
		arts:    make([]*data.Article, len(arts)),
		byID:    make(map[string]int, len(arts)),
		meta:    make([]docMeta, len(arts)),
		kn:      make([][nFields]float64, len(arts)),
		sources: []string{""},
		srcToks: [][]string{nil},
	}
	for i := range arts {
		s.arts[i] = &arts[i]
	}
	slices.SortStableFunc(s.arts, newestFirst)
	srcIDs := map[string]uint16{"": 0}
	var themeN [32]int
	for _, a := range s.arts {
		for _, t := range a.Themes {
			if b := themeBit(t.ID); b >= 0 {
				themeN[b]++
			}
		}
	}
	for b, n := range themeN {
		if n > 0 {
			s.themeDocs[b] = make([]uint32, 0, n)
		}
	}
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
		for t := m.themes; t != 0; t &= t - 1 {
			b := bits.TrailingZeros32(t)
			s.themeDocs[b] = append(s.themeDocs[b], uint32(i))
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

	s.bare = make([]*segment, nseg)
	for k := range nseg {
		lo, hi := k*len(arts)/nseg, (k+1)*len(arts)/nseg
		s.bare[k] = &segment{base: uint32(lo), n: hi - lo}
	}
	return s
}

// index returns the inverted index, building it the first time.
func (s *Store) index() []*segment {
	s.indexOnce.Do(s.buildIndex)
	return s.segs
}

// Warm builds the inverted index now (in the background, say) rather than at the first search
// with words.
func (s *Store) Warm() { s.index() }

// buildIndex builds the segments in parallel, and the BM25 length norms.
func (s *Store) buildIndex() {
	arts := s.arts
	lens := make([][nFields]uint32, len(arts)) // tokens per field
	segs := make([]*segment, len(s.bare))
	var wg sync.WaitGroup
	for k, b := range s.bare {
		lo, hi := int(b.base), int(b.base)+b.n
		wg.Go(func() {
			segs[k] = buildSegment(s.arts[lo:hi], uint32(lo), lens[lo:hi])
		})
	}
	wg.Wait()
	s.segs = segs
	if len(arts) > 0 {
		var sum, avg [nFields]float64
		for _, l := range lens {
			for f := range nFields {
				sum[f] += float64(l[f])
			}
		}
		for f := range nFields {
			avg[f] = max(sum[f]/float64(len(arts)), 1)
		}
		for i, l := range lens {
			for f := range nFields {
				norm := 1 - bm25b + bm25b*float64(l[f])/avg[f]
				s.kn[i][f] = k1 * norm
			}
		}
	}
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
func (s *Store) Len() int { return s.n }

// Articles returns every article, newest first, undated last. The slice is the store's own:
// do not modify it. For a store opened from disk they are the heads (see Hit.Article), decoded
// on this call.
func (s *Store) Articles() []*data.Article {
	if s.src == nil {
		return s.arts
	}
	out := make([]*data.Article, s.n)
	for i := range out {
		out[i] = s.src.Head(i)
	}
	return out
}

// Get returns the whole article with id.
func (s *Store) Get(id string) (*data.Article, bool) {
	i, ok := s.docOf(id)
	if !ok {
		return nil, false
	}
	return s.full(i), true
}

// Full returns the whole of article a, which may be a head from Hit.Article or Articles. For a
// store built by New it is a itself.
func (s *Store) Full(a *data.Article) *data.Article {
	if s.src == nil || a == nil {
		return a
	}
	if full, ok := s.Get(a.ID); ok {
		return full
	}
	return a
}

// docOf finds the doc id of the article with id.
func (s *Store) docOf(id string) (int, bool) {
	if s.byID != nil {
		i, ok := s.byID[id]
		return i, ok
	}
	at, found := slices.BinarySearchFunc(s.idOrder, id, func(d uint32, id string) int {
		return strings.Compare(s.src.ID(int(d)), id)
	})
	if !found {
		return 0, false
	}
	return int(s.idOrder[at]), true
}

// head, full and id read doc d's article: its head (no body), all of it, or its id.
func (s *Store) head(d int) *data.Article {
	if s.src == nil {
		return s.arts[d]
	}
	return s.src.Head(d)
}

func (s *Store) full(d int) *data.Article {
	if s.src == nil {
		return s.arts[d]
	}
	return s.src.Full(d)
}

func (s *Store) id(d int) string {
	if s.src == nil {
		return s.arts[d].ID
	}
	return s.src.ID(d)
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
	// Article is the article (nil in the hits of Find: see Head); for a store opened from
	// disk only its head: id, kind, date, title, source, teaser, themes and snapshot, with no
	// summary, blocks or footnotes, so that a long list decodes no text it does not show.
	// Store.Full gives the whole article.
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

	s   *Store
	doc uint32
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
	res := s.Match(q, marks)
	for i := range min(snippetHits, len(res.Hits)) {
		h := &res.Hits[i]
		h.Snippet = Snippet(s.Full(h.Article), h.Terms)
	}
	return res
}

// Match is Search without snippets, for a caller that shows none: a store opened from disk then
// reads no article text at all.
func (s *Store) Match(q Query, marks Marks) Result { return s.match(q, marks, true) }

// Find is Match for a caller that shows a few of many hits at a time (a scrolled list): its hits
// carry no Article, so that a store opened from disk decodes nothing up front; Hit.Head and
// Hit.ID give each hit's article and id when it is shown.
func (s *Store) Find(q Query, marks Marks) Result { return s.match(q, marks, false) }

func (s *Store) match(q Query, marks Marks, heads bool) Result {
	e := s.compile(q, marks)
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	e.sc = sc
	found := sc.found[:0]
	segs := s.bare // a search with no words needs no inverted index
	if e.hasText || len(e.neg) > 0 {
		segs = s.index()
	}
	for i, sg := range segs {
		found = e.searchSegment(sg, found)
		s.release(i)
	}
	sc.found = found
	// Count facets while the hits are in doc order, which walks meta in order.
	res := Result{Facets: s.facets(found), Total: len(found)}
	terms := q.Terms()
	res.Hits = make([]Hit, len(found))
	if !e.hasText {
		for i, f := range found {
			res.Hits[i] = Hit{Terms: terms, s: s, doc: f.doc}
		}
		if heads {
			s.eachHead(found, func(i int, a *data.Article) { res.Hits[i].Article = a })
		}
		return res
	}
	// Look the articles up in doc order, which walks the store forward, and sort their
	// indexes in that list.
	docs := slices.Grow(sc.docs[:0], len(found))[:len(found)]
	var arts []*data.Article
	if heads {
		arts = slices.Grow(sc.arts[:0], len(found))[:len(found)]
		s.eachHead(found, func(i int, a *data.Article) { arts[i] = a })
	}
	for i := range found {
		docs[i], found[i].doc = found[i].doc, uint32(i)
	}
	for i, f := range sortByScore(found, sc) {
		h := Hit{Score: float64(f.score), Terms: terms, s: s, doc: docs[f.doc]}
		if heads {
			h.Article = arts[f.doc]
		}
		res.Hits[i] = h
	}
	if heads {
		clear(arts) // let the pool hold no articles
		sc.arts = arts
	}
	sc.docs = docs
	return res
}

// Head returns the hit's article: Article, or for a hit of Find its head, decoded now.
func (h Hit) Head() *data.Article {
	if h.Article != nil || h.s == nil {
		return h.Article
	}
	return h.s.head(int(h.doc))
}

// ID returns the id of the hit's article without decoding it.
func (h Hit) ID() string {
	if h.Article != nil || h.s == nil {
		return h.Article.ID
	}
	return h.s.id(int(h.doc))
}

// parallelHeads is how many heads a store opened from disk decodes on one goroutine.
const parallelHeads = 4096

// eachHead calls fn with i and the head of found[i].doc for every i. A store opened from disk
// decodes many heads on every core; fn must be safe for that.
func (s *Store) eachHead(found []scored, fn func(i int, a *data.Article)) {
	n := min(runtime.GOMAXPROCS(0), len(found)/parallelHeads)
	if s.src == nil || n < 2 {
		for i, f := range found {
			fn(i, s.head(int(f.doc)))
		}
		return
	}
	var wg sync.WaitGroup
	for k := range n {
		lo, hi := k*len(found)/n, (k+1)*len(found)/n
		wg.Go(func() {
			for i := lo; i < hi; i++ {
				fn(i, s.head(int(found[i].doc)))
			}
		})
	}
	wg.Wait()
}

type scored struct {
	doc   uint32
	score float32
}

// scratch holds a search's working buffers; a pool hands them from one search to the next, so
// that a search allocates little more than its result.
type scratch struct {
	found, sorted []scored
	arts          []*data.Article
	docs          []uint32
	cands         []uint32
	scores        []float32
	union         []uint32
	marks         []uint64
	cursors       []termCursor
	count         [3][1 << radixDigit]int32
}

// radixDigit is the bits sortByScore sorts on per pass: three passes cover a float32.
const radixDigit = 11

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// sortByScore orders found (in doc order) by score, highest first, keeping doc order among
// equal scores: a stable radix sort on the score's bits, 11 bits a pass, skipping a pass whose
// digit every hit shares. It returns the sorted hits, which may be found or sc.sorted.
func sortByScore(found []scored, sc *scratch) []scored {
	// non-negative float32 bits order like the floats; invert for "highest first"
	key := func(f scored) uint32 { return ^math.Float32bits(f.score) }
	if len(found) < 64 {
		slices.SortStableFunc(found, func(a, b scored) int { return cmp.Compare(key(a), key(b)) })
		return found
	}
	const digit = radixDigit
	count := &sc.count
	clear(count[:])
	for _, f := range found {
		k := key(f)
		count[0][k&(1<<digit-1)]++
		count[1][k>>digit&(1<<digit-1)]++
		count[2][k>>(2*digit)]++
	}
	if cap(sc.sorted) < len(found) {
		sc.sorted = make([]scored, len(found))
	}
	src, dst := found, sc.sorted[:len(found)]
	for pass := range 3 {
		shift := uint(pass * digit)
		c := &count[pass]
		if int(c[key(src[0])>>shift&(1<<digit-1)]) == len(src) {
			continue
		}
		var at int32
		for i, n := range c {
			c[i] = at
			at += n
		}
		for _, f := range src {
			b := key(f) >> shift & (1<<digit - 1)
			dst[c[b]] = f
			c[b]++
		}
		src, dst = dst, src
	}
	return src
}

func (s *Store) facets(found []scored) Facets {
	var themes [32]int
	var kinds [16]int
	var years [200]int // 1900..2099
	srcs := make([]int, len(s.sources))
	for _, f := range found {
		m := &s.meta[f.doc]
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
