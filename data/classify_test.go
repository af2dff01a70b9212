package data

import (
	"strings"
	"testing"
	"unicode"
)

// The cheap tests classifyLine runs before its regexps (see precheck_test.go) must be implied
// by the regexps: wherever a regexp matches, its pre-check says it may.

func TestClassifyPrechecksAreImpliedByTheRegexps(t *testing.T) {
	lines := corpusLines(t)
	meta := append(lines, "Date added: 12 May 2020", "DATE PUBLISHED: 2020", "Downloads: 7301", "Downloadſ: 7",
		"Category: News", "Categories : Health", "Venue: Ha Noi", "Event: launch", "Location: Hue", "Time: 8:00",
		"Hits: 5", "Views: 6", "File size: 2 MB", "Pages: 40", "Language: English", "Publication date",
		"Published in: 2020", "Download the full report here", "download PDF", "(PDF, 2.1 MB)", "pdf 300 kb",
		"DOCX, 1.2 MB", "xls 12kb", "(pptx 2 MB)", "zip 3 MB", "(zip, 3 MB)", "(doc 1 MB)", "(xlsx, 4 GB)")
	precheckCase(t, "metaLine", meta, metaLine().MatchString, metaOpening)

	bylines := append(lines, "By Sen", "BY JOHN SMITH", "by Nguyen Thao", "by 2 reporters", "Written by Nguyen Thu Thao",
		"written by Lan", "Posted by Admin", "posted by Admin", "Reported by VNA", "reported by An", "Story by Mai",
		"story by Mai", "Text by Ha", "text by Ha", "Author: Minh", "author: Minh", "By\tAn")
	precheckCase(t, "bylinePrefix", bylines, bylinePrefix().MatchString, func(s string) bool {
		return strings.IndexByte("BbWwPpRrSsTtAa", s[0]) >= 0 && hasPrefixIn(s, bylineOpeners)
	})

	names := append(lines, "Dr Kidong Park", "Dr. Kidong Park", "Mr. Le Van Thanh", "Ms Hoa", "Mrs. Lan Anh",
		"Prof. Tran Van", "Prof Tran", "H.E. Le Van Thanh", "H. E. Nguyen Van An", "H.E Nguyen")
	precheckCase(t, "honorificName", names, honorificName().MatchString, func(s string) bool { return hasPrefixIn(s, honorifics) })

	alts := append(lines, "Hội thảo - ảnh 1", "Hội thảo - Ảnh 12.", "Hội thảo – ẢNH 3", "Hội thảo -ảnh2", "a - ảnh 1 .")
	precheckCase(t, "altImage", alts, altImage().MatchString, endsInNumber)
}

// classifyLine reads dates only in lines with four digits.
func TestDateLinesHaveFourDigits(t *testing.T) {
	lines := append(corpusLines(t), "13/11/2023", "2023-11-13", "Nov 2023", "11/2017", "27-11-2023", "1/1/1990",
		"Monday, 1 January 2024", "By An | 1 Jan 2024", "Ha Noi, 2/2/2020", "News | 1.2.2020", "Jan 1 2000")
	precheckCase(t, "date", lines, func(s string) bool {
		_, _, ok := headerDate(s)
		_, _, lok := labelledDate(s)
		return ok || lok
	}, func(s string) bool { return hasDigits(s, 4) })
	// Folding makes no digit of anything else.
	for r := rune(0x80); r <= unicode.MaxRune; r++ {
		if f := Fold(string(r)); strings.ContainsAny(f, "0123456789") {
			t.Fatalf("Fold(%q) = %q", r, f)
		}
	}
}

// isSiteNotice compares a line's first byte, in either case, before EqualFold: that holds only
// while each notice starts with an ASCII letter that no other character folds to.
func TestSiteNoticesStartWithPlainLetters(t *testing.T) {
	for _, n := range siteNotices {
		c := rune(n[0])
		if c < 'a' || c > 'z' {
			t.Errorf("notice %q does not start with a lower-case ASCII letter", n)
			continue
		}
		for f := unicode.SimpleFold(c); f != c; f = unicode.SimpleFold(f) {
			if f != unicode.ToUpper(c) {
				t.Errorf("notice %q: %q folds to %q too", n, c, f)
			}
		}
	}
}

// isPageChrome looks for "copyright " only in lines starting with C or c: no other character
// lower-cases to c.
func TestOnlyCLowerCasesToC(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if unicode.ToLower(r) == 'c' && r != 'C' && r != 'c' {
			t.Errorf("%U lower-cases to c", r)
		}
	}
}
