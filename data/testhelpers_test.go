package data

import (
	"path/filepath"
	"strings"
	"testing"
)

// seedDir holds the real captures: the parser's main fixtures.
const seedDir = "seeds"

func seedFiles(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(seedDir, "*.txt"))
	if err != nil || len(files) != 5 {
		t.Fatalf("want the 5 seed captures in %s, got %v (%v)", seedDir, files, err)
	}
	return files
}

// everyByteAt returns window with each byte value put at each of its places in turn: the inputs
// that hold a scan reading several bytes at a time to one that reads them one by one.
func everyByteAt(window string) []string {
	var out []string
	for c := 0; c < 256; c++ {
		for at := 0; at < len(window); at++ {
			b := []byte(window)
			b[at] = byte(c)
			out = append(out, string(b))
		}
	}
	return out
}

// article finds the article whose title starts with prefix in the embedded corpus.
func article(t testing.TB, titlePrefix string) *Article {
	t.Helper()
	c := Embedded()
	for i := range c.Articles {
		if strings.HasPrefix(c.Articles[i].Title, titlePrefix) {
			return &c.Articles[i]
		}
	}
	t.Fatalf("no article titled %q…", titlePrefix)
	return nil
}

// allText joins every block's text and items.
func allText(a *Article) string {
	var b strings.Builder
	for _, bl := range a.Blocks {
		b.WriteString(bl.Text + "\n")
		for _, it := range bl.Items {
			b.WriteString(it + "\n")
		}
	}
	return b.String()
}

func blocksOf(a *Article, typ BlockType) []Block {
	var out []Block
	for _, b := range a.Blocks {
		if b.Type == typ {
			out = append(out, b)
		}
	}
	return out
}
