"""Start and stop the real servers a benchmark measures: PostgreSQL databases and gunicorn."""

import atexit
import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG = "postgres://root@127.0.0.1:5432"


def own_database(name: str) -> str:
    """A new, empty PostgreSQL database for this benchmark run, dropped when the process ends.

    Its name is `<BENCH_DATABASE_PREFIX>_<name>_<pid>` (prefix from the environment, "sbd_bench"
    by default), so a run never touches a database it did not create: if the name is taken,
    createdb fails and nothing is dropped. The drop is forced: the run's own connections may still
    be open when the process ends."""
    prefix = os.environ.get("BENCH_DATABASE_PREFIX", "sbd_bench")
    database = f"{prefix}_{name}_{os.getpid()}"
    subprocess.run(
        ["createdb", "-h", "127.0.0.1", "-U", "root", database], check=True, capture_output=True
    )
    atexit.register(
        subprocess.run,
        ["dropdb", "--if-exists", "--force", "-h", "127.0.0.1", "-U", "root", database],
        capture_output=True,
    )
    return f"{PG}/{database}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(database_url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DJANGO_SECRET_KEY": "benchmark-only-key-" + "x" * 40,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_SECURE_COOKIES": "0",
            "DATABASE_URL": database_url,
            "ALLOW_EMBEDDED_SERVICES": "1",  # no broker is needed to serve the measured pages
            "LOG_LEVEL": "WARNING",
            **extra,
        }
    )
    return env


@contextmanager
def gunicorn(
    env: dict[str, str],
    *,
    workers: int = 4,
    worker_class: str = "sync",
    threads: int = 1,
    keep_alive: int = 2,
    log_path: Path | None = None,
):
    """`log_path`: where the server's log lines go (the app logs to stderr). Without it stderr is
    a pipe read only on a failed start, so keep LOG_LEVEL at WARNING or give a file."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        worker_class,
        "--threads",
        str(threads),
        "--keep-alive",
        str(keep_alive),
        "--log-level",
        "warning",
        "--backlog",
        "2048",
    ]
    log = log_path.open("w") if log_path else None
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log or subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=2)
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    output = log_path.read_text() if log_path else process.stderr.read()
                    raise RuntimeError(f"gunicorn did not start: {output}") from None
                time.sleep(0.3)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        if log:
            log.close()
