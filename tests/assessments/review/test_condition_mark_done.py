"""Marking a condition of approval done: architects and admins only, with a note saying how it
was met, once, on an assessment approved with conditions; audited, and the history says it."""

import pytest
from django.http import Http404

from assessments.models import AuditAction, AuditEvent, Condition
from assessments.review.services import (
    DONE_ALREADY,
    DONE_NOTE_REQUIRED,
    DONE_NOTE_TOO_LONG,
    REVIEWERS_ONLY,
    condition_mark_done,
)
from core.errors import ConflictError, NotAllowed, ServiceError
from tests.assessments.home.builders import DONE_NOTE as NOTE
from tests.assessments.home.builders import build, condition
from tests.support.bidi import without_isolates

pytestmark = pytest.mark.django_db


def test_an_architect_marks_a_condition_done_with_a_note_and_it_is_audited(
    architect_user, approved, open_condition
):
    done = condition_mark_done(
        actor=architect_user,
        assessment_pk=approved.pk,
        condition_id=open_condition.pk,
        note=f"  {NOTE}  ",
    )
    stored = Condition.objects.get(pk=open_condition.pk)
    assert stored.done_at is not None and stored.done_by == architect_user
    assert stored.done_note == NOTE == done.done_note
    event = AuditEvent.objects.get(assessment=approved, action=AuditAction.CONDITION_DONE)
    assert event.actor == architect_user
    assert event.old["done"] is False and event.new["done"] is True
    assert event.new["note"] == NOTE and event.new["text"] == open_condition.text


def test_the_history_says_who_marked_which_condition_done_and_quotes_the_note(
    client, architect_user, approved, open_condition
):
    condition_mark_done(
        actor=architect_user, assessment_pk=approved.pk, condition_id=open_condition.pk, note=NOTE
    )
    client.force_login(architect_user)
    html = without_isolates(client.get(f"/assessments/{approved.pk}/history/").content.decode())
    assert (
        "ada marked the condition of approval “Move the signing keys into an HSM.”, owned by "
        "Vendor management, done"
    ) in html
    assert NOTE in html
    assert "condition.done" not in html.replace('value="condition.done"', "")


def test_an_admin_may_mark_a_condition_done(admin_user, approved, open_condition):
    condition_mark_done(
        actor=admin_user, assessment_pk=approved.pk, condition_id=open_condition.pk, note=NOTE
    )
    assert Condition.objects.get(pk=open_condition.pk).done_by == admin_user


@pytest.mark.parametrize("who", ["procurement_user", "viewer_user", "outsider_user"])
def test_other_roles_cannot_mark_a_condition_done(request, who, approved, open_condition):
    with pytest.raises(NotAllowed, match=REVIEWERS_ONLY):
        condition_mark_done(
            actor=request.getfixturevalue(who),
            assessment_pk=approved.pk,
            condition_id=open_condition.pk,
            note=NOTE,
        )
    assert Condition.objects.get(pk=open_condition.pk).done_at is None
    assert not AuditEvent.objects.filter(action=AuditAction.CONDITION_DONE).exists()


@pytest.mark.parametrize(
    ("note", "message"),
    [
        ("", DONE_NOTE_REQUIRED),
        ("   done   ", DONE_NOTE_REQUIRED),
        ("x" * 2001, DONE_NOTE_TOO_LONG),
    ],
)
def test_the_note_is_required_and_bounded_and_the_error_names_the_field(
    architect_user, approved, open_condition, note, message
):
    with pytest.raises(ServiceError) as refused:
        condition_mark_done(
            actor=architect_user,
            assessment_pk=approved.pk,
            condition_id=open_condition.pk,
            note=note,
        )
    assert refused.value.field_errors == {"note": [message]}
    assert Condition.objects.get(pk=open_condition.pk).done_at is None


def test_a_condition_is_marked_done_once(architect_user, admin_user, approved, open_condition):
    condition_mark_done(
        actor=architect_user, assessment_pk=approved.pk, condition_id=open_condition.pk, note=NOTE
    )
    with pytest.raises(ConflictError, match=DONE_ALREADY):
        condition_mark_done(
            actor=admin_user,
            assessment_pk=approved.pk,
            condition_id=open_condition.pk,
            note="Someone else says so too.",
        )
    assert Condition.objects.get(pk=open_condition.pk).done_by == architect_user
    assert AuditEvent.objects.filter(action=AuditAction.CONDITION_DONE).count() == 1


@pytest.mark.parametrize("status", ["in_review", "approved", "rejected"])
def test_only_conditions_of_an_approval_with_conditions_are_marked_done(
    architect_user, questionnaire, status
):
    assessment = build(questionnaire, status=status)
    proposal = condition(assessment, due_in_days=10)
    with pytest.raises(ConflictError, match="approved with conditions"):
        condition_mark_done(
            actor=architect_user, assessment_pk=assessment.pk, condition_id=proposal.pk, note=NOTE
        )


def test_a_condition_is_reached_only_through_its_own_assessment(
    architect_user, questionnaire, approved, open_condition
):
    other = build(questionnaire, status="approved_with_conditions")
    with pytest.raises(Http404):
        condition_mark_done(
            actor=architect_user, assessment_pk=other.pk, condition_id=open_condition.pk, note=NOTE
        )
    with pytest.raises(Http404):
        condition_mark_done(
            actor=architect_user, assessment_pk=approved.pk, condition_id=10**9, note=NOTE
        )
    assert Condition.objects.get(pk=open_condition.pk).done_at is None
