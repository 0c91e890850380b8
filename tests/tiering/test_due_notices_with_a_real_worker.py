"""The nightly job as beat runs it: its scheduled task name sent through the real broker to a
real worker, twice, then again after the worker restarts; the reminder mail goes out once."""

import pytest
from django.conf import settings

from config.celery import app
from tests.support.worker import WorkerProcess, wait_for
from tests.tiering.test_due import tier_one_decided
from tiering.models import DueNotice

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

# The body line (the subject is MIME-encoded: its middle dot is not ASCII).
SUBJECT = "Acme Treasury Connect (tier 1, every 12 months): due in 30 days"


def _run_the_beat_entry() -> None:
    app.send_task(settings.CELERY_BEAT_SCHEDULE["due-notices"]["task"])


def _job_runs_finished(worker) -> int:
    return sum(
        1
        for line in worker.log().splitlines()
        if "tiering.send_due_notices[" in line and " succeeded " in line
    )


def test_the_scheduled_job_mails_each_reminder_once_across_runs_and_restarts(
    tmp_path, questionnaire, procurement_user, architect_user
):
    procurement_user.email = "pat@example.com"
    procurement_user.save(update_fields=["email"])
    tier_one_decided(questionnaire, procurement_user, architect_user)
    first = WorkerProcess(tmp_path / "first.log").start()
    try:
        _run_the_beat_entry()
        assert wait_for(lambda: SUBJECT in first.log(), timeout=30), first.log()[-3000:]
        _run_the_beat_entry()
        assert wait_for(lambda: _job_runs_finished(first) == 2, timeout=30), first.log()[-3000:]
    finally:
        first.stop()
    second = WorkerProcess(tmp_path / "second.log").start()
    try:
        _run_the_beat_entry()
        assert wait_for(lambda: _job_runs_finished(second) == 1, timeout=30), second.log()[-3000:]
    finally:
        second.stop()
    assert first.log().count(SUBJECT) + second.log().count(SUBJECT) == 1
    assert DueNotice.objects.count() == 1
