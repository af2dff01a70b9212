package data

import (
	"regexp"
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

// parseOutlet reads one outlet article: leading chrome (log-in and section lines), the headline,
// optional date and byline lines, the lede, and the body up to the page's tail.
func parseOutlet(lines []string) (item, bool) {
	it := item{kind: KindNews}
	var body []string
	prose := 0 // lines of running text seen; a tail marker before any is header chrome
	for _, l := range lines {
		if l == "" {
			continue
		}
		if isTailMarker(l) {
			if prose >= 2 {
				break
			}
			continue
		}
		if hasWords(l, 8) {
			prose++
		}
		body = append(body, l)
	}
	i := 0
	// Leading chrome: menu and section labels are short lines that are not the headline.
	for ; i < len(body); i++ {
		l := body[i]
		if d, ok := headerDate(l); ok {
			it.date = d
			continue
		}
		if isChromeLine(l) || isAuthorLine(l) || wordCount(l) <= 3 && !endsSentence(l) {
			continue
		}
		break
	}
	if i >= len(body) {
		return it, false
	}
	it.title = body[i]
	i++
	// Header lines after the headline: dates, bylines, the lede.
	for ; i < len(body); i++ {
		l := body[i]
		if d, ok := headerDate(l); ok {
			if it.date.IsZero() {
				it.date = d
			}
			continue
		}
		if strings.EqualFold(l, it.title) || isChromeLine(l) || isAuthorLine(l) {
			continue
		}
		break
	}
	text := 0 // lines of text so far, not counting share bars and menus
	for ; i < len(body); i++ {
		l := body[i]
		if isChromeLine(l) {
			it.lines = append(it.lines, l) // cleaned later; it does not count as text
			continue
		}
		text++
		// A byline or dateline opens the lede or the first paragraph, never later.
		if text > 3 {
			it.lines = append(it.lines, l)
			continue
		}
		if src, d, rest, ok := splitDateline(l); ok {
			if it.source == "" {
				it.source = src
			}
			if it.date.IsZero() {
				it.date = d
			}
			l = rest
		}
		it.lines = append(it.lines, l)
	}
	return it, true
}

func isAuthorLine(l string) bool {
	return len(l) < 60 && (strings.HasPrefix(l, "By ") || strings.HasPrefix(l, "BY ")) && !endsSentence(l)
}

// headerDate reads a date line of a page header, alone or after a byline: "November 27, 2023 |
// 05:00 pm GMT+7", "By Hoang Phong   November 27, 2023 | 05:00 pm GMT+7".
func headerDate(l string) (Date, bool) {
	if d, ok := ParseDate(l); ok {
		return d, true
	}
	if !strings.HasPrefix(l, "By ") && !strings.HasPrefix(l, "BY ") || len(l) > 120 {
		return Date{}, false
	}
	// Try every split after the author's name: the date is the longest parseable tail.
	words := strings.Fields(l)
	for k := 2; k < len(words); k++ {
		if d, ok := ParseDate(strings.Join(words[k:], " ")); ok {
			return d, true
		}
	}
	return Date{}, false
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

// A byline or dateline prefix: "THE HANOI TIMES — ", "HANOI — ", "Hanoi (VNA) – ",
// "HANOI, Nov 11 (Reuters) - ", "VNS — ".
var (
	datelineCaps  = regexp.MustCompile(`^([\p{Lu}][\p{Lu}\p{N}&'’. ]{1,48}[\p{Lu}.])(?:,\s*([^—–()]{3,30}?))?\s*(?:—|–|--|-)\s+`)
	datelineAgent = regexp.MustCompile(`^([\p{L}][\p{L}. ]{1,40}?)(?:,\s*([^()]{3,30}?))?\s*\(([\p{L}\p{N}&. ]{2,30})\)\s*(?:—|–|--|-|:)\s+`)
)

// outletWords mark an all-caps prefix as a publication rather than a place.
var outletWords = []string{"TIMES", "NEWS", "POST", "PRESS", "HERALD", "DAILY", "ONLINE", "TODAY",
	"VNEXPRESS", "VIETNAMNET", "TUOI TRE", "THANH NIEN", "NHAN DAN", "VOV", "VNA", "VNS", "REUTERS",
	"AFP", "AP", "XINHUA", "BERNAMA", "MAGAZINE", "JOURNAL", "TRIBUNE", "GAZETTE", "TELEGRAPH", "VIETNAMPLUS",
	"NDO", "SGGP", "VTV", "VIR", "TTO", "VNE", "VGP", "QDND", "HNT", "VNEXPRESS INTERNATIONAL"}

var agencyNames = map[string]string{
	"VNA": "Vietnam News Agency", "VNS": "Viet Nam News", "AP": "Associated Press", "AFP": "AFP",
	"REUTERS": "Reuters", "XINHUA": "Xinhua", "VOV": "VOV", "BERNAMA": "Bernama",
	"NDO": "Nhan Dan Online", "SGGP": "Saigon Giai Phong", "VTV": "VTV", "VIR": "Vietnam Investment Review",
	"TTO": "Tuoi Tre Online", "VNE": "VnExpress", "VGP": "VGP News", "QDND": "People's Army Newspaper",
	"HNT": "The Hanoi Times",
}

// splitDateline recognises a byline/dateline prefix and returns the source it names (or ""), a
// date if the prefix holds one, and the text after it.
func splitDateline(l string) (source string, d Date, rest string, ok bool) {
	if len(l) < 20 {
		return "", Date{}, l, false
	}
	if m := datelineAgent.FindStringSubmatch(l); m != nil {
		d, _ = ParseDate(m[2])
		return agencyName(m[3]), d, l[len(m[0]):], true
	}
	if m := datelineCaps.FindStringSubmatch(l); m != nil {
		name := strings.TrimSpace(m[1])
		if wordCount(name) > 6 || !startsUpper(l[len(m[0]):]) {
			return "", Date{}, l, false
		}
		d, _ = ParseDate(m[2])
		if isOutletName(name) {
			return agencyName(name), d, l[len(m[0]):], true
		}
		return "", d, l[len(m[0]):], true // a place dateline: no source, but not body text
	}
	return "", Date{}, l, false
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
