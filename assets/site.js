// On every page (issue 14): "/" focuses the search box, and the colour scheme toggle. The
// pages read fine without it: the search box is a plain form, and the scheme follows
// prefers-color-scheme.
(function () {
  "use strict";
  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "/" || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    var t = ev.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    var box = document.getElementById("search-q") || document.getElementById("site-q");
    if (!box) return;
    ev.preventDefault();
    box.focus();
    box.select();
  });
})();
