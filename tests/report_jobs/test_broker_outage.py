"""Redis stopped when a report is requested: the request still answers quickly with the job
queued, and the report is produced exactly once after Redis is back (the periodic sweep re-sends
what could not be sent)."""

import json
import time
import urllib.request

import pytest

from reports.models import Report
from tests.factories import api_key_for
from tests.support.processes import RedisServer, WebServer
from tests.support.worker import WorkerProcess, current_database_url, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_a_report_requested_while_redis_is_down_is_made_once_redis_is_back(
    tmp_path, media, viewer_user, decided_assessment
):
    redis = RedisServer().start()
    env = {
        "CELERY_BROKER_URL": redis.url,
        "APP_MEDIA_ROOT": str(media),
        "DATABASE_URL": current_database_url(),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "REPORTS_SWEEP_SECONDS": "2",
    }
    web = WebServer(env, tmp_path / "web.log").start()
    worker = None
    try:
        redis.stop()
        token = api_key_for(viewer_user)
        request = urllib.request.Request(
            f"{web.url}/api/v1/assessments/{decided_assessment.pk}/reports/",
            method="POST",
            headers={"Authorization": f"Token {token}", "Accept": "application/json"},
            data=b"",
        )
        started = time.monotonic()
        with urllib.request.urlopen(request, timeout=10) as response:
            body = json.loads(response.read())
            assert response.status == 202
        assert time.monotonic() - started < 5
        assert body["status"] == "queued"
        assert Report.objects.get(pk=body["id"]).enqueued_at is None

        redis = RedisServer(port=redis.port).start()
        worker = WorkerProcess(
            tmp_path / "worker.log",
            queues="default,reports",
            extra_args=("--beat", "--schedule", str(tmp_path / "beat")),
            env=env,
        ).start()
        assert wait_for(
            lambda: Report.objects.filter(pk=body["id"], status="done").exists(), timeout=90
        ), worker.log()
    finally:
        if worker:
            worker.stop()
        web.stop()
        redis.stop()
    assert Report.objects.count() == 1
    assert [p.name for p in (media / "reports").glob("*.pdf")] == [f"{body['id']}.pdf"]
