"""A report that renders for a long time never delays an invitation e-mail: web and the two
Celery workers run exactly as the Procfile says (`worker` consumes `default`, `report-worker`
consumes `reports`, one process each) against the test database and a private Redis. While a
report is rendering (REPORTS_FAULT=slow stretches it), procurement invites a vendor contact
through the API; the e-mail goes out within seconds, before the render has finished.

The negative control runs the same steps with what the Procfile used to say: one `worker`
consuming both queues (CELERY_QUEUES=default,reports) at concurrency 1. Its only process is busy
with the render and reserves nothing else (prefetch 1, acks late), so the e-mail waits until the
render ends — which is what the first case would see if the queues were ever merged again."""

import contextlib
import os
import signal
import subprocess

import pytest

from assessments.lifecycle.services import assessment_create
from assessments.models import Invitation
from reports.models import Report
from tests.deploy.conftest import ProcfileProcess, Web, get_json
from tests.factories import OfferingFactory, api_key_for
from tests.support.processes import RedisServer, free_port
from tests.support.worker import current_database_url, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

RENDER_SECONDS = 8  # the injected slowness: far longer than an e-mail may take
MAIL_DEADLINE = 4  # seconds from the invitation request to the e-mail having gone out
VENDOR_EMAIL = "jo@vendor.example"


def _auth(user) -> dict[str, str]:
    token = api_key_for(user)
    return {
        "Authorization": f"Token {token}",
        "Accept": "application/json",
        "Content-Type": "application/json",
    }


def _kill_tree(process: ProcfileProcess) -> None:
    """SIGKILL a worker with its pool and render processes: its render is not waited for."""
    pids, parents = [], [process.process.pid]
    while parents:
        out = subprocess.run(
            ["pgrep", "-P", ",".join(map(str, parents))], capture_output=True, text=True
        )
        parents = [int(pid) for pid in out.stdout.split()]
        pids += parents
    process.kill()
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):  # it went with its parent
            os.kill(pid, signal.SIGKILL)


@pytest.mark.parametrize("layout", ["a worker per queue", "one worker for both queues"])
def test_an_invitation_email_goes_out_while_a_report_is_rendering(
    layout, tmp_path, media, questionnaire, decided, procurement_user, viewer_user
):
    separate = layout == "a worker per queue"
    subject = decided()
    draft = assessment_create(
        actor=procurement_user, offering=OfferingFactory(), questionnaire=questionnaire
    )
    domain = questionnaire.domains.order_by("position").first().key
    viewer, procurement = _auth(viewer_user), _auth(procurement_user)
    redis = RedisServer().start()
    env = {
        "DATABASE_URL": current_database_url(),
        "CELERY_BROKER_URL": redis.url,
        "APP_MEDIA_ROOT": str(media),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        # One web process: the report request has warmed it up for the invitation's.
        "WEB_CONCURRENCY": "1",
        "CELERY_CONCURRENCY": "1",
        "REPORT_CONCURRENCY": "1",
        "REPORTS_FAULT": f"slow:{RENDER_SECONDS}",
        # The console backend prints each e-mail to the worker's log.
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
    }
    if not separate:
        env["CELERY_QUEUES"] = "default,reports"
    web = Web(env, tmp_path / "web.log", free_port())
    worker = ProcfileProcess("worker", env, tmp_path / "worker.log")
    workers = [worker]
    if separate:
        workers.append(ProcfileProcess("report-worker", env, tmp_path / "report-worker.log"))
    logs = lambda: "\n".join(w.log()[-3000:] for w in workers)  # noqa: E731
    try:
        for process in workers:
            process.start()
        web.start()
        for process in workers:
            process.wait_for_log(" ready.")

        status, report = get_json(
            f"{web.url}/api/v1/assessments/{subject.pk}/reports/", method="POST", headers=viewer
        )
        assert status == 202, report
        rendering = Report.objects.filter(pk=report["id"], status=Report.Status.RUNNING)
        assert wait_for(rendering.exists, timeout=30), logs()

        status, invitation = get_json(
            f"{web.url}/api/v1/assessments/{draft.pk}/invitations/",
            method="POST",
            headers=procurement,
            data=f'{{"email": "{VENDOR_EMAIL}", "name": "Jo Vendor", "domains": ["{domain}"]}}',
        )
        assert status == 201, invitation
        sent = Invitation.objects.filter(pk=invitation["id"], sent_at__isnull=False)

        if separate:
            assert wait_for(sent.exists, timeout=MAIL_DEADLINE), logs()
            assert rendering.exists(), "the report finished first: the test proved nothing"
            assert f"To: {VENDOR_EMAIL}" in worker.log()
            _kill_tree(workers.pop())  # the render is not needed any further
        else:
            assert not wait_for(sent.exists, timeout=MAIL_DEADLINE), "sent during the render"
            assert wait_for(sent.exists, timeout=RENDER_SECONDS + 60), logs()
            # The e-mail went out only once the render had ended.
            finished = Report.objects.get(pk=report["id"])
            assert finished.status == Report.Status.DONE, finished.error
            assert sent.get().sent_at >= finished.finished_at
    finally:
        for process in (*workers, web):
            process.kill()
        redis.stop()
