"""A report job is rendered once however many messages carry it: a message for a finished job,
or for a job running under another message (a sweep re-send, a late redelivery), changes
nothing; the message that claimed the job takes it up again when it comes back (its pool process
died, or the task retries)."""

import os

import pytest

from reports.models import Report
from reports.rendering import report_render
from reports.services import report_request
from reports.storage import report_storage

pytestmark = pytest.mark.django_db


def _running_under(report, message_id: str) -> None:
    Report.objects.filter(pk=report.pk).update(
        status=Report.Status.RUNNING, claimed_by=message_id, attempts=1
    )


def test_a_second_message_for_a_running_job_leaves_it_alone(assessment, procurement_user):
    report, _ = report_request(actor=procurement_user, assessment=assessment)
    _running_under(report, "first-message")

    assert report_render(report_id=report.pk, message_id="second-message") is None

    report.refresh_from_db()
    assert (report.status, report.attempts, report.claimed_by) == (
        Report.Status.RUNNING,
        1,
        "first-message",
    )
    assert not report_storage().exists(f"{report.pk}.pdf")


def test_the_message_that_claimed_a_job_takes_it_up_again(assessment, procurement_user):
    report, _ = report_request(actor=procurement_user, assessment=assessment)
    _running_under(report, "first-message")

    done = report_render(report_id=report.pk, message_id="first-message")

    assert (done.status, done.attempts, done.progress) == (Report.Status.DONE, 2, 100)


def test_a_message_for_a_finished_job_renders_nothing(assessment, procurement_user):
    report, _ = report_request(actor=procurement_user, assessment=assessment)
    done = report_render(report_id=report.pk, message_id="first-message")
    written = report_storage().path(done.artifact_name)
    before = (done.finished_at, done.sha256, done.attempts, _mtime(written))

    for message_id in ("first-message", "second-message"):
        assert report_render(report_id=report.pk, message_id=message_id) is None

    done.refresh_from_db()
    assert (done.finished_at, done.sha256, done.attempts, _mtime(written)) == before
    assert report_storage().listdir("")[1] == [f"{report.pk}.pdf"]


def _mtime(path: str) -> int:
    return os.stat(path).st_mtime_ns
