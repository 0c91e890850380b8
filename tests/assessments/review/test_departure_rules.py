"""When a decision departs from the recommendation, what it then needs, and how it is said."""

import pytest

from assessments.review.departure import (
    DEPARTURE_REPEATS_RATIONALE,
    DEPARTURE_TOO_THIN,
    decision_departure,
    departure_justification_problem,
    departure_sentence,
)
from core.bidi import isolate_text

HIGH = {
    "question": "k.high",
    "question_text": "Where are the keys?",
    "title": "Keys in the web tier",
    "severity": "high",
    "accepted": False,
}
MEDIUM = dict(HIGH, question="k.medium", severity="medium", title="Broad keys")
ACCEPTED = dict(HIGH, question="k.accepted", accepted=True)


@pytest.mark.parametrize(
    ("decision", "recommendation", "departs"),
    [
        ("approved", "recommended", False),
        ("approved", "acceptable_with_conditions", False),
        ("approved", "high_risk", True),
        ("approved", "not_recommended", True),
        ("approved_with_conditions", "high_risk", False),
        ("approved_with_conditions", "not_recommended", True),
        ("rejected", "not_recommended", False),
        ("rejected", "recommended", False),
    ],
)
def test_which_decisions_depart_from_which_recommendations(decision, recommendation, departs):
    result = decision_departure(
        decision=decision, recommendation=recommendation, findings=[], condition_keys=set()
    )
    assert result.departs is departs


def test_any_approval_with_an_open_high_finding_departs_until_each_is_covered():
    findings = [HIGH, MEDIUM, ACCEPTED]
    open_ = decision_departure(
        decision="approved_with_conditions",
        recommendation="acceptable_with_conditions",
        findings=findings,
        condition_keys=set(),
    )
    assert open_.departs and not open_.departs_from_recommendation
    assert [f.question for f in open_.uncovered] == ["k.high"]  # medium and accepted need nothing
    covered = decision_departure(
        decision="approved_with_conditions",
        recommendation="acceptable_with_conditions",
        findings=findings,
        condition_keys={"k.high"},
    )
    assert covered.departs and covered.uncovered == ()
    assert covered.open_guarded[0].covered_by == "condition"
    rejected = decision_departure(
        decision="rejected", recommendation="high_risk", findings=findings, condition_keys=set()
    )
    assert not rejected.departs


def test_a_departure_needs_words_of_substance_of_its_own():
    assert departure_justification_problem("Looks fine overall.", "") == DEPARTURE_TOO_THIN
    assert departure_justification_problem("fine " * 20, "") == DEPARTURE_TOO_THIN
    reason = "The pilot holds only synthetic data for ninety days while the vendor fixes both."
    assert departure_justification_problem(reason, reason.upper()) == DEPARTURE_REPEATS_RATIONALE
    assert departure_justification_problem(reason, "Pilot only.") is None


def test_the_sentence_names_the_grade_and_recommendation_it_departs_from():
    assert departure_sentence(
        decision="approved_with_conditions",
        decision_label="Approved with conditions",
        grade="E",
        recommendation="not_recommended",
        justification="The pilot is isolated.",
    ) == (
        "Approved with conditions against a grade E (not recommended), because "
        + isolate_text("the pilot is isolated.")  # typed: kept from turning the sentence round
    )
    assert departure_sentence(
        decision="approved",
        decision_label="Approved",
        grade="C",
        recommendation="acceptable_with_conditions",
        justification="SOC 2 covers it.",
    ) == (
        "Approved with open critical or high findings, each covered by an accepted risk or a "
        "condition, because " + isolate_text("SOC 2 covers it.")
    )
    assert (
        departure_sentence(
            decision="approved",
            decision_label="Approved",
            grade="A",
            recommendation="recommended",
            justification="",
        )
        == ""
    )
