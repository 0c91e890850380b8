"""Importing a team's vendor list: a preview first, then everything or nothing.

The preview (vendor_list_import_preview) reads the file and stores what it would change; nothing
reaches the catalogue. Confirming (vendor_list_import_apply) reads the stored file again against
the catalogue as it is now, refuses if that is not what the preview showed, and writes every line
through the vendor services (each change leaves its own event in its vendor's history), then one
catalogue event for the import as a whole, all in one transaction.

A file with errors or conflicts cannot be confirmed at all. Skipping the bad rows would leave a
half-imported list — a vendor without the offering a refused row carried, a contact missing — that
nobody asked for and that is hard to see afterwards; fixing the file and uploading it again costs
a minute and gives a list that is whole."""

import hashlib
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from core.errors import ConflictError, NotAllowed, ServiceError
from core.permissions import can_edit_catalogue
from interchange.models import VendorListImport
from interchange.previews import stale_previews_forget
from interchange.tables import MAX_FILE_BYTES, TOO_LARGE, TableError, tables_read
from interchange.vendor_list.plan import plan_build, plan_same
from interchange.vendor_list.selectors import vendor_list_import_get_for_user
from vendors.models import CatalogueAction, Contact, Offering, Vendor
from vendors.services import (
    catalogue_record,
    contact_create,
    contact_update,
    offering_create,
    offering_update,
    vendor_create,
    vendor_update,
)

NOT_ALLOWED = "Only procurement and administrators import vendor lists."
NO_FILE = "Choose the spreadsheet to upload (.xlsx or .csv)."
ALREADY_DONE = "This list was already {status}; upload the file again to import it."
PROBLEMS_REMAIN = (
    "Nothing was imported: the file has {count} problem{s} (listed below). Fix them in the "
    "spreadsheet and upload it again; a list is imported whole or not at all."
)
CHANGED_SINCE = (
    "Nothing was imported: the catalogue changed after this preview was made (someone added or "
    "edited a vendor, offering or contact it touches). Upload the file again to see a fresh "
    "preview."
)
REFUSED_LINE = "Nothing was imported: the {kind} “{name}” (row {row}) was refused: {problem}"
LINE_KINDS = ("vendor", "offering", "contact")


def _require_editor(actor) -> None:
    if not can_edit_catalogue(actor):
        raise NotAllowed(NOT_ALLOWED)


def vendor_list_import_preview(*, actor, upload: UploadedFile | None) -> VendorListImport:
    _require_editor(actor)
    if upload is None:
        raise ServiceError(NO_FILE, field_errors={"file": [NO_FILE]})
    if upload.size > MAX_FILE_BYTES:
        raise ServiceError(TOO_LARGE, field_errors={"file": [TOO_LARGE]})
    content = upload.read()
    # The browser's name for it, without any folder a client may have sent along.
    name = PurePath((upload.name or "upload").replace("\\", "/")).name or "upload"
    try:
        plan = plan_build(tables_read(content=content, file_name=name))
    except TableError as refused:
        raise ServiceError(str(refused), field_errors={"file": [str(refused)]}) from refused
    except ServiceError as refused:
        raise ServiceError(refused.message, field_errors={"file": [refused.message]}) from None
    counts = plan.pop("counts")
    stale_previews_forget(VendorListImport)
    return VendorListImport.objects.create(
        original_name=name[:255],
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        content=content,
        preview=plan,
        counts=counts,
        created_by=actor,
    )


def _locked(actor, import_id) -> VendorListImport:
    record = vendor_list_import_get_for_user(user=actor, pk=import_id)
    record = VendorListImport.objects.select_for_update().get(pk=record.pk)
    if record.status != VendorListImport.Status.PREVIEWED:
        status = record.get_status_display().lower()
        raise ConflictError(ALREADY_DONE.format(status=status), current=None)
    return record


def _lock_targets(preview: dict) -> None:
    """Hold the records the preview would change until the import commits: nobody edits them
    between the check below and the writes."""
    targets = {kind: [] for kind in LINE_KINDS}
    for line in preview["lines"]:
        if line["target"]:
            targets[line["kind"]].append(line["target"])
    for model, kind in ((Vendor, "vendor"), (Offering, "offering"), (Contact, "contact")):
        if targets[kind]:
            list(model.objects.select_for_update().filter(pk__in=targets[kind]).values("pk"))


class _Writer:
    """Writes a preview's lines through the vendor services: vendors first, so that each
    offering and contact finds its vendor whatever the order of the rows."""

    def __init__(self, actor, lines: list[dict]) -> None:
        self.actor = actor
        self.lines = sorted(lines, key=lambda x: LINE_KINDS.index(x["kind"]))
        targets = {kind: set() for kind in LINE_KINDS}
        for line in lines:
            if line["target"]:
                targets[line["kind"]].add(line["target"])
        self.stored = {
            "vendor": _by_id(Vendor.objects.filter(pk__in=targets["vendor"])),
            "offering": _by_id(Offering.objects.filter(pk__in=targets["offering"])),
            "contact": _by_id(Contact.objects.filter(pk__in=targets["contact"])),
        }
        self.vendor_of: dict[str, Vendor] = {}  # a line's vendor_key -> its vendor

    def write(self) -> dict[str, int]:
        done: dict[str, int] = {}
        for line in self.lines:
            try:
                self._one(line)
            except ValidationError as exc:
                name = line["name"] if line["kind"] != "contact" else line["email"]
                raise ServiceError(
                    REFUSED_LINE.format(
                        kind=line["kind"],
                        name=name,
                        row=line["rows"][0],
                        problem=" ".join(exc.messages),
                    )
                ) from exc
            key = f"{line['kind']}_{line['action']}"
            done[key] = done.get(key, 0) + 1
        return done

    def _one(self, line: dict) -> None:
        kind, action, fields = line["kind"], line["action"], dict(line["fields"])
        stored = self.stored[kind].get(line["target"]) if line["target"] else None
        if kind == "vendor":
            if action == "create":
                stored = vendor_create(actor=self.actor, **fields)
            elif action == "update":
                vendor_update(actor=self.actor, vendor=stored, **fields)
            self.vendor_of[line["vendor_key"]] = stored
            return
        vendor = self.vendor_of[line["vendor_key"]]
        if action == "unchanged":
            return
        if stored is not None:
            stored.vendor = vendor  # the same row: its history event names it without a query
        if kind == "offering" and action == "create":
            offering_create(actor=self.actor, vendor=vendor, **fields)
        elif kind == "offering":
            offering_update(actor=self.actor, offering=stored, **fields)
        elif action == "create":
            contact_create(actor=self.actor, vendor=vendor, **fields)
        else:
            contact_update(actor=self.actor, contact=stored, **fields)


def _by_id(records) -> dict[str, object]:
    return {str(r.pk): r for r in records}


def vendor_list_import_apply(*, actor, import_id) -> dict[str, int]:
    """Import the previewed list whole; the counts of what was written, by kind and action
    ("vendor_create": 3, …)."""
    _require_editor(actor)
    with transaction.atomic():
        record = _locked(actor, import_id)
        problems = record.preview["problems"]
        if problems:
            count = len(problems)
            raise ServiceError(PROBLEMS_REMAIN.format(count=count, s="" if count == 1 else "s"))
        _lock_targets(record.preview)
        tables = tables_read(content=bytes(record.content), file_name=record.original_name)
        fresh = plan_build(tables)
        if not plan_same(fresh, record.preview):
            raise ConflictError(CHANGED_SINCE, current=None)
        done = _Writer(actor, fresh["lines"]).write()
        catalogue_record(
            vendor=None,
            actor=actor,
            action=CatalogueAction.VENDOR_LIST_IMPORTED,
            subject=record.original_name,
            new={
                "import": str(record.pk),
                "file": record.original_name,
                "sha256": record.sha256,
                "size": record.size,
                "rows": record.preview["rows"],
                **done,
            },
        )
        record.status = VendorListImport.Status.APPLIED
        record.applied_by, record.applied_at = actor, timezone.now()
        record.content = b""
        record.save(update_fields=["status", "applied_by", "applied_at", "content", "updated_at"])
    return done


def vendor_list_import_discard(*, actor, import_id) -> VendorListImport:
    _require_editor(actor)
    with transaction.atomic():
        record = _locked(actor, import_id)
        record.status = VendorListImport.Status.DISCARDED
        record.content = b""
        record.save(update_fields=["status", "content", "updated_at"])
    return record
