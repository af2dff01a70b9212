package data

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// The parser runs a cheap test before each costly regexp on its hot path. A pre-check must be
// implied by the regexp it guards, or it silently drops matches: these tests run both on every
// line of every real capture we have (the seeds, ../shared/captures, the shapes written for the
// tests) and on lines made to sit at the edges of each pattern.

// corpusLines returns every distinct line of the seeds, the shared captures and the test shapes.
func corpusLines(t *testing.T) []string {
	t.Helper()
	seen := map[string]bool{}
	var lines []string
	for _, f := range corpusFiles(t) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(string(b), "\n") {
			if l = strings.TrimSpace(l); l != "" && !seen[l] {
				seen[l] = true
				lines = append(lines, l)
			}
		}
	}
	return lines
}

// corpusFiles returns the captures of the seeds, the shared captures and the test shapes.
func corpusFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, glob := range []string{"seeds/*.txt", capturesDir + "/*.txt", "testdata/*.txt", "testdata/shapes/*.txt"} {
		m, err := filepath.Glob(glob)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) < 5 {
		t.Fatalf("want the captures, got %v", files)
	}
	return files
}

// precheckCase checks that guard holds wherever the regexp test holds, over the corpus and the
// edge lines; it also requires the edge lines that the regexp matches to exist, so the test
// cannot pass by matching nothing.
func precheckCase(t *testing.T, name string, lines []string, match, guard func(string) bool) {
	t.Helper()
	matched := 0
	for _, l := range lines {
		if match(l) {
			matched++
			if !guard(l) {
				t.Errorf("%s: the regexp matches %q but the pre-check says it cannot", name, l)
			}
		}
	}
	if matched == 0 {
		t.Errorf("%s: no line matched the regexp; the test checks nothing", name)
	}
}

// agreesWithSpec checks that fast says what spec says on every line, and that spec holds on at
// least least of them, so the test cannot pass by looking at nothing.
func agreesWithSpec(t *testing.T, name string, lines []string, fast, spec func(string) bool, least int) {
	t.Helper()
	held := 0
	for _, l := range lines {
		want := spec(l)
		if want {
			held++
		}
		if got := fast(l); got != want {
			t.Errorf("%s(%q) = %v, want %v", name, l, got, want)
		}
	}
	if held < least {
		t.Errorf("%s: the rule holds on only %d lines; the test checks too little", name, held)
	}
}

// captionSpec is isCaption as its regexps alone say it, with the photo patterns in the one
// regexp they were written as: what isCaption's pre-checks and cuts must not change.
func captionSpec(l string) bool {
	if len(l) > 400 {
		return false
	}
	if imageDescription().MatchString(l) {
		return true
	}
	tail := l
	if len(l) > 140 {
		tail = l[len(l)-140:]
		if sp := strings.IndexByte(tail, ' '); sp >= 0 {
			tail = tail[sp:]
		}
	}
	return captionPhotoSpec.MatchString(tail) || len(l) <= 240 && captionSource().MatchString(tail) ||
		len(l) <= 300 && captionAgency().MatchString(tail)
}

var captionPhotoSpec = regexp.MustCompile(`(?i)(?:\((?:photo|ảnh|image|illustration|file photo|photo credit)[^()]{0,80}\)|(?:^|[.?!)] ?|\s)(?:photo|ảnh|image|photo credit)s?\s*(?:by|:)\s*[^.:]{1,60}\.?)\s*$`)

func TestIsCaptionIsWhatItsRegexpsSay(t *testing.T) {
	lines := append(corpusLines(t),
		"Students at the school. Photo: UNICEF Viet Nam",
		"Students at the school (Photo: UNICEF)",
		"Students at the school (PHOTO CREDIT UNICEF) ",
		"Students at the school (ſource: UNICEF).",
		"Students at the school (Nguồn: TTXVN) .",
		"Students (in Ha Noi) at the school (Source: UNICEF)",
		"Students (in Ha Noi at the school (Source: UNICEF)",
		"Students at the school. Ảnh by TTXVN",
		"Students at the school. photoſ by Minh",
		"Students at the school.Photo credits : Minh",
		"Students at the school. Photo: Minh. Second",
		"In Ha Noi. VNS Photo Minh Quan",
		"In Ha Noi. File photo",
		"In Ha Noi) Image courtesy of UNDP",
		"(illustration by a child of Ha Giang)",
		"(illuſtration by a child of Ha Giang)", // (?i) reads ſ as s
		"Photo by Minh Quan",
		"Shot with a telephoto: lens and more",
		"", "A", "Photo of", "An image of a ſchool, photo: Lan", "Children at school (ảnh: TTXVN)", "(NGUỒN: VNA)", "(ẢNH: VNA)",
		"Photo by Minh, in Ha Noi. Photos by Lan",
		"Students at the school (Credit: UNICEF)", "Students at the school (credit: Lan).",
		"A view of the city!Image by UNDP",
		"Mist over the valley\tphoto:Lan",
		"An image of the river at dawn, with boats and fishermen of the delta in the early light and a lot more words to go past the tail cut at one hundred and forty bytes (Photo: VNA)",
	)
	agreesWithSpec(t, "isCaption", lines, isCaption, captionSpec, 15)
}

// mayNameCaptionWord looks for the Vietnamese letters byte by byte, and for what follows a u
// (illustration, source) from each u; it must find what a search for each finds.
func TestMayNameCaptionWordIsASearchForEachPart(t *testing.T) {
	lines := append(corpusLines(t), "ả", "xẢ", "ồx", "Ồ", "\xe1\xba", "\xe1", "u", "ust", "uustr", "uſtr", "urc", "uurce", "u\xc5")
	lines = append(lines, everyByteAt("nguồn ảnh")...)
	lines = append(lines, everyByteAt("ustr urce")...)
	lowered := func(l string) []byte {
		lower := []byte(l)
		lowerASCIIBytes(lower)
		return lower
	}
	agreesWithSpec(t, "mayNameCaptionWord", lines, func(l string) bool { return mayNameCaptionWord(lowered(l)) }, func(l string) bool {
		for _, w := range append(captionWordParts, []byte("ustr"), []byte("uſtr"), []byte("urce"), []byte("ả"), []byte("Ả"), []byte("ồ"), []byte("Ồ")) {
			if bytes.Contains(lowered(l), w) {
				return true
			}
		}
		return false
	}, 100)
}

// fileNameLineRegexp is what isFileNameLine matches, as the regexp it replaced.
var fileNameLineRegexp = regexp.MustCompile(`^[\p{Ll}\d][\p{Ll}\d _.-]{0,40}$`)

func TestIsFileNameLineIsItsRegexp(t *testing.T) {
	lines := append(corpusLines(t), "2004 capture", "measles vietnam photo2", "img_2034.jpg", "_x", " x", "-1", "ạnh-1",
		"a"+strings.Repeat("b", 39), "a"+strings.Repeat("b", 40), "a"+strings.Repeat("b", 41), "ạ"+strings.Repeat("ố", 40), "ạ"+strings.Repeat("ố", 41),
		"", "A", "a\xff", "Ha Noi 2024", "µ", "ǅx")
	lines = append(lines, everyByteAt("ab 1_.-xyz")...)
	agreesWithSpec(t, "isFileNameLine", lines, isFileNameLine, fileNameLineRegexp.MatchString, 100)
}

// isCounter reads the digits before its separator; it must agree with cutting the line at it.
func TestIsCounterCutsAtTheSeparator(t *testing.T) {
	spec := func(l, sep string) bool {
		a, b, ok := strings.Cut(l, sep)
		return ok && isDigits(a) && isDigits(b)
	}
	lines := append(corpusLines(t), "1 of 5", "12 / 345", "1 of 5 of 6", "1 / ", " / 2", "1 /2", "01 of 10", "1 of x", "x1 of 5", "1 of 5 ")
	for _, sep := range []string{" of ", " / "} {
		agreesWithSpec(t, "isCounter/"+sep, lines, func(l string) bool { return isCounter(l, sep) }, func(l string) bool { return spec(l, sep) }, 2)
	}
}

// hasDigits counts eight bytes at a time; it must agree with a byte loop for every byte value at
// every place.
func TestHasDigitsCountsLikeTheByteLoop(t *testing.T) {
	naive := func(s string, n int) bool {
		for i := 0; i < len(s); i++ {
			if s[i] >= '0' && s[i] <= '9' {
				n--
			}
		}
		return n <= 0
	}
	lines := append(corpusLines(t), everyByteAt("0a1b2c3/:d4e5f6g")...)
	lines = append(lines, everyByteAt("a/b:c/d:e/f:g/h:i")...) // no digit, but the bytes either side of them
	for _, l := range lines {
		for n := 0; n <= 9; n++ {
			if got, want := hasDigits(l, n), naive(l, n); got != want {
				t.Fatalf("hasDigits(%q, %d) = %v, want %v", l, n, got, want)
			}
		}
	}
}

// datelineSepRegexp is what datelineSep finds, as the regexp it replaced.
var datelineSepRegexp = regexp.MustCompile(`(?:\s(?:—|–|--|-)|[\d)](?:—|–|--))\s+`)

func TestDatelineSepFindsWhatItsRegexpFinds(t *testing.T) {
	lines := append(corpusLines(t),
		"HA NOI, 24 May 2021 – The", "Da Nang, October 4th, 2010 -- Two", "13 October 2011– Two-year-old",
		"Hanoi (VNA)– The", "a --x - y", "a -- b", "a —\t\tb", "x -\n", "well-being - x", "2011--", "1)—  z",
		"no dash here", "-", " -", " - ", "9– ", ") -- ", "a  -  b",
	)
	found := 0
	for _, l := range lines {
		head := l[:min(len(l), 120)]
		want := datelineSepRegexp.FindStringIndex(head)
		got := datelineSep(head)
		if want != nil {
			found++
		}
		if len(want) != len(got) || want != nil && (want[0] != got[0] || want[1] != got[1]) {
			t.Errorf("datelineSep(%q) = %v, the regexp finds %v", head, got, want)
		}
	}
	if found < 10 {
		t.Errorf("only %d lines have a dateline dash; the test checks too little", found)
	}
}

func TestGluedNamePrecheckIsImpliedByTheRegexp(t *testing.T) {
	lines := append(corpusLines(t),
		"Ms. Hoang ThaoCommunications and Advocacy Analyst", "Đặng Quốc PhongChair of the board",
		"Prof Nguyen Van AnDirector of the institute", "Lan Anh NguyenProgramme Officer for youth",
	)
	precheckCase(t, "gluedName", lines, gluedName().MatchString, func(s string) bool { return startsUpper(s) && hasCamelJoin(s) })
}

// The parser's regexps compile on first use; a bad pattern must fail here, not in a user's run.
func TestLazyRegexpsCompile(t *testing.T) {
	if len(lazyPatterns) < 20 {
		t.Fatalf("only %d lazily compiled patterns registered", len(lazyPatterns))
	}
	for _, p := range lazyPatterns {
		if _, err := regexp.Compile(p); err != nil {
			t.Errorf("pattern %q: %v", p, err)
		}
	}
}

// nextGlueStop tests eight bytes at a time; it must stop exactly where a byte-by-byte loop stops,
// from every index.
func TestNextGlueStopStopsWhereTheByteLoopStops(t *testing.T) {
	naive := func(s string, i int) int {
		for ; i < len(s); i++ {
			if c := s[i]; c >= 0x80 || c == '"' || 'A' <= c && c <= 'Z' && i > 0 && glueAfter[s[i-1]] {
				break
			}
		}
		return i
	}
	lines := append(corpusLines(t), "abcdefghijklmnop", `abcdefg"hijk`, "abcdefgZ", "abcdefg@[`{", "ab\x00cdefgh\x7f",
		"@ABCDEFGHIJKLMNOPQRSTUVWXYZ[", "0123456789!#$%&'()*+,-./:;<=>?", "abcdefgé", "\"", "", "A", "aB", ".B", " B")
	lines = append(lines, everyByteAt("abcdefghijklmnopq")...)  // a 17-byte window of plain text
	lines = append(lines, everyByteAt("aBcDeFgHiJkLmNoPqR")...) // every byte before a capital
	stops := 0
	for _, l := range lines {
		for i := 0; i <= len(l); i++ {
			got, want := nextGlueStop(l, i), naive(l, i)
			if got != want {
				t.Fatalf("nextGlueStop(%q, %d) = %d, want %d", l, i, got, want)
			}
			if want < len(l) && 'A' <= l[want] && l[want] <= 'Z' {
				stops++
			}
		}
	}
	if stops == 0 {
		t.Error("no capital stopped the walk; the test checks too little")
	}
}

// splitGluedSpec is splitGlued offering every character to glueAt, as the rule says: no skipping.
func splitGluedSpec(line string) []piece {
	var out []piece
	links := lineLinks{line: line}
	start, sep, quotes := 0, glueStart, 0
	for i := 0; i < len(line); {
		r, n := utf8.DecodeRuneInString(line[i:])
		if r == '"' {
			quotes++
		}
		if i > start && (r < 0x80 || unicode.IsUpper(r) || r == '“') {
			if cut, kind := glueAt(line, i, r, quotes, &links); cut >= 0 && cut > start && cut < len(line) {
				out = append(out, piece{text: strings.TrimSpace(line[start:cut]), sep: sep})
				start, sep = cut, kind
			}
		}
		i += n
	}
	return append(out, piece{text: strings.TrimSpace(line[start:]), sep: sep})
}

// findGluedHeadingSpec is findGluedHeading looking at every character, with the character before
// it and the last space carried along.
func findGluedHeadingSpec(s string) (h, b int, ok bool) {
	var prev rune
	lastSpace := -1 << 30
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if i > 0 && i-lastSpace <= 100 && unicode.IsLower(prev) && (unicode.IsUpper(r) && camelBoundary(s, i+n) || r == '“') {
			if h, ok := headingStart(s, i); ok && !isCamelWord(s, i) && hasWords(s[i:], 3) {
				return h, i, true
			}
		}
		if r == ' ' {
			lastSpace = i
		}
		prev = r
		i += n
	}
	return 0, 0, false
}

// The glue finders skip what cannot hold glue and look back for the character and the space
// before a stop; they must find what a look at every character finds.
func TestGlueFindersFindWhatTheRulesFind(t *testing.T) {
	lines := corpusLines(t)
	for _, w := range []string{
		"growth. A Turning PointFounded in 2012 by",
		"Nam. Quốc Tế Mới“Việt Nam nói nay",
		`progress:The rep. U.S.A "card?"These end.”The (x,”The`,
		"hôm nay Hội Nghị Quốc TếViệt Nam được tổ chức",
		"at www.un.org.Vn and a@b.Cd:Ef",
	} {
		lines = append(lines, everyByteAt(w)...)
	}
	// Two glued headings in a piece, the second nearer the first than the first is to the start.
	lines = append(lines, "A long introduction sentence goes here. Alpha BetaGamma. Epsilon ZetaEta theta iota kappa")
	// A heading of tab-separated words, whose last space is 99, 100 or 101 bytes back.
	for n := 98; n <= 100; n++ {
		h := "Alpha\tBeta\t" + strings.Repeat("x", n-len("Alpha\tBeta\tend")) + "end"
		lines = append(lines, "Done. "+h+"Founded in 2012 by the")
	}
	pieces, headings := 0, 0
	for _, l := range lines {
		p, h := checkGlueFinders(t, l)
		pieces += p
		headings += h
	}
	if pieces < 100 || headings < 100 {
		t.Errorf("%d glued pieces and %d glued headings; the test checks too little", pieces, headings)
	}
}

// checkGlueFinders holds splitGlued and findGluedHeading to their specs on line l, and
// findGluedHeading to its spec on each piece between where splitGlued says a heading can first
// and last end; appendHeadings must make the same units there as over the whole piece. It returns how
// many glues and glued headings it saw.
func checkGlueFinders(t *testing.T, l string) (pieces, headings int) {
	t.Helper()
	got, want := splitGlued(nil, l), splitGluedSpec(l)
	same := len(got) == len(want)
	for i := 0; same && i < len(got); i++ {
		same = got[i].text == want[i].text && got[i].sep == want[i].sep
	}
	if !same {
		t.Fatalf("splitGlued(%q) = %v, want %v", l, got, want)
	}
	type found struct {
		h, b int
		ok   bool
	}
	find := func(s string, from, to int) (f found) { f.h, f.b, f.ok = findGluedHeading(s, from, to); return f }
	spec := func(s string) (f found) { f.h, f.b, f.ok = findGluedHeadingSpec(s); return f }
	if g, w := find(l, 0, len(l)), spec(l); g != w {
		t.Fatalf("findGluedHeading(%q) = %v, want %v", l, g, w)
	}
	for _, p := range got {
		g, w := find(p.text, p.headingFrom, p.headingTo), spec(p.text)
		if g != w {
			t.Fatalf("findGluedHeading(%q, %d, %d) = %v, want %v (piece of %q)", p.text, p.headingFrom, p.headingTo, g, w, l)
		}
		units := appendHeadings(nil, p.text, p.headingFrom, p.headingTo)
		if all := appendHeadings(nil, p.text, 0, len(p.text)); !slices.Equal(units, all) {
			t.Fatalf("appendHeadings(%q, %d, %d) = %v, over it all %v", p.text, p.headingFrom, p.headingTo, units, all)
		}
		for _, u := range units {
			if u.hint == hintHeading {
				headings++
			}
		}
	}
	return len(got) - 1, headings
}

// FuzzGlueFinders holds the glue finders to their rules on any line.
func FuzzGlueFinders(f *testing.F) {
	for _, l := range []string{"growth. A Turning PointFounded in 2012 by", `progress:The rep. U.S.A "card?"These end.”The`,
		"hôm nay Hội Nghị Quốc TếViệt Nam được", "at www.un.org.Vn and a@b.Cd:Ef"} {
		f.Add(l)
	}
	f.Fuzz(func(t *testing.T, l string) { checkGlueFinders(t, l) })
}

func TestIsASCII(t *testing.T) {
	for _, l := range append(corpusLines(t), "", "a", "abcdefgh", "abcdefghé", "éabcdefgh", "abcdefg\x80", "\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f") {
		want := true
		for i := 0; i < len(l); i++ {
			want = want && l[i] < 0x80
		}
		if got := isASCII(l); got != want {
			t.Errorf("isASCII(%q) = %v, want %v", l, got, want)
		}
	}
}

// hasCamelJoin walks to the glue stops; it must agree with a look at every character.
func TestHasCamelJoinLooksAtEveryCharacter(t *testing.T) {
	spec := func(s string) bool {
		lower := false
		for _, r := range s {
			if lower && unicode.IsUpper(r) {
				return true
			}
			lower = unicode.IsLower(r)
		}
		return false
	}
	lines := append(corpusLines(t), everyByteAt("aBcdéÉfĐgh")...)
	lines = append(append(lines, everyByteAt("aB")...), everyByteAt("éÉ")...) // a join, or none, at every place
	agreesWithSpec(t, "hasCamelJoin", lines, hasCamelJoin, spec, 100)
}

// TitleKey keeps a title's folded letters and digits; its ASCII path must agree with folding.
func TestTitleKeyKeepsFoldedLettersAndDigits(t *testing.T) {
	spec := func(s string) string {
		var b strings.Builder
		for _, r := range Fold(s) {
			if r < 0x80 && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9') || r >= 0x80 && unicode.IsLetter(r) {
				b.WriteRune(r)
			}
		}
		return b.String()
	}
	for _, l := range append(corpusLines(t), "Đặng Quốc Phong: 2025!", "HIV/AIDS in Viet Nam", "", "\xff\xfe bad UTF-8 Ǆ") {
		if got, want := TitleKey(l), spec(l); got != want {
			t.Errorf("TitleKey(%q) = %q, want %q", l, got, want)
		}
	}
}

func TestLowerASCIIBytesMatchesAByteLoop(t *testing.T) {
	lines := append(corpusLines(t), everyByteAt("aBcDeFgHiJkLmNoPq")...)
	for _, l := range lines {
		got := []byte(l)
		lowerASCIIBytes(got)
		want := []byte(l)
		for i, c := range want {
			if 'A' <= c && c <= 'Z' {
				want[i] = c + 'a' - 'A'
			}
		}
		if string(got) != string(want) {
			t.Fatalf("lowerASCIIBytes(%q) = %q, want %q", l, got, want)
		}
	}
}

// nextDateField walks the fields strings.FieldsFunc would make, one at a time.
func TestNextDateFieldWalksTheFields(t *testing.T) {
	isSep := func(r rune) bool { return r == ' ' || r == ',' || r == '|' || r == '-' || r == '–' }
	for _, l := range append(corpusLines(t), "", " ", "--", "Mar 28, 2022 / 21:50", "a–b|c,d-e f", "–x–", "2019-03-30 17:10:28") {
		want := strings.FieldsFunc(l, isSep)
		var got []string
		for rest := l; rest != ""; {
			var f string
			if f, rest = nextDateField(rest); f != "" {
				got = append(got, f)
			}
		}
		if strings.Join(got, "\x00") != strings.Join(want, "\x00") || len(got) != len(want) {
			t.Fatalf("fields of %q: %q, want %q", l, got, want)
		}
	}
}

// slugID builds the id in one buffer; slugSpec is the id as it was first written, from Date.String
// and Fold, which it must equal.
func slugSpec(d Date, title string) string {
	prefix := d.String()
	if prefix == "" {
		prefix = "undated"
	}
	var b []byte
	dash := false
	for _, c := range []byte(Fold(title)) {
		if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' {
			if dash && len(b) > 0 {
				b = append(b, '-')
			}
			dash = false
			b = append(b, c)
			continue
		}
		dash = true
	}
	slug := string(b)
	if len(slug) > 60 {
		if i := strings.LastIndex(slug[:61], "-"); i > 20 {
			slug = slug[:i]
		} else {
			slug = slug[:60]
		}
	}
	if slug == "" {
		slug = "untitled"
	}
	return prefix + "-" + slug
}

func TestSlugIDIsSlugSpec(t *testing.T) {
	day, _ := makeDate(2024, 11, 30)
	month := Date{Time: day.Time, Precision: PrecisionMonth}
	titles := append(corpusLines(t), "", "!!", "Đặng Quốc Phong: 2025!", strings.Repeat("Việt Nam ", 20),
		strings.Repeat("x", 70), "a "+strings.Repeat("y", 70), strings.Repeat("abcdefghij-", 8), "日本語 text",
		"  HIV/AIDS — in Viet Nam ", "\xff bad", strings.Repeat("Đặng ", 60))
	for _, title := range titles {
		for _, d := range []Date{{}, day, month} {
			if got, want := slugID(d, title), slugSpec(d, title); got != want {
				t.Fatalf("slugID(%v, %q) = %q, want %q", d, title, got, want)
			}
		}
	}
}

// A keywords line is told by the folded label before its colon.
func TestIsTagLine(t *testing.T) {
	for l, want := range map[string]bool{"Tags: HIV PrEP youth": true, "TỪ KHÓA: HIV": true, "Tags HIV": false, "A long line that mentions tags: later": false, "": false} {
		if got := isTagLine(l); got != want {
			t.Errorf("isTagLine(%q) = %v, want %v", l, got, want)
		}
	}
}

func TestImageLabelPrecheckIsImpliedByTheRegexp(t *testing.T) {
	var short []string
	for _, l := range append(corpusLines(t), "Illustrative photo", "(File photo)", "PHOTOS.", "Stock Image",
		"Ảnh minh họa", "(ảnh minh họa).", "Illustration", "cover pictures", "Photo: VNA", "Illuſtration") {
		if len(l) <= 30 {
			short = append(short, l)
		}
	}
	precheckCase(t, "imageLabel", short, imageLabel().MatchString, mayBeImageLabel)
}

func TestHasTitleKeyIsTitleKeyEquality(t *testing.T) {
	lines := append(corpusLines(t), "", "!!", "Viet Nam", "VIET-NAM", "Việt Nam", "viet nam 2")
	keys := []string{"", "vietnam", "vietnam2", TitleKey(lines[0]), TitleKey(lines[len(lines)/2])}
	for _, l := range lines {
		for _, k := range append(keys, TitleKey(l)) {
			if got, want := hasTitleKey(l, k), TitleKey(l) == k; got != want {
				t.Fatalf("hasTitleKey(%q, %q) = %v, want %v", l, k, got, want)
			}
		}
	}
}

func TestLinkLabelPrecheckIsImpliedByTheRegexp(t *testing.T) {
	var lines []string
	for _, l := range corpusLines(t) {
		if len(l) < 160 {
			lines = append(lines, l)
		}
	}
	lines = append(lines, "Read more: Viet Nam", "READ ALSO: x", "Also read : y", "See also: z", "Related: a", "XEM THÊM: b", ">>: c", ">> Read",
		"Learn more »", "Read more", "See more ›", "View more...", "More", "more", "MORE →", "Read the full story", "Click here", "xem thêm", "Chi tiết",
		"Download the full report here", "Read the publication", "View PDF", "See the document", "See the brief >>",
		"ſee more", "ſee also: x", "alſo read: y", "Read alſo: z") // (?i) reads ſ as s
	precheckCase(t, "linkLabel", lines, linkLabel().MatchString, isLinkLabel)
}

func TestSourceLinePrecheckIsImpliedByTheRegexp(t *testing.T) {
	lines := append(corpusLines(t), "Source: VNA", "(Source: Vietnam News)", "Nguồn: VOV", "Theo : TTXVN.", "SOURCE:UNDP", "(Nguồn: TTXVN)", "(Theo: VOV)", "(SOURCE : UNICEF).")
	precheckCase(t, "sourceLine", lines, sourceLine().MatchString, mayBeSourceLine)
}

// Fold is foldRune character by character (ASCII lower-cased); its table only spares the work.
func TestFoldIsFoldRuneByCharacter(t *testing.T) {
	spec := func(s string) string {
		var b strings.Builder
		for _, r := range s {
			if r < 0x80 {
				b.WriteRune(unicode.ToLower(r))
			} else {
				b.WriteString(foldRune(r))
			}
		}
		return b.String()
	}
	lines := append(corpusLines(t), "Đặng Quốc Phong", "“Quoted” – dashes — and … ₫ €", "\xff bad \xe2\x80", "日本語")
	lines = append(lines, everyByteAt("Hà Nội ABCxyz@[`{ QUỐC 123")...)
	for r := rune(0x80); r < 0x2200; r++ {
		lines = append(lines, "A"+string(r)+"b")
	}
	for _, l := range lines {
		if got, want := Fold(l), spec(l); got != want {
			t.Fatalf("Fold(%q) = %q, want %q", l, got, want)
		}
	}
}

// isDomain compares the name's end in either case, as the upper-cased copy it no longer makes.
func TestIsDomainIsTheUpperCasedTest(t *testing.T) {
	spec := func(name string) bool {
		u := strings.ToUpper(name)
		for _, tld := range []string{".VN", ".COM", ".NET", ".ORG"} {
			if strings.HasSuffix(u, tld) && len(u) > len(tld)+1 && !strings.Contains(u, " ") {
				return true
			}
		}
		return false
	}
	var names []string
	for _, l := range corpusLines(t) {
		names = append(names, strings.Fields(l)...)
	}
	names = append(names, "VOV.VN", "vov.vn", "a.vn", "é.vn", "ſ.vn", "ı.com", "\xff.org", "\xff\xfe.net", ".vn", "x.Vn", "a b.vn", "ab.vn ", "ab.vnx", "ab.ᴠn")
	names = append(names, everyByteAt("ab.com")...)
	for _, n := range names {
		if got, want := isDomain(n), spec(n); got != want {
			t.Fatalf("isDomain(%q) = %v, want %v", n, got, want)
		}
	}
}

func TestSameTitleKeyIsTitleKeyEquality(t *testing.T) {
	lines := append(corpusLines(t), "", "!!", "Viet Nam", "VIET-NAM", "Việt Nam", "viet nam 2", strings.Repeat("Việt Nam ", 40))
	for i, a := range lines {
		for _, b := range []string{a, strings.ToUpper(a), lines[(i+1)%len(lines)], "Viet Nam", strings.Repeat("Viet Nam ", 40)} {
			if got, want := sameTitleKey(a, b), TitleKey(a) == TitleKey(b); got != want {
				t.Fatalf("sameTitleKey(%q, %q) = %v, want %v", a, b, got, want)
			}
		}
	}
}

func TestYearDigitsPrecheckIsImpliedByParseDate(t *testing.T) {
	lines := append(corpusLines(t), "13/11/2023", "2023-11-13", "Nov 2023", "11/2017", "27-11-2023", "1/1/1990",
		"Monday, 1 January 2024", "Published: 13 Nov 2023 | 10:00 am", "2023-11-13T10:00:00Z", "March 7th, 2023", "06/30/2015")
	precheckCase(t, "ParseDate", lines, func(s string) bool {
		s = strings.TrimSpace(s)
		_, ok := readDate(s)
		return ok && len(s) >= 6 && len(s) <= 80
	}, hasYearDigits)
}

// readDate folds a line's fields one at a time: that reads the fields of the folded line only
// while folding keeps every separator nextDateField cuts at and makes none.
func TestFoldKeepsDateSeparators(t *testing.T) {
	seps := " ,|-–"
	for r := rune(0); r <= unicode.MaxRune; r++ {
		f := Fold(string(r))
		if strings.ContainsRune(seps, r) != strings.ContainsAny(f, seps) || strings.ContainsRune(seps, r) && f != string(r) {
			t.Fatalf("Fold(%q) = %q", r, f)
		}
	}
	for _, l := range append(corpusLines(t), "Thứ Hai, 13–11–2023 | 10:00 SÁNG", "a \u0301 b", "x\u0301-y") {
		var got, want []string
		for rest := l; rest != ""; {
			var f string
			if f, rest = nextDateField(rest); Fold(f) != "" {
				got = append(got, Fold(f))
			}
		}
		for rest := Fold(l); rest != ""; {
			var f string
			if f, rest = nextDateField(rest); f != "" {
				want = append(want, f)
			}
		}
		if !slices.Equal(got, want) {
			t.Fatalf("fields of %q folded: %q, want %q", l, got, want)
		}
	}
}

// Dates of odd shapes read as they did when the whole line was folded and split with
// strings.Split.
func TestParseDateOddShapes(t *testing.T) {
	for s, want := range map[string]string{
		"2020.1.2.3/4/5": "2020-01-02", "1.2/3/2020": "", "2020/1/2.3.4": "", "Ngày 13.2.2020": "2020-02-13",
		"13.02.2020 | Hà Nội": "", "NGÀY 1/2/2020": "2020-02-01", "1/2/2020/3": "", "Tháng 3 2020": "",
		"3.2020/5/6": "", "12/2020": "2020-12", "ĐẶNG 2020": "", "THỨ HAI, 13 THÁNG 11": "",
	} {
		d, ok := ParseDate(s)
		if d.String() != want || ok != (want != "") {
			t.Errorf("ParseDate(%q) = %v, %v; want %q", s, d, ok, want)
		}
	}
}

func TestEndsCardIsEndsItem(t *testing.T) {
	ended := 0
	for _, l := range append(corpusLines(t), "Related news:", "AUTHOR", "SDG GOALS", "Tác giả", strings.Repeat("é", 40)) {
		want := endsItem(l)
		if got := endsCard(l); got != want {
			t.Fatalf("endsCard(%q) = %v, want %v", l, got, want)
		}
		if want {
			ended++
		}
	}
	if ended == 0 {
		t.Fatal("no line ends an item; the test checks nothing")
	}
}

func TestHasWholeWordsIsThePaddedSearch(t *testing.T) {
	lines := append(corpusLines(t), "news", "news ", " news", "newsroom", "the news", "press releases", "press release s", "pressrelease", "")
	words := []string{"x"}
	for _, kw := range kindWords {
		words = append(words, kw.word)
	}
	found := 0
	for _, l := range lines {
		l = Fold(l)
		for _, w := range words {
			want := strings.Contains(" "+l+" ", " "+w+" ")
			if got := hasWholeWords(l, w); got != want {
				t.Fatalf("hasWholeWords(%q, %q) = %v, want %v", l, w, got, want)
			}
			if want {
				found++
			}
		}
	}
	if found == 0 {
		t.Fatal("no line holds a kind word; the test checks nothing")
	}
}
