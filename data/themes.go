package data

import (
	"sort"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Theme is one entry of the fixed taxonomy.
type Theme struct {
	ID   string
	Name string
}

// Themes is the taxonomy, in display order. The rules that tag articles are in themeRules.
var Themes = []Theme{
	{"hiv", "HIV and AIDS"},
	{"gbv", "Gender-based violence"},
	{"cyberviolence", "Cyberviolence and online safety"},
	{"gender-equality", "Gender equality"},
	{"lgbti", "LGBTI rights"},
	{"disability", "Disability inclusion"},
	{"climate", "Climate, disasters and environment"},
	{"human-rights", "Human rights"},
	{"food-agriculture", "Food and agriculture"},
	{"health", "Health"},
	{"youth", "Youth"},
	{"children", "Children"},
	{"ethnic-minorities", "Ethnic minorities"},
	{"digital", "Digital transformation and technology"},
	{"peace-security", "Peace and security"},
	{"sdg", "Sustainable Development Goals"},
}

// ThemeByID returns the theme with id and whether it exists.
func ThemeByID(id string) (Theme, bool) {
	for _, t := range Themes {
		if t.ID == id {
			return t, true
		}
	}
	return Theme{}, false
}

// themeRules is the tagging table: for each theme, the terms (folded; hyphens and spaces are the
// same, a plural "s" is implied) that say an article is about it. A title match tags the article;
// in the body a theme needs several mentions, dense enough for the length of the text, so a
// story *about* a theme is tagged and a passing mention is not.
var themeRules = map[string][]string{
	"hiv": {"hiv", "aids", "plhiv", "antiretroviral", "arv", "prep", "pre-exposure prophylaxis",
		"unaids", "vnp+", "chemsex", "harm reduction", "people living with hiv", "hiv/aids"},
	"gbv": {"gender-based violence", "gbv", "violence against women", "violence against children",
		"violence against women and children", "domestic violence", "sexual violence", "sexual abuse",
		"intimate partner violence", "child abuse", "human trafficking", "survivors of violence",
		"subject to violence", "orange the world", "orange team", "femicide", "sexual harassment"},
	"cyberviolence": {"cyberviolence", "cyber violence", "cyberbullying", "cyber-bullying", "cyberbullied",
		"online violence", "online abuse", "online harassment", "technology-facilitated",
		"tf gbv", "tfgbv", "online child sexual abuse", "online child sexual exploitation",
		"online child exploitation", "cyberspace", "cyber threat", "cybersecurity", "online safety",
		"safe online", "digital safety", "cybercrime", "hanoi convention", "non-consensual",
		"online threat", "sextortion", "grooming"},
	"gender-equality": {"gender equality", "gender equity", "women's empowerment", "empowerment of women",
		"empowering women", "gender gap", "gender parity", "gender-responsive", "gender stereotype",
		"un women", "gender digital divide", "women's participation", "women's union", "gender imbalance",
		"women in leadership", "female representation", "gender mainstreaming", "women's rights"},
	"lgbti": {"lgbti", "lgbt", "lgbtq", "lgbtiq", "lgbtiq+", "transgender", "sexual orientation",
		"gender identity", "sogie", "sogiesc", "msm", "men who have sex with men", "queer",
		"homosexuality", "non-binary", "intersex", "free & equal", "unfe", "tgw", "sexual and gender minority"},
	"disability": {"disability", "disabilities", "disabled", "visually impaired", "wheelchair",
		"impairment", "persons with disabilities", "people with disabilities", "blind", "deaf",
		"accessibility", "unprpd", "disability inclusion"},
	"climate": {"climate", "climate change", "climate action", "disaster", "natural disaster", "drought",
		"typhoon", "flood", "saltwater intrusion", "salinity", "net-zero", "emission", "global warming",
		"storm", "landslide", "climate resilience", "extreme weather", "water scarcity", "energy transition",
		"reforestation", "sea level"},
	"human-rights": {"human rights", "human right", "rights-based", "universal declaration", "udhr",
		"discrimination", "human rights council", "ohchr", "stigma", "equal rights", "inalienable",
		"fundamental freedoms", "dignity", "rule of law", "access to justice"},
	"food-agriculture": {"agriculture", "agricultural", "agrifood", "food systems", "food security",
		"farmer", "farming", "rural development", "fao", "world food day", "food", "fruit", "pomelo",
		"harvest", "crop", "fisheries", "livestock", "mard", "value chain"},
	"health": {"health", "healthcare", "health care", "hospital", "clinic", "medical", "mental health",
		"public health", "health services", "health insurance", "world health organization",
		"covid-19", "pandemic", "community health worker",
		"sexual and reproductive health"},
	"youth": {"youth", "young people", "adolescent", "young person", "students", "youth engagement",
		"young msm", "next generation", "young leaders", "youth-led"},
	"children": {"children", "child", "unicef", "boys and girls", "child protection", "child-friendly",
		"adolescent", "kids", "school children", "orphan", "minors"},
	"ethnic-minorities": {"ethnic minority", "ethnic minorities", "ethnic group", "mong", "h'mong",
		"thai ethnic", "indigenous", "ethnic minority boarding school", "kinh and hoa"},
	"digital": {"digital", "digitalization", "digitalisation", "digital transformation", "technology",
		"innovation", "ict", "online", "internet", "stem", "social media", "artificial intelligence",
		"digital economy", "digital era", "digital literacy", "digital skills", "tech"},
	"peace-security": {"peace and security", "women, peace and security", "wps", "nap wps",
		"peacekeeping", "peacekeeper", "conflict", "security council", "holocaust", "genocide",
		"post-conflict", "war", "public security", "national defense", "armed"},
	"sdg": {"sdg", "sdgs", "sustainable development goal", "2030 agenda", "agenda 2030",
		"voluntary national review", "vnr", "leave no one behind", "summit of the future",
		"sustainable development cooperation framework", "unsdcf", "annual results report"},
}

// themeTerm is one term of themeRules, tokenised.
type themeTerm struct {
	id     int // position in allTerms
	theme  int // position of the theme in Themes
	text   string
	tokens []string
}

var (
	// allTerms lists every term; termIndex maps a term's first token to the ids of the terms
	// that start with it; termFirst marks the (first byte, length) pairs of termIndex keys, so
	// most words skip the map.
	allTerms  []themeTerm
	termIndex = map[string][]int{}
	termFirst [256][40]bool
)

func init() {
	for ti, th := range Themes {
		for _, t := range themeRules[th.ID] {
			toks := foldTokens(t)
			if len(toks) == 0 {
				continue
			}
			id := len(allTerms)
			allTerms = append(allTerms, themeTerm{id: id, theme: ti, text: t, tokens: toks})
			termIndex[toks[0]] = append(termIndex[toks[0]], id)
			if len(toks[0]) < 40 {
				termFirst[toks[0][0]][len(toks[0])] = true
			}
		}
	}
}

// foldTokens folds text (as Fold does) and splits it into words in one pass: letters and digits,
// with "+" kept at a word's end (VNP+, LGBTIQ+) and an apostrophe inside a word ("women's", with
// ’ written as ').
func foldTokens(texts ...string) []string {
	scratch := tokenScratch.Get().(*tokenBuffers)
	defer tokenScratch.Put(scratch)
	buf, bounds := scratch.buf[:0], scratch.bounds[:0]
	for _, s := range texts {
		buf, bounds = foldInto(buf, bounds, s)
	}
	folded := string(buf)
	toks := make([]string, 0, len(bounds)/2)
	for j := 0; j < len(bounds); j += 2 {
		if bounds[j] < bounds[j+1] {
			toks = append(toks, folded[bounds[j]:bounds[j+1]])
		}
	}
	scratch.buf, scratch.bounds = buf[:0], bounds[:0]
	return toks
}

// foldInto appends the folded text of s to buf and the start and end of each word to bounds.
func foldInto(buf []byte, bounds []int32, s string) ([]byte, []int32) {
	start := -1
	end := func() {
		if start >= 0 {
			bounds = append(bounds, int32(start), int32(len(buf)))
			start = -1
		}
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			// A run of lower-case letters and digits is copied as it is.
			j := i + 1
			for j < len(s) && (s[j] >= 'a' && s[j] <= 'z' || s[j] >= '0' && s[j] <= '9') {
				j++
			}
			if start < 0 {
				start = len(buf)
			}
			buf = append(buf, s[i:j]...)
			i = j
			continue
		}
		if c < 0x80 {
			switch {
			case c >= 'A' && c <= 'Z':
				c += 'a' - 'A'
			case c == '\'' && start >= 0 && i+1 < len(s) && isASCIILetter(s[i+1]):
			case c == '+' && start >= 0:
				buf = append(buf, c)
				end()
				i++
				continue
			default:
				end()
				i++
				continue
			}
			if start < 0 {
				start = len(buf)
			}
			buf = append(buf, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == '’' && start >= 0 && i < len(s) && isASCIILetter(s[i]):
			buf = append(buf, '\'')
		case isLetter(r) || unicode.Is(unicode.Mn, r):
			if start < 0 {
				start = len(buf)
			}
			if r < rune(len(foldTable)) {
				buf = append(buf, foldTable[r]...)
			} else {
				buf = append(buf, foldRune(r)...)
			}
		default:
			end()
		}
	}
	end()
	return buf, bounds
}

// tokenBuffers are foldTokens' working buffers, reused across calls (parsing runs in parallel).
type tokenBuffers struct {
	buf    []byte
	bounds []int32
}

var tokenScratch = sync.Pool{New: func() any { return new(tokenBuffers) }}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// termCounts adds the term hits in texts to counts (indexed by term id) and returns the number
// of words.
func termCounts(counts []int, texts ...string) int {
	toks := foldTokens(texts...)
	for i, tok := range toks {
		var cands []int
		if n := len(tok); n < 40 && termFirst[tok[0]][n] {
			cands = termIndex[tok]
		}
		if n := len(tok) - 1; len(cands) == 0 && n > 2 && n < 40 && tok[n] == 's' && termFirst[tok[0]][n] {
			cands = termIndex[tok[:n]]
		}
		if len(cands) == 0 {
			continue
		}
		// One mention per theme per position: "HIV/AIDS" is one mention, not three.
		var best [32]int
		for _, id := range cands {
			c := &allTerms[id]
			if b := best[c.theme]; matchTokens(toks[i:], c.tokens) && (b == 0 || len(c.tokens) > len(allTerms[b-1].tokens)) {
				best[c.theme] = id + 1
			}
		}
		for _, b := range best[:len(Themes)] {
			if b > 0 {
				counts[b-1]++
			}
		}
	}
	return len(toks)
}

func matchTokens(toks, term []string) bool {
	if len(toks) < len(term) {
		return false
	}
	for j, t := range term {
		w := toks[j]
		if w != t && !(len(w) == len(t)+1 && w[len(t)] == 's' && w[:len(t)] == t) {
			return false
		}
	}
	return true
}

// tagThemes applies themeRules to an article.
func tagThemes(a *Article) []ThemeMatch {
	title := make([]int, len(allTerms))
	termCounts(title, a.Title)
	// All body text is folded and tokenised in one pass.
	var texts []string
	eachText(a.Blocks, func(s *string) { texts = append(texts, *s) })
	body := make([]int, len(allTerms))
	words := termCounts(body, texts...)
	var tHits, bHits [32]int
	for id, t := range allTerms {
		tHits[t.theme] += title[id]
		bHits[t.theme] += body[id]
	}
	var out []ThemeMatch
	for ti, th := range Themes {
		t, b := tHits[ti], bHits[ti]
		// Body mentions must be several and dense: at least 3, and at least one per 150 words.
		if t == 0 && (b < 3 || b*150 < words) {
			continue
		}
		out = append(out, ThemeMatch{ID: th.ID, Terms: topTerms(ti, title, body)})
	}
	return out
}

// topTerms lists up to five matched terms of theme ti, title terms first, then by count.
func topTerms(ti int, title, body []int) []string {
	type tc struct {
		t string
		n int
	}
	var all []tc
	for id, t := range allTerms {
		if t.theme == ti && title[id]+body[id] > 0 {
			all = append(all, tc{t.text, body[id] + 1000*title[id]})
		}
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].n != all[j].n {
			return all[i].n > all[j].n
		}
		return all[i].t < all[j].t
	})
	out := make([]string, 0, 5)
	for i := 0; i < len(all) && i < 5; i++ {
		out = append(out, all[i].t)
	}
	return out
}
