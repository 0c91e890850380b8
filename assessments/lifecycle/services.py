"""An assessment's life: starting it and submitting it. Reassessing a decided one is in
reassessment.py."""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from assessments.audit import audit_record
from assessments.models import (
    Assessment,
    AuditAction,
    Comment,
    QuestionnaireVersion,
    ScorecardSnapshot,
)
from assessments.scoring_adapter import assessment_score, snapshot_store
from assessments.selectors import assessment_get_for_user
from assessments.summary import summary_refresh
from assessments.workflow import transition_check
from core.errors import NotAllowed, Presenter, ServiceError
from core.permissions import can_answer
from tiering.selectors import submission_requires
from vendors.models import Offering
from webhooks.payloads import assessment_data
from webhooks.services import webhook_event_emit

QUESTIONNAIRE_NOT_PUBLISHED = (
    "Only a published questionnaire version can be used for a new assessment."
)
MISSING_REQUIRED = "Some required questions are not answered yet."
SUBMITTERS_ONLY = "Only procurement can submit an assessment."


@transaction.atomic
def assessment_create(
    *,
    actor: AbstractBaseUser,
    offering: Offering,
    questionnaire: QuestionnaireVersion,
    due_date: datetime.date | None = None,
) -> Assessment:
    if questionnaire.status != QuestionnaireVersion.Status.PUBLISHED:
        raise ServiceError(
            QUESTIONNAIRE_NOT_PUBLISHED,
            field_errors={"questionnaire": [QUESTIONNAIRE_NOT_PUBLISHED]},
        )
    assessment = Assessment.objects.create(
        offering=offering, questionnaire=questionnaire, requester=actor, due_date=due_date
    )
    audit_record(
        assessment=assessment,
        actor=actor,
        action=AuditAction.ASSESSMENT_CREATED,
        new={
            "offering": str(offering),
            "questionnaire": f"{questionnaire.key} v{questionnaire.version}",
            "due_date": str(due_date or ""),
        },
    )
    summary_refresh(assessment=assessment)
    return assessment


class SubmissionIncomplete(ServiceError):
    """Required questions are still unanswered; `missing` holds their keys."""

    def __init__(self, missing: list[str]) -> None:
        super().__init__(MISSING_REQUIRED, field_errors={"missing": missing})
        self.missing = missing

    def body(self, present: Presenter | None = None) -> dict:
        return {"detail": self.message, "missing": self.missing}


@transaction.atomic
def assessment_submit(*, actor: AbstractBaseUser, assessment_pk) -> Assessment:
    if not can_answer(actor):
        raise NotAllowed(SUBMITTERS_ONLY)
    assessment = assessment_get_for_user(user=actor, pk=assessment_pk, for_write=True)
    transition_check(assessment, "submit")
    scored = assessment_score(assessment=assessment)
    missing = submission_requires(
        offering_id=assessment.offering_id,
        missing=list(scored.scorecard.coverage.missing_required),
        structure=scored.structure,
    )
    if missing:
        raise SubmissionIncomplete(missing)
    old_status = assessment.status
    assessment.status = Assessment.Status.SUBMITTED
    assessment.submitted_at = timezone.now()
    assessment.save(update_fields=["status", "submitted_at", "updated_at"])
    # A resubmission answers the open clarification requests.
    Comment.objects.filter(
        assessment=assessment, kind=Comment.Kind.CLARIFICATION, resolved_at__isnull=True
    ).update(resolved_at=assessment.submitted_at)
    snapshot = snapshot_store(assessment=assessment, kind=ScorecardSnapshot.Kind.SUBMITTED)
    audit_record(
        assessment=assessment,
        actor=actor,
        action=AuditAction.ASSESSMENT_SUBMITTED,
        old={"status": old_status},
        new={"status": assessment.status, "snapshot_sha256": snapshot.scorecard_sha256},
    )
    webhook_event_emit(event="assessment.submitted", data=assessment_data(assessment))
    return assessment
