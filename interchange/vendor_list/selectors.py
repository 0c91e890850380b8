"""Reads of vendor-list imports. Every view reaches one through `vendor_list_import_get_for_user`.

Any catalogue editor may open any import: a preview is a draft of catalogue changes, editors are
trusted with the whole catalogue, and a colleague may finish an import someone else started."""

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404

from core.permissions import can_edit_catalogue
from interchange.models import VendorListImport

RECENT = 10


def _imports_visible_to(user) -> QuerySet[VendorListImport]:
    if not can_edit_catalogue(user):
        return VendorListImport.objects.none()
    return VendorListImport.objects.all()


def vendor_list_import_get_for_user(*, user, pk) -> VendorListImport:
    try:
        return _imports_visible_to(user).select_related("created_by", "applied_by").get(pk=pk)
    except (VendorListImport.DoesNotExist, ValueError, TypeError, ValidationError):
        # 404 for "absent", "not a UUID" and "not yours" alike: nobody learns which ids exist.
        raise Http404("No such import.") from None


def vendor_list_imports_recent(*, user) -> list[VendorListImport]:
    """The latest imports, newest first, without their files or previews."""
    return list(
        _imports_visible_to(user)
        .select_related("created_by", "applied_by")
        .defer("content", "preview")
        .order_by("-created_at")[:RECENT]
    )
