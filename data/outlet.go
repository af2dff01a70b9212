package data

import (
	"strings"
	"unicode"
)

// tailMarkers start the link lists that end an outlet page; everything from one on is dropped.
var tailMarkers = []string{
	"related news", "related articles", "related stories", "related posts", "related",
	"tin lien quan", "bai lien quan", "tin khac", "cac tin khac", "tin cung chuyen muc",
	"you may also like", "you might also like", "more news", "more stories",
	"other news", "see also", "also read", "recommended", "recommended for you", "more from",
	"trending", "most viewed", "most read", "most popular", "popular", "editor's picks",
	// A comment box or a reader-feedback form ends the story too.
	"feedback", "others", "leave a comment", "leave a reply", "post a comment", "your comment",
	"comments", "ý kiến bạn đọc",
}

// chromeLines are share bars, reaction widgets and menu labels, folded, with trailing ':' removed.
var chromeLines = map[string]bool{
	"log in": true, "login": true, "sign in": true, "sign up": true, "register": true,
	"subscribe": true, "share": true, "share this": true, "share this article": true,
	"reactions": true, "comments": true, "comment": true, "print": true, "email": true,
	"facebook": true, "twitter": true, "x": true, "zalo": true, "linkedin": true, "tweet": true,
	"copy link": true, "font size": true, "listen": true, "back to top": true, "advertisement": true,
	"tags": true, "tag": true, "trich dan": true, "chia se": true, "binh luan": true,
	"in bai": true, "theo doi": true, "menu": true, "search": true, "home": true, "trang chu": true,
	"like": true, "follow": true, "follow us": true, "close": true, "top": true,
	"follow us on": true, "get newsletter": true, "newsletter": true, "contact us": true,
	"contact": true, "documents": true, "see also": true, "go back": true, "print this page": true,
	"font": true, "size": true, "a+": true, "a-": true, "save": true, "bookmark": true,
	"older posts": true, "newer posts": true, "load more": true, "show more": true, "view all": true,
	"see all": true, "next page": true, "previous page": true, "next": true, "previous": true,
}

func isChromeLine(l string) bool {
	if len(l) > 40 {
		return false
	}
	f := strings.TrimSpace(strings.TrimRight(Fold(l), ":"))
	if chromeLines[f] {
		return true
	}
	// Numbered widget labels: "Trích dẫn 1", "Share 12", "Comments (3)"
	f = strings.TrimRightFunc(f, func(r rune) bool { return r == ' ' || r == '(' || r == ')' || unicode.IsDigit(r) })
	return f != "" && chromeLines[f] && f != strings.TrimRight(Fold(l), ":")
}

func isTailMarker(l string) bool {
	if len(l) > 40 {
		return false
	}
	f := strings.TrimSpace(strings.TrimRight(Fold(l), ":"))
	for _, m := range tailMarkers {
		if f == m {
			return true
		}
	}
	return false
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

func isOutletName(name string) bool {
	if strings.HasPrefix(name, "THE ") || isDomain(name) {
		return true
	}
	for _, w := range outletWords {
		if name == w || strings.Contains(" "+name+" ", " "+w+" ") {
			return true
		}
	}
	return false
}

// isDomain matches a site name used as a byline: "VOV.VN", "VIETNAMNET.VN".
func isDomain(name string) bool {
	u := strings.ToUpper(name)
	for _, tld := range []string{".VN", ".COM", ".NET", ".ORG"} {
		if strings.HasSuffix(u, tld) && len(u) > len(tld)+1 && !strings.Contains(u, " ") {
			return true
		}
	}
	return false
}

// agencyName spells an outlet for people: known agencies by name, sites by their domain, others
// in title case.
func agencyName(name string) string {
	name = strings.TrimSpace(name)
	if n, ok := agencyNames[strings.ToUpper(name)]; ok {
		return n
	}
	if isDomain(name) {
		host := strings.ToLower(name)
		if n, ok := agencyNames[strings.ToUpper(host[:strings.IndexByte(host, '.')])]; ok {
			return n
		}
		return host
	}
	if strings.ToUpper(name) != name {
		return name
	}
	words := strings.Fields(strings.ToLower(name))
	for i, w := range words {
		if i > 0 && (w == "of" || w == "the" || w == "and") {
			continue
		}
		rs := []rune(w)
		rs[0] = unicode.ToUpper(rs[0])
		words[i] = string(rs)
	}
	return strings.Join(words, " ")
}
