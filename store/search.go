package store

import (
	"math"
	"slices"
	"strings"
)

// exec is one search being run: the compiled filters and text clauses, and a cache of idfs.
type exec struct {
	s       *Store
	marks   Marks
	conds   []cond
	pos     []clause // words and phrases that must match
	neg     []clause // ... and that must not
	hasText bool
	idfs    map[string]float64
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
	e := &exec{s: s, marks: marks, idfs: map[string]float64{}}
	for _, c := range q.clauses {
		switch c.field {
		case fieldText:
			if c.neg {
				e.neg = append(e.neg, c)
			} else {
				e.pos = append(e.pos, c)
			}
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

// ok reports whether the article with global id doc passes every field clause.
func (e *exec) ok(doc uint32) bool {
	m := &e.s.meta[doc]
	for i := range e.conds {
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
			id := e.s.arts[doc].ID
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
	n := float64(len(e.s.arts))
	v := math.Log(1 + (n-df+0.5)/(df+0.5))
	e.idfs[term] = v
	return v
}

// df is the number of articles that have term.
func (s *Store) df(term string) int {
	df := 0
	for _, sg := range s.segs {
		if t := sg.lookup(term); t >= 0 {
			df += int(sg.off[t+1] - sg.off[t])
		}
	}
	return df
}

// group is one query token resolved in a segment: the terms it matches (one for a whole word,
// every term with the prefix for a prefix) with their weights.
type group struct {
	terms  []int
	weight []float64
	size   int // postings in all
}

// resolve finds the groups of a text clause in sg; ok is false when some token has no term
// there, so the clause matches nothing in the segment.
func (e *exec) resolve(sg *segment, c *clause) (gs []group, ok bool) {
	gs = make([]group, len(c.terms))
	for i, tok := range c.terms {
		g := &gs[i]
		if c.exact || i < len(c.terms)-1 {
			if t := sg.lookup(tok); t >= 0 {
				g.terms, g.weight = []int{t}, []float64{e.idf(tok)}
			}
		} else {
			lo, hi := sg.prefixRange(tok)
			for t := lo; t < hi; t++ {
				w := e.idf(sg.terms[t])
				if sg.terms[t] != tok {
					w *= prefixScale
				}
				g.terms = append(g.terms, t)
				g.weight = append(g.weight, w)
			}
		}
		if len(g.terms) == 0 {
			return nil, false
		}
		for _, t := range g.terms {
			g.size += int(sg.off[t+1] - sg.off[t])
		}
	}
	return gs, true
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
	for i := range e.pos {
		gs, ok := e.resolve(sg, &e.pos[i])
		if !ok {
			return found
		}
		posGroups[i] = gs
	}
	var cands []uint32
	var scores []float32
	if !e.hasText {
		for d := range uint32(sg.n) {
			if e.ok(sg.base + d) {
				cands = append(cands, d)
			}
		}
	} else {
		// Start from the smallest group, then keep what every other group also has, adding
		// up the scores on the way.
		var all []*group
		for i := range posGroups {
			for j := range posGroups[i] {
				all = append(all, &posGroups[i][j])
			}
		}
		slices.SortStableFunc(all, func(a, b *group) int { return a.size - b.size })
		cands, scores = e.union(sg, all[0])
		for _, g := range all[1:] {
			if len(cands) == 0 {
				break
			}
			cands, scores = e.intersect(sg, g, cands, scores)
		}
		for i := range e.pos {
			if len(e.pos[i].terms) > 1 {
				cands, scores = e.keepPhrase(sg, posGroups[i], cands, scores, true)
			}
		}
	}
	for i := range e.neg {
		gs, ok := e.resolve(sg, &e.neg[i])
		if !ok || len(cands) == 0 {
			continue
		}
		cands, scores = e.keepPhrase(sg, gs, cands, scores, false)
	}
	for i, d := range cands {
		f := scored{doc: sg.base + d}
		if scores != nil {
			f.score = scores[i]
		}
		found = append(found, f)
	}
	return found
}

// bm25 is the score of one posting: BM25 per field, weighted and summed.
func (e *exec) bm25(packed uint16, doc uint32) float64 {
	lens := &e.s.lens[doc]
	v := 0.0
	for f := range nFields {
		tf := float64(tfOf(packed, f))
		if tf == 0 {
			continue
		}
		norm := 1 - bm25b + bm25b*float64(lens[f])/e.s.avg[f]
		v += fieldWeight[f] * tf * (k1 + 1) / (tf + k1*norm)
	}
	return v
}

// union returns the docs of g that pass the field clauses, in order, with g's scores.
func (e *exec) union(sg *segment, g *group) ([]uint32, []float32) {
	var out []uint32
	var scores []float32
	for k, t := range g.terms {
		docs, tfs := sg.postings(t)
		for j, d := range docs {
			if len(e.conds) == 0 || e.ok(sg.base+d) {
				out = append(out, d)
				scores = append(scores, float32(g.weight[k]*e.bm25(tfs[j], sg.base+d)))
			}
		}
	}
	if len(g.terms) > 1 {
		// several terms share a prefix: order by doc and keep each doc's best
		idx := make([]int, len(out))
		for i := range idx {
			idx[i] = i
		}
		slices.SortFunc(idx, func(a, b int) int { return int(out[a]) - int(out[b]) })
		var docs []uint32
		var best []float32
		for _, i := range idx {
			if n := len(docs); n > 0 && docs[n-1] == out[i] {
				best[n-1] = max(best[n-1], scores[i])
				continue
			}
			docs = append(docs, out[i])
			best = append(best, scores[i])
		}
		out, scores = docs, best
	}
	return out, scores
}

// intersect keeps the cands that g has, adding g's best score to theirs.
func (e *exec) intersect(sg *segment, g *group, cands []uint32, scores []float32) ([]uint32, []float32) {
	at := make([]int, len(g.terms))
	w := 0
	for i, d := range cands {
		best, hit := 0.0, false
		for k, t := range g.terms {
			docs, tfs := sg.postings(t)
			j := seek(docs, at[k], d)
			at[k] = j
			if j < len(docs) && docs[j] == d {
				hit = true
				best = max(best, g.weight[k]*e.bm25(tfs[j], sg.base+d))
			}
		}
		if hit {
			cands[w], scores[w] = d, scores[i]+float32(best)
			w++
		}
	}
	return cands[:w], scores[:w]
}

// keepPhrase keeps the cands (and their scores, if any) that have the phrase gs (want) or do
// not have it (!want). A one-token "phrase" is a word.
func (e *exec) keepPhrase(sg *segment, gs []group, cands []uint32, scores []float32, want bool) ([]uint32, []float32) {
	curs := make([]*cursor, len(gs))
	for i := range gs {
		curs[i] = newCursor(sg, &gs[i])
	}
	bufs := make([][]uint32, len(gs))
	w := 0
	for i, d := range cands {
		has := true
		for k, c := range curs {
			bufs[k] = bufs[k][:0]
			any := c.seek(d, func(t, j int) {
				if len(gs) > 1 {
					bufs[k] = sg.positions(c.g.terms[t], j, bufs[k])
				}
			})
			if !any {
				has = false
				break
			}
		}
		if has && len(gs) > 1 {
			has = adjacent(bufs)
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
