// Before the page is drawn (a script in the head, not deferred): the colour scheme the
// reader chose with the toggle of assets/site.js, so that a dark page never flashes light.
// A file rather than an inline script, so that the Content-Security-Policy of deploy/
// needs no 'unsafe-inline'.
try {
  var t = localStorage.getItem("theme");
  if (t === "dark" || t === "light") document.documentElement.setAttribute("data-theme", t);
} catch (e) { /* storage blocked: the system's scheme applies */ }
