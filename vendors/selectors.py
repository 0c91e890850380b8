"""Reads of vendors, offerings and contacts. Every view reaches a vendor through
`vendor_get_for_user`; offerings and contacts are read through the vendor it returned."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
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


def _assessment_model():
    return Offering._meta.get_field("assessments").related_model


def _standing(vendors: QuerySet[Vendor]) -> QuerySet[Vendor]:
    """Each vendor's latest assessment (its status and stored grade), its latest decision, and
    its next due review: the nearest due date among its assessments not yet decided (no
    assessment carries a "next review" date of its own). Subqueries, one query for the page.

    The assessments are reached through the offerings' reverse relation, so this app never
    imports `assessments`; "decided" is read from `decided_at`, which every decision sets and
    a withdrawal clears."""
    assessments = _assessment_model().objects.filter(offering__vendor=OuterRef("pk"))
    latest = assessments.order_by("-created_at", "-pk")
    decided = assessments.filter(decided_at__isnull=False).order_by("-decided_at", "-pk")
    open_due = assessments.filter(decided_at__isnull=True, due_date__isnull=False).order_by(
        "due_date"
    )
    return vendors.annotate(
        latest_status=Subquery(latest.values("status")[:1]),
        latest_grade=Subquery(latest.values("summary__grade")[:1]),
        latest_missing_required=Subquery(latest.values("summary__missing_required")[:1]),
        decision=Subquery(decided.values("status")[:1]),
        decided_grade=Subquery(decided.values("decided_grade")[:1]),
        decided_at=Subquery(decided.values("decided_at")[:1]),
        next_due=Subquery(open_due.values("due_date")[:1]),
    )


def vendor_list(*, user: User, query: str = "") -> QuerySet[Vendor]:
    """Vendors matching `query` in their name, country or one of their offerings' names, each
    with its standing (`_standing`)."""
    vendors = _standing(_vendors_visible_to(user))
    query = query.strip()
    if query:
        # EXISTS, not a join: a vendor with two matching offerings must still appear once, and
        # its offerings_count must not be multiplied.
        offering_matches = Offering.objects.filter(vendor=OuterRef("pk"), name__icontains=query)
        vendors = vendors.filter(
            Q(name__icontains=query) | Q(country__icontains=query) | Exists(offering_matches)
        )
    return vendors.order_by("name")


def vendor_standing_labels(vendors: list[Vendor]) -> list[Vendor]:
    """The listed vendors with their standing in words: the status labels, and whether the
    latest grade is provisional (required answers missing) or the one decided."""
    labels = dict(_assessment_model()._meta.get_field("status").choices)
    for vendor in vendors:
        vendor.latest_status_label = labels.get(vendor.latest_status, "")
        vendor.decision_label = labels.get(vendor.decision, "")
        # Only an assessment still being answered misses required answers.
        vendor.latest_provisional = bool(vendor.latest_missing_required)
    return vendors


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
# How the history names a changed field and its old value, where the stored key is not a word.
_FIELD_WORDS = {"deployment_model": "deployment"}
_VALUE_WORDS = {"deployment_model": dict(Offering.Deployment.choices)}


def catalogue_history(*, vendor: Vendor) -> list[CatalogueEvent]:
    """The vendor's latest catalogue changes, newest first; each with `was`, the (field, old
    value) pairs in words ("deployment was SaaS", not "deployment_model was saas")."""
    events = list(vendor.events.order_by("-created_at", "-id")[:HISTORY_LIMIT])
    for event in events:
        event.was = [
            (
                _FIELD_WORDS.get(field, field.replace("_", " ")),
                _VALUE_WORDS.get(field, {}).get(value, value) if isinstance(value, str) else value,
            )
            for field, value in (event.old or {}).items()
        ]
    return events
