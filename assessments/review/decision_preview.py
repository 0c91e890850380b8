"""The confirmation step before a decision: what would be frozen (grade, decision, open findings,
conditions) and what the decision still needs. Reads only; the same rules as the service
(review/departure.py), so what the page promises is what the API does."""

from assessments.charts import RECOMMENDATION_LABELS
from assessments.models import Assessment
from assessments.review.departure import (
    DEPARTURE_NOT_NEEDED,
    GUARDED_SEVERITIES,
    departure_justification_problem,
    departure_sentence,
)
from assessments.review.services import (
    CONDITIONS_REQUIRED,
    FINDING_UNCOVERED,
    JUSTIFICATION_REQUIRED,
    UNKNOWN_DECISION,
    decision_check,
)
from assessments.review.services.guards import MIN_JUSTIFICATION
from assessments.scoring_adapter import assessment_score
from assessments.workflow import DECISIONS
from core.bidi import isolate_text
from scoring import SEVERITIES


def decision_preview_context(
    *, assessment: Assessment, decision: str, rationale: str, departure_justification: str
) -> dict:
    card = assessment_score(assessment=assessment).scorecard.to_dict()
    conditions = list(assessment.conditions.all())
    rationale = (rationale or "").strip()
    justification = (departure_justification or "").strip()
    context = {
        "assessment": assessment,
        "card": card,
        "recommendation_label": RECOMMENDATION_LABELS[card["recommendation"]],
        "decision": decision,
        "rationale": rationale,
        "departure_justification": justification,
        "conditions": conditions,
        "open_findings": [f for f in card["findings"] if not f["accepted"]],
        # Critical and high by name; the rest as counts, so the dialog stays readable.
        "open_guarded": [
            f for f in card["findings"] if not f["accepted"] and f["severity"] in GUARDED_SEVERITIES
        ],
        "open_summary": _open_summary(card["findings"]),
        "accepted_findings": [f for f in card["findings"] if f["accepted"]],
        "problems": [],
        "departs": False,
    }
    if decision not in DECISIONS:
        context["problems"] = [UNKNOWN_DECISION]
        return context
    label = Assessment.Status(decision).label
    problems = context["problems"]
    if len(rationale) < MIN_JUSTIFICATION:
        problems.append(f"Rationale: {JUSTIFICATION_REQUIRED}")
    if decision == Assessment.Status.APPROVED_WITH_CONDITIONS and not conditions:
        problems.append(CONDITIONS_REQUIRED)
    departure = decision_check(
        assessment=assessment, decision=decision, card=card, conditions=conditions
    )
    if departure.departs:
        problems += [
            FINDING_UNCOVERED.format(
                severity=f.severity.capitalize(),
                title=isolate_text(f.title),
                question=isolate_text(f.question_text),
            )
            for f in departure.uncovered
        ]
        problem = departure_justification_problem(justification, rationale)
        if problem:
            problems.append(problem)
    elif justification:
        problems.append(DEPARTURE_NOT_NEEDED)
    context.update(
        decision_label=label,
        departs=departure.departs,
        departure=departure,
        sentence=departure_sentence(
            decision=decision,
            decision_label=label,
            grade=card["grade"],
            recommendation=card["recommendation"],
            justification=justification if departure.departs else "",
        ),
    )
    return context


def _open_summary(findings: list[dict]) -> str:
    """ "25 open: 1 critical, 12 high, 12 medium" """
    open_ = [f for f in findings if not f["accepted"]]
    counts = [(s, sum(1 for f in open_ if f["severity"] == s)) for s in SEVERITIES]
    parts = ", ".join(f"{n} {severity}" for severity, n in counts if n)
    return f"{len(open_)} open: {parts}" if open_ else "none"
