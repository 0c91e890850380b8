"""Hypothesis strategies: random valid rubrics, policies and answer sets for property tests."""

from hypothesis import strategies as st

from scoring import (
    EVIDENCE_LEVELS,
    GRADES,
    HORIZONS,
    QUALITIES,
    RECOMMENDATIONS,
    SEVERITIES,
    AnswerInput,
    Domain,
    FindingSpec,
    Impact,
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

# What an option costs us: distinct qualities, each at one or both horizons.
impact_lists = st.lists(
    st.builds(
        Impact,
        quality=st.sampled_from(QUALITIES),
        horizons=st.lists(st.sampled_from(HORIZONS), min_size=1, max_size=2, unique=True).map(
            tuple
        ),
        reason=st.just("Why it costs us."),
    ),
    max_size=3,
    unique_by=lambda impact: impact.quality,
).map(tuple)


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
            f"o{i}",
            f"Option {i}",
            draw(st.integers(0, 100)),
            finding=draw(st.none() | findings),
            impacts=draw(impact_lists),
        )
        for i in range(count)
    ]
    if clean_best:
        # A top answer that is both full marks and free of red flags, so "all best" can reach A.
        options[0] = Option("o0", "Best", 100)
    return (*options, Option("unknown", "Unknown", 0, unknown=True, impacts=draw(impact_lists)))


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


_SEVERITY_RANK = {severity: rank for rank, severity in enumerate(SEVERITIES)}


def _unknown_as_severe_as(options: list[Option], draw: st.DrawFn) -> Option:
    """Questionnaire v2's unknown answer: a finding at least as severe as the worst known one."""
    flagged = [o.finding.severity for o in options if o.finding is not None]
    if not flagged and draw(st.booleans()):
        return Option("unknown", "Unknown", 0, unknown=True)
    worst = min(flagged, key=_SEVERITY_RANK.__getitem__) if flagged else SEVERITIES[-1]
    severity = draw(st.sampled_from(SEVERITIES[: _SEVERITY_RANK[worst] + 1]))
    return Option("unknown", "Unknown", 0, unknown=True, finding=FindingSpec(severity, "?", ""))


@st.composite
def refine_rubrics(draw: st.DrawFn) -> Rubric:
    """Random questionnaires under questionnaire v2's rules: a context question first (the
    deployment), follow-ups that refine the answers that show them (chains included), shown only
    under weaker answers, some also gated on the deployment; unknown findings required."""
    profile = Question(
        "profile",
        "d0",
        "Deployment?",
        options=tuple(Option(f"p{i}", f"Profile {i}", 0) for i in range(3)),
        scored=False,
    )
    domains = [
        Domain(f"d{i}", f"Domain {i}", draw(weights)) for i in range(draw(st.integers(1, 3)))
    ]
    questions: list[Question] = [profile]
    for n, domain in enumerate(domains):
        for j in range(draw(st.integers(1 if n == 0 else 0, 5))):
            known = list(draw(option_sets(clean_best=False))[:-1])
            options = (*known, _unknown_as_severe_as(known, draw))
            conditions = []
            if draw(st.integers(0, 3)) == 0:
                shows = draw(st.lists(st.sampled_from(["p0", "p1", "p2"]), min_size=1, unique=True))
                conditions.append(ShowIf("profile", tuple(shows)))
            refines = None
            scored_so_far = [q for q in questions if q.scored]
            if scored_so_far and draw(st.integers(0, 1)) == 0:
                answer_q = draw(st.sampled_from(scored_so_far))
                scores = sorted({o.score for o in answer_q.options if not o.unknown})
                threshold = draw(st.sampled_from(scores))
                shows = [o.key for o in answer_q.options if not o.unknown and o.score <= threshold]
                if draw(st.booleans()):
                    shows.append("unknown")
                conditions.append(ShowIf(answer_q.key, tuple(shows)))
                refines = answer_q.key
            questions.append(
                Question(
                    key=f"{domain.key}.q{j}",
                    domain=domain.key,
                    text=f"Question {j}?",
                    weight=draw(weights),
                    required=draw(st.booleans()),
                    allows_na=draw(st.booleans()),
                    options=options,
                    show_if=tuple(conditions) if conditions else None,
                    refines=refines,
                )
            )
    default = Policy.default()
    policy = Policy(
        evidence_factors=default.evidence_factors,
        grade_bands=default.grade_bands,
        grade_caps=default.grade_caps,
        recommendations=default.recommendations,
        follow_ups="refine",
        unknown_findings="required",
    )
    # The context question lives in the first domain's place; domain d0 must exist.
    if domains[0].key != "d0":
        domains.insert(0, Domain("d0", "Domain 0", 1.0))
    return Rubric(domains=tuple(domains), questions=tuple(questions), policy=policy)
