"""An assessment's impact matrix (scoring/impact.py) with the decision's conditions applied: the
one read behind the scorecard page, the API's scorecard and the report."""

from assessments.conditions import conditioned_finding_keys
from assessments.models import Assessment
from scoring import Scorecard, impact_matrix


def assessment_impact_matrix(
    *, assessment: Assessment, scorecard: Scorecard, conditions: list | None = None
) -> dict:
    """`conditions`: the assessment's conditions when the caller has them already (no query)."""
    if conditions is None:
        conditioned = conditioned_finding_keys(assessment=assessment)
    else:
        conditioned = frozenset(key for c in conditions for key in c.finding_keys)
    return impact_matrix(scorecard.findings, conditioned).to_dict()
