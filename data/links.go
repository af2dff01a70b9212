package data

import (
	"bytes"
	"net/url"
	"path"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Link is an article offered by a listing page.
type Link struct {
	URL   string
	Title string // the link's text, flattened and sanitised
	Kind  Kind   // the kind label on the link's card ("Press Release"), "" when none
	Date  Date   // the date on the link's card, when it has one
}

// ArticleLinks finds the links of a listing page ("Latest", a news list, a site's home page)
// that lead to articles: links on the same site, outside the menus, header, footer and side
// boxes, whose text reads like a headline (four words or more, or two in a heading). Each address
// is listed once, in page order; the page itself is not.
func ArticleLinks(page []byte, pageURL string) []Link {
	base, err := url.Parse(pageURL)
	if err != nil {
		return nil
	}
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return nil
	}
	if b := findBase(doc); b != "" {
		if bu, err := base.Parse(b); err == nil && (bu.Scheme == "http" || bu.Scheme == "https") {
			base = bu
		}
	}
	self := base.Host + strings.TrimSuffix(base.Path, "/")
	seen := map[string]bool{}
	var out []Link
	var walk func(n *html.Node, inHeading bool)
	walk = func(n *html.Node, inHeading bool) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Nav, atom.Header, atom.Footer, atom.Aside, atom.Form, atom.Script, atom.Style,
				atom.Noscript, atom.Template, atom.Iframe, atom.Svg, atom.Select, atom.Button:
				return
			case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
				inHeading = true
			case atom.A:
				if l, ok := articleLink(n, base, inHeading); ok {
					key := strings.TrimSuffix(l.URL, "/")
					if u, _ := url.Parse(l.URL); u != nil && u.Host+strings.TrimSuffix(u.Path, "/") == self {
						return
					}
					if !seen[key] {
						seen[key] = true
						out = append(out, l)
					}
				}
				return
			}
			if isChromeBox(n) {
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inHeading)
		}
	}
	walk(doc, false)
	return out
}

func articleLink(a *html.Node, base *url.URL, inHeading bool) (Link, bool) {
	href := strings.TrimSpace(attrOf(a, "href"))
	if href == "" || strings.HasPrefix(href, "#") {
		return Link{}, false
	}
	u, err := base.Parse(href)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || !sameSite(u.Host, base.Host) {
		return Link{}, false
	}
	u.Fragment = ""
	if u.Path == "" || u.Path == "/" {
		return Link{}, false
	}
	switch strings.ToLower(path.Ext(u.Path)) {
	case ".pdf", ".jpg", ".jpeg", ".png", ".gif", ".zip", ".doc", ".docx", ".xls", ".xlsx", ".mp3", ".mp4", ".xml", ".rss":
		return Link{}, false
	}
	title := FlattenLine(spacedText(a))
	words := len(strings.Fields(title))
	if words < 4 && !(inHeading && words >= 2) {
		return Link{}, false
	}
	addr := SafeURL(u.String())
	if addr == "" {
		return Link{}, false
	}
	l := Link{URL: addr, Title: title}
	l.Kind, l.Date = cardInfo(a)
	return l, true
}

// cardInfo reads the kind label and the date of the card a link stands in: the smallest
// ancestor (up to four levels) that holds a date or a label, as long as it links to nothing else.
func cardInfo(a *html.Node) (k Kind, d Date) {
	href, _, _ := strings.Cut(attrOf(a, "href"), "#")
	card := a
	for range 4 {
		if card.Parent == nil || card.Parent.Type != html.ElementNode || card.Parent.DataAtom == atom.Body {
			break
		}
		card = card.Parent
		if linksElsewhere(card, href) {
			return "", Date{}
		}
		var walk func(n *html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode && n.DataAtom == atom.Time && d.IsZero() {
				if v, ok := metaDateValue(attrOf(n, "datetime")); ok {
					d = v
				} else if v, ok := ParseDate(cleanText(nodeText(n))); ok {
					d = v
				}
			}
			if n.Type == html.TextNode {
				t := cleanText(n.Data)
				if kk, ok := kindLabel(t); ok && k == "" {
					k = kk
				} else if v, ok := ParseDate(t); ok && d.IsZero() {
					d = v
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(card)
		if k != "" || !d.IsZero() {
			return k, d
		}
	}
	return k, d
}

// linksElsewhere reports whether n holds a link to another address than href: then it is a
// list, not one card.
func linksElsewhere(n *html.Node, href string) bool {
	if n.Type == html.ElementNode && n.DataAtom == atom.A {
		if h, _, _ := strings.Cut(attrOf(n, "href"), "#"); h != "" && h != href {
			return true
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if linksElsewhere(c, href) {
			return true
		}
	}
	return false
}

// sameSite compares hosts, ignoring a leading "www.".
func sameSite(a, b string) bool {
	return strings.TrimPrefix(strings.ToLower(a), "www.") == strings.TrimPrefix(strings.ToLower(b), "www.")
}

// isChromeBox matches containers whose class or id says they are menus, breadcrumbs, share bars
// or footers, which sites often build from plain divs.
func isChromeBox(n *html.Node) bool {
	if n.DataAtom != atom.Div && n.DataAtom != atom.Ul && n.DataAtom != atom.Section {
		return false
	}
	s := strings.ToLower(attrOf(n, "class") + " " + attrOf(n, "id") + " " + attrOf(n, "role"))
	for _, w := range []string{"menu", "navbar", "navigation", "breadcrumb", "footer", "share", "social", "cookie", "banner"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func findBase(doc *html.Node) string {
	var found string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if found != "" || n.DataAtom == atom.Body {
			return
		}
		if n.Type == html.ElementNode && n.DataAtom == atom.Base {
			found = attrOf(n, "href")
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return found
}

// spacedText is the text under n with a space for every element boundary, so a link made of a
// heading and a teaser does not glue their words.
func spacedText(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
		case html.ElementNode:
			if n.DataAtom == atom.Script || n.DataAtom == atom.Style {
				return
			}
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}
