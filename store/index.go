package store

import (
	"encoding/binary"
	"math/bits"
	"slices"
	"strings"

	"unvn/data"
)

// The indexed fields of an article, in position order.
const (
	inTitle = iota
	inSummary
	inBody
	nFields
)

// tf packing: a posting's counts per field share one uint16 (title 3 bits, summary 3, body 10),
// so a posting costs 6 bytes (doc and counts) plus its positions. Counts stop at the caps, and
// so does the recording of positions, which keeps "number of positions == sum of counts" true
// for skipping; BM25 saturates long before the caps anyway.
const (
	titleShift   = 13
	summaryShift = 10
	capTitle     = 7
	capSummary   = 7
	capBody      = 1023
)

func tfOf(packed uint16, f int) uint16 {
	switch f {
	case inTitle:
		return packed >> titleShift
	case inSummary:
		return packed >> summaryShift & capSummary
	}
	return packed & capBody
}

func tfCount(packed uint16) int {
	return int(packed>>titleShift + packed>>summaryShift&capSummary + packed&capBody)
}

// skipEvery is how many postings share one entry of the skip table into the positions.
const skipEvery = 16

// segment is the inverted index of a contiguous run of the store's articles. Segments are built
// in parallel; a search visits each in turn. Doc ids inside a segment are local (global id minus
// base).
type segment struct {
	base  uint32
	n     int
	terms []string // sorted, so a prefix is a range
	off   []uint32 // postings of term t are docs[off[t]:off[t+1]] (and tfs likewise)
	docs  []uint32
	tfs   []uint16
	// Positions: per posting, uvarint deltas (the first from 0) in one position space per
	// article, with a gap between title, summary, blocks and list items so that phrases do not
	// run across them. skips[skipOff[t]+k] is the offset in pos of posting off[t]+k*skipEvery.
	skipOff []uint32
	skips   []uint32
	pos     []byte
	// denseTerms (sorted) are the terms in at least 1/denseShare of the segment's articles, and
	// dense[i] is the set of denseTerms[i]'s articles: checking a candidate against a common
	// word is then a lookup rather than a seek through a long list.
	denseTerms []uint32
	dense      []docSet
}

// denseShare: a term in at least 1/denseShare of a segment's articles gets a docSet. At 8 a set
// (n/8 + n/16 bytes) is smaller than the term's doc list (at least n/2 bytes).
const denseShare = 8

// docSet is a set of a segment's articles as a bitset, with the number of members before each
// word of it, which is the index of a member's posting.
type docSet struct {
	bits []uint64
	rank []uint32
}

// find reports whether d is in the set and, if so, the index of its posting.
func (ds *docSet) find(d uint32) (int, bool) {
	w := d >> 6
	b := ds.bits[w]
	bit := uint64(1) << (d & 63)
	if b&bit == 0 {
		return 0, false
	}
	return int(ds.rank[w]) + bits.OnesCount64(b&(bit-1)), true
}

// denseSet returns the docSet of term t, or nil.
func (sg *segment) denseSet(t int) *docSet {
	i, ok := slices.BinarySearch(sg.denseTerms, uint32(t))
	if !ok {
		return nil
	}
	return &sg.dense[i]
}

// termBuild is one term's postings while a segment is being built.
type termBuild struct {
	docs, skips      []uint32
	tfs              []uint16
	pos              []byte
	lastDoc, lastPos uint32 // lastDoc is the local doc id + 1 of the last posting
}

// buildSegment indexes arts as the segment starting at global id base, and writes each article's
// field lengths (in tokens) to lens.
func buildSegment(arts []*data.Article, base uint32, lens [][nFields]uint32) *segment {
	ids := make(map[string]uint32, 1<<14)
	var terms []string
	var tb []termBuild
	var tz tokenizer
	var d, p uint32 // local doc, position
	var f int
	var flen *[nFields]uint32
	// at records term tok at position pp of doc d, field f.
	at := func(tok string, pp uint32) {
		id, ok := ids[tok]
		if !ok {
			s := strings.Clone(tok)
			id = uint32(len(terms))
			ids[s] = id
			terms = append(terms, s)
			tb = append(tb, termBuild{})
		}
		t := &tb[id]
		if t.lastDoc != d+1 {
			t.lastDoc, t.lastPos = d+1, 0
			if len(t.docs)%skipEvery == 0 {
				t.skips = append(t.skips, uint32(len(t.pos)))
			}
			t.docs = append(t.docs, d)
			t.tfs = append(t.tfs, 0)
		}
		tf := &t.tfs[len(t.tfs)-1]
		switch f {
		case inTitle:
			if *tf>>titleShift == capTitle {
				return
			}
			*tf += 1 << titleShift
		case inSummary:
			if *tf>>summaryShift&capSummary == capSummary {
				return
			}
			*tf += 1 << summaryShift
		default:
			if *tf&capBody == capBody {
				return
			}
			*tf++
		}
		t.pos = binary.AppendUvarint(t.pos, uint64(pp-t.lastPos))
		t.lastPos = pp
	}
	add := func(tok string) {
		flen[f]++
		p++
		at(tok, p-1)
	}
	// A joined pair takes the position of its first word and adds nothing to the field's
	// length: it is another spelling of words already counted.
	var jb []byte
	join := func(w1, w2 string) {
		jb = append(append(append(jb[:0], w1...), joinMark...), w2...)
		at(unsafeString(jb), p-2)
	}
	text := func(s string) {
		tz.scan(s, add, join)
		p++ // the gap that stops phrases at the end of a unit
	}
	for i, a := range arts {
		d, p, flen = uint32(i), 0, &lens[i]
		f = inTitle
		text(a.Title)
		f = inSummary
		text(a.Summary)
		f = inBody
		for _, b := range a.Blocks {
			text(b.Text)
			for _, it := range b.Items {
				text(it)
			}
		}
		for _, fn := range a.Footnotes {
			text(fn.Text)
		}
	}

	// Compact into flat arrays in term order: exact sizes, few objects for the collector.
	order := make([]uint32, len(terms))
	var nPost, nPos, nSkip int
	for i := range order {
		order[i] = uint32(i)
		nPost += len(tb[i].docs)
		nPos += len(tb[i].pos)
		nSkip += len(tb[i].skips)
	}
	slices.SortFunc(order, func(a, b uint32) int { return strings.Compare(terms[a], terms[b]) })
	sg := &segment{
		base:    base,
		n:       len(arts),
		terms:   make([]string, len(terms)),
		off:     make([]uint32, len(terms)+1),
		docs:    make([]uint32, 0, nPost),
		tfs:     make([]uint16, 0, nPost),
		skipOff: make([]uint32, len(terms)),
		skips:   make([]uint32, 0, nSkip),
		pos:     make([]byte, 0, nPos),
	}
	for i, id := range order {
		t := &tb[id]
		sg.terms[i] = terms[id]
		sg.off[i] = uint32(len(sg.docs))
		sg.skipOff[i] = uint32(len(sg.skips))
		start := uint32(len(sg.pos))
		for _, s := range t.skips {
			sg.skips = append(sg.skips, start+s)
		}
		sg.docs = append(sg.docs, t.docs...)
		sg.tfs = append(sg.tfs, t.tfs...)
		sg.pos = append(sg.pos, t.pos...)
		tb[id] = termBuild{} // let the collector have it early
	}
	sg.off[len(terms)] = uint32(len(sg.docs))
	words := (sg.n + 63) / 64
	for t := range sg.terms {
		docs, _ := sg.postings(t)
		if len(docs)*denseShare < sg.n || len(docs) == 0 {
			continue
		}
		ds := docSet{bits: make([]uint64, words), rank: make([]uint32, words)}
		for _, d := range docs {
			ds.bits[d>>6] |= 1 << (d & 63)
		}
		var r uint32
		for w, b := range ds.bits {
			ds.rank[w] = r
			r += uint32(bits.OnesCount64(b))
		}
		sg.denseTerms = append(sg.denseTerms, uint32(t))
		sg.dense = append(sg.dense, ds)
	}
	return sg
}

// lookup returns the index of term w, or -1.
func (sg *segment) lookup(w string) int {
	i, found := slices.BinarySearch(sg.terms, w)
	if !found {
		return -1
	}
	return i
}

// prefixRange returns the terms that start with w as an index range.
func (sg *segment) prefixRange(w string) (lo, hi int) {
	lo, _ = slices.BinarySearch(sg.terms, w)
	hi = lo
	for hi < len(sg.terms) && strings.HasPrefix(sg.terms[hi], w) {
		hi++
	}
	return lo, hi
}

func (sg *segment) postings(t int) ([]uint32, []uint16) {
	a, b := sg.off[t], sg.off[t+1]
	return sg.docs[a:b], sg.tfs[a:b]
}

// positions appends to buf the positions of term t in its j-th posting (j counted within the
// term) and returns it.
func (sg *segment) positions(t, j int, buf []uint32) []uint32 {
	first := int(sg.off[t])
	k := j / skipEvery
	at := int(sg.skips[int(sg.skipOff[t])+k])
	for q := first + k*skipEvery; q < first+j; q++ {
		for skip := tfCount(sg.tfs[q]); skip > 0; at++ {
			if sg.pos[at] < 0x80 {
				skip--
			}
		}
	}
	var p uint32
	for range tfCount(sg.tfs[first+j]) {
		delta, n := binary.Uvarint(sg.pos[at:])
		at += n
		p += uint32(delta)
		buf = append(buf, p)
	}
	return buf
}

// seek returns the first index i >= from with docs[i] >= d, galloping so that walking a long
// list with few targets costs a logarithm per target rather than the whole list.
func seek(docs []uint32, from int, d uint32) int {
	if from >= len(docs) {
		return from
	}
	// Walking a list with many targets, the next one is usually a few postings on: look at
	// those in turn before galloping, which costs a mispredicted branch per step.
	for end := min(from+8, len(docs)); from < end; from++ {
		if docs[from] >= d {
			return from
		}
	}
	if from == len(docs) {
		return from
	}
	lo, step := from-1, 1 // docs[lo] < d
	hi := lo + step
	for hi < len(docs) && docs[hi] < d {
		lo = hi
		step <<= 1
		hi = lo + step
	}
	if hi > len(docs) {
		hi = len(docs)
	}
	// docs[lo] < d, and docs[hi] >= d or hi == len
	for lo+1 < hi {
		m := int(uint(lo+hi) >> 1)
		if docs[m] < d {
			lo = m
		} else {
			hi = m
		}
	}
	return hi
}
