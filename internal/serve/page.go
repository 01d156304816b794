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
// publishes. It listens for reload events, which carry the URL paths of the changed pages
// (null: every page), and reloads this page if it is one of them. After the connection
// was lost (the server restarted), it reloads once it is back.
var reloadScript = template.Must(template.New("script").Parse(`<script>
/* Added by the preview server (build serve) only: reload when the site is rebuilt. */
(function () {
  var all = {{.All}}, lost = false;
  var here = location.pathname.replace(/index\.html$/, "");
  var events = new EventSource({{.Events}});
  events.addEventListener("reload", function (e) {
    var paths = JSON.parse(e.data);
    if (all || paths === null || paths.indexOf(here) >= 0) location.reload();
  });
  events.onerror = function () { lost = true; };
  events.onopen = function () { if (lost) location.reload(); };
})();
</script>
`))

// script returns the reload script for a page served under base; all makes it reload on
// every event (the error page).
func script(base string, all bool) []byte {
	var buf bytes.Buffer
	if err := reloadScript.ExecuteTemplate(&buf, "script", pageData{All: all, Events: base + EventsPath}); err != nil {
		panic(err) // a constant template over a bool and strings
	}
	return buf.Bytes()
}

// pageData is what the script and the error page show.
type pageData struct {
	All    bool
	Events string
	Errors []string
}

// inject puts the reload script before the page's last </body>, or at its end.
func inject(page []byte, base string) []byte {
	s := script(base, false)
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
func renderError(err error, base string) []byte {
	var buf bytes.Buffer
	data := pageData{All: true, Events: base + EventsPath, Errors: strings.Split(err.Error(), "\n")}
	if err := errorPage.ExecuteTemplate(&buf, "error", data); err != nil {
		panic(err) // a constant template over a bool and strings
	}
	return buf.Bytes()
}
