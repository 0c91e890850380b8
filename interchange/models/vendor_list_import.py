"""A team's own vendor list (a spreadsheet) on its way into the catalogue: the file, what it would
change, and whether someone confirmed it."""

from django.conf import settings
from django.db import models

from core.models import UUIDModel


class VendorListImport(UUIDModel):
    """One uploaded vendor list and its preview. Nothing reaches the catalogue until someone
    confirms; the file's bytes are kept only until then, because confirming reads the file again
    against the catalogue as it is at that moment (interchange/vendor_list/services.py)."""

    class Status(models.TextChoices):
        PREVIEWED = "previewed", "Waiting for confirmation"
        APPLIED = "applied", "Imported"
        DISCARDED = "discarded", "Discarded"

    original_name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    content = models.BinaryField(blank=True, editable=False)
    preview = models.JSONField()
    """{"sheet", "header_row", "columns", "ignored", "lines", "problems"}: vendor_list/plan.py."""
    counts = models.JSONField(default=dict)
    """{"vendor_create": 3, "offering_update": 1, …, "error": 2, "conflict": 1}."""
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PREVIEWED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_status_display()})"
