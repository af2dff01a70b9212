package main

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"unvn/cache"
	"unvn/data"
	"unvn/library"
	"unvn/store"
	"unvn/termsafe"
	"unvn/ui"
)

// readingCommands are list, show, themes and export; the reader itself is the root command.
func (a *app) readingCommands() []*cobra.Command {
	list := &cobra.Command{
		Use:     "list [QUERY]",
		Short:   "One line per article: date, kind, title, id (best first)",
		Long:    `List the articles that match QUERY (every article without one), best first, or newest first when QUERY has no words: date, kind, title and id on each line. --format json prints the export format.`,
		Example: "unvn list theme:hiv,gbv after:2024\nunvn list --format json is:unread",
	}
	listFormat := enumFlag(list, "format", "text", "the output: text or json", "text", "json")
	list.RunE = func(cmd *cobra.Command, args []string) error { return a.cmdList(cmd, *listFormat, args) }

	show := &cobra.Command{
		Use:     "show ID|QUERY",
		Short:   "One article (the best hit for QUERY), rendered as in the reader",
		Long:    `Show the article with the id, or the best hit for QUERY. On a terminal it is rendered as the reader renders it; to a pipe or a file it is plain markdown (as export --format markdown).`,
		Example: "unvn show 2024-11-30-building-a-sustainable-hiv-response-with-the-community-for\nunvn show dang quoc phong",
	}
	showWidth := show.Flags().Int("width", 0, "wrap at this many columns (0: the terminal's width, at most 100)")
	show.RunE = func(cmd *cobra.Command, args []string) error { return a.cmdShow(cmd, *showWidth, args) }

	themes := &cobra.Command{
		Use:   "themes",
		Short: "Every theme: its id, its name and its article count",
		Args:  noArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return a.cmdThemes() },
	}

	export := &cobra.Command{
		Use:     "export [QUERY]",
		Short:   "Print the corpus (or the articles matching QUERY) as JSON or markdown",
		Long:    `Print every article, or those matching QUERY (best first), as JSON (the format the README describes) or as the markdown documents the reader renders.`,
		Example: "unvn export > corpus.json\nunvn export --format markdown theme:climate > climate.md",
	}
	exportFormat := enumFlag(export, "format", "json", "the output: json or markdown", "json", "markdown")
	export.RunE = func(cmd *cobra.Command, args []string) error { return a.cmdExport(cmd, *exportFormat, args) }

	for _, c := range []*cobra.Command{list, show, export} {
		queryCommand(c)
	}
	themes.ValidArgsFunction = cobra.NoFileCompletions
	cmds := []*cobra.Command{list, show, themes, export}
	for _, c := range cmds {
		c.GroupID = groupReading
	}
	return cmds
}

// queryCommand marks cmd as taking a QUERY: flags stop at the first word (so "list hiv -prep"
// excludes prep), and the shell completes field names and values.
func queryCommand(cmd *cobra.Command) {
	cmd.Flags().SetInterspersed(false)
	if cmd.Annotations == nil {
		cmd.Annotations = map[string]string{}
	}
	cmd.Annotations[queryAnnotation] = "true"
	cmd.ValidArgsFunction = completeQuery
}

// completeQuery completes the fields of the query language and the values of theme:, kind: and
// is:, so "unvn list theme:<tab>" lists the themes.
func completeQuery(_ *cobra.Command, _ []string, word string) ([]cobra.Completion, cobra.ShellCompDirective) {
	field, value, ok := strings.Cut(word, ":")
	if !ok {
		var out []cobra.Completion
		for _, f := range []string{"theme:", "kind:", "is:", "year:", "date:", "after:", "before:", "source:"} {
			if strings.HasPrefix(f, word) {
				out = append(out, f)
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
	}
	var values []string
	switch field {
	case "theme", "-theme":
		for _, t := range data.Themes {
			values = append(values, t.ID+"\t"+t.Name)
		}
	case "kind", "-kind":
		values = []string{"story", "press-release", "speech", "publication", "news"}
	case "is", "-is":
		values = []string{"unread", "starred", "teaser"}
	}
	// A list of values completes after its last comma.
	done, last := "", value
	if i := strings.LastIndex(value, ","); i >= 0 {
		done, last = value[:i+1], value[i+1:]
	}
	var out []cobra.Completion
	for _, v := range values {
		if strings.HasPrefix(v, last) {
			out = append(out, field+":"+done+v)
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// enumFlag is a string flag that takes one of values; anything else is a usage error naming the
// valid ones, and the shell completes them.
func enumFlag(cmd *cobra.Command, name, def, usage string, values ...string) *string {
	p := cmd.Flags().String(name, def, usage)
	_ = cmd.RegisterFlagCompletionFunc(name, cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp))
	prev := cmd.PreRunE
	cmd.PreRunE = func(c *cobra.Command, args []string) error {
		if !slices.Contains(values, *p) {
			return usagef(c, "%s: unknown %s %q (want %s)", c.Name(), name, *p, strings.Join(values, " or "))
		}
		if prev != nil {
			return prev(c, args)
		}
		return nil
	}
	return p
}

// noArgs refuses arguments to a command that takes none.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usagef(cmd, "%s takes no arguments, got %q", cmd.Name(), strings.Join(args, " "))
	}
	return nil
}

// cmdRead opens the reader.
func (a *app) cmdRead() error {
	lib, err := a.open()
	if err != nil {
		return err
	}
	st := a.readerState()
	// The reader reloads when the library changes (unvn add in another terminal), or the --data
	// paths do. The library folder is made now, so there is something to watch from the start.
	watch := a.dataPaths
	if len(a.dataPaths) == 0 {
		_ = os.MkdirAll(library.Dir(), 0o755)
		watch = []string{library.Dir()}
	}
	reload := func() (*store.Store, []data.Warning, error) {
		var cacheWarns []data.Warning // not on stderr, under the reader: in its status line
		lib, err := a.loadLibrary(a.dataPaths, func(msg string) {
			cacheWarns = append(cacheWarns, data.Warning{Snapshot: "cache", Message: msg})
		})
		if err != nil {
			return nil, nil, err
		}
		return lib.Store, append(lib.Warnings, cacheWarns...), nil
	}
	err = ui.Run(ui.Options{Store: lib.Store, Corpus: data.Corpus{Warnings: lib.Warnings}, State: st,
		StateWarnings: a.stateWarnings, TextWidth: a.textWidth, Reload: reload, Watch: watch, FetchArticle: fetchIntoLibrary})
	a.flushState(st)
	return err
}

// flushTimeout is how long quitting waits for the last save (another instance may hold the lock).
const flushTimeout = 3 * time.Second

// flushState saves the reader state on the way out, however the reader ended. A failed save only
// warns, and one that hangs is given up: the write is atomic, so that never leaves half a file.
func (a *app) flushState(st *store.State) {
	done := make(chan error, 1)
	go func() { done <- st.Flush() }()
	select {
	case err := <-done:
		if err != nil && st.SaveDisabled() == nil { // a disabled save was warned about at start
			a.say(fmt.Sprintf("warning: could not save the reader state: %v", err))
		}
	case <-time.After(flushTimeout):
		a.say(fmt.Sprintf("warning: gave up saving the reader state after %v", flushTimeout))
	}
}

// open loads what the user asked for — the embedded captures and the library, or the --data
// captures — through the cache (see package cache), and prints the warnings on stderr.
func (a *app) open() (*cache.Library, error) {
	lib, err := a.loadLibrary(a.dataPaths, func(msg string) { a.say("warning: " + msg) })
	if err != nil {
		return nil, err
	}
	for _, w := range lib.Warnings {
		a.say("warning: " + w.String())
	}
	return lib, nil
}

// loadLibrary is open without printing, for the --data paths dataPaths (none: the embedded
// captures and the library): the captures' warnings are in the library, the cache's go to warn.
func (a *app) loadLibrary(dataPaths []string, warn func(string)) (*cache.Library, error) {
	// The captures are listed while the cache file is checked (see cache.LoadFrom).
	list := func() ([]cache.Source, []data.Warning, error) {
		if len(dataPaths) > 0 {
			return cache.Files(dataPaths)
		}
		srcs := cache.Embedded()
		var warns []data.Warning
		files, err := library.Files()
		if err != nil {
			warns = append(warns, data.Warning{Snapshot: library.Dir(), Message: err.Error()})
		}
		for _, f := range files {
			srcs = append(srcs, cache.Source{Name: f.Path, Path: f.Path})
		}
		return srcs, warns, nil
	}
	label := "the embedded captures and the library"
	for i, p := range dataPaths {
		if i == 0 {
			label = "--data"
		}
		if abs, err := filepath.Abs(p); err == nil {
			p = abs
		}
		label += " " + p
	}
	return cache.LoadFrom(list, cache.Options{Name: cache.Name(dataPaths), Label: label, Warn: warn})
}

// parseQuery reads a QUERY given as one or more arguments ("unvn list hiv theme:health" needs
// no quotes). A bad value is a usage error that names it and the valid ones.
func parseQuery(cmd *cobra.Command, args []string) (store.Query, string, error) {
	text := strings.Join(args, " ")
	q, err := store.Parse(text)
	if err != nil {
		return q, text, usagef(cmd, "%s: %v", cmd.Name(), err)
	}
	return q, text, nil
}

// queryStore parses the QUERY of cmd and opens the articles (see open).
func (a *app) queryStore(cmd *cobra.Command, args []string) (store.Query, string, *cache.Library, error) {
	q, text, err := parseQuery(cmd, args)
	if err != nil {
		return q, text, nil, err
	}
	lib, err := a.open()
	return q, text, lib, err
}

// matching returns the heads of the articles that match q, best first (newest first without
// words): Store.Full gives the whole of one.
func matching(s *store.Store, q store.Query, marks store.Marks) []*data.Article {
	res := s.Match(q, marks)
	out := make([]*data.Article, len(res.Hits))
	for i, h := range res.Hits {
		out[i] = h.Article
	}
	return out
}

// fullCorpus is the whole of each of heads, with warnings, for the export format.
func fullCorpus(s *store.Store, heads []*data.Article, warns []data.Warning) data.Corpus {
	c := data.Corpus{Articles: make([]data.Article, len(heads)), Warnings: warns}
	for i, h := range heads {
		c.Articles[i] = *s.Full(h)
	}
	return c
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

// cmdList prints one line per hit: date, kind, title, id. It reads only the heads of the
// articles, in the order the cache keeps them, formats each hit's line as it goes and writes
// the lines in the hits' order through one buffer.
func (a *app) cmdList(cmd *cobra.Command, format string, args []string) error {
	oneShot()
	q, text, lib, err := a.queryStore(cmd, args)
	if err != nil {
		return err
	}
	if format == "json" {
		hits := matching(lib.Store, q, a.readerState())
		if len(hits) == 0 {
			return nothingMatches(text)
		}
		w := bufio.NewWriterSize(a.stdout, 64<<10)
		if err := writeJSON(w, fullCorpus(lib.Store, hits, lib.Warnings)); err != nil {
			return err
		}
		return w.Flush()
	}
	lib.Frugal() // one search: what it reads of the cache is not needed after
	res := lib.Store.Find(q, a.readerState())
	if len(res.Hits) == 0 {
		return nothingMatches(text)
	}
	lib.DropPages()
	width := 0 // a pipe gets whole titles
	if f, ok := a.stdout.(*os.File); ok && term.IsTerminal(f.Fd()) {
		if tw, _, err := term.GetSize(f.Fd()); err == nil {
			width = tw
		}
	}
	// The lines are made in the order the heads are read and kept in chunks of memory that
	// are filled and never grown (which would copy them); lines[i] is hit i's.
	lines := make([][]byte, len(res.Hits))
	var line, chunk []byte
	lib.Store.EachHead(res.Hits, func(i int, h *data.Article) {
		line = append(appendListLine(line[:0], h, width), '\n')
		if len(line) > cap(chunk)-len(chunk) {
			chunk = make([]byte, 0, max(listChunk, len(line)))
		}
		at := len(chunk)
		chunk = append(chunk, line...)
		lines[i] = chunk[at:len(chunk):len(chunk)]
	})
	w := bufio.NewWriterSize(a.stdout, 64<<10)
	for _, l := range lines {
		if _, err := w.Write(l); err != nil {
			return err
		}
	}
	return w.Flush()
}

// listChunk is the size of the pieces of memory list keeps its lines in.
const listChunk = 1 << 20

// oneShot tunes the runtime for a command that prints and exits: its heap lives only until
// then, so collecting it often is wasted work.
func oneShot() { debug.SetGCPercent(400) }

// listLine is one line of list: date, kind, title, id. Given a terminal width, the title is cut
// so the line fits instead of wrapping mid-word; the id, which scripts use, is always whole.
func listLine(a *data.Article, width int) string { return string(appendListLine(nil, a, width)) }

// appendListLine appends listLine's line to b, formatted by hand: list prints thousands.
func appendListLine(b []byte, a *data.Article, width int) []byte {
	title := a.Title
	if width > 0 {
		room := width - 10 - 2 - 13 - 2 - 2 - len(a.ID)
		title = ansi.Truncate(title, max(room, 20), "…")
	}
	// The date as Date.String writes it, without making a string of it.
	at := len(b)
	if b = a.Date.Append(b); len(b) == at {
		b = append(b, "undated"...)
	}
	b = appendPadded(b, "", 10-(len(b)-at))
	b = appendPadded(b, string(a.Kind), 13)
	b = append(b, title...)
	b = append(b, "  "...)
	return append(b, a.ID...)
}

// appendPadded appends s, padded with spaces to width runes as %-*s pads it, and the gap.
func appendPadded(b []byte, s string, width int) []byte {
	b = append(b, s...)
	for n := utf8.RuneCountInString(s); n < width; n++ {
		b = append(b, ' ')
	}
	return append(b, "  "...)
}

// writeJSON writes a corpus in the export format.
func writeJSON(w io.Writer, c data.Corpus) error {
	if c.Articles == nil {
		c.Articles = []data.Article{}
	}
	if c.Warnings == nil {
		c.Warnings = []data.Warning{}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(c); err != nil {
		return err
	}
	_, err := io.WriteString(w, escapeUnsafeJSON(buf.String()))
	return err
}

// escapeUnsafeJSON writes DEL, C1 and bidi controls in encoded JSON as \u escapes (encoding/json
// escapes only C0). Article text never holds them, but a warning's file name may: this way a
// program reading the JSON gets the name exactly, and a terminal showing it sees only text.
// They can only occur inside strings, where the escape means the same character.
func escapeUnsafeJSON(s string) string {
	if !strings.ContainsFunc(s, termsafe.Unsafe) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if termsafe.Unsafe(r) {
			fmt.Fprintf(&b, `\u%04x`, r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// maxWidthFlag bounds --width: Glamour pads every line to the width, so a huge one would print
// megabytes of blanks.
const maxWidthFlag = 1000

// cmdShow prints one article: the one with the id, or the best hit for a query. A terminal
// gets it rendered as the reader renders it, a pipe or a file the plain markdown.
func (a *app) cmdShow(cmd *cobra.Command, width int, args []string) error {
	if width < 0 || width > maxWidthFlag {
		return usagef(cmd, "show: --width must be between 1 and %d (0 or none: the terminal's), not %d", maxWidthFlag, width)
	}
	if blank(args) {
		return usagef(cmd, "show: needs an article id or a query")
	}
	q, text, lib, err := a.queryStore(cmd, args)
	if err != nil {
		return err
	}
	s := lib.Store
	art, ok := s.Get(text)
	if !ok {
		res := s.Find(q, a.readerState()) // only the best hit is read
		if res.Total == 0 {
			return nothingMatches(text)
		}
		art = s.Full(res.Hits[0].Head())
		if more := res.Total - 1; more > 0 {
			// On stderr: stdout is the article, maybe piped into a file.
			fmt.Fprintf(a.stderr, "unvn: %d more %s %q; unvn list %s lists them\n", more,
				map[bool]string{true: "article matches", false: "articles match"}[more == 1], text, text)
		}
	}
	f, ok := a.stdout.(*os.File)
	if !ok || !term.IsTerminal(f.Fd()) {
		_, err := io.WriteString(a.stdout, data.Markdown(art))
		return err
	}
	tw, th, err := term.GetSize(f.Fd())
	if err != nil || tw <= 0 {
		tw, th = 80, 0
	}
	if width == 0 {
		width = ui.WrapWidth(tw)
	}
	out, err := ui.RenderArticle(art, s.Related(art.ID, 5), width, lipgloss.HasDarkBackground(os.Stdin, f))
	if err != nil {
		return err
	}
	return a.page(inProfile(out, colorprofile.Detect(f, os.Environ())), th)
}

// inProfile gives out the colours the terminal has, as the reader does through Bubble Tea: with
// NO_COLOR none (bold, underline and links stay), on a 256-colour terminal the nearest ones.
func inProfile(out string, p colorprofile.Profile) string {
	var b strings.Builder
	w := &colorprofile.Writer{Forward: &b, Profile: p}
	if _, err := w.WriteString(out); err != nil {
		return out
	}
	return b.String()
}

// page writes out, through $PAGER (less -R when unset) when it is longer than a screen of
// height lines, as git does. An empty PAGER, or one that cannot start, means no pager.
func (a *app) page(out string, height int) error {
	pager, set := os.LookupEnv("PAGER")
	if !set {
		pager = "less -R"
	}
	if strings.TrimSpace(pager) == "" || height <= 0 || strings.Count(out, "\n") < height {
		_, err := io.WriteString(a.stdout, out)
		return err
	}
	cmd := exec.Command("sh", "-c", pager)
	cmd.Stdin = strings.NewReader(out)
	cmd.Stdout, cmd.Stderr = a.stdout, a.stderr
	// less without options of its own: keep colours, quit at once when it all fits after all.
	cmd.Env = append(os.Environ(), "LESS="+cmp.Or(os.Getenv("LESS"), "FRX"))
	if err := cmd.Start(); err != nil {
		_, err := io.WriteString(a.stdout, out)
		return err
	}
	return cmd.Wait()
}

// cmdThemes prints every theme id, its name and how many articles have it.
func (a *app) cmdThemes() error {
	lib, err := a.open()
	if err != nil {
		return err
	}
	counts := map[string]int{}
	for _, c := range lib.Store.Match(store.Query{}, nil).Facets.Themes {
		counts[c.Value] = c.N
	}
	tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
	for _, t := range data.Themes {
		fmt.Fprintf(tw, "%s\t%s\t%d\n", t.ID, t.Name, counts[t.ID])
	}
	return tw.Flush()
}

// cmdExport prints the corpus, or the articles matching a query (best first), as JSON or
// markdown.
func (a *app) cmdExport(cmd *cobra.Command, format string, args []string) error {
	oneShot()
	q, text, lib, err := a.queryStore(cmd, args)
	if err != nil {
		return err
	}
	heads := lib.Store.Articles()
	if !q.IsEmpty() {
		if heads = matching(lib.Store, q, a.readerState()); len(heads) == 0 {
			return nothingMatches(text)
		}
	}
	w := bufio.NewWriterSize(a.stdout, 64<<10)
	if format == "markdown" {
		for i, h := range heads {
			if i > 0 {
				fmt.Fprint(w, "\n---\n\n")
			}
			fmt.Fprint(w, data.Markdown(lib.Store.Full(h)))
		}
		return w.Flush()
	}
	if err := writeJSON(w, fullCorpus(lib.Store, heads, lib.Warnings)); err != nil {
		return err
	}
	return w.Flush()
}
