package check

import (
	"os"
	"reflect"
	"strings"
	"testing"
	"unsafe"

	"peacebuilding/internal/sitetest"
	"peacebuilding/internal/synth"
)

// TestDetachLeavesNoQuoteOfAFile checks that after Detach no string of a report over a
// synthetic site (the figure, structure and style findings of a planted paragraph) shares
// memory with the text of a content file, and that every string of a report is one Detach
// can reach.
func TestDetachLeavesNoQuoteOfAFile(t *testing.T) {
	fsys, err := synth.FS(60, os.DirFS(sitetest.RepoRoot()))
	if err != nil {
		t.Fatal(err)
	}
	in, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	// The synthetic translations agree with their sources, as a real site's mostly do:
	// one country's is given a paragraph that the check finds a figure, a structure and a
	// style problem in, which quote the file.
	var planted string
	for _, f := range in.Files {
		if f.Lang == "ja" && strings.HasPrefix(f.Path, "countries/") && f.Path != "countries/_index.md" && f.Front.SourceHash != "" {
			f.Body += "\n取り組みは1234件に達した。\n"
			planted = strings.TrimSuffix(f.Path, ".md")
			break
		}
	}
	if planted == "" {
		t.Fatal("the synthetic site has no Japanese country page to plant findings in")
	}
	type span struct{ start, end uintptr }
	var texts []span
	for _, f := range in.Files {
		for _, s := range []string{f.FrontSource, f.Body} {
			if s != "" {
				p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
				texts = append(texts, span{p, p + uintptr(len(s))})
			}
		}
	}
	quotes := func(rep *Report) (inFiles, all int) {
		walkStrings(t, reflect.ValueOf(rep).Elem(), "Report", func(s string) {
			all++
			p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
			for _, x := range texts {
				if p >= x.start && p < x.end {
					inFiles++
					return
				}
			}
		})
		return inFiles, all
	}
	rep := Run(in)
	kinds := map[string]bool{}
	for _, p := range rep.Pairs {
		if p.Key == planted {
			for _, pr := range p.Problems {
				kinds[pr.Check] = true
			}
			kinds["style"] = len(p.Style) > 0
		}
	}
	for _, k := range []string{"figure", "structure", "style"} {
		if !kinds[k] {
			t.Errorf("the paragraph planted in %s gives no %s finding (it gives %v): the test covers less than it says", planted, k, kinds)
		}
	}
	before, _ := quotes(rep)
	if before == 0 {
		t.Fatal("the report quotes no content file: the test would not see a quote that Detach misses")
	}
	rep.Detach()
	if after, all := quotes(rep); after != 0 {
		t.Errorf("after Detach, %d of the report's %d strings still share a content file's text (%d before)", after, all, before)
	}
}

// walkStrings calls f with every non-empty string reachable from v, and fails t on a
// string that Detach cannot set (an unexported field) or a map, which it does not walk.
func walkStrings(t *testing.T, v reflect.Value, path string, f func(string)) {
	switch v.Kind() {
	case reflect.String:
		if v.Len() == 0 {
			return
		}
		if !v.CanSet() {
			t.Errorf("%s: a string Detach cannot copy (unexported)", path)
		}
		f(v.String())
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			walkStrings(t, v.Elem(), path, f)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			walkStrings(t, v.Field(i), path+"."+v.Type().Field(i).Name, f)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			walkStrings(t, v.Index(i), path+"[]", f)
		}
	case reflect.Map:
		t.Errorf("%s: a map, which Detach does not walk", path)
	}
}
