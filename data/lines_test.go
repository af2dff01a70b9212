package data

import "testing"

// BenchmarkLines measures the first stages alone over the seed captures: sanitising, reading
// lines and classifying them, marking menus.
func BenchmarkLines(b *testing.B) {
	benchEach(b, seedBytes(b), func(_ int, c []byte) { markMenus(toLines(sanitizeLines(c))) })
}

// leadBytes counts eight bytes at a time; it must agree with a byte loop for every byte value at
// every place.
func TestLeadBytesCountsLikeTheByteLoop(t *testing.T) {
	naive := func(s string) int {
		n := 0
		for i := 0; i < len(s); i++ {
			if s[i] >= 0xc0 {
				n++
			}
		}
		return n
	}
	for _, s := range everyByteAt("Hà Nội, Việt Nam ‘x’") {
		for end := 0; end <= len(s); end++ {
			if got, want := leadBytes(s[:end]), naive(s[:end]); got != want {
				t.Fatalf("leadBytes(%q) = %d, want %d", s[:end], got, want)
			}
		}
	}
}
