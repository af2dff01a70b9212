package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"unvn/data"
	"unvn/store"
	"unvn/ui"
)

func TestCommandExitStatuses(t *testing.T) {
	tests := []struct {
		args   []string
		code   int
		stderr string // a substring of stderr ("" for none)
	}{
		{[]string{"list"}, 0, ""},
		{[]string{"list", "hiv"}, 0, ""},
		{[]string{"list", "hiv", "theme:hiv"}, 0, ""},
		{[]string{"list", "--format", "json", "theme:hiv"}, 0, ""},
		{[]string{"list", "--", "-hiv"}, 0, ""},
		{[]string{"list", "zzzqqq"}, 1, `nothing matches "zzzqqq"`},
		{[]string{"list", "theme:nope"}, 2, `unknown theme "nope"`},
		{[]string{"list", "kind:blog"}, 2, "story, press-release"},
		{[]string{"list", "after:2024-13"}, 2, `bad date "2024-13"`},
		{[]string{"list", `"one-stop`}, 2, "unterminated quote"},
		{[]string{"list", "--format", "xml"}, 2, `unknown format "xml"`},
		{[]string{"list", "-hiv"}, 2, "put -- before a query"},
		{[]string{"--data", "/does/not/exist", "list"}, 1, "/does/not/exist"},
		{[]string{"show", "hiv"}, 0, `5 more articles match "hiv"; unvn list hiv lists them`},
		{[]string{"show"}, 2, "needs an article id or a query"},
		{[]string{"show", "zzzqqq"}, 1, "nothing matches"},
		{[]string{"show", "year:20x"}, 2, `bad year "20x"`},
		{[]string{"show", "--width", "-3", "hiv"}, 2, "--width"},
		{[]string{"show", "--width", "100000", "hiv"}, 2, "--width"},
		{[]string{"themes"}, 0, ""},
		{[]string{"themes", "extra"}, 2, "takes no arguments"},
		{[]string{"export", "theme:hiv"}, 0, ""},
		{[]string{"export", "--format", "markdown", "dang quoc phong"}, 0, ""},
		{[]string{"export", "zzzqqq"}, 1, "nothing matches"},
		{[]string{"export", "theme:nope"}, 2, "unknown theme"},
		{[]string{"list", "-h"}, 0, ""},
		{[]string{"show", "--help"}, 0, ""},
		{[]string{"--data"}, 2, "flag needs an argument: --data"},
		{[]string{"--data=", "list"}, 2, "--data needs a path"},
		{[]string{"show", ""}, 2, "needs an article id or a query"},
		{[]string{"mark-read", " "}, 2, "needs an article id or a query"},
		{[]string{"star", "--all", ""}, 2, "needs an article id or a query"},
	}
	for _, tt := range tests {
		code, _, errs := runCLI(t, tt.args...)
		if code != tt.code {
			t.Errorf("unvn %q: exit %d, want %d (stderr %q)", tt.args, code, tt.code, errs)
		}
		if tt.stderr == "" && errs != "" || !strings.Contains(errs, tt.stderr) {
			t.Errorf("unvn %q: stderr %q, want %q", tt.args, errs, tt.stderr)
		}
	}
}

func TestListText(t *testing.T) {
	_, out, _ := runCLI(t, "list", "hiv")
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) < 3 {
		t.Fatalf("list hiv: %q", out)
	}
	// date, kind, title, id; the best hit first
	if !strings.HasPrefix(lines[0], "2024-11-30  story          Building a sustainable HIV response") ||
		!strings.HasSuffix(lines[0], "  2024-11-30-building-a-sustainable-hiv-response-with-the-community-for") {
		t.Errorf("first line %q", lines[0])
	}
	_, all, _ := runCLI(t, "list")
	if n := strings.Count(all, "\n"); n != 27 {
		t.Errorf("list prints %d lines, want 27", n)
	}
}

func TestListJSONIsExportFiltered(t *testing.T) {
	_, out, _ := runCLI(t, "list", "--format", "json", "theme:hiv")
	_, exp, _ := runCLI(t, "export", "theme:hiv")
	if out != exp {
		t.Error("list --format json and export differ for the same query")
	}
	var doc struct {
		Articles []struct {
			Themes []string `json:"themes"`
		} `json:"articles"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Articles) < 3 || len(doc.Articles) >= 27 {
		t.Fatalf("theme:hiv exports %d articles", len(doc.Articles))
	}
	for _, a := range doc.Articles {
		if !strings.Contains(strings.Join(a.Themes, ","), "hiv") {
			t.Errorf("an article without hiv: %v", a.Themes)
		}
	}
}

func TestShowPlainWhenPiped(t *testing.T) {
	code, out, _ := runCLI(t, "show", "2024-11-30-building-a-sustainable-hiv-response-with-the-community-for")
	if code != 0 || !strings.HasPrefix(out, "# Building a sustainable HIV response") {
		t.Errorf("show ID: exit %d, %.80q", code, out)
	}
	if strings.Contains(out, "\x1b") {
		t.Error("show wrote escape sequences to a pipe")
	}
	_, byQuery, _ := runCLI(t, "show", "dang quoc phong")
	if byQuery != out {
		t.Error("show QUERY does not show the best hit")
	}
}

func TestThemes(t *testing.T) {
	_, out, _ := runCLI(t, "themes")
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 16 {
		t.Fatalf("themes prints %d lines", len(lines))
	}
	f := strings.Fields(lines[0])
	if f[0] != "hiv" || f[len(f)-1] == "0" || !strings.Contains(lines[0], "HIV and AIDS") {
		t.Errorf("first line %q", lines[0])
	}
}

func TestListLineFitsTheTerminal(t *testing.T) {
	a := &data.Article{ID: "2024-11-30-building-a-sustainable-hiv-response-with-the-community-for", Kind: data.KindStory,
		Title: "Building a sustainable HIV response with the community, for the community"}
	if got := listLine(a, 0); !strings.Contains(got, a.Title) {
		t.Errorf("to a pipe the title is cut: %q", got)
	}
	got := listLine(a, 120)
	if w := ansi.StringWidth(got); w > 120 || !strings.HasSuffix(got, "  "+a.ID) || !strings.Contains(got, "Building a sustainabl…") {
		t.Errorf("at 120 columns: %d cells, %q", w, got)
	}
}

func TestShowPagesLongArticles(t *testing.T) {
	var out bytes.Buffer
	a := &app{stdout: &out, stderr: &out}
	text := "one\ntwo\nthree\n"
	t.Setenv("PAGER", "tr a-z A-Z")
	if err := a.page(text, 2); err != nil || out.String() != "ONE\nTWO\nTHREE\n" {
		t.Errorf("longer than the screen: %q, %v", out.String(), err)
	}
	out.Reset()
	if err := a.page(text, 10); err != nil || out.String() != text {
		t.Errorf("shorter than the screen went through the pager: %q", out.String())
	}
	out.Reset()
	t.Setenv("PAGER", "")
	if err := a.page(text, 2); err != nil || out.String() != text {
		t.Errorf("an empty PAGER still paged: %q", out.String())
	}
	out.Reset()
	t.Setenv("PAGER", "/no/such/pager")
	if err := a.page(text, 2); err == nil {
		t.Errorf("a pager that fails is not reported")
	}
}

// TestCacheCommand: a load leaves an index in the cache, unvn cache describes it, and --clear
// deletes it; the next command answers the same from a rebuilt one.
func TestCacheCommand(t *testing.T) {
	isolate(t)
	_, before, _ := runCLI(t, "list", "hiv")
	code, out, errs := runCLI(t, "cache")
	if code != 0 || errs != "" || !strings.Contains(out, "library") ||
		!strings.Contains(out, "the embedded captures and the library: 5 captures") ||
		!strings.Contains(out, "Deleting it is always safe") {
		t.Fatalf("cache: %d %q %q", code, out, errs)
	}
	code, out, _ = runCLI(t, "cache", "--clear")
	if code != 0 || !strings.Contains(out, "Cleared the cache") {
		t.Fatalf("cache --clear: %d %q", code, out)
	}
	if _, out, _ = runCLI(t, "cache"); !strings.Contains(out, "The cache is empty") {
		t.Errorf("after --clear: %q", out)
	}
	if _, after, _ := runCLI(t, "list", "hiv"); after != before {
		t.Errorf("list hiv from a rebuilt cache:\n%s\nwant\n%s", after, before)
	}
}

// show on a terminal honours NO_COLOR (and a terminal with fewer colours) as the reader does:
// colours go, underline and links stay.
func TestShowColourProfile(t *testing.T) {
	a := &data.Article{Title: "T", Kind: data.KindStory, Blocks: []data.Block{{Type: data.BlockParagraph,
		Text: "See https://vietnam.un.org/en/285581-a-long-address for more."}}}
	out, err := ui.RenderArticle(a, nil, 80, true)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "38;5;") {
		t.Fatalf("no colour to take away: %q", out)
	}
	plain := inProfile(out, colorprofile.Ascii)
	if strings.Contains(plain, "38;") || !strings.Contains(plain, "\x1b[4m") ||
		!strings.Contains(plain, "\x1b]8;;https://vietnam.un.org/en/285581-a-long-address\a") {
		t.Errorf("NO_COLOR: %q", plain)
	}
	if ansi.Strip(plain) != ansi.Strip(out) {
		t.Errorf("the text changed:\n%s\nwant\n%s", ansi.Strip(plain), ansi.Strip(out))
	}
	if got := inProfile(out, colorprofile.TrueColor); got != out {
		t.Errorf("a true-colour terminal lost something: %q", got)
	}
}

// TestListPrintsHitsInRankOrder: list, from the cache and fresh, prints one line per hit in the
// order the search ranks them (newest first without words), each line as listLine makes it
// from the whole article, its date as Date.String writes it.
func TestListPrintsHitsInRankOrder(t *testing.T) {
	s := store.New(data.Embedded().Articles)
	for _, qs := range []string{"hiv", "women violence", "", "theme:hiv", `"one-stop shop"`, "kind:speech,news"} {
		q, err := store.Parse(qs)
		if err != nil {
			t.Fatal(err)
		}
		var want strings.Builder
		for _, h := range s.Match(q, nil).Hits {
			want.WriteString(listLine(h.Article, 0) + "\n")
			date := strings.Fields(listLine(h.Article, 0))[0]
			if d := h.Article.Date.String(); date != d && (d != "" || date != "undated") {
				t.Errorf("%q: %s dated %q, Date.String says %q", qs, h.Article.ID, date, d)
			}
		}
		for _, run := range []string{"first", "second"} { // the second reads the cache the first wrote
			args := []string{"list"}
			if qs != "" {
				args = append(args, qs)
			}
			code, out, _ := runCLI(t, args...)
			if code != 0 || out != want.String() {
				t.Errorf("%s list %q: exit %d, %d lines, want %d lines in rank order", run, qs, code,
					strings.Count(out, "\n"), strings.Count(want.String(), "\n"))
			}
		}
	}
}

// TestListLineDates: the date column is Date.String's, padded, for every precision.
func TestListLineDates(t *testing.T) {
	at := time.Date(2024, 3, 7, 0, 0, 0, 0, time.UTC)
	for _, d := range []data.Date{{Time: at, Precision: data.PrecisionDay}, {Time: at, Precision: data.PrecisionMonth}, {}} {
		want := d.String()
		if want == "" {
			want = "undated"
		}
		want = fmt.Sprintf("%-10s  %-13s  T  id", want, "story")
		if got := listLine(&data.Article{ID: "id", Kind: data.KindStory, Title: "T", Date: d}, 0); got != want {
			t.Errorf("%v: %q, want %q", d, got, want)
		}
	}
}
