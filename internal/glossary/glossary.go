// Package glossary reads data/glossary.toml, the official English and Japanese forms of the
// terms the briefing uses, and sorts them in each language's order.
package glossary

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"peacebuilding/internal/projectfs"
	"peacebuilding/internal/tomlx"
)

// Term is one glossary entry.
type Term struct {
	EN      string `toml:"en"`
	JA      string `toml:"ja"`
	Reading string `toml:"reading"`
	Abbr    string `toml:"abbr"`
	// EnAbbr is an abbreviation that English pages write and Japanese pages do not (SDF
	// for 自衛隊): the check takes it in English for the term, and asks the Japanese for
	// the official form, not for it.
	EnAbbr   string   `toml:"en_abbr"`
	Kind     string   `toml:"kind"`
	Variants []string `toml:"variants"`
	// Also lists other Japanese forms that translate the term well in some contexts (国の
	// 再建 for the reconstruction of a country): the check takes any of them for the term.
	Also []string `toml:"also"`
	Note string   `toml:"note"`
	// Unconfirmed marks a Japanese form the editors could not confirm against official
	// usage (the note says why); the glossary page says so next to it.
	Unconfirmed bool `toml:"unconfirmed"`
	Line        int  `toml:"-"` // the line of the entry in its file
}

// Kinds are the allowed values of Term.Kind.
var Kinds = []string{"concept", "programme", "law", "organisation", "conference", "country", "person", "place", "document"}

// Glossary is the list of terms in file order.
type Glossary struct {
	File  string
	Terms []Term
}

// Load reads name from fsys. A missing file gives an empty glossary.
func Load(fsys fs.FS, name string) (*Glossary, error) {
	data, err := fs.ReadFile(fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		return &Glossary{File: name}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, projectfs.Reason(err))
	}
	var file struct {
		Terms []Term `toml:"terms"`
	}
	src := string(data)
	_, terrs := tomlx.Decode(src, 1, &file, []string{"terms", "en", "ja", "reading", "abbr", "en_abbr", "kind", "variants", "also", "note", "unconfirmed"})
	var errs []error
	for _, e := range terrs {
		errs = append(errs, fmt.Errorf("%s:%s", name, e))
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	seen := map[string]int{}
	for i := range file.Terms {
		t := &file.Terms[i]
		t.Line = tomlx.ItemLine(src, "terms", i, "en")
		switch {
		case strings.TrimSpace(t.EN) == "" || strings.TrimSpace(t.JA) == "":
			errs = append(errs, fmt.Errorf("%s:%d: glossary term needs both en and ja", name, t.Line))
		case t.Reading == "":
			errs = append(errs, fmt.Errorf("%s:%d: glossary term %q needs a reading (hiragana) for sorting", name, t.Line, t.EN))
		case !isHiragana(t.Reading):
			errs = append(errs, fmt.Errorf("%s:%d: reading %q of %q must be written in hiragana (katakana sorts apart in 五十音順)", name, t.Line, t.Reading, t.EN))
		case !slices.Contains(Kinds, t.Kind):
			errs = append(errs, fmt.Errorf("%s:%d: kind %q of %q must be one of %s", name, t.Line, t.Kind, t.EN, strings.Join(Kinds, ", ")))
		case t.Abbr != "" && t.EnAbbr != "":
			errs = append(errs, fmt.Errorf("%s:%d: %q has both abbr and en_abbr: an abbreviation is written in both languages (abbr) or in English only (en_abbr)", name, t.Line, t.EN))
		}
		for _, v := range t.Variants {
			switch {
			case v == t.JA || v == t.Abbr || v == t.EnAbbr:
				errs = append(errs, fmt.Errorf("%s:%d: variant %q of %q is its official form: a variant is a form not to write", name, t.Line, v, t.EN))
			case tooShort(v):
				errs = append(errs, fmt.Errorf("%s:%d: variant %q of %q is too short: it would be found inside unrelated words", name, t.Line, v, t.EN))
			}
		}
		for _, a := range t.Also {
			switch {
			case a == t.JA || slices.Contains(t.Variants, a):
				errs = append(errs, fmt.Errorf("%s:%d: also %q of %q is its official form or a variant", name, t.Line, a, t.EN))
			case tooShort(a):
				errs = append(errs, fmt.Errorf("%s:%d: also %q of %q is too short: it would be found inside unrelated words", name, t.Line, a, t.EN))
			}
		}
		// The anchor is made from the English form: one anchor, one term.
		if prev, dup := seen[t.ID()]; dup {
			errs = append(errs, fmt.Errorf("%s:%d: term %q is listed twice, or spelt as another is but for case and punctuation (also line %d)", name, t.Line, t.EN, prev))
		}
		seen[t.ID()] = t.Line
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return &Glossary{File: name, Terms: file.Terms}, nil
}

// EnglishAbbr is the abbreviation English pages write for the term: the one both
// languages write, or the English one, or "".
func (t Term) EnglishAbbr() string { return cmp.Or(t.Abbr, t.EnAbbr) }

// ID is the term's anchor on the glossary page, where search results lead: its English
// form in lower case, each run of other characters than ASCII letters and digits a
// hyphen ("term-mine-clearance", "term-japan-s-efforts-on-peacebuilding").
func (t Term) ID() string {
	var b strings.Builder
	b.WriteString("term")
	for _, word := range strings.FieldsFunc(strings.ToLower(t.EN), func(r rune) bool {
		return !('a' <= r && r <= 'z' || '0' <= r && r <= '9')
	}) {
		b.WriteString("-" + word)
	}
	return b.String()
}

// isHiragana reports whether a reading is hiragana, with the long vowel mark, the
// middle dot and spaces.
func isHiragana(s string) bool {
	for _, r := range s {
		if !unicode.In(r, unicode.Hiragana) && r != 'ー' && r != '・' && r != ' ' && r != '　' {
			return false
		}
	}
	return s != ""
}

// tooShort says whether a variant would match inside unrelated text: a single Japanese
// character (平 is in every 平和), or one or two Latin letters. The shortest variants of
// the real glossary, 国造り and サマワ (3 characters), match nothing in the real content.
func tooShort(v string) bool {
	n := utf8.RuneCountInString(strings.TrimSpace(v))
	latin := strings.IndexFunc(v, func(r rune) bool { return r >= utf8.RuneSelf }) < 0
	return latin && n <= 2 || !latin && n <= 1
}

// Sorted returns the terms in the order of lang: alphabetical by English term for "en"
// (ignoring case and a leading "the"), 五十音順 by reading for "ja".
func (g *Glossary) Sorted(lang string) []Term {
	terms := slices.Clone(g.Terms)
	if lang == "ja" {
		slices.SortStableFunc(terms, func(a, b Term) int {
			return cmp.Or(cmp.Compare(gojuonKey(a.Reading), gojuonKey(b.Reading)), cmp.Compare(a.Reading, b.Reading), cmp.Compare(a.JA, b.JA))
		})
		return terms
	}
	slices.SortStableFunc(terms, func(a, b Term) int {
		return cmp.Or(cmp.Compare(englishKey(a.EN), englishKey(b.EN)), cmp.Compare(a.EN, b.EN))
	})
	return terms
}

func englishKey(s string) string {
	s = strings.ToLower(s)
	return strings.TrimPrefix(s, "the ")
}

// gojuonKey maps a reading to a key whose byte order is 五十音順: katakana become
// hiragana, voiced and semi-voiced kana sort with their plain kana, small kana with
// their full-size ones, and the long-vowel mark is dropped, as Japanese dictionaries do.
// Ties are broken by the full reading.
func gojuonKey(reading string) string {
	var b strings.Builder
	for _, r := range reading {
		if r >= 'ァ' && r <= 'ヶ' {
			r -= 'ァ' - 'ぁ'
		}
		if base, ok := plainKana[r]; ok {
			r = base
		}
		if r == 'ー' || r == '・' || r == ' ' || r == '　' {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

var plainKana = func() map[rune]rune {
	m := map[rune]rune{}
	pairs := []string{
		"がか", "ぎき", "ぐく", "げけ", "ごこ", "ざさ", "じし", "ずす", "ぜせ", "ぞそ",
		"だた", "ぢち", "づつ", "でて", "どと", "ばは", "びひ", "ぶふ", "べへ", "ぼほ",
		"ぱは", "ぴひ", "ぷふ", "ぺへ", "ぽほ", "ぁあ", "ぃい", "ぅう", "ぇえ", "ぉお",
		"っつ", "ゃや", "ゅゆ", "ょよ", "ゎわ", "ゔう",
	}
	for _, p := range pairs {
		rs := []rune(p)
		m[rs[0]] = rs[1]
	}
	return m
}()

// gojuonRows are the rows of the kana table, by which a Japanese index jumps (あかさたな…).
var gojuonRows = []string{"あいうえお", "かきくけこ", "さしすせそ", "たちつてと", "なにぬねの", "はひふへほ", "まみむめも", "やゆよ", "らりるれろ", "わをん"}

// Initials are the headings of an index of the terms in lang's order: the letters A to Z
// for "en", the rows あ to わ of the kana table for "ja".
func Initials(lang string) []string {
	var out []string
	if lang == "ja" {
		for _, row := range gojuonRows {
			r, _ := utf8.DecodeRuneInString(row)
			out = append(out, string(r))
		}
		return out
	}
	for c := 'A'; c <= 'Z'; c++ {
		out = append(out, string(c))
	}
	return out
}

// Initial is the heading of Initials under which t is sorted in lang: the first letter of
// its English form (after a leading "the"), or the row of the first kana of its reading;
// "" when it has neither (a term that starts with a digit).
func (t Term) Initial(lang string) string {
	if lang == "ja" {
		first, _ := utf8.DecodeRuneInString(gojuonKey(t.Reading))
		for _, row := range gojuonRows {
			if strings.ContainsRune(row, first) {
				r, _ := utf8.DecodeRuneInString(row)
				return string(r)
			}
		}
		return ""
	}
	first, _ := utf8.DecodeRuneInString(englishKey(t.EN))
	if first >= 'a' && first <= 'z' {
		return string(first - 'a' + 'A')
	}
	return ""
}
