# The two commands a new user needs: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev
# Every version, oldest first: assessments on older versions keep working, new ones use the newest.
QUESTIONNAIRES := assessments/questionnaires/sbd-v1.yaml assessments/questionnaires/sbd-v2.yaml \
	assessments/questionnaires/sbd-v3.yaml

.PHONY: run test install lint check system-deps worker clean bench bench-quick audit lock wheels \
	container-smoke

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

# Installs exactly the locked versions, each file checked against its hash (requirements/*.txt,
# made from pyproject.toml by `make lock`). The code runs from this tree (manage.py, pytest's
# pythonpath), so the project itself is not installed into the venv.
$(RUN_STAMP): requirements/runtime.txt | $(VENV)/bin/python
	$(BIN)/pip install --quiet --require-hashes -r requirements/runtime.txt
	touch $@

$(DEV_STAMP): requirements/dev.txt | $(VENV)/bin/python
	$(BIN)/pip install --quiet --require-hashes -r requirements/dev.txt
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
	$(BIN)/bandit -q -r config core vendors assessments scoring reports webhooks sso tiering interchange -x '*/migrations/*' --severity-level high
	$(BIN)/semgrep --config .semgrep.yml --metrics=off --disable-version-check --error --quiet \
	  config core vendors assessments scoring reports webhooks sso tiering interchange templates
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

# Refreshes the locks after pyproject.toml changed: new or changed dependencies are resolved,
# every other pin stays; `make lock LOCK_ARGS=--upgrade` moves every pin to the newest version
# pyproject.toml allows. uv resolves for every Python 3.11 release and platform at once (a pin
# that only some need carries its marker: redis needs async-timeout below 3.11.3, which Debian's
# 3.11.2 is). The dev lock is resolved first and the runtime lock is constrained by it, so both
# hold the same version of every package they share.
LOCK := $(BIN)/uv pip compile --quiet --universal --python-version 3.11 --generate-hashes \
	--native-tls $(LOCK_ARGS)
lock: $(DEV_STAMP)
	$(LOCK) --extra dev -o requirements/dev.txt pyproject.toml
	$(LOCK) -c requirements/dev.txt -o requirements/runtime.txt pyproject.toml

# The locked runtime wheels in docker/wheels, for an image build without network
# (docker build --build-arg WHEELS_ONLY=1 …); each file checked against its hash. Windows-only
# pins (pywin32, which compliance-trestle asks for there) are left out; the other markers are
# dropped: the image's Python (Debian's 3.11.2, say) may need a pin this host's does not.
wheels: | $(VENV)/bin/python
	@mkdir -p var
	awk '/^[A-Za-z0-9].* ; sys_platform == .win32./ {skip = 1; next} \
	  skip && /^[[:space:]]+--hash/ {next} {skip = 0; print}' requirements/runtime.txt \
	  | sed -E 's/ ; [^\\]*//' > var/wheels-requirements.txt
	$(BIN)/pip download --quiet --no-deps --only-binary=:all: --require-hashes \
	  -r var/wheels-requirements.txt --dest docker/wheels

# Builds the image and boots it against this machine's PostgreSQL and Redis (needs root).
container-smoke:
	./scripts/container-smoke.sh

clean:
	rm -rf $(VENV) var/test-broker var/test-db*.sqlite3*
