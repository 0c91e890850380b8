"""Cross-reference checks and the lookup tables score() needs, built once per rubric.

A rubric is frozen, so everything that depends only on it (positions, option maps, which question
controls which follow-up) is derived at construction and reused by every score() call.
"""

from dataclasses import dataclass

from scoring.nodes import Domain, Option, Question
from scoring.vocabulary import RubricError


# eq=False: the dicts inside are not hashable and two indexes are never compared.
@dataclass(frozen=True, slots=True, eq=False)
class RubricIndex:
    position: dict[str, int]
    """Question key -> position in rubric order."""
    options: tuple[dict[str, Option], ...]
    """Per question position: option key -> option."""
    domain_of: tuple[int, ...]
    """Per question position: position of its domain."""
    show_if: tuple[tuple[int, frozenset[str]] | None, ...]
    """Per question position: (controlling question position, option keys that show it)."""
    controllers: frozenset[str]
    """Keys of questions whose answer decides whether another question is shown."""


def build_index(domains: tuple[Domain, ...], questions: tuple[Question, ...]) -> RubricIndex:
    domain_pos: dict[str, int] = {}
    for domain in domains:
        if domain.key in domain_pos:
            raise RubricError(f"duplicate domain key {domain.key!r}")
        domain_pos[domain.key] = len(domain_pos)

    position: dict[str, int] = {}
    options: list[dict[str, Option]] = []
    domain_of: list[int] = []
    show_if: list[tuple[int, frozenset[str]] | None] = []
    for question in questions:
        key = question.key
        if key in position:
            raise RubricError(f"duplicate question key {key!r}")
        if question.domain not in domain_pos:
            raise RubricError(f"question {key!r}: unknown domain {question.domain!r}")
        d = domain_pos[question.domain]
        # Rubric order is what the trace, findings and UI follow; interleaved domains would make
        # to_dict() (grouped by domain) disagree with the order the questions were given in.
        if domain_of and d < domain_of[-1]:
            raise RubricError(
                f"question {key!r}: questions must be listed domain by domain in domain order, "
                f"but domain {question.domain!r} comes after {domains[domain_of[-1]].key!r}"
            )
        if not question.options:
            raise RubricError(f"question {key!r}: has no options, so it could never be answered")
        by_key = {option.key: option for option in question.options}
        show_if.append(_resolve_show_if(question, position, options))
        position[key] = len(position)
        options.append(by_key)
        domain_of.append(d)

    return RubricIndex(
        position=position,
        options=tuple(options),
        domain_of=tuple(domain_of),
        show_if=tuple(show_if),
        controllers=frozenset(q.show_if.question for q in questions if q.show_if is not None),
    )


def _resolve_show_if(
    question: Question, earlier: dict[str, int], earlier_options: list[dict[str, Option]]
) -> tuple[int, frozenset[str]] | None:
    cond = question.show_if
    if cond is None:
        return None
    # Only earlier questions may control a follow-up: that rules out cycles and lets score()
    # decide visibility in a single pass in rubric order.
    if cond.question not in earlier:
        raise RubricError(
            f"question {question.key!r}: show_if points at {cond.question!r}, which is not a "
            f"question defined before it"
        )
    controller = earlier[cond.question]
    for option_key in cond.any_of:
        if option_key not in earlier_options[controller]:
            raise RubricError(
                f"question {question.key!r}: show_if option {option_key!r} is not an option of "
                f"question {cond.question!r}"
            )
    return controller, frozenset(cond.any_of)
