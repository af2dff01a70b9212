package ui

import (
	"net/url"
	"strings"
	"sync"
	"unicode/utf8"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"unvn/data"
)

// Addresses in the body. Glamour wraps an address like any other word: at its hyphens, and
// anywhere when it is wider than the line, each piece a link of its own. So before a block goes
// to Glamour each address in its markdown is swapped for a placeholder word exactly as wide as
// what will be shown, made of private-use characters, which no wrapping breaks; after the block
// is wrapped each placeholder becomes that label inside an OSC 8 link to the whole address. The
// label is the address itself when it fits the text column, else a shortened form that does
// (host/…/the end of the path), so an address is never broken across lines and a click opens
// all of it.

// bodyLink is an address found in a block: its link target ("" when it cannot be a safe link)
// and the label shown in its place.
type bodyLink struct {
	target, label string
}

// The placeholder: one start rune, then fill runes, as many cells in all as the label.
const (
	linkStart = '\ue000'
	linkFill  = '\ue001'
)

// protectLinks swaps the addresses in md for placeholders of labels at most room cells wide.
func protectLinks(md string, room int) (string, []bodyLink) {
	ms := data.Addresses(md)
	if ms == nil {
		return md, nil
	}
	if strings.ContainsAny(md, string(linkStart)+string(linkFill)) {
		// Text with the placeholder's runes could take a link's place: they become U+FFFD.
		md = strings.NewReplacer(string(linkStart), "�", string(linkFill), "�").Replace(md)
		ms = data.Addresses(md)
	}
	links := make([]bodyLink, 0, len(ms))
	var b strings.Builder
	at := 0
	for _, m := range ms {
		addr := md[m[0]:m[1]]
		l := bodyLink{target: linkTarget(addr), label: shortAddress(addr, room)}
		links = append(links, l)
		b.WriteString(md[at:m[0]])
		b.WriteRune(linkStart)
		for range ansi.StringWidth(l.label) - 1 {
			b.WriteRune(linkFill)
		}
		at = m[1]
	}
	b.WriteString(md[at:])
	return b.String(), links
}

// restoreLinks puts the links back in place of their placeholders in the rendered lines, in
// order, each label in style and, after it, the style of the text around it again.
func restoreLinks(lines []string, links []bodyLink, style ansi.Style) []string {
	for i, l := range lines {
		if len(links) == 0 {
			break
		}
		if !strings.ContainsRune(l, linkStart) {
			continue
		}
		var b strings.Builder
		at := 0
		for len(links) > 0 {
			start := strings.IndexRune(l[at:], linkStart)
			if start < 0 {
				break
			}
			start += at
			end := start + utf8.RuneLen(linkStart)
			for strings.HasPrefix(l[end:], string(linkFill)) {
				end += utf8.RuneLen(linkFill)
			}
			b.WriteString(l[at:start])
			lk := links[0]
			links = links[1:]
			shown := style.Styled(lk.label)
			if lk.target != "" {
				shown = ansi.SetHyperlink(lk.target) + shown + ansi.ResetHyperlink()
			}
			b.WriteString(shown)
			b.WriteString(activeSGR(l[:start]))
			at = end
		}
		b.WriteString(l[at:])
		lines[i] = b.String()
	}
	return lines
}

// activeSGR is the last SGR sequence in s unless it is a reset: the style in force at its end,
// in Glamour's output, which starts every run with its whole style.
func activeSGR(s string) string {
	i := strings.LastIndex(s, "\x1b[")
	if i < 0 {
		return ""
	}
	j := strings.IndexByte(s[i:], 'm')
	if j < 0 {
		return ""
	}
	seq := s[i : i+j+1]
	if seq == "\x1b[m" || seq == "\x1b[0m" {
		return ""
	}
	return seq
}

// linkTarget is what a click on addr opens: an http or https address (a bare www. one as
// https) made safe by data.SafeURL, or a mailto address of printable ASCII; "" for anything
// else.
func linkTarget(addr string) string {
	lower := strings.ToLower(addr)
	switch {
	case strings.HasPrefix(lower, "mailto:"):
		for i := 0; i < len(addr); i++ {
			if c := addr[i]; c <= ' ' || c >= 0x7f || strings.IndexByte("\"'<>\\`{}|^", c) >= 0 {
				return ""
			}
		}
		return addr
	case strings.HasPrefix(lower, "www."):
		return data.SafeURL("https://" + addr)
	}
	return data.SafeURL(addr)
}

// shortAddress is addr when it fits in room cells; else its host, "/…" and the longest end of
// the rest that fits, from a "/" when one does ("www.unodc.org/…/Synthetic_Drugs_2024.pdf"), else
// cut anywhere ("www.unodc.org/…Asia_2024.pdf"); else the address cut with "…".
func shortAddress(addr string, room int) string {
	room = max(room, 1)
	if ansi.StringWidth(addr) <= room {
		return addr
	}
	u, err := url.Parse(addr)
	at := -1
	if err == nil && u.Host != "" {
		at = strings.Index(addr, u.Host)
	}
	if at < 0 {
		return ansi.Truncate(addr, room, "…")
	}
	host, rest := u.Host, addr[at+len(u.Host):]
	head := host + "/…"
	left := room - ansi.StringWidth(head)
	if left < 8 || len(rest) < 2 {
		return ansi.Truncate(addr[at:], room, "…")
	}
	for k := 1; k < len(rest); k++ {
		if rest[k] == '/' && k < len(rest)-1 && ansi.StringWidth(rest[k:]) <= left {
			return head + rest[k:]
		}
	}
	tail := rest
	for ansi.StringWidth(tail) > left {
		_, n := utf8.DecodeRuneInString(tail)
		tail = tail[n:]
	}
	return head + tail
}

// linkRoom is the width of the text column of block b rendered at width: Glamour's margins
// aside, and a quote's bar.
func linkRoom(b data.Block, width int) int {
	room := width - 2*docMargin
	if b.Type == data.BlockQuote {
		room -= 2
	}
	return room
}

// linkStyles is the style of a link in the body, Glamour's for links, by background (dark): an
// SGR sequence around the whole label (a lipgloss style underlines rune by rune).
var linkStyles = sync.OnceValue(func() map[bool]ansi.Style {
	return map[bool]ansi.Style{false: linkStyle(false), true: linkStyle(true)}
})

func linkStyle(dark bool) ansi.Style {
	st := ansi.NewStyle()
	l := articleStyle(dark).Link
	if l.Underline != nil && *l.Underline {
		st = st.Underline(true)
	}
	if l.Color != nil {
		st = st.ForegroundColor(lipgloss.Color(*l.Color))
	}
	return st
}
