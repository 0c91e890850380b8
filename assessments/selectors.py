"""Reads of assessments. Every view reaches an assessment through `assessment_get_for_user`."""

import uuid

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, F, Q, QuerySet
from django.http import Http404

from assessments.models import Assessment
from assessments.scoring_adapter import attach_scores
from core.compiled import CompiledQuery
from core.permissions import can_read


def assessments_visible_to(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Assessment]:
    # One organisation per installation: every internal role reads every assessment; a signed-in
    # user without a role reads nothing. (The for_write path of the getter below relies on this.)
    if not can_read(user):
        return Assessment.objects.none()
    return Assessment.objects.all()


# The autosave path's read: only what a write needs, row-locked, compiled once (core.compiled).
_ASSESSMENT_FOR_WRITE = CompiledQuery(
    lambda pk: (
        Assessment.objects.filter(pk=pk)
        .only("id", "status", "offering_id", "questionnaire_id", "requester_id")
        .select_for_update(of=("self",))[:1]
    ),
    uuid.UUID(int=0x5E1EC7ED),
)


def assessment_get_for_user(
    *, user: AbstractBaseUser | AnonymousUser, pk, for_write: bool = False
) -> Assessment:
    """The one access-checked way to reach an assessment; 404 when absent or not visible.

    `for_write` (inside a service's transaction) loads only what a write needs — status and the
    questionnaire's id — and takes the row lock in the same query: the autosave path runs hundreds
    of times a second and should not join five tables to save one answer. Whether the write is
    allowed is still the service's decision.
    """
    try:
        key = pk if isinstance(pk, uuid.UUID) else uuid.UUID(str(pk))
    except ValueError:
        raise Http404("No such assessment.") from None
    if for_write:
        # Every internal role sees every assessment (assessments_visible_to); nobody else any.
        found = _ASSESSMENT_FOR_WRITE.first(key) if can_read(user) else None
    else:
        found = (
            assessments_visible_to(user)
            .select_related("offering__vendor", "questionnaire", "requester", "reviewer")
            .filter(pk=key)
            .first()
        )
    if found is None:
        # 404 for both "absent" and "not yours": an outsider learns nothing about which ids exist.
        raise Http404("No such assessment.")
    return found


DASHBOARD_LIMIT = 50


def dashboard_assessments(*, user: AbstractBaseUser) -> list[Assessment]:
    """The user's own assessments (requested or reviewing), soonest due first, each with its
    progress and current grade — two queries whatever the number of rows."""
    rows = list(
        assessments_visible_to(user)
        .filter(Q(requester=user) | Q(reviewer=user))
        .select_related("offering__vendor", "questionnaire")
        .order_by(F("due_date").asc(nulls_last=True), "-created_at")[:DASHBOARD_LIMIT]
    )
    return attach_scores(rows)


def status_counts(*, user: AbstractBaseUser) -> dict[str, int]:
    rows = assessments_visible_to(user).values("status").annotate(n=Count("id"))
    counts = {status: 0 for status in Assessment.Status.values}
    counts.update({row["status"]: row["n"] for row in rows})
    return counts


def review_queue_context(*, user: AbstractBaseUser) -> dict:
    """Waiting for a reviewer (oldest submission first) and under review, with current grades."""
    visible = assessments_visible_to(user).select_related("offering__vendor", "reviewer")
    waiting = list(visible.filter(status=Assessment.Status.SUBMITTED).order_by("submitted_at"))
    in_review = list(visible.filter(status=Assessment.Status.IN_REVIEW).order_by("submitted_at"))
    attach_scores(waiting + in_review)
    return {"waiting": waiting, "in_review": in_review}
