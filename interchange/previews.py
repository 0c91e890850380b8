"""What the two imports (a vendor's answers, a vendor list) share about their previews."""

import datetime

from django.utils import timezone

STALE_AFTER = datetime.timedelta(days=7)


def stale_previews_forget(model) -> int:
    """A preview nobody acted on for a week is discarded and its copy of the file dropped: the
    database should not keep every vendor file someone once looked at. `model` is an import
    model with the Status (previewed / discarded), created_at and content fields both share."""
    stale = timezone.now() - STALE_AFTER
    return model.objects.filter(status=model.Status.PREVIEWED, created_at__lt=stale).update(
        status=model.Status.DISCARDED, content=b""
    )
