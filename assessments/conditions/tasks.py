from celery import shared_task

from assessments.conditions.events import conditions_emit_events


@shared_task(name="assessments.emit_condition_events", ignore_result=True)
def emit_condition_events() -> dict[str, int]:
    """Hourly (beat): each condition's due and overdue events, once each."""
    return conditions_emit_events()
