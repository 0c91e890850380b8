"""What a downloaded report is called: `<vendor>-<offering>-<yyyy-mm-dd>.pdf`, or
`comparison-<yyyy-mm-dd>.pdf` — the names a board member files it under, not a UUID. Exports:
`<vendor>-<offering>-answers-<yyyy-mm-dd>.xlsx`, `assessments-<yyyy-mm-dd>.csv`.

The header carries an ASCII name every browser understands and, for names in other scripts
("東京 Systems"), the full name in UTF-8 (RFC 6266 / RFC 5987 `filename*`). Both are reduced to
letters, digits and hyphens, so no name can smuggle a quote, a path or a header line.
"""

from urllib.parse import quote

from django.utils import timezone
from django.utils.text import slugify

from reports.models import PORTFOLIO_EXPORTS, Report

MAX_PART = 60


def _part(text: str, *, allow_unicode: bool) -> str:
    return slugify(text or "", allow_unicode=allow_unicode)[:MAX_PART].strip("-")


def _names(report: Report, *, allow_unicode: bool) -> list[str]:
    if report.kind in PORTFOLIO_EXPORTS.values():
        return ["assessments"]
    if report.kind == Report.Kind.COMPARISON or report.assessment is None:
        return ["comparison"]
    offering = report.assessment.offering
    names = [
        _part(offering.vendor.name, allow_unicode=allow_unicode) or "vendor",
        _part(offering.name, allow_unicode=allow_unicode) or "offering",
    ]
    return [*names, "answers"] if report.is_export else names


def report_filename(report: Report, *, allow_unicode: bool = False) -> str:
    day = timezone.localdate(report.finished_at or report.created_at)
    name = "-".join([*_names(report, allow_unicode=allow_unicode), f"{day:%Y-%m-%d}"])
    return f"{name}.{report.file_type.extension}"


def content_disposition(report: Report) -> str:
    ascii_name = report_filename(report)
    full = report_filename(report, allow_unicode=True)
    header = f'attachment; filename="{ascii_name}"'
    if full != ascii_name:
        header += f"; filename*=UTF-8''{quote(full)}"
    return header
