package data

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkLines measures the first stages alone over the seed captures: sanitising, reading
// lines and classifying them, marking menus.
func BenchmarkLines(b *testing.B) {
	benchEach(b, seedBytes(b), func(_ int, c []byte) {
		text, sc := sanitizeText(c)
		markMenus(toLines(nil, text, sc))
	})
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

// toLines reads the sanitised text in place, with the short lines' folds made up front and into
// records that held another capture: it must give the lines of sanitizeLines, blank ones counted
// as gaps, each classified on its own and each fold the line's Fold.
func TestToLinesAreTheSanitizedLines(t *testing.T) {
	var caps []string
	files, _ := filepath.Glob("testdata/shapes/*.txt")
	more, _ := filepath.Glob(capturesDir + "/*.txt")
	for _, f := range append(append(seedFiles(t), files...), more...) {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		caps = append(caps, string(raw))
	}
	caps = append(caps, "", "\n", "\n\n", "a", "a\n", "\n\na\n\n\nb", " \t \nHà  Nội \r\n\n\n x", "\ufeffĐẶNG\n\n  \n"+strings.Repeat("\n", 300)+"End", "Title\n"+strings.Repeat("AbcDef.", 300))
	var prev []line // each capture's records are read into the last one's, as ParseSnapshot's pool does
	for _, c := range caps {
		var want []line
		gap := 0
		for _, text := range sanitizeLines([]byte(c)) {
			if text == "" {
				gap++
				continue
			}
			l := line{text: text, gap: uint8(min(gap, maxGap)), words: min(strings.Count(text, " ")+1, maxWords)}
			classifyLine(&l)
			want = append(want, l)
			gap = 0
		}
		text, sc := sanitizeText([]byte(c))
		got := toLines(prev, text, sc)
		prev = got
		if len(got) != len(want) {
			t.Fatalf("%.40q: %d lines, want %d", c, len(got), len(want))
		}
		for i := range got {
			g, w := got[i], want[i]
			if g.fold != "" && g.fold != Fold(g.text) {
				t.Fatalf("%.40q: line %q folded %q", c, g.text, g.fold)
			}
			if g.fold != "" && len(g.text) > maxClassified {
				t.Fatalf("%.40q: a line of %d bytes, which classifyLine does not read, was folded", c, len(g.text))
			}
			g.fold, w.fold = "", ""
			if g != w {
				t.Fatalf("%.40q: line %d is %+v, want %+v", c, i, g, w)
			}
		}
	}
}
