// Package termsafe keeps untrusted text from acting on a terminal. Captures, file names, state
// files and pasted text may hold escape sequences (7-bit ESC forms and their 8-bit C1 twins such
// as U+009B CSI), control characters and bidi controls that reorder what is shown. One scanner
// splits text into printable runs and the pieces a terminal would act on; the functions differ
// only in what they do with those pieces:
//
//   - Strip removes them (text that is stored and rendered: data's sanitiser).
//   - Line removes them and folds line breaks and tabs to spaces (one status or input line).
//   - Spell spells them out as \xNN and \uNNNN (messages on stderr that name files and paths).
//   - Filter removes them but for SGR colour codes and OSC 8 links to http, https or mailto
//     (what Glamour renders).
//
// The package must never let through a control character other than newline and tab (Spell not
// even those), a bidi control (the Unicode Bidi_Control set: U+061C, U+200E–U+200F,
// U+202A–U+202E, U+2066–U+2069) or invalid UTF-8. It imports nothing beyond the standard library.
package termsafe

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// piece is what the scanner found at one position.
type piece uint8

const (
	text     piece = iota // printable characters
	newline               // '\n'
	tab                   // '\t'
	control               // one C0 or C1 control, DEL or bidi control
	sequence              // an escape sequence, whole or cut short by a control
	invalid               // one byte that is not UTF-8
)

// next returns the piece that starts at s[i] and the index just past it. A text piece is a run
// as long as possible; every other piece is one character or one sequence.
func next(s string, i int) (piece, int) {
	c := s[i]
	switch {
	case c == '\n':
		return newline, i + 1
	case c == '\t':
		return tab, i + 1
	case c == 0x1b:
		return sequence, i + escapeLen(s[i:])
	case c < 0x20 || c == 0x7f:
		return control, i + 1
	case c < utf8.RuneSelf:
		// fall through to the run below
	default:
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			return invalid, i + 1
		case r == 0x9b: // C1 CSI
			return sequence, i + n + csiLen(s[i+n:])
		case r == 0x90 || r == 0x98 || r == 0x9d || r == 0x9e || r == 0x9f: // C1 DCS, SOS, OSC, PM, APC
			return sequence, i + n + stringLen(s[i+n:])
		case unsafeRune(r):
			return control, i + n
		}
	}
	j := i
	for j < len(s) {
		c := s[j]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				break
			}
			j++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[j:])
		if r == utf8.RuneError && n == 1 || unsafeRune(r) {
			break
		}
		j += n
	}
	return text, j
}

// unsafeRune reports whether a terminal would act on r rather than show it: a C0 or C1
// control, DEL, or a bidi control (unicode.Bidi_Control, spelled out for speed; a test checks
// the two agree).
func unsafeRune(r rune) bool {
	switch {
	case r < 0xa0:
		return r < 0x20 || r >= 0x7f
	case r < 0x061c || r > 0x2069:
		return false
	}
	return r == 0x061c || r == 0x200e || r == 0x200f || (r >= 0x202a && r <= 0x202e) || r >= 0x2066
}

// escapeLen is the length of the escape sequence that starts with ESC at s[0]: a CSI (ESC [), a
// string sequence (ESC ] P X ^ _), or ESC, intermediates and a final byte. A sequence broken by a
// byte that cannot belong to it ends before that byte; a lone ESC is one byte.
func escapeLen(s string) int {
	if len(s) < 2 {
		return len(s)
	}
	switch s[1] {
	case '[':
		return 2 + csiLen(s[2:])
	case ']', 'P', 'X', '^', '_':
		return 2 + stringLen(s[2:])
	}
	return final(s, skip(s, 1, 0x20, 0x2f), 0x30)
}

// csiLen is the length of a CSI's parameter bytes (0x30–0x3f), intermediate bytes (0x20–0x2f)
// and final byte (0x40–0x7e), as ECMA-48 orders them.
func csiLen(s string) int {
	return final(s, skip(s, skip(s, 0, 0x30, 0x3f), 0x20, 0x2f), 0x40)
}

// skip is the index past the bytes of s from j on that lie in [lo, hi].
func skip(s string, j int, lo, hi byte) int {
	for j < len(s) && s[j] >= lo && s[j] <= hi {
		j++
	}
	return j
}

// final is the index past s[j] if it is a final byte (lo to 0x7e), else j.
func final(s string, j int, lo byte) int {
	if j < len(s) && s[j] >= lo && s[j] <= 0x7e {
		return j + 1
	}
	return j
}

// stringLen is the length of a string sequence's body up to and including its terminator: BEL,
// ST (ESC \) or C1 ST (U+009C). Any other control, ESC included, cuts the sequence short before
// it, so an unterminated one never swallows the text after the next line break.
func stringLen(s string) int {
	for j := 0; j < len(s); j++ {
		c := s[j]
		switch {
		case c == 0x07:
			return j + 1
		case c == 0x1b:
			if j+1 < len(s) && s[j+1] == '\\' {
				return j + 2
			}
			return j
		case c < 0x20 || c == 0x7f:
			return j
		case c == 0xc2 && j+1 < len(s) && s[j+1] >= 0x80 && s[j+1] <= 0x9f:
			if s[j+1] == 0x9c {
				return j + 2
			}
			return j
		}
	}
	return len(s)
}

// clean reports whether s is valid UTF-8 with no control but newline and tab and no bidi
// control. It looks at bytes only: most text is clean, and this is the parser's hot path.
func clean(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !suspect[c] {
			continue // the common case: one table look-up a byte
		}
		switch {
		case c < 0x20:
			if c != '\n' && c != '\t' {
				return false
			}
		case c == 0x7f:
			return false
		case c == 0xc2: // U+0080–U+009F are C1 controls
			if i+1 < len(s) && s[i+1] < 0xa0 {
				return false
			}
		case c == 0xd8: // U+061C
			if i+1 < len(s) && s[i+1] == 0x9c {
				return false
			}
		case c == 0xe2: // U+200E, U+200F, U+202A–U+202E, U+2066–U+2069
			if i+2 < len(s) && (s[i+1] == 0x80 && (s[i+2] == 0x8e || s[i+2] == 0x8f || s[i+2] >= 0xaa && s[i+2] <= 0xae) ||
				s[i+1] == 0x81 && s[i+2] >= 0xa6 && s[i+2] <= 0xa9) {
				return false
			}
		}
	}
	return utf8.ValidString(s)
}

// suspect marks the bytes clean must look at: controls, DEL, and the lead bytes of C1 controls
// (0xc2), U+061C (0xd8) and the other bidi controls (0xe2).
var suspect = func() (t [256]bool) {
	for c := 0; c < 0x20; c++ {
		t[c] = c != '\n' && c != '\t'
	}
	t[0x7f], t[0xc2], t[0xd8], t[0xe2] = true, true, true, true
	return t
}()

// Strip removes escape sequences, control characters but newline and tab, and bidi controls;
// each byte that is not UTF-8 becomes U+FFFD. Text with none of them comes back as it is.
func Strip(s string) string {
	if clean(s) {
		return s
	}
	return keep(s, func(string) bool { return false })
}

// keep is s with its printable text, newlines and tabs, the sequences that allow accepts, and
// U+FFFD for each byte that is not UTF-8.
func keep(s string, allow func(seq string) bool) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		p, j := next(s, i)
		switch {
		case p == text || p == newline || p == tab || p == sequence && allow(s[i:j]):
			b.WriteString(s[i:j])
		case p == invalid:
			b.WriteRune(utf8.RuneError)
		}
		i = j
	}
	return b.String()
}

// Line is Strip for text shown on one line: newlines, tabs and other white space become spaces.
func Line(s string) string {
	s = Strip(s)
	if !strings.ContainsFunc(s, lineBreaking) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if lineBreaking(r) {
			return ' '
		}
		return r
	}, s)
}

// lineBreaking reports whether r is white space other than a plain space: it could break or
// stretch a one-line display (U+2028 LINE SEPARATOR, a tab, NEL…).
func lineBreaking(r rune) bool { return r != ' ' && unicode.IsSpace(r) }

// Spell spells out every character that a terminal would act on, newline and tab included, so
// an untrusted name stays on its one line and shows what it holds: \n, \t, \xNN for C0 and C1
// controls, DEL and bytes that are not UTF-8, \uNNNN for bidi controls.
func Spell(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r == utf8.RuneError || unsafeRune(r) }) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x100 && unsafeRune(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case unsafeRune(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// Filter is Strip for rendered output: it also lets through SGR sequences (ESC [ … m with
// numeric parameters) and OSC 8 hyperlinks whose URL is http, https or mailto (or empty, which
// closes a link). So rendered text keeps its colours and links but can neither move the
// cursor, retitle the window, write the clipboard nor smuggle an 8-bit CSI past a terminal.
func Filter(s string) string { return keep(s, allowedSequence) }

// allowedSequence reports whether the whole sequence seq may reach the terminal: SGR, or an
// OSC 8 link with a safe URI ended by BEL or ST. C1 forms never may.
func allowedSequence(seq string) bool {
	if body, ok := strings.CutPrefix(seq, "\x1b["); ok {
		return strings.HasSuffix(body, "m") && sgrParams(body[:len(body)-1])
	}
	body, ok := strings.CutPrefix(seq, "\x1b]8;")
	if !ok {
		return false
	}
	switch {
	case strings.HasSuffix(body, "\a"):
		body = body[:len(body)-1]
	case strings.HasSuffix(body, "\x1b\\"):
		body = body[:len(body)-2]
	default:
		return false // cut short
	}
	params, uri, ok := strings.Cut(body, ";")
	return ok && safeLinkParams(params) && safeURI(uri)
}

// sgrParams reports whether p is a plain SGR parameter list: digits, ';' and ':'.
func sgrParams(p string) bool {
	for i := 0; i < len(p); i++ {
		if c := p[i]; (c < '0' || c > '9') && c != ';' && c != ':' {
			return false
		}
	}
	return true
}

// safeLinkParams allows OSC 8's key=value parameters (id=…) of plain ASCII.
func safeLinkParams(p string) bool {
	for i := 0; i < len(p); i++ {
		c := p[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' ||
			c == '=' || c == ':' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}

// safeURI allows an empty URI (closing a link) or an http, https or mailto URI of printable
// ASCII without spaces.
func safeURI(u string) bool {
	if u == "" {
		return true
	}
	for i := 0; i < len(u); i++ {
		if u[i] <= 0x20 || u[i] >= 0x7f {
			return false
		}
	}
	l := strings.ToLower(u)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") ||
		strings.HasPrefix(l, "mailto:")
}

// Unsafe reports whether r is a character that Strip removes: a control other than newline and
// tab, or a bidi control.
func Unsafe(r rune) bool { return r != '\n' && r != '\t' && unsafeRune(r) }
