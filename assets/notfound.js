// The 404 page (issue 14) is one file for every missing URL. Under a language's folder
// (/ja/…) this script puts that language first: its skip link, its header, its notice,
// the page's lang and title. Without script the default language comes first.
document.addEventListener("DOMContentLoaded", function () {
  var d = document.documentElement, hs = document.querySelectorAll(".site-header[data-lang]"), l = null;
  hs.forEach(function (h) {
    if (location.pathname.indexOf("/" + h.getAttribute("data-lang") + "/") >= 0 && !l) l = h.getAttribute("data-lang");
  });
  // The search boxes start with the words of the missing address's last part, an old or
  // mistyped name (/en/countries/sudann/: "sudann"), which search answers with the page
  // or a "did you mean".
  var words = missingWords(location.pathname);
  if (words) document.querySelectorAll(".not-found input[name=q]").forEach(function (q) { q.value = words; });
  if (!l || l === d.lang) return;
  var h = document.querySelector('.site-header[data-lang="' + l + '"]'), s = document.querySelector('.chooser-lang[lang="' + l + '"]');
  h.parentNode.insertBefore(h, hs[0]);
  var skip = document.querySelector('.skip[data-lang="' + l + '"]');
  skip.parentNode.insertBefore(skip, skip.parentNode.firstChild);
  if (s) {
    s.parentNode.insertBefore(s, s.parentNode.firstChild);
    document.title = s.getAttribute("data-title");
  }
  d.lang = l;
});

// missingWords is the last part of path as words: its name without .html, its hyphens
// and underscores as spaces; "" for a part that is no name (a language's folder, index).
function missingWords(path) {
  var parts = path.split("/").filter(Boolean), last = parts.length ? parts[parts.length - 1] : "";
  try { last = decodeURIComponent(last); } catch (e) { return ""; }
  last = last.replace(/\.html?$/, "").replace(/[-_]+/g, " ").trim();
  if (last === "index" || /^[a-z]{2}$/.test(last) || !/[\p{L}]/u.test(last)) return "";
  return last;
}
