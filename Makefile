# The two commands a new user needs: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev
# Every version, oldest first: assessments on older versions keep working, new ones use the newest.
QUESTIONNAIRES := assessments/questionnaires/sbd-v1.yaml assessments/questionnaires/sbd-v2.yaml

.PHONY: run test install lint check system-deps worker clean bench bench-quick audit

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(RUN_STAMP): pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(DEV_STAMP): pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(RUN_STAMP)

install: $(RUN_STAMP)

# Development server and Celery worker together (honcho); Ctrl-C stops both.
run: export DJANGO_DEBUG ?= 1
run: $(RUN_STAMP)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_questionnaire $(QUESTIONNAIRES)
	$(BIN)/python manage.py seed_demo
	$(BIN)/honcho start -f Procfile.dev

system-deps:
	./scripts/install-system-deps.sh

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# manage.py needs some key; pytest sets its own (tests/pytest_env.py).
check: export DJANGO_SECRET_KEY ?= insecure-key-for-tests-only-0123456789abcdefghijklmnopqrstuvwxyz
check: export ALLOW_EMBEDDED_SERVICES ?= 1

check: $(DEV_STAMP)
	$(BIN)/python manage.py check --fail-level WARNING
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python manage.py spectacular --validate --fail-on-warn --file var/openapi.yaml
	@# Production settings must pass Django's deployment checklist with no warning at all.
	DJANGO_DEBUG=0 DJANGO_ALLOWED_HOSTS=dd.example.com ALLOW_EMBEDDED_SERVICES=0 \
	  DATABASE_URL=postgres://sbd@db.example.com/sbd CELERY_BROKER_URL=redis://redis.example.com:6379/0 \
	  DJANGO_SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(60))') \
	  $(BIN)/python manage.py check --deploy --fail-level WARNING
	$(BIN)/bandit -q -r config core vendors assessments scoring reports -x '*/migrations/*' --severity-level high
	$(BIN)/semgrep --config .semgrep.yml --metrics=off --disable-version-check --error --quiet \
	  config core vendors assessments scoring reports templates
	@# The compose file validates with either compose client (no engine needed); the system-deps
	@# script installs Debian's docker-compose so CI always has one.
	@if command -v docker >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; then \
	  SBD_ENV_FILE=.env.example docker compose -f docker/compose.yaml config --quiet \
	  && echo "docker/compose.yaml: valid (docker compose)"; \
	elif command -v docker-compose >/dev/null 2>&1; then \
	  SBD_ENV_FILE=.env.example docker-compose -f docker/compose.yaml config --quiet \
	  && echo "docker/compose.yaml: valid (docker-compose)"; \
	else echo "note: no compose client here; docker/compose.yaml not validated"; fi

test: $(DEV_STAMP) system-deps lint check
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Every benchmark beside its baseline; rewrites BENCHMARKS.md (needs PostgreSQL and Redis on
# 127.0.0.1, as CI has). bench-quick is the short CI version: fails only on gross regressions.
bench: $(DEV_STAMP)
	$(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/python bench/run.py

bench-quick: $(DEV_STAMP)
	$(BIN)/python bench/run.py --quick

# Known vulnerabilities in the installed packages, from PyPI's JSON API. Not part of `make test`:
# the build machines reach PyPI only through a mirror without that API. --strict turns every
# package it could not look up into a failure, so an unreachable source can never pass as clean.
audit: $(DEV_STAMP)
	$(BIN)/pip install -q pip-audit
	$(BIN)/pip-audit --strict --vulnerability-service pypi --progress-spinner off

clean:
	rm -rf $(VENV) var/test-broker var/test-db*.sqlite3*
