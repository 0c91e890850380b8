"""Vendor lists as a team keeps them, built in the test: an .xlsx made with openpyxl or a CSV,
uploaded the way a browser sends them."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from interchange.vendor_list.services import vendor_list_import_preview
from tests.support.bidi import without_isolates

HEADER = (
    "Vendor",
    "Website",
    "Country",
    "Offering",
    "Deployment",
    "Contact name",
    "Contact e-mail",
)


def xlsx(rows, *, sheet: str = "Vendors", before: tuple = ()) -> bytes:
    """A workbook whose first sheet holds `before` rows (an instructions sheet), then `rows`."""
    book = Workbook()
    first = book.active
    if before:
        first.title = "Read me"
        for row in before:
            first.append(list(row))
        first = book.create_sheet(sheet)
    else:
        first.title = sheet
    for row in rows:
        first.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(rows) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8")


def upload(content: bytes, name: str = "vendors.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def preview(actor, rows, *, name: str = "vendors.xlsx", **kwargs):
    """The stored import of `rows` (as .xlsx unless `name` ends in .csv)."""
    content = csv_bytes(rows) if name.endswith(".csv") else xlsx(rows, **kwargs)
    return vendor_list_import_preview(actor=actor, upload=upload(content, name))


def problems(record) -> list[str]:
    """The preview's problems as a reader sees them (isolates removed)."""
    return [without_isolates(p["text"]) for p in record.preview["problems"]]


def lines(record, kind: str | None = None) -> list[tuple]:
    """(kind, action, name, changes as "Label: old → new") of each line."""
    found = []
    for line in record.preview["lines"]:
        if kind and line["kind"] != kind:
            continue
        changes = tuple(f"{c['label']}: {c['old']} → {c['new']}" for c in line["changes"])
        found.append((line["kind"], line["action"], line["name"], changes))
    return found
