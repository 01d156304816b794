package render

// Fresh returns a renderer with r's layouts, UI strings, assets and PDFs and nothing that
// rendering with r left behind, as New would make it, without parsing and compiling the
// layouts again. It names what it takes from r, so that a cache added to Renderer starts
// empty in the copy, and a setting added to it is missing there, which a test comparing
// the two then shows.
func (r *Renderer) Fresh() *Renderer {
	return &Renderer{
		templates: r.templates, compiled: r.compiled, strings: r.strings, sources: r.sources,
		Assets: r.Assets, PDFs: r.PDFs,
		sharedState: sharedState{partials: r.partials, compiledPartials: r.compiledPartials},
	}
}
