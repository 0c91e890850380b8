"""The beat task that scans evidence files stored while the malware scanner was down."""

from celery import shared_task

from assessments.evidence.scan import evidence_rescan_pending


@shared_task(name="assessments.rescan_pending_evidence", ignore_result=True)
def rescan_pending_evidence() -> dict[str, int]:
    """Every few minutes (CELERY_BEAT_SCHEDULE): files stored while the malware scanner was down.
    Overlapping runs are harmless: a verdict is recorded only on a file still pending."""
    return evidence_rescan_pending()
