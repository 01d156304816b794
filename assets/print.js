// Shows the print buttons only where script runs; the page reads fine without them.
document.querySelectorAll("[data-print]").forEach(function (b) {
  b.hidden = false;
  b.addEventListener("click", function () { window.print(); });
});

// build pdf prints the built files from disk, with "?pdf" on their file:// address. There
// the page's relative links would become links into the printing machine's folders: point
// them at the published site instead, from the page's canonical address. Links within the
// page stay, and lead to their place in the PDF.
var params = new URLSearchParams(location.search);
if (params.has("pdf")) {
  var canonical = document.querySelector('link[rel="canonical"]');
  if (canonical) {
    document.querySelectorAll("a[href]").forEach(function (a) {
      var href = a.getAttribute("href");
      // setAttribute, not a.href: the links of an inline SVG (the world map) have no
      // writable href property.
      if (href.charAt(0) !== "#") a.setAttribute("href", new URL(href, canonical.href).href);
    });
  }
  if (params.has("book")) printBooklet(params.get("book"));
  // build pdf prints a brief without its list of the pages it refers to when that saves
  // a sheet (internal/pdf, Fits); the published page then has the class itself.
  if (params.has("norefs")) document.body.classList.add("print-no-refs");
}

// printBooklet lays out the booklet by build pdf's plan (internal/pdf, Plan.Query):
// "anchor.page" per brief, "+anchor.page" for a brief that shares the page before. It
// writes each brief's first page into the contents and after each cross-reference to
// it, which then leads to it inside the PDF, and gives each run of pages its running
// head and foot (Chromium has neither target-counter() nor string-set, so the plan
// brings what a second printing needs).
function printBooklet(plan) {
  var book = document.querySelector(".booklet");
  var pageRef = book.getAttribute("data-page-ref");
  var pageRefNested = book.getAttribute("data-page-ref-nested");
  var pageRefClosing = book.getAttribute("data-page-ref-closing");
  var closes = new RegExp(book.getAttribute("data-page-ref-closes"));
  var opens = new RegExp(book.getAttribute("data-page-ref-opens"));
  var pageRefOpening = book.getAttribute("data-page-ref-opening");
  var pageRefInBracket = book.getAttribute("data-page-ref-in-bracket");
  var wordSource = book.getAttribute("data-page-ref-word");
  var wordGoesOn = wordSource ? new RegExp(wordSource) : null;
  var breaksSource = book.getAttribute("data-page-ref-word-breaks");
  var wordBreaks = breaksSource ? breaksSource.split(/[、,]\s*/) : [];
  var separator = book.getAttribute("data-head-separator");
  // A constructed style sheet, not a <style> element: the site's content security policy
  // allows no inline styles, and the rules of a style sheet read from file:// are closed
  // to the page's script.
  var sheet = new CSSStyleSheet();
  document.adoptedStyleSheets = document.adoptedStyleSheets.concat([sheet]);
  var briefs = {};
  var groups = [];
  plan.split(",").forEach(function (item) {
    var joined = item.charAt(0) === "+";
    if (joined) item = item.slice(1);
    var dot = item.lastIndexOf(".");
    var el = document.getElementById(item.slice(0, dot));
    if (!el) return;
    var brief = { el: el, page: Number(item.slice(dot + 1)) };
    briefs[el.getAttribute("data-url")] = brief;
    if (joined && groups.length) {
      el.classList.add("joined");
      groups[groups.length - 1].push(brief);
    } else {
      groups.push([brief]);
    }
  });
  function quote(s) { return '"' + s.replace(/["\\]/g, "\\$&").replace(/\s+/g, " ") + '"'; }
  groups.forEach(function (g, i) {
    var name = "brief-" + (i + 1);
    // A brief alone on its pages is headed by its title, with its address at the foot.
    // Briefs that share pages are headed by their part (Countries, Themes): Chromium gives
    // every page of a run the same head, and a list of the run's titles named, on most of
    // its pages, a brief that is not there. Their foot is the address they share, the
    // part's index, where each of them is listed.
    var head = g[0].el.querySelector(".brief-title").textContent;
    var foot = g[0].el.getAttribute("data-url");
    if (g.length > 1) {
      var parts = [];
      g.forEach(function (b) {
        var part = b.el.getAttribute("data-part");
        if (parts.indexOf(part) < 0) parts.push(part);
        foot = commonFolder(foot, b.el.getAttribute("data-url"));
      });
      head = parts.join(separator);
    }
    g.forEach(function (b) { b.el.style.page = name; });
    sheet.insertRule("@page " + name + " { @top-left { content: " + quote(head) +
      "; } @bottom-left { content: " + quote(foot) + "; font-size: 6.5pt; } }", sheet.cssRules.length);
  });
  // commonFolder is the longest address that is a folder of both addresses.
  function commonFolder(a, b) {
    var n = 0;
    while (n < a.length && a.charAt(n) === b.charAt(n)) n++;
    return a.slice(0, a.lastIndexOf("/", n - 1) + 1);
  }
  // ref is the page reference to write after the node a (a link, or the end of the word it
  // starts): the nested form inside an open bracket of its paragraph, so that brackets do
  // not nest; the closing form where the text after it ends the phrase
  // (data-page-ref-closes); else the form for a phrase.
  // A bracket about to close takes the reference inside it (data-page-ref-in-bracket):
  // "(see DDR, p. 26)", 「国際協力機構（JICA、29ページ）」.
  function ref(page, a) {
    var next = "";
    for (var n = a.nextSibling; n && !next; n = n.nextSibling) next = n.textContent;
    var inside = insideBrackets(a);
    var form = inside && /^[)）]/.test(next) ? pageRefInBracket : inside ? pageRefNested : closes.test(next) ? pageRefClosing : pageRef;
    return form.replace("%d", page);
  }
  // wordEnd is the length of the word that goes on after a link at the start of the text
  // node t, 0 where the link ends its word: a run of data-page-ref-word (Japanese kanji,
  // katakana and Latin letters: 「小型武器」回収プロジェクト), cut before a word that ends
  // a compound (data-page-ref-word-breaks: a conjunction, 及び, or a particle, の) or the
  // end of a phrase (data-page-ref-closes: 参照). What follows the word must end it too:
  // a word of those, a bracket or a mark, or nothing, where kana that ends no compound
  // belongs to the word (okurigana: 「日本」向けに, which keeps its reference after the link).
  function wordEnd(t) {
    var m = t && wordGoesOn && t.data.match(wordGoesOn);
    if (!m) return 0;
    var ends = function (s) {
      return closes.test(s) || wordBreaks.some(function (w) { return s.indexOf(w) === 0; });
    };
    var end = m[0].length;
    for (var i = 0; i < end; i++) {
      if (ends(t.data.slice(i))) {
        end = i;
        break;
      }
    }
    var rest = t.data.slice(end);
    return rest === "" || ends(rest) || /^[^\p{L}\p{N}]/u.test(rest) ? end : 0;
  }
  // lastText is the last text node of a, or null.
  function lastText(a) {
    var w = document.createTreeWalker(a, NodeFilter.SHOW_TEXT), last = null;
    while (w.nextNode()) last = w.currentNode;
    return last;
  }
  // insideBrackets reports whether a bracket of the paragraph (or list item, cell) of the
  // node a is open where a starts: "(see DDR", 「（平和の定着と国づくり」.
  function insideBrackets(a) {
    var el = a.nodeType === Node.ELEMENT_NODE ? a : a.parentElement;
    var block = el.closest("p, li, td, dd, h2, h3, h4, blockquote") || a.parentNode;
    var r = document.createRange();
    r.setStart(block, 0);
    r.setEndBefore(a);
    var depth = 0;
    Array.from(r.toString()).forEach(function (c) {
      if (c === "(" || c === "（") depth++;
      else if ((c === ")" || c === "）") && depth > 0) depth--;
    });
    return depth > 0;
  }
  // Links lead to a brief's title, where it starts in print: the article itself may begin
  // with its rule at the foot of the page before. build pdf reads the titles' pages.
  document.querySelectorAll(".booklet .toc a[href^='#']").forEach(function (a) {
    var b = document.getElementById(a.getAttribute("href").slice(1));
    var brief = b && briefs[b.getAttribute("data-url")];
    if (!brief) return;
    a.setAttribute("href", "#" + brief.el.id + "-title");
    if (!brief.page) return;
    var n = document.createElement("span");
    n.className = "toc-page";
    n.textContent = brief.page;
    a.parentNode.appendChild(n);
  });
  document.querySelectorAll(".booklet-brief a[href]").forEach(function (a) {
    var u = a.getAttribute("href").split("#")[0];
    var brief = briefs[u];
    if (!brief || brief.el.contains(a)) return;
    a.setAttribute("href", "#" + brief.el.id + "-title");
    if (!brief.page) return;
    var after = a.nextSibling, r = document.createElement("span");
    r.className = "page-ref";
    if (after && after.nodeType !== Node.TEXT_NODE) after = null;
    // A link that ends with a bracket of its own, 「社会復帰（DDR）」: the reference goes
    // inside that bracket, 「（DDR、26ページ）」, not in a bracket beside it.
    var last = lastText(a);
    if (last && /[)）]$/.test(last.data)) {
      r.textContent = pageRefInBracket.replace("%d", brief.page);
      last.parentNode.insertBefore(r, last.splitText(last.data.length - 1));
      return;
    }
    // A link inside a Japanese compound that goes on after it, 「小型武器」回収プロジェクト:
    // the reference follows the whole word, 「小型武器回収プロジェクト（24ページ）」, as a
    // link of its own, rather than split it (wordEnd).
    var at = a, target = a, end = wordEnd(after);
    if (end > 0) {
      var rest = after.splitText(end);
      at = after;
      after = rest;
      target = document.createElement("a");
      target.setAttribute("href", a.getAttribute("href"));
      rest.parentNode.insertBefore(target, rest);
    }
    // The reference kept whole on its line; a space before it may still break.
    var text = ref(brief.page, at), lead = text.match(/^\s*/)[0];
    if (after && !insideBrackets(at) && opens.test(after.data)) {
      // A bracket opens after the link: the reference starts it (pageRefOpening).
      // Its space after stays outside the reference, where a line may break.
      text = pageRefOpening.replace("%d", brief.page);
      lead = text.match(/^\s*/)[0];
      var trail = text.match(/\s*$/)[0];
      text = text.slice(0, text.length - trail.length);
      after.data = trail + after.data.replace(opens, "");
    }
    if (lead) target.appendChild(document.createTextNode(lead));
    r.textContent = text.slice(lead.length);
    target.appendChild(r);
  });
}
