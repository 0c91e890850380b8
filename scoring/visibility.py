"""Which follow-up questions show_if hides: the one definition, in Python.

A question with `show_if: {question: Q, any_of: [...]}` is shown only when Q is shown and its
chosen option is one of `any_of`; an unanswered, N/A or hidden Q hides it. A list of such
conditions shows the question only when every one holds. The rubric refuses a show_if that points
forwards, so one pass in rubric order settles everything.

score() uses it, the answer sheet every page reads (assessments/answers/sheet.py) uses it, and
the form's script carries the only other copy (static/js/show-if.js), which a browser test checks
against this one on every rule of the shipped questionnaire.
"""

from collections.abc import Mapping, Sequence

from scoring.index import RubricIndex
from scoring.rubric import Rubric


def hidden_positions(index: RubricIndex, chosen: Sequence[str | None]) -> list[bool]:
    """Per question position, whether it is hidden; `chosen` holds each position's chosen option
    key (None for no option)."""
    hidden: list[bool] = []
    for conditions in index.show_if:
        hidden.append(
            any(
                hidden[controller] or chosen[controller] not in shown_by
                for controller, shown_by in conditions
            )
        )
    return hidden


def hidden_questions(rubric: Rubric, chosen: Mapping[str, str | None]) -> frozenset[str]:
    """The keys of the questions show_if hides, given each question's chosen option key (a key
    left out counts as no option)."""
    keys = [question.key for question in rubric.questions]
    hidden = hidden_positions(rubric.index, [chosen.get(key) for key in keys])
    return frozenset(key for key, is_hidden in zip(keys, hidden, strict=True) if is_hidden)
