"""Under `follow_ups: refine` (questionnaire v2) a follow-up only refines the answer that showed it:
the pair scores as that answer's points times the follow-up's / 100, with that answer's weight
alone, backed no better than the weaker of the two. So no path through a weaker answer can beat a
stronger one, and an unknown answer scores 0 whatever its follow-ups say."""

import pytest

from scoring import Policy, RubricError, score
from tests.scoring.builders import answer, question, refining_policy, rubric

FOLLOW_UP = question("f", show_if=("c", ("partial", "poor")), refines="c", allows_na=True)


def _pair(*extra, policy=None):
    return rubric(question("c", weight=2), FOLLOW_UP, *extra, policy=policy or refining_policy())


def _domain(r, *answers) -> float:
    return score(r, answers).domains[0].claimed


def test_the_stronger_answer_needs_no_follow_up():
    assert _domain(_pair(), answer("c", "good")) == 100


@pytest.mark.parametrize(
    ("follow_up", "expected"),
    [("good", 50.0), ("partial", 25.0), ("poor", 0.0), ("unknown", 0.0), (None, 0.0)],
)
def test_a_follow_up_scales_the_weaker_answer_down_never_up(follow_up, expected):
    answers = [answer("c", "partial")]
    if follow_up is not None:
        answers.append(answer("f", follow_up))
    assert _domain(_pair(), *answers) == expected  # an unanswered follow-up refines to nothing


def test_a_follow_up_that_does_not_apply_leaves_the_answer_as_it_is():
    assert _domain(_pair(), answer("c", "partial"), answer("f", na=True)) == 50


def test_the_pair_weighs_as_the_answer_alone():
    r = _pair(question("q"))
    card = score(r, [answer("c", "partial"), answer("f", "partial"), answer("q", "good")])
    assert card.domains[0].claimed == pytest.approx((25 * 2 + 100 * 1) / 3)
    trace = {t.key: t for t in card.trace}
    assert trace["f"].refines == "c" and trace["f"].claimed_contribution == 0
    assert trace["c"].effective_score == 25
    assert sum(t.claimed_contribution for t in card.trace) == pytest.approx(card.domains[0].claimed)


def test_the_pair_is_backed_no_better_than_its_weaker_answer():
    card = score(_pair(), [answer("c", "partial", "verified"), answer("f", "good", "claim")])
    assert card.domains[0].evidenced == pytest.approx(50 * 0.4)
    card = score(_pair(), [answer("c", "partial", "claim"), answer("f", "good", "verified")])
    assert card.domains[0].evidenced == pytest.approx(50 * 0.4)


def test_a_follow_up_of_a_follow_up_refines_through_its_parent():
    deeper = question("g", show_if=("f", ("partial", "poor")), refines="f")
    r = _pair(deeper)
    answers = [answer("c", "partial"), answer("f", "partial"), answer("g", "partial")]
    assert _domain(r, *answers) == pytest.approx(50 * 0.5 * 0.5)


def test_a_reviewers_override_of_the_answer_is_final():
    answers = [answer("c", "partial", override_score=80), answer("f", "poor")]
    assert _domain(_pair(), *answers) == 80


def test_under_the_v1_rule_a_follow_up_still_weighs_on_its_own():
    r = rubric(question("c", weight=2), question("f", show_if=("c", ("partial", "poor"))))
    assert _domain(r, answer("c", "partial"), answer("f", "good")) == pytest.approx(200 / 3)


def test_refines_needs_the_refine_rule():
    with pytest.raises(RubricError, match=r"refines needs scoring\.follow_ups: refine"):
        _pair(policy=Policy.default())


def test_under_refine_a_scored_follow_up_must_say_what_it_refines():
    with pytest.raises(RubricError, match="must say which answer it refines"):
        rubric(question("c"), question("f", show_if=("c", ("poor",))), policy=refining_policy())


def test_a_follow_up_refines_only_the_answer_that_shows_it():
    with pytest.raises(RubricError, match="is not one of the questions its show_if depends on"):
        rubric(
            question("c"),
            question("x"),
            question("f", show_if=("c", ("poor",)), refines="x"),
            policy=refining_policy(),
        )


def test_a_follow_up_may_not_appear_under_a_stronger_answer_than_one_that_hides_it():
    with pytest.raises(RubricError, match="may only refine weaker answers"):
        rubric(
            question("c"),
            question("f", show_if=("c", ("good",)), refines="c"),
            policy=refining_policy(),
        )
