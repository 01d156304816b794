package render

import (
	"errors"
	"fmt"
	"html/template"
	"slices"
	"strconv"
	"strings"
	"text/template/parse"
)

// The layouts call {{.T "key"}} for every label of a page: on a country brief, a fifth
// of its actions, each a method found by name and called through reflection. A UI string
// depends only on the page's language, so each language gets its own copy of the
// layouts in which every .T with a constant key is replaced by the string itself, which
// html/template then escapes in its context as before. A key that no language defines
// is left alone, to fail at render time with the usual message.

// foldStrings replaces, in every template of t, the commands .T "key", $.T "key" and
// $v.T "key" by the UI string key of strings. It returns the places of the constant keys
// of T and Tf that strings lacks, "country.html:9:13" by key: they would fail only when
// their branch runs, and a designer's trial found one in a branch that ran on no page.
func foldStrings(t *template.Template, strings map[string]string) (missing map[string]string) {
	f := folder{strings: strings}
	for _, tmpl := range t.Templates() {
		if tmpl.Tree != nil {
			f.node(tmpl.Tree.Root)
		}
	}
	return f.missing
}

// missingStrings is the error of the keys foldStrings found missing whose place is in the
// file named (all of them when file is ""), in the order of their places.
func missingStrings(missing map[string]string, file, lang string) error {
	var errs []string
	for place, key := range missing {
		if file == "" || strings.HasPrefix(place, file+":") {
			errs = append(errs, fmt.Sprintf("layouts/%s: no UI string %q in i18n/%s.toml: add it to the file of every language", place, key, lang))
		}
	}
	if len(errs) == 0 {
		return nil
	}
	slices.Sort(errs)
	return errors.New(strings.Join(errs, "\n"))
}

type folder struct {
	strings map[string]string
	missing map[string]string // key by place
}

func (f *folder) miss(key *parse.StringNode) {
	place, _ := (*parse.Tree)(nil).ErrorContext(key)
	if f.missing == nil {
		f.missing = map[string]string{}
	}
	f.missing[place] = key.Text
}

func (f *folder) node(n parse.Node) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			f.node(c)
		}
	case *parse.ActionNode:
		f.node(n.Pipe)
	case *parse.PipeNode:
		if n == nil {
			return
		}
		for _, c := range n.Cmds {
			f.command(c)
		}
	case *parse.IfNode:
		f.branch(&n.BranchNode)
	case *parse.RangeNode:
		f.branch(&n.BranchNode)
	case *parse.WithNode:
		f.branch(&n.BranchNode)
	case *parse.TemplateNode:
		f.node(n.Pipe)
	}
}

func (f *folder) branch(b *parse.BranchNode) {
	f.node(b.Pipe)
	f.node(b.List)
	f.node(b.ElseList)
}

// command folds the command c if it is a call of T with a constant key, and the
// commands of the pipelines among its arguments: (.T "key") as an argument.
func (f *folder) command(c *parse.CommandNode) {
	for _, arg := range c.Args {
		if p, ok := arg.(*parse.PipeNode); ok {
			f.node(p)
		}
	}
	if len(c.Args) >= 2 && calls(c.Args[0], "Tf") {
		if key, ok := c.Args[1].(*parse.StringNode); ok {
			if _, ok := f.strings[key.Text]; !ok {
				f.miss(key)
			}
		}
	}
	if len(c.Args) != 2 || !calls(c.Args[0], "T") {
		return
	}
	key, ok := c.Args[1].(*parse.StringNode)
	if !ok {
		return
	}
	text, ok := f.strings[key.Text]
	if !ok {
		f.miss(key)
		return
	}
	folded := *key // keeps its position and tree, for error messages
	folded.Text, folded.Quoted = text, strconv.Quote(text)
	c.Args = []parse.Node{&folded}
}

// calls reports whether n is .method, $.method or $v.method.
func calls(n parse.Node, method string) bool {
	switch n := n.(type) {
	case *parse.FieldNode:
		return len(n.Ident) == 1 && n.Ident[0] == method
	case *parse.VariableNode:
		return len(n.Ident) == 2 && n.Ident[1] == method
	}
	return false
}
