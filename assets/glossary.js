// The glossary's filter box: shown only where script runs. Typing keeps the rows whose
// text (either language, the reading, the abbreviation) contains what was typed, in any
// case, either width of Latin letters and digits, and hiragana or katakana; the count says
// how many are left. A letter of the jump list whose terms are hidden clears the filter.
// The address's ?q= fills the box, and the box fills it.
(function () {
  var box = document.querySelector(".glossary-filter");
  var input = document.getElementById("glossary-q");
  var count = box && box.querySelector(".glossary-count");
  if (!box || !input || !count) return;
  var rows = [], heads = [], headOf = [];
  // An initial's heading row is shown while one of its terms is.
  document.querySelectorAll(".glossary-table tbody tr").forEach(function (tr) {
    if (tr.classList.contains("initial-row")) {
      heads.push(tr);
    } else {
      rows.push(tr);
      headOf.push(heads.length - 1);
    }
  });
  // Katakana are read as hiragana, on both sides: かんぼじあ, typed and not converted,
  // finds カンボジア, whose reading the table does not show, as the site search does.
  var norm = function (s) {
    return s.normalize("NFKC").toLowerCase().replace(/[\u30a1-\u30f6]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0x60); });
  };
  // What a cell shows: not the words a screen reader alone reads (（読み：…）).
  var visibleText = function (td) {
    var c = td.cloneNode(true);
    c.querySelectorAll(".visually-hidden").forEach(function (n) { n.remove(); });
    return c.textContent;
  };
  var texts = rows.map(function (tr) {
    var cells = tr.querySelectorAll("th, td");
    return norm(visibleText(cells[0]) + " " + visibleText(cells[1]));
  });
  box.hidden = false;
  // The filter is in the address (?q=), for a reload or a shared link, and goes with the
  // language switch: the other edition's glossary opens filtered alike (its rows hold
  // both languages).
  var carry = function () {
    var q = input.value.trim();
    var set = function (href) {
      var u = new URL(href);
      if (q) u.searchParams.set("q", q); else u.searchParams.delete("q");
      return u.href;
    };
    if (set(location.href) !== location.href) history.replaceState(history.state, "", set(location.href));
    document.querySelectorAll(".lang-switch a[href]").forEach(function (a) { a.href = set(a.href); });
  };
  var asked = new URL(location.href).searchParams.get("q");
  if (asked) input.value = asked;
  var update = function () {
    carry();
    var q = norm(input.value.trim()), shown = 0, headShown = heads.map(function () { return false; });
    rows.forEach(function (tr, i) {
      var hit = q === "" || texts[i].indexOf(q) >= 0;
      tr.hidden = !hit;
      if (hit) {
        shown++;
        if (headOf[i] >= 0) headShown[headOf[i]] = true;
      }
    });
    heads.forEach(function (tr, i) { tr.hidden = !headShown[i]; });
    var n = [shown, rows.length];
    // None left: the site search may find the words in the briefs.
    var raw = input.value.trim(), offer = "";
    if (search) {
      search.hidden = shown > 0 || raw === "";
      if (!search.hidden) {
        var a = search.querySelector("a"), u = new URL(a.href);
        u.searchParams.set("q", raw);
        a.href = u.href;
        // A function, not a string: "$&" typed in the box is text, not a pattern.
        offer = a.textContent = a.getAttribute("data-template").replace("{q}", function () { return raw; });
      }
    }
    count.textContent = q === "" ? "" : count.getAttribute("data-template").replace(/%d/g, function () { return n.shift(); });
    // Said once typing pauses, as the site search says its count, not once a letter
    // ("mine" was four announcements); shown at once, with the rows.
    clearTimeout(sayTimer);
    // With the offer of a site search, which a screen reader would not find otherwise.
    sayTimer = setTimeout(function () { said.textContent = count.textContent + (offer ? " " + offer : ""); }, 600);
  };
  var said = box.querySelector(".glossary-said"), sayTimer;
  var search = box.querySelector(".glossary-search");
  // Not on each kana of a Japanese input method: on the converted text. (A phone's
  // keyboard composes Latin words too: those filter as they are typed.)
  input.addEventListener("input", function (ev) { if (!ev.isComposing || !/[\u3040-\u30ff]/.test(input.value)) update(); });
  input.addEventListener("compositionend", update);
  // A letter of the jump list whose terms the filter hides clears the filter, and its link
  // then leads there: it did nothing, and still looked like a link.
  document.querySelectorAll(".jump a[href^='#']").forEach(function (a) {
    a.addEventListener("click", function () {
      var head = document.getElementById(decodeURIComponent(a.hash.slice(1)));
      var row = head && head.closest("tr");
      if (row && row.hidden) {
        input.value = "";
        update();
      }
    });
  });
  update();
})();
