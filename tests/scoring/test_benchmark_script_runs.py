"""bench/bench_scoring.py is a script; these tests only keep it working, they do not time."""

import importlib.util
from pathlib import Path

from scoring import AnswerInput, score

BENCH = Path(__file__).resolve().parents[2] / "bench" / "bench_scoring.py"


def _load_bench():
    spec = importlib.util.spec_from_file_location("bench_scoring", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_quick_benchmark_returns_one_row_per_case_with_the_documented_fields():
    rows = _load_bench().run(quick=True)
    names = [row["name"] for row in rows]
    assert "synthetic 300 questions" in names
    assert "synthetic 1000 questions" in names
    for row in rows:
        assert set(row) == {"name", "median_ms", "p10_ms", "p90_ms", "baseline_median_ms", "ratio"}
        assert 0 < row["p10_ms"] <= row["median_ms"] <= row["p90_ms"]


def test_benchmark_baseline_computes_the_same_scores_as_the_engine():
    bench = _load_bench()
    rubric = bench.synthetic_rubric(60)
    # Baseline has no show_if or N/A logic, so compare on answers that keep everything visible.
    answers = [
        AnswerInput(a.question, "best", evidence_level=a.evidence_level)
        for a in bench.full_answers(rubric)
    ]
    claimed, evidenced = bench.baseline(bench.baseline_inputs(rubric, answers))
    card = score(rubric, answers)
    assert abs(card.claimed - claimed) < 1e-9
    assert abs(card.evidenced - evidenced) < 1e-9
