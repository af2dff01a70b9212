package main

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"unvn/cache"
	"unvn/termsafe"
)

// cacheCommand is unvn cache: where the index cache is, what it holds, and clearing it.
func (a *app) cacheCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:               "cache",
		Short:             "Show where the index cache is and its size; --clear deletes it",
		Long:              `The cache (in $XDG_CACHE_HOME/unvn) holds the parsed articles and the search index of each set of captures read (the embedded ones and the library, or each list of --data paths), so that a start after the first parses nothing. It is rebuilt from the captures whenever it is missing, stale or damaged, so deleting it is always safe: the next start is only slower.`,
		Args:              noArgs,
		GroupID:           groupOther,
		ValidArgsFunction: cobra.NoFileCompletions,
	}
	wipe := cmd.Flags().Bool("clear", false, "delete the cache")
	cmd.RunE = func(cmd *cobra.Command, _ []string) error { return a.cmdCache(*wipe) }
	return cmd
}

func (a *app) cmdCache(wipe bool) error {
	dir := cache.Dir()
	if wipe {
		freed, err := cache.Clear(dir)
		if err != nil {
			return fmt.Errorf("could not clear the cache: %w", err)
		}
		fmt.Fprintf(a.stdout, "Cleared the cache (%s freed) in %s\n", humanSize(freed), termsafe.Spell(dir))
		return nil
	}
	files, err := cache.List(dir)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		fmt.Fprintf(a.stdout, "The cache is empty (%s).\n", termsafe.Spell(dir))
		return nil
	}
	tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
	var total int64
	for _, f := range files {
		what := "damaged or of another version: rebuilt on next use"
		if f.Label != "" {
			what = fmt.Sprintf("%s: %s, %s", f.Label, plural(f.Captures, "capture"), plural(f.Articles, "article"))
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", f.Name, humanSize(f.Size), f.Modified.Format("2006-01-02 15:04"), termsafe.Spell(what))
		total += f.Size
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "%s in %s (%s). Deleting it is always safe: unvn cache --clear\n",
		humanSize(total), termsafe.Spell(dir), plural(len(files), "file"))
	return nil
}
