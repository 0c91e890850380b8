"""Where an assessment stands, as lists print it: a draft shows its progress, not a verdict.

While required questions are unanswered, the grade is *provisional* ("34 of 66 answered", and the
grade so far marked as such, without a recommendation); once every required question is answered
the grade and recommendation stand; after the decision they are the *decided* ones, frozen with
it. Read from the stored summary (assessments/summary.py), never the scoring engine, so a list of
any length costs nothing more per row.
"""

from dataclasses import dataclass

from assessments.charts import RECOMMENDATION_LABELS
from assessments.models import Assessment, AssessmentSummary
from assessments.workflow import DECIDED as DECIDED_STATUSES
from assessments.workflow import EDITABLE

PROVISIONAL = "provisional"
DECIDED = "decided"


@dataclass(frozen=True)
class Standing:
    grade: str
    state: str
    """"provisional", "decided", or "" while complete and undecided (the grade stands)."""
    recommendation: str
    """Its label; empty while provisional: an unfinished questionnaire recommends nothing."""
    progress: str
    """"34 of 66 answered" while the answers can still change, else empty."""
    answered: int
    applicable: int

    @property
    def provisional(self) -> bool:
        return self.state == PROVISIONAL


def assessment_standing(assessment: Assessment) -> Standing:
    """The caller has loaded `summary` (select_related, then summaries_ensure)."""
    try:
        summary: AssessmentSummary | None = assessment.summary
    except AssessmentSummary.DoesNotExist:
        summary = None
    return standing_of(
        assessment.status, assessment.decided_grade, assessment.decided_recommendation, summary
    )


def standing_of(status: str, decided_grade: str, decided_recommendation: str, summary) -> Standing:
    """The same from the values alone: `summary` is anything with the summary's answered,
    applicable, grade, recommendation and missing_required (or None when there is none), so a
    list read as plain values (assessments/portfolio/rows.py) needs no model instances."""
    answered = summary.answered if summary else 0
    applicable = summary.applicable if summary else 0
    progress = f"{answered} of {applicable} answered" if status in EDITABLE else ""
    if status in DECIDED_STATUSES:
        grade = decided_grade or (summary.grade if summary else "")
        recommendation = decided_recommendation or (summary.recommendation if summary else "")
        state = DECIDED
    elif summary is None or summary.missing_required:
        grade, recommendation, state = (summary.grade if summary else ""), "", PROVISIONAL
        progress = f"{answered} of {applicable} answered"
    else:
        grade, recommendation, state = summary.grade, summary.recommendation, ""
    label = RECOMMENDATION_LABELS.get(recommendation, recommendation.replace("_", " "))
    return Standing(grade, state, label, progress, answered, applicable)
