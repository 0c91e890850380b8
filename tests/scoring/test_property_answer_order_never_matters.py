import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from scoring import canonical_json, inputs_sha256, score
from tests.scoring.strategies import answer_for, rubric_with_answers


@st.composite
def shuffled_cases(draw):
    rubric, answers = draw(rubric_with_answers())
    # Duplicate answers should not reach the engine, but if they do, order still must not matter.
    if answers and draw(st.booleans()):
        victim = draw(st.sampled_from(answers))
        question = (
            rubric.questions[rubric.index.position[victim.question]]
            if (victim.question in rubric.index.position)
            else None
        )
        if question is not None:
            answers.append(draw(answer_for(question)))
        answers.append(dataclasses.replace(victim))
    return rubric, answers, draw(st.permutations(answers))


@settings(deadline=None)
@given(shuffled_cases())
def test_answer_order_never_changes_the_snapshot_or_the_inputs_hash(case):
    rubric, answers, shuffled = case
    assert canonical_json(score(rubric, answers).to_dict()) == canonical_json(
        score(rubric, shuffled).to_dict()
    )
    assert inputs_sha256(rubric, answers) == inputs_sha256(rubric, shuffled)
