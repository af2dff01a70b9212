package data

import (
	"encoding/binary"
	"math/bits"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Text helpers shared by every stage: counting words, folding accents and case, normalising
// titles, recognising Vietnamese, sentence ends and capitals.

// isVietnamese reports whether most words of s carry Vietnamese diacritics.
func isVietnamese(s string) bool {
	// Each marked word has a multi-byte letter; a quick count of lead bytes and spaces rules
	// most English lines out without decoding them.
	if isASCII(s) {
		return false
	}
	if leadBytes(s)*5 < (strings.Count(s, " ")+1)*2 {
		return false
	}
	words, marked := 0, 0
	inWord, wordMarked := false, false
	for _, r := range s {
		if r == ' ' {
			inWord = false
			continue
		}
		if !inWord {
			inWord, wordMarked = true, false
			words++
		}
		if !wordMarked && r >= 0xc0 && unicode.IsLetter(r) {
			wordMarked = true
			marked++
		}
	}
	return words >= 2 && marked*5 >= words*2
}

// leadBytes counts the bytes of s that start a multi-byte character (0xc0 and above), eight at
// a time: a byte's top bit survives x & x<<1 when its next bit is set too.
func leadBytes(s string) int {
	n, i := 0, 0
	for ; i+8 <= len(s); i += 8 {
		w := word8(s, i)
		n += bits.OnesCount64(w & (w << 1) & 0x8080808080808080)
	}
	for ; i < len(s); i++ {
		if s[i] >= 0xc0 {
			n++
		}
	}
	return n
}

func isLetter(r rune) bool { return unicode.IsLetter(r) }

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// Fold maps text to the form that search and theme rules compare: NFC, then marks stripped
// (after NFD), đ/Đ to d — they have no decomposition, so stripping marks alone misses them — and
// lower case. "Đặng Quốc Phong" folds to "dang quoc phong".
//
// Folding is per character, so it is done from a table for the Latin letters (Vietnamese
// included) and only falls back to decomposition for other scripts.
func Fold(s string) string {
	if isASCII(s) {
		return strings.ToLower(s)
	}
	var buf [128]byte // most lines folded fold into it: the string is then the one allocation
	return string(appendFold(buf[:0], s))
}

// appendFold appends Fold(s) to dst: callers that only look the folded text up fold into a
// buffer on their stack.
func appendFold(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		if j := asciiEnd(s, i); j > i {
			// A run of ASCII is copied at once and lower-cased eight bytes at a time.
			n := len(dst)
			dst = append(dst, s[i:j]...)
			lowerASCIIBytes(dst[n:])
			i = j
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		dst = append(dst, foldedRune(r)...)
		i += n
	}
	return dst
}

// asciiEnd returns the index of the first byte from s[i] on that is not ASCII (len(s) if there
// is none), testing eight bytes at a time.
func asciiEnd(s string, i int) int {
	for ; i+8 <= len(s); i += 8 {
		if word8(s, i)&0x8080808080808080 != 0 {
			break
		}
	}
	for i < len(s) && s[i] < utf8.RuneSelf {
		i++
	}
	return i
}

// foldTable holds the folded form of every character below U+20D0: Latin-1, Latin Extended and
// Latin Extended Additional, where Vietnamese lives, and the punctuation and currency signs of
// English and Vietnamese text (curly quotes, dashes, ellipses, ₫), so folding a line of either
// looks every character up and builds none. It is made on first use, not when the program
// starts: a command that folds no accented text (most one-shot commands reading the cache) does
// not pay for it.
var foldTable = sync.OnceValue(func() *[0x20d0]string {
	var t [0x20d0]string
	for r := rune(0x80); r < rune(len(t)); r++ {
		t[r] = foldRune(r)
	}
	return &t
})

// foldRune folds one character the slow way: decompose, drop marks, map đ, lower-case.
func foldRune(r rune) string {
	if r == 'đ' || r == 'Đ' {
		return "d"
	}
	if unicode.Is(unicode.Mn, r) {
		return ""
	}
	var buf [8]byte
	n := utf8.EncodeRune(buf[:], r)
	var b strings.Builder
	for _, d := range norm.NFD.String(string(buf[:n])) {
		if unicode.Is(unicode.Mn, d) {
			continue
		}
		if d == 'đ' || d == 'Đ' {
			d = 'd'
		}
		b.WriteRune(unicode.ToLower(d))
	}
	return b.String()
}

// stopWordCount counts the English function words of s.
func stopWordCount(s string) int {
	n := 0
	for w := range strings.FieldsSeq(s) {
		if len(w) > 5 {
			continue
		}
		var buf [16]byte // lower-cased on the stack: most words are looked up and dropped
		if stopWords[string(appendLower(buf[:0], strings.Trim(w, ",.;:()“”\"'’")))] {
			n++
		}
	}
	return n
}

// firstRune returns the first rune of s (utf8.RuneError for an empty s).
func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// isAllCaps reports whether s has letters and none of them is lower case.
func isAllCaps(s string) bool {
	letters := false
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		letters = letters || unicode.IsLetter(r)
	}
	return letters
}

// capitalised reports whether every word of s longer than three letters starts with a capital
// or a digit: the shape of menu entries, straps and names.
func capitalised(s string) bool {
	for w := range strings.FieldsSeq(s) {
		w = strings.Trim(w, "([“\"'‘")
		if utf8.RuneCountInString(w) <= 3 {
			continue
		}
		r := firstRune(w)
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// wordCount counts space-separated words (text is already collapsed to single spaces).
func wordCount(s string) int { return countWords(s, len(s)) }

// hasWords reports whether s has at least n words, reading no further than it must.
func hasWords(s string, n int) bool { return countWords(s, n) >= n }

// countWords counts words up to limit.
func countWords(s string, limit int) int {
	n := 0
	in := false
	for i := 0; i < len(s) && n < limit; i++ {
		sp := s[i] == ' ' || s[i] == '\n' || s[i] == '\t'
		if !sp && !in {
			n++
		}
		in = !sp
	}
	return n
}

func endsSentence(s string) bool {
	s = strings.TrimRight(s, "”\"’')")
	return s != "" && strings.ContainsRune(".!?", rune(s[len(s)-1]))
}

func startsUpper(s string) bool {
	for _, r := range s {
		return unicode.IsUpper(r) || r == '“' || r == '"' || unicode.IsDigit(r)
	}
	return false
}

// isDomain matches a site name used as a byline: "VOV.VN", "VIETNAMNET.VN".
func isDomain(name string) bool {
	if strings.IndexByte(name, ' ') >= 0 {
		return false
	}
	for _, tld := range [...]string{".vn", ".com", ".net", ".org"} {
		// No character but an ASCII letter folds to these letters, so this is the comparison of
		// the upper-cased name that it replaces, without making the upper-cased copy; the dot
		// rules most words out first.
		if end := len(name) - len(tld); end > 0 && name[end] == '.' && strings.EqualFold(name[end:], tld) {
			return upperLenAtLeast2(name[:end])
		}
	}
	return false
}

// upperLenAtLeast2 reports whether len(strings.ToUpper(s)) >= 2: the name before a domain must be
// longer than one byte once upper-cased, as isDomain always measured it. Two characters or more
// are; one is when its upper case is not ASCII ("ſ" upper-cases to "S"; a byte that is not UTF-8
// to U+FFFD).
func upperLenAtLeast2(s string) bool {
	r, n := utf8.DecodeRuneInString(s)
	return n < len(s) || n > 0 && unicode.ToUpper(r) >= utf8.RuneSelf
}

// TitleKey normalises a title for matching the same article across teasers and captures: its
// folded letters and digits.
func TitleKey(t string) string {
	var buf [256]byte // most titles' keys: the key is then the one allocation
	return string(appendTitleKey(buf[:0], t))
}

// sameTitleKey reports whether TitleKey(a) == TitleKey(b), with the keys made on the stack.
func sameTitleKey(a, b string) bool {
	var ka, kb [256]byte
	return string(appendTitleKey(ka[:0], a)) == string(appendTitleKey(kb[:0], b))
}

// appendTitleKey appends TitleKey(t) to dst. Folding goes character by character, so t is
// folded and filtered in one pass with no folded copy in between.
func appendTitleKey(dst []byte, t string) []byte {
	for i := 0; i < len(t); {
		if c := t[i]; c < utf8.RuneSelf {
			dst = appendKeyByte(dst, lowerASCII(c))
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(t[i:])
		i += n
		f := foldedRune(r)
		for j := 0; j < len(f); {
			if c := f[j]; c < utf8.RuneSelf {
				dst = appendKeyByte(dst, c)
				j++
				continue
			}
			r, m := utf8.DecodeRuneInString(f[j:])
			if isLetter(r) {
				dst = append(dst, f[j:j+m]...)
			}
			j += m
		}
	}
	return dst
}

// appendKeyByte appends c to a title key if it is a lower-case ASCII letter or a digit.
func appendKeyByte(dst []byte, c byte) []byte {
	if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' {
		dst = append(dst, c)
	}
	return dst
}

// appendFoldCase appends s to dst with every letter mapped to one representative of its simple
// case-folding orbit (the lower case of the orbit's smallest member), so two strings that a
// regexp's (?i) takes for the same are the same after it: "PHOTO", "Photo" and "photo" give
// "photo", "ſource" gives "source".
func appendFoldCase(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		least := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			least = min(least, f)
		}
		dst = utf8.AppendRune(dst, unicode.ToLower(least))
		i += n
	}
	return dst
}

// lazyPatterns lists every pattern given to lazyRegexp, so a test can compile them all.
var lazyPatterns []string

// lazyRegexp returns a regexp that is compiled when it is first used, not when the program
// starts: compiling the parser's regexps took most of the package's start-up time, paid even by
// the commands that answer from the cache and parse nothing.
func lazyRegexp(pattern string) func() *regexp.Regexp {
	lazyPatterns = append(lazyPatterns, pattern)
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(pattern) })
}

// indexFrom returns the index of the first sub in s at or after from, or -1: the next
// occurrence, for loops over every one.
func indexFrom(s, sub string, from int) int {
	if i := strings.Index(s[from:], sub); i >= 0 {
		return from + i
	}
	return -1
}

// word8 reads the eight bytes of s from i as one little-endian word: one 64-bit load, with no
// bounds checks, for the scans that test eight bytes at a time.
func word8(s string, i int) uint64 {
	b := s[i : i+8]
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

// asciiBetween8 flags, with its top bit, each byte of w that is ASCII and from lo to hi (both
// ASCII). On the low seven bits of each byte the sums carry into no other byte: a byte's top
// bit is set in the first when it is lo or more, in the second when it is above hi; a byte
// with its own top bit set is not ASCII.
func asciiBetween8(w uint64, lo, hi byte) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	x := w &^ highs
	return (x + ones*(0x80-uint64(lo))) &^ (x + ones*(0x80-uint64(hi)-1)) &^ w & highs
}

// isASCII reports whether s is all ASCII, testing eight bytes at a time: most lines of an English
// capture are, and several stages take a faster path for them.
func isASCII(s string) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := word8(s, i)
		if w&0x8080808080808080 != 0 {
			return false
		}
	}
	for ; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// lowerASCIIBytes lower-cases the ASCII capitals of b in place, eight bytes at a time, and leaves every
// other byte as it is.
func lowerASCIIBytes(b []byte) {
	i := 0
	for ; i+8 <= len(b); i += 8 {
		w := binary.LittleEndian.Uint64(b[i:])
		upper := asciiBetween8(w, 'A', 'Z')
		binary.LittleEndian.PutUint64(b[i:], w|upper>>2) // 0x80>>2 is the 0x20 of lower case
	}
	for ; i < len(b); i++ {
		if 'A' <= b[i] && b[i] <= 'Z' {
			b[i] += 'a' - 'A'
		}
	}
}
