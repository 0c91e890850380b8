"""Where it matters, "unknown" is a finding (questionnaire v2): a question says what an unknown
answer raises, and a required question left unanswered counts as unknown. With
`unknown_findings: required`, not knowing can never grade better than an honest answer."""

import pytest

from scoring import RubricError, score
from tests.scoring.builders import (
    STANDARD_OPTIONS,
    answer,
    flagged,
    question,
    refining_policy,
    rubric,
    unknown_raises,
)

PIVOTAL = question("p", options=unknown_raises("high"))
REST = question("q", weight=9)  # strong enough that only the cap keeps the grade from A


def test_an_unknown_answer_raises_its_finding_and_caps_the_grade():
    card = score(rubric(PIVOTAL, REST), [answer("p", "unknown"), answer("q", "good")])
    [finding] = card.findings
    assert (finding.severity, finding.cause, finding.option) == ("high", "unknown", "unknown")
    assert card.grade == "C" and card.to_dict()["findings"][0]["cause"] == "unknown"


def test_a_required_question_left_open_counts_as_unknown():
    card = score(rubric(PIVOTAL, REST), [answer("q", "good")])
    [finding] = card.findings
    assert (finding.cause, finding.evidence_level, finding.accepted) == (
        "unanswered",
        "claim",
        False,
    )
    assert card.grade == "C"


def test_an_optional_or_hidden_question_left_open_raises_nothing():
    optional = question("p", required=False, options=unknown_raises("high"))
    assert score(rubric(optional), []).findings == ()
    hidden = question("f", options=unknown_raises("high"), show_if=("c", ("poor",)))
    assert score(rubric(question("c"), hidden), [answer("c", "good")]).findings == ()


def test_an_accepted_unknown_no_longer_caps_the_grade():
    accepted = answer("p", "unknown", finding_accepted=True, acceptance_justification="Pilot only.")
    card = score(rubric(PIVOTAL, REST), [accepted, answer("q", "good")])
    assert card.findings[0].accepted and card.caps_applied == ()


def test_the_rule_requires_an_unknown_finding_where_answers_raise_findings():
    options = (*STANDARD_OPTIONS[:2], flagged("bad", 0, "critical"), STANDARD_OPTIONS[3])
    with pytest.raises(RubricError, match="an unknown answer must raise one too"):
        rubric(question("p", options=options), policy=refining_policy(unknown_findings="required"))


def test_the_rule_refuses_an_unknown_finding_milder_than_an_honest_answers():
    options = unknown_raises(
        "high", (*STANDARD_OPTIONS[:2], flagged("bad", 0, "critical"), STANDARD_OPTIONS[3])
    )
    with pytest.raises(RubricError, match="less than the critical of a known answer"):
        rubric(question("p", options=options), policy=refining_policy(unknown_findings="required"))
