import math

import pytest

from scoring import score
from tests.scoring.builders import answer, question, rubric


def _card():
    r = rubric(
        question("a1", "d1", weight=2),
        question("a2", "d1"),
        question("a3", "d1", allows_na=True),
        question("b1", "d2", weight=3),
        question("b2", "d2"),
        domain_weights={"d1": 2, "d2": 1},
    )
    answers = [
        answer("a1", "good", "documented"),
        answer("a2", "partial", "claim", override_score=60),
        answer("a3", na=True),
        answer("b1", "partial", "attested"),
    ]
    return score(r, answers)


def test_question_contributions_sum_to_their_domain_scores():
    card = _card()
    for domain in card.domains:
        rows = [t for t in card.trace if t.domain == domain.key]
        assert math.fsum(t.claimed_contribution for t in rows) == pytest.approx(domain.claimed)
        assert math.fsum(t.evidenced_contribution for t in rows) == pytest.approx(domain.evidenced)


def test_overall_contributions_sum_to_the_overall_scores():
    card = _card()
    assert math.fsum(t.overall_claimed_contribution for t in card.trace) == pytest.approx(
        card.claimed
    )
    assert math.fsum(t.overall_evidenced_contribution for t in card.trace) == pytest.approx(
        card.evidenced
    )


def test_trace_worked_by_hand():
    by_key = {t.key: t for t in _card().trace}
    # d1: weights 2 + 1 (a3 is N/A); a1 = 100 * 2/3, a2 = 60 * 1/3.
    assert by_key["a1"].claimed_contribution == pytest.approx(200 / 3)
    assert by_key["a1"].evidenced_contribution == pytest.approx(0.7 * 200 / 3)
    assert by_key["a2"].claimed_contribution == pytest.approx(20.0)
    assert by_key["a2"].evidenced_contribution == pytest.approx(8.0)
    # d1 carries 2/3 of the overall, d2 1/3.
    assert by_key["a2"].overall_evidenced_contribution == pytest.approx(8.0 * 2 / 3)
    # d2: weights 3 + 1; b1 = 50 * 3/4 = 37.5 claimed, * 0.9 evidenced.
    assert by_key["b1"].claimed_contribution == pytest.approx(37.5)
    assert by_key["b1"].evidenced_contribution == pytest.approx(33.75)
    assert by_key["b2"].status == "unanswered"
    assert by_key["b2"].claimed_contribution == 0.0
    assert by_key["a3"].status == "na"
    assert by_key["a3"].weight == 1.0
    assert by_key["a3"].overall_claimed_contribution == 0.0


def test_trace_follows_rubric_order():
    assert [t.key for t in _card().trace] == ["a1", "a2", "a3", "b1", "b2"]


def test_rounded_snapshot_trace_adds_up_within_rounding():
    snapshot = _card().to_dict()
    total = sum(t["overall_evidenced_contribution"] for t in snapshot["trace"])
    assert abs(total - snapshot["evidenced"]) <= 0.005 * (len(snapshot["trace"]) + 1)
