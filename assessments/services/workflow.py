"""Status changes of an assessment. Each transition is one service, with its audit row."""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from assessments.models import Assessment, ScorecardSnapshot
from assessments.scoring_adapter import assessment_score, snapshot_store
from assessments.services.audit import audit_record
from assessments.services.errors import ConflictError, ServiceError

MISSING_REQUIRED = "Some required questions are not answered yet."
CANNOT_SUBMIT = (
    "This assessment is {status}; only a draft or one with changes requested can be submitted."
)


class SubmissionIncomplete(ServiceError):
    def __init__(self, missing: list[str]) -> None:
        super().__init__(MISSING_REQUIRED, field_errors={"missing": missing})
        self.missing = missing


@transaction.atomic
def assessment_submit(*, actor: AbstractBaseUser, assessment: Assessment) -> Assessment:
    assessment = (
        Assessment.objects.select_for_update().select_related("questionnaire").get(pk=assessment.pk)
    )
    if assessment.status not in (Assessment.Status.DRAFT, Assessment.Status.CHANGES_REQUESTED):
        raise ConflictError(
            CANNOT_SUBMIT.format(status=assessment.get_status_display().lower()), current=None
        )
    missing = list(assessment_score(assessment=assessment).scorecard.coverage.missing_required)
    if missing:
        raise SubmissionIncomplete(missing)
    old_status = assessment.status
    assessment.status = Assessment.Status.SUBMITTED
    assessment.submitted_at = timezone.now()
    assessment.save(update_fields=["status", "submitted_at", "updated_at"])
    snapshot = snapshot_store(assessment=assessment, kind=ScorecardSnapshot.Kind.SUBMITTED)
    audit_record(
        assessment=assessment,
        actor=actor,
        action="assessment.submitted",
        old={"status": old_status},
        new={"status": assessment.status, "snapshot_sha256": snapshot.scorecard_sha256},
    )
    return assessment
