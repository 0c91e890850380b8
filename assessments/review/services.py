"""The architect's review: evidence levels, overrides, accepted risks, comments, clarification
requests, conditions and the decision. Every service checks the actor's role (field-level rules
live here, not in the views) and the assessment's status, bumps the answer's version so an open
form cannot silently overwrite a review change, and writes an audit event."""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from assessments.answers import UNKNOWN_EVIDENCE_LEVEL, UNKNOWN_QUESTION
from assessments.audit import audit_record
from assessments.models import Answer, Assessment, AuditAction, Comment, Condition, EvidenceLevel
from assessments.models.review import MAX_COMMENT_LENGTH
from assessments.questionnaire.structure import QuestionNode, questionnaire_structure_by_id
from assessments.scoring_adapter import snapshot_store
from assessments.selectors import assessment_get_for_user
from assessments.workflow import DECISIONS, transition_check
from core.errors import ConflictError, NotAllowed, ServiceError
from core.permissions import can_comment, can_review

REVIEWERS_ONLY = "Only an architect can do this."
COMMENTERS_ONLY = "Your role cannot comment."
NOT_ANSWERED = "This question has no answer yet."
JUSTIFICATION_REQUIRED = "Explain the decision in writing (at least 10 characters)."
SCORE_RANGE = "The score must be a number from 0 to 100."
NO_FINDING = "The chosen answer raises no finding to accept."
COMMENT_EMPTY = "Write a comment."
COMMENT_TOO_LONG = f"A comment can be at most {MAX_COMMENT_LENGTH:,} characters."
FROZEN = "This assessment has been decided and is read-only; start a reassessment to change it."
CLARIFY_WHICH = "Choose at least one question to clarify."
CLARIFY_MESSAGE = "Say what needs clarifying."
UNKNOWN_DECISION = "Choose approved, approved with conditions or rejected."
CONDITIONS_REQUIRED = "Add at least one condition before approving with conditions."
CONDITION_TEXT = "Describe the condition."
CONDITION_OWNER = "Name who owns the condition."
UNKNOWN_FINDING = "This assessment has no finding on question {key}."
MIN_JUSTIFICATION = 10


def _require_reviewer(actor) -> None:
    if not can_review(actor):
        raise NotAllowed(REVIEWERS_ONLY)


def _justification(text: str, field: str = "justification") -> str:
    text = (text or "").strip()
    if len(text) < MIN_JUSTIFICATION:
        raise ServiceError(JUSTIFICATION_REQUIRED, field_errors={field: [JUSTIFICATION_REQUIRED]})
    return text


def _open(actor, assessment_pk, action: str = "review") -> Assessment:
    assessment = assessment_get_for_user(user=actor, pk=assessment_pk, for_write=True)
    transition_check(assessment, action)
    return assessment


def _answer(assessment: Assessment, question_key: str) -> tuple[QuestionNode, Answer]:
    question = questionnaire_structure_by_id(assessment.questionnaire_id).question(question_key)
    if question is None:
        raise ServiceError(UNKNOWN_QUESTION, field_errors={"question_key": [UNKNOWN_QUESTION]})
    answer = Answer.objects.filter(assessment=assessment, question_id=question.id).first()
    if answer is None or (answer.option_id is None and not answer.is_na):
        raise ServiceError(NOT_ANSWERED, field_errors={"question_key": [NOT_ANSWERED]})
    answer.assessment = assessment
    return question, answer


def _save(answer: Answer, actor, fields: list[str]) -> None:
    answer.version += 1
    answer.updated_by = actor
    answer.save(update_fields=[*fields, "version", "updated_by", "updated_at"])


@transaction.atomic
def review_start(*, actor: AbstractBaseUser, assessment_pk) -> Assessment:
    _require_reviewer(actor)
    assessment = _open(actor, assessment_pk, "start_review")
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
    _require_reviewer(actor)
    assessment = _open(actor, assessment_pk)
    if evidence_level not in EvidenceLevel.values:
        raise ServiceError(
            UNKNOWN_EVIDENCE_LEVEL, field_errors={"evidence_level": [UNKNOWN_EVIDENCE_LEVEL]}
        )
    _, answer = _answer(assessment, question_key)
    old = {
        "evidence_level": answer.evidence_level,
        "valid_until": str(answer.evidence_valid_until or ""),
    }
    answer.evidence_level = evidence_level
    answer.evidence_valid_until = valid_until
    _save(answer, actor, ["evidence_level", "evidence_valid_until"])
    audit_record(
        assessment=assessment,
        actor=actor,
        action=AuditAction.ANSWER_EVIDENCE_LEVEL,
        question_key=question_key,
        old=old,
        new={"evidence_level": evidence_level, "valid_until": str(valid_until or "")},
    )
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
    _require_reviewer(actor)
    assessment = _open(actor, assessment_pk)
    if score is not None and not 0 <= score <= 100:
        raise ServiceError(SCORE_RANGE, field_errors={"score": [SCORE_RANGE]})
    justification = _justification(justification)
    _, answer = _answer(assessment, question_key)
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
    _require_reviewer(actor)
    assessment = _open(actor, assessment_pk)
    justification = _justification(justification)
    question, answer = _answer(assessment, question_key)
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
    return answer


@transaction.atomic
def comment_add(
    *, actor: AbstractBaseUser, assessment_pk, question_key: str = "", body: str
) -> Comment:
    if not can_comment(actor):
        raise NotAllowed(COMMENTERS_ONLY)
    assessment = assessment_get_for_user(user=actor, pk=assessment_pk, for_write=True)
    if assessment.is_decided:
        raise ConflictError(FROZEN, current=None)
    if (
        question_key
        and questionnaire_structure_by_id(assessment.questionnaire_id).question(question_key)
        is None
    ):
        raise ServiceError(UNKNOWN_QUESTION, field_errors={"question_key": [UNKNOWN_QUESTION]})
    body = (body or "").strip()
    if not body:
        raise ServiceError(COMMENT_EMPTY, field_errors={"body": [COMMENT_EMPTY]})
    if len(body) > MAX_COMMENT_LENGTH:
        raise ServiceError(COMMENT_TOO_LONG, field_errors={"body": [COMMENT_TOO_LONG]})
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
    return comment


@transaction.atomic
def assessment_request_changes(
    *, actor: AbstractBaseUser, assessment_pk, question_keys: list[str], message: str
) -> Assessment:
    _require_reviewer(actor)
    assessment = _open(actor, assessment_pk, "request_changes")
    structure = questionnaire_structure_by_id(assessment.questionnaire_id)
    errors: dict[str, list[str]] = {}
    keys = list(dict.fromkeys(question_keys or []))
    if not keys:
        errors["question_keys"] = [CLARIFY_WHICH]
    unknown = [k for k in keys if structure.question(k) is None]
    if unknown:
        errors["question_keys"] = [f"{UNKNOWN_QUESTION} ({', '.join(unknown)})"]
    message = (message or "").strip()
    if not message:
        errors["message"] = [CLARIFY_MESSAGE]
    if errors:
        raise ServiceError("Changes were not requested.", field_errors=errors)
    Comment.objects.bulk_create(
        Comment(
            assessment=assessment,
            question_key=key,
            author=actor,
            body=message,
            kind=Comment.Kind.CLARIFICATION,
        )
        for key in keys
    )
    assessment.status = Assessment.Status.CHANGES_REQUESTED
    assessment.save(update_fields=["status", "updated_at"])
    audit_record(
        assessment=assessment,
        actor=actor,
        action=AuditAction.REVIEW_CHANGES_REQUESTED,
        old={"status": "in_review"},
        new={"status": "changes_requested", "questions": keys, "message": message},
    )
    return assessment


@transaction.atomic
def condition_add(
    *,
    actor: AbstractBaseUser,
    assessment_pk,
    text: str,
    owner: str,
    due_date: datetime.date | None = None,
    finding_keys: list[str] | None = None,
) -> Condition:
    _require_reviewer(actor)
    assessment = _open(actor, assessment_pk)
    errors: dict[str, list[str]] = {}
    if not (text or "").strip():
        errors["text"] = [CONDITION_TEXT]
    if not (owner or "").strip():
        errors["owner"] = [CONDITION_OWNER]
    findings = set(_finding_keys(assessment))
    bad = [k for k in finding_keys or [] if k not in findings]
    if bad:
        errors["finding_keys"] = [UNKNOWN_FINDING.format(key=k) for k in bad]
    if errors:
        raise ServiceError("The condition was not added.", field_errors=errors)
    condition = Condition.objects.create(
        assessment=assessment,
        text=text.strip(),
        owner=owner.strip(),
        due_date=due_date,
        finding_keys=list(dict.fromkeys(finding_keys or [])),
        created_by=actor,
    )
    audit_record(
        assessment=assessment,
        actor=actor,
        action=AuditAction.CONDITION_ADDED,
        new={
            "text": condition.text,
            "owner": condition.owner,
            "due_date": str(due_date or ""),
            "findings": condition.finding_keys,
        },
    )
    return condition


def _finding_keys(assessment: Assessment) -> list[str]:
    structure = questionnaire_structure_by_id(assessment.questionnaire_id)
    keys = []
    for answer in Answer.objects.filter(assessment=assessment, option__isnull=False).only(
        "question_id", "option_id"
    ):
        question = structure.by_id[answer.question_id]
        option = question.option_by_id(answer.option_id)
        if option and option.finding_severity:
            keys.append(question.key)
    return keys


@transaction.atomic
def assessment_decide(
    *, actor: AbstractBaseUser, assessment_pk, decision: str, rationale: str
) -> Assessment:
    _require_reviewer(actor)
    assessment = _open(actor, assessment_pk, "decide")
    if decision not in DECISIONS:
        raise ServiceError(UNKNOWN_DECISION, field_errors={"decision": [UNKNOWN_DECISION]})
    rationale = _justification(rationale, "rationale")
    if (
        decision == Assessment.Status.APPROVED_WITH_CONDITIONS
        and not assessment.conditions.exists()
    ):
        raise ServiceError(CONDITIONS_REQUIRED, field_errors={"decision": [CONDITIONS_REQUIRED]})
    assessment.status = decision
    assessment.decided_at = timezone.now()
    assessment.decided_by = actor
    assessment.decision_rationale = rationale
    assessment.save(
        update_fields=["status", "decided_at", "decided_by", "decision_rationale", "updated_at"]
    )
    snapshot = snapshot_store(assessment=assessment, kind="decided")
    audit_record(
        assessment=assessment,
        actor=actor,
        action=AuditAction.ASSESSMENT_DECIDED,
        old={"status": "in_review"},
        new={
            "status": decision,
            "rationale": rationale,
            "snapshot_sha256": snapshot.scorecard_sha256,
        },
    )
    return assessment
