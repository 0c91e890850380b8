"""The backup and restore an operator runs (scripts/backup.sh, scripts/restore.sh), practised end
to end on PostgreSQL: an installation with answers, evidence and a report PDF is backed up, lost
(database dropped, files deleted), restored into a new database, and serves the same data and the
same files; a restore missing its files is caught by verify_files, not by a board member."""

import json
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest

from tests.deploy.conftest import ROOT

SERVER = "postgresql://root@127.0.0.1:5432"
pytestmark = pytest.mark.skipif(shutil.which("pg_dump") is None, reason="pg_dump is not installed")


@pytest.fixture
def databases():
    """Two empty databases on the machine's PostgreSQL: where the installation lives, and where
    it is restored to. Dropped afterwards."""
    names = [f"sbd_backup_{kind}_{uuid.uuid4().hex[:8]}" for kind in ("live", "restored")]
    try:
        admin = psycopg.connect(f"{SERVER}/postgres", autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        pytest.skip(f"no PostgreSQL on 127.0.0.1:5432: {exc}")
    with admin:
        for name in names:
            admin.execute(f'CREATE DATABASE "{name}"')
        yield [f"{SERVER}/{name}" for name in names]
        for name in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# Shared services the test run may point at: the installation under test gets its own.
NOT_INHERITED = ("CELERY_BROKER_URL", "CELERY_BROKER_DIR", "CACHE_URL", "SESSION_ENGINE")


def _env(tmp_path: Path, database_url: str, media: Path) -> dict[str, str]:
    inherited = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
    return {
        **inherited,
        "DATABASE_URL": database_url,
        "APP_MEDIA_ROOT": str(media),
        "CELERY_BROKER_DIR": str(tmp_path / "broker"),
        "APP_VAR_DIR": str(tmp_path / "var"),
        "DJANGO_SECRET_KEY": "backup-test-" + "k" * 50,
        "DJANGO_DEBUG": "0",
        "DJANGO_ALLOWED_HOSTS": "localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "PYTHON": sys.executable,
        "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
    }


def _run(args: list[str], env: dict[str, str], check: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    if check:
        assert done.returncode == 0, f"{args}:\n{done.stdout}\n{done.stderr}"
    return done


def _probe(action: str, env: dict[str, str]) -> dict:
    output = _run([sys.executable, "-m", "tests.deploy.backup_probe", action], env).stdout
    return json.loads(output.strip().splitlines()[-1])


def test_a_backup_restores_into_a_new_database_with_every_file(tmp_path, databases):
    live_url, restored_url = databases
    live_media, restored_media = tmp_path / "live-media", tmp_path / "restored-media"
    live = _env(tmp_path, live_url, live_media)
    _run([sys.executable, "manage.py", "migrate", "--noinput"], live)
    _run([sys.executable, "-m", "tests.deploy.backup_probe", "populate"], live)
    before = _probe("fingerprint", live)
    served_before = _probe("downloads", live)
    assert before["evidence"] and before["reports"] and before["answers"] > 0
    assert all(status == 200 for status, _ in served_before.values()), served_before

    dump = _run(["scripts/backup.sh", str(tmp_path / "backups")], live).stdout.strip()
    assert Path(dump).is_file() and dump.endswith(".dump")
    shutil.rmtree(live_media)  # the disaster: the files are gone with the host

    restored = _env(tmp_path, restored_url, restored_media)
    result = _run(["scripts/restore.sh", dump], restored)
    assert "present and match their checksums" in result.stdout
    assert _probe("fingerprint", restored) == before
    assert _probe("downloads", restored) == served_before


def test_a_restore_without_its_files_is_reported_by_verify_files(tmp_path, databases):
    live_url, restored_url = databases
    live = _env(tmp_path, live_url, tmp_path / "live-media")
    _run([sys.executable, "manage.py", "migrate", "--noinput"], live)
    _run([sys.executable, "-m", "tests.deploy.backup_probe", "populate"], live)
    dump = _run(["scripts/backup.sh", str(tmp_path / "backups")], live).stdout.strip()
    media_archive = next((tmp_path / "backups").glob("sbd-media-*.tar.gz"))
    # The operator restores from a night whose file archive holds nothing.
    _run(["tar", "-czf", str(media_archive), "-T", "/dev/null"], live)
    _run(
        [
            "sh",
            "-c",
            f"cd {media_archive.parent} && sha256sum sbd-*.dump {media_archive.name} "
            f"> {Path(dump).stem}.sha256",
        ],
        live,
    )

    result = _run(
        ["scripts/restore.sh", dump],
        _env(tmp_path, restored_url, tmp_path / "restored-media"),
        check=False,
    )
    assert result.returncode == 1
    assert "evidence" in result.stderr and "report" in result.stderr
    assert "2 of 2 stored files are missing or altered" in result.stderr


def test_a_damaged_backup_is_refused_before_anything_is_touched(tmp_path, databases):
    live_url, restored_url = databases
    live = _env(tmp_path, live_url, tmp_path / "live-media")
    _run([sys.executable, "manage.py", "migrate", "--noinput"], live)
    dump = Path(_run(["scripts/backup.sh", str(tmp_path / "backups")], live).stdout.strip())
    with dump.open("r+b") as handle:
        handle.seek(100)
        handle.write(b"rot")

    result = _run(
        ["scripts/restore.sh", str(dump)],
        _env(tmp_path, restored_url, tmp_path / "restored-media"),
        check=False,
    )
    assert result.returncode != 0
    assert "FAILED" in result.stdout + result.stderr
    with psycopg.connect(restored_url) as restored:
        tables = restored.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
        assert tables.fetchone()[0] == 0
