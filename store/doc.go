// Package store holds the articles in memory and answers questions about them: an inverted index
// over accent-folded tokens, one query language for the command line and the reader's search box,
// BM25-style ranking, facets, snippets, highlighting and "more like this".
//
// A Store is built once from []data.Article and is read-only afterwards, so any number of
// goroutines may search it at once; when the library changes, build a new one. Folding is
// data.Fold's — there is no second folding here — so "dang quoc phong" finds "Đặng Quốc Phong".
//
// The package imports nothing from Charm and knows nothing of the reader: the ui calls it with
// plain function calls (or wraps them in its own tea.Cmds).
package store
