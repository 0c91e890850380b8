"""Loaded with `-p` before Django's settings are imported: the environment every test run gets.

Tests run with DEBUG off, like production, but over plain http on localhost, so the HTTPS-only
redirect and secure-cookie flags are switched off here (the deploy check covers them).
"""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

os.environ.setdefault("DJANGO_SECRET_KEY", "insecure-key-for-tests-only-0123456789abcdefghijklmnop")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("DJANGO_SECURE_COOKIES", "0")
# Live-server threads must not keep connections open: the test database is dropped at the end.
os.environ.setdefault("DB_CONN_MAX_AGE", "0")
# DEBUG is off, as in production; without DATABASE_URL and CELERY_BROKER_URL (a laptop's
# `make test`) the suite runs on SQLite and the filesystem broker, which production refuses.
os.environ.setdefault("ALLOW_EMBEDDED_SERVICES", "1")
# Per run, so two test runs on one machine never consume each other's tasks or share a database.
RUN_ID = str(os.getpid())
os.environ.setdefault("CELERY_BROKER_DIR", str(ROOT / "var" / "test-broker" / RUN_ID))
os.environ.setdefault("SQLITE_TEST_NAME", str(ROOT / "var" / f"test-db-{RUN_ID}.sqlite3"))
# The test OpenID provider (tests/sso/provider.py) speaks plain http on loopback; Authlib refuses
# that without this, and the app accepts a loopback http issuer only with ALLOW_EMBEDDED_SERVICES.
os.environ.setdefault("AUTHLIB_INSECURE_TRANSPORT", "1")
