package main

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"unvn/data"
	"unvn/library"
)

// libraryCommands are add, library and remove: the user's own captures.
func (a *app) libraryCommands() []*cobra.Command {
	add := &cobra.Command{
		Use:   "add FILE...",
		Short: "Check captures and copy them into the library",
		Long:  `Check each capture (it must parse to at least one article) and copy it into the library, saying how many articles it adds and how many were there already. A bad file is refused with its name; the others are still added.`,
		RunE:  func(cmd *cobra.Command, args []string) error { return a.cmdAdd(cmd, args) },
	}
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

// cmdAdd copies captures into the library after checking each.
func (a *app) cmdAdd(cmd *cobra.Command, paths []string) error {
	if len(paths) == 0 {
		return usagef(cmd, "add: needs one or more capture files")
	}
	c, err := library.LoadDefault()
	if err != nil {
		return err
	}
	known := data.TitleKeys(c.Articles)
	failed := 0
	added, fresh, had := 0, 0, 0
	for _, path := range paths {
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
	if len(paths) > 1 {
		fmt.Fprintf(a.stdout, "%s added: %d new articles, %d already in the library\n", plural(added, "capture"), fresh, had)
	}
	if failed > 0 {
		return fmt.Errorf("%s could not be added", plural(failed, "file"))
	}
	return nil
}

// cmdLibrary lists the library's captures.
func (a *app) cmdLibrary() error {
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
func (a *app) cmdRemove(cmd *cobra.Command, names []string) error {
	if len(names) == 0 {
		return usagef(cmd, "remove: needs the name of a capture (see unvn library)")
	}
	failed := 0
	for _, name := range names {
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
