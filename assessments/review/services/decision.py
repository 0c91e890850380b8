"""Sending answers back, conditions of approval, the decision with its guardrails, and withdrawing
a decision. A decision that departs from the recommendation (review/departure.py) is refused until
every open critical or high finding has an accepted risk or a linked condition and the departure is
explained; the recommendation and grade it departed from are kept with it."""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from assessments.answers import UNKNOWN_QUESTION
from assessments.audit import audit_record
from assessments.models import Answer, Assessment, AuditAction, Comment, Condition
from assessments.questionnaire.structure import questionnaire_structure_by_id
from assessments.review.departure import (
    DEPARTURE_NOT_NEEDED,
    Departure,
    decision_departure,
    departure_justification_problem,
)
from assessments.review.services.guards import justification_clean, review_open, reviewer_require
from assessments.scoring_adapter import assessment_score, snapshot_store
from assessments.selectors import assessment_get_for_user
from assessments.workflow import DECISIONS, transition_check
from core.bidi import isolate_text
from core.errors import ConflictError, NotAllowed, Presenter, ServiceError
from core.limits import limit_require
from core.permissions import can_withdraw_any_decision
from core.text import typed_text_require
from webhooks.payloads import assessment_data
from webhooks.services import webhook_event_emit

CLARIFY_WHICH = "Choose at least one question to clarify."
CLARIFY_MESSAGE = "Say what needs clarifying."
UNKNOWN_DECISION = "Choose approved, approved with conditions or rejected."
CONDITIONS_REQUIRED = "Add at least one condition before approving with conditions."
CONDITION_TEXT = "Describe the condition."
CONDITION_OWNER = "Name who owns the condition."
UNKNOWN_FINDING = "This assessment has no finding on question {key}."
DEPARTURE_REFUSED = (
    "This decision departs from the recommendation; it needs what is listed before it can be "
    "recorded."
)
FINDING_UNCOVERED = (
    "{severity} finding “{title}” (on “{question}”) is open: accept its risk or link a "
    "condition to it."
)
WITHDRAW_WHO = (
    "Only an administrator, or the architect who decided within {hours} hours of the decision, "
    "can withdraw it."
)
WITHDRAW_REASON = "Say why the decision is withdrawn (at least 10 characters)."
WITHDRAW_AFTER_REASSESSMENT = (
    "A reassessment has already started from this decision; it can no longer be withdrawn."
)
WITHDRAW_WINDOW_HOURS = 24
# What a decision sets and a withdrawal clears (with the status).
DECISION_FIELDS = (
    "decided_at",
    "decided_by",
    "decision_rationale",
    "departure_justification",
    "decided_grade",
    "decided_recommendation",
)


class DepartureRefused(ServiceError):
    """A departing decision without what it needs: the uncovered findings, by question, and the
    justification's problem."""

    def __init__(self, departure: Departure, justification_problem: str | None) -> None:
        errors: dict[str, list[str]] = {}
        if departure.uncovered:
            errors["findings"] = [
                FINDING_UNCOVERED.format(
                    severity=f.severity.capitalize(),
                    title=isolate_text(f.title),
                    question=isolate_text(f.question_text),
                )
                for f in departure.uncovered
            ]
        if justification_problem:
            errors["departure_justification"] = [justification_problem]
        super().__init__(DEPARTURE_REFUSED, field_errors=errors)
        self.departure = departure

    def body(self, present: Presenter | None = None) -> dict:
        return {
            "detail": self.message,
            **self.field_errors,
            "uncovered_findings": [
                {"question": f.question, "severity": f.severity, "title": f.title}
                for f in self.departure.uncovered
            ],
        }


@transaction.atomic
def assessment_request_changes(
    *, actor: AbstractBaseUser, assessment_pk, question_keys: list[str], message: str
) -> Assessment:
    reviewer_require(actor)
    assessment = review_open(actor, assessment_pk, "request_changes")
    structure = questionnaire_structure_by_id(assessment.questionnaire_id)
    errors: dict[str, list[str]] = {}
    keys = list(dict.fromkeys(question_keys or []))
    if not keys:
        errors["question_keys"] = [CLARIFY_WHICH]
    unknown = [k for k in keys if structure.question(k) is None]
    if unknown:
        errors["question_keys"] = [f"{UNKNOWN_QUESTION} ({', '.join(unknown)})"]
    message = typed_text_require(message=(message, True))["message"].strip()
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
    webhook_event_emit(event="assessment.changes_requested", data=assessment_data(assessment))
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
    reviewer_require(actor)
    assessment = review_open(actor, assessment_pk)
    typed = typed_text_require(text=(text, True), owner=(owner, False))
    text, owner = typed["text"], typed["owner"]
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
    limit_require(
        count=Condition.objects.filter(assessment=assessment).count(),
        setting="CONDITIONS_PER_ASSESSMENT",
        whole="This assessment",
        things="conditions",
        instead="Merge related conditions into one with a clear owner and date.",
    )
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


def decision_check(
    *,
    assessment: Assessment,
    decision: str,
    card: dict | None = None,
    conditions: list[Condition] | None = None,
) -> Departure:
    """Whether `decision` would depart from the recommendation, and what it would still need.
    Reads only; the page shows it before the architect confirms."""
    card = card or assessment_score(assessment=assessment).scorecard.to_dict()
    if conditions is None:
        conditions = list(assessment.conditions.all())
    linked = {key for c in conditions for key in c.finding_keys}
    return decision_departure(
        decision=decision,
        recommendation=card["recommendation"],
        findings=card["findings"],
        condition_keys=linked,
    )


@transaction.atomic
def assessment_decide(
    *,
    actor: AbstractBaseUser,
    assessment_pk,
    decision: str,
    rationale: str,
    departure_justification: str = "",
) -> Assessment:
    reviewer_require(actor)
    assessment = review_open(actor, assessment_pk, "decide")
    if decision not in DECISIONS:
        raise ServiceError(UNKNOWN_DECISION, field_errors={"decision": [UNKNOWN_DECISION]})
    rationale = justification_clean(rationale, "rationale")
    if (
        decision == Assessment.Status.APPROVED_WITH_CONDITIONS
        and not assessment.conditions.exists()
    ):
        raise ServiceError(CONDITIONS_REQUIRED, field_errors={"decision": [CONDITIONS_REQUIRED]})
    card = assessment_score(assessment=assessment).scorecard.to_dict()
    departure = decision_check(assessment=assessment, decision=decision, card=card)
    departure_justification = typed_text_require(
        departure_justification=(departure_justification, True)
    )["departure_justification"].strip()
    if departure.departs:
        problem = departure_justification_problem(departure_justification, rationale)
        if departure.uncovered or problem:
            raise DepartureRefused(departure, problem)
    elif departure_justification:
        raise ServiceError(
            DEPARTURE_NOT_NEEDED, field_errors={"departure_justification": [DEPARTURE_NOT_NEEDED]}
        )
    assessment.status = decision
    assessment.decided_at = timezone.now()
    assessment.decided_by = actor
    assessment.decision_rationale = rationale
    assessment.departure_justification = departure_justification
    assessment.decided_grade = card["grade"]
    assessment.decided_recommendation = card["recommendation"]
    assessment.save(update_fields=["status", *DECISION_FIELDS, "updated_at"])
    snapshot = snapshot_store(assessment=assessment, kind="decided")
    audit_record(
        assessment=assessment,
        actor=actor,
        action=AuditAction.ASSESSMENT_DECIDED,
        old={"status": "in_review"},
        new={
            "status": decision,
            "rationale": rationale,
            "grade": card["grade"],
            "recommendation": card["recommendation"],
            "departure_justification": departure_justification,
            "snapshot_sha256": snapshot.scorecard_sha256,
        },
    )
    webhook_event_emit(event="assessment.decided", data=assessment_data(assessment))
    return assessment


def decision_withdrawable_by(user: AbstractBaseUser, assessment: Assessment, now=None) -> bool:
    """An administrator may withdraw any decision; the deciding architect, within the window."""
    if can_withdraw_any_decision(user):
        return True
    now = now or timezone.now()
    return (
        assessment.decided_by_id == user.pk
        and assessment.decided_at is not None
        and now - assessment.decided_at <= datetime.timedelta(hours=WITHDRAW_WINDOW_HOURS)
    )


@transaction.atomic
def assessment_decision_withdraw(
    *, actor: AbstractBaseUser, assessment_pk, reason: str
) -> Assessment:
    """Back to "in review", with the reason audited; the decided snapshot stays as it was."""
    assessment = assessment_get_for_user(user=actor, pk=assessment_pk, for_write=True)
    transition_check(assessment, "withdraw_decision")
    if not decision_withdrawable_by(actor, assessment):
        raise NotAllowed(WITHDRAW_WHO.format(hours=WITHDRAW_WINDOW_HOURS))
    reason = (reason or "").strip()
    if len(reason) < 10:
        raise ServiceError(WITHDRAW_REASON, field_errors={"reason": [WITHDRAW_REASON]})
    if assessment.revisions.exists():
        raise ConflictError(WITHDRAW_AFTER_REASSESSMENT, current=None)
    old = {
        "status": assessment.status,
        "decided_by": assessment.decided_by.get_username() if assessment.decided_by else "",
        "decided_at": assessment.decided_at.isoformat() if assessment.decided_at else "",
        "rationale": assessment.decision_rationale,
        "departure_justification": assessment.departure_justification,
    }
    assessment.status = Assessment.Status.IN_REVIEW
    assessment.decided_at = None
    assessment.decided_by = None
    assessment.decision_rationale = ""
    assessment.departure_justification = ""
    assessment.decided_grade = ""
    assessment.decided_recommendation = ""
    assessment.save(update_fields=["status", *DECISION_FIELDS, "updated_at"])
    audit_record(
        assessment=assessment,
        actor=actor,
        action=AuditAction.DECISION_WITHDRAWN,
        old=old,
        new={"status": Assessment.Status.IN_REVIEW, "reason": reason},
    )
    return assessment
