"""Benchmark of scoring.score() against the bare weighted-mean arithmetic.

    python bench/bench_scoring.py            # full run, prints a table
    python bench/bench_scoring.py --quick    # fewer repetitions, for CI smoke runs

Cases: the shipped questionnaire (when assessments/questionnaires/sbd-v1.yaml exists) answered in
full, and synthetic rubrics of 300 and 1,000 questions (9 domains, 4 options, some findings and
show_ifs). The baseline for each case is the same weighted means computed over plain lists of
floats, i.e. the arithmetic with none of the bookkeeping (status, trace, findings, dataclasses).
Targets: real questionnaire median <= 1 ms, 1,000 questions <= 20 ms.
"""

import gc
import random
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    # Run as a plain script from anywhere: the scoring package lives one level up.
    sys.path.insert(0, str(ROOT))

from scoring import (  # noqa: E402
    EVIDENCE_LEVELS,
    AnswerInput,
    Domain,
    FindingSpec,
    Option,
    Policy,
    Question,
    Rubric,
    ShowIf,
    canonical_json,
    score,
)

QUESTIONNAIRE = ROOT / "assessments" / "questionnaires" / "sbd-v1.yaml"
TARGETS_MS = {"real questionnaire": 1.0, "synthetic 1000 questions": 20.0}

# A baseline domain: (effective scores, evidence factors, question weights, domain weight).
BaselineDomain = tuple[list[float], list[float], list[float], float]


def synthetic_rubric(n_questions: int, n_domains: int = 9) -> Rubric:
    domains = tuple(Domain(f"d{i}", f"Domain {i}", 1.0 + (i % 3) * 0.5) for i in range(n_domains))
    questions: list[Question] = []
    per_domain = -(-n_questions // n_domains)
    for i in range(n_questions):
        d = min(i // per_domain, n_domains - 1)
        finding = None
        if i % 10 == 3:
            severity = ("critical", "high", "medium")[i % 3]
            finding = FindingSpec(severity, f"Red flag {i}", "Synthetic rationale.")
        options = (
            Option("best", "Best", 100),
            Option("fair", "Fair", 60),
            Option("poor", "Poor", 20, finding=finding),
            Option("unknown", "Unknown", 0, unknown=True),
        )
        previous = questions[-1] if questions else None
        show_if = None
        if i % 7 == 6 and previous is not None and previous.domain == f"d{d}":
            show_if = ShowIf(previous.key, ("best", "fair"))
        questions.append(
            Question(
                key=f"d{d}.q{i}",
                domain=f"d{d}",
                text=f"Synthetic question {i}?",
                weight=1.0 + (i % 4) * 0.5,
                allows_na=i % 11 == 0,
                options=options,
                show_if=show_if,
            )
        )
    return Rubric(domains=domains, questions=tuple(questions), policy=Policy.default())


def real_rubric() -> Rubric | None:
    if not QUESTIONNAIRE.exists():
        return None
    import yaml  # only needed for the real questionnaire

    return Rubric.from_dict(yaml.safe_load(QUESTIONNAIRE.read_text(encoding="utf-8")))


def full_answers(rubric: Rubric, seed: int = 7) -> list[AnswerInput]:
    """Every question answered, mostly with real options, a few N/A, overrides and acceptances."""
    rng = random.Random(seed)
    answers = []
    for question in rubric.questions:
        option = rng.choice(question.options)
        answers.append(
            AnswerInput(
                question=question.key,
                option=option.key,
                na=question.allows_na and rng.random() < 0.1,
                evidence_level=rng.choice(EVIDENCE_LEVELS),
                override_score=rng.choice([None] * 9 + [55.0]),
                finding_accepted=option.finding is not None and rng.random() < 0.3,
            )
        )
    rng.shuffle(answers)
    return answers


def baseline_inputs(rubric: Rubric, answers: list[AnswerInput]) -> list[BaselineDomain]:
    """Plain lists of floats holding exactly what the weighted means need."""
    factors = dict(rubric.policy.evidence_factors)
    by_key = {a.question: a for a in answers}
    domains: dict[str, BaselineDomain] = {d.key: ([], [], [], d.weight) for d in rubric.domains}
    for question in rubric.questions:
        answer = by_key[question.key]
        option = next(o for o in question.options if o.key == answer.option)
        scores, facs, weights, _ = domains[question.domain]
        scores.append(float(option.score))
        facs.append(factors[answer.evidence_level])
        weights.append(question.weight)
    return list(domains.values())


def baseline(domains: list[BaselineDomain]) -> tuple[float, float]:
    claimed_total = evidenced_total = weight_total = 0.0
    for scores, factors, weights, domain_weight in domains:
        if not weights:
            continue
        w_sum = claimed = evidenced = 0.0
        for s, f, w in zip(scores, factors, weights, strict=True):
            w_sum += w
            claimed += s * w
            evidenced += s * f * w
        claimed_total += claimed / w_sum * domain_weight
        evidenced_total += evidenced / w_sum * domain_weight
        weight_total += domain_weight
    return claimed_total / weight_total, evidenced_total / weight_total


def measure(fn: Callable[[], object], repetitions: int) -> list[float]:
    for _ in range(max(3, repetitions // 20)):
        fn()
    gc.collect()
    timings = []
    for _ in range(repetitions):
        start = time.perf_counter_ns()
        fn()
        timings.append((time.perf_counter_ns() - start) / 1e6)
    return timings


def _row(name: str, timings: list[float], baseline_timings: list[float]) -> dict[str, Any]:
    deciles = statistics.quantiles(timings, n=10)
    median = statistics.median(timings)
    baseline_median = statistics.median(baseline_timings)
    return {
        "name": name,
        "median_ms": median,
        "p10_ms": deciles[0],
        "p90_ms": deciles[-1],
        "baseline_median_ms": baseline_median,
        "ratio": median / baseline_median if baseline_median else float("inf"),
    }


def _snapshot(rubric: Rubric, answers: list[AnswerInput]) -> bytes:
    return canonical_json(score(rubric, answers).to_dict())


def run(quick: bool = False) -> list[dict[str, Any]]:
    cases: list[tuple[str, Rubric, int]] = []
    real = real_rubric()
    if real is not None:
        cases.append(("real questionnaire", real, 2000))
    cases.append(("synthetic 300 questions", synthetic_rubric(300), 400))
    cases.append(("synthetic 1000 questions", synthetic_rubric(1000), 150))

    rows = []
    for name, rubric, repetitions in cases:
        reps = max(20, repetitions // 10) if quick else repetitions
        answers = full_answers(rubric)
        baseline_timings = measure(partial(baseline, baseline_inputs(rubric, answers)), reps)
        rows.append(_row(name, measure(partial(score, rubric, answers), reps), baseline_timings))
        if rubric is real:
            # What the Django adapter really pays to store a decision: scoring plus the snapshot.
            snapshot = measure(partial(_snapshot, rubric, answers), reps)
            rows.append(_row(f"{name} + snapshot", snapshot, baseline_timings))
    return rows


def main(argv: list[str]) -> int:
    rows = run(quick="--quick" in argv)
    header = f"{'case':<36}{'median':>10}{'p10':>10}{'p90':>10}{'baseline':>10}{'ratio':>8}"
    print(header)
    print("-" * len(header))
    for row in rows:
        print(
            f"{row['name']:<36}{row['median_ms']:>10.3f}{row['p10_ms']:>10.3f}"
            f"{row['p90_ms']:>10.3f}{row['baseline_median_ms']:>10.4f}{row['ratio']:>8.1f}"
        )
    print("(milliseconds; ratio = median / baseline median)")
    missed = [
        f"{row['name']}: {row['median_ms']:.3f} ms > {TARGETS_MS[row['name']]} ms"
        for row in rows
        if row["name"] in TARGETS_MS and row["median_ms"] > TARGETS_MS[row["name"]]
    ]
    for line in missed:
        print(f"TARGET MISSED {line}")
    return 1 if missed else 0


if __name__ == "__main__" and "--json" in sys.argv:
    from bench.common import bench_main

    bench_main(run, sys.argv)
elif __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
