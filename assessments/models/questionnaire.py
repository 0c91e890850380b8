"""The questionnaire as versioned data: a version owns its domains, questions and options.

Rows are created only by the loader (assessments.questionnaire.loader) and never change once the
version is published; old assessments keep pointing at exactly the text and scores they were
answered against.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from core.models import TimeStampedModel


class Severity(models.TextChoices):
    CRITICAL = "critical", "Critical"
    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"


class QuestionnaireVersion(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        RETIRED = "retired", "Retired"

    key = models.SlugField(max_length=64)
    version = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    content_sha256 = models.CharField(max_length=64)
    # The version's scoring policy (evidence factors, grade bands, caps), kept with the content so
    # an assessment is always scored by the rules of the version it was answered against.
    scoring_policy = models.JSONField()
    # Which answers of an earlier version a reassessment onto this one carries, and where to
    # (FORMAT.md, "carries_from"); empty when this version names no earlier one.
    carries_from = models.JSONField(default=dict, blank=True)
    # The external criteria its questions may cite, each with every id it has, as in the file
    # (FORMAT.md, "reference_schemes"); empty for versions before 3.
    reference_schemes = models.JSONField(default=list, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["key", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["key", "version"], name="questionnaire_key_version_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "published", "retired"]),
                name="questionnaire_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.key} v{self.version})"

    @property
    def is_locked(self) -> bool:
        return self.status != self.Status.DRAFT


class Domain(TimeStampedModel):
    questionnaire = models.ForeignKey(
        QuestionnaireVersion, on_delete=models.CASCADE, related_name="domains"
    )
    key = models.CharField(max_length=64)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    weight = models.FloatField(validators=[MinValueValidator(0.0)])
    position = models.PositiveIntegerField()

    class Meta:
        ordering = ["questionnaire", "position"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "key"], name="domain_key_unique"),
            models.CheckConstraint(condition=models.Q(weight__gt=0), name="domain_weight_positive"),
        ]

    def __str__(self) -> str:
        return self.title


class Question(TimeStampedModel):
    questionnaire = models.ForeignKey(
        QuestionnaireVersion, on_delete=models.CASCADE, related_name="questions"
    )
    domain = models.ForeignKey(Domain, on_delete=models.CASCADE, related_name="questions")
    key = models.CharField(max_length=128)
    text = models.TextField()
    help = models.TextField(blank=True)
    required = models.BooleanField(default=True)
    allows_na = models.BooleanField(default=False)
    weight = models.FloatField(default=1.0)
    # {"question": "<earlier question key>", "any_of": ["<option key>", ...]}, a list of such
    # conditions that must all hold, or null; validated at load time, so it always points at real
    # earlier questions of the same version.
    show_if = models.JSONField(null=True, blank=True)
    # The answer this follow-up refines (scoring.follow_ups: refine); empty for none.
    refines = models.CharField(max_length=128, blank=True)
    # False for a context question (the product's deployment, say): it decides which questions
    # apply and adds nothing to any score.
    scored = models.BooleanField(default=True)
    # [{"scheme": "nist_ssdf", "id": "PW.4.1"}, ...]: the criteria it helps to check.
    references = models.JSONField(default=list, blank=True)
    position = models.PositiveIntegerField()

    class Meta:
        ordering = ["questionnaire", "position"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "key"], name="question_key_unique"),
            models.CheckConstraint(
                condition=models.Q(weight__gt=0, weight__lte=10), name="question_weight_range"
            ),
        ]

    def __str__(self) -> str:
        return self.key


class Option(TimeStampedModel):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    key = models.CharField(max_length=64)
    label = models.TextField()
    score = models.PositiveSmallIntegerField(validators=[MaxValueValidator(100)])
    is_unknown = models.BooleanField(default=False)
    finding_severity = models.CharField(max_length=16, choices=Severity.choices, blank=True)
    finding_title = models.CharField(max_length=200, blank=True)
    finding_rationale = models.TextField(blank=True)
    # [{"quality": "cost", "horizon": ["long_term"], "reason": "..."}, ...]: what choosing it
    # costs us, as normalised by the loader (FORMAT.md, "impacts").
    impacts = models.JSONField(default=list, blank=True)
    position = models.PositiveIntegerField()

    class Meta:
        ordering = ["question", "position"]
        constraints = [
            models.UniqueConstraint(fields=["question", "key"], name="option_key_unique"),
            models.CheckConstraint(condition=models.Q(score__lte=100), name="option_score_range"),
            models.CheckConstraint(
                condition=models.Q(finding_severity="")
                | models.Q(finding_severity__in=["critical", "high", "medium", "low"]),
                name="option_finding_severity_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question.key}:{self.key}"

    @property
    def has_finding(self) -> bool:
        return bool(self.finding_severity)
