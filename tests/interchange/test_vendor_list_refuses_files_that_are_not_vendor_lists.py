"""A file that is not a vendor list is refused at upload with a sentence, and nothing is stored:
a PDF renamed .xlsx, a sheet without a Vendor column, a header with nothing under it."""

import pytest

from core.errors import ServiceError
from interchange.models import VendorListImport
from interchange.tables import NOT_XLSX, UNSUPPORTED
from interchange.vendor_list.plan import (
    NO_ROWS,
    NO_VENDOR_COLUMN_CSV,
    NO_VENDOR_COLUMN_XLSX,
    TOO_MANY_ROWS,
)
from interchange.vendor_list.services import NO_FILE, vendor_list_import_preview
from tests.interchange.vendor_lists import csv_bytes, upload, xlsx
from tests.support import files

pytestmark = pytest.mark.django_db


def _refusal(actor, content: bytes, name: str) -> str:
    with pytest.raises(ServiceError) as refused:
        vendor_list_import_preview(actor=actor, upload=upload(content, name))
    assert not VendorListImport.objects.exists()
    assert refused.value.field_errors == {"file": [refused.value.message]}
    return refused.value.message


def test_a_pdf_renamed_xlsx_is_refused(procurement_user):
    assert _refusal(procurement_user, files.PDF, "vendors.xlsx") == NOT_XLSX


def test_a_file_of_another_kind_is_refused(procurement_user):
    assert _refusal(procurement_user, b"Vendor\nAcme\n", "vendors.txt") == UNSUPPORTED


def test_a_sheet_without_a_vendor_column_is_refused(procurement_user):
    content = xlsx([("Name", "Country"), ("Acme", "France")])
    assert _refusal(procurement_user, content, "list.xlsx") == NO_VENDOR_COLUMN_XLSX
    content = csv_bytes([("Name", "Country"), ("Acme", "France")])
    assert _refusal(procurement_user, content, "list.csv") == NO_VENDOR_COLUMN_CSV


def test_a_header_without_rows_is_refused(procurement_user):
    content = csv_bytes([("Vendor", "Country")])
    expected = NO_ROWS.format(where="The CSV file", row=1)
    assert _refusal(procurement_user, content, "list.csv") == expected


def test_no_file_is_refused(procurement_user):
    with pytest.raises(ServiceError) as refused:
        vendor_list_import_preview(actor=procurement_user, upload=None)
    assert refused.value.message == NO_FILE


def test_a_list_longer_than_one_confirmation_can_write_is_refused(procurement_user, monkeypatch):
    monkeypatch.setattr("interchange.vendor_list.plan.MAX_LIST_ROWS", 2)
    content = csv_bytes([("Vendor",), ("Acme",), ("Globex",), ("Initech",)])
    assert _refusal(procurement_user, content, "list.csv") == TOO_MANY_ROWS.format(
        where="The CSV file", count=3, limit=2
    )
