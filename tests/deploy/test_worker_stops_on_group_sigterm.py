"""The report worker, started exactly as the Procfile says and leading its own process group (as
under systemd or supervisor), stops cleanly whether SIGTERM reaches its main process only or the
whole group (systemd's KillMode=control-group, supervisor's stopasgroup): the render in flight
finishes in the warm shutdown, within the stop timeout, and the main process, its pool processes
and the render child are all gone, exit code 0. Issue defect 8: the group's SIGTERM used to end
the pool processes at once (the job aborted, requeued and counted as a second attempt) and, mid-
render, to orphan the render child, which could acknowledge the job as failed and leave it stuck
in `running` until the sweep (core/worker_shutdown.py).

A cold shutdown (SIGQUIT) must still end the pool processes at once: their main process then
stops them with SIGTERM itself, which they still obey. The job goes back to the queue and a fresh
worker makes it."""

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from kombu import Connection

from reports.models import Report
from reports.services import report_request
from reports.tasks import render_report
from tests.deploy.conftest import ROOT, ProcfileProcess
from tests.support.processes import RedisServer
from tests.support.worker import current_database_url, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

RENDER_SECONDS = 6  # the injected slowness (REPORTS_FAULT=slow): the job is in flight meanwhile
# For a job that must not end by itself while the test stops it.
LONG_RENDER_SECONDS = 60
# The service manager's stop timeout (TimeoutStopSec, stopwaitsecs) in these tests: the worker
# must be gone well before it, or it would be SIGKILLed mid-job.
STOP_TIMEOUT = 30
CELERY = str(Path(sys.executable).parent / "celery")


class GroupLeader(ProcfileProcess):
    """A Procfile process in a session and process group of its own, as a service manager starts
    it, so that a signal can be sent to the group (os.killpg) as well as to the process."""

    new_session = True

    @property
    def group(self) -> int:
        return self.process.pid  # `exec`: the worker's main process leads the group

    def members(self) -> dict[int, int]:
        """pid -> parent pid of every process left in the group (zombies included)."""
        out = subprocess.run(
            ["ps", "-o", "pid=,ppid=", "-g", str(self.group)], capture_output=True, text=True
        )
        return dict(tuple(map(int, line.split())) for line in out.stdout.splitlines())

    def render_child(self) -> int | None:
        """The PDF render process a pool process forks (reports/pdf.py), when one runs."""
        members = self.members()
        pool = {pid for pid, parent in members.items() if parent == self.group}
        return next((pid for pid, parent in members.items() if parent in pool), None)

    def stop(self) -> None:
        """SIGKILL whatever is left of the group (the test failed)."""
        if self.process is None:
            return  # never started
        for pid in self.members():
            with contextlib.suppress(ProcessLookupError):  # it went with its parent
                os.kill(pid, signal.SIGKILL)
        if self.process.poll() is None:
            self.process.wait()
        if not self._log.closed:
            self._log.close()


def _report_id(viewer_user, decided, monkeypatch) -> str:
    """A requested report whose message the test sends itself, onto its own Redis."""
    monkeypatch.setattr("reports.tasks.report_enqueue", lambda report_id: None)
    report, created = report_request(actor=viewer_user, assessment=decided())
    assert created
    return str(report.pk)


def _send(broker_url: str, report_id: str) -> str:
    with Connection(broker_url) as connection:
        return render_report.apply_async(args=[report_id], connection=connection).id


def _env(redis, media, slow: int | None = RENDER_SECONDS) -> dict[str, str]:
    return {
        "DATABASE_URL": current_database_url(),
        "CELERY_BROKER_URL": redis.url,
        "APP_MEDIA_ROOT": str(media),
        "REPORT_CONCURRENCY": "2",  # the Procfile's default: an idle pool process too
        "REPORTS_FAULT": f"slow:{slow}" if slow else "",
    }


def _stopped(worker: GroupLeader, timeout: float) -> tuple[int | None, float]:
    """The main process's exit code (None if it is still running) and the seconds it took."""
    started = time.monotonic()
    try:
        code = worker.process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        code = None
    return code, time.monotonic() - started


def _artifacts(media) -> list[str]:
    folder = media / "reports"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


@pytest.mark.parametrize(
    ("target", "moment"),
    [
        ("main process", "during the task"),
        ("process group", "during the task"),
        ("process group", "during the PDF render"),
    ],
)
def test_sigterm_lets_the_job_in_flight_finish_and_the_worker_exit(
    target, moment, tmp_path, media, decided, viewer_user, monkeypatch
):
    report_id = _report_id(viewer_user, decided, monkeypatch)
    redis = RedisServer().start()
    worker = GroupLeader("report-worker", _env(redis, media), tmp_path / "worker.log")
    try:
        worker.start().wait_for_log(" ready.")
        _send(redis.url, report_id)
        running = Report.objects.filter(pk=report_id, status=Report.Status.RUNNING)
        assert wait_for(running.exists, timeout=60), worker.log()[-4000:]
        if moment == "during the PDF render":
            # The pool process has forked the render child: the group's SIGTERM reaches it too.
            assert wait_for(worker.render_child, timeout=RENDER_SECONDS + 30, interval=0.05), (
                worker.log()[-4000:]
            )
        pool = [pid for pid, parent in worker.members().items() if parent == worker.group]
        assert len(pool) == 2, worker.members()

        if target == "process group":
            os.killpg(worker.group, signal.SIGTERM)
        else:
            os.kill(worker.group, signal.SIGTERM)
        code, took = _stopped(worker, STOP_TIMEOUT)

        assert code == 0, (code, worker.log()[-4000:])
        # Nothing of the worker is left behind: no pool process, no orphaned render child.
        assert wait_for(lambda: not worker.members(), timeout=5), worker.members()
        log = worker.log()
    finally:
        worker.stop()
        redis.stop()

    # The render in flight finished in the warm shutdown: made once, on its first attempt.
    report = Report.objects.get(pk=report_id)
    assert (report.status, report.attempts, report.error) == ("done", 1, ""), log[-4000:]
    assert _artifacts(media) == [f"{report_id}.pdf"]
    assert "Warm shutdown" in log
    assert "reports.render[" in log and "succeeded" in log
    for sign in ("WorkerLostError", "Traceback", "exited with"):
        assert sign not in log, log[-4000:]
    if target == "process group":
        # Each pool process saw the group's SIGTERM, said so, and carried on.
        assert log.count("ignores SIGTERM from pid") == 2, log[-4000:]
    assert took < STOP_TIMEOUT


def test_a_cold_shutdown_still_stops_the_pool_at_once_and_the_job_is_made_by_the_next_worker(
    tmp_path, media, decided, viewer_user, monkeypatch
):
    """SIGQUIT: the main process cancels the running job and terminates its pool with SIGTERM,
    which the pool processes obey (it comes from their main process). Nothing waits for the
    render; the message goes back to the queue and a fresh worker makes the report."""
    report_id = _report_id(viewer_user, decided, monkeypatch)
    redis = RedisServer().start()
    worker = GroupLeader(
        "report-worker", _env(redis, media, slow=LONG_RENDER_SECONDS), tmp_path / "worker.log"
    )
    fresh = GroupLeader("report-worker", _env(redis, media, slow=None), tmp_path / "fresh.log")
    try:
        worker.start().wait_for_log(" ready.")
        message_id = _send(redis.url, report_id)
        running = Report.objects.filter(pk=report_id, status=Report.Status.RUNNING)
        assert wait_for(running.exists, timeout=60), worker.log()[-4000:]

        os.kill(worker.group, signal.SIGQUIT)
        # At once: long before the injected slowness would have let the job end by itself.
        code, took = _stopped(worker, 10)
        # It exited by itself, not by a signal (0 with Celery 5.7; some versions say 1).
        assert code in (0, 1), (code, took, worker.log()[-4000:])
        assert wait_for(lambda: not worker.members(), timeout=5), worker.members()
        assert "Cold shutdown" in worker.log()
        assert Report.objects.get(pk=report_id).status == Report.Status.RUNNING  # not finished
        assert _artifacts(media) == []

        fresh.start().wait_for_log(" ready.")
        done = Report.objects.filter(pk=report_id, status=Report.Status.DONE)
        assert wait_for(done.exists, timeout=60), fresh.log()[-4000:]
        assert message_id in fresh.log()  # the same message, delivered again
    finally:
        worker.stop()
        fresh.stop()
        redis.stop()
    report = Report.objects.get(pk=report_id)
    assert (report.status, report.attempts) == ("done", 2)
    assert _artifacts(media) == [f"{report_id}.pdf"]


def test_a_task_terminated_by_revoke_still_stops_at_once(
    tmp_path, media, decided, viewer_user, monkeypatch
):
    """`celery control terminate SIGTERM <id>` (revoke with terminate=True): the main process
    SIGTERMs the pool process that runs the task. That SIGTERM comes from the main process, so
    the pool process obeys it at once, as before, instead of finishing the task."""
    report_id = _report_id(viewer_user, decided, monkeypatch)
    redis = RedisServer().start()
    worker = GroupLeader(
        "report-worker", _env(redis, media, slow=LONG_RENDER_SECONDS), tmp_path / "worker.log"
    )
    try:
        worker.start().wait_for_log(" ready.")
        message_id = _send(redis.url, report_id)
        running = Report.objects.filter(pk=report_id, status=Report.Status.RUNNING)
        assert wait_for(running.exists, timeout=60), worker.log()[-4000:]
        pool = {pid for pid, parent in worker.members().items() if parent == worker.group}
        assert len(pool) == 2, worker.members()

        control = subprocess.run(
            [CELERY, "-A", "config", "control", "terminate", "SIGTERM", message_id, "-t", "5"],
            cwd=ROOT,
            env=worker.env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert "terminate: " in control.stdout, (control.stdout, control.stderr[-2000:])

        def one_gone() -> bool:
            return len(pool - set(worker.members())) == 1

        # Gone at once, long before the injected slowness would have let the task end.
        assert wait_for(one_gone, timeout=5), worker.log()[-4000:]
        assert f"Terminating {message_id} (15)" in worker.log()
        assert worker.process.poll() is None  # the worker itself carries on
        assert Report.objects.get(pk=report_id).status == Report.Status.RUNNING
    finally:
        worker.stop()
        redis.stop()
