"""The whole worker SIGKILLed mid-render (main process and pool at once, as when its container or
host dies): nobody acknowledges or requeues the message, which stays unacknowledged in Redis
until its visibility timeout. A fresh worker's sweep finds the job quiet in `running` and re-sends
it; the report is made once, into one artifact. When Redis later hands the original message out
again, the job is already done and is not rendered a second time."""

import pytest
import redis as redis_client
from kombu import Connection

from reports.models import Report
from reports.tasks import render_report
from tests.support.worker import WorkerProcess, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

# Longer than the gaps between a live render's progress updates, so the sweep never takes a
# job from a worker that is still rendering it.
STALE_RUNNING_SECONDS = "6"


def _worker(tmp_path, name, media, redis, *, extra_args=(), **env):
    return WorkerProcess(
        tmp_path / f"{name}.log",
        queues="default,reports",
        extra_args=extra_args,
        env={"APP_MEDIA_ROOT": str(media), "CELERY_BROKER_URL": redis.url, **env},
    ).start()


def _send(broker_url: str, report_id: str) -> str:
    """What reports.tasks.report_enqueue sends, onto this test's private Redis; the message's id."""
    with Connection(broker_url) as connection:
        return render_report.apply_async(args=[report_id], connection=connection).id


def _parked(unacked, message_id: str) -> bool:
    """Whether the message is among those delivered but not acknowledged (kombu's Redis
    transport keeps them in the "unacked" hash until acked or restored)."""
    return any(message_id.encode() in value for value in unacked.hvals("unacked"))


def _artifacts(media) -> list[str]:
    folder = media / "reports"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_a_worker_killed_whole_mid_render_is_recovered_by_the_sweep_and_made_once(
    tmp_path, media, unsent_report_id, private_redis
):
    report_id = unsent_report_id
    unacked = redis_client.Redis.from_url(private_redis.url)

    doomed = _worker(tmp_path, "doomed", media, private_redis, REPORTS_FAULT="slow:8")
    try:
        message_id = _send(private_redis.url, report_id)
        assert wait_for(
            lambda: Report.objects.filter(pk=report_id, status="running").exists(), timeout=60
        ), doomed.log()
        doomed.kill()
    finally:
        doomed.stop()
    report = Report.objects.get(pk=report_id)
    assert (report.status, report.attempts) == ("running", 1)
    assert unacked.hlen("unacked") == 1  # nobody acknowledged or requeued it
    assert _parked(unacked, message_id)
    assert _artifacts(media) == []

    rescuer = _worker(
        tmp_path,
        "rescuer",
        media,
        private_redis,
        extra_args=("--beat", "--schedule", str(tmp_path / "beat")),
        REPORTS_SWEEP_SECONDS="1",
        REPORTS_STALE_RUNNING_SECONDS=STALE_RUNNING_SECONDS,
    )
    try:
        assert wait_for(
            lambda: Report.objects.filter(pk=report_id, status="done").exists(), timeout=60
        ), rescuer.log()
    finally:
        rescuer.stop()
    assert message_id not in rescuer.log()  # made from the sweep's message, not a redelivery
    done = Report.objects.get(pk=report_id)
    assert (done.status, done.progress, done.attempts) == ("done", 100, 2)
    assert Report.objects.count() == 1
    assert _artifacts(media) == [f"{report_id}.pdf"]
    artifact = (media / "reports" / f"{report_id}.pdf").stat()
    # The original message is still parked in Redis. (Not "the only one": the rescuer's beat
    # sends a sweep every second, and one may be in hand when it stops.)
    assert _parked(unacked, message_id)

    # A worker with a short visibility timeout takes the parked message back at start and runs
    # it: the job is done, so nothing is rendered and nothing is written.
    late = _worker(tmp_path, "late", media, private_redis, CELERY_VISIBILITY_TIMEOUT="1")
    try:
        assert wait_for(
            lambda: f"reports.render[{message_id}] succeeded" in late.log(), timeout=30
        ), late.log()
    finally:
        late.stop()
    assert not _parked(unacked, message_id)
    again = Report.objects.get(pk=report_id)
    assert (again.status, again.attempts, again.finished_at, again.sha256) == (
        "done",
        2,
        done.finished_at,
        done.sha256,
    )
    assert _artifacts(media) == [f"{report_id}.pdf"]
    after = (media / "reports" / f"{report_id}.pdf").stat()
    assert (after.st_ino, after.st_mtime_ns) == (artifact.st_ino, artifact.st_mtime_ns)
