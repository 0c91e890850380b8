import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.validators import MaxLengthValidator
from django.db import models

from assessments.models.questionnaire import Option, Question, QuestionnaireVersion
from assessments.workflow import DECIDED, EDITABLE, Status
from core.models import TimeStampedModel, UUIDModel
from vendors.validators import web_url_validator

MAX_EXPLANATION_LENGTH = 10_000


class EvidenceLevel(models.TextChoices):
    """How well an answer is backed, weakest first (see DOMAIN.md, "Evidence strength")."""

    CLAIM = "claim", "Claim — the vendor said so"
    DOCUMENTED = "documented", "Documented — in the vendor's technical documentation"
    ATTESTED = "attested", "Independently attested — audit, certification or pen test"
    VERIFIED = "verified", "Verified — our architect tested or observed it"


class Assessment(UUIDModel):
    # The workflow's table (assessments/workflow.py) owns the statuses and what each allows.
    Status = Status

    offering = models.ForeignKey(
        "vendors.Offering", on_delete=models.PROTECT, related_name="assessments"
    )
    questionnaire = models.ForeignKey(
        QuestionnaireVersion, on_delete=models.PROTECT, related_name="assessments"
    )
    status = models.CharField(max_length=32, choices=Status.choices, default=Status.DRAFT)
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="requested_assessments"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviewed_assessments",
    )
    due_date = models.DateField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_rationale = models.TextField(blank=True)
    # Reassessment: a decided assessment is never edited again; a new revision starts from it.
    previous = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="revisions"
    )
    revision = models.PositiveIntegerField(default=1)
    # Answers of the previous revision a reassessment could not carry onto this one's
    # questionnaire version, with the reason: [{question, text, answer, reason, now}].
    uncarried = models.JSONField(default=list, blank=True)
    # Review verdicts a reassessment could not carry (aged out, or the answer must be chosen
    # again): question, kind, what it was, why, and its effect on the evidenced score.
    verdicts_lost = models.JSONField(default=list, blank=True)
    # A decision that departs from the grade's recommendation says why, in its own words; the
    # recommendation and grade it departed from are kept with it (the snapshot has them too).
    departure_justification = models.TextField(blank=True)
    decided_grade = models.CharField(max_length=1, blank=True)
    decided_recommendation = models.CharField(max_length=32, blank=True)

    @property
    def is_editable(self) -> bool:
        """May answers (and procurement's evidence, and vendor invitations) still change?"""
        return self.status in EDITABLE

    @property
    def is_decided(self) -> bool:
        return self.status in DECIDED

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "submitted_at"], name="assessment_queue_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    status__in=[
                        "draft",
                        "submitted",
                        "in_review",
                        "changes_requested",
                        "approved",
                        "approved_with_conditions",
                        "rejected",
                    ]
                ),
                name="assessment_status_valid",
            )
        ]

    def __str__(self) -> str:
        return f"{self.offering} · {self.questionnaire.key} v{self.questionnaire.version}"


class Answer(TimeStampedModel):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    option = models.ForeignKey(
        Option, null=True, blank=True, on_delete=models.PROTECT, related_name="answers"
    )
    is_na = models.BooleanField(default=False)
    # The buyer's notes ("Our notes"): written by internal users only.
    explanation = models.TextField(
        blank=True, validators=[MaxLengthValidator(MAX_EXPLANATION_LENGTH)]
    )
    # What an invited vendor contact wrote ("The vendor wrote"): its own field, so a vendor's save
    # never overwrites the buyer's notes, nor the buyer's the vendor's words.
    vendor_explanation = models.TextField(
        blank=True, validators=[MaxLengthValidator(MAX_EXPLANATION_LENGTH)]
    )
    evidence_level = models.CharField(
        max_length=16, choices=EvidenceLevel.choices, default=EvidenceLevel.CLAIM
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Optimistic locking: every save must carry the version it was based on (see answer_save).
    version = models.PositiveIntegerField(default=1)
    # How long an independent attestation or our verification stays valid (e.g. the end of an
    # audit period): a reassessment keeps the level only while this date has not passed.
    evidence_valid_until = models.DateField(null=True, blank=True)
    # The reviewer's score override, kept beside the answer: the answer itself is never changed.
    override_score = models.FloatField(null=True, blank=True)
    override_justification = models.TextField(blank=True)
    override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Accepting the risk of the chosen option's finding: still reported, no longer caps the grade.
    finding_accepted = models.BooleanField(default=False)
    acceptance_justification = models.TextField(blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    carried_over = models.BooleanField(
        default=False, help_text="Copied from the previous revision by a reassessment."
    )
    # When the evidence level was last set or confirmed by someone: a reassessment carries the
    # level while it is younger than the scoring policy's maximum age for that level.
    level_set_at = models.DateTimeField(null=True, blank=True)
    # The architect's verdict on this answer as it stands: kept the level, changed it, or
    # commented. A change to the answer's content clears it (the architect must look again).
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Written through a vendor invitation: the vendor's own claim, attributed to that contact.
    answered_by_contact = models.ForeignKey(
        "vendors.Contact", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["question__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "question"], name="answer_unique_per_question"
            ),
            models.CheckConstraint(
                condition=~models.Q(is_na=True, option__isnull=False),
                name="answer_option_or_na",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    evidence_level__in=["claim", "documented", "attested", "verified"]
                ),
                name="answer_evidence_level_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(override_score__isnull=True)
                | models.Q(override_score__gte=0, override_score__lte=100),
                name="answer_override_score_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assessment_id}:{self.question.key}"


# Evidence lives under MEDIA_ROOT/evidence/. No URL route serves MEDIA_ROOT: only the
# access-checked download view streams a file. Default location, so it follows MEDIA_ROOT changes.
evidence_storage = FileSystemStorage()


def evidence_upload_to(instance: "Evidence", filename: str) -> str:
    # The user's file name is never used on disk: it is kept only as display text.
    suffix = PurePosixPath(filename).suffix.lower()[:8]
    safe_suffix = suffix if suffix.isascii() and suffix[1:].isalnum() else ""
    return f"evidence/{instance.answer.assessment_id}/{uuid.uuid4().hex}{safe_suffix}"


class Evidence(UUIDModel):
    class ScanStatus(models.TextChoices):
        """What the malware scanner said about the file (assessments/evidence/scan.py).
        Links are never scanned and keep NOT_SCANNED."""

        NOT_SCANNED = "not_scanned", "not scanned for malware"
        CLEAN = "clean", "scanned, no malware found"
        PENDING = "pending_scan", "waiting for its malware scan"
        INFECTED = "infected", "malware found, file removed"

    # Only these may be downloaded: a file still waiting for its scan, or one found infected, never.
    DOWNLOADABLE_STATUSES = (ScanStatus.NOT_SCANNED, ScanStatus.CLEAN)

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(
        storage=evidence_storage, upload_to=evidence_upload_to, blank=True, max_length=255
    )
    url = models.URLField(blank=True, max_length=2000, validators=[web_url_validator])
    original_name = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    note = models.TextField(blank=True, max_length=2_000)
    sha256 = models.CharField(max_length=64, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_by_contact = models.ForeignKey(
        "vendors.Contact", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    scan_status = models.CharField(
        max_length=16, choices=ScanStatus.choices, default=ScanStatus.NOT_SCANNED
    )
    scan_signature = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(file="") & ~models.Q(url=""))
                | (~models.Q(file="") & models.Q(url="")),
                name="evidence_file_xor_url",
            )
        ]
        # The beat re-scan looks for pending files every few minutes: they are few, the table not.
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=models.Q(scan_status="pending_scan"),
                name="evidence_pending_scan_idx",
            )
        ]

    def __str__(self) -> str:
        return self.original_name or self.url

    @property
    def downloadable(self) -> bool:
        return bool(self.file) and self.scan_status in self.DOWNLOADABLE_STATUSES
