package store

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"unvn/data"
	"unvn/internal/synth"
)

// seedText is the seed captures' titles and sentences: the synthetic library is made of them.
func seedText() (titles, sentences []string) { return synth.SeedText() }

var synthSources = []string{"UN Viet Nam", "The Hanoi Times", "Viet Nam News", "VnExpress International", "Nhân Dân", ""}

// synthArticles makes n articles from seed sentences, the same ones for the same seed: a title,
// a one- or two-sentence summary and three to seven paragraphs of two to five sentences, with
// random kinds, dates (some only to the month, a few undated), sources and one to three themes.
func synthArticles(n int, seed uint64) []data.Article {
	titles, sentences := seedText()
	r := rand.New(rand.NewPCG(seed, 1))
	// Each article draws its sentences from one window of the seeds, kept in file order, so
	// that like a real one it is about something: sentences drawn from all the seeds would put
	// every common word in most articles.
	const window = 60
	var topic int
	pick := func(k int) string {
		parts := make([]string, k)
		for i := range parts {
			parts[i] = sentences[(topic+r.IntN(window))%len(sentences)]
		}
		return strings.Join(parts, " ")
	}
	arts := make([]data.Article, n)
	for i := range arts {
		a := &arts[i]
		a.ID = fmt.Sprintf("synth-%06d", i)
		a.Kind = data.Kinds[r.IntN(len(data.Kinds))]
		a.Title = titles[r.IntN(len(titles))]
		topic = r.IntN(len(sentences))
		a.Summary = pick(1 + r.IntN(2))
		for range 3 + r.IntN(5) {
			a.Blocks = append(a.Blocks, data.Block{Type: data.BlockParagraph, Text: pick(2 + r.IntN(4))})
		}
		switch x := r.IntN(100); {
		case x < 3:
		case x < 13:
			a.Date = data.Date{Time: time.Date(2015+r.IntN(11), time.Month(1+r.IntN(12)), 1, 0, 0, 0, 0, time.UTC), Precision: data.PrecisionMonth}
		default:
			a.Date = data.Date{Time: time.Date(2015+r.IntN(11), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC), Precision: data.PrecisionDay}
		}
		a.Source = synthSources[r.IntN(len(synthSources))]
		for range 1 + r.IntN(3) {
			id := data.Themes[r.IntN(len(data.Themes))].ID
			if !a.HasTheme(id) {
				a.Themes = append(a.Themes, data.ThemeMatch{ID: id})
			}
		}
	}
	return arts
}

// textBytes is the size of the text the store indexes.
func textBytes(arts []data.Article) int {
	n := 0
	for i := range arts {
		n += arts[i].TextLen()
	}
	return n
}
