# Two commands for a new user: `make run` and `make test`. Both set everything up first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8501
# This computer only. Another address (e.g. ADDRESS=0.0.0.0, every interface) exposes the app to
# the network: set up sign-in first, or everyone who can reach it may upload (see README.md).
ADDRESS ?= 127.0.0.1

.PHONY: run test test-fast lint format demo clean benchmark

$(STAMP): requirements.txt requirements-dev.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	@touch $@

run: $(STAMP)
	$(BIN)/python -m ahp_analytics demo --if-empty
	$(BIN)/streamlit run app.py --server.address $(ADDRESS) --server.port $(PORT)

# Two workers (pytest-xdist), a test file each at a time so that a module's fixtures (a demo
# store, a Streamlit server) are built once; files in collection order, so the slow browser
# tests (tests/e2e) start first rather than last. TEST_JOBS=0 runs all in this one process.
# The slowest tests are listed at the end, to keep the whole run well under CI's time.
TEST_JOBS ?= 2

test: lint
	$(BIN)/python -m pytest -n $(TEST_JOBS) --dist loadfile --no-loadscope-reorder --durations=30

# Everything but the slow and browser tests: for a quick check while working.
test-fast: lint
	$(BIN)/python -m pytest -m "not slow and not e2e"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

benchmark: $(STAMP)
	$(BIN)/python benchmarks/ingest.py
	$(BIN)/python benchmarks/pages.py
	$(BIN)/python -m benchmarks.exports

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
