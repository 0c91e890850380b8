"""Questionnaire v2's rules as properties, over random questionnaires with controlling questions
included (follow-ups that refine, chains of them, context questions, unknown findings): a better
option or stronger evidence never lowers a domain or the overall score, and "unknown" never
scores or grades better than any known answer."""

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from scoring import EVIDENCE_LEVELS, GRADES, AnswerInput, score
from tests.scoring.strategies import answer_sets, levels, refine_rubrics


def _replace(answers: list[AnswerInput], new: AnswerInput) -> list[AnswerInput]:
    return [a for a in answers if a.question != new.question] + [new]


def _no_score_went_down(worse, better, *, claimed: bool = True) -> None:
    tolerance = 1e-9
    assert better.evidenced >= worse.evidenced - tolerance
    if claimed:
        assert better.claimed >= worse.claimed - tolerance
    for lo, hi in zip(worse.domains, better.domains, strict=True):
        if lo.evidenced is not None and hi.evidenced is not None:
            assert hi.evidenced >= lo.evidenced - tolerance
        if claimed and lo.claimed is not None and hi.claimed is not None:
            assert hi.claimed >= lo.claimed - tolerance


@st.composite
def option_upgrades(draw):
    rubric = draw(refine_rubrics())
    question = draw(st.sampled_from([q for q in rubric.questions if q.scored]))
    lower, higher = sorted(
        draw(st.lists(st.sampled_from(question.options), min_size=2, max_size=2)),
        key=lambda o: (o.score, not o.unknown),
    )
    answers = draw(answer_sets(rubric))
    base = AnswerInput(question.key, lower.key, evidence_level=draw(levels))
    return rubric, answers, base, dataclasses.replace(base, option=higher.key)


@settings(deadline=None, max_examples=300)
@given(option_upgrades())
def test_a_better_option_never_lowers_a_score_controllers_included(case):
    rubric, answers, worse, better = case
    _no_score_went_down(
        score(rubric, _replace(answers, worse)), score(rubric, _replace(answers, better))
    )


@st.composite
def evidence_upgrades(draw):
    rubric = draw(refine_rubrics())
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


@settings(deadline=None, max_examples=300)
@given(evidence_upgrades())
def test_stronger_evidence_never_lowers_a_score_follow_ups_included(case):
    rubric, answers, weaker, stronger = case
    before = score(rubric, _replace(answers, weaker))
    after = score(rubric, _replace(answers, stronger))
    _no_score_went_down(before, after, claimed=False)
    assert after.claimed == before.claimed


@st.composite
def unknown_against_known(draw):
    rubric = draw(refine_rubrics())
    question = draw(st.sampled_from([q for q in rubric.questions if q.scored]))
    known = draw(st.sampled_from([o for o in question.options if not o.unknown]))
    answers = draw(answer_sets(rubric))
    accepted = draw(st.booleans())
    base = AnswerInput(
        question.key, "unknown", evidence_level=draw(levels), finding_accepted=accepted
    )
    return rubric, answers, base, dataclasses.replace(base, option=known.key)


@settings(deadline=None, max_examples=300)
@given(unknown_against_known())
def test_unknown_never_scores_or_grades_better_than_a_known_answer(case):
    rubric, answers, unknown, known = case
    if_unknown = score(rubric, _replace(answers, unknown))
    if_known = score(rubric, _replace(answers, known))
    _no_score_went_down(if_unknown, if_known)
    assert GRADES.index(if_unknown.grade) >= GRADES.index(if_known.grade)
