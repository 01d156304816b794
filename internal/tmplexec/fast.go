package tmplexec

import (
	"fmt"
	"html/template"
	"reflect"
	"text/template/parse"
)

// fastMaker returns a call of the method expression fn without reflection, or nil if
// its signature is not one it knows. convs are its arguments after the receiver; fail
// stops the execution with an error of the call.
type fastMaker func(fn any, convs []argFn, fail func(error)) callFn

// Methods makes Compile call the methods of T (a pointer type, as the layouts' data
// usually is) of the common signatures directly rather than through reflection:
// no arguments or one string, returning a string, template.HTML, bool, int or float64,
// with or without an error; and (string, ...any) returning a string and an error.
func Methods[T any]() Option {
	return func(x *Template) { x.addFast(reflect.TypeFor[T](), fastMethod[T]) }
}

// Method0 makes Compile call the methods of T that take no argument and return an R
// (and maybe an error) directly; Method1, those that take an A. R must not be an
// interface type (reflection keeps an interface result's static type; a plain call
// cannot).
func Method0[T, R any]() Option {
	return func(x *Template) {
		x.addFast(reflect.TypeFor[T](), func(fn any, convs []argFn, fail func(error)) callFn {
			switch f := fn.(type) {
			case func(T) R:
				return func(_ *state, _, recv, _ reflect.Value) reflect.Value {
					return reflect.ValueOf(guard0(f, recv.Interface().(T), fail))
				}
			case func(T) (R, error):
				return func(_ *state, _, recv, _ reflect.Value) reflect.Value {
					return reflect.ValueOf(guard0e(f, recv.Interface().(T), fail))
				}
			}
			return nil
		})
	}
}

// Method1: see Method0.
func Method1[T, A, R any]() Option {
	return func(x *Template) {
		x.addFast(reflect.TypeFor[T](), func(fn any, convs []argFn, fail func(error)) callFn {
			switch f := fn.(type) {
			case func(T, A) R:
				a := convs[0]
				return func(s *state, dot, recv, final reflect.Value) reflect.Value {
					arg := as[A](a(s, dot, final))
					return reflect.ValueOf(guard1(f, recv.Interface().(T), arg, fail))
				}
			case func(T, A) (R, error):
				a := convs[0]
				return func(s *state, dot, recv, final reflect.Value) reflect.Value {
					arg := as[A](a(s, dot, final))
					return reflect.ValueOf(guard1e(f, recv.Interface().(T), arg, fail))
				}
			}
			return nil
		})
	}
}

// Func1 makes Compile call the template functions that take an A and return an R (and
// maybe an error) directly. R must not be an interface type (see Method0).
func Func1[A, R any]() Option {
	return func(x *Template) {
		x.fastFuncs = append(x.fastFuncs, func(fn any, convs []argFn, fail func(error)) callFn {
			switch f := fn.(type) {
			case func(A) R:
				return func(s *state, dot, _, final reflect.Value) reflect.Value {
					return reflect.ValueOf(guard0(f, as[A](convs[0](s, dot, final)), fail))
				}
			case func(A) (R, error):
				return func(s *state, dot, _, final reflect.Value) reflect.Value {
					return reflect.ValueOf(guard0e(f, as[A](convs[0](s, dot, final)), fail))
				}
			}
			return nil
		})
	}
}

// as is an argument, converted to its parameter's type already, as an A.
func as[A any](v reflect.Value) A {
	if a, ok := v.Interface().(A); ok {
		return a
	}
	var a A
	reflect.ValueOf(&a).Elem().Set(v) // assignable, though not of type A: nil, or an unnamed type
	return a
}

func (x *Template) addFast(t reflect.Type, mk fastMaker) { x.fast[t] = append(x.fast[t], mk) }

func fastMethod[T any](fn any, convs []argFn, fail func(error)) callFn {
	recvOf := func(v reflect.Value) T { return v.Interface().(T) }
	switch f := fn.(type) {
	case func(T) string:
		return func(_ *state, _, recv, _ reflect.Value) reflect.Value {
			return reflect.ValueOf(guard0(f, recvOf(recv), fail))
		}
	case func(T) bool:
		return func(_ *state, _, recv, _ reflect.Value) reflect.Value {
			return reflect.ValueOf(guard0(f, recvOf(recv), fail))
		}
	case func(T) int:
		return func(_ *state, _, recv, _ reflect.Value) reflect.Value {
			return reflect.ValueOf(guard0(f, recvOf(recv), fail))
		}
	case func(T) float64:
		return func(_ *state, _, recv, _ reflect.Value) reflect.Value {
			return reflect.ValueOf(guard0(f, recvOf(recv), fail))
		}
	case func(T) template.HTML:
		return func(_ *state, _, recv, _ reflect.Value) reflect.Value {
			return reflect.ValueOf(guard0(f, recvOf(recv), fail))
		}
	case func(T) template.HTMLAttr:
		return func(_ *state, _, recv, _ reflect.Value) reflect.Value {
			return reflect.ValueOf(guard0(f, recvOf(recv), fail))
		}
	case func(T) (string, error):
		return func(_ *state, _, recv, _ reflect.Value) reflect.Value {
			return reflect.ValueOf(guard0e(f, recvOf(recv), fail))
		}
	case func(T, string) string:
		a := convs[0]
		return func(s *state, dot, recv, final reflect.Value) reflect.Value {
			arg := a(s, dot, final).String()
			return reflect.ValueOf(guard1(f, recvOf(recv), arg, fail))
		}
	case func(T, string) (string, error):
		a := convs[0]
		return func(s *state, dot, recv, final reflect.Value) reflect.Value {
			arg := a(s, dot, final).String()
			return reflect.ValueOf(guard1e(f, recvOf(recv), arg, fail))
		}
	case func(T, string) (template.HTML, error):
		a := convs[0]
		return func(s *state, dot, recv, final reflect.Value) reflect.Value {
			arg := a(s, dot, final).String()
			return reflect.ValueOf(guard1e(f, recvOf(recv), arg, fail))
		}
	case func(T, string, ...any) (string, error):
		return func(s *state, dot, recv, final reflect.Value) reflect.Value {
			key := convs[0](s, dot, final).String()
			args := make([]any, len(convs)-1)
			for i, conv := range convs[1:] {
				if v := conv(s, dot, final); v.IsValid() {
					args[i] = v.Interface()
				}
			}
			g := func(t T, key string) (string, error) { return f(t, key, args...) }
			return reflect.ValueOf(guard1e(g, recvOf(recv), key, fail))
		}
	}
	return nil
}

// fastFunc returns a call of a template function of a common signature without
// reflection, or nil.
func fastFunc(fn any, convs []argFn, fail func(error)) callFn {
	switch f := fn.(type) {
	case func(string) string:
		return func(s *state, dot, _, final reflect.Value) reflect.Value {
			return reflect.ValueOf(guard0(f, convs[0](s, dot, final).String(), fail))
		}
	case func(string) bool:
		return func(s *state, dot, _, final reflect.Value) reflect.Value {
			return reflect.ValueOf(guard0(f, convs[0](s, dot, final).String(), fail))
		}
	case func(int, int) int:
		return func(s *state, dot, _, final reflect.Value) reflect.Value {
			a, b := int(convs[0](s, dot, final).Int()), int(convs[1](s, dot, final).Int())
			return reflect.ValueOf(guard1(f, a, b, fail))
		}
	case func([]string, string) string:
		return func(s *state, dot, _, final reflect.Value) reflect.Value {
			a, b := as[[]string](convs[0](s, dot, final)), convs[1](s, dot, final).String()
			return reflect.ValueOf(guard1(f, a, b, fail))
		}
	case func(...any) (map[string]any, error):
		return func(s *state, dot, _, final reflect.Value) reflect.Value {
			args := make([]any, len(convs))
			for i, conv := range convs {
				if v := conv(s, dot, final); v.IsValid() {
					args[i] = v.Interface()
				}
			}
			g := func(args []any) (map[string]any, error) { return f(args...) }
			return reflect.ValueOf(guard0e(g, args, fail))
		}
	case func(float64, float64) float64:
		return func(s *state, dot, _, final reflect.Value) reflect.Value {
			a, b := convs[0](s, dot, final).Float(), convs[1](s, dot, final).Float()
			return reflect.ValueOf(guard1(f, a, b, fail))
		}
	}
	return nil
}

// fastCall is the call of fn without reflection if its signature allows, or nil.
func (x *Template) fastCall(p *proc, node parse.Node, name string, fn reflect.Value, method bool, convs []argFn) callFn {
	fail := func(err error) { p.errorf(node, "error calling %s: %w", name, err) }
	if method {
		if r := fn.Type().Out(0); r.Kind() == reflect.Interface {
			return nil // see Method0
		}
		for _, mk := range x.fast[fn.Type().In(0)] {
			if call := mk(fn.Interface(), convs, fail); call != nil {
				return call
			}
		}
		return nil
	}
	if fn.Type().NumOut() > 0 && fn.Type().Out(0).Kind() == reflect.Interface {
		return nil
	}
	for _, mk := range x.fastFuncs {
		if call := mk(fn.Interface(), convs, fail); call != nil {
			return call
		}
	}
	return fastFunc(fn.Interface(), convs, fail)
}

// The guards call a function as text/template does: a panic is an error of the call.

func guard0[A, R any](f func(A) R, a A, fail func(error)) R {
	defer recoverCall(fail)
	return f(a)
}

func guard0e[A, R any](f func(A) (R, error), a A, fail func(error)) R {
	r, err := func() (r R, err error) {
		defer recoverInto(&err)
		return f(a)
	}()
	if err != nil {
		fail(err)
	}
	return r
}

func guard1[A, B, R any](f func(A, B) R, a A, b B, fail func(error)) R {
	defer recoverCall(fail)
	return f(a, b)
}

func guard1e[A, B, R any](f func(A, B) (R, error), a A, b B, fail func(error)) R {
	r, err := func() (r R, err error) {
		defer recoverInto(&err)
		return f(a, b)
	}()
	if err != nil {
		fail(err)
	}
	return r
}

func recoverCall(fail func(error)) {
	if r := recover(); r != nil {
		fail(panicError(r))
	}
}

func recoverInto(err *error) {
	if r := recover(); r != nil {
		*err = panicError(r)
	}
}

func panicError(r any) error {
	if e, ok := r.(error); ok {
		return e
	}
	return fmt.Errorf("%v", r)
}
