"""Cross-reference checks and the lookup tables score() needs, built once per rubric.

A rubric is frozen, so everything that depends only on it (positions, option maps, which question
controls which follow-up) is derived at construction and reused by every score() call.
"""

from dataclasses import dataclass

from scoring.nodes import Domain, Option, Question
from scoring.policy import Policy
from scoring.vocabulary import SEVERITIES, RubricError

Condition = tuple[int, frozenset[str]]
_RANK = {severity: rank for rank, severity in enumerate(SEVERITIES)}


# eq=False: the dicts inside are not hashable and two indexes are never compared.
@dataclass(frozen=True, slots=True, eq=False)
class RubricIndex:
    position: dict[str, int]
    """Question key -> position in rubric order."""
    options: tuple[dict[str, Option], ...]
    """Per question position: option key -> option."""
    domain_of: tuple[int, ...]
    """Per question position: position of its domain."""
    show_if: tuple[tuple[Condition, ...], ...]
    """Per question position: the conditions that must all hold for it to show, each (controlling
    question position, option keys that show it); empty for a question always shown."""
    refines: tuple[int | None, ...]
    """Per question position: the position of the answer it refines (follow_ups: refine)."""
    scored: tuple[bool, ...]
    """Per question position: False for a context question, which adds to no score."""
    controllers: frozenset[str]
    """Keys of questions whose answer decides whether another question is shown."""


def build_index(
    domains: tuple[Domain, ...], questions: tuple[Question, ...], policy: Policy | None = None
) -> RubricIndex:
    domain_pos: dict[str, int] = {}
    for domain in domains:
        if domain.key in domain_pos:
            raise RubricError(f"duplicate domain key {domain.key!r}")
        domain_pos[domain.key] = len(domain_pos)

    position: dict[str, int] = {}
    options: list[dict[str, Option]] = []
    domain_of: list[int] = []
    show_if: list[tuple[Condition, ...]] = []
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

    scored = tuple(q.scored for q in questions)
    refines = tuple(position[q.refines] if q.refines else None for q in questions)
    policy = policy or Policy.default()
    _check_follow_ups(questions, show_if, refines, scored, policy)
    if policy.unknown_findings == "required":
        _check_unknown_findings(questions)
    return RubricIndex(
        position=position,
        options=tuple(options),
        domain_of=tuple(domain_of),
        show_if=tuple(show_if),
        refines=refines,
        scored=scored,
        controllers=frozenset(c.question for q in questions for c in q.conditions),
    )


def _resolve_show_if(
    question: Question, earlier: dict[str, int], earlier_options: list[dict[str, Option]]
) -> tuple[Condition, ...]:
    resolved = []
    for cond in question.conditions:
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
                    f"question {question.key!r}: show_if option {option_key!r} is not an option "
                    f"of question {cond.question!r}"
                )
        resolved.append((controller, frozenset(cond.any_of)))
    return tuple(resolved)


def _check_follow_ups(
    questions: tuple[Question, ...],
    show_if: list[tuple[Condition, ...]],
    refines: tuple[int | None, ...],
    scored: tuple[bool, ...],
    policy: Policy,
) -> None:
    for i, question in enumerate(questions):
        where = f"question {question.key!r}"
        target = refines[i]
        if target is not None and not policy.refines_follow_ups:
            raise RubricError(f"{where}: refines needs scoring.follow_ups: refine")
        if target is not None and not (scored[target] and scored[i]):
            raise RubricError(f"{where}: only a scored question refines a scored answer")
        if not policy.refines_follow_ups or not scored[i]:
            continue
        if target is not None:
            _check_refines_only_weaker_answers(question, questions[target])
        # A scored follow-up that added its own weight could lift a path through a weaker answer
        # above the stronger answer; under "refine" it must refine the answer that shows it.
        scored_controllers = [c for c, _ in show_if[i] if scored[c]]
        if scored_controllers and target is None:
            raise RubricError(
                f"{where}: shown by a scored answer, so it must say which answer it refines "
                "(refines: <question key>)"
            )


def _check_refines_only_weaker_answers(follow_up: Question, answer: Question) -> None:
    """A follow-up may only appear under answers that score no higher than every known answer
    that hides it: refining multiplies by at most 1, so a path through a weaker answer then never
    beats a stronger one, whatever the follow-up says."""
    shows = next(c.any_of for c in follow_up.conditions if c.question == answer.key)
    shown = [o.score for o in answer.options if o.key in shows and not o.unknown]
    hidden = [o.score for o in answer.options if o.key not in shows and not o.unknown]
    if shown and hidden and max(shown) > min(hidden):
        raise RubricError(
            f"question {follow_up.key!r}: it refines {answer.key!r} but is shown by an answer "
            f"scoring {max(shown)}, above an answer scoring {min(hidden)} that hides it; a "
            "follow-up may only refine weaker answers"
        )


def _check_unknown_findings(questions: tuple[Question, ...]) -> None:
    for question in questions:
        severities = [o.finding.severity for o in question.options if o.finding and not o.unknown]
        if not severities or not question.scored:
            continue
        unknown = question.unknown_option
        worst = min(severities, key=_RANK.__getitem__)
        if unknown is None or unknown.finding is None:
            raise RubricError(
                f"question {question.key!r}: its answers raise findings, so an unknown answer "
                f"must raise one too (unknown_finding), at least {worst}"
            )
        if _RANK[unknown.finding.severity] > _RANK[worst]:
            raise RubricError(
                f"question {question.key!r}: an unknown answer raises "
                f"{unknown.finding.severity}, less than the {worst} of a known answer; not "
                "knowing must never grade better than an honest answer"
            )
