"""A reviewer's visits to an assessment's review page, for "changed since your last visit"."""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from assessments.models import Assessment, ReviewVisit

# Reloads and domain-to-domain clicks within this long are one visit; what changed is judged
# against the visit before it.
VISIT_GAP = datetime.timedelta(minutes=30)
# Within a visit, "still here" is written at most this often: a page view costs no write.
SEEN_EVERY = datetime.timedelta(minutes=5)


def review_visit_record(*, user: AbstractBaseUser, assessment: Assessment, now=None) -> ReviewVisit:
    """The viewer's visit, after this page view; `previous_seen_at` is what "changed since your
    last visit" compares against."""
    now = now or timezone.now()
    visit = ReviewVisit.objects.filter(assessment=assessment, user_id=user.pk).first()
    if visit is not None and datetime.timedelta(0) <= now - visit.seen_at < SEEN_EVERY:
        return visit
    return _visit_write(user, assessment, now)


@transaction.atomic
def _visit_write(user: AbstractBaseUser, assessment: Assessment, now) -> ReviewVisit:
    visit, created = ReviewVisit.objects.select_for_update().get_or_create(
        assessment=assessment, user=user, defaults={"seen_at": now}
    )
    if created:
        return visit
    if now - visit.seen_at > VISIT_GAP:
        visit.previous_seen_at = visit.seen_at
    visit.seen_at = now
    visit.save(update_fields=["seen_at", "previous_seen_at"])
    return visit
