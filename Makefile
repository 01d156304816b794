# Japan's Peacebuilding Efforts: a bilingual briefing site and its generator.
# `make build` builds the site into public/; `make test` runs every test.

GO ?= go
.DEFAULT_GOAL := build
# Packages with golden files (they take the -update flag).
GOLDEN_PKGS = ./internal/pipeline/ ./internal/check/ ./cmd/build/

# The build, the PDFs, the check and the preview run a compiled program, kept in .cache/:
# go run would compile it on every run, would not pass a kill of make's PID on to the
# server, and adds "exit status 1" under the program's own errors. The first run says that
# it compiles. ARGS are the check's: make check ARGS="-q content/ja/countries".
BIN = .cache/bin/build
ARGS ?=

$(BIN)-fresh:
	@test -x $(BIN) || echo "compiling the site generator first (15 to 30 s on an empty Go build cache, once; later runs start in under a second)" >&2
	@$(GO) build -o $(BIN) ./cmd/build

.PHONY: build test check bench serve pdf fuzz update-golden vet clean glyphs $(BIN)-fresh

# BUILDFLAGS are the build's: make build BUILDFLAGS="-precompress -baseurl https://example.org/briefing/"
# (-precompress writes name.gz and name.br for nginx, see README, Deploying).
BUILDFLAGS ?=
build: $(BIN)-fresh
	@$(BIN) $(BUILDFLAGS)

# go test runs two packages at a time on two cores, in the order given: the longest go
# first (the killed builds, the browser, the PDFs), so that none of them runs alone at the
# end. go test alone hides a skipped test behind its package's "ok": testreport prints go
# test's usual lines, then each skipped test with its reason (a missing tool names the
# command that installs it).
SLOW_TESTS = ./cmd/build ./internal/browsertest ./internal/pdf ./internal/check ./internal/incremental

test:
	$(GO) vet ./...
	$(GO) test -json $(SLOW_TESTS) ./... | $(GO) run ./scripts/testreport

check: $(BIN)-fresh
	@$(BIN) check $(ARGS)

# Preview while writing: the site on http://127.0.0.1:$(PORT)/ at config.toml's baseURL
# path, rebuilt on every save, open pages reloaded. PORT=0 picks a free port.
PORT ?= 1313
serve: $(BIN)-fresh
	@test -z "$(BUILDFLAGS)" || echo "make serve: BUILDFLAGS are the build's and the preview ignores them; it serves at config.toml's baseURL path (edit baseURL there to preview another)" >&2
	@exec $(BIN) serve -port $(PORT)

# Fuzz every parser for FUZZTIME each, for invariants as well as panics; CI runs this. A
# finding fails the run and is saved under the package's testdata/fuzz/, where go test
# replays it from then on: keep it as a regression case once fixed. scripts/fuzz.sh runs a
# target again when Go 1.26's fuzz coordinator fails a clean run at the deadline.
FUZZTIME ?= 12s
fuzz:
	GO=$(GO) bash scripts/fuzz.sh ./internal/content/ FuzzSplit $(FUZZTIME)
	GO=$(GO) bash scripts/fuzz.sh ./internal/content/ FuzzParse $(FUZZTIME)
	GO=$(GO) bash scripts/fuzz.sh ./internal/site/ FuzzResolve $(FUZZTIME)
	GO=$(GO) bash scripts/fuzz.sh ./internal/site/ FuzzPackedHTML $(FUZZTIME)
	GO=$(GO) bash scripts/fuzz.sh ./internal/config/ FuzzLoad $(FUZZTIME)
	GO=$(GO) bash scripts/fuzz.sh ./internal/glossary/ FuzzLoad $(FUZZTIME)
	GO=$(GO) bash scripts/fuzz.sh ./internal/numbers/ FuzzExtract $(FUZZTIME)
	GO=$(GO) bash scripts/fuzz.sh ./internal/audit/ FuzzScanner $(FUZZTIME)
	GO=$(GO) bash scripts/fuzz.sh ./internal/tmplexec/ FuzzExecutors $(FUZZTIME)
	GO=$(GO) bash scripts/fuzz.sh ./internal/render/ FuzzKeepHTML $(FUZZTIME)
	GO=$(GO) bash scripts/fuzz.sh ./internal/render/ FuzzKeepNamesHTML $(FUZZTIME)

# Speed: builds synthetic sites of 1,000 and 10,000 country pages per language in .bench/
# and compares the build with Hugo (HUGO=path/to/hugo, built as ../shared/perf/hugo/README.md
# says; without it, it says how) and with the floor of its own work (see README,
# Performance). A benchmark, not a test: it prints figures and fails only if a build fails.
# BENCHRUNS runs of each program, taking turns.
BENCHRUNS ?= 3
HUGO ?=

bench:
	$(GO) run ./cmd/build bench -runs $(BENCHRUNS) -hugo "$(HUGO)"

update-golden:
	$(GO) test $(GOLDEN_PKGS) -update

# The site with the PDFs of every brief and of each booklet, in public/<lang>/pdf/, printed
# with headless Chromium (Debian packages chromium-headless-shell or chromium, with
# fonts-morisawa-bizud-mincho, fonts-morisawa-bizud-gothic, fonts-ipaexfont and poppler-utils);
# a brief over two A4 pages fails it. It builds the
# site itself, with the same BUILDFLAGS (-baseurl, -precompress): make build after it
# publishes the site without PDFs.
pdf: $(BIN)-fresh
	@$(BIN) pdf $(BUILDFLAGS)

# The glyph outlines the share images are drawn from (internal/share/glyphs.json), when a
# site title gains a character they lack; needs the Debian package fonts-noto-cjk.
glyphs:
	$(GO) run ./internal/share/glyphgen

vet:
	gofmt -l . | (! grep .)
	$(GO) vet ./...

clean:
	rm -rf public .bench .cache
