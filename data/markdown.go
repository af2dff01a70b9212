package data

import (
	"strconv"
	"strings"
)

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
	parts := []string{KindName(a.Kind), a.Date.Human()}
	if a.Source != "" {
		parts = append(parts, a.Source)
	}
	return strings.Join(parts, " · ")
}

// TeaserNote is what a headline-only article says instead of a body.
const TeaserNote = "Only the headline of this article is in the library: the capture had no body for it."

// Markdown renders an article as the markdown document the reader hands to Glamour: the title, a
// meta line, the blocks, and a numbered Notes list. All article text is escaped, so a capture can
// never inject links, HTML or entities (goldmark would decode "&#27;" into a live ESC).
func Markdown(a *Article) string { return MarkdownWith(a, EscapeMarkdown) }

// MarkdownWith renders the article with another escaping of its text: a renderer whose markdown
// dialect differs (Glamour prints some backslash escapes verbatim) passes its own.
func MarkdownWith(a *Article, esc func(string) string) string {
	var b strings.Builder
	b.WriteString("# " + esc(a.Title) + "\n\n")
	b.WriteString("*" + esc(MetaLine(a)) + "*\n\n")
	if a.Teaser {
		b.WriteString("*" + esc(TeaserNote) + "*\n")
		return b.String()
	}
	writeBlocks(&b, a.Blocks, esc)
	writeNotes(&b, a.Footnotes, esc)
	return b.String()
}

// writeBlocks writes body blocks as markdown.
func writeBlocks(b *strings.Builder, blocks []Block, esc func(string) string) {
	for _, bl := range blocks {
		switch bl.Type {
		case BlockHeading:
			b.WriteString("## " + esc(bl.Text) + "\n\n")
		case BlockList:
			if bl.Text != "" {
				b.WriteString(esc(bl.Text) + "\n\n")
			}
			for _, it := range bl.Items {
				b.WriteString("- " + esc(it) + "\n")
			}
			b.WriteString("\n")
		case BlockQuote:
			b.WriteString("> " + esc(bl.Text) + "\n\n")
		case BlockCaption:
			b.WriteString("*" + esc(bl.Text) + "*\n\n")
		default:
			b.WriteString(esc(bl.Text) + "\n\n")
		}
	}
}

// writeNotes writes the footnotes as a "Notes" section: an ordered list when the numbers run
// from 1 without gaps (markdown renumbers lists), numbered paragraphs otherwise.
func writeNotes(b *strings.Builder, notes []Footnote, esc func(string) string) {
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
		if contiguous {
			b.WriteString(n + ". " + esc(f.Text) + "\n")
		} else {
			b.WriteString("**[" + n + "]** " + esc(f.Text) + "\n\n")
		}
	}
	if contiguous {
		b.WriteString("\n")
	}
}

var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "<", `\<`, ">", `\>`,
	"&", `\&`, "|", `\|`, "~", `\~`, "#", `\#`,
	// A bracket can only make a link when "]" is followed by "(", "[" or ":"; footnote markers
	// such as "[3]" stay readable.
	"](", `\](`, "][", `\][`, "]:", `\]:`,
)

// EscapeMarkdown makes text literal in CommonMark while keeping it readable as plain text:
// emphasis, code, HTML, entities and links cannot form, and a line start that would open a block
// (a list marker, "1.", a quote or heading) is escaped too.
func EscapeMarkdown(s string) string {
	s = mdEscaper.Replace(s)
	if s == "" {
		return s
	}
	switch s[0] {
	case '-', '+', '=':
		return `\` + s
	}
	if i := strings.IndexAny(s, ".)"); i > 0 && i <= 9 && isDigits(s[:i]) {
		return s[:i] + `\` + s[i:]
	}
	return s
}
