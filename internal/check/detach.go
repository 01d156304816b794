package check

import (
	"reflect"
	"strings"
)

// Detach gives every string of r its own copy. A report quotes the content files (a
// problem's text, a style finding's line, a stale page's changed sentences), and a quote is
// a slice of the text of its file, which it keeps alive whole: the status page's report,
// kept until the page is rendered, held the text of every file with a finding through the
// whole build (about 40 MB at 10,000 pages per language), after the build had let the
// files' text go. A report kept beside the files it quotes (make check) needs no Detach.
func (r *Report) Detach() { detachStrings(reflect.ValueOf(r).Elem()) }

// detachStrings copies each string reachable from v, which must be settable, in place.
// The report is a tree: no value is visited twice.
func detachStrings(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		if v.CanSet() && v.Len() > 0 {
			v.SetString(strings.Clone(v.String()))
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			detachStrings(v.Elem())
		}
	case reflect.Struct:
		for i := range v.NumField() {
			detachStrings(v.Field(i))
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			detachStrings(v.Index(i))
		}
	case reflect.Map:
		panic("check: a report holds no maps; detach its strings here if it comes to")
	}
}
