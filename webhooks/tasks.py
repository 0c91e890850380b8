"""Webhook deliveries run on the `default` worker, never in a request. The first attempt is
queued when the event's transaction commits; later attempts are picked up by the beat sweep when
due (no long countdowns in Redis, which would redeliver them after the visibility timeout)."""

from celery import shared_task

from webhooks.services import webhook_deliveries_due, webhook_delivery_attempt


@shared_task(name="webhooks.deliver", acks_late=True, ignore_result=True)
def deliver(delivery_id: str) -> None:
    webhook_delivery_attempt(delivery_id=delivery_id)


@shared_task(name="webhooks.sweep", ignore_result=True)
def sweep() -> int:
    due = webhook_deliveries_due()
    for delivery_id in due:
        deliver.delay(str(delivery_id))
    return len(due)
