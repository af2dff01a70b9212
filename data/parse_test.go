package data

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

type want struct {
	kind   Kind
	date   string
	title  string
	teaser bool
}

// TestSeedArticles pins the exact articles each real capture yields.
func TestSeedArticles(t *testing.T) {
	expected := map[string][]want{
		"000_82d92ce90daeddfc.txt": {
			{KindSpeech, "2023-03-29", "International Holocaust Rememberance Day 2023", true},
			{KindPressRelease, "2023-03-28", "Official Launch of “the one-stop-shop model to support women and children subject to violence in Ho Chi Minh city”", false},
			{KindSpeech, "2023-03-24", "Consultation Workshop on Draft Report of Voluntary National Review (VNR) of Viet Nam’s SDG Implementation 2023", true},
			{KindStory, "2023-03-07", "Harnessing Technology and Innovation for Social Inclusion & Gender Equality", false},
			{KindPressRelease, "2023-03-06", "Viet Nam to study National Action Plan on Women, Peace and Security in Jordan and the United Kingdom", false},
			{KindPressRelease, "2023-03-03", "Policy Dialogue: “Gender equality in digital transformation in Viet Nam: Opportunities and challenges”", false},
			{KindPressRelease, "2023-02-22", "Key opinion leaders in Viet Nam learn how to prevent cyberviolence against women and children", false},
			{KindPressRelease, "2022-12-20", "Take Pride in Kindness - Safer Schools for LGBTI People", false},
			{KindStory, "2022-12-09", "Dignity, Freedom and Justice for All", false},
			{KindStory, "2022-12-09", "UNIDO’s technical advice enables first batch of Vietnamese pomelos exported to the US", false},
			{KindStory, "2022-11-30", "Ending HIV-related discrimination to uphold equality", false},
			{KindStory, "2022-11-29", "Equal and equitable access to HIV services across Viet Nam", false},
		},
		"001_18e37dbccc49a35d.txt": {
			{KindSpeech, "2024-12-01", "UN Secretary-General António Guterres' message for World AIDS Day, observed on 1 December 2024", true},
			{KindStory, "2024-11-30", "Building a sustainable HIV response with the community, for the community", false},
			{KindStory, "2024-11-30", "Voices from the Transgender Community: “Respect is the foundation for accessible healthcare.”", false},
			{KindStory, "2024-11-29", "Supporting Safer Choices: Tackling Chemsex Risks Through Community Health Outreach", false},
			{KindPressRelease, "2024-11-20", "Launch of the National Action Month on Gender Equality and Gender-Based Violence Prevention & Response to 2024", false},
			{KindPressRelease, "2024-11-06", "UN Women and Japan Join Forces to Support Women Facing Drought and Saltwater Intrusion in Ca Mau and Ninh Thuan", false},
			{KindPressRelease, "2024-11-06", "VIETNAM LAUNCHES THE FRIST NATIONAL PRESS AWARD FOR GENDER EQUALITY", false},
			{KindPressRelease, "2024-10-18", "Celebration of the 44th Word Food Day; Launching ceremony of the Plan for International Cooperation Promotion in Agriculture and Rural Development to 2030 and vision to 2050; Signing ceremony of the FST - Partnership; Kick-off UN Joint Programme on FST", false},
			{KindStory, "2024-09-26", "Viet Nam: Charting a Sustainable Path at the Summit of the Future", false},
			{KindPressRelease, "2024-07-24", "Improving the awareness and capacity for women and girls in responding to challenges in cyberspace", false},
			{KindPublication, "2024-04-01", "2023 UN Country Annual Results Report Viet Nam", false},
			{KindStory, "2024-02-20", "Prism of Love Photography Contest: Celebrating Inclusion and Empowerment", false},
		},
		"002_9a34bb058d045427.txt": {
			{KindNews, "", "Vietnam launches campaign to protect women and girls in the digital era", false},
		},
		"003_7139f2099e2e9b4d.txt": {
			{KindNews, "", "UNFPA accompanies Vietnam in responding to gender-based violence", false},
		},
		"004_994f2c2b6f35153f.txt": {
			{KindNews, "", "Creating a safe cyberspace for the vigorous development of women and children", false},
		}}
	total, teasers := 0, 0
	for _, f := range seedFiles(t) {
		name := filepath.Base(f)
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var got []want
		for _, a := range ParseSnapshot(f, raw) {
			got = append(got, want{a.Kind, a.Date.String(), a.Title, a.Teaser})
			if a.Snapshot != name {
				t.Errorf("%s: Snapshot = %q", name, a.Snapshot)
			}
			total++
			if a.Teaser {
				teasers++
			}
		}
		exp := expected[name]
		byTitle := func(ws []want) { sort.Slice(ws, func(i, j int) bool { return ws[i].title < ws[j].title }) }
		byTitle(got)
		byTitle(exp)
		if !slices.Equal(got, exp) {
			t.Errorf("%s:\n got %d: %+v\nwant %d: %+v", name, len(got), got, len(exp), exp)
		}
	}
	if total != 27 || teasers != 3 {
		t.Errorf("seeds yield %d articles, %d headline-only; want 27 and 3", total, teasers)
	}
	if n := len(Embedded().Articles); n != 27 {
		t.Errorf("embedded corpus has %d articles after merging, want 27", n)
	}
}

func TestTeaserMergedIntoFullItem(t *testing.T) {
	a := article(t, "Official Launch of “the one-stop-shop model")
	// The full item's dateline (28 March) wins over the teaser list's 24 March.
	if a.Teaser || a.Date.String() != "2023-03-28" || len(a.Blocks) < 5 {
		t.Errorf("one-stop-shop: teaser=%v date=%s blocks=%d", a.Teaser, a.Date, len(a.Blocks))
	}
	h := article(t, "International Holocaust Rememberance Day")
	if !h.Teaser || len(h.Blocks) != 0 || h.Summary != "" {
		t.Errorf("Holocaust speech should be headline-only: %+v", h)
	}
}

func TestRecoveredHeadings(t *testing.T) {
	cases := map[string][]string{
		"Building a sustainable HIV response": {"A Turning Point", "The Decision to Diversify",
			"Challenges Along the Way", "The Power of Collective Action",
			"Insights from the UNAIDS Consultation", "A Vision for the Future"},
		"Voices from the Transgender Community": {"Life as Transgender Women",
			"SOGIE[1] Awareness in the Healthcare Settings", "A Call for Accessible and Inclusive Health Services"},
		"Supporting Safer Choices": {"Minh’s Journey Toward Support and Awareness",
			"The Role of Community Health Workers", "A Public Health Priority: Building Capacity and Support"},
		"VIETNAM LAUNCHES THE FRIST": {"Key Themes to Drive Progress", "Award Categories and Timeline", "Submission Details"},
		"Viet Nam: Charting a Sustainable Path": {"Climate action: A matter of survival",
			"Harnessing the power of the next generation", "A fairer system for all"},
		"Vietnam launches campaign": {"The cost and consequences"},
		"Take Pride in Kindness":    {"About UN Free & Equal", "About Hanoi Queer"},
		"Prism of Love Photography": {"1. Võ Thị Miền - \"Self-discovery and the pursuit of our dreams”"},
	}
	for title, heads := range cases {
		a := article(t, title)
		var got []string
		for _, b := range blocksOf(a, BlockHeading) {
			got = append(got, b.Text)
		}
		for _, h := range heads {
			if !slices.Contains(got, h) {
				t.Errorf("%s: heading %q missing; headings: %q", title, h, got)
			}
		}
	}
	// The text on each side of a recovered heading is a paragraph of its own.
	a := article(t, "Building a sustainable HIV response")
	for i, b := range a.Blocks {
		if b.Text == "A Turning Point" {
			if !strings.HasSuffix(a.Blocks[i-1].Text, "evolving HIV response.") || !strings.HasPrefix(a.Blocks[i+1].Text, "Founded in 2012") {
				t.Errorf("around A Turning Point: %q | %q", a.Blocks[i-1].Text, a.Blocks[i+1].Text)
			}
		}
	}
}

func TestGluedParagraphsSplit(t *testing.T) {
	a := article(t, "2023 UN Country Annual Results Report")
	if len(a.Blocks) != 2 || !strings.HasSuffix(a.Blocks[0].Text, "better future for all.") ||
		!strings.HasPrefix(a.Blocks[1].Text, "This 2023 UN Country Team Results Report") {
		t.Errorf("annual report blocks: %q", a.Blocks)
	}
	glued := regexp.MustCompile(`\p{Ll}{2}[.?!]["”’]?\p{Lu}\p{Ll}`)
	for _, a := range Embedded().Articles {
		for _, line := range strings.Split(allText(&a), "\n") {
			for _, m := range glued.FindAllStringIndex(line, -1) {
				if !inLink(line, m[0]+3) {
					t.Errorf("%s: glued sentence %q", a.ID, line[max(0, m[0]-30):min(len(line), m[1]+30)])
				}
			}
		}
	}
}

func TestListsRecovered(t *testing.T) {
	cases := []struct {
		title string
		items int
		first string
	}{
		{"Launch of the National Action Month", 8, "The representation of women in Party committees across terms has increased."},
		{"VIETNAM LAUNCHES THE FRIST", 3, "Preventing Gender-Based Violence: Building a safer society by tackling violence against women and girls."},
		{"Harnessing Technology and Innovation", 3, "Ensure gender-responsive policies on digital transformation and innovation."},
		{"Vietnam launches campaign", 5, "Integrating gender perspectives into digital policymaking;"},
	}
	for _, c := range cases {
		a := article(t, c.title)
		found := false
		for _, b := range blocksOf(a, BlockList) {
			if len(b.Items) > 0 && b.Items[0] == c.first {
				found = true
				if len(b.Items) != c.items {
					t.Errorf("%s: list has %d items, want %d: %q", c.title, len(b.Items), c.items, b.Items)
				}
			}
		}
		if !found {
			t.Errorf("%s: no list starting %q", c.title, c.first)
		}
	}
}

func TestLostHyphensRestored(t *testing.T) {
	text := allText(article(t, "2023 UN Country Annual Results Report"))
	for _, w := range []string{"high-income country aspirations", "net-zero targets"} {
		if !strings.Contains(text, w) {
			t.Errorf("annual report lacks %q", w)
		}
	}
	if strings.Contains(text, "[1]") {
		t.Error("annual report still has a [1] artefact")
	}
	// A real marker between a letter and a space stays a marker.
	if !strings.Contains(allText(article(t, "Voices from the Transgender")), "SOGIE[1] Awareness") {
		t.Error("SOGIE[1] marker lost")
	}
}

func TestFootnotes(t *testing.T) {
	cases := []struct {
		title        string
		notes, cited int
	}{
		{"Harnessing Technology and Innovation", 14, 12},
		{"Voices from the Transgender Community", 1, 1},
		{"Supporting Safer Choices", 2, 2},
		{"Ending HIV-related discrimination", 1, 1},
		{"Equal and equitable access to HIV services", 2, 2},
		{"Take Pride in Kindness", 1, 1},
		{"2023 UN Country Annual Results Report", 0, 0},
	}
	for _, c := range cases {
		a := article(t, c.title)
		cited := 0
		for i, f := range a.Footnotes {
			if f.N != i+1 || f.Text == "" || strings.HasPrefix(f.Text, "[") {
				t.Errorf("%s: footnote %d = %+v", c.title, i, f)
			}
			if f.Cited {
				cited++
			}
		}
		if len(a.Footnotes) != c.notes || cited != c.cited {
			t.Errorf("%s: %d footnotes, %d cited; want %d, %d", c.title, len(a.Footnotes), cited, c.notes, c.cited)
		}
		if strings.Contains(allText(a), "References:") {
			t.Errorf("%s: reference list left in the body", c.title)
		}
	}
	h := article(t, "Harnessing Technology and Innovation")
	if f, _ := h.Footnote(7); f.Cited {
		t.Error("footnote 7 is never cited")
	}
}

func TestSeveralReferencesOnOneLine(t *testing.T) {
	raw := "Story\n01 May 2024\nA test of references\nAid rose sharply.[1] Trade fell.[2] Both matter.[3]\n" +
		"[1] UNAIDS report 2024. [2] UNODC survey, table [4]. [3] World Bank data.\n[1] UNAIDS report 2024.\n"
	arts := ParseSnapshot("x.txt", []byte(raw))
	if len(arts) != 1 {
		t.Fatalf("got %d articles", len(arts))
	}
	got := arts[0].Footnotes
	want := []Footnote{{1, "UNAIDS report 2024.", true}, {2, "UNODC survey, table [4].", true}, {3, "World Bank data.", true}}
	if !slices.Equal(got, want) {
		t.Errorf("footnotes = %+v, want %+v", got, want)
	}
}

// chrome is text that must never survive as article text.
var chrome = []string{"Learn more", "1 of 5", "Latest", "Latest Resources", "1 / 11", "Resources",
	"Trích dẫn", "Trích dẫn 1", "Reactions:", "Share:", "Trending", "Most Viewed", "Related news",
	"Related News", "TIN LIÊN QUAN", "./.", "-End-", "#############", "Log in", "Vietnam",
	"The Sustainable Development Goals in Viet Nam", "Download the report here."}

func TestNoChromeLeft(t *testing.T) {
	for _, a := range Embedded().Articles {
		text := allText(&a)
		for _, line := range strings.Split(text, "\n") {
			if slices.Contains(chrome, line) {
				t.Errorf("%s: chrome line %q left", a.ID, line)
			}
			if strings.HasSuffix(line, "./.") {
				t.Errorf("%s: end marker left in %q", a.ID, line)
			}
		}
		for _, tail := range []string{"Vovinam matters", "Tan Nam – Meun Chey", "Canadian-funded project",
			"High-tech manufacturing expansion", "These are the goals the UN is working on"} {
			if strings.Contains(text, tail) {
				t.Errorf("%s: page tail %q left", a.ID, tail)
			}
		}
		if strings.Contains(text, a.Title+"\n") && a.Kind == KindNews {
			t.Errorf("%s: headline repeated in the body", a.ID)
		}
	}
}

func TestNoDuplicateBlocks(t *testing.T) {
	for _, a := range Embedded().Articles {
		seen := map[string]bool{}
		for _, b := range a.Blocks {
			k := b.Text + strings.Join(b.Items, "|")
			if seen[k] {
				t.Errorf("%s: block repeated: %.60q", a.ID, k)
			}
			seen[k] = true
		}
	}
	nam := article(t, "Launch of the National Action Month")
	if n := strings.Count(allText(nam), "Email: vubdg@molisa.gov.vn"); n != 1 {
		t.Errorf("National Action Month contact appears %d times", n)
	}
}

func TestOutletArticles(t *testing.T) {
	a := article(t, "Vietnam launches campaign to protect women")
	if a.Source != "The Hanoi Times" || a.Kind != KindNews {
		t.Errorf("source %q kind %q", a.Source, a.Kind)
	}
	if !strings.HasPrefix(a.Summary, "Technology-facilitated violence is increasing") {
		t.Errorf("summary = %q", a.Summary)
	}
	if strings.Contains(allText(a), "THE HANOI TIMES") {
		t.Error("byline left in the body")
	}
	if !strings.HasPrefix(allText(a), "Technology-facilitated violence is increasing") ||
		!strings.Contains(allText(a), "\nVietnam’s month-long campaign against gender-based violence") {
		t.Errorf("body start: %.200q", allText(a))
	}
	caps := blocksOf(a, BlockCaption)
	if len(caps) != 2 || !strings.HasSuffix(caps[0].Text, "Photo: Plan International") {
		t.Errorf("captions: %q", caps)
	}

	c := article(t, "Creating a safe cyberspace")
	var capText []string
	for _, b := range blocksOf(c, BlockCaption) {
		capText = append(capText, b.Text)
		if isVietnamese(b.Text) {
			t.Errorf("Vietnamese caption kept: %q", b.Text)
		}
	}
	if len(capText) != 4 || !strings.HasPrefix(capText[0], "Overview the international workshop") {
		t.Errorf("cyberspace captions: %q", capText)
	}
	if strings.Contains(allText(c), "Toàn cảnh Hội thảo") || strings.Contains(allText(c), "Thượng tá") {
		t.Error("Vietnamese caption text kept before its English translation")
	}
	u := article(t, "UNFPA accompanies Vietnam")
	if caps := blocksOf(u, BlockCaption); len(caps) != 1 || !strings.HasSuffix(caps[0].Text, "(Photo: TH)") {
		t.Errorf("UNFPA captions: %q", caps)
	}
}

func TestCamelCaseAndAbbreviationsKept(t *testing.T) {
	corpus := ""
	for _, a := range Embedded().Articles {
		corpus += allText(&a)
	}
	for _, w := range []string{"PrEP", "TikToker Pham Vinh", "UNAIDS", "VNP+", "hoang.thao@unwomen.org",
		"https://vietnam.un.org/", "Ms. Elisa Fernandez Saenz", "Dr Maria Elena", "Diep.Vungoc@fao.org",
		"DigitALL", "S Đỏ’s team"} {
		if !strings.Contains(corpus, w) {
			t.Errorf("corpus lost %q", w)
		}
	}
	cases := map[string][]string{
		"Talks with the U.S. Embassy went well.The next day was calm.":               {"Talks with the U.S. Embassy went well.", "The next day was calm."},
		"Write to Mr. Nam at nam.le@un.org.Or visit www.un.org.vn/En/x.":             {"Write to Mr. Nam at nam.le@un.org.Or visit www.un.org.vn/En/x."},
		"Her YouTube channel is popular with young TikTokers everywhere.":            {"Her YouTube channel is popular with young TikTokers everywhere."},
		"Results so far:Enrolment rose.Dropout fell.":                                {"Results so far:", "Enrolment rose.", "Dropout fell."},
		"Please contact:Ms. Hoang ThaoCommunications and Advocacy Analyst, UN Women": {"Please contact:", "Ms. Hoang Thao", "Communications and Advocacy Analyst, UN Women"},
	}
	for in, want := range cases {
		list := 0
		var got []string
		for _, u := range recoverLine(nil, in, &list) {
			got = append(got, u.text)
		}
		if !slices.Equal(got, want) {
			t.Errorf("recoverLine(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDatelines(t *testing.T) {
	cases := []struct{ line, source, date, rest string }{
		{"THE HANOI TIMES — Vietnam’s campaign starts.", "The Hanoi Times", "", "Vietnam’s campaign starts."},
		{"HANOI — Officials met on Monday to discuss it.", "", "", "Officials met on Monday to discuss it."},
		{"Hanoi (VNA) – The Ministry of Health said on Friday that…", "Vietnam News Agency", "", "The Ministry of Health said on Friday that…"},
		{"HANOI, Nov 11, 2025 (Reuters) - Vietnam said on Tuesday it would…", "Reuters", "2025-11-11", "Vietnam said on Tuesday it would…"},
		{"VNS — The national action month opened in Ha Noi today.", "Viet Nam News", "", "The national action month opened in Ha Noi today."},
	}
	for _, c := range cases {
		src, d, rest, ok := splitDateline(c.line)
		if !ok || src != c.source || d.String() != c.date || rest != c.rest {
			t.Errorf("splitDateline(%q) = %q, %q, %q, %v", c.line, src, d, rest, ok)
		}
	}
	for _, l := range []string{"UN Women — and partners — met in Hanoi today.", "The one-stop shop model - what is it?"} {
		if _, _, _, ok := splitDateline(l); ok {
			t.Errorf("splitDateline(%q) took a sentence for a dateline", l)
		}
	}
}

func TestParseDate(t *testing.T) {
	cases := map[string]string{
		"07 March 2023": "2023-03-07", "March 7, 2023": "2023-03-07", "Nov 11, 2025": "2025-11-11",
		"Monday, November 13, 2023 14:05": "2023-11-13", "13/11/2023": "2023-11-13", "2023-11-13": "2023-11-13",
		"2023-11-13T08:00:00Z": "2023-11-13", "November 2023": "2023-11", "Published: 13 Nov 2023 | 10:00 am": "2023-11-13",
		"1st December 2024": "2024-12-01", "Thứ Hai, 13/11/2023": "2023-11-13", "31 February 2023": "", "Story": "",
		"04 Oct, 04:11": "", "Vietnam launches campaign 2023": "", "18.10.2024": "2024-10-18",
		// The formats of the real captures, and their kin.
		"Mar 28, 2022 / 21:50": "2022-03-28", "December 12, 2020 | 13:05": "2020-12-12",
		"2019-03-30 17:10:28": "2019-03-30", "29/3/2019": "2019-03-29", "08/07/2025": "2025-07-08",
		"Friday, 15 December 2017": "2017-12-15", "calendar_today 13 February 2025": "2025-02-13",
		"Date & Time:   08:00-11:30, Wednesday, 13 October 2021": "2021-10-13", "Date added: 06/30/2015": "2015-06-30",
		"Sunday, November 19, 2023, 17:15 GMT+7": "2023-11-19", "October 22, 2022 10:26 PM GMT+7": "2022-10-22",
		"11/2017": "2017-11", "27-11-2023 08:21": "2023-11-27", "13/13/2023": "",
	}
	for in, want := range cases {
		d, ok := ParseDate(in)
		if d.String() != want || ok != (want != "") {
			t.Errorf("ParseDate(%q) = %q, %v; want %q", in, d, ok, want)
		}
	}
}

func TestSanitize(t *testing.T) {
	cases := map[string]string{
		"\xef\xbb\xbfHello\r\nWorld\rAgain":          "Hello\nWorld\nAgain\n",
		"bad \xff byte":                              "bad \uFFFD byte\n",
		"Ha\u0300 No\u0302\u0323i":                   "Hà Nội\n", // NFD in, NFC out
		"red \x1b[31mALERT\x1b[0m done":              "red ALERT done\n",
		"title \x1b]0;pwned\x07 here":                "title here\n",
		"link \x1b]8;;http://x\x1b\\y\x1b]8;;\x1b\\": "link y\n",
		"c1 \u009b31m csi":                           "c1 csi\n",
		"entity &#27;[2J and &amp; and &#x9b;1m":     "entity and & and ›1m\n",
		"bidi \u202eevil\u202c text":                 "bidi evil text\n",
		"tabs\tand   spaces  ":                       "tabs and spaces\n",
		"bell\a and nul\x00 gone":                    "bell and nul gone\n",
	}
	for in, want := range cases {
		if got := Sanitize([]byte(in)); got != want {
			t.Errorf("Sanitize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestHostileCaptureIsSafe(t *testing.T) {
	raw := "Story\n01 May 2024\nTitle \x1b[2J with \u009b31m escapes &#27;]0;x&#7;\n" +
		"Body \x1b]8;;file:///etc/passwd\x1b\\text\x1b]8;;\x1b\\ and *markdown* [link](http://evil) <b>html</b> &#27;.\n"
	arts := ParseSnapshot("hostile.txt", []byte(raw))
	if len(arts) != 1 {
		t.Fatalf("got %d articles", len(arts))
	}
	b, _ := json.Marshal(arts[0])
	md := Markdown(&arts[0])
	for _, s := range []string{string(b), md, arts[0].Title} {
		for _, r := range s {
			if unicode.IsControl(r) && r != '\n' {
				t.Fatalf("control character %U survived in %q", r, s)
			}
		}
	}
	if strings.Contains(md, "[link](") || strings.Contains(md, "<b>") || strings.Contains(md, "&#27;") {
		t.Errorf("markdown not escaped: %q", md)
	}
}

func TestThemes(t *testing.T) {
	// Every theme of the taxonomy tags at least one seed article.
	counts := map[string]int{}
	for _, a := range Embedded().Articles {
		for _, th := range a.Themes {
			counts[th.ID]++
			if len(th.Terms) == 0 {
				t.Errorf("%s: theme %s with no terms", a.ID, th.ID)
			}
		}
	}
	for _, th := range Themes {
		if counts[th.ID] == 0 {
			t.Errorf("theme %s tags no seed article", th.ID)
		}
	}
	is := map[string][]string{
		"Building a sustainable HIV response":          {"hiv"},
		"Voices from the Transgender Community":        {"hiv", "lgbti"},
		"Supporting Safer Choices":                     {"hiv"},
		"Key opinion leaders in Viet Nam":              {"cyberviolence", "gbv"},
		"Creating a safe cyberspace":                   {"cyberviolence"},
		"Vietnam launches campaign":                    {"cyberviolence", "gbv"},
		"UNFPA accompanies Vietnam":                    {"gbv"},
		"Prism of Love Photography":                    {"disability"},
		"UN Women and Japan Join Forces":               {"climate", "gender-equality"},
		"Take Pride in Kindness":                       {"lgbti"},
		"Dignity, Freedom and Justice for All":         {"human-rights"},
		"Celebration of the 44th Word Food Day":        {"food-agriculture"},
		"Viet Nam to study National Action Plan":       {"peace-security", "gender-equality"},
		"Consultation Workshop on Draft Report":        {"sdg"},
		"Harnessing Technology and Innovation":         {"digital", "gender-equality"},
		"Equal and equitable access to HIV services":   {"hiv", "lgbti"},
		"UNIDO’s technical advice enables first batch": {"food-agriculture"},
	}
	isNot := map[string][]string{
		"UNIDO’s technical advice enables first batch": {"hiv", "health", "gbv"},
		"Celebration of the 44th Word Food Day":        {"hiv", "gbv"},
		"Take Pride in Kindness":                       {"hiv"},
		"Prism of Love Photography":                    {"hiv", "gbv"},
		"Viet Nam: Charting a Sustainable Path":        {"hiv", "gbv"},
	}
	for title, ids := range is {
		a := article(t, title)
		for _, id := range ids {
			if !a.HasTheme(id) {
				t.Errorf("%s: want theme %s, have %v", title, id, a.ThemeIDs())
			}
		}
	}
	for title, ids := range isNot {
		a := article(t, title)
		for _, id := range ids {
			if a.HasTheme(id) {
				t.Errorf("%s: tagged %s by a passing mention (%v)", title, id, a.Themes)
			}
		}
	}
	// The three 2024 HIV stories are HIV, and every theme id is in the taxonomy.
	n := 0
	for _, a := range Embedded().Articles {
		if a.Kind == KindStory && a.Date.Time.Year() == 2024 && a.HasTheme("hiv") {
			n++
		}
		for _, th := range a.Themes {
			if _, ok := ThemeByID(th.ID); !ok {
				t.Errorf("unknown theme %q", th.ID)
			}
		}
	}
	if n != 3 {
		t.Errorf("%d 2024 stories tagged hiv, want 3", n)
	}
}

func TestMergeAcrossCaptures(t *testing.T) {
	raw0, _ := os.ReadFile(filepath.Join(seedDir, "000_82d92ce90daeddfc.txt"))
	teaserOnly := "Latest\nPress Release\n24 March 2023\nOfficial Launch of “the one-stop-shop model to support women and children subject to violence in Ho Chi Minh city”\nLearn more\n"
	c := Build([]Capture{{"teaser.txt", []byte(teaserOnly)}, {"000.txt", raw0}, {"000-again.txt", raw0}})
	if len(c.Articles) != 12 {
		t.Errorf("got %d articles, want 12", len(c.Articles))
	}
	ids := map[string]bool{}
	for _, a := range c.Articles {
		if ids[a.ID] {
			t.Errorf("duplicate id %s", a.ID)
		}
		ids[a.ID] = true
		if strings.HasPrefix(a.Title, "Official Launch") && (a.Teaser || a.Snapshot == "teaser.txt") {
			t.Errorf("the headline-only copy won over the full one: %+v", a)
		}
	}
	for i := 1; i < len(c.Articles); i++ {
		if c.Articles[i-1].Date.Time.Before(c.Articles[i].Date.Time) && !c.Articles[i].Date.IsZero() {
			t.Errorf("not newest first at %d", i)
		}
	}
}

func TestIDs(t *testing.T) {
	a := article(t, "Building a sustainable HIV response")
	if a.ID != "2024-11-30-building-a-sustainable-hiv-response-with-the-community-for" {
		t.Errorf("id = %q", a.ID)
	}
	if id := article(t, "UNFPA accompanies").ID; id != "undated-unfpa-accompanies-vietnam-in-responding-to-gender-based" {
		t.Errorf("undated id = %q", id)
	}
	seen := map[string]bool{}
	for _, a := range Embedded().Articles {
		if seen[a.ID] || !regexp.MustCompile(`^[a-z0-9-]+$`).MatchString(a.ID) {
			t.Errorf("bad or duplicate id %q", a.ID)
		}
		seen[a.ID] = true
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	good, _ := os.ReadFile(filepath.Join(seedDir, "003_7139f2099e2e9b4d.txt"))
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.WriteFile(filepath.Join(dir, "good.txt"), good, 0o644))
	must(os.WriteFile(filepath.Join(dir, "empty.txt"), nil, 0o644))
	must(os.WriteFile(filepath.Join(dir, "binary.txt"), []byte("PK\x03\x04\x00\x00junk"), 0o644))
	must(os.WriteFile(filepath.Join(dir, "ignored.md"), good, 0o644))
	c, err := Load([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Articles) != 1 || len(c.Warnings) != 2 {
		t.Fatalf("articles %d warnings %v", len(c.Articles), c.Warnings)
	}
	for _, w := range c.Warnings {
		if !strings.HasSuffix(w.Snapshot, "empty.txt") && !strings.HasSuffix(w.Snapshot, "binary.txt") {
			t.Errorf("warning names %q", w.Snapshot)
		}
	}
	if _, err := Load([]string{filepath.Join(dir, "missing")}); err == nil || !strings.Contains(err.Error(), "missing") {
		t.Errorf("missing path: err = %v", err)
	}
	if os.Getuid() != 0 {
		locked := filepath.Join(dir, "locked.txt")
		must(os.WriteFile(locked, good, 0o000))
		c, err := Load([]string{locked, filepath.Join(dir, "good.txt")})
		if err != nil || len(c.Warnings) != 1 || len(c.Articles) != 1 {
			t.Errorf("unreadable file: %v %v", err, c.Warnings)
		}
	}
}

func TestExportJSONFields(t *testing.T) {
	b, err := json.Marshal(Embedded())
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Articles []map[string]json.RawMessage `json:"articles"`
		Warnings []map[string]string          `json:"warnings"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	want := []string{"blocks", "date", "footnotes", "id", "kind", "snapshot", "source", "summary", "teaser", "themes", "title", "title_made", "url"}
	for _, a := range doc.Articles {
		var keys []string
		for k := range a {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		if !slices.Equal(keys, want) {
			t.Fatalf("article keys %v, want %v", keys, want)
		}
	}
	var blk []map[string]json.RawMessage
	_ = json.Unmarshal(doc.Articles[1]["blocks"], &blk)
	if len(blk) == 0 || len(blk[0]) != 3 || blk[0]["type"] == nil || string(blk[0]["items"]) != "[]" {
		t.Errorf("block fields: %v", blk)
	}
}

func TestMarkdown(t *testing.T) {
	md := Markdown(article(t, "Harnessing Technology and Innovation"))
	for _, want := range []string{"# Harnessing Technology and Innovation for Social Inclusion & Gender Equality\n",
		"*Story · 7 March 2023 · UN Viet Nam*", "\n## Notes\n\n1. Commission on the Status", "\n14. https://www.imf.org",
		"\n- Ensure gender-responsive policies"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
	if md := Markdown(article(t, "International Holocaust")); !strings.Contains(md, "Only the headline") {
		t.Errorf("teaser markdown: %q", md)
	}
}

func TestFold(t *testing.T) {
	cases := map[string]string{
		"Đặng Quốc Phong": "dang quoc phong", "ĐẶNG": "dang", "Hà Nội": "ha noi", "Việt Nam": "viet nam",
		"PrEP": "prep", "Ωmega": "ωmega", "e\u0301": "e",
	}
	for in, want := range cases {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

// A capture saved with a BOM and Windows line ends, or with decomposed accents, parses to the
// same articles.
func TestEncodingVariantsParseAlike(t *testing.T) {
	for _, f := range seedFiles(t) {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		want := ParseSnapshot(f, raw)
		crlf := append([]byte("\xef\xbb\xbf"), bytes.ReplaceAll(raw, []byte("\n"), []byte("\r\n"))...)
		nfd := []byte(norm.NFD.String(string(raw)))
		for name, variant := range map[string][]byte{"crlf+bom": crlf, "nfd": nfd} {
			got := ParseSnapshot(f, variant)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s (%s) parses differently: %d articles, want %d", filepath.Base(f), name, len(got), len(want))
			}
		}
	}
}

// A marker that no footnote answers, between a letter and a small letter, was a hyphen.
func TestRestoreLostHyphensEdges(t *testing.T) {
	cases := map[string]string{
		"high[1]income and net[1]zero":    "high-income and net-zero",
		"e[1]mail[2]s":                    "e-mail-s",
		"a[[1]b, [1]start, end[1]":        "a[[1]b, [1]start, end[1]",        // no letter before, none after
		"SOGIE[3] Awareness, co[3]author": "SOGIE[3] Awareness, co[3]author", // note 3 exists
		"x[12345]y and x[1234]y":          "x[12345]y and x-y",
		"no markers [here]":               "no markers [here]",
	}
	for in, want := range cases {
		a := &Article{Blocks: []Block{{Type: BlockParagraph, Text: in}}, Footnotes: []Footnote{{N: 3, Text: "A note."}}}
		restoreLostHyphens(a)
		if got := a.Blocks[0].Text; got != want {
			t.Errorf("restoreLostHyphens(%q) = %q, want %q", in, got, want)
		}
	}
}

// mergeTeasers drops a teaser whose title (by TitleKey) a full item or an earlier item has; it
// cuts every key from one string and filters in place, and must keep exactly what this keeps.
func TestMergeTeasersDropsRepeatedTeasers(t *testing.T) {
	spec := func(items []item) []string {
		full := map[string]bool{}
		for _, it := range items {
			if !it.teaser {
				full[TitleKey(it.title)] = true
			}
		}
		var out []string
		seen := map[string]bool{}
		for _, it := range items {
			k := TitleKey(it.title)
			if it.teaser && (full[k] || seen[k]) {
				continue
			}
			seen[k] = true
			out = append(out, fmt.Sprintf("%s|%v", it.title, it.teaser))
		}
		return out
	}
	titles := []string{"Viet Nam", "VIET NAM!", "Việt Nam", "", "HIV", "hiv 2", "Hà Nội", "Ha Noi", "Other"}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 2000 {
		items := make([]item, rng.IntN(8))
		for i := range items {
			items[i] = item{title: titles[rng.IntN(len(titles))], teaser: rng.IntN(3) > 0}
		}
		want := spec(items)
		var got []string
		for _, it := range mergeTeasers(items) {
			got = append(got, fmt.Sprintf("%s|%v", it.title, it.teaser))
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("mergeTeasers kept %q, want %q", got, want)
		}
	}
}

// The items of a capture cut their body lines from one shared slice; appending to one item's
// lines must leave every other item's as they were.
func TestItemBodiesDoNotOverlap(t *testing.T) {
	for _, f := range seedFiles(t) {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text, sc := sanitizeText(raw)
		ls := toLines(nil, text, sc)
		markMenus(ls)
		spans, head := segment(ls)
		page := pageHeader(ls[:head])
		bodies := make([]string, 0, textLines(ls))
		var items []item
		for _, sp := range spans {
			if it, ok := readItem(ls, sp, page, &bodies); ok {
				items = append(items, it)
			}
		}
		var before []string
		for _, it := range items {
			before = append(before, strings.Join(it.lines, "\n"))
		}
		for i := range items {
			items[i].lines = append(items[i].lines, "appended")
			for j, it := range items {
				if j != i && strings.Join(it.lines, "\n") != before[j] {
					t.Fatalf("%s: appending to item %d changed item %d", f, i, j)
				}
			}
			items[i].lines = items[i].lines[:len(items[i].lines)-1]
		}
		if len(items) < 2 && strings.HasPrefix(filepath.Base(f), "000") {
			t.Fatalf("%s: want the listing's items, got %d", f, len(items))
		}
	}
}
