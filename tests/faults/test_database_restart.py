"""PostgreSQL restarted while the app is in use, against a private cluster (never the machine's
shared server) and gunicorn holding persistent connections as in production: during the outage
every request answers within seconds with a clean 503 (JSON with the request id for the API, a
short page for people, /readyz not ready); afterwards the same processes serve again without a
restart, and the data is intact — answers saved before keep their versions, and an autosave sent
during the outage left no trace."""

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from core.db_unavailable import DB_UNAVAILABLE
from tests.support.postgres import PostgresCluster, unavailable_reason
from tests.support.processes import ROOT, WebServer

pytestmark = pytest.mark.faults

# Everything a request needs: a procurement user with an API token and a signed-in session, a
# draft assessment of the real questionnaire, and two questions it can answer.
SEED = """
import json
from django.test import Client
from assessments.questionnaire.loader import questionnaire_load_file
from assessments.questionnaire.structure import questionnaire_structure
from assessments.lifecycle.services import assessment_create
from tests.factories import OfferingFactory, UserFactory, api_key_for
from tests.support.questionnaires import REAL_QUESTIONNAIRE

questionnaire = questionnaire_load_file(path=REAL_QUESTIONNAIRE).questionnaire
user = UserFactory(username="pat", role="procurement")
assessment = assessment_create(actor=user, offering=OfferingFactory(), questionnaire=questionnaire)
questions = [
    {"key": q.key, "options": [o.key for o in q.options if not o.is_unknown][:2]}
    for q in questionnaire_structure(questionnaire).questions if not q.show_if
][:2]
browser = Client()
browser.force_login(user)
print(json.dumps({"assessment": str(assessment.pk), "questions": questions,
                  "token": api_key_for(user),
                  "session": browser.cookies["sessionid"].value}))
"""

QUICKLY = 5.0  # seconds: an outage must not hold requests until the proxy gives up


@pytest.fixture(scope="module")
def cluster():
    reason = unavailable_reason()
    if reason:
        pytest.skip(reason)
    server = PostgresCluster().create()
    try:
        _manage(server, "migrate", "--noinput")
        yield server
    finally:
        server.destroy()


@pytest.fixture(scope="module")
def seeded(cluster) -> dict:
    return json.loads(_manage(cluster, "shell", "-c", SEED).splitlines()[-1])


@pytest.fixture(autouse=True)
def _cluster_running(cluster):
    """A test that failed mid-outage must not leave the next one without a database."""
    if not cluster.is_running():
        cluster.start()


def _environment(cluster) -> dict[str, str]:
    # Persistent connections as production has them (the tests' own default is 0).
    return {
        "DATABASE_URL": cluster.url,
        "DB_CONN_MAX_AGE": "60",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "LOG_FORMAT": "json",
    }


def _manage(cluster, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**os.environ, **_environment(cluster)},
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def _call(
    url: str, *, method: str = "GET", headers: dict | None = None, body: dict | None = None
) -> tuple[int, dict, bytes]:
    """(status, headers, body), for any status."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, method=method, headers=headers or {}, data=data)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def _quickly(call, *args):
    """The answer of `call(*args)`, which must come within QUICKLY seconds."""
    started = time.monotonic()
    answer = call(*args)
    assert time.monotonic() - started < QUICKLY, f"{call.__name__} took too long"
    return answer


class Caller:
    """The API with a token, and pages with a signed-in session, as the seed made them."""

    def __init__(self, web: WebServer, seeded: dict) -> None:
        self.web = web
        self.answers = f"{web.url}/api/v1/assessments/{seeded['assessment']}/answers/"
        self.page = f"{web.url}/assessments/{seeded['assessment']}/"
        self.api_headers = {
            "Authorization": f"Token {seeded['token']}",
            "Accept": "application/json",
            "Content-Type": "application/json",
        }
        self.page_headers = {"Cookie": f"sessionid={seeded['session']}", "Accept": "text/html"}

    def save(self, key: str, option: str, version: int | None, text: str = ""):
        body = {"option": option, "text": text, "version": version}
        return _call(f"{self.answers}{key}/", method="PUT", headers=self.api_headers, body=body)

    def list_answers(self):
        return _call(self.answers, headers=self.api_headers)

    def current(self) -> dict[str, dict]:
        status, _, raw = self.list_answers()
        assert status == 200, raw[:500]
        return {answer["question_key"]: answer for answer in json.loads(raw)}

    def open_page(self):
        return _call(self.page, headers=self.page_headers)

    def readiness(self) -> tuple[int, dict]:
        status, _, raw = _call(f"{self.web.url}/readyz")
        return status, json.loads(raw)


def _assert_clean_api_503(answer) -> None:
    status, headers, raw = answer
    assert status == 503, raw[:500]
    assert headers["Content-Type"] == "application/json"
    assert headers["Retry-After"].isdigit()
    assert json.loads(raw) == {"detail": DB_UNAVAILABLE, "request_id": headers["X-Request-ID"]}


def _assert_clean_page_503(answer) -> None:
    status, headers, raw = answer
    page = raw.decode()
    assert status == 503, page[:500]
    assert headers["Content-Type"].startswith("text/html")
    assert headers["Retry-After"].isdigit()
    assert DB_UNAVAILABLE in page and headers["X-Request-ID"] in page
    assert "Traceback" not in page and "OperationalError" not in page


def test_requests_during_a_database_outage_answer_503_and_work_again_after(
    cluster, seeded, tmp_path
):
    first, second = seeded["questions"]
    web = WebServer(_environment(cluster), tmp_path / "web.log").start()
    try:
        client = Caller(web, seeded)
        assert client.save(first["key"], first["options"][0], None)[0] == 201
        assert client.save(first["key"], first["options"][1], 1, "Kept.")[0] == 200
        assert client.save(second["key"], second["options"][0], None)[0] == 201
        assert client.open_page()[0] == 200
        before = client.current()

        cluster.stop()
        for _ in range(3):  # enough for both gunicorn workers to meet the outage
            _assert_clean_api_503(_quickly(client.list_answers))
            _assert_clean_api_503(
                _quickly(
                    client.save, first["key"], first["options"][0], 2, "Typed during the outage."
                )
            )
            _assert_clean_page_503(_quickly(client.open_page))
            status, ready = _quickly(client.readiness)
            assert (status, ready["checks"]["database"]) == (503, "unavailable")
        assert _call(f"{web.url}/healthz")[0] == 200

        cluster.start()
        for _ in range(4):  # every worker serves again, without a restart
            assert client.list_answers()[0] == 200
        assert client.open_page()[0] == 200
        status, ready = client.readiness()
        assert (status, ready["checks"]["database"]) == (200, "ok")

        after = client.current()
        assert after == before
        assert (
            after[first["key"]]["option"],
            after[first["key"]]["version"],
            after[first["key"]]["text"],
        ) == (first["options"][1], 2, "Kept.")
        assert after[second["key"]]["version"] == 1
        # The autosave script sends its change again: it applies on top of version 2.
        status, _, raw = client.save(
            first["key"], first["options"][0], 2, "Typed during the outage."
        )
        assert status == 200, raw[:500]
        assert json.loads(raw)["version"] == 3
    finally:
        web.stop()
    log = (tmp_path / "web.log").read_text()
    assert "database unavailable" in log
    assert "Traceback" not in log and '"status": 500' not in log


def test_a_database_restart_between_requests_goes_unnoticed(cluster, seeded, tmp_path):
    # One gunicorn worker: the connection it keeps open is the one the restart breaks.
    web = WebServer(_environment(cluster), tmp_path / "web.log", workers=1).start()
    try:
        client = Caller(web, seeded)
        assert client.list_answers()[0] == 200
        assert client.open_page()[0] == 200

        cluster.stop()
        cluster.start()

        for _ in range(3):
            status, _, raw = client.list_answers()
            assert status == 200, raw[:500]
        assert client.open_page()[0] == 200
    finally:
        web.stop()
