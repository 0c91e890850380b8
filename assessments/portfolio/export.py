"""The filtered list as a CSV or Excel file: the page's columns, every matching row (not one
page), each cell neutralised against formula injection. A worker writes it, as a report job
(reports/services.py fixes the rows when the user asks; `portfolio_export_file` writes them).

A spreadsheet runs a cell that begins with =, +, -, @ (or a tab or carriage return before one) as
a formula; a vendor's or offering's name is typed by people outside the company. OWASP's advice:
put a single quote before such a cell, which spreadsheets read as "this is text".
"""

import csv
import datetime
import io
from collections.abc import Iterable, Iterator

from openpyxl import Workbook

from assessments.models import Assessment
from assessments.portfolio.rows import VALUE_FIELDS, portfolio_row_of_values
from core.spreadsheets import neutralised
from scoring import SEVERITIES

COLUMNS = (
    "Vendor",
    "Offering",
    "Revision",
    "Questionnaire",
    "Status",
    "Grade",
    "Grade state",
    "Answered",
    "Applicable",
    "Decision",
    "Decided on",
    "Requester",
    "Reviewer",
    "Due date",
    *(f"Open {s} findings" for s in SEVERITIES),
    "Link",
)


def export_values(row: dict, *, base_url: str) -> list:
    return [
        row["vendor"],
        row["offering"],
        row["revision"] or 1,
        row["questionnaire"],
        row["status_label"],
        row["grade"],
        row["grade_state"],
        row["answered"],
        row["applicable"],
        row["decision"],
        row["decided_on"],
        row["requester"],
        row["reviewer"],
        row["due"],
        *(row["findings"][s] for s in SEVERITIES),
        base_url + row["url"],
    ]


def _records(assessments: Iterable[dict], base_url: str) -> Iterator[list]:
    """`assessments` as `.values(*rows.VALUE_FIELDS)`."""
    for values in assessments:
        row = portfolio_row_of_values(values)
        yield [neutralised(v) for v in export_values(row, base_url=base_url)]


def export_filename(extension: str, today: datetime.date) -> str:
    return f"assessments-{today.isoformat()}.{extension}"


def export_csv(assessments: Iterable, *, base_url: str) -> bytes:
    # UTF-8 with a byte order mark: Excel otherwise reads the file as the local code page.
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for record in _records(assessments, base_url):
        writer.writerow("" if v is None else v for v in record)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def export_xlsx(assessments: Iterable, *, base_url: str) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Assessments")
    sheet.append(COLUMNS)
    for record in _records(assessments, base_url):
        # openpyxl itself stores a str that begins with "=" as a formula: the quote that
        # neutralised() put first is what keeps it a string cell.
        sheet.append(record)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def portfolio_export_file(*, assessment_ids: list[str], file_format: str, base_url: str) -> bytes:
    """An export job's file ("xlsx" or "csv"): these assessments' rows in this order, the list as
    its requester saw it when they asked. `base_url` starts each row's link."""
    position = {pk: i for i, pk in enumerate(assessment_ids)}
    values = Assessment.objects.filter(pk__in=assessment_ids).values(*VALUE_FIELDS)
    rows = sorted(values.iterator(chunk_size=500), key=lambda v: position[str(v["pk"])])
    write = export_xlsx if file_format == "xlsx" else export_csv
    return write(rows, base_url=base_url)
