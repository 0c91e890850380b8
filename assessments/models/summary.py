"""What lists need to know about an assessment, kept current on every write that changes it.

The review queue and the dashboards read these rows instead of scoring every listed assessment on
each request. assessments/summary.py recomputes the row inside the same transaction as the write;
a test compares it with a full recomputation after random sequences of writes.
"""

from django.conf import settings
from django.db import models


class AssessmentSummary(models.Model):
    assessment = models.OneToOneField(
        "assessments.Assessment", primary_key=True, on_delete=models.CASCADE, related_name="summary"
    )
    grade = models.CharField(max_length=1)
    uncapped_grade = models.CharField(max_length=1)
    recommendation = models.CharField(max_length=32)
    claimed = models.FloatField()
    evidenced = models.FloatField()
    gap = models.FloatField()
    answered = models.PositiveIntegerField()
    applicable = models.PositiveIntegerField()
    open_critical = models.PositiveIntegerField()
    open_high = models.PositiveIntegerField()
    open_medium = models.PositiveIntegerField()
    open_low = models.PositiveIntegerField()
    accepted_findings = models.PositiveIntegerField()
    # Review progress: answers (or N/A answers) on show, and how many carry the architect's verdict.
    to_review = models.PositiveIntegerField()
    reviewed = models.PositiveIntegerField()
    # Carried from the previous revision and not yet confirmed in this one.
    to_reconfirm = models.PositiveIntegerField()
    # Required questions on show and still unanswered: while above zero the grade is provisional.
    # Null in rows stored before it was kept; summaries_ensure fills those on first read.
    missing_required = models.PositiveIntegerField(null=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "assessment summaries"

    def __str__(self) -> str:
        return f"{self.assessment_id}: {self.grade}"

    @property
    def open_findings(self) -> int:
        return self.open_critical + self.open_high + self.open_medium + self.open_low


class ReviewVisit(models.Model):
    """When a reviewer last opened an assessment's review page, and the visit before: "changed
    since my last visit" compares against the earlier one, so a reload does not reset it."""

    assessment = models.ForeignKey(
        "assessments.Assessment", on_delete=models.CASCADE, related_name="review_visits"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    seen_at = models.DateTimeField()
    previous_seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "user"], name="review_visit_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} on {self.assessment_id} at {self.seen_at:%Y-%m-%d %H:%M}"
