package data

import (
	"encoding/json"
	"fmt"
	"time"
)

// Kind is what sort of item an article is.
type Kind string

// The article kinds. News is an outlet's article; the others are the UN Viet Nam site's labels.
const (
	KindStory        Kind = "story"
	KindPressRelease Kind = "press-release"
	KindSpeech       Kind = "speech"
	KindPublication  Kind = "publication"
	KindNews         Kind = "news"
)

// Kinds lists every kind in display order.
var Kinds = []Kind{KindStory, KindPressRelease, KindSpeech, KindPublication, KindNews}

// Precision says how much of a Date is known.
type Precision int

// Date precisions, from least to most precise.
const (
	PrecisionUnknown Precision = iota
	PrecisionMonth
	PrecisionDay
)

// Date is a calendar date that may be known only to the month, or not at all.
type Date struct {
	Time      time.Time
	Precision Precision
}

// String formats the date as YYYY-MM-DD, YYYY-MM or "" by its precision.
func (d Date) String() string {
	var buf [16]byte
	return string(d.Append(buf[:0]))
}

// Append appends d.String() to b, for an article's id and for the lines of `unvn list`.
func (d Date) Append(b []byte) []byte {
	switch d.Precision {
	case PrecisionDay:
		return d.Time.AppendFormat(b, "2006-01-02")
	case PrecisionMonth:
		return d.Time.AppendFormat(b, "2006-01")
	}
	return b
}

// Human formats the date for people: "7 March 2023", "March 2023" or "undated".
func (d Date) Human() string {
	switch d.Precision {
	case PrecisionDay:
		return d.Time.Format("2 January 2006")
	case PrecisionMonth:
		return d.Time.Format("January 2006")
	}
	return "undated"
}

// IsZero reports whether nothing is known of the date.
func (d Date) IsZero() bool { return d.Precision == PrecisionUnknown }

// BlockType is the kind of a body block.
type BlockType string

// The block types of an article body.
const (
	BlockHeading   BlockType = "heading"
	BlockParagraph BlockType = "paragraph"
	BlockList      BlockType = "list"
	BlockQuote     BlockType = "quote"
	BlockCaption   BlockType = "caption"
)

// Block is one piece of an article body. Text holds the text of every type but list, whose
// entries are in Items (Text then holds an optional lead-in, usually empty). Footnote markers stay
// in the text as "[n]".
type Block struct {
	Type  BlockType `json:"type"`
	Text  string    `json:"text"`
	Items []string  `json:"items"`
}

// MarshalJSON writes items as an array always ([] for blocks that are not lists), so scripts
// can iterate it without a null check.
func (b Block) MarshalJSON() ([]byte, error) {
	type plain Block
	if b.Items == nil {
		b.Items = []string{}
	}
	return json.Marshal(plain(b))
}

// Footnote is one reference of an article. Cited says whether the body has a [N] marker for it.
type Footnote struct {
	N     int    `json:"n"`
	Text  string `json:"text"`
	Cited bool   `json:"cited"`
}

// ThemeMatch is a theme an article is about, with the terms that triggered it so a reader can
// see why.
type ThemeMatch struct {
	ID    string
	Terms []string
}

// Article is one clean article.
type Article struct {
	ID        string
	Kind      Kind
	Date      Date
	Title     string
	TitleMade bool // the capture had no headline: Title was made from the lead
	Source    string
	Summary   string
	Teaser    bool // only the headline was captured
	Blocks    []Block
	Footnotes []Footnote
	Themes    []ThemeMatch
	Snapshot  string // base name of the capture it came from
	URL       string // the page's address (http or https), "" when unknown
}

// HasTheme reports whether the article is tagged with theme id.
func (a *Article) HasTheme(id string) bool {
	for _, t := range a.Themes {
		if t.ID == id {
			return true
		}
	}
	return false
}

// ThemeIDs returns the article's theme ids in taxonomy order.
func (a *Article) ThemeIDs() []string {
	ids := make([]string, len(a.Themes))
	for i, t := range a.Themes {
		ids[i] = t.ID
	}
	return ids
}

// Footnote returns footnote n and whether the article has it.
func (a *Article) Footnote(n int) (Footnote, bool) {
	for _, f := range a.Footnotes {
		if f.N == n {
			return f, true
		}
	}
	return Footnote{}, false
}

// TextLen is the size in bytes of the article's text: title, summary, blocks and footnotes.
func (a *Article) TextLen() int {
	n := len(a.Title) + len(a.Summary)
	for _, b := range a.Blocks {
		n += len(b.Text)
		for _, it := range b.Items {
			n += len(it)
		}
	}
	for _, f := range a.Footnotes {
		n += len(f.Text)
	}
	return n
}

// articleJSON fixes the export field names that scripts rely on.
type articleJSON struct {
	ID        string     `json:"id"`
	Kind      Kind       `json:"kind"`
	Date      string     `json:"date"`
	Title     string     `json:"title"`
	TitleMade bool       `json:"title_made"`
	Source    string     `json:"source"`
	Summary   string     `json:"summary"`
	Teaser    bool       `json:"teaser"`
	Blocks    []Block    `json:"blocks"`
	Footnotes []Footnote `json:"footnotes"`
	Themes    []string   `json:"themes"`
	Snapshot  string     `json:"snapshot"`
	URL       string     `json:"url"`
}

// MarshalJSON writes the article in the export format.
func (a Article) MarshalJSON() ([]byte, error) {
	blocks := a.Blocks
	if blocks == nil {
		blocks = []Block{}
	}
	notes := a.Footnotes
	if notes == nil {
		notes = []Footnote{}
	}
	return json.Marshal(articleJSON{
		ID: a.ID, Kind: a.Kind, Date: a.Date.String(), Title: a.Title, TitleMade: a.TitleMade, Source: a.Source,
		Summary: a.Summary, Teaser: a.Teaser, Blocks: blocks, Footnotes: notes,
		Themes: a.ThemeIDs(), Snapshot: a.Snapshot, URL: a.URL,
	})
}

// Warning is a problem with one capture that did not stop the others from loading.
type Warning struct {
	Snapshot string `json:"snapshot"`
	Message  string `json:"message"`
}

func (w Warning) String() string { return fmt.Sprintf("%s: %s", w.Snapshot, w.Message) }

// Corpus is what a load yields: the merged articles, newest first, and the warnings.
type Corpus struct {
	Articles []Article `json:"articles"`
	Warnings []Warning `json:"warnings"`
}
