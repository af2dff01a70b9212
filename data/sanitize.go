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

// sanitizeLines is Sanitize split into lines.
func sanitizeLines(raw []byte) []string {
	s, sc := sanitizeText(raw)
	if s == "" {
		return nil
	}
	lines := splitLines(strings.TrimSuffix(s, "\n"), sc.newlines)
	if sc.collapse {
		for i, l := range lines {
			lines[i] = collapseLine(l)
		}
	}
	return lines
}

// sanitizeText makes raw safe text, all but the white space that sc.collapse says some lines
// have to fold (collapseLine, line by line). A line that needs no change is a substring of the
// text, so a clean capture costs one copy and one pass over its bytes (scanText); only a
// capture with something to repair takes the repairs, each a pass of its own.
func sanitizeText(raw []byte) (s string, sc textScan) {
	raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	s = string(raw)
	sc = scanText(s)
	if sc.repair {
		s = repair(s)
		sc = scanText(s)
	}
	return s, sc
}

// repair makes text safe: valid UTF-8, entities decoded (once, before control characters are
// removed, so an encoded escape is removed with the rest; nothing downstream decodes again),
// escape sequences and controls stripped, NFC. Each step leaves text that needs none of it as
// it is.
func repair(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if hasEntity(s) {
		s = html.UnescapeString(s)
	}
	s = stripControls(s)
	if !isNFC(s) {
		s = norm.NFC.String(s)
	}
	return s
}

func isNFC(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return norm.NFC.IsNormalString(s)
		}
	}
	return true
}

// textScan is what one pass over a capture's bytes tells of it.
type textScan struct {
	// repair: the text may need a repair: a byte that is not UTF-8, a control character (CR
	// included) or bidi control, an entity, or characters that may not be NFC.
	repair bool
	// collapse: some line has white space to fold: a tab, a leading, trailing or doubled
	// space, or a Unicode space (see needsCollapse).
	collapse bool
	newlines int
	blank    int // lines with nothing on them (a newline at the start or after another)
}

// scanText reads s once for everything sanitizeLines must know. When it reports no repair,
// repair(s) would return s unchanged: s is valid UTF-8, has no character termsafe.Strip
// removes, no entity (hasEntity), and only characters that are NFC whatever stands around them
// (nfcStable) or passes norm's own check.
func scanText(s string) textScan {
	var sc textScan
	otherRunes := false
	for i := skipPrintable(s, 0); i < len(s); i = skipPrintable(s, i) {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRuneInString(s[i:])
			switch {
			case r == utf8.RuneError && n == 1 || termsafe.Unsafe(r):
				sc.repair = true
			case !nfcStable(r):
				otherRunes = true
			}
			sc.collapse = sc.collapse || mayBeSpace(s, i)
			i += n
			continue
		case c == '\n':
			sc.newlines++
			if i == 0 || s[i-1] == '\n' {
				sc.blank++
			}
			// A space at the end of a line or at the start of the next.
			sc.collapse = sc.collapse || i > 0 && s[i-1] == ' ' || i+1 < len(s) && s[i+1] == ' '
		case c == '\t':
			sc.collapse = true
		default:
			sc.repair = true // a control, CR included
		}
		i++
	}
	sc.repair = sc.repair || hasEntity(s) || otherRunes && !norm.NFC.IsNormalString(s)
	sc.collapse = sc.collapse || s != "" && (s[0] == ' ' || s[len(s)-1] == ' ') || strings.Contains(s, "  ")
	return sc
}

// skipPrintable returns the index of the first byte from s[i] on that is not printable ASCII
// (len(s) if there is none): the bytes scanText need not look at. They are skipped sixteen at a
// time, each test done on eight bytes at once with the "has less" and "has more" tricks (Bit
// Twiddling Hacks); a test checks them against the bytes one by one.
func skipPrintable(s string, i int) int {
	for ; i+16 <= len(s); i += 16 {
		w := s[i : i+16]
		if notPrintable(load8(w[:8]))|notPrintable(load8(w[8:])) != 0 {
			break
		}
	}
	for i < len(s) && printableByte(s[i]) {
		i++
	}
	return i
}

// load8 is the first eight bytes of w, little-endian (one load).
func load8(w string) uint64 {
	_ = w[7]
	return uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
		uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
}

// notPrintable has the top bit of some byte set if one of x's bytes is below 0x20 or above 0x7e
// (which byte it marks is of no use: borrows and carries may mark its neighbours).
func notPrintable(x uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	below := (x - 0x20*ones) &^ x // a byte below 0x20
	above := x + ones | x         // a byte above 0x7e
	return (below | above) & highs
}

// printableByte: printable ASCII.
func printableByte(c byte) bool { return c >= 0x20 && c < 0x7f }

// nfcStable reports whether r is NFC next to any other character: it neither decomposes nor
// combines with what stands before it (canonical combining class 0, NFC_Quick_Check Yes). It
// covers Latin-1 and the Latin Extended blocks (Vietnamese's precomposed letters), general
// punctuation and currency signs; a test checks each against norm.
func nfcStable(r rune) bool {
	return r < 0x300 || r >= 0x1e00 && r <= 0x1eff || r >= 0x2002 && r <= 0x20cf
}

// splitLines is strings.Split(s, "\n") for an s with n newlines.
func splitLines(s string, n int) []string {
	lines := make([]string, 0, n+1)
	for {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			return append(lines, s)
		}
		lines = append(lines, s[:i])
		s = s[i+1:]
	}
}

// hasEntity reports whether s may hold an HTML entity: "&#…" or "&name;". ("R&D" is not one.)
func hasEntity(s string) bool {
	for i := strings.IndexByte(s, '&'); i >= 0 && i+1 < len(s); i = indexFrom(s, "&", i+1) {
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
	}
	return false
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
// doubled space, or a Unicode space. Each is a search the strings package does many bytes at a
// time.
func needsCollapse(line string) bool {
	if line == "" {
		return false
	}
	return line[0] == ' ' || line[len(line)-1] == ' ' || strings.IndexByte(line, '\t') >= 0 ||
		strings.Contains(line, "  ") || hasUnicodeSpace(line)
}

// hasUnicodeSpace reports whether s holds a multi-byte white space character: one of the lead
// bytes mayBeSpace knows, starting one.
func hasUnicodeSpace(s string) bool {
	for _, lead := range [...]byte{0xc2, 0xe1, 0xe2, 0xe3, 0xef} {
		sub := string([]byte{lead}) // the byte itself: string(lead) would encode U+00xx
		for i := strings.IndexByte(s, lead); i >= 0; i = indexFrom(s, sub, i+1) {
			if mayBeSpace(s, i) {
				return true
			}
		}
	}
	return false
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
	// Text that is one clean line (a file name, most titles) is its own flattened form: one
	// scan tells, and spares the copies.
	if sc := scanText(s); !sc.repair && !sc.collapse && sc.newlines == 0 {
		return s
	}
	return collapseLine(strings.ReplaceAll(Sanitize([]byte(s)), "\n", " "))
}
