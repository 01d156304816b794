package serve

import (
	"bytes"
	"html/template"
	"strings"
)

// EventsPath is where, under the site's base path, the preview sends its reload events.
// The name cannot clash with a page: content slugs have no underscore.
const EventsPath = "_preview/events"

// reloadScript is added to every HTML page the preview serves, and to nothing the build
// publishes. The page knows the generation of the build it comes from. Reload events
// carry the new generation and the URL paths of the changed pages (null: every page); the
// page reloads if it is one of them. On connecting, the server says its generation: a
// page from an older one (the server restarted, or the tab was hidden during a build)
// reloads. Hidden tabs close their connection: a browser opens at most six to one server.
var reloadScript = template.Must(template.New("script").Parse(`<script>
(function () {
  var gen = {{.Gen}}, all = {{.All}}, events = null;
  var here = location.pathname.replace(/index\.html$/, "");
  function connect() {
    events = new EventSource({{.Events}});
    events.addEventListener("hello", function (e) {
      if (JSON.parse(e.data) !== gen) location.reload();
    });
    events.addEventListener("reload", function (e) {
      var d = JSON.parse(e.data);
      if (all || d.paths === null || d.paths.indexOf(here) >= 0) location.reload();
      else gen = d.gen;
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
    a.href = {{.Pair}} + key;
    a.textContent = "side by side";
    a.setAttribute("aria-label", key.split("?")[0] + " side by side");
    el.appendChild(document.createTextNode(" "));
    el.appendChild(a);
  });
})();
</script>
`))

// pageData is what the script and the error page show.
type pageData struct {
	Gen    int64 // the generation of the build the page comes from
	All    bool  // reload on every event (the error page)
	Events string
	Pair   string // where the side-by-side view of a page is, but for its key
	Errors []string
}

// script returns the reload script for a page of build generation gen served under base.
func script(base string, gen int64, all bool) []byte {
	var buf bytes.Buffer
	if err := reloadScript.ExecuteTemplate(&buf, "script", pageData{Gen: gen, All: all, Events: base + EventsPath, Pair: base + PairPath}); err != nil {
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
	data := pageData{Gen: gen, All: true, Events: base + EventsPath, Pair: base + PairPath, Errors: strings.Split(err.Error(), "\n")}
	if err := errorPage.ExecuteTemplate(&buf, "error", data); err != nil {
		panic(err) // a constant template over numbers, a bool and strings
	}
	return buf.Bytes()
}
