package cache

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// The synthetic library: captures shaped like the UN Viet Nam site's pages (kind, date, title,
// paragraphs, a "1 of 5" counter per item), made of the seed captures' own titles and sentences
// so that their words, lengths and accents are real ones. Each article gets a title of its own.

var seedText = sync.OnceValues(func() (titles, sentences []string) {
	files, _ := filepath.Glob("../data/seeds/*.txt")
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(raw), "\n") {
			line = strings.TrimSpace(line)
			switch {
			case len(line) >= 25 && len(line) <= 90 && !strings.HasSuffix(line, ".") && !strings.ContainsAny(line, "[]"):
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
		panic("no seed text in ../data/seeds")
	}
	return titles, sentences
})

var synthKinds = []string{"Story", "Press Release", "Speech", "Story", "Story"}

// synthCapture makes capture number n: perCapture items, the same bytes for the same n and seed.
func synthCapture(n, perCapture int, seed uint64) []byte {
	titles, sentences := seedText()
	r := rand.New(rand.NewPCG(seed, uint64(n)))
	var b strings.Builder
	b.WriteString("Latest\n")
	for i := range perCapture {
		fmt.Fprintf(&b, "%s\n%02d %s %d\n", synthKinds[r.IntN(len(synthKinds))], 1+r.IntN(28),
			[]string{"January", "March", "May", "July", "September", "November"}[r.IntN(6)], 2015+r.IntN(11))
		fmt.Fprintf(&b, "%s, part %d of series %d\n", titles[r.IntN(len(titles))], i+1, n+1)
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

// writeSynth writes captures 0..n-1 into dir as NNNNN.txt.
func writeSynth(dir string, n, perCapture int, seed uint64) error {
	for i := range n {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%05d.txt", i)), synthCapture(i, perCapture, seed), 0o644); err != nil {
			return err
		}
	}
	return nil
}
