"""Baseline views the benchmarks compare against."""

from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt

from assessments.models import Answer

# Filled in by the form-page benchmark: the same questions as plain dicts, built once.
IN_MEMORY_FORMS: dict[str, list[dict]] = {}


def plain_form(request, name: str):
    """The questions rendered from in-memory Python data with one plain template: no queries,
    no context building — the floor the real form page is measured against."""
    return render(request, "bench/plain_form.html", {"domains": IN_MEMORY_FORMS[name]})


# Filled in by the review benchmark: the rows and the queue as plain dicts, built once.
IN_MEMORY_REVIEWS: dict[str, dict] = {}
IN_MEMORY_QUEUES: dict[str, dict] = {}


def plain_review(request, name: str):
    """The review page's rows, navigation and panel from in-memory data with one template."""
    return render(request, "bench/plain_review.html", IN_MEMORY_REVIEWS[name])


def plain_queue(request, name: str):
    """One page of the review queue from in-memory data with one template."""
    return render(request, "bench/plain_queue.html", IN_MEMORY_QUEUES[name])


@csrf_exempt
def one_update(request, answer_id: int):
    """A trivial JSON view that performs one UPDATE: the floor of any autosave endpoint."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Answer._meta.db_table} SET version = version + 1 WHERE id = %s",  # noqa: S608
            [answer_id],
        )
    return JsonResponse({"ok": True, "id": answer_id})


# Filled in by the long-lists benchmark: one page of the history and of the Compare picker.
IN_MEMORY_LISTS: dict[str, dict] = {}


def plain_history(request, name: str):
    """One page of an assessment's history, with its filter form, from in-memory data."""
    return render(request, "bench/plain_history.html", IN_MEMORY_LISTS[name])


def plain_picker(request, name: str):
    """One page of the Compare picker, with its filter form, from in-memory data."""
    return render(request, "bench/plain_picker.html", IN_MEMORY_LISTS[name])
