"""The production processes as the Procfile declares them, started without Docker against the
test database and a private Redis, plus the objects a report needs."""

import copy
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from assessments.lifecycle.services import assessment_create, assessment_submit
from assessments.review.services import review_start
from tests.assessments.helpers import answer_all, decide
from tests.factories import OfferingFactory

ROOT = Path(__file__).resolve().parents[2]
PROCFILE = ROOT / "Procfile"
_LINE = re.compile(r"^(?P<name>[A-Za-z0-9_-]+):\s*(?P<command>.+)$")


def procfile() -> dict[str, str]:
    """Process type -> command, as honcho and Procfile platforms read the file."""
    entries = {}
    for line in PROCFILE.read_text().splitlines():
        match = _LINE.match(line)
        if match:
            entries[match["name"]] = match["command"].strip()
    return entries


class ProcfileProcess:
    """One Procfile line run the way a Procfile runner does: through /bin/sh with the
    environment (so ${PORT} and friends are substituted), `exec`ed so that signals reach the
    process itself. The project's virtualenv comes first on PATH, as in the image."""

    def __init__(self, kind: str, env: dict[str, str], log_path: Path) -> None:
        self.kind = kind
        self.command = procfile()[kind]
        bin_dir = str(Path(sys.executable).parent)
        self.env = {**os.environ, **env, "PATH": f"{bin_dir}:{os.environ.get('PATH', '')}"}
        self.log_path = log_path
        self.process: subprocess.Popen | None = None

    # A service manager starts each service in a session and process group of its own.
    new_session = False

    def start(self) -> "ProcfileProcess":
        self._log = self.log_path.open("w")
        self.process = subprocess.Popen(
            ["/bin/sh", "-c", f"exec {self.command}"],
            cwd=ROOT,
            env=self.env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=self.new_session,
        )
        return self

    def log(self) -> str:
        return self.log_path.read_text() if self.log_path.exists() else ""

    def wait_for_log(self, text: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in self.log():
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.2)
        raise AssertionError(f"{self.kind}: {text!r} not logged:\n{self.log()[-4000:]}")

    def terminate(self, timeout: float = 60) -> int:
        """SIGTERM, as an orchestrator stops a container; the exit code."""
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=timeout)
        finally:
            self._log.close()

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        if not self._log.closed:
            self._log.close()


class Web(ProcfileProcess):
    def __init__(self, env: dict[str, str], log_path: Path, port: int) -> None:
        super().__init__("web", {**env, "PORT": str(port), "WEB_BIND": "127.0.0.1"}, log_path)
        self.url = f"http://127.0.0.1:{port}"

    def start(self, timeout: float = 60) -> "Web":
        super().start()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if get(f"{self.url}/healthz")[0] == 200:
                return self
            if self.process.poll() is not None:
                break
            time.sleep(0.3)
        raise AssertionError(f"gunicorn did not answer /healthz:\n{self.log()[-4000:]}")


def get(
    url: str,
    headers: dict[str, str] | None = None,
    method: str = "GET",
    data: str | None = None,
    timeout: float = 10,
    opener=None,
) -> tuple[int, dict, bytes]:
    """(status, headers, body), for any status; (0, {}, b"") when nothing answers."""
    body = data.encode() if data is not None else (b"" if method == "POST" else None)
    request = urllib.request.Request(url, headers=headers or {}, method=method, data=body)
    try:
        with (opener or urllib.request.build_opener()).open(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()
    except OSError:
        return 0, {}, b""


def get_json(url: str, **kwargs) -> tuple[int, dict]:
    status, _, body = get(url, **kwargs)
    return status, json.loads(body) if body else {}


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


# An opener that reports a redirect instead of following it.
NO_REDIRECT = urllib.request.build_opener(_NoRedirect)


@pytest.fixture
def media(settings, tmp_path):
    """Evidence and report artifacts under this test's own folder (the processes get the same)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    storages = copy.deepcopy(settings.STORAGES)
    storages["reports"]["OPTIONS"] = {"location": str(tmp_path / "media" / "reports")}
    settings.STORAGES = storages
    return tmp_path / "media"


@pytest.fixture
def decided(questionnaire, procurement_user, architect_user):
    """Makes decided assessments: answered, submitted, reviewed and approved."""

    def make():
        assessment = assessment_create(
            actor=procurement_user, offering=OfferingFactory(), questionnaire=questionnaire
        )
        answer_all(assessment, procurement_user, pick="worst", level="documented")
        assessment_submit(actor=procurement_user, assessment_pk=assessment.pk)
        review_start(actor=architect_user, assessment_pk=assessment.pk)
        decide(
            actor=architect_user,
            assessment_pk=assessment.pk,
            decision="approved",
            rationale="Acceptable for the pilot.",
        )
        assessment.refresh_from_db()
        return assessment

    return make
