"""A task logs under the id of the web request that enqueued it: the id rides in the message
headers (before_task_publish) and is set in the worker around the task (task_prerun/postrun).
tests/deploy/test_processes.py sees it end to end in a real worker's log."""

from types import SimpleNamespace

from celery import signals

from core import json_logging
from core.middleware import request_id_var


def _task(**headers):
    return SimpleNamespace(request=SimpleNamespace(**headers))


def test_the_signals_are_connected_when_the_celery_app_loads():
    import config.celery  # noqa: F401

    for signal in (
        signals.before_task_publish,
        signals.task_prerun,
        signals.task_postrun,
        signals.setup_logging,
    ):
        assert signal.has_listeners(), signal.name


def test_publishing_inside_a_request_puts_its_id_in_the_headers():
    headers: dict = {}
    token = request_id_var.set("req-0123456789")
    try:
        json_logging._on_publish(headers=headers)
    finally:
        request_id_var.reset(token)
    assert headers == {"request_id": "req-0123456789"}


def test_publishing_outside_a_request_adds_nothing():
    headers: dict = {}
    json_logging._on_publish(headers=headers)
    assert headers == {}


def test_the_worker_runs_the_task_under_the_request_id_and_restores_it_after():
    seen = []
    json_logging._on_task_start(task_id="t-1", task=_task(request_id="req-0123456789"))
    seen.append(request_id_var.get())
    json_logging._on_task_end(task_id="t-1")
    assert seen == ["req-0123456789"]
    assert request_id_var.get() == "-"


def test_a_periodic_task_without_a_request_logs_under_its_own_task_id():
    json_logging._on_task_start(task_id="task-42", task=_task())
    try:
        assert request_id_var.get() == "task-42"
    finally:
        json_logging._on_task_end(task_id="task-42")
    assert request_id_var.get() == "-"
