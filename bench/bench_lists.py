"""Long lists, each against a plain template over in-memory data: an assessment's history at
3,000 audit events and the Compare picker at 1,000 assessments, with their query counts.

    python bench/bench_lists.py [--quick]

Both pages are paged (the history 100 events a page, the picker 25 assessments); the baselines
render the same page of rows with the same markup per row from plain dicts with one template and
no queries. Before paging, the history rendered all 3,032 events (0.68 s, 1.3 MB, 76x its
baseline) and the picker 1,000 checkboxes (215 ms, 23x). Targets: each median within 2x of its
baseline. PostgreSQL (bench.servers.own_database), as in production.
"""

import datetime
import sys
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import (
    bench_user,
    interleaved,
    print_rows,
    row,
    setup_postgres_with_questionnaire,
)

EVENTS = 3000
ASSESSMENTS = 1000


def _assessments(procurement, count: int):
    """`count` assessments of 50 vendors' offerings, made in bulk."""
    from assessments.models import Assessment, QuestionnaireVersion
    from vendors.services import offering_create, vendor_create

    questionnaire = QuestionnaireVersion.objects.order_by("-version").first()
    offerings = [
        offering_create(
            actor=procurement,
            vendor=vendor_create(actor=procurement, name=f"Bench vendor {i:02d}"),
            name=f"Product {i}",
            deployment_model="saas",
        )
        for i in range(50)
    ]
    statuses = [s for s, _ in Assessment.Status.choices]
    return Assessment.objects.bulk_create(
        Assessment(
            offering=offerings[i % len(offerings)],
            questionnaire=questionnaire,
            requester=procurement,
            status=statuses[i % len(statuses)],
        )
        for i in range(count)
    )


def _history(assessment, procurement, count: int) -> None:
    """`count` audit events of the kinds a long review makes, a minute apart."""
    from assessments.models import AuditAction, AuditEvent
    from assessments.questionnaire.structure import questionnaire_structure

    keys = [q.key for q in questionnaire_structure(assessment.questionnaire).questions]
    start = datetime.datetime(2026, 1, 5, 9, tzinfo=datetime.UTC)
    times = iter(start + datetime.timedelta(minutes=i) for i in range(count))
    events = []
    for i in range(count):
        key = keys[i % len(keys)]
        if i % 4 == 0:
            action, old, new = AuditAction.COMMENT_ADDED, None, {"body": f"Please explain {i}."}
        elif i % 4 == 1:
            action, old, new = (
                AuditAction.ANSWER_EVIDENCE_LEVEL,
                {"evidence_level": "claim"},
                {"evidence_level": "documented"},
            )
        else:
            action, old, new = AuditAction.ANSWER_SAVED, {}, {"explanation": f"Answer {i}"}
        events.append(
            AuditEvent(
                assessment=assessment,
                actor=procurement,
                actor_label=procurement.username,
                action=action,
                question_key=key,
                old=old,
                new=new,
            )
        )
    # Audit rows are append-only: they get their times from the clock auto_now_add reads.
    with mock.patch("django.utils.timezone.now", side_effect=lambda: next(times)):
        AuditEvent.objects.bulk_create(events, batch_size=500)


def _history_in_memory(assessment, viewer) -> dict:
    from django.test import RequestFactory

    from assessments.lifecycle.history import history_page_context

    request = RequestFactory().get("/")
    context = history_page_context(assessment=assessment, params=request.GET)
    return {
        "events": [
            {
                "at": e.created_at,
                "action": e.action,
                "sentence": words.sentence,
                "quote": words.quote,
                "key": e.question_key,
            }
            for e, words in context["events"]
        ],
        "actors": list(context["actors"].items()),
        "actions": context["actions"],
        "pages": context["page"].paginator.num_pages,
        "count": context["page"].paginator.count,
    }


def _picker_in_memory(viewer) -> dict:
    from django.http import QueryDict

    from reports.picker import comparison_picker_context

    context = comparison_picker_context(user=viewer, params=QueryDict())
    return {
        "rows": [
            {
                "pk": a.pk,
                "vendor": a.offering.vendor.name,
                "offering": a.offering.name,
                "status": a.status,
                "status_label": a.get_status_display(),
                "group": f"{a.questionnaire.title} v{a.questionnaire.version}",
            }
            for a in context["candidates"]
        ],
        "versions": [(v.pk, v.title, v.version) for v in context["versions"]],
        "statuses": context["statuses"],
        "pages": context["page"].paginator.num_pages,
        "count": context["page"].paginator.count,
    }


def _query_count(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def _measure(client, name: str, url: str, baseline_url: str, quick: bool, **extra) -> dict:
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
        **extra,
    )


def run(quick: bool = False) -> list[dict]:
    setup_postgres_with_questionnaire("lists")
    from django.test import Client

    from bench import views

    procurement, viewer = bench_user("procurement"), bench_user("viewer")
    made = _assessments(procurement, ASSESSMENTS)
    _history(made[0], procurement, EVENTS)
    client = Client()
    client.force_login(viewer)

    views.IN_MEMORY_LISTS["history"] = _history_in_memory(made[0], viewer)
    views.IN_MEMORY_LISTS["picker"] = _picker_in_memory(viewer)
    return [
        _measure(
            client,
            f"history page, {EVENTS} audit events",
            f"/assessments/{made[0].pk}/history/",
            "/bench/plain-history/history/",
            quick,
            size=EVENTS,
        ),
        _measure(
            client,
            f"compare picker, {ASSESSMENTS} assessments",
            "/reports/compare/",
            "/bench/plain-picker/picker/",
            quick,
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
        print(f"{r['name']}: {r['queries']} SQL queries, {r['kb']} KB")
