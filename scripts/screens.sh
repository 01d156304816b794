#!/bin/sh
# Takes the README's screenshots again (docs/pictures-*.png and docs/screens/*.png) from
# the site as it builds now, with headless Chromium (Debian: chromium-headless-shell or
# chromium, with fonts-noto-cjk) and Python's http.server. Look at what it made before
# committing it.
set -eu
cd "$(dirname "$0")/.."
chromium=${CHROMIUM:-$(command -v chromium-headless-shell || command -v chromium || true)}
if [ -z "$chromium" ]; then
	echo "screens.sh: no Chromium: apt-get install chromium-headless-shell fonts-noto-cjk" >&2
	exit 1
fi
if ! command -v python3 >/dev/null; then
	echo "screens.sh: no python3 to serve the site: apt-get install python3" >&2
	exit 1
fi
port=${PORT:-8791}
base="http://127.0.0.1:$port/briefing/"
work=$(mktemp -d)
server=
trap '[ -n "$server" ] && kill "$server"; rm -rf "$work"' EXIT
# Served under a sub-path, as a project site is. A marker file tells this server from
# another one that holds the port.
go run ./cmd/build -q -out "$work/www/briefing" -baseurl "$base"
echo "$work" >"$work/www/briefing/screens-marker.txt"
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/www" >/dev/null 2>&1 &
server=$!
for _ in 1 2 3 4 5 6 7 8 9 10; do
	python3 -c "import sys, urllib.request; sys.exit(urllib.request.urlopen(sys.argv[1]).read().decode().strip() != sys.argv[2])" \
		"${base}screens-marker.txt" "$work" 2>/dev/null && break
	kill -0 "$server" 2>/dev/null || { echo "screens.sh: the server did not start (port $port taken? PORT=... sets another)" >&2; exit 1; }
	sleep 0.5
done

# shot FILE WIDTH HEIGHT PAGE: the top of PAGE (under the site's folder) in a window of
# WIDTH x HEIGHT, after its scripts have run.
shot() {
	"$chromium" --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
		--disable-component-update --disable-sync --user-data-dir="$work/profile" --hide-scrollbars \
		--window-size="$2,$3" --virtual-time-budget=3000 --screenshot="$1" "$base$4" 2>/dev/null
	echo "$1"
}

# The world map heads the countries index.
shot docs/pictures-map-en.png 1280 760 en/countries/
shot docs/pictures-map-ja.png 1280 760 ja/countries/
shot docs/pictures-map-ja-390.png 390 760 ja/countries/
shot docs/pictures-brief-en.png 1280 1250 en/countries/iraq/
shot docs/pictures-brief-ja.png 1280 1250 ja/countries/iraq/
shot docs/pictures-figures-en.png 1280 1300 en/figures/
shot docs/pictures-figures-ja.png 1280 1300 ja/figures/
shot docs/pictures-timeline-en.png 1280 580 en/timeline/
shot docs/pictures-timeline-ja.png 1280 580 ja/timeline/
for lang in en ja; do
	for page in home: cambodia:countries/cambodia/ figures:figures/; do
		shot "docs/screens/${page%%:*}-$lang-1280.png" 1280 1400 "$lang/${page#*:}"
		shot "docs/screens/${page%%:*}-$lang-390.png" 390 1800 "$lang/${page#*:}"
	done
done
