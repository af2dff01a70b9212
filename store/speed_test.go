package store

import "testing"

// TestMayMatchIsSuperset: the quick test Snippet uses to pass over text never rules out a term
// that eachMatch would find.
func TestMayMatchIsSuperset(t *testing.T) {
	titles, sentences := seedText()
	texts := append([]string{
		"Đặng Quốc Phong, ĐẶNG THỊ HOA", "Ha\u0300 No\u0323\u0302i", "WOMEN’s “violence” — x", "2024年", "",
		"Viet Nam, Ha Noi and Da-Nang", "HA NOI", "Viet  Nam",
	}, titles[:100]...)
	texts = append(texts, sentences[:300]...)
	terms := []string{"women", "viol", "dang", "ha", "noi", "2024", "the", "年", "", "Pom", "s", "vietnam", "hanoi", "danang", "hano"}
	for _, s := range texts {
		var seen uint64
		eachMatch(s, terms, func(_, _, k int) { seen |= 1 << k })
		if may := mayMatch(s, terms); seen&^may != 0 {
			t.Errorf("mayMatch(%q) = %b, but eachMatch finds %b", s, may, seen)
		}
	}
	for _, c := range []struct {
		s, t string
		want bool
	}{
		{"Violence", "violence", true}, {"a VIOLENT b", "viol", true}, {"vio", "viol", false},
		{"xxV", "v", true}, {"", "a", false}, {"abc", "abcd", false}, {"a1b", "1b", true},
	} {
		if got := containsFoldASCII(c.s, c.t); got != c.want {
			t.Errorf("containsFoldASCII(%q, %q) = %v", c.s, c.t, got)
		}
	}
}

// TestDenseSets: a common term's set holds exactly its postings, each at its index.
func TestDenseSets(t *testing.T) {
	s := newStore(synthArticles(3000, 5), 2)
	checked := 0
	for _, sg := range s.index() {
		for i, term := range sg.denseTerms {
			docs, _ := sg.postings(int(term))
			j := 0
			for d := range uint32(sg.n) {
				at, ok := sg.dense[i].find(d)
				in := j < len(docs) && docs[j] == d
				if ok != in || ok && at != j {
					t.Fatalf("term %q doc %d: find = %d, %v; postings say %d, %v", sg.terms[term], d, at, ok, j, in)
				}
				if in {
					j++
				}
			}
			checked++
		}
	}
	if checked == 0 {
		t.Error("no dense terms; the test proves nothing")
	}
}
