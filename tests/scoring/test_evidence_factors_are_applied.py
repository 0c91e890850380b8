import pytest

from scoring import Policy, score
from tests.scoring.builders import answer, question, rubric


@pytest.mark.parametrize(
    ("level", "evidenced"),
    [("claim", 40.0), ("documented", 70.0), ("attested", 90.0), ("verified", 100.0)],
)
def test_evidenced_score_is_the_claimed_score_times_the_level_factor(level, evidenced):
    card = score(rubric(question("q1")), [answer("q1", "good", level)])
    assert card.claimed == 100.0
    assert card.evidenced == pytest.approx(evidenced)
    assert card.gap == pytest.approx(100.0 - evidenced)
    assert card.trace[0].factor == pytest.approx(evidenced / 100)


def test_factors_come_from_the_rubric_policy_not_the_engine():
    custom = Policy(
        evidence_factors=(
            ("claim", 0.1),
            ("documented", 0.2),
            ("attested", 0.3),
            ("verified", 0.5),
        ),
        grade_bands=Policy.default().grade_bands,
        grade_caps=Policy.default().grade_caps,
        recommendations=Policy.default().recommendations,
    )
    card = score(rubric(question("q1"), policy=custom), [answer("q1", "good", "verified")])
    assert card.evidenced == 50.0


def test_mixed_levels_in_a_domain_give_a_weighted_evidenced_mean():
    r = rubric(question("q1"), question("q2", weight=3))
    card = score(r, [answer("q1", "good", "claim"), answer("q2", "partial", "documented")])
    # claimed (100*1 + 50*3) / 4 = 62.5; evidenced (40*1 + 35*3) / 4 = 36.25
    assert card.claimed == pytest.approx(62.5)
    assert card.evidenced == pytest.approx(36.25)
