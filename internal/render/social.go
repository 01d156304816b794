package render

import (
	"peacebuilding/internal/share"
	"peacebuilding/internal/site"
)

// What <head> says to the sites and apps a page is shared in (OpenGraph, X's card), the
// browser's colours and icons, and search engines' view of the site (JSON-LD WebSite with
// its SearchAction): the "social-head" partial.

// ogLocales are the OpenGraph locales (language_TERRITORY) of the site's languages; a
// language not listed gives its code as it is.
var ogLocales = map[string]string{"en": "en_US", "ja": "ja_JP"}

// OGLocale is the OpenGraph locale of lang.
func OGLocale(lang string) string {
	if l, ok := ogLocales[lang]; ok {
		return l
	}
	return lang
}

// OGLocale is the OpenGraph locale of the page.
func (v *View) OGLocale() string { return OGLocale(v.Lang) }

// OGAlternates are the OpenGraph locales of the page's real translations.
func (v *View) OGAlternates() []string {
	var out []string
	for _, a := range v.Alternates {
		if a.Lang != v.Lang && a.Lang != "x-default" && !a.Fallback {
			out = append(out, OGLocale(a.Lang))
		}
	}
	return out
}

// OGTitle is the page's own title, without the site's name (og:site_name says it); the
// site's title on a home page.
func (v *View) OGTitle() string {
	if v.Title == "" || (v.Page != nil && v.Page.Kind == site.KindHome) {
		return v.Language().Title
	}
	return v.Title
}

// CardTitle is the title of the page's card on X (twitter:title): OGTitle with the site's
// name, as the page's <title> has it, since X shows no og:site_name and "Cambodia" alone
// said nothing of whose brief it is (two readers' trials).
func (v *View) CardTitle() string {
	t, site := v.OGTitle(), v.Language().Title
	if t == site || v.Layout == "chooser" { // the chooser's title names the site in both languages
		return t
	}
	return t + " | " + site
}

// OGType is "article" for a brief or a stand-alone page, "website" for the others.
func (v *View) OGType() string {
	if v.Page != nil && v.Page.Kind != site.KindHome && v.Page.Kind != site.KindSection {
		return "article"
	}
	return "website"
}

// ShareImage is the absolute URL of the share image of the page's language.
func (v *View) ShareImage() string { return v.Abs(share.ImagePath(v.Lang)) }

// ShareImageSize is the share image's width and height.
func (v *View) ShareImageSize() [2]int { return [2]int{share.Width, share.Height} }

// IsHome reports whether the page is a language's home page, which carries the JSON-LD
// WebSite of its language.
func (v *View) IsHome() bool { return v.Page != nil && v.Page.Kind == site.KindHome }
