"""Reads of assessments. Every view reaches an assessment through `assessment_get_for_user`."""

import uuid

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet
from django.http import Http404

from assessments.models import Assessment
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
