package main

import (
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"

	"unvn/data"
	"unvn/library"
	"unvn/store"
)

// readerState opens the reader state once per run and prints its warnings.
func (a *app) readerState() *store.State {
	if a.st == nil {
		var warns []string
		a.st, warns = store.OpenState(store.StatePath())
		a.stateWarnings = warns
		for _, w := range warns {
			fmt.Fprintf(a.stderr, "unvn: warning: %s\n", w)
		}
	}
	return a.st
}

// cmdMark sets or clears a mark (read or star) on an article id, or on every article that
// matches a query, and says which.
func (a *app) cmdMark(name string, star, on bool, args []string) error {
	fl := flag.NewFlagSet(name, flag.ContinueOnError)
	undo := fl.Bool("undo", false, "")
	all := fl.Bool("all", false, "")
	if err := subFlags(fl, args); err != nil {
		return err
	}
	if blank(fl.Args()) {
		return usagef("%s: needs an article id or a query", name)
	}
	if *undo {
		on = !on
	}
	q, text, err := parseQuery(name, fl.Args())
	if err != nil {
		return err
	}
	c, err := a.loadFor(q, text)
	if err != nil {
		return err
	}
	st := a.readerState()
	s := store.New(c.Articles)
	// An id, or the best hit for a query (as show does); --all takes every hit.
	var arts []*data.Article
	more := 0
	if art, ok := s.Get(text); ok {
		arts = []*data.Article{art}
	} else {
		for _, h := range s.Search(q, st).Hits {
			arts = append(arts, h.Article)
		}
		if len(arts) > 1 && !*all {
			more = len(arts) - 1
			arts = arts[:1]
		}
	}
	if len(arts) == 0 {
		return nothingMatches(text)
	}
	verb := map[[2]bool]string{
		{false, true}: "marked read", {false, false}: "marked unread",
		{true, true}: "starred", {true, false}: "unstarred",
	}[[2]bool{star, on}]
	for _, art := range arts {
		if star {
			st.SetStarred(art.ID, on)
		} else {
			st.SetRead(art.ID, on)
		}
		fmt.Fprintf(a.stdout, "%s: %s  %s\n", verb, art.Title, art.ID)
	}
	if more > 0 {
		what := "more articles match"
		if more == 1 {
			what = "more article matches"
		}
		fmt.Fprintf(a.stdout, "(%d %s; add --all to include them)\n", more, what)
	}
	if err := st.Flush(); err != nil {
		return fmt.Errorf("could not save the reader state: %w", err)
	}
	return nil
}

// cmdAdd copies captures into the library after checking each.
func (a *app) cmdAdd(args []string) error {
	fl := flag.NewFlagSet("add", flag.ContinueOnError)
	if err := subFlags(fl, args); err != nil {
		return err
	}
	if fl.NArg() == 0 {
		return usagef("add: needs one or more capture files")
	}
	c, err := library.LoadDefault()
	if err != nil {
		return err
	}
	known := data.TitleKeys(c.Articles)
	failed := 0
	added, fresh, had := 0, 0, 0
	for _, path := range fl.Args() {
		res, err := library.Add(path, known)
		if err != nil {
			fmt.Fprintf(a.stderr, "unvn: %v\n", err)
			failed++
			continue
		}
		old := res.Articles - res.New
		switch {
		case res.Existed:
			fmt.Fprintf(a.stdout, "%s: already in the library as %s\n", printable(path), printable(res.Name))
		default:
			fmt.Fprintf(a.stdout, "%s: added as %s: %s, %d new, %d already in the library\n",
				printable(path), printable(res.Name), plural(res.Articles, "article"), res.New, old)
			added++
		}
		fresh += res.New
		had += old
	}
	if len(fl.Args()) > 1 {
		fmt.Fprintf(a.stdout, "%s added: %d new articles, %d already in the library\n", plural(added, "capture"), fresh, had)
	}
	if failed > 0 {
		return fmt.Errorf("%s could not be added", plural(failed, "file"))
	}
	return nil
}

// cmdLibrary lists the library's captures.
func (a *app) cmdLibrary(args []string) error {
	fl := flag.NewFlagSet("library", flag.ContinueOnError)
	if err := subFlags(fl, args); err != nil {
		return err
	}
	if fl.NArg() > 0 {
		return usagef("library takes no arguments, got %q", strings.Join(fl.Args(), " "))
	}
	files, err := library.Files()
	if err != nil {
		return err
	}
	if len(files) == 0 {
		fmt.Fprintf(a.stdout, "The library is empty (%s).\nAdd captures with: unvn add FILE...\n", library.Dir())
		return nil
	}
	tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
	for _, f := range files {
		fmt.Fprintf(tw, "%s\t%s\n", printable(f.Name), humanSize(f.Size))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "%s in %s\n", plural(len(files), "capture"), library.Dir())
	return nil
}

// cmdRemove deletes captures from the library by name.
func (a *app) cmdRemove(args []string) error {
	fl := flag.NewFlagSet("remove", flag.ContinueOnError)
	if err := subFlags(fl, args); err != nil {
		return err
	}
	if fl.NArg() == 0 {
		return usagef("remove: needs the name of a capture (see unvn library)")
	}
	failed := 0
	for _, name := range fl.Args() {
		if err := library.Remove(name); err != nil {
			fmt.Fprintf(a.stderr, "unvn: %v\n", err)
			failed++
			continue
		}
		fmt.Fprintf(a.stdout, "removed %s\n", printable(name))
	}
	if failed > 0 {
		return fmt.Errorf("%s not removed", plural(failed, "capture"))
	}
	return nil
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func humanSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
