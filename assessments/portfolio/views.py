"""The assessments list (/assessments/) and its CSV and Excel downloads: parse the query string,
read through the portfolio selectors, render. The downloads carry the page's filters and answer to
the same permission."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from assessments.portfolio.export import export_csv, export_filename, export_xlsx
from assessments.portfolio.filters import portfolio_query_parse
from assessments.portfolio.rows import VALUE_FIELDS
from assessments.portfolio.selectors import portfolio_assessments, portfolio_page_context
from core.permissions import can_read, role_required

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_safe
@role_required(can_read)
def assessment_list(request: HttpRequest) -> HttpResponse:
    query = portfolio_query_parse(request.GET, user=request.user)
    context = portfolio_page_context(user=request.user, query=query)
    return render(request, "assessments/portfolio/list.html", context)


def _download(request: HttpRequest, extension: str, content_type: str, write) -> HttpResponse:
    query = portfolio_query_parse(request.GET, user=request.user)
    rows = portfolio_assessments(user=request.user, query=query).values(*VALUE_FIELDS)
    body = write(rows.iterator(chunk_size=500), base_url=request.build_absolute_uri("/")[:-1])
    response = HttpResponse(body, content_type=content_type)
    name = export_filename(extension, timezone.localdate())
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_safe
@role_required(can_read)
def assessment_export_csv(request: HttpRequest) -> HttpResponse:
    return _download(request, "csv", "text/csv; charset=utf-8", export_csv)


@require_safe
@role_required(can_read)
def assessment_export_xlsx(request: HttpRequest) -> HttpResponse:
    return _download(request, "xlsx", XLSX_TYPE, export_xlsx)
