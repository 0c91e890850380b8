from django.db import models

from core.models import TimeStampedModel


class ScorecardSnapshot(TimeStampedModel):
    """The scorecard as it stood at a milestone (submission, decision), frozen.

    Stored as the canonical JSON text itself, not a JSON column: PostgreSQL's jsonb reorders keys,
    and the promise is a byte-identical snapshot whose sha256 a report can print.
    """

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", "Submitted"
        DECIDED = "decided", "Decided"

    assessment = models.ForeignKey(
        "assessments.Assessment", on_delete=models.PROTECT, related_name="snapshots"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    inputs_sha256 = models.CharField(max_length=64)
    scorecard_json = models.TextField()
    scorecard_sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.kind} snapshot {self.scorecard_sha256[:12]}"
