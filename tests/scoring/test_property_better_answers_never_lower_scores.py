import dataclasses

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from scoring import EVIDENCE_LEVELS, AnswerInput, score
from tests.scoring.strategies import answer_sets, levels, policies, rubrics


def _replace(answers: list[AnswerInput], new: AnswerInput) -> list[AnswerInput]:
    return [a for a in answers if a.question != new.question] + [new]


def _not_lower(before, after):
    if before is None:
        return after is None
    return after >= before


def _assert_no_score_went_down(worse, better, *, claimed: bool = True):
    assert better.evidenced >= worse.evidenced
    if claimed:
        assert better.claimed >= worse.claimed
    for lo, hi in zip(worse.domains, better.domains, strict=True):
        assert _not_lower(lo.evidenced, hi.evidenced)
        if claimed:
            assert _not_lower(lo.claimed, hi.claimed)


@st.composite
def option_upgrades(draw):
    rubric = draw(rubrics(policy=policies()))
    free = [q for q in rubric.questions if q.key not in rubric.index.controllers]
    assume(free)
    question = draw(st.sampled_from(free))
    lower, higher = sorted(
        draw(st.lists(st.sampled_from(question.options), min_size=2, max_size=2)),
        key=lambda o: o.score,
    )
    answers = draw(answer_sets(rubric))
    base = AnswerInput(question.key, lower.key, evidence_level=draw(levels))
    return rubric, answers, base, dataclasses.replace(base, option=higher.key)


@settings(deadline=None)
@given(option_upgrades())
def test_a_higher_scoring_option_never_lowers_domain_or_overall_scores(case):
    rubric, answers, worse, better = case
    _assert_no_score_went_down(
        score(rubric, _replace(answers, worse)), score(rubric, _replace(answers, better))
    )


@st.composite
def evidence_upgrades(draw):
    rubric = draw(rubrics(policy=policies()))
    question = draw(st.sampled_from(rubric.questions))
    lo, hi = sorted(
        draw(st.lists(st.sampled_from(EVIDENCE_LEVELS), min_size=2, max_size=2)),
        key=EVIDENCE_LEVELS.index,
    )
    answers = draw(answer_sets(rubric))
    base = AnswerInput(
        question.key,
        draw(st.sampled_from(question.options)).key,
        evidence_level=lo,
        override_score=draw(st.none() | st.floats(0, 100)),
    )
    return rubric, answers, base, dataclasses.replace(base, evidence_level=hi)


@settings(deadline=None)
@given(evidence_upgrades())
def test_stronger_evidence_never_lowers_the_evidenced_score_and_leaves_claimed_alone(case):
    rubric, answers, weaker, stronger = case
    before = score(rubric, _replace(answers, weaker))
    after = score(rubric, _replace(answers, stronger))
    _assert_no_score_went_down(before, after, claimed=False)
    assert after.claimed == before.claimed
