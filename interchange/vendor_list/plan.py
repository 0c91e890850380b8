"""What a vendor list would change in the catalogue: each vendor, offering and contact of the file
matched to the catalogue and said as a line (create, update with old → new, unchanged), and
every problem (an error in a cell, or a conflict between rows or records).

Vendors and offerings are matched by their folded names (`columns.fold`: no accents, case or
repeated spaces), contacts by e-mail address without case, within their vendor. The stored
spelling of a matched name is kept. An empty cell leaves the stored value alone: a blank in a
spreadsheet means "not given" far more often than "erase this".

Values are compared the same way: "germany" does not overwrite "Germany".

The catalogue is read in three queries whatever the file's length (vendors; then the matched
vendors' offerings and contacts), and every name is folded once."""

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from core.errors import ServiceError
from interchange.tables import Tables
from interchange.vendor_list.columns import Layout, fold, layout_of
from interchange.vendor_list.rows import FileRow, RowReader, problem, quoted
from vendors.models import Contact, Offering, Vendor

_VENDOR_HEADER = (
    "in its first 25 rows: one column's header must be Vendor, Vendor name or Supplier (the "
    "other columns are listed on this page)."
)
NO_VENDOR_COLUMN_CSV = f"The CSV file has no Vendor column {_VENDOR_HEADER}"
NO_VENDOR_COLUMN_XLSX = f"No sheet of this workbook has a Vendor column {_VENDOR_HEADER}"
NO_ROWS = "{where} has a header row (row {row}) but no vendor under it."
# Confirming writes every line through the vendor services in one transaction, about 11 ms a row
# on the benchmark's machine (BENCHMARKS.md); 2,000 rows stay well inside a request's 60 s.
MAX_LIST_ROWS = 2_000
TOO_MANY_ROWS = (
    "{where} has {count:,} rows under its header; import at most {limit:,} at a time (split the "
    "file): a list is confirmed in one go, and a longer one would not finish in time."
)
TWO_VALUES = "{where}: {subject} is given two different {what}: {first} and {second}."
MATCHES_SEVERAL = (
    "{where}: {subject} matches {matches} once accents and case are ignored; write the name "
    "exactly as one of them is spelt."
)
NEW_OFFERING_NEEDS_DEPLOYMENT = (
    "{where}: {subject} is a new offering and needs its deployment model: SaaS, On-premises or "
    "Hybrid."
)
NEW_CONTACT_NEEDS_NAME = "{where}: {subject} is a new contact and needs a name."

DEPLOYMENT_LABELS = dict(Offering.Deployment.choices)
# The fields each kind of line fills: field -> (role of its column, its label, "two different …").
VENDOR = {
    "website": ("website", "Website", "websites"),
    "country": ("country", "Country", "countries"),
    "notes": ("notes", "Notes", "notes"),
}
OFFERING = {"deployment_model": ("deployment", "Deployment", "deployment models")}
CONTACT = {
    "name": ("contact_name", "Name", "names"),
    "role": ("contact_role", "Role", "roles"),
    "phone": ("contact_phone", "Phone", "phone numbers"),
}
KIND_ORDER = {"vendor": 0, "offering": 1, "contact": 2}


@dataclass
class Given:
    value: str
    row: int


@dataclass
class Part:
    """A vendor, offering or contact as the file gives it, over one or more rows."""

    key: str
    name: str
    rows: list[int] = field(default_factory=list)
    values: dict[str, Given] = field(default_factory=dict)
    refused: set[str] = field(default_factory=set)
    """Roles of a cell refused in one of its rows: its error is said already."""
    owner: "Part | None" = None
    """The vendor of an offering or contact."""


@dataclass
class VendorPart(Part):
    offerings: dict[str, Part] = field(default_factory=dict)
    contacts: dict[str, Part] = field(default_factory=dict)


def _shown(field_name: str, value: str) -> str:
    return DEPLOYMENT_LABELS.get(value, value) if field_name == "deployment_model" else value


class Planner:
    def __init__(self, layout: Layout, problems: list[dict]) -> None:
        self.layout = layout
        self.problems = problems
        self.lines: list[dict] = []
        self.disagreeing: set[tuple[int, str]] = set()  # (id of a part, field): said once

    # ---- the file: rows grouped into vendors, their offerings and contacts -----------------

    def collect(self, rows: list[FileRow]) -> dict[str, VendorPart]:
        vendors: dict[str, VendorPart] = {}
        for row in rows:
            v = row.values
            key = fold(v["vendor"])
            vendor = vendors.get(key) or vendors.setdefault(key, VendorPart(key, v["vendor"]))
            vendor.rows.append(row.number)
            given = {f: v[role] for f, (role, *_) in VENDOR.items()}
            self._give(vendor, VENDOR, given, row.number, "")
            if v["offering"]:
                key = fold(v["offering"])
                offering = vendor.offerings.get(key)
                if offering is None:
                    offering = vendor.offerings[key] = Part(key, v["offering"], owner=vendor)
                offering.rows.append(row.number)
                offering.refused |= row.refused
                given = {"deployment_model": row.deployment}
                self._give(offering, OFFERING, given, row.number, "offering")
            if v["contact_email"]:
                key = v["contact_email"].casefold()
                contact = vendor.contacts.get(key)
                if contact is None:
                    contact = vendor.contacts[key] = Part(key, v["contact_email"], owner=vendor)
                contact.rows.append(row.number)
                contact.refused |= row.refused
                given = {f: v[role] for f, (role, *_) in CONTACT.items()}
                self._give(contact, CONTACT, given, row.number, "contact")
        return vendors

    def _give(self, part: Part, fields: dict, given: dict[str, str], row: int, kind: str) -> None:
        """Note what a row gives `part`; a value another row gave differently is a conflict."""
        for name, value in given.items():
            if not value:
                continue
            known = part.values.get(name)
            if known is None:
                part.values[name] = Given(value, row)
            elif fold(known.value) != fold(value) and (id(part), name) not in self.disagreeing:
                self.disagreeing.add((id(part), name))
                role, _, plural = fields[name]
                subject = quoted(part.name)
                if part.owner is not None:  # "the offering “Cloud” of “Acme”"
                    subject = f"the {kind} {subject} of {quoted(part.owner.name)}"
                text = TWO_VALUES.format(
                    where=self.layout.where([known.row, row], role),
                    subject=subject,
                    what=plural,
                    first=quoted(_shown(name, known.value)),
                    second=quoted(_shown(name, value)),
                )
                self.problems.append(problem("conflict", [known.row, row], text))

    # ---- the catalogue: each part matched, and said as a line ------------------------------

    def match(self, vendors: dict[str, VendorPart]) -> None:
        stored: dict[str, list[Vendor]] = defaultdict(list)
        for vendor in Vendor.objects.only("id", "name", "website", "country", "notes"):
            stored[fold(vendor.name)].append(vendor)
        matched: dict[str, Vendor | None] = {}
        for part in vendors.values():
            found, clear = self._pick(stored.get(part.key, []), part, "vendor", quoted(part.name))
            if clear:  # else its conflict says why; its offerings and contacts wait for the fix
                matched[part.key] = found
        ids = [v.pk for v in matched.values() if v is not None]
        offerings: dict[tuple, list[Offering]] = defaultdict(list)
        for offering in Offering.objects.filter(vendor_id__in=ids).only(
            "id", "vendor_id", "name", "deployment_model"
        ):
            offerings[(offering.vendor_id, fold(offering.name))].append(offering)
        contacts: dict[tuple, Contact] = {}
        for contact in Contact.objects.filter(vendor_id__in=ids).only(
            "id", "vendor_id", "name", "email", "role", "phone"
        ):
            contacts[(contact.vendor_id, contact.email.casefold())] = contact
        for part in vendors.values():
            if part.key not in matched:
                continue
            vendor = matched[part.key]
            self._vendor_line(part, vendor)
            for offering in part.offerings.values():
                found, clear = None, True
                if vendor is not None:
                    candidates = offerings.get((vendor.pk, offering.key), [])
                    subject = f"the offering {quoted(offering.name)} of {quoted(vendor.name)}"
                    found, clear = self._pick(candidates, offering, "offering", subject)
                if clear:
                    self._offering_line(part, vendor, offering, found)
            for contact in part.contacts.values():
                found = contacts.get((vendor.pk, contact.key)) if vendor is not None else None
                self._contact_line(part, vendor, contact, found)

    def _pick(self, candidates: list, part: Part, role: str, subject: str) -> tuple:
        """(the stored record `part` is or None, whether that is clear). Names that fold alike
        but are stored apart (the database tells names apart by case only) are a conflict,
        unless one of them is spelt exactly as the file does."""
        if len(candidates) <= 1:
            return (candidates[0] if candidates else None), True
        exact = [c for c in candidates if c.name.casefold() == part.name.casefold()]
        if len(exact) == 1:
            return exact[0], True
        names = sorted(c.name for c in candidates)
        matches = ", ".join(quoted(n) for n in names[:-1]) + f" and {quoted(names[-1])}"
        text = MATCHES_SEVERAL.format(
            where=self.layout.where(part.rows, role), subject=subject, matches=matches
        )
        self.problems.append(problem("conflict", part.rows, text))
        return None, False

    def _line(self, kind: str, part: Part, stored, fields: dict, vendor_part: VendorPart) -> dict:
        """create, update or unchanged, with the fields to write and each change as old → new."""
        changes, values = [], {}
        for name, (_, label, _) in fields.items():
            given = part.values.get(name)
            if given is None:
                continue
            old = getattr(stored, name) if stored is not None else ""
            # Like names, a value differing only in case, accents or spaces is the same value:
            # the catalogue's spelling is kept.
            if fold(given.value) != fold(old):
                values[name] = given.value
                changes.append(
                    {"label": label, "old": _shown(name, old), "new": _shown(name, given.value)}
                )
        action = "create" if stored is None else "update" if changes else "unchanged"
        return {
            "kind": kind,
            "action": action,
            "vendor_key": vendor_part.key,
            "vendor": vendor_part.name,
            "rows": sorted(set(part.rows)),
            "target": str(stored.pk) if stored is not None else None,
            "fields": values,
            "changes": changes,
        }

    def _vendor_line(self, part: VendorPart, stored: Vendor | None) -> None:
        line = self._line("vendor", part, stored, VENDOR, part)
        if stored is not None:
            line["vendor"] = stored.name  # the catalogue's spelling is kept
            line["as_written"] = part.name if part.name != stored.name else ""
        else:
            line["fields"]["name"] = part.name
        line["name"] = line["vendor"]
        self.lines.append(line)

    def _offering_line(self, vendor_part, vendor, part: Part, stored: Offering | None) -> None:
        if stored is None and "deployment_model" not in part.values:
            if "deployment" in part.refused:
                return
            subject = quoted(part.name)
            where = self.layout.where(part.rows, "deployment")
            text = NEW_OFFERING_NEEDS_DEPLOYMENT.format(where=where, subject=subject)
            self.problems.append(problem("error", part.rows, text))
            return
        line = self._line("offering", part, stored, OFFERING, vendor_part)
        line["name"] = stored.name if stored is not None else part.name
        if vendor is not None:
            line["vendor"] = vendor.name
        if stored is None:
            line["fields"]["name"] = part.name
        self.lines.append(line)

    def _contact_line(self, vendor_part, vendor, part: Part, stored: Contact | None) -> None:
        if stored is None and "name" not in part.values:
            if "contact_name" in part.refused:
                return
            where = self.layout.where(part.rows, "contact_name")
            text = NEW_CONTACT_NEEDS_NAME.format(where=where, subject=quoted(part.name))
            self.problems.append(problem("error", part.rows, text))
            return
        line = self._line("contact", part, stored, CONTACT, vendor_part)
        line["email"] = stored.email if stored is not None else part.name
        line["name"] = stored.name if stored is not None else part.values["name"].value
        if vendor is not None:
            line["vendor"] = vendor.name
        if stored is None:
            line["fields"]["email"] = part.name
        self.lines.append(line)


def plan_build(tables: Tables) -> dict:
    """The preview of `tables`: what each vendor, offering and contact would become, and every
    problem. Raises ServiceError when the file holds no vendor list at all."""
    layout = layout_of(tables)
    if layout is None:
        raise ServiceError(NO_VENDOR_COLUMN_CSV if tables.kind == "csv" else NO_VENDOR_COLUMN_XLSX)
    count = sum(1 for number, _ in layout.sheet.rows if number > layout.header_row)
    if count > MAX_LIST_ROWS:
        raise ServiceError(
            TOO_MANY_ROWS.format(where=layout.sheet.label, count=count, limit=MAX_LIST_ROWS)
        )
    reader = RowReader(layout)
    rows = reader.rows()
    if not rows and not reader.problems:
        label = layout.sheet.label
        raise ServiceError(NO_ROWS.format(where=label, row=layout.header_row))
    planner = Planner(layout, reader.problems)
    planner.match(planner.collect(rows))
    lines = sorted(planner.lines, key=lambda x: (x["rows"][0], KIND_ORDER[x["kind"]]))
    problems = sorted(planner.problems, key=lambda p: (p["rows"][0], p["kind"]))
    counts = Counter(f"{line['kind']}_{line['action']}" for line in lines)
    counts.update(p["kind"] for p in problems)
    return {
        "sheet": layout.sheet.label,
        "header_row": layout.header_row,
        "rows": len(rows),
        "columns": [c.as_dict() for c in sorted(layout.columns.values(), key=lambda c: c.index)],
        "ignored": [c.as_dict() for c in layout.ignored],
        "lines": lines,
        "problems": problems,
        "counts": dict(counts),
    }


def plan_same(first: dict, second: dict) -> bool:
    """Would both previews write the same thing? (The lines and problems, nothing else.)"""

    def key(plan: dict) -> str:
        return json.dumps([plan["lines"], plan["problems"]], sort_keys=True, default=str)

    return key(first) == key(second)
