package tmplexec

import (
	"errors"
	"fmt"
	"reflect"
	"text/template/parse"
)

// builtinSig is the Go signature of a text/template builtin: how many parameters, whether
// the last is variadic, and of which type each is (reflect.Value for most).
type builtinSig struct {
	nIn      int
	variadic bool
	param    func(i int) reflect.Type // nil: reflect.Value
}

var builtinSigs = map[string]builtinSig{
	"and":     {2, true, nil},
	"or":      {2, true, nil},
	"not":     {1, false, nil},
	"eq":      {2, true, nil},
	"ne":      {2, false, nil},
	"lt":      {2, false, nil},
	"le":      {2, false, nil},
	"gt":      {2, false, nil},
	"ge":      {2, false, nil},
	"len":     {1, false, nil},
	"index":   {2, true, nil},
	"printf":  {2, true, func(i int) reflect.Type { return map[bool]reflect.Type{true: stringType, false: anyType}[i == 0] }},
	"print":   {1, true, func(int) reflect.Type { return anyType }},
	"println": {1, true, func(int) reflect.Type { return anyType }},
}

// builtin compiles a call of one of text/template's builtin functions, or returns nil if
// name is not one this package implements.
func (c *compiler) builtin(name string, node parse.Node, specs []argSpec, hasFinal bool) cmdFn {
	sig, ok := builtinSigs[name]
	if !ok {
		return nil
	}
	p := c.p
	fail := func(format string, a ...any) cmdFn {
		msg := fmt.Sprintf(format, a...)
		return func(*state, reflect.Value, reflect.Value) reflect.Value {
			p.errorf(node, "%s", msg)
			return reflect.Value{}
		}
	}
	numIn := len(specs)
	if hasFinal {
		numIn++
	}
	if sig.variadic {
		if numIn < sig.nIn-1 {
			return fail("wrong number of args for %s: want at least %d got %d", name, sig.nIn-1, len(specs))
		}
	} else if numIn != sig.nIn {
		return fail("wrong number of args for %s: want %d got %d", name, sig.nIn, numIn)
	}
	args := make([]argFn, 0, numIn)
	for i, a := range specs {
		if sig.param == nil {
			args = append(args, p.rawArg(a))
		} else {
			args = append(args, p.convert(a, sig.param(i)))
		}
	}
	if hasFinal {
		if sig.param == nil {
			args = append(args, func(_ *state, _, final reflect.Value) reflect.Value { return final })
		} else {
			t := sig.param(numIn - 1)
			args = append(args, func(_ *state, _, final reflect.Value) reflect.Value { return p.validate(node, final, t) })
		}
	}
	call := func(f func([]reflect.Value) (reflect.Value, error)) cmdFn {
		return func(s *state, dot, final reflect.Value) reflect.Value {
			var buf [4]reflect.Value
			argv := buf[:0]
			for _, a := range args {
				argv = append(argv, a(s, dot, final))
			}
			v, err := func() (v reflect.Value, err error) {
				defer recoverInto(&err) // a builtin's panic is an error of the call, as in text/template
				return f(argv)
			}()
			if err != nil {
				p.errorf(node, "error calling %s: %w", name, err)
			}
			return v
		}
	}
	switch name {
	case "and", "or":
		// They stop at the first argument that decides, unevaluated the rest.
		isOr := name == "or"
		return func(s *state, dot, final reflect.Value) reflect.Value {
			var v reflect.Value
			for _, a := range args {
				v = a(s, dot, final)
				if truth(v) == isOr {
					return v
				}
			}
			return v
		}
	case "not":
		return call(func(a []reflect.Value) (reflect.Value, error) { return reflect.ValueOf(!truth(a[0])), nil })
	case "eq":
		return call(func(a []reflect.Value) (reflect.Value, error) {
			b, err := eq(a[0], a[1:]...)
			return reflect.ValueOf(b), err
		})
	case "ne":
		return call(func(a []reflect.Value) (reflect.Value, error) {
			b, err := eq(a[0], a[1])
			return reflect.ValueOf(!b), err
		})
	case "lt", "le", "gt", "ge":
		return call(func(a []reflect.Value) (reflect.Value, error) {
			b, err := compare(name, a[0], a[1])
			return reflect.ValueOf(b), err
		})
	case "len":
		return call(func(a []reflect.Value) (reflect.Value, error) {
			n, err := length(a[0])
			return reflect.ValueOf(n), err
		})
	case "index":
		return call(func(a []reflect.Value) (reflect.Value, error) { return index(a[0], a[1:]) })
	case "printf":
		return call(func(a []reflect.Value) (reflect.Value, error) {
			return reflect.ValueOf(fmt.Sprintf(a[0].String(), interfaces(a[1:])...)), nil
		})
	case "print", "println":
		return call(func(a []reflect.Value) (reflect.Value, error) {
			if name == "print" {
				return reflect.ValueOf(fmt.Sprint(interfaces(a)...)), nil
			}
			return reflect.ValueOf(fmt.Sprintln(interfaces(a)...)), nil
		})
	}
	return nil
}

// rawArg is an argument of a builtin that takes a reflect.Value: the value as evaluated,
// nil and missing values as the invalid Value.
func (p *proc) rawArg(a argSpec) argFn {
	if a.dyn != nil {
		dyn := a.dyn
		return func(s *state, dot, _ reflect.Value) reflect.Value { return dyn(s, dot) }
	}
	if _, ok := a.node.(*parse.NilNode); ok {
		return func(*state, reflect.Value, reflect.Value) reflect.Value { return reflect.Value{} }
	}
	v, msg := emptyInterfaceConstant(a.node)
	n := a.node
	return func(*state, reflect.Value, reflect.Value) reflect.Value {
		if msg != "" {
			p.errorf(n, "%s", msg)
		}
		return v
	}
}

// interfaces are the values as fmt gets them from a call with ...any.
func interfaces(vs []reflect.Value) []any {
	out := make([]any, len(vs))
	for i, v := range vs {
		if v.IsValid() {
			out[i] = v.Interface()
		}
	}
	return out
}

func truth(v reflect.Value) bool {
	t, _ := isTrue(indirectInterface(v))
	return t
}

type basic uint8

const (
	otherKind basic = iota
	boolKind
	complexKind
	intKind
	floatKind
	stringKind
	uintKind
)

func basicKind(v reflect.Value) basic {
	switch v.Kind() {
	case reflect.Bool:
		return boolKind
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return intKind
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return uintKind
	case reflect.Float32, reflect.Float64:
		return floatKind
	case reflect.Complex64, reflect.Complex128:
		return complexKind
	case reflect.String:
		return stringKind
	}
	return otherKind
}

var (
	errBadComparisonType = errors.New("invalid type for comparison")
	errNoComparison      = errors.New("missing argument for comparison")
)

func isNilValue(v reflect.Value) bool {
	if !v.IsValid() {
		return true
	}
	switch v.Kind() {
	case reflect.Chan, reflect.Func, reflect.Interface, reflect.Map, reflect.Pointer, reflect.Slice:
		return v.IsNil()
	}
	return false
}

// eq reports whether a equals any of bs: basic values by kind (signed and unsigned
// integers compared by value), others by Go's ==, nil only to nil.
func eq(a reflect.Value, bs ...reflect.Value) (bool, error) {
	a = indirectInterface(a)
	if len(bs) == 0 {
		return false, errNoComparison
	}
	ka := basicKind(a)
	for _, b := range bs {
		b = indirectInterface(b)
		kb := basicKind(b)
		var equal bool
		switch {
		case ka == intKind && kb == uintKind:
			equal = a.Int() >= 0 && uint64(a.Int()) == b.Uint()
		case ka == uintKind && kb == intKind:
			equal = b.Int() >= 0 && a.Uint() == uint64(b.Int())
		case ka != kb:
			if a.IsValid() && b.IsValid() {
				return false, fmt.Errorf("incompatible types for comparison: %v and %v", a.Type(), b.Type())
			}
		case ka == boolKind:
			equal = a.Bool() == b.Bool()
		case ka == complexKind:
			equal = a.Complex() == b.Complex()
		case ka == floatKind:
			equal = a.Float() == b.Float()
		case ka == intKind:
			equal = a.Int() == b.Int()
		case ka == stringKind:
			equal = a.String() == b.String()
		case ka == uintKind:
			equal = a.Uint() == b.Uint()
		default:
			if a.Kind() != b.Kind() && a.IsValid() && b.IsValid() {
				return false, fmt.Errorf("non-comparable types %s: %v, %s: %v", a, a.Type(), b.Type(), b)
			}
			if isNilValue(a) || isNilValue(b) {
				equal = isNilValue(a) == isNilValue(b)
			} else {
				if !b.Type().Comparable() {
					return false, fmt.Errorf("non-comparable type %s: %v", b, b.Type())
				}
				equal = a.Interface() == b.Interface()
			}
		}
		if equal {
			return true, nil
		}
	}
	return false, nil
}

// less reports whether a < b for basic values of comparable kinds.
func less(a, b reflect.Value) (bool, error) {
	a, b = indirectInterface(a), indirectInterface(b)
	ka, kb := basicKind(a), basicKind(b)
	if ka == otherKind || kb == otherKind {
		return false, errBadComparisonType
	}
	switch {
	case ka == intKind && kb == uintKind:
		return a.Int() < 0 || uint64(a.Int()) < b.Uint(), nil
	case ka == uintKind && kb == intKind:
		return b.Int() >= 0 && a.Uint() < uint64(b.Int()), nil
	case ka != kb:
		return false, fmt.Errorf("incompatible types for comparison: %v and %v", a.Type(), b.Type())
	}
	switch ka {
	case floatKind:
		return a.Float() < b.Float(), nil
	case intKind:
		return a.Int() < b.Int(), nil
	case stringKind:
		return a.String() < b.String(), nil
	case uintKind:
		return a.Uint() < b.Uint(), nil
	}
	return false, errBadComparisonType
}

// compare is lt, le, gt or ge.
func compare(op string, a, b reflect.Value) (bool, error) {
	lt, err := less(a, b)
	if err != nil {
		return false, err
	}
	if op == "lt" {
		return lt, nil
	}
	le := lt
	if !lt {
		if le, err = eq(a, b); err != nil {
			return false, err
		}
	}
	switch op {
	case "le":
		return le, nil
	case "gt":
		return !le, nil
	}
	return !lt, nil // ge
}

func length(v reflect.Value) (int, error) {
	v, isNil := indirect(v)
	if isNil {
		return 0, fmt.Errorf("len of nil pointer")
	}
	switch v.Kind() {
	case reflect.Array, reflect.Chan, reflect.Map, reflect.Slice, reflect.String:
		return v.Len(), nil
	}
	return 0, fmt.Errorf("len of type %s", v.Type())
}

func index(item reflect.Value, indexes []reflect.Value) (reflect.Value, error) {
	item = indirectInterface(item)
	if !item.IsValid() {
		return reflect.Value{}, fmt.Errorf("index of untyped nil")
	}
	for _, i := range indexes {
		i = indirectInterface(i)
		var isNil bool
		if item, isNil = indirect(item); isNil {
			return reflect.Value{}, fmt.Errorf("index of nil pointer")
		}
		switch item.Kind() {
		case reflect.Array, reflect.Slice, reflect.String:
			x, err := indexArg(i, item.Len())
			if err != nil {
				return reflect.Value{}, err
			}
			item = item.Index(x)
		case reflect.Map:
			k, err := mapKey(i, item.Type().Key())
			if err != nil {
				return reflect.Value{}, err
			}
			if v := item.MapIndex(k); v.IsValid() {
				item = v
			} else {
				item = reflect.Zero(item.Type().Elem())
			}
		default:
			return reflect.Value{}, fmt.Errorf("can't index item of type %s", item.Type())
		}
	}
	return item, nil
}

func indexArg(i reflect.Value, n int) (int, error) {
	var x int64
	switch basicKind(i) {
	case intKind:
		x = i.Int()
	case uintKind:
		x = int64(i.Uint())
	default:
		if !i.IsValid() {
			return 0, fmt.Errorf("cannot index slice/array with nil")
		}
		return 0, fmt.Errorf("cannot index slice/array with type %s", i.Type())
	}
	if x < 0 || int(x) < 0 || int(x) > n {
		return 0, fmt.Errorf("index out of range: %d", x)
	}
	return int(x), nil
}

// mapKey converts an index to the key type of a map, as index does.
func mapKey(v reflect.Value, typ reflect.Type) (reflect.Value, error) {
	if !v.IsValid() {
		if !canBeNil(typ) {
			return reflect.Value{}, fmt.Errorf("value is nil; should be of type %s", typ)
		}
		v = reflect.Zero(typ)
	}
	if v.Type().AssignableTo(typ) {
		return v, nil
	}
	if intLike(v.Kind()) && intLike(typ.Kind()) && v.Type().ConvertibleTo(typ) {
		return v.Convert(typ), nil
	}
	return reflect.Value{}, fmt.Errorf("value has type %s; should be %s", v.Type(), typ)
}

func intLike(k reflect.Kind) bool {
	switch k {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return true
	}
	return false
}
