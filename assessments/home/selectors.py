"""What the dashboard shows a signed-in user: their own assessments and the counts by status."""

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, F, Q

from assessments.models import Assessment
from assessments.selectors import assessments_visible_to
from assessments.summary import summaries_ensure

DASHBOARD_LIMIT = 50


def _mine(user: AbstractBaseUser):
    """The user's own assessments: the ones they requested or are reviewing. The list and the
    counts above it read the same set, so they always agree."""
    return assessments_visible_to(user).filter(Q(requester=user) | Q(reviewer=user))


def dashboard_assessments(*, user: AbstractBaseUser) -> list[Assessment]:
    """The user's own assessments, soonest due first, each with its progress and current grade
    from its stored summary — one query whatever the number of rows."""
    rows = list(
        _mine(user)
        .select_related("offering__vendor", "questionnaire", "summary")
        .order_by(F("due_date").asc(nulls_last=True), "-created_at")[:DASHBOARD_LIMIT]
    )
    return summaries_ensure(rows)


def status_counts(*, user: AbstractBaseUser) -> dict[str, int]:
    rows = _mine(user).values("status").annotate(n=Count("id"))
    counts = {status: 0 for status in Assessment.Status.values}
    counts.update({row["status"]: row["n"] for row in rows})
    return counts
