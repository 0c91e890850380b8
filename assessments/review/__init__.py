"""The architect's review: verdicts on answers (evidence levels, overrides, accepted risks,
"reviewed" marks, comments), clarification requests, conditions, the decision with its guardrails,
and withdrawing a decision.

Where things live:
- services/      every review write, by topic (guards, verdicts, decision); each checks the
                 reviewer's role and the assessment's status, writes an audit event and keeps the
                 assessment's summary current
- departure.py   when a decision departs from the recommendation, and what it then needs (pure)
- selectors.py   the review queue
- workspace.py   the review page: domains, filters, compact answers, the side panel
- row_display.py one answer's row: what the workspace knows of it, and what the page shows
- decision_preview.py  the confirmation step before a decision (what will be frozen)
- views.py       the queue, the review page, the fragments the page swaps in, the preview

Other packages import only what this module lists.
"""

from assessments.review.departure import GUARDED_SEVERITIES, decided_departure_sentence
from assessments.review.services import (
    answer_evidence_level_set,
    answer_override,
    answer_review_mark,
    assessment_decide,
    assessment_decision_withdraw,
    assessment_request_changes,
    comment_add,
    condition_add,
    condition_mark_done,
    decision_check,
    domain_review_mark,
    finding_accept,
    review_start,
)

__all__ = [
    "GUARDED_SEVERITIES",
    "answer_evidence_level_set",
    "answer_override",
    "answer_review_mark",
    "assessment_decide",
    "assessment_decision_withdraw",
    "assessment_request_changes",
    "comment_add",
    "condition_add",
    "condition_mark_done",
    "decided_departure_sentence",
    "decision_check",
    "domain_review_mark",
    "finding_accept",
    "review_start",
]
