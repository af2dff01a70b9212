package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"unvn/data"
	"unvn/library"
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

// addURL fetches one page and keeps it. A page with no article that links to articles says how
// to fetch them.
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
	links := web.ArticleLinks(page.Body, page.FinalURL)
	if isListing(data.ParseHTML(page.FinalURL, page.Body, page.FinalURL), links) {
		err := fmt.Errorf("%s: a list of %s, not an article; fetch them with: unvn add --follow %s",
			page.FinalURL, plural(len(links), "article"), page.URL)
		a.report(addr, library.AddResult{}, err, t)
		return
	}
	res, err := library.AddPage(page.Body, page.FinalURL, page.Fetched, t.known)
	if err != nil && len(links) > 0 {
		err = fmt.Errorf("%s: no article on this page, but it links to %s; fetch them with: unvn add --follow %s",
			page.FinalURL, plural(len(links), "article"), page.URL)
	}
	a.report(addr, res, err, t)
}

// isListing reports whether what was extracted from a page is its list of links: most of its
// headings and paragraphs are the headlines it links to (an article's "Other news" box, when the
// extractor keeps it, is a few blocks among many).
func isListing(arts []data.Article, links []web.Link) bool {
	if len(links) < 3 {
		return false
	}
	if len(arts) == 0 {
		return true
	}
	titles := map[string]bool{}
	for _, l := range links {
		titles[data.TitleKey(l.Title)] = true
	}
	linked, blocks, other := 0, 0, 0
	for _, b := range arts[0].Blocks {
		if b.Type == data.BlockCaption {
			continue
		}
		blocks++
		if titles[data.TitleKey(b.Text)] {
			linked++
		} else {
			other += len(b.Text)
		}
	}
	// Or the extractor kept one card of the list: a linked headline and a line of teaser.
	return linked >= 3 && 3*linked >= blocks || linked >= 1 && other < 400
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
	links := web.ArticleLinks(page.Body, page.FinalURL)
	have := library.URLs()
	var todo []web.Link
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
		printable(page.FinalURL), plural(len(links), "article link"), skipped, len(todo))
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
