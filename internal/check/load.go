package check

import (
	"io/fs"
	"strings"

	"peacebuilding/internal/config"
	"peacebuilding/internal/content"
	"peacebuilding/internal/glossary"
	"peacebuilding/internal/render"
)

// Load reads what a check needs from the project in fsys: config.toml, the content files,
// the UI strings (i18n/, whose errors the build would report go to Input.UIErrors) and the
// glossary. It does not build the site: a broken cross-link is the build's
// business, and the check should still say which pages need translating. A content file
// that cannot be read (broken front matter) does not stop it either: its errors are in
// Input.Unreadable, and the other pages are checked.
func Load(fsys fs.FS) (Input, error) {
	cfg, err := config.Load(fsys, "config.toml")
	if err != nil {
		return Input{}, err
	}
	files, _, contentErr := content.Load(fsys, cfg.LanguageCodes())
	var unreadable []string
	if contentErr != nil {
		unreadable = strings.Split(contentErr.Error(), "\n")
	}
	// A project without the folder is content alone (the check's fixtures); the build
	// says that it lacks it.
	var uiErrors []string
	if _, err := fs.Stat(fsys, "i18n"); err == nil {
		i18n, err := fs.Sub(fsys, "i18n")
		if err != nil {
			return Input{}, err
		}
		if err := render.CheckStrings(i18n, cfg.LanguageCodes()); err != nil {
			uiErrors = strings.Split(err.Error(), "\n")
		}
	}
	gl, err := glossary.Load(fsys, "data/glossary.toml")
	if err != nil {
		return Input{}, err
	}
	st, err := LoadStyle(fsys, StyleFile)
	if err != nil {
		return Input{}, err
	}
	if st != nil && len(uiErrors) > 0 {
		// The house style reads the UI strings once the build can: an unclosed quote
		// would be a quotation-mark finding whose advice does not fix the file.
		st.UIFile, st.UI = "", ""
	}
	return Input{Config: cfg, Files: files, Glossary: gl, Style: st, Unreadable: unreadable, UIErrors: uiErrors}, nil
}
