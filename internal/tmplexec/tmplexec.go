// Package tmplexec executes html/template layouts faster than html/template does, with the
// same output byte for byte.
//
// html/template escapes a template set once, by rewriting its parse trees: every action
// gets escaper functions appended to its pipeline (_html_template_htmlescaper, ...), and a
// template called in another context than where it was defined gets a copy escaped for
// that context. text/template then walks those trees for every execution, looking up each
// field and method by name and calling every function, the escapers included, through
// reflection. This package takes the same escaped trees and compiles each once into
// closures: a field or method is resolved once per concrete type at each place it is used,
// methods of the common signatures are called without reflection (see Methods), the
// builtins and the escapers are plain Go functions. What a template means is unchanged:
// the trees are html/template's own, and the evaluation rules are text/template's
// (missing keys, nil pointers, truth, argument conversion, errors), read from its source.
//
// Compile fails, naming the template, on anything it does not implement (an escaper, a
// builtin, a node kind): a layout edit never silently renders otherwise than with
// html/template.
package tmplexec

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"html/template"
	"io"
	"reflect"
	"strings"
	"sync"
	texttemplate "text/template"
	"text/template/parse"
)

// Template is an html/template set compiled for execution.
type Template struct {
	funcs map[string]reflect.Value
	fast  map[reflect.Type][]fastMaker // by receiver type
	// fastFuncs make direct calls of template functions
	fastFuncs []fastMaker
	// entries are the templates Compile was given, compiled; the only ones Execute runs.
	entries map[string]*proc
	shared  *Shared // nil: nothing is shared with other sets
	// compiling holds what only Compile needs: the escaped set and what is compiled of it
	// so far. It is let go once the entries are compiled, with the trees no proc keeps.
	compiling *compiling
}

// compiling is a Template's state while Compile runs.
type compiling struct {
	html   *template.Template // escaped, with the copies derived for other contexts
	procs  map[string]*proc   // by template name
	failed map[string]error
	keys   map[string]keyOf // see Template.key
}

// Shared holds compiled templates for every set compiled with it (see Share): a set of
// page layouts that each take a copy of the same base and partials compiles each of those
// once, not once per page layout, and keeps one copy of their trees.
type Shared struct {
	mu    sync.Mutex
	procs map[procKey]*proc
}

// NewShared returns an empty Shared.
func NewShared() *Shared { return &Shared{procs: map[procKey]*proc{}} }

// procKey identifies a compiled template by all that its compiled form depends on: its
// name, the file it was parsed from, its escaped tree and, in order, the keys of the
// templates it calls.
type procKey [sha256.Size]byte

type keyOf struct {
	key       procKey
	shareable bool
}

// Share makes Compile take a template from s when a set compiled before with s had the
// same one (see procKey), and add those it compiles to s. Every set compiled with one
// Shared must be compiled with the same functions and options: a compiled template
// calls them as they were for the set that compiled it first.
func Share(s *Shared) Option { return func(x *Template) { x.shared = s } }

// An Option adds to what Compile knows about the data.
type Option func(*Template)

// Compile escapes t, as executing each of entries would, and compiles those templates and
// every template they call. It owns t from then on: t is escaped in place, and cannot be
// cloned or parsed into afterwards. A set that calls a template in another context than
// the one it was defined in needs the copy html/template derives for that context added
// before it is escaped, and an escaped set takes no more templates: Compile then calls
// again for a new, unescaped copy of the set as t was given. funcs must be the functions
// t was parsed with.
func Compile(t *template.Template, again func() (*template.Template, error), funcs template.FuncMap, entries []string, opts ...Option) (*Template, error) {
	escaped, err := escapeAll(t, again, entries)
	if err != nil {
		return nil, err
	}
	x := &Template{funcs: map[string]reflect.Value{}, fast: map[reflect.Type][]fastMaker{},
		compiling: &compiling{html: escaped, procs: map[string]*proc{}, failed: map[string]error{}, keys: map[string]keyOf{}}}
	for name, f := range funcs {
		x.funcs[name] = reflect.ValueOf(f)
	}
	for _, o := range opts {
		o(x)
	}
	x.entries = map[string]*proc{}
	for _, name := range entries {
		p, err := x.proc(name)
		if err != nil {
			return nil, err
		}
		x.entries[name] = p
	}
	x.compiling = nil
	return x, nil
}

// escapeAll escapes t as executing each of entries would escape it, with the templates
// html/template derives for other contexts in its set, so that their escaped trees can be
// read. html/template keeps derived templates out of its own set
// ("name$htmltemplate_stateAttr..."), but uses one of that name if the set has it. Most
// sets derive none: t, escaped once, is the result. Otherwise a new copy of the set (from
// again) gets a copy of each template under each derived name before it is escaped,
// until an escaped copy calls no derived name it lacks.
func escapeAll(t *template.Template, again func() (*template.Template, error), entries []string) (*template.Template, error) {
	derived := map[string]bool{}
	for {
		if err := addDerived(t, derived); err != nil {
			return nil, err
		}
		if err := escape(t, entries); err != nil {
			return nil, err
		}
		// A derived template can call others in their own other contexts: their names
		// show only once the derived one is in the set.
		grew := false
		for _, tt := range t.Templates() {
			if tt.Tree != nil {
				walkTemplateNames(tt.Tree.Root, func(name string) {
					if strings.Contains(name, "$htmltemplate_") && !derived[name] {
						derived[name] = true
						grew = true
					}
				})
			}
		}
		if !grew {
			return t, nil
		}
		var err error
		if t, err = again(); err != nil {
			return nil, err
		}
	}
}

// addDerived adds to t a copy of a template under each derived name.
func addDerived(t *template.Template, derived map[string]bool) error {
	for name := range derived {
		base, _, _ := strings.Cut(name, "$htmltemplate_")
		src := t.Lookup(base)
		if src == nil || src.Tree == nil {
			return fmt.Errorf("html/template derived %q from a template the set does not have", name)
		}
		tree := &parse.Tree{Name: name, ParseName: src.Tree.ParseName, Root: src.Tree.Root.CopyList()}
		if _, err := t.AddParseTree(name, tree); err != nil {
			return err
		}
	}
	return nil
}

// escape makes html/template escape the entries of t: it escapes a template when it is
// first executed, and has no other way to ask for it. The data is nil, so that execution
// stops at the first field; only an escaping error is reported.
func escape(t *template.Template, entries []string) error {
	for _, name := range entries {
		err := t.ExecuteTemplate(io.Discard, name, nil)
		var escErr *template.Error
		if errors.As(err, &escErr) {
			return err
		}
		if err != nil && t.Lookup(name) == nil {
			return err
		}
	}
	return nil
}

// walkTemplateNames calls f with the name of every template that n calls.
func walkTemplateNames(n parse.Node, f func(string)) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n != nil {
			for _, c := range n.Nodes {
				walkTemplateNames(c, f)
			}
		}
	case *parse.IfNode:
		walkTemplateNames(n.List, f)
		walkTemplateNames(n.ElseList, f)
	case *parse.RangeNode:
		walkTemplateNames(n.List, f)
		walkTemplateNames(n.ElseList, f)
	case *parse.WithNode:
		walkTemplateNames(n.List, f)
		walkTemplateNames(n.ElseList, f)
	case *parse.TemplateNode:
		f(n.Name)
	}
}

// Execute applies the template name to data and writes the output to w, as
// html/template's ExecuteTemplate would.
func (x *Template) Execute(w io.Writer, name string, data any) (err error) {
	p := x.entries[name]
	if p == nil {
		return fmt.Errorf("html/template: %q is not one of the templates the set was compiled to execute", name)
	}
	s := &state{}
	if sw, ok := w.(stringWriter); ok {
		s.w = sw
	} else {
		s.w = writerAdapter{w}
	}
	defer func() {
		if e := recover(); e != nil {
			switch e := e.(type) {
			case execError:
				err = e.err
			case writeError:
				err = e.err
			default:
				panic(e)
			}
		}
	}()
	value, ok := data.(reflect.Value)
	if !ok {
		value = reflect.ValueOf(data)
	}
	p.run(s, value)
	return nil
}

type stringWriter interface {
	io.Writer
	io.StringWriter
}

type writerAdapter struct{ io.Writer }

func (w writerAdapter) WriteString(s string) (int, error) { return w.Write([]byte(s)) }

// state is one execution.
type state struct {
	w     stringWriter
	vars  []reflect.Value // the variables of the templates being executed, in frames
	base  int             // where the frame of the template being executed starts
	depth int
}

// execError is an error of execution, carried by panic to Execute as text/template does.
type execError struct{ err error }

type writeError struct{ err error }

func (s *state) writeString(str string) {
	if _, err := s.w.WriteString(str); err != nil {
		panic(writeError{err})
	}
}

func (s *state) write(b []byte) {
	if _, err := s.w.Write(b); err != nil {
		panic(writeError{err})
	}
}

// errorf stops the execution with an error worded as text/template words it.
func (p *proc) errorf(node parse.Node, format string, args ...any) {
	name := strings.ReplaceAll(p.name, "%", "%%")
	if node == nil {
		format = fmt.Sprintf("template: %s: %s", name, format)
	} else {
		location, context := p.tree.ErrorContext(node)
		format = fmt.Sprintf("template: %s: executing %q at <%s>: %s", location, name, strings.ReplaceAll(context, "%", "%%"), format)
	}
	panic(execError{texttemplate.ExecError{Name: p.name, Err: fmt.Errorf(format, args...)}})
}
