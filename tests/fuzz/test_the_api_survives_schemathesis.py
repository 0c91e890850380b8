"""schemathesis against the API's own OpenAPI schema, as every principal (anonymous, and each
role with a token), on a live gunicorn over the test database (PostgreSQL in CI), with a bounded
budget: no answer may be a 5xx, and every status code, media type, header and body must be one the
schema documents (core/api_schema.py adds the shared error answers).

The seed is printed; replay a failure with FUZZ_SEED=<seed> (and FUZZ_EXAMPLES for a deeper run):

    FUZZ_SEED=1234 .venv/bin/python -m pytest tests/fuzz -s
"""

import io
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from core.tokens.services import api_token_create
from tests.support.processes import WebServer
from tests.support.worker import current_database_url

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
QUESTIONNAIRES = [
    str(ROOT / "assessments" / "questionnaires" / name)
    for name in ("sbd-v1.yaml", "sbd-v2.yaml", "sbd-v3.yaml")
]
# Checks that judge the server, not the schema's precision about what it accepts (a well-typed
# body may still be refused for a reason no schema states, such as a wrong password).
CHECKS = ",".join(
    (
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_schema_conformance",
        "response_headers_conformance",
    )
)
# Each principal's run is bounded: five of them stay within about three minutes.
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "8"))
SECONDS_EACH = int(os.environ.get("FUZZ_SECONDS", "24"))
# Revoking the very token the run authenticates with would turn the rest of it into 401s; the
# revoke endpoint has its own tests (tests/security/test_api_token_lifecycle.py).
EXCLUDED = r"auth/tokens/.*/revoke"


@pytest.fixture
def seed() -> int:
    value = int(os.environ.get("FUZZ_SEED") or random.SystemRandom().randrange(1, 2**31))
    print(f"\nschemathesis seed: {value} (replay: FUZZ_SEED={value})", file=sys.stderr)
    return value


@pytest.fixture
def server(tmp_path, settings):
    settings.VAR_DIR = tmp_path
    call_command("load_questionnaire", *QUESTIONNAIRES, verbosity=0)
    call_command("seed_demo", stdout=io.StringIO())
    env = {
        "DATABASE_URL": current_database_url(),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
        "DJANGO_DEBUG": "0",
    }
    web = WebServer(env, tmp_path / "gunicorn.log").start()
    try:
        yield web
    finally:
        web.stop()


def _run(web: WebServer, seed: int, key: str | None) -> subprocess.CompletedProcess:
    auth = ["-H", f"Authorization: Token {key}"] if key else []
    return subprocess.run(
        [
            str(Path(sys.executable).with_name("schemathesis")),
            "run",
            f"{web.url}/api/schema/",
            *auth,
            "--checks",
            CHECKS,
            "--exclude-path-regex",
            EXCLUDED,
            "--max-examples",
            str(EXAMPLES),
            "--max-time",
            str(SECONDS_EACH),
            "--seed",
            str(seed),
            "--no-color",
        ],
        cwd=web.log_path.parent,  # schemathesis keeps its replay data in the working directory
        capture_output=True,
        text=True,
        timeout=SECONDS_EACH * 4 + 60,
        check=False,
    )


def test_no_principal_gets_a_server_error_or_an_undocumented_answer(server, seed):
    users = get_user_model().objects
    principals = {"anonymous": None}
    for role in ("procurement", "architect", "viewer", "admin"):
        user = users.get(username=role)
        principals[role] = api_token_create(user=user, name="schemathesis", read_only=False).key
    failures = {}
    for principal, key in principals.items():
        run = _run(server, seed, key)
        lines = run.stdout.splitlines()
        at = next((i for i, line in enumerate(lines) if line.startswith("Test cases")), None)
        summary = lines[at + 1] if at is not None and at + 1 < len(lines) else "no summary"
        print(f"{principal}: {summary.strip()}", file=sys.stderr)
        if run.returncode != 0:
            failures[principal] = run.stdout[-6000:] + run.stderr[-2000:]
    assert not failures, f"seed {seed}:\n" + "\n\n".join(
        f"== as {who}\n{out}" for who, out in failures.items()
    )
    log = server.log_path.read_text()
    at = log.find("Traceback")
    assert at < 0, (
        f"seed {seed}: the server logged an exception:\n{log[max(at - 500, 0) : at + 4000]}"
    )
