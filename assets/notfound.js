// The 404 page (issue 14) is one file for every missing URL. Under a language's folder
// (/ja/…) this script puts that language first: its skip link, its header, its notice,
// the page's lang and title. Without script the default language comes first.
document.addEventListener("DOMContentLoaded", function () {
  var d = document.documentElement, hs = document.querySelectorAll(".site-header[data-lang]"), l = null;
  hs.forEach(function (h) {
    if (location.pathname.indexOf("/" + h.getAttribute("data-lang") + "/") >= 0 && !l) l = h.getAttribute("data-lang");
  });
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
