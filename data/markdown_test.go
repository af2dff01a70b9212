package data

import (
	"strings"
	"testing"
)

func TestEscapeMarkdown(t *testing.T) {
	tests := []struct{ in, want string }{
		{"R&D & UNAIDS", "R&D & UNAIDS"},
		{"see &#27;[2J and &amp;", "see &amp;#27;[2J and &amp;amp;"},
		{"a_b *c* `d` <b>x</b> a|b", `a\_b \*c\* \` + "`" + `d\` + "`" + ` \<b\>x\</b\> a\|b`},
		{"[x](http://evil) [3] [y]: z", `[x\](http://evil) [3] [y\]: z`},
		{"about ~50% of ~100", "about &#126;50% of &#126;100"},
		{"about ~50%", "about ~50%"},
		{"https://www.unodc.org/documents/Synthetic_Drugs/report.pdf.", "https://www.unodc.org/documents/Synthetic_Drugs/report.pdf."},
		{"(www.un.org/a_b), mailto:a_b@un.org", "(www.un.org/a_b), mailto:a_b@un.org"},
		{"line\none\ttab\x1b", "line one tab"},
	}
	for _, tt := range tests {
		if got := EscapeMarkdown(tt.in); got != tt.want {
			t.Errorf("EscapeMarkdown(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestBlockMarkdown(t *testing.T) {
	tests := []struct {
		b    Block
		want string
	}{
		{Block{Type: BlockHeading, Text: "1. Võ Thị Miền"}, "## 1. Võ Thị Miền\n"},
		{Block{Type: BlockParagraph, Text: "1. not a list"}, "1\\. not a list\n"},
		{Block{Type: BlockParagraph, Text: "# not a heading"}, "\\# not a heading\n"},
		{Block{Type: BlockParagraph, Text: "- not an item"}, "\\- not an item\n"},
		{Block{Type: BlockQuote, Text: "2) said"}, "> 2\\) said\n"},
		{Block{Type: BlockCaption, Text: " Photo: UN "}, "*Photo: UN*\n"},
		{Block{Type: BlockList, Text: "Steps:", Items: []string{"one", "3. three"}}, "Steps:\n\n- one\n- 3\\. three\n"},
		{Block{Type: BlockParagraph, Text: "  "}, ""},
	}
	for _, tt := range tests {
		if got := BlockMarkdown(tt.b); got != tt.want {
			t.Errorf("BlockMarkdown(%+v) = %q, want %q", tt.b, got, tt.want)
		}
	}
}

// export --format markdown writes the same blocks the reader renders, and notes whose links
// are whole.
func TestMarkdownUsesBlockMarkdown(t *testing.T) {
	a := &Article{Title: "T", Kind: KindStory, Blocks: []Block{
		{Type: BlockParagraph, Text: "First [1]."}, {Type: BlockHeading, Text: "1. Võ"}},
		Footnotes: []Footnote{{N: 1, Text: "See https://www.unodc.org/Synthetic_Drugs/x.pdf", Cited: true}}}
	md := Markdown(a)
	for _, want := range []string{BlockMarkdown(a.Blocks[0]), BlockMarkdown(a.Blocks[1]), "1. See https://www.unodc.org/Synthetic_Drugs/x.pdf\n", "*Story · undated*\n"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
}
