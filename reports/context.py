"""The one context builder behind both the browser preview and the PDF of a report."""

import hashlib
from collections import Counter
from dataclasses import dataclass, field

from django.utils import timezone

from assessments.answers.form_context import hidden_questions
from assessments.charts import RECOMMENDATION_LABELS, domain_bars_svg
from assessments.models import Answer, Assessment, Evidence, EvidenceLevel
from assessments.questionnaire.structure import questionnaire_structure_by_id
from assessments.scoring_adapter import answer_inputs
from scoring import canonical_json, score

LEVEL_LABELS = {
    "claim": "Claim",
    "documented": "Documented",
    "attested": "Independently attested",
    "verified": "Verified by us",
}
TOP_FINDINGS = 5


@dataclass
class AppendixRow:
    key: str
    text: str
    answer_label: str
    explanation: str
    evidence_level: str
    valid_until: object
    override_score: float | None
    override_justification: str
    raw_score: int | None
    evidence: list = field(default_factory=list)
    carried_over: bool = False


def _answer_label(question, answer) -> str:
    if answer is None:
        return "Not answered"
    if answer.is_na:
        return "Not applicable"
    option = question.option_by_id(answer.option_id)
    return option.label if option else "Not answered"


def _scored(assessment: Assessment):
    structure = questionnaire_structure_by_id(assessment.questionnaire_id)
    answers = {a.question_id: a for a in Answer.objects.filter(assessment=assessment)}
    card = score(structure.rubric, answer_inputs(structure, answers.values()))
    return structure, answers, card


def report_context(
    *, assessment: Assessment, report_id: str = "preview", for_pdf: bool = False
) -> dict:
    structure, answers, card_obj = _scored(assessment)
    card = card_obj.to_dict()
    scorecard_sha256 = hashlib.sha256(canonical_json(card)).hexdigest()
    evidence: dict[int, list[Evidence]] = {}
    for item in Evidence.objects.filter(answer__assessment=assessment).order_by("created_at"):
        evidence.setdefault(item.answer_id, []).append(item)
    conditions = list(assessment.conditions.all())
    comments = list(assessment.comments.select_related("author"))
    events = list(assessment.audit_events.all())

    chosen = {}
    for question in structure.questions:
        answer = answers.get(question.id)
        option = question.option_by_id(answer.option_id) if answer else None
        chosen[question.key] = option.key if option else None
    hidden = hidden_questions(structure, chosen)
    traces = {row["key"]: row for row in card["trace"]}

    appendix = []
    for domain in structure.domains:
        rows = []
        for question in domain.questions:
            if question.key in hidden:
                continue
            answer = answers.get(question.id)
            rows.append(
                AppendixRow(
                    key=question.key,
                    text=question.text,
                    answer_label=_answer_label(question, answer),
                    explanation=answer.explanation if answer else "",
                    evidence_level=LEVEL_LABELS.get(answer.evidence_level, "") if answer else "",
                    valid_until=answer.evidence_valid_until if answer else None,
                    override_score=answer.override_score if answer else None,
                    override_justification=answer.override_justification if answer else "",
                    raw_score=traces[question.key]["raw_score"],
                    evidence=evidence.get(answer.id, []) if answer else [],
                    carried_over=bool(answer and answer.carried_over),
                )
            )
        appendix.append({"title": domain.title, "rows": rows})

    conditions_by_finding: dict[str, list] = {}
    for condition in conditions:
        for key in condition.finding_keys:
            conditions_by_finding.setdefault(key, []).append(condition)
    findings = [
        dict(f, conditions=conditions_by_finding.get(f["question"], [])) for f in card["findings"]
    ]
    overrides = [r for d in appendix for r in d["rows"] if r.override_score is not None]
    question_text = {q.key: q.text for q in structure.questions}
    return {
        "report_id": report_id,
        "for_pdf": for_pdf,
        "generated_at": timezone.now(),
        "assessment": assessment,
        "vendor": assessment.offering.vendor,
        "offering": assessment.offering,
        "questionnaire": assessment.questionnaire,
        "card": card,
        "scorecard_sha256": scorecard_sha256,
        "recommendation_label": RECOMMENDATION_LABELS[card["recommendation"]],
        "chart": domain_bars_svg(card["domains"]),
        "findings": findings,
        "top_findings": [f for f in findings if not f["accepted"]][:TOP_FINDINGS],
        "open_findings": sum(1 for f in findings if not f["accepted"]),
        "conditions": conditions,
        "overrides": overrides,
        "comments": [(c, question_text.get(c.question_key, "General")) for c in comments],
        "appendix": appendix,
        "audit_counts": sorted(Counter(e.action for e in events).items()),
        "audit_recent": events[-15:],
        "audit_total": len(events),
        "level_labels": LEVEL_LABELS,
        "levels": EvidenceLevel,
    }
