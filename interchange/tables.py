"""Reading a spreadsheet someone uploads (.xlsx or .csv) into plain rows of text, safely.

Whatever the file holds, this module only ever reads cell values: formulas are never evaluated
(openpyxl's data_only gives the value Excel last saved, or nothing), macros and links to other
workbooks are dropped, and the file is refused before parsing when it is larger, or would
unpack larger, than a questionnaire ever is (a zip bomb would otherwise fill memory)."""

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_ROWS = 5_000
MAX_COLUMNS = 60
MAX_CELL_CHARS = 10_000

TOO_LARGE = f"The file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB."
EMPTY = "The file is empty."
NOT_XLSX = (
    "This file is not an Excel workbook (.xlsx), whatever its name says. Save it from Excel or "
    "LibreOffice as .xlsx, or as CSV."
)
UNPACKS_TOO_LARGE = "This workbook would unpack to more than 100 MB; it cannot be a questionnaire."
NOT_CSV = (
    "This file is not a CSV text file (it holds binary data). Save it as “CSV UTF-8” and upload "
    "that."
)
NOT_UTF8 = (
    "This CSV file is not in UTF-8, so its accents would be garbled. Save it as “CSV UTF-8 "
    "(comma delimited)” and upload it again."
)
UNSUPPORTED = "Upload an Excel workbook (.xlsx) or a CSV file (.csv)."
TOO_MANY_ROWS = "{sheet} has more than {limit:,} rows; split the file or remove the empty rows."


class TableError(ValueError):
    """A file that cannot be read as the spreadsheet it claims to be; the message says why."""


@dataclass(frozen=True)
class Sheet:
    name: str
    rows: tuple[tuple[int, tuple[str, ...]], ...]
    """(row number as the spreadsheet shows it, the row's cells as text), empty rows left out."""

    @property
    def label(self) -> str:
        """How an error names this sheet: "CAIQ sheet", or "The CSV file" for a CSV."""
        return "The CSV file" if self.name == "" else f"{self.name} sheet"


@dataclass(frozen=True)
class Tables:
    file_name: str
    kind: str  # "xlsx" or "csv"
    sheets: tuple[Sheet, ...]

    def sheet(self, name: str) -> Sheet | None:
        wanted = name.strip().casefold()
        return next((s for s in self.sheets if s.name.strip().casefold() == wanted), None)


def column_letter(index: int) -> str:
    """Column 0 is "A", as a spreadsheet user reads it."""
    return get_column_letter(index + 1)


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return (
            value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").strip()[:MAX_CELL_CHARS]


def tables_read(*, content: bytes, file_name: str) -> Tables:
    if not content:
        raise TableError(EMPTY)
    if len(content) > MAX_FILE_BYTES:
        raise TableError(TOO_LARGE)
    extension = file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""
    if extension in ("xlsx", "xlsm"):
        return Tables(file_name, "xlsx", _xlsx_sheets(content))
    if extension == "csv":
        return Tables(file_name, "csv", (_csv_sheet(content),))
    raise TableError(UNSUPPORTED)


def _xlsx_sheets(content: bytes) -> tuple[Sheet, ...]:
    buffer = io.BytesIO(content)
    if not zipfile.is_zipfile(buffer):
        raise TableError(NOT_XLSX)
    try:
        with zipfile.ZipFile(buffer) as archive:
            names = archive.namelist()
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise TableError(NOT_XLSX) from exc
    if "xl/workbook.xml" not in names:
        raise TableError(NOT_XLSX)
    if unpacked > MAX_UNPACKED_BYTES:
        raise TableError(UNPACKS_TOO_LARGE)
    try:
        book = load_workbook(
            io.BytesIO(content), read_only=True, data_only=True, keep_links=False, keep_vba=False
        )
    except Exception as exc:  # openpyxl raises many kinds on a malformed part; all mean the same
        raise TableError(NOT_XLSX) from exc
    try:
        return tuple(_worksheet(ws) for ws in book.worksheets)
    except TableError:
        raise
    except Exception as exc:
        raise TableError(NOT_XLSX) from exc
    finally:
        book.close()


def _trimmed(cells: tuple[str, ...]) -> tuple[str, ...]:
    """Without the empty cells at the end (read-only mode pads every row to the widest)."""
    end = len(cells)
    while end and not cells[end - 1]:
        end -= 1
    return cells[:end]


def _worksheet(ws) -> Sheet:
    rows = []
    for number, values in enumerate(ws.iter_rows(max_col=MAX_COLUMNS, values_only=True), start=1):
        cells = _trimmed(tuple(cell_text(v) for v in values))
        if cells:
            if number > MAX_ROWS:
                raise TableError(
                    TOO_MANY_ROWS.format(sheet=f"The {ws.title} sheet", limit=MAX_ROWS)
                )
            rows.append((number, cells))
    return Sheet(ws.title, tuple(rows))


def _csv_sheet(content: bytes) -> Sheet:
    if b"\x00" in content[:8192]:
        raise TableError(NOT_CSV)
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TableError(NOT_UTF8) from exc
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = []
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        for record in reader:
            if reader.line_num > MAX_ROWS:
                raise TableError(TOO_MANY_ROWS.format(sheet="The CSV file", limit=MAX_ROWS))
            cells = _trimmed(tuple(cell_text(v) for v in record[:MAX_COLUMNS]))
            if cells:
                rows.append((reader.line_num, cells))
    except csv.Error as exc:
        raise TableError(f"The CSV file, line {reader.line_num}: {exc}.") from exc
    return Sheet("", tuple(rows))


def normalised_header(text: str) -> str:
    return " ".join(text.casefold().replace("_", " ").split())


@dataclass(frozen=True)
class Header:
    row: int
    columns: dict[str, int]
    """The role of a column ("id", "answer", …) to its index."""


def header_find(
    sheet: Sheet, wanted: dict[str, tuple[str, ...]], *, within: int = 25
) -> Header | None:
    """The first row (of the first `within`) where every role's column is found. A role matches
    a header cell equal to one of its names, or beginning with one ("CSP CAIQ Answer" for
    "csp caiq answer"), compared without case or repeated spaces."""
    for number, cells in sheet.rows[:within]:
        headers = [normalised_header(c) for c in cells]
        found: dict[str, int] = {}
        for role, names in wanted.items():
            index = next(
                (
                    i
                    for i, h in enumerate(headers)
                    if h and any(h == n or h.startswith(n) for n in names)
                ),
                None,
            )
            if index is not None:
                found[role] = index
        if len(found) == len(wanted):
            return Header(number, found)
    return None


def cell(cells: tuple[str, ...], index: int | None) -> str:
    if index is None or index >= len(cells):
        return ""
    return cells[index]
