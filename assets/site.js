// On every page (issue 14): "/" focuses the search box, the colour scheme toggle, and
// headings that link to their section. The pages read fine without it: the search box is a
// plain form, the scheme follows prefers-color-scheme, and "On this page" links sections.
(function () {
  "use strict";
  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "/" || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    var t = ev.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    // The search page's own box, else the header's (the 404 page has one per language,
    // of which one is shown). A narrow header (a phone, or a desktop zoomed to 400%)
    // shows no box: "/" goes to its search button, for Enter to open the search page. A
    // key that left the page itself (it had opened the search page) is a trap for speech
    // input and a tablet's keyboard (WCAG 2.1.4).
    var shown = function (sel) {
      return Array.prototype.filter.call(document.querySelectorAll(sel), function (e) { return e.offsetParent !== null; })[0];
    };
    var box = document.getElementById("search-q") || shown(".site-search input");
    var button = box ? null : shown(".site-search-button");
    if (!box && !button) return;
    ev.preventDefault();
    if (button) {
      button.focus();
      return;
    }
    box.focus();
    box.select();
  });

  // The texts of the printed page's margins (the @page rules of assets/style.css): a page
  // margin cannot read the document, so they come from custom properties, set here from the
  // page's data-print-* attributes (an inline style would need 'unsafe-inline' in the
  // Content-Security-Policy).
  var root = document.documentElement;
  [["data-print-site", "--print-site"], ["data-print-url", "--print-url"], ["data-print-title", "--print-title"]].forEach(function (p) {
    var v = document.body.getAttribute(p[0]);
    if (v) root.style.setProperty(p[1], '"' + v.replace(/["\\]/g, "\\$&").replace(/\n/g, "\\a ") + '"');
  });

  // On a phone the menu is one line that scrolls sideways: the link of the current section
  // is scrolled into view, so that a reader sees where they are (the last links were off
  // the screen's edge on their own pages), and so is a link reached with Tab: the browser
  // scrolls only a link wholly out of view, and left one half under the fade.
  var nav = document.querySelector(".site-nav");
  var current = nav && nav.querySelector("a[aria-current]");
  // The fade at a sideways-scrolling box's ends (3rem, .more-after in the stylesheet).
  var fade = 3 * parseFloat(getComputedStyle(root).fontSize);
  // scrollStop makes box, which scrolls sideways, a Tab stop named by the element of id
  // labelledBy (or by label), or, once it does not scroll, no stop: attributes change only
  // when that does (a chart asks at each scroll), and a box that has the focus keeps its
  // stop until it loses it, rather than drop the focus to the page's body.
  function scrollStop(box, scrolls, labelledBy, label) {
    if (scrolls === (box.getAttribute("tabindex") === "0")) return;
    if (scrolls) {
      box.tabIndex = 0;
      box.setAttribute("role", "region");
      if (labelledBy) box.setAttribute("aria-labelledby", labelledBy);
      else if (label) box.setAttribute("aria-label", label);
    } else if (document.activeElement !== box) {
      ["tabindex", "role", "aria-labelledby", "aria-label"].forEach(function (a) { box.removeAttribute(a); });
    }
  }
  function reveal(link, box) {
    if (box.scrollWidth <= box.clientWidth) return;
    var c = link.getBoundingClientRect(), n = box.getBoundingClientRect();
    if (c.right > n.right - fade) box.scrollLeft += c.right - n.right + fade;
    else if (c.left < n.left + fade) box.scrollLeft -= n.left + fade - c.left;
  }
  if (current) {
    reveal(current, nav);
    window.addEventListener("resize", function () { reveal(current, nav); }); // a phone turned upright
  }
  // Any menu: the 404 page has one per language.
  document.addEventListener("focusin", function (e) {
    var box = e.target.closest && e.target.closest(".site-nav");
    if (box) reveal(e.target, box);
  });
  // Which ends of a box that scrolls sideways (the menu on a phone, the timeline's chart)
  // hold what is scrolled out of sight: the stylesheet fades that end (.more-after,
  // .more-before), so that a reader sees that the box scrolls; the shadow the stylesheet
  // draws for the menu without script is faint, and the chart had none.
  // The timeline's chart on a phone keeps its row labels over its left edge (sticky): a
  // mark reached with Tab is scrolled clear of them as well as of the fade.
  document.querySelectorAll(".site-nav, .scroll-wrap").forEach(function (box) {
    var labels = box.querySelector("svg.timeline-labels");
    function markEnds() {
      var hidden = box.scrollWidth - box.clientWidth;
      box.classList.toggle("more-after", box.scrollLeft < hidden - 1);
      box.classList.toggle("more-before", box.scrollLeft > 1);
      if (labels) {
        // A chart that scrolls is a Tab stop, named by its caption, from which the arrow
        // keys scroll it (its marks are out of the Tab order); one that fits is not a
        // stop that does nothing. Chromium made it a stop without a name, Safari none.
        scrollStop(box, hidden > 0, "tl-caption");
      }
      if (labels) {
        var w = labels.getBoundingClientRect().width; // 0 where the chart does not scroll
        box.style.scrollPaddingLeft = w ? (w + fade) + "px" : "";
      }
    }
    markEnds();
    box.addEventListener("scroll", markEnds, { passive: true });
    window.addEventListener("resize", markEnds);
    // The timeline filtered to a brief (#f-…, a CSS :target): the chart scrolls to the
    // brief's first mark, which the years before it kept out of a phone's view.
    if (labels) {
      var toFiltered = function () {
        var id = location.hash.slice(1);
        if (!id || box.scrollWidth <= box.clientWidth) return;
        // The earliest of its marks: the marks are in the chart's rows, not in time.
        var left = Infinity;
        box.querySelectorAll("a." + CSS.escape(id)).forEach(function (m) { left = Math.min(left, m.getBoundingClientRect().left); });
        if (left === Infinity) return;
        var pad = parseFloat(box.style.scrollPaddingLeft) || fade;
        box.scrollLeft += left - box.getBoundingClientRect().left - pad;
        // A year label the row labels cut in two showed a stray digit ("2" of 2002): the
        // chart moves back until the label shows whole, which keeps the mark in view.
        var edge = labels.getBoundingClientRect().right;
        box.querySelectorAll("text.year").forEach(function (y) {
          var r = y.getBoundingClientRect();
          if (r.left < edge && r.right > edge) box.scrollLeft -= edge - r.left;
        });
      };
      toFiltered();
      window.addEventListener("hashchange", toFiltered);
    }
  });

  // The language switch leads to the same place in the translation: a section's id is
  // the same in both languages (the translator check holds them together), so the
  // address's #fragment goes with it, kept up to date as the reader moves (a link opened
  // in a new tab has it too). Not #main, where the skip link leads: the translation opens
  // at its top. On a brief, the section the reader moved down into takes its place (see
  // switchToReading, below).
  var switchLinks = document.querySelectorAll(".lang-switch a[href]");
  function carryHash() {
    switchLinks.forEach(function (a) {
      var u = new URL(a.href);
      u.hash = location.hash === "#main" ? "" : location.hash;
      a.href = u.href;
    });
  }
  carryHash();
  window.addEventListener("hashchange", carryHash);
  switchLinks.forEach(function (a) { a.addEventListener("click", carryHash); });

  // "Back to top" (the site footer's link): shown once the reader is two screens down a
  // page, hidden near its top, where the header is in view. On a phone, where it stands
  // over the text (a table's last column), it shows when the reader scrolls back up, as
  // looking for the top, and goes when they read on down, as a phone's own toolbars do;
  // it stays while it has the focus.
  // Followed, it scrolls to the very top, the header in view, and puts the focus on the
  // content, where Tab goes on from; the address keeps its #fragment (the timeline's
  // filter is one), which the link's own #main would replace.
  var toTop = document.querySelector(".to-top");
  if (toTop) {
    // turnY is where the scroll last turned: a slow scroll moves a pixel or two a frame,
    // and counts from there.
    var phone = window.matchMedia("(max-width: 40rem)"), lastY = window.scrollY, turnY = lastY;
    var placeTop = function () {
      var y = window.scrollY;
      if ((y - lastY) * (lastY - turnY) < 0) turnY = lastY;
      lastY = y;
      if (y < 2 * window.innerHeight) toTop.hidden = true;
      else if (!phone.matches || y < turnY - 16) toTop.hidden = false;
      else if (y > turnY + 16 && document.activeElement !== toTop) toTop.hidden = true;
    };
    placeTop();
    window.addEventListener("scroll", placeTop, { passive: true });
    toTop.addEventListener("click", function (ev) {
      ev.preventDefault();
      window.scrollTo(0, 0);
      document.getElementById("main").focus({ preventScroll: true });
    });
  }

  // The timeline's filter: once a brief is chosen, its list of briefs folds away, so that
  // the events follow the chart again (on a phone the open list stood 700 px between them).
  // The focus, on the chosen link that folding hides, goes to the list's summary, from
  // which a keyboard reader goes on or chooses again.
  // The line that says which brief is shown takes the focus when there is one: it is
  // what the choice did, read out as the focus lands. The jump to the link's #f-… comes
  // after this handler and leaves the focus on the page's body: the focus moves after it.
  var filter = document.querySelector(".timeline-filter");
  if (filter) {
    filter.addEventListener("click", function (ev) {
      var a = ev.target.closest("a[href^='#']");
      if (!a) return;
      var hadFocus = filter.contains(document.activeElement);
      filter.open = false;
      if (!hadFocus) return;
      setTimeout(function () {
        var status = document.querySelector(".filter-status." + CSS.escape(decodeURIComponent(a.hash.slice(1))));
        (status && status.offsetParent ? status : filter.querySelector("summary")).focus();
      });
    });
  }

  // "On this page" of a brief: on a wide screen beside the text and always open (the
  // stylesheet shows it open without script too), so it is open for a screen reader as
  // well, and its summary, which toggles nothing there, is no Tab stop, and no button for
  // a screen reader either (it was "On this page, expanded", a button that did nothing):
  // its words name the list's landmark instead. On a phone a closed <details>.
  var toc = document.querySelector(".brief > .toc details");
  var wide = window.matchMedia && window.matchMedia("(min-width: 64rem)");
  if (toc && wide) {
    var summary = toc.querySelector("summary"), tocNav = toc.parentNode;
    var fit = function () {
      toc.open = wide.matches;
      if (wide.matches) {
        summary.tabIndex = -1;
        summary.setAttribute("aria-hidden", "true");
        tocNav.setAttribute("aria-label", summary.textContent);
        tocNav.removeAttribute("aria-labelledby");
      } else {
        summary.removeAttribute("tabindex");
        summary.removeAttribute("aria-hidden");
        tocNav.setAttribute("aria-labelledby", summary.id);
        tocNav.removeAttribute("aria-label");
      }
    };
    fit();
    if (wide.addEventListener) wide.addEventListener("change", fit);
    toc.addEventListener("toggle", function () { if (wide.matches && !toc.open) toc.open = true; });
  }

  // The section being read, by the headings of "On this page": the last whose heading is
  // above the top third of the screen, or scrolled to the foot of the page, where the last
  // sections never reach it, the last whose heading is on the screen; -1 above the first.
  var tocLinks = toc ? toc.querySelectorAll("a[href^='#']") : [];
  var sections = Array.prototype.map.call(tocLinks, function (a) {
    return document.getElementById(decodeURIComponent(a.hash.slice(1)));
  });
  function sectionAt() {
    var at = -1, foot = window.scrollY > 0 && window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2;
    sections.forEach(function (h, i) {
      if (h && h.getBoundingClientRect().top <= (foot ? window.innerHeight : window.innerHeight / 3)) at = i;
    });
    if (foot) {
      // The section the address names, when its heading is on the screen: the reader chose
      // it in "On this page", and the page could scroll no further than its foot.
      var named = location.hash ? sections.indexOf(document.getElementById(decodeURIComponent(location.hash.slice(1)))) : -1;
      var top = named >= 0 && sections[named] ? sections[named].getBoundingClientRect().top : -1;
      if (top >= 0 && top < window.innerHeight) at = named;
    }
    return at;
  }

  // The language switch of a brief opens the translation at the section being read, even
  // when the reader scrolled there rather than followed a link to it. The switch is at the
  // top of the page, and the way up to it passes earlier sections: the section counts as
  // read when the reader moves down into it or follows a link to it, not when they pass
  // it going up. Above the first section, the address's #fragment goes with the switch,
  // as on any page (carryHash): none opens the translation at its top.
  // On a wide screen, "On this page" follows the reader too: the link of the section on
  // the screen is marked with aria-current="location" and styled so. A phone's list is
  // folded, and left as it is. One look at the headings a frame serves both.
  if (sections.length) {
    var readY = window.scrollY, reading = sectionAt(), queued = false;
    var switchToReading = function () {
      if (reading < 0 || !sections[reading]) return; // the address's #fragment stands (carryHash)
      switchLinks.forEach(function (a) {
        var u = new URL(a.href);
        u.hash = "#" + sections[reading].id;
        a.href = u.href;
      });
    };
    var follow = function () {
      queued = false;
      var at = sectionAt();
      if (window.scrollY > readY && at !== reading) {
        reading = at;
        switchToReading();
      }
      readY = window.scrollY;
      if (!wide) return;
      tocLinks.forEach(function (a, i) {
        if (wide.matches && i === at) a.setAttribute("aria-current", "location"); else a.removeAttribute("aria-current");
      });
    };
    switchToReading();
    follow();
    window.addEventListener("scroll", function () {
      if (!queued) { queued = true; requestAnimationFrame(follow); }
    }, { passive: true });
    window.addEventListener("hashchange", function () { reading = sectionAt(); readY = window.scrollY; switchToReading(); });
    // After carryHash's own listener, which sets the address's #fragment.
    switchLinks.forEach(function (a) { a.addEventListener("click", switchToReading); });
    if (wide && wide.addEventListener) wide.addEventListener("change", follow);
  }

  // The colour scheme toggle: pressed means dark. The choice is kept in localStorage (no
  // cookie) and read back before each page is drawn (the theme-head partial).
  var system = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  function isDark() {
    var t = root.getAttribute("data-theme");
    return t ? t === "dark" : !!(system && system.matches);
  }
  document.querySelectorAll(".theme-toggle").forEach(function (b) {
    var show = function () { b.setAttribute("aria-pressed", String(isDark())); };
    b.hidden = false;
    show();
    b.addEventListener("click", function () {
      var next = isDark() ? "light" : "dark";
      root.setAttribute("data-theme", next);
      try { localStorage.setItem("theme", next); } catch (e) { /* private mode: this page only */ }
      show();
    });
    if (system && system.addEventListener) system.addEventListener("change", show);
  });

  // A table wider than its box scrolls sideways in it (the countries' facts at 200% zoom):
  // the box is then a Tab stop named like its table, from which the arrow keys scroll it
  // (a table without links had no stop to scroll it from, WCAG 2.1.1); a box whose table
  // fits, or that does not scroll (a stacked table on a phone), is not a stop that does
  // nothing. Watched for any change of the box's size, not only the window's: fonts that
  // load later, a list that unfolds.
  document.querySelectorAll(".table-wrap").forEach(function (box) {
    var table = box.querySelector("table");
    if (!table) return;
    function markScroll() {
      var scrolls = box.scrollWidth > box.clientWidth + 1 && getComputedStyle(box).overflowX !== "visible";
      scrollStop(box, scrolls, table.getAttribute("aria-labelledby"), table.getAttribute("aria-label"));
    }
    markScroll();
    if (window.ResizeObserver) new ResizeObserver(markScroll).observe(box);
    else window.addEventListener("resize", markScroll);
  });

  // Each section heading (h2, h3) with an id becomes a link to itself, as MDN's do, so
  // that a reader can take the address of a section to a colleague (the "On this page"
  // list has the same links, without script too). The whole heading is the link: its
  // accessible name stays the heading's text, and a "#" shows on hover and focus. Left
  // alone: the booklet's hundreds of headings; a page printed by build pdf (?pdf), where
  // a heading would only link to itself; the timeline's years, whose address would drop
  // the filter that the address's #f-… holds; the glossary's initials, a letter wide, which
  // its jump links lead to; headings that hold a link already.
  var linkHeadings = !document.body.classList.contains("layout-print") &&
    !new URLSearchParams(location.search).has("pdf");
  if (linkHeadings) {
    document.querySelectorAll("main h2[id], main h3[id]").forEach(function (h) {
      if (h.closest(".timeline-year, .initial-row")) return;
      if (h.querySelector("a")) return;
      var a = document.createElement("a");
      a.className = "heading-link";
      a.href = "#" + h.id;
      while (h.firstChild) a.appendChild(h.firstChild);
      h.appendChild(a);
    });
  }
})();
