package data

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold maps text to the form that search and theme rules compare: NFC, then marks stripped
// (after NFD), đ/Đ to d — they have no decomposition, so stripping marks alone misses them — and
// lower case. "Đặng Quốc Phong" folds to "dang quoc phong".
//
// Folding is per character, so it is done from a table for the Latin letters (Vietnamese
// included) and only falls back to decomposition for other scripts.
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c < 0x80 {
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r < rune(len(foldTable)) {
			b = append(b, foldTable[r]...)
		} else {
			b = append(b, foldRune(r)...)
		}
		i += n
	}
	return string(b)
}

// foldTable holds the folded form of every character below U+1F00: Latin-1, Latin Extended and
// Latin Extended Additional, where Vietnamese lives.
var foldTable = func() (t [0x1f00]string) {
	for r := rune(0x80); r < rune(len(t)); r++ {
		t[r] = foldRune(r)
	}
	return t
}()

// foldRune folds one character the slow way: decompose, drop marks, map đ, lower-case.
func foldRune(r rune) string {
	if r == 'đ' || r == 'Đ' {
		return "d"
	}
	if unicode.Is(unicode.Mn, r) {
		return ""
	}
	var buf [8]byte
	n := utf8.EncodeRune(buf[:], r)
	var b strings.Builder
	for _, d := range norm.NFD.String(string(buf[:n])) {
		if unicode.Is(unicode.Mn, d) {
			continue
		}
		if d == 'đ' || d == 'Đ' {
			d = 'd'
		}
		b.WriteRune(unicode.ToLower(d))
	}
	return b.String()
}
