package browsertest

import (
	"fmt"
	"math"
	"net/url"
	"strings"
	"testing"
)

// Checks of what a reader meets on a phone and on a desktop (issue 14), run on the page
// that checkPage has loaded: no new page visits.

// phoneWidth is the phone the checks lay pages out for (an iPhone of 390 CSS px).
const phoneWidth = 390

// minTarget is the smallest tap target, in CSS px (WCAG 2.2, 2.5.8 Target Size, AA).
const minTarget = 24

type phoneInfo struct {
	HeaderRows int      // rows of the site header: its title, menu and language switch
	Tables     []string // tables that are not stacked
	Small      []string // links, buttons, inputs smaller than minTarget
	Targets    int      // how many were measured
	Broken     []string // Japanese numbers with units and names broken across lines
	Kept       int      // how many such runs were measured
	// Phrases are the phrases of Japanese text set to break between phrases only (the
	// layouts' <wbr>, word-break: keep-all) that a line breaks inside all the same: the
	// rule left out of the stylesheet for that text.
	Phrases    []string
	PhraseRuns int // how many such phrases were measured
}

// phoneJS measures the page at phone width: tables must be stacked (display: block, no
// table layout), every visible link, button, input and summary at least minTarget square
// (a link broken over two lines: its tallest line box and its full width), and, on a
// Japanese page, no number with its unit or counter and no name of a country, capital or
// official name (or part of a long one) broken over two lines in the tables, key facts
// and figures, and no number
// in the text (where names may break: see render.keepHTML). The names are
// read from the page: the text of its links to country briefs and of the facts' names.
const phoneJS = `(() => {
	const min = %d, out = {HeaderRows: 0, Tables: [], Small: [], Targets: 0, Broken: [], Kept: 0, Phrases: [], PhraseRuns: 0};
	const visible = el => {
		const s = getComputedStyle(el);
		return s.visibility !== "hidden" && s.display !== "none" && el.getClientRects().length > 0;
	};
	// A row of the header: boxes that overlap vertically; the next row starts below.
	const boxes = Array.from(document.querySelectorAll(".site-header .wrap > *, .site-header .header-tools > *")).filter(visible).map(el => el.getBoundingClientRect()).sort((a, b) => a.top - b.top);
	let rowBottom = -Infinity;
	for (const r of boxes) {
		if (r.top >= rowBottom - 1) { out.HeaderRows++; rowBottom = r.bottom; } else rowBottom = Math.max(rowBottom, r.bottom);
	}
	const describe = el => "<" + el.tagName.toLowerCase() + (el.className ? " class=" + JSON.stringify(String(el.className)) : "") + "> " + JSON.stringify((el.textContent || el.value || "").trim().slice(0, 40));
	for (const t of document.querySelectorAll("main table")) {
		if (visible(t) && getComputedStyle(t).display === "table") out.Tables.push(describe(t));
	}
	// A link drawn in a picture (a country on the map, an event on the time axis) may be
	// smaller when the page has the same link as text, as large as the rule asks (WCAG
	// 2.5.8's "equivalent" exception): the lists beside the map and below the time axis.
	const textLinks = new Set(Array.from(document.querySelectorAll("a[href]")).filter(a => !a.closest("svg") && visible(a)).map(a => a.href));
	for (const el of document.querySelectorAll("a[href], button, input, select, textarea, summary")) {
		if (!visible(el)) continue;
		if (el.closest("svg") && textLinks.has(el.href.baseVal !== undefined ? new URL(el.href.baseVal, location.href).href : el.href)) continue;
		const rects = Array.from(el.getClientRects()).filter(r => r.width > 0 && r.height > 0);
		if (!rects.length) continue;
		const left = Math.min(...rects.map(r => r.left)), right = Math.max(...rects.map(r => r.right));
		if (right <= 0 || left >= innerWidth) continue; // the skip link, parked off-screen until focused
		out.Targets++;
		const h = Math.max(...rects.map(r => r.height)), w = rects.length > 1 ? right - left : rects[0].width;
		if (h < min - 0.5 || w < min - 0.5) out.Small.push(describe(el) + " " + Math.round(w) + "×" + Math.round(h));
	}
	if (document.documentElement.lang === "ja") {
		const names = new Set();
		// A name longer than the printed side column holds is kept in parts, each whole
		// (render.appendName): after each ・, or where kanji follow katakana.
		const add = n => {
			if ([...n].length <= 12) names.add(n);
			else n.split(n.includes("・") ? /(?<=・)/ : /(?<=[\u30A0-\u30FF])(?=[\u4E00-\u9FFF])/).forEach(p => names.add(p));
		};
		for (const a of document.querySelectorAll("main a[href*='countries/']")) {
			const n = a.textContent.replace(/\s*\(EN\)$/, "").trim();
			if (n && !/\s/.test(n)) add(n);
		}
		for (const dd of document.querySelectorAll(".facts dd")) {
			const n = dd.textContent.trim();
			if (n && !/[\s、]/.test(n) && !/[0-9]/.test(n)) add(n);
		}
		const esc = s => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
		const number = "(?:約|最大|第)?[0-9０-９][0-9０-９,，.．]*(?:[万億兆][0-9０-９,，]*)*(?:年(?:[0-9０-９]{1,2}月(?:[0-9０-９]{1,2}日)?)?|月(?:[0-9０-９]{1,2}日)?|ドル|円|人|丁|km²|%%)?(?:以上|以下|超|余り)?";
		const re = new RegExp([...names].sort((a, b) => b.length - a.length).map(esc).concat([number]).join("|"), "g");
		// In running text a line may end after the year of a date (2003年 / 10月).
		const numberOnly = new RegExp(number.replace("年(?:[0-9０-９]{1,2}月(?:[0-9０-９]{1,2}日)?)?", "年"), "g");
		const seen = new Set();
		const cells = [
			...Array.from(document.querySelectorAll("main :is(td, th, dd, .figure-value, .figure-label, .event-list li)"), cell => [cell, re]),
			...Array.from(document.querySelectorAll("main .prose :is(p, li, h2, h3)"), cell => [cell, numberOnly]),
		];
		for (const [cell, re] of cells) {
			if (!visible(cell)) continue;
			const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
			for (let node; (node = walker.nextNode());) {
				if (seen.has(node)) continue;
				seen.add(node);
				for (const m of node.data.matchAll(re)) {
					if (m[0].length < 2) continue; // a lone digit cannot break
					const r = document.createRange();
					r.setStart(node, m.index);
					r.setEnd(node, m.index + m[0].length);
					const tops = new Set(Array.from(r.getClientRects()).filter(x => x.width > 0).map(x => Math.round(x.top)));
					out.Kept++;
					if (tops.size > 1) out.Broken.push(JSON.stringify(m[0]) + " in " + describe(cell));
				}
			}
		}
		// Text the layouts cut into phrases (render.Keep: a <wbr> between two, a .nobr
		// around a number) and set to break between them (word-break: keep-all): a phrase,
		// a text node of Japanese with no space in an element that holds a <wbr>, is on one
		// line unless it is wider than its box. The footer's line, left out of that rule,
		// broke anywhere (時/点の情報).
		const phrase = /^\S*[\u3040-\u30ff\u3400-\u9fff]\S*$/;
		const cut = new Set(Array.from(document.querySelectorAll("body wbr"), w => w.parentElement));
		for (const holder of cut) {
			// Running text (an editor's note) breaks anywhere, as Japanese prose does, and
			// Chromium's own phrases (word-break: auto-phrase, in a table's cells) may differ
			// from the layouts' marks: only text set to keep its phrases, and the footer.
			if (!visible(holder) || getComputedStyle(holder).wordBreak !== "keep-all" && !holder.closest(".site-footer")) continue;
			let box = holder;
			while (box.parentElement && getComputedStyle(box).display.startsWith("inline")) box = box.parentElement;
			const bs = getComputedStyle(box), room = box.clientWidth - parseFloat(bs.paddingLeft) - parseFloat(bs.paddingRight);
			const walker = document.createTreeWalker(holder, NodeFilter.SHOW_TEXT);
			for (let node; (node = walker.nextNode());) {
				if (node.data.length < 2 || !phrase.test(node.data)) continue;
				// A line may end before an opening bracket: 社会復帰 / （DDR）.
				for (const m of node.data.matchAll(/.[^（「『]*/g)) {
					if (m[0].length < 2) continue;
					const r = document.createRange();
					r.setStart(node, m.index);
					r.setEnd(node, m.index + m[0].length);
					const rects = Array.from(r.getClientRects()).filter(x => x.width > 0);
					if (rects.length === 0) continue;
					out.PhraseRuns++;
					const width = rects.reduce((w, x) => w + x.width, 0);
					if (new Set(rects.map(x => Math.round(x.top))).size > 1 && width <= room - 1) {
						out.Phrases.push(JSON.stringify(m[0]) + " in " + describe(box));
					}
				}
			}
		}
	}
	return out;
})()`

// checkPhone lays the page out at phoneWidth, where it leaves it, and checks it as a
// phone's reader meets it: no sideways scroll, stacked tables, tap targets, and unbroken
// Japanese numbers and names.
func checkPhone(t *testing.T, tb *tab, page string) {
	tb.viewport(t, phoneWidth)
	checkNoHorizontalScroll(t, tb, phoneWidth)
	p := eval[phoneInfo](t, tb, fmt.Sprintf(phoneJS, minTarget))
	if p.HeaderRows > 2 {
		t.Errorf("at %d px the site header takes %d rows, want at most 2", phoneWidth, p.HeaderRows)
	}
	// The status page is the translation team's report, linked from no page: its tables
	// are wide on purpose.
	if !strings.HasPrefix(page, "status/") {
		for _, s := range p.Tables {
			t.Errorf("at %d px a table is not stacked: %s", phoneWidth, s)
		}
	}
	for _, s := range p.Small {
		t.Errorf("at %d px a tap target is smaller than %d×%d px: %s", phoneWidth, minTarget, minTarget, s)
	}
	if p.Targets == 0 {
		t.Errorf("at %d px no link, button or input was measured: the check saw nothing", phoneWidth)
	}
	for _, s := range p.Broken {
		t.Errorf("at %d px a Japanese number with its unit or a name breaks across lines: %s", phoneWidth, s)
	}
	for _, s := range p.Phrases {
		t.Errorf("at %d px a Japanese phrase of text that breaks between phrases breaks inside: %s", phoneWidth, s)
	}
	if strings.HasPrefix(page, "ja/") && p.PhraseRuns == 0 {
		t.Error("no Japanese phrase was measured: the check saw nothing")
	}
	// The menu scrolls sideways on a phone; after the resize has been handled (two frames),
	// the link of the current section must be on the screen.
	if hidden := eval[string](t, tb, currentShownJS); hidden != "" {
		t.Errorf("at %d px the menu link of the current section is off the screen: %s", phoneWidth, hidden)
	}
	if wrong := eval[string](t, tb, scrollEndsJS); wrong != "" {
		t.Errorf("at %d px a box that scrolls sideways is faded or hinted wrongly: %s", phoneWidth, wrong)
	}
	if strings.HasPrefix(page, "ja/figures/") && p.Kept == 0 {
		t.Error("no Japanese number or name was measured on the figures page: the check saw nothing")
	}
}

// scrollEndsJS checks that each box that scrolls sideways (the menu, the timeline's
// chart) is marked (site.js) and masked (the stylesheet) at an end exactly when something
// is scrolled out of sight past it (not at the start of a chart whose labels stay there), where the page left it, then scrolled to its start
// and to its end, and that the timeline's hint to scroll shows exactly when later years
// are out of sight; it returns what is wrong, or "".
const scrollEndsJS = `(async () => {
	const frames = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
	const wrong = [];
	for (const box of document.querySelectorAll(".site-nav, .scroll-wrap")) {
		const hidden = box.scrollWidth - box.clientWidth, hint = box.parentElement.querySelector(".scroll-hint");
		for (const to of [null, 0, hidden]) {
			if (to !== null) { box.scrollLeft = to; await frames(); }
			const after = box.scrollLeft < hidden - 1, before = box.scrollLeft > 1;
			if (box.classList.contains("more-after") !== after || box.classList.contains("more-before") !== before) {
				wrong.push(box.className + " scrolled " + Math.round(box.scrollLeft) + " of " + hidden + " px");
			}
			// A chart whose row labels stay at its left edge fades only at its end.
			const labels = box.querySelector(".timeline-labels");
			const keepsStart = labels !== null && labels.getClientRects().length > 0;
			if ((getComputedStyle(box).maskImage !== "none") !== (after || before && !keepsStart)) {
				wrong.push(box.className + " scrolled " + Math.round(box.scrollLeft) + " of " + hidden + " px: mask " + getComputedStyle(box).maskImage);
			}
			if (hint && (hint.getClientRects().length > 0) !== after) {
				wrong.push("the hint to scroll is " + (after ? "hidden" : "shown") + " with the chart scrolled " + Math.round(box.scrollLeft) + " of " + hidden + " px");
			}
		}
	}
	return wrong.join("; ");
})()`

// currentShownJS waits two frames and describes the menu's current link if it is not wholly
// inside the menu's visible box ("" if it is, or if no link is current).
const currentShownJS = `new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => {
	const nav = document.querySelector(".site-nav"), a = nav && nav.querySelector("a[aria-current]");
	if (!a || a.getClientRects().length === 0) return done("");
	// Clear of the fade at an end that holds more links (3rem).
	const fade = 3 * parseFloat(getComputedStyle(document.documentElement).fontSize);
	const r = a.getBoundingClientRect(), n = nav.getBoundingClientRect();
	const left = n.left + (nav.classList.contains("more-before") ? fade : 0);
	const right = Math.min(n.right, innerWidth) - (nav.classList.contains("more-after") ? fade : 0);
	done(r.left >= left - 0.5 && r.right <= right + 0.5 ? "" :
		JSON.stringify(a.textContent.trim()) + " at " + Math.round(r.left) + "-" + Math.round(r.right) + " px, the menu shows " + Math.round(left) + "-" + Math.round(right) + " px clear of its fades");
})))`

type currentInfo struct {
	Links []struct {
		Path, Current string
		Weight        int
		Decoration    string
	}
}

const currentJS = `(() => ({Links: Array.from(document.querySelectorAll(".site-nav a")).map(a => {
	const s = getComputedStyle(a);
	return {Path: new URL(a.href).pathname, Current: a.getAttribute("aria-current") || "", Weight: parseInt(s.fontWeight, 10), Decoration: s.textDecorationLine};
})}))()`

// checkCurrentSection: the menu link of the page's section carries aria-current ("page"
// on the page itself, "true" below it), and no other does; it looks different from the
// others (bolder or underlined).
func checkCurrentSection(t *testing.T, tb *tab, url string) {
	info := eval[currentInfo](t, tb, currentJS)
	path := strings.TrimPrefix(url, strings.TrimSuffix(site.base, prefix))
	for _, l := range info.Links {
		want := ""
		switch {
		case path == l.Path:
			want = "page"
		case strings.HasPrefix(path, l.Path):
			want = "true"
		}
		if l.Current != want {
			t.Errorf("menu link to %s has aria-current=%q on %s, want %q", l.Path, l.Current, path, want)
		}
	}
	for _, l := range info.Links {
		if l.Current == "" {
			continue
		}
		for _, o := range info.Links {
			if o.Current == "" && o.Weight >= l.Weight && (o.Decoration == l.Decoration) {
				t.Errorf("the current menu link %s looks like the link to %s (weight %d, decoration %q)", l.Path, o.Path, l.Weight, l.Decoration)
			}
		}
	}
}

type tocInfo struct {
	Links  int
	Missed []string
	// Shown: the list is laid out (beside the text on a wide screen); Open: its <details>
	// says so to a screen reader; SummaryTab: its summary's tabIndex; Marker: the content
	// of its summary's ::before, the ▸ or ▾ of a list that opens and closes.
	Shown, Open bool
	SummaryTab  int
	Marker      string
	// SummaryHidden: its summary is hidden from a screen reader; Name: the accessible name
	// the list's nav has from its aria-label, else "".
	SummaryHidden bool
	Name          string
}

// followJS defines follow(a, target): it clicks the in-page link a and returns "" if the
// address took a's fragment and target is at the top of the viewport (or as far as the
// page scrolls), else where target is; the "On this page" list and the heading links
// share it.
const followJS = `
	const follow = async (a, target) => {
		a.click();
		await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
		const top = target.getBoundingClientRect().top;
		const atBottom = Math.ceil(scrollY + innerHeight) >= document.documentElement.scrollHeight - 1;
		if (location.hash === a.hash && top >= -1 && (top <= 40 || atBottom)) return "";
		return "at " + Math.round(top) + " px, hash " + location.hash;
	};`

// tocJS follows every link of the "On this page" list, one after the other, and checks
// where it lands: an element with the fragment's id that is, or starts with, a heading with
// the link's text, scrolled to the top of the viewport (or as far as the page scrolls).
const tocJS = `(async () => {` + followJS + `
	const out = {Links: 0, Missed: [], Shown: false, Open: false, SummaryTab: 0};
	// A width just set tells the page's script of the change (matchMedia) at the next frame.
	await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
	const details = document.querySelector(".toc details");
	if (details) {
		out.Shown = details.querySelector("ol").getClientRects().length > 0;
		out.Open = details.open;
		out.SummaryTab = details.querySelector("summary").tabIndex;
		out.Marker = getComputedStyle(details.querySelector("summary"), "::before").content;
		out.SummaryHidden = details.querySelector("summary").getAttribute("aria-hidden") === "true";
		out.Name = details.parentNode.getAttribute("aria-label") || "";
	}
	for (const a of document.querySelectorAll(".toc a[href^='#']")) {
		out.Links++;
		const id = decodeURIComponent(a.getAttribute("href").slice(1));
		const target = document.getElementById(id);
		if (!target) { out.Missed.push(a.textContent + ": no element #" + id); continue; }
		const heading = /^H[1-6]$/.test(target.tagName) ? target : target.querySelector("h1, h2, h3");
		if (!heading || heading.textContent.trim() !== a.textContent.trim()) {
			out.Missed.push(a.textContent + ": #" + id + " is not its heading (" + (heading ? heading.textContent.trim() : "none") + ")");
			continue;
		}
		const where = await follow(a, target);
		if (where) out.Missed.push(a.textContent + ": after the click #" + id + " is " + where);
	}
	// Back to the address the page was loaded at, as its scripts see it (the language
	// switch carries the #fragment): replaceState fires no hashchange of its own.
	history.replaceState(null, "", location.pathname);
	window.dispatchEvent(new HashChangeEvent("hashchange"));
	scrollTo(0, 0);
	return out;
})()`

// checkOnThisPage: on a brief, every link of the "On this page" list lands on its heading;
// a list shown open (a wide screen) is open for a screen reader too, and its summary,
// which toggles nothing there, is no Tab stop.
func checkOnThisPage(t *testing.T, tb *tab, page string) {
	info := eval[tocInfo](t, tb, tocJS)
	if info.Shown && !info.Open {
		t.Error("the on-this-page list is shown, but its <details> is closed for a screen reader")
	}
	if info.Shown && info.SummaryTab >= 0 {
		t.Errorf("the on-this-page list is shown open, and its summary is a Tab stop (tabIndex %d)", info.SummaryTab)
	}
	// There it is no button that toggles nothing for a screen reader either; its words name
	// the list's landmark. On a phone it is the button it looks like.
	if info.Shown && (!info.SummaryHidden || info.Name == "") {
		t.Errorf("the on-this-page list is shown open, and its summary is a button for a screen reader (hidden: %v; the list's name %q)", info.SummaryHidden, info.Name)
	}
	if !info.Shown && info.SummaryHidden {
		t.Error("the on-this-page list is closed, and its summary, the button that opens it, is hidden from a screen reader")
	}
	if info.Shown && info.Marker != "none" {
		t.Errorf("the on-this-page list is shown open, and its summary shows the marker %s of a list that closes", info.Marker)
	}
	brief := strings.Contains(page, "/countries/") && !strings.HasSuffix(page, "/countries/index.html") ||
		strings.Contains(page, "/themes/") && !strings.HasSuffix(page, "/themes/index.html")
	if brief && info.Links < 2 {
		t.Errorf("the brief has %d links on this page, want its sections", info.Links)
	}
	for _, m := range info.Missed {
		t.Errorf("on-this-page link %s", m)
	}
}

type headingLinkInfo struct {
	Linked   int      // headings that link to themselves
	Missed   []string // headings that should and do not, or that land elsewhere
	Unwanted []string // links added where there should be none
}

// headingLinkJS checks the headings that assets/site.js makes links to their section:
// every h2 and h3 with an id in main holds one link, to its own id, around all of its
// text, but in the booklet, in a timeline year and where the heading held a link already;
// following the last puts the heading at the top of the viewport.
const headingLinkJS = `(async () => {` + followJS + `
	const out = {Linked: 0, Missed: [], Unwanted: []};
	const added = document.querySelectorAll("a.heading-link");
	if (document.body.classList.contains("layout-print")) {
		added.forEach(a => out.Unwanted.push(a.getAttribute("href") + " in the booklet"));
		return out;
	}
	let last = null;
	for (const h of document.querySelectorAll("main h2[id], main h3[id]")) {
		const own = h.querySelectorAll("a.heading-link"), others = h.querySelectorAll("a:not(.heading-link)");
		if (h.closest(".timeline-year, .initial-row") || others.length > 0) {
			if (own.length > 0) out.Unwanted.push("#" + h.id + ": " + h.innerHTML.slice(0, 120));
			continue;
		}
		const a = own[0];
		if (own.length !== 1 || a.getAttribute("href") !== "#" + h.id || a.textContent !== h.textContent) {
			out.Missed.push("#" + h.id + ": " + h.innerHTML.slice(0, 120));
			continue;
		}
		out.Linked++;
		last = a;
	}
	if (last) {
		const where = await follow(last, last.parentElement);
		if (where) out.Missed.push(last.hash + ": after the click the heading is " + where);
		history.replaceState(null, "", location.pathname); // and tell the page, as above
		window.dispatchEvent(new HashChangeEvent("hashchange"));
		scrollTo(0, 0);
	}
	return out;
})()`

// checkHeadingLinks: every section heading links to itself (assets/site.js), so that a
// reader can pass on the address of a section; pages with sections have such headings,
// and the booklet and the timeline's years have none.
func checkHeadingLinks(t *testing.T, tb *tab, page string) {
	info := eval[headingLinkInfo](t, tb, headingLinkJS)
	sections := strings.Contains(page, "/countries/") && !strings.HasSuffix(page, "/countries/index.html") ||
		strings.Contains(page, "/themes/") && !strings.HasSuffix(page, "/themes/index.html") ||
		strings.Contains(page, "/about/")
	if sections && info.Linked == 0 {
		t.Errorf("no heading links to its section")
	}
	for _, m := range info.Missed {
		t.Errorf("heading link %s", m)
	}
	for _, u := range info.Unwanted {
		t.Errorf("a heading link where there should be none: %s", u)
	}
}

type filterInfo struct {
	Total, Shown int
	Wrong        []string
}

// timelineFilterJS opens the filter's list, follows the link of its first brief (the list
// must fold away) and counts the events left shown: each must name that brief, and fewer
// than all are shown, and the chart fades the marks of every other brief; where the chart
// scrolls, it follows every brief's link in turn and looks at what the chart shows; then
// it follows "all".
const timelineFilterJS = `(async () => {
	const frame = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
	const items = Array.from(document.querySelectorAll(".timeline-year li"));
	const link = document.querySelector(".timeline-filter ul a");
	const out = {Total: items.length, Shown: 0, Wrong: []};
	if (!link) return out;
	const id = link.getAttribute("href").slice(1);
	link.closest("details").open = true;
	link.focus(); // chosen from the keyboard: the focus is in the list
	link.click();
	await frame();
	// The list of briefs folds away once one is chosen: the events follow the chart.
	if (link.closest("details").open) out.Wrong.push("the filter's list of briefs is still open after a brief was chosen");
	// The focus is on the line that says which brief is shown, not lost to the page's body
	// by the jump to the brief's #f-… (once, the jump took it from the list's summary).
	const status = document.activeElement;
	if (!status || !status.classList.contains("filter-status") || !status.classList.contains(id) || status.getClientRects().length === 0) out.Wrong.push("after choosing a brief from the keyboard the focus is on " + (status ? status.tagName + "." + status.className : "nothing") + ", not on the line that says it is shown");
	for (const li of items) {
		if (li.getClientRects().length === 0) continue;
		out.Shown++;
		if (!li.classList.contains(id)) out.Wrong.push(li.textContent.trim().slice(0, 60));
	}
	// The chart picks out the brief's marks: the others faded, its own not.
	const marks = Array.from(document.querySelectorAll(".timeline-chart a"));
	const faded = a => Number(getComputedStyle(a).opacity) < 0.5;
	if (marks.length === 0) out.Wrong.push("the timeline has no chart");
	if (!marks.some(a => a.classList.contains(id))) out.Wrong.push("the chart has no mark of the chosen brief");
	for (const a of marks) {
		if (a.classList.contains(id) === faded(a)) out.Wrong.push("chart mark " + a.getAttribute("aria-label").slice(0, 60) + (faded(a) ? " is faded" : " is not faded"));
	}
	// Where the chart scrolls (a phone), each brief's filter scrolls it to the brief's
	// first mark, clear of the row labels over its left edge, and leaves no year label
	// cut by them (a stray "2" of 2002).
	const wrap = document.querySelector(".timeline-chart .scroll-wrap");
	const labels = document.querySelector(".timeline-labels");
	// A chart that scrolls is a Tab stop named by its caption, to scroll with the arrow
	// keys (its marks are out of the Tab order); one that fits is no stop.
	if (wrap) {
		const scrolls = wrap.scrollWidth > wrap.clientWidth;
		const caption = wrap.getAttribute("aria-labelledby") && document.getElementById(wrap.getAttribute("aria-labelledby"));
		if (scrolls && !(wrap.tabIndex === 0 && wrap.getAttribute("role") === "region" && caption && caption.textContent.trim() !== "")) out.Wrong.push("the chart scrolls sideways but is no named Tab stop");
		if (!scrolls && wrap.hasAttribute("tabindex")) out.Wrong.push("the chart fits and is still a Tab stop");
	}
	if (wrap && labels && wrap.scrollWidth > wrap.clientWidth) {
		for (const a of document.querySelectorAll(".timeline-filter ul a")) {
			const brief = a.getAttribute("href").slice(1);
			a.click();
			await frame();
			const edge = labels.getBoundingClientRect().right;
			const own = Array.from(wrap.querySelectorAll("svg:not(.timeline-labels) a." + CSS.escape(brief)));
			const first = Math.min(...own.map(m => m.getBoundingClientRect().left));
			if (own.length > 0 && (first < edge || first > wrap.getBoundingClientRect().right)) out.Wrong.push("filtered to " + brief + ", its first mark is at " + Math.round(first) + " px, out of view (labels end at " + Math.round(edge) + " px)");
			for (const y of wrap.querySelectorAll("svg:not(.timeline-labels) text.year")) {
				const r = y.getBoundingClientRect();
				if (r.left < edge - 0.5 && r.right > edge + 0.5) out.Wrong.push("filtered to " + brief + ", the year label " + y.textContent + " is cut by the row labels");
			}
		}
	}
	document.querySelector(".filter-all a").click();
	await frame();
	if (items.some(li => li.getClientRects().length === 0)) out.Wrong.push("after All events, some events are still hidden");
	if (marks.some(faded)) out.Wrong.push("after All events, some chart marks are still faded");
	// Back to the address the page was loaded at, as its scripts see it (the language
	// switch carries the #fragment): replaceState fires no hashchange of its own.
	history.replaceState(null, "", location.pathname);
	window.dispatchEvent(new HashChangeEvent("hashchange"));
	return out;
})()`

// glossaryFilterJS types a term's abbreviation into the filter box and counts the rows
// left on screen (laid out, not only marked hidden: on a phone the stacked table's rows
// once showed whatever the script hid): each must contain it, and fewer than all are
// shown, and an initial's heading shows while one of its terms does; on the Japanese page
// a name in hiragana finds its katakana term; a letter whose terms the filter hides clears
// it and leads to them; then it clears the box.
const glossaryFilterJS = `(async () => {
	const frame = () => new Promise(r => requestAnimationFrame(() => r()));
	const input = document.getElementById("glossary-q");
	const rows = Array.from(document.querySelectorAll(".glossary-table tbody tr:not(.initial-row)"));
	const heads = Array.from(document.querySelectorAll(".glossary-table tbody tr.initial-row"));
	// The terms under a heading: the rows after it, up to the next heading.
	const termsOf = head => {
		const out = [];
		for (let tr = head.nextElementSibling; tr && !tr.classList.contains("initial-row"); tr = tr.nextElementSibling) out.push(tr);
		return out;
	};
	const shown = tr => tr.getClientRects().length > 0;
	const out = {Total: rows.length, Shown: 0, Wrong: []};
	if (!input || input.closest("[hidden]")) { out.Wrong.push("no visible filter box"); return out; }
	input.value = "pko";
	input.dispatchEvent(new Event("input"));
	await frame();
	// The filter is in the address and goes with the language switch.
	const switchQ = () => { const a = document.querySelector(".lang-switch a[href]"); return a ? new URL(a.href).searchParams.get("q") : "no switch"; };
	if (new URLSearchParams(location.search).get("q") !== "pko" || switchQ() !== "pko") out.Wrong.push("the filter pko is not in the address and the language switch: " + location.search + ", " + switchQ());
	for (const tr of rows) {
		if (!shown(tr)) continue;
		out.Shown++;
		if (!tr.textContent.toLowerCase().includes("pko")) out.Wrong.push(tr.textContent.trim().slice(0, 60));
	}
	if (heads.length === 0) out.Wrong.push("no initial's heading");
	for (const h of heads) {
		if (shown(h) !== termsOf(h).some(shown)) out.Wrong.push("the heading " + h.textContent.trim() + " is " + (shown(h) ? "shown without its terms" : "hidden with terms shown"));
	}
	// On the Japanese page, a name typed in hiragana and not converted finds its katakana
	// term, whose reading the table does not show.
	if (document.documentElement.lang === "ja") {
		input.value = "かんぼじあ";
		input.dispatchEvent(new Event("input"));
		await frame();
		if (!rows.some(tr => shown(tr) && tr.querySelector("th").textContent.trim() === "カンボジア")) out.Wrong.push("かんぼじあ does not find カンボジア");
	}
	// A letter whose terms the filter hides clears the filter and leads to them.
	const hiddenHead = heads.find(h => !shown(h));
	const letter = hiddenHead && Array.from(document.querySelectorAll(".jump a")).find(a => decodeURIComponent(a.hash.slice(1)) === hiddenHead.querySelector("[id]").id);
	if (!letter) {
		out.Wrong.push("no letter of the jump list whose terms the filter hides");
	} else {
		letter.click();
		await frame();
		if (input.value !== "" || !shown(hiddenHead)) out.Wrong.push("the letter " + letter.textContent + ", whose terms the filter hid, leaves them hidden");
		else if (Math.abs(hiddenHead.getBoundingClientRect().top) > 80) out.Wrong.push("the letter " + letter.textContent + " does not lead to its terms (" + Math.round(hiddenHead.getBoundingClientRect().top) + " px from the top)");
		// Back to the address the page was loaded at (the language switch carries the
		// #fragment): replaceState fires no hashchange of its own.
		history.replaceState(null, "", location.pathname);
		window.dispatchEvent(new HashChangeEvent("hashchange"));
	}
	input.value = "";
	input.dispatchEvent(new Event("input"));
	await frame();
	if (!rows.every(shown)) out.Wrong.push("after clearing the box, some terms are still hidden");
	return out;
})()`

// timelineLabelsJS scrolls the timeline chart to its end and says where its sticky row
// labels are: shown, and at the left edge of the box the chart scrolls in.
const timelineLabelsJS = `(() => {
	const wrap = document.querySelector(".timeline-chart .scroll-wrap");
	const labels = document.querySelector(".timeline-labels");
	if (!wrap || !labels) return {Found: false};
	const start = wrap.scrollLeft;
	wrap.scrollLeft = wrap.scrollWidth;
	const out = {Found: true, Scrolls: wrap.scrollWidth > wrap.clientWidth, Shown: labels.getClientRects().length > 0,
		Offset: labels.getBoundingClientRect().left - wrap.getBoundingClientRect().left, Hidden: 0, Marks: 0};
	// Each mark focused in turn, as a screen reader's browse mode may (the marks are out
	// of the Tab order, since the event list below links to the same briefs): the chart
	// scrolls it into view, clear of the labels over its left edge.
	const active = document.activeElement;
	for (const a of wrap.querySelectorAll("svg:not(.timeline-labels) a")) {
		a.focus();
		out.Marks++;
		if (out.Shown && a.getBoundingClientRect().left < labels.getBoundingClientRect().right) out.Hidden++;
	}
	if (active && active.focus) active.focus();
	wrap.scrollLeft = start;
	return out;
})()`

// checkTimelineLabels: where the timeline chart scrolls sideways (a phone), its row labels
// stay at its left edge however far it is scrolled, and a mark that takes the focus is
// scrolled clear of them; where it does not scroll, there is no copy.
func checkTimelineLabels(t *testing.T, tb *tab, page string) {
	if !strings.HasSuffix(page, "/timeline/index.html") {
		return
	}
	type labels struct {
		Found, Scrolls, Shown bool
		Offset                float64
		Marks, Hidden         int
	}
	for _, w := range []int64{phoneWidth, 1280} {
		tb.viewport(t, w)
		l := eval[labels](t, tb, timelineLabelsJS)
		switch {
		case !l.Found:
			t.Fatal("the timeline has no chart or no row labels to keep")
		case l.Scrolls != l.Shown:
			t.Errorf("at %d px the chart scrolls: %v, its sticky labels shown: %v", w, l.Scrolls, l.Shown)
		case l.Shown && math.Abs(l.Offset) > 1:
			t.Errorf("at %d px, scrolled to its end, the chart's labels are %.0f px from its left edge", w, l.Offset)
		case l.Marks == 0:
			t.Errorf("at %d px the timeline chart has no marks to focus", w)
		case l.Hidden > 0:
			t.Errorf("at %d px, %d of the chart's %d marks, focused, stay under its row labels", w, l.Hidden, l.Marks)
		}
	}
}

// checkFilters: on the timeline, a brief's filter link shows its events only; on the
// glossary, the filter box keeps the matching terms only.
func checkFilters(t *testing.T, tb *tab, page string) {
	var js, what string
	switch {
	case strings.HasSuffix(page, "/timeline/index.html"):
		js, what = timelineFilterJS, "timeline filter"
	case strings.HasSuffix(page, "/glossary/index.html"):
		js, what = glossaryFilterJS, "glossary filter"
	default:
		return
	}
	// On a phone too, where tables are stacked; the desktop's width last, as it was.
	for _, w := range []int64{phoneWidth, 1280} {
		tb.viewport(t, w)
		f := eval[filterInfo](t, tb, js)
		if f.Shown == 0 || f.Shown >= f.Total {
			t.Errorf("at %d px the %s shows %d of %d, want some but not all", w, what, f.Shown, f.Total)
		}
		for _, msg := range f.Wrong {
			t.Errorf("at %d px the %s: %s", w, what, msg)
		}
	}
}

// TestGlossaryFilterTravels: the glossary opened with ?q= opens filtered, and its language
// switch opens the other edition's glossary with the same filter and as many rows (each
// row holds both languages): a reader who filtered and switched lost the filter.
func TestGlossaryFilterTravels(t *testing.T) {
	tb := newTab(t, false)
	const stateJS = `(() => {
		const a = document.querySelector(".lang-switch a[href]");
		return {
			Query: document.getElementById("glossary-q").value,
			Shown: [...document.querySelectorAll(".glossary-table tbody tr:not(.initial-row)")].filter(tr => tr.getClientRects().length > 0).length,
			Total: document.querySelectorAll(".glossary-table tbody tr:not(.initial-row)").length,
			Switch: a ? a.href : "",
		};
	})()`
	type state struct {
		Query        string
		Shown, Total int
		Switch       string
	}
	tb.page(t)
	if status := tb.open(t, site.base+"en/glossary/?q=pko"); status != 200 {
		t.Fatalf("en/glossary/?q=pko: status %d", status)
	}
	en := eval[state](t, tb, stateJS)
	if en.Query != "pko" || en.Shown == 0 || en.Shown >= en.Total {
		t.Fatalf("en/glossary/?q=pko: box %q, %d of %d rows shown; want pko and some rows", en.Query, en.Shown, en.Total)
	}
	if want := site.base + "ja/glossary/?q=pko"; en.Switch != want {
		t.Fatalf("the language switch leads to %s, want %s", en.Switch, want)
	}
	tb.page(t)
	if status := tb.open(t, en.Switch); status != 200 {
		t.Fatalf("%s: status %d", en.Switch, status)
	}
	ja := eval[state](t, tb, stateJS)
	if ja.Query != "pko" || ja.Shown != en.Shown {
		t.Errorf("ja/glossary/?q=pko: box %q, %d rows shown; want pko and %d, as in English", ja.Query, ja.Shown, en.Shown)
	}
}

// TestGlossaryMissLeadsToSearch: a filter that leaves no term offers the site search for
// the same words, which may find them in the briefs (two readers' trials filtered for
// "landmine" and got "0 of 215 terms" and nothing more); a filter that leaves terms does not.
func TestGlossaryMissLeadsToSearch(t *testing.T) {
	tb := newTab(t, false)
	const linkJS = `(() => {
		const p = document.querySelector(".glossary-search");
		return p && p.getClientRects().length > 0 ? p.querySelector("a").href + " " + p.textContent : "";
	})()`
	for _, c := range []struct{ lang, q, want string }{
		{"en", "landmine", "en/search/?q=landmine No term contains “landmine”."},
		{"ja", "地雷除去機", "ja/search/?q=" + url.QueryEscape("地雷除去機") + " 「地雷除去機」を含む用語はありません。"},
		{"en", "pko", ""},
		{"en", "$&x", "en/search/?q=" + url.QueryEscape("$&x") + " No term contains “$&x”."}, // typed text, not a pattern
	} {
		tb.page(t)
		if status := tb.open(t, site.base+c.lang+"/glossary/?q="+url.QueryEscape(c.q)); status != 200 {
			t.Fatalf("%s/glossary/: status %d", c.lang, status)
		}
		got := eval[string](t, tb, linkJS)
		if c.want == "" && got != "" || c.want != "" && !strings.HasPrefix(got, site.base+c.want) {
			t.Errorf("%s/glossary/?q=%s offers %q, want %q", c.lang, c.q, got, c.want)
		}
	}
}

// TestFactsFitANarrowPhone: on the narrowest phone (320 px, the WCAG reflow width) and a
// phone zoomed to 150% (256 px), a brief's key facts break no word of their values and stay
// inside their box. A reader's trial found "Sri Jayewardene/pura" broken inside its word at
// 320 px, beside the labels' column, and "181,000 km²" sticking out at 256 px.
func TestFactsFitANarrowPhone(t *testing.T) {
	tb := newTab(t, false)
	const factsJS = `(() => {
		const wrong = [];
		const box = document.querySelector(".facts");
		if (!box) return ["no key facts"];
		const right = box.getBoundingClientRect().right;
		for (const dd of box.querySelectorAll("dd")) {
			if (dd.getBoundingClientRect().right > right + 0.5 || dd.scrollWidth > dd.clientWidth + 1) wrong.push("past the box: " + dd.textContent);
			const text = dd.textContent;
			for (const m of text.matchAll(/[A-Za-z][A-Za-z,.-]*/g)) {
				const r = document.createRange();
				const walker = document.createTreeWalker(dd, NodeFilter.SHOW_TEXT);
				let at = 0, node;
				while ((node = walker.nextNode())) {
					const end = at + node.data.length;
					if (m.index >= at && m.index + m[0].length <= end) {
						r.setStart(node, m.index - at);
						r.setEnd(node, m.index - at + m[0].length);
						const lines = new Set([...r.getClientRects()].map(q => Math.round(q.top)));
						if (lines.size > 1) wrong.push("broken inside: " + m[0]);
					}
					at = end;
				}
			}
		}
		return wrong;
	})()`
	for _, width := range []int64{320, 256} {
		for _, page := range []string{"en/countries/sri-lanka/", "en/countries/cambodia/", "en/countries/timor-leste/", "ja/countries/sri-lanka/", "ja/countries/cambodia/"} {
			tb.page(t)
			tb.viewport(t, width)
			if status := tb.open(t, site.base+page); status != 200 {
				t.Fatalf("%s: status %d", page, status)
			}
			for _, msg := range eval[[]string](t, tb, factsJS) {
				t.Errorf("%s at %d px, key facts: %s", page, width, msg)
			}
		}
	}
}
