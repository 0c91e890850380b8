"""Reads of vendors, offerings and contacts. Every view reaches a vendor through
`vendor_get_for_user`; offerings and contacts are read through the vendor it returned."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404

from core.permissions import can_read
from vendors.models import CatalogueEvent, Contact, Offering, Vendor

User = AbstractBaseUser | AnonymousUser


def _vendors_visible_to(user: User) -> QuerySet[Vendor]:
    # One organisation per installation: every role reads the whole catalogue; a signed-in user
    # without a role reads nothing.
    if not can_read(user):
        return Vendor.objects.none()
    return Vendor.objects.annotate(offerings_count=Count("offerings"))


def vendor_list(*, user: User, query: str = "") -> QuerySet[Vendor]:
    """Vendors matching `query` in their name, country or one of their offerings' names."""
    vendors = _vendors_visible_to(user)
    query = query.strip()
    if query:
        # EXISTS, not a join: a vendor with two matching offerings must still appear once, and
        # its offerings_count must not be multiplied.
        offering_matches = Offering.objects.filter(vendor=OuterRef("pk"), name__icontains=query)
        vendors = vendors.filter(
            Q(name__icontains=query) | Q(country__icontains=query) | Exists(offering_matches)
        )
    return vendors.order_by("name")


def vendor_get_for_user(*, user: User, pk) -> Vendor:
    try:
        return _vendors_visible_to(user).get(pk=pk)
    except (Vendor.DoesNotExist, ValueError, TypeError, ValidationError):
        # 404 for "absent", "not a UUID" and "not yours" alike: nobody learns which ids exist.
        raise Http404("No such vendor.") from None


def offering_list_for_vendor(
    *, vendor: Vendor, with_assessments: bool = False
) -> QuerySet[Offering]:
    """The vendor's offerings; with their assessments in a fixed number of queries if asked.

    The assessments come through the reverse relation, so this app never imports `assessments`.
    """
    offerings = vendor.offerings.order_by("name")
    if with_assessments:
        offerings = offerings.prefetch_related("assessments__questionnaire")
    return offerings


def contact_list_for_vendor(*, vendor: Vendor) -> QuerySet[Contact]:
    return vendor.contacts.order_by("name")


HISTORY_LIMIT = 20


def catalogue_history(*, vendor: Vendor) -> list[CatalogueEvent]:
    """The vendor's latest catalogue changes, newest first."""
    return list(vendor.events.order_by("-created_at", "-id")[:HISTORY_LIMIT])
