# Loket: `make demo` runs the bot on the simulated WhatsApp, `make test` runs every test.
# Both first make sure PostgreSQL and Redis run (installing them on a fresh Debian machine).

GO ?= go

.PHONY: demo test services build migrate vet fuzz bench

demo: services
	$(GO) run ./cmd/loket sim

test: services
	$(GO) vet ./...
	$(GO) test -race -count=1 ./...

services:
	@bash scripts/services.sh

build:
	$(GO) build -o bin/loket ./cmd/loket

migrate: services
	$(GO) run ./cmd/loket migrate

bench: services
	$(GO) test -run '^$$' -bench . -benchmem ./...
