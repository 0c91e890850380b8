"""The assessments list (/assessments/) at 1,000 assessments against a plain-template baseline,
with its query count, and the CSV download of all 1,000.

    python bench/bench_assessment_list.py [--quick]

The baseline renders the same template (templates/assessments/portfolio/list.html) from the same
page's context built once and kept in memory: no queries, no filtering, no row building. What the
list costs beyond it is the filter's parsing, its queries and turning 50 assessments into rows.
Target: each median within 2x of its baseline. PostgreSQL (bench.servers.own_database), as in
production.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import interleaved, measure, print_rows, row, setup_django

ASSESSMENTS = 1000
VENDORS = 50
FILTERED = "?status=submitted&status=in_review&findings=high&sort=-findings&q=bench"
# The context the baseline renders, built once by the real selector.
IN_MEMORY: dict[str, dict] = {}


def _prepare() -> None:
    from bench.servers import own_database

    setup_django(own_database("assessment_list"))
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_questionnaire", "assessments/questionnaires/sbd-v2.yaml", verbosity=0)


def _users():
    from django.contrib.auth.models import Group, User

    procurement = User.objects.create_user("bench-procurement", password="bench-password-123")
    procurement.groups.add(Group.objects.get_or_create(name="procurement")[0])
    viewer = User.objects.create_user("bench-viewer", password="bench-password-123")
    viewer.groups.add(Group.objects.get_or_create(name="viewer")[0])
    return procurement, viewer


def _portfolio(procurement, count: int) -> None:
    """`count` assessments of 50 vendors' offerings in every status, each with a stored summary
    (what the list reads), made in bulk."""
    from assessments.models import Assessment, AssessmentSummary, QuestionnaireVersion
    from vendors.models import Offering, Vendor

    questionnaire = QuestionnaireVersion.objects.order_by("-version").first()
    vendors = Vendor.objects.bulk_create(
        Vendor(name=f"Bench vendor {i:02d}") for i in range(VENDORS)
    )
    offerings = Offering.objects.bulk_create(
        Offering(vendor=v, name=f"Product {i}", deployment_model="saas")
        for i, v in enumerate(vendors)
    )
    statuses = [s for s, _ in Assessment.Status.choices]
    made = Assessment.objects.bulk_create(
        Assessment(
            offering=offerings[i % VENDORS],
            questionnaire=questionnaire,
            requester=procurement,
            status=statuses[i % len(statuses)],
        )
        for i in range(count)
    )
    AssessmentSummary.objects.bulk_create(
        AssessmentSummary(
            assessment=a,
            grade="ABCDE"[i % 5],
            uncapped_grade="ABCDE"[i % 5],
            recommendation="high_risk",
            claimed=80,
            evidenced=50,
            gap=30,
            answered=60 - i % 7,
            applicable=60,
            missing_required=i % 7 if a.status == "draft" else 0,
            open_critical=i % 2,
            open_high=i % 4,
            open_medium=i % 3,
            open_low=1,
            accepted_findings=0,
            to_review=60,
            reviewed=0,
            to_reconfirm=0,
        )
        for i, a in enumerate(made)
    )


def plain_list(request, name: str):
    """The list's own template over a context kept in memory: the floor the page is measured
    against."""
    from django.shortcuts import render

    return render(request, "assessments/portfolio/list.html", IN_MEMORY[name])


def _in_memory(viewer, params: str) -> dict:
    from django.core.paginator import Paginator
    from django.http import QueryDict

    from assessments.portfolio import portfolio_query_parse
    from assessments.portfolio.selectors import portfolio_page_context

    query = portfolio_query_parse(QueryDict(params.lstrip("?")), user=viewer)
    context = portfolio_page_context(user=viewer, query=query)
    # A page over a plain list: its count and numbers without a query.
    context["page"] = Paginator(range(context["count"]), 50).get_page(1)
    return context


def _query_count(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def _measure(client, name: str, url: str, baseline_url: str, quick: bool) -> dict:
    page = client.get(url)
    assert page.status_code == 200, url
    assert client.get(baseline_url).status_code == 200, baseline_url
    subject, plain = interleaved(
        lambda: client.get(url), lambda: client.get(baseline_url), 15 if quick else 60
    )
    return row(
        name,
        subject,
        plain,
        queries=_query_count(client, url),
        kb=round(len(page.content) / 1024),
        size=ASSESSMENTS,
    )


def run(quick: bool = False) -> list[dict]:
    _prepare()
    from django.test import Client
    from django.urls import clear_url_caches, path

    import bench.urls

    # This benchmark's baseline view, added to the bench URL conf before the first request.
    bench.urls.urlpatterns.insert(0, path("bench/plain-list/<str:name>/", plain_list))
    clear_url_caches()

    procurement, viewer = _users()
    _portfolio(procurement, ASSESSMENTS)
    client = Client()
    client.force_login(viewer)
    client.get("/vendors/")  # the session's first request stores its time zone
    IN_MEMORY["all"] = _in_memory(viewer, "")
    IN_MEMORY["filtered"] = _in_memory(viewer, FILTERED)
    csv_ms = measure(lambda: client.get("/assessments/export/csv/"), 5 if quick else 20)
    return [
        _measure(
            client,
            f"assessments list, {ASSESSMENTS} assessments",
            "/assessments/",
            "/bench/plain-list/all/",
            quick,
        ),
        _measure(
            client,
            f"assessments list filtered and sorted, {ASSESSMENTS}",
            f"/assessments/{FILTERED}",
            "/bench/plain-list/filtered/",
            quick,
        ),
        row(
            f"assessments CSV download, all {ASSESSMENTS}",
            csv_ms,
            None,
            queries=_query_count(client, "/assessments/export/csv/"),
            size=ASSESSMENTS,
        ),
    ]


if __name__ == "__main__" and "--json" in sys.argv:
    from bench.common import bench_main

    bench_main(run, sys.argv)
elif __name__ == "__main__":
    results = run(quick="--quick" in sys.argv)
    print_rows(results)
    for r in results:
        print(f"{r['name']}: {r['queries']} SQL queries, {r.get('kb', '—')} KB")
