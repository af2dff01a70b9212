package ui

import (
	"maps"
	"regexp"
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
				// Both take the addresses out of Glamour's way alike (TestBodyAddressesStayWhole).
				md, links := protectLinks(data.BlockMarkdown(b), linkRoom(b, width))
				slow, err := glamourRender(md, width, dark)
				if err != nil {
					t.Fatal(err)
				}
				// At the narrowest widths Glamour re-wraps a line that overflows the block and
				// leaves an empty line after it; the fast path does not.
				want := restoreLinks(slices.DeleteFunc(trimBlock(strings.Split(slow, "\n")), blankLine), links, linkStyles()[dark])
				if !slices.Equal(fast[i], want) {
					t.Fatalf("dark %v width %d, block %q:\nfast %q\nwant %q", dark, width, b.Text, fast[i], want)
				}
			}
		}
	}
}

// Addresses in the body are never broken across lines: each is one OSC 8 link to the whole
// address, its label the address when it fits the text column and a shortened form that fits
// when not, at every width, in paragraphs, list items and quotes; the text around it keeps its
// style, and text that holds the placeholder runes cannot take a link's place.
func TestBodyAddressesStayWhole(t *testing.T) {
	const (
		long   = "https://www.unodc.org/documents/scientific/Synthetic_Drugs_in_East-and-Southeast-Asia_2024.pdf"
		hyphen = "https://vietnam.un.org/en/285581-viet-nam-hiv"
		mail   = "mailto:someone.with.a.long.name@example.org"
		item   = "https://vietnam.un.org/en/285581-a-very-long-address-that-goes-on-and-on-and-on-forever"
		quoted = "https://www.who.int/vietnam/news/detail/a-quoted-address-that-is-long-enough-to-wrap"
	)
	a := &data.Article{Title: "Links", Kind: data.KindStory, Blocks: []data.Block{
		para("See the report at " + long + " for more, or the page " + hyphen + " or write to " + mail + " today."),
		{Type: data.BlockList, Items: []string{"An item with " + item + " inside", "Stray \ue000\ue001 runes and " + hyphen}},
		{Type: data.BlockQuote, Text: "A quote citing " + quoted + " at length."},
		{Type: data.BlockHeading, Text: "A heading with " + hyphen},
	}}
	want := map[string]int{long: 1, hyphen: 3, mail: 1, item: 1, quoted: 1}
	linkRe := regexp.MustCompile("\x1b\\]8;;([^\a]*)\a([^\x1b]*(?:\x1b\\[[0-9;]*m[^\x1b]*)*?)\x1b\\]8;;\a")
	for _, w := range []int{40, 80, 120} {
		out, err := RenderArticle(a, nil, w, true)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]int{}
		for _, l := range strings.Split(out, "\n") {
			if n := ansi.StringWidth(l); n > w {
				t.Errorf("width %d: a line is %d wide: %q", w, n, ansi.Strip(l))
			}
			if strings.ContainsAny(l, "\ue000\ue001") {
				t.Errorf("width %d: a placeholder is left: %q", w, l)
			}
			for _, m := range linkRe.FindAllStringSubmatch(l, -1) {
				target, label := m[1], ansi.Strip(m[2])
				got[target]++
				if room := w - 2*docMargin; ansi.StringWidth(target) <= room-4 && label != target {
					t.Errorf("width %d: %s fits but shows as %q", w, target, label)
				}
				if label != target && !strings.Contains(label, "…") {
					t.Errorf("width %d: %s shows as %q, cut without saying so", w, target, label)
				}
			}
		}
		if !maps.Equal(got, want) {
			t.Errorf("width %d: links %v, want each address once, whole: %v\n%s", w, got, want, ansi.Strip(out))
		}
		if plain := ansi.Strip(out); !strings.Contains(plain, "today.") || !strings.Contains(plain, "Stray") {
			t.Errorf("width %d: text lost:\n%s", w, plain)
		}
	}
	// the text after a link keeps the paragraph's colour
	out, _ := RenderArticle(a, nil, 200, true)
	if !strings.Contains(out, "\x1b]8;;\a\x1b[38;5;252m for more") {
		t.Errorf("the text after the link lost its style: %q", out)
	}
}

func TestShortAddress(t *testing.T) {
	for _, tt := range []struct {
		addr string
		room int
		want string
	}{
		{"https://a.org/x", 40, "https://a.org/x"},
		{"https://www.unodc.org/documents/scientific/Synthetic_Drugs_2024.pdf", 45, "www.unodc.org/…/Synthetic_Drugs_2024.pdf"},
		{"https://www.unodc.org/documents/scientific/Synthetic_Drugs_2024.pdf", 30, "www.unodc.org/…_Drugs_2024.pdf"},
		{"https://a-very-long-host-name.example.org/path/file", 20, "a-very-long-host-na…"},
		{"mailto:someone.with.a.long.name@example.org", 20, "mailto:someone.with…"},
	} {
		got := shortAddress(tt.addr, tt.room)
		if got != tt.want || ansi.StringWidth(got) > tt.room {
			t.Errorf("shortAddress(%q, %d) = %q, want %q", tt.addr, tt.room, got, tt.want)
		}
	}
}
