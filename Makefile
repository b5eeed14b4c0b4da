# Let Us Belong: `make run` to start the site, `make test` to run the whole suite.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYENV_PY := $(shell command -v pyenv >/dev/null 2>&1 && echo "$$(pyenv root)/versions/3.13.0/bin/python3.13")
PYTHON ?= $(shell for p in "$(PYENV_PY)" python3.13 python3.12; do \
	[ -n "$$p" ] && command -v "$$p" >/dev/null 2>&1 && { echo "$$p"; break; }; done)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
BASE_URL := http://$(HOST):$(PORT)

.PHONY: help run test test-fast install translations system-deps postgres node-deps lint format messages images bench soak clean

help:
	@echo "make run    start the site on http://$(HOST):$(PORT) with its task worker"
	@echo "make test   run the whole test suite (DATABASE_URL selects the database)"
	@echo "make test-fast  everything but the browser and process tests (under 3 minutes)"
	@echo "make bench  measure throughput (see README)"
	@echo "make soak   a bounded 60-second fault-injection run"

$(STAMP): pyproject.toml requirements.lock
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is needed (pyenv 3.13.0, python3.13 or python3.12)"; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -qq --upgrade pip
	$(PY) -m pip install -qq -c requirements.lock -e ".[dev]"
	@touch $(STAMP)

install: $(STAMP)

# Debian packages the tests and benchmarks need: Chromium for the browser tests (never a
# downloaded browser), wrk for `make bench`, gettext for translators' `make messages`, Varnish
# (the shared cache in front, tests/bench/soak) and nginx (the static-file yardstick of `make bench`).
system-deps:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v wrk >/dev/null 2>&1 || missing="$$missing wrk"; \
	command -v varnishd >/dev/null 2>&1 || [ -x /usr/sbin/varnishd ] || missing="$$missing varnish"; \
	command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing="$$missing nginx"; \
	command -v msgfmt >/dev/null 2>&1 || missing="$$missing gettext"; \
	command -v pg_ctlcluster >/dev/null 2>&1 || missing="$$missing postgresql"; \
	if [ -n "$$missing" ]; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q $$missing; \
	fi

# The test suite runs on PostgreSQL (DATABASE_URL, else the local server on 127.0.0.1:5432).
postgres: system-deps
	@pg_isready -q -h 127.0.0.1 -p 5432 || { \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO pg_ctlcluster --skip-systemctl-redirect "$$(ls /etc/postgresql | head -n1)" main start; \
		for i in $$(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done; }

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

node-deps: node_modules/.installed

# The compiled catalogues (.mo) are build output, not in git: made from the .po files whenever
# these are newer (no GNU gettext needed).
translations: $(STAMP)
	@$(MANAGE) compile_translations

# Every absolute link (emails, feeds, sitemap, canonical, og:url) follows HOST and PORT: the
# settings read WAGTAILADMIN_BASE_URL (and LETTERS_SITE_URL from it), and the default Site is
# pointed at the same address. The login is printed again once the site answers, below the
# start-up lines.
run: export WAGTAILADMIN_BASE_URL ?= $(BASE_URL)
run: $(STAMP) translations
	@mkdir -p var/mail
	$(MANAGE) migrate --noinput
	$(MANAGE) load_campaign_content
	$(MANAGE) point_site_at $(BASE_URL)
	$(MANAGE) import_mps --if-empty
	@$(MANAGE) ensure_organizer --base-url $(BASE_URL) | tee var/organizer-login.txt
	@echo "Starting the site on $(BASE_URL)/ and its task worker. Ctrl-C stops both."
	@trap 'kill 0' EXIT; \
	$(MANAGE) db_worker --interval 1 --no-reload & \
	$(MANAGE) runserver $(HOST):$(PORT) & \
	until $(PY) -c "import urllib.request; urllib.request.urlopen('$(BASE_URL)/healthz', timeout=1)" \
		2>/dev/null; do sleep 0.5; done; \
	echo "The site is up at $(BASE_URL)/"; cat var/organizer-login.txt; \
	wait

test: $(STAMP) system-deps postgres node-deps translations
	@set +e; $(PY) -m pytest $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests"; rc=1; fi; exit $$rc

# Everything but the browser tests and those that start processes (markers `browser`, `slow`):
# the quick run before a commit. PYTEST_ARGS adds options, e.g. PYTEST_ARGS="tests/letters -x".
test-fast: $(STAMP) postgres translations
	@set +e; $(PY) -m pytest -m "not browser and not slow" --hypothesis-profile=fast $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests"; rc=1; fi; exit $$rc

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Each app keeps its own catalogue (<app>/locale/); templates/ and settings use locale/.
APPS := home campaign letters search directory privacy accounts translations replies
messages: $(STAMP)
	@for app in $(APPS); do (cd $$app && ../$(PY) ../manage.py makemessages -l ru --no-obsolete); done
	$(MANAGE) makemessages -l ru --no-obsolete --ignore=.venv --ignore=node_modules --ignore=var \
		--ignore=tests --ignore=bench $(addprefix --ignore=,$(APPS))
	@for po in $$(find locale $(addsuffix /locale,$(APPS)) translations/third_party_locale \
		-name '*.po'); do \
		msgfmt --check-format -o $${po%.po}.mo $$po; done

# The favicon's PNG/ICO and the Open Graph images, from their SVGs (the results are committed).
images: $(STAMP) system-deps
	$(PY) letusbelong/render_images.py

bench: $(STAMP) system-deps translations
	$(PY) bench/bench.py

soak: $(STAMP) system-deps translations
	$(PY) bench/soak.py

clean:
	rm -rf $(VENV) node_modules var static db.sqlite3
