package cache

import (
	"encoding/binary"
	"errors"
	"slices"
	"time"
	"unsafe"

	"unvn/data"
)

// An article is kept in two parts: its head (what a list shows: id, kind, date, title, source,
// snapshot, teaser, themes) and its body (summary, blocks, footnotes). Heads sit together in one
// section so that listing thousands of articles reads a few pages, not the text; a body is read
// only when its article is opened. Numbers are uvarints, strings a length and the bytes. The
// decoders point their strings into the encoded bytes (the mapped file) instead of copying.

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// appendCount writes n+1 for a slice and 0 for nil, so that nil and empty survive the trip.
func appendCount[T any](b []byte, v []T) []byte {
	if v == nil {
		return append(b, 0)
	}
	return binary.AppendUvarint(b, uint64(len(v))+1)
}

func appendHead(b []byte, a *data.Article) []byte {
	b = appendString(b, a.ID)
	b = appendString(b, string(a.Kind))
	b = append(b, byte(a.Date.Precision))
	b = binary.AppendVarint(b, a.Date.Time.Unix())
	b = appendString(b, a.Title)
	b = appendString(b, a.Source)
	b = appendString(b, a.Snapshot)
	b = appendString(b, a.URL)
	var flags byte
	if a.Teaser {
		flags |= 1
	}
	if a.TitleMade {
		flags |= 2
	}
	b = append(b, flags)
	b = appendCount(b, a.Themes)
	for _, t := range a.Themes {
		b = appendString(b, t.ID)
	}
	return b
}

func appendBody(b []byte, a *data.Article) []byte {
	for _, t := range a.Themes { // the terms that triggered each theme (the ids are in the head)
		b = appendCount(b, t.Terms)
		for _, term := range t.Terms {
			b = appendString(b, term)
		}
	}
	b = appendString(b, a.Summary)
	b = appendCount(b, a.Blocks)
	for _, bl := range a.Blocks {
		b = appendString(b, string(bl.Type))
		b = appendString(b, bl.Text)
		b = appendCount(b, bl.Items)
		for _, it := range bl.Items {
			b = appendString(b, it)
		}
	}
	b = appendCount(b, a.Footnotes)
	for _, f := range a.Footnotes {
		b = binary.AppendVarint(b, int64(f.N))
		b = appendString(b, f.Text)
		cited := byte(0)
		if f.Cited {
			cited = 1
		}
		b = append(b, cited)
	}
	return b
}

var errRecord = errors.New("bad article record")

// decoder reads a record; the first problem sets err and later reads return zero values.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	d.advance(n)
	return v
}

func (d *decoder) varint() int64 {
	v, n := binary.Varint(d.b)
	d.advance(n)
	return v
}

// advance moves past a number of n bytes; n <= 0 says it could not be read.
func (d *decoder) advance(n int) {
	if n <= 0 {
		d.err = errRecord
		d.b = nil
		return
	}
	d.b = d.b[n:]
}

func (d *decoder) byte() byte {
	if len(d.b) == 0 {
		d.err = errRecord
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

func (d *decoder) string() string {
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.err = errRecord
		d.b = nil
		return ""
	}
	if n == 0 {
		return ""
	}
	s := unsafe.String(&d.b[0], int(n))
	d.b = d.b[n:]
	return s
}

// count reads what appendCount wrote: -1 for nil. A count larger than the bytes left is an
// error, so that a bad record cannot make a huge allocation.
func (d *decoder) count() int {
	n := d.uvarint()
	if n > uint64(len(d.b))+1 {
		d.err = errRecord
		d.b = nil
		return -1
	}
	return int(n) - 1
}

// head is a decoded head with room for a few themes, so that most heads are one allocation.
type head struct {
	a      data.Article
	themes [3]data.ThemeMatch
}

func decodeHead(b []byte) (*data.Article, error) {
	h := new(head)
	return &h.a, decodeHeadInto(b, h)
}

// decodeHeadInto decodes a head into h, overwriting all of it.
func decodeHeadInto(b []byte, h *head) error {
	h.a = data.Article{}
	a := &h.a
	d := &decoder{b: b}
	a.ID = d.string()
	a.Kind = data.Kind(d.string())
	a.Date.Precision = data.Precision(d.byte())
	if sec := d.varint(); a.Date.Precision != data.PrecisionUnknown || sec != (time.Time{}).Unix() {
		a.Date.Time = time.Unix(sec, 0).UTC()
	}
	a.Title = d.string()
	a.Source = d.string()
	a.Snapshot = d.string()
	a.URL = d.string()
	flags := d.byte()
	a.Teaser, a.TitleMade = flags&1 != 0, flags&2 != 0
	if n := d.count(); n >= 0 {
		if n <= len(h.themes) {
			a.Themes = h.themes[:n:n]
		} else {
			a.Themes = make([]data.ThemeMatch, n)
		}
		for i := range a.Themes {
			a.Themes[i].ID = d.string()
		}
	}
	return d.err
}

// decodeBody decodes a body into a, which holds a copy of the article's head: its themes are
// copied before their terms are filled in, as the head's are shared.
func decodeBody(b []byte, a *data.Article) error {
	d := &decoder{b: b}
	a.Themes = slices.Clone(a.Themes)
	for i := range a.Themes {
		if m := d.count(); m >= 0 {
			a.Themes[i].Terms = make([]string, m)
			for j := range a.Themes[i].Terms {
				a.Themes[i].Terms[j] = d.string()
			}
		}
	}
	a.Summary = d.string()
	if n := d.count(); n >= 0 {
		a.Blocks = make([]data.Block, n)
		for i := range a.Blocks {
			bl := &a.Blocks[i]
			bl.Type = data.BlockType(d.string())
			bl.Text = d.string()
			if m := d.count(); m >= 0 {
				bl.Items = make([]string, m)
				for j := range bl.Items {
					bl.Items[j] = d.string()
				}
			}
		}
	}
	if n := d.count(); n >= 0 {
		a.Footnotes = make([]data.Footnote, n)
		for i := range a.Footnotes {
			f := &a.Footnotes[i]
			f.N = int(d.varint())
			f.Text = d.string()
			f.Cited = d.byte() == 1
		}
	}
	if d.err == nil && len(d.b) != 0 {
		return errRecord
	}
	return d.err
}
