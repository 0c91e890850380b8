"""One assessment as a row of the list: ready-made values read from the stored summary (never the
scoring engine), shared by the page, the CSV and the Excel export so they always agree."""

import functools

from django.urls import reverse

from assessments.models import Assessment, AssessmentSummary
from assessments.standing import assessment_standing
from scoring import SEVERITIES

# The columns a row reads: the page and the downloads load only these (a questionnaire's scoring
# policy, a user's password hash and an assessment's JSON lists cost more to load than to show).
ROW_FIELDS = (
    "status",
    "revision",
    "due_date",
    "decided_at",
    "decided_grade",
    "decided_recommendation",
    "created_at",
    "offering__name",
    "offering__vendor__name",
    "questionnaire__key",
    "questionnaire__version",
    "questionnaire__title",
    "requester__username",
    "reviewer__username",
    "summary",
)


_ZERO = "00000000-0000-0000-0000-000000000000"


@functools.cache
def _detail_template() -> str:
    return reverse("assessments:detail", args=[_ZERO])


def _detail_url(pk) -> str:
    # One reverse() per process, not one per row: fifty of them cost as much as a query.
    return _detail_template().replace(_ZERO, str(pk))


def _summary(assessment: Assessment) -> AssessmentSummary | None:
    try:
        return assessment.summary
    except AssessmentSummary.DoesNotExist:
        return None


def _person(user) -> str:
    return user.get_username() if user is not None else ""


def portfolio_row(assessment: Assessment) -> dict:
    summary = _summary(assessment)
    # One rule with the dashboards (assessments/standing.py): provisional while required answers
    # are missing, decided once a decision froze it.
    standing = assessment_standing(assessment)
    questionnaire = assessment.questionnaire
    return {
        "url": _detail_url(assessment.pk),
        "vendor": assessment.offering.vendor.name,
        "vendor_id": assessment.offering.vendor_id,
        "offering": assessment.offering.name,
        "offering_id": assessment.offering_id,
        "revision": assessment.revision if assessment.revision > 1 else None,
        "questionnaire": f"{questionnaire.key} v{questionnaire.version}",
        "questionnaire_title": questionnaire.title,
        "status": assessment.status,
        "status_label": assessment.get_status_display(),
        "grade": standing.grade,
        "grade_state": standing.state,
        # "34 of 66 answered" while the answers can still change: its progress, not a verdict.
        "progress": standing.progress if summary is not None else "",
        "answered": summary.answered if summary else None,
        "missing_required": summary.missing_required if summary else None,
        "applicable": summary.applicable if summary else None,
        "decision": assessment.get_status_display() if assessment.is_decided else "",
        "decided_on": assessment.decided_at.date() if assessment.decided_at else None,
        "requester": _person(assessment.requester),
        "reviewer": _person(assessment.reviewer),
        "due": assessment.due_date,
        "findings": {s: getattr(summary, f"open_{s}") if summary else 0 for s in SEVERITIES},
        "open_findings": summary.open_findings if summary else 0,
    }
