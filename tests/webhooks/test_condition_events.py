"""condition.due and condition.overdue: sent by the hourly job once per condition and due date,
only for conditions that bind (approved with conditions, not done), with ids and dates only."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from assessments.conditions.events import conditions_emit_events
from assessments.conditions.tasks import emit_condition_events
from assessments.models import Condition
from config.celery import app
from tests.factories import AssessmentFactory
from webhooks.models import WebhookDelivery, WebhookEndpoint

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 7)


@pytest.fixture
def endpoint(db):
    return WebhookEndpoint.objects.create(
        url="https://hooks.example.com/sbd",
        events=["condition.due", "condition.overdue"],
        secret="whsec_dGVzdA==",
    )


@pytest.fixture
def condition(questionnaire):
    """condition(days from TODAY to its due date, status=…, done=…, text=…)"""

    def make(days, *, status="approved_with_conditions", done=False, text="Fix"):
        assessment = AssessmentFactory(status=status, questionnaire=questionnaire)
        return Condition.objects.create(
            assessment=assessment,
            text=text,
            owner="Platform team",
            due_date=None if days is None else TODAY + datetime.timedelta(days=days),
            done_at=timezone.now() if done else None,
        )

    return make


def _sent(event: str) -> list[int]:
    return sorted(
        d.payload["data"]["condition"]["id"] for d in WebhookDelivery.objects.filter(event=event)
    )


def test_each_event_once_for_the_conditions_that_bind(endpoint, condition):
    soon = condition(3, text="Rotate the signing keys before go-live")
    today = condition(0)
    late = condition(-1)
    not_yet = condition(settings.WEBHOOK_CONDITION_DUE_DAYS + 1)
    condition(2, done=True)
    condition(None)
    condition(2, status="approved")  # an approval binds no conditions
    condition(-5, status="in_review")  # a proposal

    assert conditions_emit_events(day=TODAY) == {"condition.due": 2, "condition.overdue": 1}
    assert _sent("condition.due") == sorted([soon.pk, today.pk])
    assert _sent("condition.overdue") == [late.pk]
    # The next run, or a restart, sends nothing again.
    assert conditions_emit_events(day=TODAY) == {"condition.due": 0, "condition.overdue": 0}
    # Three days later: the first is due today (told already), "not yet" has come within the
    # window, and "today" is overdue.
    later = TODAY + datetime.timedelta(days=3)
    assert conditions_emit_events(day=later) == {"condition.due": 1, "condition.overdue": 1}
    assert _sent("condition.due") == sorted([soon.pk, today.pk, not_yet.pk])
    assert _sent("condition.overdue") == sorted([late.pk, today.pk])


def test_the_payload_has_ids_and_dates_never_the_condition_text(endpoint, condition):
    condition = condition(2, text="Rotate the signing keys before go-live")
    conditions_emit_events(day=TODAY)
    payload = WebhookDelivery.objects.get(event="condition.due").payload
    assert payload["type"] == "condition.due"
    data = payload["data"]
    assert data["condition"]["id"] == condition.pk
    assert data["condition"]["due_date"] == "2026-12-09"
    assert data["assessment"]["id"] == str(condition.assessment_id)
    assert "Rotate" not in str(payload) and "Platform team" not in str(payload)


def test_a_new_due_date_earns_new_events(endpoint, condition):
    condition = condition(-1)
    conditions_emit_events(day=TODAY)
    Condition.objects.filter(pk=condition.pk).update(due_date=TODAY + datetime.timedelta(days=5))
    assert conditions_emit_events(day=TODAY) == {"condition.due": 1, "condition.overdue": 0}
    Condition.objects.filter(pk=condition.pk).update(due_date=TODAY - datetime.timedelta(days=2))
    assert conditions_emit_events(day=TODAY) == {"condition.due": 0, "condition.overdue": 1}


def test_without_a_subscriber_the_events_are_still_marked_sent(condition):
    """A receiver registered later does not get a burst of old due dates."""
    condition(1)
    assert conditions_emit_events(day=TODAY)["condition.due"] == 1
    assert WebhookDelivery.objects.count() == 0
    WebhookEndpoint.objects.create(
        url="https://hooks.example.com/x", events=["condition.due"], secret="whsec_dGVzdA=="
    )
    assert conditions_emit_events(day=TODAY)["condition.due"] == 0


def test_the_hourly_beat_entry_runs_the_registered_task():
    entry = settings.CELERY_BEAT_SCHEDULE["condition-events"]
    assert entry["task"] == emit_condition_events.name
    assert entry["task"] in app.tasks
