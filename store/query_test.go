package store

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"unvn/data"
)

func TestParseErrors(t *testing.T) {
	tests := []struct {
		q    string
		want []string // substrings of the message
	}{
		{"theme:hivx", []string{`unknown theme "hivx"`, "theme:hivx", "hiv, gbv, cyberviolence", "sdg"}},
		{"hiv theme:hiv,nope", []string{`unknown theme "nope"`}},
		{"kind:blog", []string{`unknown kind "blog"`, "story, press-release, speech, publication, news"}},
		{"is:new", []string{`unknown is: value "new"`, "teaser, unread, starred"}},
		{"year:24", []string{`bad year "24"`, "four digits"}},
		{"year:twenty", []string{`bad year "twenty"`}},
		{"date:2024-13", []string{`bad date "2024-13"`, "YYYY, YYYY-MM or YYYY-MM-DD"}},
		{"after:2024-02-30", []string{`bad date "2024-02-30"`, "after:2024-02-30"}},
		{"before:yesterday", []string{`bad date "yesterday"`}},
		{"date:", []string{`bad date ""`}},
		{"theme:", []string{"theme: needs a value", "hiv"}},
		{"source:", []string{"source: needs a name"}},
		{"thme:hiv", []string{`unknown field "thme"`, "theme, kind, year, date, after, before, source, is"}},
		{`hiv "one-stop`, []string{"unterminated quote", `"one-stop`}},
		{`source:"hanoi`, []string{"unterminated quote"}},
	}
	for _, tt := range tests {
		_, err := Parse(tt.q)
		if err == nil {
			t.Errorf("Parse(%q) succeeded", tt.q)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("Parse(%q) = %q, want it to say %q", tt.q, err, w)
			}
		}
	}
}

func TestParseCanonical(t *testing.T) {
	tests := []struct{ q, want string }{
		{"", ""},
		{"  Hà   Nội  ", "ha noi"},
		{`-"One Stop" THEME:HIV,gbv`, `-"one stop" theme:hiv,gbv`},
		{"one-stop-shop", "one-stop-shop"},
		{"covid-19 -hiv", "covid-19 -hiv"},
		{"kind:news,story year:2024 date:2024-11 after:2023-01-01 before:2025", "kind:news,story year:2024 date:2024-11 after:2023-01-01 before:2025"},
		{`source:"The Hanoi Times" -source:un`, "source:the-hanoi-times -source:un"},
		{"is:teaser -is:starred is:unread", "is:teaser -is:starred is:unread"},
		{"theme:hiv,hiv", "theme:hiv"},
		{"ĐẶNG", "dang"},
		{"- & —", ""},
		{"10:30", "10-30"},
	}
	for _, tt := range tests {
		q, err := Parse(tt.q)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.q, err)
			continue
		}
		if got := q.String(); got != tt.want {
			t.Errorf("Parse(%q).String() = %q, want %q", tt.q, got, tt.want)
		}
		again, err := Parse(q.String())
		if err != nil || again.String() != q.String() {
			t.Errorf("String() of %q does not parse back: %q, %v", tt.q, again.String(), err)
		}
	}
}

func TestParseLenient(t *testing.T) {
	tests := []struct{ q, want string }{
		{`"one-stop sh`, "one-stop-sh"}, // a lone quote runs to the end; the last word is a prefix
		{`"one-stop shop"`, `"one stop shop"`},
		{"hiv theme:", "hiv"},
		{"hiv theme:h", "hiv theme:hiv,human-rights,health"},
		{"theme:he", "theme:health"},
		{"theme:xyz hiv", "hiv"},
		{"kind:pr", "kind:press-release"},
		{"kind:", ""},
		{"year:20", ""},
		{"date:2024-1", ""},
		{"after:2024-01-01", "after:2024-01-01"},
		{"is:t", "is:teaser"},
		{"thme:hiv", ""},
		{`source:"hanoi`, "source:hanoi"},
		{"-", ""},
		{`-"`, ""},
		{`"`, ""},
		{"hiv -", "hiv"},
	}
	for _, tt := range tests {
		if got := ParseLenient(tt.q).String(); got != tt.want {
			t.Errorf("ParseLenient(%q) = %q, want %q", tt.q, got, tt.want)
		}
	}
	s := testStore(t)
	if got := ids(s.Search(ParseLenient(`"one-stop sh`), nil).Hits); len(got) != 2 {
		t.Errorf(`half-typed "one-stop sh finds %v`, got)
	}
}

func TestQueryThemes(t *testing.T) {
	q := mustParse(t, "theme:hiv,gbv -theme:climate theme:gbv,health hiv")
	if got, want := q.Themes(), []string{"hiv", "gbv", "health"}; !slices.Equal(got, want) {
		t.Errorf("Themes() = %v, want %v", got, want)
	}
	if got := mustParse(t, "hiv").Themes(); got != nil {
		t.Errorf("Themes() of a plain word = %v", got)
	}
	if !mustParse(t, "").IsEmpty() || mustParse(t, "x").IsEmpty() {
		t.Error("IsEmpty")
	}
	if mustParse(t, "theme:hiv -x").HasText() || !mustParse(t, "x").HasText() {
		t.Error("HasText")
	}
}

func FuzzParseLenient(f *testing.F) {
	for _, s := range []string{`"one-stop sh`, "theme:h -kind:news year:2024", `-"`, "source:\"hà nội", "Đặng -is:"} {
		f.Add(s)
	}
	s := New(testArticles())
	f.Fuzz(func(t *testing.T, in string) {
		q := ParseLenient(in)
		again, err := Parse(q.String())
		if err != nil {
			t.Fatalf("canonical form %q of %q does not parse: %v", q.String(), in, err)
		}
		if again.String() != q.String() {
			t.Fatalf("canonical form %q reads back as %q", q.String(), again.String())
		}
		s.Search(q, nil)
	})
}

func TestHighlight(t *testing.T) {
	tests := []struct {
		text  string
		terms []string
		want  []string
	}{
		{"Pomelos from Viet Nam", []string{"pom"}, []string{"Pom"}},
		{"Đặng Quốc Phong spoke", []string{"dang", "phong"}, []string{"Đặng", "Phong"}},
		{"ĐẶNG THỊ HOA", []string{"dang", "thi"}, []string{"ĐẶNG", "THỊ"}},
		{"Hà Nội and Hanoi", []string{"ha", "noi"}, []string{"Hà", "Nội", "Ha"}},
		{"Ha\u0300 No\u0323\u0302i", []string{"ha", "no"}, []string{"Ha\u0300", "No\u0323\u0302"}}, // decomposed
		{"a workshop, one-stop-shop", []string{"shop"}, []string{"shop"}},
		{"HIV and hive", []string{"hiv", "hi"}, []string{"HIV", "hiv"}},
		{"nothing here", []string{"zzz"}, nil},
		{"anything", nil, nil},
		{"Quốc hội", []string{"quoc hoi"}, nil}, // terms are single words
		// two words the index joins match as one
		{"Viet Nam and Vietnam", []string{"viet", "nam", "vietnam"}, []string{"Viet Nam", "Vietnam"}},
		{"Hà Nội, HÀ NỘI, Hanoi", []string{"hanoi"}, []string{"Hà Nội", "HÀ NỘI", "Hanoi"}},
		{"Đà Nẵng", []string{"danang"}, []string{"Đà Nẵng"}},
		{"Ha Noi", []string{"hano"}, []string{"Ha No"}},
		{"Viet-Nam", []string{"vietnam"}, []string{"Viet-Nam"}},
		{"viet nam, Viet  Nam, Ha Noi. Da Nang", []string{"vietnam", "noida"}, nil},
		{"UN Viet Nam", []string{"un", "vietnam"}, []string{"UN", "Viet Nam"}},
	}
	for _, tt := range tests {
		var got []string
		for _, r := range Highlight(tt.text, tt.terms) {
			got = append(got, tt.text[r[0]:r[1]])
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Highlight(%q, %q) = %q, want %q", tt.text, tt.terms, got, tt.want)
		}
	}
}

// TestTokensMatchFoldedText: folding word by word gives the tokens of folding the whole text.
func TestTokensMatchFoldedText(t *testing.T) {
	texts := []string{
		"Đặng Quốc Phong, ĐẶNG THỊ HOA and Hà Nội’s “one-stop-shop” — 16%–58% of women",
		"Ha\u0300 No\u0323\u0302i, PrEP, VNP+, e-mail@example.org, U.S., Ms. Tamesis",
		"Trích dẫn: Bộ Lao động – Thương binh và Xã hội; Ủy ban; Đắk Lắk; 2024年",
	}
	titles, sentences := seedText()
	texts = append(texts, titles[:50]...)
	texts = append(texts, sentences[:200]...)
	for _, s := range texts {
		got := tokens(s)
		want := strings.FieldsFunc(data.Fold(s), func(r rune) bool { return !isWordRune(r) })
		if !slices.Equal(got, want) {
			t.Errorf("tokens(%q) = %q, folded text gives %q", s, got, want)
		}
	}
}

func TestLongTokensStayValid(t *testing.T) {
	long := strings.Repeat("ệ", 60) + " " + strings.Repeat("x", 100)
	for _, tok := range tokens(long) {
		if !utf8.ValidString(tok) || len(tok) > maxToken {
			t.Errorf("token %q", tok)
		}
	}
}

// Only the word being typed, the last, matches as a prefix: "can tho" is not "cannot those".
func TestOnlyTheLastWordIsAPrefix(t *testing.T) {
	arts := []data.Article{
		{ID: "a", Title: "Cannot those be seen", Kind: data.KindNews},
		{ID: "b", Title: "Floods in Cần Thơ", Kind: data.KindNews},
		{ID: "c", Title: "Can Thomas come", Kind: data.KindNews},
	}
	s := New(arts)
	var got []string
	for _, h := range s.Search(ParseLenient("can tho"), nil).Hits {
		got = append(got, h.Article.ID)
	}
	slices.Sort(got)
	if strings.Join(got, ",") != "b,c" {
		t.Errorf("can tho finds %v, want b and c", got)
	}
}

// TestJoinedWords: a name written as syllables and the same name joined find each other, both
// ways, as words, prefixes and in phrases; English words written apart do not join.
func TestJoinedWords(t *testing.T) {
	arts := []data.Article{
		{ID: "joined", Title: "Vietnam and Danang", Blocks: paras("Floods reached Hanoi on Monday.")},
		{ID: "apart", Title: "Việt Nam and Đà Nẵng", Blocks: paras("Floods reached HÀ NỘI on Monday.")},
		{ID: "hyphen", Title: "Viet-Nam notes", Blocks: paras("It may be so.")},
		{ID: "far", Title: "Viet and Nam are names", Blocks: paras("Ha Noi. Da Nang is a city.")},
		{ID: "lower", Title: "viet nam in small letters", Blocks: paras("maybe later")},
		{ID: "nam", Title: "Nam Định province"},
	}
	s := New(arts)
	for _, tt := range []struct {
		q    string
		want string
	}{
		{"vietnam", "apart,hyphen,joined"},
		{"viet nam", "apart,far,hyphen,joined,lower"},
		{"nam", "apart,far,hyphen,lower,nam"},
		{`"viet nam"`, "apart,hyphen,joined,lower"},
		{"viet-nam", "apart,hyphen,joined,lower"},
		{"Việt Nam", "apart,far,hyphen,joined,lower"},
		{"vietnam namdinh", ""},
		{"vietn", "apart,hyphen,joined"}, // the word being typed: Viet Nam as vietnam
		{"viet n", "apart,far,hyphen,joined,lower"},
		{`"vietnam and"`, "apart,joined"}, // a joined pair takes two places in a phrase
		{`"and viet nam"`, ""},
		{`"vietnam and danang"`, "apart,joined"},
		{`"viet nam and da nang"`, "apart,joined"},
		{`"and da"`, "apart"},
		{"hanoi", "apart,far,joined"}, // HÀ NỘI: capitals join too
		{"ha noi", "apart,far,joined"},
		{"danang", "apart,far,joined"},
		{"đà nẵng", "apart,far,joined"},
		{"noida", ""},      // a full stop between them
		{"maybe", "lower"}, // may be: not names
		{"vietnam -danang", "hyphen"},
		{"-vietnam", "far,lower,nam"},
		{`-"viet nam"`, "far,nam"},
		{"-viet nam", "nam"}, // not viet, and nam: a minus takes one word
		{"-viet-nam", "far,nam"},
	} {
		var got []string
		for _, h := range s.Search(mustParse(t, tt.q), nil).Hits {
			got = append(got, h.Article.ID)
		}
		slices.Sort(got)
		if strings.Join(got, ",") != tt.want {
			t.Errorf("Search(%q) = %v, want %s", tt.q, got, tt.want)
		}
	}
}

// TestJoinRule: which adjacent words the index also holds joined.
func TestJoinRule(t *testing.T) {
	for text, want := range map[string]string{
		"Việt Nam, Hà Nội and Đà Nẵng":        "vietnam hanoi danang",
		"VIET NAM":                            "vietnam",
		"Hồ Chí Minh City":                    "hochi chiminh",
		"Nguyễn Thị Minh Khai":                "nguyenthi thiminh minhkhai",
		"Đắk Lắk and Quảng Ngãi":              "daklak quangngai",
		"Viet-Nam":                            "vietnam",
		"viet nam, Viet nam, Viet  Nam":       "",
		"Ha Noi. Da Nang":                     "hanoi danang", // never noida
		"United Nations Women Building Youth": "",
		"Viet Nam2024 McKay Do":               "",
	} {
		var got []string
		var tz tokenizer
		tz.scan(text, func(string) {}, func(w1, w2 string) { got = append(got, w1+w2) })
		if strings.Join(got, " ") != want {
			t.Errorf("joined in %q: %q, want %q", text, got, want)
		}
	}
	for w, want := range map[string]bool{
		"viet": true, "nam": true, "nguyen": true, "nghieng": true, "quoc": true, "gia": true,
		"khuyen": true, "the": true, "women": false, "united": false, "hiv": false, "q": false,
		"xyz": false, "2024": false, "": false, "nghiengg": false,
	} {
		if got := isSyllable(w); got != want {
			t.Errorf("isSyllable(%q) = %v", w, got)
		}
	}
}

// containsSplitFoldASCII reads the text once; it finds what building every split form and
// searching for each found.
func TestContainsSplitFoldASCIIFindsEverySplit(t *testing.T) {
	spec := func(s, t string) bool {
		for k := 1; k < len(t) && k <= 7; k++ {
			if !isSyllable(t[:k]) {
				continue
			}
			for _, gap := range []string{" ", "-"} {
				if containsFoldASCII(s, t[:k]+gap+t[k:]) {
					return true
				}
			}
		}
		return false
	}
	texts := []string{"", "Viet Nam", "VIET-NAM and Ha Noi", "in Da Nang, Hồ Chí Minh", "vietnam", "Viet  Nam",
		"the Vietnam News", "ha noi.", "Ha Noi", "a Ha Noi", "xHa-Noiy", "Ha Noi Ha", "Hà Nội"}
	terms := []string{"vietnam", "hanoi", "danang", "hano", "v", "vi", "nam", "dang", "quoc", "pom", "ha", "2024", "hanoix"}
	for _, s := range texts {
		for _, term := range terms {
			if got, want := containsSplitFoldASCII(s, term), spec(s, term); got != want {
				t.Errorf("containsSplitFoldASCII(%q, %q) = %v, want %v", s, term, got, want)
			}
		}
	}
}
