"""Which column of a team's vendor list holds what: the header names we recognise, the row they
are on, and the words for a deployment model. Names are compared folded (`fold`), as the vendors
themselves are matched."""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from core.bidi import isolate_text
from interchange.tables import Sheet, Tables, column_letter, normalised_header
from vendors.models import Offering

HEADER_WITHIN = 25

# role: (what the page calls the column, header names recognised). A header matches a name when
# it is that name, or starts with it ("Website URL"); an exact match anywhere in the row wins
# over a prefix, and a longer name over a shorter one ("Contact e-mail" before "Contact").
ROLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "vendor": ("Vendor", ("vendor", "vendor name", "supplier", "supplier name", "company")),
    "website": ("Website", ("website", "web site", "url", "homepage", "home page")),
    "country": ("Country", ("country", "country/region", "hq country")),
    "offering": ("Offering", ("offering", "offering name", "product", "product name")),
    "deployment": ("Deployment", ("deployment", "deployment model", "hosting")),
    "contact_name": ("Contact name", ("contact name", "contact", "contact person")),
    "contact_email": (
        "Contact e-mail",
        ("contact e-mail", "contact email", "e-mail", "email", "e-mail address", "email address"),
    ),
    "contact_role": (
        "Contact role",
        ("contact role", "contact title", "role", "title", "job title"),
    ),
    "contact_phone": ("Contact phone", ("contact phone", "phone", "telephone")),
    "notes": ("Notes", ("notes", "note", "comments", "comment")),
}

DEPLOYMENT_WORDS = {
    Offering.Deployment.SAAS: ("saas", "softwareasaservice"),
    Offering.Deployment.ON_PREM: ("onprem", "onpremise", "onpremises", "onprems", "selfhosted"),
    Offering.Deployment.HYBRID: ("hybrid",),
}
_NOT_LETTERS = re.compile(r"[^a-z]")


@lru_cache(maxsize=16_384)
def fold(text: str) -> str:
    """How two names are compared: without accents, case or repeated spaces, so "Société
    Générale" and "societe  generale" are one vendor. Cached: a list repeats its vendors' names
    on many rows, and each is compared with the catalogue's more than once."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def deployment_of(text: str) -> str | None:
    """The deployment model a cell names ("SaaS", "on-prem", "On premise", "Hybrid (…)"), or
    None when it names none of them."""
    letters = _NOT_LETTERS.sub("", fold(text))
    if letters.startswith("hybrid"):
        return Offering.Deployment.HYBRID
    for value, words in DEPLOYMENT_WORDS.items():
        if letters in words:
            return value
    return None


@dataclass(frozen=True)
class Column:
    index: int
    header: str
    role: str

    @property
    def letter(self) -> str:
        return column_letter(self.index)

    def as_dict(self) -> dict:
        return {"letter": self.letter, "header": self.header, "role": self.role}


@dataclass(frozen=True)
class Layout:
    sheet: Sheet
    header_row: int
    columns: dict[str, Column]
    """role -> the column holding it; roles the file lacks are absent."""
    ignored: tuple[Column, ...]
    """Columns with a header we do not read (role "")."""

    def where(self, rows: int | list[int], role: str) -> str:
        """ "Vendors sheet, row 14, column E (Deployment)" — how a problem names its cells; "rows
        3 and 7" when rows disagree."""
        column = self.columns.get(role)
        # The sheet's name and the header are the file's words: isolated (core/bidi.py).
        place = f"{isolate_text(self.sheet.label)}, {rows_named(rows)}"
        if column is None:
            return place
        return f"{place}, column {column.letter} ({isolate_text(column.header)})"


def rows_named(rows: int | list[int], *, most: int = 3) -> str:
    """ "row 4", "rows 4 and 9", "rows 4, 9, 12 and 5 more"."""
    numbers = sorted(set([rows] if isinstance(rows, int) else rows))
    if len(numbers) == 1:
        return f"row {numbers[0]}"
    if len(numbers) <= most:
        return f"rows {', '.join(map(str, numbers[:-1]))} and {numbers[-1]}"
    shown = ", ".join(map(str, numbers[:most]))
    return f"rows {shown} and {len(numbers) - most} more"


def _role_of(header: str, taken: set[str], *, exact: bool) -> str | None:
    best, length = None, -1
    for role, (_, names) in ROLES.items():
        if role in taken:
            continue
        for name in names:
            hit = header == name if exact else header.startswith(name)
            if hit and len(name) > length:
                best, length = role, len(name)
    return best


def _assign(cells: tuple[str, ...]) -> tuple[dict[str, Column], int]:
    """The roles of one row's cells, and how many of them matched a name exactly."""
    headers = [fold(normalised_header(c)) for c in cells]
    found: dict[str, Column] = {}
    exact = 0
    for exact_pass in (True, False):
        for index, header in enumerate(headers):
            if not header or any(c.index == index for c in found.values()):
                continue
            role = _role_of(header, set(found), exact=exact_pass)
            if role is not None:
                found[role] = Column(index, cells[index], role)
                exact += exact_pass
    return found, exact


def layout_find(sheet: Sheet) -> Layout | None:
    """The header row among the sheet's first rows: of the rows that name a vendor column, the
    one naming the most columns we read (then the most exactly, then the first). A title row
    above the table ("Vendor list 2026") therefore loses to the real header below it."""
    best: tuple[tuple[int, int, int], int, dict[str, Column], tuple[str, ...]] | None = None
    for number, cells in sheet.rows[:HEADER_WITHIN]:
        found, exact = _assign(cells)
        if "vendor" not in found:
            continue
        score = (len(found), exact, -number)
        if best is None or score > best[0]:
            best = (score, number, found, cells)
    if best is None:
        return None
    _, number, found, cells = best
    used = {c.index for c in found.values()}
    ignored = tuple(Column(i, c, "") for i, c in enumerate(cells) if c and i not in used)
    return Layout(sheet, number, found, ignored)


def layout_of(tables: Tables) -> Layout | None:
    """The first sheet with a vendor column: a workbook may open with a sheet of instructions."""
    for sheet in tables.sheets:
        found = layout_find(sheet)
        if found is not None:
            return found
    return None


def expected_columns() -> list[tuple[str, tuple[str, ...]]]:
    """(column, header names recognised) for the upload page's help."""
    return list(ROLES.values())
