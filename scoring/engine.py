"""score(): rubric and answers in, scorecard out.

resolution.resolve() settles each question's status and points; this module turns those into
weighted means per domain and overall, then a trace whose contributions add up to those means.
"""

from collections.abc import Iterable

from scoring.answers import AnswerInput
from scoring.outcome import coverage_of, evidence_mix_of, findings_of, grade_of, ratio
from scoring.resolution import ANSWERED, Row, clamp, resolve
from scoring.rubric import Rubric
from scoring.scorecard import DomainScore, QuestionTrace, Scorecard


def score(rubric: Rubric, answers: Iterable[AnswerInput]) -> Scorecard:
    rows = resolve(rubric, answers)
    counted = _counted(rubric)
    domain_of = rubric.index.domain_of
    n_domains = len(rubric.domains)
    weight_sum = [0.0] * n_domains
    claimed_sum = [0.0] * n_domains
    evidenced_sum = [0.0] * n_domains
    applicable = [0] * n_domains
    answered = [0] * n_domains
    for i, (question, row) in enumerate(zip(rubric.questions, rows, strict=True)):
        if not row.applicable or not counted[i]:
            continue
        d = domain_of[i]
        applicable[d] += 1
        weight_sum[d] += question.weight
        if row.status == ANSWERED and row.factor is not None:
            answered[d] += 1
            claimed_sum[d] += row.effective * question.weight
            evidenced_sum[d] += row.effective * row.factor * question.weight

    claimed_by_domain: list[float | None] = [None] * n_domains
    evidenced_by_domain: list[float | None] = [None] * n_domains
    for d in range(n_domains):
        # A domain with nothing applicable has no score and stays out of the overall.
        if applicable[d]:
            claimed_by_domain[d] = clamp(claimed_sum[d] / weight_sum[d])
            evidenced_by_domain[d] = clamp(evidenced_sum[d] / weight_sum[d])
    weights = [domain.weight if applicable[d] else 0.0 for d, domain in enumerate(rubric.domains)]
    domain_scored = [False] * n_domains
    for i, scored in enumerate(rubric.index.scored):
        domain_scored[domain_of[i]] = domain_scored[domain_of[i]] or scored
    total_weight = sum(weights)
    claimed = _mean(claimed_by_domain, weights, total_weight)
    evidenced = _mean(evidenced_by_domain, weights, total_weight)

    findings = findings_of(rubric, rows)
    uncapped, grade, caps = grade_of(rubric.policy, evidenced, findings)
    domains = tuple(
        DomainScore(
            key=domain.key,
            title=domain.title,
            weight=domain.weight,
            claimed=claimed_by_domain[d],
            evidenced=evidenced_by_domain[d],
            gap=_gap(claimed_by_domain[d], evidenced_by_domain[d]),
            applicable=applicable[d],
            answered=answered[d],
            coverage=ratio(answered[d], applicable[d]),
            scored=domain_scored[d],
        )
        for d, domain in enumerate(rubric.domains)
    )
    return Scorecard(
        claimed=claimed,
        evidenced=evidenced,
        gap=claimed - evidenced,
        grade=grade,
        uncapped_grade=uncapped,
        recommendation=rubric.policy.recommendation_for(grade),
        caps_applied=caps,
        domains=domains,
        findings=findings,
        evidence_mix=evidence_mix_of(rubric, rows),
        coverage=coverage_of(rubric, rows),
        trace=_trace(rubric, rows, counted, weight_sum, weights, total_weight),
    )


def _counted(rubric: Rubric) -> list[bool]:
    """Per question, whether it adds its own weight to its domain when shown: not a context
    question, and not a follow-up folded into the answer it refines."""
    index = rubric.index
    refining = rubric.policy.refines_follow_ups
    return [
        scored and not (refining and refines is not None)
        for scored, refines in zip(index.scored, index.refines, strict=True)
    ]


def _mean(scores: list[float | None], weights: list[float], total_weight: float) -> float:
    if not total_weight:
        return 0.0
    total = 0.0
    for value, weight in zip(scores, weights, strict=True):
        if value is not None:
            total += value * weight
    return clamp(total / total_weight)


def _gap(claimed: float | None, evidenced: float | None) -> float | None:
    return None if claimed is None or evidenced is None else claimed - evidenced


def _trace(
    rubric: Rubric,
    rows: list[Row],
    counted: list[bool],
    weight_sum: list[float],
    domain_weights: list[float],
    total_weight: float,
) -> tuple[QuestionTrace, ...]:
    domain_of = rubric.index.domain_of
    traces: list[QuestionTrace] = []
    for i, (question, row) in enumerate(zip(rubric.questions, rows, strict=True)):
        claimed_c = evidenced_c = overall_c = overall_e = 0.0
        raw: int | None = None
        effective: float | None = None
        if row.applicable and not counted[i]:
            # A context question or a folded-in follow-up: its points show, it adds nothing itself.
            raw = row.option.score if row.option is not None else 0
            effective = row.effective
        elif row.applicable:
            d = domain_of[i]
            share = question.weight / weight_sum[d]
            domain_share = domain_weights[d] / total_weight
            raw = row.option.score if row.option is not None else 0
            effective = row.effective
            claimed_c = row.effective * share
            evidenced_c = row.effective * (row.factor or 0.0) * share
            overall_c = claimed_c * domain_share
            overall_e = evidenced_c * domain_share
        traces.append(
            QuestionTrace(
                key=question.key,
                domain=question.domain,
                status=row.status,
                option=row.option.key if row.option is not None else None,
                raw_score=raw,
                override_score=row.override,
                effective_score=effective,
                evidence_level=row.level,
                factor=row.factor,
                weight=question.weight,
                claimed_contribution=claimed_c,
                evidenced_contribution=evidenced_c,
                overall_claimed_contribution=overall_c,
                overall_evidenced_contribution=overall_e,
                refines=question.refines if rubric.policy.refines_follow_ups else None,
                scored=question.scored,
            )
        )
    return tuple(traces)
