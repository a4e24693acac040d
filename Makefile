# The two commands a new developer needs: `make run` and `make test`.
SHELL := /bin/sh
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Test processes in parallel (pytest-xdist); each has its own database, Redis database and ports.
TEST_WORKERS ?= auto

STAMP := $(VENV)/.installed
# The lock: requirements/base.txt (what production runs) and requirements/dev.txt (that and the
# tools to test it), every package pinned with its hashes, compiled from pyproject.toml by pip-tools.
COMPILE = CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/pip-compile --quiet --generate-hashes --strip-extras \
	--allow-unsafe --no-emit-index-url --no-emit-find-links

.PHONY: run serve backup restore test test-fast install lock upgrade browser lint format messages tokens migrate worker beat bench bench-pages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Exactly the lock: pip refuses any package without its pinned hash (dependencies included), and
# pip-sync then removes whatever the lock does not name.
$(STAMP): requirements/dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements/dev.txt
	$(BIN)/pip-sync --quiet --pip-args "--disable-pip-version-check" requirements/dev.txt
	touch $(STAMP)

install: $(STAMP)

# After editing pyproject.toml: pins for what changed, the others kept.
lock: install
	$(COMPILE) --output-file requirements/base.txt pyproject.toml
	$(COMPILE) --extra dev --constraint requirements/base.txt --output-file requirements/dev.txt pyproject.toml

# Every pin to the newest version pyproject.toml allows; then `make test` proves them.
upgrade: install
	$(COMPILE) --upgrade --output-file requirements/base.txt pyproject.toml
	$(COMPILE) --upgrade --extra dev --constraint requirements/base.txt --output-file requirements/dev.txt pyproject.toml

# Debian's Chromium for the browser tests; installed only when we are root and it is missing.
browser:
	@if ! command -v chromium >/dev/null 2>&1 && [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing Chromium from Debian's packages for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi

migrate: install
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py migrate --noinput

run: install
	DEBUG=$${DEBUG:-1} PORT=$(PORT) $(BIN)/python manage.py migrate --noinput
	DEBUG=$${DEBUG:-1} PORT=$(PORT) $(BIN)/python manage.py seed_demo --if-empty
	DEBUG=$${DEBUG:-1} PORT=$(PORT) EMAIL_BACKEND=$${EMAIL_BACKEND:-django.core.mail.backends.console.EmailBackend} \
		$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The production setup locally: gunicorn with DEBUG off, collectstatic, a Celery worker and beat
# (scripts/serve.sh; DATABASE_URL and REDIS_URL when set, else the embedded PostgreSQL and a Redis of its own).
serve: install
	PORT=$(PORT) ./scripts/serve.sh

# The database (pg_dump) and the uploaded files in backups/ecosystem-<time>.tar (BACKUP_DIR to change);
# `make restore ARCHIVE=backups/….tar` puts them back into an empty database (README: Backup and restore).
backup: install
	$(BIN)/python manage.py backup

restore: install
	@test -n "$(ARCHIVE)" || { echo "usage: make restore ARCHIVE=backups/ecosystem-….tar"; exit 2; }
	$(BIN)/python manage.py restore $(RESTORE_ARGS) "$(ARCHIVE)"

# Everything, in parallel, with the 15 slowest tests listed at the end.
test: install browser
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --durations=15 $(PYTEST_ARGS)

# The quick local loop: no browser, no Celery worker process, no long races.
test-fast: install
	$(BIN)/python -m pytest -n $(TEST_WORKERS) -m "not browser and not worker and not slow" $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

messages: install
	DEBUG=1 $(BIN)/python manage.py makemessages -l fi -l sv -l en --no-obsolete --no-location --ignore '.venv/*' --ignore 'staticfiles/*'
	$(BIN)/python manage.py compilemessages_py

# The Suomi.fi design tokens (npm package suomifi-design-tokens, MIT) as CSS custom properties.
# Needs Node and npm; the result is committed, so `make run` and `make test` need neither.
TOKENS_DIR := static/vendor/suomifi-design-tokens
tokens:
	cd tools/design-tokens && npm ci --no-audit --no-fund
	node tools/design-tokens/generate.js > $(TOKENS_DIR)/tokens.css
	cp tools/design-tokens/node_modules/suomifi-design-tokens/LICENSE $(TOKENS_DIR)/LICENSE

worker: install
	$(BIN)/celery -A ecosystem worker -l info

beat: install
	$(BIN)/celery -A ecosystem beat -l info

# Every benchmark with small, bounded sizes (under 10 minutes) and one table of ratios to their limits;
# the full runs are in benchmarks/README.md. Needs DATABASE_URL and REDIS_URL.
bench: install
	$(BIN)/python benchmarks/run_all.py

# Pages against gunicorn with DEBUG off and the demo data, next to a static page (benchmarks/README.md).
# Uses DATABASE_URL's PostgreSQL (else the embedded one) and REDIS_URL's Redis when set.
bench-pages: install
	$(BIN)/python benchmarks/pages_bench.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
