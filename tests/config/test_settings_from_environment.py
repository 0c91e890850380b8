"""Settings come from the environment, with safe defaults. Each case runs in a fresh interpreter
because settings are read once at import."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from config.secret_key import MISSING_SECRET_KEY

ROOT = Path(__file__).resolve().parents[2]
PROBE = (
    "import json, django; from django.conf import settings; django.setup(); "
    "db = settings.DATABASES['default']; "
    "print(json.dumps({'engine': db['ENGINE'], 'name': str(db['NAME']), 'debug': settings.DEBUG, "
    "'broker': settings.CELERY_BROKER_URL, 'hosts': settings.ALLOWED_HOSTS, "
    "'secure_cookie': settings.SESSION_COOKIE_SECURE, "
    "'fallbacks': settings.SECRET_KEY_FALLBACKS}))"
)


def _settings(tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    """Settings as a process with only `env` sees them; the embedded services are allowed (as for
    the test suite) unless `env` says ALLOW_EMBEDDED_SERVICES=0."""
    env.setdefault("ALLOW_EMBEDDED_SERVICES", "1")
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_URL", "CELERY_", "ALLOW_EMBEDDED_SERVICES"))
    }
    clean.update({"DJANGO_SETTINGS_MODULE": "config.settings", "APP_VAR_DIR": str(tmp_path), **env})
    return subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("missing", ["DATABASE_URL", "CELERY_BROKER_URL"])
def test_with_debug_off_a_missing_database_or_broker_url_refuses_to_start(tmp_path, missing):
    present = {
        "DATABASE_URL": "postgres://root@127.0.0.1:5432/sbd",
        "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
    }
    del present[missing]
    run = _settings(tmp_path, DJANGO_SECRET_KEY="x" * 50, ALLOW_EMBEDDED_SERVICES="0", **present)
    assert run.returncode != 0
    assert f"{missing} is not set. With DJANGO_DEBUG off the app does not fall back" in run.stderr
    assert not (tmp_path / "db.sqlite3").exists() and not (tmp_path / "broker").exists()
    # Blank is as missing as unset.
    blank = _settings(
        tmp_path,
        DJANGO_SECRET_KEY="x" * 50,
        ALLOW_EMBEDDED_SERVICES="0",
        **present,
        **{missing: " "},
    )
    assert blank.returncode != 0 and f"{missing} is not set" in blank.stderr


@pytest.mark.parametrize(
    "allow",
    [{"DJANGO_DEBUG": "1", "ALLOW_EMBEDDED_SERVICES": "0"}, {"ALLOW_EMBEDDED_SERVICES": "1"}],
    ids=["debug", "allowed"],
)
def test_a_laptop_or_the_test_suite_may_use_sqlite_and_the_embedded_broker(tmp_path, allow):
    run = _settings(tmp_path, DJANGO_SECRET_KEY="x" * 50, **allow)
    values = json.loads(run.stdout)
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["name"] == str(tmp_path / "db.sqlite3")
    assert values["broker"] == "filesystem://"
    debug = allow.get("DJANGO_DEBUG") == "1"
    assert values["debug"] is debug
    if not debug:  # production's other defaults still hold
        assert values["secure_cookie"] is True and values["hosts"] == []


def test_a_postgres_url_selects_postgresql_and_a_redis_url_selects_redis(tmp_path):
    run = _settings(
        tmp_path,
        DJANGO_SECRET_KEY="x" * 50,
        DATABASE_URL="postgres://root@127.0.0.1:5432/sbd",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/0",
        DJANGO_ALLOWED_HOSTS="dd.example.com, www.dd.example.com",
    )
    values = json.loads(run.stdout)
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["name"] == "sbd"
    assert values["broker"] == "redis://127.0.0.1:6379/0"
    assert values["hosts"] == ["dd.example.com", "www.dd.example.com"]


def test_previous_keys_are_read_as_fallbacks_for_a_key_rotation(tmp_path):
    old_keys = ["o" * 50, "p" * 50]
    run = _settings(
        tmp_path, DJANGO_SECRET_KEY="x" * 50, DJANGO_SECRET_KEY_FALLBACKS=", ".join(old_keys)
    )
    assert json.loads(run.stdout)["fallbacks"] == old_keys
    assert json.loads(_settings(tmp_path, DJANGO_SECRET_KEY="x" * 50).stdout)["fallbacks"] == []


def test_without_a_secret_key_and_debug_off_it_refuses_to_start(tmp_path):
    run = _settings(tmp_path)
    assert run.returncode != 0
    assert MISSING_SECRET_KEY in run.stderr
    assert not (tmp_path / "dev-secret-key").exists()


def test_debug_generates_a_development_key_once_and_reuses_it(tmp_path):
    first = _settings(tmp_path, DJANGO_DEBUG="1")
    assert first.returncode == 0, first.stderr
    key = (tmp_path / "dev-secret-key").read_text()
    assert len(key) >= 50
    second = _settings(tmp_path, DJANGO_DEBUG="true")
    assert second.returncode == 0
    assert (tmp_path / "dev-secret-key").read_text() == key


def test_a_malformed_boolean_is_reported_by_name(tmp_path):
    run = _settings(tmp_path, DJANGO_DEBUG="maybe")
    assert "DJANGO_DEBUG must be a boolean" in run.stderr


def _secret_file(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text)
    return str(path)


def test_secrets_are_read_from_the_files_their_file_variables_name(tmp_path):
    """Docker secrets: the value comes from the file, its trailing newline dropped."""
    run = _settings(
        tmp_path,
        ALLOW_EMBEDDED_SERVICES="0",
        DJANGO_SECRET_KEY_FILE=_secret_file(tmp_path, "key", "k" * 50 + "\n"),
        DATABASE_URL_FILE=_secret_file(tmp_path, "db", "postgres://u:p%40ss@db.example:5432/sbd\n"),
        CELERY_BROKER_URL_FILE=_secret_file(tmp_path, "broker", "redis://:pw@broker:6379/0\n"),
    )
    assert run.returncode == 0, run.stderr
    values = json.loads(run.stdout)
    assert values["engine"] == "django.db.backends.postgresql" and values["name"] == "sbd"
    assert values["broker"] == "redis://:pw@broker:6379/0"


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("both", "Set DATABASE_URL or DATABASE_URL_FILE, not both."),
        ("missing", "DATABASE_URL_FILE: cannot read"),
        ("empty", "is empty."),
    ],
)
def test_a_secret_file_that_cannot_serve_stops_the_start_with_its_name(tmp_path, case, expected):
    env = {"DJANGO_SECRET_KEY": "x" * 50, "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0"}
    if case == "both":
        env["DATABASE_URL"] = "postgres://root@127.0.0.1:5432/sbd"
        env["DATABASE_URL_FILE"] = _secret_file(tmp_path, "db", "postgres://x@y/z")
    elif case == "missing":
        env["DATABASE_URL_FILE"] = str(tmp_path / "no-such-file")
    else:
        env["DATABASE_URL_FILE"] = _secret_file(tmp_path, "db", "\n")
    run = _settings(tmp_path, ALLOW_EMBEDDED_SERVICES="0", **env)
    assert run.returncode != 0
    assert expected in run.stderr
    # The value itself never reaches the error.
    assert "postgres://x@y/z" not in run.stderr


def test_loopback_webhooks_are_refused_outside_tests_and_development(tmp_path):
    run = _settings(
        tmp_path,
        DJANGO_SECRET_KEY="x" * 50,
        ALLOW_EMBEDDED_SERVICES="0",
        DATABASE_URL="postgres://root@127.0.0.1:5432/sbd",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/0",
        WEBHOOKS_ALLOW_LOOPBACK="1",
    )
    assert run.returncode != 0
    assert "WEBHOOKS_ALLOW_LOOPBACK lets webhooks call this machine's own services" in run.stderr
    allowed = _settings(tmp_path, DJANGO_SECRET_KEY="x" * 50, WEBHOOKS_ALLOW_LOOPBACK="1")
    assert allowed.returncode == 0, allowed.stderr
