package data

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fold maps text to the form that search and theme rules compare: NFC, then marks stripped
// (after NFD), đ/Đ to d — they have no decomposition, so stripping marks alone misses them — and
// lower case. "Đặng Quốc Phong" folds to "dang quoc phong".
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
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ' || r == 'Đ':
			r = 'd'
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}
