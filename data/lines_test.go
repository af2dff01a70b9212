package data

import "testing"

// BenchmarkLines measures the first stages alone over the seed captures: sanitising, reading
// lines and classifying them, marking menus.
func BenchmarkLines(b *testing.B) {
	caps := seedBytes(b)
	total := 0
	for _, c := range caps {
		total += len(c)
	}
	b.SetBytes(int64(total))
	b.ResetTimer()
	for range b.N {
		for _, c := range caps {
			markMenus(toLines(sanitizeLines(c)))
		}
	}
}
