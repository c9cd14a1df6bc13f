# Two commands for a newcomer:   make chat   (install + talk to the bot)
#                                 make test   (install + lint + type-check + tests)
# Everything lives in a local virtual environment (.venv); nothing is installed globally.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: install chat run test lint bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,semantic]'
	touch $@

chat: install
	$(BIN)/kiezbot chat

run: install
	$(BIN)/kiezbot run --config config.toml

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: lint
	$(BIN)/pytest

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
