// Package browsertest holds the quality gates that need tools from outside Go: a real
// browser and a real HTML validator. Its tests build the site into a temporary folder,
// serve it over HTTP on 127.0.0.1 under a sub-path (/briefing/), as a host would, and check:
//
//   - in headless Chromium, every page: no console error and no failed request; the
//     language switch leads to the same page in the other language; no horizontal
//     scrolling at 320, 375, 390 and 1280 px; content and links without JavaScript; the
//     skip link is the first Tab stop and moves focus to main; focused links show an
//     outline; at 390 px stacked tables, 24 px tap targets and Japanese numbers and names
//     whole on a line; at 1280 px the current section marked in the menu and the "On this
//     page" links landing on their headings;
//   - with axe-core, a sample of every kind of page in both languages: no serious or
//     critical violation;
//   - with html-validate, every built (minified) page against .htmlvalidate.json.
//
// The tools are Chromium (Debian package chromium, with fonts-noto-cjk for the Japanese
// pages) and the npm packages in package.json (npm ci). A missing tool skips its tests with
// the reason; with REQUIRE_TOOLS=1, as .ci/run sets it, a missing tool fails them, so that
// CI never counts a check that did not run as passed.
//
// The package has no code outside its tests.
package browsertest
