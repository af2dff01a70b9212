package data

import (
	"bytes"
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"unvn/termsafe"
)

// Sanitize turns untrusted capture bytes into safe text: no BOM, LF line ends, valid UTF-8 in
// NFC, entities decoded and then cleaned like everything else (so "&#27;" can never become a live
// ESC), escape sequences and control characters removed (all but newline), runs of spaces and
// tabs collapsed, and every line trimmed.
func Sanitize(raw []byte) string {
	lines := sanitizeLines(raw)
	if len(lines) == 0 {
		return ""
	}
	return strings.Join(lines, "\n") + "\n"
}

// sanitizeLines is Sanitize split into lines. A line that needs no change is a substring of the
// input, so a clean capture costs one copy.
func sanitizeLines(raw []byte) []string {
	raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	s := string(raw)
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if hasEntity(s) {
		// Decode once, before control characters are removed, so an encoded escape is removed
		// with the rest. Nothing downstream decodes again.
		s = html.UnescapeString(s)
	}
	s = stripControls(s)
	if !isNFC(s) {
		s = norm.NFC.String(s)
	}
	if s == "" {
		return nil
	}
	lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	// Substring searches over the whole text are far faster than a loop over every line, and
	// most captures have nothing to fold.
	if strings.Contains(s, "\t") || strings.Contains(s, "  ") || strings.Contains(s, " \n") ||
		strings.Contains(s, "\n ") || s[0] == ' ' || s[len(s)-1] == ' ' || hasUnicodeSpace(s) {
		for i, l := range lines {
			lines[i] = collapseLine(l)
		}
	}
	return lines
}

// hasUnicodeSpace reports whether s holds a multi-byte white space character.
func hasUnicodeSpace(s string) bool {
	for _, lead := range []byte{0xc2, 0xe1, 0xe2, 0xe3, 0xef} {
		for i := strings.IndexByte(s, lead); i >= 0; {
			if mayBeSpace(s, i) {
				return true
			}
			next := strings.IndexByte(s[i+1:], lead)
			if next < 0 {
				break
			}
			i += 1 + next
		}
	}
	return false
}

// hasEntity reports whether s may hold an HTML entity: "&#…" or "&name;". ("R&D" is not one.)
func hasEntity(s string) bool {
	for i := strings.IndexByte(s, '&'); i >= 0 && i+1 < len(s); {
		if s[i+1] == '#' {
			return true
		}
		j := i + 1
		for j < len(s) && j-i < 33 && isASCIILetter(s[j]) {
			j++
		}
		if j > i+1 && j < len(s) && s[j] == ';' {
			return true
		}
		next := strings.IndexByte(s[i+1:], '&')
		if next < 0 {
			return false
		}
		i += 1 + next
	}
	return false
}

func isNFC(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return norm.NFC.IsNormalString(s)
		}
	}
	return true
}

// stripControls removes ANSI/VT escape sequences (7-bit ESC forms and 8-bit C1 forms such as
// U+009B CSI), every other control character but newline and tab, and the bidi controls that
// can reorder what a terminal shows: termsafe.Strip, the one scanner the whole program uses.
// CR and CRLF become LF first.
func stripControls(s string) string {
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	}
	return termsafe.Strip(s)
}

// isBidiControl reports whether r is one of the bidi controls stripControls removes.
func isBidiControl(r rune) bool { return termsafe.Unsafe(r) && !unicode.IsControl(r) }

// needsCollapse reports whether a line has white space to fold: a tab, a leading, trailing or
// doubled space, or a Unicode space.
func needsCollapse(line string) bool {
	prevSpace := true
	for i := 0; i < len(line); i++ {
		c := line[i]
		if c == '\t' || (c == ' ' && prevSpace) || c >= 0x80 && mayBeSpace(line, i) {
			return true
		}
		prevSpace = c == ' '
	}
	return prevSpace && line != ""
}

// collapseLine trims a line and folds each run of white space to one space.
func collapseLine(line string) string {
	if !needsCollapse(line) {
		return line
	}
	var b strings.Builder
	b.Grow(len(line))
	space := false
	for _, r := range line {
		if unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// mayBeSpace reports whether the multi-byte character at line[i] could be white space (NBSP,
// the U+2000 block, ideographic space, BOM…); Vietnamese letters and curly quotes are not.
func mayBeSpace(line string, i int) bool {
	switch line[i] {
	case 0xc2:
		return i+1 < len(line) && (line[i+1] == 0xa0 || line[i+1] == 0x85)
	case 0xe1:
		return i+1 < len(line) && line[i+1] == 0x9a
	case 0xe2:
		if i+2 >= len(line) {
			return false
		}
		b1, b2 := line[i+1], line[i+2]
		return b1 == 0x80 && (b2 <= 0x8b || b2 == 0xa8 || b2 == 0xa9 || b2 == 0xaf) || b1 == 0x81 && b2 == 0x9f
	case 0xe3:
		return i+2 < len(line) && line[i+1] == 0x80 && line[i+2] == 0x80
	case 0xef:
		return i+2 < len(line) && line[i+1] == 0xbb && line[i+2] == 0xbf
	}
	return false
}

// FlattenLine makes untrusted text safe for one terminal line: sanitised, newlines folded.
func FlattenLine(s string) string {
	return collapseLine(strings.ReplaceAll(Sanitize([]byte(s)), "\n", " "))
}
