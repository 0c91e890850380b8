"""The e-mails of vendor invitations, built from plain-text templates in templates/vendor/email/.

Links are built from settings.APP_BASE_URL, never from a request's Host header: a forged header
must not be able to put someone else's address into a mail we send.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from assessments.invitations.reminders import OVERDUE
from assessments.invitations.selectors import invitation_unanswered
from assessments.invitations.validity import invitation_dates
from assessments.models import Invitation, ReminderLog
from assessments.questionnaire.structure import questionnaire_structure_by_id


def _absolute(path: str) -> str:
    return settings.APP_BASE_URL.rstrip("/") + path


def _context(invitation: Invitation) -> dict:
    assessment = invitation.assessment
    titles = {
        d.key: d.title for d in questionnaire_structure_by_id(assessment.questionnaire_id).domains
    }
    return {
        "invitation": invitation,
        "contact": invitation.contact,
        "offering": assessment.offering,
        "vendor": assessment.offering.vendor,
        "assessment": assessment,
        "domains": [titles.get(key, key) for key in invitation.domain_keys],
        "inviter": invitation.created_by or assessment.requester,
        # The link's end and the due date, told together so they never disagree (validity.py).
        "dates": invitation_dates(invitation),
    }


CONSOLE_BACKEND = "django.core.mail.backends.console.EmailBackend"
NO_MAIL_SERVER = (
    "Invitations cannot be sent: this installation has no mail server (EMAIL_HOST is not set), "
    "and writing the link to a log instead would expose it. Ask an administrator to set up "
    "e-mail (DEPLOYMENT.md)."
)


def mail_refusal() -> str:
    """Why invitations cannot be sent here, or "": in production the console backend would
    print bearer links into the worker's log (a laptop or the test suite may use it)."""
    if settings.EMAIL_BACKEND == CONSOLE_BACKEND and not settings.ALLOW_EMBEDDED_SERVICES:
        return NO_MAIL_SERVER
    return ""


def _message(template: str, context: dict, to: list[str]) -> EmailMessage:
    subject, _, body = render_to_string(template, context).strip().partition("\n")
    # One line, whatever a name in it holds: a line break in a header would break the mail
    # (Django refuses it) or, worse, add a header.
    subject = " ".join(subject.split())
    return EmailMessage(subject=subject, body=body.lstrip("\n"), to=to)


def _procurement_addresses(invitation: Invitation) -> list[str]:
    people = [invitation.assessment.requester, invitation.created_by]
    addresses = []
    for person in people:
        if person is not None and person.email and person.email not in addresses:
            addresses.append(person.email)
    return addresses


def invitation_message(invitation: Invitation, token: str) -> EmailMessage:
    context = _context(invitation)
    context["link"] = _absolute(reverse("vendor:invite", args=[token]))
    return _message("vendor/email/invitation.txt", context, [invitation.contact.email])


def done_message(invitation: Invitation) -> EmailMessage | None:
    to = _procurement_addresses(invitation)
    if not to:
        return None
    context = _context(invitation)
    context["link"] = _absolute(reverse("assessments:detail", args=[invitation.assessment_id]))
    # As the answers stand when the mail goes out: the vendor may have filled some in since.
    context["unanswered"] = invitation_unanswered(invitation)
    return _message("vendor/email/done.txt", context, to)


def reminder_message(log: ReminderLog) -> EmailMessage | None:
    invitation = log.invitation
    context = _context(invitation)
    if log.kind == OVERDUE:
        to = _procurement_addresses(invitation)
        context["link"] = _absolute(reverse("assessments:detail", args=[invitation.assessment_id]))
        return _message("vendor/email/overdue.txt", context, to) if to else None
    context["days_left"] = int(log.kind.removeprefix("due-"))
    return _message("vendor/email/reminder.txt", context, [invitation.contact.email])
