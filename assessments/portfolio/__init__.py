"""The portfolio: every assessment a user may see, filtered, sorted, paged and exported.

Where things live: `filters.py` — the one parser of the list's query string (the page, its
downloads and the API's list read it); `selectors.py` — the filtered rows and the page's context;
`rows.py` — one assessment as ready-made values from its stored summary; `export.py` — the CSV
and Excel files, formula-safe, written by a report job's worker (reports/); `views.py` —
/assessments/ and its exports."""

from assessments.portfolio.export import portfolio_export_file
from assessments.portfolio.filters import (
    AT_RISK_GRADES,
    SORTS,
    PortfolioQuery,
    approvals_with_conditions_q,
    at_risk_q,
    awaiting_q,
    invitation_open_q,
    latest_decision_graded_at_risk_q,
    portfolio_query_parse,
)
from assessments.portfolio.rows import portfolio_row
from assessments.portfolio.selectors import portfolio_assessments

__all__ = [
    "AT_RISK_GRADES",
    "SORTS",
    "PortfolioQuery",
    "approvals_with_conditions_q",
    "at_risk_q",
    "awaiting_q",
    "invitation_open_q",
    "latest_decision_graded_at_risk_q",
    "portfolio_assessments",
    "portfolio_export_file",
    "portfolio_query_parse",
    "portfolio_row",
]
