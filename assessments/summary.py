"""Each assessment's summary (grade, scores, open findings by severity, review progress), kept
current by every service that changes what it shows, inside that service's transaction.

Lists (the review queue, the dashboards) read the stored row; nothing there scores an assessment.
A service that changes answers, review verdicts or accepted risks ends with `summary_refresh`.
Rows missing for assessments created before summaries existed are filled on first read
(`summaries_ensure`).
"""

import uuid
from collections import Counter, namedtuple
from collections.abc import Iterable

from assessments.models import Answer, Assessment, AssessmentSummary
from assessments.questionnaire.structure import Structure, questionnaire_structure_by_id
from assessments.scoring_adapter import SCORING_FIELDS, evidenced_inputs
from core.compiled import CompiledQuery
from scoring import SEVERITIES, Scorecard, score

# A question an architect reviews: answered, or answered "not applicable", and on show.
REVIEWABLE_STATUSES = ("answered", "na")
_FIELDS = (*SCORING_FIELDS, "reviewed_at", "carried_over")
# Every autosave ends in a summary refresh: read just these columns, as tuples, with SQL built once
# per process (building it and making model instances cost as much as scoring the answers).
_Row = namedtuple("_Row", _FIELDS)
_ROWS = CompiledQuery(
    lambda pk: Answer.objects.filter(assessment_id=pk).values_list(*_FIELDS), uuid.UUID(int=0x5E)
)
_BOOLEANS = {
    _FIELDS.index("is_na"),
    _FIELDS.index("finding_accepted"),
    _FIELDS.index("carried_over"),
}


def _rows(assessment_pk) -> list[_Row]:
    # SQLite hands booleans back as 0/1; scoring compares with `is True`.
    return [
        _Row(*(bool(v) if i in _BOOLEANS else v for i, v in enumerate(row)))
        for row in _ROWS.tuples(assessment_pk)
    ]


def summary_values(structure: Structure, answers: Iterable, card: Scorecard) -> dict:
    """The summary's columns from a scorecard and the answers it was computed from."""
    reviewable = {t.key for t in card.trace if t.status in REVIEWABLE_STATUSES}
    reviewed = reconfirm = 0
    for answer in answers:
        question = structure.by_id.get(answer.question_id)
        if question is None or question.key not in reviewable:
            continue
        if answer.reviewed_at is not None:
            reviewed += 1
        elif answer.carried_over:
            reconfirm += 1
    open_by_severity = Counter(f.severity for f in card.findings if not f.accepted)
    return {
        "grade": card.grade,
        "uncapped_grade": card.uncapped_grade,
        "recommendation": card.recommendation,
        "claimed": round(card.claimed, 2),
        "evidenced": round(card.evidenced, 2),
        "gap": round(card.gap, 2),
        "answered": card.coverage.answered,
        "applicable": card.coverage.applicable,
        **{f"open_{severity}": open_by_severity[severity] for severity in SEVERITIES},
        "accepted_findings": sum(1 for f in card.findings if f.accepted),
        "to_review": len(reviewable),
        "reviewed": reviewed,
        "to_reconfirm": reconfirm,
        "missing_required": len(card.coverage.missing_required),
    }


def summary_compute(*, assessment_pk, questionnaire_id: int) -> dict:
    """The summary recomputed from the answers (one query; the questionnaire is cached)."""
    structure = questionnaire_structure_by_id(questionnaire_id)
    answers = _rows(assessment_pk)
    card = score(
        structure.rubric, evidenced_inputs(structure, answers, assessment_pk=assessment_pk)
    )
    return summary_values(structure, answers, card)


def summary_refresh(*, assessment: Assessment) -> AssessmentSummary:
    """Recompute and store the summary. Call it inside the transaction of the write, after it."""
    values = summary_compute(
        assessment_pk=assessment.pk, questionnaire_id=assessment.questionnaire_id
    )
    # One UPDATE on the hot path (every autosave ends here); INSERT only the first time.
    updated = AssessmentSummary.objects.filter(assessment_id=assessment.pk).update(**values)
    if updated:
        return AssessmentSummary(assessment_id=assessment.pk, **values)
    return AssessmentSummary.objects.create(assessment_id=assessment.pk, **values)


def summaries_ensure(assessments: list[Assessment]) -> list[Assessment]:
    """Give each listed assessment its `.summary`, computing the few that have none yet (rows
    older than summaries) or lack a column added since; the caller selects `summary` with
    select_related."""
    for assessment in assessments:
        try:
            stale = assessment.summary.missing_required is None
        except AssessmentSummary.DoesNotExist:
            stale = True
        if stale:
            assessment.summary = summary_refresh(assessment=assessment)
    return assessments
