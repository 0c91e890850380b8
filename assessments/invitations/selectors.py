"""Reads of vendor invitations for procurement: the access-checked getter and the detail panel."""

import uuid
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone

from assessments.answers import answer_sheet
from assessments.invitations.validity import DEFAULT_DAYS, grace_end
from assessments.models import Assessment, Invitation
from assessments.questionnaire.structure import questionnaire_structure_by_id
from core.permissions import can_invite_vendor, can_read


def invitation_get_for_user(
    *, user: AbstractBaseUser | AnonymousUser, pk, for_write: bool = False
) -> Invitation:
    """The one access-checked way to reach an invitation; 404 when absent or not visible.
    `for_write` (inside a service's transaction) takes the row lock."""
    try:
        key = pk if isinstance(pk, uuid.UUID) else uuid.UUID(str(pk))
    except ValueError:
        raise Http404("No such invitation.") from None
    if not can_read(user):  # every internal role sees every assessment (assessments_visible_to)
        raise Http404("No such invitation.")
    queryset = Invitation.objects.select_related("contact", "assessment")
    if for_write:
        queryset = queryset.select_for_update(of=("self",))
    found = queryset.filter(pk=key).first()
    if found is None:
        raise Http404("No such invitation.")
    return found


def invitation_for_update(pk) -> Invitation:
    """The invitation, row-locked (call inside a transaction), for what the system or the invited
    vendor changes on it: they reach it through its token or their session, not a user's access."""
    return (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("contact", "assessment")
        .get(pk=pk)
    )


def invitations_of(assessment: Assessment):
    """The assessment's invitations, newest first, each with its number of live vendor sessions."""
    now = timezone.now()
    return (
        Invitation.objects.filter(assessment=assessment)
        .select_related("contact")
        .annotate(
            live_sessions=Count(
                "sessions",
                filter=Q(sessions__revoked_at__isnull=True, sessions__expires_at__gt=now),
            )
        )
        .order_by("-created_at")
    )


@dataclass(frozen=True)
class Unanswered:
    key: str
    text: str
    domain_title: str
    required: bool


def invitation_unanswered(invitation: Invitation) -> list[Unanswered]:
    """The questions of the invited domains that apply (show_if) and have no answer yet, in
    questionnaire order: what "Mark my part as done" asks the vendor to confirm leaving open,
    and what procurement's "done" e-mail lists."""
    sheet = answer_sheet(assessment=invitation.assessment)
    invited = set(invitation.domain_keys)
    return [
        Unanswered(row.key, row.question.text, part.domain.title, row.question.required)
        for part in sheet.domains
        if part.domain.key in invited
        for row in part.rows
        if not row.hidden and not row.answered
    ]


@dataclass(frozen=True)
class DomainChoice:
    key: str
    title: str


def invitation_panel_context(*, assessment: Assessment, user) -> dict:
    """What templates/assessments/_invitations.html needs on the assessment page."""
    structure = questionnaire_structure_by_id(assessment.questionnaire_id)
    titles = {d.key: d.title for d in structure.domains}
    invitations = list(invitations_of(assessment))
    for invitation in invitations:
        invitation.domain_titles = [titles.get(key, key) for key in invitation.domain_keys]
    due = assessment.due_date
    until = grace_end(due) if due else None
    return {
        "invitations": invitations,
        # A submitted or decided assessment without invitations has nothing to show or do here:
        # no section at all, rather than a heading over nothing.
        "show_invitations": bool(invitations) or assessment.is_editable,
        "invitation_domains": [DomainChoice(d.key, d.title) for d in structure.domains],
        "can_invite": can_invite_vendor(user) and assessment.is_editable,
        "can_manage_invitations": can_invite_vendor(user),
        "invitation_default_days": DEFAULT_DAYS,
        # What the invite form says about the link's end (validity.py decides it).
        "link_at_least_until": until if until and until > timezone.now() else None,
        "grace_days": settings.INVITATION_GRACE_DAYS,
    }
