"""Vendor invitations: a scoped, expiring link that lets a vendor contact answer chosen domains.

Where things live:
- services.py    procurement's side: invite, revoke, resend, end the vendor's sessions
- links.py       the link's side: preview (uses nothing), accept (the link becomes a vendor
                 session, once), "my part is done"
- tokens.py, throttle.py   the token (only its hash is stored) and the rate limits on guessing
- selectors.py   the access-checked getter and the invitations panel of the assessment page
- tasks.py       e-mails (invitation, "done" notice, reminders) sent after the commit, with
                 retries; delivery.py records a sent invitation; mail.py builds the messages;
                 reminders.py decides which reminders are due

What the vendor does once inside lives in assessments/portal. Other packages import only what
this module lists.
"""

from assessments.invitations.links import (
    InvitationUnusable,
    TooManyAttempts,
    invitation_accept,
    invitation_mark_done,
    invitation_preview,
)
from assessments.invitations.selectors import (
    Unanswered,
    invitation_get_for_user,
    invitation_panel_context,
    invitation_unanswered,
    invitations_of,
)
from assessments.invitations.services import (
    DEFAULT_DAYS,
    invitation_create,
    invitation_resend,
    invitation_revoke,
    vendor_session_revoke,
)

__all__ = [
    "DEFAULT_DAYS",
    "InvitationUnusable",
    "TooManyAttempts",
    "Unanswered",
    "invitation_accept",
    "invitation_create",
    "invitation_get_for_user",
    "invitation_mark_done",
    "invitation_panel_context",
    "invitation_preview",
    "invitation_resend",
    "invitation_revoke",
    "invitation_unanswered",
    "invitations_of",
    "vendor_session_revoke",
]
