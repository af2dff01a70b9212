package data

import "time"

// The parser's word lists, in one place. Each is a list of a kind of thing (function words,
// chrome labels, kind labels, organisations), never strings taken from one capture.

// siteNotices open the notices a browser or a site prints over a page.
var siteNotices = []string{"javascript is", "please enable javascript", "enable javascript",
	"you need to enable javascript", "this site uses cookies", "we use cookies", "this website uses cookies",
	"your browser does not support", "you are using an outdated browser"}

var refHeader = map[string]bool{
	"references": true, "reference": true, "notes": true, "footnotes": true, "endnotes": true,
	"sources": true, "source notes": true, "citations": true, "bibliography": true,
}

var monthNames = map[string]time.Month{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
	"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
	"oct": 10, "nov": 11, "dec": 12,
}

var weekdays = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true, "mon": true, "tue": true, "tues": true, "wed": true,
	"thu": true, "thur": true, "thurs": true, "fri": true, "sat": true, "sun": true,
}

// dateNoise are words that may stand around a date on a real page without being part of it.
var dateNoise = map[string]bool{
	"published": true, "updated": true, "posted": true, "on": true, "at": true, "date": true,
	"last": true, "am": true, "pm": true, "gmt": true, "ict": true, "utc": true, "of": true,
	"the": true, "st": true, "nd": true, "rd": true, "th": true, "(gmt+7)": true, "gmt+7": true,
	// Vietnamese pages' own words around a date (folded): "Thứ Hai, 13/11/2023", "Chủ nhật",
	// "ngày 13/11/2023 lúc 10:30", "Cập nhật".
	"thu": true, "hai": true, "ba": true, "tu": true, "nam": true, "sau": true, "bay": true,
	"chu": true, "nhat": true, "ngay": true, "luc": true, "cap": true,
	// Labels and icons pages print before a date: "Date & Time:", "Date added:",
	// "calendar_today" (an icon font's ligature).
	"&": true, "time": true, "added": true, "calendar_today": true, "/": true, "|": true,
	// Time zones: a date's time is ignored, and so is its zone.
	"pt": true, "pst": true, "pdt": true, "et": true, "est": true, "edt": true, "cet": true,
	"cest": true, "bst": true, "jst": true, "gmt+07": true, "gmt+7)": true, "(ict)": true,
}

// stopWords are English function words. Prose is full of them; menus, straps and names have
// none, which is what tells a site's "Home Politics & Law" from a headline.
var stopWords = map[string]bool{
	"a": true, "an": true, "the": true, "of": true, "to": true, "in": true, "on": true, "for": true,
	"and": true, "or": true, "but": true, "with": true, "by": true, "at": true, "from": true,
	"as": true, "is": true, "are": true, "was": true, "were": true, "be": true, "been": true,
	"has": true, "have": true, "had": true, "it": true, "its": true, "this": true, "that": true,
	"these": true, "those": true, "their": true, "they": true, "he": true, "she": true, "we": true,
	"his": true, "her": true, "our": true, "will": true, "would": true, "can": true, "not": true,
	"into": true, "about": true, "after": true, "over": true, "who": true, "which": true,
	"more": true, "than": true, "such": true, "also": true, "all": true, "most": true, "up": true,
}

// mediaLabels head site cards that hold a video or a gallery: nothing to read.
var mediaLabels = map[string]bool{
	"video": true, "videos": true, "photo": true, "photos": true, "gallery": true,
	"photo gallery": true, "photo story": true, "podcast": true, "infographic": true, "audio": true,
}

// vnFamilyNames are the common Vietnamese family names (folded). A line of two to four
// capitalised words starting with one is a person's name: a byline under a story.
var vnFamilyNames = map[string]bool{
	"nguyen": true, "tran": true, "le": true, "pham": true, "hoang": true, "huynh": true,
	"phan": true, "vu": true, "vo": true, "dang": true, "bui": true, "do": true, "ngo": true,
	"duong": true, "ly": true, "dinh": true, "doan": true, "trinh": true, "truong": true,
	"luong": true, "mai": true, "cao": true, "lam": true, "ta": true, "quach": true, "ha": true,
}

// kindWords name kinds in section labels and menus ("Making a Difference Stories", "Press
// releases", "UN Publications by Agency"), folded, longest first.
var kindWords = []struct {
	word string
	kind Kind
}{
	{"press releases", KindPressRelease}, {"press release", KindPressRelease},
	{"media releases", KindPressRelease}, {"news releases", KindPressRelease},
	{"publications", KindPublication}, {"publication", KindPublication}, {"reports", KindPublication},
	{"speeches", KindSpeech}, {"statements", KindSpeech},
	{"stories", KindStory}, {"feature articles", KindStory}, {"blog", KindStory},
	{"news", KindNews},
}

// organisations are publishers a reader names: UN entities and agencies, and the English-language
// outlets of Viet Nam. The key is how a page writes them (folded); the value how a reader says it.
var organisations = map[string]string{
	"un viet nam": "UN Viet Nam", "un vietnam": "UN Viet Nam", "united nations viet nam": "UN Viet Nam",
	"united nations in viet nam": "UN Viet Nam", "un in viet nam": "UN Viet Nam",
	"unicef": "UNICEF", "undp": "UNDP", "unfpa": "UNFPA", "un women": "UN Women", "who": "WHO",
	"ilo": "ILO", "fao": "FAO", "iom": "IOM", "unodc": "UNODC", "unaids": "UNAIDS", "unesco": "UNESCO",
	"unhcr": "UNHCR", "un-habitat": "UN-Habitat", "unido": "UNIDO", "ifad": "IFAD", "wfp": "WFP",
	"unep": "UNEP", "itu": "ITU", "ohchr": "OHCHR", "unv": "UNV", "wpro": "WHO",
	"world health organization": "WHO", "united nations children's fund": "UNICEF",
	"united nations development programme": "UNDP", "united nations population fund": "UNFPA",
	"international labour organization": "ILO", "food and agriculture organization": "FAO",
	"international organization for migration": "IOM", "united nations office on drugs and crime": "UNODC",
	"vnexpress": "VnExpress International", "vnexpress international": "VnExpress International",
	"tuoi tre news": "Tuoi Tre News", "viet nam news": "Viet Nam News", "vietnam news": "Viet Nam News",
	"vietnamplus": "VietnamPlus", "vov": "VOV", "vov.vn": "VOV", "vovworld": "VOV World", "vov world": "VOV World",
	"nhan dan": "Nhan Dan", "ndo": "Nhan Dan Online", "hanoi times": "The Hanoi Times",
	"sggp": "SGGP", "vietnamnet": "VietNamNet", "vietnam times": "Vietnam Times", "qdnd": "People's Army Newspaper",
	"vgp": "Viet Nam Government Portal", "the world & vietnam report": "The World & Vietnam Report",
	"tn&mt": "Natural Resources & Environment (TN&MT)", "vna": "Vietnam News Agency", "vns": "Viet Nam News",
	"vir": "Vietnam Investment Review", "vtv": "VTV",
}

// outletWords mark an all-caps prefix as a publication rather than a place.
var outletWords = []string{"TIMES", "NEWS", "POST", "PRESS", "HERALD", "DAILY", "ONLINE", "TODAY",
	"VNEXPRESS", "VIETNAMNET", "TUOI TRE", "THANH NIEN", "NHAN DAN", "VOV", "VNA", "VNS", "REUTERS",
	"AFP", "AP", "XINHUA", "BERNAMA", "MAGAZINE", "JOURNAL", "TRIBUNE", "GAZETTE", "TELEGRAPH", "VIETNAMPLUS",
	"NDO", "SGGP", "VTV", "VIR", "TTO", "VNE", "VGP", "QDND", "HNT", "VNEXPRESS INTERNATIONAL"}

// agencyNames spell the agencies that sign stories ("— VNS", "(VNA)") for people.
var agencyNames = map[string]string{
	"VNA": "Vietnam News Agency", "VNS": "Viet Nam News", "AP": "Associated Press", "AFP": "AFP",
	"REUTERS": "Reuters", "XINHUA": "Xinhua", "VOV": "VOV", "BERNAMA": "Bernama",
	"NDO": "Nhan Dan Online", "SGGP": "Saigon Giai Phong", "VTV": "VTV", "VIR": "Vietnam Investment Review",
	"TTO": "Tuoi Tre Online", "VNE": "VnExpress", "VGP": "VGP News", "QDND": "People's Army Newspaper",
	"HNT": "The Hanoi Times",
}

// publishers maps a site's host (or the domain it ends with) to the publisher a reader names.
var publishers = map[string]string{
	"vietnam.un.org": "UN Viet Nam", "un.org.vn": "UN Viet Nam", "unicef.org": "UNICEF",
	"unicefvietnam.blogspot.com": "UNICEF", "undp.org": "UNDP", "unfpa.org": "UNFPA",
	"unwomen.org": "UN Women", "who.int": "WHO", "ilo.org": "ILO", "fao.org": "FAO", "iom.int": "IOM",
	"unodc.org": "UNODC", "unaids.org": "UNAIDS", "unaids.org.vn": "UNAIDS", "unesco.org": "UNESCO",
	"unhcr.org": "UNHCR", "unido.org": "UNIDO", "wfp.org": "WFP", "unep.org": "UNEP",
	"vietnamplus.vn": "VietnamPlus", "vietnamnews.vn": "Viet Nam News", "vov.vn": "VOV",
	"vovworld.vn": "VOV World", "nhandan.vn": "Nhan Dan", "hanoitimes.vn": "The Hanoi Times",
	"vnexpress.net": "VnExpress International", "tuoitrenews.vn": "Tuoi Tre News",
	"baochinhphu.vn": "Viet Nam Government Portal", "baoquocte.vn": "The World & Vietnam Report",
	"vietnamtimes.org.vn": "Vietnam Times", "qdnd.vn": "People's Army Newspaper", "sggp.org.vn": "SGGP",
	"vietnamnet.vn": "VietNamNet", "tainguyenvamoitruong.vn": "Natural Resources & Environment (TN&MT)",
	"vir.com.vn": "Vietnam Investment Review", "thanhniennews.com": "Thanh Nien News",
}

// regionWords name the countries and regions a site's strap says it covers.
var regionWords = map[string]bool{
	"viet": true, "nam": true, "vietnam": true, "asia": true, "pacific": true, "and": true, "the": true,
	"east": true, "south": true, "south-east": true, "southeast": true, "regional": true, "office": true,
	"country": true, "for": true, "global": true,
}

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
	"on": true, "via": true, "back": true, "back to news": true, "back to list": true, "print article": true,
	"older posts": true, "newer posts": true, "load more": true, "show more": true, "view all": true,
	"see all": true, "next page": true, "previous page": true, "next": true, "previous": true,
}

// siteKinds maps the kind labels of the UN site (folded) to article kinds.
var siteKinds = map[string]Kind{
	"story": KindStory, "stories": KindStory, "feature": KindStory, "feature story": KindStory,
	"op-ed": KindStory, "opinion": KindStory, "blog": KindStory, "blog post": KindStory,
	"press release": KindPressRelease, "press-release": KindPressRelease, "press releases": KindPressRelease,
	"joint press release": KindPressRelease, "news release": KindPressRelease,
	"media release": KindPressRelease, "media advisory": KindPressRelease,
	"speech": KindSpeech, "speeches": KindSpeech, "statement": KindSpeech, "joint statement": KindSpeech,
	"remarks": KindSpeech, "message": KindSpeech, "keynote": KindSpeech,
	"publication": KindPublication, "publications": KindPublication, "report": KindPublication,
	"news": KindNews, "article": KindNews, "news story": KindNews,
}

// chromeKindLabels are labels that look like kinds but head site chrome (resource carousels).
var chromeKindLabels = map[string]bool{"resources": true, "resource": true, "events": true, "event": true}

var abbreviations = map[string]bool{
	"mr": true, "ms": true, "mrs": true, "dr": true, "st": true, "no": true, "prof": true,
	"mt": true, "jr": true, "sr": true, "vs": true, "etc": true, "e.g": true, "i.e": true,
	"gen": true, "lt": true, "col": true, "sen": true, "rep": true, "gov": true, "dept": true,
	"approx": true, "fig": true, "vol": true, "inc": true, "ltd": true, "co": true, "corp": true,
}

// camelWords are real words with an inner capital that must never be split at it.
var camelWords = map[string]bool{
	"youtube": true, "tiktok": true, "tiktoker": true, "tiktokers": true, "linkedin": true,
	"whatsapp": true, "powerpoint": true, "wechat": true, "github": true, "paypal": true,
	"facetime": true, "javascript": true, "mcdonald": true, "vinfast": true, "vingroup": true,
	"vietjet": true, "vietinbank": true, "vnexpress": true, "vietnamplus": true, "vneconomy": true,
	"hochiminh": true, "openai": true, "chatgpt": true, "iphone": true, "ipad": true, "ebay": true,
	"covax": true, "unwomen": true, "digitall": true, "photovoice": true, "hanoitimes": true,
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
		"online threat", "sextortion", "grooming", "online protection", "child online protection",
		"protect children online", "harmful content", "online risks"},
	"gender-equality": {"cedaw", "discrimination against women", "gender equality", "gender equity", "women's empowerment", "empowerment of women",
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
		"ict", "online", "internet", "stem", "social media", "artificial intelligence",
		"digital economy", "digital era", "digital literacy", "digital skills", "tech"},
	"peace-security": {"peace and security", "women, peace and security", "wps", "nap wps",
		"peacekeeping", "peacekeeper", "conflict", "security council", "holocaust", "genocide",
		"post-conflict", "war", "public security", "national defense", "armed"},
	"sdg": {"sdg", "sdgs", "sustainable development goal", "2030 agenda", "agenda 2030",
		"voluntary national review", "vnr", "leave no one behind", "summit of the future",
		"sustainable development cooperation framework", "unsdcf", "annual results report"},
}

// sectionLabels are the UN site's section headings and carousel labels between its cards.
var sectionLabels = map[string]bool{
	"latest": true, "latest resources": true, "latest news": true, "latest stories": true,
	"resources": true, "events": true, "featured": true, "highlights": true, "more stories": true,
	"more news": true,
}

// afterArticle are the sections that follow an article on its own page (folded).
var afterArticle = map[string]bool{
	"written by": true, "un entities involved in this initiative": true,
	"goals we are supporting through this initiative": true, "other stories": true, "other news": true,
	"related stories": true, "related news": true, "more stories": true, "more news": true,
	"related content": true, "read more stories": true, "you may also be interested in": true,
}

// tagLabels head the keyword lists under a story (folded): "Tags: …", "Từ khóa: …".
var tagLabels = map[string]bool{"tags": true, "tag": true, "keywords": true, "tu khoa": true, "topics": true}

// unEntities are the publishers (as organisations names them) that are the UN itself: their own
// pages are stories, releases, speeches or publications, never an outlet's news.
var unEntities = map[string]bool{
	"UN Viet Nam": true, "UNICEF": true, "UNDP": true, "UNFPA": true, "UN Women": true, "WHO": true,
	"ILO": true, "FAO": true, "IOM": true, "UNODC": true, "UNAIDS": true, "UNESCO": true, "UNHCR": true,
	"UN-Habitat": true, "UNIDO": true, "IFAD": true, "WFP": true, "UNEP": true, "ITU": true,
	"OHCHR": true, "UNV": true,
}
