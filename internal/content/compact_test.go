package content

import (
	"reflect"
	"testing"
	"unsafe"
)

const everyKey = `+++
title = "Cambodia"
summary = "Japan's support for peace in Cambodia."
weight = 10
region = "asia"
iso = ["KHM", "THA"]
themes = ["ddr", "elections"]
source_hash = "0123456789abcdef"

[facts]
official_name = "Kingdom of Cambodia"
capital = "Phnom Penh"
area_km2 = 181035
population_millions = 16.7
languages = ["Khmer", "French"]
gdp_per_capita_usd = 1700
year = 2020
source = "World Bank"

[[events]]
date = "1991-10"
text = "Paris Peace Agreements signed."

[[figures]]
value = 1400
unit = "people"
approx = "about"
label = "Police officers trained"

[[corrections]]
source = "1,400 police"
correction = "1,500 police"
note = "The report's table says 1,500."

[[accept]]
rule = "figure"
where = "summary"
text = "1,400"
reason = "Rounded in the source."
+++
Body.
`

// Every string of the front matter is copied by compact: one that stayed a slice of the
// decoder's copy of the front matter would keep all of it alive as long as a page shows it.
func TestCompactCopiesEveryString(t *testing.T) {
	f := &File{Name: "content/en/countries/cambodia.md"}
	if err := Parse(f, []byte(everyKey)); err != nil {
		t.Fatal(err)
	}
	listed := map[*string]bool{}
	for _, s := range f.Front.stringFields() {
		listed[s] = true
	}
	var walk func(v reflect.Value, path string)
	walk = func(v reflect.Value, path string) {
		switch v.Kind() {
		case reflect.String:
			if v.Len() == 0 {
				t.Errorf("%s is empty: the test's front matter should set every string", path)
			}
			if !listed[v.Addr().Interface().(*string)] {
				t.Errorf("stringFields does not list %s", path)
			}
		case reflect.Pointer:
			if v.IsNil() {
				t.Errorf("%s is nil: the test's front matter should set every field", path)
				return
			}
			walk(v.Elem(), path)
		case reflect.Slice:
			if v.Len() == 0 {
				t.Errorf("%s is empty: the test's front matter should set every list", path)
			}
			for i := range v.Len() {
				walk(v.Index(i), path+"[]")
			}
		case reflect.Struct:
			for i := range v.NumField() {
				walk(v.Field(i), path+"."+v.Type().Field(i).Name)
			}
		}
	}
	walk(reflect.ValueOf(&f.Front).Elem(), "FrontMatter")

	// After Parse, the strings lie one after the other in one allocation, in the order
	// of stringFields.
	fields := f.Front.stringFields()
	for i := 1; i < len(fields); i++ {
		prev, s := *fields[i-1], *fields[i]
		if unsafe.StringData(s) != (*byte)(unsafe.Add(unsafe.Pointer(unsafe.StringData(prev)), len(prev))) {
			t.Fatalf("%q does not follow %q in one allocation: Parse did not compact the front matter", s, prev)
		}
	}
}
