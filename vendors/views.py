"""Browser pages of the vendor catalogue. Each view parses input, calls a selector or one service,
and renders; who may do what is answered by core.permissions."""

from collections import Counter

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.html import format_html
from django.views.decorators.http import require_http_methods, require_safe

from core.bidi import isolate
from core.permissions import can_edit_catalogue, can_read, role_required
from tiering.due import documents_due
from tiering.selectors import offerings_cadence, vendors_cadence
from vendors.forms import ContactForm, OfferingForm, VendorForm
from vendors.selectors import (
    catalogue_history,
    contact_list_for_vendor,
    offering_list_for_vendor,
    vendor_get_for_user,
    vendor_list,
    vendor_standing_labels,
)
from vendors.services import contact_create, offering_create, vendor_create, vendor_update

VENDORS_PER_PAGE = 25

# Each names what someone typed, in a <bdi> (core/bidi.py): it cannot turn the sentence round.
VENDOR_CREATED = "Vendor “{name}” was created."
VENDOR_UPDATED = "Vendor “{name}” was updated."
OFFERING_CREATED = "Offering “{name}” was added."
CONTACT_CREATED = "Contact “{name}” was added."

# A form page: shown by GET (and HEAD, as every page), sent by POST; anything else is a 405.
FORM_METHODS = ["GET", "HEAD", "POST"]


def _posted(request: HttpRequest):
    # An empty POST still binds the form, so submitting it blank shows "required" errors.
    return request.POST if request.method == "POST" else None


@require_safe
@role_required(can_read)
def vendor_list_view(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    paginator = Paginator(vendor_list(user=request.user, query=query), VENDORS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    vendor_standing_labels(page.object_list)
    listed = [v.pk for v in page.object_list]
    cadence = vendors_cadence(listed)
    ending = Counter(
        d.assessment.offering.vendor_id
        for d in documents_due(today=timezone.localdate(), vendor_ids=listed)
    )
    for vendor in page.object_list:
        vendor.cadence = cadence.get(vendor.pk)
        vendor.documents_ending = ending.get(vendor.pk, 0)
        # The sooner of an open assessment's due date and the tier's next review.
        dues = [d for d in (vendor.next_due, getattr(vendor.cadence, "next_review_due", None)) if d]
        vendor.next_due = min(dues) if dues else None
    return render(
        request,
        "vendors/vendor_list.html",
        {"page": page, "query": query, "can_edit_catalogue": can_edit_catalogue(request.user)},
    )


@require_safe
@role_required(can_read)
def vendor_detail_view(request: HttpRequest, pk) -> HttpResponse:
    vendor = vendor_get_for_user(user=request.user, pk=pk)
    offerings = list(offering_list_for_vendor(vendor=vendor, with_assessments=True))
    cadence = offerings_cadence([o.pk for o in offerings])
    today = timezone.localdate()
    for offering in offerings:
        offering.cadence = cadence[offering.pk]
        offering.days_left = offering.cadence.days_left(today)
    return render(
        request,
        "vendors/vendor_detail.html",
        {
            "vendor": vendor,
            "offerings": offerings,
            "expiring": documents_due(vendor_ids=[vendor.pk], today=today),
            "today": today,
            "contacts": contact_list_for_vendor(vendor=vendor),
            "history": catalogue_history(vendor=vendor),
            "can_edit_catalogue": can_edit_catalogue(request.user),
        },
    )


@require_http_methods(FORM_METHODS)
@role_required(can_edit_catalogue)
def vendor_create_view(request: HttpRequest) -> HttpResponse:
    form = VendorForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            vendor = vendor_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, format_html(VENDOR_CREATED, name=isolate(vendor.name)))
            return redirect("vendors:detail", pk=vendor.pk)
    return render(request, "vendors/vendor_form.html", {"form": form, "vendor": None})


@require_http_methods(FORM_METHODS)
@role_required(can_edit_catalogue)
def vendor_edit_view(request: HttpRequest, pk) -> HttpResponse:
    vendor = vendor_get_for_user(user=request.user, pk=pk)
    initial = {field: getattr(vendor, field) for field in VendorForm.base_fields}
    form = VendorForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            vendor_update(actor=request.user, vendor=vendor, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, format_html(VENDOR_UPDATED, name=isolate(vendor.name)))
            return redirect("vendors:detail", pk=vendor.pk)
    return render(request, "vendors/vendor_form.html", {"form": form, "vendor": vendor})


@require_http_methods(FORM_METHODS)
@role_required(can_edit_catalogue)
def offering_create_view(request: HttpRequest, pk) -> HttpResponse:
    vendor = vendor_get_for_user(user=request.user, pk=pk)
    form = OfferingForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            offering = offering_create(actor=request.user, vendor=vendor, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, format_html(OFFERING_CREATED, name=isolate(offering.name)))
            return redirect("vendors:detail", pk=vendor.pk)
    return render(request, "vendors/offering_form.html", {"form": form, "vendor": vendor})


@require_http_methods(FORM_METHODS)
@role_required(can_edit_catalogue)
def contact_create_view(request: HttpRequest, pk) -> HttpResponse:
    vendor = vendor_get_for_user(user=request.user, pk=pk)
    form = ContactForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            contact = contact_create(actor=request.user, vendor=vendor, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, format_html(CONTACT_CREATED, name=isolate(contact.name)))
            return redirect("vendors:detail", pk=vendor.pk)
    return render(request, "vendors/contact_form.html", {"form": form, "vendor": vendor})
