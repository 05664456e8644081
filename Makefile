# chibo: `make run` starts the bot (on the built-in Telegram stand-in without a token),
# `make test` runs the whole suite (SQLite and a local PostgreSQL, headless Chromium).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench bench-quick clean

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

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy domain storage dialogs bot scheduler exports

bench: $(STAMP)
	CHIBO_TEST_POSTGRES_URL="$${CHIBO_TEST_POSTGRES_URL:-$$(bash scripts/test-postgres.sh)}" \
		$(BIN)/python -m bench

bench-quick: $(STAMP)
	CHIBO_TEST_POSTGRES_URL="$${CHIBO_TEST_POSTGRES_URL:-$$(bash scripts/test-postgres.sh)}" \
		$(BIN)/python -m bench --quick

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
