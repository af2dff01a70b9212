// Command unvn is a terminal reader for news from the United Nations in Viet Nam.
//
// main.go holds flags, subcommands and wiring only: parsing lives in data/, search in store/,
// the interactive reader in ui/.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"unvn/data"
	"unvn/library"
	"unvn/store"
	"unvn/ui"
)

const usage = `unvn — read news from the United Nations in Viet Nam in the terminal

Usage:
  unvn [--data PATH]...                      open the reader
  unvn [--data PATH]... list [--format text|json] [QUERY]
                                             one line per article: date, kind, title, id
  unvn [--data PATH]... show [--width N] ID|QUERY
                                             one article (the best hit for QUERY)
  unvn [--data PATH]... themes               every theme, its name and its article count
  unvn [--data PATH]... export [--format json|markdown] [QUERY]
                                             print the corpus (or the articles matching QUERY)
  unvn mark-read [--undo] [--all] ID|QUERY   mark an article read, or with --all every match
                                             (mark-unread: the reverse)
  unvn star [--undo] [--all] ID|QUERY        star an article (unstar: the reverse)
  unvn add FILE...                           check captures and copy them into the library
  unvn library                               list the library's captures
  unvn remove NAME...                        remove captures from the library

QUERY: words (all must match; each also as a word prefix), "a phrase", theme:ID[,ID],
  kind:KIND[,KIND], year:YYYY, date:YYYY[-MM[-DD]], after:DATE, before:DATE, source:NAME,
  is:teaser|unread|starred; -word, -"phrase" and -field:value exclude. Accents and case do not
  matter. Put flags before QUERY, and -- before a QUERY that starts with "-".

Exit status: 0 success, 1 nothing found or a runtime error, 2 a usage error.

Options:
  --data PATH   read the captures at PATH (a file, or a folder of *.txt) instead of the
                embedded ones and the library; may be repeated
  -h, --help    show this help
`

// exit statuses
const (
	exitOK    = 0
	exitFail  = 1 // nothing found, or a runtime error
	exitUsage = 2
)

// usageError is a mistake in how unvn was called: exit 2 with the usage text.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

type pathList []string

func (p *pathList) String() string { return strings.Join(*p, ",") }
func (p *pathList) Set(v string) error {
	if v == "" {
		return errors.New("--data needs a path")
	}
	*p = append(*p, v)
	return nil
}

// app is what every subcommand is handed.
type app struct {
	stdout, stderr io.Writer
	dataPaths      []string
	st             *store.State // reader state, opened on first use
	stateWarnings  []string     // what opening it warned about, for the reader's status line
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	a := &app{stdout: stdout, stderr: plainWriter{stderr}}
	fl := flag.NewFlagSet("unvn", flag.ContinueOnError)
	fl.SetOutput(io.Discard)
	fl.Var((*pathList)(&a.dataPaths), "data", "")
	err := fl.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	if err != nil {
		return a.report(usagef("%v", err)) // a missing or bad flag value is a usage error
	}
	return a.report(a.dispatch(fl.Args()))
}

func (a *app) report(err error) int {
	var ue usageError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintf(a.stderr, "unvn: %s\n\n%s", ue.msg, usage)
		return exitUsage
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprint(a.stdout, usage)
		return exitOK
	case strings.HasPrefix(err.Error(), "flag provided but not defined"),
		strings.Contains(err.Error(), "invalid value"):
		fmt.Fprintf(a.stderr, "unvn: %s\n\n%s", err, usage)
		return exitUsage
	}
	var nf notFoundError
	if errors.As(err, &nf) {
		fmt.Fprintf(a.stderr, "unvn: %s\n", err)
		return exitFail
	}
	fmt.Fprintf(a.stderr, "unvn: %s\n", err)
	return exitFail
}

// plainWriter spells out control characters (see printable): stderr only ever carries plain
// text, but its messages name files and paths, and a name may hold escape sequences.
type plainWriter struct{ w io.Writer }

func (p plainWriter) Write(b []byte) (int, error) {
	if _, err := io.WriteString(p.w, printable(string(b))); err != nil {
		return 0, err
	}
	return len(b), nil
}

// printable spells out C0 and C1 controls but newline and tab, DEL, bidi controls and invalid
// UTF-8 as \xNN or \uNNNN, so untrusted names reach the terminal as text it shows, not obeys.
func printable(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r == utf8.RuneError || mustSpell(r) }) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r < 0x100 && mustSpell(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case mustSpell(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

func mustSpell(r rune) bool {
	return (r < 0x20 && r != '\n' && r != '\t') || (r >= 0x7f && r <= 0x9f) ||
		(r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}

// notFoundError is a query that matched nothing: exit 1.
type notFoundError struct{ what string }

func (e notFoundError) Error() string { return "nothing matches " + e.what }

func (a *app) dispatch(args []string) error {
	if len(args) == 0 {
		return a.cmdRead()
	}
	switch args[0] {
	case "export":
		return a.cmdExport(args[1:])
	case "list":
		return a.cmdList(args[1:])
	case "show":
		return a.cmdShow(args[1:])
	case "themes":
		return a.cmdThemes(args[1:])
	case "mark-read", "mark-unread":
		return a.cmdMark(args[0], false, args[0] == "mark-read", args[1:])
	case "star", "unstar":
		return a.cmdMark(args[0], true, args[0] == "star", args[1:])
	case "add":
		return a.cmdAdd(args[1:])
	case "library":
		return a.cmdLibrary(args[1:])
	case "remove":
		return a.cmdRemove(args[1:])
	case "help":
		fmt.Fprint(a.stdout, usage)
		return nil
	}
	return usagef("unknown command %q", args[0])
}

// load reads the corpus the user asked for and prints its warnings on stderr.
func (a *app) load() (data.Corpus, error) { return a.loadFor(store.Query{}, "") }

// loadFor reads the corpus for a one-shot QUERY: captures that cannot hold a match are not
// parsed (see data.BuildMatching), which keeps a search of a large library close to grep's time.
func (a *app) loadFor(q store.Query, text string) (data.Corpus, error) {
	need := mustContain(q, text)
	var c data.Corpus
	var err error
	if len(a.dataPaths) == 0 {
		c, err = library.LoadDefaultMatching(need)
	} else {
		c, err = data.LoadMatching(a.dataPaths, need)
	}
	if err != nil {
		return c, err
	}
	for _, w := range c.Warnings {
		fmt.Fprintf(a.stderr, "unvn: warning: %s\n", w)
	}
	return c, nil
}

var articleID = regexp.MustCompile(`^(?:\d{4}-\d{2}(?:-\d{2})?|undated)-[a-z0-9-]+$`)

// mustContain lists what the folded text of a capture must contain to hold a match for q: the
// letter-and-digit runs of its words and phrases. An article id is looked up, not searched, so it
// needs nothing.
func mustContain(q store.Query, text string) []string {
	if articleID.MatchString(strings.TrimSpace(text)) {
		return nil
	}
	var need []string
	for _, t := range q.Terms() {
		need = append(need, strings.FieldsFunc(t, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })...)
	}
	return need
}

func (a *app) cmdRead() error {
	c, err := a.load()
	if err != nil {
		return err
	}
	st := a.readerState()
	err = ui.Run(ui.Options{Corpus: c, State: st, StateWarnings: a.stateWarnings})
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
			fmt.Fprintf(a.stderr, "unvn: warning: could not save the reader state: %v\n", err)
		}
	case <-time.After(flushTimeout):
		fmt.Fprintf(a.stderr, "unvn: warning: gave up saving the reader state after %v\n", flushTimeout)
	}
}

func (a *app) cmdExport(args []string) error {
	fl := flag.NewFlagSet("export", flag.ContinueOnError)
	format := fl.String("format", "json", "")
	if err := subFlags(fl, args); err != nil {
		return err
	}
	if *format != "json" && *format != "markdown" {
		return usagef("export: unknown format %q (want json or markdown)", *format)
	}
	q, text, err := parseQuery("export", fl.Args())
	if err != nil {
		return err
	}
	c, err := a.loadFor(q, text)
	if err != nil {
		return err
	}
	if err := exportFilter(&c, q, text, a.readerState()); err != nil {
		return err
	}
	if *format == "markdown" {
		for i := range c.Articles {
			if i > 0 {
				fmt.Fprint(a.stdout, "\n---\n\n")
			}
			fmt.Fprint(a.stdout, data.Markdown(&c.Articles[i]))
		}
		return nil
	}
	return writeJSON(a.stdout, c)
}
