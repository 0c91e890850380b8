"""Reads of assessments. Every view reaches an assessment through `assessment_get_for_user`."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from assessments.models import Answer, Assessment, Question
from core.roles import roles_of


def assessments_visible_to(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Assessment]:
    # One organisation per installation: every internal role reads every assessment; a signed-in
    # user without a role reads nothing.
    if not roles_of(user):
        return Assessment.objects.none()
    return Assessment.objects.all()


def assessment_get_for_user(*, user: AbstractBaseUser | AnonymousUser, pk) -> Assessment:
    try:
        return (
            assessments_visible_to(user)
            .select_related("offering__vendor", "questionnaire", "requester", "reviewer")
            .get(pk=pk)
        )
    except (Assessment.DoesNotExist, ValueError, TypeError):
        # 404 for both "absent" and "not yours": an outsider learns nothing about which ids exist.
        raise Http404("No such assessment.") from None


def _count(rows: QuerySet) -> Subquery:
    """A correlated COUNT(*) that avoids multiplying rows the way two joined Counts would."""
    return Coalesce(Subquery(rows.values("pk_group").annotate(n=Count("*")).values("n")[:1]), 0)


answered_rows = (
    Answer.objects.filter(assessment=OuterRef("pk"))
    .filter(Q(option__isnull=False) | Q(is_na=True))
    .annotate(pk_group=F("assessment_id"))
)
question_rows = Question.objects.filter(questionnaire=OuterRef("questionnaire")).annotate(
    pk_group=F("questionnaire_id")
)


def dashboard_assessments(*, user: AbstractBaseUser) -> QuerySet[Assessment]:
    return (
        assessments_visible_to(user)
        .filter(Q(requester=user) | Q(reviewer=user))
        .select_related("offering__vendor", "questionnaire")
        .annotate(answered=_count(answered_rows), total=_count(question_rows))
        .order_by("due_date", "-created_at")
    )


def status_counts(*, user: AbstractBaseUser) -> dict[str, int]:
    rows = assessments_visible_to(user).values("status").annotate(n=Count("id"))
    counts = {status: 0 for status in Assessment.Status.values}
    counts.update({row["status"]: row["n"] for row in rows})
    return counts
