"""What operating the app costs per request: autosave throughput with production logging (one
JSON line per request at INFO) and without connection health checks, beside the configuration
the autosave benchmark uses (WARNING logs, health checks on). Metrics are always on.

    python bench/bench_observability.py [--quick]

Same prepared data, one gunicorn (sync x3) per variant, variants measured in turn for several
rounds so that machine noise falls on all of them; each ratio is against the first variant.
"""

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_autosave import CACHE_URL, autosave_step, prepare, summarise
from bench.loadgen import run_users
from bench.servers import gunicorn, own_database, server_env

VARIANTS = (
    ("as the autosave benchmark (WARNING logs, health checks on)", {}),
    (
        "production logs: a JSON line per request (INFO)",
        {"LOG_LEVEL": "INFO", "LOG_FORMAT": "json"},
    ),
    ("connection health checks off", {"DB_CONN_HEALTH_CHECKS": "0"}),
)


def run(quick: bool = False) -> list[dict]:
    database_url = own_database("observability")
    browsers = prepare(database_url)
    samples: dict[str, list] = {name: [] for name, _ in VARIANTS}
    elapsed: dict[str, float] = {name: 0.0 for name, _ in VARIANTS}
    logs = Path(tempfile.mkdtemp(prefix="bench-observability-"))
    for _ in range(1 if quick else 3):
        for index, (name, extra) in enumerate(VARIANTS):
            env = server_env(database_url, DB_CONN_MAX_AGE="600", CACHE_URL=CACHE_URL, **extra)
            with gunicorn(env, workers=3, log_path=logs / f"variant-{index}.log") as port:
                run_users("127.0.0.1", port, [autosave_step(b) for b in browsers], 1)  # warm
                got, took = run_users(
                    "127.0.0.1", port, [autosave_step(b) for b in browsers], 3 if quick else 6
                )
            samples[name] += got
            elapsed[name] += took
    print(f"server logs: {logs}", file=sys.stderr)
    base = summarise(samples[VARIANTS[0][0]], elapsed[VARIANTS[0][0]])
    rows = []
    for name, _ in VARIANTS:
        result = summarise(samples[name], elapsed[name])
        rows.append(
            {
                "name": f"autosave, {name}",
                "median_ms": result["p50_ms"],
                "p10_ms": result["p10_ms"],
                "p90_ms": result["p90_ms"],
                "baseline_median_ms": base["p50_ms"],
                "ratio": result["rps"] / base["rps"],
                "rps": result["rps"],
                "p99_ms": result["p99_ms"],
                "errors": result["errors"],
            }
        )
    return rows


if __name__ == "__main__":
    for r in run(quick="--quick" in sys.argv):
        print(
            f"{r['name']}: {r['rps']:.0f} req/s ({r['ratio']:.2f}x), p50 {r['median_ms']:.1f} ms,"
            f" p99 {r['p99_ms']:.1f} ms, errors {r['errors']}"
        )
