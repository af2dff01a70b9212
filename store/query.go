package store

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"unvn/data"
)

// Query is a parsed query: clauses that must all hold. Build one with Parse or ParseLenient; the
// zero Query matches everything.
type Query struct {
	clauses []clause
}

type field uint8

const (
	fieldText field = iota
	fieldTheme
	fieldKind
	fieldYear
	fieldDate
	fieldAfter
	fieldBefore
	fieldSource
	fieldIs
)

var fieldNames = [...]string{"", "theme", "kind", "year", "date", "after", "before", "source", "is"}

// The is: values. unread and starred need reader state (Marks).
const (
	isTeaser  = "teaser"
	isUnread  = "unread"
	isStarred = "starred"
)

var isValues = []string{isTeaser, isUnread, isStarred}

// clause is one condition of a query.
type clause struct {
	field field
	neg   bool
	// terms holds the folded tokens of a text clause or source:, or the values of theme:, kind:
	// and is: (any of them may match).
	terms []string
	// exact is set for a closed "quoted phrase": every token must be a whole word. Otherwise the
	// last token of a text clause also matches as a word prefix.
	exact bool
	// whole is set on every text clause but the query's last: only the word being typed is a
	// prefix.
	whole bool
	// lo and hi bound year:, date:, after: and before: as yyyymmdd numbers, lo <= d < hi; day
	// says the value named a day, which an article dated only to the month cannot match.
	lo, hi int32
	day    bool
	raw    string // the date value as written, for String
}

// Parse parses a query typed on the command line. It is strict: an unknown field, theme, kind or
// is: value, a malformed date or an unterminated quote is an error that names the problem and
// lists the valid values.
func Parse(q string) (Query, error) { return parse(q, true) }

// ParseLenient parses what is typed in the reader's search box, where input is usually half
// typed. It never fails: a lone quote runs to the end, theme: and kind: values match as id
// prefixes ("theme:he" is health), and a value it cannot use is left out, so the query matches
// as far as it can.
func ParseLenient(q string) Query {
	out, _ := parse(q, false)
	return out
}

func parse(s string, strict bool) (Query, error) {
	var q Query
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			i += n
			continue
		}
		neg := false
		if s[i] == '-' {
			neg = true
			i++
			if i == len(s) {
				break
			}
			if r, _ := utf8.DecodeRuneInString(s[i:]); unicode.IsSpace(r) {
				continue // a lone "-"
			}
		}
		if s[i] == '"' {
			text, closed, next := readQuoted(s, i)
			i = next
			if !closed && strict {
				return Query{}, fmt.Errorf("unterminated quote in %q", s[i-len(text)-1:])
			}
			q.addText(text, closed, neg)
			continue
		}
		// a word, or name:value
		start := i
		name := ""
		for j := i; j < len(s) && (s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z'); j++ {
			if j+1 < len(s) && s[j+1] == ':' {
				name = strings.ToLower(s[i : j+1])
				i = j + 2
				break
			}
		}
		if name == "" {
			i = wordEnd(s, i)
			q.addText(s[start:i], false, neg)
			continue
		}
		var value string
		if i < len(s) && s[i] == '"' {
			var closed bool
			value, closed, i = readQuoted(s, i)
			if !closed && strict {
				return Query{}, fmt.Errorf("unterminated quote in %q", s[start:i])
			}
		} else {
			end := wordEnd(s, i)
			value, i = s[i:end], end
		}
		c, err := parseField(name, value, strict)
		if err != nil {
			return Query{}, fmt.Errorf("%s: %v", strings.TrimSpace(s[start:i]), err)
		}
		if c == nil {
			continue // lenient: nothing usable yet
		}
		c.neg = neg
		q.clauses = append(q.clauses, *c)
	}
	// Only the word being typed, the last one, matches as a prefix: "can tho" finds "Can Tho",
	// not "cannot those".
	last := true
	for i := len(q.clauses) - 1; i >= 0; i-- {
		if q.clauses[i].field == fieldText {
			q.clauses[i].whole = !last
			last = false
		}
	}
	return q, nil
}

// readQuoted reads a quoted string starting at the quote s[i]. It returns the text inside,
// whether the closing quote was there, and where reading stopped.
func readQuoted(s string, i int) (text string, closed bool, next int) {
	end := strings.IndexByte(s[i+1:], '"')
	if end < 0 {
		return s[i+1:], false, len(s)
	}
	return s[i+1 : i+1+end], true, i + 1 + end + 1
}

func wordEnd(s string, i int) int {
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			break
		}
		i += n
	}
	return i
}

// addText adds a word or phrase. A word that folds to several tokens ("one-stop", "covid-19")
// is a phrase; one that folds to none (punctuation) is dropped.
func (q *Query) addText(text string, quoted, neg bool) {
	toks := tokens(text)
	if len(toks) == 0 {
		return
	}
	q.clauses = append(q.clauses, clause{field: fieldText, neg: neg, terms: toks, exact: quoted})
}

func parseField(name, value string, strict bool) (*clause, error) {
	var f field
	for i, n := range fieldNames {
		if i > 0 && n == name {
			f = field(i)
		}
	}
	if f == fieldText {
		if strict {
			return nil, fmt.Errorf("unknown field %q; valid fields: %s", name, strings.Join(fieldNames[1:], ", "))
		}
		return nil, nil
	}
	value = strings.TrimSpace(value)
	switch f {
	case fieldTheme:
		return pickValues(f, value, themeIDs(), "theme", strict)
	case fieldKind:
		kinds := make([]string, len(data.Kinds))
		for i, k := range data.Kinds {
			kinds[i] = string(k)
		}
		return pickValues(f, value, kinds, "kind", strict)
	case fieldIs:
		return pickValues(f, value, isValues, "is: value", strict)
	case fieldSource:
		toks := tokens(value)
		if len(toks) == 0 {
			if strict {
				return nil, fmt.Errorf("source: needs a name")
			}
			return nil, nil
		}
		return &clause{field: f, terms: toks}, nil
	case fieldYear:
		if len(value) != 4 || !allDigits(value) {
			if strict {
				return nil, fmt.Errorf("bad year %q; want four digits such as 2024", value)
			}
			return nil, nil
		}
		y, _ := strconv.Atoi(value)
		return &clause{field: f, lo: int32(y * 10000), hi: int32((y + 1) * 10000), raw: value}, nil
	}
	// date:, after:, before:
	lo, hi, day, ok := parseDate(value)
	if !ok {
		if strict {
			return nil, fmt.Errorf("bad date %q; want YYYY, YYYY-MM or YYYY-MM-DD", value)
		}
		return nil, nil
	}
	c := &clause{field: f, raw: value, day: day}
	switch f {
	case fieldDate:
		c.lo, c.hi = lo, hi
	case fieldAfter: // on or after the start of the period
		c.lo, c.hi = lo, 1<<31-1
	case fieldBefore: // strictly before it, so after:2023 before:2024 is exactly 2023
		c.lo, c.hi, c.day = 0, lo, false
	}
	return c, nil
}

// pickValues splits a comma list and checks each value against valid. Lenient parsing takes a
// value that is not valid as a prefix of the valid ones and drops it when nothing starts so.
func pickValues(f field, value string, valid []string, what string, strict bool) (*clause, error) {
	var vals []string
	add := func(v string) {
		for _, have := range vals {
			if have == v {
				return
			}
		}
		vals = append(vals, v)
	}
	for _, v := range strings.Split(value, ",") {
		v = strings.ToLower(strings.TrimSpace(v))
		if v == "" {
			continue
		}
		found := false
		for _, ok := range valid {
			if ok == v {
				add(v)
				found = true
			}
		}
		if found {
			continue
		}
		if strict {
			return nil, fmt.Errorf("unknown %s %q; valid: %s", what, v, strings.Join(valid, ", "))
		}
		for _, ok := range valid {
			if strings.HasPrefix(ok, v) {
				add(ok)
			}
		}
	}
	if len(vals) == 0 {
		if strict {
			return nil, fmt.Errorf("%s: needs a value; valid: %s", fieldNames[f], strings.Join(valid, ", "))
		}
		return nil, nil
	}
	return &clause{field: f, terms: vals}, nil
}

func themeIDs() []string {
	ids := make([]string, len(data.Themes))
	for i, t := range data.Themes {
		ids[i] = t.ID
	}
	return ids
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// parseDate reads YYYY, YYYY-MM or YYYY-MM-DD as the yyyymmdd range [lo, hi) it covers.
func parseDate(v string) (lo, hi int32, day, ok bool) {
	layouts := map[int]string{4: "2006", 7: "2006-01", 10: "2006-01-02"}
	layout, known := layouts[len(v)]
	if !known {
		return 0, 0, false, false
	}
	t, err := time.Parse(layout, v)
	if err != nil {
		return 0, 0, false, false
	}
	var end time.Time
	switch len(v) {
	case 4:
		end = t.AddDate(1, 0, 0)
	case 7:
		end = t.AddDate(0, 1, 0)
	default:
		end = t.AddDate(0, 0, 1)
	}
	return ymd(t), ymd(end), len(v) == 10, true
}

func ymd(t time.Time) int32 {
	return int32(t.Year()*10000 + int(t.Month())*100 + t.Day())
}

// String gives the query's canonical text: folded words, hyphen-joined phrases that Parse reads
// back to the same query, fields in the order written.
func (q Query) String() string {
	parts := make([]string, 0, len(q.clauses))
	for _, c := range q.clauses {
		var s string
		switch c.field {
		case fieldText:
			if c.exact {
				s = `"` + strings.Join(c.terms, " ") + `"`
			} else {
				s = strings.Join(c.terms, "-")
			}
		case fieldSource:
			s = "source:" + strings.Join(c.terms, "-")
		case fieldTheme, fieldKind, fieldIs:
			s = fieldNames[c.field] + ":" + strings.Join(c.terms, ",")
		default:
			s = fieldNames[c.field] + ":" + c.raw
		}
		if c.neg {
			s = "-" + s
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

// Themes returns the theme ids the query asks for (not the ones it excludes), once each.
func (q Query) Themes() []string {
	var ids []string
	for _, c := range q.clauses {
		if c.field != fieldTheme || c.neg {
			continue
		}
		for _, id := range c.terms {
			dup := false
			for _, have := range ids {
				dup = dup || have == id
			}
			if !dup {
				ids = append(ids, id)
			}
		}
	}
	return ids
}

// IsEmpty reports whether the query has no clauses and so matches every article.
func (q Query) IsEmpty() bool { return len(q.clauses) == 0 }

// HasText reports whether the query has words or phrases to rank by.
func (q Query) HasText() bool {
	for _, c := range q.clauses {
		if c.field == fieldText && !c.neg {
			return true
		}
	}
	return false
}

// Words returns the folded words and phrase tokens the query looks for (not the excluded ones),
// in the order typed.
func (q Query) Words() []string {
	var out []string
	for _, c := range q.clauses {
		if c.field == fieldText && !c.neg {
			out = append(out, c.terms...)
		}
	}
	return out
}

// Terms returns the folded words the query looks for (not the excluded ones), for highlighting:
// its words and phrase tokens, and the joined spelling of each two it would also find joined
// ("viet nam" gives viet, nam and vietnam).
func (q Query) Terms() []string {
	var out []string
	units, _ := q.textUnits()
	for _, u := range units {
		out = append(out, u.toks...)
		for i := 0; i+1 < len(u.toks); i++ {
			out = append(out, u.toks[i]+u.toks[i+1])
		}
	}
	return out
}

// textUnit is what some of a query's words ask of the text: one word; a run of adjacent plain
// words, each of which must be found on its own or joined with a neighbour; or a phrase, whose
// words follow each other there, any two of them possibly as one word. In each case a word may
// also be found as two joined syllables in the text (the index's joined terms).
type textUnit struct {
	toks   []string
	prefix bool // the last word may be the start of a longer one
	phrase bool
}

// piece is a spelling that covers the unit's words from..to-1: one of them, or two joined.
type piece struct {
	spell    string
	prefix   bool
	from, to int
}

// pieces are the unit's words, then each two adjacent ones joined.
func (u *textUnit) pieces() []piece {
	n := len(u.toks)
	out := make([]piece, 0, 2*n-1)
	for i, t := range u.toks {
		out = append(out, piece{spell: t, prefix: u.prefix && i == n-1, from: i, to: i + 1})
	}
	for i := 0; i+1 < n; i++ {
		out = append(out, piece{spell: u.toks[i] + u.toks[i+1], prefix: u.prefix && i+2 == n, from: i, to: i + 2})
	}
	return out
}

// textUnits gathers the text clauses into units. Adjacent plain words (not quoted, not
// negated, one token each) make one unit, so "viet nam" also finds "Vietnam"; a word that is
// negated stands alone ("-viet nam" is not viet, and nam), and a phrase is its own unit.
func (q Query) textUnits() (pos, neg []textUnit) {
	plain := func(c *clause) bool {
		return c.field == fieldText && !c.neg && !c.exact && len(c.terms) == 1
	}
	for i := 0; i < len(q.clauses); i++ {
		c := &q.clauses[i]
		if c.field != fieldText {
			continue
		}
		u := textUnit{toks: c.terms, prefix: !c.exact && !c.whole, phrase: len(c.terms) > 1}
		if plain(c) {
			for i+1 < len(q.clauses) && plain(&q.clauses[i+1]) {
				i++
				u.toks = append(u.toks[:len(u.toks):len(u.toks)], q.clauses[i].terms[0])
				u.prefix = !q.clauses[i].whole
			}
		}
		if c.neg {
			neg = append(neg, u)
		} else {
			pos = append(pos, u)
		}
	}
	return pos, neg
}
