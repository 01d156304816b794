package pdf

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"time"
)

// Reproducible makes a PDF that Chromium printed the same bytes each time the same page is
// printed, in place, and returns data. Chromium writes two things that change from one
// printing to the next: the time of printing, as the creation and modification dates, and
// the ids of the tagged PDF's table cells, numbered from a counter of the browser's
// document nodes. Printing a site again would then change every PDF, and a host would
// upload them all again.
//
// The dates become date (when it is set); the ids are renumbered by rank (node00000000,
// node00000001…), in the same order, so that the ids' name tree stays sorted. Neither
// changes the length of anything: the PDF's cross-reference table holds byte offsets.
func Reproducible(data []byte, date time.Time) []byte {
	if !date.IsZero() {
		stamp := []byte(date.UTC().Format("D:20060102150405") + "+00'00'")
		for _, m := range pdfDate.FindAllSubmatchIndex(data, -1) {
			if start, end := m[2], m[3]; end-start == len(stamp) {
				copy(data[start:end], stamp)
			}
		}
	}
	found := nodeID.FindAllIndex(data, -1)
	var ids [][]byte
	for _, m := range found {
		ids = append(ids, data[m[0]:m[1]])
	}
	slices.SortFunc(ids, bytes.Compare)
	ids = slices.CompactFunc(ids, bytes.Equal)
	rank := make(map[string][]byte, len(ids))
	for i, id := range ids {
		rank[string(id)] = fmt.Appendf(nil, "node%08d", i)
	}
	for _, m := range found {
		copy(data[m[0]:m[1]], rank[string(data[m[0]:m[1]])])
	}
	return data
}

// pdfDate matches the dates Chromium (Skia) writes into a PDF's document information:
// "/CreationDate (D:20261205224640+00'00')" and "/ModDate (…)", with the date in group 1.
var pdfDate = regexp.MustCompile(`/(?:CreationDate|ModDate) \((D:\d{14}(?:[+-]\d\d'\d\d'|Z))\)`)

// nodeID matches the id of a structure element as Chromium writes it, in a string:
// "(node00000142)".
var nodeID = regexp.MustCompile(`node\d{8}\b`)
