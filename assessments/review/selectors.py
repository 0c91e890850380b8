"""Reads for reviewers: the review queue."""

from django.contrib.auth.models import AbstractBaseUser

from assessments.models import Assessment
from assessments.scoring_adapter import attach_scores
from assessments.selectors import assessments_visible_to


def review_queue_context(*, user: AbstractBaseUser) -> dict:
    """Waiting for a reviewer (oldest submission first) and under review, with current grades."""
    visible = assessments_visible_to(user).select_related("offering__vendor", "reviewer")
    waiting = list(visible.filter(status=Assessment.Status.SUBMITTED).order_by("submitted_at"))
    in_review = list(visible.filter(status=Assessment.Status.IN_REVIEW).order_by("submitted_at"))
    attach_scores(waiting + in_review)
    return {"waiting": waiting, "in_review": in_review}
