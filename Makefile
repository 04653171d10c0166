# ejournal: the two commands of README.md, and a few more for developers.
SHELL := /bin/bash
DB ?= sqlite:var/ejournal.db
LISTEN ?= 127.0.0.1:8080

.PHONY: all deps build run test bench clean

all: build

deps:
	@scripts/install-deps.sh

# build/ejournal (release) and web/dist.
build: deps
	cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DEJ_TESTS=ON >/dev/null
	cmake --build build --target ejournal
	cd web && npm run build --silent

# Starts the server on the demo school (created on first start). Ctrl-C stops it.
run: build
	@mkdir -p var
	@if [ ! -f var/ejournal.db ]; then build/ejournal demo --database $(DB); else build/ejournal demo --logins; fi
	@echo; echo "Откройте http://$(LISTEN)/ (Ctrl-C — остановить сервер)"; echo
	exec build/ejournal serve --database $(DB) --listen $(LISTEN)

test: deps
	scripts/test.sh

bench: build
	bench/load/run.sh

clean:
	rm -rf build build-asan web/dist
