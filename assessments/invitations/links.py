"""The vendor's side of an invitation: the link opened (preview), confirmed (accept: the link
becomes a VendorSession, once) and the vendor's "my part is done" (asked through the portal).

Opening the link does not use it: mail scanners fetch links before their recipient does.
Confirming does, once. Every kind of bad link gets one and the same refusal, and failed attempts
are rate-limited per address and per token prefix (throttle.py).
"""

import logging

from django.db import transaction
from django.utils import timezone

from assessments.audit import Author, audit_record
from assessments.invitations import tasks
from assessments.invitations.selectors import invitation_for_update
from assessments.invitations.tasks import mail_enqueue
from assessments.invitations.throttle import (
    invitation_attempt_failed,
    invitation_attempts_exhausted,
)
from assessments.invitations.tokens import token_hash, token_prefix
from assessments.models import AuditAction, Invitation, VendorSession
from core.errors import ServiceError

logger = logging.getLogger(__name__)

LINK_HOLDER = "unconfirmed link holder"
LINK_UNUSABLE = (
    "This link cannot be used. It may have expired, been used already or been withdrawn. "
    "Ask the person who invited you for a new link."
)
TOO_MANY_ATTEMPTS = "Too many attempts from your address. Wait a quarter of an hour and try again."


class InvitationUnusable(ServiceError):
    """Wrong, expired, used or revoked: one error, so the caller cannot tell which."""

    def __init__(self) -> None:
        super().__init__(LINK_UNUSABLE)


class TooManyAttempts(ServiceError):
    def __init__(self) -> None:
        super().__init__(TOO_MANY_ATTEMPTS)


def _usable_invitation(token: str, *, ip: str, lock: bool) -> Invitation | None:
    prefix = token_prefix(token)
    if invitation_attempts_exhausted(ip=ip, prefix=prefix):
        raise TooManyAttempts
    queryset = Invitation.objects.select_related(
        "contact", "assessment__offering__vendor", "assessment__questionnaire"
    )
    if lock:
        queryset = queryset.select_for_update(of=("self",))
    invitation = queryset.filter(token_hash=token_hash(token)).first() if prefix else None
    if invitation is None or invitation.status != Invitation.Status.PENDING:
        invitation_attempt_failed(ip=ip, prefix=prefix)
    if invitation is None:
        # No assessment to file it under; the log keeps the address for whoever investigates.
        logger.info("unknown invitation link presented from %s", ip)
    return invitation


def invitation_preview(*, token: str, ip: str) -> Invitation:
    """The invitation behind a link that can still be used, for the confirmation page. Uses
    nothing up: mail scanners fetch links before their recipient does."""
    invitation = _usable_invitation(token, ip=ip, lock=False)
    if invitation is None or invitation.status != Invitation.Status.PENDING:
        raise InvitationUnusable
    return invitation


def invitation_accept(*, token: str, ip: str) -> VendorSession:
    """Exchange a usable link, once, for a vendor session scoped to its assessment and domains.
    Raises InvitationUnusable for every kind of bad link, and TooManyAttempts when throttled."""
    with transaction.atomic():
        # Locked: two confirmations of one link at once cannot both see it unused.
        invitation = _usable_invitation(token, ip=ip, lock=True)
        if invitation is None:
            session = None
        elif invitation.status != Invitation.Status.PENDING:
            session = None
            audit_record(
                assessment=invitation.assessment,
                actor=Author(anonymous_as=LINK_HOLDER),
                action=AuditAction.INVITATION_REFUSED,
                new={"invitation": str(invitation.pk), "status": invitation.status, "ip": ip},
            )
        else:
            now = timezone.now()
            invitation.used_at = now
            invitation.save(update_fields=["used_at", "updated_at"])
            session = VendorSession.objects.create(
                invitation=invitation, expires_at=invitation.expires_at, last_seen_at=now
            )
            audit_record(
                assessment=invitation.assessment,
                actor=Author.vendor(invitation.contact),
                action=AuditAction.INVITATION_ACCEPTED,
                new={"invitation": str(invitation.pk), "session": str(session.pk), "ip": ip},
            )
    # Raised after the commit, so the refusal stays in the audit trail.
    if session is None:
        raise InvitationUnusable
    return session


@transaction.atomic
def invitation_mark_done(*, invitation_pk, unanswered: list[str] | None = None) -> Invitation:
    """The invited vendor says their part is done (the portal checks their session first, and
    their confirmation when `unanswered` questions, by key, are left open: recorded with it);
    procurement is told by e-mail after the commit. Saying it again changes nothing and sends
    nothing."""
    invitation = invitation_for_update(invitation_pk)
    if invitation.done_at is not None:
        return invitation
    invitation.done_at = timezone.now()
    invitation.save(update_fields=["done_at", "updated_at"])
    audit_record(
        assessment=invitation.assessment,
        actor=Author.vendor(invitation.contact),
        action=AuditAction.INVITATION_DONE,
        new={
            "invitation": str(invitation.pk),
            "domains": list(invitation.domain_keys),
            "unanswered": list(unanswered or []),
        },
    )
    invitation_id = str(invitation.pk)
    transaction.on_commit(lambda: mail_enqueue(tasks.send_done_notice, invitation_id))
    return invitation
