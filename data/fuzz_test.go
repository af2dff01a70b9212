package data

import (
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzParse: parsing never panics, its output never carries a control character, and it is
// deterministic.
func FuzzParse(f *testing.F) {
	// The captures go in as pieces of up to 4 KiB cut at line ends: the fuzzer stalls on inputs
	// of tens of kilobytes, and each piece still has the shapes of a real capture.
	for _, file := range seedFiles(f) {
		raw, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		for len(raw) > 0 {
			n := min(len(raw), 4096)
			if i := bytes.LastIndexByte(raw[:n], '\n'); i > 0 && n < len(raw) {
				n = i + 1
			}
			f.Add(raw[:n])
			raw = raw[n:]
		}
	}
	f.Add([]byte("Story\n01 May 2024\nTitle \x1b[31m\u009b2J &#27;]0;x\n[1] a [2] b\nend.Next:Item.Two\n"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		a1 := ParseSnapshot("fuzz.txt", raw)
		a2 := ParseSnapshot("fuzz.txt", raw)
		if !reflect.DeepEqual(a1, a2) {
			t.Fatal("parse is not deterministic")
		}
		b, err := json.Marshal(a1)
		if err != nil {
			t.Fatal(err)
		}
		var out []map[string]any
		if err := json.Unmarshal(b, &out); err != nil {
			t.Fatal(err)
		}
		for i := range a1 {
			a := &a1[i]
			check := func(s string) {
				if !utf8.ValidString(s) {
					t.Fatalf("invalid UTF-8 in %q", s)
				}
				for _, r := range s {
					if unicode.IsControl(r) || isBidiControl(r) {
						t.Fatalf("control character %U in %q", r, s)
					}
				}
			}
			check(a.Title)
			check(a.Summary)
			check(a.ID)
			check(a.Source)
			eachText(a.Blocks, func(s *string) { check(*s) })
			for _, n := range a.Footnotes {
				check(n.Text)
			}
		}
	})
}
