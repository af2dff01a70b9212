package data

import (
	"sort"
	"strings"
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

// termIndex maps the first token of every term to the terms that start with it.
type themeTerm struct {
	theme  string
	index  int // position of the theme in Themes
	text   string
	tokens []string
}

// termFirst marks the (first byte, length) pairs of termIndex keys, so most words skip the map.
var termFirst [256][40]bool

var termIndex = func() map[string][]themeTerm {
	idx := map[string][]themeTerm{}
	for ti, th := range Themes {
		for _, t := range themeRules[th.ID] {
			toks := tokenize(Fold(t))
			if len(toks) == 0 {
				continue
			}
			idx[toks[0]] = append(idx[toks[0]], themeTerm{theme: th.ID, index: ti, text: t, tokens: toks})
			if len(toks[0]) < 40 {
				termFirst[toks[0][0]][len(toks[0])] = true
			}
		}
	}
	return idx
}()

// tokenize splits folded text into words: letters and digits, with "+" kept at a word's end (VNP+,
// LGBTIQ+) and an apostrophe inside a word ("women's").
func tokenize(s string) []string {
	out := make([]string, 0, len(s)/6)
	start := -1
	apos := false // the word holds a ’ to normalise
	for i := 0; i < len(s); {
		c := s[i]
		var word bool
		n := 1
		if c < 0x80 {
			word = c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
		} else {
			var r rune
			r, n = utf8.DecodeRuneInString(s[i:])
			word = isLetter(r)
			if !word && r == '’' && start >= 0 && i+n < len(s) && s[i+n] >= 'a' && s[i+n] <= 'z' {
				apos = true
				i += n
				continue
			}
		}
		if word {
			if start < 0 {
				start = i
			}
			i += n
			continue
		}
		if c == '\'' && start >= 0 && i+1 < len(s) && s[i+1] >= 'a' && s[i+1] <= 'z' {
			i++
			continue
		}
		if start >= 0 {
			end := i
			if c == '+' {
				end++
			}
			w := s[start:end]
			if apos {
				w, apos = normApostrophe(w), false
			}
			out = append(out, w)
			start = -1
		}
		i += n
	}
	if start >= 0 {
		w := s[start:]
		if apos {
			w = normApostrophe(w)
		}
		out = append(out, w)
	}
	return out
}

func normApostrophe(w string) string {
	if strings.Contains(w, "’") {
		return strings.ReplaceAll(w, "’", "'")
	}
	return w
}

// termCounts counts term hits per theme in folded text, and which terms hit. It returns the
// number of words.
func termCounts(text string, counts map[string]map[string]int) int {
	toks := tokenize(Fold(text))
	for i, tok := range toks {
		var cands []themeTerm
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
		var best [32]*themeTerm
		for j := range cands {
			c := &cands[j]
			if matchTokens(toks[i:], c.tokens) && (best[c.index] == nil || len(c.tokens) > len(best[c.index].tokens)) {
				best[c.index] = c
			}
		}
		for _, c := range best[:len(Themes)] {
			if c == nil {
				continue
			}
			if counts[c.theme] == nil {
				counts[c.theme] = map[string]int{}
			}
			counts[c.theme][c.text]++
		}
	}
	return len(toks)
}

func matchTokens(toks, term []string) bool {
	if len(toks) < len(term) {
		return false
	}
	for j, t := range term {
		if toks[j] != t && toks[j] != t+"s" {
			return false
		}
	}
	return true
}

// tagThemes applies themeRules to an article.
func tagThemes(a *Article) []ThemeMatch {
	title := map[string]map[string]int{}
	termCounts(a.Title, title)
	// All body text in one string, so it is folded and tokenised in one pass.
	var text strings.Builder
	eachText(a.Blocks, func(s *string) {
		text.WriteString(*s)
		text.WriteByte('\n')
	})
	body := map[string]map[string]int{}
	words := termCounts(text.String(), body)
	var out []ThemeMatch
	for _, th := range Themes {
		t, b := total(title[th.ID]), total(body[th.ID])
		// Body mentions must be several and dense: at least 3, and at least one per 150 words.
		if t == 0 && (b < 3 || b*150 < words) {
			continue
		}
		out = append(out, ThemeMatch{ID: th.ID, Terms: topTerms(title[th.ID], body[th.ID])})
	}
	return out
}

func total(m map[string]int) int {
	n := 0
	for _, c := range m {
		n += c
	}
	return n
}

// topTerms lists the matched terms, title terms first, then by count.
func topTerms(title, body map[string]int) []string {
	type tc struct {
		t string
		n int
	}
	var all []tc
	for t, n := range body {
		all = append(all, tc{t, n + 1000*title[t]})
	}
	for t, n := range title {
		if body[t] == 0 {
			all = append(all, tc{t, 1000 * n})
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
