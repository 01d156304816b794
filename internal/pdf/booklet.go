package pdf

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"peacebuilding/internal/search"
	"peacebuilding/internal/site"
)

// A booklet is printed twice or more (Chromium has no target-counter()): once to learn on
// which page each brief starts, read from the PDF's named destinations, and again with
// those numbers written into the contents and the cross-references by the page's script
// (assets/print.js), which reads the plan from the address (Plan.Query). Which short
// briefs share a page is decided before, from the PDFs of the briefs alone.

// Brief is one brief of a booklet, as its own PDF printed it.
type Brief struct {
	Anchor string  // the id of the brief's article in the booklet
	Pages  int     // pages of its own PDF
	Fill   float64 // how full its last page is, 0 to 1
	// Alone says that the brief starts a page, never sharing the page before: the page
	// that closes the booklet (site.ClosingKey) is a part of its own.
	Alone bool
}

// Plan says, for each brief of a booklet in order, whether it continues the page of the
// brief before (Joined) and on which page it starts (Start, 1-based; 0 while unknown).
type Plan struct {
	Anchors []string
	Joined  []bool
	Start   []int
	// apart marks the briefs that start a page from then on, so that a later pass does
	// not join them again: those that fillEmpty or separate took out of a run, and those
	// alone (Brief.Alone) from the start.
	apart []bool
	// heights are the briefs' heights in pages, from their own PDFs (Brief.height), for
	// estimate; nil in a plan made by hand.
	heights []float64
}

// Share, Gap and MaxShared rule a booklet's pages: a brief follows the brief before on its
// last page when that page is less than Share full (it starts Gap of a page below it), so
// that no page of the booklet is left mostly empty; otherwise it starts a page. At most
// MaxShared briefs run on together, because each page of such a run names them all in
// its running head and foot, on one line each.
const (
	Share     = 0.35
	Gap       = 0.05
	MaxShared = 3
)

// height is how many pages the brief takes: its pages but the last, which break where the
// text allows, plus the fill of its last page.
func (b Brief) height() float64 { return float64(b.Pages-1) + b.Fill }

// frontPages is how many pages come before a booklet's first brief: the cover and one page
// of contents (layouts/print.html). Only the first printing's estimate of the page numbers
// counts on it; a longer contents costs one more printing.
const frontPages = 2

// NewPlan decides which briefs share a page, from their own PDFs, and estimates on which
// page each starts (estimate), so that the first printing may already be the last.
func NewPlan(briefs []Brief) Plan {
	p := Plan{Anchors: make([]string, len(briefs)), Joined: make([]bool, len(briefs)), Start: make([]int, len(briefs)), apart: make([]bool, len(briefs)), heights: make([]float64, len(briefs))}
	fill, run := 1.0, 0 // how full the last page is, and the briefs run on together so far
	for i, b := range briefs {
		p.Anchors[i] = b.Anchor
		p.apart[i] = b.Alone
		height := b.height()
		p.heights[i] = height
		if i > 0 && !b.Alone && fill < Share && run < MaxShared {
			p.Joined[i] = true
			_, fill = pageBreaks(fill + Gap + height)
			run++
			continue
		}
		_, fill = pageBreaks(height)
		run = 1
	}
	p.estimate(0, frontPages, 1)
	return p
}

// estimate sets the start page of brief from and of every brief after it, as NewPlan lays
// them out from their heights, continuing after page, filled to fill (1: a full page). It
// is a guess that the next printing checks: a brief breaks across pages in the booklet
// where it can, not where its own PDF broke.
func (p *Plan) estimate(from, page int, fill float64) {
	if len(p.heights) != len(p.Anchors) {
		return // a plan made by hand: no heights to go by
	}
	for i := from; i < len(p.Anchors); i++ {
		end := p.heights[i] // how far below the top of its first page the brief ends, in pages
		if p.Joined[i] {
			end += fill + Gap
		} else {
			page++
		}
		p.Start[i] = page
		var breaks int
		breaks, fill = pageBreaks(end)
		page += breaks
	}
}

// pageBreaks returns how many pages a brief turns that ends end pages below the top of
// the page it starts on, and how full it leaves its last page: a brief that ends at a
// page's foot fills that page (1), it does not leave the next one empty.
func pageBreaks(end float64) (breaks int, fill float64) {
	b := max(math.Ceil(end)-1, 0)
	return int(b), end - b
}

// Empty is how full a page of a booklet must be, but its last: a quarter. The page before
// a brief that separate set apart from its head may be less, down to ApartFill: the
// brief's title started below Empty, and the space above it is the page's text.
const (
	Empty     = 0.25
	ApartFill = 0.2
)

// fillEmpty joins to the page before it each brief that starts after a page of the
// booklet less than Empty full (with a margin, since the join moves what follows), as far
// as MaxShared allows, and reports whether it changed the plan. When the run before is
// full already and its last brief ran on from an earlier page onto the nearly empty one,
// that brief leaves the run and starts a page instead (its end moves down the page, and
// the brief after may join it then). The start pages of the changed briefs and of those
// after them are estimated again from the printed page before the first change.
func (p *Plan) fillEmpty(pages []PageWords) bool {
	p.Joined = slices.Clone(p.Joined)
	if len(p.apart) != len(p.Anchors) {
		p.apart = make([]bool, len(p.Anchors))
	} else {
		p.apart = slices.Clone(p.apart)
	}
	changed := false
	from, page, fill := -1, 0, 0.0 // the first changed brief, and where the page before it ends
	for k := 1; k < len(p.Anchors); k++ {
		before := p.Start[k] - 2 // the index of the page before the brief's first
		if p.Joined[k] || p.apart[k] || before < 0 || before >= len(pages) || pages[before].Fill() >= Empty+0.05 {
			continue
		}
		run := 2 // the run of the brief before k joined with the run k begins
		for j := k - 1; j > 0 && p.Joined[j]; j-- {
			run++
		}
		for j := k + 1; j < len(p.Joined) && p.Joined[j]; j++ {
			run++
		}
		switch last := k - 1; {
		case run <= MaxShared:
			if !changed {
				from, page, fill = k, p.Start[k]-1, pages[before].Fill()
			}
			p.Joined[k], changed = true, true
		case !changed && p.Joined[last] && p.Start[last] < p.Start[k]-1:
			// Only on pages that no change of this pass has moved yet. The brief now starts
			// the page after the one it started on.
			from, page, fill = last, p.Start[last], 1
			p.Joined[last], p.apart[last], changed = false, true, true
		}
	}
	if changed {
		p.Start = slices.Clone(p.Start)
		p.estimate(from, page, fill)
	}
	return changed
}

// Stranded is how far down its page a brief's title may start when it shares the page
// with the brief before: lower, its title and summary end the page and its text starts
// the next, where the contents send the reader.
const Stranded = 0.7

// A BriefHead is what separate looks for of a brief on the booklet's pages: its title,
// and the first words of its text (Lead).
type BriefHead struct {
	Title, Lead string
}

// leadRunes is how much of a brief's text Lead keeps: enough to tell it from the side
// column's first line beside it, short enough to be the start of a printed line.
const leadRunes = 8

// Lead is the first words of the text of the brief p, as a printed line starts with them
// (Squash): its body's first block of text, as the search index reads it.
func Lead(p *site.Page) string {
	blocks := search.PlainText(string(p.Body()))
	if len(blocks) == 0 {
		return ""
	}
	text := Squash(blocks[0])
	if utf8.RuneCountInString(text) > leadRunes {
		text = string([]rune(text)[:leadRunes])
	}
	return text
}

// separate takes out of its run each brief that the plan joins to the page before but
// that the printing put on a page of its own, or at the foot of the shared one, or apart
// from its own text (heads[k] is brief k's):
//   - its title the first text of its page: the brief before filled its page. In the run,
//     its pages would be headed by the part's name, and the rule that sets it apart from
//     the brief before would top its page; on its own they are headed by its title, and
//     nothing moves;
//   - its title below Stranded of the page, or its text on the next page while its title
//     is on this one: it starts the next page instead, and the start pages of the briefs
//     after it are estimated again. Below its head and figures, a brief's text and its
//     side column (the key facts and map) are one row of its grid, which the printing
//     moves whole to the next page when it does not fit: the head and the figures ended
//     the page, apart from the text they introduce (Iraq in the Japanese booklet).
//
// apart keeps fillEmpty from joining it again. It reports whether it changed the plan.
func (p *Plan) separate(pages []PageWords, heads []BriefHead) bool {
	changed, from := false, -1
	for k := 1; k < len(p.Anchors); k++ {
		n := p.Start[k]
		if !p.Joined[k] || n < 1 || n > len(pages) {
			continue
		}
		title := Squash(heads[k].Title)
		top := strings.HasPrefix(pages[n-1].Body(), title)
		at, found := pages[n-1].lineStarting(title)
		textNext := false
		if lead := heads[k].Lead; lead != "" && found && at > Empty && n < len(pages) {
			// Only when the next page shows it: a lead the printed text does not start
			// with (a word the PDF spells otherwise) moves nothing. And only when the
			// page keeps a quarter of its height before the title: the page it leaves is
			// then at least ApartFill full, not nearly empty.
			_, here := pages[n-1].lineStarting(lead)
			_, next := pages[n].lineStarting(lead)
			textNext = !here && next
		}
		stranded := found && !top && (at > Stranded || textNext)
		if !top && !stranded {
			continue
		}
		if !changed {
			p.Joined, p.apart, p.Start = slices.Clone(p.Joined), slices.Clone(p.apart), slices.Clone(p.Start)
			if len(p.apart) != len(p.Anchors) {
				p.apart = make([]bool, len(p.Anchors))
			}
		}
		p.Joined[k], p.apart[k], changed = false, true, true
		if stranded && from < 0 {
			from = k
		}
	}
	if from >= 0 {
		p.estimate(from, p.Start[from], 1)
	}
	return changed
}

// lineStarting finds the first line of the page's body that the text starts with, or that
// starts the text (a title on two lines), and says how far down the body it starts: 0 at
// its top, 1 at its foot.
func (p PageWords) lineStarting(text string) (at float64, found bool) {
	for _, l := range lines(p.body()) {
		if utf8.RuneCountInString(l.text) >= min(utf8.RuneCountInString(text), 4) && (strings.HasPrefix(text, l.text) || strings.HasPrefix(l.text, text)) {
			return (l.top - TopMargin) / (p.Height - TopMargin - BottomMargin), true
		}
	}
	return 0, false
}

// TitleID is the id of the title of the brief with the anchor a in its booklet
// (layouts/print.html), which the booklet's contents and cross-references lead to in print.
func TitleID(a string) string { return a + "-title" }

// Query encodes the plan for the booklet's script: "book=" and, for each brief, its
// anchor and start page, a "+" before those that continue the page before:
// book=cambodia.3,timor-leste.5,%2Bsri-lanka.5 (anchors are the site's slugs, which need
// no escaping but the "+").
func (p Plan) Query() string {
	var b strings.Builder
	b.WriteString("book=")
	for i, a := range p.Anchors {
		if i > 0 {
			b.WriteByte(',')
		}
		if p.Joined[i] {
			b.WriteString("%2B")
		}
		fmt.Fprintf(&b, "%s.%d", a, p.Start[i])
	}
	return b.String()
}

var (
	objectRE = regexp.MustCompile(`(?s)(\d+) 0 obj(.*?)endobj`)
	refRE    = regexp.MustCompile(`(\d+) 0 R`)
	kidsRE   = regexp.MustCompile(`/Kids\s*\[([^\]]*)\]`)
	rootRE   = regexp.MustCompile(`/Type\s*/Catalog\b`)
	pagesRE  = regexp.MustCompile(`/Pages\s+(\d+) 0 R`)
	destsRE  = regexp.MustCompile(`/Dests\s+(\d+) 0 R`)
	destRE   = regexp.MustCompile(`/([^\s/\[\]<>()]+)\s*\[\s*(\d+) 0 R`)
	hexRE    = regexp.MustCompile(`#[0-9A-Fa-f]{2}`)
)

// Starts returns the page (1-based) of each named destination of a PDF as Chromium writes
// it: an element of the page that a link within the page leads to, such as a brief of
// the booklet that its contents lists, by its id. Objects are in plain sight (see Pages).
func Starts(data []byte) (map[string]int, error) {
	objs := map[string]string{}
	root := ""
	for _, m := range objectRE.FindAllSubmatch(data, -1) {
		objs[string(m[1])] = string(m[2])
		if rootRE.Match(m[2]) {
			root = string(m[2])
		}
	}
	pm := pagesRE.FindStringSubmatch(root)
	dm := destsRE.FindStringSubmatch(root)
	if pm == nil || dm == nil {
		return nil, errors.New("PDF without a page tree or named destinations")
	}
	page := map[string]int{} // page object number -> page number
	var walk func(id string, depth int)
	walk = func(id string, depth int) {
		obj := objs[id]
		k := kidsRE.FindStringSubmatch(obj)
		if k == nil || depth > 32 {
			page[id] = len(page) + 1
			return
		}
		for _, r := range refRE.FindAllStringSubmatch(k[1], -1) {
			walk(r[1], depth+1)
		}
	}
	walk(pm[1], 0)
	out := map[string]int{}
	for _, m := range destRE.FindAllStringSubmatch(objs[dm[1]], -1) {
		name := hexRE.ReplaceAllStringFunc(m[1], func(h string) string {
			b, _ := strconv.ParseUint(h[1:], 16, 8)
			return string(rune(b))
		})
		if n, ok := page[m[2]]; ok {
			out[name] = n
		}
	}
	return out, nil
}

// The page margins of assets/style.css (@page), in points: text in them is the running
// head or foot, not the page's body.
const (
	TopMargin    = 16 / 25.4 * 72
	BottomMargin = 17 / 25.4 * 72
	LeftMargin   = 16 / 25.4 * 72
)

// Box is a word of a PDF page and where it is, in points from the page's top left.
type Box struct {
	XMin, YMin, XMax, YMax float64
	Text                   string
}

// PageWords are the words of one page of a PDF, as pdftotext -bbox reads them.
type PageWords struct {
	Width, Height float64
	Words         []Box
}

// InLines joins words in reading order, without white space (pdftotext sets spaces as it
// guesses them): lines from the top (words whose middles are within 3 points of the
// line's first word share the line), each from the left.
func InLines(words []Box) string {
	var b strings.Builder
	for _, l := range lines(words) {
		b.WriteString(l.text)
	}
	return b.String()
}

// A line is the words of a line of a page, joined without white space, and where its top
// is.
type line struct {
	text string
	top  float64
}

// lines groups words into lines, from the top (words whose middles are within 3 points of
// the line's first word share the line), each read from the left.
func lines(words []Box) []line {
	words = slices.Clone(words)
	mid := func(w Box) float64 { return (w.YMin + w.YMax) / 2 }
	slices.SortStableFunc(words, func(a, b Box) int { return cmp.Compare(mid(a), mid(b)) })
	var out []line
	for len(words) > 0 {
		n := 1
		for n < len(words) && mid(words[n])-mid(words[0]) < 3 {
			n++
		}
		ws := words[:n]
		slices.SortStableFunc(ws, func(a, b Box) int { return cmp.Compare(a.XMin, b.XMin) })
		var b strings.Builder
		for _, w := range ws {
			b.WriteString(Squash(w.Text))
		}
		out = append(out, line{b.String(), words[0].YMin})
		words = words[n:]
	}
	return out
}

// Squash removes all white space.
func Squash(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// Body is the text of the page between its margins, in reading order (InLines).
func (p PageWords) Body() string { return InLines(p.body()) }

// body is the words of the page between its margins.
func (p PageWords) body() []Box {
	var out []Box
	for _, w := range p.Words {
		if mid := (w.YMin + w.YMax) / 2; mid > TopMargin && mid < p.Height-BottomMargin {
			out = append(out, w)
		}
	}
	return out
}

var (
	pageTag = regexp.MustCompile(`<page width="([0-9.]+)" height="([0-9.]+)">`)
	wordTag = regexp.MustCompile(`<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">(.*?)</word>`)
)

// ReadWords reads the words of every page of a PDF file with their positions, with
// pdftotext (Debian package poppler-utils).
func ReadWords(file string) ([]PageWords, error) {
	out, err := exec.Command("pdftotext", "-bbox", "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return nil, errors.New("pdftotext not found: install the Debian package poppler-utils")
		}
		return nil, fmt.Errorf("pdftotext -bbox %s: %v", file, err)
	}
	var pages []PageWords
	for _, chunk := range strings.Split(string(out), "</page>") {
		m := pageTag.FindStringSubmatch(chunk)
		if m == nil {
			continue
		}
		p := PageWords{Width: num(m[1]), Height: num(m[2])}
		for _, w := range wordTag.FindAllStringSubmatch(chunk, -1) {
			p.Words = append(p.Words, Box{num(w[1]), num(w[2]), num(w[3]), num(w[4]), unescape(w[5])})
		}
		pages = append(pages, p)
	}
	return pages, nil
}

func num(s string) float64 { f, _ := strconv.ParseFloat(s, 64); return f }

var unescaper = strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`, "&apos;", "'", "&#39;", "'")

func unescape(s string) string { return unescaper.Replace(s) }

// Fill returns how far down the page's body its text reaches, as a fraction of the
// body's height between the margins: 0 for a page without body text.
func (p PageWords) Fill() float64 {
	bottom := TopMargin
	for _, w := range p.body() {
		bottom = max(bottom, w.YMax)
	}
	return (bottom - TopMargin) / (p.Height - TopMargin - BottomMargin)
}

// PrintSite prints every target of the site written in siteDir to outDir, at the
// targets' Out paths: the briefs, then each booklet by its plan, again until the pages
// its contents names are those its briefs start on (once when the plan's estimate was
// right; again when the page numbers move a brief, or when a nearly empty page makes
// fillEmpty change the plan: each of its changes moves what follows, so that it makes one
// kind at a time). It returns how each brief printed again for a sheet less was printed (see
// fitBriefs), by its Out path.
func (p Printer) PrintSite(ctx context.Context, siteDir, outDir string, targets []Target, parallel int) (map[string]Fit, error) {
	fitted := map[string]Fit{}
	if len(targets) == 0 {
		return fitted, nil
	}
	job := func(t Target) Job {
		return Job{Src: filepath.Join(siteDir, filepath.FromSlash(t.Src)), Out: filepath.Join(outDir, filepath.FromSlash(t.Out)), Date: t.Date}
	}
	var jobs []Job
	briefs := map[string]Brief{} // by page URL
	var spilled []spill          // the briefs whose last page is nearly empty
	for _, t := range targets {
		if !t.Booklet() {
			jobs = append(jobs, job(t))
		}
	}
	// One browser prints every pass: starting one costs about a second.
	chrome, err := p.start()
	if err != nil {
		return nil, err
	}
	defer chrome.close()
	if err := p.printAll(ctx, chrome, jobs, parallel); err != nil {
		return nil, err
	}
	for _, t := range targets {
		if t.Booklet() {
			continue
		}
		pages, err := ReadWords(job(t).Out)
		if err != nil {
			return nil, err
		}
		if len(pages) == 0 {
			return nil, fmt.Errorf("%s: no pages", job(t).Out)
		}
		briefs[t.Page] = Brief{Anchor: t.Anchor, Pages: len(pages), Fill: pages[len(pages)-1].Fill(), Alone: t.Alone}
		heading := ""
		if t.Refs {
			html, err := os.ReadFile(job(t).Src)
			if err != nil {
				return nil, err
			}
			heading = RefsHeading(html)
		}
		if Spills(pages, heading, FitFill) {
			spilled = append(spilled, spill{job(t), len(pages), t.Refs})
		}
	}
	// The booklets are planned from the briefs as printed at full size, as the booklets
	// print them; only then is a brief that spills a few lines onto a last page printed
	// smaller, to fit one page less.
	if fitted, err = p.fitBriefs(ctx, chrome, spilled, parallel, outDir); err != nil {
		return nil, err
	}
	var books []Target
	var plans []Plan
	for _, t := range targets {
		if !t.Booklet() {
			continue
		}
		var bs []Brief
		for _, b := range t.Briefs {
			br, ok := briefs[b.URL]
			if !ok {
				return nil, fmt.Errorf("%s: the brief %s was not printed", t.Src, b.URL)
			}
			bs = append(bs, br)
		}
		books = append(books, t)
		plans = append(plans, NewPlan(bs))
	}
	const passes = 8
	for pass := 1; len(books) > 0; pass++ {
		jobs = jobs[:0]
		for i, t := range books {
			j := job(t)
			j.Query = plans[i].Query()
			jobs = append(jobs, j)
		}
		if err := p.printAll(ctx, chrome, jobs, parallel); err != nil {
			return nil, err
		}
		var again []Target
		var againPlans []Plan
		for i, t := range books {
			data, err := os.ReadFile(jobs[i].Out)
			if err != nil {
				return nil, err
			}
			starts, err := Starts(data)
			if err != nil {
				return nil, fmt.Errorf("%s: %v", jobs[i].Out, err)
			}
			plan, moved := plans[i], false
			plan.Start = slices.Clone(plan.Start)
			for k, a := range plan.Anchors {
				if n := starts[TitleID(a)]; n != plan.Start[k] {
					plan.Start[k], moved = n, true
				}
			}
			// The briefs' own PDFs only estimate the booklet's pages: a brief planned to
			// share a page may start one of its own, and a page the booklet still leaves
			// nearly empty takes the next brief after all.
			pages, err := ReadWords(jobs[i].Out)
			if err != nil {
				return nil, err
			}
			heads := make([]BriefHead, len(t.Briefs))
			for k, b := range t.Briefs {
				heads[k] = BriefHead{Title: b.Title, Lead: Lead(b)}
			}
			// One kind of change a printing: a brief that separate moved has moved the
			// pages after it, which fillEmpty would read at their old places.
			if plan.separate(pages, heads) {
				moved = true
			} else if plan.fillEmpty(pages) {
				moved = true
			}
			if !moved {
				continue
			}
			if pass == passes {
				return nil, fmt.Errorf("%s: the page numbers of the contents did not settle after %d printings", jobs[i].Out, passes)
			}
			again, againPlans = append(again, t), append(againPlans, plan)
		}
		books, plans = again, againPlans
	}
	return fitted, nil
}

// A Fit is a way of printing a brief again for a sheet less: smaller, without the list
// of the pages its text refers to, or both.
type Fit struct {
	// Scale is the size, printToPDF's scale: 0.96 and 0.93, its 10-point text at 9.6 and
	// 9.3 points, still easy to read; 1 is the full size.
	Scale float64
	// NoRefs leaves out the printed list of the pages the text refers to (the page's
	// "print-refs"; "norefs" in its query, for assets/print.js).
	NoRefs bool
}

// Fits are the ways a brief is printed again, in turn, when its last page holds no more
// than a few lines (Spills): without its list of the pages it refers to, if it has
// one, then at each smaller size with the list, then without it. The list never makes
// the text smaller: a brief is printed as large as it would be without it. A brief that
// fits none keeps its full size and its list.
var Fits = []Fit{{1, true}, {0.96, false}, {0.96, true}, {0.93, false}, {0.93, true}}

// FitFill is how full a brief's last page may be for fitBriefs to try the brief again: a
// quarter of the body, about fifteen lines. A second sheet for an editor's note, a short
// section or a few dates is a sheet wasted in a meeting; at 0.085 (the source note alone,
// or a line or two) four English briefs still printed such a sheet. A brief that no Fit
// saves keeps its full size: trying costs only the printings.
const FitFill = 0.25

// Spills reports whether a brief printed on pages holds no more than limit of its last
// page (FitFill for fitBriefs), measured down to its list of pages referred to when the
// page holds the list's heading (refsHeading, "" for a brief without a list): the list
// runs from one line to six, and a sheet for a line or two of text and the list is as
// wasted as one for the source note.
func Spills(pages []PageWords, refsHeading string, limit float64) bool {
	if len(pages) < 2 {
		return false
	}
	last := pages[len(pages)-1]
	fill := last.Fill()
	if refsHeading != "" {
		if at, found := last.lineStarting(refsHeading); found {
			fill = at
		}
	}
	return fill <= limit
}

// RefsHeading is the start of the heading of the list of pages referred to in a brief's
// HTML (layouts/partials.html, class print-refs-h), up to its address in brackets, white
// space removed as Squash does: "Pagesreferredto"; "" without a list.
func RefsHeading(html []byte) string {
	_, after, found := strings.Cut(string(html), "print-refs-h")
	if !found {
		return ""
	}
	_, after, _ = strings.Cut(after, ">")
	text, _, _ := strings.Cut(after, "<")
	text, _, _ = strings.Cut(text, "(")
	text, _, _ = strings.Cut(text, "（")
	return Squash(text)
}

// spill is a brief printed at full size whose last page is nearly empty, its pages, and
// whether it has a list of pages referred to.
type spill struct {
	job   Job
	pages int
	refs  bool
}

// fitBriefs prints each brief of spilled again by each of Fits in turn, and keeps the
// first print that has fewer pages. It returns the Fit of each brief it kept, by its
// path relative to outDir, slash-separated.
func (p Printer) fitBriefs(ctx context.Context, chrome *browser, spilled []spill, parallel int, outDir string) (map[string]Fit, error) {
	fitted := map[string]Fit{}
	for _, fit := range Fits {
		var tries []Job
		var tried, left []spill // left: at full size still
		for _, s := range spilled {
			if fit.NoRefs && !s.refs {
				left = append(left, s) // without the list it prints the same
				continue
			}
			j := s.job
			j.Out += ".fit"
			j.Scale = fit.Scale
			if fit.NoRefs {
				j.Query = "norefs"
			}
			tries, tried = append(tries, j), append(tried, s)
		}
		if len(tries) == 0 {
			continue
		}
		if err := p.printAll(ctx, chrome, tries, parallel); err != nil {
			return nil, err
		}
		for k, j := range tries {
			smaller, err := ReadWords(j.Out)
			if err != nil {
				return nil, err
			}
			full := tried[k].job.Out
			if len(smaller) < tried[k].pages {
				err = os.Rename(j.Out, full)
				rel, _ := filepath.Rel(outDir, full)
				fitted[filepath.ToSlash(rel)] = fit
			} else {
				err = os.Remove(j.Out)
				left = append(left, tried[k])
			}
			if err != nil {
				return nil, err
			}
		}
		spilled = left
	}
	return fitted, nil
}
