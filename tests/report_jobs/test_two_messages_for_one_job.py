"""Two messages for one report job reach a worker's two pool processes at once (a sweep re-send
of a job that waited in a backlog, a redelivery after a crash): one renders the job, the other
leaves it alone — one attempt, one artifact."""

import pytest
from kombu import Connection

from reports.models import Report
from reports.tasks import render_report
from tests.support.worker import WorkerProcess, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_two_messages_for_one_job_at_once_render_it_once(
    tmp_path, media, unsent_report_id, private_redis
):
    report_id = unsent_report_id
    worker = WorkerProcess(
        tmp_path / "worker.log",
        queues="default,reports",
        concurrency=2,
        env={
            "APP_MEDIA_ROOT": str(media),
            "CELERY_BROKER_URL": private_redis.url,
            "REPORTS_FAULT": "slow:3",
        },
    ).start()
    try:
        with Connection(private_redis.url) as connection:
            ids = [
                render_report.apply_async(args=[report_id], connection=connection).id
                for _ in range(2)
            ]
        assert wait_for(
            lambda: all(f"reports.render[{i}] succeeded" in worker.log() for i in ids), timeout=60
        ), worker.log()
    finally:
        worker.stop()
    report = Report.objects.get(pk=report_id)
    assert (report.status, report.attempts) == ("done", 1)
    assert report.claimed_by in ids
    assert sorted(p.name for p in (media / "reports").iterdir()) == [f"{report_id}.pdf"]
