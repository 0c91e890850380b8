"""gunicorn, both Celery workers and beat, started exactly as the Procfile says (the container
image runs the same lines), against the test database and a private Redis: ready, a report end to
end, then SIGTERM to everything — the job in flight finishes, the queued one waits in Redis for
the next report worker, nothing is lost, and every process exits cleanly. Also: which process
consumes which queue, and that every queue a task is sent to has a consumer."""

import io
import json
import re
import subprocess

import pypdf
import pytest
from django.db import connection

from config.celery import app as celery_app
from reports.models import Report
from tests.deploy.conftest import ROOT, ProcfileProcess, Web, get, get_json, procfile
from tests.factories import api_key_for
from tests.support.processes import RedisServer, free_port
from tests.support.worker import current_database_url, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

METRICS_TOKEN = "metrics-token-for-tests-0123456789"


def _status(web, auth, report_id) -> dict:
    return get_json(f"{web.url}/api/v1/reports/{report_id}/", headers=auth)[1]


def _metric(text: str, name: str, **labels) -> float | None:
    wanted = ",".join(f'{k}="{v}"' for k, v in labels.items())
    pattern = re.escape(f"{name}{{{wanted}}}" if labels else name) + r" ([0-9.e+-]+)$"
    match = re.search(pattern, text, re.MULTILINE)
    return float(match[1]) if match else None


def test_the_procfile_processes_serve_a_report_and_stop_without_losing_a_job(
    tmp_path, media, viewer_user, decided
):
    first, second = decided(), decided()
    token = api_key_for(viewer_user)
    auth = {"Authorization": f"Token {token}", "Accept": "application/json"}
    redis = RedisServer().start()
    env = {
        "DATABASE_URL": current_database_url(),
        "CELERY_BROKER_URL": redis.url,
        "APP_MEDIA_ROOT": str(media),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "WEB_CONCURRENCY": "2",
        "CELERY_CONCURRENCY": "1",
        "REPORT_CONCURRENCY": "1",
        "CELERY_BEAT_SCHEDULE_FILE": str(tmp_path / "beat-schedule"),
        "REPORTS_SWEEP_SECONDS": "2",
        "REPORTS_FAULT": "slow:3",
        # One host: web and worker add their counts up in one directory.
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "metrics"),
        "METRICS_TOKEN": METRICS_TOKEN,
        "LOG_FORMAT": "json",
    }
    web = Web(env, tmp_path / "web.log", free_port())
    worker = ProcfileProcess("worker", env, tmp_path / "worker.log")
    report_worker = ProcfileProcess("report-worker", env, tmp_path / "report-worker.log")
    beat = ProcfileProcess("beat", env, tmp_path / "beat.log")
    fresh_worker = ProcfileProcess("report-worker", env, tmp_path / "report-worker-2.log")
    running = [web, worker, report_worker, beat]
    try:
        web.start()
        worker.start().wait_for_log(" ready.")
        report_worker.start().wait_for_log(" ready.")
        beat.start().wait_for_log("beat: Starting")

        status, ready = get_json(f"{web.url}/readyz")
        assert (status, ready) == (
            200,
            {
                "status": "ok",
                "checks": {"database": "ok", "migrations": "ok", "broker": "ok"},
                # The processes use the test's own database and the private Redis.
                "uses": {"database": connection.vendor, "broker": "redis"},
            },
        )

        # A report end to end, under a request id the worker's log must carry.
        status, body = get_json(
            f"{web.url}/api/v1/assessments/{first.pk}/reports/",
            method="POST",
            headers={**auth, "X-Request-ID": "deploy-test-1"},
        )
        assert status == 202, body
        done = body["id"]
        assert wait_for(
            lambda: _status(web, auth, done)["status"] in ("done", "failed"), timeout=120
        ), report_worker.log()[-4000:]
        assert _status(web, auth, done)["status"] == "done", _status(web, auth, done)
        status, headers, pdf = get(f"{web.url}/api/v1/reports/{done}/download/", headers=auth)
        assert status == 200 and headers["Content-Type"] == "application/pdf"
        text = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
        assert first.offering.vendor.name in " ".join(text.split())
        assert any(
            line.get("request_id") == "deploy-test-1" and "succeeded" in line["message"]
            for line in _json_lines(report_worker.log())
        ), report_worker.log()[-4000:]
        assert wait_for(lambda: "reports.sweep" in worker.log(), timeout=30)  # beat -> worker
        # Each worker ran only its own queue's tasks.
        assert "reports.render" not in worker.log()
        assert "reports.sweep" not in report_worker.log()

        # Two more jobs: the report worker (one process) starts one; SIGTERM while it runs.
        in_flight = get_json(
            f"{web.url}/api/v1/assessments/{second.pk}/reports/", method="POST", headers=auth
        )[1]["id"]
        queued = get_json(
            f"{web.url}/api/v1/comparisons/",
            method="POST",
            headers={**auth, "Content-Type": "application/json"},
            data=json.dumps({"assessments": [str(first.pk), str(second.pk)]}),
        )
        assert queued[0] == 202, queued
        queued = queued[1]["id"]
        assert wait_for(lambda: _status(web, auth, in_flight)["status"] == "running", timeout=60), (
            report_worker.log()[-4000:]
        )
        assert report_worker.terminate(timeout=120) == 0, report_worker.log()[-4000:]
        running.remove(report_worker)
        assert "Warm shutdown" in report_worker.log()
        # The job in flight finished during the warm shutdown; the other one waits in Redis.
        assert _status(web, auth, in_flight)["status"] == "done"
        assert _status(web, auth, queued)["status"] == "queued"
        metrics = get(f"{web.url}/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"})[
            2
        ].decode()
        # At least the queued job's message; the periodic sweep may have re-sent it meanwhile
        # (harmless: rendering is idempotent, and the end of this test counts exactly 3 PDFs).
        assert _metric(metrics, "sbd_celery_queue_length", queue="reports") >= 1
        assert _metric(metrics, "sbd_report_jobs_total", outcome="done") == 2
        assert _metric(metrics, "sbd_report_job_duration_seconds_count", outcome="done") == 2
        assert "sbd_http_request_duration_seconds_bucket{" in metrics

        running.append(fresh_worker.start())
        fresh_worker.wait_for_log(" ready.")
        assert wait_for(lambda: _status(web, auth, queued)["status"] == "done", timeout=120), (
            fresh_worker.log()[-4000:]
        )

        for process in (fresh_worker, worker, beat, web):
            assert process.terminate(timeout=60) == 0, (process.kind, process.log()[-4000:])
            running.remove(process)
    finally:
        for process in running:
            process.kill()
        redis.stop()

    reports = {str(r.pk): r for r in Report.objects.all()}
    assert set(reports) == {done, in_flight, queued}
    assert all(r.status == "done" and r.attempts == 1 for r in reports.values())
    artifacts = sorted(p.name for p in (media / "reports").glob("*"))
    assert artifacts == sorted(f"{pk}.pdf" for pk in reports)
    for process in (web, worker, report_worker, beat, fresh_worker):
        assert "Traceback" not in process.log(), (process.kind, process.log()[-4000:])


def _json_lines(log: str) -> list[dict]:
    lines = []
    for line in log.splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if isinstance(entry, dict) and "message" in entry:
            lines.append(entry)
    return lines


def test_the_procfile_declares_the_production_process_types():
    entries = procfile()
    assert {"release", "web", "worker", "report-worker", "beat"} <= set(entries)
    assert "--worker-class sync" in entries["web"]
    assert "${PORT:-8000}" in entries["web"]
    assert entries["beat"].startswith("celery -A config beat")
    # The development server never serves production.
    assert not any("runserver" in command for command in entries.values())


def _option(command: str, name: str) -> str:
    """The value of `--name` in a Procfile command, with ${VAR:-default} read as its default."""
    value = re.search(rf"--{name} (\S+)", command)[1]
    return re.sub(r"\$\{[A-Z_]+:-([^}]*)\}", r"\1", value)


def _consumed() -> dict[str, set[str]]:
    """Process type -> the queues its worker consumes, for every Celery worker line."""
    return {
        name: set(_option(command, "queues").split(","))
        for name, command in procfile().items()
        if command.startswith("celery -A config worker")
    }


def test_mail_and_reports_have_a_worker_each():
    entries = procfile()
    assert _consumed() == {"worker": {"default"}, "report-worker": {"reports"}}
    assert "--queues ${CELERY_QUEUES:-default} " in entries["worker"]
    assert "--concurrency ${CELERY_CONCURRENCY:-2} " in entries["worker"]
    assert "--concurrency ${REPORT_CONCURRENCY:-2} " in entries["report-worker"]
    for kind in ("worker", "report-worker"):
        # One job reserved per process: a queued job waits in Redis for whichever process is
        # free (and survives this one's death), instead of queueing behind a running render.
        assert "--prefetch-multiplier 1 " in entries[kind], kind
    # Two workers on one host answer pings and control commands under different names.
    assert "--hostname" not in entries["worker"]
    assert "--hostname reports@%h " in entries["report-worker"]


def _routed_queues() -> dict[str, str]:
    """Every task of the project -> the queue Celery sends it to, asked of Celery's own router
    (CELERY_TASK_ROUTES, then the task's `queue=`, then CELERY_TASK_DEFAULT_QUEUE)."""
    celery_app.loader.import_default_modules()
    router = celery_app.amqp.router
    return {
        name: router.route({}, name)["queue"].name
        for name in celery_app.tasks
        if not name.startswith("celery.")
    }


def test_every_queue_a_task_is_sent_to_is_consumed_by_a_procfile_process():
    routed = _routed_queues()
    consumed = set().union(*_consumed().values())
    assert not {name: q for name, q in routed.items() if q not in consumed}
    # Renders alone on `reports`; e-mails and the periodic jobs on `default`.
    assert {name for name, queue in routed.items() if queue == "reports"} == {"reports.render"}
    for name in (
        "assessments.send_invitation",
        "assessments.send_done_notice",
        "assessments.send_reminder",
        "assessments.send_reminders",
        "assessments.rescan_pending_evidence",
        "reports.sweep",
        "core.worker_heartbeat",
    ):
        assert routed[name] == "default", name


def test_the_image_entry_point_runs_each_worker_by_its_own_name(tmp_path):
    """`worker` must not pick the `report-worker` line (or the other way round)."""
    stand_in = "".join(f"{name}: echo {name}\n" for name in procfile())
    (tmp_path / "Procfile").write_text(stand_in)
    for name in ("worker", "report-worker"):
        run = subprocess.run(
            ["/bin/sh", str(ROOT / "docker" / "entrypoint.sh"), name],
            env={"PATH": "/usr/bin:/bin", "PROCFILE": str(tmp_path / "Procfile")},
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert (run.returncode, run.stdout) == (0, f"{name}\n"), run.stderr
