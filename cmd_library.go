package main

import (
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"unvn/data"
	"unvn/library"
	"unvn/termsafe"
	"unvn/web"
)

// libraryCommands are add, library and remove: the user's own captures.
func (a *app) libraryCommands() []*cobra.Command {
	var opts addOptions
	add := &cobra.Command{
		Use:   "add FILE|URL...",
		Short: "Add captures, saved web pages or pages from the web to the library",
		Long: `Add each argument to the library, saying how many articles it adds and how many were there already: a text capture, a web page saved from a browser (.html), or the address of a page (http or https), which is fetched and kept so it reads offline. A bad file or a failed fetch is reported with its name and the reason; the others are still added (exit 1 if any failed).

A listing page (a site's "Latest", a news list) is kept as the headlines it links to, each with its address (F in the reader fetches one's text); with --follow, unvn fetches the linked articles that are not in the library yet instead (at most --max, one every --delay).

Limits of a fetch: http and https only, --timeout for the whole page, 5 MB, 5 redirects, text/html or text/plain; the User-Agent is unvn/VERSION.`,
		Example: `unvn add capture.txt saved-page.html
unvn add https://vietnam.un.org/en/285581-building-sustainable-hiv-response-community
unvn add --follow https://vietnam.un.org/en/latest`,
		RunE: func(cmd *cobra.Command, args []string) error { return a.cmdAdd(cmd, args, opts) },
	}
	add.Flags().BoolVar(&opts.follow, "follow", false, "fetch the articles a listing page links to, not the page itself")
	add.Flags().IntVar(&opts.max, "max", 10, "with --follow: fetch at most this many articles per listing (1–100)")
	add.Flags().DurationVar(&opts.delay, "delay", time.Second, "with --follow: wait this long between two fetches, to be polite to the site")
	add.Flags().DurationVar(&opts.timeout, "timeout", web.DefaultTimeout, "give up on a page that has not fully arrived after this long")
	libraryCmd := &cobra.Command{
		Use:               "library",
		Short:             "List the library's captures",
		Args:              noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE:              func(cmd *cobra.Command, _ []string) error { return a.cmdLibrary() },
	}
	remove := &cobra.Command{
		Use:               "remove NAME...",
		Short:             "Remove captures from the library",
		ValidArgsFunction: completeLibraryNames,
		RunE:              func(cmd *cobra.Command, args []string) error { return a.cmdRemove(cmd, args) },
	}
	cmds := []*cobra.Command{add, libraryCmd, remove}
	for _, c := range cmds {
		c.GroupID = groupLibrary
	}
	return cmds
}

// completeLibraryNames offers the captures in the library to remove.
func completeLibraryNames(_ *cobra.Command, _ []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
	files, err := library.Files()
	if err != nil {
		return nil, cobra.ShellCompDirectiveError
	}
	var out []cobra.Completion
	for _, f := range files {
		out = append(out, f.Name)
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// cmdAdd adds captures, saved pages and pages fetched from the web to the library.
func (a *app) cmdAdd(cmd *cobra.Command, args []string, opts addOptions) error {
	if len(args) == 0 {
		return usagef(cmd, "add: needs one or more capture files or addresses")
	}
	if opts.max < 1 || opts.max > 100 {
		return usagef(cmd, "add: --max must be between 1 and 100, not %d", opts.max)
	}
	if opts.delay < 0 || opts.timeout <= 0 {
		return usagef(cmd, "add: --delay cannot be negative and --timeout must be positive")
	}
	if opts.follow {
		for _, arg := range args {
			if !web.IsURL(arg) {
				return usagef(cmd, "add: --follow takes addresses of listing pages, not %s", termsafe.Spell(arg))
			}
		}
	}
	// What is readable already: the embedded captures and the library, from the cache.
	lib, err := a.loadLibrary(nil, func(msg string) { a.say("warning: " + msg) })
	if err != nil {
		return err
	}
	t := &addTally{known: map[string]bool{}}
	for _, h := range lib.Store.Articles() {
		t.known[data.TitleKey(h.Title)] = true
	}
	for _, arg := range args {
		switch {
		case opts.follow:
			a.follow(cmd.Context(), arg, opts, t)
		case web.IsURL(arg):
			a.addURL(cmd.Context(), arg, opts, t)
		default:
			res, err := library.Add(arg, t.known)
			a.report(arg, res, err, t)
		}
	}
	if t.added+t.failed > 1 {
		fmt.Fprintf(a.stdout, "%s added: %d new articles, %d already in the library\n", plural(t.added, "capture"), t.fresh, t.had)
	}
	if t.failed > 0 {
		return fmt.Errorf("%s could not be added", plural(t.failed, "capture"))
	}
	return nil
}

// addTally counts what one add did, across its arguments.
type addTally struct {
	known                     map[string]bool
	added, failed, fresh, had int
}

// report prints what adding one capture did.
func (a *app) report(name string, res library.AddResult, err error, t *addTally) {
	if err != nil {
		a.say(err.Error())
		t.failed++
		return
	}
	old := res.Articles - res.New
	switch {
	case res.Existed:
		fmt.Fprintf(a.stdout, "%s: already in the library as %s\n", termsafe.Spell(name), termsafe.Spell(res.Name))
	default:
		verb := "added as"
		if res.Updated {
			verb = "updated"
		}
		fmt.Fprintf(a.stdout, "%s: %s %s: %s, %d new, %d already in the library\n",
			termsafe.Spell(name), verb, termsafe.Spell(res.Name), plural(res.Articles, "article"), res.New, old)
		t.added++
	}
	t.fresh += res.New
	t.had += old
}

// cmdLibrary lists the library's captures.
func (a *app) cmdLibrary() error {
	files, err := library.Files()
	if err != nil {
		return err
	}
	if len(files) == 0 {
		fmt.Fprintf(a.stdout, "The library is empty (%s).\nAdd captures, saved pages or web pages with: unvn add FILE|URL...\n", termsafe.Spell(library.Dir()))
		return nil
	}
	tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
	for _, f := range files {
		// A page shows where it came from and when it was fetched; a file, when it was added.
		when, from := "added "+f.Modified.Local().Format("2006-01-02 15:04"), ""
		if !f.Fetched.IsZero() {
			when = "fetched " + f.Fetched.Local().Format("2006-01-02 15:04")
		}
		if f.URL != "" {
			from = f.URL
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", termsafe.Spell(f.Name), humanSize(f.Size), when, termsafe.Spell(from))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "%s in %s\n", plural(len(files), "capture"), termsafe.Spell(library.Dir()))
	return nil
}

// cmdRemove deletes captures from the library by name.
func (a *app) cmdRemove(cmd *cobra.Command, names []string) error {
	if len(names) == 0 {
		return usagef(cmd, "remove: needs the name of a capture (see unvn library)")
	}
	failed := 0
	for _, name := range names {
		if err := library.Remove(name); err != nil {
			a.say(err.Error())
			failed++
			continue
		}
		fmt.Fprintf(a.stdout, "removed %s\n", termsafe.Spell(name))
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
