"""A reassessment starts a new draft revision from a decided assessment: answers and evidence
come along, strong evidence only while still valid, the reviewer's judgement does not, and the
decided assessment stays exactly as it was decided."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from assessments.answers.services import answer_save
from assessments.evidence.services import evidence_add
from assessments.lifecycle.reassessment import ALREADY_REASSESSED
from assessments.lifecycle.services import assessment_submit
from assessments.models import Answer, Assessment, AuditEvent, Evidence, ScorecardSnapshot
from assessments.review import services as review
from tests.assessments.conftest import answer_url
from tests.assessments.helpers import answer_all, decide
from tests.factories import ContactFactory
from tests.support import files
from tests.support.bidi import without_isolates

pytestmark = pytest.mark.django_db

CRITICAL = ("key_isolation.key_location", "frontend_memory")
VERIFIED_VALID = "integration.facade_pattern"
ATTESTED_UNTIL_TODAY = "integration.traffic_path"
ATTESTED_EXPIRED = "integration.ownership_split"
VERIFIED_UNDATED = "integration.failure_mode"
OVERRIDDEN = "integration.operability"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def decided(assessment, procurement_user, architect_user):
    """An approved assessment whose review used every kind of judgement a reviewer can make."""
    pk = assessment.pk
    answer_all(assessment, procurement_user)
    answer_save(
        actor=procurement_user,
        assessment_pk=pk,
        question_key=CRITICAL[0],
        option_key=CRITICAL[1],
        explanation="Keys sit in the web tier.",
        evidence_level="documented",
        expected_version=1,
    )
    evidence_add(
        actor=procurement_user,
        assessment=assessment,
        question_key=VERIFIED_VALID,
        upload=SimpleUploadedFile("design.pdf", files.PDF),
        note="Design narrative",
    )
    evidence_add(
        actor=procurement_user,
        assessment=assessment,
        question_key=VERIFIED_VALID,
        url="https://trust.vendor.example/architecture",
    )
    assessment_submit(actor=procurement_user, assessment_pk=pk)
    review.review_start(actor=architect_user, assessment_pk=pk)
    today = timezone.localdate()
    for key, level, valid_until in [
        (VERIFIED_VALID, "verified", today + datetime.timedelta(days=90)),
        (ATTESTED_UNTIL_TODAY, "attested", today),
        (ATTESTED_EXPIRED, "attested", today - datetime.timedelta(days=1)),
        (VERIFIED_UNDATED, "verified", None),
    ]:
        review.answer_evidence_level_set(
            actor=architect_user,
            assessment_pk=pk,
            question_key=key,
            evidence_level=level,
            valid_until=valid_until,
        )
    review.answer_override(
        actor=architect_user,
        assessment_pk=pk,
        question_key=OVERRIDDEN,
        score=10,
        justification="Operations run book is missing entirely.",
    )
    review.finding_accept(
        actor=architect_user,
        assessment_pk=pk,
        question_key=CRITICAL[0],
        justification="Pilot only; HSM migration agreed for Q3.",
    )
    decide(
        actor=architect_user,
        assessment_pk=pk,
        decision="approved",
        rationale="Approved for the pilot with the accepted risk.",
    )
    return Assessment.objects.get(pk=pk)


def _answers(assessment) -> dict:
    return {a["question_id"]: a for a in Answer.objects.filter(assessment=assessment).values()}


def _reassess(api, decided, user):
    response = api(user).post(f"/api/v1/assessments/{decided.pk}/reassess/")
    assert response.status_code == 201, response.data
    return Assessment.objects.get(pk=response.data["id"])


def test_the_new_revision_is_a_draft_pointing_at_its_source(
    api, decided, procurement_user, viewer_user, outsider_user
):
    url = f"/api/v1/assessments/{decided.pk}/reassess/"
    assert api(None).post(url).status_code == 401
    assert api(outsider_user).post(url).status_code == 403
    assert api(viewer_user).post(url).status_code == 403
    revision = _reassess(api, decided, procurement_user)
    assert (revision.status, revision.previous, revision.revision) == ("draft", decided, 2)
    assert (revision.offering, revision.questionnaire) == (decided.offering, decided.questionnaire)
    assert revision.requester == procurement_user
    started = AuditEvent.objects.get(assessment=revision, action="assessment.reassessment_started")
    lost = started.new.pop("verdicts_lost")
    assert started.new == {
        "previous": str(decided.pk),
        "carried_answers": len(_answers(decided)),
        "questionnaire": "sbd v1",
        "not_carried": [],
    }
    # The one verdict that ended: the attestation valid until yesterday.
    assert [(v["question"], v["kind"]) for v in lost] == [(ATTESTED_EXPIRED, "evidence_level")]


def test_every_answer_is_carried_over_as_given(api, decided, procurement_user):
    revision = _reassess(api, decided, procurement_user)
    old, new = _answers(decided), _answers(revision)
    assert set(new) == set(old)
    for question_id, carried in new.items():
        source = old[question_id]
        assert carried["carried_over"] is True
        assert (carried["option_id"], carried["is_na"], carried["explanation"]) == (
            source["option_id"],
            source["is_na"],
            source["explanation"],
        )
        assert carried["version"] == 1


def test_evidence_rows_are_copied_to_the_new_answers(api, decided, procurement_user):
    revision = _reassess(api, decided, procurement_user)
    copied = Evidence.objects.filter(answer__assessment=revision).select_related("answer")
    originals = Evidence.objects.filter(answer__assessment=decided)
    fields = ("file", "url", "original_name", "content_type", "size", "note", "sha256")
    assert sorted(tuple(str(getattr(e, f)) for f in fields) for e in copied) == sorted(
        tuple(str(getattr(e, f)) for f in fields) for e in originals
    )
    assert {e.answer.question.key for e in copied} == {VERIFIED_VALID}
    assert not {e.pk for e in copied} & {e.pk for e in originals}


def test_levels_stand_until_their_validity_ends(api, decided, procurement_user):
    """Version 1 has no validity policy of its own: the settings default applies (documented and
    verified for 365 days since they were set, attested until its end date)."""
    revision = _reassess(api, decided, procurement_user)
    today = timezone.localdate()
    levels = {
        a.question.key: (a.evidence_level, a.evidence_valid_until)
        for a in Answer.objects.filter(assessment=revision).select_related("question")
    }
    assert levels.pop(VERIFIED_VALID) == ("verified", today + datetime.timedelta(days=90))
    assert levels.pop(ATTESTED_UNTIL_TODAY) == ("attested", today)
    assert levels.pop(ATTESTED_EXPIRED) == ("claim", None)  # its own end date has passed
    assert levels.pop(VERIFIED_UNDATED) == ("verified", None)  # set today: far from a year old
    assert set(levels.values()) == {("documented", None)}  # as answered, days ago


def test_overrides_and_acceptances_are_carried_over_to_reconfirm(
    api, decided, procurement_user, architect_user
):
    revision = _reassess(api, decided, procurement_user)
    fields = (
        "question_id",
        "override_score",
        "override_justification",
        "override_by",
        "finding_accepted",
        "acceptance_justification",
        "accepted_by",
    )
    carried = Answer.objects.filter(assessment=revision)
    source = Answer.objects.filter(assessment=decided)
    assert set(carried.values_list(*fields)) == set(source.values_list(*fields))
    overridden = carried.get(question__key=OVERRIDDEN)
    assert (overridden.override_by, overridden.reviewed_at) == (architect_user, None)
    accepted = carried.get(question__key=CRITICAL[0])
    assert accepted.finding_accepted and accepted.accepted_by == architect_user
    old = api(procurement_user).get(f"/api/v1/assessments/{decided.pk}/scorecard/").data
    new = api(procurement_user).get(f"/api/v1/assessments/{revision.pk}/scorecard/").data
    assert new["grade"] == old["grade"] != "E"  # the accepted risk still stands
    # Comments and conditions belong to the decided revision's discussion.
    assert not revision.comments.exists() and not revision.conditions.exists()


def test_the_source_assessment_is_untouched(api, decided, procurement_user):
    answers_before = _answers(decided)
    row_before = Assessment.objects.filter(pk=decided.pk).values().get()
    evidence_before = list(Evidence.objects.filter(answer__assessment=decided).values())
    snapshots_before = list(ScorecardSnapshot.objects.filter(assessment=decided).values())

    revision = _reassess(api, decided, procurement_user)
    pat = api(procurement_user)
    key = CRITICAL[0]
    edited = pat.put(
        answer_url(revision, key),
        {"option": "hsm", "text": "Moved to an HSM.", "evidence_level": "documented", "version": 1},
        format="json",
    )
    assert edited.status_code == 200, edited.data

    assert _answers(decided) == answers_before
    assert Assessment.objects.filter(pk=decided.pk).values().get() == row_before
    assert list(Evidence.objects.filter(answer__assessment=decided).values()) == evidence_before
    assert list(ScorecardSnapshot.objects.filter(assessment=decided).values()) == snapshots_before
    assert AuditEvent.objects.get(assessment=decided, action="assessment.reassessed").new == {
        "revision": str(revision.pk)
    }


def test_a_revision_that_is_decided_in_turn_is_reassessed_as_the_next_revision(
    api, decided, procurement_user, architect_user
):
    second = _reassess(api, decided, procurement_user)
    assessment_submit(actor=procurement_user, assessment_pk=second.pk)
    review.review_start(actor=architect_user, assessment_pk=second.pk)
    decide(
        actor=architect_user,
        assessment_pk=second.pk,
        decision="rejected",
        rationale="The HSM migration did not happen.",
    )
    third = _reassess(api, second, architect_user)
    # The architect started it; the draft is still procurement's to fill in.
    assert (third.revision, third.previous, third.requester) == (3, second, procurement_user)


def test_an_assessment_is_reassessed_only_once(
    api, decided, procurement_user, architect_user, outsider_user
):
    """A second click on "Start a reassessment" must not open a second revision 2."""
    revision = _reassess(api, decided, procurement_user)
    url = f"/api/v1/assessments/{decided.pk}/reassess/"
    assert api(None).post(url).status_code == 401
    assert api(outsider_user).post(url).status_code == 403
    again = api(architect_user).post(url)
    assert again.status_code == 409
    assert again.data["detail"] == ALREADY_REASSESSED.format(revision=revision.revision)
    assert list(decided.revisions.all()) == [revision]


def test_a_vendor_contacts_claims_stay_theirs_in_the_new_revision(api, decided, procurement_user):
    """Answers and files an invited vendor contact gave are carried over still attributed to
    them, so the new revision's form and review keep saying "vendor claim — <name>"."""
    contact = ContactFactory(vendor=decided.offering.vendor)
    answer = Answer.objects.get(assessment=decided, question__key=VERIFIED_VALID)
    # Set directly: the decided assessment is frozen to the services, not to a test's setup.
    Answer.objects.filter(pk=answer.pk).update(answered_by_contact=contact)
    Evidence.objects.filter(answer=answer).update(uploaded_by_contact=contact)

    revision = _reassess(api, decided, procurement_user)
    carried = Answer.objects.get(assessment=revision, question__key=VERIFIED_VALID)
    assert carried.answered_by_contact == contact
    assert {e.uploaded_by_contact for e in carried.evidence.all()} == {contact}
    others = Answer.objects.filter(assessment=revision).exclude(pk=carried.pk)
    assert not others.filter(answered_by_contact__isnull=False).exists()
    page = api(procurement_user)
    page.force_login(procurement_user)
    assert f"vendor claim — {contact.name}" in without_isolates(
        page.get(f"/assessments/{revision.pk}/form/").content.decode()
    )
