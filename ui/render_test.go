package ui

import (
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"unvn/data"
	"unvn/termsafe"
)

// unfiltered reports whether rendered output holds something termsafe.Filter would remove:
// output the filter leaves as it is carries only colour codes and safe links (the filter's own
// tests and fuzz target check that with a reading of their own).
func unfiltered(s string) bool { return termsafe.Filter(s) != s }

func TestRenderMarkdownHostile(t *testing.T) {
	hostile := []string{
		"&#27;[2J&#27;]0;pwned&#7;",
		"<script>alert(1)</script><img src=x onerror=alert(1)>",
		"[click](javascript:alert(1)) [f](file:///etc/passwd)",
		"\x1b[2J\x1b]0;title\x07\u009b31m",
		"# not a heading\n- not a list\n> not a quote",
		"`code` *em* __strong__ ~~del~~ <https://evil.example>",
		"line one\r\nline two",
	}
	for _, dark := range []bool{true, false} {
		for _, h := range hostile {
			md := "# " + data.EscapeMarkdown(h) + "\n\n" + data.EscapeMarkdown(h) + "\n\n- " + data.EscapeMarkdown(h) + "\n"
			out, err := RenderMarkdown(md, 60, dark)
			if err != nil {
				t.Fatal(err)
			}
			if unfiltered(out) {
				t.Errorf("RenderMarkdown(%q) let through %q", h, out)
			}
			plain := ansi.Strip(out)
			if strings.Contains(out, "\x1b]8;") {
				t.Errorf("escaped text %q became a link: %q", h, out)
			}
			if strings.Contains(h, "&#27;") && !strings.Contains(plain, "&#27;") {
				t.Errorf("entity in %q was decoded: %q", h, plain)
			}
			if strings.Contains(h, "<script>") && !strings.Contains(plain, "<script>") {
				t.Errorf("html in %q was not kept as text: %q", h, plain)
			}
		}
	}
}

func TestRenderMarkdownRawEntityIsNeutralised(t *testing.T) {
	// Even if unescaped markdown slipped through, the output filter removes the decoded ESC.
	out, err := RenderMarkdown("a &#27;[2J b &#x9b;31m c", 40, true)
	if err != nil {
		t.Fatal(err)
	}
	if unfiltered(out) {
		t.Fatalf("let through %q", out)
	}
}

func TestRenderMarkdownWraps(t *testing.T) {
	md := strings.Repeat("Viet Nam's HIV response is community-led and evolving. ", 20)
	for _, w := range []int{20, 40, 77, 100} {
		out, err := RenderMarkdown(md, w, true)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(out, "\n") {
			if lw := ansi.StringWidth(line); lw > w {
				t.Fatalf("width %d: line of %d cells: %q", w, lw, ansi.Strip(line))
			}
		}
	}
}

func TestRenderMarkdownLink(t *testing.T) {
	out, err := RenderMarkdown("[UN](https://vietnam.un.org)", 40, true)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "https://vietnam.un.org") {
		t.Fatalf("link lost: %q", out)
	}
}

// unvn show renders whole articles: text with & ~ : @ and brackets must come out as written,
// with no backslashes and no links made from it.
func TestRenderArticleKeepsTextLiteral(t *testing.T) {
	a := &data.Article{Title: "R&D ~ costs: 50% @ UN [1]", Kind: data.KindStory,
		Blocks:    []data.Block{{Type: data.BlockParagraph, Text: "Science & tech [1] see [x](http://evil) and a_b *c*."}},
		Footnotes: []data.Footnote{{N: 1, Text: "UNAIDS & UNODC", Cited: true}}}
	out, err := RenderArticle(a, nil, 80, true)
	if err != nil {
		t.Fatal(err)
	}
	plain := ansi.Strip(out)
	for _, want := range []string{"R&D ~ costs: 50% @ UN [1]", "Science & tech [1] see [x](http://evil) and a_b *c*.", "UNAIDS & UNODC"} {
		if !strings.Contains(plain, want) {
			t.Errorf("rendered article lacks %q:\n%s", want, plain)
		}
	}
	if strings.Contains(plain, `\`) {
		t.Errorf("backslash in rendered article:\n%s", plain)
	}
}

// unvn show on a terminal prints the document the reading pane shows, related articles included.
func TestShowRendersTheReadersDocument(t *testing.T) {
	h := newHarness(t, 80, 24)
	h.keys("j", "enter", "G")
	r := h.m.reader
	want, err := RenderArticle(r.article, r.related, WrapWidth(80), true)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(r.doc.lines, "\n") + "\n"; got != want {
		t.Errorf("unvn show and the reader differ:\n--- show\n%s\n--- reader\n%s", ansi.Strip(want), ansi.Strip(got))
	}
	for _, s := range []string{"Building a sustainable HIV response", "Story · 30 November 2024", "A Turning Point", "Related", "Notes", "[4] A reference the text never cites."} {
		if !strings.Contains(ansi.Strip(want), s) {
			t.Errorf("show lacks %q", s)
		}
	}
}

// Headings have no literal "##" and stand out without colour: bold and underlined.
func TestHeadingsWithoutHashes(t *testing.T) {
	a := &data.Article{Title: "T", Kind: data.KindStory, Blocks: []data.Block{{Type: data.BlockHeading, Text: "A Turning Point"}}}
	for _, dark := range []bool{true, false} {
		out, err := RenderArticle(a, nil, 60, dark)
		if err != nil {
			t.Fatal(err)
		}
		if plain := ansi.Strip(out); strings.Contains(plain, "#") || !strings.Contains(plain, "A Turning Point") {
			t.Errorf("heading: %q", plain)
		}
		line := out[strings.Index(out, "A Turning"):]
		line = out[strings.LastIndex(out[:len(out)-len(line)], "\n")+1:]
		if !strings.Contains(line, ";4") && !strings.Contains(line, "[4") {
			t.Errorf("the heading is not underlined: %q", line)
		}
	}
}

// The text column is at most about 80 characters on a wide terminal, or what --width says.
func TestTextColumn(t *testing.T) {
	longest := func(h *harness) int {
		n := 0
		for _, l := range h.m.reader.doc.lines {
			if !strings.Contains(l, "https://") { // an address is never broken, however long
				n = max(n, ansi.StringWidth(strings.TrimRight(ansi.Strip(l), " ")))
			}
		}
		return n
	}
	h := newHarness(t, 250, 40)
	h.keys("j")
	if n := longest(h); n > MaxTextWidth || n < 70 {
		t.Errorf("at 250 columns the longest line is %d", n)
	}
	h = newHarness(t, 250, 40, func(o *Options) { o.TextWidth = 50 })
	h.keys("j")
	if n := longest(h); n > 50 || n < 40 {
		t.Errorf("with a text width of 50 the longest line is %d", n)
	}
}

func TestPhraseRanges(t *testing.T) {
	text := "in Cần Thơ, cannot those; Can  Tho-based can thousands"
	got := phraseRanges(text, []string{"can", "tho"})
	var found []string
	for _, r := range got {
		found = append(found, text[r[0]:r[1]])
	}
	if want := []string{"Cần Thơ", "Can  Tho", "can tho"}; strings.Join(found, "|") != strings.Join(want, "|") {
		t.Errorf("found %q, want %q", found, want)
	}
	// two terms match one joined word, one term a name written as two syllables
	text = "Vietnam, Viet Nam, VIỆT-NAM and Viet Namese in Vietnam north; viet nam"
	for _, terms := range [][]string{{"viet", "nam"}, {"vietnam"}} {
		found = nil
		for _, r := range phraseRanges(text, append(terms, "north")) {
			found = append(found, text[r[0]:r[1]])
		}
		if want := "Vietnam north"; strings.Join(found, "|") != want {
			t.Errorf("%q north: found %q, want %q", terms, found, want)
		}
	}
	found = nil
	for _, r := range phraseRanges(text, []string{"viet", "nam"}) {
		found = append(found, text[r[0]:r[1]])
	}
	if want := "Vietnam|Viet Nam|VIỆT-NAM|Viet Nam|Vietnam|viet nam"; strings.Join(found, "|") != want {
		t.Errorf("viet nam: found %q, want %q", found, want)
	}
}

// An address in a reference is never broken across lines, and is a terminal link to itself; the
// reading pane cuts what it draws, the link still opens the whole address.
func TestNoteAddressesStayWhole(t *testing.T) {
	const addr = "https://www.unodc.org/documents/scientific/Synthetic_Drugs_in_East-and-Southeast-Asia_2024.pdf"
	a := &data.Article{Title: "T", Kind: data.KindStory, Blocks: []data.Block{para("Text [1].")},
		Footnotes: []data.Footnote{{N: 1, Text: "UNODC, Synthetic Drugs in East and Southeast Asia, 2024, " + addr + ".", Cited: true}}}
	out, err := RenderArticle(a, nil, 60, true)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(ansi.Strip(out), addr) {
		t.Errorf("the address is broken:\n%s", ansi.Strip(out))
	}
	if !strings.Contains(out, "\x1b]8;;"+addr+"\a") {
		t.Errorf("the address is not a terminal link: %q", out)
	}
	h := newHarness(t, 60, 24, func(o *Options) { o.Corpus.Articles = []data.Article{*a} })
	h.keys("enter", "G")
	checkFrame(t, h, 60, 24)
	if raw := h.m.render(); !strings.Contains(raw, "\x1b]8;;"+addr) {
		t.Error("the reading pane lost the link")
	}
}

// A wrapped list item keeps a hanging indent: its second line starts under its first word.
func TestListItemsHangingIndent(t *testing.T) {
	a := &data.Article{Title: "T", Kind: data.KindStory, Blocks: []data.Block{{Type: data.BlockList, Text: "Partners:",
		Items: []string{"Peer counselling by TikTokers and community outreach workers in the Mekong Delta provinces", "Two"}}}}
	out, err := RenderArticle(a, nil, 40, true)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(ansi.Strip(out), "\n") {
		lines = append(lines, strings.TrimRight(l, " "))
	}
	plain := strings.Join(lines, "\n")
	for _, want := range []string{"  Partners:\n\n  • Peer counselling by TikTokers\n    and community outreach workers", "\n  • Two"} {
		if !strings.Contains(plain, want) {
			t.Errorf("lacks %q:\n%s", want, plain)
		}
	}
}

// The fast path for flowing blocks (one unwrapped Glamour call for many, wrapped here) must give
// exactly Glamour's own lines, padding aside, for every seed block at every width and style.
func TestFastPathIsGlamour(t *testing.T) {
	var blocks []data.Block
	for _, a := range data.Embedded().Articles {
		for _, b := range a.Blocks {
			if flowBlock(b) {
				blocks = append(blocks, b)
			}
		}
	}
	blocks = append(blocks, data.Block{Type: data.BlockParagraph, Text: "A https://example.org/a-very-long-address/that-cannot-fit/on-one-line/at-all.html link, R&D ~ 50% @ UN [1] *not em* `code`."},
		data.Block{Type: data.BlockHeading, Text: "A heading long enough to wrap at the narrow widths of this test"},
		data.Block{Type: data.BlockCaption, Text: "A caption (Photo: UN Viet Nam)"},
		data.Block{Type: data.BlockParagraph, Text: "Đặng Quốc Phong 🇻🇳 全角文字 wide characters and emoji 👩‍💻 in one paragraph."})
	if len(blocks) < 100 {
		t.Fatalf("only %d seed blocks", len(blocks))
	}
	for _, dark := range []bool{true, false} {
		for _, width := range []int{10, 23, 40, 57, 80, 84, 100} {
			fast := make([][]string, len(blocks))
			if err := renderFlow(blocks, fast, width, dark); err != nil {
				t.Fatal(err)
			}
			for i, b := range blocks {
				slow, err := glamourRender(data.BlockMarkdown(b), width, dark)
				if err != nil {
					t.Fatal(err)
				}
				// At the narrowest widths Glamour re-wraps a line that overflows the block and
				// leaves an empty line after it; the fast path does not.
				want := slices.DeleteFunc(trimBlock(strings.Split(slow, "\n")), blankLine)
				if !slices.Equal(fast[i], want) {
					t.Fatalf("dark %v width %d, block %q:\nfast %q\nwant %q", dark, width, b.Text, fast[i], want)
				}
			}
		}
	}
}
