# Katalog Lokal — `make demo` and `make test` work on a fresh machine with Python 3.11.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= config.settings.local

.PHONY: demo serve install test test-sqlite test-postgres lint bench eval messages messages-check clean browser

$(BIN)/.installed: pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

install: $(BIN)/.installed

# Links in e-mails and open-data packages name the address the demo is served on.
demo serve: export KATALOG_SITE_URL ?= http://127.0.0.1:$(PORT)

demo: install
	@mkdir -p var/static var/media
	$(BIN)/katalog migrate --noinput
	$(BIN)/katalog load-demo
	$(BIN)/katalog reindex
	@echo "Serving on http://127.0.0.1:$(PORT)/  (Ctrl+C stops)"
	$(BIN)/katalog runserver 127.0.0.1:$(PORT)

serve: install
	$(BIN)/katalog runserver 127.0.0.1:$(PORT)

# Chromium for the browser tests comes from Debian; install it when we can (root, apt).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Install Debian's chromium package for the browser tests (apt-get install chromium)."; exit 1; fi; }

test: install browser
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/pytest $(PYTEST_ARGS)

test-sqlite:
	DATABASE_URL= $(MAKE) test

test-postgres:
	DATABASE_URL=$${POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/katalog} $(MAKE) test

lint: install messages-check
	$(BIN)/ruff check katalog config bench tests
	@mkdir -p var
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/katalog makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/katalog check --fail-level WARNING

bench: install
	$(BIN)/python bench/run.py

# Search and matching relevance on the labelled queries and needs over the demo catalogue (a database of its own);
# updates docs/benchmarks.md.
eval: install
	@mkdir -p var && rm -f var/eval.sqlite3
	DATABASE_URL=sqlite:///$(CURDIR)/var/eval.sqlite3 $(BIN)/katalog migrate --noinput -v0
	DATABASE_URL=sqlite:///$(CURDIR)/var/eval.sqlite3 $(BIN)/katalog eval-search --write-docs
	DATABASE_URL=sqlite:///$(CURDIR)/var/eval.sqlite3 $(BIN)/katalog eval-matching --write-docs

MAKEMESSAGES := $(BIN)/katalog makemessages -l id --ignore='.venv/*' --ignore='var/*' --ignore='*/tests/*' \
	--ignore='tests/*' --ignore='bench/*' --no-location --no-obsolete

# Extract new strings into locale/id (translate them, then `make messages` again to compile).
messages: install
	$(MAKEMESSAGES)
	$(BIN)/katalog compilemessages --ignore='.venv/*'

# Fails when a user-facing string has no Indonesian translation (needs GNU gettext).
messages-check: install
	@cp locale/id/LC_MESSAGES/django.po /tmp/katalog-django.po.bak
	@$(MAKEMESSAGES) >/dev/null
	@msgfmt --check --statistics -o /dev/null locale/id/LC_MESSAGES/django.po 2>&1 | tee /tmp/katalog-msgfmt.txt
	@grep -qE "untranslated|fuzzy" /tmp/katalog-msgfmt.txt && { echo "Missing Indonesian translations: run 'make messages' and translate."; cp /tmp/katalog-django.po.bak locale/id/LC_MESSAGES/django.po; exit 1; } || true
	@cp /tmp/katalog-django.po.bak locale/id/LC_MESSAGES/django.po

clean:
	rm -rf $(VENV) var/ *.egg-info
