"""The architect's verdicts on answers: start the review, set an evidence level, override a score,
accept a finding's risk, mark answers reviewed (one, or a whole domain), comment.

Every service checks the actor's role and the assessment's status, bumps the answer's version so an
open form cannot silently overwrite a review change, writes an audit event, and keeps the
assessment's summary current. Each verdict (a level kept or changed, an override, an acceptance, a
reviewer's comment) marks the answer reviewed; setting or keeping a level also restarts its age.
"""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from assessments.answers import UNKNOWN_EVIDENCE_LEVEL, UNKNOWN_QUESTION
from assessments.audit import audit_record
from assessments.models import Answer, Assessment, AuditAction, Comment, EvidenceLevel
from assessments.models.review import MAX_COMMENT_LENGTH
from assessments.questionnaire.structure import questionnaire_structure_by_id
from assessments.review.services.guards import (
    answer_under_review,
    justification_clean,
    review_open,
    reviewer_require,
)
from assessments.scoring_adapter import assessment_score
from assessments.selectors import assessment_get_for_user
from assessments.summary import summary_refresh
from core.errors import ConflictError, NotAllowed, ServiceError
from core.limits import limit_require
from core.permissions import can_comment, can_review
from core.text import typed_text_require

COMMENTERS_ONLY = "Your role cannot comment."
SCORE_RANGE = "The score must be a number from 0 to 100."
NO_FINDING = "The chosen answer raises no finding to accept."
COMMENT_EMPTY = "Write a comment."
COMMENT_TOO_LONG = f"A comment can be at most {MAX_COMMENT_LENGTH:,} characters."
FROZEN = "This assessment has been decided and is read-only; start a reassessment to change it."
UNKNOWN_DOMAIN = "This questionnaire has no domain with this key."
NOTHING_TO_MARK = "Every answered question of this domain is already reviewed."


def _save(answer: Answer, actor, fields: list[str]) -> None:
    """Store a verdict: the answer counts as reviewed by `actor` from now."""
    answer.version += 1
    answer.updated_by = actor
    answer.reviewed_at = timezone.now()
    answer.reviewed_by = actor
    answer.save(
        update_fields=[*fields, "reviewed_at", "reviewed_by", "version", "updated_by", "updated_at"]
    )


@transaction.atomic
def review_start(*, actor: AbstractBaseUser, assessment_pk) -> Assessment:
    reviewer_require(actor)
    assessment = review_open(actor, assessment_pk, "start_review")
    assessment.status = Assessment.Status.IN_REVIEW
    assessment.reviewer = actor
    assessment.save(update_fields=["status", "reviewer", "updated_at"])
    audit_record(
        assessment=assessment,
        actor=actor,
        action=AuditAction.REVIEW_STARTED,
        old={"status": "submitted"},
        new={"status": "in_review"},
    )
    return assessment


@transaction.atomic
def answer_evidence_level_set(
    *,
    actor: AbstractBaseUser,
    assessment_pk,
    question_key: str,
    evidence_level: str,
    valid_until: datetime.date | None = None,
) -> Answer:
    reviewer_require(actor)
    assessment = review_open(actor, assessment_pk)
    if evidence_level not in EvidenceLevel.values:
        raise ServiceError(
            UNKNOWN_EVIDENCE_LEVEL, field_errors={"evidence_level": [UNKNOWN_EVIDENCE_LEVEL]}
        )
    _, answer = answer_under_review(assessment, question_key)
    old = {
        "evidence_level": answer.evidence_level,
        "valid_until": str(answer.evidence_valid_until or ""),
    }
    answer.evidence_level = evidence_level
    answer.evidence_valid_until = valid_until
    answer.level_set_at = timezone.now()
    _save(answer, actor, ["evidence_level", "evidence_valid_until", "level_set_at"])
    audit_record(
        assessment=assessment,
        actor=actor,
        action=AuditAction.ANSWER_EVIDENCE_LEVEL,
        question_key=question_key,
        old=old,
        new={"evidence_level": evidence_level, "valid_until": str(valid_until or "")},
    )
    summary_refresh(assessment=assessment)
    return answer


@transaction.atomic
def answer_override(
    *,
    actor: AbstractBaseUser,
    assessment_pk,
    question_key: str,
    score: float | None,
    justification: str,
) -> Answer:
    """Set (or, with score None, withdraw) a reviewer's score; the answer itself is untouched."""
    reviewer_require(actor)
    assessment = review_open(actor, assessment_pk)
    if score is not None and not 0 <= score <= 100:
        raise ServiceError(SCORE_RANGE, field_errors={"score": [SCORE_RANGE]})
    justification = justification_clean(justification)
    _, answer = answer_under_review(assessment, question_key)
    old = {"score": answer.override_score, "justification": answer.override_justification}
    answer.override_score = score
    answer.override_justification = justification
    answer.override_by = actor
    _save(answer, actor, ["override_score", "override_justification", "override_by"])
    audit_record(
        assessment=assessment,
        actor=actor,
        action=AuditAction.ANSWER_OVERRIDE,
        question_key=question_key,
        old=old,
        new={"score": score, "justification": justification},
    )
    summary_refresh(assessment=assessment)
    return answer


@transaction.atomic
def finding_accept(
    *,
    actor: AbstractBaseUser,
    assessment_pk,
    question_key: str,
    justification: str,
    accepted: bool = True,
) -> Answer:
    """Accept (or withdraw the acceptance of) the risk of an answer's finding."""
    reviewer_require(actor)
    assessment = review_open(actor, assessment_pk)
    justification = justification_clean(justification)
    question, answer = answer_under_review(assessment, question_key)
    option = question.option_by_id(answer.option_id)
    if option is None or not option.finding_severity:
        raise ServiceError(NO_FINDING, field_errors={"question_key": [NO_FINDING]})
    old = {"accepted": answer.finding_accepted, "justification": answer.acceptance_justification}
    answer.finding_accepted = accepted
    answer.acceptance_justification = justification
    answer.accepted_by = actor
    _save(answer, actor, ["finding_accepted", "acceptance_justification", "accepted_by"])
    audit_record(
        assessment=assessment,
        actor=actor,
        action=AuditAction.FINDING_ACCEPTED
        if accepted
        else AuditAction.FINDING_ACCEPTANCE_WITHDRAWN,
        question_key=question_key,
        old=old,
        new={
            "accepted": accepted,
            "justification": justification,
            "finding": option.finding_title,
            "severity": option.finding_severity,
        },
    )
    summary_refresh(assessment=assessment)
    return answer


@transaction.atomic
def answer_review_mark(*, actor: AbstractBaseUser, assessment_pk, question_key: str) -> Answer:
    """The architect looked at the answer and keeps its evidence level as it is (for a carried
    answer: reconfirms it, which restarts the level's age)."""
    reviewer_require(actor)
    assessment = review_open(actor, assessment_pk)
    _, answer = answer_under_review(assessment, question_key)
    answer.level_set_at = timezone.now()
    _save(answer, actor, ["level_set_at"])
    audit_record(
        assessment=assessment,
        actor=actor,
        action=AuditAction.ANSWER_REVIEWED,
        question_key=question_key,
        new={"evidence_level": answer.evidence_level, "carried": answer.carried_over},
    )
    summary_refresh(assessment=assessment)
    return answer


@transaction.atomic
def domain_review_mark(*, actor: AbstractBaseUser, assessment_pk, domain_key: str) -> int:
    """Mark every answered, not yet reviewed question of a domain reviewed, levels unchanged, in
    one step; returns how many. Questions the answers hide are left alone."""
    reviewer_require(actor)
    assessment = review_open(actor, assessment_pk)
    structure = questionnaire_structure_by_id(assessment.questionnaire_id)
    domain = next((d for d in structure.domains if d.key == domain_key), None)
    if domain is None:
        raise ServiceError(UNKNOWN_DOMAIN, field_errors={"domain": [UNKNOWN_DOMAIN]})
    on_show = _questions_on_show(assessment)
    ids = [q.id for q in domain.questions if q.key in on_show]
    pending = Answer.objects.filter(
        Q(option__isnull=False) | Q(is_na=True),
        assessment=assessment,
        question_id__in=ids,
        reviewed_at__isnull=True,
    )
    keys = sorted(structure.by_id[i].key for i in pending.values_list("question_id", flat=True))
    if not keys:
        raise ConflictError(NOTHING_TO_MARK, current=None)
    now = timezone.now()
    pending.update(
        reviewed_at=now,
        reviewed_by=actor,
        level_set_at=now,
        updated_by=actor,
        updated_at=now,
        version=F("version") + 1,
    )
    audit_record(
        assessment=assessment,
        actor=actor,
        action=AuditAction.DOMAIN_REVIEWED,
        new={"domain": domain.title, "questions": keys},
    )
    summary_refresh(assessment=assessment)
    return len(keys)


def _questions_on_show(assessment: Assessment) -> set[str]:
    card = assessment_score(assessment=assessment).scorecard
    return {t.key for t in card.trace if t.status in ("answered", "na")}


@transaction.atomic
def comment_add(
    *, actor: AbstractBaseUser, assessment_pk, question_key: str = "", body: str
) -> Comment:
    """A comment on one answer (or, with no question, on the assessment). An architect's comment
    on an answer during the review is a verdict: the answer counts as reviewed."""
    if not can_comment(actor):
        raise NotAllowed(COMMENTERS_ONLY)
    assessment = assessment_get_for_user(user=actor, pk=assessment_pk, for_write=True)
    if assessment.is_decided:
        raise ConflictError(FROZEN, current=None)
    structure = questionnaire_structure_by_id(assessment.questionnaire_id)
    question = structure.question(question_key) if question_key else None
    if question_key and question is None:
        raise ServiceError(UNKNOWN_QUESTION, field_errors={"question_key": [UNKNOWN_QUESTION]})
    body = typed_text_require(body=(body, True))["body"].strip()
    if not body:
        raise ServiceError(COMMENT_EMPTY, field_errors={"body": [COMMENT_EMPTY]})
    if len(body) > MAX_COMMENT_LENGTH:
        raise ServiceError(COMMENT_TOO_LONG, field_errors={"body": [COMMENT_TOO_LONG]})
    limit_require(
        count=Comment.objects.filter(assessment=assessment, question_key=question_key).count(),
        setting="COMMENTS_PER_ANSWER",
        whole="This answer" if question_key else "This assessment",
        things="comments",
        instead="Summarise the discussion so far in one comment instead.",
    )
    comment = Comment.objects.create(
        assessment=assessment, question_key=question_key, author=actor, body=body
    )
    audit_record(
        assessment=assessment,
        actor=actor,
        action=AuditAction.COMMENT_ADDED,
        question_key=question_key,
        new={"body": body},
    )
    if (
        question is not None
        and can_review(actor)
        and assessment.status == Assessment.Status.IN_REVIEW
    ):
        marked = Answer.objects.filter(
            Q(option__isnull=False) | Q(is_na=True),
            assessment=assessment,
            question_id=question.id,
            reviewed_at__isnull=True,
        ).update(reviewed_at=timezone.now(), reviewed_by=actor, version=F("version") + 1)
        if marked:
            summary_refresh(assessment=assessment)
    return comment
