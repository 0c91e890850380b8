"""The list exports as CSV and Excel with the page's columns and filters, under the same
permission, named assessments-<date>; a cell that a spreadsheet would run as a formula (it begins
with =, +, -, @, a tab or a carriage return) is text, with a single quote before it (OWASP).
Each export is a report job: the page's button starts it, a worker writes the file (here called
in-process, as the worker would), and it downloads from the job."""

import csv
import io

import openpyxl
import pytest
from django.utils import timezone

from assessments.portfolio.export import COLUMNS
from tests.assessments.portfolio.conftest import EXPORT_URLS as URLS
from tests.assessments.portfolio.conftest import export

pytestmark = pytest.mark.django_db


def _table(response, kind: str) -> list[list]:
    if kind == "csv":
        text = response.content.decode("utf-8-sig")
        return list(csv.reader(io.StringIO(text, newline="")))
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book.active
    return [[cell for cell in row] for row in sheet.iter_rows()]


def _values(rows, kind):
    if kind == "csv":
        return rows
    return [[cell.value for cell in row] for row in rows]


@pytest.mark.parametrize("kind", URLS)
def test_the_export_has_the_filtered_rows_the_columns_and_a_dated_name(
    client, viewer_user, make, kind
):
    make(vendor="Acme", offering="Gateway", status="submitted", summary={"open_high": 2})
    make(vendor="Zed", offering="Other", status="draft", summary={"missing_required": 4})
    client.force_login(viewer_user)
    response = export(client, kind, {"status": "submitted"})
    assert response.status_code == 200
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="assessments-{today}.{kind}"'
    rows = _values(_table(response, kind), kind)
    assert tuple(rows[0]) == COLUMNS
    assert len(rows) == 2
    row = dict(zip(COLUMNS, rows[1], strict=True))
    assert row["Vendor"] == "Acme"
    assert row["Offering"] == "Gateway"
    assert row["Status"] == "Submitted"
    assert row["Grade"] == "C"
    assert str(row["Open high findings"]) == "2"
    assert str(row["Link"]).startswith("http://testserver/assessments/")


@pytest.mark.parametrize("kind", URLS)
def test_the_page_links_its_downloads_with_its_filters(client, viewer_user, make, kind):
    make(vendor="Acme")
    client.force_login(viewer_user)
    html = client.get("/assessments/", {"status": "draft", "sort": "vendor"}).content.decode()
    assert f'="{URLS[kind]}?status=draft&amp;sort=vendor"' in html
    assert 'method="post"' in html


FORMULA_STARTS = ["=", "+", "-", "@", "\t", "\r"]


@pytest.mark.parametrize("start", FORMULA_STARTS, ids=["eq", "plus", "minus", "at", "tab", "cr"])
@pytest.mark.parametrize("kind", URLS)
def test_a_cell_that_would_be_a_formula_is_text_behind_a_quote(
    client, viewer_user, make, kind, start
):
    payload = f'{start}HYPERLINK("http://evil.example","x")'
    make(vendor=payload, offering=f"{start}1+1")
    client.force_login(viewer_user)
    rows = _table(export(client, kind), kind)
    vendor, offering = rows[1][0], rows[1][1]
    if kind == "xlsx":
        for cell, text in ((vendor, payload), (offering, f"{start}1+1")):
            assert cell.data_type == "s"  # a string cell, not a formula ("f")
            # XML reads a carriage return back as a line feed; the quote is what matters.
            assert cell.value == "'" + text.replace("\r", "\n")
    else:
        assert vendor == "'" + payload
        assert offering == "'" + f"{start}1+1"


@pytest.mark.parametrize("kind", URLS)
def test_plain_text_and_numbers_are_left_alone(client, viewer_user, make, kind):
    make(vendor="Acme = best", offering="A-1", summary={"open_low": 3})
    client.force_login(viewer_user)
    rows = _values(_table(export(client, kind), kind), kind)
    row = dict(zip(COLUMNS, rows[1], strict=True))
    assert (row["Vendor"], row["Offering"]) == ("Acme = best", "A-1")
    assert str(row["Open low findings"]) == "3"


@pytest.mark.parametrize("kind", URLS)
def test_exports_refuse_who_the_page_refuses(client, outsider_user, kind):
    for send in (client.get, client.post):
        assert send(URLS[kind])["Location"].startswith("/accounts/login/")
    client.force_login(outsider_user)
    assert client.get(URLS[kind]).status_code == 403
    assert client.post(URLS[kind]).status_code == 403
