package render

// Fresh returns a renderer with r's layouts, UI strings, assets and PDFs and nothing that
// rendering with r left behind, as New would make it, without parsing and compiling the
// layouts again (as New does for layouts it has parsed lately).
func (r *Renderer) Fresh() *Renderer { return r.fresh(r.Assets, r.PDFs) }

// ForgetParsedLayouts empties the memo of New, for a benchmark of the parsing itself.
func ForgetParsedLayouts() {
	parsedLayouts.mu.Lock()
	parsedLayouts.entries = nil
	parsedLayouts.mu.Unlock()
}

// KeepHTML is keepHTML, for the tests of package render_test.
func KeepHTML(html string) string { return keepHTML(html, nil) }

func KeepUnits(html string) string { return keepUnits(html) }

// KeepNamesHTML and EnglishRuns are keepNamesHTML and englishRuns, for the tests of package
// render_test.
func KeepNamesHTML(html string) string { return keepNamesHTML(html) }
func EnglishRuns(text string) []Run    { return englishRuns(text) }

// AppendName is appendName, for the tests of package render_test.
func AppendName(runs []Run, name string) []Run { return appendName(runs, name) }
