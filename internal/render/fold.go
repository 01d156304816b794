package render

import (
	"html/template"
	"strconv"
	"text/template/parse"
)

// The layouts call {{.T "key"}} for every label of a page: on a country brief, a fifth
// of its actions, each a method found by name and called through reflection. A UI string
// depends only on the page's language, so each language gets its own copy of the
// layouts in which every .T with a constant key is replaced by the string itself, which
// html/template then escapes in its context as before. A key that no language defines
// is left alone, to fail at render time with the usual message.

// foldStrings replaces, in every template of t, the commands .T "key", $.T "key" and
// $v.T "key" by the UI string key of strings.
func foldStrings(t *template.Template, strings map[string]string) {
	for _, tmpl := range t.Templates() {
		if tmpl.Tree != nil {
			foldNode(tmpl.Tree.Root, strings)
		}
	}
}

func foldNode(n parse.Node, strings map[string]string) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			foldNode(c, strings)
		}
	case *parse.ActionNode:
		foldNode(n.Pipe, strings)
	case *parse.PipeNode:
		if n == nil {
			return
		}
		for _, c := range n.Cmds {
			foldCommand(c, strings)
		}
	case *parse.IfNode:
		foldBranch(&n.BranchNode, strings)
	case *parse.RangeNode:
		foldBranch(&n.BranchNode, strings)
	case *parse.WithNode:
		foldBranch(&n.BranchNode, strings)
	case *parse.TemplateNode:
		foldNode(n.Pipe, strings)
	}
}

func foldBranch(b *parse.BranchNode, strings map[string]string) {
	foldNode(b.Pipe, strings)
	foldNode(b.List, strings)
	foldNode(b.ElseList, strings)
}

// foldCommand folds the command c if it is a call of T with a constant key, and the
// commands of the pipelines among its arguments: (.T "key") as an argument.
func foldCommand(c *parse.CommandNode, strings map[string]string) {
	for _, arg := range c.Args {
		if p, ok := arg.(*parse.PipeNode); ok {
			foldNode(p, strings)
		}
	}
	if len(c.Args) != 2 || !callsT(c.Args[0]) {
		return
	}
	key, ok := c.Args[1].(*parse.StringNode)
	if !ok {
		return
	}
	text, ok := strings[key.Text]
	if !ok {
		return
	}
	folded := *key // keeps its position and tree, for error messages
	folded.Text, folded.Quoted = text, strconv.Quote(text)
	c.Args = []parse.Node{&folded}
}

// callsT reports whether n is .T, $.T or $v.T.
func callsT(n parse.Node) bool {
	switch n := n.(type) {
	case *parse.FieldNode:
		return len(n.Ident) == 1 && n.Ident[0] == "T"
	case *parse.VariableNode:
		return len(n.Ident) == 2 && n.Ident[1] == "T"
	}
	return false
}
