"""Terse builders for hand-checked scoring examples.

Every example question gets the same four options unless it says otherwise, so the arithmetic in a
test reads straight off the option names: good = 100, partial = 50, poor = 0, unknown = 0.
"""

from scoring import AnswerInput, Domain, FindingSpec, Option, Policy, Question, Rubric, ShowIf

GOOD = Option("good", "Good", 100)
PARTIAL = Option("partial", "Partial", 50)
POOR = Option("poor", "Poor", 0)
UNKNOWN = Option("unknown", "Unknown", 0, unknown=True)
STANDARD_OPTIONS = (GOOD, PARTIAL, POOR, UNKNOWN)


def flagged(key: str, score: int, severity: str, title: str = "") -> Option:
    """An option that raises a finding of `severity`."""
    finding = FindingSpec(severity, title or f"{severity} red flag", f"Why {key} is a problem.")
    return Option(key, key.capitalize(), score, finding=finding)


def question(
    key: str,
    domain: str = "d1",
    *,
    weight: float = 1.0,
    required: bool = True,
    allows_na: bool = False,
    options: tuple[Option, ...] = STANDARD_OPTIONS,
    show_if: tuple[str, tuple[str, ...]] | list[tuple[str, tuple[str, ...]]] | None = None,
    refines: str | None = None,
    scored: bool = True,
) -> Question:
    """`show_if` is one (question, options) condition or a list of them that must all hold."""
    if isinstance(show_if, list):
        condition: ShowIf | tuple[ShowIf, ...] | None = tuple(ShowIf(*c) for c in show_if)
    else:
        condition = ShowIf(*show_if) if show_if else None
    return Question(
        key=key,
        domain=domain,
        text=f"Question {key}?",
        weight=weight,
        required=required,
        allows_na=allows_na,
        options=options,
        show_if=condition,
        refines=refines,
        scored=scored,
    )


def refining_policy(**rules: str) -> Policy:
    """The default policy with questionnaire v2's rules: follow-ups refine; `rules` adds more."""
    default = Policy.default()
    return Policy(
        evidence_factors=default.evidence_factors,
        grade_bands=default.grade_bands,
        grade_caps=default.grade_caps,
        recommendations=default.recommendations,
        follow_ups="refine",
        **rules,
    )


def unknown_raises(
    severity: str, options: tuple[Option, ...] = STANDARD_OPTIONS
) -> tuple[Option, ...]:
    """The options with an unknown answer that raises a finding of `severity`."""
    finding = FindingSpec(severity, "Not known", "Nobody could say.")
    return tuple(
        Option(o.key, o.label, o.score, unknown=True, finding=finding) if o.unknown else o
        for o in options
    )


def rubric(
    *questions: Question,
    domain_weights: dict[str, float] | None = None,
    policy: Policy | None = None,
) -> Rubric:
    """Domains in order of first use (then any extra weighted ones), weighted 1 unless given."""
    weights = domain_weights or {}
    keys = list(dict.fromkeys([*(q.domain for q in questions), *weights]))
    domains = tuple(Domain(k, f"Domain {k}", weights.get(k, 1.0)) for k in keys)
    return Rubric(domains=domains, questions=questions, policy=policy or Policy.default())


def answer(
    question_key: str, option: str | None = None, level: str = "verified", **fields: object
) -> AnswerInput:
    """An answer, verified unless said otherwise so claimed and evidenced agree by default."""
    return AnswerInput(question=question_key, option=option, evidence_level=level, **fields)  # type: ignore[arg-type]
