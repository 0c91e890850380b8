"""Load test of the running app: 50 procurement users (open the form, autosave every answer,
submit) while 5 architects request reports, on gunicorn + a Celery worker + PostgreSQL + Redis.
Traffic goes only to 127.0.0.1 and stops at a time limit.

    python bench/bench_load.py [--quick] [--paced]

--paced: each user sends one request a second (from a random start) instead of as fast as
responses come back; bench/bench_load_paced.py runs that for `make bench`.

Reports throughput, p50/p95/p99 per endpoint, the error count (must be 0), the reports queue's
depth over time, and checks that no answer was lost: after the run the database holds exactly
the answers the load generator saw saved.
"""

import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_autosave import CSRF
from bench.common import BENCH_VAR, ROOT, percentile, setup_django
from bench.loadgen import Request, run_users
from bench.servers import gunicorn, own_database, server_env

PROCUREMENT, ARCHITECTS = 50, 5
BROKER = "redis://127.0.0.1:6379/11"
CACHE = "redis://127.0.0.1:6379/12"


def prepare(database_url: str) -> dict:
    setup_django(database_url)
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from django.test import Client

    from assessments.lifecycle.services import assessment_create
    from assessments.questionnaire.loader import questionnaire_load_file
    from assessments.questionnaire.structure import questionnaire_structure
    from vendors.services import offering_create, vendor_create

    call_command("migrate", verbosity=0)
    questionnaire = questionnaire_load_file(
        path=ROOT / "assessments/questionnaires/sbd-v1.yaml"
    ).questionnaire
    structure = questionnaire_structure(questionnaire)
    questions = [(q.key, q.options[0].key) for q in structure.questions if not q.show_if]

    def session(user) -> str:
        client = Client()
        client.force_login(user)
        return client.cookies["sessionid"].value

    procurement = Group.objects.get_or_create(name="procurement")[0]
    architect = Group.objects.get_or_create(name="architect")[0]
    users = []
    for n in range(PROCUREMENT):
        user = User.objects.create_user(f"buyer{n}", password="bench-password-123")
        user.groups.add(procurement)
        vendor = vendor_create(actor=user, name=f"Load vendor {n}")
        offering = offering_create(
            actor=user, vendor=vendor, name="Product", deployment_model="hybrid"
        )
        assessment = assessment_create(actor=user, offering=offering, questionnaire=questionnaire)
        users.append({"session": session(user), "assessment": str(assessment.pk)})
    architects = []
    for n in range(ARCHITECTS):
        user = User.objects.create_user(f"architect{n}", password="bench-password-123")
        user.groups.add(architect)
        architects.append({"session": session(user)})
    return {"users": users, "architects": architects, "questions": questions}


def _headers(session: str, json_body: bool = True) -> dict:
    headers = {
        "Cookie": f"sessionid={session}; csrftoken={CSRF}",
        "X-CSRFToken": CSRF,
        "Accept": "application/json",
    }
    if json_body:
        headers["Content-Type"] = "application/json"
    return headers


def procurement_flow(user: dict, questions: list, saved: dict):
    """Open the form, save every required answer, submit; then stop."""
    state = {"step": "form", "i": 0, "key": None}

    def step(last):
        if last is not None and state["key"] and last.status in (200, 201):
            saved[(user["assessment"], state["key"])] = last.json()["version"]
        state["key"] = None
        if state["step"] == "form":
            state["step"] = "save"
            return Request(
                "GET",
                f"/assessments/{user['assessment']}/form/",
                _headers(user["session"], False),
                label="GET form page",
            )
        if state["step"] == "save" and state["i"] < len(questions):
            key, option = questions[state["i"]]
            state["i"] += 1
            state["key"] = key
            body = json.dumps({"option": option, "text": f"load {key}", "evidence_level": "claim"})
            return Request(
                "PUT",
                f"/api/v1/assessments/{user['assessment']}/answers/{key}/",
                _headers(user["session"]),
                body.encode(),
                "PUT answer (autosave)",
            )
        if state["step"] == "save":
            state["step"] = "done"
            return Request(
                "POST",
                f"/api/v1/assessments/{user['assessment']}/submit/",
                _headers(user["session"]),
                b"",
                "POST submit",
            )
        return None

    return step


def architect_flow(architect: dict, assessments: list[str], reports: list):
    state = {"n": 0, "report": None}

    def step(last):
        if last is not None and last.status == 202:
            reports.append(last.json()["id"])
        state["n"] += 1
        target = assessments[(state["n"] * 7) % len(assessments)]
        if state["n"] % 2:
            return Request(
                "POST",
                f"/api/v1/assessments/{target}/reports/",
                _headers(architect["session"]),
                b"",
                "POST report request",
            )
        return Request(
            "GET",
            f"/assessments/{target}/",
            _headers(architect["session"], False),
            label="GET scorecard page",
        )

    return step


def _queue_depth(samples: list, stop: threading.Event) -> None:
    import redis

    client = redis.Redis.from_url(BROKER)
    start = time.time()
    while not stop.is_set():
        samples.append((round(time.time() - start, 1), client.llen("reports")))
        stop.wait(1.0)


# A person reads, thinks and types: one request per user every THINK_SECONDS is a brisk one (an
# answer a second), and 50 people do not open the form in the same second: they arrive over
# ARRIVAL_SECONDS (a load tool's spawn rate). The unpaced run is the stress test; this one is
# the target's.
THINK_SECONDS = 1.0
ARRIVAL_SECONDS = 30.0


def run(quick: bool = False, paced: bool = False) -> list[dict]:
    """Rows for bench/run.py: one per endpoint, the whole summary on the first."""
    summary = run_summary(quick, think_seconds=THINK_SECONDS if paced else None)
    prefix = "load at a human pace" if paced else "load"
    rows = []
    for label, e in summary["endpoints"].items():
        rows.append(
            {
                "name": f"{prefix}: {label}",
                "median_ms": e["p50_ms"],
                "p10_ms": e["p50_ms"],
                "p90_ms": e["p95_ms"],
                "baseline_median_ms": None,
                "ratio": None,
                "p95_ms": e["p95_ms"],
                "p99_ms": e["p99_ms"],
                "requests": e["requests"],
                "errors": e["errors"],
            }
        )
    rows[0]["summary"] = {k: v for k, v in summary.items() if k != "endpoints"}
    return rows


def run_summary(quick: bool = False, think_seconds: float | None = None) -> dict:
    database_url = own_database("load")
    os.environ["CELERY_BROKER_URL"] = BROKER
    data = prepare(database_url)
    env = server_env(
        database_url,
        DB_CONN_MAX_AGE="600",
        CACHE_URL=CACHE,
        CELERY_BROKER_URL=BROKER,
        APP_MEDIA_ROOT=str(BENCH_VAR / "load-media"),
    )
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    worker_log = (BENCH_VAR / "load-worker.log").open("w")
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "-Q",
            "reports,default",
            "--concurrency",
            "1",
            "--without-gossip",
            "--without-mingle",
            "--purge",
        ],
        cwd=ROOT,
        env=env,
        stdout=worker_log,
        stderr=subprocess.STDOUT,
    )
    saved: dict = {}
    reports: list = []
    depth: list = []
    stop = threading.Event()
    sampler = threading.Thread(target=_queue_depth, args=(depth, stop), daemon=True)
    try:
        with gunicorn(env, workers=3) as port:
            sampler.start()
            assessments = [u["assessment"] for u in data["users"]]
            steps = [procurement_flow(u, data["questions"], saved) for u in data["users"]]
            steps += [architect_flow(a, assessments, reports) for a in data["architects"]]
            if think_seconds:
                # Long enough for every user to open the form, save every answer and submit.
                duration = (
                    20
                    if quick
                    else (ARRIVAL_SECONDS + think_seconds * (len(data["questions"]) + 8))
                )
                samples, elapsed = run_users(
                    "127.0.0.1",
                    port,
                    steps,
                    duration,
                    rate=len(steps) / think_seconds,
                    ramp=ARRIVAL_SECONDS,
                )
            else:
                samples, elapsed = run_users("127.0.0.1", port, steps, 20 if quick else 60)
    finally:
        stop.set()
        worker.terminate()
        worker.wait(timeout=60)
        worker_log.close()
    return summarise(samples, elapsed, saved, reports, depth)


def summarise(samples, elapsed, saved, reports, depth) -> dict:
    from assessments.models import Answer

    by_label: dict[str, list] = {}
    for sample in samples:
        by_label.setdefault(sample.label, []).append(sample)
    endpoints = {}
    for label, rows in sorted(by_label.items()):
        latencies = [s.latency_ms for s in rows]
        endpoints[label] = {
            "requests": len(rows),
            "errors": sum(1 for s in rows if s.status >= 400),
            "p50_ms": statistics.median(latencies),
            "p95_ms": percentile(latencies, 95),
            "p99_ms": percentile(latencies, 99),
        }
    stored = {
        (str(a), k): v
        for a, k, v in Answer.objects.values_list("assessment_id", "question__key", "version")
    }
    lost = {key: v for key, v in saved.items() if stored.get(key) != v}
    unexpected = set(stored) - set(saved)
    return {
        "elapsed_s": elapsed,
        "requests": len(samples),
        "rps": len(samples) / elapsed,
        "errors": sum(e["errors"] for e in endpoints.values()),
        "endpoints": endpoints,
        "answers_saved": len(saved),
        "answers_lost": len(lost),
        "answers_unexpected": len(unexpected),
        "reports_requested": len(set(reports)),
        "queue_depth": depth,
    }


def print_summary(result: dict) -> None:
    print(
        f"{result['requests']} requests in {result['elapsed_s']:.0f} s "
        f"({result['rps']:.0f} req/s), errors {result['errors']}"
    )
    print(f"{'endpoint':<28}{'requests':>9}{'errors':>8}{'p50':>8}{'p95':>8}{'p99':>8}")
    for label, e in result["endpoints"].items():
        print(
            f"{label:<28}{e['requests']:>9}{e['errors']:>8}{e['p50_ms']:>8.1f}"
            f"{e['p95_ms']:>8.1f}{e['p99_ms']:>8.1f}"
        )
    print(
        f"answers saved {result['answers_saved']}, lost {result['answers_lost']}, "
        f"unexpected {result['answers_unexpected']}; reports requested "
        f"{result['reports_requested']}"
    )
    print("reports queue depth (s, depth):", result["queue_depth"][::5])


if __name__ == "__main__" and "--json" in sys.argv:
    from bench.common import bench_main

    bench_main(run, sys.argv)
elif __name__ == "__main__":
    think = THINK_SECONDS if "--paced" in sys.argv else None
    print_summary(run_summary(quick="--quick" in sys.argv, think_seconds=think))
