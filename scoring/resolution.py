"""First pass of score(): what each question's status, option and points are, in rubric order.

Each question's answer is resolved on its own first; then show_if (scoring/visibility.py) hides the
follow-ups whose controlling answer does not show them, and only what stays visible is weighed.
"""

import math
from collections.abc import Iterable

from scoring.answers import AnswerInput, answers_by_question
from scoring.nodes import Option
from scoring.rubric import Rubric
from scoring.visibility import hidden_positions
from scoring.vocabulary import WEAKEST_EVIDENCE

ANSWERED = "answered"
UNANSWERED = "unanswered"
NA = "na"
HIDDEN = "hidden"


class Row:
    """One question's resolved answer; internal to the engine, so a plain slotted class."""

    __slots__ = ("answer", "effective", "factor", "level", "option", "override", "status")

    def __init__(self, status: str, answer: AnswerInput | None, option: Option | None) -> None:
        self.status = status
        self.answer = answer
        self.option = option
        self.override: float | None = None
        self.effective = 0.0
        self.level: str | None = None
        self.factor: float | None = None

    @property
    def applicable(self) -> bool:
        return self.status == ANSWERED or self.status == UNANSWERED


def resolve(rubric: Rubric, answers: Iterable[AnswerInput]) -> list[Row]:
    index = rubric.index
    factors = dict(rubric.policy.evidence_factors)
    given = answers_by_question(answers, index.position)
    rows = [
        _resolve_one(question.allows_na, index.options[i], given.get(question.key))
        for i, question in enumerate(rubric.questions)
    ]
    chosen = [row.option.key if row.option is not None else None for row in rows]
    for i, hidden in enumerate(hidden_positions(index, chosen)):
        if hidden:
            rows[i] = Row(HIDDEN, None, None)
        elif rows[i].status == ANSWERED:
            _weigh(rows[i], factors)
    if rubric.policy.refines_follow_ups:
        _refine(index.refines, rows)
    return rows


def _refine(refines: tuple[int | None, ...], rows: list[Row]) -> None:
    """Fold each shown follow-up into the answer it refines: that answer's points times the
    follow-up's / 100, backed no better than the weaker of the two. Last first, so a follow-up of
    a follow-up is folded in before its parent is. An unanswered follow-up refines to nothing (as
    an unknown one does); one answered N/A does not apply and leaves the answer as it is. A
    reviewer's override of the answer is final and is not refined further."""
    for i in range(len(rows) - 1, -1, -1):
        target, row = refines[i], rows[i]
        if target is None or row.status in (HIDDEN, NA):
            continue
        parent = rows[target]
        if parent.status != ANSWERED or parent.override is not None:
            continue
        parent.effective *= row.effective / 100 if row.status == ANSWERED else 0.0
        if row.factor is not None and parent.factor is not None:
            # The pair's level is the answer's own; its weight of evidence is the weaker one's.
            parent.factor = min(parent.factor, row.factor)


def _resolve_one(allows_na: bool, options: dict[str, Option], answer: AnswerInput | None) -> Row:
    if answer is None:
        return Row(UNANSWERED, None, None)
    if answer.na:
        # N/A only leaves the denominator where the rubric allows it; elsewhere it is no answer.
        return Row(NA if allows_na else UNANSWERED, answer, None)
    # An option key the question lacks is no answer at all, not an error: Django validates.
    option = options.get(answer.option) if isinstance(answer.option, str) else None
    return Row(ANSWERED if option is not None else UNANSWERED, answer, option)


def _weigh(row: Row, factors: dict[str, float]) -> None:
    answer, option = row.answer, row.option
    assert answer is not None and option is not None  # only answered rows are weighed
    level = answer.evidence_level
    # An evidence level we cannot place counts as the weakest, never as something stronger.
    row.level = level if level in factors else WEAKEST_EVIDENCE
    row.factor = factors[row.level]
    row.override = _override(answer.override_score)
    row.effective = float(option.score) if row.override is None else row.override


def _override(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
        return None
    return clamp(float(value))


def clamp(value: float) -> float:
    # Float rounding in a weighted mean of 100s can land a hair above 100.
    return min(100.0, max(0.0, value))
