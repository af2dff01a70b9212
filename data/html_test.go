package data

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode"
)

// The real pages saved from news sites, with what a good extractor finds on them, are shared
// beside the repository (../shared/html; see its README).
const sharedHTML = "../../shared/html"

type pageExpectation struct {
	File, URL, Title, Date, Sitename string
	Contains, Absent                 []string
	AlsoOK                           map[string][]string `json:"also_ok"`
}

func loadPageExpectations(t testing.TB) []pageExpectation {
	raw, err := os.ReadFile(filepath.Join(sharedHTML, "expected.json"))
	if os.IsNotExist(err) {
		t.Skipf("%s is absent: the shared web page fixtures sit beside the repository (../shared/html)", sharedHTML)
	}
	if err != nil {
		t.Fatal(err)
	}
	var e struct{ Pages []pageExpectation }
	if err := json.Unmarshal(raw, &e); err != nil {
		t.Fatal(err)
	}
	return e.Pages
}

// articleText is the article's main text as the expectations are matched: every block, item and
// note but captions, which the article sets apart from its text (the expectations count them
// as page chrome), with runs of white space collapsed.
func articleText(a *Article) string {
	var parts []string
	for _, b := range a.Blocks {
		if b.Type == BlockCaption {
			continue
		}
		parts = append(parts, b.Text)
		parts = append(parts, b.Items...)
	}
	for _, f := range a.Footnotes {
		parts = append(parts, f.Text)
	}
	return strings.Join(strings.Fields(strings.Join(parts, " ")), " ")
}

func foldCompare(s string) string {
	return strings.NewReplacer("’", "'", "‘", "'", "“", `"`, "”", `"`).Replace(strings.ToLower(strings.Join(strings.Fields(s), " ")))
}

func metaOK(got, want string, also []string) bool {
	for _, w := range append([]string{want}, also...) {
		if foldCompare(got) == foldCompare(w) {
			return true
		}
	}
	return false
}

// htmlScore checks every expectation of every shared page and reports what failed.
func htmlScore(t *testing.T) (passed, total int, failures []string) {
	for _, p := range loadPageExpectations(t) {
		raw, err := os.ReadFile(filepath.Join(sharedHTML, p.File))
		if err != nil {
			t.Fatal(err)
		}
		arts := ParseHTML(p.File, raw, p.URL)
		if len(arts) != 1 {
			t.Errorf("%s: %d articles, want 1", p.File, len(arts))
			total += len(p.Contains) + len(p.Absent) + 3
			continue
		}
		a := &arts[0]
		text := articleText(a)
		check := func(ok bool, what string) {
			total++
			if ok {
				passed++
			} else {
				failures = append(failures, p.File+": "+what)
			}
		}
		for _, s := range p.Contains {
			check(strings.Contains(text, strings.Join(strings.Fields(s), " ")), "missing "+s)
		}
		for _, s := range p.Absent {
			check(!strings.Contains(text, strings.Join(strings.Fields(s), " ")), "kept "+s)
		}
		check(metaOK(a.Title, p.Title, p.AlsoOK["title"]), "title "+a.Title)
		check(metaOK(a.Date.String(), p.Date, p.AlsoOK["date"]), "date "+a.Date.String())
		check(metaOK(a.Source, p.Sitename, p.AlsoOK["sitename"]), "source "+a.Source)
	}
	return passed, total, failures
}

// The pipeline must keep meeting at least as many expectations as it did when it was written;
// the failures are logged so a change that fixes or breaks one shows.
func TestHTMLPagesMeetExpectations(t *testing.T) {
	passed, total, failures := htmlScore(t)
	t.Logf("%d of %d expectations met", passed, total)
	for _, f := range failures {
		t.Log(f)
	}
	if want := minHTMLExpectations; passed < want {
		t.Errorf("%d of %d expectations met, want at least %d", passed, total, want)
	}
}

// minHTMLExpectations is the score the pipeline reached on the shared pages (README, "Web pages").
const minHTMLExpectations = 123

func parseHTMLFixture(t *testing.T, name, addr string) []Article {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "html", name))
	if err != nil {
		t.Fatal(err)
	}
	return ParseHTML(name, raw, addr)
}

// A page in the shape of UN Viet Nam's site: its structure maps onto the article model.
func TestParseHTMLUNPressRelease(t *testing.T) {
	arts := parseHTMLFixture(t, "un-press-release.html", "https://vietnam.un.org/en/node/7781")
	if len(arts) != 1 {
		t.Fatalf("%d articles", len(arts))
	}
	a := &arts[0]
	if a.Kind != KindPressRelease || a.Date.String() != "2016-06-07" || a.Source != "UN Viet Nam" ||
		a.Title != "Viet Nam: Three out of four 18-year-olds believe young people are in danger of online sexual abuse" {
		t.Errorf("header: %s %s %q %q", a.Kind, a.Date, a.Source, a.Title)
	}
	if a.URL != "https://vietnam.un.org/en/7781-viet-nam-three-out-four-18-year-olds" {
		t.Errorf("URL %q, want the canonical address", a.URL)
	}
	if h := blocksOf(a, BlockHeading); len(h) != 2 || h[0].Text != "Key findings" || h[1].Text != "What UNICEF is doing" {
		t.Errorf("headings %v", h)
	}
	if l := blocksOf(a, BlockList); len(l) != 1 || len(l[0].Items) != 3 || l[0].Items[1] != "More than half think friends take risks online;[2]" {
		t.Errorf("lists %v", l)
	}
	if c := blocksOf(a, BlockCaption); len(c) != 1 || !strings.HasPrefix(c[0].Text, "Young people in Ha Noi") {
		t.Errorf("captions %v", c)
	}
	if q := blocksOf(a, BlockQuote); len(q) != 1 || !strings.HasPrefix(q[0].Text, "The internet and mobile phones") {
		t.Errorf("quotes %v (a whole quotation loses its quote marks, as in captures)", q)
	}
	if !strings.Contains(a.Blocks[0].Text, "a new UNICEF study shows.[1]") {
		t.Errorf("first paragraph %q lacks its marker", a.Blocks[0].Text)
	}
	want := []Footnote{
		{N: 1, Text: "UNICEF, Perils and Possibilities: Growing up online (https://www.unicef.org/reports/perils-possibilities), June 2016.", Cited: true},
		{N: 2, Text: "Ipsos global poll of 10,000 18-year-olds in 25 countries.", Cited: true},
	}
	if !reflect.DeepEqual(a.Footnotes, want) {
		t.Errorf("footnotes\n%v\nwant\n%v", a.Footnotes, want)
	}
	text := allText(a)
	for _, chrome := range []string{"Facebook", "Read more", "Children online", "Other news", "UN Day celebrated", "All rights reserved", "Press Release", "07 June 2016\n", "↩", "dataLayer"} {
		if strings.Contains(text, chrome) {
			t.Errorf("kept %q", chrome)
		}
	}
	if !a.HasTheme("cyberviolence") && !a.HasTheme("children") {
		t.Errorf("themes %v", a.ThemeIDs())
	}
}

// An outlet's page: its article is news whatever label the page shows ("Report"); the byline
// and the agency's sign-off are not body text, the tags and the
// related links go.
func TestParseHTMLOutletPage(t *testing.T) {
	arts := parseHTMLFixture(t, "vietnamplus-story.html", "")
	if len(arts) != 1 {
		t.Fatalf("%d articles", len(arts))
	}
	a := &arts[0]
	if a.Kind != KindNews || a.Date.String() != "2022-05-28" || a.Source != "Vietnam+ (VietnamPlus)" || a.Title != "World No Tobacco Day observed in Hanoi" {
		t.Errorf("header: %s %s %q %q", a.Kind, a.Date, a.Source, a.Title)
	}
	if a.URL != "https://en.vietnamplus.vn/world-no-tobacco-day-observed-in-hanoi-post229651.vnp" {
		t.Errorf("URL %q: a saved page with no address takes its canonical one", a.URL)
	}
	if a.Blocks[0].Type != BlockCaption || !strings.HasPrefix(a.Blocks[1].Text, "The Ministry of Health") {
		t.Errorf("first blocks %v", a.Blocks[:2])
	}
	text := allText(a)
	for _, chrome := range []string{"Report", "Hanoi (VNA)", "Log in", "Trang chủ", "Politics", "Tags", "Related news", "e-cigarettes among students", "Copyright", "VNA\n", "./."} {
		if strings.Contains(text, chrome) {
			t.Errorf("kept %q", chrome)
		}
	}
	if !a.HasTheme("health") {
		t.Errorf("themes %v", a.ThemeIDs())
	}
}

// Hostile markup: nothing from scripts, styles, iframes, forms or javascript: links, and no
// escape sequence or control character (raw, as an entity, or in an attribute) reaches the
// article, its export or its markdown.
func TestParseHTMLHostileMarkup(t *testing.T) {
	arts := parseHTMLFixture(t, "hostile.html", "")
	if len(arts) != 1 {
		t.Fatalf("%d articles", len(arts))
	}
	a := &arts[0]
	if a.URL != "" {
		t.Errorf("URL %q from a javascript: canonical link", a.URL)
	}
	if a.Title != "Women's rights forum opens in Ha Noi" {
		t.Errorf("title %q", a.Title)
	}
	js, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	for name, s := range map[string]string{"json": string(js), "markdown": Markdown(a), "meta": MetaLine(a)} {
		for _, r := range s {
			if r != '\n' && (r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 || isBidiControl(r)) {
				t.Errorf("%s carries %U", name, r)
			}
		}
		for _, bad := range []string{`\u001b`, `\u009b`, `\u0007`, "injected script", "second script", "style text",
			"iframe fallback", "noscript text", "form text", "Subscribe now", "javascript", "evil.example"} {
			if strings.Contains(s, bad) {
				t.Errorf("%s carries %q", name, bad)
			}
		}
	}
	if !strings.Contains(allText(a), "Click this link to learn more") || len(a.Footnotes) != 1 ||
		a.Footnotes[0].Text != "Joint statement, evil link and the text (https://example.org/statement)." {
		t.Errorf("lost the good text: %q %v", allText(a), a.Footnotes)
	}
}

func TestParseHTMLNoArticle(t *testing.T) {
	if arts := parseHTMLFixture(t, "no-article.html", "https://example.org/login"); len(arts) != 0 {
		t.Errorf("a log-in page gave %v", arts)
	}
	for _, page := range []string{"", "<html></html>", "\x00\x01\x02", "<p>short</p>"} {
		if arts := ParseHTML("x.html", []byte(page), ""); len(arts) != 0 {
			t.Errorf("%q gave %v", page, arts)
		}
	}
}

// Bytes that are not UTF-8 are replaced, and the rest of the page is still read.
func TestParseHTMLInvalidUTF8(t *testing.T) {
	page := []byte("<html><head><title>A story about the forum on women in Ha Noi</title></head><body><article><h1>A story about the forum on women in Ha Noi</h1>" +
		"<p>The forum \xff\xfe opened on Tuesday with delegates from many provinces who spoke about violence against women and girls in their communities.</p>" +
		"<p>The organisers said more than 300 people took part in the two days of talks, and a joint statement was signed at the end.</p></article></body></html>")
	arts := ParseHTML("x.html", page, "https://example.org/a")
	if len(arts) != 1 || !strings.Contains(arts[0].Blocks[0].Text, "The forum \uFFFD opened") {
		t.Fatalf("got %v", arts)
	}
}

func TestPageHeader(t *testing.T) {
	when := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	h := PageHeader("https://vietnam.un.org/en/1-a?x=1&y=\"2\"", when)
	addr, fetched := ReadPageHeader([]byte(h + "<html>"))
	if addr != "https://vietnam.un.org/en/1-a?x=1&y=%222%22" || !fetched.Equal(when) {
		t.Errorf("%q gave %q %v", h, addr, fetched)
	}
	addr, _ = ReadPageHeader([]byte("<!DOCTYPE html>\n<!-- saved from url=(0027)https://example.org/a.html -->\n<html>"))
	if addr != "https://example.org/a.html" {
		t.Errorf("browser's note gave %q", addr)
	}
	for _, bad := range []string{"javascript:alert(1)", "file:///etc/passwd", "/relative", "https://user:pw@example.org/"} {
		if h := PageHeader(bad, time.Time{}); strings.Contains(h, "url=") {
			t.Errorf("%q kept in %q", bad, h)
		}
	}
}

// A kept page is parsed as HTML by its name, with the address from its header.
func TestParseCaptureReadsKeptPages(t *testing.T) {
	raw, err := os.ReadFile("testdata/html/vietnamplus-story.html")
	if err != nil {
		t.Fatal(err)
	}
	kept := append([]byte(PageHeader("https://en.vietnamplus.vn/world-no-tobacco-day-observed-in-hanoi-post229651.vnp", time.Now())), raw...)
	c := Build([]Capture{{Name: "lib/page.html", Raw: kept}})
	if len(c.Articles) != 1 || c.Articles[0].URL == "" || c.Articles[0].Snapshot != "page.html" || len(c.Warnings) != 0 {
		t.Errorf("got %+v", c)
	}
}

// FuzzParseHTML: any page parses without a panic, and nothing it yields carries a control
// character.
func FuzzParseHTML(f *testing.F) {
	for _, name := range []string{"un-press-release.html", "vietnamplus-story.html", "hostile.html", "no-article.html"} {
		raw, err := os.ReadFile(filepath.Join("testdata", "html", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(raw)
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		for _, a := range ParseHTML("fuzz.html", raw, "https://example.org/") {
			var texts []string
			texts = append(texts, a.Title, a.Summary, a.Source, a.URL, a.ID)
			eachText(a.Blocks, func(s *string) { texts = append(texts, *s) })
			for _, n := range a.Footnotes {
				texts = append(texts, n.Text)
			}
			for _, s := range texts {
				for _, r := range s {
					if unicode.IsControl(r) || isBidiControl(r) {
						t.Fatalf("control character %U in %q", r, s)
					}
				}
			}
		}
	})
}

// BenchmarkParseHTML parses the fourteen shared pages (2.5 MB): extraction, mapping, cleaning.
func BenchmarkParseHTML(b *testing.B) {
	pages := loadPageExpectations(b)
	raws := make([][]byte, len(pages))
	size := 0
	for i, p := range pages {
		raw, err := os.ReadFile(filepath.Join(sharedHTML, p.File))
		if err != nil {
			b.Fatal(err)
		}
		raws[i] = raw
		size += len(raw)
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		for i, p := range pages {
			ParseHTML(p.File, raws[i], p.URL)
		}
	}
}

// The markdown of an article from the web gives its address as an autolink, and only a safe one.
func TestMarkdownShowsTheAddress(t *testing.T) {
	a := parseHTMLFixture(t, "un-press-release.html", "")[0]
	if md := Markdown(&a); !strings.Contains(md, "\n<https://vietnam.un.org/en/7781-viet-nam-three-out-four-18-year-olds>\n") {
		t.Errorf("markdown:\n%s", md)
	}
	a.URL = "javascript:alert(1)"
	if md := Markdown(&a); strings.Contains(md, "javascript") {
		t.Errorf("a hostile address reached the markdown")
	}
}

// --data reads the saved pages of a folder with its text captures, each page in its own charset.
func TestLoadFolderReadsSavedPages(t *testing.T) {
	dir := t.TempDir()
	page := "<html><head><meta charset=\"windows-1252\"><title>Caf\xe9 culture spreads across Ha Noi</title></head><body><article><h1>Caf\xe9 culture spreads across Ha Noi</h1>" +
		"<p>The caf\xe9s of Ha Noi have become places where young people meet to talk about the future of their city and their jobs.</p>" +
		"<p>Owners say the number of caf\xe9s has doubled in five years, as more people work from them during the day.</p></article></body></html>"
	seed, err := os.ReadFile(seedFiles(t)[0])
	if err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string]string{"cafe.htm": page, "seed.txt": string(seed), "notes.md": "not a capture"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c, err := Load([]string{dir})
	if err != nil || len(c.Warnings) != 0 {
		t.Fatalf("%v %v", err, c.Warnings)
	}
	found := false
	for _, a := range c.Articles {
		if a.Title == "Café culture spreads across Ha Noi" && a.Snapshot == "cafe.htm" {
			found = true
		}
	}
	if !found || len(c.Articles) < 2 {
		t.Errorf("got %d articles, the page found: %v", len(c.Articles), found)
	}
}
