package data

import (
	"bytes"
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
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
// U+009B CSI), every other control character but newline and tab, and the bidi overrides that
// can reorder what a terminal shows. CR and CRLF become LF.
func stripControls(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f || (c == 0xc2 && i+1 < len(s) && s[i+1] < 0xa0) ||
			(c == 0xe2 && i+2 < len(s) && isBidiControl(rune(0x2000|(rune(s[i+1])&0x3f)<<6|rune(s[i+2])&0x3f))) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\r':
			b.WriteByte('\n')
			if i+1 < len(s) && s[i+1] == '\n' {
				n++
			}
		case r == 0x1b: // ESC
			n = escapeLen(s[i:])
		case r == 0x9b: // C1 CSI
			n += csiLen(s[i+n:])
		case r == 0x9d || r == 0x90 || r == 0x9e || r == 0x9f || r == 0x98: // C1 OSC, DCS, PM, APC, SOS
			n += stringLen(s[i+n:])
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case unicode.IsControl(r), isBidiControl(r):
			// dropped
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

func isBidiControl(r rune) bool {
	return (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x200e || r == 0x200f
}

// escapeLen is the length of the escape sequence that starts with ESC at s[0].
func escapeLen(s string) int {
	if len(s) < 2 {
		return len(s)
	}
	switch s[1] {
	case '[':
		return 2 + csiLen(s[2:])
	case ']', 'P', '^', '_', 'X':
		return 2 + stringLen(s[2:])
	}
	if s[1] >= 0x20 && s[1] < 0x7f {
		return 2
	}
	return 1
}

// csiLen is the length of CSI parameters, intermediates and final byte.
func csiLen(s string) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x40 && c <= 0x7e {
			return i + 1
		}
		if c < 0x20 || c > 0x7e {
			return i
		}
	}
	return len(s)
}

// stringLen is the length of an OSC/DCS body up to and including its BEL or ST terminator. An
// unterminated one runs to the end of the line, not of the file, so good text after it survives.
func stringLen(s string) int {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case 0x07:
			return i + 1
		case 0x1b:
			if i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
			return i
		case '\n':
			return i
		}
		if s[i] == 0xc2 && i+1 < len(s) && s[i+1] == 0x9c { // C1 ST
			return i + 2
		}
	}
	return len(s)
}

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
