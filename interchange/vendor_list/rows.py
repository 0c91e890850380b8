"""A vendor list's rows, read cell by cell and checked with the catalogue's own rules: the model
fields' validators (`web_url_validator`, Django's EmailValidator, lengths) and the typed-text
rules every vendor service applies (core/text.py), so that what the preview accepts the services
accept too. Each refusal names its sheet, row and column."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models

from core.bidi import isolate_text
from core.text import typed_text_fields_clean
from interchange.tables import cell
from interchange.vendor_list.columns import Layout, deployment_of
from vendors.forms import VendorForm
from vendors.models import Contact, Offering, Vendor

QUOTE_CHARS = 60

VENDOR_MISSING = "{where}: the vendor's name is missing; every row needs one."
OFFERING_MISSING = "{where}: the offering's name is missing, yet the row gives its deployment."
EMAIL_MISSING = "{where}: the contact's e-mail address is missing; contacts are matched by it."
DEPLOYMENT_UNKNOWN = "{where}: deployment {value} is not SaaS, On-premises or Hybrid."
REFUSED_CELL = "{where}: {message} The cell reads {value}."

# Each model field a row fills, and the role (column) it comes from.
VENDOR_FIELDS = {"name": "vendor", "website": "website", "country": "country", "notes": "notes"}
OFFERING_FIELDS = {"name": "offering"}
CONTACT_FIELDS = {
    "name": "contact_name",
    "email": "contact_email",
    "role": "contact_role",
    "phone": "contact_phone",
}
_CONTACT_ROLES = tuple(CONTACT_FIELDS.values())
_WEBSITE = VendorForm.base_fields["website"]


def quoted(value: str) -> str:
    """A cell's text inside one of our sentences: shortened, in quotes, isolated (core/bidi.py)."""
    short = value if len(value) <= QUOTE_CHARS else value[: QUOTE_CHARS - 1] + "…"
    return f"“{isolate_text(short)}”"


def problem(kind: str, rows: list[int], text: str) -> dict:
    """An error (a cell the catalogue would refuse) or a conflict (rows or records that disagree);
    either one keeps the whole file from being imported."""
    return {"kind": kind, "rows": sorted(set(rows)), "text": text}


@dataclass
class FileRow:
    number: int
    values: dict[str, str]
    """role -> the cell's text, normalised the way the services store it ("" when empty)."""
    deployment: str
    """The deployment model's value ("saas" …), or "" when the row names none."""
    refused: set[str]
    """Roles whose cell was refused (an error says so): their value here is ""."""

    def has_contact(self) -> bool:
        return any(self.values[r] for r in _CONTACT_ROLES)


class RowReader:
    """Reads the rows under the header of `layout`, collecting problems as it goes."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.problems: list[dict] = []

    def error(self, number: int, template: str, role: str, **values: str) -> None:
        text = template.format(where=self.layout.where(number, role), **values)
        self.problems.append(problem("error", [number], text))

    def rows(self) -> list[FileRow]:
        read = []
        for number, cells in self.layout.sheet.rows:
            if number <= self.layout.header_row:
                continue
            row = self._row(number, cells)
            if row is not None:
                read.append(row)
        return read

    def _row(self, number: int, cells: tuple[str, ...]) -> FileRow | None:
        values = {role: cell(cells, c.index) for role, c in self.layout.columns.items()}
        for role in (*VENDOR_FIELDS.values(), "offering", "deployment", *_CONTACT_ROLES):
            values.setdefault(role, "")
        if not any(values.values()):
            return None  # only columns we do not read
        if not values["vendor"]:
            self.error(number, VENDOR_MISSING, "vendor")
            return None
        if values["website"]:
            values["website"] = self._website(values["website"])
        row = FileRow(number, values, "", set())
        original = dict(values)
        self._check(Vendor(), VENDOR_FIELDS, row, original)
        if values["deployment"]:
            row.deployment = deployment_of(values["deployment"]) or ""
            if not row.deployment:
                row.refused.add("deployment")
                self.error(
                    number, DEPLOYMENT_UNKNOWN, "deployment", value=quoted(values["deployment"])
                )
        if values["offering"]:
            self._check(Offering(), OFFERING_FIELDS, row, original)
        elif values["deployment"]:
            self.error(number, OFFERING_MISSING, "offering")
        if any(values[r] for r in _CONTACT_ROLES):
            if not values["contact_email"]:
                self.error(number, EMAIL_MISSING, "contact_email")
            self._check(Contact(), CONTACT_FIELDS, row, original)
        if not values["vendor"]:
            return None  # its name was refused above: nothing to attach the rest to
        return row

    @staticmethod
    def _website(text: str) -> str:
        # The vendor form's own reading: a bare "acme.example" means https://acme.example.
        try:
            return _WEBSITE.to_python(text)
        except ValidationError:
            return text  # the model's validators below say what is wrong with it

    def _check(
        self, instance: models.Model, fields: dict[str, str], row: FileRow, original: dict
    ) -> None:
        """Validate the row's values for `instance`'s fields as the services will; the values
        come back normalised (NFC, stripped), a refused one as ""."""
        values, number = row.values, row.number
        given = {field: role for field, role in fields.items() if values[role]}
        for field, role in given.items():
            setattr(instance, field, values[role])
        refused = typed_text_fields_clean(instance)
        exclude = [f.name for f in instance._meta.fields if f.name not in given]
        try:
            instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                refused.setdefault(field, []).extend(messages)
        for field, role in given.items():
            if field not in refused:
                values[role] = getattr(instance, field)
                continue
            for message in dict.fromkeys(refused[field]):  # URLs carry two validators
                self.error(
                    number, REFUSED_CELL, role, message=message, value=quoted(original[role])
                )
            values[role] = ""
            row.refused.add(role)
