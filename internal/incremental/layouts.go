package incremental

import (
	"fmt"
	"io/fs"
	"reflect"
	"slices"
	"text/template/parse"
)

// briefReads is what the layouts of briefs read beyond their page and its lists of links,
// found by reading the templates, since layouts are edited like content.
type briefReads struct {
	// keys are the pages a brief layout names with .Link "key" (base.html links the
	// about page if there is one): a brief shows a link to each.
	keys []string
	// wide, if not "", says how a brief layout reads more than that: a view method that
	// reads the whole site, or .Link with a computed key. Briefs are then aggregates.
	wide string
}

// siteWide are the view methods that read many pages; Site may only be used for
// Site.Lookup (a page's translations, in the notices) and Site.Config.
var (
	siteWide     = []string{"Pages", "Regions", "Timeline", "Corrections", "Glossary"}
	siteAllowed  = []string{"Lookup", "Config"}
	briefLayouts = []string{"country", "theme"}
)

// readBriefLayouts reads layouts/ of fsys the way package render parses it (base.html,
// partials.html, pictures.html and one file per layout) and follows every template that a
// brief runs.
func readBriefLayouts(fsys fs.FS) briefReads {
	var reads briefReads
	for _, layout := range briefLayouts {
		trees := map[string]*parse.Tree{}
		for _, name := range []string{"base.html", "partials.html", "pictures.html", layout + ".html"} {
			text, err := fs.ReadFile(fsys, "layouts/"+name)
			if err != nil {
				return briefReads{wide: err.Error()}
			}
			tr := parse.New(name)
			tr.Mode = parse.SkipFuncCheck
			if _, err := tr.Parse(string(text), "", "", trees); err != nil {
				return briefReads{wide: err.Error()}
			}
		}
		seen := map[string]bool{}
		var visit func(name string)
		visit = func(name string) {
			if seen[name] || trees[name] == nil || reads.wide != "" {
				return
			}
			seen[name] = true
			walk(trees[name].Root, func(n parse.Node) {
				if reads.wide != "" {
					return
				}
				if t, ok := n.(*parse.TemplateNode); ok {
					visit(t.Name)
					return
				}
				// {{.Shared "name"}} runs a partial too (see render.View.Shared).
				if name, ok, why := sharedCall(n); why != "" {
					reads.wide = fmt.Sprintf("layouts/%s.html (template %q): %s", layout, name, why)
					return
				} else if ok {
					visit(name)
					return
				}
				key, why := inspect(n)
				if why != "" {
					reads.wide = fmt.Sprintf("layouts/%s.html (template %q): %s", layout, name, why)
				} else if key != "" && !slices.Contains(reads.keys, key) {
					reads.keys = append(reads.keys, key)
				}
			})
		}
		visit("base.html")
		visit("main")
	}
	slices.Sort(reads.keys)
	return reads
}

// inspect looks at one node: a command calling .Link with a constant key gives the key;
// a site-wide read gives the reason.
func inspect(n parse.Node) (key, why string) {
	switch n := n.(type) {
	case *parse.CommandNode:
		for i, arg := range n.Args {
			if !names(arg, "Link") {
				continue
			}
			if s, ok := argString(n.Args); ok && i == 0 {
				return s, ""
			}
			return "", "it calls .Link with a key that is not a constant string"
		}
	case *parse.FieldNode, *parse.VariableNode, *parse.ChainNode:
		ident := fields(n)
		if len(ident) == 0 {
			return "", ""
		}
		if slices.Contains(siteWide, ident[0]) {
			return "", "it uses ." + ident[0] + ", which reads the whole site"
		}
		if ident[0] == "Site" && (len(ident) < 2 || !slices.Contains(siteAllowed, ident[1])) {
			return "", "it uses .Site other than .Site.Lookup or .Site.Config"
		}
	}
	return "", ""
}

// sharedCall recognises a command {{.Shared "name"}}, which runs the partial name; a
// name that is not a constant string gives the reason the layout cannot be followed.
func sharedCall(n parse.Node) (name string, ok bool, why string) {
	c, isCommand := n.(*parse.CommandNode)
	if !isCommand || len(c.Args) == 0 || !names(c.Args[0], "Shared") {
		return "", false, ""
	}
	if s, ok := argString(c.Args); ok {
		return s, true, ""
	}
	return "", false, "it calls .Shared with a name that is not a constant string"
}

// fields returns the identifiers a field, variable or chain reads from the view: ".A.B"
// and "$x.A.B" give [A B]. A chain's own fields are read from a value, not the view.
func fields(n parse.Node) []string {
	switch n := n.(type) {
	case *parse.FieldNode:
		return n.Ident
	case *parse.VariableNode:
		return n.Ident[1:]
	}
	return nil
}

// names reports whether n is .name or $x.name.
func names(n parse.Node, name string) bool {
	ident := fields(n)
	return len(ident) == 1 && ident[0] == name
}

// argString returns the one argument of a command if it is a string constant.
func argString(args []parse.Node) (string, bool) {
	if len(args) != 2 {
		return "", false
	}
	s, ok := args[1].(*parse.StringNode)
	if !ok {
		return "", false
	}
	return s.Text, true
}

// walk calls f for n and every node below it.
func walk(n parse.Node, f func(parse.Node)) {
	if n == nil || reflect.ValueOf(n).IsNil() {
		return
	}
	f(n)
	switch n := n.(type) {
	case *parse.ListNode:
		for _, c := range n.Nodes {
			walk(c, f)
		}
	case *parse.ActionNode:
		walk(n.Pipe, f)
	case *parse.PipeNode:
		for _, c := range n.Cmds {
			walk(c, f)
		}
	case *parse.CommandNode:
		for _, c := range n.Args {
			walk(c, f)
		}
	case *parse.ChainNode:
		walk(n.Node, f)
	case *parse.IfNode:
		walk(n.Pipe, f)
		walk(n.List, f)
		walk(n.ElseList, f)
	case *parse.RangeNode:
		walk(n.Pipe, f)
		walk(n.List, f)
		walk(n.ElseList, f)
	case *parse.WithNode:
		walk(n.Pipe, f)
		walk(n.List, f)
		walk(n.ElseList, f)
	case *parse.TemplateNode:
		walk(n.Pipe, f)
	}
}
