// Package data turns plain-text captures of UN Viet Nam and Vietnamese news pages into clean,
// structured articles: it sanitises untrusted text, segments a capture into items, strips site
// chrome, recovers paragraphs, headings and lists whose line breaks were lost, collects footnotes
// and tags themes. It also embeds the seed captures so the program works offline.
//
// data imports nothing from Charm and never writes to a terminal: everything it returns is plain,
// sanitised text that is safe to print.
package data
