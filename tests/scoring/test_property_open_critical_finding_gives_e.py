import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from scoring import AnswerInput, FindingSpec, Option, score
from tests.scoring.strategies import levels, rubric_with_answers

CRITICAL = FindingSpec("critical", "Kernel content pushed to everyone at once", "No staging.")


@st.composite
def critical_cases(draw):
    rubric, answers = draw(rubric_with_answers())
    # The first question can have no show_if (nothing comes before it), so it is always shown.
    first = rubric.questions[0]
    points = draw(st.integers(0, 100))
    flagged = Option("crit", "Red flag", points, finding=CRITICAL)
    clean = Option("crit", "Same points, no flag", points)

    def with_option(option):
        question = dataclasses.replace(first, options=(*first.options, option))
        return dataclasses.replace(rubric, questions=(question, *rubric.questions[1:]))

    answers = [a for a in answers if a.question != first.key]
    answer = AnswerInput(first.key, "crit", evidence_level=draw(levels))
    return with_option(flagged), with_option(clean), answers, answer


@settings(deadline=None)
@given(critical_cases())
def test_an_open_critical_finding_always_gives_e_and_not_recommended(case):
    rubric, _, answers, answer = case
    card = score(rubric, [*answers, answer])
    assert (card.grade, card.recommendation) == ("E", "not_recommended")
    assert any(f.question == answer.question and not f.accepted for f in card.findings)


@settings(deadline=None)
@given(critical_cases())
def test_accepting_the_critical_finding_removes_its_cap_but_keeps_the_finding(case):
    rubric, unflagged, answers, answer = case
    accepted = dataclasses.replace(
        answer, finding_accepted=True, acceptance_justification="Compensating control in place."
    )
    card = score(rubric, [*answers, accepted])
    (finding,) = [f for f in card.findings if f.question == answer.question]
    assert finding.accepted
    assert finding.acceptance_justification == "Compensating control in place."
    assert all(c.question != answer.question for c in card.caps_applied)
    # Accepted means graded as if the option carried no red flag at all.
    assert card.grade == score(unflagged, [*answers, accepted]).grade
