# make run: set up and serve the demo; make test: set up and run every test.
PYTHON ?= python3
VENV   ?= .venv
PORT   ?= 8080
HOST   ?= 127.0.0.1
BIN    := $(VENV)/bin
# Serving needs only the package; the tests, the linters and the browser driver come on top.
RUNTIME := $(VENV)/.runtime
STAMP   := $(VENV)/.installed

.PHONY: run test bench lint install compile clean

$(RUNTIME): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -e '.[fast]'
	touch $(RUNTIME)

$(STAMP): $(RUNTIME)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,fast,dev]'
	touch $(STAMP)

# Bytecode compiled ahead, so that no start of the mock compiles its modules again (the
# environment may forbid writing bytecode at run time); only what changed is recompiled.
compile: $(RUNTIME)
	$(BIN)/python -m compileall -q mockserver

install: $(STAMP) compile

run: $(RUNTIME) compile
	$(BIN)/mockserver serve --host $(HOST) --port $(PORT)

test: $(STAMP)
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

# wrk gives the steadiest figures; where it is missing and we may, it comes from Debian.
bench: install
	@command -v wrk >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
		&& apt-get update -qq && apt-get install -y -qq wrk >/dev/null; } || true
	$(BIN)/python -m bench $(BENCH_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check mockserver contract_tests tests bench && $(BIN)/lint-imports

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build *.egg-info
