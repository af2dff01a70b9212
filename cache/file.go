package cache

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"sync"
	"sync/atomic"

	"github.com/google/renameio/v2"

	"unvn/data"
	"unvn/store"
)

// The cache file: a fixed header, then sections, each 8-aligned. The header names the format
// and the parser's version and gives every section's place and CRC-32C; it has a CRC of its own.
// Every section but the bodies is checked in full when the file is opened (read with pread, so
// checking does not map the pages in); each body has its own CRC, checked when it is decoded.
const (
	fileMagic     = "UNVNIDX\n"
	formatVersion = 6
	headerSize    = 512
)

// The sections.
const (
	secManifest   = iota // the captures: see manifest
	secHeads             // every record's head, one after the other
	secHeadOff           // u64 offsets of the heads, one more than there are records
	secBodies            // every record's body (not checked as a whole)
	secBodyOff           // u64 offsets of the bodies
	secBodyCRC           // u32 CRC of each body
	secDocRec            // u32 per doc of the store: its record
	secDocIDs            // the docs' ids (a record's id may have been made unique by merging)
	secDocIDOff          // u64 offsets of the ids
	secDocHeads          // every doc's head, with the doc's id, in doc order: what a list reads
	secDocHeadOff        // u64 offsets of the doc heads
	secIndex             // the store's index (store.AppendIndex)
	nSections
)

// crcTable is made on first use: a command that opens no cache does not pay for it.
var crcTable = sync.OnceValue(func() *crc32.Table { return crc32.MakeTable(crc32.Castagnoli) })

// fileImage is an opened cache file: the mapped bytes cut into sections.
type fileImage struct {
	path    string
	f       *os.File // kept open to read heads with pread (see ScanHeads)
	b       []byte
	sec     [nSections][]byte
	off     [nSections]int64 // where each section starts in the file
	records int
	docs    int
}

// errForeign says the file was written by another version: rebuilt, with a milder warning.
var errForeign = errors.New("made by another version of unvn")

// openFile maps the cache file at path and checks it. A missing file is fs.ErrNotExist.
func openFile(path string) (*fileImage, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	img, err := checkFile(f, path)
	if err != nil {
		f.Close()
		return nil, err
	}
	return img, nil
}

// checkFile is openFile on the opened file f.
func checkFile(f *os.File, path string) (*fileImage, error) {
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	size := fi.Size()
	if size < headerSize {
		return nil, errors.New("truncated")
	}
	var h [headerSize]byte
	if _, err := f.ReadAt(h[:], 0); err != nil {
		return nil, err
	}
	le := binary.LittleEndian
	switch {
	case string(h[:8]) != fileMagic:
		return nil, errors.New("not a cache file")
	case le.Uint32(h[8:]) != formatVersion || le.Uint32(h[12:]) != data.ParserVersion:
		return nil, errForeign
	case crc32.Checksum(h[:headerSize-4], crcTable()) != le.Uint32(h[headerSize-4:]):
		return nil, errors.New("bad header checksum")
	case int64(le.Uint64(h[16:])) != size:
		return nil, fmt.Errorf("truncated (%d of %d bytes)", size, le.Uint64(h[16:]))
	}
	b, err := mapFile(f, size)
	if err != nil {
		return nil, err
	}
	img := &fileImage{path: path, f: f, b: b}
	buf := make([]byte, 1<<20)
	for s := range nSections {
		e := h[24+s*24:]
		off, n, sum := le.Uint64(e), le.Uint64(e[8:]), le.Uint32(e[16:])
		if off%8 != 0 || off < headerSize || off > uint64(size) || n > uint64(size)-off {
			return nil, fmt.Errorf("section %d out of bounds", s)
		}
		img.sec[s], img.off[s] = b[off:off+n:off+n], int64(off)
		switch s {
		case secBodies:
			continue
		case secManifest: // read once, into memory: it is parsed whole
			p := make([]byte, n)
			if _, err := f.ReadAt(p, int64(off)); err != nil {
				return nil, err
			}
			if crc32.Checksum(p, crcTable()) != sum {
				return nil, fmt.Errorf("section %d: bad checksum", s)
			}
			img.sec[s] = p
			continue
		}
		if got, err := checksum(f, int64(off), int64(n), buf); err != nil {
			return nil, err
		} else if got != sum {
			return nil, fmt.Errorf("section %d: bad checksum", s)
		}
	}
	img.records = len(img.sec[secBodyCRC]) / 4
	img.docs = len(img.sec[secDocRec]) / 4
	if len(img.sec[secHeadOff]) != 8*(img.records+1) || len(img.sec[secBodyOff]) != 8*(img.records+1) ||
		len(img.sec[secDocIDOff]) != 8*(img.docs+1) || len(img.sec[secDocHeadOff]) != 8*(img.docs+1) ||
		!offsetsFit(img.sec[secHeadOff], len(img.sec[secHeads])) ||
		!offsetsFit(img.sec[secBodyOff], len(img.sec[secBodies])) ||
		!offsetsFit(img.sec[secDocIDOff], len(img.sec[secDocIDs])) ||
		!offsetsFit(img.sec[secDocHeadOff], len(img.sec[secDocHeads])) {
		return nil, errors.New("bad tables")
	}
	for d := range img.docs {
		if int(le.Uint32(img.sec[secDocRec][4*d:])) >= img.records {
			return nil, errors.New("bad doc table")
		}
	}
	return img, nil
}

// closeFile closes the file of an image that no store reads from (its mapping stays).
func (img *fileImage) closeFile() { img.f.Close() }

// checksum is the CRC-32C of n bytes of f from off, read through buf.
func checksum(f *os.File, off, n int64, buf []byte) (uint32, error) {
	var sum uint32
	for n > 0 {
		k := min(n, int64(len(buf)))
		if _, err := f.ReadAt(buf[:k], off); err != nil {
			return 0, err
		}
		sum = crc32.Update(sum, crcTable(), buf[:k])
		off += k
		n -= k
	}
	return sum, nil
}

// offsetsFit reports whether the u64 offsets in tab ascend from 0 and end at n.
func offsetsFit(tab []byte, n int) bool {
	le := binary.LittleEndian
	prev := uint64(0)
	for i := 0; i < len(tab); i += 8 {
		v := le.Uint64(tab[i:])
		if v < prev || (i == 0 && v != 0) {
			return false
		}
		prev = v
	}
	return prev == uint64(n)
}

// span returns the i-th piece of text cut by the offsets table tab.
func span(text, tab []byte, i int) []byte {
	le := binary.LittleEndian
	return text[le.Uint64(tab[8*i:]):le.Uint64(tab[8*i+8:])]
}

func (img *fileImage) docID(d int) string {
	p := span(img.sec[secDocIDs], img.sec[secDocIDOff], d)
	if len(p) == 0 {
		return ""
	}
	return unsafeString(p)
}

func (img *fileImage) docRecord(d int) int {
	return int(binary.LittleEndian.Uint32(img.sec[secDocRec][4*d:]))
}

// head decodes record r's head.
func (img *fileImage) head(r int) (*data.Article, error) {
	return decodeHead(span(img.sec[secHeads], img.sec[secHeadOff], r))
}

// docHead decodes doc d's head.
func (img *fileImage) docHead(d int) (*data.Article, error) {
	return decodeHead(span(img.sec[secDocHeads], img.sec[secDocHeadOff], d))
}

// body decodes record r's body into a, after checking it.
func (img *fileImage) body(r int, a *data.Article) error {
	p := span(img.sec[secBodies], img.sec[secBodyOff], r)
	if crc32.Checksum(p, crcTable()) != binary.LittleEndian.Uint32(img.sec[secBodyCRC][4*r:]) {
		return errors.New("bad checksum")
	}
	return decodeBody(p, a)
}

// record decodes the whole of record r.
func (img *fileImage) record(r int) (*data.Article, error) {
	a, err := img.head(r)
	if err != nil {
		return nil, err
	}
	return a, img.body(r, a)
}

// contents is what a cache file holds, to write it.
type contents struct {
	manifest manifest
	records  []*data.Article // every capture's articles as parsed, capture by capture
	docRec   []uint32        // per doc of the store, its record
	docIDs   []string        // per doc, its id
	store    *store.Store
}

// writeFile writes c to path atomically: to a temporary file in the same folder, renamed over
// path when complete, so that a reader sees the old file or the new one, never a part.
func writeFile(path string, c *contents) error {
	return writeSections(path, func(w *sectionWriter) { c.write(w) })
}

// refreshFile writes img again with the manifest m, every other section copied as it is: the
// captures' times changed but not their bytes.
func refreshFile(path string, img *fileImage, m manifest) error {
	return writeSections(path, func(w *sectionWriter) {
		for s := range nSections {
			w.begin(s)
			if s == secManifest {
				w.write(m.append(nil))
			} else {
				w.write(img.sec[s])
			}
		}
	})
}

// writeSections writes the sections that fill writes, then the header, to a temporary file
// renamed over path.
func writeSections(path string, fill func(w *sectionWriter)) error {
	pf, err := renameio.NewPendingFile(path, renameio.WithPermissions(0o600))
	if err != nil {
		return err
	}
	defer pf.Cleanup()
	w := &sectionWriter{w: bufio.NewWriterSize(pf, 1<<20)}
	w.raw(make([]byte, headerSize))
	fill(w)
	w.end()
	if w.err != nil {
		return w.err
	}
	if err := w.w.Flush(); err != nil {
		return err
	}

	h := make([]byte, headerSize)
	le := binary.LittleEndian
	copy(h, fileMagic)
	le.PutUint32(h[8:], formatVersion)
	le.PutUint32(h[12:], data.ParserVersion)
	le.PutUint64(h[16:], uint64(w.at))
	for s := range nSections {
		e := h[24+s*24:]
		le.PutUint64(e, w.off[s])
		le.PutUint64(e[8:], w.len[s])
		le.PutUint32(e[16:], w.sum[s])
	}
	le.PutUint32(h[headerSize-4:], crc32.Checksum(h[:headerSize-4], crcTable()))
	if _, err := pf.WriteAt(h, 0); err != nil {
		return err
	}
	return pf.CloseAtomicallyReplace()
}

// write writes c's sections.
func (c *contents) write(w *sectionWriter) {
	var buf []byte
	var offs []uint64
	offTable := func(offs []uint64) []byte {
		tab := make([]byte, 0, 8*len(offs))
		for _, o := range offs {
			tab = binary.LittleEndian.AppendUint64(tab, o)
		}
		return tab
	}

	w.begin(secManifest)
	w.write(c.manifest.append(nil))

	w.begin(secHeads)
	offs = append(offs[:0], 0)
	for _, a := range c.records {
		buf = appendHead(buf[:0], a)
		w.write(buf)
		offs = append(offs, offs[len(offs)-1]+uint64(len(buf)))
	}
	w.begin(secHeadOff)
	w.write(offTable(offs))

	w.begin(secBodies)
	offs = append(offs[:0], 0)
	crcs := make([]byte, 0, 4*len(c.records))
	for _, a := range c.records {
		buf = appendBody(buf[:0], a)
		w.write(buf)
		offs = append(offs, offs[len(offs)-1]+uint64(len(buf)))
		crcs = binary.LittleEndian.AppendUint32(crcs, crc32.Checksum(buf, crcTable()))
	}
	w.begin(secBodyOff)
	w.write(offTable(offs))
	w.begin(secBodyCRC)
	w.write(crcs)

	w.begin(secDocRec)
	recs := make([]byte, 0, 4*len(c.docRec))
	for _, r := range c.docRec {
		recs = binary.LittleEndian.AppendUint32(recs, r)
	}
	w.write(recs)
	w.begin(secDocIDs)
	offs = append(offs[:0], 0)
	for _, id := range c.docIDs {
		w.write([]byte(id))
		offs = append(offs, offs[len(offs)-1]+uint64(len(id)))
	}
	w.begin(secDocIDOff)
	w.write(offTable(offs))

	w.begin(secDocHeads)
	offs = append(offs[:0], 0)
	for d, r := range c.docRec {
		h := *c.records[r]
		h.ID = c.docIDs[d]
		buf = appendHead(buf[:0], &h)
		w.write(buf)
		offs = append(offs, offs[len(offs)-1]+uint64(len(buf)))
	}
	w.begin(secDocHeadOff)
	w.write(offTable(offs))

	w.begin(secIndex)
	w.write(c.store.AppendIndex(nil))
}

// sectionWriter writes sections one after another, 8-aligned, and sums each.
type sectionWriter struct {
	w        *bufio.Writer
	at       uint64
	cur      int
	open     bool
	off, len [nSections]uint64
	sum      [nSections]uint32
	err      error
	zeros    [8]byte
}

func (w *sectionWriter) begin(s int) {
	w.end()
	if pad := (8 - w.at%8) % 8; pad > 0 {
		w.raw(w.zeros[:pad])
	}
	w.cur, w.open = s, true
	w.off[s] = w.at
}

func (w *sectionWriter) end() {
	if w.open {
		w.len[w.cur] = w.at - w.off[w.cur]
		w.open = false
	}
}

func (w *sectionWriter) write(p []byte) {
	w.sum[w.cur] = crc32.Update(w.sum[w.cur], crcTable(), p)
	w.raw(p)
}

func (w *sectionWriter) raw(p []byte) {
	if w.err != nil {
		return
	}
	_, w.err = w.w.Write(p)
	w.at += uint64(len(p))
}

// diskArticles gives a store opened from a cache file its articles, decoding each the first
// time it is asked for.
type diskArticles struct {
	img    *fileImage
	frugal atomic.Bool // let go of the index's pages as soon as a search is done with them
	heads  []atomic.Pointer[data.Article]
	fulls  []atomic.Pointer[data.Article]
	// damaged is called when a body fails its check; it returns the article parsed afresh
	// from its capture, or nil.
	damaged func(rec int) *data.Article
}

func newDiskArticles(img *fileImage, damaged func(rec int) *data.Article) *diskArticles {
	return &diskArticles{
		img:     img,
		heads:   make([]atomic.Pointer[data.Article], img.docs),
		fulls:   make([]atomic.Pointer[data.Article], img.docs),
		damaged: damaged,
	}
}

func (d *diskArticles) ID(doc int) string { return d.img.docID(doc) }

// Release lets go of the pages of b, a part of the index, when the source is frugal (see
// store.Releaser).
func (d *diskArticles) Release(b []byte) {
	if d.frugal.Load() {
		dropPages(b)
	}
}

func (d *diskArticles) Head(doc int) *data.Article {
	if a := d.heads[doc].Load(); a != nil {
		return a
	}
	a, err := d.img.docHead(doc)
	if err != nil {
		a = &data.Article{ID: d.ID(doc)} // cannot happen after the checksum; show what we know
	}
	d.heads[doc].Store(a)
	return a
}

// scanWindow is how much of the doc heads ScanHeads reads at a time (a variable for tests).
var scanWindow uint64 = 256 << 10

// ScanHeads decodes the heads of docs (ascending) in turn into one article, for fn. It reads
// them with pread rather than through the mapping, a window at a time, so that the pages of a
// long list never count in the process's memory.
func (d *diskArticles) ScanHeads(docs []uint32, fn func(k int, a *data.Article)) {
	img := d.img
	tab := img.sec[secDocHeadOff]
	le := binary.LittleEndian
	buf := make([]byte, scanWindow)
	var h head
	for k := 0; k < len(docs); {
		lo := le.Uint64(tab[8*docs[k]:])
		// The window: the heads of docs[k:j], as far as they fit (at least one).
		j, hi := k+1, le.Uint64(tab[8*docs[k]+8:])
		for j < len(docs) {
			end := le.Uint64(tab[8*docs[j]+8:])
			if end-lo > scanWindow {
				break
			}
			j, hi = j+1, end
		}
		if hi-lo > uint64(len(buf)) {
			buf = make([]byte, hi-lo)
		}
		win := buf[:hi-lo]
		if _, err := img.f.ReadAt(win, img.off[secDocHeads]+int64(lo)); err != nil {
			win = nil // cannot happen to a file that was read whole to check it; decode none
		}
		for ; k < j; k++ {
			a := d.heads[docs[k]].Load()
			if a == nil {
				a = &h.a
				from, to := le.Uint64(tab[8*docs[k]:])-lo, le.Uint64(tab[8*docs[k]+8:])-lo
				if to > uint64(len(win)) || decodeHeadInto(win[from:to], &h) != nil {
					a = d.Head(int(docs[k]))
				}
			}
			fn(k, a)
		}
	}
}

func (d *diskArticles) Full(doc int) *data.Article {
	if a := d.fulls[doc].Load(); a != nil {
		return a
	}
	rec := d.img.docRecord(doc)
	a := new(data.Article)
	*a = *d.Head(doc)
	if err := d.img.body(rec, a); err != nil {
		if fresh := d.damaged(rec); fresh != nil {
			fresh.ID = a.ID
			a = fresh
		} else {
			a.Summary, a.Blocks, a.Footnotes = "", nil, nil
		}
	}
	d.fulls[doc].Store(a)
	return a
}
