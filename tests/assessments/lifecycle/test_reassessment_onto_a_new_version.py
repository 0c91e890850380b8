"""A reassessment moves a decided v1 assessment onto questionnaire v2: answers follow v2's mapping
with their explanations, evidence and still-valid verdicts; what cannot be carried is listed on the
new revision with the reason; the decided assessment stays as it was."""

import datetime

import pytest
from django.utils import timezone

from assessments.answers.services import answer_save
from assessments.evidence.services import evidence_add
from assessments.lifecycle import assessment_submit
from assessments.lifecycle.reassessment import NOT_A_NEWER_VERSION
from assessments.models import Answer, Assessment, AuditEvent, Evidence, ScorecardSnapshot
from assessments.questionnaire.carry import OPTION_DROPPED, QUESTION_DROPPED
from assessments.review import services as review
from tests.assessments.helpers import answer_all, decide

pytestmark = pytest.mark.django_db

CHOSEN = {
    "control_plane.saas_unreachable": "fail_closed",  # -> offline_behaviour.stops
    "update_channel.runtime_push": "customer_pulled",  # -> our_stages
    "update_channel.release_validation": "staged_tested",  # not asked in v2
}


@pytest.fixture
def decided_v1(assessment, procurement_user, architect_user):
    pk = assessment.pk
    answer_all(
        assessment, procurement_user, skip=set(CHOSEN) | {"control_plane.enforcement_location"}
    )
    answer_save(
        actor=procurement_user,
        assessment_pk=pk,
        question_key="control_plane.enforcement_location",
        option_key="vendor_saas_some",
    )
    for key, option in CHOSEN.items():
        answer_save(
            actor=procurement_user,
            assessment_pk=pk,
            question_key=key,
            option_key=option,
            explanation=f"Said about {key}.",
        )
    evidence_add(
        actor=procurement_user,
        assessment=assessment,
        question_key="update_channel.runtime_push",
        url="https://vendor.example/update-design",
        note="Update design",
    )
    assessment_submit(actor=procurement_user, assessment_pk=pk)
    review.review_start(actor=architect_user, assessment_pk=pk)
    review.answer_evidence_level_set(
        actor=architect_user,
        assessment_pk=pk,
        question_key="update_channel.runtime_push",
        evidence_level="verified",
        valid_until=timezone.localdate() + datetime.timedelta(days=30),
    )
    decide(
        actor=architect_user, assessment_pk=pk, decision="approved", rationale="Fine for the pilot."
    )
    return Assessment.objects.get(pk=pk)


def _answer(assessment, key) -> Answer | None:
    return (
        Answer.objects.filter(assessment=assessment, question__key=key)
        .select_related("option")
        .first()
    )


def test_answers_follow_the_mapping_with_evidence_and_valid_verdicts(
    api, decided_v1, questionnaire_v2, procurement_user
):
    before = list(ScorecardSnapshot.objects.filter(assessment=decided_v1).values())
    response = api(procurement_user).post(f"/api/v1/assessments/{decided_v1.pk}/reassess/")
    assert response.status_code == 201, response.content
    revision = Assessment.objects.get(pk=response.json()["id"])
    assert revision.questionnaire == questionnaire_v2 and revision.status == "draft"

    offline = _answer(revision, "control_plane.offline_behaviour")
    assert (offline.option.key, offline.explanation) == (
        "stops",
        "Said about control_plane.saas_unreachable.",
    )
    pushed = _answer(revision, "update_channel.runtime_push")
    assert (pushed.option.key, pushed.evidence_level, pushed.carried_over) == (
        "our_stages",
        "verified",
        True,
    )
    assert list(Evidence.objects.filter(answer=pushed).values_list("note", flat=True)) == [
        "Update design"
    ]
    same = _answer(revision, "integration.facade_pattern")
    assert same.option.key == _answer(decided_v1, "integration.facade_pattern").option.key

    # The decided assessment is untouched.
    assert decided_v1.questionnaire.version == 1
    assert list(ScorecardSnapshot.objects.filter(assessment=decided_v1).values()) == before


def test_what_cannot_be_carried_is_listed_on_the_revision_with_the_reason(
    api, client, decided_v1, questionnaire_v2, procurement_user
):
    response = api(procurement_user).post(f"/api/v1/assessments/{decided_v1.pk}/reassess/")
    revision = Assessment.objects.get(pk=response.json()["id"])
    listed = {item["question"]: item for item in revision.uncarried}
    assert listed["update_channel.release_validation"]["reason"] == QUESTION_DROPPED
    assert response.json()["uncarried"] == revision.uncarried
    event = AuditEvent.objects.get(assessment=revision, action="assessment.reassessment_started")
    assert event.new["questionnaire"] == "sbd v2"
    assert "update_channel.release_validation" in event.new["not_carried"]
    client.force_login(procurement_user)
    page = client.get(f"/assessments/{revision.pk}/form/").content.decode()
    assert "could not be carried onto this version" in page
    assert listed["update_channel.release_validation"]["text"] in page


def test_an_answer_whose_option_has_no_counterpart_keeps_its_words_but_must_be_chosen_again(
    api, assessment, procurement_user, architect_user, questionnaire_v2
):
    pk = assessment.pk
    answer_all(assessment, procurement_user, skip={"control_plane.saas_unreachable"})
    answer_save(
        actor=procurement_user,
        assessment_pk=pk,
        question_key="control_plane.saas_unreachable",
        option_key="degraded_documented",
        explanation="Cached decisions only.",
    )
    assessment_submit(actor=procurement_user, assessment_pk=pk)
    review.review_start(actor=architect_user, assessment_pk=pk)
    decide(actor=architect_user, assessment_pk=pk, decision="rejected", rationale="Not for us now.")
    response = api(procurement_user).post(f"/api/v1/assessments/{pk}/reassess/")
    revision = Assessment.objects.get(pk=response.json()["id"])
    offline = _answer(revision, "control_plane.offline_behaviour")
    assert (offline.option, offline.explanation, offline.evidence_level) == (
        None,
        "Cached decisions only.",
        "claim",
    )
    [item] = [i for i in revision.uncarried if i["question"] == "control_plane.saas_unreachable"]
    assert (item["reason"], item["now"]) == (OPTION_DROPPED, "control_plane.offline_behaviour")


def test_a_reassessment_can_stay_on_its_version_but_not_move_to_another_questionnaire(
    api, decided_v1, questionnaire_v2, procurement_user, questionnaire
):
    url = f"/api/v1/assessments/{decided_v1.pk}/reassess/"
    refused = api(procurement_user).post(url, {"questionnaire": 999_999}, format="json")
    assert refused.status_code == 400
    assert refused.json() == {"questionnaire": [NOT_A_NEWER_VERSION]}
    stay = api(procurement_user).post(url, {"questionnaire": questionnaire.pk}, format="json")
    assert stay.status_code == 201, stay.content
    assert Assessment.objects.get(pk=stay.json()["id"]).questionnaire == questionnaire
