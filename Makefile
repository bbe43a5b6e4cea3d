# Scorecard 766 — everyday commands.
#
#   make demo     set up .venv, migrate, collect static files, load demo data, run on http://127.0.0.1:8000
#                 (PORT=8080 and HOST=0.0.0.0 choose where it listens; DEBUG=0 serves it as in production)
#   make test     ruff + pytest (PYTEST_ARGS="-k foo -x" passes options through)
#   make install  .venv with the runtime dependencies only
#   make lint     ruff check .
#   make worker   Celery worker (needs CELERY_BROKER_URL, e.g. redis://127.0.0.1:6379/0)
#   make clean    remove caches and collected static files (keeps .venv and db.sqlite3)
#
# The database and broker come from the environment (DATABASE_URL, CELERY_BROKER_URL);
# unset means SQLite file db.sqlite3 and tasks run in-process.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV ?= .venv
PY = $(VENV)/bin/python
PIP = $(PY) -m pip --disable-pip-version-check
PYTEST_ARGS ?=
PORT ?= 8000
HOST ?= 127.0.0.1

# Stamps: reinstall only when a requirements file changes (or the venv is recreated).
INSTALLED = $(VENV)/.installed
INSTALLED_DEV = $(VENV)/.installed-dev

.PHONY: help demo test install install-dev lint worker clean distclean

help:
	@sed -n '3,9p' $(firstword $(MAKEFILE_LIST)) | sed 's/^# \{0,1\}//'

# --- virtual environment ------------------------------------------------------
$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null || { \
	  echo "error: Python 3.11 or newer is needed; '$(PYTHON)' is $$($(PYTHON) -V 2>&1 || echo missing)." >&2; \
	  echo "       Run e.g. 'make demo PYTHON=python3.12' with a newer interpreter." >&2; exit 1; }
	@$(PYTHON) -c 'import venv, ensurepip' 2>/dev/null || { \
	  echo "error: '$(PYTHON) -m venv' is not available (the venv/ensurepip module is missing)." >&2; \
	  echo "       On Debian/Ubuntu install it with:  sudo apt-get install python3-venv" >&2; exit 1; }
	@echo "Creating virtual environment in $(VENV)"
	@$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
	  echo "error: could not create $(VENV). On Debian/Ubuntu: sudo apt-get install python3-venv" >&2; exit 1; }

$(INSTALLED): requirements.txt | $(PY)
	$(PIP) install -r requirements.txt
	@touch $@

$(INSTALLED_DEV): requirements.txt requirements-dev.txt $(INSTALLED) | $(PY)
	$(PIP) install --quiet -r requirements-dev.txt
	@touch $@

install: $(INSTALLED)

install-dev: $(INSTALLED_DEV)

# --- running --------------------------------------------------------------------
# One shell, so the defaults below reach every step. DEBUG=1 unless given; with DEBUG=0 the static files are
# served by whitenoise from the collected, hashed copies, and a demo needs a key, its host and plain-HTTP cookies.
demo: $(INSTALLED)
	@export DEBUG="$${DEBUG:-1}"; \
	if [ "$$DEBUG" = 0 ] && [ -z "$${SECRET_KEY:-}" ]; then \
	  export SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(48))')"; fi; \
	export ALLOWED_HOSTS="$${ALLOWED_HOSTS:-$(HOST),127.0.0.1,localhost}" SECURE_COOKIES="$${SECURE_COOKIES:-0}"; \
	set -x; \
	$(PY) manage.py migrate --noinput; \
	$(PY) manage.py collectstatic --noinput --verbosity 0; \
	$(PY) manage.py load_demo --base-url "http://$(HOST):$(PORT)"; \
	{ set +x; } 2>/dev/null; \
	echo "Scorecard 766 demo: open http://$(HOST):$(PORT)/  (Ctrl-C stops the server)"; \
	exec $(PY) manage.py runserver "$(HOST):$(PORT)"

worker: $(INSTALLED)
	@[ -n "$${CELERY_BROKER_URL:-}" ] || grep -qs '^CELERY_BROKER_URL=.' .env || \
	  echo "warning: CELERY_BROKER_URL is not set; without a broker the web app runs tasks in-process" \
	       "and this worker has nothing to connect to (try CELERY_BROKER_URL=redis://127.0.0.1:6379/0)." >&2
	$(VENV)/bin/celery -A scorecard_site worker -l info

# --- quality ----------------------------------------------------------------------
lint: $(INSTALLED_DEV)
	$(VENV)/bin/ruff check .

# Runs both ruff and pytest, then fails if either failed (pytest's exit 5, "no tests collected", counts as failure).
test: $(INSTALLED_DEV)
	@status=0; \
	echo "+ ruff check ."; \
	$(VENV)/bin/ruff check . || status=$$?; \
	echo "+ pytest $(PYTEST_ARGS)"; \
	$(PY) -m pytest $(PYTEST_ARGS) || { rc=$$?; [ $$status -ne 0 ] || status=$$rc; }; \
	if [ $$status -ne 0 ]; then echo "make test: FAILED (exit $$status)" >&2; fi; \
	exit $$status

# --- housekeeping -----------------------------------------------------------------
clean:
	find . -path ./$(VENV) -prune -o -path ./.git -prune -o -type d -name __pycache__ -exec rm -rf {} +
	rm -rf .pytest_cache .ruff_cache staticfiles test-results

distclean: clean
	rm -rf $(VENV)
