"""Reading an uploaded spreadsheet: values only, never a formula evaluated; refused when it is
not what its name says, too large, or unpacks too large; CSV in UTF-8 with any common delimiter."""

import io
import zipfile

import pytest
from openpyxl import Workbook

from interchange import tables
from interchange.tables import TableError, tables_read


def _xlsx(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_formula_is_never_evaluated_nor_read_as_text():
    read = tables_read(
        content=_xlsx([["A&A-01.1", "=1+1", '=HYPERLINK("http://x")']]), file_name="f.xlsx"
    )
    (sheet,) = read.sheets
    # openpyxl wrote no cached value, so the cells read as empty: the formula never ran here.
    assert sheet.rows == ((1, ("A&A-01.1",)),)


def test_numbers_dates_and_booleans_read_as_a_person_would_type_them():
    import datetime

    read = tables_read(
        content=_xlsx([[3.0, 2.5, datetime.datetime(2026, 3, 1), True]]), file_name="f.xlsx"
    )
    assert read.sheets[0].rows[0][1] == ("3", "2.5", "2026-03-01", "Yes")


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "f.xlsx", tables.EMPTY),
        (b"not a zip", "f.xlsx", tables.NOT_XLSX),
        (b"a,b\n", "f.txt", tables.UNSUPPORTED),
        (b"a,b\x00\n", "f.csv", tables.NOT_CSV),
        ("é,ü\n".encode("latin-1"), "f.csv", tables.NOT_UTF8),
    ],
)
def test_files_that_are_not_what_they_say_are_refused(content, name, message):
    with pytest.raises(TableError) as refused:
        tables_read(content=content, file_name=name)
    assert str(refused.value) == message


def test_a_zip_that_is_not_a_workbook_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    with pytest.raises(TableError, match="not an Excel workbook"):
        tables_read(content=out.getvalue(), file_name="f.xlsx")


def test_a_workbook_that_would_unpack_too_large_is_refused(monkeypatch):
    monkeypatch.setattr(tables, "MAX_UNPACKED_BYTES", 1_000)
    with pytest.raises(TableError, match="unpack"):
        tables_read(content=_xlsx([["x" * 2_000]]), file_name="f.xlsx")


def test_too_many_rows_are_refused(monkeypatch):
    monkeypatch.setattr(tables, "MAX_ROWS", 3)
    with pytest.raises(TableError, match="more than 3 rows"):
        tables_read(content=_xlsx([[n] for n in range(1, 6)]), file_name="f.xlsx")
    with pytest.raises(TableError, match="The CSV file has more than 3 rows"):
        tables_read(content=b"1\n2\n3\n4\n5\n", file_name="f.csv")


def test_a_semicolon_csv_with_a_bom_is_read():
    read = tables_read(
        content="\ufeffQuestion ID;Answer\nA&A-01.1;Oui, très\n".encode(), file_name="f.csv"
    )
    assert read.sheets[0].rows == ((1, ("Question ID", "Answer")), (2, ("A&A-01.1", "Oui, très")))
    assert read.sheets[0].label == "The CSV file"
