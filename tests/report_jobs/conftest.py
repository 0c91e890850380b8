"""Report jobs against real worker processes (see test files). Kept apart from tests/reports,
whose fixtures stub the broker out."""

import copy

import pytest

from assessments.lifecycle.services import assessment_create, assessment_submit
from assessments.review.services import condition_add, review_start
from tests.assessments.helpers import answer_all, decide
from tests.factories import OfferingFactory
from tests.support.processes import RedisServer


@pytest.fixture
def media(settings, tmp_path):
    """Evidence and report artifacts under this test's own folder (the worker gets the same)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    storages = copy.deepcopy(settings.STORAGES)
    storages["reports"]["OPTIONS"] = {"location": str(tmp_path / "media" / "reports")}
    settings.STORAGES = storages
    return tmp_path / "media"


@pytest.fixture
def private_redis():
    """A Redis broker of this test's own, for tests that need Redis's delivery semantics
    (unacknowledged messages, visibility timeout) whatever broker the run is configured with."""
    server = RedisServer().start()
    yield server
    server.stop()


@pytest.fixture
def decided_assessment(questionnaire, procurement_user, architect_user):
    """Answered (worst options, so there are findings), submitted, reviewed and approved with a
    condition."""
    assessment = assessment_create(
        actor=procurement_user, offering=OfferingFactory(), questionnaire=questionnaire
    )
    answer_all(assessment, procurement_user, pick="worst", level="documented")
    assessment_submit(actor=procurement_user, assessment_pk=assessment.pk)
    review_start(actor=architect_user, assessment_pk=assessment.pk)
    condition_add(
        actor=architect_user,
        assessment_pk=assessment.pk,
        text="Enable staged rollout before go-live",
        owner="Platform team",
    )
    decide(
        actor=architect_user,
        assessment_pk=assessment.pk,
        decision="approved_with_conditions",
        rationale="Acceptable for a pilot only, with staged rollout enabled.",
    )
    assessment.refresh_from_db()
    return assessment


@pytest.fixture
def unsent_report_id(api, viewer_user, decided_assessment, monkeypatch) -> str:
    """A report job requested through the API whose message was not sent: the test sends the
    messages itself, onto its own Redis."""
    monkeypatch.setattr("reports.tasks.report_enqueue", lambda report_id: None)
    response = api(viewer_user).post(f"/api/v1/assessments/{decided_assessment.pk}/reports/")
    assert response.status_code == 202, response.content
    return response.json()["id"]
