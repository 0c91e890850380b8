"""Reads of the portfolio list: the filtered assessments one page at a time, with what the filter
form offers, in a fixed number of queries however many rows match (tests/assessments/portfolio/
test_portfolio_query_count.py holds it to ten at 1,000 assessments)."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet
from django.utils import timezone

from assessments.models import Assessment, QuestionnaireVersion
from assessments.portfolio.filters import PortfolioQuery, portfolio_filter
from assessments.portfolio.rows import VALUE_FIELDS, portfolio_row_of_values
from assessments.selectors import assessments_visible_to
from assessments.summary import summaries_ensure
from assessments.workflow import DECIDED, Status
from core.paging import page_with_total
from core.roles import ALL_ROLES
from scoring import GRADES, SEVERITIES
from vendors.models import Offering, Vendor

PAGE_SIZE = 50


def _fill_missing_summaries(visible: QuerySet[Assessment]) -> None:
    """Assessments whose summary is missing or older than a column get it recomputed once, so
    the grade and findings filters and sorts see them; after that this is one query that finds
    nothing."""
    stale = visible.filter(Q(summary__isnull=True) | Q(summary__missing_required__isnull=True))
    summaries_ensure(
        list(stale.select_related("summary").only("id", "questionnaire_id", "summary"))
    )


def portfolio_assessments(
    *, user: AbstractBaseUser, query: PortfolioQuery, today: datetime.date | None = None
) -> QuerySet[Assessment]:
    """Every assessment `user` may see that matches `query`, in its order, with what a row shows
    joined in (one query for any number of rows)."""
    visible = assessments_visible_to(user)
    _fill_missing_summaries(visible)
    return portfolio_filter(visible, query, today=today or timezone.localdate()).select_related(
        "offering__vendor", "questionnaire", "requester", "reviewer", "summary"
    )


def _people() -> list[tuple[int, str]]:
    """Who can request or review: everyone holding a role."""
    users = (
        get_user_model()
        .objects.filter(groups__name__in=[str(r) for r in ALL_ROLES])
        .distinct()
        .order_by("username")
        .values_list("pk", "username")
    )
    return list(users)


def _scope(query: PortfolioQuery) -> dict:
    """The vendor or offering the list is narrowed to, by name, for the filter's chip."""
    if query.offering:
        offering = Offering.objects.select_related("vendor").filter(pk=query.offering).first()
        return {"offering": offering, "vendor": offering.vendor if offering else None}
    if query.vendor:
        return {"vendor": Vendor.objects.filter(pk=query.vendor).first(), "offering": None}
    return {"vendor": None, "offering": None}


# The page's columns, each sortable by its key (filters.SORTS).
COLUMNS = (
    ("vendor", "Vendor · offering"),
    ("questionnaire", "Questionnaire"),
    ("status", "Status"),
    ("grade", "Grade"),
    ("decision", "Decision"),
    ("requester", "Requester"),
    ("reviewer", "Reviewer"),
    ("due", "Due"),
    ("findings", "Open findings"),
)


def _columns(query: PortfolioQuery) -> list[dict]:
    """Each column's header: a link to sort by it, the other way round when it is the current
    sort (most open findings first on the first click)."""
    current, descending = query.sort.removeprefix("-"), query.sort.startswith("-")
    columns = []
    for key, label in COLUMNS:
        if key == current:
            target = key if descending else f"-{key}"
            aria = "descending" if descending else "ascending"
        else:
            target, aria = ("-findings" if key == "findings" else key), ""
        columns.append({"label": label, "href": "?" + query.querystring(sort=target), "aria": aria})
    return columns


def portfolio_page_context(*, user: AbstractBaseUser, query: PortfolioQuery) -> dict:
    # Plain values, not instances: portfolio_assessments has filled any missing summary.
    rows = portfolio_assessments(user=user, query=query).values(*VALUE_FIELDS)
    page = page_with_total(rows, query.page, PAGE_SIZE)
    base = query.querystring()
    chosen = dict(query.kept)
    return {
        "query": query,
        "page": page,
        "rows": [portfolio_row_of_values(v) for v in page.object_list],
        "count": page.paginator.count,
        "columns": _columns(query),
        "previous_href": "?" + query.querystring(page=page.previous_page_number())
        if page.has_previous()
        else "",
        "next_href": "?" + query.querystring(page=page.next_page_number())
        if page.has_next()
        else "",
        "export_query": "?" + base if base else "",
        "people": _people(),
        "chosen": chosen,
        # The filters beyond the search stay folded (a phone sees the rows sooner) unless used.
        "filters_open": any(key not in ("q", "sort") for key, _ in query.kept),
        "person_fields": [
            (name, name.capitalize(), chosen.get(name, "")) for name in ("requester", "reviewer")
        ],
        "unscoped_query": query.without("vendor", "offering"),
        "statuses": Status.choices,
        "decisions": [(value, Status(value).label) for value in DECIDED],
        "grades": GRADES,
        "severities": SEVERITIES,
        "questionnaires": list(QuestionnaireVersion.objects.order_by("key", "version")),
        **_scope(query),
    }
