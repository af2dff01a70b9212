package data

import (
	"bytes"
	"strings"
	"unicode"
)

// Stage 5: clean. An item's body lines lose what is not the story: end marks ("./."), link
// labels ("Learn more"), share and menu chrome, the headline printed again, picture labels,
// keyword lists, agency sign-offs (which name the source), and captions in Vietnamese followed
// by their English translation.

var endMarker = lazyRegexp(`^(?:\./\.|-+ ?(?:end|hết|het) ?-+|\(?(?:end|hết)\)?|[#*=_~+-]{3,}|\.\s*/\s*\.)$`)

// linkLabel matches the texts of bare links: teaser buttons, "download" prompts and inline
// "Read more: …" links to other stories.
var linkLabel = lazyRegexp(`(?i)^(?:(?:read more|read also|also read|see also|related|xem thêm|>>)\s*:.*|learn more|read more|see more|view more|more|read the full (?:story|article|report|statement)|click here|xem thêm|chi tiết|(?:download|read|view|see) (?:the )?(?:full )?(?:report|publication|document|brief|story|article|pdf)(?: here)?)\s*(?:»|›|→|>>|\.{1,3})?$`)

func isLinkLabel(l string) bool {
	if len(l) >= 160 || len(l) < 3 {
		return false
	}
	if strings.HasPrefix(l, ">>") {
		return linkLabel().MatchString(l)
	}
	// Every other label starts with one of these four characters, the letters in either case;
	// most lines are ruled out without the regexp ("Viet Nam …" too). Under (?i) an s is also
	// ſ (U+017F): a line with one where "see" or "also" has its s is asked of the regexp. (No
	// label has a k, the other letter (?i) folds from a character that is not ASCII, in its
	// first four.)
	if len(l) < 4 {
		return false
	}
	switch string([]byte{lowerASCII(l[0]), lowerASCII(l[1]), lowerASCII(l[2]), lowerASCII(l[3])}) {
	case "lear", "read", "see ", "view", "more", "clic", "xem ", "chi ", "down", "rela", "also":
		return linkLabel().MatchString(l)
	}
	return (strings.HasPrefix(l, "ſ") || strings.HasPrefix(l[2:], "ſ")) && linkLabel().MatchString(l)
}

// imageLabel matches the label of a picture with no caption: "Illustrative photo", "File
// image", "Ảnh minh họa".
var imageLabel = lazyRegexp(`(?i)^\(?(?:(?:illustrative|illustration|file|archive|stock|feature|cover)\s+)?(?:photo|image|picture|illustration)s?\)?\.?$|^\(?ảnh minh họa\)?\.?$`)

func isEndMarker(l string) bool {
	if len(l) > 40 || l == "" || !strings.ContainsRune(".-(#*=_~+eEhH", rune(l[0])) {
		return false // every marker starts with one of these
	}
	return endMarker().MatchString(strings.ToLower(l))
}

// mayBeSourceLine is the cheap test before sourceLine, implied by it: the line opens with a
// credit word, maybe after a bracket, and has a colon after that.
func mayBeSourceLine(l string) bool {
	w := strings.TrimPrefix(l, "(")
	return hasPrefixIn(w, sourceWords) && strings.IndexByte(w, ':') > 0
}

// sourceWords are the credit words sourceLine starts with.
var sourceWords = []string{"Source", "SOURCE", "Nguồn", "Theo"}

// mayBeImageLabel is the cheap test before imageLabel, implied by it: the short line names a
// photo, an image, a picture or an illustration (ASCII letters other than k and s fold only to
// their other case, so the parts it looks for have neither: "illuſtration" is an illustration
// to (?i)), or is the Vietnamese "ảnh minh họa".
func mayBeImageLabel(l string) bool {
	var buf [32]byte
	lower := buf[:copy(buf[:], l)]
	lowerASCIIBytes(lower)
	for _, w := range []string{"hoto", "mage", "icture", "llu", "ả", "Ả"} {
		if bytes.Contains(lower, []byte(w)) {
			return true
		}
	}
	return false
}

// hasTitleKey reports whether TitleKey(l) is key, for an ASCII l without making the key: it
// stops at the first letter or digit that differs.
func hasTitleKey(l, key string) bool {
	if !isASCII(l) {
		return TitleKey(l) == key
	}
	j := 0
	for i := 0; i < len(l); i++ {
		c := l[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' {
			if j == len(key) || key[j] != c {
				return false
			}
			j++
		}
	}
	return j == len(key)
}

// cleanLines drops blank lines, end markers, link labels, share and menu chrome, repeats of the
// headline, and Vietnamese captions that are followed by their English translation.
func cleanLines(lines []string, title string, outlet bool) (out []string, signedBy string) {
	tk := TitleKey(title)
	skipTags := false
	sign := func(sig string) {
		if n, ok := agencyNames[strings.ToUpper(sig)]; ok && signedBy == "" {
			signedBy = n
		}
	}
	for i, l := range lines {
		l = strings.TrimSpace(l)
		if skipTags && (l == "" || hasWords(l, 5) || endsSentence(l)) {
			skipTags = false
		}
		if strings.HasSuffix(l, "./.") && len(l) > 3 {
			l = strings.TrimSpace(strings.TrimSuffix(l, "/."))
		}
		switch {
		case outlet && isTagHeader(l):
			skipTags = true // "Tags" on a line of its own: the keywords follow, one a line
			continue
		case l == "", isEndMarker(l), isLinkLabel(l), isChromeLine(l):
			continue
		case len(l) <= len(title)+16 && 2*len(l) >= len(title) && hasTitleKey(l, tk):
			continue // the headline again, over a photo or a share bar
		case len(l) <= 30 && mayBeImageLabel(l) && imageLabel().MatchString(l):
			continue
		case outlet && isSignature(l):
			// "VNA" or "(VNS/VNA)" under the story: who wrote it.
			sig, _, _ := strings.Cut(strings.Trim(l, "()[] ./"), "/")
			sign(sig)
			continue
		case outlet && mayBeSourceLine(l) && sourceLine().MatchString(l):
			// "Source: VNA" under the story: who it is from.
			m := sourceLine().FindStringSubmatch(l)
			if n := outletName(m[1]); n != "" && signedBy == "" {
				signedBy = n
			} else {
				sign(m[1])
			}
			continue
		case outlet && isTagLine(l):
			continue // "Tags: HIV PrEP youth"
		case skipTags && !hasWords(l, 5) && !endsSentence(l):
			continue
		case len(l) < 400 && isVietnamese(l) && nextIsCaption(lines, i):
			continue // the English caption that follows says the same
		case outlet && !hasWords(l, 5) && isVietnamese(l):
			continue // a widget label left in the page's own language
		}
		if outlet {
			var sig string
			if l, sig = trimSignature(l); sig != "" {
				sign(sig)
			}
		}
		out = append(out, l)
	}
	return out, signedBy
}

// sourceLine matches an outlet's credit line under a story: "Source: VNA", "(Source: Vietnam
// News)", "Nguồn: VOV".
var sourceLine = lazyRegexp(`^\(?(?:Source|SOURCE|Nguồn|Theo)\s*:\s*([\p{L}][\p{L}&. ]{1,40}?)\s*\)?\.?$`)

// isSignature matches an agency's sign-off on a line of its own: "VNA", "VNS/VNA", "(VNA)".
func isSignature(l string) bool {
	l = strings.Trim(l, "()[] ./")
	if len(l) < 2 || len(l) > 12 {
		return false
	}
	for _, r := range l {
		if !unicode.IsUpper(r) && r != '/' && r != '+' {
			return false
		}
	}
	return true
}

var signatureTail = lazyRegexp(`\s+(?:—|–|-)\s*\p{Lu}{2,6}(?:/\p{Lu}{2,6})?\.?$`)

// trimSignature drops an agency sign-off at the end of a paragraph ("…,” Tamesis said. — VNS")
// and returns the agency.
func trimSignature(l string) (string, string) {
	if len(l) < 30 || !strings.ContainsAny(l[len(l)-12:], "—–-") {
		return l, ""
	}
	if loc := signatureTail().FindStringIndex(l); loc != nil && endsSentence(l[:loc[0]]) {
		sig := strings.Trim(l[loc[0]:], " —–-.")
		sig, _, _ = strings.Cut(sig, "/")
		return l[:loc[0]], sig
	}
	return l, ""
}

// isTagLine matches keyword lists under a story: "Tags: HIV PrEP", "Từ khóa: …", "Keywords: …".
func isTagLine(l string) bool {
	// Folding keeps a colon where it is and makes none: fold only what is before it.
	i := strings.IndexByte(l[:min(len(l), 16)], ':')
	return i >= 0 && tagLabels[Fold(l[:i])]
}

// isTagHeader matches a keywords heading with the keywords on the lines below.
func isTagHeader(l string) bool {
	return len(l) <= 16 && tagLabels[strings.TrimRight(Fold(l), ": ")]
}

func nextIsCaption(lines []string, i int) bool {
	for _, l := range lines[i+1:] {
		if l = strings.TrimSpace(l); l != "" {
			return isCaption(l) && !isVietnamese(l)
		}
	}
	return false
}

var (
	// "(Photo: TH)", "(Illustration by …)"; it starts at the tail's last "(".
	captionBracket = lazyRegexp(`(?i)\((?:photo|ảnh|image|illustration|file photo|photo credit)[^()]{0,80}\)\s*$`)
	// "… Photo: Plan International", "Photo by Minh Quan."
	captionCredit = lazyRegexp(`(?i)(?:^|[.?!)] ?|\s)(?:photo|ảnh|image|photo credit)s?\s*(?:by|:)\s*[^.:]{1,60}\.?\s*$`)
	// "(Source: UN Women)"; it starts at the tail's last "(".
	captionSource = lazyRegexp(`(?i)\((?:source|nguồn|credit)\s*:[^()]{1,60}\)\s*\.?$`)
	// "… in Ha Noi. VNS Photo Minh Quan", "… VNA Photo", "… Photo courtesy of UNDP"
	captionAgency = lazyRegexp(`[.!?)”] (?:\p{Lu}{2,8} )?(?:Photo|Photos|File photo|Image)(?: courtesy of)?(?: [\p{Lu}][\p{L}.&/-]*){0,4}$`)
)

var imageDescription = lazyRegexp(`^(?:An? )?(?:Photo|Image|Picture|Illustration) (?:of|shows|showing) `)

// isCaption matches photo captions: "… Photo: Plan International", "(Photo: TH)", "(Source: UN
// Women)", "Photo by …". A source note only makes a caption on a short line: in running text it
// is a citation.
func isCaption(l string) bool {
	if len(l) > 400 || l == "" {
		return false
	}
	if c := l[0]; (c == 'A' || c == 'P' || c == 'I') && imageDescription().MatchString(l) {
		return true // an image's description printed as text: "Photo of a conference room…"
	}
	// A caption names its photo or source near the end of the line, and every pattern is
	// anchored at the end, so they only need to see the tail, cut at a word.
	tail := l
	if len(l) > 140 {
		tail = l[len(l)-140:]
		if sp := strings.IndexByte(tail, ' '); sp >= 0 {
			tail = tail[sp:]
		}
	}
	// The regexps are slow (hundreds of instructions for their counted repeats): each runs only
	// where a cheap look says it can match, and the bracketed ones only from the last "(".
	forms := captionForms(tail)
	if forms.bracket {
		b := tail[strings.LastIndexByte(tail, '('):]
		if captionBracket().MatchString(b) || len(l) <= 240 && captionSource().MatchString(b) {
			return true
		}
	}
	return forms.credit && creditCaption(tail) || forms.agency && len(l) <= 300 && captionAgency().MatchString(tail)
}

// captionCreditAt is captionCredit from where its photo word starts.
var captionCreditAt = lazyRegexp(`(?i)^(?:photo|ảnh|image|photo credit)s?\s*(?:by|:)\s*[^.:]{1,60}\.?\s*$`)

// creditCaption reports whether captionCredit matches tail. An ASCII tail is tried only from each
// photo word that follows what the regexp allows before one (the start, a sentence end, a
// bracket or a space), with the regexp anchored there: the unanchored one is tried from every
// byte of the tail.
func creditCaption(tail string) bool {
	if !isASCII(tail) {
		return captionCredit().MatchString(tail) // folding may move bytes: no offsets to reuse
	}
	lower := strings.ToLower(tail)
	for _, w := range []string{"photo", "image"} {
		for q := strings.Index(lower, w); q >= 0; q = indexFrom(lower, w, q+1) {
			if (q == 0 || strings.IndexByte(".?!)"+reSpace, tail[q-1]) >= 0) && captionCreditAt().MatchString(tail[q:]) {
				return true
			}
		}
	}
	return false
}

// captionShapes says which caption regexps can match a tail; each regexp implies its flag (a
// differential test checks that on every line of every capture). Case is folded as the regexps'
// (?i) folds it.
type captionShapes struct {
	bracket bool // ends with a bracket that holds a photo, source or credit word (captionBracket, captionSource)
	credit  bool // a photo word followed by "by" or a colon (captionCredit)
	agency  bool // "Photo", "File photo" or "Image" after a space (captionAgency)
}

func captionForms(tail string) (f captionShapes) {
	var buf [160]byte // a tail is at most 140 bytes: folding it needs no allocation
	lower := buf[:copy(buf[:], tail)]
	lowerASCIIBytes(lower)
	if !mayNameCaptionWord(lower) {
		return f
	}
	folded := appendFoldCase(buf[:0], tail)
	photo, image := bytes.Contains(folded, []byte("photo")), bytes.Contains(folded, []byte("image"))
	f.agency = (photo || image) && (strings.Contains(tail, " Photo") || strings.Contains(tail, " Image") || strings.Contains(tail, " File photo"))
	end := strings.TrimRight(tail, reSpace)
	if strings.HasSuffix(strings.TrimRight(strings.TrimSuffix(end, "."), reSpace), ")") && strings.Contains(end, "(") {
		f.bracket = photo || image
		for _, w := range []string{"ảnh", "illustration", "source", "nguồn", "credit"} {
			f.bracket = f.bracket || bytes.Contains(folded, []byte(w))
		}
	}
	for _, w := range []string{"photo", "image", "ảnh"} {
		if w == "photo" && !photo || w == "image" && !image {
			continue
		}
		for rest := folded; !f.credit; {
			i := bytes.Index(rest, []byte(w))
			if i < 0 {
				break
			}
			rest = rest[i+len(w):]
			f.credit = creditFollows(rest)
		}
	}
	return f
}

// captionWordParts are parts of the photo and credit words whose letters a caption regexp's
// (?i) reads only in these bytes or their other case (s and k are left out: it also reads them
// in ſ and the Kelvin sign). Each starts with a letter that is rare in running text, which
// bytes.Index skips to.
var captionWordParts = [][]byte{[]byte("photo"), []byte("mage"), []byte("credit")}

// captionWordAfterU are what follows the u of the illustration and source words: "str" and,
// since (?i) reads ſ as s ("illuſtration"), "ſtr"; "rce".
var captionWordAfterU = [][]byte{[]byte("str"), []byte("ſtr"), []byte("rce")}

// mayNameCaptionWord is the first, cheapest look: a tail with only its ASCII letters lower-cased
// must hold one of captionWordParts, a u followed by one of captionWordAfterU, or one of the
// Vietnamese letters of ảnh and nguồn, or no caption regexp can match.
func mayNameCaptionWord(lower []byte) bool {
	for _, w := range captionWordParts {
		if bytes.Contains(lower, w) {
			return true
		}
	}
	for rest := lower; ; {
		i := bytes.IndexByte(rest, 'u')
		if i < 0 {
			break
		}
		rest = rest[i+1:]
		for _, w := range captionWordAfterU {
			if bytes.HasPrefix(rest, w) {
				return true
			}
		}
	}
	// ả Ả ồ Ồ are E1 BA A3, E1 BA A2, E1 BB 93, E1 BB 92 in UTF-8.
	for rest := lower; ; rest = rest[1:] {
		i := bytes.IndexByte(rest, 0xe1)
		if i < 0 || i+2 >= len(rest) {
			return false
		}
		if rest = rest[i:]; rest[1] == 0xba && rest[2]&^1 == 0xa2 || rest[1] == 0xbb && rest[2]&^1 == 0x92 {
			return true
		}
	}
}

// reSpace is what a regexp's \s matches.
const reSpace = " \t\n\f\r"

// creditFollows reports whether what follows a photo word in case-folded text is what
// captionCredit wants there: an optional plural s, an optional " credit", spaces and "by" or a
// colon.
func creditFollows(s []byte) bool {
	s = bytes.TrimPrefix(s, []byte("s"))
	if rest, ok := bytes.CutPrefix(s, []byte(" credit")); ok {
		s = bytes.TrimPrefix(rest, []byte("s"))
	}
	s = bytes.TrimLeft(s, reSpace)
	return bytes.HasPrefix(s, []byte("by")) || bytes.HasPrefix(s, []byte(":"))
}
