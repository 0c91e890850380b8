"""The conditions' webhook events: `condition.due` when a tracked condition's due date is within
WEBHOOK_CONDITION_DUE_DAYS, `condition.overdue` once it has passed. Each is sent once per
condition and due date: the row is claimed by a conditional update in the same transaction that
queues the delivery, so a second run, a restart or two workers at once send nothing twice; a new
due date earns new events."""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q, QuerySet

from assessments.conditions.selectors import condition_states_q, today
from assessments.models import Assessment, Condition
from webhooks.payloads import assessment_data
from webhooks.services import webhook_event_emit

# Event name → the field that remembers the due date it was sent for.
SENT_FIELD = {"condition.due": "due_event_for", "condition.overdue": "overdue_event_for"}


def _condition_data(condition: Condition) -> dict:
    """Ids, the due date and links; never the condition's text or owner (content)."""
    data = assessment_data(condition.assessment)
    data["condition"] = {
        "id": condition.pk,
        "due_date": condition.due_date.isoformat(),
        "tracker_url": f"{settings.APP_BASE_URL.rstrip('/')}/assessments/conditions/?state=all",
    }
    return data


def _pending(event: str, day: datetime.date) -> QuerySet[Condition]:
    if event == "condition.overdue":
        when = condition_states_q("overdue", day)
    else:
        soon = day + datetime.timedelta(days=settings.WEBHOOK_CONDITION_DUE_DAYS)
        when = condition_states_q("open", day) & Q(due_date__gte=day, due_date__lte=soon)
    field = SENT_FIELD[event]
    return (
        Condition.objects.filter(
            when, assessment__status=Assessment.Status.APPROVED_WITH_CONDITIONS
        )
        .exclude(**{field: F("due_date")})
        .select_related("assessment")
        .order_by("due_date", "pk")
    )


def _emit_once(event: str, condition: Condition) -> bool:
    field = SENT_FIELD[event]
    with transaction.atomic():
        claimed = (
            Condition.objects.filter(pk=condition.pk, due_date=condition.due_date)
            .exclude(**{field: condition.due_date})
            .update(**{field: condition.due_date})
        )
        if claimed:
            webhook_event_emit(event=event, data=_condition_data(condition))
    return bool(claimed)


def conditions_emit_events(*, day: datetime.date | None = None) -> dict[str, int]:
    """Sends what has come due since the last run; returns how many of each event went out."""
    day = day or today()
    return {
        event: sum(_emit_once(event, condition) for condition in _pending(event, day))
        for event in SENT_FIELD
    }
