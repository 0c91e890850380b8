"""Filters for what changed since the architect last looked, and for threads awaiting a reply."""

import re

import pytest
from django.utils import timezone

from assessments.answers.services import answer_save
from assessments.models import ReviewVisit
from assessments.review.services import (
    assessment_request_changes,
    comment_add,
    review_visit_record,
)
from assessments.review.services.visits import VISIT_GAP
from tests.assessments.review.workspace.conftest import page

pytestmark = pytest.mark.django_db


def _rows(response) -> list[str]:
    return re.findall(r'data-row="([^"]+)"', response.content.decode())


def _filters(response) -> list[str]:
    return re.findall(r'href="\?show=([a-z-]+)"', response.content.decode())


def test_changed_since_last_visit_needs_a_previous_visit_and_lists_answers_saved_after_it(
    client, in_review, architect_user, procurement_user
):
    first = page(client, architect_user, in_review)
    assert "changed-visit" not in _filters(first)  # a first visit has nothing to compare with
    visit = ReviewVisit.objects.get(assessment=in_review, user=architect_user)
    assert visit.previous_seen_at is None

    # A reload within the gap is the same visit.
    page(client, architect_user, in_review)
    visit.refresh_from_db()
    assert visit.previous_seen_at is None

    # Later, the architect asks about one answer and procurement changes it.
    key = _rows(page(client, architect_user, in_review, "?show=claim"))[0]
    # The architect's earlier visit ended now; this one (still running) compares against it.
    ended = timezone.now()
    ReviewVisit.objects.filter(pk=visit.pk).update(previous_seen_at=ended, seen_at=ended)
    assessment_request_changes(
        actor=architect_user, assessment_pk=in_review.pk, question_keys=[key], message="Which?"
    )
    answer = in_review.answers.select_related("option").get(question__key=key)
    answer_save(
        actor=procurement_user,
        assessment_pk=in_review.pk,
        question_key=key,
        option_key=answer.option.key,
        explanation="Clarified: the keys sit in the vendor's HSM.",
        expected_version=answer.version,
    )
    response = page(client, architect_user, in_review, "?show=changed-visit")
    assert "changed-visit" in _filters(response)
    assert _rows(response) == [key]


def test_a_visit_more_than_the_gap_after_the_last_moves_the_comparison_point(
    in_review, architect_user
):
    start = timezone.now()
    review_visit_record(user=architect_user, assessment=in_review, now=start)
    review_visit_record(user=architect_user, assessment=in_review, now=start + VISIT_GAP / 2)
    assert ReviewVisit.objects.get(user=architect_user).previous_seen_at is None
    later = start + VISIT_GAP * 3
    visit = review_visit_record(user=architect_user, assessment=in_review, now=later)
    assert visit.previous_seen_at == start + VISIT_GAP / 2
    assert visit.seen_at == later


def test_threads_where_someone_else_wrote_last_await_a_reply(
    client, in_review, architect_user, procurement_user
):
    key = _rows(page(client, architect_user, in_review))[0]
    comment_add(
        actor=procurement_user, assessment_pk=in_review.pk, question_key=key, body="Is this ok?"
    )
    assert _rows(page(client, architect_user, in_review, "?show=awaiting-reply")) == [key]
    comment_add(actor=architect_user, assessment_pk=in_review.pk, question_key=key, body="Yes.")
    assert _rows(page(client, architect_user, in_review, "?show=awaiting-reply")) == []
