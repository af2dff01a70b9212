package store

import (
	"math"
	"math/bits"
	"slices"
	"strings"
)

// exec is one search being run: the compiled filters and text clauses, and a cache of idfs.
type exec struct {
	s       *Store
	marks   Marks
	conds   []cond
	pos     []textUnit // words and phrases that must match
	neg     []textUnit // ... and that must not
	hasText bool
	idfs    map[string]float64
	sc      *scratch
	// implied is the index of the cond that the segment's driver already guarantees (a theme
	// whose articles are walked), which ok need not check; -1 when none.
	implied int
}

// cond is a compiled field clause.
type cond struct {
	field  field
	neg    bool
	mask   uint32 // theme: and kind: bits
	lo, hi int32
	day    bool
	src    []bool // source: by source id
	is     [3]bool
}

func (s *Store) compile(q Query, marks Marks) *exec {
	e := &exec{s: s, marks: marks, idfs: map[string]float64{}, implied: -1}
	e.pos, e.neg = q.textUnits()
	for _, c := range q.clauses {
		if c.field == fieldText {
			continue
		}
		k := cond{field: c.field, neg: c.neg, lo: c.lo, hi: c.hi, day: c.day}
		switch c.field {
		case fieldTheme:
			for _, id := range c.terms {
				if b := themeBit(id); b >= 0 {
					k.mask |= 1 << b
				}
			}
		case fieldKind:
			for _, v := range c.terms {
				k.mask |= 1 << kindIndex(v)
			}
		case fieldSource:
			k.src = make([]bool, len(s.sources))
			for i, toks := range s.srcToks {
				k.src[i] = containsRun(toks, c.terms)
			}
		case fieldIs:
			for _, v := range c.terms {
				k.is[slices.Index(isValues, v)] = true
			}
		}
		e.conds = append(e.conds, k)
	}
	e.hasText = len(e.pos) > 0
	return e
}

// containsRun reports whether want occurs in toks as a run of words, the last one as a prefix.
func containsRun(toks, want []string) bool {
	for i := 0; i+len(want) <= len(toks); i++ {
		ok := true
		for j, w := range want {
			if j == len(want)-1 {
				ok = ok && strings.HasPrefix(toks[i+j], w)
			} else {
				ok = ok && toks[i+j] == w
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// mustCheck reports whether ok has anything to check.
func (e *exec) mustCheck() bool {
	return len(e.conds) > 1 || len(e.conds) == 1 && e.implied < 0
}

// ok reports whether the article with global id doc passes every field clause.
func (e *exec) ok(doc uint32) bool {
	m := &e.s.meta[doc]
	for i := range e.conds {
		if i == e.implied {
			continue
		}
		c := &e.conds[i]
		var match bool
		switch c.field {
		case fieldTheme:
			match = m.themes&c.mask != 0
		case fieldKind:
			match = c.mask&(1<<m.kind) != 0
		case fieldYear, fieldDate, fieldAfter, fieldBefore:
			match = m.date != 0 && m.date >= c.lo && m.date < c.hi && (m.day || !c.day)
		case fieldSource:
			match = c.src[m.source]
		case fieldIs:
			id := e.s.id(int(doc))
			match = c.is[0] && m.teaser ||
				c.is[1] && (e.marks == nil || !e.marks.IsRead(id)) ||
				c.is[2] && e.marks != nil && e.marks.IsStarred(id)
		}
		if match == c.neg {
			return false
		}
	}
	return true
}

// idf is the inverse document frequency of a term over the whole store.
func (e *exec) idf(term string) float64 {
	if v, ok := e.idfs[term]; ok {
		return v
	}
	df := float64(e.s.df(term))
	n := float64(e.s.n)
	v := math.Log(1 + (n-df+0.5)/(df+0.5))
	e.idfs[term] = v
	return v
}

// df is the number of articles that have term.
func (s *Store) df(term string) int {
	df := 0
	for _, sg := range s.index() {
		if t := sg.lookup(term); t >= 0 {
			df += int(sg.off[t+1] - sg.off[t])
		}
	}
	return df
}

// group is one query word resolved in a segment: the terms that may stand for it, with their
// weights: the word itself (and every term it starts, for a prefix), the word joined with a
// neighbour, and their spellings as joined syllables.
type group struct {
	terms  []int
	weight []float64
	size   int // postings in all
}

// add adds term t with weight w, once.
func (g *group) add(t int, w float64) {
	if k := slices.Index(g.terms, t); k >= 0 {
		g.weight[k] = max(g.weight[k], w)
		return
	}
	g.terms = append(g.terms, t)
	g.weight = append(g.weight, w)
}

// resolve finds in sg the terms of each piece of u (pcs, in the order of u.pieces) and, per
// word, the group of every term that covers it; ok is false when some word has no term there,
// so the unit matches nothing in the segment.
func (e *exec) resolve(sg *segment, u *textUnit) (gs []group, pcs []group, ok bool) {
	pieces := u.pieces()
	gs = make([]group, len(u.toks))
	pcs = make([]group, len(pieces))
	for k, pc := range pieces {
		g := &pcs[k]
		addRange := func(lo, hi int) {
			for t := lo; t < hi; t++ {
				w := e.idf(sg.terms[t])
				if strings.Replace(sg.terms[t], joinMark, "", 1) != pc.spell {
					w *= prefixScale
				}
				g.add(t, w)
			}
		}
		// The spelling as one word, then split in two as a joined term (viet\x01nam for
		// vietnam), each half a syllable.
		sp := pc.spell
		if pc.prefix {
			lo, hi := sg.prefixRange(sp)
			for t := lo; t < hi; t++ {
				// A joined term whose first word starts with sp is found by that word: skip it.
				if !strings.Contains(sg.terms[t], joinMark) {
					addRange(t, t+1)
				}
			}
		} else if t := sg.lookup(sp); t >= 0 {
			g.add(t, e.idf(sp))
		}
		for cut := max(1, len(sp)-maxSyllable); cut < len(sp) && cut <= maxSyllable; cut++ {
			if pc.to-pc.from == 2 && cut == len(u.toks[pc.from]) {
				// Two query words found as the same two words joined in the text: the
				// words themselves find that already.
				continue
			}
			split := sp[:cut] + joinMark + sp[cut:]
			if pc.prefix {
				addRange(sg.prefixRange(split))
			} else if t := sg.lookup(split); t >= 0 {
				g.add(t, e.idf(split))
			}
		}
		for i := pc.from; i < pc.to; i++ {
			for j, t := range g.terms {
				gs[i].add(t, g.weight[j])
			}
		}
	}
	for i := range gs {
		g := &gs[i]
		if len(g.terms) == 0 {
			return nil, nil, false
		}
		for _, t := range g.terms {
			g.size += int(sg.off[t+1] - sg.off[t])
		}
	}
	return gs, pcs, true
}

// cursor walks a group's postings in doc order.
type cursor struct {
	sg *segment
	g  *group
	at []int
}

func newCursor(sg *segment, g *group) *cursor {
	return &cursor{sg: sg, g: g, at: make([]int, len(g.terms))}
}

// seek moves to doc, which must not be below any doc asked before, and calls fn (if not nil)
// with k, j for every term g.terms[k] whose j-th posting is doc. It reports whether any was.
func (c *cursor) seek(doc uint32, fn func(k, j int)) bool {
	found := false
	for k, t := range c.g.terms {
		docs, _ := c.sg.postings(t)
		j := seek(docs, c.at[k], doc)
		c.at[k] = j
		if j < len(docs) && docs[j] == doc {
			found = true
			if fn != nil {
				fn(k, j)
			}
		}
	}
	return found
}

// searchSegment appends the matches in sg, with global ids, to found.
func (e *exec) searchSegment(sg *segment, found []scored) []scored {
	posGroups := make([][]group, len(e.pos))
	posPieces := make([][]group, len(e.pos))
	for i := range e.pos {
		gs, pcs, ok := e.resolve(sg, &e.pos[i])
		if !ok {
			return found
		}
		posGroups[i], posPieces[i] = gs, pcs
	}
	sc := e.sc
	cands, scores := sc.cands[:0], sc.scores[:0]
	if !e.hasText {
		drv, sub, every := e.driver(sg, nil)
		cands = e.filter(sg, drv, sub, every, cands)
		scores = nil
	} else {
		// Check the groups smallest first, so that most misses cost one seek, and add up the
		// scores in that order.
		var all []*group
		for i := range posGroups {
			for j := range posGroups[i] {
				all = append(all, &posGroups[i][j])
			}
		}
		slices.SortStableFunc(all, func(a, b *group) int { return a.size - b.size })
		curs := sc.cursors[:0]
		ends := make([]int, len(all)) // the cursors of all[i] end at ends[i]
		for i, g := range all {
			for k, t := range g.terms {
				docs, tfs := sg.postings(t)
				curs = append(curs, termCursor{docs: docs, tfs: tfs, w: g.weight[k], set: sg.denseSet(t)})
			}
			ends[i] = len(curs)
		}
		sc.cursors = curs
		drv, sub, every := e.driver(sg, all[0])
		cands, scores = e.match(sg, drv, sub, every, curs, ends, cands, scores)
		for i := range e.pos {
			if e.pos[i].phrase {
				cands, scores = e.keep(sg, &e.pos[i], posGroups[i], posPieces[i], cands, scores, true)
			}
		}
	}
	for i := range e.neg {
		if len(cands) == 0 {
			break
		}
		if gs, pcs, ok := e.resolve(sg, &e.neg[i]); ok {
			cands, scores = e.keep(sg, &e.neg[i], gs, pcs, cands, scores, false)
		}
	}
	for i, d := range cands {
		f := scored{doc: sg.base + d}
		if scores != nil {
			f.score = scores[i]
		}
		found = append(found, f)
	}
	sc.cands = cands
	if scores != nil {
		sc.scores = scores
	}
	return found
}

// termCursor walks one term's postings in a segment, in doc order.
type termCursor struct {
	docs []uint32
	tfs  []uint16
	at   int
	w    float64 // the term's weight in its group
	set  *docSet // the term's docs as a set, when it is common
	hit  bool    // the doc last looked for is at
}

// driver picks the shortest list that holds every match in sg: the articles of a theme the
// query asks for, or the postings of the smallest group g; every is true when neither is
// shorter than the segment itself. Ids in docs less sub are local to sg.
func (e *exec) driver(sg *segment, g *group) (docs []uint32, sub uint32, every bool) {
	best := sg.n
	var themes uint32 // the theme: clause to walk, if any
	useGroup := false
	e.implied = -1
	if g != nil && g.size < best {
		best, useGroup = g.size, true
	}
	for i := range e.conds {
		c := &e.conds[i]
		if c.field != fieldTheme || c.neg {
			continue
		}
		n := 0
		for m := c.mask; m != 0; m &= m - 1 {
			lo, hi := e.themeRange(sg, bits.TrailingZeros32(m))
			n += hi - lo
		}
		if n < best {
			best, themes, useGroup = n, c.mask, false
			e.implied = i
		}
	}
	sc := e.sc
	switch {
	case themes != 0 && themes&(themes-1) == 0:
		b := bits.TrailingZeros32(themes)
		lo, hi := e.themeRange(sg, b)
		return e.s.themeDocs[b][lo:hi], sg.base, false
	case themes != 0:
		marks := sc.clearMarks(sg.n)
		for m := themes; m != 0; m &= m - 1 {
			b := bits.TrailingZeros32(m)
			lo, hi := e.themeRange(sg, b)
			for _, d := range e.s.themeDocs[b][lo:hi] {
				d -= sg.base
				marks[d>>6] |= 1 << (d & 63)
			}
		}
		sc.union = appendMarked(sc.union[:0], marks)
		return sc.union, 0, false
	case useGroup && len(g.terms) == 1:
		docs, _ := sg.postings(g.terms[0])
		return docs, 0, false
	case useGroup:
		marks := sc.clearMarks(sg.n)
		for _, t := range g.terms {
			docs, _ := sg.postings(t)
			for _, d := range docs {
				marks[d>>6] |= 1 << (d & 63)
			}
		}
		sc.union = appendMarked(sc.union[:0], marks)
		return sc.union, 0, false
	}
	return nil, 0, true
}

// themeRange returns the part of theme bit b's list that falls in sg.
func (e *exec) themeRange(sg *segment, b int) (lo, hi int) {
	list := e.s.themeDocs[b]
	lo, _ = slices.BinarySearch(list, sg.base)
	hi, _ = slices.BinarySearch(list, sg.base+uint32(sg.n))
	return lo, hi
}

// clearMarks returns a zeroed bitset of n bits.
func (sc *scratch) clearMarks(n int) []uint64 {
	w := (n + 63) / 64
	if cap(sc.marks) < w {
		sc.marks = make([]uint64, w)
	}
	sc.marks = sc.marks[:w]
	clear(sc.marks)
	return sc.marks
}

// appendMarked appends the set bits of marks to docs, in order.
func appendMarked(docs []uint32, marks []uint64) []uint32 {
	for i, m := range marks {
		for ; m != 0; m &= m - 1 {
			docs = append(docs, uint32(i*64+bits.TrailingZeros64(m)))
		}
	}
	return docs
}

// filter appends to cands the docs of the driver that pass the field clauses.
func (e *exec) filter(sg *segment, drv []uint32, sub uint32, every bool, cands []uint32) []uint32 {
	check := e.mustCheck()
	if every {
		for d := range uint32(sg.n) {
			if !check || e.ok(sg.base+d) {
				cands = append(cands, d)
			}
		}
		return cands
	}
	for _, x := range drv {
		if d := x - sub; !check || e.ok(sg.base+d) {
			cands = append(cands, d)
		}
	}
	return cands
}

// match appends to cands the docs of the driver that pass the field clauses and are in every
// group (the cursors curs, group i's ending at ends[i]), and their scores to scores: per group
// the best of its terms, summed in group order. Only a doc that matches is scored.
func (e *exec) match(sg *segment, drv []uint32, sub uint32, every bool, curs []termCursor, ends []int, cands []uint32, scores []float32) ([]uint32, []float32) {
	n := len(drv)
	if every {
		n = sg.n
	}
	check := e.mustCheck()
next:
	for i := range n {
		var d uint32
		if every {
			d = uint32(i)
		} else {
			d = drv[i] - sub
		}
		if check && !e.ok(sg.base+d) {
			continue
		}
		from := 0
		for _, end := range ends {
			hit := false
			for k := from; k < end; k++ {
				c := &curs[k]
				if c.set != nil {
					c.at, c.hit = c.set.find(d)
				} else {
					c.at = seek(c.docs, c.at, d)
					c.hit = c.at < len(c.docs) && c.docs[c.at] == d
				}
				hit = hit || c.hit
			}
			if !hit {
				continue next
			}
			from = end
		}
		kn := &e.s.kn[sg.base+d]
		var total float32
		from = 0
		for _, end := range ends {
			best := 0.0
			for k := from; k < end; k++ {
				if c := &curs[k]; c.hit {
					best = max(best, c.w*bm25(c.tfs[c.at], kn))
				}
			}
			total += float32(best)
			from = end
		}
		cands = append(cands, d)
		scores = append(scores, total)
	}
	return cands, scores
}

// bm25 is the score of one posting in an article with norms kn: BM25 per field, weighted and
// summed.
func bm25(packed uint16, kn *[nFields]float64) float64 {
	v := 0.0
	for f := range nFields {
		tf := float64(tfOf(packed, f))
		if tf == 0 {
			continue
		}
		v += fieldWeight[f] * tf * (k1 + 1) / (tf + kn[f])
	}
	return v
}

// keep keeps the cands (and their scores, if any) that have the unit u (want) or do not have it
// (!want): every word of it (groups gs) and, for a phrase, the words in a row (pieces pcs).
func (e *exec) keep(sg *segment, u *textUnit, gs, pcs []group, cands []uint32, scores []float32, want bool) ([]uint32, []float32) {
	curs := make([]*cursor, len(gs))
	for i := range gs {
		curs[i] = newCursor(sg, &gs[i])
	}
	var ph *phrase
	if u.phrase {
		ph = newPhrase(sg, u, pcs)
	}
	w := 0
	for i, d := range cands {
		has := true
		for _, c := range curs {
			if !c.seek(d, nil) {
				has = false
				break
			}
		}
		if has && ph != nil {
			has = ph.at(d)
		}
		if has == want {
			cands[w] = d
			if scores != nil {
				scores[w] = scores[i]
			}
			w++
		}
	}
	if scores != nil {
		scores = scores[:w]
	}
	return cands[:w], scores
}

// phrase checks a phrase's words in a row in the articles of a segment, asked in doc order.
type phrase struct {
	sg     *segment
	n      int       // words
	pieces []piece   // as u.pieces
	curs   []*cursor // per piece
	occ    [][]occurrence
	reach  [][]uint32
	// simple: only the words themselves are in the segment (no joined spelling of a word nor
	// two words joined), so the phrase is its words at adjacent positions, in pos.
	simple bool
	pos    [][]uint32
}

// occurrence is a piece found in the text: at a position, over one word or two (joined).
type occurrence struct {
	pos  uint32
	span uint32
}

func newPhrase(sg *segment, u *textUnit, pcs []group) *phrase {
	ph := &phrase{sg: sg, n: len(u.toks), pieces: u.pieces()}
	ph.curs = make([]*cursor, len(pcs))
	for k := range pcs {
		ph.curs[k] = newCursor(sg, &pcs[k])
	}
	ph.occ = make([][]occurrence, len(pcs))
	ph.reach = make([][]uint32, ph.n+1)
	ph.simple = true
	for k, pc := range ph.pieces {
		for _, t := range pcs[k].terms {
			ph.simple = ph.simple && pc.to-pc.from == 1 && !strings.Contains(sg.terms[t], joinMark)
		}
	}
	ph.pos = make([][]uint32, ph.n)
	return ph
}

// atSimple is at for a simple phrase: the words' positions, adjacent.
func (ph *phrase) atSimple(d uint32) bool {
	for i := range ph.n { // the pieces of the single words come first
		c := ph.curs[i]
		buf := ph.pos[i][:0]
		c.seek(d, func(t, j int) { buf = ph.sg.positions(c.g.terms[t], j, buf) })
		ph.pos[i] = buf
	}
	return adjacent(ph.pos)
}

// at reports whether article d has the phrase: a run of pieces, each starting where the last
// ended, that covers its words in order. reach[i] holds where word i may start.
func (ph *phrase) at(d uint32) bool {
	if ph.simple {
		return ph.atSimple(d)
	}
	var buf []uint32
	for k, c := range ph.curs {
		occ := ph.occ[k][:0]
		c.seek(d, func(t, j int) {
			span := uint32(1)
			term := c.g.terms[t]
			if strings.Contains(ph.sg.terms[term], joinMark) {
				span = 2
			}
			buf = ph.sg.positions(term, j, buf[:0])
			for _, p := range buf {
				occ = append(occ, occurrence{p, span})
			}
		})
		ph.occ[k] = occ
	}
	for i := range ph.reach {
		ph.reach[i] = ph.reach[i][:0]
	}
	for i := range ph.n {
		from := ph.reach[i]
		if i > 0 {
			if len(from) == 0 {
				continue
			}
			slices.Sort(from)
			from = slices.Compact(from)
		}
		for k, pc := range ph.pieces {
			if pc.from != i {
				continue
			}
			for _, o := range ph.occ[k] {
				if _, ok := slices.BinarySearch(from, o.pos); i == 0 || ok {
					ph.reach[pc.to] = append(ph.reach[pc.to], o.pos+o.span)
				}
			}
		}
	}
	return len(ph.reach[ph.n]) > 0
}

// adjacent reports whether some p in ps[0] has p+i in ps[i] for every i.
func adjacent(ps [][]uint32) bool {
	for i := 1; i < len(ps); i++ {
		if len(ps[i]) > 1 {
			slices.Sort(ps[i]) // several prefix terms may have been merged
		}
	}
next:
	for _, p := range ps[0] {
		for i := 1; i < len(ps); i++ {
			if _, ok := slices.BinarySearch(ps[i], p+uint32(i)); !ok {
				continue next
			}
		}
		return true
	}
	return false
}
