"""Hypothesis strategies: random valid rubrics, policies and answer sets for property tests."""

from hypothesis import strategies as st

from scoring import (
    EVIDENCE_LEVELS,
    GRADES,
    RECOMMENDATIONS,
    SEVERITIES,
    AnswerInput,
    Domain,
    FindingSpec,
    Option,
    Policy,
    Question,
    Rubric,
    ShowIf,
)

weights = st.floats(min_value=0.1, max_value=10, allow_nan=False, allow_infinity=False)
levels = st.sampled_from(EVIDENCE_LEVELS)
findings = st.builds(
    FindingSpec, severity=st.sampled_from(SEVERITIES), title=st.just("Flag"), rationale=st.just("")
)


@st.composite
def policies(draw: st.DrawFn) -> Policy:
    factors = sorted(draw(st.lists(st.floats(0, 1), min_size=4, max_size=4)))
    bands = sorted(draw(st.lists(st.integers(1, 100), min_size=4, max_size=4, unique=True)))
    bands.reverse()
    return Policy(
        evidence_factors=tuple(zip(EVIDENCE_LEVELS, factors, strict=True)),
        grade_bands=tuple(zip(GRADES, [*bands, 0], strict=True)),
        grade_caps=tuple(
            draw(st.dictionaries(st.sampled_from(SEVERITIES), st.sampled_from(GRADES))).items()
        ),
        recommendations=tuple((g, draw(st.sampled_from(RECOMMENDATIONS))) for g in GRADES),
    )


@st.composite
def option_sets(draw: st.DrawFn, *, clean_best: bool) -> tuple[Option, ...]:
    count = draw(st.integers(2, 4))
    options = [
        Option(
            f"o{i}", f"Option {i}", draw(st.integers(0, 100)), finding=draw(st.none() | findings)
        )
        for i in range(count)
    ]
    if clean_best:
        # A top answer that is both full marks and free of red flags, so "all best" can reach A.
        options[0] = Option("o0", "Best", 100)
    return (*options, Option("unknown", "Unknown", 0, unknown=True))


@st.composite
def rubrics(
    draw: st.DrawFn, *, clean_best: bool = False, policy: st.SearchStrategy[Policy] | None = None
) -> Rubric:
    domains = [
        Domain(f"d{i}", f"Domain {i}", draw(weights)) for i in range(draw(st.integers(1, 4)))
    ]
    questions: list[Question] = []
    for n, domain in enumerate(domains):
        # The first domain always has a question, so every rubric has something to score.
        for j in range(draw(st.integers(1 if n == 0 else 0, 5))):
            show_if = None
            if questions and draw(st.integers(0, 2)) == 0:
                target = draw(st.sampled_from(questions))
                keys = [o.key for o in target.options]
                any_of = draw(st.lists(st.sampled_from(keys), min_size=1, unique=True))
                show_if = ShowIf(target.key, tuple(any_of))
            questions.append(
                Question(
                    key=f"{domain.key}.q{j}",
                    domain=domain.key,
                    text=f"Question {j}?",
                    weight=draw(weights),
                    required=draw(st.booleans()),
                    allows_na=draw(st.booleans()),
                    options=draw(option_sets(clean_best=clean_best)),
                    show_if=show_if,
                )
            )
    chosen_policy = draw(policy) if policy is not None else Policy.default()
    return Rubric(domains=tuple(domains), questions=tuple(questions), policy=chosen_policy)


@st.composite
def answer_for(draw: st.DrawFn, question: Question) -> AnswerInput:
    kind = draw(st.sampled_from(["option", "option", "option", "na", "bogus_option"]))
    option = {
        "option": draw(st.sampled_from([o.key for o in question.options])),
        "na": None,
        "bogus_option": "no_such_option",
    }[kind]
    return AnswerInput(
        question=question.key,
        option=option,
        na=kind == "na",
        evidence_level=draw(levels),
        override_score=draw(st.none() | st.none() | st.floats(0, 100)),
        finding_accepted=draw(st.booleans()),
        acceptance_justification=draw(st.sampled_from(["", "Accepted by the board."])),
    )


@st.composite
def answer_sets(draw: st.DrawFn, rubric: Rubric) -> list[AnswerInput]:
    answers = []
    for question in rubric.questions:
        if draw(st.integers(0, 4)) > 0:
            answers.append(draw(answer_for(question)))
    if draw(st.booleans()):
        answers.append(AnswerInput("not.in.rubric", "o0"))
    return answers


@st.composite
def rubric_with_answers(
    draw: st.DrawFn, *, policy: st.SearchStrategy[Policy] | None = None
) -> tuple[Rubric, list[AnswerInput]]:
    rubric = draw(rubrics(policy=policy))
    return rubric, draw(answer_sets(rubric))
