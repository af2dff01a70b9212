package data

// Markdown renders an article as the markdown document the reader hands to Glamour.
func Markdown(a *Article) string { return "# " + a.Title + "\n" }
