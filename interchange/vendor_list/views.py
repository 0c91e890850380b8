"""The vendor-list import pages, under the vendors (/vendors/import/…): upload, preview,
confirm, discard. Only the roles that may create vendors reach them (core.permissions)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.errors import ServiceError
from core.permissions import can_edit_catalogue, role_required
from interchange.vendor_list.page import preview_context, upload_context
from interchange.vendor_list.selectors import (
    vendor_list_import_get_for_user,
    vendor_list_imports_recent,
)
from interchange.vendor_list.services import (
    vendor_list_import_apply,
    vendor_list_import_discard,
    vendor_list_import_preview,
)

IMPORTED = "The vendor list was imported: {summary}."
NOTHING_CHANGED = "The vendor list was imported; it changed nothing in the catalogue."
DISCARDED = "The preview was discarded; nothing was imported."
DONE_WORDS = (
    ("vendor_create", "vendor added", "vendors added"),
    ("vendor_update", "vendor updated", "vendors updated"),
    ("offering_create", "offering added", "offerings added"),
    ("offering_update", "offering updated", "offerings updated"),
    ("contact_create", "contact added", "contacts added"),
    ("contact_update", "contact updated", "contacts updated"),
)


def _upload_page(request: HttpRequest, *, error: str = "", status: int = 200) -> HttpResponse:
    context = {**upload_context(), "error": error}
    context["recent"] = vendor_list_imports_recent(user=request.user)
    return render(request, "interchange/vendor_import_upload.html", context, status=status)


def _preview_page(request, record, *, refused: str = "", status: int = 200) -> HttpResponse:
    context = {**preview_context(record), "refused": refused}
    return render(request, "interchange/vendor_import_preview.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(can_edit_catalogue)
def vendor_import_upload(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _upload_page(request)
    try:
        record = vendor_list_import_preview(actor=request.user, upload=request.FILES.get("file"))
    except ServiceError as refused:
        return _upload_page(request, error=refused.message, status=refused.http_status)
    return redirect("vendor_import:preview", import_id=record.pk)


@require_safe
@role_required(can_edit_catalogue)
def vendor_import_preview(request: HttpRequest, import_id) -> HttpResponse:
    record = vendor_list_import_get_for_user(user=request.user, pk=import_id)
    return _preview_page(request, record)


@require_POST
@role_required(can_edit_catalogue)
def vendor_import_confirm(request: HttpRequest, import_id) -> HttpResponse:
    record = vendor_list_import_get_for_user(user=request.user, pk=import_id)
    try:
        done = vendor_list_import_apply(actor=request.user, import_id=record.pk)
    except ServiceError as refused:
        record.refresh_from_db()
        return _preview_page(request, record, refused=refused.message, status=refused.http_status)
    parts = [
        f"{done[key]} {one if done[key] == 1 else many}"
        for key, one, many in DONE_WORDS
        if done.get(key)
    ]
    messages.success(
        request, IMPORTED.format(summary=", ".join(parts)) if parts else NOTHING_CHANGED
    )
    return redirect("vendors:list")


@require_POST
@role_required(can_edit_catalogue)
def vendor_import_discard(request: HttpRequest, import_id) -> HttpResponse:
    record = vendor_list_import_get_for_user(user=request.user, pk=import_id)
    try:
        vendor_list_import_discard(actor=request.user, import_id=record.pk)
    except ServiceError as refused:
        record.refresh_from_db()
        return _preview_page(request, record, refused=refused.message, status=refused.http_status)
    messages.success(request, DISCARDED)
    return redirect("vendor_import:upload")
