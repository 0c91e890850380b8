"""A real decision, a real Celery worker on the configured broker, a receiver on loopback: the
decision's transaction commits, the worker delivers, and the receiver verifies the signature."""

import json
import time

import pytest

from assessments.lifecycle.services import assessment_submit
from assessments.review.services import review_start
from tests.assessments.helpers import answer_all, decide
from tests.reports.conftest import assessment_of
from tests.support.worker import WorkerProcess, wait_for
from tests.webhooks.receiver import Receiver
from webhooks import signing
from webhooks.models import WebhookDelivery
from webhooks.services import webhook_endpoint_create

pytestmark = pytest.mark.worker


@pytest.fixture
def worker(transactional_db, tmp_path, settings):
    settings.WEBHOOKS_ALLOW_LOOPBACK = True
    process = WorkerProcess(tmp_path / "worker.log", env={"WEBHOOKS_ALLOW_LOOPBACK": "1"}).start()
    yield process
    process.stop()


def test_a_decision_is_delivered_by_the_worker_and_verified_by_the_receiver(
    worker, questionnaire, admin_user, procurement_user, architect_user
):
    with Receiver() as receiver:
        _, secret = webhook_endpoint_create(
            actor=admin_user, url=receiver.url, events=["assessment.decided"]
        )
        subject = assessment_of(questionnaire, procurement_user)
        answer_all(subject, procurement_user)
        assessment_submit(actor=procurement_user, assessment_pk=subject.pk)
        review_start(actor=architect_user, assessment_pk=subject.pk)
        decide(
            actor=architect_user,
            assessment_pk=subject.pk,
            decision="approved",
            rationale="Strong design, evidence in order for this process.",
        )
        assert wait_for(lambda: receiver.requests, timeout=30), worker.log()[-3000:]
        request = receiver.requests[0]
        assert signing.verify(secret, request["headers"], request["body"], now=int(time.time()))
        body = json.loads(request["body"])
        assert body["type"] == "assessment.decided"
        assert body["data"]["assessment"] == {
            "id": str(subject.pk),
            "status": "approved",
            "revision": 1,
            "url": f"http://127.0.0.1:8000/assessments/{subject.pk}/",
            "api_url": f"http://127.0.0.1:8000/api/v1/assessments/{subject.pk}/",
        }
        assert wait_for(
            lambda: WebhookDelivery.objects.filter(status="delivered").exists(), timeout=10
        )
    assert "webhooks.deliver[" in worker.log()
