// Package tomlx adds what github.com/BurntSushi/toml does not expose: the line of a key,
// for error messages, and a decode that reports positions and unknown keys uniformly.
package tomlx

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// An Error is a problem at a line and column (both 1-based; Col 0 when unknown) of a TOML text.
type Error struct {
	Line, Col int
	Msg       string
}

func (e *Error) Error() string {
	if e.Col > 0 {
		return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg)
	}
	return fmt.Sprintf("%d: %s", e.Line, e.Msg)
}

// Decode decodes src, which starts on line start of its file (1 for a whole file, the line
// after the opening +++ for front matter), into v. A syntax or type error comes back as one
// *Error; every key that v has no field for comes back as an *Error too, with the nearest
// known key of the same table (from known) as a suggestion. The errors are in source
// order, their lines (and the lines they name) the file's.
func Decode(src string, start int, v any, known []string) (toml.MetaData, []*Error) {
	md, errs := decode(src, start, v, known)
	for _, e := range errs {
		e.Line += start - 1
	}
	return md, errs
}

// decode is Decode with lines counted from src's first; only a line named in a message
// is the file's (start).
func decode(src string, start int, v any, known []string) (toml.MetaData, []*Error) {
	md, err := toml.Decode(src, v)
	if err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			msg := perr.Message
			// The key goes before the message unless the message names it: as a word, for
			// "invalid datetime" does not name date.
			if perr.LastKey != "" && !regexp.MustCompile(`\b`+regexp.QuoteMeta(perr.LastKey)+`\b`).MatchString(msg) {
				msg = fmt.Sprintf("%s: %s", perr.LastKey, msg)
			}
			line := max(perr.Position.Line, 1)
			text := lineText(src, line)
			col := charColumn(text, perr.Position.Col)
			if m := unclosedNameRe.FindStringSubmatch(perr.Message); m != nil {
				// [[events] at the end of its line: the parser has read the line break and
				// names the next line (but a \r before it), and the table before as its key.
				if m[1] == `\n` && line > 1 {
					line--
				}
				text = strings.TrimSuffix(lineText(src, line), "\r")
				return md, []*Error{{Line: line, Col: utf8.RuneCountInString(text) + 1, Msg: "the closing ] is missing: a table is written [name], an item of a list [[name]]"}}
			}
			// The file ends in a list (summary = ["a", on the last line): the parser
			// names the line it reached, which may be the key's own.
			eofInList := perr.Message == "unexpected EOF; expected value" && !strings.HasSuffix(strings.TrimRight(text, " \t\r"), "=")
			if (unclosedListRe.MatchString(perr.Message) || eofInList) && perr.LastKey != "" {
				// themes = ["a", "b" without its ]: the list runs on over the next lines,
				// and the parser stops where they cannot belong to it. The error is at the
				// key's last definition before that line (in a list of tables, the item's),
				// where the ] is missing; the line the parser stopped at is not named.
				key, at, upTo := toml.Key(strings.Split(perr.LastKey, ".")), 0, line
				if eofInList {
					upTo = line + 1
				}
				for n := 0; ; n++ {
					l := keyLineN(src, key, n)
					if l >= upTo || l <= at {
						break
					}
					at = l
				}
				if at > 0 && definesKey(lineText(src, at), key) {
					return md, []*Error{{Line: at, Msg: perr.LastKey + ": the closing ] of the list is missing: the lines below are read as part of it"}}
				}
			}
			if m := tableThenListRe.FindStringSubmatch(perr.Message); m != nil {
				// [events] and then [[events]]: the parser names only the second.
				return md, []*Error{{Line: line, Col: col, Msg: tableThenList(m[1])}}
			}
			if m := definedTwiceRe.FindStringSubmatch(perr.Message); m != nil {
				// The parser names the second; the writer needs both: the definition
				// before it (in a list of tables, the same item's).
				key, first := toml.Key(strings.Split(m[1], ".")), 0
				for n := 0; ; n++ {
					l := keyLineN(src, key, n)
					if l >= line || n > 0 && l <= first {
						break
					}
					first = l
				}
				return md, []*Error{{Line: line, Msg: fmt.Sprintf("%s is written twice (first on line %d): keep one", m[1], first+start-1)}}
			}
			return md, []*Error{{Line: line, Col: col, Msg: oneLine(plain(msg, text, perr.Position.Col))}}
		}
		return md, []*Error{decodeError(src, err)}
	}
	var errs []*Error
	seen := map[string]int{} // definitions of each key reported so far, in source order
	undecoded := md.Undecoded()
	unknown := map[string]bool{}
	for _, key := range undecoded {
		unknown[key.String()] = true
	}
	for _, key := range undecoded {
		if unknownTable(key, unknown) {
			continue // the keys of a misspelt [table] or [[table]]: its own error says it
		}
		name := key[len(key)-1]
		msg := fmt.Sprintf("unknown key %q", key.String())
		switch s := Suggest(name, known); {
		case s == name && len(key) > 1:
			// A known key read into the table above it: TOML puts every key after a
			// [table] or [[table]] line into that table.
			table := "[" + key[:len(key)-1].String() + "]"
			if md.Type(key[:len(key)-1]...) == "ArrayHash" {
				table = "[" + table + "]"
			}
			msg = fmt.Sprintf("%s is read as part of %s above it: write the keys such as %s before the first [table] or [[table]]", name, table, name)
		case s != "":
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		}
		errs = append(errs, &Error{Line: keyLineN(src, key, seen[key.String()]), Msg: msg})
		seen[key.String()]++
	}
	errs = append(errs, caseVariants(src, md, known)...)
	slices.SortStableFunc(errs, func(a, b *Error) int { return a.Line - b.Line })
	return md, errs
}

// unknownTable reports whether a table that key is in, however deep, is itself unknown.
func unknownTable(key toml.Key, unknown map[string]bool) bool {
	for i := 1; i < len(key); i++ {
		if unknown[key[:i].String()] {
			return true
		}
	}
	return false
}

// caseVariants reports the keys of md that are known keys written in another case.
// BurntSushi/toml matches a key to a field whatever its case, so that Summary = "…" under
// summary = "…" replaced it without a word.
func caseVariants(src string, md toml.MetaData, known []string) []*Error {
	var errs []*Error
	seen := map[string]int{}
	for _, key := range md.Keys() {
		name := key[len(key)-1]
		n := seen[key.String()]
		seen[key.String()]++
		if slices.Contains(known, name) {
			continue
		}
		if i := slices.IndexFunc(known, func(k string) bool { return strings.EqualFold(k, name) }); i >= 0 {
			errs = append(errs, &Error{Line: keyLineN(src, key, n), Msg: fmt.Sprintf("key %q: keys are case-sensitive: write %s", key.String(), known[i])})
		}
	}
	return errs
}

// lineText returns line n (1-based) of src, without its line break.
func lineText(src string, n int) string {
	for i := 1; i < n; i++ {
		k := strings.IndexByte(src, '\n')
		if k < 0 {
			return ""
		}
		src = src[k+1:]
	}
	if k := strings.IndexByte(src, '\n'); k >= 0 {
		src = src[:k]
	}
	return strings.TrimSuffix(src, "\r")
}

// charColumn turns the parser's column, a count of bytes, into a count of characters, as
// editors count them: カンボジア is 5 columns, not 15.
func charColumn(line string, byteCol int) int {
	if byteCol <= 0 {
		return 0
	}
	b := min(byteCol-1, len(line))
	return utf8.RuneCountInString(line[:b]) + 1
}

// tableThenListRe matches the parser's message for a [[key]] after a [key].
var tableThenListRe = regexp.MustCompile(`^Key '([^']+)' was already created and cannot be used as an array\.$`)

// tableThenList says that the list key has a single table [key] before its [[key]] items;
// the error is at the first [[key]], with the [key] above it.
func tableThenList(key string) string {
	return fmt.Sprintf("[[%s]] after a single [%s] above: every item of a list is written [[%s]], the first one too", key, key, key)
}

var (
	gotRe          = regexp.MustCompile(`^expected a top-level item to end with a newline, comment, or EOF, but got '(.*)' instead$`)
	noValueRe      = regexp.MustCompile(`^(?:(.+): )?expected value but found "(.*)" instead$`)
	newlinesRe     = regexp.MustCompile(`^(?:(.+): )?strings cannot contain newlines$`)
	datetimeRe     = regexp.MustCompile(`^(?:(.+): )?invalid datetime: "(.*)"$`)
	unclosedNameRe = regexp.MustCompile(`^expected (?:end of table (?:array )?name delimiter '\]'|'\.' or '\]' to end table name), but got '(\\n|\\r)' instead$`)
	unclosedListRe = regexp.MustCompile(`^expected a comma \(','\) or array terminator \('\]'\), but got `)
	noEqualsRe     = regexp.MustCompile(`^(?:.+: )?expected '\.' or '=', but got '.*' instead$`)
	// The line ends, or a comment starts, right after the =; or the file ends (plain tells
	// an = at the end of the file from a list that is not closed).
	emptyValueRe = regexp.MustCompile(`^(?:(.+): )?(?:expected value but found '(?:\\n|\\r|#)' instead|unexpected EOF; expected value)$`)
)

// plain says in a writer's words what the parser's message says in its own, for the
// mistakes writers make: a text without its closing quote, a quotation mark inside a
// text, a text without quotes. line is the line of the error and byteCol its column in
// bytes.
func plain(msg, line string, byteCol int) string {
	msg = quoteOddKey(msg)
	if hint := wideHint(line, byteCol); hint != "" {
		key := ""
		if m := keyRe.FindStringSubmatch(msg); m != nil {
			key = m[1]
		}
		return prefix(key) + hint
	}
	if m := newlinesRe.FindStringSubmatch(msg); m != nil {
		return prefix(m[1]) + `closing quote missing: a text in "…" ends on the line where it starts (for several lines, write """…""")`
	}
	if m := gotRe.FindStringSubmatch(msg); m != nil {
		// A quotation mark right before the unexpected character ended the text early.
		at := min(max(byteCol-1, 0), len(line))
		if strings.HasSuffix(line[:at], `"`) && at < len(line) && line[at] != ' ' && line[at] != '\t' {
			return `the text ends at the quotation mark before ` + m[1] + `: use 「」 or \" for quotation marks inside a text`
		}
		return fmt.Sprintf("unexpected %s after the value: write one key = value per line", m[1])
	}
	if m := noValueRe.FindStringSubmatch(msg); m != nil {
		return prefix(m[1]) + fmt.Sprintf(`a text needs quotation marks: "%s"`, m[2])
	}
	// The file may also end inside a list (Decode says so): only a line that ends with its
	// = has no value.
	if m := emptyValueRe.FindStringSubmatch(msg); m != nil && (!strings.Contains(msg, "EOF") || strings.HasSuffix(strings.TrimRight(line, " \t\r"), "=")) {
		return prefix(m[1]) + `the value is missing after the =: write it on the same line (a text in quotation marks, "…")`
	}
	if noEqualsRe.MatchString(msg) {
		return `the = is missing: write key = value`
	}
	if m := datetimeRe.FindStringSubmatch(msg); m != nil {
		// date = 2003-03 is read as a TOML date, and a month alone is none.
		return prefix(m[1]) + fmt.Sprintf(`a date is written as a text, in quotation marks: "%s"`, m[2])
	}
	return msg
}

// quoteOddKey quotes the key that the parser names before its message when the key has
// white space or a control character: "\t": unexpected EOF, not an invisible tab.
func quoteOddKey(msg string) string {
	key, rest, ok := strings.Cut(msg, ": ")
	if !ok || key == "" || !strings.ContainsFunc(key, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) {
		return msg
	}
	return strconv.Quote(key) + ": " + rest
}

// keyRe matches the key the parser names before its message ("title: expected value").
var keyRe = regexp.MustCompile(`^([A-Za-z0-9_.-]+): `)

// wideHint says what to write instead of the character at byteCol of line (1-based, as
// the parser counts) when it is the full-width or curly form of a character of the
// syntax, as a Japanese input method or a word processor types it: ＝ for =, “ for ".
// It returns "" for any other character.
func wideHint(line string, byteCol int) string {
	at := byteCol - 1
	if at < 0 || at >= len(line) {
		return ""
	}
	r, _ := utf8.DecodeRuneInString(line[at:])
	switch r {
	case '“', '”', '„', '″':
		return fmt.Sprintf(`a curly quotation mark %c: write the text in straight quotation marks, "…"`, r)
	case '＂':
		return `a full-width quotation mark ＂: write the text in half-width quotation marks, "…"`
	}
	if half, ok := wideSyntax[r]; ok {
		return fmt.Sprintf("a full-width %c: write %c (half-width)", r, half)
	}
	return ""
}

// wideSyntax maps the full-width forms of the characters of TOML's syntax to them.
var wideSyntax = map[rune]rune{'＝': '=', '［': '[', '］': ']', '＃': '#', '，': ',', '．': '.', '｛': '{', '｝': '}'}

func prefix(key string) string {
	if key == "" {
		return ""
	}
	return key + ": "
}

var definedTwiceRe = regexp.MustCompile(`^Key '([^']+)' has already been defined\.?$`)

var (
	// typeErrRe matches the errors toml returns for a value of the wrong type, which are
	// plain errors rather than ParseErrors.
	typeErrRe  = regexp.MustCompile(`^toml: (?:line (\d+) )?\(last key "([^"]*)"\): (.*)$`)
	mismatchRe = regexp.MustCompile(`^incompatible types: TOML value has type (.+); destination has type (.+)$`)
)

// decodeError turns a toml type error of src into an *Error at the key's line.
func decodeError(src string, err error) *Error {
	text := oneLine(err.Error())
	m := typeErrRe.FindStringSubmatch(text)
	if m == nil {
		return &Error{Line: 1, Msg: strings.TrimPrefix(text, "toml: ")}
	}
	line, _ := strconv.Atoi(m[1])
	msg := m[3]
	if mm := mismatchRe.FindStringSubmatch(msg); mm != nil {
		want, got := typeWords(mm[2]), typeWords(mm[1])
		if want == "a whole number" && got == "a number" {
			got = "a decimal" // weight = 1.5
		}
		msg = fmt.Sprintf("must be %s, not %s", want, got)
		// An item of a list of the wrong type: themes = [1, 2] is a list, of numbers.
		if key := toml.Key(strings.Split(m[2], ".")); !strings.HasPrefix(want, "a list") && !strings.HasPrefix(got, "a list") {
			isList := func(v string) (string, bool) { return v, strings.HasPrefix(strings.TrimSpace(v), "[") }
			if _, _, ok := definition(src, key, isList); ok {
				msg = fmt.Sprintf("each item must be %s, not %s", want, got)
			}
		}
		// A number or true/false in quotation marks: value = "50" is a TOML text, and so
		// is value = "1,300", which TOML writes 1300 or 1_300.
		if mm[1] == "string" {
			key := toml.Key(strings.Split(m[2], "."))
			if l, value, ok := quoted(src, key); ok {
				if v, ok := unquotedValue(want, value); ok {
					without := "quotation marks"
					if v != value {
						without += " or commas"
					}
					return &Error{Line: l, Msg: fmt.Sprintf("%s: %s: write it without %s: %s = %s", m[2], msg, without, key[len(key)-1], v)}
				}
			}
		}
		// A date or a number where a text belongs: date = 2003-03-01 is a TOML date. The
		// parser names the last line of the key (of a [[table]], its last item's), not
		// the one without quotation marks.
		if mm[2] == "string" {
			key := toml.Key(strings.Split(m[2], "."))
			if l, value, ok := unquoted(src, key); ok {
				return &Error{Line: l, Msg: fmt.Sprintf(`%s: a text is written in quotation marks: %s = "%s"`, m[2], key[len(key)-1], value)}
			}
		}
	}
	return &Error{Line: max(line, 1), Msg: m[2] + ": " + msg}
}

// unquoted finds the first definition of key in src, on a line of its own, whose value is
// not in quotation marks, and returns its line and value.
func unquoted(src string, key toml.Key) (line int, value string, ok bool) {
	return definition(src, key, func(v string) (string, bool) {
		v, _, _ = strings.Cut(v, "#")
		v = strings.TrimSpace(v)
		return v, v != "" && !strings.HasPrefix(v, `"`) && !strings.HasPrefix(v, "'") && !strings.HasPrefix(v, "[")
	})
}

// quoted finds the first definition of key in src, on a line of its own, whose value is
// in quotation marks, and returns its line and the value without them.
func quoted(src string, key toml.Key) (line int, value string, ok bool) {
	return definition(src, key, func(v string) (string, bool) {
		v = strings.TrimSpace(v)
		if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') {
			if end := strings.IndexByte(v[1:], v[0]); end >= 0 {
				return v[1 : 1+end], true
			}
		}
		return "", false
	})
}

// definition finds the first definition of key in src, on a line of its own, whose value
// (the text after its =) take accepts, and returns its line and what take made of it.
func definition(src string, key toml.Key, take func(string) (string, bool)) (line int, value string, ok bool) {
	prev := 0
	for n := 0; ; n++ {
		l := keyLineN(src, key, n)
		text := lineText(src, l)
		if l <= prev || !definesKey(text, key) {
			return 0, "", false // no more definitions (keyLineN says 1), or an inline table
		}
		prev = l
		_, v, _ := strings.Cut(text, "=")
		if value, ok := take(v); ok {
			return l, value, true
		}
	}
}

// definesKey reports whether line is "name = …" for the last part of key.
func definesKey(line string, key toml.Key) bool {
	name, _, found := strings.Cut(line, "=")
	return found && strings.Trim(strings.TrimSpace(name), `"'`) == key[len(key)-1]
}

// oneLine keeps a message on one line: toml quotes the offending text, which may hold a
// line break ("not a binary number: '0b\n'"), and errors are printed one per line.
func oneLine(s string) string {
	return strings.NewReplacer("\r", `\r`, "\n", `\n`).Replace(s)
}

// typeWords names a TOML or Go type of a type error as a writer knows it: "a float, not a
// string" had to be guessed at (an author's trial).
func typeWords(typ string) string {
	switch typ {
	case "float", "float32", "float64":
		return "a number"
	case "integer", "int", "int64":
		return "a whole number"
	case "string":
		return "a text"
	case "boolean", "bool":
		return "true or false"
	case "slice", "[]any", "[]interface {}":
		return `a list in brackets, ["…"]`
	case "time.Time":
		return "a date"
	case "map[string]any", "map[string]interface {}":
		return "a table"
	}
	return article(typ)
}

// decimalRe matches a number as a writer puts it in quotation marks, 1300, 1,300 or 12.5;
// its group is the decimal part.
var decimalRe = regexp.MustCompile(`^-?(?:[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+)(\.[0-9]+)?$`)

// unquotedValue is value, a text, written as the TOML value a key of the type named want
// (typeWords) takes, when it is one: "1,300" as 1300.
func unquotedValue(want, value string) (string, bool) {
	switch want {
	case "a number", "a whole number":
		// Digits, grouped by threes with commas or not, and for a number a decimal part:
		// "1,5" or "0x1p4" get no advice, which would be wrong or no TOML.
		m := decimalRe.FindStringSubmatch(value)
		if m == nil || want == "a whole number" && m[1] != "" {
			return "", false
		}
		return strings.ReplaceAll(value, ",", ""), true
	case "true or false":
		return value, value == "true" || value == "false"
	}
	return "", false
}

func article(typ string) string {
	if strings.ContainsAny(typ[:1], "aeiou") {
		return "an " + typ
	}
	return "a " + typ
}

// KeyLine returns the 1-based line on which key is first defined in src, or 1 when it
// cannot be found.
func KeyLine(src string, key toml.Key) int { return keyLineN(src, key, 0) }

// keyLineN returns the line of the n-th (0-based) definition of key in src: the same key
// in several items of a [[table]] is defined once per item. It returns 1 when there is none.
func keyLineN(src string, key toml.Key, n int) int {
	table := strings.Join(key[:len(key)-1], ".")
	name := key[len(key)-1]
	current := ""
	for i, line := range strings.Split(src, "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "[") {
			current = strings.TrimSpace(strings.Trim(t, "[] \t"))
			// An unknown table is reported at its header.
			if current == key.String() {
				if n == 0 {
					return i + 1
				}
				n--
			}
			continue
		}
		if k, ok := keyOf(t); ok && current == table && k == name {
			if n == 0 {
				return i + 1
			}
			n--
		}
	}
	return 1
}

// keyOf returns the key that a trimmed line "key = value" defines, unquoted: a quoted key
// may hold "=" ("a=b" = 1).
func keyOf(t string) (string, bool) {
	var key, rest string
	switch {
	case strings.HasPrefix(t, `"`):
		end := 1
		for end < len(t) && t[end] != '"' {
			if t[end] == '\\' {
				end++
			}
			end++
		}
		if end >= len(t) {
			return "", false
		}
		k, err := strconv.Unquote(t[:end+1])
		if err != nil {
			return "", false
		}
		key, rest = k, t[end+1:]
	case strings.HasPrefix(t, "'"):
		end := strings.IndexByte(t[1:], '\'')
		if end < 0 {
			return "", false
		}
		key, rest = t[1:end+1], t[end+2:]
	default:
		k, r, ok := strings.Cut(t, "=")
		if !ok {
			return "", false
		}
		key, rest = strings.TrimSpace(k), "="+r
	}
	return key, strings.HasPrefix(strings.TrimSpace(rest), "=")
}

// ItemLine returns the line of key inside the index-th (0-based) [[table]] of src, or the
// line of that table's header when the key is not written there (or is ""), or 1.
func ItemLine(src, table string, index int, key string) int {
	n := -1
	header := 0
	for i, line := range strings.Split(src, "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "[") {
			if n == index {
				break // past the item
			}
			if strings.HasPrefix(t, "[[") && strings.TrimSpace(strings.Trim(t, "[] \t")) == table {
				n++
				if n == index {
					header = i + 1
				}
			}
			continue
		}
		if n != index {
			continue
		}
		if k, ok := keyOf(t); ok && k == key {
			return i + 1
		}
	}
	return max(header, 1)
}

// Suggest returns the candidate nearest to s by edit distance, if it is close enough
// to be a plausible misspelling: one edit, or a third of the word's letters for longer words.
func Suggest(s string, candidates []string) string {
	best, bestDist := "", max(len(s)/3, 1)+1
	for _, c := range candidates {
		if d := distance(s, c); d < bestDist || (d == bestDist && best != "" && c < best) {
			best, bestDist = c, d
		}
	}
	return best
}

// distance is the edit distance between a and b, by bytes (keys and slugs are ASCII),
// counting a swap of two neighbouring letters as one edit: "titel" is one edit from "title".
func distance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}
