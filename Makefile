# The two commands a new developer needs: `make run` and `make test`.
SHELL := /bin/sh
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run test install browser lint format messages migrate worker beat bench bench-pages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Debian's Chromium for the browser tests; installed only when we are root and it is missing.
browser:
	@if ! command -v chromium >/dev/null 2>&1 && [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing Chromium from Debian's packages for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi

migrate: install
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py migrate --noinput

run: install
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py migrate --noinput
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py createcachetable
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py seed_demo --if-empty
	DEBUG=$${DEBUG:-1} EMAIL_BACKEND=$${EMAIL_BACKEND:-django.core.mail.backends.console.EmailBackend} \
		$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install browser
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

messages: install
	DEBUG=1 $(BIN)/python manage.py makemessages -l fi -l sv -l en --no-obsolete --no-location --ignore '.venv/*' --ignore 'staticfiles/*'
	$(BIN)/python manage.py compilemessages_py

worker: install
	$(BIN)/celery -A ecosystem worker -l info

beat: install
	$(BIN)/celery -A ecosystem beat -l info

bench: install
	$(BIN)/python benchmarks/outbox_bench.py

# Pages against gunicorn with DEBUG off and the demo data, next to a static page (benchmarks/README.md).
# Uses DATABASE_URL's PostgreSQL (else the embedded one) and REDIS_URL's Redis when set.
bench-pages: install
	$(BIN)/python benchmarks/pages_bench.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
