package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/term"

	"unvn/data"
	"unvn/store"
	"unvn/ui"
)

// parseQuery reads a QUERY given as one or more arguments ("unvn list hiv theme:health" needs
// no quotes). A bad value is a usage error that names it.
func parseQuery(cmd string, args []string) (store.Query, string, error) {
	text := strings.Join(args, " ")
	q, err := store.Parse(text)
	if err != nil {
		return q, text, usagef("%s: bad query %q: %v", cmd, text, err)
	}
	return q, text, nil
}

// subFlags parses a subcommand's flags and turns their mistakes into usage errors, with a hint
// for the commonest one: a query that starts with a "-word".
func subFlags(fl *flag.FlagSet, args []string) error {
	fl.SetOutput(io.Discard)
	err := fl.Parse(args)
	if err == nil || errors.Is(err, flag.ErrHelp) { // -h prints the usage, as it does before a command
		return err
	}
	msg := fmt.Sprintf("%s: %v", fl.Name(), err)
	if strings.HasPrefix(err.Error(), "flag provided but not defined") {
		msg += ` (put -- before a query that starts with "-")`
	}
	return usagef("%s", msg)
}

// matching returns the articles that match q, best first (newest first without words).
func matching(arts []data.Article, q store.Query, marks store.Marks) []*data.Article {
	res := store.New(arts).Search(q, marks)
	out := make([]*data.Article, len(res.Hits))
	for i, h := range res.Hits {
		out[i] = h.Article
	}
	return out
}

// blank says there is no ID|QUERY: an empty one ("$ID" unset in a script) would otherwise
// match every article and act on the newest.
func blank(args []string) bool { return strings.TrimSpace(strings.Join(args, "")) == "" }

func nothingMatches(text string) error {
	if text == "" {
		return notFoundError{"(no articles were loaded)"}
	}
	return notFoundError{fmt.Sprintf("%q", text)}
}

// cmdList prints one line per hit: date, kind, title, id.
func (a *app) cmdList(args []string) error {
	fl := flag.NewFlagSet("list", flag.ContinueOnError)
	format := fl.String("format", "text", "")
	if err := subFlags(fl, args); err != nil {
		return err
	}
	if *format != "text" && *format != "json" {
		return usagef("list: unknown format %q (want text or json)", *format)
	}
	q, text, err := parseQuery("list", fl.Args())
	if err != nil {
		return err
	}
	c, err := a.loadFor(q, text)
	if err != nil {
		return err
	}
	hits := matching(c.Articles, q, a.readerState())
	if len(hits) == 0 {
		return nothingMatches(text)
	}
	if *format == "json" {
		out := data.Corpus{Articles: make([]data.Article, len(hits)), Warnings: c.Warnings}
		for i, h := range hits {
			out.Articles[i] = *h
		}
		return writeJSON(a.stdout, out)
	}
	for _, h := range hits {
		date := h.Date.String()
		if date == "" {
			date = "undated"
		}
		fmt.Fprintf(a.stdout, "%-10s  %-13s  %s  %s\n", date, h.Kind, h.Title, h.ID)
	}
	return nil
}

// writeJSON writes a corpus in the export format.
func writeJSON(w io.Writer, c data.Corpus) error {
	if c.Articles == nil {
		c.Articles = []data.Article{}
	}
	if c.Warnings == nil {
		c.Warnings = []data.Warning{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(c)
}

// maxShowWidth keeps lines readable on a wide terminal.
const maxShowWidth = 100

// maxWidthFlag bounds --width: Glamour pads every line to the width, so a huge one would print
// megabytes of blanks.
const maxWidthFlag = 1000

// cmdShow prints one article: the one with the id, or the best hit for a query. A terminal
// gets it rendered by Glamour, a pipe or a file the plain markdown.
func (a *app) cmdShow(args []string) error {
	fl := flag.NewFlagSet("show", flag.ContinueOnError)
	width := fl.Int("width", 0, "")
	if err := subFlags(fl, args); err != nil {
		return err
	}
	if *width < 0 || *width > maxWidthFlag {
		return usagef("show: --width must be between 1 and %d (0 or none: the terminal's), not %d", maxWidthFlag, *width)
	}
	if blank(fl.Args()) {
		return usagef("show: needs an article id or a query")
	}
	q, text, err := parseQuery("show", fl.Args())
	if err != nil {
		return err
	}
	c, err := a.loadFor(q, text)
	if err != nil {
		return err
	}
	s := store.New(c.Articles)
	art, ok := s.Get(text)
	if !ok {
		res := s.Search(q, a.readerState())
		if res.Total == 0 {
			return nothingMatches(text)
		}
		art = res.Hits[0].Article
	}
	f, ok := a.stdout.(*os.File)
	if !ok || !term.IsTerminal(f.Fd()) {
		_, err := io.WriteString(a.stdout, data.Markdown(art))
		return err
	}
	w := *width
	if w == 0 {
		w = 80
		if tw, _, err := term.GetSize(f.Fd()); err == nil && tw > 0 {
			w = min(tw, maxShowWidth)
		}
	}
	out, err := ui.RenderArticle(art, w, lipgloss.HasDarkBackground(os.Stdin, f))
	if err != nil {
		return err
	}
	_, err = io.WriteString(a.stdout, out)
	return err
}

// cmdThemes prints every theme id, its name and how many articles have it.
func (a *app) cmdThemes(args []string) error {
	fl := flag.NewFlagSet("themes", flag.ContinueOnError)
	if err := subFlags(fl, args); err != nil {
		return err
	}
	if fl.NArg() > 0 {
		return usagef("themes takes no arguments, got %q", strings.Join(fl.Args(), " "))
	}
	c, err := a.load()
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
	for _, t := range data.Themes {
		n := 0
		for i := range c.Articles {
			if c.Articles[i].HasTheme(t.ID) {
				n++
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\n", t.ID, t.Name, n)
	}
	return tw.Flush()
}

// exportFilter keeps the articles that match the export's QUERY, best first, in place of the
// whole corpus; without a query it changes nothing.
func exportFilter(c *data.Corpus, q store.Query, text string, marks store.Marks) error {
	if q.IsEmpty() {
		return nil
	}
	hits := matching(c.Articles, q, marks)
	if len(hits) == 0 {
		return nothingMatches(text)
	}
	arts := make([]data.Article, len(hits))
	for i, h := range hits {
		arts[i] = *h
	}
	c.Articles = arts
	return nil
}
