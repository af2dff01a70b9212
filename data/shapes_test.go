package data

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Pages written for this test in shapes the real captures do not have: another agency's
// listing, a speech page with labelled metadata, an outlet story with no headline, a ticker over
// the headline, a blog archive, a press release under its label. The rules must read them too.

func parseShape(t *testing.T, name string) []Article {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "shapes", name))
	if err != nil {
		t.Fatal(err)
	}
	return ParseSnapshot(name, raw)
}

type shapeWant struct {
	title, kind, date, source string
	teaser, made              bool
	bodyStart                 string
}

func checkShape(t *testing.T, name string, want []shapeWant) {
	t.Helper()
	arts := parseShape(t, name)
	if len(arts) != len(want) {
		titles := make([]string, len(arts))
		for i := range arts {
			titles[i] = arts[i].Title
		}
		t.Fatalf("%s: %d articles %q, want %d", name, len(arts), titles, len(want))
	}
	for i, w := range want {
		a := &arts[i]
		if !strings.HasPrefix(a.Title, w.title) || string(a.Kind) != w.kind || a.Date.String() != w.date ||
			a.Source != w.source || a.Teaser != w.teaser || a.TitleMade != w.made {
			t.Errorf("%s #%d: title %q kind %s date %q source %q teaser %v made %v; want %+v",
				name, i, a.Title, a.Kind, a.Date, a.Source, a.Teaser, a.TitleMade, w)
		}
		if w.bodyStart != "" && !strings.HasPrefix(allText(a), w.bodyStart) {
			t.Errorf("%s #%d: body starts %.80q, want %q", name, i, allText(a), w.bodyStart)
		}
	}
}

func TestShapeAgencyListing(t *testing.T) {
	checkShape(t, "agency-listing.txt", []shapeWant{
		{title: "Viet Nam launches national plan on women, peace and security", kind: "news", date: "2022-03-28", source: "UN Women", teaser: true},
		{title: "Young women lead climate action", kind: "news", date: "2022-02-14", source: "UN Women", teaser: true},
		{title: "Survey finds one in three women", kind: "news", date: "2022-01-07", source: "UN Women", teaser: true},
	})
}

func TestShapeSpeechPage(t *testing.T) {
	checkShape(t, "speech-page.txt", []shapeWant{{
		title: "Speech by Ms. Naomi Kitahara", kind: "speech", date: "2019-12-19",
		bodyStart: "Your Excellency Mr. Nguyen Chi Dung",
	}})
}

func TestShapeNoHeadline(t *testing.T) {
	checkShape(t, "outlet-no-headline.txt", []shapeWant{{
		title: "The World Health Organization and the Ministry of Health on Tuesday launched a", kind: "news", made: true,
		bodyStart: "The World Health Organization and the Ministry of Health on Tuesday launched a campaign",
	}})
	a := parseShape(t, "outlet-no-headline.txt")[0]
	if strings.Contains(allText(&a), "WHO warns of measles") || strings.Contains(allText(&a), "Facebook") {
		t.Errorf("chrome or related links kept: %q", allText(&a))
	}
}

func TestShapeTicker(t *testing.T) {
	checkShape(t, "ticker.txt", []shapeWant{{
		title: "UNICEF and Viet Nam pilot mental health counselling in 50 schools", kind: "news", date: "2019-03-30",
		source: "Vietnam News Agency", bodyStart: "UNICEF and the Ministry of Education and Training on Saturday",
	}})
}

func TestShapeBlogArchive(t *testing.T) {
	checkShape(t, "blog-archive.txt", []shapeWant{
		{title: "Learning to code, learning to lead", kind: "story", date: "2017-12-15"},
		{title: "A second chance for children in conflict with the law", kind: "story", date: "2017-11-20",
			bodyStart: "Children who break the law"},
	})
	arts := parseShape(t, "blog-archive.txt")
	if strings.Contains(allText(&arts[1]), "Older posts") {
		t.Error("pager link kept")
	}
}

func TestShapePressReleaseLabel(t *testing.T) {
	checkShape(t, "press-release-label.txt", []shapeWant{{
		title: "Viet Nam and UN agencies agree on a new plan to end child marriage", kind: "press-release",
		date: "2019-03-29", source: "UN Viet Nam", bodyStart: "The Ministry of Labour, Invalids and Social Affairs and three UN agencies",
	}})
}

// A site's menu with a blurb under each entry, above the headline: the blurbs are prose, but the
// headline is the line with the date under it.
func TestShapeBlurbsAboveHeadline(t *testing.T) {
	checkShape(t, "blurbs-above-headline.txt", []shapeWant{{
		title: "IOM trains border officials on victim identification in Quang Ninh", kind: "news", date: "2018-12",
		bodyStart: "IOM conducted a two-day training",
	}})
}

// A date printed beside the kind ("13 February 2025 | News release"), under a site strap.
func TestShapeDateBesideKind(t *testing.T) {
	checkShape(t, "who-news-release.txt", []shapeWant{{
		title: "Viet Nam and WHO step up measles vaccination", kind: "press-release", date: "2025-02-13",
		source: "WHO", bodyStart: "The Ministry of Health and the World Health Organization (WHO) today launched",
	}})
}

// The UN site's press-release listing: cards with a line of summary and "Learn more" only point
// to their articles.
func TestShapeCardsWithSummaries(t *testing.T) {
	checkShape(t, "un-press-listing.txt", []shapeWant{
		{title: "UN agencies and Viet Nam launch a programme to end child marriage", kind: "press-release", date: "2023-05-10", source: "UN Viet Nam", teaser: true},
		{title: "Viet Nam hosts regional dialogue on climate resilience for farmers", kind: "press-release", date: "2023-05-02", source: "UN Viet Nam", teaser: true},
		{title: "New survey shows progress on women in leadership", kind: "press-release", date: "2023-04-21", source: "UN Viet Nam", teaser: true},
	})
	if a := parseShape(t, "un-press-listing.txt")[0]; !strings.HasPrefix(a.Summary, "The five-year programme") {
		t.Errorf("summary %q", a.Summary)
	}
}

// Share bars and back links in words: "Share on Facebook", "Share via Email", "Back to news".
func TestShapeShareBars(t *testing.T) {
	checkShape(t, "share-bars.txt", []shapeWant{{
		title: "Viet Nam and UNICEF launch a helpline for children", kind: "news",
		bodyStart: "The national child helpline 111 will answer calls",
	}})
}
