package tmplexec

import (
	"reflect"
	"strings"
	"text/template/parse"
)

// command compiles one command of a pipeline; hasFinal says whether it is given the
// previous command's value as its last argument.
func (c *compiler) command(cmd *parse.CommandNode, hasFinal bool) cmdFn {
	p := c.p
	switch n := cmd.Args[0].(type) {
	case *parse.FieldNode:
		return c.fieldChain(n, dotReceiver, n.Ident, cmd.Args, hasFinal)
	case *parse.ChainNode:
		if n.Node.Type() == parse.NodeNil {
			return func(*state, reflect.Value, reflect.Value) reflect.Value {
				p.errorf(n, "indirection through explicit nil in %s", n)
				return reflect.Value{}
			}
		}
		recv := c.arg(n.Node)
		return c.fieldChain(n, recv, n.Field, cmd.Args, hasFinal)
	case *parse.IdentifierNode:
		return c.function(n, cmd, cmd.Args, hasFinal)
	case *parse.PipeNode:
		if err := notAFunction(cmd.Args, hasFinal); err != nil {
			return c.fail(cmd, err.Error())
		}
		pipe := c.pipeline(n)
		return func(s *state, dot, _ reflect.Value) reflect.Value { return pipe(s, dot) }
	case *parse.VariableNode:
		return c.variable(n, cmd.Args, hasFinal)
	}
	word := cmd.Args[0]
	if err := notAFunction(cmd.Args, hasFinal); err != nil {
		return c.fail(word, err.Error())
	}
	switch word := word.(type) {
	case *parse.BoolNode:
		v := reflect.ValueOf(word.True)
		return func(*state, reflect.Value, reflect.Value) reflect.Value { return v }
	case *parse.DotNode:
		return func(_ *state, dot, _ reflect.Value) reflect.Value { return dot }
	case *parse.NilNode:
		return c.fail(word, "nil is not a command")
	case *parse.NumberNode:
		v, msg := idealConstant(word)
		if msg != "" {
			return c.fail(word, msg)
		}
		return func(*state, reflect.Value, reflect.Value) reflect.Value { return v }
	case *parse.StringNode:
		v := reflect.ValueOf(word.Text)
		return func(*state, reflect.Value, reflect.Value) reflect.Value { return v }
	}
	c.unsupported(word, nil, "command %s", word)
	return nil
}

// fail is a command that stops the execution with msg when it runs: text/template
// reports such mistakes only when it reaches them.
func (c *compiler) fail(n parse.Node, msg string) cmdFn {
	p := c.p
	return func(*state, reflect.Value, reflect.Value) reflect.Value {
		p.errorf(n, "%s", msg)
		return reflect.Value{}
	}
}

type notFunctionError struct{ arg parse.Node }

func (e notFunctionError) Error() string {
	return "can't give argument to non-function " + e.arg.String()
}

func notAFunction(args []parse.Node, hasFinal bool) error {
	if len(args) > 1 || hasFinal {
		return notFunctionError{args[0]}
	}
	return nil
}

// idealConstant is the value of a number whose type nothing else gives: the syntax
// decides, as in Go.
func idealConstant(n *parse.NumberNode) (reflect.Value, string) {
	switch {
	case n.IsComplex:
		return reflect.ValueOf(n.Complex128), ""
	case n.IsFloat && !isHexInt(n.Text) && !isRuneInt(n.Text) && strings.ContainsAny(n.Text, ".eEpP"):
		return reflect.ValueOf(n.Float64), ""
	case n.IsInt:
		i := int(n.Int64)
		if int64(i) != n.Int64 {
			return reflect.Value{}, n.Text + " overflows int"
		}
		return reflect.ValueOf(i), ""
	case n.IsUint:
		return reflect.Value{}, n.Text + " overflows int"
	}
	return reflect.Value{}, ""
}

func isRuneInt(s string) bool { return len(s) > 0 && s[0] == '\'' }

func isHexInt(s string) bool {
	return len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && !strings.ContainsAny(s, "pP")
}

// dotReceiver is the receiver of .Field: dot.
func dotReceiver(_ *state, dot reflect.Value) reflect.Value { return dot }

func (c *compiler) variable(n *parse.VariableNode, args []parse.Node, hasFinal bool) cmdFn {
	p := c.p
	name := n.Ident[0]
	slot, ok := c.lookup(name)
	var value exprFn
	if ok {
		value = func(s *state, _ reflect.Value) reflect.Value { return s.vars[s.base+slot] }
	} else {
		value = func(*state, reflect.Value) reflect.Value {
			p.errorf(n, "undefined variable: %s", name)
			return reflect.Value{}
		}
	}
	if len(n.Ident) == 1 {
		if err := notAFunction(args, hasFinal); err != nil {
			return c.fail(n, err.Error())
		}
		return func(s *state, dot, _ reflect.Value) reflect.Value { return value(s, dot) }
	}
	return c.fieldChain(n, value, n.Ident[1:], args, hasFinal)
}

// fieldChain compiles .X.Y.Z (or $v.X.Y, (pipe).X.Y) with the arguments of its command:
// only the last name gets them.
func (c *compiler) fieldChain(node parse.Node, recv exprFn, idents []string, args []parse.Node, hasFinal bool) cmdFn {
	sites := make([]*fieldSite, len(idents))
	for i, name := range idents {
		if i < len(idents)-1 {
			sites[i] = c.fieldSite(node, name, nil, false)
		} else {
			sites[i] = c.fieldSite(node, name, args, hasFinal)
		}
	}
	if len(sites) == 1 {
		f := sites[0]
		return func(s *state, dot, final reflect.Value) reflect.Value {
			return f.eval(s, dot, recv(s, dot), final)
		}
	}
	return func(s *state, dot, final reflect.Value) reflect.Value {
		v := recv(s, dot)
		for _, f := range sites[:len(sites)-1] {
			v = f.eval(s, dot, v, reflect.Value{})
		}
		return sites[len(sites)-1].eval(s, dot, v, final)
	}
}

// arg compiles an argument whose type the callee does not give (the receiver of a chain):
// its value as it is.
func (c *compiler) arg(n parse.Node) exprFn {
	if e := c.dynamicArg(n); e != nil {
		return e
	}
	p := c.p
	return func(*state, reflect.Value) reflect.Value {
		p.errorf(n, "can't handle %s for arg of type <nil>", n)
		return reflect.Value{}
	}
}

// dynamicArg compiles an argument that is evaluated (not a constant), or returns nil.
func (c *compiler) dynamicArg(n parse.Node) exprFn {
	switch n := n.(type) {
	case *parse.DotNode:
		return func(_ *state, dot reflect.Value) reflect.Value { return dot }
	case *parse.FieldNode:
		f := c.fieldChain(n, dotReceiver, n.Ident, []parse.Node{n}, false)
		return func(s *state, dot reflect.Value) reflect.Value { return f(s, dot, reflect.Value{}) }
	case *parse.VariableNode:
		f := c.variable(n, nil, false)
		return func(s *state, dot reflect.Value) reflect.Value { return f(s, dot, reflect.Value{}) }
	case *parse.PipeNode:
		return c.pipeline(n)
	case *parse.IdentifierNode:
		f := c.function(n, n, nil, false)
		return func(s *state, dot reflect.Value) reflect.Value { return f(s, dot, reflect.Value{}) }
	case *parse.ChainNode:
		f := c.command(&parse.CommandNode{NodeType: parse.NodeCommand, Pos: n.Pos, Args: []parse.Node{n}}, false)
		return func(s *state, dot reflect.Value) reflect.Value { return f(s, dot, reflect.Value{}) }
	}
	return nil
}
