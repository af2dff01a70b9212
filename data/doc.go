// Package data turns plain-text captures of UN Viet Nam and Vietnamese news pages (and saved or
// fetched HTML pages, html.go) into clean, structured articles. It also embeds the seed captures
// so the program works offline.
//
// A capture goes through one stage per file, the way a person reads a page:
//
//	sanitize.go   bytes -> safe lines (BOM, CRLF, UTF-8, NFC, entities, escapes, controls)
//	lines.go      each line's features: words, function words, blank lines above it
//	classify.go   each line's class: chrome, date, kind label, byline, metadata, tail, text
//	segment.go    one article or a listing's items, from repeated item shapes
//	header.go     each item's headline (by score), kind, date, source, dateline
//	clean.go      chrome out of the body; recover.go: glued paragraphs, headings and lists
//	blocks.go     lines -> paragraphs, headings, lists, quotes, captions
//	footnotes.go  references out of the body, citations marked
//	themes.go     themes from the title, the lead and the body
//
// Every word list is in lexicon.go, shared text helpers in text.go, dates in dates.go.
//
// data imports nothing from Charm and never writes to a terminal: everything it returns is plain,
// sanitised text that is safe to print.
package data
