package data

// The parser's word lists, in one place. Each is a list of a kind of thing (function words,
// chrome labels, kind labels, organisations), never strings taken from one capture.

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
