package ui

import (
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"charm.land/glamour/v2"
	"charm.land/glamour/v2/styles"

	"unvn/data"
)

// RenderMarkdown renders markdown that our own code generated with Glamour's dark or light style,
// wrapped at width, and filters the result so that nothing but SGR colour codes and OSC 8 links
// to http, https or mailto URLs can reach the terminal.
//
// It is safe for concurrent use; renderers are built once per (style, width) and reused.
func RenderMarkdown(md string, width int, dark bool) (string, error) {
	r, err := glamourRenderer(width, dark)
	if err != nil {
		return "", err
	}
	r.mu.Lock()
	out, err := r.tr.Render(md)
	r.mu.Unlock()
	if err != nil {
		return "", err
	}
	return FilterTerminalOutput(out), nil
}

// minRenderWidth keeps Glamour's margins and list indents from fighting over a too-narrow column.
const minRenderWidth = 10

type rendererKey struct {
	width int
	dark  bool
}

// cachedRenderer guards a TermRenderer, which keeps per-render state and is not safe to share.
type cachedRenderer struct {
	mu sync.Mutex
	tr *glamour.TermRenderer
}

var (
	renderersMu sync.Mutex
	renderers   = map[rendererKey]*cachedRenderer{}
)

func glamourRenderer(width int, dark bool) (*cachedRenderer, error) {
	width = max(width, minRenderWidth)
	k := rendererKey{width, dark}
	renderersMu.Lock()
	defer renderersMu.Unlock()
	if r, ok := renderers[k]; ok {
		return r, nil
	}
	style := styles.LightStyleConfig
	if dark {
		style = styles.DarkStyleConfig
	}
	tr, err := glamour.NewTermRenderer(glamour.WithStyles(style), glamour.WithWordWrap(width))
	if err != nil {
		return nil, fmt.Errorf("glamour: %w", err)
	}
	r := &cachedRenderer{tr: tr}
	renderers[k] = r
	return r, nil
}

// FilterTerminalOutput lets through printable text, newlines, tabs, SGR sequences (ESC [ … m with
// numeric parameters) and OSC 8 hyperlinks whose URL is http, https or mailto (or empty, which
// closes a link). Every other escape sequence, C0 and C1 control, DEL and invalid UTF-8 is dropped,
// so rendered text can neither move the cursor, retitle the window, write the clipboard, nor
// smuggle an 8-bit CSI past a terminal.
func FilterTerminalOutput(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == 0x1b:
			i = filterEscape(&b, s, i)
		case c == '\n' || c == '\t':
			b.WriteByte(c)
			i++
		case c < 0x20 || c == 0x7f:
			i++
		case c < utf8.RuneSelf:
			b.WriteByte(c)
			i++
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			if r != utf8.RuneError && (r < 0x80 || r > 0x9f) {
				b.WriteString(s[i : i+n])
			}
			i += n
		}
	}
	return b.String()
}

// filterEscape handles the escape sequence that starts at s[i] (an ESC), writes it to b if it is
// allowed, and returns the index just past it. A malformed sequence is dropped up to the byte
// that broke it, which is then processed as ordinary input.
func filterEscape(b *strings.Builder, s string, i int) int {
	if i+1 >= len(s) {
		return len(s) // a lone ESC at the end
	}
	switch s[i+1] {
	case '[':
		j := i + 2
		params := j
		for j < len(s) && s[j] >= 0x30 && s[j] <= 0x3f {
			j++
		}
		paramsEnd := j
		for j < len(s) && s[j] >= 0x20 && s[j] <= 0x2f {
			j++
		}
		if j >= len(s) || s[j] < 0x40 || s[j] > 0x7e {
			return j // unterminated or broken CSI: drop it
		}
		if s[j] == 'm' && j == paramsEnd && sgrParams(s[params:paramsEnd]) {
			b.WriteString(s[i : j+1])
		}
		return j + 1
	case ']', 'P', 'X', '^', '_':
		// String sequences: OSC, DCS, SOS, PM, APC. They end at BEL or ST (ESC \).
		j := i + 2
		for j < len(s) {
			c := s[j]
			if c == 0x07 {
				if s[i+1] == ']' {
					writeOSC(b, s[i+2:j], "\a")
				}
				return j + 1
			}
			if c == 0x1b {
				if j+1 < len(s) && s[j+1] == '\\' {
					if s[i+1] == ']' {
						writeOSC(b, s[i+2:j], "\x1b\\")
					}
					return j + 2
				}
				return j // broken: resume at this ESC
			}
			if c < 0x20 || c == 0x7f {
				return j // a control inside a string sequence: drop what came before
			}
			j++
		}
		return len(s)
	}
	// Other escapes: ESC, intermediates, one final byte (ESC 7, ESC c, ESC ( B …).
	j := i + 1
	for j < len(s) && s[j] >= 0x20 && s[j] <= 0x2f {
		j++
	}
	if j < len(s) && s[j] >= 0x30 && s[j] <= 0x7e {
		j++
	}
	return j
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

// writeOSC writes an OSC 8 hyperlink with body "8;params;uri" when its URI is allowed.
func writeOSC(b *strings.Builder, body, term string) {
	rest, ok := strings.CutPrefix(body, "8;")
	if !ok {
		return
	}
	params, uri, ok := strings.Cut(rest, ";")
	if !ok || !safeLinkParams(params) || !safeURI(uri) {
		return
	}
	b.WriteString("\x1b]8;")
	b.WriteString(params)
	b.WriteByte(';')
	b.WriteString(uri)
	b.WriteString(term)
}

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

// markdownEscaper makes article text literal for Glamour: ASCII punctuation that markdown reads as
// syntax gets a backslash; characters whose backslash escape Glamour prints verbatim, and those
// that start entities, strikethrough or autolinks, become numeric entities of themselves. So text
// yields no links, emphasis or raw HTML, and "&#27;" stays text instead of decoding into a live ESC.
var markdownEscaper = func() *strings.Replacer {
	var pairs []string
	for _, c := range "\\`*_{}[]()<>#+-.!|" {
		pairs = append(pairs, string(c), "\\"+string(c))
	}
	for _, c := range "&~:@" {
		pairs = append(pairs, string(c), fmt.Sprintf("&#%d;", c))
	}
	return strings.NewReplacer(pairs...)
}()

// RenderArticle renders a whole article for a terminal (unvn show): the document data.Markdown
// describes, with the text escaped the way Glamour needs (it prints some backslash escapes as
// they are).
func RenderArticle(a *data.Article, width int, dark bool) (string, error) {
	return RenderMarkdown(data.MarkdownWith(a, escapeMarkdown), width, dark)
}

// escapeMarkdown makes untrusted text literal in a markdown paragraph, heading or list item.
// Newlines become spaces so a line can never start a block of its own.
func escapeMarkdown(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == '\t' {
			return ' '
		}
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) {
			return -1
		}
		return r
	}, s)
	return markdownEscaper.Replace(s)
}
