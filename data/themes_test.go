package data

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// themeTexts are texts that exercise the word rules: accents (composed and decomposed), curly
// apostrophes, "+", slashes, hyphens, line breaks inside terms, invalid UTF-8, other scripts,
// then the text of every seed article.
func themeTexts() []string {
	texts := []string{
		"Đặng Quốc Phong’s VNP+ team: HIV/AIDS, women’s rights & LGBTIQ+ people’s PrEP.",
		"e\u0301te\u0301 x’ ’y 'quoted' rock'n'roll sexual \u0301 violence",
		"Ending violence against\nwomen and children; gender-\nbased violence, cyber-bullying",
		"tfs gbv TF GBVs SDGs sdg's sdgss KIDS kids’ \u212aids İ \xff日本 Clímate CHILD-friendly a+b+ +x",
	}
	for _, a := range Embedded().Articles {
		texts = append(texts, a.Title, allText(&a))
	}
	return texts
}

// The matcher reads words in place; it must see exactly the words foldInto makes, empty ones
// (a lone combining mark) included.
func TestWordsMatchFoldInto(t *testing.T) {
	ix := themeIndex()
	for _, text := range themeTexts() {
		buf, bounds := foldInto(nil, nil, text)
		var want, got []string
		for j := 0; j < len(bounds); j += 2 {
			want = append(want, string(buf[bounds[j]:bounds[j+1]]))
		}
		for i := 0; ; {
			start, end, plain := nextWord(text, i)
			if start < 0 {
				break
			}
			if plain {
				got = append(got, strings.ToLower(text[start:end]))
			} else {
				got = append(got, string(foldWord(nil, text[start:end])))
			}
			i = end
		}
		if !slices.Equal(got, want) {
			t.Fatalf("%.60q: read %q, foldInto %q", text, got, want)
		}
		if n := ix.count(make([]int32, len(ix.terms)), text); n != len(want) {
			t.Fatalf("%.60q: count saw %d words, foldInto %d", text, n, len(want))
		}
	}
}

// referenceCounts is the definition of a mention, written plainly over foldInto's words: at
// each word, a term matches when its tokens are that word and the next ones (each may carry a
// plural "s"; the first only when no term starts with the word itself), and each theme counts
// its longest match there once, unless the word is inside a longer term of that theme counted
// before it.
func referenceCounts(ix *termIndex, text string) []int32 {
	buf, bounds := foldInto(nil, nil, text)
	var words []string
	for j := 0; j < len(bounds); j += 2 {
		words = append(words, string(buf[bounds[j]:bounds[j+1]]))
	}
	isFirst := map[string]bool{}
	for _, t := range ix.terms {
		isFirst[t.tokens[0]] = true
	}
	counts := make([]int32, len(ix.terms))
	covered := map[int]int{} // per theme, the word after its last term of several words
	for i, w := range words {
		best := map[int]int{}
		for id, t := range ix.terms {
			if i+len(t.tokens) > len(words) || i < covered[t.theme] {
				continue
			}
			ok := w == t.tokens[0] || !isFirst[w] && len(w) > 3 && w == t.tokens[0]+"s"
			for k := 1; ok && k < len(t.tokens); k++ {
				ok = words[i+k] == t.tokens[k] || words[i+k] == t.tokens[k]+"s"
			}
			if b, has := best[t.theme]; ok && (!has || len(t.tokens) > len(ix.terms[b].tokens)) {
				best[t.theme] = id
			}
		}
		for theme, id := range best {
			counts[id]++
			if n := len(ix.terms[id].tokens); n > 1 {
				covered[theme] = i + n
			}
		}
	}
	return counts
}

// The fast matcher counts what the plain definition counts, on real text and on random text
// made of term words, their pieces, capitals, accents and separators.
func TestTermCountsMatchReference(t *testing.T) {
	ix := themeIndex()
	texts := themeTexts()
	pieces := []string{"a", "s", "S", "'", "’", "+", " ", " ", "\n", "-", "/", "é", "\u0301", "đ",
		"hiv", "HIV", "Aids", "women", "violence", "against", "children", "and", "sexual", "health",
		"care", "human", "rights", "world", "food", "day", "online", "child", "young", "msm",
		"sustainable", "development", "goal", "discrimination", "tf", "gbv", "war", "x", "\xff", "İ", "日本"}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 3000 {
		var b strings.Builder
		for range rng.IntN(40) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		texts = append(texts, b.String())
	}
	hits := 0
	for _, text := range texts {
		want := referenceCounts(ix, text)
		got := make([]int32, len(ix.terms))
		ix.count(got, text)
		if !slices.Equal(got, want) {
			for id := range got {
				if got[id] != want[id] {
					t.Errorf("%.80q: %q counted %d times, want %d", text, ix.terms[id].text, got[id], want[id])
				}
			}
			t.FailNow()
		}
		hits += int(sum(got))
	}
	if hits < 1000 {
		t.Errorf("only %d mentions in all the texts: the test texts do not exercise the matcher", hits)
	}
}

// What counts as a mention, case by case.
func TestTermMentions(t *testing.T) {
	ix := themeIndex()
	termID := map[string]int{}
	for id, term := range ix.terms {
		termID[Themes[term.theme].ID+":"+term.text] = id
	}
	for _, c := range []struct {
		text string
		want map[string]int32 // theme:term → mentions; every other term 0
	}{
		// A term across a line break, its longest form only.
		{"Ending violence against\nwomen and children.", map[string]int32{"gbv:violence against women and children": 1, "children:children": 1}},
		// Hyphens and spaces are the same, wherever the line breaks.
		{"gender-\nbased violence, cyber bullying", map[string]int32{"gbv:gender-based violence": 1, "cyberviolence:cyber-bullying": 1}},
		// Capitals, accents (composed and decomposed), a curly apostrophe.
		{"CLÍMATE, Clima\u0301te; the Women’s Union", map[string]int32{"climate:climate": 2, "gender-equality:women's union": 1}},
		// Whole words only; a plural "s" is implied.
		{"archive warsaw preparation the wars", map[string]int32{"peace-security:war": 1}},
		// A word that is itself a first token is not read as a plural of a shorter one.
		{"SDGs and the SDG", map[string]int32{"sdg:sdgs": 1, "sdg:sdg": 1}},
		// "+" belongs to the word: VNP+ is a term, HIV+ is not HIV.
		{"VNP+ and HIV+", map[string]int32{"hiv:vnp+": 1}},
		// Each position counts once per theme, but for every theme it names; a word inside a
		// longer term of the same theme is not a mention of its own.
		{"HIV/AIDS among young MSM", map[string]int32{"hiv:hiv/aids": 1, "youth:young msm": 1, "lgbti:msm": 1}},
		{"people living with HIV, and HIV", map[string]int32{"hiv:people living with hiv": 1, "hiv:hiv": 1}},
		{"the World Health Organization and mental health", map[string]int32{"health:world health organization": 1, "health:mental health": 1}},
		// A term does not run past the end of its text.
		{"sexual", nil},
	} {
		got := make([]int32, len(ix.terms))
		ix.count(got, c.text)
		want := make([]int32, len(ix.terms))
		for k, n := range c.want {
			id, ok := termID[k]
			if !ok {
				t.Fatalf("no term %s", k)
			}
			want[id] = n
		}
		for id := range got {
			if got[id] != want[id] {
				t.Errorf("%q: %s:%s counted %d times, want %d", c.text, Themes[ix.terms[id].theme].ID, ix.terms[id].text, got[id], want[id])
			}
		}
	}
}

// BenchmarkTagThemes tags every seed article.
func BenchmarkTagThemes(b *testing.B) {
	arts := Embedded().Articles
	size := 0
	for i := range arts {
		size += len(arts[i].Title) + len(allText(&arts[i]))
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for range b.N {
		for i := range arts {
			tagThemes(&arts[i])
		}
	}
}

// notAlnum8 flags exactly the bytes that are not ASCII letters or digits, whatever their
// neighbours.
func TestNotAlnum8(t *testing.T) {
	for _, s := range everyByteAt("aZ09zA9a") {
		got := notAlnum8(word8(s, 0))
		for j := range 8 {
			if flagged := got>>(8*j+7)&1 == 1; flagged == wordByte[s[j]] || got>>(8*j)&0x7f != 0 {
				t.Fatalf("%q: byte %d flagged %v in %#x", s, j, flagged, got)
			}
		}
	}
}

// alnumRun finds the end and the key a byte loop and wordKey find, for a word at any place of
// a text, of any length, ending anywhere (at the end of the text too).
func TestAlnumRun(t *testing.T) {
	texts := everyByteAt("Abcdefghijklmnopqr9t")
	for n := range 20 {
		texts = append(texts, "Health and development"[:n])
	}
	for _, s := range texts {
		for i := range len(s) {
			if !wordByte[s[i]] {
				continue
			}
			want := i
			for want < len(s) && wordByte[s[want]] {
				want++
			}
			end, key := alnumRun(s, i)
			if end != want || key != wordKey(s[i:want], true) {
				t.Fatalf("%q from %d: alnumRun says %d, %#x; want %d, %#x", s, i, end, key, want, wordKey(s[i:want], true))
			}
		}
	}
}

// count, which reads most words eight bytes at a time (skipWords), counts the words and the
// mentions the plain definitions count with every byte value at every place of texts with
// short and long words, terms and words that start terms, near their start and end.
func TestCountEveryByte(t *testing.T) {
	ix := themeIndex()
	var texts []string
	// Texts of fewer than eight bytes are read a byte at a time.
	for _, w := range []string{"Women and children's HIV", "sustainable development goals", "everywhere HIV, women", "éHIV", "HIVé sdg"} {
		texts = append(texts, everyByteAt(w)...)
	}
	// The definition's counts depend on the words alone, and most byte values (separators)
	// leave the same words: each list of words is counted by it once.
	want := map[string][]int32{}
	for _, text := range texts {
		buf, bounds := foldInto(nil, nil, text)
		got := make([]int32, len(ix.terms))
		if n := ix.count(got, text); n != len(bounds)/2 {
			t.Fatalf("%q: count saw %d words, foldInto %d", text, n, len(bounds)/2)
		}
		words := fmt.Sprint(buf, bounds)
		if want[words] == nil {
			want[words] = referenceCounts(ix, text)
		}
		if !slices.Equal(got, want[words]) {
			t.Fatalf("%q: counted %v, want %v", text, got, want[words])
		}
	}
}

// Every term of several tokens is found in each of its forms (a plural "s" on its first token
// or on the others, capitals), alone and after another term: the pairs of first and second
// words find what the plain definition finds.
func TestTermsOfSeveralTokens(t *testing.T) {
	ix := themeIndex()
	for _, term := range ix.terms {
		if len(term.tokens) < 2 {
			continue
		}
		forms := []string{strings.Join(term.tokens, " "), strings.ToUpper(strings.Join(term.tokens, "-"))}
		for k := range term.tokens {
			toks := slices.Clone(term.tokens)
			toks[k] += "s"
			forms = append(forms, strings.Join(toks, " "))
		}
		for _, text := range append(forms, "HIV "+forms[0]+" and "+forms[len(forms)-1]) {
			got := make([]int32, len(ix.terms))
			ix.count(got, text)
			if want := referenceCounts(ix, text); !slices.Equal(got, want) {
				t.Fatalf("%q: counted %v, want %v", text, got, want)
			}
		}
	}
}

// An entry of the index is found from its own first word and no other.
func TestIndexEntries(t *testing.T) {
	ix := themeIndex()
	for i := range ix.entries {
		e := &ix.entries[i]
		for after := range len(ix.entries) + 1 {
			got := ix.lookup(uint16(after), e.w, false, e.key, entryHash(after, e.key))
			if after == int(e.after) && got != e || after != int(e.after) && got != nil && int(got.after) != after {
				t.Fatalf("%q after %d: found %+v", e.w, after, got)
			}
		}
	}
}

// inWord answers as the Unicode tables do for every character.
func TestInWord(t *testing.T) {
	for r := rune(0x80); r <= unicode.MaxRune; r++ {
		if got, want := inWord(r), unicode.IsLetter(r) || unicode.Is(unicode.Mn, r); got != want {
			t.Fatalf("inWord(%U) = %v, want %v", r, got, want)
		}
	}
}

// wordOffset finds the start of word n as a byte loop does, with every byte value at every
// place of a text of short and long words and runs of spaces.
func TestWordOffset(t *testing.T) {
	plain := func(s string, n int) int {
		w, in := 0, false
		for i := 0; i < len(s); i++ {
			if sp := s[i] == ' '; !sp && !in {
				if w == n {
					return i
				}
				w++
			}
			in = s[i] != ' '
		}
		return 0
	}
	for _, s := range everyByteAt(" ab cd  efghijklmn o pq   rstuvw x ") {
		for n := range 14 {
			if got, want := wordOffset(s, n), plain(s, n); got != want {
				t.Fatalf("wordOffset(%q, %d) = %d, want %d", s, n, got, want)
			}
		}
	}
}
