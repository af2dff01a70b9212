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
	const window = "Hà Nội, Việt Nam ‘x’"
	for c := 0; c < 256; c++ {
		for at := 0; at < len(window); at++ {
			b := []byte(window)
			b[at] = byte(c)
			for end := 0; end <= len(b); end++ {
				if got, want := leadBytes(string(b[:end])), naive(string(b[:end])); got != want {
					t.Fatalf("leadBytes(%q) = %d, want %d", b[:end], got, want)
				}
			}
		}
	}
}
