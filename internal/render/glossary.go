package render

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"peacebuilding/internal/glossary"
	"peacebuilding/internal/site"
)

// The glossary page: its terms grouped under initials (A–Z, あかさたな…) to jump to, and
// for each term the briefs that use it.

// GlossaryEntry is a term of the glossary page.
type GlossaryEntry struct {
	glossary.Term
	Initial string
	// First marks the first term of its initial: its row carries the initial's id.
	First  bool
	UsedIn []*site.Page // the briefs of this language that use the term, in section order
}

// GlossaryInitial is one jump link of the glossary page; Has is false for an initial
// without terms (shown, not linked).
type GlossaryInitial struct {
	Label, ID string
	Has       bool
}

// InitialID is the id of the first term of an initial: "initial-A", "initial-あ".
func InitialID(initial string) string { return "initial-" + initial }

// GlossaryEntries are the terms in this language's order, with their initials and uses.
func (v *View) GlossaryEntries() []GlossaryEntry {
	terms := v.Glossary()
	used := v.termUses(terms)
	out := make([]GlossaryEntry, len(terms))
	seen := map[string]bool{}
	for i, t := range terms {
		in := t.Initial(v.Lang)
		out[i] = GlossaryEntry{Term: t, Initial: in, First: in != "" && !seen[in], UsedIn: used[i]}
		seen[in] = true
	}
	return out
}

// GlossaryInitials are the jump links of the glossary page.
func (v *View) GlossaryInitials() []GlossaryInitial {
	has := map[string]bool{}
	for _, t := range v.Site.Glossary.Terms {
		has[t.Initial(v.Lang)] = true
	}
	var out []GlossaryInitial
	for _, in := range glossary.Initials(v.Lang) {
		out = append(out, GlossaryInitial{Label: in, ID: InitialID(in), Has: has[in]})
	}
	return out
}

// termUses finds, for each term, the briefs of this language whose text (title, summary,
// body, facts, figures, events) uses it: on an English page its English form in any case
// on word boundaries (a plural "s" allowed) or its abbreviation as written; on a Japanese
// page its official form or its abbreviation. Fallback copies are left out: their text is
// the other language's page's.
//
// Each page's text is read once: a term is looked for only where the word (English) or
// the pair of characters (Japanese) it starts with occurs, so the work grows with the
// text and not with the number of terms times the text.
func (v *View) termUses(terms []glossary.Term) [][]*site.Page {
	ja := v.Lang == "ja"
	type form struct {
		term int
		text string // lower case for an English form
		fold bool   // compare in lower case
	}
	byStart := map[string][]form{}
	add := func(i int, text string, fold bool) {
		if text == "" {
			return
		}
		if fold {
			text = asciiLower(text)
		}
		byStart[startKey(text, ja)] = append(byStart[startKey(text, ja)], form{i, text, fold})
	}
	for i, t := range terms {
		if ja {
			add(i, t.JA, false)
		} else {
			add(i, t.EN, true)
		}
		add(i, t.Abbr, false)
	}
	uses := make([][]*site.Page, len(terms))
	for _, kind := range []string{"country", "theme"} {
		for _, p := range v.Pages(kind) {
			if p.Fallback {
				continue
			}
			text := pageText(p)
			lower := asciiLower(text) // byte for byte: positions stay the same
			found := map[int]bool{}
			check := func(pos int, forms []form) {
				for _, f := range forms {
					src := text
					if f.fold {
						src = lower
					}
					if !found[f.term] && strings.HasPrefix(src[pos:], f.text) && (ja || wordEnd(src, pos+len(f.text))) {
						found[f.term] = true
						uses[f.term] = append(uses[f.term], p)
					}
				}
			}
			for pos := 0; pos < len(text); {
				r, size := utf8.DecodeRuneInString(text[pos:])
				if ja || wordRune(r) && (pos == 0 || !wordRune(lastRune(text[:pos]))) {
					key := startKey(text[pos:], ja)
					check(pos, byStart[key])
					if !ja {
						if lk := asciiLower(key); lk != key {
							check(pos, byStart[lk])
						}
					}
				}
				pos += size
			}
		}
	}
	return uses
}

// startKey is what a form is looked up by: its first word in English, its first two
// characters in Japanese.
func startKey(s string, ja bool) string {
	if ja {
		n := 0
		for i := range s {
			if n == 2 {
				return s[:i]
			}
			n++
		}
		return s
	}
	end := strings.IndexFunc(s, func(r rune) bool { return !wordRune(r) })
	if end < 0 {
		return s
	}
	return s[:end]
}

func wordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func lastRune(s string) rune { r, _ := utf8.DecodeLastRuneInString(s); return r }

// wordEnd reports whether a word ends at i of s, after an optional plural "s" or "es".
func wordEnd(s string, i int) bool {
	for _, plural := range []string{"", "s", "es"} {
		if j := i + len(plural); strings.HasPrefix(s[i:], plural) && (j == len(s) || !wordRune(firstRune(s[j:]))) {
			return true
		}
	}
	return false
}

func firstRune(s string) rune { r, _ := utf8.DecodeRuneInString(s); return r }

// asciiLower lowers the ASCII letters of s and leaves every other byte as it is.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// pageText is the text a reader sees of a brief, without markup.
func pageText(p *site.Page) string {
	var b strings.Builder
	b.WriteString(p.Title + "\n" + p.Summary + "\n")
	if f := p.Facts; f != nil {
		b.WriteString(f.OfficialName + "\n" + f.Capital + "\n" + strings.Join(f.Languages, "\n") + "\n")
	}
	for _, f := range p.Figures {
		b.WriteString(f.Label + "\n")
	}
	for _, e := range p.Events {
		b.WriteString(e.Text + "\n")
	}
	body := string(p.Body())
	for {
		lt := strings.IndexByte(body, '<')
		if lt < 0 {
			break
		}
		b.WriteString(html.UnescapeString(body[:lt]))
		gt := strings.IndexByte(body[lt:], '>')
		if gt < 0 {
			body = ""
			break
		}
		b.WriteByte(' ')
		body = body[lt+gt+1:]
	}
	b.WriteString(html.UnescapeString(body))
	return b.String()
}
