import pytest

from scoring import score
from tests.scoring.builders import answer, question, rubric


def test_overall_is_the_domain_weighted_mean_of_domain_scores():
    r = rubric(question("q1", "d1"), question("q2", "d2"), domain_weights={"d1": 3, "d2": 1})
    card = score(r, [answer("q1", "good"), answer("q2", "poor")])
    # (100*3 + 0*1) / 4
    assert card.claimed == pytest.approx(75.0)
    assert card.evidenced == pytest.approx(75.0)


def test_domain_score_is_the_question_weighted_mean():
    r = rubric(question("q1", weight=2), question("q2", weight=1))
    card = score(r, [answer("q1", "good"), answer("q2", "poor")])
    assert card.domain("d1").claimed == pytest.approx(200 / 3)
    assert card.to_dict()["domains"][0]["claimed"] == 66.67


def test_domain_without_applicable_questions_carries_no_weight():
    r = rubric(
        question("q1", "d1"),
        question("q2", "d2", allows_na=True),
        domain_weights={"d1": 1, "d2": 9},
    )
    card = score(r, [answer("q1", "partial"), answer("q2", na=True)])
    assert card.claimed == pytest.approx(50.0)


def test_domain_with_no_questions_at_all_is_reported_without_a_score():
    r = rubric(question("q1", "d1"), domain_weights={"empty": 5})
    card = score(r, [answer("q1", "good")])
    assert card.domain("empty").claimed is None
    assert card.domain("empty").coverage == 1.0
    assert card.claimed == 100.0
