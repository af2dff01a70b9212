package data

import (
	"strings"
	"time"
)

// ParseDate reads a line that is only a date, in the English formats real pages use: "07 March
// 2023", "March 7, 2023", "Nov 11, 2025", "Monday, November 13, 2023 14:05", "13/11/2023",
// "2023-11-13", "November 2023", "Published: 13 Nov 2023 | 10:00 am". Day-first is assumed for
// numeric dates with slashes or dots, as in Vietnam. ok is false when the line holds words that
// are not part of a date.
func ParseDate(s string) (d Date, ok bool) {
	s = strings.TrimSpace(s)
	if len(s) < 6 || len(s) > 80 || !hasYearDigits(s) {
		return Date{}, false
	}
	return readDate(s)
}

// readDate is ParseDate for a trimmed line of a date's length.
func readDate(s string) (d Date, ok bool) {
	// ISO first: 2023-11-13, 2023-11-13T10:00:00Z
	if len(s) >= 10 && s[4] == '-' && s[7] == '-' && isDigits(s[:4]) && isDigits(s[5:7]) && isDigits(s[8:10]) {
		rest := s[10:]
		if rest == "" || rest[0] == 'T' || rest[0] == ' ' {
			return makeDate(atoi(s[:4]), atoi(s[5:7]), atoi(s[8:10]))
		}
	}
	if strings.Count(s, "-") >= 2 {
		s = dashedDate().ReplaceAllString(s, "$1/$2/$3") // "27-11-2023" is day-first like "27/11/2023"
	}
	var day, month, year int
	for rest := s; rest != ""; {
		var field string
		field, rest = nextDateField(rest)
		// Each field is folded on its own, on the stack: folding keeps the separators and makes
		// none (a test holds it), so these are the fields of the folded line, and a line that is
		// no date is given up at its first word that is none.
		var buf [32]byte
		f := strings.Trim(string(appendFold(buf[:0], field)), ".()")
		switch {
		case f == "":
		case weekdays[f] || dateNoise[f] || dateNoise[strings.TrimSuffix(f, ":")]:
		case isClock(f):
		case strings.Count(f, "/") == 2 || strings.Count(f, ".") == 2:
			sep := "/"
			if strings.Contains(f, ".") {
				sep = "."
			}
			var p [3]string // strings.Split's first three parts
			p[0], p[2], _ = strings.Cut(f, sep)
			p[1], p[2], _ = strings.Cut(p[2], sep)
			p[2], _, _ = strings.Cut(p[2], sep)
			if !isDigits(p[0]) || !isDigits(p[1]) || !isDigits(p[2]) {
				return Date{}, false
			}
			a, b, c := atoi(p[0]), atoi(p[1]), atoi(p[2])
			switch {
			case len(p[0]) == 4:
				year, month, day = a, b, c
			case b > 12 && a <= 12:
				// Day-first is how Viet Nam writes dates; a second number over 12 can only be
				// a day, as in the month-first "06/30/2015" of some English sites.
				month, day, year = a, b, c
			default:
				day, month, year = a, b, c
			}
			if len(p[2]) != 4 && len(p[0]) != 4 {
				return Date{}, false
			}
		case strings.Count(f, "/") == 1 && month == 0:
			// "11/2017": a month.
			m, y, _ := strings.Cut(f, "/")
			if !isDigits(m) || !isDigits(y) || len(y) != 4 || len(m) > 2 {
				return Date{}, false
			}
			month, year = atoi(m), atoi(y)
		case monthNames[strings.TrimSuffix(f, ".")] != 0 && month == 0:
			month = int(monthNames[strings.TrimSuffix(f, ".")])
		case isDigits(trimOrdinal(f)):
			n := atoi(trimOrdinal(f))
			switch {
			case len(trimOrdinal(f)) == 4 && year == 0:
				year = n
			case n >= 1 && n <= 31 && day == 0 && len(trimOrdinal(f)) <= 2:
				day = n
			default:
				return Date{}, false
			}
		default:
			return Date{}, false
		}
	}
	if year < 1900 || year > 2200 || month == 0 {
		return Date{}, false
	}
	if day == 0 {
		return Date{Time: time.Date(year, time.Month(month), 1, 0, 0, 0, 0, time.UTC), Precision: PrecisionMonth}, true
	}
	return makeDate(year, month, day)
}

// hasYearDigits is the cheap test before ParseDate folds a line: every date it reads has a
// year, four ASCII digits (folding makes no digit of anything else; tests hold both).
func hasYearDigits(s string) bool { return hasDigits(s, 4) }

// nextDateField returns the first field of s, and what follows it: fields are cut at spaces,
// commas, bars and dashes. It is strings.FieldsFunc one field at a time, with no slice to make.
func nextDateField(s string) (field, rest string) {
	isSep := func(r rune) bool { return r == ' ' || r == ',' || r == '|' || r == '-' || r == '–' }
	start := strings.IndexFunc(s, func(r rune) bool { return !isSep(r) })
	if start < 0 {
		return "", ""
	}
	s = s[start:]
	end := strings.IndexFunc(s, isSep)
	if end < 0 {
		return s, ""
	}
	return s[:end], s[end:]
}

var dashedDate = lazyRegexp(`\b(\d{1,2})-(\d{1,2})-(\d{4})\b`)

func makeDate(y, m, d int) (Date, bool) {
	if m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2200 {
		return Date{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d { // 31 February
		return Date{}, false
	}
	return Date{Time: t, Precision: PrecisionDay}, true
}

func trimOrdinal(f string) string {
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		if len(f) > len(suf) && strings.HasSuffix(f, suf) && isDigits(f[:len(f)-len(suf)]) {
			return f[:len(f)-len(suf)]
		}
	}
	return f
}

// isClock matches 14:05, 4:11pm, 10:00:00, 04h11.
func isClock(f string) bool {
	f = strings.TrimSuffix(strings.TrimSuffix(f, "am"), "pm")
	sep := strings.IndexAny(f, ":h")
	if sep < 1 || sep > 2 {
		return false
	}
	return isDigits(f[:sep]) && len(f) > sep+1 && isDigits(strings.ReplaceAll(f[sep+1:], ":", ""))
}
