"""POST /api/v1/assessments/{id}/conditions/{condition_id}/done/: the same service as the
tracker's form, its refusals as the API answers them."""

import pytest

from assessments.models import AuditAction, AuditEvent, Condition
from assessments.review.services import DONE_ALREADY, DONE_NOTE_REQUIRED
from tests.assessments.home.builders import DONE_NOTE as NOTE
from tests.assessments.home.builders import build

pytestmark = pytest.mark.django_db


def _url(assessment, condition_id) -> str:
    return f"/api/v1/assessments/{assessment.pk}/conditions/{condition_id}/done/"


def test_an_architect_marks_it_done_and_gets_the_condition_back(
    api, architect_user, approved, open_condition
):
    response = api(architect_user).post(
        _url(approved, open_condition.pk), {"note": NOTE}, format="json"
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["id"] == open_condition.pk and body["done_by"] == "ada"
    assert body["done_note"] == NOTE and body["done_at"]
    assert AuditEvent.objects.filter(action=AuditAction.CONDITION_DONE).count() == 1
    listed = api(architect_user).get(f"/api/v1/assessments/{approved.pk}/conditions/").json()
    assert listed[0]["done_note"] == NOTE


def test_a_missing_or_short_note_is_a_400_naming_the_note(
    api, architect_user, approved, open_condition
):
    client = api(architect_user)
    missing = client.post(_url(approved, open_condition.pk), {}, format="json")
    assert missing.status_code == 400 and "note" in missing.json()
    short = client.post(_url(approved, open_condition.pk), {"note": "ok"}, format="json")
    assert short.status_code == 400
    assert short.json() == {"note": [DONE_NOTE_REQUIRED]}
    assert Condition.objects.get(pk=open_condition.pk).done_at is None


def test_marking_it_done_twice_is_a_409(api, architect_user, approved, open_condition):
    client = api(architect_user)
    assert client.post(_url(approved, open_condition.pk), {"note": NOTE}).status_code == 200
    again = client.post(_url(approved, open_condition.pk), {"note": NOTE})
    assert again.status_code == 409 and again.json()["detail"] == DONE_ALREADY


@pytest.mark.parametrize(
    ("who", "status"),
    [("procurement_user", 403), ("viewer_user", 403), ("outsider_user", 403), (None, 401)],
)
def test_procurement_viewers_outsiders_and_strangers_are_refused(
    request, api, who, status, approved, open_condition
):
    user = request.getfixturevalue(who) if who else None
    response = api(user).post(_url(approved, open_condition.pk), {"note": NOTE}, format="json")
    assert response.status_code == status
    assert Condition.objects.get(pk=open_condition.pk).done_at is None


def test_another_assessments_condition_or_an_unknown_one_is_a_404(
    api, architect_user, questionnaire, approved, open_condition
):
    other = build(questionnaire, status="approved_with_conditions")
    client = api(architect_user)
    assert client.post(_url(other, open_condition.pk), {"note": NOTE}).status_code == 404
    assert client.post(_url(approved, 10**9), {"note": NOTE}).status_code == 404
    assert Condition.objects.get(pk=open_condition.pk).done_at is None
