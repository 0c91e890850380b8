"""A context question (`scored: false`, e.g. the product's deployment) decides which questions
apply through show_if and adds nothing to any score or to the evidence mix; a question shown by a
list of conditions applies only when all of them hold."""

import pytest

from scoring import Option, RubricError, hidden_questions, score
from tests.scoring.builders import answer, flagged, question, refining_policy, rubric

SAAS, SELF_HOSTED = Option("saas", "SaaS", 0), Option("self_hosted", "Self-hosted", 0)
PROFILE = question(
    "profile", options=(SAAS, SELF_HOSTED, Option("agent", "Agent", 0)), scored=False
)
ON_PREM_ONLY = question("update", show_if=("profile", ("self_hosted", "agent")))


def test_a_context_question_adds_nothing_to_scores_or_the_evidence_mix():
    card = score(rubric(PROFILE, question("q")), [answer("profile", "saas"), answer("q", "good")])
    assert card.domains[0].claimed == 100 and card.evidenced == 100
    assert {e.level: e.count for e in card.evidence_mix}["verified"] == 1
    trace = {t.key: t for t in card.trace}
    assert trace["profile"].claimed_contribution == 0 and not trace["profile"].scored
    assert card.to_dict()["trace"][0]["scored"] is False


def test_it_decides_which_questions_apply():
    r = rubric(PROFILE, ON_PREM_ONLY, question("q"))
    saas = score(r, [answer("profile", "saas"), answer("q", "good")])
    assert {t.key: t.status for t in saas.trace}["update"] == "hidden"
    assert saas.coverage.missing_required == ()
    on_prem = score(r, [answer("profile", "agent"), answer("q", "good")])
    assert on_prem.coverage.missing_required == ("update",)


def test_a_question_with_two_conditions_shows_only_when_both_hold():
    r = rubric(
        PROFILE,
        question("privilege"),
        question(
            "rollout",
            show_if=[("profile", ("self_hosted", "agent")), ("privilege", ("partial", "poor"))],
            refines="privilege",
        ),
        policy=refining_policy(),
    )
    assert "rollout" in hidden_questions(r, {"profile": "saas", "privilege": "poor"})
    assert "rollout" in hidden_questions(r, {"profile": "agent", "privilege": "good"})
    assert "rollout" not in hidden_questions(r, {"profile": "agent", "privilege": "poor"})


def test_a_context_question_raises_no_findings():
    with pytest.raises(RubricError, match="raises no findings"):
        question("profile", options=(SAAS, flagged("odd", 0, "high")), scored=False)
