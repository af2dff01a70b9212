package store

import (
	"cmp"
	"math"
	"math/bits"
	"slices"
	"strings"

	"unvn/data"
)

// How "more like this" weighs things: each shared theme counts as much as a good shared term.
const (
	relatedTerms = 12  // distinctive terms taken from the article
	themeBonus   = 8.0 // per shared theme
	maxShare     = 0.2 // a term in more than this share of the articles is not distinctive
)

// Related returns up to n other articles most like the article with id: those sharing its
// themes and its most distinctive terms (by tf-idf, title first), best first.
func (s *Store) Related(id string, n int) []*data.Article {
	me, ok := s.docOf(id)
	if !ok || n <= 0 {
		return nil
	}
	a := s.full(me)
	e := &exec{s: s, idfs: map[string]float64{}, implied: -1}

	// The tokenizer's t may be a view of its scratch buffer, and assigning to a map entry
	// replaces the entry's key with the one given: only a new entry is assigned, with a copy.
	weights := map[string]*float64{}
	var tz tokenizer
	addText := func(text string, w float64) {
		tz.each(text, func(t string) {
			if len(t) < 3 {
				return
			}
			p := weights[t]
			if p == nil {
				p = new(float64)
				weights[strings.Clone(t)] = p
			}
			*p += w
		})
	}
	addText(a.Title, fieldWeight[inTitle])
	addText(a.Summary, fieldWeight[inSummary])
	for _, b := range a.Blocks {
		addText(b.Text, fieldWeight[inBody])
		for _, it := range b.Items {
			addText(it, fieldWeight[inBody])
		}
	}
	type termScore struct {
		term  string
		score float64
	}
	var cand []termScore
	nDocs := float64(s.n)
	for t, w := range weights {
		if allDigits(t) {
			continue
		}
		// skip terms only this article has, and common ones
		if df := float64(s.df(t)); df < 2 || df > max(2, maxShare*nDocs) {
			continue
		}
		cand = append(cand, termScore{t, math.Log1p(*w) * e.idf(t)})
	}
	slices.SortFunc(cand, func(x, y termScore) int {
		return cmp.Or(cmp.Compare(y.score, x.score), cmp.Compare(x.term, y.term))
	})
	cand = cand[:min(len(cand), relatedTerms)]

	acc := make([]float64, s.n)
	for _, c := range cand {
		idf := e.idf(c.term)
		for _, sg := range s.index() {
			t := sg.lookup(c.term)
			if t < 0 {
				continue
			}
			docs, tfs := sg.postings(t)
			for j, d := range docs {
				tf := float64(tfCount(tfs[j]))
				acc[sg.base+d] += idf * tf * (k1 + 1) / (tf + k1)
			}
		}
	}
	mine := s.meta[me].themes
	type docScore struct {
		doc   int
		score float64
	}
	var out []docScore
	for d := range acc {
		if d == me {
			continue
		}
		v := acc[d] + themeBonus*float64(bits.OnesCount32(s.meta[d].themes&mine))
		if v > 0 {
			out = append(out, docScore{d, v})
		}
	}
	slices.SortFunc(out, func(x, y docScore) int {
		return cmp.Or(cmp.Compare(y.score, x.score), cmp.Compare(x.doc, y.doc))
	})
	res := make([]*data.Article, 0, min(n, len(out)))
	for _, o := range out[:min(n, len(out))] {
		res = append(res, s.full(o.doc))
	}
	return res
}
