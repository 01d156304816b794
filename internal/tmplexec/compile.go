package tmplexec

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"slices"
	"strings"
	"text/template/parse"
)

// proc is one compiled template.
type proc struct {
	name   string
	tree   *parse.Tree
	body   nodeFn
	nslots int // variables of a frame, $ included
}

// The compiled forms: a node writes output, an expression yields a value, a command
// yields a value from the previous command's (final, absent from the first command).
type (
	nodeFn func(s *state, dot reflect.Value)
	exprFn func(s *state, dot reflect.Value) reflect.Value
	cmdFn  func(s *state, dot, final reflect.Value) reflect.Value
)

// maxExecDepth is text/template's limit on nested template calls.
const maxExecDepth = 100000

func (p *proc) run(s *state, dot reflect.Value) {
	if p.body == nil {
		p.errorf(nil, "%q is an incomplete or empty template", p.name)
	}
	base := s.base
	s.base = len(s.vars)
	for range p.nslots {
		s.vars = append(s.vars, reflect.Value{})
	}
	s.vars[s.base] = dot
	p.body(s, dot)
	s.vars = s.vars[:s.base]
	s.base = base
}

// proc returns the compiled template name, compiling it and the templates it calls on
// first use, or taking it from x.shared. Only Compile calls it.
func (x *Template) proc(name string) (*proc, error) {
	c := x.compiling
	if p, ok := c.procs[name]; ok {
		return p, nil
	}
	if err, ok := c.failed[name]; ok {
		return nil, err
	}
	t := c.html.Lookup(name)
	if t == nil {
		return nil, fmt.Errorf("html/template: %q is undefined", name)
	}
	if t.Tree == nil || t.Tree.Root == nil {
		return nil, fmt.Errorf("html/template: %q is an incomplete or empty template", name)
	}
	var (
		key   procKey
		share bool
	)
	if x.shared != nil {
		key, share = x.key(name, map[string]bool{})
	}
	if share {
		x.shared.mu.Lock()
		p := x.shared.procs[key]
		x.shared.mu.Unlock()
		if p != nil {
			c.procs[name] = p
			return p, nil
		}
	}
	p := &proc{name: name, tree: t.Tree}
	c.procs[name] = p // before its body: a template may call itself
	comp := &compiler{x: x, p: p, nslots: 1, scope: []scopeVar{{"$", 0}}}
	body, err := comp.compile(t.Tree.Root)
	if err != nil {
		delete(c.procs, name)
		c.failed[name] = err
		return nil, err
	}
	p.body, p.nslots = body, comp.nslots
	if share {
		// Only a finished template is shared: a set compiled at the same time may have
		// compiled its own copy meanwhile, which then stays its own.
		x.shared.mu.Lock()
		if x.shared.procs[key] == nil {
			x.shared.procs[key] = p
		}
		x.shared.mu.Unlock()
	}
	return p, nil
}

// key returns the procKey of the template name of the set being compiled, and whether it
// may be shared: a template that calls itself, directly or not, is not, nor are those
// that call it (their keys could not name what the cycle holds).
func (x *Template) key(name string, visiting map[string]bool) (procKey, bool) {
	c := x.compiling
	if k, ok := c.keys[name]; ok {
		return k.key, k.shareable
	}
	h := sha256.New()
	t := c.html.Lookup(name)
	fmt.Fprintf(h, "%q %q\n", name, t.Tree.ParseName)
	io.WriteString(h, t.Tree.Root.String())
	shareable := true
	visiting[name] = true
	walkTemplateNames(t.Tree.Root, func(callee string) {
		if visiting[callee] {
			shareable = false
			return
		}
		if ct := c.html.Lookup(callee); ct == nil || ct.Tree == nil {
			shareable = false // Compile fails on it
			return
		}
		k, ok := x.key(callee, visiting)
		shareable = shareable && ok
		fmt.Fprintf(h, "\ncalls %q %x", callee, k)
	})
	delete(visiting, name)
	var k procKey
	h.Sum(k[:0])
	c.keys[name] = keyOf{k, shareable}
	return k, shareable
}

type compiler struct {
	x      *Template
	p      *proc
	scope  []scopeVar // visible variables, innermost last
	nslots int
	err    error
}

type scopeVar struct {
	name string
	slot int
}

// compile compiles the body of a template; an unsupported construct is an error that
// names the template and the place.
func (c *compiler) compile(root *parse.ListNode) (fn nodeFn, err error) {
	fn = c.list(root)
	return fn, c.err
}

// ErrUnsupported is what Compile's error wraps when the layouts use what the executor does
// not run (an escaper of a context the site's layouts do not use, such as a srcset
// attribute or a JavaScript string; the builtins html/template rewrites): the caller can
// let html/template execute that set, with the same output.
var ErrUnsupported = errors.New("is not supported by the layouts' executor (internal/tmplexec)")

// unsupported records that the construct at n is not supported. n may be a node that
// html/template added, which has no place in the file (an escaper): at is then the
// action that it was added to.
func (c *compiler) unsupported(n, at parse.Node, format string, args ...any) {
	if c.err != nil {
		return
	}
	if n.Position() == 0 && at != nil {
		n = at
	}
	location, context := c.p.tree.ErrorContext(n)
	c.err = &UnsupportedError{Location: location, Template: c.p.name, What: fmt.Sprintf(format, args...), Context: context}
}

// UnsupportedError is a construct the executor does not run, at its place in a layout
// file: it is ErrUnsupported.
type UnsupportedError struct {
	Location string // "country.html:8:22"
	Template string // the template it is in: "main"
	What     string // "escaper srcsetescaper", "function slice"
	Context  string // the action, as html/template escaped it
}

func (e *UnsupportedError) Error() string {
	return fmt.Sprintf("%s: template %q: %s in %s %v", e.Location, e.Template, e.What, e.Context, ErrUnsupported)
}

func (e *UnsupportedError) Unwrap() error { return ErrUnsupported }

func (c *compiler) list(l *parse.ListNode) nodeFn {
	if l == nil || len(l.Nodes) == 0 {
		return func(*state, reflect.Value) {}
	}
	var fns []nodeFn
	for _, n := range l.Nodes {
		if f := c.node(n); f != nil {
			fns = append(fns, f)
		}
	}
	switch len(fns) {
	case 0:
		return func(*state, reflect.Value) {}
	case 1:
		return fns[0]
	}
	return func(s *state, dot reflect.Value) {
		for _, f := range fns {
			f(s, dot)
		}
	}
}

func (c *compiler) node(n parse.Node) nodeFn {
	switch n := n.(type) {
	case *parse.TextNode:
		text := n.Text
		return func(s *state, _ reflect.Value) { s.write(text) }
	case *parse.CommentNode:
		return nil
	case *parse.ActionNode:
		return c.action(n)
	case *parse.IfNode:
		return c.ifOrWith(n.Pipe, n.List, n.ElseList, false)
	case *parse.WithNode:
		return c.ifOrWith(n.Pipe, n.List, n.ElseList, true)
	case *parse.RangeNode:
		return c.rangeNode(n)
	case *parse.TemplateNode:
		return c.templateNode(n)
	case *parse.ListNode:
		return c.list(n)
	}
	c.unsupported(n, nil, "node %T", n)
	return nil
}

// action prints the value of its pipeline, through html/template's escapers.
func (c *compiler) action(n *parse.ActionNode) nodeFn {
	p := c.p
	if len(n.Pipe.Decl) > 0 {
		pipe := c.pipeline(n.Pipe)
		return func(s *state, dot reflect.Value) { pipe(s, dot) }
	}
	cmds := n.Pipe.Cmds
	k := len(cmds)
	for k > 1 && escaperName(cmds[k-1]) != "" {
		k--
	}
	if k == len(cmds) {
		pipe := c.pipeline(n.Pipe)
		return func(s *state, dot reflect.Value) { s.print(p, n, pipe(s, dot)) }
	}
	var chain []*escaper
	for _, cmd := range cmds[k:] {
		name := escaperName(cmd)
		e := escapers[name]
		if e == nil {
			c.unsupported(cmd, n, "escaper %s", strings.TrimPrefix(name, "_html_template_"))
			return nil
		}
		chain = append(chain, e)
	}
	value := c.commands(cmds[:k])
	first, last := chain[0], chain[len(chain)-1]
	var middle []*escaper
	if len(chain) > 2 {
		middle = chain[1 : len(chain)-1]
	}
	return func(s *state, dot reflect.Value) {
		v := value(s, dot)
		var str string
		t := contentPlain
		if first.raw != nil {
			str = first.raw(valueInterface(v))
		} else {
			str, t = textOf(v)
			if first != last {
				str, t = first.str(str, t), contentPlain
			}
		}
		for _, e := range middle {
			str = e.str(str, contentPlain)
		}
		switch {
		case first == last && first.raw != nil:
			s.writeString(str)
		case last.write != nil:
			last.write(s, str, t)
		default:
			s.writeString(last.str(str, t))
		}
	}
}

// escaperName is the name of the escaper that html/template appended as cmd, or "".
func escaperName(cmd *parse.CommandNode) string {
	if len(cmd.Args) != 1 {
		return ""
	}
	id, ok := cmd.Args[0].(*parse.IdentifierNode)
	if !ok || !strings.HasPrefix(id.Ident, "_html_template_") {
		return ""
	}
	return id.Ident
}

// print writes a value as text/template prints one that no escaper took.
func (s *state) print(p *proc, n parse.Node, v reflect.Value) {
	iface, ok := printableValue(v)
	if !ok {
		p.errorf(n, "can't print %s of type %s", n, v.Type())
	}
	if _, err := fmt.Fprint(s.w, iface); err != nil {
		panic(writeError{err})
	}
}

func printableValue(v reflect.Value) (any, bool) {
	if v.Kind() == reflect.Pointer {
		v, _ = indirect(v)
	}
	if !v.IsValid() {
		return "<no value>", true
	}
	if !v.Type().Implements(errorType) && !v.Type().Implements(stringerType) {
		if v.CanAddr() && (reflect.PointerTo(v.Type()).Implements(errorType) || reflect.PointerTo(v.Type()).Implements(stringerType)) {
			v = v.Addr()
		} else if k := v.Kind(); k == reflect.Chan || k == reflect.Func {
			return nil, false
		}
	}
	return v.Interface(), true
}

// pipeline compiles a pipeline with its variable declarations or assignments.
func (c *compiler) pipeline(pipe *parse.PipeNode) exprFn {
	if pipe == nil {
		return func(*state, reflect.Value) reflect.Value { return reflect.Value{} }
	}
	value := c.commands(pipe.Cmds)
	if len(pipe.Decl) == 0 {
		return value
	}
	var slots []int
	for _, v := range pipe.Decl {
		if pipe.IsAssign {
			slot, ok := c.lookup(v.Ident[0])
			if !ok {
				c.unsupported(v, nil, "assignment to undeclared %s", v.Ident[0])
			}
			slots = append(slots, slot)
		} else {
			slots = append(slots, c.declare(v.Ident[0]))
		}
	}
	return func(s *state, dot reflect.Value) reflect.Value {
		v := value(s, dot)
		for _, slot := range slots {
			s.vars[s.base+slot] = v
		}
		return v
	}
}

// commands evaluates the commands of a pipeline, each given the previous one's value.
func (c *compiler) commands(cmds []*parse.CommandNode) exprFn {
	fns := make([]cmdFn, len(cmds))
	for i, cmd := range cmds {
		fns[i] = c.command(cmd, i > 0)
	}
	if len(fns) == 1 {
		f := fns[0]
		return func(s *state, dot reflect.Value) reflect.Value {
			return digInterface(f(s, dot, reflect.Value{}))
		}
	}
	return func(s *state, dot reflect.Value) reflect.Value {
		var v reflect.Value
		for _, f := range fns {
			v = digInterface(f(s, dot, v))
		}
		return v
	}
}

// digInterface takes the value out of an interface{}, as each command of a pipeline does.
func digInterface(v reflect.Value) reflect.Value {
	if v.Kind() == reflect.Interface && v.Type().NumMethod() == 0 {
		return v.Elem()
	}
	return v
}

func (c *compiler) declare(name string) int {
	slot := c.nslots
	c.nslots++
	c.scope = append(c.scope, scopeVar{name, slot})
	return slot
}

func (c *compiler) lookup(name string) (int, bool) {
	for i := len(c.scope) - 1; i >= 0; i-- {
		if c.scope[i].name == name {
			return c.scope[i].slot, true
		}
	}
	return 0, false
}

func (c *compiler) ifOrWith(pipe *parse.PipeNode, list, elseList *parse.ListNode, with bool) nodeFn {
	p := c.p
	mark := len(c.scope)
	cond := c.pipeline(pipe)
	then := c.list(list)
	var els nodeFn
	if elseList != nil {
		els = c.list(elseList)
	}
	c.scope = c.scope[:mark]
	return func(s *state, dot reflect.Value) {
		v := cond(s, dot)
		truth, ok := isTrue(indirectInterface(v))
		if !ok {
			p.errorf(pipe, "if/with can't use %v", v)
		}
		switch {
		case truth && with:
			then(s, v)
		case truth:
			then(s, dot)
		case els != nil:
			els(s, dot)
		}
	}
}

func isTrue(v reflect.Value) (truth, ok bool) {
	if !v.IsValid() {
		return false, true
	}
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() > 0, true
	case reflect.Bool:
		return v.Bool(), true
	case reflect.Complex64, reflect.Complex128:
		return v.Complex() != 0, true
	case reflect.Chan, reflect.Func, reflect.Pointer, reflect.UnsafePointer, reflect.Interface:
		return !v.IsNil(), true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() != 0, true
	case reflect.Float32, reflect.Float64:
		return v.Float() != 0, true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint() != 0, true
	case reflect.Struct:
		return true, true
	}
	return false, false
}

func (c *compiler) rangeNode(r *parse.RangeNode) nodeFn {
	p := c.p
	mark := len(c.scope)
	over := c.pipeline(r.Pipe)
	// The variables a range declares get the element (one variable), or the index and
	// the element (two), as text/template sets them.
	elemSlot, indexSlot := -1, -1
	if decl := r.Pipe.Decl; len(decl) > 0 {
		slotOf := func(v *parse.VariableNode) int {
			slot, _ := c.lookup(v.Ident[0])
			return slot
		}
		if len(decl) == 1 {
			elemSlot = slotOf(decl[0])
		} else {
			indexSlot, elemSlot = slotOf(decl[0]), slotOf(decl[1])
		}
	}
	twoVars := len(r.Pipe.Decl) > 1
	body := c.list(r.List)
	var els nodeFn
	if r.ElseList != nil {
		els = c.list(r.ElseList)
	}
	c.scope = c.scope[:mark]
	one := func(s *state, index, elem reflect.Value) {
		if elemSlot >= 0 {
			s.vars[s.base+elemSlot] = elem
		}
		if indexSlot >= 0 {
			s.vars[s.base+indexSlot] = index
		}
		body(s, elem)
	}
	return func(s *state, dot reflect.Value) {
		val, _ := indirect(over(s, dot))
		ran := false
		switch val.Kind() {
		case reflect.Array, reflect.Slice:
			n := val.Len()
			for i := range n {
				one(s, reflect.ValueOf(i), val.Index(i))
			}
			ran = n > 0
		case reflect.Map:
			if val.Len() > 0 {
				keys, err := sortedKeys(val)
				if err != nil {
					p.errorf(r, "%v", err)
				}
				for _, k := range keys {
					one(s, k, val.MapIndex(k))
				}
				ran = true
			}
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
			reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
			if twoVars {
				p.errorf(r, "can't use %v to iterate over more than one variable", val)
			}
			for v := range val.Seq() {
				ran = true
				one(s, reflect.Value{}, v)
			}
		case reflect.Chan:
			if val.IsNil() {
				break
			}
			if val.Type().ChanDir() == reflect.SendDir {
				p.errorf(r, "range over send-only channel %v", val)
			}
			for i := 0; ; i++ {
				elem, ok := val.Recv()
				if !ok {
					break
				}
				ran = true
				one(s, reflect.ValueOf(i), elem)
			}
		case reflect.Invalid:
		case reflect.Func:
			switch {
			case val.Type().CanSeq():
				if twoVars {
					p.errorf(r, "can't use %v iterate over more than one variable", val)
				}
				for v := range val.Seq() {
					ran = true
					one(s, reflect.Value{}, v)
				}
			case val.Type().CanSeq2():
				for i, v := range val.Seq2() {
					ran = true
					if twoVars {
						one(s, i, v)
					} else {
						one(s, reflect.Value{}, i)
					}
				}
			default:
				p.errorf(r, "range can't iterate over %v", val)
			}
		default:
			p.errorf(r, "range can't iterate over %v", val)
		}
		if !ran && els != nil {
			els(s, dot)
		}
	}
}

func (c *compiler) templateNode(t *parse.TemplateNode) nodeFn {
	p := c.p
	arg := c.pipeline(t.Pipe)
	callee, err := c.x.proc(t.Name)
	if err != nil {
		// html/template's escaping has checked that every called template exists.
		if c.err == nil {
			c.err = fmt.Errorf("template %q calls %q: %w", c.p.name, t.Name, err)
		}
		return nil
	}
	return func(s *state, dot reflect.Value) {
		if s.depth == maxExecDepth {
			p.errorf(t, "exceeded maximum template depth (%v)", maxExecDepth)
		}
		v := arg(s, dot)
		s.depth++
		callee.run(s, v)
		s.depth--
	}
}

// indirect follows pointers and interfaces to the value they hold, stopping at a nil one.
func indirect(v reflect.Value) (rv reflect.Value, isNil bool) {
	for ; v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface; v = v.Elem() {
		if v.IsNil() {
			return v, true
		}
	}
	return v, false
}

// indirectInterface returns the value an interface holds, or the zero Value for nil.
func indirectInterface(v reflect.Value) reflect.Value {
	if v.Kind() != reflect.Interface {
		return v
	}
	if v.IsNil() {
		return reflect.Value{}
	}
	return v.Elem()
}

// sortedKeys are the keys of a map in the order text/template ranges over them (that of
// fmt's sorted printing of maps), for keys of basic kinds.
func sortedKeys(m reflect.Value) ([]reflect.Value, error) {
	keys := m.MapKeys()
	var cmp func(a, b reflect.Value) int
	switch basicKind(reflect.Zero(m.Type().Key())) {
	case intKind:
		cmp = func(a, b reflect.Value) int { return compareOrdered(a.Int(), b.Int()) }
	case uintKind:
		cmp = func(a, b reflect.Value) int { return compareOrdered(a.Uint(), b.Uint()) }
	case stringKind:
		cmp = func(a, b reflect.Value) int { return strings.Compare(a.String(), b.String()) }
	case floatKind:
		cmp = func(a, b reflect.Value) int { return compareFloat(a.Float(), b.Float()) }
	case boolKind:
		cmp = func(a, b reflect.Value) int {
			switch {
			case a.Bool() == b.Bool():
				return 0
			case !a.Bool():
				return -1
			}
			return 1
		}
	default:
		return nil, fmt.Errorf("range over a map with keys of type %s is not supported by the layouts' executor", m.Type().Key())
	}
	slices.SortStableFunc(keys, cmp)
	return keys, nil
}

func compareOrdered[T int64 | uint64](a, b T) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// compareFloat orders NaN first, as fmt's map sorting does.
func compareFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	case a == b:
		return 0
	case math.IsNaN(a) && !math.IsNaN(b):
		return -1
	case !math.IsNaN(a) && math.IsNaN(b):
		return 1
	}
	return 0
}
