package tmplexec

import (
	"fmt"
	"reflect"
	"sync"
	"sync/atomic"
	"text/template/parse"
)

var (
	errorType        = reflect.TypeFor[error]()
	stringerType     = reflect.TypeFor[fmt.Stringer]()
	reflectValueType = reflect.TypeFor[reflect.Value]()
	anyType          = reflect.TypeFor[any]()
	stringType       = reflect.TypeFor[string]()
)

// callFn calls a function or method with its arguments evaluated in dot, the previous
// command's value final and, for a method, its receiver recv.
type callFn func(s *state, dot, recv, final reflect.Value) reflect.Value

// argFn is one argument converted to the type of its parameter.
type argFn func(s *state, dot, final reflect.Value) reflect.Value

// argSpec is an argument as written: a constant, or an expression evaluated each time.
type argSpec struct {
	node parse.Node
	dyn  exprFn // nil for a constant
}

func (c *compiler) argSpecs(args []parse.Node) []argSpec {
	specs := make([]argSpec, len(args))
	for i, a := range args {
		specs[i] = argSpec{a, c.dynamicArg(a)}
	}
	return specs
}

func canBeNil(typ reflect.Type) bool {
	switch typ.Kind() {
	case reflect.Chan, reflect.Func, reflect.Interface, reflect.Map, reflect.Pointer, reflect.Slice:
		return true
	case reflect.Struct:
		return typ == reflectValueType
	}
	return false
}

// validate converts a value to the type of a parameter as text/template does: nil to the
// type's zero, an interface to what it holds, one pointer indirection either way.
func (p *proc) validate(n parse.Node, v reflect.Value, typ reflect.Type) reflect.Value {
	if !v.IsValid() {
		if typ == nil {
			return reflect.Value{}
		}
		if canBeNil(typ) {
			return reflect.Zero(typ)
		}
		p.errorf(n, "invalid value; expected %s", typ)
	}
	if typ == reflectValueType && v.Type() != typ {
		return reflect.ValueOf(v)
	}
	if typ != nil && !v.Type().AssignableTo(typ) {
		if v.Kind() == reflect.Interface && !v.IsNil() {
			v = v.Elem()
			if v.Type().AssignableTo(typ) {
				return v
			}
		}
		switch {
		case v.Kind() == reflect.Pointer && v.Type().Elem().AssignableTo(typ):
			v = v.Elem()
			if !v.IsValid() {
				p.errorf(n, "dereference of nil pointer of type %s", typ)
			}
		case reflect.PointerTo(v.Type()).AssignableTo(typ) && v.CanAddr():
			v = v.Addr()
		default:
			p.errorf(n, "wrong type for value; expected %s; got %s", typ, v.Type())
		}
	}
	return v
}

// convert is an argument converted to typ. A constant is converted once; one that does not
// fit fails when the call runs, as with text/template.
func (p *proc) convert(a argSpec, typ reflect.Type) argFn {
	if a.dyn != nil {
		dyn, n := a.dyn, a.node
		if typ == anyType {
			return func(s *state, dot, _ reflect.Value) reflect.Value {
				v := dyn(s, dot)
				if !v.IsValid() {
					return reflect.Zero(anyType)
				}
				return v
			}
		}
		return func(s *state, dot, _ reflect.Value) reflect.Value { return p.validate(n, dyn(s, dot), typ) }
	}
	v, msg := constant(a.node, typ)
	if msg != "" {
		n := a.node
		return func(*state, reflect.Value, reflect.Value) reflect.Value {
			p.errorf(n, "%s", msg)
			return reflect.Value{}
		}
	}
	return func(*state, reflect.Value, reflect.Value) reflect.Value { return v }
}

// constant is a constant argument as a value of typ, or why it cannot be one.
func constant(n parse.Node, typ reflect.Type) (reflect.Value, string) {
	if _, ok := n.(*parse.NilNode); ok {
		if canBeNil(typ) {
			return reflect.Zero(typ), ""
		}
		return reflect.Value{}, fmt.Sprintf("cannot assign nil to %s", typ)
	}
	set := func(f func(v reflect.Value)) reflect.Value {
		v := reflect.New(typ).Elem()
		f(v)
		return v
	}
	num, isNum := n.(*parse.NumberNode)
	switch typ.Kind() {
	case reflect.Bool:
		if b, ok := n.(*parse.BoolNode); ok {
			return set(func(v reflect.Value) { v.SetBool(b.True) }), ""
		}
		return reflect.Value{}, fmt.Sprintf("expected bool; found %s", n)
	case reflect.Complex64, reflect.Complex128:
		if isNum && num.IsComplex {
			return set(func(v reflect.Value) { v.SetComplex(num.Complex128) }), ""
		}
		return reflect.Value{}, fmt.Sprintf("expected complex; found %s", n)
	case reflect.Float32, reflect.Float64:
		if isNum && num.IsFloat {
			return set(func(v reflect.Value) { v.SetFloat(num.Float64) }), ""
		}
		return reflect.Value{}, fmt.Sprintf("expected float; found %s", n)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if isNum && num.IsInt {
			return set(func(v reflect.Value) { v.SetInt(num.Int64) }), ""
		}
		return reflect.Value{}, fmt.Sprintf("expected integer; found %s", n)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if isNum && num.IsUint {
			return set(func(v reflect.Value) { v.SetUint(num.Uint64) }), ""
		}
		return reflect.Value{}, fmt.Sprintf("expected unsigned integer; found %s", n)
	case reflect.String:
		if str, ok := n.(*parse.StringNode); ok {
			return set(func(v reflect.Value) { v.SetString(str.Text) }), ""
		}
		return reflect.Value{}, fmt.Sprintf("expected string; found %s", n)
	case reflect.Interface:
		if typ.NumMethod() == 0 {
			return emptyInterfaceConstant(n)
		}
	case reflect.Struct:
		if typ == reflectValueType {
			v, msg := emptyInterfaceConstant(n)
			return reflect.ValueOf(v), msg
		}
	}
	return reflect.Value{}, fmt.Sprintf("can't handle %s for arg of type %s", n, typ)
}

// emptyInterfaceConstant is a constant given to a parameter of type any.
func emptyInterfaceConstant(n parse.Node) (reflect.Value, string) {
	switch n := n.(type) {
	case *parse.BoolNode:
		return reflect.ValueOf(n.True), ""
	case *parse.NumberNode:
		return idealConstant(n)
	case *parse.StringNode:
		return reflect.ValueOf(n.Text), ""
	}
	return reflect.Value{}, fmt.Sprintf("can't handle assignment of %s to empty interface argument", n)
}

// buildCall compiles a call of fn (a method expression if method, its receiver first) with
// the arguments args and, if hasFinal, the previous command's value last; the checks that
// text/template makes when it calls are made here once, and reported when the call runs.
func (x *Template) buildCall(p *proc, node parse.Node, name string, fn reflect.Value, method bool, args []argSpec, hasFinal bool) callFn {
	fail := func(format string, a ...any) callFn {
		msg := fmt.Sprintf(format, a...)
		return func(*state, reflect.Value, reflect.Value, reflect.Value) reflect.Value {
			p.errorf(node, "%s", msg)
			return reflect.Value{}
		}
	}
	typ := fn.Type()
	off := 0
	if method {
		off = 1
	}
	nIn := typ.NumIn() - off
	numIn := len(args)
	if hasFinal {
		numIn++
	}
	numFixed := len(args)
	if typ.IsVariadic() {
		numFixed = nIn - 1
		if numIn < numFixed {
			return fail("wrong number of args for %s: want at least %d got %d", name, nIn-1, len(args))
		}
	} else if numIn != nIn {
		return fail("wrong number of args for %s: want %d got %d", name, nIn, numIn)
	}
	switch numOut := typ.NumOut(); {
	case numOut == 1:
	case numOut == 2 && typ.Out(1) == errorType:
	case numOut == 2:
		return fail("invalid function signature for %s: second return value should be error; is %s", name, typ.Out(1))
	default:
		return fail("function %s has %d return values; should be 1 or 2", name, typ.NumOut())
	}
	convs := make([]argFn, 0, numIn)
	i := 0
	for ; i < numFixed && i < len(args); i++ {
		convs = append(convs, p.convert(args[i], typ.In(off+i)))
	}
	if typ.IsVariadic() {
		elem := typ.In(typ.NumIn() - 1).Elem()
		for ; i < len(args); i++ {
			convs = append(convs, p.convert(args[i], elem))
		}
	}
	if hasFinal {
		t := typ.In(typ.NumIn() - 1)
		if typ.IsVariadic() {
			if numIn-1 < numFixed {
				t = typ.In(off + numIn - 1)
			} else {
				t = t.Elem()
			}
		}
		convs = append(convs, func(_ *state, _, final reflect.Value) reflect.Value { return p.validate(node, final, t) })
	}
	if f := x.fastCall(p, node, name, fn, method, convs); f != nil {
		return f
	}
	return func(s *state, dot, recv, final reflect.Value) reflect.Value {
		argv := make([]reflect.Value, off+len(convs))
		if method {
			argv[0] = recv
		}
		for i, conv := range convs {
			argv[off+i] = conv(s, dot, final)
		}
		v, err := safeCall(fn, argv)
		if err != nil {
			p.errorf(node, "error calling %s: %w", name, err)
		}
		if v.Type() == reflectValueType {
			v = v.Interface().(reflect.Value)
		}
		return v
	}
}

// safeCall calls fn, turning a panic into an error as text/template does.
func safeCall(fn reflect.Value, args []reflect.Value) (v reflect.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(error); ok {
				err = e
			} else {
				err = fmt.Errorf("%v", r)
			}
		}
	}()
	out := fn.Call(args)
	if len(out) == 2 && !out[1].IsNil() {
		return out[0], out[1].Interface().(error)
	}
	return out[0], nil
}

// function compiles a call of a function: the template's own functions first, then
// text/template's builtins, as text/template looks them up.
func (c *compiler) function(n *parse.IdentifierNode, cmd parse.Node, args []parse.Node, hasFinal bool) cmdFn {
	if len(args) > 0 {
		args = args[1:]
	}
	specs := c.argSpecs(args)
	if fn, ok := c.x.funcs[n.Ident]; ok {
		call := c.x.buildCall(c.p, cmd, n.Ident, fn, false, specs, hasFinal)
		return func(s *state, dot, final reflect.Value) reflect.Value { return call(s, dot, reflect.Value{}, final) }
	}
	if b := c.builtin(n.Ident, cmd, specs, hasFinal); b != nil {
		return b
	}
	name := n.Ident
	if name == "_eval_args_" {
		// html/template's own name for the builtins html and urlquery, which it rewrites
		name = "html or urlquery (html/template escapes each value by itself)"
	}
	c.unsupported(n, cmd, "function %s", name)
	return nil
}

// fieldSite is one name of a field chain: a method, a field or a map key, resolved once
// per kind of receiver.
type fieldSite struct {
	x        *Template
	p        *proc
	node     parse.Node
	name     string
	args     []argSpec
	hasFinal bool
	last     atomic.Pointer[fieldPlan]
	plans    sync.Map // fieldKey -> *fieldPlan
}

// fieldKey is what decides how a name is evaluated on a receiver.
type fieldKey struct {
	typ       reflect.Type // the receiver's type as given, for messages
	ptr       reflect.Type // the receiver's type after indirection, addressed if it can be
	addressed bool
	isNil     bool
}

type planKind uint8

const (
	planError planKind = iota
	planMethod
	planField
	planMapKey
)

type fieldPlan struct {
	key   fieldKey
	kind  planKind
	msg   string        // planError
	call  callFn        // planMethod
	index []int         // planField
	late  string        // planField: an error to report only if the field can be reached
	key1  reflect.Value // planMapKey
}

func (c *compiler) fieldSite(node parse.Node, name string, args []parse.Node, hasFinal bool) *fieldSite {
	if len(args) > 0 {
		args = args[1:]
	}
	return &fieldSite{x: c.x, p: c.p, node: node, name: name, args: c.argSpecs(args), hasFinal: hasFinal}
}

// eval evaluates the name on recv as text/template's evalField does.
func (f *fieldSite) eval(s *state, dot, recv, final reflect.Value) reflect.Value {
	if !recv.IsValid() {
		return reflect.Value{} // missingkey=default: a missing value's field is missing too
	}
	typ := recv.Type()
	receiver, isNil := indirect(recv)
	ptr := receiver
	addressed := false
	if k := ptr.Kind(); k != reflect.Interface && k != reflect.Pointer && ptr.CanAddr() {
		ptr, addressed = ptr.Addr(), true
	}
	key := fieldKey{typ, ptr.Type(), addressed, isNil}
	plan := f.last.Load()
	if plan == nil || plan.key != key {
		if p, ok := f.plans.Load(key); ok {
			plan = p.(*fieldPlan)
		} else {
			plan = f.resolve(key, receiver)
			f.plans.Store(key, plan)
		}
		f.last.Store(plan)
	}
	switch plan.kind {
	case planMethod:
		return plan.call(s, dot, ptr, final)
	case planField:
		var v reflect.Value
		if len(plan.index) == 1 {
			v = receiver.Field(plan.index[0])
		} else {
			var err error
			if v, err = receiver.FieldByIndexErr(plan.index); err != nil {
				f.p.errorf(f.node, "%v", err)
			}
		}
		if plan.late != "" {
			f.p.errorf(f.node, "%s", plan.late)
		}
		return v
	case planMapKey:
		return receiver.MapIndex(plan.key1)
	}
	f.p.errorf(f.node, "%s", plan.msg)
	return reflect.Value{}
}

// resolve decides how the name is evaluated on receivers of key, receiver being one.
func (f *fieldSite) resolve(key fieldKey, receiver reflect.Value) *fieldPlan {
	plan := &fieldPlan{key: key}
	fail := func(format string, a ...any) *fieldPlan {
		plan.kind, plan.msg = planError, fmt.Sprintf(format, a...)
		return plan
	}
	if receiver.Kind() == reflect.Interface && key.isNil {
		return fail("nil pointer evaluating %s.%s", key.typ, f.name)
	}
	if m, ok := key.ptr.MethodByName(f.name); ok && key.ptr.Kind() != reflect.Interface {
		plan.kind = planMethod
		plan.call = f.x.buildCall(f.p, f.node, f.name, m.Func, true, f.args, f.hasFinal)
		return plan
	}
	hasArgs := len(f.args) > 0 || f.hasFinal
	switch receiver.Kind() {
	case reflect.Struct:
		if field, ok := receiver.Type().FieldByName(f.name); ok {
			if !field.IsExported() {
				return fail("%s is an unexported field of struct type %s", f.name, key.typ)
			}
			plan.kind, plan.index = planField, field.Index
			if hasArgs {
				plan.late = fmt.Sprintf("%s has arguments but cannot be invoked as function", f.name)
			}
			return plan
		}
	case reflect.Map:
		name := reflect.ValueOf(f.name)
		if name.Type().AssignableTo(receiver.Type().Key()) {
			if hasArgs {
				return fail("%s is not a method but has arguments", f.name)
			}
			plan.kind, plan.key1 = planMapKey, name
			return plan
		}
	case reflect.Pointer:
		if elem := receiver.Type().Elem(); elem.Kind() == reflect.Struct {
			if _, ok := elem.FieldByName(f.name); !ok {
				break
			}
		}
		if key.isNil {
			return fail("nil pointer evaluating %s.%s", key.typ, f.name)
		}
	}
	return fail("can't evaluate field %s in type %s", f.name, key.typ)
}
