"""Answers as the engine receives them, and the one rule for picking an answer per question.

Validation happens in Django before scoring; here we only make sure that whatever arrives, the same
set of answers always gives the same scorecard, whatever order it came in.
"""

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class AnswerInput:
    question: str
    option: str | None = None
    na: bool = False
    evidence_level: str = "claim"
    override_score: float | None = None
    override_justification: str = ""
    finding_accepted: bool = False
    acceptance_justification: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "option": self.option,
            "na": self.na,
            "evidence_level": self.evidence_level,
            "override_score": self.override_score,
            "override_justification": self.override_justification,
            "finding_accepted": self.finding_accepted,
            "acceptance_justification": self.acceptance_justification,
        }


def answer_sort_key(answer: AnswerInput) -> tuple[str, str]:
    """Total order on answers: by question key, then by full content to break ties."""
    # default=str keeps this total even for values Django validation should have refused.
    content = json.dumps(answer.to_dict(), sort_keys=True, default=str)
    return (str(answer.question), content)


def answers_by_question(
    answers: Iterable[AnswerInput], known: Mapping[str, int]
) -> dict[str, AnswerInput]:
    """One answer per known question; answers to questions the rubric lacks are ignored.

    Two answers to the same question should not reach us, but if they do the winner must not depend
    on input order, so the smallest by `answer_sort_key` wins.
    """
    chosen: dict[str, AnswerInput] = {}
    for answer in answers:
        key = answer.question
        if key not in known:
            continue
        current = chosen.get(key)
        if current is None or answer_sort_key(answer) < answer_sort_key(current):
            chosen[key] = answer
    return chosen
