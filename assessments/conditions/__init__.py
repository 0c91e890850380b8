"""The conditions tracker (/assessments/conditions/): every condition of approval across the
portfolio with its owner, due date and state, filtered and paginated (selectors.py), and the pages
that list them and mark one done (views.py, through review.condition_mark_done).

`condition_states_q`, `CONDITIONS_DUE_WITHIN` and `conditions_tracked` are what the dashboards
read too, so "due" and "overdue" mean the same on every page."""

from assessments.conditions.selectors import (
    CONDITIONS_DUE_WITHIN,
    condition_state,
    condition_states_q,
    conditioned_finding_keys,
    conditions_tracked,
    today,
)

__all__ = [
    "CONDITIONS_DUE_WITHIN",
    "condition_state",
    "condition_states_q",
    "conditioned_finding_keys",
    "conditions_tracked",
    "today",
]
