# Loket: `make demo` runs the bot on the simulated WhatsApp, `make test` runs every test.
# Both first make sure PostgreSQL and Redis run (installing them on a fresh Debian machine).

GO ?= go

# `loket version` says which build this is, even where Go's VCS stamping is off.
VERSION ?= $(shell git describe --tags --dirty 2>/dev/null)
COMMIT ?= $(shell git describe --always --dirty --abbrev=12 --exclude='*' 2>/dev/null)
LDFLAGS := -X main.buildVersion=$(VERSION) -X main.buildCommit=$(COMMIT)

.PHONY: demo test soak services build migrate vet fuzz bench microbench

# At a terminal the bot runs as a job of its own (bash -m gives it the terminal), so
# Ctrl+C reaches it alone: it stops cleanly and make exits quietly with status 0.
demo: services
	@$(GO) build -ldflags "$(LDFLAGS)" -o bin/loket ./cmd/loket
	@if [ -t 0 ]; then bash -mc './bin/loket sim; exit $$?'; else exec ./bin/loket sim; fi

# The letter checker's hostile corpus runs without the race detector: its children
# inflate hundreds of megabytes, which race instrumentation makes take minutes. The
# checker's own concurrency is raced separately.
LETTER := ./conversation/letter

# The tests also drive the simulator's page in Chromium, installed here when missing.
test:
	@bash scripts/services.sh chromium
	$(GO) vet ./...
	$(GO) test -race -count=1 $$($(GO) list ./... | grep -v '/conversation/letter$$')
	$(GO) test -count=1 $(LETTER)
	$(GO) test -race -count=1 -run 'Concurrency|ChildFailures|Nested|ManyLetters|DeadWhileIdle|UsedChild' $(LETTER)

# The long versions: 50 applicants and at least 60 kills -9, 12 takeovers by a standby, stores down for 15 s.
soak: services
	LOKET_SOAK=1 LOKET_TEST_OUTAGE=15s $(GO) test -count=1 -timeout 30m -run 'Kill9|Failover|Outage|Frozen|Poison' -v ./cmd/loket

services:
	@bash scripts/services.sh

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o bin/loket ./cmd/loket

migrate: services
	$(GO) run ./cmd/loket migrate

# `loket bench` with its defaults (50 chats, 100 requests, 1–5 MB letters) on a scratch
# schema; docs/PERFORMANCE.md reads its report. ARGS passes flags: make bench ARGS='-chats 200'.
# The packages' Go benchmarks (BenchmarkDialogTurn, BenchmarkCheck …) are `make microbench`.
bench: services
	@$(GO) build -ldflags "$(LDFLAGS)" -o bin/loket ./cmd/loket
	./bin/loket bench $(ARGS)

microbench: services
	$(GO) test -run '^$$' -bench . -benchmem ./...
