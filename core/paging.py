"""One page of a list and the list's length in a single query.

Django's Paginator counts (one query) and then reads the page (another). On the short pages of
the Compare picker and the assessments list the second round trip and the building of a second
query were a large share of the request (bench/bench_lists.py, bench/bench_assessment_list.py);
`COUNT(*) OVER ()` puts the total on every row of the page instead. The page number is read as
Paginator.get_page reads it: anything that is not a number is the first page, a number past the
end or below one the last page (which then costs the count and the page again; nobody lands there
except by editing the URL or after rows went away).
"""

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet, Window

_TOTAL = "page_total_rows"


def _number(raw) -> int:
    try:
        return int(raw)
    except (TypeError, ValueError):
        return 1


def page_with_total(queryset: QuerySet, raw_number, per_page: int) -> Page:
    """The page `raw_number` (as typed in the URL) of `queryset`, with its paginator's count,
    in one query when the page exists."""
    number = _number(raw_number)
    if number < 1:
        return Paginator(queryset, per_page).get_page(number)  # as Django: the last page
    counted = queryset.annotate(**{_TOTAL: Window(Count("pk"))})
    start = (number - 1) * per_page
    rows = list(counted[start : start + per_page])
    paginator = Paginator(queryset, per_page)
    if rows:
        # Paginator.count is a cached property: setting it spares the COUNT query.
        first = rows[0]
        paginator.count = first[_TOTAL] if isinstance(first, dict) else getattr(first, _TOTAL)
        return Page(rows, number, paginator)
    if number == 1:
        paginator.count = 0
        return Page([], 1, paginator)
    return paginator.get_page(number)
