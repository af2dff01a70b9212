package data

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Every bidi control (Unicode's Bidi_Control set, not a list of our own) goes, from capture text
// and from titles: U+061C ARABIC LETTER MARK once survived.
func TestSanitizeRemovesEveryBidiControl(t *testing.T) {
	n := 0
	for _, rg := range unicode.Bidi_Control.R16 {
		for r := rune(rg.Lo); r <= rune(rg.Hi); r += rune(rg.Stride) {
			n++
			in := "Hà" + string(r) + "Nội\n"
			if got := Sanitize([]byte(in)); got != "HàNội\n" {
				t.Errorf("Sanitize(%q) = %q", in, got)
			}
			if got := FlattenLine("evil" + string(r) + "txt.exe"); got != "eviltxt.exe" {
				t.Errorf("FlattenLine kept %U: %q", r, got)
			}
		}
	}
	if n < 12 {
		t.Fatalf("only %d bidi controls checked", n)
	}
}

// A capture whose every field is laced with C1 controls, bidi controls and escapes parses to
// articles that carry none of them, and the file name too is cleaned for the id and snapshot.
func TestHostileFieldsAreClean(t *testing.T) {
	dirt := "\u009b2J\u061c\u2067\u200f\x1b]0;x\x07\u202e"
	raw := "Story\n01 May 2024\nTitle " + dirt + " here\nBody " + dirt + " text.\n[1] Note " + dirt + "\n"
	arts := ParseSnapshot("name"+dirt+".txt", []byte(raw))
	if len(arts) == 0 {
		t.Fatal("no article")
	}
	for _, a := range arts {
		for _, s := range []string{a.Title, a.ID, a.Snapshot, a.Summary, a.Source} {
			if strings.ContainsFunc(s, func(r rune) bool { return unicode.IsControl(r) || isBidiControl(r) }) {
				t.Errorf("control or bidi character survived in %q", s)
			}
		}
		eachText(a.Blocks, func(s *string) {
			if strings.ContainsFunc(*s, func(r rune) bool { return unicode.IsControl(r) && r != '\n' || isBidiControl(r) }) {
				t.Errorf("control or bidi character survived in %q", *s)
			}
		})
	}
}

// scanText's verdict is what the slow path would find: text it passes needs no repair, and it
// asks to collapse white space exactly when a line needs it.
func checkScan(t *testing.T, s string) {
	t.Helper()
	sc := scanText(s)
	if !sc.repair && repair(s) != s {
		t.Fatalf("scanText(%q) finds nothing to repair, repair gives %q", s, repair(s))
	}
	if sc.repair {
		s = repair(s)
		sc = scanText(s)
	}
	want := false
	for _, l := range strings.Split(s, "\n") {
		want = want || needsCollapse(l)
	}
	if sc.collapse != want {
		t.Fatalf("scanText(%q).collapse = %v, a line needs it: %v", s, sc.collapse, want)
	}
	if sc.newlines != strings.Count(s, "\n") {
		t.Fatalf("scanText(%q).newlines = %d", s, sc.newlines)
	}
}

func FuzzSanitizeScan(f *testing.F) {
	for _, s := range []string{"Hà Nội\n", "a  b", "a \nb", "a\n b", " a", "a ", "a\tb", "a\u00a0b", "e\u0301",
		"\u1ea0\u0301", "\u2000", "&amp;", "R&D", "a\r\nb", "\xff", "\u202e", "\u009b", "x\x7f", "\ufeffa", "\u3000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkScan(t, s)
		// Every line comes out with one space between words and none at either end: toLines
		// counts words by counting spaces. (needsCollapse may still say yes: it takes every
		// character of U+1680's block for a space.)
		for _, l := range sanitizeLines([]byte(s)) {
			if l != "" && countWords(l, len(l)) != strings.Count(l, " ")+1 {
				t.Fatalf("sanitizeLines(%q) has the line %q", s, l)
			}
		}
	})
}

func TestSanitizeScanOnCaptures(t *testing.T) {
	n := 0
	for _, glob := range []string{"seeds/*.txt", capturesDir + "/*.txt", "testdata/*.txt", "testdata/shapes/*.txt"} {
		files, _ := filepath.Glob(glob)
		for _, f := range files {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			checkScan(t, string(raw))
			n++
		}
	}
	if n < 5 {
		t.Fatalf("only %d captures", n)
	}
}

// Every character nfcStable passes is NFC beside any other: it starts a segment that nothing
// before it joins (combining class 0, no composition with what precedes) and is NFC alone.
func TestNFCStableAgreesWithNorm(t *testing.T) {
	n := 0
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !nfcStable(r) || !utf8.ValidRune(r) {
			continue
		}
		n++
		s := string(r)
		if !norm.NFC.PropertiesString(s).BoundaryBefore() || !norm.NFC.IsNormalString(s) {
			t.Fatalf("nfcStable(%U), but norm says it may change", r)
		}
	}
	if n < 1000 {
		t.Fatalf("only %d characters checked", n)
	}
}

// skipPrintable tests eight bytes at a time; it must stop exactly where a byte-by-byte loop stops.
func TestSkipPrintableStopsWhereTheByteLoopStops(t *testing.T) {
	naive := func(s string, i int) int {
		for i < len(s) && s[i] >= 0x20 && s[i] < 0x7f {
			i++
		}
		return i
	}
	// Every byte value at every place of a 35-byte window of printable text: two blocks of
	// sixteen and a tail.
	for _, l := range everyByteAt("abcdefgh ~ !}{XYZ0123456789 %'()*+,") {
		for i := 0; i <= len(l); i++ {
			if got, want := skipPrintable(l, i), naive(l, i); got != want {
				t.Fatalf("skipPrintable(%q, %d) = %d, want %d", l, i, got, want)
			}
		}
	}
}

// FlattenLine returns clean one-line text as it is: it must be what sanitising and folding the
// lines would make of it.
func TestFlattenLineIsSanitizedAndFolded(t *testing.T) {
	lines := append(corpusLines(t), "", " ", "a  b", "a\tb", "\ufeffBOM", "R&D", "&amp;", "e\u0301", "a\u00a0b", "x\n", "Hà Nội.txt")
	lines = append(lines, everyByteAt("Hà Nội a.txt")...)
	for _, l := range lines {
		if got, want := FlattenLine(l), collapseLine(strings.ReplaceAll(Sanitize([]byte(l)), "\n", " ")); got != want {
			t.Fatalf("FlattenLine(%q) = %q, want %q", l, got, want)
		}
	}
}
