"""The architect's review: evidence levels, score overrides, accepted risks, comments,
clarification requests, conditions and the decision.

Where things live:
- services.py    every review action, each checking the reviewer's role and the assessment's
                 status, bumping the answer's version and writing an audit event
- selectors.py   the review queue
- context.py, views.py   the queue and the review page

Other packages import only what this module lists.
"""

from assessments.review.services import (
    answer_evidence_level_set,
    answer_override,
    assessment_decide,
    assessment_request_changes,
    comment_add,
    condition_add,
    finding_accept,
    review_start,
)

__all__ = [
    "answer_evidence_level_set",
    "answer_override",
    "assessment_decide",
    "assessment_request_changes",
    "comment_add",
    "condition_add",
    "finding_accept",
    "review_start",
]
