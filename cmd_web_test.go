package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// site serves pages in the shapes of UN Viet Nam's site and an outlet on loopback: no network.
func site(t *testing.T) *httptest.Server {
	t.Helper()
	page := func(name string) []byte {
		raw, err := os.ReadFile(filepath.Join("data", "testdata", "html", name))
		if err != nil {
			t.Fatal(err)
		}
		return raw
	}
	listing, err := os.ReadFile(filepath.Join("data", "testdata", "html", "un-latest.html"))
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	serve := func(path, ctype string, body []byte) {
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", ctype)
			w.Write(body)
		})
	}
	serve("/en/7781-press-release", "text/html; charset=utf-8", page("un-press-release.html"))
	serve("/en/latest", "text/html", listing)
	serve("/en/285581-building-sustainable-hiv-response-community", "text/html", page("vietnamplus-story.html"))
	serve("/en/284000-one-stop-shop", "text/html", page("hostile.html"))
	serve("/en/283100-remarks-un-resident-coordinator-launch-national-action-month", "text/html", page("no-article.html"))
	serve("/photo.jpg", "image/jpeg", []byte("\xff\xd8\xff"))
	serve("/latin1", "text/html; charset=windows-1252", []byte("<html><head><title>Caf\xe9 culture spreads across Ha Noi | Outlet</title></head><body><article><h1>Caf\xe9 culture spreads across Ha Noi</h1>"+
		"<p>The caf\xe9s of Ha Noi have become places where young people meet to talk about the future of their city and their jobs.</p>"+
		"<p>Owners say the number of caf\xe9s has doubled in five years, as more people work from them during the day.</p></article></body></html>"))
	mux.HandleFunc("/old-address", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/en/7781-press-release", http.StatusMovedPermanently)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestAddURL(t *testing.T) {
	_, dataHome := isolate(t)
	srv := site(t)
	code, out, errs := runCLI(t, "add", srv.URL+"/old-address", srv.URL+"/missing", srv.URL+"/photo.jpg", srv.URL+"/latin1", "ftp://example.org/x")
	if code != 1 {
		t.Errorf("exit %d, want 1 when some failed", code)
	}
	for _, want := range []string{
		srv.URL + "/old-address: added as 127.0.0.1-en-7781-press-release.html: 1 article, 1 new",
		srv.URL + "/latin1: added as 127.0.0.1-latin1.html: 1 article, 1 new",
		"2 captures added: 2 new articles",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
	for _, want := range []string{
		"unvn: " + srv.URL + "/missing: the server answered 404 Not Found",
		"unvn: " + srv.URL + "/photo.jpg: not a web page or text (image/jpeg)",
		"unvn: ftp://example.org/x: only http and https addresses can be fetched",
		"3 captures could not be added",
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	kept, err := os.ReadFile(filepath.Join(dataHome, "unvn", "snapshots", "127.0.0.1-en-7781-press-release.html"))
	if err != nil || !strings.HasPrefix(string(kept), `<!-- unvn url="`+srv.URL+`/en/7781-press-release" fetched="`) {
		t.Fatalf("kept page: %.120q %v", kept, err)
	}

	// The pages read offline, with their address, in the export.
	srv.Close()
	code, out, _ = runCLI(t, "export", "Café culture")
	var doc struct{ Articles []struct{ Title, URL string } }
	if err := json.Unmarshal([]byte(out), &doc); err != nil || code != 0 || len(doc.Articles) != 1 ||
		doc.Articles[0].Title != "Café culture spreads across Ha Noi" || doc.Articles[0].URL != srv.URL+"/latin1" {
		t.Errorf("export: %d %+v %v", code, doc, err)
	}
	_, out, _ = runCLI(t, "library")
	if !strings.Contains(out, "fetched ") || !strings.Contains(out, srv.URL+"/en/7781-press-release") || !strings.Contains(out, "2 captures in") {
		t.Errorf("library:\n%s", out)
	}
}

func TestAddURLAgainIsNotNew(t *testing.T) {
	isolate(t)
	srv := site(t)
	if code, _, errs := runCLI(t, "add", srv.URL+"/en/7781-press-release"); code != 0 {
		t.Fatal(errs)
	}
	code, out, _ := runCLI(t, "add", srv.URL+"/en/7781-press-release")
	if code != 0 || !strings.Contains(out, "already in the library as 127.0.0.1-en-7781-press-release.html") {
		t.Errorf("re-add: %d %q", code, out)
	}
}

// A listing page is kept as the headlines it links to, with their addresses; --follow fetches
// the articles.
func TestAddListingAndFollow(t *testing.T) {
	isolate(t)
	srv := site(t)
	code, out, errs := runCLI(t, "add", srv.URL+"/en/latest")
	if code != 0 || !strings.Contains(out, "added as 127.0.0.1-en-latest.html: 3 articles, 3 new") ||
		!strings.Contains(out, "a list of articles, kept as headlines; fetch their text with: unvn add --follow "+srv.URL+"/en/latest") {
		t.Errorf("listing: %d %q %q", code, out, errs)
	}
	_, out, _ = runCLI(t, "list", "--format", "json", "one-stop shop")
	if !strings.Contains(out, `"teaser": true`) || !strings.Contains(out, `"url": "`+srv.URL+`/en/284000-one-stop-shop"`) || !strings.Contains(out, `"kind": "story"`) {
		t.Errorf("the listing's headline: %s", out)
	}
	code, out, errs = runCLI(t, "add", "--follow", "--delay", "0", "--max", "2", srv.URL+"/en/latest")
	if code != 0 || !strings.Contains(out, "3 article links, 0 already in the library; fetching 2") ||
		!strings.Contains(out, "285581-building-sustainable-hiv-response-community: added as") ||
		!strings.Contains(out, "284000-one-stop-shop: added as") {
		t.Errorf("follow: %d\n%s\n%s", code, out, errs)
	}
	// Again: the two are in the library; the third is fetched, and it has no article.
	code, out, errs = runCLI(t, "add", "--follow", "--delay", "0", srv.URL+"/en/latest")
	if code != 1 || !strings.Contains(out, "3 article links, 2 already in the library; fetching 1") ||
		!strings.Contains(errs, "283100-remarks-un-resident-coordinator-launch-national-action-month: no article found on the page") {
		t.Errorf("follow again: %d\n%s\n%s", code, out, errs)
	}
	if code, _, errs := runCLI(t, "add", "--follow", "file.html"); code != 2 || !strings.Contains(errs, "--follow takes addresses") {
		t.Errorf("--follow with a file: %d %q", code, errs)
	}
}

// A page saved from a browser is added as it is, in its charset, with the address the browser
// noted.
func TestAddSavedPage(t *testing.T) {
	_, dataHome := isolate(t)
	dir := t.TempDir()
	saved := filepath.Join(dir, "Café story.html")
	body := "<!DOCTYPE html>\n<!-- saved from url=(0031)https://example.org/cafe-story -->\n<html><head><meta charset=\"windows-1252\"><title>Caf\xe9 culture spreads across Ha Noi</title></head><body><article><h1>Caf\xe9 culture spreads across Ha Noi</h1>" +
		"<p>The caf\xe9s of Ha Noi have become places where young people meet to talk about the future of their city and their jobs.</p>" +
		"<p>Owners say the number of caf\xe9s has doubled in five years, as more people work from them during the day.</p></article></body></html>"
	if err := os.WriteFile(saved, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCLI(t, "add", saved)
	if code != 0 || !strings.Contains(out, "added as Café-story.html: 1 article, 1 new") {
		t.Fatalf("add: %d %q %q", code, out, errs)
	}
	if _, err := os.Stat(filepath.Join(dataHome, "unvn", "snapshots", "Café-story.html")); err != nil {
		t.Fatal(err)
	}
	_, out, _ = runCLI(t, "export", "cafe culture")
	if !strings.Contains(out, `"url":"https://example.org/cafe-story"`) && !strings.Contains(out, `"url": "https://example.org/cafe-story"`) {
		t.Errorf("export: %s", out)
	}
	_, out, _ = runCLI(t, "library")
	if !strings.Contains(out, "Café-story.html") || !strings.Contains(out, "https://example.org/cafe-story") || !strings.Contains(out, "added ") {
		t.Errorf("library: %s", out)
	}
	if code, _, _ := runCLI(t, "remove", "Café-story"); code != 0 {
		t.Error("remove by name without extension")
	}
}

// The reader's F: the page is fetched, kept in the library, and its article returned.
func TestFetchIntoLibrary(t *testing.T) {
	_, dataHome := isolate(t)
	srv := site(t)
	arts, err := fetchIntoLibrary(srv.URL + "/en/7781-press-release")
	if err != nil || len(arts) != 1 || arts[0].Teaser || arts[0].URL != srv.URL+"/en/7781-press-release" ||
		arts[0].Snapshot != "127.0.0.1-en-7781-press-release.html" {
		t.Fatalf("got %+v %v", arts, err)
	}
	if _, err := os.Stat(filepath.Join(dataHome, "unvn", "snapshots", "127.0.0.1-en-7781-press-release.html")); err != nil {
		t.Error(err)
	}
	if _, err := fetchIntoLibrary(srv.URL + "/missing"); err == nil || !strings.Contains(err.Error(), "404") {
		t.Errorf("a missing page: %v", err)
	}
}

// A hostile page fetched from the web: nothing from its scripts, iframes or javascript: links,
// and no escape sequence, reaches show, list or the export.
func TestAddHostilePageStaysInert(t *testing.T) {
	isolate(t)
	srv := site(t)
	if code, out, errs := runCLI(t, "add", srv.URL+"/en/284000-one-stop-shop"); code != 0 {
		t.Fatalf("add: %d %q %q", code, out, errs)
	}
	for _, args := range [][]string{{"show", "women's rights forum"}, {"list", "forum"}, {"export", "forum"},
		{"export", "--format", "markdown", "forum"}, {"library"}} {
		code, out, errs := runCLI(t, args...)
		if code != 0 || !strings.Contains(out, "orum") && args[0] != "library" {
			t.Errorf("%v: %d %q %q", args, code, out, errs)
		}
		for _, bad := range []string{"\x1b", "\x07", "\u009b", `\u001b`, "javascript", "evil.example", "injected script", "iframe fallback"} {
			if strings.Contains(out+errs, bad) {
				t.Errorf("%v: output carries %q", args, bad)
			}
		}
	}
}
