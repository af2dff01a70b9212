package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"unvn/data"
	"unvn/termsafe"
)

// A reference with 500 addresses once started 500 browsers on one o. Now o opens three and
// says how to get the next three; o again opens those.
func TestOpenLinksAFewAtATime(t *testing.T) {
	var urls []string
	for i := range 500 {
		urls = append(urls, fmt.Sprintf("https://example.org/%d", i))
	}
	a := data.Article{ID: "2024-01-01-many-links", Title: "Many links", Kind: data.KindStory,
		Blocks:    []data.Block{para("See the list [1].")},
		Footnotes: []data.Footnote{{N: 1, Text: strings.Join(urls, " "), Cited: true}}}
	var opened []string
	h := newHarness(t, 80, 24, func(o *Options) {
		o.Corpus.Articles = []data.Article{a}
		o.OpenURL = func(u string) error { opened = append(opened, u); return nil }
	})
	h.keys("enter", "]", "o")
	if len(opened) != maxOpenLinks || opened[0] != urls[0] {
		t.Fatalf("one o opened %d links: %v", len(opened), opened[:min(len(opened), 5)])
	}
	if v := h.view(); !strings.Contains(v, "opened links 1–3 of 500; o opens the next 3") {
		t.Errorf("the notice does not say how to open more:\n%s", v)
	}
	h.keys("o")
	if len(opened) != 2*maxOpenLinks || opened[3] != urls[3] {
		t.Errorf("a second o opened %v", opened)
	}
}

// A paste is input like typing: it filters the list, as typing the same text would.
func TestPasteIntoSearchFilters(t *testing.T) {
	h := newHarness(t, 100, 30)
	total := len(testArticles())
	h.keys("/")
	h.send(tea.PasteMsg{Content: "qqqnotfoundword"})
	if v := h.view(); !strings.Contains(v, fmt.Sprintf("0 of %d", total)) || !strings.Contains(v, "qqqnotfoundword") {
		t.Fatalf("the paste did not filter:\n%s", v)
	}
	h.keys("enter")
	if v := h.view(); !strings.Contains(v, fmt.Sprintf("0 of %d", total)) {
		t.Errorf("after enter:\n%s", v)
	}
	h.keys("esc")
	h.keys("/")
	h.send(tea.PasteMsg{Content: "hiv\nprep"})
	if got := h.m.search.Value(); got != "hiv prep" {
		t.Errorf("a pasted line break: query %q, want %q", got, "hiv prep")
	}
}

// Text from a paste, the state file (the last query) or a file name never brings a control or
// bidi character to the screen: not the filter bar, not the status line.
func TestNoControlsFromStateNamesOrPaste(t *testing.T) {
	evil := "\x1b]0;PWNED\x07\u202eevil\u061c\u2066\u009b2J"
	st := openTestState(t)
	st.SetLastQuery("hiv "+evil, nil)
	h := newHarness(t, 120, 30, func(o *Options) {
		o.State = st
		o.Corpus.Warnings = []data.Warning{{Snapshot: "nl_name\ninjected line" + evil + ".txt", Message: "empty file"}}
	})
	h.keys("/")
	h.send(tea.PasteMsg{Content: evil})
	h.typ("x\u202ey\u2066") // a terminal without bracketed paste sends a paste as typing
	raw := h.m.render()
	for _, r := range raw {
		if termsafe.Unsafe(r) && r != 0x1b {
			t.Fatalf("%U reaches the screen:\n%q", r, raw)
		}
	}
	if strings.Contains(raw, "PWNED") && strings.Contains(raw, "]0;") {
		t.Errorf("a title sequence reaches the screen: %q", raw)
	}
	if v := h.view(); !strings.Contains(v, "nl_name injected line") {
		t.Errorf("the status line does not name the skipped file on one line:\n%s", v)
	}
}
