"""Start a real Celery worker process against the test database and the configured broker."""

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.db import connection

from tests.support.processes import stop_gently

ROOT = Path(__file__).resolve().parents[2]


def current_database_url() -> str:
    """The URL of the database the tests are using right now (test_<name>, not the real one)."""
    name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":
        return f"sqlite:///{name}"
    parts = urlsplit(settings.DATABASE_URL)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


class WorkerProcess:
    def __init__(
        self,
        log_path: Path,
        queues: str = "default",
        extra_args: tuple[str, ...] = (),
        env: dict[str, str] | None = None,
        concurrency: int = 1,
    ):
        self.log_path = log_path
        self.queues = queues
        self.extra_args = extra_args
        self.env = env or {}
        self.concurrency = concurrency
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 60) -> "WorkerProcess":
        env = {**os.environ, "DATABASE_URL": current_database_url(), **self.env}
        self._log = self.log_path.open("w")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--loglevel",
                "INFO",
                "--queues",
                self.queues,
                "--concurrency",
                str(self.concurrency),
                "--without-gossip",
                "--without-mingle",
                "--purge",
                *self.extra_args,
            ],
            cwd=ROOT,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"worker exited early:\n{self.log()}")
            if " ready." in self.log():
                return self
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"worker did not become ready in {timeout}s:\n{self.log()}")

    def log(self) -> str:
        return self.log_path.read_text() if self.log_path.exists() else ""

    def stop(self) -> None:
        stop_gently(self.process)
        if getattr(self, "_log", None):
            self._log.close()

    def kill(self) -> None:
        """SIGKILL the whole worker at once (main process, pool, embedded beat, render children),
        as when its container or host dies. The main process goes first: killed after its pool,
        it would see the pool process die and requeue the job itself (the pool-only case)."""
        tree = self.descendants()
        self.process.kill()
        for pid in tree:
            with contextlib.suppress(ProcessLookupError):  # it died with its parent
                os.kill(pid, signal.SIGKILL)
        self.process.wait()
        self._log.close()

    def descendants(self) -> list[int]:
        """Pids of every process below the main one (pool processes and their children)."""
        found, parents = [], [self.process.pid]
        while parents:
            out = subprocess.run(
                ["pgrep", "-P", ",".join(map(str, parents))],
                capture_output=True,
                text=True,
                check=False,
            )
            parents = [int(pid) for pid in out.stdout.split()]
            found += parents
        return found

    def pool_children(self) -> list[int]:
        """Pids of the prefork pool's processes (the ones that run tasks)."""
        out = subprocess.run(
            ["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True, check=False
        )
        return [int(pid) for pid in out.stdout.split()]


def wait_for(predicate, timeout: float = 30, interval: float = 0.2) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False
