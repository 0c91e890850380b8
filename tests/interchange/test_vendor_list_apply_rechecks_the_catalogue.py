"""Confirming reads the file again against the catalogue as it is then: if anything the preview
showed has changed since (a vendor created meanwhile under the same name, a website edited),
nothing is written and the person is asked to look at a fresh preview."""

import pytest

from core.errors import ConflictError
from interchange.models import VendorListImport
from interchange.vendor_list.services import CHANGED_SINCE, vendor_list_import_apply
from tests.factories import VendorFactory
from tests.interchange.vendor_lists import HEADER, preview
from vendors.models import CatalogueEvent, Vendor
from vendors.services import vendor_create, vendor_update

pytestmark = pytest.mark.django_db


def _refused(actor, record) -> None:
    events = CatalogueEvent.objects.count()
    with pytest.raises(ConflictError) as refused:
        vendor_list_import_apply(actor=actor, import_id=record.pk)
    assert refused.value.message == CHANGED_SINCE
    assert CatalogueEvent.objects.count() == events
    record.refresh_from_db()
    assert record.status == VendorListImport.Status.PREVIEWED


def test_a_vendor_created_meanwhile_under_the_same_name_stops_the_import(
    procurement_user, admin_user
):
    record = preview(
        procurement_user,
        [HEADER, ("Initech", "", "", "", "", "", ""), ("Société Générale", "", "", "", "", "", "")],
    )
    assert [line["action"] for line in record.preview["lines"]] == ["create", "create"]
    vendor_create(actor=admin_user, name="Societe generale")
    _refused(procurement_user, record)
    assert not Vendor.objects.filter(name="Initech").exists()


def test_a_vendor_edited_meanwhile_stops_the_import(procurement_user, admin_user):
    acme = VendorFactory(name="Acme", website="https://acme.example")
    record = preview(
        procurement_user, [HEADER, ("Acme", "https://new.acme.example", "", "", "", "", "")]
    )
    vendor_update(actor=admin_user, vendor=acme, website="https://other.acme.example")
    _refused(procurement_user, record)
    acme.refresh_from_db()
    assert acme.website == "https://other.acme.example"


def test_an_unchanged_catalogue_is_imported(procurement_user, admin_user):
    VendorFactory(name="Acme")
    record = preview(procurement_user, [HEADER, ("Initech", "", "", "", "", "", "")])
    vendor_create(actor=admin_user, name="Umbrella")  # not in the file: no reason to stop
    assert vendor_list_import_apply(actor=procurement_user, import_id=record.pk) == {
        "vendor_create": 1
    }
