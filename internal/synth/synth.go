// Package synth makes synthetic libraries for tests and benchmarks out of the seed captures' own
// titles and sentences, so that their words, lengths and accents are like the real ones: articles
// for the store, and capture files for the cache and the command line. The same arguments always
// give the same bytes. It is never used by the program itself.
package synth

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"unvn/data"
)

// SeedText returns the seed captures' title-like lines and their sentences.
var SeedText = sync.OnceValues(func() (titles, sentences []string) {
	for _, c := range data.EmbeddedCaptures() {
		for _, line := range strings.Split(string(c.Raw), "\n") {
			line = strings.TrimSpace(line)
			switch {
			case len(line) >= 25 && len(line) <= 110 && !strings.HasSuffix(line, "."):
				titles = append(titles, line)
			case len(line) >= 60:
				for _, s := range strings.SplitAfter(line, ". ") {
					if s = strings.TrimSpace(s); len(s) > 20 {
						sentences = append(sentences, s)
					}
				}
			}
		}
	}
	if len(titles) == 0 || len(sentences) == 0 {
		panic("synth: no seed text")
	}
	return titles, sentences
})

var kinds = []string{"Story", "Press Release", "Speech", "Story", "Story"}
var months = []string{"January", "March", "May", "July", "September", "November"}

// Capture makes capture number n of a library: a page shaped like the UN Viet Nam site's (per
// item a kind, a date, a title of its own, four to ten paragraphs of seed sentences on one
// topic, and a "1 of 5" counter), with perCapture items.
func Capture(n, perCapture int, seed uint64) []byte {
	titles, sentences := SeedText()
	r := rand.New(rand.NewPCG(seed, uint64(n)))
	var b strings.Builder
	b.WriteString("Latest\n")
	for i := range perCapture {
		fmt.Fprintf(&b, "%s\n%02d %s %d\n", kinds[r.IntN(len(kinds))], 1+r.IntN(28), months[r.IntN(len(months))], 2015+r.IntN(11))
		title := titles[r.IntN(len(titles))]
		for len(title) > 90 || strings.ContainsAny(title, "[]") {
			title = titles[r.IntN(len(titles))]
		}
		fmt.Fprintf(&b, "%s, part %d of series %d\n", title, i+1, n+1)
		// Sentences from one window of the seeds, so that like a real article it is about
		// something: drawn from all of them, every common word would be in every article.
		topic := r.IntN(len(sentences))
		for range 4 + r.IntN(7) {
			for k := range 2 + r.IntN(4) {
				if k > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(sentences[(topic+r.IntN(60))%len(sentences)])
			}
			b.WriteByte('\n')
		}
		b.WriteString("1 of 5\n")
	}
	return []byte(b.String())
}

// WriteCaptures writes captures 0..n-1 into dir as NNNNN.txt.
func WriteCaptures(dir string, n, perCapture int, seed uint64) error {
	for i := range n {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%05d.txt", i)), Capture(i, perCapture, seed), 0o644); err != nil {
			return err
		}
	}
	return nil
}
