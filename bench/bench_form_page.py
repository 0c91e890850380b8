"""The assessment form page against a plain template over in-memory data, and its query count.

    python bench/bench_form_page.py [--quick]

Both pages go through the same Django test client and middleware, interleaved request by request.
The baseline renders the same questions (same markup per question) from plain dicts with one
template and no queries. Target: median within 2x of the baseline; at most 15 queries at any size.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import BENCH_VAR, interleaved, print_rows, row, setup_django

SIZES = (60, 300)


def _prepare():
    from django.core.management import call_command

    db = BENCH_VAR / "form-page.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    setup_django(f"sqlite:///{db}")
    call_command("migrate", verbosity=0)


def _assessment(size: int, user):
    from assessments.lifecycle.services import assessment_create
    from assessments.questionnaire.loader import questionnaire_import
    from assessments.questionnaire.schema import validate_document
    from tests.assessments.helpers import answer_all
    from tests.support.questionnaires import synthetic_document
    from vendors.services import offering_create, vendor_create

    document = validate_document(synthetic_document(size, key=f"bench{size}"), "bench")
    version = questionnaire_import(document=document, source="bench").questionnaire
    vendor = vendor_create(actor=user, name=f"Bench vendor {size}")
    offering = offering_create(actor=user, vendor=vendor, name="Gateway", deployment_model="saas")
    assessment = assessment_create(actor=user, offering=offering, questionnaire=version)
    answer_all(assessment, user, pick="worst")
    return assessment


def _in_memory(assessment) -> list[dict]:
    """The same questions and answers as plain dicts (built once, outside the timing)."""
    from assessments.answers.form_context import assessment_form_context
    from assessments.questionnaire.structure import questionnaire_structure

    context = assessment_form_context(assessment=assessment, user=assessment.requester)
    structure = questionnaire_structure(assessment.questionnaire)
    chosen = {
        a.question.key: a.option.key if a.option else None
        for a in assessment.answers.select_related("question", "option")
    }
    return [
        {
            "key": d.key,
            "title": d.title,
            "description": d.description,
            "questions": [
                {
                    "key": q.key,
                    "text": q.text,
                    "help": q.help,
                    "required": q.required,
                    "option": chosen.get(q.key),
                    "version": q.version,
                    "text_answer": q.explanation,
                    "options": [
                        {"key": o.key, "label": o.label} for o in structure.question(q.key).options
                    ],
                }
                for q in d.questions
            ],
        }
        for d in context["domains"]
    ]


def _query_count(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def run(quick: bool = False) -> list[dict]:
    _prepare()
    from django.contrib.auth.models import Group, User
    from django.test import Client

    from bench import views

    user = User.objects.create_user("bench", password="bench-password-123")
    user.groups.add(Group.objects.get_or_create(name="procurement")[0])
    client = Client()
    client.force_login(user)
    rows = []
    for size in SIZES:
        assessment = _assessment(size, user)
        views.IN_MEMORY_FORMS[str(size)] = _in_memory(assessment)
        url = f"/assessments/{assessment.pk}/form/"
        baseline_url = f"/bench/plain-form/{size}/"
        assert client.get(url).status_code == 200
        assert client.get(baseline_url).status_code == 200
        repetitions = 15 if quick else (120 if size <= 60 else 40)
        page, plain = interleaved(
            lambda u=url: client.get(u), lambda u=baseline_url: client.get(u), repetitions
        )
        rows.append(
            row(
                f"form page, {size} questions",
                page,
                plain,
                queries=_query_count(client, url),
                size=size,
            )
        )
    return rows


if __name__ == "__main__" and "--json" in sys.argv:
    from bench.common import bench_main

    bench_main(run, sys.argv)
elif __name__ == "__main__":
    results = run(quick="--quick" in sys.argv)
    print_rows(results)
    for r in results:
        print(f"{r['name']}: {r['queries']} SQL queries")
