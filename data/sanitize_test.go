package data

import (
	"strings"
	"testing"
	"unicode"
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
