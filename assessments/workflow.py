"""The status workflow of an assessment, in one table.

draft → submitted → in_review → changes_requested → submitted → … → approved |
approved_with_conditions | rejected. A decided assessment is frozen; a reassessment starts a new
revision from it.
"""

from assessments.models import Assessment
from core.errors import ConflictError

S = Assessment.Status

# action: (statuses it may start from, status it leads to; None when the action chooses)
TRANSITIONS: dict[str, tuple[tuple[str, ...], str | None]] = {
    "submit": ((S.DRAFT, S.CHANGES_REQUESTED), S.SUBMITTED),
    "start_review": ((S.SUBMITTED,), S.IN_REVIEW),
    "request_changes": ((S.IN_REVIEW,), S.CHANGES_REQUESTED),
    "decide": ((S.IN_REVIEW,), None),
    "reassess": ((S.APPROVED, S.APPROVED_WITH_CONDITIONS, S.REJECTED), None),
}
# Review work on answers (evidence levels, overrides, acceptances, conditions) needs an open review.
REVIEW_ACTIONS = ((S.IN_REVIEW,), None)
DECISIONS = (S.APPROVED, S.APPROVED_WITH_CONDITIONS, S.REJECTED)

ACTION_LABELS = {
    "submit": "submit it",
    "start_review": "start a review",
    "request_changes": "request changes",
    "decide": "record a decision",
    "reassess": "start a reassessment",
    "review": "change the review",
}


def _label(status: str) -> str:
    return S(status).label.lower()


def transition_check(assessment: Assessment, action: str) -> None:
    """Refuse an action the assessment's status does not allow, with a sentence that says why."""
    allowed = TRANSITIONS[action][0] if action in TRANSITIONS else REVIEW_ACTIONS[0]
    if assessment.status not in allowed:
        raise ConflictError(
            f"Cannot {ACTION_LABELS[action]}: the assessment is {_label(assessment.status)}; "
            f"that is possible only when it is {' or '.join(_label(s) for s in allowed)}.",
            current=None,
        )
