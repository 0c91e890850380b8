"""When a decision departs from what the grade recommends, and what it then needs. Pure rules over
scorecard dicts: no database, so the page, the API and the service judge a decision alike.

A decision departs when it approves a grade whose recommendation is "high risk" or "not
recommended", approves with conditions a "not recommended" one, or approves anything while a
critical or high finding is open. Such a decision needs, for every open critical or high finding,
an accepted risk or a condition linked to it, and a written reason of real substance.
"""

import re
from dataclasses import dataclass

from core.bidi import isolate_text

APPROVED = "approved"
APPROVED_WITH_CONDITIONS = "approved_with_conditions"
# The recommendations each approval departs from.
DEPARTS_FROM = {
    APPROVED: ("high_risk", "not_recommended"),
    APPROVED_WITH_CONDITIONS: ("not_recommended",),
}
GUARDED_SEVERITIES = ("critical", "high")
MIN_WORDS = 12
MIN_DISTINCT_WORDS = 8

DEPARTURE_TOO_THIN = (
    "Say in at least 12 words why this decision departs from the recommendation: what makes the "
    "risk acceptable, and what the organisation relies on meanwhile."
)
DEPARTURE_REPEATS_RATIONALE = (
    "Explain the departure itself; repeating the decision's rationale is not enough."
)
DEPARTURE_NOT_NEEDED = (
    "This decision follows the recommendation, so it takes no departure justification."
)


@dataclass(frozen=True)
class GuardedFinding:
    question: str
    question_text: str
    title: str
    severity: str
    covered_by: str
    """"accepted" (its risk was accepted), "condition" (a condition is linked to it) or ""."""


@dataclass(frozen=True)
class Departure:
    recommendation: str
    departs_from_recommendation: bool
    open_guarded: tuple[GuardedFinding, ...]
    """Critical and high findings whose risk was not accepted, covered by a condition or not."""

    @property
    def departs(self) -> bool:
        return self.departs_from_recommendation or bool(self.open_guarded)

    @property
    def uncovered(self) -> tuple[GuardedFinding, ...]:
        return tuple(f for f in self.open_guarded if not f.covered_by)


def decision_departure(
    *, decision: str, recommendation: str, findings: list[dict], condition_keys: set[str]
) -> Departure:
    """`findings` as in Scorecard.to_dict(); `condition_keys` the questions conditions link to."""
    approving = decision in DEPARTS_FROM
    guarded = tuple(
        GuardedFinding(
            question=f["question"],
            question_text=f["question_text"],
            title=f["title"],
            severity=f["severity"],
            covered_by="condition" if f["question"] in condition_keys else "",
        )
        for f in findings
        if approving and f["severity"] in GUARDED_SEVERITIES and not f["accepted"]
    )
    return Departure(
        recommendation=recommendation,
        departs_from_recommendation=recommendation in DEPARTS_FROM.get(decision, ()),
        open_guarded=guarded,
    )


def departure_justification_problem(text: str, rationale: str) -> str | None:
    """Why a departure justification is not enough, or None when it is."""
    words = re.findall(r"[^\W_]+", text.lower())
    if len(words) < MIN_WORDS or len(set(words)) < MIN_DISTINCT_WORDS:
        return DEPARTURE_TOO_THIN
    if words == re.findall(r"[^\W_]+", (rationale or "").lower()):
        return DEPARTURE_REPEATS_RATIONALE
    return None


def departure_sentence(
    *, decision: str, decision_label: str, grade: str, recommendation: str, justification: str
) -> str:
    """How the scorecard, the history and the report say that a decision departed, and why:
    "Approved with conditions against a grade E (not recommended), because …"."""
    if not justification:
        return ""
    # It continues the sentence: "because the pilot…", not "because The pilot…" (but "because
    # SOC 2…" keeps its capitals).
    if len(justification) > 1 and justification[0].isupper() and justification[1].islower():
        justification = justification[0].lower() + justification[1:]
    # Typed text, in isolate characters: right-to-left words cannot turn the sentence round.
    justification = isolate_text(justification)
    if recommendation in DEPARTS_FROM.get(decision, ()):
        label = recommendation.replace("_", " ")
        return f"{decision_label} against a grade {grade} ({label}), because {justification}"
    return (
        f"{decision_label} with open critical or high findings, each covered by an accepted risk "
        f"or a condition, because {justification}"
    )


def decided_departure_sentence(assessment) -> str:
    """The sentence for a decided assessment (any object with the decision's fields), or ""."""
    if not getattr(assessment, "departure_justification", ""):
        return ""
    return departure_sentence(
        decision=assessment.status,
        decision_label=assessment.get_status_display(),
        grade=assessment.decided_grade,
        recommendation=assessment.decided_recommendation,
        justification=assessment.departure_justification,
    )
