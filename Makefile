# Japan's Peacebuilding Efforts: a bilingual briefing site and its generator.
# `make build` builds the site into public/; `make test` runs every test.

GO ?= go
# Packages with golden files (they take the -update flag).
GOLDEN_PKGS = ./internal/pipeline/

.PHONY: build test check bench serve pdf fuzz update-golden vet clean

build:
	$(GO) run ./cmd/build

test:
	$(GO) vet ./...
	$(GO) test ./...

check:
	$(GO) run ./cmd/build check

update-golden:
	$(GO) test $(GOLDEN_PKGS) -update

vet:
	gofmt -l . | (! grep .)
	$(GO) vet ./...

clean:
	rm -rf public pdf .bench
