"""Context of the review page: the scorecard beside every answer, with what a reviewer needs
to challenge it. A fixed number of queries (answers, evidence, comments, conditions)."""

from dataclasses import dataclass, field

from assessments.answers import answer_sheet
from assessments.charts import RECOMMENDATION_LABELS, domain_bars_svg
from assessments.lifecycle import reassessment_target
from assessments.models import Answer, Assessment, Comment, Evidence, EvidenceLevel
from assessments.questionnaire.structure import QuestionNode
from core.permissions import can_comment, can_review

LEVEL_LABELS = dict(EvidenceLevel.choices)


@dataclass
class ReviewRow:
    question: QuestionNode
    domain_title: str
    answer: Answer | None
    option_label: str
    finding: dict | None
    trace: dict
    evidence: list[Evidence] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)

    @property
    def open_clarifications(self) -> list[Comment]:
        return [c for c in self.comments if c.kind == "clarification" and not c.resolved_at]


def review_context(*, assessment: Assessment, user) -> dict:
    sheet = answer_sheet(assessment=assessment)
    card = sheet.scorecard.to_dict()
    traces = {row["key"]: row for row in card["trace"]}
    findings = {f["question"]: f for f in card["findings"]}
    comments: dict[str, list[Comment]] = {}
    for comment in assessment.comments.select_related("author"):
        comments.setdefault(comment.question_key, []).append(comment)
    rows = [
        ReviewRow(
            question=row.question,
            domain_title=part.domain.title,
            answer=row.answer,
            option_label=row.answer_label,
            finding=findings.get(row.key),
            trace=traces[row.key],
            evidence=list(row.evidence),
            comments=comments.get(row.key, []),
        )
        for part in sheet.domains
        for row in part.rows
        if not row.hidden
    ]
    reviewing = can_review(user) and assessment.status == Assessment.Status.IN_REVIEW
    # The questionnaire version a reassessment would move to (the newest published one).
    reassess_onto = reassessment_target(source=assessment) if assessment.is_decided else None
    return {
        "assessment": assessment,
        "card": card,
        "chart": domain_bars_svg(card["domains"]),
        "recommendation_label": RECOMMENDATION_LABELS[card["recommendation"]],
        "rows": rows,
        "general_comments": comments.get("", []),
        "conditions": list(assessment.conditions.all()),
        "reviewing": reviewing,
        "reassess_onto": reassess_onto,
        "can_start_review": can_review(user) and assessment.status == Assessment.Status.SUBMITTED,
        "can_comment": can_comment(user) and not assessment.is_decided,
        "level_choices": EvidenceLevel.choices,
        "level_labels": LEVEL_LABELS,
        "finding_rows": [r for r in rows if r.finding],
    }
