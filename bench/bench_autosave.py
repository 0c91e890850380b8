"""Autosave under concurrency on gunicorn + PostgreSQL, beside a one-UPDATE JSON baseline.

    python bench/bench_autosave.py [--quick]

Each simulated browser owns one assessment and saves answers one after another through the real
endpoint (PUT /api/v1/assessments/{id}/answers/{key}/ with session cookie and CSRF header, carrying
the version it last saw), exactly as the page's script does. The baseline is a view on the same
server that performs one UPDATE and returns JSON. Phases alternate so noise hits both alike.
Targets: >= 400 req/s, p99 < 100 ms, >= 0.5x the baseline's throughput, zero errors.

A third phase saves the same way with an API token (`Authorization: Token …`, no session, no
CSRF), as an integration would: issue 19's target is that token authentication costs at most 5 %
of the session's autosave throughput (ratio >= 0.95).
"""

import json
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import percentile, setup_django
from bench.loadgen import Request, run_users
from bench.servers import gunicorn, own_database, server_env

USERS = 32
TARGET_RPS = 400
CACHE_URL = "redis://127.0.0.1:6379/9"
CSRF = "benchcsrftoken0123456789abcdefgh"  # 32 characters: a valid unmasked CSRF secret


def prepare(database_url: str) -> list[dict]:
    """Users, sessions, one assessment per simulated browser, and rows for the baseline."""
    setup_django(database_url)
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from django.test import Client

    from assessments.lifecycle.services import assessment_create
    from assessments.models import Answer
    from assessments.questionnaire.loader import questionnaire_load_file
    from assessments.questionnaire.structure import questionnaire_structure
    from core.tokens.services import api_token_create
    from vendors.services import offering_create, vendor_create

    call_command("migrate", verbosity=0)
    questionnaire = questionnaire_load_file(
        path=Path(__file__).resolve().parents[1] / "assessments/questionnaires/sbd-v1.yaml"
    ).questionnaire
    structure = questionnaire_structure(questionnaire)
    questions = [
        (q.key, [o.key for o in q.options][:2]) for q in structure.questions if not q.show_if
    ]
    group = Group.objects.get_or_create(name="procurement")[0]
    browsers = []
    for n in range(USERS):
        user = User.objects.create_user(f"bench{n}", password="bench-password-123")
        user.groups.add(group)
        vendor = vendor_create(actor=user, name=f"Vendor {n}")
        offering = offering_create(
            actor=user, vendor=vendor, name="Product", deployment_model="saas"
        )
        assessment = assessment_create(actor=user, offering=offering, questionnaire=questionnaire)
        client = Client()
        client.force_login(user)
        # The baseline updates a follow-up question's row, which the simulated browsers never save.
        follow_up = next(q for q in structure.questions if q.show_if)
        baseline_row = Answer.objects.create(assessment=assessment, question_id=follow_up.id)
        browsers.append(
            {
                "session": client.cookies["sessionid"].value,
                "token": api_token_create(user=user, name="bench").key,
                "assessment": str(assessment.pk),
                "questions": questions,
                "baseline_answer": baseline_row.pk,
            }
        )
    return browsers


def autosave_step(browser: dict, via_token: bool = False):
    # Versions outlive a phase, like the page's: the next phase continues where this one stopped.
    versions: dict[str, int] = browser.setdefault("versions", {})
    state = {"i": 0, "key": None}
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    if via_token:
        headers["Authorization"] = f"Token {browser['token']}"
    else:
        headers |= {
            "Cookie": f"sessionid={browser['session']}; csrftoken={CSRF}",
            "X-CSRFToken": CSRF,
        }

    def step(last):
        if last is not None and last.status in (200, 201):
            versions[state["key"]] = last.json()["version"]
        key, options = browser["questions"][state["i"] % len(browser["questions"])]
        state["i"] += 1
        state["key"] = key
        body = {
            "option": options[state["i"] % 2],
            "text": f"Saved {state['i']}",
            "evidence_level": "claim",
        }
        if key in versions:
            body["version"] = versions[key]
        return Request(
            "PUT",
            f"/api/v1/assessments/{browser['assessment']}/answers/{key}/",
            headers,
            json.dumps(body).encode(),
            "autosave",
        )

    return step


def baseline_step(browser: dict):
    path = f"/bench/one-update/{browser['baseline_answer']}/"
    headers = {"Content-Type": "application/json", "Accept": "application/json"}

    def step(last):
        return Request("PUT", path, headers, b"{}", "baseline")

    return step


def summarise(samples, elapsed: float) -> dict:
    latencies = [s.latency_ms for s in samples]
    errors = sum(1 for s in samples if s.status >= 400)
    return {
        "requests": len(samples),
        "rps": len(samples) / elapsed,
        "errors": errors,
        "p50_ms": statistics.median(latencies),
        "p99_ms": percentile(latencies, 99),
        "p10_ms": percentile(latencies, 10),
        "p90_ms": percentile(latencies, 90),
        "statuses": sorted({s.status for s in samples}),
    }


def measure(
    port: int, browsers: list[dict], duration: float, rounds: int, rate: float | None = None
) -> dict:
    makers = {
        "baseline": baseline_step,
        "autosave": autosave_step,
        "token": lambda b: autosave_step(b, via_token=True),
    }
    if rate is not None:  # the paced run measures the browser's autosave alone
        makers = {"autosave": autosave_step}
    phases = {name: [] for name in makers}
    for _ in range(rounds):
        for name, make in makers.items():
            samples, elapsed = run_users(
                "127.0.0.1",
                port,
                [make(b) for b in browsers],
                duration,
                rate=rate if name == "autosave" else None,
            )
            phases[name].append((samples, elapsed))
    out = {}
    for name, runs in phases.items():
        samples = [s for run, _ in runs for s in run]
        out[name] = summarise(samples, sum(elapsed for _, elapsed in runs))
    return out


def run(
    quick: bool = False, workers: int = 3, worker_class: str = "sync", threads: int = 1
) -> list[dict]:
    database_url = own_database("autosave")
    browsers = prepare(database_url)
    env = server_env(database_url, DB_CONN_MAX_AGE="600", CACHE_URL=CACHE_URL)
    with gunicorn(env, workers=workers, worker_class=worker_class, threads=threads) as port:
        duration = 3 if quick else 8
        result = measure(port, browsers, duration=duration, rounds=1 if quick else 2)
        # The same server at a fixed 400 requests/s: the latency a user sees at the target load.
        paced = measure(port, browsers, duration=duration, rounds=1, rate=TARGET_RPS)["autosave"]
    auto, base, token = result["autosave"], result["baseline"], result["token"]
    return [
        {
            "name": f"autosave, {USERS} browsers, gunicorn {worker_class} x{workers}",
            "median_ms": auto["p50_ms"],
            "p10_ms": auto["p10_ms"],
            "p90_ms": auto["p90_ms"],
            "baseline_median_ms": base["p50_ms"],
            "ratio": auto["rps"] / base["rps"],
            "rps": auto["rps"],
            "p99_ms": auto["p99_ms"],
            "errors": auto["errors"],
            "baseline_rps": base["rps"],
            "baseline_p99_ms": base["p99_ms"],
            "baseline_errors": base["errors"],
            "statuses": auto["statuses"],
            "paced_rps": paced["rps"],
            "paced_p50_ms": paced["p50_ms"],
            "paced_p99_ms": paced["p99_ms"],
            "paced_errors": paced["errors"],
        },
        {
            "name": f"autosave, API token, {USERS} clients, gunicorn {worker_class} x{workers}",
            "median_ms": token["p50_ms"],
            "p10_ms": token["p10_ms"],
            "p90_ms": token["p90_ms"],
            "baseline_median_ms": auto["p50_ms"],
            # Against the browser's autosave (session and CSRF) in the same run: >= 0.95 wanted.
            "ratio": token["rps"] / auto["rps"],
            "rps": token["rps"],
            "p99_ms": token["p99_ms"],
            "errors": token["errors"],
            "baseline_rps": auto["rps"],
            "statuses": token["statuses"],
        },
    ]


if __name__ == "__main__" and "--json" in sys.argv:
    from bench.common import bench_main

    bench_main(run, sys.argv)
elif __name__ == "__main__":
    autosave, token = run(quick="--quick" in sys.argv)
    print(
        f"{token['name']}: {token['rps']:.0f} req/s, p50 {token['median_ms']:.1f} ms, "
        f"errors {token['errors']} {token['statuses']}; "
        f"throughput against the session's: {token['ratio']:.2f}"
    )
    for r in (autosave,):
        print(
            f"{r['name']}: {r['rps']:.0f} req/s, p50 {r['median_ms']:.1f} ms, "
            f"p99 {r['p99_ms']:.1f} ms, errors {r['errors']} {r['statuses']}"
        )
        print(
            f"baseline (one UPDATE): {r['baseline_rps']:.0f} req/s, "
            f"p50 {r['baseline_median_ms']:.1f} ms, p99 {r['baseline_p99_ms']:.1f} ms, "
            f"errors {r['baseline_errors']}"
        )
        print(f"throughput ratio autosave/baseline: {r['ratio']:.2f}")
        print(
            f"paced at {TARGET_RPS} req/s: achieved {r['paced_rps']:.0f} req/s, "
            f"p50 {r['paced_p50_ms']:.1f} ms, p99 {r['paced_p99_ms']:.1f} ms, "
            f"errors {r['paced_errors']}"
        )
