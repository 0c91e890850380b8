"""Context of the review page: the scorecard beside every answer, with what a reviewer needs
to challenge it. A fixed number of queries (answers, evidence, comments, conditions)."""

from dataclasses import dataclass, field

from assessments.answers.form_context import hidden_questions
from assessments.charts import RECOMMENDATION_LABELS, domain_bars_svg
from assessments.models import Answer, Assessment, Comment, Evidence, EvidenceLevel
from assessments.questionnaire.structure import QuestionNode, questionnaire_structure_by_id
from assessments.scoring_adapter import answer_inputs
from core.permissions import can_comment, can_review
from scoring import score

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
    structure = questionnaire_structure_by_id(assessment.questionnaire_id)
    answers = {
        a.question_id: a
        for a in Answer.objects.filter(assessment=assessment).select_related("answered_by_contact")
    }
    card = score(structure.rubric, answer_inputs(structure, answers.values())).to_dict()
    traces = {row["key"]: row for row in card["trace"]}
    findings = {f["question"]: f for f in card["findings"]}
    evidence: dict[int, list[Evidence]] = {}
    for item in Evidence.objects.filter(answer__assessment=assessment).order_by("created_at"):
        evidence.setdefault(item.answer_id, []).append(item)
    comments: dict[str, list[Comment]] = {}
    for comment in assessment.comments.select_related("author"):
        comments.setdefault(comment.question_key, []).append(comment)

    chosen = {}
    for question in structure.questions:
        answer = answers.get(question.id)
        option = question.option_by_id(answer.option_id) if answer else None
        chosen[question.key] = option.key if option else None
    hidden = hidden_questions(structure, chosen)

    rows = []
    for domain in structure.domains:
        for question in domain.questions:
            if question.key in hidden:
                continue
            answer = answers.get(question.id)
            option = question.option_by_id(answer.option_id) if answer else None
            label = (
                "Not applicable" if answer and answer.is_na else (option.label if option else "")
            )
            rows.append(
                ReviewRow(
                    question=question,
                    domain_title=domain.title,
                    answer=answer,
                    option_label=label,
                    finding=findings.get(question.key),
                    trace=traces[question.key],
                    evidence=evidence.get(answer.id, []) if answer else [],
                    comments=comments.get(question.key, []),
                )
            )
    reviewing = can_review(user) and assessment.status == Assessment.Status.IN_REVIEW
    return {
        "assessment": assessment,
        "card": card,
        "chart": domain_bars_svg(card["domains"]),
        "recommendation_label": RECOMMENDATION_LABELS[card["recommendation"]],
        "rows": rows,
        "general_comments": comments.get("", []),
        "conditions": list(assessment.conditions.all()),
        "reviewing": reviewing,
        "can_start_review": can_review(user) and assessment.status == Assessment.Status.SUBMITTED,
        "can_comment": can_comment(user) and not assessment.is_decided,
        "level_choices": EvidenceLevel.choices,
        "level_labels": LEVEL_LABELS,
        "finding_rows": [r for r in rows if r.finding],
        "api_base": f"/api/v1/assessments/{assessment.pk}",
    }
