package data

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
