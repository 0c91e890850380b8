"""Settings come from the environment, with safe defaults. Each case runs in a fresh interpreter
because settings are read once at import."""

import json
import os
import subprocess
import sys
from pathlib import Path

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
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_URL", "CELERY_"))
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


def test_no_variables_means_sqlite_and_the_embedded_broker_with_debug_off(tmp_path):
    run = _settings(tmp_path, DJANGO_SECRET_KEY="x" * 50)
    values = json.loads(run.stdout)
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["name"] == str(tmp_path / "db.sqlite3")
    assert values["broker"] == "filesystem://"
    assert values["debug"] is False
    assert values["secure_cookie"] is True
    assert values["hosts"] == []


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
