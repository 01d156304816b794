package check

// FiguresNotInText lists the key figures of the source language's pages whose value the
// page's own text does not give (content.File.FiguresNotInText, which the build warns of
// too), each as "file:line: figure N: …" at the figure's value. Only the source's files
// give values: a translation takes them from its source, and the translator check
// compares its text with them.
func FiguresNotInText(in Input) []string {
	var out []string
	for _, f := range in.Files {
		if f.Lang == in.Config.DefaultLanguage {
			out = append(out, f.FiguresNotInText...)
		}
	}
	return out
}
