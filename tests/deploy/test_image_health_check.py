"""docker/healthcheck.sh, the image's one health check: it looks at what the container runs
(process 1) and checks that very process. Here it is pointed at a recorded command line instead of
/proc/1/cmdline, with a real web server, a stand-in `celery` that records how it was called, and
real schedule files."""

import http.server
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.deploy.conftest import ROOT
from tests.support.processes import free_port

SCRIPT = ROOT / "docker" / "healthcheck.sh"


def _check(tmp_path: Path, *argv: str, **env: str) -> subprocess.CompletedProcess:
    cmdline = tmp_path / "cmdline"
    cmdline.write_bytes(b"\0".join(arg.encode() for arg in argv) + b"\0")
    path = f"{tmp_path / 'bin'}:{Path(sys.executable).parent}:{os.environ['PATH']}"
    return subprocess.run(
        ["/bin/sh", str(SCRIPT)],
        env={"PATH": path, "HEALTHCHECK_PROCESS_CMDLINE": str(cmdline), **env},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=30,
    )


class _Healthz(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200 if self.path == "/healthz" else 404)
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


def test_the_web_is_healthy_when_its_own_port_answers_healthz(tmp_path):
    port = free_port()
    server = http.server.HTTPServer(("127.0.0.1", port), _Healthz)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    gunicorn = ("/opt/venv/bin/python", "/opt/venv/bin/gunicorn", "config.wsgi", "--bind", "x")
    try:
        assert _check(tmp_path, *gunicorn, PORT=str(port)).returncode == 0
    finally:
        server.shutdown()
        server.server_close()
    down = _check(tmp_path, *gunicorn, PORT=str(port))
    assert down.returncode != 0 and "/healthz did not answer" in down.stderr


def _fake_celery(tmp_path: Path, exit_code: int) -> Path:
    calls = tmp_path / "celery-calls"
    (tmp_path / "bin").mkdir(exist_ok=True)
    fake = tmp_path / "bin" / "celery"
    fake.write_text(f'#!/bin/sh\necho "$*" >> {calls}\nexit {exit_code}\n')
    fake.chmod(0o755)
    return calls


@pytest.mark.parametrize(
    ("argv", "node"),
    [
        (("celery", "-A", "config", "worker", "--queues", "default"), "celery@{host}"),
        (
            ("celery", "-A", "config", "worker", "--queues", "reports", "--hostname", "reports@%h"),
            "reports@{host}",
        ),
    ],
    ids=["worker", "report-worker"],
)
def test_a_worker_pings_its_own_node_through_the_broker_never_the_web(tmp_path, argv, node):
    calls = _fake_celery(tmp_path, exit_code=0)
    assert (
        _check(tmp_path, "/opt/venv/bin/python", "/opt/venv/bin/" + argv[0], *argv[1:]).returncode
        == 0
    )
    host = socket.gethostname()
    expected = f"-A config inspect ping --destination {node.format(host=host)} --timeout 10"
    assert calls.read_text().strip() == expected
    # A worker that does not answer is unhealthy, whatever else runs on the host.
    _fake_celery(tmp_path, exit_code=1)
    assert _check(tmp_path, "celery", "-A", "config", "worker").returncode != 0


def test_beat_is_healthy_while_its_schedule_file_is_fresh(tmp_path):
    schedule = tmp_path / "celerybeat-schedule"
    beat = ("celery", "-A", "config", "beat", "--schedule", str(schedule))
    missing = _check(tmp_path, *beat)
    assert missing.returncode != 0 and "no schedule file" in missing.stderr
    schedule.write_bytes(b"shelve")
    assert _check(tmp_path, *beat).returncode == 0
    stale = time.time() - 11 * 60
    os.utime(schedule, (stale, stale))
    old = _check(tmp_path, *beat)
    assert old.returncode != 0 and "untouched for" in old.stderr


def test_a_one_off_command_has_nothing_to_probe(tmp_path):
    assert _check(tmp_path, "python", "manage.py", "migrate", "--noinput").returncode == 0
