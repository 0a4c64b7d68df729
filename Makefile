# make run: set up and serve the demo; make test: set up and run every test.
PYTHON ?= python3
VENV   ?= .venv
PORT   ?= 8080
HOST   ?= 127.0.0.1
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test bench lint install clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,fast,dev]'
	touch $(STAMP)

# Bytecode compiled ahead, so that no start of the mock compiles its modules again (the
# environment may forbid writing bytecode at run time); only what changed is recompiled.
install: $(STAMP)
	$(BIN)/python -m compileall -q mockserver

run: install
	$(BIN)/mockserver serve --host $(HOST) --port $(PORT)

test: $(STAMP)
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

bench: install
	$(BIN)/python -m bench $(BENCH_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check mockserver contract_tests tests bench && $(BIN)/lint-imports

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build *.egg-info
