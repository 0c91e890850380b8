"""The assessments list (/assessments/) and its CSV and Excel exports: parse the query string, read
through the portfolio selectors, render. An export is always a report job (the whole portfolio can
be large): POST starts it with the page's filters and the browser follows the job's status page to
its download; GET only offers that button. The exports answer to the same permission."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from assessments.portfolio.filters import portfolio_query_parse
from assessments.portfolio.selectors import portfolio_assessments, portfolio_page_context
from core.errors import ServiceError
from core.permissions import can_read, role_required
from reports.services import NOTHING_TO_EXPORT, portfolio_export_request

# Each file format: the URL name of its export and what people call it.
FORMATS = {"csv": ("assessments:export-csv", "CSV"), "xlsx": ("assessments:export-xlsx", "Excel")}


@require_safe
@role_required(can_read)
def assessment_list(request: HttpRequest) -> HttpResponse:
    query = portfolio_query_parse(request.GET, user=request.user)
    context = portfolio_page_context(user=request.user, query=query)
    return render(request, "assessments/portfolio/list.html", context)


def _matching(rows: int, *, filtered: bool) -> str:
    if not rows:
        return NOTHING_TO_EXPORT
    which = "match these filters" if filtered else "are on the list"
    if rows == 1:
        which = "matches these filters" if filtered else "is on the list"
    return f"{rows:,} assessment{'' if rows == 1 else 's'} {which}."


def _export(request: HttpRequest, file_format: str) -> HttpResponse:
    query = portfolio_query_parse(request.GET, user=request.user)
    kept = query.querystring()
    url_name, label = FORMATS[file_format]
    back = reverse("assessments:list") + (f"?{kept}" if kept else "")
    if request.method != "POST":
        rows = portfolio_assessments(user=request.user, query=query).count()
        context = {
            "rows": rows,
            "sentence": _matching(rows, filtered=query.is_filtered),
            "label": label,
            "action": reverse(url_name) + (f"?{kept}" if kept else ""),
            "back": back,
        }
        return render(request, "reports/export_start.html", context)
    try:
        report = portfolio_export_request(
            actor=request.user,
            query=query,
            file_format=file_format,
            base_url=request.build_absolute_uri("/")[:-1],
        )
    except ServiceError as exc:  # nothing matches, or too many jobs waiting
        messages.error(request, exc.message)
        return redirect(back)
    return redirect("reports:status", pk=report.pk)


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(can_read)
def assessment_export_csv(request: HttpRequest) -> HttpResponse:
    return _export(request, "csv")


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(can_read)
def assessment_export_xlsx(request: HttpRequest) -> HttpResponse:
    return _export(request, "xlsx")
