// Shows the "Print this brief" button only where script runs; the page reads fine without it.
document.querySelectorAll("[data-print]").forEach(function (b) {
  b.hidden = false;
  b.addEventListener("click", function () { window.print(); });
});
