package data

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The fixtures in testdata/ are captures written in the shapes of other outlets and of another
// UN Viet Nam page (VietnamPlus, Viet Nam News, VnExpress): the parser must read them by the same
// general rules as the seeds, with no rule written for them.
func parseFixture(t *testing.T, name string) Article {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	arts := ParseSnapshot(name, raw)
	if len(arts) == 0 {
		t.Fatalf("%s: no article", name)
	}
	return arts[len(arts)-1]
}

func TestOtherOutlets(t *testing.T) {
	cases := []struct {
		file, title, date, source string
		captions                  int
		firstBody                 string
		themes                    []string
	}{
		{"vietnamplus.txt", "Vietnam steps up HIV prevention among young people", "2023-11-23", "VietnamPlus", 1,
			"Vietnam will expand access to PrEP and self-testing", []string{"hiv", "youth"}},
		{"vns.txt", "UN calls for joint action to end violence against women and girls", "2023-11-25", "Viet Nam News", 1,
			"The United Nations in Viet Nam on Saturday called", []string{"gbv"}},
		{"vnexpress.txt", "Typhoon season leaves central Vietnam farmers struggling with saltwater intrusion", "2023-11-27", "", 1,
			"Farmers in the central provinces say drought", []string{"climate"}},
		{"nhandan.txt", "Vietnam, UNICEF step up child online protection", "2023-11-13", "Nhan Dan Online", 0,
			"The Ministry of Information and Communications and UNICEF", []string{"cyberviolence", "children"}},
	}
	for _, c := range cases {
		a := parseFixture(t, c.file)
		if a.Title != c.title || a.Date.String() != c.date || a.Source != c.source || a.Kind != KindNews {
			t.Errorf("%s: title %q date %q source %q kind %q", c.file, a.Title, a.Date, a.Source, a.Kind)
		}
		if n := len(blocksOf(&a, BlockCaption)); n != c.captions {
			t.Errorf("%s: %d captions, want %d", c.file, n, c.captions)
		}
		text := allText(&a)
		if !strings.HasPrefix(text, c.firstBody) || !strings.HasPrefix(a.Summary, c.firstBody) {
			t.Errorf("%s: body starts %.80q", c.file, text)
		}
		for _, bad := range []string{"Tags:", "Share", "Print", "Comments", "Related", "Other News",
			"You may also like", "Hanoi hosts forum", "\nVNA\n", "— VNS", "By Hoang Phong", "Menu",
			"Illustrative photo", "Read more:", "ADVERTISEMENT", "child protection\n", "(VNA)", "NDO –", "Thứ Hai"} {
			if strings.Contains(text, bad) {
				t.Errorf("%s: chrome %q left", c.file, bad)
			}
		}
		for _, id := range c.themes {
			if !a.HasTheme(id) {
				t.Errorf("%s: want theme %s, have %v", c.file, id, a.ThemeIDs())
			}
		}
	}
}

func TestNumberedListEndsWithTheNumbers(t *testing.T) {
	a := parseFixture(t, "nhandan.txt")
	lists := blocksOf(&a, BlockList)
	if len(lists) != 1 || len(lists[0].Items) != 3 || !strings.HasPrefix(lists[0].Items[2], "3. ") {
		t.Errorf("lists: %q", lists)
	}
	if last := a.Blocks[len(a.Blocks)-1]; last.Type != BlockParagraph || last.Text != "The campaign runs until 2025." {
		t.Errorf("last block: %+v", last)
	}
}

func TestUNSiteVariant(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "un-site-variant.txt"))
	if err != nil {
		t.Fatal(err)
	}
	arts := ParseSnapshot("v.txt", raw)
	if len(arts) != 2 {
		t.Fatalf("got %d articles, want 2", len(arts))
	}
	if s := arts[0]; s.Kind != KindSpeech || !s.Teaser || s.Date.String() != "2023-12-10" {
		t.Errorf("statement teaser: %+v", s)
	}
	m := arts[1]
	var types []BlockType
	for _, b := range m.Blocks {
		types = append(types, b.Type)
	}
	want := []BlockType{BlockParagraph, BlockParagraph, BlockParagraph, BlockHeading, BlockParagraph,
		BlockParagraph, BlockList, BlockCaption}
	if m.Teaser || !slices.Equal(types, want) {
		t.Errorf("mangrove story blocks %v, want %v", types, want)
	}
	if m.Blocks[3].Text != "Climate Adaptation in Practice" || len(m.Blocks[6].Items) != 2 {
		t.Errorf("heading %q, list %q", m.Blocks[3].Text, m.Blocks[6].Items)
	}
}

// An article's own page on the UN site puts the title before the date and ends in chrome
// (author, UN entities, goals, other stories); the stories it links to stay as headlines.
func TestUNStoryPage(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "un-story-page.txt"))
	if err != nil {
		t.Fatal(err)
	}
	arts := ParseSnapshot("page.txt", raw)
	if len(arts) != 2 {
		t.Fatalf("got %d articles, want the story and one headline", len(arts))
	}
	a := arts[0]
	if a.Kind != KindStory || a.Date.String() != "2023-10-12" || a.Title != "Young volunteers map flood risks in Quang Nam" || a.Teaser || a.Source != "UN Viet Nam" {
		t.Errorf("story: %s %s %q teaser=%v %q", a.Kind, a.Date, a.Title, a.Teaser, a.Source)
	}
	text := allText(&a)
	for _, bad := range []string{"Written by", "UN entities involved", "Goal 13", "Toggle navigation", "Other Stories", "United Nations Development Programme"} {
		if strings.Contains(text, bad) {
			t.Errorf("chrome %q left in the story", bad)
		}
	}
	if hs := blocksOf(&a, BlockHeading); len(hs) != 1 || hs[0].Text != "Learning from the Floods" {
		t.Errorf("headings: %q", hs)
	}
	if h := arts[1]; !h.Teaser || h.Title != "Rice farmers adapt to a saltier Mekong Delta" {
		t.Errorf("headline: %+v", h)
	}
}

// Who wrote an outlet article: a site name as byline, or the agency's sign-off at the end when
// the dateline names only a place.
func TestSourceFromSignOffAndDomain(t *testing.T) {
	cases := map[string]string{
		"Society\nPolice step up fight against online scams targeting women\nHÀ NỘI — Police in Hà Nội have set up a unit to fight online scams that target women and the elderly.\nThe unit will work with banks to freeze accounts quickly.\n“Scammers move fast, so must we,” the unit’s head said. — VNS\n": "Viet Nam News",
		"News\nVietnam expands mental health services for young people\nVOV.VN - The Ministry of Health will open mental health clinics for adolescents in ten provinces this year.\nThe clinics will offer free counselling.\n":                                                                                "VOV",
		"News\nFarmers in the Mekong Delta switch to salt-tolerant rice varieties\nCAN THO — Farmers in the Mekong Delta are planting rice that can grow in salty water.\nThe change follows years of drought.\n(VNA)\n":                                                                                        "Vietnam News Agency",
	}
	cases["Vietnam expands free HIV testing for young people\nHanoi will offer free HIV self-testing kits at 50 youth centres from next month, the health department said.\nThe kits come with counselling.\nSource: VNA\n"] = "Vietnam News Agency"
	for raw, want := range cases {
		arts := ParseSnapshot("x.txt", []byte(raw))
		if len(arts) != 1 || arts[0].Source != want {
			t.Errorf("source of %.40q: got %+v, want %q", raw, arts, want)
			continue
		}
		text := allText(&arts[0])
		for _, bad := range []string{"VNS", "VOV.VN", "(VNA)", "HÀ NỘI —", "CAN THO —", "Source: VNA"} {
			if strings.Contains(text, bad) {
				t.Errorf("%q left in %q", bad, text)
			}
		}
	}
}

// The site's SDG panel is chrome even when no "Latest" line comes before it.
func TestSDGPanelEndsAnItem(t *testing.T) {
	raw := "Story\n05 June 2023\nMangroves protect Mekong Delta communities\nFamilies in Ca Mau plant mangroves to hold back the sea.\n" +
		"The Sustainable Development Goals in Viet Nam\nThe Sustainable Development Goals are a global call to action to end poverty. These are the goals the UN is working on in Viet Nam.\n"
	arts := ParseSnapshot("x.txt", []byte(raw))
	if len(arts) != 1 || len(arts[0].Blocks) != 1 || strings.Contains(allText(&arts[0]), "Sustainable Development Goals") {
		t.Errorf("got %+v", arts)
	}
}
