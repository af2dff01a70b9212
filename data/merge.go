package data

import (
	"sort"
	"strconv"
)

// Merge drops repeats of the same article (the same normalised title) across captures, keeping
// the fullest version, sorts newest first (undated last, then by title) and makes ids unique.
func Merge(arts []Article) []Article {
	best := map[string]int{}
	var out []Article
	for _, a := range arts {
		key := TitleKey(a.Title)
		if i, ok := best[key]; ok {
			if fullness(&a) > fullness(&out[i]) {
				out[i] = a
			}
			continue
		}
		best[key] = len(out)
		out = append(out, a)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Date, out[j].Date
		if a.IsZero() != b.IsZero() {
			return b.IsZero()
		}
		if !a.Time.Equal(b.Time) {
			return a.Time.After(b.Time)
		}
		return out[i].Title < out[j].Title
	})
	ids := map[string]int{}
	for i := range out {
		id := out[i].ID
		if n := ids[id]; n > 0 {
			out[i].ID = id + "-" + strconv.Itoa(n+1)
		}
		ids[id]++
	}
	return out
}

// fullness measures how much of an article a capture holds.
func fullness(a *Article) int {
	if a.Teaser {
		return 0
	}
	return 1 + a.TextLen() - len(a.Title) - len(a.Summary)
}

// TitleKeys returns the normalised titles of articles, as the library counts what is new.
func TitleKeys(arts []Article) map[string]bool {
	keys := make(map[string]bool, len(arts))
	for i := range arts {
		keys[TitleKey(arts[i].Title)] = true
	}
	return keys
}
