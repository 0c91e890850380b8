"""Assessments, questionnaires and the scorecard through the API."""

import pytest

from assessments.lifecycle.services import QUESTIONNAIRE_NOT_PUBLISHED
from assessments.models import Assessment, AuditEvent
from assessments.questionnaire.loader import questionnaire_load_file
from tests.factories import OfferingFactory
from tests.support.questionnaires import small_document, write_document

pytestmark = pytest.mark.django_db


def test_procurement_starts_an_assessment(api, questionnaire, procurement_user):
    offering = OfferingFactory()
    response = api(procurement_user).post(
        "/api/v1/assessments/",
        {"offering": str(offering.pk), "questionnaire": questionnaire.pk, "due_date": "2027-01-31"},
        format="json",
    )
    assert response.status_code == 201, response.data
    assessment = Assessment.objects.get(pk=response.data["id"])
    assert (assessment.status, assessment.requester, str(assessment.due_date)) == (
        "draft",
        procurement_user,
        "2027-01-31",
    )
    assert response.data["vendor"]["name"] == offering.vendor.name
    assert AuditEvent.objects.filter(assessment=assessment, action="assessment.created").exists()


def test_unknown_offering_and_questionnaire_are_field_errors(api, procurement_user):
    response = api(procurement_user).post(
        "/api/v1/assessments/",
        {"offering": "00000000-0000-0000-0000-000000000000", "questionnaire": 99999},
        format="json",
    )
    assert response.status_code == 400
    assert response.data == {
        "offering": ["No offering with this id."],
        "questionnaire": ["No questionnaire version with this id."],
    }


def test_a_draft_questionnaire_cannot_be_used(api, procurement_user, tmp_path):
    draft = questionnaire_load_file(
        path=write_document(tmp_path, small_document()), publish=False
    ).questionnaire
    response = api(procurement_user).post(
        "/api/v1/assessments/",
        {"offering": str(OfferingFactory().pk), "questionnaire": draft.pk},
        format="json",
    )
    assert response.status_code == 400
    assert response.data["questionnaire"] == [QUESTIONNAIRE_NOT_PUBLISHED]


def test_viewers_and_architects_cannot_start_assessments(
    api, questionnaire, viewer_user, architect_user
):
    body = {"offering": str(OfferingFactory().pk), "questionnaire": questionnaire.pk}
    for user in (viewer_user, architect_user):
        assert api(user).post("/api/v1/assessments/", body, format="json").status_code == 403
    assert not Assessment.objects.exists()


def test_list_and_detail_show_the_assessment_and_filter_by_status(api, assessment, viewer_user):
    client = api(viewer_user)
    listed = client.get("/api/v1/assessments/?status=draft")
    assert listed.status_code == 200
    assert [row["id"] for row in listed.data["results"]] == [str(assessment.pk)]
    assert client.get("/api/v1/assessments/?status=submitted").data["count"] == 0
    detail = client.get(f"/api/v1/assessments/{assessment.pk}/")
    assert detail.data["status"] == "draft"
    assert detail.data["questionnaire"] == assessment.questionnaire_id


def test_an_unknown_assessment_id_is_404(api, viewer_user):
    response = api(viewer_user).get("/api/v1/assessments/8b0c9d4e-1111-4222-8333-944455556666/")
    assert response.status_code == 404


def test_questionnaire_detail_is_the_full_tree(api, questionnaire, viewer_user):
    response = api(viewer_user).get(f"/api/v1/questionnaires/{questionnaire.pk}/")
    assert response.status_code == 200
    domains = response.data["domains"]
    assert len(domains) == 9
    question = domains[0]["questions"][0]
    assert set(question) == {
        "key",
        "text",
        "help",
        "required",
        "allows_na",
        "weight",
        "show_if",
        "scored",
        "refines",
        "references",
        "options",
    }
    # Version 1 cites no criteria and names no impacts: the keys are there, empty.
    assert question["references"] == [] and response.data["reference_schemes"] == []
    options = [o for d in domains for q in d["questions"] for o in q["options"]]
    flagged = [o for o in options if o["finding"]]
    assert flagged and set(flagged[0]["finding"]) == {"severity", "title", "rationale"}
    assert all(
        set(o) == {"key", "label", "score", "unknown", "finding", "impacts"} for o in options
    )
    assert not any(o["impacts"] for o in options)
    follow_ups = [q for d in domains for q in d["questions"] if q["show_if"]]
    assert follow_ups and set(follow_ups[0]["show_if"]) == {"question", "any_of"}
    listed = api(viewer_user).get("/api/v1/questionnaires/")
    assert [row["key"] for row in listed.data["results"]] == ["sbd"]


def test_scorecard_endpoint_returns_the_promised_fields(api, assessment, procurement_user):
    response = api(procurement_user).get(f"/api/v1/assessments/{assessment.pk}/scorecard/")
    assert response.status_code == 200
    body = response.data
    for field in (
        "claimed_score",
        "evidenced_score",
        "grade",
        "recommendation",
        "domains",
        "findings",
        "evidence_mix",
        "coverage",
        "trace",
        "gap",
    ):
        assert field in body
    assert body["grade"] == "E" and body["claimed_score"] == 0
    assert len(body["domains"]) == 9
    assert [e["level"] for e in body["evidence_mix"]] == [
        "claim",
        "documented",
        "attested",
        "verified",
    ]
    assert body["coverage"]["missing_required"]
