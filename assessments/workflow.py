"""The status workflow of an assessment, in one table, and every rule derived from it.

draft → submitted → in_review → changes_requested → submitted → … → approved |
approved_with_conditions | rejected. A decided assessment is frozen; a reassessment starts a new
revision from it.

The model (`Assessment.Status`, `Assessment.is_editable`, `Assessment.is_decided`), the services,
the pages, the templates and the API all read these names; none writes a list of statuses again.
It imports no model, so the model can import it.
"""

from typing import Protocol

from django.db import models

from core.errors import ConflictError


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    IN_REVIEW = "in_review", "In review"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    APPROVED = "approved", "Approved"
    APPROVED_WITH_CONDITIONS = "approved_with_conditions", "Approved with conditions"
    REJECTED = "rejected", "Rejected"


S = Status

# action: (statuses it may start from, status it leads to; None when the action chooses)
TRANSITIONS: dict[str, tuple[tuple[str, ...], str | None]] = {
    "submit": ((S.DRAFT, S.CHANGES_REQUESTED), S.SUBMITTED),
    "start_review": ((S.SUBMITTED,), S.IN_REVIEW),
    "request_changes": ((S.IN_REVIEW,), S.CHANGES_REQUESTED),
    "decide": ((S.IN_REVIEW,), None),
    "reassess": ((S.APPROVED, S.APPROVED_WITH_CONDITIONS, S.REJECTED), None),
    # An administrator (or the deciding architect, briefly) takes a decision back for another look.
    "withdraw_decision": ((S.APPROVED, S.APPROVED_WITH_CONDITIONS, S.REJECTED), S.IN_REVIEW),
}
# Answers change (and procurement attaches evidence, and invites vendor contacts) exactly while
# the assessment can still be submitted: before its first submission, or when a reviewer sent it
# back with questions.
EDITABLE: tuple[str, ...] = TRANSITIONS["submit"][0]
# Decided: what a reassessment starts from. Nothing in it changes any more.
DECIDED: tuple[str, ...] = TRANSITIONS["reassess"][0]
DECISIONS = DECIDED
# Review work on answers (evidence levels, overrides, acceptances, conditions) needs an open review.
REVIEW_ACTIONS = ((S.IN_REVIEW,), None)
# A reviewer attaches what they verified once the answers are in: submitted, or under review.
REVIEWER_EVIDENCE: tuple[str, ...] = (S.SUBMITTED, S.IN_REVIEW)

ACTION_LABELS = {
    "submit": "submit it",
    "start_review": "start a review",
    "request_changes": "request changes",
    "decide": "record a decision",
    "reassess": "start a reassessment",
    "withdraw_decision": "withdraw the decision",
    "review": "change the review",
}


class _HasStatus(Protocol):
    status: str


def _label(status: str) -> str:
    return S(status).label.lower()


def transition_check(assessment: _HasStatus, action: str) -> None:
    """Refuse an action the assessment's status does not allow, with a sentence that says why."""
    allowed = TRANSITIONS[action][0] if action in TRANSITIONS else REVIEW_ACTIONS[0]
    if assessment.status not in allowed:
        raise ConflictError(
            f"Cannot {ACTION_LABELS[action]}: the assessment is {_label(assessment.status)}; "
            f"that is possible only when it is {' or '.join(_label(s) for s in allowed)}.",
            current=None,
        )
