# chibo: `make run` starts the bot (on the built-in Telegram stand-in without a token),
# `make test` runs the whole suite (SQLite and a local PostgreSQL, headless Chromium).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-moments lint bench bench-quick clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/chibo run

test: $(STAMP)
	CHIBO_TEST_POSTGRES_URL="$${CHIBO_TEST_POSTGRES_URL:-$$(bash scripts/test-postgres.sh)}" \
		$(BIN)/pytest $(PYTEST_ARGS)

# The date-sensitive tests (marker `moments`) at every moment of tests/moments.py: the 1st
# and last day of a month, the day before and of a meeting, Tết, 30/4, 1/1, quiet hours.
test-moments: $(STAMP)
	CHIBO_TEST_POSTGRES_URL="$${CHIBO_TEST_POSTGRES_URL:-$$(bash scripts/test-postgres.sh)}" \
		$(BIN)/pytest -m moments --moment all $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy domain storage dialogs conversations bot scheduler delivery exports config emulator webview

bench: $(STAMP)
	CHIBO_TEST_POSTGRES_URL="$${CHIBO_TEST_POSTGRES_URL:-$$(bash scripts/test-postgres.sh)}" \
		$(BIN)/python -m bench

bench-quick: $(STAMP)
	CHIBO_TEST_POSTGRES_URL="$${CHIBO_TEST_POSTGRES_URL:-$$(bash scripts/test-postgres.sh)}" \
		$(BIN)/python -m bench --quick

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
