"""One assessment as a row of the list: ready-made values read from the stored summary (never the
scoring engine), shared by the page, the CSV and the Excel export so they always agree."""

from django.utils import timezone

from assessments.links import assessment_url
from assessments.models import Assessment, AssessmentSummary
from assessments.standing import standing_of
from assessments.workflow import DECIDED
from scoring import SEVERITIES

_SUMMARY_FIELDS = (
    "answered",
    "applicable",
    "grade",
    "recommendation",
    "missing_required",
    *(f"open_{s}" for s in SEVERITIES),
)
# What a row is built from, as plain values (`.values(*VALUE_FIELDS)`): the page and the
# downloads read these instead of model instances, which cost more to make than to show.
VALUE_FIELDS = (
    "pk",
    "status",
    "revision",
    "due_date",
    "decided_at",
    "decided_grade",
    "decided_recommendation",
    "offering_id",
    "offering__name",
    "offering__vendor_id",
    "offering__vendor__name",
    "questionnaire__key",
    "questionnaire__version",
    "questionnaire__title",
    "requester__username",
    "reviewer__username",
    "summary__assessment_id",
    *(f"summary__{name}" for name in _SUMMARY_FIELDS),
)
_STATUS_LABELS = dict(Assessment.Status.choices)


class _SummaryValues:
    """A stored summary's values read as attributes, as assessments/standing.py reads them."""

    __slots__ = _SUMMARY_FIELDS

    def __init__(self, values: dict):
        for name in _SUMMARY_FIELDS:
            setattr(self, name, values[f"summary__{name}"])


def _values_of(assessment: Assessment) -> dict:
    """An assessment instance as the values `portfolio_row_of_values` reads (the API's rows)."""
    try:
        summary: AssessmentSummary | None = assessment.summary
    except AssessmentSummary.DoesNotExist:
        summary = None
    offering, questionnaire = assessment.offering, assessment.questionnaire
    values = {
        "pk": assessment.pk,
        "status": assessment.status,
        "revision": assessment.revision,
        "due_date": assessment.due_date,
        "decided_at": assessment.decided_at,
        "decided_grade": assessment.decided_grade,
        "decided_recommendation": assessment.decided_recommendation,
        "offering_id": assessment.offering_id,
        "offering__name": offering.name,
        "offering__vendor_id": offering.vendor_id,
        "offering__vendor__name": offering.vendor.name,
        "questionnaire__key": questionnaire.key,
        "questionnaire__version": questionnaire.version,
        "questionnaire__title": questionnaire.title,
        "requester__username": assessment.requester.get_username()
        if assessment.requester_id
        else None,
        "reviewer__username": assessment.reviewer.get_username()
        if assessment.reviewer_id
        else None,
        "summary__assessment_id": summary.assessment_id if summary else None,
    }
    for name in _SUMMARY_FIELDS:
        values[f"summary__{name}"] = getattr(summary, name) if summary else None
    return values


def portfolio_row(assessment: Assessment) -> dict:
    return portfolio_row_of_values(_values_of(assessment))


def portfolio_row_of_values(v: dict) -> dict:
    """One row from `.values(*VALUE_FIELDS)`: what the page, the downloads and the API show."""
    summary = _SummaryValues(v) if v["summary__assessment_id"] is not None else None
    # One rule with the dashboards (assessments/standing.py): provisional while required answers
    # are missing, decided once a decision froze it.
    standing = standing_of(v["status"], v["decided_grade"], v["decided_recommendation"], summary)
    findings = {s: (getattr(summary, f"open_{s}") if summary else 0) for s in SEVERITIES}
    status_label = _STATUS_LABELS.get(v["status"], v["status"])
    return {
        "url": assessment_url(v["pk"]),
        "vendor": v["offering__vendor__name"],
        "vendor_id": v["offering__vendor_id"],
        "offering": v["offering__name"],
        "offering_id": v["offering_id"],
        "revision": v["revision"] if v["revision"] > 1 else None,
        "questionnaire": f"{v['questionnaire__key']} v{v['questionnaire__version']}",
        "questionnaire_title": v["questionnaire__title"],
        "status": v["status"],
        "status_label": status_label,
        "grade": standing.grade,
        "grade_state": standing.state,
        # "34 of 66 answered" while the answers can still change: its progress, not a verdict.
        "progress": standing.progress if summary is not None else "",
        "answered": summary.answered if summary else None,
        "missing_required": summary.missing_required if summary else None,
        "applicable": summary.applicable if summary else None,
        "decision": status_label if v["status"] in DECIDED else "",
        # The moment for the page (shown as the reader's day), the reader's day for the files.
        "decided_at": v["decided_at"],
        "decided_on": timezone.localdate(v["decided_at"]) if v["decided_at"] else None,
        "requester": v["requester__username"] or "",
        "reviewer": v["reviewer__username"] or "",
        "due": v["due_date"],
        "findings": findings,
        "open_findings": sum(findings.values()),
    }
