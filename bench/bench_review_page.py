"""The architect's review page and the review queue, each against a plain template over in-memory
data, with their query counts.

    python bench/bench_review_page.py [--quick]

The review page is measured as an architect opens it (one domain) and with a filter that lists
every answer across domains (the page at its largest). Its baseline renders the same rows with the
same markup per row (compact view, collapsed actions) from plain dicts with one template and no
queries. The queue is measured at 1,000 assessments against a plain template listing the same
page of 50 rows. Targets: each median within 2x of its baseline; the review page at most 15
queries at any size.
"""

import datetime
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import BENCH_VAR, interleaved, print_rows, row, setup_django

SIZES = (60, 300)
QUEUE_SIZE = 1000


def _prepare():
    from django.core.management import call_command

    db = BENCH_VAR / "review-page.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    setup_django(f"sqlite:///{db}")
    call_command("migrate", verbosity=0)


def _users():
    from django.contrib.auth.models import Group, User

    procurement = User.objects.create_user("bench-procurement", password="bench-password-123")
    procurement.groups.add(Group.objects.get_or_create(name="procurement")[0])
    architect = User.objects.create_user("bench-architect", password="bench-password-123")
    architect.groups.add(Group.objects.get_or_create(name="architect")[0])
    return procurement, architect


def _in_review(size: int, procurement, architect):
    from assessments.lifecycle.services import assessment_create, assessment_submit
    from assessments.questionnaire.loader import questionnaire_import
    from assessments.questionnaire.schema import validate_document
    from assessments.review import review_start
    from tests.assessments.helpers import answer_all
    from tests.support.questionnaires import synthetic_document
    from vendors.services import offering_create, vendor_create

    document = validate_document(synthetic_document(size, key=f"review{size}"), "bench")
    version = questionnaire_import(document=document, source="bench").questionnaire
    vendor = vendor_create(actor=procurement, name=f"Bench vendor {size}")
    offering = offering_create(
        actor=procurement, vendor=vendor, name="Gateway", deployment_model="saas"
    )
    assessment = assessment_create(actor=procurement, offering=offering, questionnaire=version)
    answer_all(assessment, procurement, pick="worst", level="claim")
    assessment_submit(actor=procurement, assessment_pk=assessment.pk)
    review_start(actor=architect, assessment_pk=assessment.pk)
    return assessment


def _review_in_memory(assessment, architect, show: str | None) -> dict:
    """What the page shows, as plain dicts (built once, outside the timing)."""
    from assessments.models import EvidenceLevel
    from assessments.review.workspace import review_workspace_context

    context = review_workspace_context(assessment=assessment, user=architect, show=show)
    rows = [
        {
            "key": r["key"],
            "text": r["text"],
            "option": r["option_label"],
            "level": r["level"],
            "score": r["raw_score"],
            "claimed": r["claimed"],
            "evidenced": r["adds"],
            "explanation": r["explanation"],
            "severity": r["severity"],
            "finding": r["finding_title"],
            "rationale": r["finding_rationale"],
        }
        for r in context["rows"]
    ]
    return {
        "title": context["view"]["title"],
        "rows": rows,
        "levels": EvidenceLevel.choices,
        "domains": [
            {"key": d.key, "title": d.title, "reviewed": d.reviewed, "total": d.to_review}
            for d in context["domains"]
        ],
        "filters": [{"key": f.key, "label": f.label, "count": f.count} for f in context["filters"]],
        "reviewed": context["reviewed_total"],
        "total": context["to_review_total"],
        "grade": context["card"]["grade"],
        "levers": context["gap_levers"],
    }


def _query_count(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def _review_rows(client, architect, procurement, quick: bool) -> list[dict]:
    from bench import views

    rows = []
    for size in SIZES:
        assessment = _in_review(size, procurement, architect)
        for label, show in (("one domain", None), ("every answer", "unreviewed")):
            name = f"{size}-{show or 'domain'}"
            views.IN_MEMORY_REVIEWS[name] = _review_in_memory(assessment, architect, show)
            url = f"/assessments/{assessment.pk}/review/" + (f"?show={show}" if show else "")
            baseline_url = f"/bench/plain-review/{name}/"
            assert client.get(url).status_code == 200
            assert client.get(baseline_url).status_code == 200
            repetitions = 15 if quick else (80 if size <= 60 else 30)
            page, plain = interleaved(
                lambda u=url: client.get(u), lambda u=baseline_url: client.get(u), repetitions
            )
            rows.append(
                row(
                    f"review page, {size} questions, {label}",
                    page,
                    plain,
                    queries=_query_count(client, url),
                    size=size,
                    shown=len(views.IN_MEMORY_REVIEWS[name]["rows"]),
                )
            )
    return rows


def _queue(procurement, architect, count: int):
    """`count` submitted assessments with their stored summaries, made in bulk."""
    from django.utils import timezone

    from assessments.models import Assessment, AssessmentSummary, QuestionnaireVersion
    from vendors.models import Offering
    from vendors.services import offering_create, vendor_create

    questionnaire = QuestionnaireVersion.objects.first()
    offerings = []
    for i in range(20):
        vendor = vendor_create(actor=procurement, name=f"Queue vendor {i}")
        offerings.append(
            offering_create(
                actor=procurement, vendor=vendor, name=f"Product {i}", deployment_model="saas"
            )
        )
    now = timezone.now()
    made = Assessment.objects.bulk_create(
        Assessment(
            offering=offerings[i % len(offerings)],
            questionnaire=questionnaire,
            requester=procurement,
            status=Assessment.Status.SUBMITTED if i % 3 else Assessment.Status.IN_REVIEW,
            reviewer=None if i % 3 else architect,
            submitted_at=now - datetime.timedelta(hours=i),
            due_date=(now + datetime.timedelta(days=i % 40)).date(),
        )
        for i in range(count)
    )
    AssessmentSummary.objects.bulk_create(
        AssessmentSummary(
            assessment=a,
            grade="CDEB"[i % 4],
            uncapped_grade="B",
            recommendation="high_risk",
            claimed=80.0,
            evidenced=40.0 + i % 30,
            gap=40.0 - i % 30,
            answered=60,
            applicable=68,
            open_critical=0,
            open_high=i % 3,
            open_medium=i % 4,
            open_low=0,
            accepted_findings=0,
            to_review=68,
            reviewed=i % 68,
            to_reconfirm=0,
            missing_required=0,
        )
        for i, a in enumerate(made)
    )
    assert Offering.objects.count() >= len(offerings)


def _queue_in_memory(architect) -> dict:
    from assessments.review.selectors import review_queue_context

    context = review_queue_context(user=architect, tab="waiting", sort="oldest", page="1")
    return {
        "tabs": [{"key": t.key, "label": t.label, "count": t.count} for t in context["tabs"]],
        "pages": context["page"].paginator.num_pages,
        "rows": [
            {
                "pk": a.pk,
                "vendor": a.offering.vendor.name,
                "offering": a.offering.name,
                "submitted": a.submitted_at.date(),
                "due": a.due_date,
                "grade": a.summary.grade,
                "claimed": round(a.summary.claimed),
                "evidenced": round(a.summary.evidenced),
                "high": a.summary.open_high,
                "medium": a.summary.open_medium,
                "reviewed": a.summary.reviewed,
                "to_review": a.summary.to_review,
                "reviewer": a.reviewer.get_username() if a.reviewer else "—",
            }
            for a in context["page"].object_list
        ],
    }


def _queue_rows(client, architect, procurement, quick: bool) -> list[dict]:
    from bench import views

    _queue(procurement, architect, QUEUE_SIZE)
    views.IN_MEMORY_QUEUES["queue"] = _queue_in_memory(architect)
    url = "/assessments/review/?tab=waiting"
    baseline_url = "/bench/plain-queue/queue/"
    assert client.get(url).status_code == 200
    assert client.get(baseline_url).status_code == 200
    page, plain = interleaved(
        lambda: client.get(url), lambda: client.get(baseline_url), 15 if quick else 80
    )
    return [
        row(
            f"review queue, {QUEUE_SIZE} assessments",
            page,
            plain,
            queries=_query_count(client, url),
            size=QUEUE_SIZE,
        )
    ]


def run(quick: bool = False) -> list[dict]:
    _prepare()
    from django.test import Client

    procurement, architect = _users()
    client = Client()
    client.force_login(architect)
    rows = _review_rows(client, architect, procurement, quick)
    rows += _queue_rows(client, architect, procurement, quick)
    return rows


if __name__ == "__main__" and "--json" in sys.argv:
    from bench.common import bench_main

    bench_main(run, sys.argv)
elif __name__ == "__main__":
    results = run(quick="--quick" in sys.argv)
    print_rows(results)
    for r in results:
        print(f"{r['name']}: {r['queries']} SQL queries")
