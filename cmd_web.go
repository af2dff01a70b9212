package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"unvn/data"
	"unvn/library"
	"unvn/termsafe"
	"unvn/web"
)

// addOptions are add's flags for pages from the web.
type addOptions struct {
	follow  bool
	max     int
	delay   time.Duration
	timeout time.Duration
}

// fetcher is how unvn fetches: its User-Agent names unvn and its version.
func fetcher(opts addOptions) *web.Fetcher {
	v, _, _ := strings.Cut(version(), " ")
	return &web.Fetcher{Timeout: opts.timeout, UserAgent: "unvn/" + strings.TrimPrefix(v, "v")}
}

// addURL fetches one page and keeps it. A listing is kept as the headlines of the articles it
// links to, and add says how to fetch their text.
func (a *app) addURL(ctx context.Context, addr string, opts addOptions, t *addTally) {
	page, err := fetcher(opts).Fetch(ctx, addr)
	if err != nil {
		a.report(addr, library.AddResult{}, err, t)
		return
	}
	if !page.IsHTML() {
		res, err := library.AddText(page.Body, page.FinalURL, t.known)
		a.report(addr, res, err, t)
		return
	}
	res, err := library.AddPage(page.Body, page.FinalURL, page.Fetched, t.known)
	a.report(addr, res, err, t)
	if err == nil && res.Headlines > 0 && res.Headlines == res.Articles {
		fmt.Fprintf(a.stdout, "  a list of articles, kept as headlines; fetch their text with: unvn add --follow %s (or F on one in the reader)\n",
			termsafe.Spell(page.URL))
	}
}

// follow fetches the articles a listing page links to that the library does not have yet: at
// most opts.max, waiting opts.delay between two requests to the site.
func (a *app) follow(ctx context.Context, addr string, opts addOptions, t *addTally) {
	f := fetcher(opts)
	page, err := f.Fetch(ctx, addr)
	if err != nil {
		a.report(addr, library.AddResult{}, err, t)
		return
	}
	links := data.ArticleLinks(page.Body, page.FinalURL)
	have := library.URLs()
	var todo []data.Link
	for _, l := range links {
		if !have[data.SafeURL(l.URL)] {
			todo = append(todo, l)
		}
	}
	skipped := len(links) - len(todo)
	if len(todo) > opts.max {
		todo = todo[:opts.max]
	}
	fmt.Fprintf(a.stdout, "%s: %s, %d already in the library; fetching %d\n",
		termsafe.Spell(page.FinalURL), plural(len(links), "article link"), skipped, len(todo))
	if len(links) == 0 {
		a.report(addr, library.AddResult{}, fmt.Errorf("%s: no article links found on the page", page.FinalURL), t)
		return
	}
	for i, l := range todo {
		if i > 0 && opts.delay > 0 {
			select {
			case <-ctx.Done():
				return
			case <-time.After(opts.delay):
			}
		}
		a.addURL(ctx, l.URL, opts, t)
	}
}

// fetchIntoLibrary is the reader's F: fetch the page at addr with the default limits, keep it in
// the library, and return its articles as the library will read them.
func fetchIntoLibrary(addr string) ([]data.Article, error) {
	page, err := fetcher(addOptions{timeout: web.DefaultTimeout}).Fetch(context.Background(), addr)
	if err != nil {
		return nil, err
	}
	known := map[string]bool{}
	if !page.IsHTML() {
		res, err := library.AddText(page.Body, page.FinalURL, known)
		if err != nil {
			return nil, err
		}
		return data.ParseSnapshot(res.Name, page.Body), nil
	}
	res, err := library.AddPage(page.Body, page.FinalURL, page.Fetched, known)
	if err != nil {
		return nil, err
	}
	return data.ParseHTML(res.Name, page.Body, page.FinalURL), nil
}
