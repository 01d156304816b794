package serve

import (
	"bytes"
	"html/template"
	"strings"

	"peacebuilding/internal/deploy"
)

// EventsPath is where, under the site's base path, the preview sends its reload events.
// The name cannot clash with a page: content slugs have no underscore.
const EventsPath = "_preview/events"

// ScriptPath and StylePath are where, under the site's base path, the preview's own script
// and the style of its findings box are served: as files, not inline, so that the site's
// pages come with the Content-Security-Policy of the published site (sitePolicy), which
// allows no inline script or style. Without it, a designer's style attribute showed in
// the preview and was blocked once published (a designer's trial).
const (
	ScriptPath = "_preview/preview.js"
	StylePath  = "_preview/preview.css"
)

// sitePolicy is the Content-Security-Policy of the site's pages in the preview: the
// published site's (deploy/nginx.conf). The preview's own pages (the error page, the
// side-by-side view) have none: they are not the site's.
const sitePolicy = deploy.ContentSecurityPolicy

// reloadScript is added to every HTML page the preview serves, and to nothing the build
// publishes: it loads previewJS with the page's data.
var reloadScript = template.Must(template.New("script").Parse(`<script src="{{.Script}}" data-gen="{{.Gen}}" data-all="{{.All}}" data-events="{{.Events}}" data-pair="{{.Pair}}"></script>
`))

// previewJS is the script of every page the preview serves. The page knows the generation
// of the build it comes from. Reload events carry the new generation and the URL paths of
// the changed pages (null: every page); the page reloads if it is one of them. On
// connecting, the server says its generation: a page from an older one (the server
// restarted, or the tab was hidden during a build) reloads. Hidden tabs close their
// connection: a browser opens at most six to one server.
const previewJS = `(function () {
  var d = document.currentScript.dataset;
  var gen = Number(d.gen), all = d.all === "true", events = null;
  var here = location.pathname.replace(/index\.html$/, "");
  function connect() {
    events = new EventSource(d.events);
    events.addEventListener("hello", function (e) {
      if (JSON.parse(e.data) !== gen) location.reload();
    });
    events.addEventListener("reload", function (e) {
      var r = JSON.parse(e.data);
      if (all || r.paths === null || r.paths.indexOf(here) >= 0) location.reload();
      else gen = r.gen;
    });
  }
  document.addEventListener("visibilitychange", function () {
    if (document.hidden) {
      if (events) events.close();
      events = null;
    } else if (!events) {
      connect();
    }
  });
  if (!document.hidden) connect();
  // The status page's rows name their page for the side-by-side view, which only the
  // preview has: link it here.
  document.querySelectorAll("[data-pair]").forEach(function (el) {
    var a = document.createElement("a"), key = el.getAttribute("data-pair");
    a.href = d.pair + key;
    a.textContent = "side by side";
    a.setAttribute("aria-label", key.split("?")[0] + " side by side");
    // Beside the EN and JA links, before the page's title on its own line (null: at the end).
    var title = el.querySelector(".status-title");
    el.insertBefore(document.createTextNode(" "), title);
    el.insertBefore(a, title);
  });
})();
`

// previewCSS is the style of the findings box (pair.go): amber for work to do, red for
// open findings, green for none.
const previewCSS = `.preview-check{position:fixed;right:.5rem;bottom:.5rem;max-width:28rem;max-height:40vh;overflow:auto;background:#fff;color:#1a1a1a;border:2px solid #2a7;padding:.5rem .75rem;font:14px/1.4 system-ui,sans-serif;z-index:1000}
.preview-check[data-state=open]{border-color:#a00}
.preview-check[data-state=todo]{border-color:#b60}
.preview-check ul{margin:.25rem 0 0;padding-left:1.2rem}
`

// pageData is what the script and the error page show.
type pageData struct {
	Gen    int64 // the generation of the build the page comes from
	All    bool  // reload on every event (the error page)
	Script string
	Events string
	Pair   string // where the side-by-side view of a page is, but for its key
	Errors []string
}

// script returns the reload script for a page of build generation gen served under base.
func script(base string, gen int64, all bool) []byte {
	var buf bytes.Buffer
	if err := reloadScript.ExecuteTemplate(&buf, "script", pageData{Gen: gen, All: all, Script: base + ScriptPath, Events: base + EventsPath, Pair: base + PairPath}); err != nil {
		panic(err) // a constant template over numbers, a bool and strings
	}
	return buf.Bytes()
}

// inject puts the reload script before the page's last </body>, or at its end.
func inject(page []byte, base string, gen int64) []byte {
	s := script(base, gen, false)
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		return append(page[:len(page):len(page)], s...)
	}
	out := make([]byte, 0, len(page)+len(s))
	out = append(out, page[:i]...)
	out = append(out, s...)
	return append(out, page[i:]...)
}

// errorPage is shown for every HTML page while the site does not build: in both languages,
// since it replaces the pages of both, with every error as the build prints it.
var errorPage = template.Must(template.Must(reloadScript.Clone()).New("error").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Build failed · ビルドに失敗しました</title>
<style>
body { font: 16px/1.5 system-ui, "Noto Sans CJK JP", sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1a1a1a; }
h1 { color: #a00; font-size: 1.5rem; }
ol { padding-left: 1.5rem; }
li { margin: .5rem 0; }
code { font: 14px/1.4 ui-monospace, monospace; white-space: pre-wrap; overflow-wrap: anywhere; background: #fdf0f0; display: block; padding: .25rem .5rem; }
</style>
</head>
<body>
<main>
<h1>Build failed <span lang="ja">ビルドに失敗しました</span></h1>
<p>The site cannot be built: {{len .Errors}} error(s). Fix them and save; this page reloads by itself.</p>
<p lang="ja">サイトをビルドできません（エラー {{len .Errors}} 件）。修正して保存すると、このページは自動的に再読み込みされます。</p>
<ol class="errors">
{{- range .Errors}}
<li><code>{{.}}</code></li>
{{- end}}
</ol>
</main>
{{template "script" .}}
</body>
</html>
`))

// renderError returns the error page for a build error.
func renderError(err error, base string, gen int64) []byte {
	var buf bytes.Buffer
	data := pageData{Gen: gen, All: true, Script: base + ScriptPath, Events: base + EventsPath, Pair: base + PairPath, Errors: strings.Split(err.Error(), "\n")}
	if err := errorPage.ExecuteTemplate(&buf, "error", data); err != nil {
		panic(err) // a constant template over numbers, a bool and strings
	}
	return buf.Bytes()
}
