"""Procurement's side of vendor invitations: invite, revoke, resend, end the vendor's sessions.

The link's token is created here and handed back once, to go into the e-mail (tokens.py); the
e-mail goes out from a task after the commit (tasks.py). What happens when the vendor opens the
link is in links.py.
"""

import logging

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from assessments.audit import audit_record
from assessments.invitations import tasks
from assessments.invitations.mail import mail_refusal
from assessments.invitations.selectors import invitation_get_for_user
from assessments.invitations.tasks import mail_enqueue
from assessments.invitations.tokens import token_hash, token_new, token_prefix
from assessments.invitations.validity import DEFAULT_DAYS, MAX_DAYS, MIN_DAYS, invitation_expiry
from assessments.models import Assessment, AuditAction, Invitation, VendorSession
from assessments.questionnaire.structure import questionnaire_structure_by_id
from assessments.selectors import assessment_get_for_user
from core.errors import ConflictError, NotAllowed, ServiceError
from core.permissions import can_invite_vendor
from vendors.models import Contact, Offering
from vendors.services import contact_create

logger = logging.getLogger(__name__)


INVITERS_ONLY = "Only procurement can invite vendor contacts or change their invitations."
NOT_INVITABLE = (
    "Vendor contacts can be invited only while the assessment is a draft or changes were "
    "requested; this one is {status}."
)
NO_DOMAINS = "Choose at least one domain for the vendor to answer."
UNKNOWN_DOMAIN = "This questionnaire has no domain {key!r}."
BAD_EXPIRY = f"The link must expire in {MIN_DAYS} to {MAX_DAYS} days."
BAD_EMAIL = "Enter a valid e-mail address."
NAME_REQUIRED = "Enter the contact's name."
ALREADY_REVOKED = "This invitation has been revoked; invite the contact again instead."
NO_OPEN_SESSION = "The vendor has no open session for this invitation."


def _ensure_inviter(actor: AbstractBaseUser) -> None:
    if not can_invite_vendor(actor):
        raise NotAllowed(INVITERS_ONLY)


def _ensure_invitable(assessment: Assessment) -> None:
    refusal = mail_refusal()
    if refusal:
        raise ServiceError(refusal)
    if not assessment.is_editable:
        raise ConflictError(
            NOT_INVITABLE.format(status=assessment.get_status_display().lower()), current=None
        )


def _days_ok(days) -> bool:
    return isinstance(days, int) and not isinstance(days, bool) and MIN_DAYS <= days <= MAX_DAYS


def _clean_invitation(assessment, email, name, domain_keys, expires_in_days) -> list[str]:
    """The invited domains in questionnaire order; every problem at once, per field."""
    errors: dict[str, list[str]] = {}
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = [BAD_EMAIL]
    if not name:
        errors["name"] = [NAME_REQUIRED]
    known = [d.key for d in questionnaire_structure_by_id(assessment.questionnaire_id).domains]
    wanted = set(domain_keys or [])
    unknown = sorted(key for key in wanted if key not in known)
    if unknown:
        errors["domains"] = [UNKNOWN_DOMAIN.format(key=key) for key in unknown]
    elif not wanted:
        errors["domains"] = [NO_DOMAINS]
    if not _days_ok(expires_in_days):
        errors["expires_in_days"] = [BAD_EXPIRY]
    if errors:
        raise ServiceError("The invitation was not created.", field_errors=errors)
    return [key for key in known if key in wanted]


def _contact_for(*, actor, assessment: Assessment, email: str, name: str) -> Contact:
    """The offering's vendor's contact with this e-mail (any case), created when there is none.
    An existing contact keeps its name: the catalogue is not edited from here."""
    vendor = Offering.objects.select_related("vendor").get(pk=assessment.offering_id).vendor
    existing = Contact.objects.filter(vendor=vendor, email__iexact=email).first()
    if existing is not None:
        return existing
    try:
        return contact_create(actor=actor, vendor=vendor, name=name, email=email)
    except ValidationError as exc:
        raise ServiceError(
            "The invitation was not created.", field_errors=exc.message_dict
        ) from None


@transaction.atomic
def invitation_create(
    *,
    actor: AbstractBaseUser,
    assessment: Assessment,
    email: str,
    name: str,
    domain_keys: list[str],
    expires_in_days: int = DEFAULT_DAYS,
) -> tuple[Invitation, str]:
    """Invite a vendor contact to answer `domain_keys`; the e-mail goes out after the commit.
    The link works for `expires_in_days`, and at least until the due date's grace period ends
    (validity.py).
    Returns the invitation and its token — the token only so the caller can hand it to the
    e-mail; it is never stored, shown or returned by the API."""
    _ensure_inviter(actor)
    assessment = assessment_get_for_user(user=actor, pk=assessment.pk, for_write=True)
    _ensure_invitable(assessment)
    email, name = (email or "").strip(), (name or "").strip()
    domains = _clean_invitation(assessment, email, name, domain_keys, expires_in_days)
    contact = _contact_for(actor=actor, assessment=assessment, email=email, name=name)
    token = token_new()
    invitation = Invitation.objects.create(
        assessment=assessment,
        contact=contact,
        domain_keys=domains,
        token_hash=token_hash(token),
        token_prefix=token_prefix(token),
        expires_at=invitation_expiry(
            assessment=assessment, days=expires_in_days, now=timezone.now()
        ),
        created_by=actor,
    )
    audit_record(
        assessment=assessment,
        actor=actor,
        action=AuditAction.INVITATION_CREATED,
        new=_described(invitation),
    )
    invitation_id = str(invitation.pk)
    transaction.on_commit(lambda: mail_enqueue(tasks.send_invitation, invitation_id, token))
    return invitation, token


def _described(invitation: Invitation) -> dict:
    return {
        "invitation": str(invitation.pk),
        "contact": invitation.contact.name,
        "email": invitation.contact.email,
        "domains": list(invitation.domain_keys),
        "expires_at": invitation.expires_at.isoformat(),
    }


def _end_sessions(invitation: Invitation, now) -> int:
    return VendorSession.objects.filter(
        invitation=invitation, revoked_at__isnull=True, expires_at__gt=now
    ).update(revoked_at=now)


@transaction.atomic
def invitation_revoke(*, actor: AbstractBaseUser, invitation_pk) -> Invitation:
    """The link stops working and any vendor session it opened ends at once."""
    _ensure_inviter(actor)
    invitation = invitation_get_for_user(user=actor, pk=invitation_pk, for_write=True)
    if invitation.revoked_at is not None:
        raise ConflictError(ALREADY_REVOKED, current=None)
    old_status = invitation.status
    now = timezone.now()
    invitation.revoked_at = now
    invitation.save(update_fields=["revoked_at", "updated_at"])
    ended = _end_sessions(invitation, now)
    audit_record(
        assessment=invitation.assessment,
        actor=actor,
        action=AuditAction.INVITATION_REVOKED,
        old={"invitation": str(invitation.pk), "status": old_status},
        new={"status": invitation.status, "sessions_ended": ended},
    )
    return invitation


@transaction.atomic
def invitation_resend(
    *, actor: AbstractBaseUser, invitation_pk, expires_in_days: int = DEFAULT_DAYS
) -> tuple[Invitation, str]:
    """A new link with a new expiry, e-mailed after the commit; the old link stops working.
    Sessions the old link opened stay open (end them with vendor_session_revoke)."""
    _ensure_inviter(actor)
    invitation = invitation_get_for_user(user=actor, pk=invitation_pk, for_write=True)
    if invitation.revoked_at is not None:
        raise ConflictError(ALREADY_REVOKED, current=None)
    assessment = assessment_get_for_user(user=actor, pk=invitation.assessment_id, for_write=True)
    _ensure_invitable(assessment)
    if not _days_ok(expires_in_days):
        raise ServiceError(BAD_EXPIRY, field_errors={"expires_in_days": [BAD_EXPIRY]})
    old = {"status": invitation.status, "expires_at": invitation.expires_at.isoformat()}
    token = token_new()
    invitation.token_hash = token_hash(token)
    invitation.token_prefix = token_prefix(token)
    invitation.expires_at = invitation_expiry(
        assessment=assessment, days=expires_in_days, now=timezone.now()
    )
    invitation.used_at = None
    invitation.sent_at = None
    invitation.send_error = ""
    invitation.save(
        update_fields=[
            "token_hash",
            "token_prefix",
            "expires_at",
            "used_at",
            "sent_at",
            "send_error",
            "updated_at",
        ]
    )
    audit_record(
        assessment=invitation.assessment,
        actor=actor,
        action=AuditAction.INVITATION_RESENT,
        old={"invitation": str(invitation.pk), **old},
        new={"status": invitation.status, "expires_at": invitation.expires_at.isoformat()},
    )
    invitation_id = str(invitation.pk)
    transaction.on_commit(lambda: mail_enqueue(tasks.send_invitation, invitation_id, token))
    return invitation, token


@transaction.atomic
def vendor_session_revoke(*, actor: AbstractBaseUser, invitation_pk) -> int:
    """End every open vendor session of the invitation; the vendor's next request is refused."""
    _ensure_inviter(actor)
    invitation = invitation_get_for_user(user=actor, pk=invitation_pk, for_write=True)
    ended = _end_sessions(invitation, timezone.now())
    if not ended:
        raise ConflictError(NO_OPEN_SESSION, current=None)
    audit_record(
        assessment=invitation.assessment,
        actor=actor,
        action=AuditAction.INVITATION_SESSION_REVOKED,
        new={"invitation": str(invitation.pk), "sessions_ended": ended},
    )
    return ended
