"""What the dashboard shows a signed-in user: their own assessments and the counts by status."""

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, F, Q

from assessments.models import Assessment
from assessments.scoring_adapter import attach_scores
from assessments.selectors import assessments_visible_to

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
