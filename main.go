// Command unvn is a terminal reader for news from the United Nations in Viet Nam.
//
// main.go builds the command line (spf13/cobra, styled by charm.land/fang) and maps errors to
// exit statuses. Each group of commands has a file of its own: cmd_reading.go (the reader, list,
// show, themes, export), cmd_marks.go (mark-read, star and their reverses), cmd_library.go (add,
// library, remove). Parsing lives in data/, search in store/, the interactive reader in ui/.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"syscall"

	"charm.land/fang/v2"
	"github.com/spf13/cobra"

	"unvn/store"
	"unvn/termsafe"
	"unvn/ui"
)

// exit statuses
const (
	exitOK    = 0
	exitFail  = 1 // nothing found, or a runtime error
	exitUsage = 2
)

// usageError is a mistake in how unvn was called: exit 2, with one line saying what was wrong
// and where help is.
type usageError struct {
	msg  string
	help string // the command whose --help explains it, "unvn list"
}

func (e usageError) Error() string { return e.msg }

func usagef(cmd *cobra.Command, format string, a ...any) error {
	return usageError{msg: fmt.Sprintf(format, a...), help: cmd.CommandPath()}
}

// notFoundError is a query that matched nothing: exit 1.
type notFoundError struct{ what string }

func (e notFoundError) Error() string { return "nothing matches " + e.what }

// app is what every command is handed.
type app struct {
	stdout, stderr io.Writer
	dataPaths      []string
	textWidth      int          // the reader's --width
	st             *store.State // reader state, opened on first use
	stateWarnings  []string     // what opening it warned about, for the reader's status line
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run runs unvn with args and returns its exit status.
func run(args []string, stdout, stderr io.Writer) int {
	a := &app{stdout: stdout, stderr: plainWriter{stderr}}
	root := a.rootCommand()
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := fang.Execute(context.Background(), root,
		fang.WithVersion(version()),
		fang.WithErrorHandler(errorLine))
	var ue usageError
	var nf notFoundError
	var se *ui.SignalError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &se):
		return signalStatus(se.Signal)
	case errors.As(err, &ue):
		return exitUsage
	case errors.As(err, &nf):
		return exitFail
	}
	return exitFail
}

// rootCommand is unvn: the reader, with every group of commands below it. A new group is a
// file with a function returning its commands, added here.
func (a *app) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "unvn",
		Short: "Read news from the United Nations in Viet Nam in the terminal",
		Long: `Read news from the United Nations in Viet Nam in the terminal.

With no command, unvn opens the reader on the embedded captures and your library.

QUERY (list, show, export, mark-read, star): words (all must match; each also as a word prefix), "a phrase", theme:ID[,ID], kind:KIND[,KIND], year:YYYY, date:YYYY[-MM[-DD]], after:DATE, before:DATE, source:NAME, is:teaser|unread|starred; -word, -"phrase" and -field:value exclude. Accents and case do not matter. Put flags before QUERY, and -- before a QUERY that starts with "-".

Exit status: 0 success, 1 nothing found or a runtime error, 2 a usage error.`,
		Example: `unvn                               # open the reader
unvn list theme:hiv year:2024      # the 2024 articles about HIV
unvn show dang quoc phong          # the best hit, rendered as in the reader
unvn export --format markdown sogie > sogie.md
unvn mark-read --all theme:gbv`,
		Args:              rootArgs,
		RunE:              func(cmd *cobra.Command, _ []string) error { return a.cmdRead() },
		SilenceUsage:      true,
		SilenceErrors:     true,
		ValidArgsFunction: cobra.NoFileCompletions,
	}
	root.PersistentFlags().Var((*pathList)(&a.dataPaths), "data",
		"read the captures at this path (a file, or a folder of *.txt captures and *.html pages) instead of the embedded ones and the library; may be repeated")
	root.Flags().IntVar(&a.textWidth, "width", 0, "the reader's widest text column (default 84; the pane's width when narrower)")
	root.PreRunE = func(cmd *cobra.Command, _ []string) error {
		if a.textWidth != 0 && (a.textWidth < 20 || a.textWidth > maxWidthFlag) {
			return usagef(cmd, "--width must be between 20 and %d, not %d", maxWidthFlag, a.textWidth)
		}
		return nil
	}
	root.SetFlagErrorFunc(flagError)
	root.AddGroup(
		&cobra.Group{ID: groupReading, Title: "Reading"},
		&cobra.Group{ID: groupMarks, Title: "Marks"},
		&cobra.Group{ID: groupLibrary, Title: "Library"},
		&cobra.Group{ID: groupOther, Title: "Other"},
	)
	root.AddCommand(a.readingCommands()...)
	root.AddCommand(a.markCommands()...)
	root.AddCommand(a.libraryCommands()...)
	root.AddCommand(a.cacheCommand())
	root.SetHelpCommandGroupID(groupOther)
	root.SetCompletionCommandGroupID(groupOther)
	root.SuggestionsMinimumDistance = 2
	return root
}

// command groups, as the help lists them
const (
	groupReading = "reading"
	groupMarks   = "marks"
	groupLibrary = "library"
	groupOther   = "other"
)

// rootArgs refuses words after unvn that name no command, suggesting the closest ones.
func rootArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	msg := fmt.Sprintf("unknown command %q", args[0])
	if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
		msg += fmt.Sprintf(" (did you mean %s?)", strings.Join(s, " or "))
	}
	return usageError{msg: msg, help: cmd.CommandPath()}
}

// flagError makes every flag mistake a usage error. A command that takes a QUERY also hints at
// the commonest one: a query that starts with a "-word".
func flagError(cmd *cobra.Command, err error) error {
	msg := err.Error()
	if cmd.HasParent() {
		msg = cmd.Name() + ": " + msg
	}
	if takesQuery(cmd) && strings.HasPrefix(err.Error(), "unknown ") {
		msg += ` (put -- before a query that starts with "-")`
	}
	return usageError{msg: msg, help: cmd.CommandPath()}
}

// queryAnnotation marks the commands whose arguments are a QUERY.
const queryAnnotation = "query"

func takesQuery(cmd *cobra.Command) bool { _, ok := cmd.Annotations[queryAnnotation]; return ok }

// signalStatus is what shells report for a process that a signal ended: 128 + its number.
func signalStatus(sig os.Signal) int {
	if n, ok := sig.(syscall.Signal); ok {
		return 128 + int(n)
	}
	return exitFail
}

// errorLine prints an error as one line: "unvn: …", and for a usage error where help is. Fang
// hands it a writer that keeps colour only on a terminal.
func errorLine(w io.Writer, styles fang.Styles, err error) {
	if errors.As(err, new(*ui.SignalError)) {
		return // the exit status says it; the shell prints what it prints for a signal
	}
	msg := termsafe.Spell(err.Error())
	var ue usageError
	if errors.As(err, &ue) && ue.help != "" {
		msg += "  " + styles.Program.Flag.Render("(see "+ue.help+" --help)")
	}
	fmt.Fprintln(w, styles.ErrorText.UnsetWidth().UnsetMargins().UnsetTransform().Render("unvn: ")+msg)
}

// version is what --version prints, from the build info: the module version (a tag when built
// with go install …@version, "devel" in a checkout) and the commit when Go recorded one.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	v := info.Main.Version
	if v == "" || v == "(devel)" {
		v = "devel"
	}
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if rev != "" {
		if modified == "true" {
			rev += "-dirty"
		}
		v += " (" + rev + ")"
	}
	return v + ", " + info.GoVersion
}

// pathList is the repeatable --data flag.
type pathList []string

func (p *pathList) String() string { return strings.Join(*p, ",") }
func (p *pathList) Type() string   { return "PATH" }
func (p *pathList) Set(v string) error {
	if v == "" {
		return errors.New("--data needs a path")
	}
	*p = append(*p, v)
	return nil
}

// plainWriter spells out control characters line by line (termsafe.Spell): stderr only ever
// carries plain text, and its messages name files and paths, which may hold escape sequences.
// It is the safety net: a message that names something untrusted goes through say, which also
// keeps a newline in the name from starting a line of its own.
type plainWriter struct{ w io.Writer }

func (p plainWriter) Write(b []byte) (int, error) {
	lines := strings.Split(string(b), "\n")
	for i, l := range lines {
		lines[i] = termsafe.Spell(l)
	}
	if _, err := io.WriteString(p.w, strings.Join(lines, "\n")); err != nil {
		return 0, err
	}
	return len(b), nil
}

// say prints one line on stderr, "unvn: " and msg with every control character in it spelled
// out: a file named "x\ninjected line" prints as x\ninjected line, on one line.
func (a *app) say(msg string) {
	fmt.Fprintf(a.stderr, "unvn: %s\n", termsafe.Spell(msg))
}
