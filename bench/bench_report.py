"""Report rendering: our pipeline against WeasyPrint alone on the same final HTML, at 60, 300 and
1,000 questions; the render's peak memory; and request-to-worker-start latency with Redis.

    python bench/bench_report.py [--quick] [--no-latency]

"Ours" is what a worker does for a job minus the database writes: build the context, render the
template, render the PDF in the isolated child. The baseline is weasyprint.HTML(string=html)
.write_pdf() on the very HTML ours produced, with the same asset fetcher (so the same
stylesheet). Targets: real questionnaire <= 1.3x the baseline; 300 questions <= 1.5 s; peak RSS
of a 300-question render < 500 MB; request-to-worker-start p50 <= 200 ms with Redis.
"""

import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import BENCH_VAR, ROOT, interleaved, print_rows, row, setup_django

SIZES = (60, 300, 1000)
REAL = "real questionnaire"


def _prepare(database_url: str):
    from django.core.management import call_command

    setup_django(database_url)
    call_command("migrate", verbosity=0)


def _assessment(questionnaire, user, label: str):
    from assessments.lifecycle.services import assessment_create
    from assessments.models import Answer, Evidence
    from tests.assessments.helpers import answer_all
    from vendors.services import offering_create, vendor_create

    vendor = vendor_create(actor=user, name=f"Report bench vendor {label}")
    offering = offering_create(actor=user, vendor=vendor, name="Gateway", deployment_model="hybrid")
    assessment = assessment_create(actor=user, offering=offering, questionnaire=questionnaire)
    answer_all(assessment, user, pick="worst", level="documented")
    explanation = (
        "The vendor states this in section 4.2 of the architecture guide; our notes from "
        "the design call add that the behaviour is configurable per tenant. "
    ) * 2
    Answer.objects.filter(assessment=assessment).update(explanation=explanation)
    Evidence.objects.bulk_create(
        Evidence(
            answer=a,
            url="https://trust.vendor.example/docs/architecture.pdf",
            note="Architecture guide v4, section 4",
        )
        for a in assessment.answers.all()
    )
    return assessment


def _questionnaires():
    from assessments.questionnaire.loader import questionnaire_import, questionnaire_load_file
    from assessments.questionnaire.schema import validate_document
    from tests.support.questionnaires import synthetic_document

    yield (
        REAL,
        questionnaire_load_file(path=ROOT / "assessments/questionnaires/sbd-v1.yaml").questionnaire,
    )
    for size in SIZES[:2] if QUICK else SIZES:
        doc = validate_document(synthetic_document(size, key=f"rep{size}"), "bench")
        yield (
            f"synthetic {size} questions",
            questionnaire_import(document=doc, source="bench").questionnaire,
        )


QUICK = "--quick" in sys.argv  # the short CI run skips the 1,000-question report


def render_rows(quick: bool) -> list[dict]:
    from django.contrib.auth.models import Group, User
    from weasyprint import HTML

    from reports.models import Report
    from reports.pdf import AssetOnlyFetcher, render_pdf_isolated
    from reports.rendering import report_html

    user = User.objects.create_user("report-bench", password="bench-password-123")
    user.groups.add(Group.objects.get_or_create(name="procurement")[0])
    rows = []
    for label, questionnaire in _questionnaires():
        assessment = _assessment(questionnaire, user, label)
        report = Report.objects.create(
            kind="assessment",
            subject_ids=[str(assessment.pk)],
            content_key=f"bench-{label}",
            assessment=assessment,
        )
        html, _ = report_html(report, for_pdf=True)

        def ours(report=report):
            render_pdf_isolated(report_html(report, for_pdf=True)[0])

        def weasyprint_alone(html=html):
            # The same fetcher, so the baseline gets the same stylesheet and the same layout.
            HTML(string=html, url_fetcher=AssetOnlyFetcher()).write_pdf()

        repetitions = 3 if quick else (9 if "1000" not in label else 5)
        mine, alone = interleaved(ours, weasyprint_alone, repetitions)
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        rows.append(
            row(f"report, {label}", mine, alone, peak_rss_mb=peak_mb, html_kb=len(html) / 1024)
        )
    return rows


def latency_rows(quick: bool) -> list[dict]:
    """Request-to-worker-start with Redis: from the committed request to the job's started_at."""
    from django.contrib.auth.models import User
    from django.db import transaction

    from assessments.models import Assessment
    from reports.models import Report
    from reports.services import report_request
    from tests.support.worker import wait_for

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"}
    log = (BENCH_VAR / "latency-worker.log").open("w")
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
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        time.sleep(4)
        user = User.objects.get(username="report-bench")
        assessment = Assessment.objects.filter(questionnaire__key="sbd").first()
        samples = []
        for n in range(4 if quick else 12):
            assessment.audit_events.create(
                actor=user, actor_label="bench", action="bench.touch", new={"n": n}
            )  # new content: a new job each time
            with transaction.atomic():
                report, _ = report_request(actor=user, assessment=assessment)
                requested = time.time()
            wait_for(lambda r=report: Report.objects.filter(pk=r.pk, status="done").exists(), 60)
            report.refresh_from_db()
            samples.append((report.started_at.timestamp() - requested) * 1000)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        log.close()
    return [
        {
            "name": "request to worker start (Redis)",
            "median_ms": statistics.median(samples),
            "p10_ms": min(samples),
            "p90_ms": max(samples),
            "baseline_median_ms": None,
            "ratio": None,
            "samples": len(samples),
        }
    ]


def run(quick: bool = False, latency: bool | None = None) -> list[dict]:
    if latency is None:
        latency = "--no-latency" not in sys.argv
    from bench.servers import own_database

    os.environ["CELERY_BROKER_URL"] = "redis://127.0.0.1:6379/10"
    os.environ["APP_MEDIA_ROOT"] = str(BENCH_VAR / "report-media")
    _prepare(own_database("report"))
    rows = render_rows(quick)
    if latency:
        rows += latency_rows(quick)
    return rows


if __name__ == "__main__" and "--json" in sys.argv:
    from bench.common import bench_main

    bench_main(run, sys.argv)
elif __name__ == "__main__":
    results = run(quick="--quick" in sys.argv, latency="--no-latency" not in sys.argv)
    print_rows(results)
    for r in results:
        if "peak_rss_mb" in r:
            print(
                f"{r['name']}: peak RSS of render children {r['peak_rss_mb']:.0f} MB, "
                f"HTML {r['html_kb']:.0f} KB"
            )
