package data

import (
	"strconv"
	"strings"
)

// This file turns articles into markdown: the documents `unvn export --format markdown` writes
// and, block by block, what the reader and `unvn show` hand to Glamour. There is one escaper and
// one block function, so the three can never drift apart.

// KindName is a kind as people write it: "Press release".
func KindName(k Kind) string {
	switch k {
	case KindPressRelease:
		return "Press release"
	case "":
		return "Article"
	}
	s := string(k)
	return strings.ToUpper(s[:1]) + s[1:]
}

// MetaLine is the one-line summary under a title: kind · date · source.
func MetaLine(a *Article) string {
	parts := []string{KindName(a.Kind)}
	if d := a.Date.Human(); d != "" {
		parts = append(parts, d)
	}
	if a.Source != "" {
		parts = append(parts, a.Source)
	}
	return strings.Join(parts, " · ")
}

// TeaserNote is what a headline-only article says instead of a body.
const TeaserNote = "Only the headline of this article is in the library: the capture had no body for it."

// Markdown renders an article as a markdown document: the title, a meta line, the blocks, and a
// numbered Notes list. All article text is escaped, so a capture can never inject links, HTML or
// entities (goldmark would decode "&#27;" into a live ESC).
func Markdown(a *Article) string {
	var b strings.Builder
	b.WriteString("# " + EscapeMarkdown(a.Title) + "\n\n")
	b.WriteString("*" + EscapeMarkdown(MetaLine(a)) + "*\n\n")
	if u := SafeURL(a.URL); u != "" {
		b.WriteString("<" + u + ">\n\n") // an autolink; SafeURL leaves no "<", ">" or space to break out
	}
	if a.Teaser {
		b.WriteString("*" + EscapeMarkdown(TeaserNote) + "*\n")
		return b.String()
	}
	for _, bl := range a.Blocks {
		if md := BlockMarkdown(bl); md != "" {
			b.WriteString(md + "\n")
		}
	}
	writeNotes(&b, a.Footnotes)
	return b.String()
}

// BlockMarkdown is the markdown for one body block, ending in a newline ("" for an empty
// block). Every piece of article text is escaped, so only the structure comes from here.
func BlockMarkdown(b Block) string {
	text := strings.TrimSpace(b.Text)
	switch b.Type {
	case BlockHeading:
		if text == "" {
			return ""
		}
		return "## " + EscapeMarkdown(text) + "\n"
	case BlockQuote:
		if text == "" {
			return ""
		}
		return "> " + escapeBlockStart(EscapeMarkdown(text)) + "\n"
	case BlockCaption:
		if text == "" {
			return ""
		}
		return "*" + EscapeMarkdown(text) + "*\n"
	case BlockList:
		var sb strings.Builder
		if text != "" {
			sb.WriteString(escapeBlockStart(EscapeMarkdown(text)) + "\n\n")
		}
		for _, it := range b.Items {
			sb.WriteString("- " + escapeBlockStart(EscapeMarkdown(strings.TrimSpace(it))) + "\n")
		}
		return sb.String()
	}
	if text == "" {
		return ""
	}
	return escapeBlockStart(EscapeMarkdown(text)) + "\n"
}

// writeNotes writes the footnotes as a "Notes" section: an ordered list when the numbers run
// from 1 without gaps (markdown renumbers lists), numbered paragraphs otherwise.
func writeNotes(b *strings.Builder, notes []Footnote) {
	if len(notes) == 0 {
		return
	}
	b.WriteString("## Notes\n\n")
	contiguous := true
	for i, f := range notes {
		contiguous = contiguous && f.N == i+1
	}
	for _, f := range notes {
		n := strconv.Itoa(f.N)
		text := escapeBlockStart(EscapeMarkdown(f.Text))
		if contiguous {
			b.WriteString(n + ". " + text + "\n")
		} else {
			b.WriteString("**[" + n + "]** " + text + "\n\n")
		}
	}
	if contiguous {
		b.WriteString("\n")
	}
}

// inlineEscaper backslash-escapes what CommonMark (and Glamour, which prints the escapes of
// other characters as they are) reads as inline syntax. Brackets only make a link when "]" is
// followed by "(", "[" or ":", so footnote markers such as "[3]" stay as they are.
var inlineEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "<", `\<`, ">", `\>`, "|", `\|`,
	"](", `\](`, "][", `\][`, "]:", `\]:`,
)

// urlRe finds the web and mail addresses in text, which are written as they are: an escape
// inside one would become part of it ("Synthetic\_Drugs"), and markdown viewers, Glamour
// included, make them links. Characters that could open markup end an address.
var urlRe = lazyRegexp(`(?i)\b(?:https?://|mailto:|www\.)[^\s<>"'` + "`" + `*|\\\[\]]*[^\s<>"'` + "`" + `*|\\\[\].,;:!?()]`)

// Addresses returns the byte ranges of the web and mail addresses in s: the ones EscapeMarkdown
// leaves as they are, so in its output they are found whole and never hold an escape.
func Addresses(s string) [][]int { return urlRe().FindAllStringIndex(s, -1) }

// entityRe finds what a markdown reader would decode as a character reference.
var entityRe = lazyRegexp(`&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});`)

// EscapeMarkdown makes untrusted text literal inside a markdown paragraph, heading or list item
// while keeping it readable: emphasis, code, HTML, tables, strikethrough, entities and links
// cannot form, addresses stay whole, and "R&D" is written as it is. Newlines and tabs become
// spaces so a line can never start a block of its own. A line start that would open a block is
// the caller's (see escapeBlockStart): a heading may well start with "1.".
func EscapeMarkdown(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			return ' '
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f):
			return -1
		}
		return r
	}, s)
	var b strings.Builder
	at := 0
	for _, m := range Addresses(s) {
		b.WriteString(escapeInline(s[at:m[0]]))
		b.WriteString(s[m[0]:m[1]])
		at = m[1]
	}
	b.WriteString(escapeInline(s[at:]))
	return b.String()
}

func escapeInline(s string) string {
	s = inlineEscaper.Replace(s)
	// "&#27;" must stay text: "&amp;" keeps the reference from being decoded.
	s = entityRe().ReplaceAllString(s, "&amp;$1;")
	// One tilde cannot strike anything through; two can.
	if strings.Count(s, "~") > 1 {
		s = strings.ReplaceAll(s, "~", "&#126;")
	}
	return s
}

// escapeBlockStart escapes what, at the start of a paragraph, list item or quote, would open a
// block of its own: a list marker, "1." or "1)", a heading, a setext underline or a thematic
// break.
func escapeBlockStart(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '-', '+', '=', '#':
		return `\` + s
	}
	if i := strings.IndexAny(s, ".)"); i > 0 && i <= 9 && isDigits(s[:i]) {
		return s[:i] + `\` + s[i:]
	}
	return s
}
