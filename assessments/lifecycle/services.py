"""An assessment's life: starting it, submitting it, and reassessing a decided one."""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from assessments.audit import audit_record
from assessments.models import (
    Answer,
    Assessment,
    AuditAction,
    Comment,
    Evidence,
    EvidenceLevel,
    QuestionnaireVersion,
    ScorecardSnapshot,
)
from assessments.scoring_adapter import assessment_score, snapshot_store
from assessments.selectors import assessment_get_for_user
from assessments.workflow import transition_check
from core.errors import ConflictError, NotAllowed, Presenter, ServiceError
from core.permissions import can_answer, can_reassess
from vendors.models import Offering

QUESTIONNAIRE_NOT_PUBLISHED = (
    "Only a published questionnaire version can be used for a new assessment."
)
MISSING_REQUIRED = "Some required questions are not answered yet."
SUBMITTERS_ONLY = "Only procurement can submit an assessment."
REASSESSORS_ONLY = "Your role cannot start a reassessment."
ALREADY_REASSESSED = (
    "This assessment has already been reassessed; continue with revision {revision}."
)
KEPT_LEVELS = (EvidenceLevel.ATTESTED, EvidenceLevel.VERIFIED)


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
    missing = list(assessment_score(assessment=assessment).scorecard.coverage.missing_required)
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
    return assessment


def _carried_level(answer: Answer, today) -> str:
    """Attested and verified survive while their validity date has not passed; everything else
    goes back to a claim until someone backs it again."""
    if (
        answer.evidence_level in KEPT_LEVELS
        and answer.evidence_valid_until
        and (answer.evidence_valid_until >= today)
    ):
        return answer.evidence_level
    return EvidenceLevel.CLAIM


@transaction.atomic
def assessment_reassess(*, actor: AbstractBaseUser, assessment_pk) -> Assessment:
    """A new draft revision of a decided assessment, with its answers and evidence carried over.
    The decided assessment stays exactly as it was decided."""
    if not can_reassess(actor):
        raise NotAllowed(REASSESSORS_ONLY)
    source = assessment_get_for_user(user=actor, pk=assessment_pk, for_write=True)
    transition_check(source, "reassess")
    # The source row is locked above, so two clicks cannot both pass this and open two drafts
    # with the same revision number.
    existing = source.revisions.order_by("revision").last()
    if existing is not None:
        raise ConflictError(ALREADY_REASSESSED.format(revision=existing.revision), current=None)
    today = timezone.localdate()
    revision = Assessment.objects.create(
        offering_id=source.offering_id,
        questionnaire_id=source.questionnaire_id,
        requester=actor,
        previous=source,
        revision=Assessment.objects.filter(pk=source.pk).values_list("revision", flat=True)[0] + 1,
    )
    old_answers = list(Answer.objects.filter(assessment=source))
    new_answers = Answer.objects.bulk_create(
        Answer(
            assessment=revision,
            question_id=a.question_id,
            option_id=a.option_id,
            is_na=a.is_na,
            explanation=a.explanation,
            evidence_level=_carried_level(a, today),
            evidence_valid_until=a.evidence_valid_until
            if _carried_level(a, today) in KEPT_LEVELS
            else None,
            updated_by=actor,
            # Whose claim it is does not change by being carried over: the vendor still said it.
            answered_by_contact_id=a.answered_by_contact_id,
            carried_over=True,
        )
        for a in old_answers
    )
    mapping = {old.pk: new.pk for old, new in zip(old_answers, new_answers, strict=True)}
    Evidence.objects.bulk_create(
        Evidence(
            answer_id=mapping[e.answer_id],
            file=e.file,
            url=e.url,
            original_name=e.original_name,
            content_type=e.content_type,
            size=e.size,
            note=e.note,
            sha256=e.sha256,
            uploaded_by=e.uploaded_by,
            uploaded_by_contact_id=e.uploaded_by_contact_id,
            # The copy shares the file, so it shares the verdict: a pending or infected file must
            # not become downloadable through the new revision.
            scan_status=e.scan_status,
            scan_signature=e.scan_signature,
        )
        for e in Evidence.objects.filter(answer__assessment=source)
    )
    audit_record(
        assessment=revision,
        actor=actor,
        action=AuditAction.ASSESSMENT_REASSESSMENT_STARTED,
        new={"previous": str(source.pk), "carried_answers": len(new_answers)},
    )
    audit_record(
        assessment=source,
        actor=actor,
        action=AuditAction.ASSESSMENT_REASSESSED,
        new={"revision": str(revision.pk)},
    )
    return revision
