package ui

import (
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/cursor"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"unvn/data"
)

func day(s string) data.Date {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return data.Date{Time: t, Precision: data.PrecisionDay}
}

func themes(ids ...string) []data.ThemeMatch {
	var ms []data.ThemeMatch
	for _, id := range ids {
		ms = append(ms, data.ThemeMatch{ID: id, Terms: []string{id}})
	}
	return ms
}

func para(s string) data.Block { return data.Block{Type: data.BlockParagraph, Text: s} }

// testArticles is a small fixed library: a long story with footnotes, a headline-only speech,
// Vietnamese and wide titles, and a month-only date, so goldens do not move with the parser.
func testArticles() []data.Article {
	long := []data.Block{
		para("As international HIV funding began to fade in Viet Nam, community-based organizations have risen to the challenge, striving to ensure that community-driven solutions can not only survive but thrive.[1]"),
		{Type: data.BlockHeading, Text: "A Turning Point"},
		para("Founded in 2012 by and for the MSM and transgender communities, S Đỏ began as a small initiative powered by international donor support to provide critical HIV testing, counseling, and outreach services."),
		{Type: data.BlockQuote, Text: "We chose to grow, says Đặng Quốc Phong, the non-binary leader of S Đỏ."},
		{Type: data.BlockList, Items: []string{"PrEP and self-testing kits", "Community outreach in Can Tho", "Peer counselling by TikTokers"}},
		para("Viet Nam transitions to upper-middle-income status and external donor funding is declining.[2] This has left organizations at a crossroads: adapt or risk losing the hard-won gains in their capacity and results against HIV."),
		{Type: data.BlockCaption, Text: "Volunteers at a testing day in Can Tho. Photo: UNAIDS Viet Nam"},
		{Type: data.BlockHeading, Text: "The Decision to Diversify"},
	}
	for i := 0; i < 6; i++ {
		long = append(long, para("Social enterprise income now pays for testing, counselling and outreach, and the community keeps control of the services it built over a decade of work with partners across the Mekong Delta."))
	}
	long = append(long, para("The model is now studied by other provinces.[1] [3]"))
	return []data.Article{
		{
			ID: "2024-12-01-un-secretary-general-message", Kind: data.KindSpeech, Date: day("2024-12-01"),
			Title:  "UN Secretary-General's message for World AIDS Day, observed on 1 December 2024",
			Source: "UN Viet Nam", Teaser: true, Themes: themes("hiv"),
		},
		{
			ID: "2024-11-30-building-a-sustainable-hiv-response", Kind: data.KindStory, Date: day("2024-11-30"),
			Title:   "Building a sustainable HIV response with the community, for the community",
			Source:  "UN Viet Nam",
			Summary: "As international HIV funding began to fade in Viet Nam, community-based organizations have risen to the challenge.",
			Blocks:  long,
			Footnotes: []data.Footnote{
				{N: 1, Text: "UNAIDS, Global AIDS Update 2024, https://www.unaids.org/en/resources/documents/2024/global-aids-update-2024", Cited: true},
				{N: 2, Text: "World Bank, Viet Nam overview, 2024.", Cited: true},
				{N: 3, Text: "Ministry of Health, Viet Nam Administration of HIV/AIDS Control, annual report 2023.", Cited: true},
				{N: 4, Text: "A reference the text never cites.", Cited: false},
			},
			Themes: themes("hiv", "lgbti", "health"),
		},
		{
			ID: "2024-11-06-ang-quoc-phong-cong-ong", Kind: data.KindNews, Date: day("2024-11-06"),
			Title:   "Đặng Quốc Phong: cộng đồng là trung tâm của ứng phó HIV 🇻🇳 — 越南の地域社会",
			Source:  "Báo Phụ Nữ",
			Summary: "Người đứng đầu S Đỏ nói về tương lai của các tổ chức cộng đồng.",
			Blocks:  []data.Block{para("Người đứng đầu S Đỏ nói về tương lai của các tổ chức cộng đồng ở Cần Thơ. 👩🏽‍⚕️ 越南")},
			Themes:  themes("hiv", "lgbti"),
		},
		{
			ID: "2024-09-26-viet-nam-charting-a-sustainable-path", Kind: data.KindStory, Date: day("2024-09-26"),
			Title:  "Viet Nam: Charting a Sustainable Path at the Summit of the Future",
			Source: "UN Viet Nam",
			Blocks: []data.Block{para("Viet Nam joined world leaders in New York to adopt the Pact for the Future, with commitments on climate action and the Sustainable Development Goals.")},
			Themes: themes("climate", "sdg"),
		},
		{
			ID: "2023-03-launch-of-the-national-action-month", Kind: data.KindPressRelease,
			Date:   data.Date{Time: time.Date(2023, 3, 1, 0, 0, 0, 0, time.UTC), Precision: data.PrecisionMonth},
			Title:  "Launch of the National Action Month on Gender Equality and Gender-Based Violence Prevention and Response",
			Source: "UN Viet Nam",
			Blocks: []data.Block{para("The campaign calls for an end to violence against women and children, online and offline.")},
			Themes: themes("gbv", "gender-equality"),
		},
	}
}

const (
	idTeaser  = "2024-12-01-un-secretary-general-message"
	idStory   = "2024-11-30-building-a-sustainable-hiv-response"
	idVietnam = "2024-11-06-ang-quoc-phong-cong-ong"
	idClimate = "2024-09-26-viet-nam-charting-a-sustainable-path"
)

// press builds the key press a terminal would send for k, in the same spelling as key.Matches.
func press(k string) tea.KeyPressMsg {
	named := map[string]rune{
		"enter": tea.KeyEnter, "esc": tea.KeyEscape, "tab": tea.KeyTab, "backspace": tea.KeyBackspace,
		"up": tea.KeyUp, "down": tea.KeyDown, "pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown,
		"home": tea.KeyHome, "end": tea.KeyEnd,
	}
	if c, ok := named[k]; ok {
		return tea.KeyPressMsg{Code: c}
	}
	if c, ok := strings.CutPrefix(k, "ctrl+"); ok {
		return tea.KeyPressMsg{Code: rune(c[0]), Mod: tea.ModCtrl}
	}
	switch k {
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	}
	r := []rune(k)
	return tea.KeyPressMsg{Code: r[0], Text: k}
}

func TestPressSpelling(t *testing.T) {
	for _, k := range []string{"enter", "esc", "tab", "backspace", "up", "down", "pgup", "pgdown", "home", "end", "space", "ctrl+c", "ctrl+d", "left", "j", "G", "]", "?", "/"} {
		if got := press(k).String(); got != k {
			t.Errorf("press(%q).String() = %q", k, got)
		}
	}
}

// harness drives a Model like the runtime does, but synchronously: every command runs to
// completion at once and its message is fed straight back, however slow the machine (Glamour
// under -race on busy cores takes its time, and a test must never depend on that). Nothing
// waits on a clock: the split view's follow delay is off (FollowDelay -1) and the text inputs'
// cursors do not blink; a blink that slipped through would be dropped by its type.
type harness struct {
	t    testing.TB
	m    *Model
	quit bool // a command asked to quit
}

func newHarness(t testing.TB, w, h int, opts ...func(*Options)) *harness {
	o := Options{Corpus: data.Corpus{Articles: testArticles()}, FollowDelay: -1,
		OpenURL: func(string) error { return nil }}
	for _, f := range opts {
		f(&o)
	}
	hs := &harness{t: t, m: New(o)}
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	return hs
}

// send delivers msg and everything the commands it causes send back.
func (h *harness) send(msg tea.Msg) {
	_, cmd := h.m.Update(msg)
	h.run(cmd, 0)
}

func (h *harness) run(cmd tea.Cmd, depth int) {
	if cmd == nil {
		return
	}
	if depth > 50 {
		h.t.Fatalf("commands keep causing commands")
	}
	switch msg := cmd().(type) {
	case nil, cursor.BlinkMsg:
	case tea.BatchMsg:
		for _, c := range msg {
			h.run(c, depth+1)
		}
	case tea.QuitMsg:
		h.quit = true
	default:
		_, next := h.m.Update(msg)
		h.run(next, depth+1)
	}
}

func (h *harness) keys(ks ...string) *harness {
	for _, k := range ks {
		h.send(press(k))
	}
	return h
}

func (h *harness) typ(s string) *harness {
	for _, r := range s {
		h.send(press(string(r)))
	}
	return h
}

func (h *harness) view() string { return ansi.Strip(h.m.render()) }

func (h *harness) selectedID() string {
	if a := h.m.list.Selected(); a != nil {
		return a.ID
	}
	return ""
}

func (h *harness) readerID() string {
	if a := h.m.reader.Article(); a != nil {
		return a.ID
	}
	return ""
}

// checkFrame asserts the frame fits the terminal exactly.
func checkFrame(t *testing.T, h *harness, w, ht int) {
	t.Helper()
	v := h.m.render()
	lines := strings.Split(v, "\n")
	if len(lines) > ht {
		t.Fatalf("%dx%d: %d lines", w, ht, len(lines))
	}
	for i, l := range lines {
		if lw := ansi.StringWidth(l); lw > w {
			t.Fatalf("%dx%d: line %d is %d cells: %q", w, ht, i, lw, ansi.Strip(l))
		}
	}
}
