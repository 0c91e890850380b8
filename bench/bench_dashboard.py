"""The dashboard (/) at 1,000 assessments, for the admin (every panel: procurement, review and
board) and for an architect, each against a plain-template baseline, with its query count and
how many times the request ran the scoring engine (issue 18: dashboards read stored summaries,
never the engine).

    python bench/bench_dashboard.py [--quick]

The 1,000 assessments are spread over every status, each with a stored summary; half are the
admin's own requests, the ones in review are the architect's, the decided ones have a date and a
grade, and each approval with conditions has three conditions (one overdue, one due soon, one
done). The baseline renders the same template (templates/assessments/dashboard.html) from the
view's own context, captured once and kept in memory: no queries, no panel building. What the
dashboard costs beyond it is its counts and panel queries and turning rows into standings.
Target (issue 18): each median within 2x of its baseline. PostgreSQL (bench.servers.own_database),
as in production. Not in `make bench-quick`.
"""

import datetime
import sys
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import bench_user, interleaved, row

ASSESSMENTS = 1000
# The context each baseline renders, captured once from the real view.
IN_MEMORY: dict[str, dict] = {}


def _portfolio(admin, architect, procurement) -> None:
    """1,000 assessments in every status with summaries (bench_assessment_list's portfolio),
    then the dates, reviewers, grades and conditions the dashboard's panels select on."""
    from django.utils import timezone

    from assessments.models import Assessment, Condition
    from assessments.workflow import DECIDED, Status
    from bench.bench_assessment_list import _portfolio as portfolio

    reviewed = {Status.IN_REVIEW, Status.CHANGES_REQUESTED, *DECIDED}

    portfolio(procurement, ASSESSMENTS)
    now = timezone.now()
    day = now.date()
    made = list(Assessment.objects.order_by("pk"))
    for i, a in enumerate(made):
        a.requester = admin if i % 2 else procurement
        a.due_date = day + datetime.timedelta(days=i % 60 - 20)
        if a.status != "draft":
            a.submitted_at = now - datetime.timedelta(hours=i)
        if a.status in reviewed:
            a.reviewer = architect
        if a.status in DECIDED:
            a.decided_at = now - datetime.timedelta(hours=i)
            a.decided_grade = "ABCDE"[i % 5]
    Assessment.objects.bulk_update(
        made,
        ["requester", "due_date", "submitted_at", "reviewer", "decided_at", "decided_grade"],
        batch_size=500,
    )
    approvals = [a for a in made if a.status == Status.APPROVED_WITH_CONDITIONS]
    Condition.objects.bulk_create(
        Condition(
            assessment=a,
            text=f"Enforce single sign-on for every administrator account ({n}).",
            owner="Vendor security team",
            due_date=day + datetime.timedelta(days=(-10, 12, 45)[n]),
            done_at=now if n == 2 else None,
            done_by=architect if n == 2 else None,
        )
        for a in approvals
        for n in range(3)
    )


def plain_dashboard(request, name: str):
    """The dashboard's own template over its context kept in memory: the floor the page is
    measured against."""
    from django.shortcuts import render

    return render(request, "assessments/dashboard.html", IN_MEMORY[name])


def _captured_context(user) -> dict:
    """The context the real view renders for `user`, every panel's rows already lists."""
    from django.http import HttpResponse
    from django.test import RequestFactory

    from assessments.home import views

    captured = {}

    def capture(request, template, context):
        captured.update(context)
        return HttpResponse()

    request = RequestFactory().get("/")
    request.user = user
    with mock.patch.object(views, "render", side_effect=capture):
        views.dashboard(request)
    return captured


def _engine_calls(client, url: str) -> tuple[int, int]:
    """The request's SQL queries, and how many assessments it scored with the engine."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    import assessments.summary

    with (
        CaptureQueriesContext(connection) as queries,
        mock.patch.object(
            assessments.summary, "summary_refresh", wraps=assessments.summary.summary_refresh
        ) as refresh,
    ):
        client.get(url)
    return len(queries), refresh.call_count


def _measure(client, name: str, baseline_url: str, quick: bool) -> dict:
    page = client.get("/")
    assert page.status_code == 200
    assert client.get(baseline_url).status_code == 200, baseline_url
    subject, plain = interleaved(
        lambda: client.get("/"), lambda: client.get(baseline_url), 15 if quick else 60
    )
    queries, engine = _engine_calls(client, "/")
    return row(
        name,
        subject,
        plain,
        queries=queries,
        engine_calls=engine,
        kb=round(len(page.content) / 1024),
        size=ASSESSMENTS,
    )


def run(quick: bool = False) -> list[dict]:
    from bench.common import setup_postgres_with_questionnaire

    setup_postgres_with_questionnaire("dashboard")
    from django.test import Client
    from django.urls import clear_url_caches, path

    import bench.urls

    # This benchmark's baseline view, added to the bench URL conf before the first request.
    bench.urls.urlpatterns.insert(0, path("bench/plain-dashboard/<str:name>/", plain_dashboard))
    clear_url_caches()

    admin, architect = bench_user("admin"), bench_user("architect")
    _portfolio(admin, architect, bench_user("procurement"))
    rows = []
    for name, user in (("admin", admin), ("architect", architect)):
        client = Client()
        client.force_login(user)
        client.get("/vendors/")  # the session's first request stores its time zone
        IN_MEMORY[name] = _captured_context(user)
        rows.append(
            _measure(
                client,
                f"dashboard, {name}, {ASSESSMENTS} assessments",
                f"/bench/plain-dashboard/{name}/",
                quick,
            )
        )
        r = rows[-1]
        print(f"{r['name']}: {r['queries']} SQL queries, {r['engine_calls']} scoring engine calls")
    return rows


if __name__ == "__main__":
    from bench.common import bench_main

    bench_main(run, sys.argv)
