from celery import shared_task

from assessments.invitations.tasks import RETRY, mail_enqueue
from tiering.due import due_notice_message, due_notices_queue
from tiering.models import DueNotice


@shared_task(name="tiering.send_due_notice", **RETRY)
def send_due_notice(notice_id: int) -> None:
    notice = DueNotice.objects.filter(pk=notice_id).first()
    message = due_notice_message(notice) if notice is not None else None
    if message is not None:
        message.send()


@shared_task(name="tiering.send_due_notices", ignore_result=True)
def send_due_notices() -> int:
    """Nightly (CELERY_BEAT_SCHEDULE): every reminder now due, each once per threshold."""
    return due_notices_queue(enqueue=lambda notice_id: mail_enqueue(send_due_notice, notice_id))
