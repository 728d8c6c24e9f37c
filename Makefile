# ALMO Portal: `make run` sets everything up and serves the demo; `make test` runs the tests.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

# Tests run against the machine's PostgreSQL and Redis unless told otherwise.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/test
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15

.PHONY: help setup run test faults lint bench smoke clean

help:
	@echo "make run    set up (virtual environment, packages, database, demo data) and serve on http://$(HOST):$(PORT)"
	@echo "make test   run the tests against PostgreSQL and Redis"
	@echo "make faults stop, kill and restart a throwaway PostgreSQL, Redis and workers; check nothing is lost"
	@echo "make lint   ruff, and the import contracts that keep the layers (pyproject.toml)"
	@echo "make bench  print performance figures"
	@echo "make smoke  check the embedded default (SQLite, in-process tasks) migrates, loads and serves"

$(BIN)/activate: pyproject.toml requirements.lock
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed: install python3.11 or set PYTHON=..."; exit 1; }
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements.lock -e '.[dev]'
	touch $(BIN)/activate

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch node_modules/.package-lock.json

static/build/portal.css: node_modules/.package-lock.json $(wildcard static/scss/*.scss)
	npm run --silent build:css

setup: $(BIN)/activate static/build/portal.css

run: setup
	$(MANAGE) migrate --no-input
	$(MANAGE) load_demo_data
	@set -m; \
	if [ -n "$$CELERY_BROKER_URL" ]; then \
	  echo "Starting a Celery worker and beat on $$CELERY_BROKER_URL"; \
	  $(BIN)/celery -A almo_portal worker --loglevel=info --concurrency=2 & \
	  $(BIN)/celery -A almo_portal beat --loglevel=info & \
	  trap 'kill %1 %2 2>/dev/null' EXIT; \
	else \
	  echo "No CELERY_BROKER_URL: background tasks run inside the web process."; \
	fi; \
	$(MANAGE) runserver $(HOST):$(PORT)

test: setup
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} \
	REDIS_URL=$${REDIS_URL:-$(TEST_REDIS_URL)} \
	CELERY_BROKER_URL=$${CELERY_BROKER_URL:-$(TEST_REDIS_URL)} \
	$(BIN)/pytest $(PYTEST_ARGS)

# The fault harness starts its own PostgreSQL and Redis on other ports (FAULTS_PG_PORT, FAULTS_REDIS_PORT).
faults: setup
	$(BIN)/python scripts/faults.py $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/bandit -q -c pyproject.toml -r . --severity-level medium --confidence-level medium

# Known vulnerabilities in the locked Python packages and the npm packages. Needs the advisory services
# (PyPI's per-release JSON or OSV, and npm's audit endpoint), which some networks do not reach.
audit: setup
	$(BIN)/pip-audit -r requirements.lock --no-deps --disable-pip --strict
	npm audit --omit=dev --audit-level=low

bench: setup
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} \
	CELERY_BROKER_URL=$${CELERY_BROKER_URL:-$(TEST_REDIS_URL)} \
	$(BIN)/python -m benchmarks $(BENCH)

# Dashboards under gunicorn with 20 signed-in people for 60 s (Locust); the national set's database as `make bench`.
.PHONY: load
load: setup
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} \
	REDIS_URL=$${REDIS_URL:-$(TEST_REDIS_URL)} \
	CELERY_BROKER_URL=$${CELERY_BROKER_URL:-$(TEST_REDIS_URL)} \
	$(BIN)/python scripts/load_dashboards.py

smoke: setup
	bash scripts/smoke_embedded.sh

clean:
	rm -rf $(VENV) node_modules static/build var
