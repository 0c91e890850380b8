"""The preview changes nothing in the catalogue; confirming imports the list whole, through the
vendor services, and refuses while the file has any error or conflict — a list is imported whole
or not at all."""

import pytest

from core.errors import ConflictError, ServiceError
from interchange.models import VendorListImport
from interchange.vendor_list.services import (
    PROBLEMS_REMAIN,
    vendor_list_import_apply,
    vendor_list_import_discard,
)
from tests.factories import VendorFactory
from tests.interchange.vendor_lists import HEADER, preview
from vendors.models import CatalogueEvent, Contact, Offering, Vendor

pytestmark = pytest.mark.django_db

ROWS = [
    HEADER,
    ("Acme", "acme.example", "Germany", "Acme Cloud", "SaaS", "Jo Doe", "jo@acme.example"),
    ("Acme", "", "", "Acme Edge", "on-prem", "", ""),
    ("Globex", "", "France", "", "", "", ""),
]


def _catalogue() -> tuple:
    return (
        sorted(Vendor.objects.values_list("name", "website", "country")),
        sorted(Offering.objects.values_list("vendor__name", "name", "deployment_model")),
        sorted(Contact.objects.values_list("vendor__name", "name", "email")),
    )


def test_the_preview_writes_nothing_to_the_catalogue(procurement_user):
    VendorFactory(name="Globex", country="")
    before, events = _catalogue(), CatalogueEvent.objects.count()
    record = preview(procurement_user, ROWS)
    assert record.status == VendorListImport.Status.PREVIEWED
    assert bytes(record.content) and len(record.sha256) == 64
    assert (_catalogue(), CatalogueEvent.objects.count()) == (before, events)


def test_confirming_imports_every_line(procurement_user):
    VendorFactory(name="Globex", website="", country="")
    record = preview(procurement_user, ROWS)
    done = vendor_list_import_apply(actor=procurement_user, import_id=record.pk)
    assert done == {
        "vendor_create": 1,
        "vendor_update": 1,
        "offering_create": 2,
        "contact_create": 1,
    }
    assert _catalogue() == (
        [("Acme", "https://acme.example", "Germany"), ("Globex", "", "France")],
        [("Acme", "Acme Cloud", "saas"), ("Acme", "Acme Edge", "on_prem")],
        [("Acme", "Jo Doe", "jo@acme.example")],
    )
    record.refresh_from_db()
    assert record.status == VendorListImport.Status.APPLIED
    assert (record.applied_by, bytes(record.content)) == (procurement_user, b"")
    with pytest.raises(ConflictError):
        vendor_list_import_apply(actor=procurement_user, import_id=record.pk)


def test_confirming_is_refused_while_any_row_has_a_problem(procurement_user):
    record = preview(procurement_user, [*ROWS, ("Initech", "", "", "Box", "Cloud-ish", "", "")])
    before = _catalogue()
    with pytest.raises(ServiceError) as refused:
        vendor_list_import_apply(actor=procurement_user, import_id=record.pk)
    assert refused.value.message == PROBLEMS_REMAIN.format(count=1, s="")
    assert _catalogue() == before
    assert VendorListImport.objects.get().status == VendorListImport.Status.PREVIEWED


def test_a_discarded_preview_forgets_the_file_and_cannot_be_confirmed(procurement_user):
    record = preview(procurement_user, ROWS)
    vendor_list_import_discard(actor=procurement_user, import_id=record.pk)
    record.refresh_from_db()
    assert (record.status, bytes(record.content)) == (VendorListImport.Status.DISCARDED, b"")
    with pytest.raises(ConflictError):
        vendor_list_import_apply(actor=procurement_user, import_id=record.pk)
    assert not Vendor.objects.filter(name="Acme").exists()


def test_a_preview_left_for_a_week_is_discarded_with_its_copy_of_the_file(procurement_user):
    import datetime

    from django.utils import timezone

    old = preview(procurement_user, ROWS)
    VendorListImport.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=8)
    )
    fresh = preview(procurement_user, ROWS)
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert (old.status, bytes(old.content)) == ("discarded", b"")
    assert fresh.status == "previewed" and bytes(fresh.content)
