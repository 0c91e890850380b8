"""The web process as production runs it (debug off, https redirect on, one allowed host,
WhiteNoise serving collected static files), with the database and Redis unreachable: the
orchestrator's probes still get straight answers over plain http at the pod's address, the
metrics scrape still works, and pages keep their protections."""

import os
import re
import secrets
import subprocess
import sys

from tests.deploy.conftest import NO_REDIRECT, ROOT, Web, get, get_json
from tests.support.processes import free_port

TOKEN = "metrics-token-for-tests-0123456789"


def test_probes_metrics_and_static_files_in_production_settings_with_backends_down(tmp_path):
    env = {
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
        "DJANGO_ALLOWED_HOSTS": "dd.example.com",
        "DJANGO_SECURE_SSL_REDIRECT": "1",
        "DJANGO_SECURE_COOKIES": "1",
        "DJANGO_BEHIND_PROXY": "1",
        "APP_VAR_DIR": str(tmp_path / "var"),
        "DJANGO_STATIC_MANIFEST": "1",
        "DATABASE_URL": f"postgres://nobody:db-password-x@127.0.0.1:{free_port()}/nothing",
        "CELERY_BROKER_URL": f"redis://:redis-password-x@127.0.0.1:{free_port()}/0",
        "METRICS_TOKEN": TOKEN,
        "WEB_CONCURRENCY": "1",
        "LOG_LEVEL": "WARNING",
    }
    # The image's build step, without the admin's and the API docs' large bundles (speed).
    collect = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "collectstatic",
            "--noinput",
            "--ignore",
            "admin",
            "--ignore",
            "rest_framework",
            "--ignore",
            "drf_spectacular_sidecar",
        ],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert collect.returncode == 0, collect.stderr
    web = Web(env, tmp_path / "web.log", free_port()).start()
    try:
        status, body = get_json(f"{web.url}/healthz", headers={"Host": "10.1.2.3:8000"})
        assert (status, body) == (200, {"status": "ok", "checks": {"process": "ok"}})

        status, headers, raw = get(f"{web.url}/readyz", headers={"Host": "10.1.2.3:8000"})
        assert status == 503
        assert headers["Content-Type"] == "application/json"
        assert b"password" not in raw and b"127.0.0.1" not in raw
        assert get_json(f"{web.url}/readyz")[1] == {
            "status": "unavailable",
            "checks": {"database": "unavailable", "migrations": "skipped", "broker": "unavailable"},
            # What the process is set up to use, even while it cannot reach them.
            "uses": {"database": "postgresql", "broker": "redis"},
        }

        assert get(f"{web.url}/metrics")[0] == 404
        status, _, metrics = get(f"{web.url}/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
        assert status == 200 and b"sbd_http_request_duration_seconds_bucket" in metrics

        # Pages: plain http is redirected to https, an unknown host is refused.
        status, headers, _ = get(
            f"{web.url}/accounts/login/", opener=NO_REDIRECT, headers={"Host": "dd.example.com"}
        )
        assert status == 301 and headers["Location"].startswith("https://dd.example.com/")
        assert get(f"{web.url}/accounts/login/", headers={"Host": "10.1.2.3"})[0] == 400

        # Through the TLS proxy: the page links hashed static files that WhiteNoise serves
        # with far-future caching.
        https = {"Host": "dd.example.com", "X-Forwarded-Proto": "https"}
        status, _, page = get(f"{web.url}/accounts/login/", headers=https)
        assert status == 200, page[:500]
        stylesheet = re.search(rb'href="(/static/css/app\.[0-9a-f]{12}\.css)"', page)
        assert stylesheet, page[:2000]
        status, headers, css = get(
            f"{web.url}{stylesheet[1].decode()}", headers={**https, "Accept-Encoding": "gzip"}
        )
        assert status == 200 and css
        assert "max-age=315360000" in headers["Cache-Control"]
        assert headers.get("Content-Encoding") == "gzip"
    finally:
        assert web.terminate(timeout=30) == 0, web.log()[-3000:]
    unexpected = [
        line
        for line in web.log().splitlines()
        if "Traceback" in line and "DisallowedHost" not in line
    ]
    assert not unexpected, unexpected
    # A 503 from /readyz is explained by a warning, not shouted as an error on every probe.
    assert "Service Unavailable: /readyz" not in web.log()
    assert "readiness: database unavailable" in web.log()
    assert "db-password-x" not in web.log() and "redis-password-x" not in web.log()
