package ui

import (
	"container/list"
	"sync/atomic"
	"unsafe"
)

// docCacheBytes bounds the rendered articles the reader keeps: about a hundred ordinary
// articles at a few widths. An article that alone is larger is still kept while it is shown.
const docCacheBytes = 48 << 20

// docCache keeps rendered articles by (article, width, style), least recently used first out
// once they take more than limit bytes. The reader used to keep every width it was ever shown at;
// a long article resized through thirty widths then held thirty renders.
type docCache struct {
	limit, size int
	order       *list.List // of *renderedDoc, most recently used at the front
	byKey       map[docKey]*list.Element
}

func newDocCache(limit int) *docCache {
	return &docCache{limit: limit, order: list.New(), byKey: map[docKey]*list.Element{}}
}

// Get returns the doc rendered for k and marks it used.
func (c *docCache) Get(k docKey) (*renderedDoc, bool) {
	e, ok := c.byKey[k]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(e)
	return e.Value.(*renderedDoc), true
}

// Put adds d and drops the least recently used docs until the rest fits (d itself stays).
func (c *docCache) Put(d *renderedDoc) {
	if e, ok := c.byKey[d.key]; ok {
		c.size -= e.Value.(*renderedDoc).bytes()
		c.order.Remove(e)
	}
	c.byKey[d.key] = c.order.PushFront(d)
	c.size += d.bytes()
	for c.size > c.limit && c.order.Len() > 1 {
		old := c.order.Back()
		od := old.Value.(*renderedDoc)
		c.size -= od.bytes()
		delete(c.byKey, od.key)
		c.order.Remove(old)
	}
}

// Clear forgets every doc.
func (c *docCache) Clear() {
	c.order.Init()
	clear(c.byKey)
	c.size = 0
}

// Size is how many bytes the cached docs take, about.
func (c *docCache) Size() int { return c.size }

// bytes is about how much memory d takes: its text, the line headers, markers and indexes.
func (d *renderedDoc) bytes() int {
	n := int(unsafe.Sizeof(*d)) + len(d.key.id)
	for _, l := range d.lines {
		n += len(l) + int(unsafe.Sizeof(l))
	}
	n += len(d.blockLine)*int(unsafe.Sizeof(0)) + len(d.markers)*int(unsafe.Sizeof(marker{}))
	return n + len(d.noteLine)*4*int(unsafe.Sizeof(0))
}

// renderJob is one render on its way. A newer wish for another doc cancels it, and the render
// stops at its next batch of blocks (see renderArticleUnless).
type renderJob struct {
	key       docKey
	cancelled atomic.Bool
}
