package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"strings"
	"unsafe"

	"unvn/data"
)

// A store can be written out (AppendIndex) and opened again over the same bytes (Open) without
// being rebuilt: the filters' table, the length norms and every segment's arrays are laid out so
// that Open points into the bytes (a memory-mapped file, say) instead of copying them. The
// articles themselves are not in it: the caller keeps them and hands Open a Source.

// Source gives a store opened from disk its articles, by doc id (the order of Articles when the
// index was written). Heads are the articles without summary, blocks or footnotes. It must be
// safe for concurrent use.
type Source interface {
	ID(doc int) string
	Head(doc int) *data.Article
	Full(doc int) *data.Article
}

// HeadScanner is a Source that reads many heads faster in its own order than one by one: it
// calls fn with k and the head of docs[k] for every k, docs ascending, decoding each into the
// same article, which is valid only until fn returns. EachHead uses it.
type HeadScanner interface {
	ScanHeads(docs []uint32, fn func(k int, a *data.Article))
}

// Releaser is a Source over bytes that can be let go of and read again (a mapped file): Open
// and each search hand it a segment's bytes when done with them, so that the memory they hold
// at any time is one segment's, not the whole index's. It decides whether to let go.
type Releaser interface {
	Release(b []byte)
}

// release hands segment i's bytes to the source, if it is a Releaser.
func (s *Store) release(i int) {
	if r, ok := s.src.(Releaser); ok && i < len(s.segBytes) {
		r.Release(s.segBytes[i])
	}
}

// EachHead calls fn with i and the head of hits[i]'s article (see Hit.Article) for every hit,
// in no particular order. A store opened from a Source that is a HeadScanner reads the heads in
// the order it keeps them into one article, valid only until fn returns, and keeps none: a
// command printing thousands of hits holds no more than what it prints.
func (s *Store) EachHead(hits []Hit, fn func(i int, a *data.Article)) {
	scan, ok := s.src.(HeadScanner)
	if !ok {
		for i, h := range hits {
			fn(i, h.Head())
		}
		return
	}
	// Put the hits in doc order by way of a table of doc -> hit: cheaper than sorting, even
	// for a few hits of many docs.
	at := make([]int32, s.n)
	for i, h := range hits {
		if h.s == s {
			at[h.doc] = int32(i) + 1
		}
	}
	docs := make([]uint32, 0, len(hits))
	idx := make([]int32, 0, len(hits))
	for d, i := range at {
		if i > 0 {
			docs = append(docs, uint32(d))
			idx = append(idx, i-1)
		}
	}
	scan.ScanHeads(docs, func(k int, a *data.Article) { fn(int(idx[k]), a) })
	if len(docs) < len(hits) { // hits of another store, or the same doc twice
		for i, h := range hits {
			if h.s != s || at[h.doc] != int32(i)+1 {
				fn(i, h.Head())
			}
		}
	}
}

// indexMagic starts an encoded index; the number after it is bumped whenever the layout changes.
const indexMagic = "unvn-index-5\x00\x00\x00\x00"

// AppendIndex appends the store's index to b, building the inverted index first if needed. The
// layout is the machine's: Open reads it back only on a little-endian machine.
func (s *Store) AppendIndex(b []byte) []byte {
	segs := s.index()
	w := &writer{b: b}
	w.raw([]byte(indexMagic))
	w.u64(uint64(s.n))
	w.u64(uint64(len(segs)))
	w.u64(uint64(len(s.sources)))
	metas := make([]byte, 0, 12*s.n)
	for _, m := range s.meta {
		var flags byte
		if m.day {
			flags |= 1
		}
		if m.teaser {
			flags |= 2
		}
		metas = binary.LittleEndian.AppendUint32(metas, m.themes)
		metas = binary.LittleEndian.AppendUint32(metas, uint32(m.date))
		metas = binary.LittleEndian.AppendUint16(metas, m.source)
		metas = append(metas, m.kind, flags)
	}
	w.bytes(metas)
	kn := make([]float64, 0, nFields*s.n)
	for _, k := range s.kn {
		kn = append(kn, k[:]...)
	}
	w.f64s(kn)
	for _, src := range s.sources {
		w.bytes([]byte(src))
	}
	order := make([]uint32, s.n)
	for i := range order {
		order[i] = uint32(i)
	}
	slices.SortStableFunc(order, func(a, b uint32) int { return strings.Compare(s.id(int(a)), s.id(int(b))) })
	w.u32s(order)
	for _, sg := range segs {
		w.u64(uint64(sg.base))
		w.u64(uint64(sg.n))
		toff := make([]uint32, 0, len(sg.terms)+1)
		var blob []byte
		for _, t := range sg.terms {
			toff = append(toff, uint32(len(blob)))
			blob = append(blob, t...)
		}
		toff = append(toff, uint32(len(blob)))
		w.u32s(toff)
		w.bytes(blob)
		w.u32s(sg.off)
		w.u32s(sg.docs)
		w.u16s(sg.tfs)
		w.u32s(sg.skipOff)
		w.u32s(sg.skips)
		w.bytes(sg.pos)
		w.u32s(sg.denseTerms)
		for _, ds := range sg.dense {
			w.u64s(ds.bits)
			w.u32s(ds.rank)
		}
	}
	return w.b
}

// Open opens an index written by AppendIndex over its bytes, which must stay unchanged and alive
// as long as the store is used, with src for the articles. It checks that the layout holds
// together (every array the size the rest says, the tables' offsets in range) and returns an
// error rather than a store that could misbehave; it does not read every posting, so checking
// that the bytes are the ones written is the caller's (a checksum).
func Open(b []byte, src Source) (s *Store, err error) {
	if binary.NativeEndian.Uint16([]byte{1, 0}) != 1 {
		return nil, errors.New("index: not a little-endian machine")
	}
	r := &reader{b: b}
	if string(r.raw(len(indexMagic))) != indexMagic {
		return nil, errors.New("index: not an index of this version")
	}
	n, nseg, nsrc := r.u64(), r.u64(), r.u64()
	if r.err != nil || n > math.MaxUint32 || nseg > n+1 || nsrc > math.MaxUint16 {
		return nil, errors.New("index: bad header")
	}
	s = &Store{src: src, n: int(n), meta: make([]docMeta, n)}
	metas := r.bytes()
	if len(metas) != 12*int(n) {
		return nil, errors.New("index: bad article table")
	}
	for i := range s.meta {
		m := metas[12*i:]
		s.meta[i] = docMeta{
			themes: binary.LittleEndian.Uint32(m),
			date:   int32(binary.LittleEndian.Uint32(m[4:])),
			source: binary.LittleEndian.Uint16(m[8:]),
			kind:   m[10],
			day:    m[11]&1 != 0,
			teaser: m[11]&2 != 0,
		}
		if s.meta[i].source >= uint16(nsrc) || int(s.meta[i].kind) > len(data.Kinds) {
			return nil, errors.New("index: bad article table")
		}
	}
	kn := r.f64s()
	if len(kn) != nFields*int(n) {
		return nil, errors.New("index: bad norms")
	}
	if n > 0 {
		s.kn = unsafe.Slice((*[nFields]float64)(unsafe.Pointer(&kn[0])), n)
	}
	for range nsrc {
		src := string(r.bytes())
		s.sources = append(s.sources, src)
		s.srcToks = append(s.srcToks, tokens(src))
	}
	if s.idOrder = r.u32s(); len(s.idOrder) != int(n) || !inRange(s.idOrder, uint32(n)) {
		return nil, errors.New("index: bad id table")
	}
	next := uint32(0)
	for range nseg {
		start := r.at
		sg := &segment{base: uint32(r.u64()), n: int(r.u64())}
		if sg.base != next || uint64(sg.base)+uint64(sg.n) > n {
			return nil, errors.New("index: bad segment")
		}
		next += uint32(sg.n)
		if err := r.segment(sg); err != nil {
			return nil, err
		}
		s.segBytes = append(s.segBytes, b[start:r.at])
		s.release(len(s.segs)) // checked: its tables need not stay in memory
		s.segs = append(s.segs, sg)
		s.bare = append(s.bare, &segment{base: sg.base, n: sg.n})
	}
	if r.err != nil || next != uint32(n) || (n > 0 && nseg == 0) {
		return nil, errors.New("index: truncated")
	}
	s.indexOnce.Do(func() {}) // it is all here
	for i, m := range s.meta {
		for t := m.themes; t != 0; t &= t - 1 {
			b := bits.TrailingZeros32(t)
			s.themeDocs[b] = append(s.themeDocs[b], uint32(i))
		}
	}
	return s, nil
}

// segment reads one segment's arrays into sg and checks that they fit together.
func (r *reader) segment(sg *segment) error {
	toff := r.u32s()
	blob := r.bytes()
	if len(toff) == 0 || !ascending(toff) || int(toff[len(toff)-1]) != len(blob) {
		return errors.New("index: bad term table")
	}
	nt := len(toff) - 1
	sg.terms = make([]string, nt)
	for i := range sg.terms {
		sg.terms[i] = unsafe.String(unsafe.SliceData(blob[toff[i]:]), int(toff[i+1]-toff[i]))
	}
	sg.off, sg.docs, sg.tfs = r.u32s(), r.u32s(), r.u16s()
	sg.skipOff, sg.skips, sg.pos = r.u32s(), r.u32s(), r.bytes()
	sg.denseTerms = r.u32s()
	switch {
	case r.err != nil:
		return errors.New("index: truncated")
	case len(sg.off) != nt+1 || !ascending(sg.off) || int(sg.off[nt]) != len(sg.docs) || len(sg.tfs) != len(sg.docs):
		return errors.New("index: bad postings")
	case len(sg.skipOff) != nt || !ascending(sg.skipOff):
		return errors.New("index: bad positions")
	case !inRange(sg.denseTerms, uint32(nt)):
		return errors.New("index: bad term sets")
	}
	// The postings themselves (doc ids, positions) are not walked here: that would read the
	// whole index, which a search reads only a little of. A checksum vouches for them.
	if nt > 0 && int(sg.skipOff[nt-1]) > len(sg.skips) {
		return errors.New("index: bad positions")
	}
	// The term sets all have the same size, so they are found by arithmetic rather than by
	// reading each one's length: reading thousands of lengths scattered over the index would
	// map most of it in.
	words := (sg.n + 63) / 64
	bitsAt, rankAt := 8, 8+8*words+8
	size := rankAt + (4*words+7)&^7
	all := r.raw(size * len(sg.denseTerms))
	if r.err != nil {
		return errors.New("index: truncated term sets")
	}
	sg.dense = make([]docSet, len(sg.denseTerms))
	for i := range sg.dense {
		set := all[i*size : (i+1)*size]
		if words > 0 {
			sg.dense[i] = docSet{
				bits: unsafe.Slice((*uint64)(unsafe.Pointer(&set[bitsAt])), words),
				rank: unsafe.Slice((*uint32)(unsafe.Pointer(&set[rankAt])), words),
			}
		}
	}
	return nil
}

func ascending(v []uint32) bool {
	for i := 1; i < len(v); i++ {
		if v[i] < v[i-1] {
			return false
		}
	}
	return true
}

func inRange(v []uint32, n uint32) bool {
	for _, x := range v {
		if x >= n {
			return false
		}
	}
	return true
}

// writer lays out an index: numbers little-endian, every array 8-aligned after its length so
// that reader can point into it.
type writer struct{ b []byte }

func (w *writer) raw(p []byte) { w.b = append(w.b, p...) }
func (w *writer) u64(v uint64) { w.b = binary.LittleEndian.AppendUint64(w.b, v) }

func (w *writer) pad() {
	for len(w.b)%8 != 0 {
		w.b = append(w.b, 0)
	}
}

func (w *writer) bytes(p []byte) {
	w.u64(uint64(len(p)))
	w.raw(p)
	w.pad()
}

func (w *writer) u16s(v []uint16) { appendArray(w, v, binary.LittleEndian.AppendUint16) }
func (w *writer) u32s(v []uint32) { appendArray(w, v, binary.LittleEndian.AppendUint32) }
func (w *writer) u64s(v []uint64) { appendArray(w, v, binary.LittleEndian.AppendUint64) }

func (w *writer) f64s(v []float64) {
	appendArray(w, v, func(b []byte, x float64) []byte {
		return binary.LittleEndian.AppendUint64(b, math.Float64bits(x))
	})
}

// appendArray writes the length of v, its elements with put, and the padding.
func appendArray[T any](w *writer, v []T, put func([]byte, T) []byte) {
	w.u64(uint64(len(v)))
	for _, x := range v {
		w.b = put(w.b, x)
	}
	w.pad()
}

// reader reads what writer wrote, pointing into b. The first problem sets err, and every read
// after it returns nothing.
type reader struct {
	b   []byte
	at  int
	err error
}

func (r *reader) raw(n int) []byte {
	if r.err != nil || n < 0 || n > len(r.b)-r.at {
		r.fail()
		return nil
	}
	p := r.b[r.at : r.at+n : r.at+n]
	r.at += n
	return p
}

func (r *reader) fail() {
	if r.err == nil {
		r.err = fmt.Errorf("index: truncated at byte %d", r.at)
	}
}

func (r *reader) u64() uint64 {
	p := r.raw(8)
	if p == nil {
		return 0
	}
	return binary.LittleEndian.Uint64(p)
}

// array reads a length, then that many elements of size bytes, then the padding.
func (r *reader) array(size int) ([]byte, int) {
	n := r.u64()
	if n > uint64(len(r.b)) {
		r.fail()
		return nil, 0
	}
	p := r.raw(int(n) * size)
	if r.err != nil {
		return nil, 0
	}
	r.at = min((r.at+7)&^7, len(r.b))
	if uintptr(unsafe.Pointer(unsafe.SliceData(p)))%8 != 0 && n > 0 {
		r.err = errors.New("index: misaligned")
		return nil, 0
	}
	return p, int(n)
}

func (r *reader) bytes() []byte {
	p, _ := r.array(1)
	return p
}

func (r *reader) u16s() []uint16  { return readArray[uint16](r) }
func (r *reader) u32s() []uint32  { return readArray[uint32](r) }
func (r *reader) f64s() []float64 { return readArray[float64](r) }

// readArray reads an array of T, pointing into the bytes.
func readArray[T uint16 | uint32 | uint64 | float64](r *reader) []T {
	var zero T
	p, n := r.array(int(unsafe.Sizeof(zero)))
	if n == 0 {
		return nil
	}
	return unsafe.Slice((*T)(unsafe.Pointer(&p[0])), n)
}
