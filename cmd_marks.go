package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"unvn/data"
	"unvn/store"
)

// markCommands are mark-read, mark-unread, star and unstar.
func (a *app) markCommands() []*cobra.Command {
	var cmds []*cobra.Command
	for _, m := range []struct {
		name, short string
		star, on    bool
	}{
		{"mark-read", "Mark an article read (the best hit for QUERY; --all: every hit)", false, true},
		{"mark-unread", "Mark an article unread (mark-read reversed)", false, false},
		{"star", "Star an article (the best hit for QUERY; --all: every hit)", true, true},
		{"unstar", "Unstar an article (star reversed)", true, false},
	} {
		cmd := &cobra.Command{
			Use:     m.name + " ID|QUERY",
			Short:   m.short,
			GroupID: groupMarks,
			Example: "unvn " + m.name + " 2024-11-30-building-a-sustainable-hiv-response-with-the-community-for\nunvn " + m.name + " --all theme:hiv",
		}
		undo := cmd.Flags().Bool("undo", false, "reverse it")
		all := cmd.Flags().Bool("all", false, "every article that matches QUERY, not only the best hit")
		star, on := m.star, m.on
		cmd.RunE = func(cmd *cobra.Command, args []string) error {
			return a.cmdMark(cmd, star, on != *undo, *all, args)
		}
		queryCommand(cmd)
		cmds = append(cmds, cmd)
	}
	return cmds
}

// readerState opens the reader state once per run and prints its warnings.
func (a *app) readerState() *store.State {
	if a.st == nil {
		var warns []string
		a.st, warns = store.OpenState(store.StatePath())
		a.stateWarnings = warns
		for _, w := range warns {
			a.say("warning: " + w)
		}
	}
	return a.st
}

// cmdMark sets or clears a mark (read or star) on an article id, or on every article that
// matches a query, and says which.
func (a *app) cmdMark(cmd *cobra.Command, star, on, all bool, args []string) error {
	if blank(args) {
		return usagef(cmd, "%s: needs an article id or a query", cmd.Name())
	}
	q, text, lib, err := a.queryStore(cmd, args)
	if err != nil {
		return err
	}
	st := a.readerState()
	s := lib.Store
	// An id, or the best hit for a query (as show does); --all takes every hit.
	var arts []*data.Article
	more := 0
	if art, ok := s.Get(text); ok {
		arts = []*data.Article{art}
	} else {
		for _, h := range s.Match(q, st).Hits {
			arts = append(arts, h.Article)
		}
		if len(arts) > 1 && !all {
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
