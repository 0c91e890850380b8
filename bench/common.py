"""Shared helpers: timing loops, statistics, rows, and setting up Django for a benchmark."""

import gc
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BENCH_VAR = ROOT / "var" / "bench"


def setup_django(database_url: str | None = None) -> None:
    """Configure Django for an in-process benchmark (bench settings, a throwaway database)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    BENCH_VAR.mkdir(parents=True, exist_ok=True)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only-key-" + "x" * 40)
    os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
    os.environ.setdefault("DJANGO_SECURE_COOKIES", "0")
    os.environ.setdefault("ALLOW_EMBEDDED_SERVICES", "1")  # the filesystem broker is enough here
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    import django

    django.setup()


def measure(fn: Callable[[], object], repetitions: int, warmup: int | None = None) -> list[float]:
    """Milliseconds per call, after a warm-up, with the garbage collector settled first."""
    for _ in range(warmup if warmup is not None else max(3, repetitions // 20)):
        fn()
    gc.collect()
    timings = []
    for _ in range(repetitions):
        start = time.perf_counter_ns()
        fn()
        timings.append((time.perf_counter_ns() - start) / 1e6)
    return timings


def interleaved(
    subject: Callable[[], object], baseline: Callable[[], object], repetitions: int
) -> tuple[list[float], list[float]]:
    """Time subject and baseline alternately, so machine noise hits both alike."""
    for _ in range(max(3, repetitions // 20)):
        subject()
        baseline()
    gc.collect()
    subject_ms, baseline_ms = [], []
    for _ in range(repetitions):
        for fn, out in ((subject, subject_ms), (baseline, baseline_ms)):
            start = time.perf_counter_ns()
            fn()
            out.append((time.perf_counter_ns() - start) / 1e6)
    return subject_ms, baseline_ms


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def row(
    name: str, timings: list[float], baseline_timings: list[float] | None, **extra: Any
) -> dict[str, Any]:
    median = statistics.median(timings)
    base = statistics.median(baseline_timings) if baseline_timings else None
    return {
        "name": name,
        "median_ms": median,
        "p10_ms": percentile(timings, 10),
        "p90_ms": percentile(timings, 90),
        "baseline_median_ms": base,
        "ratio": (median / base) if base else None,
        **extra,
    }


def print_rows(rows: list[dict[str, Any]]) -> None:
    header = f"{'case':<44}{'median':>10}{'p10':>10}{'p90':>10}{'baseline':>10}{'ratio':>8}"
    print(header)
    print("-" * len(header))
    for r in rows:
        base = f"{r['baseline_median_ms']:>10.3f}" if r["baseline_median_ms"] else f"{'—':>10}"
        ratio = f"{r['ratio']:>8.2f}" if r["ratio"] else f"{'—':>8}"
        print(
            f"{r['name']:<44}{r['median_ms']:>10.3f}{r['p10_ms']:>10.3f}{r['p90_ms']:>10.3f}"
            f"{base}{ratio}"
        )
    print("(milliseconds; ratio = median / baseline median, both measured in this run)")


def bench_main(run, argv: list[str]) -> None:
    """Shared entry point: `--quick` for a short run, `--json` to print rows for bench/run.py."""
    import json

    rows = run(quick="--quick" in argv)
    if "--json" in argv:
        print("BENCH-JSON " + json.dumps(rows, default=str))
    else:
        print_rows(rows if isinstance(rows, list) else [])


def setup_postgres_with_questionnaire(name: str) -> None:
    """Django on a fresh PostgreSQL database of this run's own (bench.servers.own_database),
    migrated, with the newest real questionnaire loaded."""
    from bench.servers import own_database

    setup_django(own_database(name))
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_questionnaire", "assessments/questionnaires/sbd-v2.yaml", verbosity=0)


def bench_user(role: str):
    """A user named bench-<role> in the group of that role."""
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user(f"bench-{role}", password="bench-password-123")
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user
