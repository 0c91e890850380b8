"""One assessment as a row of the list: ready-made values read from the stored summary (never the
scoring engine), shared by the page, the CSV and the Excel export so they always agree."""

import functools

from django.urls import reverse

from assessments.models import Assessment, AssessmentSummary
from scoring import SEVERITIES

# A grade is provisional while required answers are missing, current while the assessment is
# complete but undecided, and decided once a decision recorded it.
PROVISIONAL = "provisional"
DECIDED = "decided"


# The columns a row reads: the page and the downloads load only these (a questionnaire's scoring
# policy, a user's password hash and an assessment's JSON lists cost more to load than to show).
ROW_FIELDS = (
    "status",
    "revision",
    "due_date",
    "decided_at",
    "decided_grade",
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
    # Required questions still unanswered: the grade so far is no verdict yet.
    incomplete = summary is not None and bool(summary.missing_required)
    grade = summary.grade if summary else ""
    if assessment.is_decided:
        grade = assessment.decided_grade or grade
        grade_state = DECIDED
    elif assessment.is_editable and incomplete:
        grade_state = PROVISIONAL
    else:
        grade_state = ""
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
        "grade": grade,
        "grade_state": grade_state,
        # "34 of 66 answered" while a draft still misses answers: its progress, not a verdict.
        "progress": f"{summary.answered} of {summary.applicable} answered"
        if summary is not None and (incomplete or assessment.is_editable)
        else "",
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
