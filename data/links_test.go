package data

import (
	"os"
	"reflect"
	"testing"
	"time"
)

func TestArticleLinksOfAListing(t *testing.T) {
	page, err := os.ReadFile("testdata/html/un-latest.html")
	if err != nil {
		t.Fatal(err)
	}
	got := ArticleLinks(page, "https://vietnam.un.org/en/latest")
	want := []Link{
		{URL: "https://vietnam.un.org/en/285581-building-sustainable-hiv-response-community", Title: "Building a sustainable HIV response with the community", Kind: KindPressRelease, Date: Date{time.Date(2024, 11, 30, 0, 0, 0, 0, time.UTC), PrecisionDay}},
		{URL: "https://vietnam.un.org/en/284000-one-stop-shop", Title: "One-stop shop", Kind: KindStory, Date: Date{time.Date(2024, 11, 25, 0, 0, 0, 0, time.UTC), PrecisionDay}},
		{URL: "https://vietnam.un.org/en/283100-remarks-un-resident-coordinator-launch-national-action-month", Title: "Remarks by the UN Resident Coordinator at the launch of the National Action Month", Kind: KindSpeech},
	}
	// Each card's kind label and date come with its link. Menus, breadcrumbs, footer, other sites, javascript:, files, fragments, the page itself and
	// short labels ("Learn more") are not articles; a repeated link is offered once.
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%v\nwant\n%v", got, want)
	}
}

func TestArticleLinksSanitiseTitles(t *testing.T) {
	page := []byte("<body><a href=\"/en/1-a\">Evil \x1b]8;;http://x\x07title\x1b[2J with escapes &#27;[31m and more</a></body>")
	got := ArticleLinks(page, "https://vietnam.un.org/en/latest")
	if len(got) != 1 {
		t.Fatalf("got %v", got)
	}
	for _, r := range got[0].Title {
		if r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 {
			t.Fatalf("title %q keeps a control character", got[0].Title)
		}
	}
}
