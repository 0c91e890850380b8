from hypothesis import given, settings

from scoring import score
from tests.scoring.strategies import policies, rubric_with_answers


@settings(deadline=None)
@given(rubric_with_answers(policy=policies()))
def test_scores_stay_within_0_100_and_evidenced_never_exceeds_claimed(case):
    rubric, answers = case
    card = score(rubric, answers)
    assert 0.0 <= card.evidenced <= card.claimed <= 100.0
    assert card.gap >= 0.0
    for domain in card.domains:
        if domain.applicable:
            assert 0.0 <= domain.evidenced <= domain.claimed <= 100.0
        else:
            assert domain.claimed is domain.evidenced is None
        assert 0.0 <= domain.coverage <= 1.0
    assert 0.0 <= card.coverage.ratio <= 1.0


@settings(deadline=None)
@given(rubric_with_answers(policy=policies()))
def test_grade_is_never_better_than_the_uncapped_grade(case):
    rubric, answers = case
    card = score(rubric, answers)
    assert card.grade >= card.uncapped_grade  # "A" < "E": later letters are worse
    assert card.recommendation == rubric.policy.recommendation_for(card.grade)


@settings(deadline=None)
@given(rubric_with_answers())
def test_evidence_mix_shares_sum_to_one_or_all_zero(case):
    rubric, answers = case
    card = score(rubric, answers)
    total = sum(e.share for e in card.evidence_mix)
    assert abs(total - (1.0 if card.coverage.answered else 0.0)) < 1e-9
    assert sum(e.count for e in card.evidence_mix) == card.coverage.answered
