import pytest

from scoring import Policy, score
from tests.scoring.builders import answer, question, rubric


@pytest.mark.parametrize(
    ("override", "grade", "recommendation"),
    [
        (100, "A", "recommended"),
        (85, "A", "recommended"),
        (84.99, "B", "recommended"),
        (70, "B", "recommended"),
        (69.99, "C", "acceptable_with_conditions"),
        (55, "C", "acceptable_with_conditions"),
        (40, "D", "high_risk"),
        (39.99, "E", "not_recommended"),
        (0, "E", "not_recommended"),
    ],
)
def test_grade_follows_the_default_bands_of_the_evidenced_score(override, grade, recommendation):
    card = score(rubric(question("q1")), [answer("q1", "good", override_score=override)])
    assert (card.grade, card.recommendation) == (grade, recommendation)


def test_grade_uses_the_evidenced_not_the_claimed_score():
    card = score(rubric(question("q1")), [answer("q1", "good", "documented")])
    assert card.claimed == 100.0
    assert card.grade == "B"  # 70 evidenced; the claimed 100 would be an A


def test_score_that_prints_as_the_band_minimum_gets_that_band():
    r = rubric(*(question(f"q{i}", weight=0.1) for i in range(3)))
    # 85 everywhere, but with weights of 0.1 the float mean is 84.99999999999999; the board reads
    # 85.00, so it must grade as an A, not a B.
    answers = [answer(f"q{i}", "good", override_score=85) for i in range(3)]
    card = score(r, answers)
    assert card.evidenced < 85.0
    assert card.to_dict()["evidenced"] == 85.0
    assert card.grade == "A"


def test_bands_and_recommendations_come_from_the_policy():
    strict = Policy(
        evidence_factors=Policy.default().evidence_factors,
        grade_bands=(("A", 99), ("B", 90), ("C", 80), ("D", 70), ("E", 0)),
        grade_caps=(),
        recommendations=(
            ("A", "recommended"),
            ("B", "acceptable_with_conditions"),
            ("C", "high_risk"),
            ("D", "not_recommended"),
            ("E", "not_recommended"),
        ),
    )
    card = score(rubric(question("q1"), policy=strict), [answer("q1", "good", override_score=95)])
    assert (card.grade, card.recommendation) == ("B", "acceptable_with_conditions")
