// Shows the "Print this brief" button only where script runs; the page reads fine without it.
document.querySelectorAll("[data-print]").forEach(function (b) {
  b.hidden = false;
  b.addEventListener("click", function () { window.print(); });
});

// build pdf prints the built files from disk, with "?pdf" on their file:// address. There
// the page's relative links would become links into the printing machine's folders: point
// them at the published site instead, from the page's canonical address. Links within the
// page stay, and lead to their place in the PDF.
if (new URLSearchParams(location.search).has("pdf")) {
  var canonical = document.querySelector('link[rel="canonical"]');
  if (canonical) {
    document.querySelectorAll("a[href]").forEach(function (a) {
      var href = a.getAttribute("href");
      // setAttribute, not a.href: the links of an inline SVG (the world map) have no
      // writable href property.
      if (href.charAt(0) !== "#") a.setAttribute("href", new URL(href, canonical.href).href);
    });
  }
}
