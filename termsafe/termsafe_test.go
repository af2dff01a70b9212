package termsafe

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// The spelled-out bidi set must be exactly Unicode's Bidi_Control, and the C0/C1 part exactly
// the controls.
func TestUnsafeRuneIsUnicodesSet(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		want := unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r)
		if got := unsafeRune(r); got != want {
			t.Fatalf("unsafeRune(%U) = %v, want %v", r, got, want)
		}
	}
}

// clean is the byte-level fast path of Strip: it must agree with the rune-level definition.
func TestCleanAgreesWithRunes(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if r >= 0xd800 && r <= 0xdfff {
			continue
		}
		s := "a" + string(r) + "b"
		want := r == '\n' || r == '\t' || !unsafeRune(r)
		if got := clean(s); got != want {
			t.Fatalf("clean(%q) = %v, want %v", s, got, want)
		}
	}
	if clean("a\xffb") || clean("\xe2\x80") {
		t.Fatal("clean accepted invalid UTF-8")
	}
}

func TestStrip(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "hello\tworld\n", "hello\tworld\n"},
		{"vietnamese", "Đặng Quốc Phong 🇻🇳", "Đặng Quốc Phong 🇻🇳"},
		{"sgr", "red \x1b[31mALERT\x1b[0m done", "red ALERT done"},
		{"title osc", "title \x1b]0;pwned\x07 here", "title  here"},
		{"osc 8 link", "link \x1b]8;;http://x\x1b\\y\x1b]8;;\x1b\\", "link y"},
		{"c1 csi and its parameters", "c1 \u009b31m csi", "c1  csi"},
		{"c1 osc to c1 st", "a\u009d0;title\u009cb", "ab"},
		{"c1 dcs cut by newline", "a\u0090junk\nb", "a\nb"},
		{"bell and nul", "bell\a and nul\x00 gone", "bell and nul gone"},
		{"del", "a\x7fb", "ab"},
		{"cr", "a\rb", "ab"},
		{"invalid utf8", "bad \xff byte", "bad \uFFFD byte"},
		{"unterminated osc stops at the line end", "a\x1b]0;x\nb", "a\nb"},
		{"unterminated csi", "a\x1b[12", "a"},
		{"lone esc", "abc\x1b", "abc"},
		{"two-byte escapes", "a\x1bcb\x1b7c\x1b(Bd", "abcd"},
		{"esc before a control", "a\x1b\x01[31mb", "a[31mb"},
		{"private csi", "a\x1b[?1049hb", "ab"},
		{"rlo", "bidi \u202eevil\u202c text", "bidi evil text"},
		{"arabic letter mark", "a\u061cb", "ab"},
		{"isolates", "a\u2066b\u2067c\u2068d\u2069e", "abcde"},
		{"lrm rlm", "a\u200eb\u200fc", "abc"},
		{"lre rle pdf lro", "a\u202ab\u202bc\u202cd\u202de", "abcde"},
		{"zero width joiner is text", "👩\u200d💻", "👩\u200d💻"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Strip(tt.in); got != tt.want {
				t.Errorf("Strip(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"nl_name\ninjected line.txt: empty file", "nl_name injected line.txt: empty file"},
		{"a\tb\u2028c\u0085d", "a b cd"},
		{"evil\u202etxt.exe", "eviltxt.exe"},
		{"\x1b[2Jclear", "clear"},
		{"Hà Nội", "Hà Nội"},
	}
	for _, tt := range tests {
		if got := Line(tt.in); got != tt.want {
			t.Errorf("Line(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSpell(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain.txt", "plain.txt"},
		{"Hà Nội.txt", "Hà Nội.txt"},
		{"nl_name\ninjected line.txt", `nl_name\ninjected line.txt`},
		{"tab\there", `tab\there`},
		{"esc\x1b[2J.txt", `esc\x1b[2J.txt`},
		{"c1\u009b31m.txt", `c1\x9b31m.txt`},
		{"osc\u009d0;x", `osc\x9d0;x`},
		{"del\x7f", `del\x7f`},
		{"rlo\u202etxt.exe", `rlo\u202etxt.exe`},
		{"alm\u061c", `alm\u061c`},
		{"bad\xffbyte", `bad\xffbyte`},
		{"replacement \uFFFD stays", "replacement \uFFFD stays"},
	}
	for _, tt := range tests {
		if got := Spell(tt.in); got != tt.want {
			t.Errorf("Spell(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFilter(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "hello\tworld\n", "hello\tworld\n"},
		{"vietnamese", "Đặng Quốc Phong 🇻🇳", "Đặng Quốc Phong 🇻🇳"},
		{"sgr kept", "\x1b[1;38;5;203mbold\x1b[0m", "\x1b[1;38;5;203mbold\x1b[0m"},
		{"sgr colon kept", "\x1b[38:2::1:2:3mx\x1b[m", "\x1b[38:2::1:2:3mx\x1b[m"},
		{"cursor move dropped", "a\x1b[2Jb\x1b[10;10Hc", "abc"},
		{"private csi dropped", "a\x1b[?1049hb", "ab"},
		{"csi with intermediate dropped", "a\x1b[1 qb", "ab"},
		{"sgr with private marker dropped", "a\x1b[>4;2mb", "ab"},
		{"title osc dropped", "a\x1b]0;pwned\x07b", "ab"},
		{"clipboard osc dropped", "a\x1b]52;c;aGVsbG8=\x1b\\b", "ab"},
		{"osc 8 https kept", "\x1b]8;id=1;https://un.org\x07x\x1b]8;;\x07",
			"\x1b]8;id=1;https://un.org\x07x\x1b]8;;\x07"},
		{"osc 8 st kept", "\x1b]8;;mailto:a@b.org\x1b\\x\x1b]8;;\x1b\\",
			"\x1b]8;;mailto:a@b.org\x1b\\x\x1b]8;;\x1b\\"},
		{"osc 8 file dropped", "\x1b]8;;file:///etc/passwd\x07x\x1b]8;;\x07", "x\x1b]8;;\x07"},
		{"osc 8 javascript dropped", "\x1b]8;;javascript:alert(1)\x07x", "x"},
		{"osc 8 space in url dropped", "\x1b]8;;https://a b\x07x", "x"},
		{"osc 8 c1 st dropped", "\x1b]8;;https://a\u009cx", "x"},
		{"dcs dropped", "a\x1bPq#0;2;0;0;0\x1b\\b", "ab"},
		{"apc dropped", "a\x1b_Gf=100;AAAA\x1b\\b", "ab"},
		{"pm and sos dropped", "a\x1b^x\x1b\\b\x1bXy\x1b\\c", "abc"},
		{"c1 csi dropped with its parameters", "a\u009b2Jb", "ab"},
		{"c1 sgr dropped", "a\u009b31mb", "ab"},
		{"c1 osc dropped", "a\u009d0;t\u009cb", "ab"},
		{"raw 8-bit csi byte", "a\x9b2Jb", "a\uFFFD2Jb"},
		{"lone esc at end", "abc\x1b", "abc"},
		{"esc esc", "a\x1b\x1b[31mb", "a\x1b[31mb"},
		{"two-byte escapes dropped", "a\x1bcb\x1b7c\x1b(Bd", "abcd"},
		{"bel and bs and cr dropped", "a\x07b\x08c\rd", "abcd"},
		{"del dropped", "a\x7fb", "ab"},
		{"unterminated csi", "a\x1b[12", "a"},
		{"csi broken by newline", "a\x1b[1\nb", "a\nb"},
		{"unterminated osc", "a\x1b]8;;https://x", "a"},
		{"osc broken by control", "a\x1b]0;x\nb", "a\nb"},
		{"bidi dropped", "a\u202eb\u2066c\u061cd", "abcd"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Filter(tt.in); got != tt.want {
				t.Errorf("Filter(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// checkSafe fails when out holds what keep does not allow: any control or bidi control but the
// runes keep names, or invalid UTF-8.
func checkSafe(t *testing.T, fn, in, out string, keep string) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Fatalf("%s(%q) = %q: invalid UTF-8", fn, in, out)
	}
	for _, r := range out {
		if unsafeRune(r) && !strings.ContainsRune(keep, r) {
			t.Fatalf("%s(%q) = %q: let %U through", fn, in, out, r)
		}
	}
}

// allowedOnly reports the first escape sequence in a Filter result that is not SGR or a safe
// OSC 8 link, checked by a second reading independent of the scanner.
func allowedOnly(s string) (string, bool) {
	for i := strings.IndexByte(s, 0x1b); i >= 0; i = strings.IndexByte(s, 0x1b) {
		rest := s[i:]
		switch {
		case strings.HasPrefix(rest, "\x1b["):
			j := 2
			for j < len(rest) && (rest[j] >= '0' && rest[j] <= '9' || rest[j] == ';' || rest[j] == ':') {
				j++
			}
			if j >= len(rest) || rest[j] != 'm' {
				return rest, false
			}
			s = rest[j+1:]
		case strings.HasPrefix(rest, "\x1b]8;"):
			end, n := strings.IndexByte(rest, '\a'), 1
			if st := strings.Index(rest, "\x1b\\"); st >= 0 && (end < 0 || st < end) {
				end, n = st, 2
			}
			if end < 0 {
				return rest, false
			}
			params, uri, ok := strings.Cut(rest[4:end], ";")
			scheme := strings.ToLower(uri) // a scheme is case-insensitive (RFC 3986, 3.1): MAILTO: is mailto:
			if !ok || strings.ContainsAny(params, "\x1b\a ") || uri != "" && !strings.HasPrefix(scheme, "http://") &&
				!strings.HasPrefix(scheme, "https://") && !strings.HasPrefix(scheme, "mailto:") ||
				strings.ContainsFunc(uri, func(r rune) bool { return r <= ' ' || r >= 0x7f }) {
				return rest, false
			}
			s = rest[end+n:]
		default:
			return rest, false
		}
	}
	return "", true
}

// FuzzTermsafe: whatever the input, Strip and Line let no control through (Line not even a
// line break), Spell no control at all, Filter only SGR and safe links; all are idempotent and
// agree with each other.
func FuzzTermsafe(f *testing.F) {
	for _, s := range []string{
		"\x1b[31mx", "\x1b]8;;https://a\x07b", "\u009b1m", "\x1b]52;c;x\x07", "a\x1bP\x1b\\",
		"nl\ninjected", "a\u202eb\u061c\u2066", "\xff\xfe", "\x1b]8;id=1;https://un.org\x1b\\x\x1b]8;;\x1b\\",
		"\u009d0;x\u009c", "Đặng Quốc Phong", "\x1b\x1b[m", "\x1b[1\x1b]8;;mailto:a\x07",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		strip := Strip(s)
		checkSafe(t, "Strip", s, strip, "\n\t")
		if again := Strip(strip); again != strip {
			t.Fatalf("Strip not idempotent: %q -> %q -> %q", s, strip, again)
		}
		line := Line(s)
		checkSafe(t, "Line", s, line, "")
		if strings.ContainsFunc(line, lineBreaking) {
			t.Fatalf("Line(%q) = %q keeps a line break", s, line)
		}
		spell := Spell(s)
		checkSafe(t, "Spell", s, spell, "")
		if clean(s) && !strings.ContainsAny(s, "\n\t") && spell != s {
			t.Fatalf("Spell changed clean text %q to %q", s, spell)
		}
		filter := Filter(s)
		checkSafe(t, "Filter", s, filter, "\n\t\x1b\a")
		if bad, ok := allowedOnly(filter); !ok {
			t.Fatalf("Filter(%q) let through %q", s, bad)
		}
		if again := Filter(filter); again != filter {
			t.Fatalf("Filter not idempotent: %q -> %q -> %q", s, filter, again)
		}
		if Strip(filter) != strip {
			t.Fatalf("Strip(Filter(%q)) = %q, Strip = %q", s, Strip(filter), strip)
		}
	})
}
