"""A vendor's filled questionnaire on its way in: the file, what it suggests, and what was kept."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower

from core.models import UUIDModel

DUPLICATE_MAPPING_NAME = "A column mapping with this name already exists."


class ColumnMapping(UUIDModel):
    """A home-made questionnaire format, described once in the browser and reused by name: where
    its question ids, answers and notes are, and which of our questions each id informs."""

    name = models.CharField(max_length=120)
    sheet = models.CharField(max_length=100, blank=True)
    id_column = models.CharField(max_length=120)
    answer_column = models.CharField(max_length=120)
    notes_column = models.CharField(max_length=120, blank=True)
    links = models.JSONField(default=list)
    """[{"source": "SEC-12", "question": "basics.admin_mfa"}, …]"""
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = [Lower("name")]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="column_mapping_name_unique_ci",
                violation_error_message=DUPLICATE_MAPPING_NAME,
            )
        ]

    def __str__(self) -> str:
        return self.name


class AnswersImport(UUIDModel):
    """One uploaded file and its preview. Nothing reaches the assessment until someone accepts
    suggestions from the preview; the file's bytes are kept only until then (they become the
    evidence of every accepted answer), so a preview left alone holds no second copy for long."""

    class Status(models.TextChoices):
        PREVIEWED = "previewed", "Waiting for your choice"
        APPLIED = "applied", "Imported"
        DISCARDED = "discarded", "Discarded"

    assessment = models.ForeignKey(
        "assessments.Assessment", on_delete=models.CASCADE, related_name="answer_imports"
    )
    source_format = models.CharField(max_length=60)
    """"caiq-v4", "offline", or "mapping:<ColumnMapping id>"."""
    format_label = models.CharField(max_length=200)
    original_name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    content = models.BinaryField(blank=True, editable=False)
    preview = models.JSONField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PREVIEWED)
    applied_questions = models.JSONField(default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
