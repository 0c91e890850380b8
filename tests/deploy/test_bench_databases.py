"""A benchmark works in a PostgreSQL database of its own, named from the environment, and never
drops one it did not create."""

import os
import subprocess

import pytest

from bench.servers import own_database


def _exists(name: str) -> bool:
    listing = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "root", "-lqtA"],
        capture_output=True,
        text=True,
        check=True,
    )
    return name in {line.split("|", 1)[0] for line in listing.stdout.splitlines()}


def test_a_taken_name_is_refused_and_the_database_that_has_it_stays(monkeypatch):
    monkeypatch.setenv("BENCH_DATABASE_PREFIX", "sbd_test_prefix")
    taken = f"sbd_test_prefix_report_{os.getpid()}"
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "root", taken], check=True)
    try:
        with pytest.raises(subprocess.CalledProcessError):
            own_database("report")
        assert _exists(taken)
    finally:
        subprocess.run(
            ["dropdb", "--if-exists", "-h", "127.0.0.1", "-U", "root", taken], check=True
        )


def test_the_name_comes_from_the_environment_and_the_database_is_new(monkeypatch):
    monkeypatch.setenv("BENCH_DATABASE_PREFIX", "sbd_test_env")
    url = own_database("autosave")
    name = url.rsplit("/", 1)[1]
    try:
        assert name == f"sbd_test_env_autosave_{os.getpid()}"
        assert _exists(name)
    finally:
        subprocess.run(["dropdb", "--if-exists", "-h", "127.0.0.1", "-U", "root", name], check=True)
