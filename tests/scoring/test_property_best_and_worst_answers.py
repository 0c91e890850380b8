from hypothesis import given, settings
from hypothesis import strategies as st

from scoring import AnswerInput, score
from tests.scoring.strategies import levels, rubrics


def _best(question):
    return max(question.options, key=lambda o: (o.score, o.finding is None))


def _worst(question):
    return min(question.options, key=lambda o: o.score)


@settings(deadline=None)
@given(rubrics(clean_best=True))
def test_all_best_options_verified_score_100_grade_a_and_are_recommended(rubric):
    answers = [
        AnswerInput(q.key, _best(q).key, evidence_level="verified") for q in rubric.questions
    ]
    card = score(rubric, answers)
    snapshot = card.to_dict()
    assert snapshot["claimed"] == snapshot["evidenced"] == 100.0
    assert (card.grade, card.recommendation) == ("A", "recommended")
    assert card.findings == ()


@settings(deadline=None)
@given(rubrics(), st.data())
def test_all_worst_options_score_0_and_grade_e(rubric, data):
    answers = [
        AnswerInput(q.key, _worst(q).key, evidence_level=data.draw(levels))
        for q in rubric.questions
    ]
    card = score(rubric, answers)
    assert (card.claimed, card.evidenced) == (0.0, 0.0)
    assert (card.grade, card.recommendation) == ("E", "not_recommended")
