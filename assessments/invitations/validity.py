"""How long an invitation's link works, and the dates its e-mails and pages state.

The link (and the vendor session it opens, which expires with it) must not stop working before
the vendor's answers are due: it works for the chosen number of days, and at least until the end
of the assessment's due date plus a grace period (settings.INVITATION_GRACE_DAYS), so a vendor
answering on the due date, or a little late, is not locked out. A due date already past gives
no extension: the link works for the chosen days, and the e-mail says the date has passed.

Dates are stated in the site's time zone (settings.TIME_ZONE), named in the e-mail: a vendor
contact has no profile of their own to choose one.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.utils import timezone

from assessments.models import Assessment, Invitation

# The days a link works unless the due date needs longer, as procurement may choose them.
DEFAULT_DAYS, MIN_DAYS, MAX_DAYS = 14, 1, 90


def grace_end(due_date: date) -> datetime:
    """The last moment of the grace period after `due_date`, in the site's time zone."""
    last_day = due_date + timedelta(days=settings.INVITATION_GRACE_DAYS)
    return datetime.combine(last_day, time(23, 59), tzinfo=timezone.get_default_timezone())


def invitation_expiry(*, assessment: Assessment, days: int, now: datetime) -> datetime:
    """When a link sent `now`, asked to work for `days`, stops working."""
    expires = now + timedelta(days=days)
    if assessment.due_date is not None:
        expires = max(expires, grace_end(assessment.due_date))
    return expires


@dataclass(frozen=True)
class InvitationDates:
    """What an e-mail or page says about an invitation's dates, in the site's time zone."""

    expires_at: datetime
    due_date: date | None
    due_passed: bool
    """The due date was already over when this was worked out."""
    covers_grace: bool
    """The link works until at least the due date plus the grace period."""
    grace_days: int
    time_zone: str


def invitation_dates(invitation: Invitation) -> InvitationDates:
    """The dates of `invitation`, its assessment loaded."""
    zone = timezone.get_default_timezone()
    due = invitation.assessment.due_date
    return InvitationDates(
        expires_at=timezone.localtime(invitation.expires_at, zone),
        due_date=due,
        due_passed=due is not None and due < timezone.localdate(timezone.now(), zone),
        covers_grace=due is not None and invitation.expires_at >= grace_end(due),
        grace_days=settings.INVITATION_GRACE_DAYS,
        time_zone=str(zone),
    )
