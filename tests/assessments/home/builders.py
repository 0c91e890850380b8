"""Assessments in a chosen state, with a stored summary, built straight through the models: the
dashboard and tracker tests need hundreds of them, and what they check is how lists read them,
not how the services got them there (tests/assessments/review/ covers that)."""

import datetime

from django.utils import timezone

from assessments.models import Assessment, AssessmentSummary, Condition
from tests.factories import AssessmentFactory

# How an architect says a condition was met, in the tests that mark one done.
DONE_NOTE = "The keys moved into the HSM; change ticket CHG-1042."
SUMMARY = {
    "grade": "B",
    "uncapped_grade": "B",
    "recommendation": "recommended",
    "claimed": 80.0,
    "evidenced": 70.0,
    "gap": 10.0,
    "answered": 66,
    "applicable": 66,
    "open_critical": 0,
    "open_high": 0,
    "open_medium": 0,
    "open_low": 0,
    "accepted_findings": 0,
    "to_review": 66,
    "reviewed": 0,
    "to_reconfirm": 0,
    "missing_required": 0,
}


def build(questionnaire, *, status="draft", summary=None, **fields) -> Assessment:
    """An assessment in `status` with a stored summary (SUMMARY with `summary`'s changes)."""
    if status in ("approved", "approved_with_conditions", "rejected"):
        fields.setdefault("decided_at", timezone.now())
        fields.setdefault("decided_grade", (summary or {}).get("grade", "B"))
        fields.setdefault("decided_recommendation", "recommended")
    if status != "draft":
        fields.setdefault("submitted_at", timezone.now() - datetime.timedelta(days=3))
    assessment = AssessmentFactory(questionnaire=questionnaire, status=status, **fields)
    AssessmentSummary.objects.create(assessment=assessment, **{**SUMMARY, **(summary or {})})
    return assessment


def condition(assessment, *, due_in_days=None, owner="Vendor management", done=False, text=""):
    due = (
        timezone.localdate() + datetime.timedelta(days=due_in_days)
        if due_in_days is not None
        else None
    )
    return Condition.objects.create(
        assessment=assessment,
        text=text or "Move the signing keys into an HSM.",
        owner=owner,
        due_date=due,
        done_at=timezone.now() if done else None,
        done_note="Done in March, see the change ticket." if done else "",
    )
